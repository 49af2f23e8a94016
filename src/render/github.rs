//! The `github` format: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{into_string, render_all, take_located, FileReport, Findings, Renderer};
use crate::diagnostic::Severity;

/// One workflow command per finding, each ended by `\n`:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=ztlint(code)::message`.
///
/// Errors become `::error`, warnings `::warning` and infos `::notice`. The
/// help, if any, follows the message on a second line. Values are escaped
/// as the Actions toolkit does: in the message `%`, `\r` and `\n` become
/// `%25`, `%0D` and `%0A`; in properties `:` and `,` also become `%3A` and
/// `%2C`.
///
/// ```
/// use ztlint::render::{github, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let out = github(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }]);
/// assert_eq!(
///     out,
///     "::error file=org.json,line=1,col=18,endLine=1,endColumn=19,title=ztlint(json-syntax)\
///      ::trailing comma is not allowed in JSON%0Aremove the `,`\n",
/// );
/// ```
pub fn github(files: &[FileReport<'_>]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_github(files, &mut out);
    into_string(out)
}

/// Writes [`github`]'s commands to `out` as they are made, so that the
/// output is never held in memory whole.
///
/// ```
/// use ztlint::render::{write_github, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let mut out = Vec::new();
/// write_github(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }], &mut out)?;
/// assert!(out.starts_with(b"::error file=org.json,line=1,col=18,"));
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// The first error `out` returns.
pub fn write_github<W: Write>(files: &[FileReport<'_>], out: W) -> io::Result<()> {
    render_all(&mut Github::new(out), files)
}

/// The [`github`] format as a [`Renderer`]: each command is written as its
/// finding comes.
///
/// ```
/// use ztlint::render::{Github, Renderer};
///
/// let source = "{\"name\": \"Widget\",}";
/// let mut out = Vec::new();
/// let mut renderer = Github::new(&mut out);
/// renderer.file("org.json", source, &mut |each| ztlint::Linter::new().lint_each(source, &mut |d| each(&d)))?;
/// renderer.finish()?;
/// assert!(out.starts_with(b"::error file=org.json,line=1,col=18,endLine=1,endColumn=19,"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Github<W> {
    out: W,
}

impl<W: Write> Github<W> {
    /// A renderer that writes to `out`.
    ///
    /// ```
    /// use ztlint::render::{Github, Renderer};
    ///
    /// let mut out = Vec::new();
    /// Github::new(&mut out).finish()?;
    /// assert!(out.is_empty());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(out: W) -> Github<W> {
        Github { out }
    }
}

impl<W: Write> Renderer for Github<W> {
    fn file(&mut self, name: &str, source: &str, findings: &mut Findings<'_>) -> io::Result<()> {
        let show = |name| Cow::Owned(escape_property(name));
        take_located(findings, name, source, show, |locator, name, d| {
            let at = locator.locate(d.span());
            let command = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message().to_string();
            if let Some(help) = d.help() {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                self.out,
                "::{command} file={name},line={},col={},endLine={},endColumn={},title={}::{}",
                at.start.line,
                at.start.column,
                at.end.line,
                at.end.column,
                escape_property(&format!("ztlint({})", d.code())),
                escape_data(&message),
            )
        })
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The toolkit's `escapeData`, for a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The toolkit's `escapeProperty`, for a command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Span};

    #[test]
    fn data_and_properties_are_escaped_like_the_toolkit() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("C:\\dir,x\n%20.json"),
            "C%3A\\dir%2Cx%0A%2520.json"
        );
    }

    #[test]
    fn each_severity_has_its_command_and_help_goes_on_a_second_line() {
        let source = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";
        let diagnostics = [
            Diagnostic::new(
                "rule-one",
                Severity::Error,
                "100% wrong: `a`",
                Span::new(4, 7),
            )
            .with_help("remove `a`,\nthen retry"),
            Diagnostic::new("rule-two", Severity::Warning, "w", Span::new(14, 17)),
            Diagnostic::new("rule-three", Severity::Info, "i", Span::new(1, 23)),
        ];
        let out = github(&[FileReport {
            name: "dir/a,b:c.json",
            source,
            diagnostics: &diagnostics,
        }]);
        assert_eq!(
            out,
            "::error file=dir/a%2Cb%3Ac.json,line=2,col=3,endLine=2,endColumn=6,title=ztlint(rule-one)\
             ::100%25 wrong: `a`%0Aremove `a`,%0Athen retry\n\
             ::warning file=dir/a%2Cb%3Ac.json,line=3,col=3,endLine=3,endColumn=6,title=ztlint(rule-two)::w\n\
             ::notice file=dir/a%2Cb%3Ac.json,line=1,col=2,endLine=5,endColumn=1,title=ztlint(rule-three)::i\n"
        );
    }
}
