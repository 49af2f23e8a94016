//! The `json` format: one machine-readable document, described in the
//! [module docs](super#json).

use serde::Serialize;

use super::locate::{Located, Locator};
use super::{Counts, FileReport};
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
    let mut diagnostics = Vec::new();
    for file in files {
        if file.diagnostics.is_empty() {
            continue;
        }
        let locator = Locator::new(file.source);
        diagnostics.extend(
            file.diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(file.name, d, &locator)),
        );
    }
    let counts = Counts::of(files);
    let document = Document {
        version: VERSION,
        diagnostics,
        summary: Summary {
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            files: files.len(),
        },
    };
    // Plain structs of strings, integers and options always serialise.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
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
