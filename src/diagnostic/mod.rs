//! The diagnostics model: what every check and the JSON parser report.
//!
//! A [`Diagnostic`] has a stable rule code, a [`Severity`], a message, a
//! primary [`Label`] on the offending span, optional secondary labels, a help
//! line, and optional [`Fix`]es. Fixes are text edits over spans, each marked
//! with an [`Applicability`]: safe to apply automatically, or in need of
//! review.
//!
//! `Diagnostic` implements [`miette::Diagnostic`], so any miette handler can
//! render it once a source is attached:
//!
//! ```
//! let source = r#"{"is_ui_read_only": "false"}"#;
//! let diagnostics = ztlint::lint(source);
//! let first = diagnostics[0].clone();
//! let report = miette::Report::new(first)
//!     .with_source_code(miette::NamedSource::new("org.json", source.to_string()));
//! assert!(report.to_string().contains("is_ui_read_only"));
//! ```

mod few;
mod fix;

pub use fix::{apply_fixes, Applicability, Edit, Fix, Fixes};

use std::borrow::Cow;
use std::fmt;

use few::Few;

use crate::span::{LineIndex, Position, Span};

/// How serious a finding is.
///
/// Ordered from least to most serious, so `severity >= Severity::Warning`
/// selects warnings and errors.
///
/// ```
/// use ztlint::Severity;
///
/// let source = r#"{"name": null, "nmae": 1, "session_duration": "1d"}"#;
/// let severities: Vec<_> = ztlint::lint(source).iter().map(|d| d.severity()).collect();
/// assert_eq!(severities, [Severity::Info, Severity::Warning, Severity::Error]);
/// let serious = severities.iter().filter(|&&s| s >= Severity::Warning).count();
/// assert_eq!(serious, 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Probably a mistake, or rejected by Cloudflare only sometimes.
    Warning,
    /// Cloudflare rejects the payload, or the document is not JSON.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format: `error`, `warning`
    /// or `info`.
    ///
    /// ```
    /// use ztlint::Severity;
    ///
    /// assert_eq!(Severity::Warning.as_str(), "warning");
    /// assert_eq!(Severity::Error.to_string(), Severity::Error.as_str());
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with an optional text, shown under the source in reports.
///
/// A label is in its diagnostic's file, unless it was made with
/// [`Label::elsewhere`]: a Terraform finding can point at the variable file
/// a value comes from.
///
/// ```
/// let source = r#"{"name": "A", "name": "B"}"#;
/// let diagnostics = ztlint::lint(source);
/// let first = &diagnostics[0].secondary()[0];
/// assert_eq!(&source[first.span().range()], r#""name""#);
/// assert_eq!(first.text(), Some("first defined here"));
/// assert_eq!(first.file(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    span: Span,
    text: Option<Cow<'static, str>>,
    elsewhere: Option<Box<Elsewhere>>,
}

/// The file of a label that is not in its diagnostic's file, and the
/// label's positions there, worked out when the label was made.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Elsewhere {
    file: String,
    start: Position,
    end: Position,
}

impl Label {
    /// A label over `span` with `text`.
    ///
    /// ```
    /// use ztlint::{Label, Span};
    ///
    /// let label = Label::new(Span::new(1, 7), "first defined here");
    /// assert_eq!(label.text(), Some("first defined here"));
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// assert_eq!(diagnostics[0].secondary(), [label]);
    /// ```
    pub fn new(span: Span, text: impl Into<Cow<'static, str>>) -> Label {
        Label {
            span,
            text: Some(text.into()),
            elsewhere: None,
        }
    }

    /// A label over `span` with no text.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Label, Severity, Span};
    ///
    /// let label = Label::bare(Span::new(1, 7));
    /// assert_eq!((label.span().range(), label.text()), (1..7, None));
    /// // A new diagnostic's primary label is bare.
    /// let d = Diagnostic::new("example-rule", Severity::Info, "note", Span::new(1, 7));
    /// assert_eq!(d.primary(), &label);
    /// ```
    pub fn bare(span: Span) -> Label {
        Label {
            span,
            text: None,
            elsewhere: None,
        }
    }

    /// A label over `span` of another file, `file`, whose text is `source`.
    ///
    /// ```
    /// use ztlint::{Label, Span};
    ///
    /// let vars = "variable \"session\" {\n  default = \"1d\"\n}\n";
    /// let label = Label::elsewhere("variables.tf", vars, Span::new(33, 37), "the default");
    /// assert_eq!(label.file(), Some("variables.tf"));
    /// let (start, end) = label.positions_elsewhere().unwrap();
    /// assert_eq!((start.line, start.column, end.column), (2, 13, 17));
    /// ```
    pub fn elsewhere(
        file: impl Into<String>,
        source: &str,
        span: Span,
        text: impl Into<Cow<'static, str>>,
    ) -> Label {
        let index = LineIndex::new(source);
        let (start, end) = index.span(span);
        Label {
            span,
            text: Some(text.into()),
            elsewhere: Some(Box::new(Elsewhere {
                file: file.into(),
                start,
                end,
            })),
        }
    }

    /// The file the label is in, when it is not its diagnostic's.
    ///
    /// ```
    /// use ztlint::{Label, Span};
    ///
    /// let label = Label::elsewhere("terraform.tfvars", "session = \"2d\"\n", Span::new(10, 14), "set here");
    /// assert_eq!(label.file(), Some("terraform.tfvars"));
    /// assert_eq!(Label::new(Span::new(10, 14), "set here").file(), None);
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.elsewhere.as_deref().map(|e| e.file.as_str())
    }

    /// The 1-based start and end positions of a label in another file.
    ///
    /// ```
    /// use ztlint::{Label, Position, Span};
    ///
    /// let vars = "# Sessions\nsession = \"2d\"\n";
    /// let label = Label::elsewhere("terraform.tfvars", vars, Span::new(21, 25), "set here");
    /// assert_eq!(
    ///     label.positions_elsewhere(),
    ///     Some((Position { line: 2, column: 11 }, Position { line: 2, column: 15 }))
    /// );
    /// assert_eq!(Label::bare(Span::new(21, 25)).positions_elsewhere(), None);
    /// ```
    pub fn positions_elsewhere(&self) -> Option<(Position, Position)> {
        self.elsewhere.as_deref().map(|e| (e.start, e.end))
    }

    /// The span the label marks.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"session_duration": "1d"}"#);
    /// assert_eq!(diagnostics[0].primary().span().range(), 21..25);
    /// ```
    pub fn span(&self) -> Span {
        self.span
    }

    /// The label's text, if any.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"session_duration": "1d"}"#);
    /// assert_eq!(diagnostics[0].primary().text(), Some("not a Go duration"));
    /// ```
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// One finding: a rule that a span of the payload breaks.
///
/// Build one with [`Diagnostic::new`] and the `with_*` methods:
///
/// ```
/// use ztlint::{Diagnostic, Severity, Span};
///
/// let d = Diagnostic::new("example-rule", Severity::Warning, "something is off", Span::new(1, 5))
///     .with_label("here")
///     .with_help("do it differently");
/// assert_eq!(d.code(), "example-rule");
/// assert_eq!(d.primary().text(), Some("here"));
/// assert_eq!(d.help(), Some("do it differently"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    code: &'static str,
    severity: Severity,
    message: Cow<'static, str>,
    primary: Label,
    secondary: Few<Label>,
    help: Option<Cow<'static, str>>,
    fixes: Few<Fix>,
}

impl Diagnostic {
    /// A diagnostic of rule `code` at `span`, with no label text, help or fix.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Severity, Span};
    ///
    /// let d = Diagnostic::new("example-rule", Severity::Error, "no good", Span::new(0, 2));
    /// assert_eq!((d.code(), d.severity(), d.message()), ("example-rule", Severity::Error, "no good"));
    /// assert_eq!((d.primary().text(), d.help(), d.fixes().len()), (None, None, 0));
    /// ```
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: impl Into<Cow<'static, str>>,
        span: Span,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            primary: Label::bare(span),
            secondary: Few::Zero,
            help: None,
            fixes: Few::Zero,
        }
    }

    /// Sets the text of the primary label.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Severity, Span};
    ///
    /// let d = Diagnostic::new("example-rule", Severity::Info, "note", Span::new(0, 2))
    ///     .with_label("here");
    /// assert_eq!(d.primary().text(), Some("here"));
    /// ```
    pub fn with_label(mut self, text: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.primary.text = Some(text.into());
        self
    }

    /// Adds a secondary label, e.g. the first occurrence of a duplicate key.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Severity, Span};
    ///
    /// let d = Diagnostic::new("example-rule", Severity::Info, "note", Span::new(14, 20))
    ///     .with_secondary(Span::new(1, 7), "first here");
    /// assert_eq!(d.secondary()[0].span(), Span::new(1, 7));
    /// assert_eq!(d.secondary()[0].text(), Some("first here"));
    /// ```
    pub fn with_secondary(mut self, span: Span, text: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.secondary.push(Label::new(span, text));
        self
    }

    /// Adds a secondary label, which may be in another file.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Label, Severity, Span};
    ///
    /// let label = Label::elsewhere("terraform.tfvars", "session = \"2d\"\n", Span::new(10, 14), "set here");
    /// let d = Diagnostic::new("example-rule", Severity::Info, "note", Span::new(0, 2))
    ///     .with_secondary_label(label);
    /// assert_eq!(d.secondary()[0].file(), Some("terraform.tfvars"));
    /// ```
    pub fn with_secondary_label(mut self, label: Label) -> Diagnostic {
        self.secondary.push(label);
        self
    }

    /// Sets the help line.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Severity, Span};
    ///
    /// let d = Diagnostic::new("example-rule", Severity::Info, "note", Span::new(0, 2))
    ///     .with_help("do it differently");
    /// assert_eq!(d.help(), Some("do it differently"));
    /// ```
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix.
    ///
    /// ```
    /// use ztlint::{Diagnostic, Edit, Fix, Severity, Span};
    ///
    /// let d = Diagnostic::new("example-rule", Severity::Info, "note", Span::new(0, 2))
    ///     .with_fix(Fix::safe("Remove it", [Edit::delete(Span::new(0, 2))]));
    /// assert_eq!(d.fixes()[0].message(), "Remove it");
    /// ```
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    /// Drops every fix: the text the finding points at is generated, and
    /// the fix belongs in its source (a Terraform plan's configuration).
    pub(crate) fn without_fixes(mut self) -> Diagnostic {
        self.fixes = Few::Zero;
        self
    }

    /// The diagnostic moved to another text: its primary span and its
    /// labels' through `span`, and each fix as `fix` rewrites it (dropped
    /// when it says `None`). For findings made on a text generated from
    /// another, such as a Terraform resource's body.
    pub(crate) fn moved(
        mut self,
        span: impl Fn(Span) -> Span,
        mut fix: impl FnMut(&Fix) -> Option<Fix>,
    ) -> Diagnostic {
        self.primary.span = span(self.primary.span);
        self.secondary = std::mem::replace(&mut self.secondary, Few::Zero)
            .as_slice()
            .iter()
            .map(|l| Label {
                span: if l.elsewhere.is_some() {
                    l.span
                } else {
                    span(l.span)
                },
                ..l.clone()
            })
            .collect();
        self.fixes = self.fixes.as_slice().iter().filter_map(&mut fix).collect();
        self
    }

    /// Replaces the severity, e.g. after a per-rule override.
    ///
    /// ```
    /// use ztlint::Severity;
    ///
    /// let d = ztlint::lint(r#"{"session_duration": "1d"}"#).remove(0);
    /// assert_eq!(d.severity(), Severity::Error);
    /// assert_eq!(d.with_severity(Severity::Info).severity(), Severity::Info);
    /// ```
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// The stable kebab-case rule code, e.g. `duration-syntax`.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// assert_eq!(diagnostics[0].code(), "duplicate-key");
    /// ```
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// How serious the finding is.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// assert_eq!(diagnostics[0].severity(), ztlint::Severity::Warning);
    /// ```
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// What is wrong, in one sentence.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// assert_eq!(diagnostics[0].message(), "duplicate key `name`");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The primary label: where the problem is.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// let primary = diagnostics[0].primary();
    /// assert_eq!((primary.span().range(), primary.text()), (14..20, Some("defined again here")));
    /// ```
    pub fn primary(&self) -> &Label {
        &self.primary
    }

    /// The primary span; shorthand for `self.primary().span()`.
    ///
    /// ```
    /// let source = r#"{"name": "A", "name": "B"}"#;
    /// let diagnostics = ztlint::lint(source);
    /// assert_eq!(diagnostics[0].span().range(), 14..20);
    /// assert_eq!(&source[diagnostics[0].span().range()], r#""name""#);
    /// ```
    pub fn span(&self) -> Span {
        self.primary.span
    }

    /// Secondary labels, e.g. a related earlier key.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// let secondary = diagnostics[0].secondary();
    /// assert_eq!(secondary.len(), 1);
    /// assert_eq!(secondary[0].span().range(), 1..7);
    /// ```
    pub fn secondary(&self) -> &[Label] {
        self.secondary.as_slice()
    }

    /// How to fix it, in one line.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"is_ui_read_only": "false"}"#);
    /// assert_eq!(
    ///     diagnostics[0].help(),
    ///     Some("write `false` without quotes: a quoted boolean is a string")
    /// );
    /// ```
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// Machine-applicable fixes, if any.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"is_ui_read_only": "false"}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].message(), "Replace with `false`");
    /// // A syntax error has none.
    /// assert!(ztlint::lint("{")[0].fixes().is_empty());
    /// ```
    pub fn fixes(&self) -> &[Fix] {
        self.fixes.as_slice()
    }

    /// The 1-based start and end positions of the primary span.
    ///
    /// ```
    /// use ztlint::{LineIndex, Position};
    ///
    /// let source = "{\n  \"name\": \"A\",\n  \"name\": \"B\"\n}";
    /// let diagnostics = ztlint::lint(source);
    /// let (start, end) = diagnostics[0].positions(&LineIndex::new(source));
    /// assert_eq!(start, Position { line: 3, column: 3 });
    /// assert_eq!(end, Position { line: 3, column: 9 });
    /// ```
    pub fn positions(&self, index: &LineIndex<'_>) -> (Position, Position) {
        index.span(self.primary.span)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = miette::LabeledSpan::new_primary_with_span(
            self.primary.text.as_deref().map(str::to_owned),
            self.primary.span,
        );
        // A label in another file cannot be drawn over this one's source.
        let secondary = self
            .secondary
            .as_slice()
            .iter()
            .filter(|l| l.elsewhere.is_none())
            .map(|l| {
                miette::LabeledSpan::new_with_span(l.text.as_deref().map(str::to_owned), l.span)
            });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}
