//! The `human` format: miette's graphical report, the source underlined.

use std::borrow::Cow;
use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::locate::Locator;
use super::{escape_controls, FileReport};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::Span;

/// Narrower widths leave no room for the source; they are widened to this.
const MIN_WIDTH: usize = 20;

/// How [`human`] draws: with or without ANSI colors, and how wide.
///
/// The default is no color and 100 columns, so output is the same on every
/// machine; the CLI turns color on for terminals and sets the terminal's
/// width.
///
/// ```
/// use ztlint::render::HumanStyle;
///
/// let style = HumanStyle { color: true, ..HumanStyle::default() };
/// assert_eq!((style.color, style.width), (true, 100));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HumanStyle {
    /// Whether to color with ANSI escape sequences.
    pub color: bool,
    /// The width to wrap to, in columns (at least 20 is used).
    pub width: usize,
}

impl HumanStyle {
    /// No color, 100 columns.
    pub const fn new() -> HumanStyle {
        HumanStyle {
            color: false,
            width: 100,
        }
    }
}

impl Default for HumanStyle {
    fn default() -> HumanStyle {
        HumanStyle::new()
    }
}

/// Every finding of one file drawn by miette: the rule code, the message,
/// the source around the span with the labels under it, the help and any
/// fix. Findings are separated by a blank line; a file without findings
/// gives an empty string.
///
/// The theme and width are fixed by `style` (nothing is read from the
/// terminal), so the output is reproducible. The `╭─[file:line:col]` header
/// uses the same positions as every other format, except that an empty span
/// after a final newline (an "end of input" error) is drawn, and located,
/// at the end of the last line, where miette can show it. Control characters in
/// the source are drawn as `?`, and in messages as escapes, so nothing
/// reaches the terminal as a control sequence.
///
/// ```
/// use ztlint::render::{human, FileReport, HumanStyle};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let file = FileReport { name: "org.json", source, diagnostics: &diagnostics };
/// let out = human(&file, &HumanStyle::default());
/// assert!(out.starts_with("json-syntax\n\n  × trailing comma is not allowed in JSON\n"));
/// assert!(out.contains("╭─[org.json:1:18]"));
/// assert!(out.contains("help: remove the `,`"));
/// ```
pub fn human(file: &FileReport<'_>, style: &HumanStyle) -> String {
    let mut out = String::new();
    if file.diagnostics.is_empty() {
        return out;
    }
    let locator = Locator::new(file.source);
    let source = Source {
        name: escape_controls(file.name).into_owned(),
        text: printable(file.source),
        locator: &locator,
    };
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width.max(MIN_WIDTH))
        .with_links(false)
        .without_syntax_highlighting()
        .with_context_lines(1)
        .tab_width(4);
    for (i, d) in file.diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let shown = Shown::new(d, &source);
        let mut rendered = String::new();
        match handler.render_report(&mut rendered, &shown) {
            Ok(()) => out.push_str(&rendered),
            // miette gives up on spans it cannot read; say it in one line.
            Err(fmt::Error) => {
                let at = locator.locate(d.span()).start;
                out.push_str(&format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    source.name, at.line, at.column, shown.severity, shown.code, shown.message
                ));
            }
        }
    }
    out
}

/// `source` with control characters other than `\t`, `\n` and the `\r` of a
/// CRLF replaced by `?` (one `?` per byte, so every span stays valid).
fn printable(source: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(source.len());
    let mut changed = false;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if !c.is_control() || c == '\t' || c == '\n' || crlf {
            out.push(c);
        } else {
            changed = true;
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(source)
    }
}

/// The source handed to miette: positions in the header come from the
/// [`Locator`], so they match the other formats (miette alone would count
/// bytes for columns).
struct Source<'a> {
    name: String,
    text: Cow<'a, str>,
    locator: &'a Locator<'a>,
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner =
            self.text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        let start = self.locator.position(inner.span().offset());
        // Without context lines the contents start at the span, and the
        // column is the span's; with them they start at a line, column 0.
        let column = if context_lines_before == 0 {
            start.column - 1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            start.line - 1,
            column,
            inner.line_count(),
        )))
    }
}

/// One diagnostic as miette draws it: spans clamped into the source, text
/// with control characters escaped, fixes listed after the help.
struct Shown<'a> {
    code: String,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: &'a Source<'a>,
}

impl<'a> Shown<'a> {
    fn new(d: &Diagnostic, source: &'a Source<'a>) -> Shown<'a> {
        let locator = source.locator;
        let text_len = source.text.len();
        // miette draws no line after a final newline, so an insertion point
        // at the very end (an "end of input" error) is drawn at the end of
        // the last line instead; the other formats keep the exact position.
        let last_line_end = text_len
            - [&b"\r\n"[..], b"\n"]
                .iter()
                .find(|nl| source.text.as_bytes().ends_with(nl))
                .map_or(0, |nl| nl.len());
        let span = |span: Span| {
            let span = locator.clamp(span);
            if span.is_empty() && span.start() == text_len {
                SourceSpan::new(last_line_end.into(), 0)
            } else {
                SourceSpan::new(span.start().into(), span.len())
            }
        };
        let text = |text: Option<&str>| text.map(|t| escape_controls(t).into_owned());
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            text(d.primary().text()),
            span(d.span()),
        )];
        labels.extend(
            d.secondary()
                .iter()
                .map(|l| LabeledSpan::new_with_span(text(l.text()), span(l.span()))),
        );
        let mut help: Vec<String> = d
            .help()
            .map(|h| escape_controls(h).into_owned())
            .into_iter()
            .collect();
        for fix in d.fixes() {
            let kind = match fix.applicability() {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "needs review",
            };
            let line = format!("fix ({kind}): {}", escape_controls(fix.message()));
            if !help.contains(&line) {
                help.push(line);
            }
        }
        Shown {
            code: escape_controls(d.code()).into_owned(),
            severity: d.severity(),
            message: escape_controls(d.message()).into_owned(),
            help: (!help.is_empty()).then(|| help.join("\n")),
            labels,
            source,
        }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shown")
            .field("code", &self.code)
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_one_question_mark_per_byte() {
        assert!(matches!(printable("{\r\n\t}"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}[2Jb\rc\u{85}d\u{7f}"), "a?[2Jb?c??d?");
        assert_eq!(printable("\r"), "?");
    }
}
