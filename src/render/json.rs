//! The `json` format: one machine-readable document, described in the
//! [module docs](super#json).

use std::io::{self, Write};

use serde::Serialize;

use super::locate::{Located, Locator};
use super::{into_string, render_all, take_each, FileReport, Findings, Renderer, Tally};
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
pub fn write_json<W: Write>(files: &[FileReport<'_>], out: W) -> io::Result<()> {
    render_all(&mut Json::new(out), files)
}

/// The [`json`] format as a [`Renderer`]: each finding is written as it
/// comes, and the summary at the end from running counts.
///
/// The document is the one serde_json pretty-prints, written a piece at a
/// time: each finding is printed on its own and indented to its depth.
///
/// ```
/// use ztlint::render::{Json, Renderer};
///
/// let source = r#"{"session_duration": "1d"}"#;
/// let mut out = Vec::new();
/// let mut renderer = Json::new(&mut out);
/// renderer.file("org.json", source, &mut |each| ztlint::Linter::new().lint_each(source, &mut |d| each(&d)))?;
/// renderer.finish()?;
/// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(doc["diagnostics"][0]["code"], "duration-syntax");
/// assert_eq!(doc["summary"]["errors"], 1);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Json<W> {
    out: W,
    tally: Tally,
    /// Whether the document's opening is written.
    opened: bool,
    /// Whether a finding is written, so that the next one takes a comma.
    any: bool,
}

/// A finding's depth in the document: two levels of two spaces.
const FINDING_INDENT: &[u8] = b"\n    ";
/// The summary's depth: one level.
const SUMMARY_INDENT: &[u8] = b"\n  ";

impl<W: Write> Json<W> {
    /// A renderer that writes to `out`.
    ///
    /// ```
    /// use ztlint::render::{Json, Renderer};
    ///
    /// let mut out = Vec::new();
    /// Json::new(&mut out).finish()?;
    /// assert_eq!(out, ztlint::render::json(&[]).as_bytes());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(out: W) -> Json<W> {
        Json {
            out,
            tally: Tally::default(),
            opened: false,
            any: false,
        }
    }

    /// Writes the document up to its first finding, once.
    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            self.opened = true;
            write!(
                self.out,
                "{{\n  \"version\": {VERSION},\n  \"diagnostics\": ["
            )?;
        }
        Ok(())
    }
}

impl<W: Write> Renderer for Json<W> {
    fn file(&mut self, name: &str, source: &str, findings: &mut Findings<'_>) -> io::Result<()> {
        self.tally.files += 1;
        self.open()?;
        // Made at the first finding: a clean file costs no index.
        let mut locator = None;
        take_each(findings, |d| {
            self.tally.add(d);
            let locator = locator.get_or_insert_with(|| Locator::new(source));
            self.out.write_all(if self.any { b"," } else { b"" })?;
            self.out.write_all(FINDING_INDENT)?;
            self.any = true;
            let out = Indented::new(&mut self.out, FINDING_INDENT);
            serde_json::to_writer_pretty(out, &JsonDiagnostic::new(name, d, locator))?;
            Ok(())
        })
    }

    fn finish(&mut self) -> io::Result<()> {
        self.open()?;
        if self.any {
            self.out.write_all(SUMMARY_INDENT)?;
        }
        self.out.write_all(b"],\n  \"summary\": ")?;
        let summary = Summary {
            errors: self.tally.errors,
            warnings: self.tally.warnings,
            infos: self.tally.infos,
            files: self.tally.files,
        };
        let out = Indented::new(&mut self.out, SUMMARY_INDENT);
        serde_json::to_writer_pretty(out, &summary)?;
        self.out.write_all(b"\n}\n")?;
        self.out.flush()
    }
}

/// Passes what is written on to `out` with `indent` for each newline:
/// serde_json pretty-prints from depth 0, and its output has a newline
/// only between tokens (one in a string is escaped), so a value printed on
/// its own this way sits at its depth in the document.
struct Indented<'a, W> {
    out: &'a mut W,
    indent: &'static [u8],
}

impl<'a, W: Write> Indented<'a, W> {
    fn new(out: &'a mut W, indent: &'static [u8]) -> Indented<'a, W> {
        Indented { out, indent }
    }
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(self.indent)?;
            }
            self.out.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
