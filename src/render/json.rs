//! The `json` format: one machine-readable document, described in the
//! [module docs](super#json).

use std::io::{self, Write};

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::locate::{Located, Locator};
use super::{into_string, Counts, FileReport};
use crate::diagnostic::{Diagnostic, Edit, Fix, Label};
use crate::span::Span;

/// The version of the document's shape; bumped on any incompatible change.
const VERSION: u32 = 1;

/// One JSON document with every finding of `files` and a summary, as
/// described in the [module docs](super#json). Pretty-printed, ended by a
/// newline.
///
/// ```
/// use ztlint::render::{json, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let out = json(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }]);
/// let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
/// assert_eq!(doc["version"], 1);
/// assert_eq!(doc["diagnostics"][0]["code"], "json-syntax");
/// assert_eq!(doc["diagnostics"][0]["offset"], 17);
/// assert_eq!(doc["diagnostics"][0]["column"], 18);
/// assert_eq!(doc["summary"]["errors"], 1);
/// ```
pub fn json(files: &[FileReport<'_>]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the document always serialises.
    let _ = write_json(files, &mut out);
    into_string(out)
}

/// Writes [`json`]'s document to `out`, each finding as it is made, so that
/// the document is never held in memory whole.
///
/// ```
/// use ztlint::render::{write_json, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let mut out = Vec::new();
/// write_json(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }], &mut out)?;
/// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(doc["diagnostics"][0]["code"], "json-syntax");
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// The first error `out` returns.
pub fn write_json<W: Write>(files: &[FileReport<'_>], mut out: W) -> io::Result<()> {
    let counts = Counts::of(files);
    let document = Document {
        version: VERSION,
        diagnostics: Diagnostics(files),
        summary: Summary {
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            files: files.len(),
        },
    };
    serde_json::to_writer_pretty(&mut out, &document)?;
    out.write_all(b"\n")
}

/// Every finding of the files, serialised one at a time.
struct Diagnostics<'a>(&'a [FileReport<'a>]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for file in self.0.iter().filter(|f| !f.diagnostics.is_empty()) {
            let locator = Locator::new(file.source);
            for d in file.diagnostics {
                seq.serialize_element(&JsonDiagnostic::new(file.name, d, &locator))?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Diagnostics<'a>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
}

/// A span's byte range and positions, flattened into its owner.
#[derive(Serialize)]
struct Range {
    offset: usize,
    length: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Range {
    fn new(span: Span, locator: &Locator<'_>) -> Range {
        let Located { span, start, end } = locator.locate(span);
        Range {
            offset: span.start(),
            length: span.len(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    #[serde(flatten)]
    range: Range,
    label: Option<&'a str>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    fixes: Vec<JsonFix<'a>>,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(file: &'a str, d: &'a Diagnostic, locator: &Locator<'_>) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            file,
            code: d.code(),
            severity: d.severity().as_str(),
            message: d.message(),
            range: Range::new(d.span(), locator),
            label: d.primary().text(),
            help: d.help(),
            labels: d
                .secondary()
                .iter()
                .map(|l| JsonLabel::new(l, file, locator))
                .collect(),
            fixes: d.fixes().iter().map(|f| JsonFix::new(f, locator)).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    #[serde(flatten)]
    range: Range,
    message: Option<&'a str>,
}

impl<'a> JsonLabel<'a> {
    /// A label of a finding of `file`; a label in another file has the
    /// positions it was made with.
    fn new(label: &'a Label, file: &'a str, locator: &Locator<'_>) -> JsonLabel<'a> {
        let range = match (label.file(), label.positions_elsewhere()) {
            (Some(_), Some((start, end))) => Range {
                offset: label.span().start(),
                length: label.span().len(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
            },
            _ => Range::new(label.span(), locator),
        };
        JsonLabel {
            file: label.file().unwrap_or(file),
            range,
            message: label.text(),
        }
    }
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

impl<'a> JsonFix<'a> {
    fn new(fix: &'a Fix, locator: &Locator<'_>) -> JsonFix<'a> {
        JsonFix {
            message: fix.message(),
            applicability: fix.applicability().as_str(),
            edits: fix
                .edits()
                .iter()
                .map(|e| JsonEdit::new(e, locator))
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    #[serde(flatten)]
    range: Range,
    replacement: &'a str,
}

impl<'a> JsonEdit<'a> {
    fn new(edit: &'a Edit, locator: &Locator<'_>) -> JsonEdit<'a> {
        JsonEdit {
            range: Range::new(edit.span(), locator),
            replacement: edit.replacement(),
        }
    }
}
