//! The `human` format: miette's graphical report, the source underlined.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};

use super::locate::Locator;
use super::snippet::{Snippet, CONTEXT_LINES};
use super::{escape_controls, into_string, take_each, FileReport, Findings, Renderer};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::Span;

/// Narrower widths leave no room for the source; they are widened to this.
const MIN_WIDTH: usize = 20;

/// Wider ones are narrowed to this: miette pads with format widths, which
/// must stay small.
const MAX_WIDTH: usize = 1000;

/// The labels drawn per finding, the primary one included.
const MAX_LABELS: usize = 8;

/// Messages, labels and help longer than this (in characters) are cut.
const TEXT_LIMIT: usize = 400;

/// How [`human`] draws: with or without ANSI colors, and how wide.
///
/// The default is no color, 100 columns and at most 100 findings drawn per
/// file, so output is the same on every machine; the CLI turns color on for
/// terminals and sets the terminal's width.
///
/// ```
/// use ztlint::render::HumanStyle;
///
/// let style = HumanStyle { color: true, ..HumanStyle::default() };
/// assert_eq!((style.color, style.width, style.max_findings), (true, 100, 100));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HumanStyle {
    /// Whether to color with ANSI escape sequences.
    pub color: bool,
    /// The width to wrap to, in columns (20 to 1,000 is used).
    pub width: usize,
    /// The findings drawn per file; past them one line says how many more
    /// there are, as compilers stop after so many errors.
    pub max_findings: usize,
}

impl HumanStyle {
    /// No color, 100 columns, 100 findings per file.
    ///
    /// ```
    /// use ztlint::render::HumanStyle;
    ///
    /// let style = HumanStyle::new();
    /// assert_eq!((style.color, style.width, style.max_findings), (false, 100, 100));
    /// assert_eq!(style, HumanStyle::default());
    /// ```
    pub const fn new() -> HumanStyle {
        HumanStyle {
            color: false,
            width: 100,
            max_findings: 100,
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
/// Output stays bounded on any input: a source line longer than 240 bytes
/// is cut around the labels, with `…` where text is left out; a label over
/// more than 8 lines is drawn over its first; at most 8 labels, and 400
/// characters of each text, are drawn per finding; and after
/// `style.max_findings` findings one line says how many more the file has.
/// The time taken is linear in the file and in its findings.
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
    draw(file, style, true)
}

/// [`human`], with the message and help wrapped here when `wrap_here`
/// (and where [`Wrap`] can), otherwise by miette.
fn draw(file: &FileReport<'_>, style: &HumanStyle, wrap_here: bool) -> String {
    let mut out = Vec::new();
    let mut findings = |each: &mut dyn FnMut(&Diagnostic)| file.diagnostics.iter().for_each(each);
    // Writing to a Vec cannot fail.
    let _ = draw_file(
        &mut out,
        file.name,
        file.source,
        &mut findings,
        style,
        wrap_here,
    );
    into_string(out)
}

/// The [`human`] report as a [`Renderer`]: each file's findings drawn as
/// they come, each file's report followed by a blank line, as
/// `ztlint check` prints them. Past `style.max_findings` findings of a
/// file only their count is kept, for the line that says how many more
/// there are.
///
/// ```
/// use ztlint::render::{Human, HumanStyle, Renderer};
///
/// let source = "{\"name\": \"Widget\",}";
/// let mut out = Vec::new();
/// let mut renderer = Human::new(&mut out, HumanStyle::default());
/// renderer.file("org.json", source, &mut |each| ztlint::Linter::new().lint_each(source, &mut |d| each(&d)))?;
/// renderer.file("clean.json", "{}", &mut |_| {})?;
/// renderer.finish()?;
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.starts_with("json-syntax\n\n  × trailing comma is not allowed in JSON\n"));
/// assert!(out.ends_with("help: remove the `,`\n\n"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Human<W> {
    out: W,
    style: HumanStyle,
}

impl<W: Write> Human<W> {
    /// A renderer that draws to `out` as `style` says.
    ///
    /// ```
    /// use ztlint::render::{Human, HumanStyle, Renderer};
    ///
    /// let mut out = Vec::new();
    /// let mut renderer = Human::new(&mut out, HumanStyle { width: 60, ..HumanStyle::default() });
    /// renderer.file("clean.json", "{}", &mut |_| {})?;
    /// renderer.finish()?;
    /// assert!(out.is_empty());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(out: W, style: HumanStyle) -> Human<W> {
        Human { out, style }
    }
}

impl<W: Write> Renderer for Human<W> {
    fn file(&mut self, name: &str, source: &str, findings: &mut Findings<'_>) -> io::Result<()> {
        let drawn = draw_file(&mut self.out, name, source, findings, &self.style, true)?;
        if drawn.findings > 0 {
            if !drawn.ends_line {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// What [`draw_file`] drew.
struct Drawn {
    /// The file's findings, drawn or not.
    findings: usize,
    /// Whether what it wrote ends with a newline.
    ends_line: bool,
}

/// Draws one file's findings to `out` as they come, as [`draw`] does.
fn draw_file(
    out: &mut dyn Write,
    name: &str,
    source: &str,
    findings: &mut Findings<'_>,
    style: &HumanStyle,
    wrap_here: bool,
) -> io::Result<Drawn> {
    // Made at the first finding: a clean file costs no index.
    let mut drawing = None;
    let mut drawn = Drawn {
        findings: 0,
        ends_line: false,
    };
    take_each(findings, |d| {
        drawn.findings += 1;
        if drawn.findings > style.max_findings {
            return Ok(());
        }
        if drawn.findings > 1 {
            out.write_all(b"\n")?;
        }
        let drawing = drawing.get_or_insert_with(|| Drawing::new(name, source, style));
        let block = drawing.draw(d, wrap_here);
        drawn.ends_line = block.ends_with('\n');
        out.write_all(block.as_bytes())
    })?;
    let hidden = drawn.findings.saturating_sub(style.max_findings);
    if hidden > 0 {
        write!(
            out,
            "\n… and {hidden} more finding{} in {}, not drawn: this report stops after {}; \
             the concise, json and sarif formats list every one\n",
            if hidden == 1 { "" } else { "s" },
            escape_controls(name),
            style.max_findings,
        )?;
        drawn.ends_line = true;
    }
    Ok(drawn)
}

/// What drawing one file's findings needs, made once per file.
struct Drawing<'a> {
    locator: Locator<'a>,
    name: Cow<'a, str>,
    /// The source, printable.
    text: Cow<'a, str>,
    wrap: Wrap,
    handler: GraphicalReportHandler,
    /// For texts wrapped here: miette only indents them.
    unwrapping: GraphicalReportHandler,
}

impl<'a> Drawing<'a> {
    fn new(name: &'a str, source: &'a str, style: &HumanStyle) -> Drawing<'a> {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let width = style.width.clamp(MIN_WIDTH, MAX_WIDTH);
        let wrap = Wrap::new(&theme, width);
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false)
            .without_syntax_highlighting()
            .with_context_lines(CONTEXT_LINES)
            .tab_width(4);
        Drawing {
            locator: Locator::new(source),
            name: escape_controls(name),
            text: printable(source),
            wrap,
            unwrapping: handler.clone().with_wrap_lines(false),
            handler,
        }
    }

    /// `d` drawn, with its message and help wrapped here when `wrap_here`
    /// (and where [`Wrap`] can), otherwise by miette.
    fn draw(&self, d: &Diagnostic, wrap_here: bool) -> String {
        let mut shown = Shown::new(d, &self.name, &self.text, &self.locator);
        let handler = if wrap_here && shown.wrap(&self.wrap) {
            &self.unwrapping
        } else {
            &self.handler
        };
        let mut rendered = String::new();
        match handler.render_report(&mut rendered, &shown) {
            Ok(()) => rendered,
            // miette gives up on spans it cannot read; say it in one line.
            Err(fmt::Error) => {
                let at = self.locator.locate(d.span()).start;
                format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    self.name, at.line, at.column, shown.severity, shown.code, shown.message
                )
            }
        }
    }
}

/// `source` with control characters other than `\t`, `\n` and the `\r` of a
/// CRLF replaced by `?` (one `?` per byte, so every span stays valid).
fn printable(source: &str) -> Cow<'_, str> {
    // Most texts have nothing to replace: they are borrowed, not copied.
    let unprintable = |(at, c): (usize, char)| {
        let crlf = c == '\r' && source.as_bytes().get(at + 1) == Some(&b'\n');
        c.is_control() && c != '\t' && c != '\n' && !crlf
    };
    if !source.char_indices().any(unprintable) {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    for (at, c) in source.char_indices() {
        if unprintable((at, c)) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One diagnostic as miette draws it: spans clamped into the source, text
/// with control characters escaped and long text cut, fixes listed after
/// the help, and its own snippet of the source.
struct Shown<'a> {
    code: String,
    severity: Severity,
    message: String,
    help: Option<String>,
    /// The message and help already wrapped (see [`Wrap`]), for a handler
    /// that does not wrap.
    wrapped: Option<(String, Option<String>)>,
    labels: Vec<LabeledSpan>,
    source: Snippet<'a>,
}

impl<'a> Shown<'a> {
    fn new(d: &Diagnostic, name: &'a str, text: &'a str, locator: &'a Locator<'a>) -> Shown<'a> {
        let text_len = text.len();
        // miette draws no line after a final newline, so an insertion point
        // at the very end (an "end of input" error) is drawn at the end of
        // the last line instead; the other formats keep the exact position.
        let last_line_end = text_len
            - [&b"\r\n"[..], b"\n"]
                .iter()
                .find(|nl| text.as_bytes().ends_with(nl))
                .map_or(0, |nl| nl.len());
        let span = |span: Span| {
            let span = locator.clamp(span);
            if span.is_empty() && span.start() == text_len {
                Span::empty(last_line_end)
            } else {
                span
            }
        };
        let label_text = |t: Option<&str>| t.map(shorten);
        let mut labels: Vec<(Option<String>, Span)> =
            vec![(label_text(d.primary().text()), span(d.span()))];
        // A label in another file is not drawn over this one: it is a
        // line of its own below.
        labels.extend(
            d.secondary()
                .iter()
                .filter(|l| l.file().is_none())
                .take(MAX_LABELS - 1)
                .map(|l| (label_text(l.text()), span(l.span()))),
        );
        let spans: Vec<Span> = labels.iter().map(|(_, s)| *s).collect();
        let (source, drawn) = Snippet::new(name, text, locator, &spans);
        let labels = labels
            .into_iter()
            .zip(drawn)
            .enumerate()
            .map(|(i, ((text, _), at))| {
                let at = SourceSpan::new(at.start().into(), at.len());
                if i == 0 {
                    LabeledSpan::new_primary_with_span(text, at)
                } else {
                    LabeledSpan::new_with_span(text, at)
                }
            })
            .collect();
        let mut help: Vec<String> = d.help().map(shorten).into_iter().collect();
        for label in d.secondary().iter().take(MAX_LABELS) {
            if let (Some(file), Some((start, _))) = (label.file(), label.positions_elsewhere()) {
                help.push(shorten(&format!(
                    "see {file}:{}:{}: {}",
                    start.line,
                    start.column,
                    label.text().unwrap_or_default()
                )));
            }
        }
        for fix in d.fixes() {
            let kind = match fix.applicability() {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "needs review",
            };
            let line = format!("fix ({kind}): {}", shorten(fix.message()));
            if !help.contains(&line) {
                help.push(line);
            }
        }
        Shown {
            code: shorten(d.code()),
            severity: d.severity(),
            message: shorten(d.message()),
            help: (!help.is_empty()).then(|| help.join("\n")),
            wrapped: None,
            labels,
            source,
        }
    }

    /// Wraps the message and help here, exactly as miette would; false,
    /// and nothing changed, when miette must (see [`Wrap::fill`]).
    fn wrap(&mut self, wrap: &Wrap) -> bool {
        let Some(message) = wrap.fill(&self.message, wrap.message_indents(self.severity)) else {
            return false;
        };
        let help = match &self.help {
            None => None,
            Some(help) => match wrap.fill(help, &wrap.help) {
                None => return false,
                some => some,
            },
        };
        self.wrapped = Some((message, help));
        true
    }
}

/// miette's wrapping of the message and help, done here.
///
/// miette wraps both with `textwrap`, whose Unicode line breaking runs on
/// every line, even one that fits: most of the time of a report, and under
/// a sanitizer nearly all of it. Here a line that fits is kept as it is,
/// and one that does not is wrapped by `textwrap` with the options miette
/// uses (its width and indents, `break_words`, and the first-fit algorithm:
/// this crate's `textwrap` has miette's features); a handler that does not
/// wrap then only indents the lines. The report is the same byte for byte;
/// the tests hold it to that.
struct Wrap {
    /// miette's text width: the report's width less 2.
    width: usize,
    /// The indents of a message's first and further lines, per severity
    /// (error, warning, advice), as miette writes them.
    message: [(String, String); 3],
    /// The indents of the help's first and further lines.
    help: (String, String),
}

impl Wrap {
    fn new(theme: &GraphicalTheme, width: usize) -> Wrap {
        let (chars, styles) = (&theme.characters, &theme.styles);
        let message = [
            (&chars.error, styles.error),
            (&chars.warning, styles.warning),
            (&chars.advice, styles.advice),
        ]
        .map(|(icon, style)| {
            (
                format!("  {} ", style.style(icon)),
                format!("  {} ", style.style(chars.vbar)),
            )
        });
        Wrap {
            width: width.saturating_sub(2),
            message,
            help: (
                styles.help.style("  help: ").to_string(),
                "        ".to_string(),
            ),
        }
    }

    fn message_indents(&self, severity: Severity) -> &(String, String) {
        match severity {
            Severity::Error => &self.message[0],
            Severity::Warning => &self.message[1],
            Severity::Info => &self.message[2],
        }
    }

    /// `text` as `textwrap::fill` wraps it after these indents, less the
    /// indents, for a handler that adds them without wrapping; `None` in
    /// the one case that handler cannot draw the same (see below).
    fn fill(&self, text: &str, (initial, subsequent): &(String, String)) -> Option<String> {
        use textwrap::core::display_width;

        // textwrap fits the first line of every input line to the width
        // the first indent leaves, whatever indent it is drawn after.
        let first_width = self.width.saturating_sub(display_width(initial));
        let mut lines: Vec<Cow<'_, str>> = Vec::new();
        for line in text.split('\n') {
            // A line that fits is one line, less its trailing spaces.
            let kept = line.trim_end_matches(' ');
            if !line.contains('\u{1b}') && display_width(kept) <= first_width {
                lines.push(Cow::Borrowed(kept));
                continue;
            }
            let options = textwrap::Options::new(self.width)
                .initial_indent(initial)
                .subsequent_indent(subsequent)
                .break_words(true);
            for (i, wrapped) in textwrap::wrap(line, options).into_iter().enumerate() {
                let indent = if i == 0 { initial } else { subsequent };
                lines.push(Cow::Owned(
                    wrapped.strip_prefix(indent.as_str())?.to_string(),
                ));
            }
        }
        // The handler draws a blank line after its indent less the
        // indent's trailing whitespace, so such a line starts with that
        // whitespace. It draws nothing for an empty last line: when the
        // indent has no trailing whitespace to give it, miette wraps.
        let last = lines.len().checked_sub(1)?;
        let mut out = String::with_capacity(text.len() + 16);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if line.trim().is_empty() {
                let indent = if i == 0 { initial } else { subsequent };
                let trailing = &indent[indent.trim_end().len()..];
                if i == last && line.is_empty() && trailing.is_empty() {
                    return None;
                }
                out.push_str(trailing);
            }
            out.push_str(line);
        }
        Some(out)
    }
}

/// `text` with control characters escaped, cut to [`TEXT_LIMIT`]
/// characters with a final `…`.
fn shorten(text: &str) -> String {
    let escaped = escape_controls(text);
    match escaped.char_indices().nth(TEXT_LIMIT) {
        None => escaped.into_owned(),
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
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
        match &self.wrapped {
            Some((message, _)) => f.write_str(message),
            None => f.write_str(&self.message),
        }
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
        let help = match &self.wrapped {
            Some((_, help)) => help,
            None => &self.help,
        };
        help.as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textwrap_wraps_first_fit_as_in_miette() {
        // `smawk` would make textwrap's default the optimal fit, for miette
        // too; `Wrap` takes a line that fits to stay one line either way,
        // but the tests below were run against first fit.
        assert_eq!(
            textwrap::WrapAlgorithm::new(),
            textwrap::WrapAlgorithm::FirstFit
        );
        assert_eq!(
            textwrap::WordSeparator::new(),
            textwrap::WordSeparator::UnicodeBreakProperties
        );
    }

    /// Texts wrapped here draw exactly as miette wraps them, over texts
    /// made of words, spaces, hyphens, wide, combining and invisible
    /// characters, at every width, colored or not.
    #[test]
    fn wrapping_here_draws_what_miette_draws() {
        use crate::diagnostic::{Edit, Fix};

        const PARTS: [&str; 30] = [
            "word ",
            "x",
            "a-b",
            "long-hyphenated-word ",
            " ",
            "  ",
            "é",
            "🙂",
            "日本語",
            "\u{a0}",
            "\u{3000}",
            "-",
            "/",
            "path/to/it ",
            "e\u{301}",
            "\u{200b}",
            "\u{2028}",
            "`code` ",
            "(",
            ")",
            "\"",
            "9",
            "1.5 ",
            "\t",
            "\n",
            "\u{1b}[2J",
            "\u{ad}",
            "ﾊﾟ",
            "👩\u{200d}👧",
            "https://example.com/a?b=c ",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let text = |next: &mut dyn FnMut(usize) -> usize| {
            if next(8) == 0 {
                return ["", " ", "   ", "\u{a0}", "\u{3000}"][next(5)].to_string();
            }
            let mut text: String = (0..next(40)).map(|_| PARTS[next(PARTS.len())]).collect();
            if next(6) == 0 {
                text.push_str(&"long".repeat(next(120)));
            }
            text
        };
        let source = "{\n  \"name\": \"Widget\",\n  \"auth_domain\": 1\n}\n";
        let severities = [Severity::Error, Severity::Warning, Severity::Info];
        let mut wrapped_here = 0;
        for case in 0..1_500 {
            let mut d = Diagnostic::new(
                "wrong-type",
                severities[case % 3],
                text(&mut next),
                Span::new(4, 10),
            );
            if next(4) > 0 {
                d = d.with_help(text(&mut next));
            }
            if next(3) == 0 {
                d = d.with_fix(Fix::safe(
                    text(&mut next),
                    [Edit::replace(Span::new(12, 20), "x")],
                ));
            }
            let diagnostics = [d];
            let file = FileReport {
                name: "org.json",
                source,
                diagnostics: &diagnostics,
            };
            let style = HumanStyle {
                color: case % 2 == 0,
                width: next(160),
                max_findings: 1,
            };
            let here = draw(&file, &style, true);
            assert_eq!(
                here,
                draw(&file, &style, false),
                "case {case}: {diagnostics:?}"
            );
            let wrap = Wrap::new(
                &GraphicalTheme::unicode(),
                style.width.clamp(MIN_WIDTH, MAX_WIDTH),
            );
            let locator = Locator::new(source);
            let mut shown = Shown::new(&diagnostics[0], "org.json", source, &locator);
            wrapped_here += usize::from(shown.wrap(&wrap));
        }
        // All but colored reports whose help is one empty line.
        assert!(wrapped_here > 1_400, "{wrapped_here}");
    }

    #[test]
    fn control_characters_become_one_question_mark_per_byte() {
        assert!(matches!(printable("{\r\n\t}"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}[2Jb\rc\u{85}d\u{7f}"), "a?[2Jb?c??d?");
        assert_eq!(printable("\r"), "?");
    }
}
