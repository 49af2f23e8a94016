//! The `concise` format: one line per finding.

use std::io::{self, Write};

use super::{
    escape_controls, into_string, render_all, take_located, FileReport, Findings, Renderer,
};

/// One line per finding: `file:line:col: severity[code] message`, each ended
/// by `\n`. Nothing is printed for a file without findings.
///
/// Control characters in the file name and message are escaped (`\n`,
/// `\u{1b}`), so every finding stays on one line and nothing reaches the
/// terminal as a control sequence.
///
/// ```
/// use ztlint::render::{concise, FileReport};
/// use ztlint::{Diagnostic, Severity, Span};
///
/// let source = "{\n  \"name\": \"Wïdget\", \"x\": 1\n}";
/// let diagnostics = [Diagnostic::new("unknown-field", Severity::Warning, "`x` is not a field", Span::new(23, 26))];
/// let out = concise(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }]);
/// assert_eq!(out, "org.json:2:21: warning[unknown-field] `x` is not a field\n");
/// ```
pub fn concise(files: &[FileReport<'_>]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_concise(files, &mut out);
    into_string(out)
}

/// Writes [`concise`]'s lines to `out` as they are made, so that the
/// output is never held in memory whole.
///
/// ```
/// use ztlint::render::{write_concise, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let mut out = Vec::new();
/// write_concise(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }], &mut out)?;
/// assert_eq!(out, b"org.json:1:18: error[json-syntax] trailing comma is not allowed in JSON\n");
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// The first error `out` returns.
pub fn write_concise<W: Write>(files: &[FileReport<'_>], out: W) -> io::Result<()> {
    render_all(&mut Concise::new(out), files)
}

/// The [`concise`] format as a [`Renderer`]: each line is written as its
/// finding comes.
///
/// ```
/// use ztlint::render::{Concise, Renderer};
///
/// let source = "{\"name\": \"Widget\",}";
/// let mut out = Vec::new();
/// let mut renderer = Concise::new(&mut out);
/// renderer.file("org.json", source, &mut |each| ztlint::Linter::new().lint_each(source, &mut |d| each(&d)))?;
/// renderer.finish()?;
/// assert_eq!(out, b"org.json:1:18: error[json-syntax] trailing comma is not allowed in JSON\n");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Concise<W> {
    out: W,
}

impl<W: Write> Concise<W> {
    /// A renderer that writes to `out`.
    ///
    /// ```
    /// use ztlint::render::{Concise, Renderer};
    ///
    /// let mut out = Vec::new();
    /// Concise::new(&mut out).finish()?;
    /// assert!(out.is_empty());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(out: W) -> Concise<W> {
        Concise { out }
    }
}

impl<W: Write> Renderer for Concise<W> {
    fn file(&mut self, name: &str, source: &str, findings: &mut Findings<'_>) -> io::Result<()> {
        take_located(
            findings,
            name,
            source,
            escape_controls,
            |locator, name, d| {
                let start = locator.locate(d.span()).start;
                writeln!(
                    self.out,
                    "{name}:{}:{}: {}[{}] {}",
                    start.line,
                    start.column,
                    d.severity(),
                    escape_controls(d.code()),
                    escape_controls(d.message()),
                )
            },
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Severity, Span};

    #[test]
    fn findings_of_every_file_in_order_one_line_each() {
        let a = [
            Diagnostic::new("first", Severity::Error, "one", Span::new(0, 1)),
            Diagnostic::new("second", Severity::Info, "two\nlines", Span::new(4, 5)),
        ];
        let b = [Diagnostic::new(
            "third",
            Severity::Warning,
            "three",
            Span::new(99, 120),
        )];
        let out = concise(&[
            FileReport {
                name: "a.json",
                source: "{\r\n}\n",
                diagnostics: &a,
            },
            FileReport {
                name: "clean.json",
                source: "{}",
                diagnostics: &[],
            },
            FileReport {
                name: "b\u{1b}.json",
                source: "{}",
                diagnostics: &b,
            },
        ]);
        assert_eq!(
            out,
            "a.json:1:1: error[first] one\n\
             a.json:2:2: info[second] two\\nlines\n\
             b\\u{1b}.json:1:3: warning[third] three\n"
        );
    }
}
