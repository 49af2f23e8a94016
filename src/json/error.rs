//! Syntax errors of the JSON parser.

use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

/// The rule code of every JSON syntax diagnostic.
///
/// ```
/// let diagnostics = ztlint::lint("{\"name\": 'Widget'}");
/// assert_eq!(diagnostics[0].code(), ztlint::json::SYNTAX_CODE);
/// assert_eq!(ztlint::json::SYNTAX_CODE, "json-syntax");
/// ```
pub const SYNTAX_CODE: &str = "json-syntax";

/// Why a document is not JSON: a message, the span at fault and, where the
/// fix is obvious, a help line.
///
/// ```
/// let err = ztlint::json::parse("[1, 2,]").unwrap_err();
/// assert_eq!(err.to_string(), "trailing comma is not allowed in JSON");
/// assert_eq!(err.span().range(), 5..6);
/// assert_eq!(err.help(), Some("remove the `,`"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    // Boxed so that the parser's `Result`s stay as small as the values they
    // carry: errors are rare, values are not.
    inner: Box<Inner>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    message: String,
    span: Span,
    help: Option<String>,
    opened: Option<Span>,
}

impl Error {
    #[cold]
    pub(crate) fn new(message: impl Into<String>, span: Span) -> Error {
        Error {
            inner: Box::new(Inner {
                message: message.into(),
                span,
                help: None,
                opened: None,
            }),
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Error {
        self.inner.help = Some(help.into());
        self
    }

    pub(crate) fn opened_at(mut self, span: Span) -> Error {
        self.inner.opened = Some(span);
        self
    }

    /// What is wrong and what was expected.
    ///
    /// ```
    /// let err = ztlint::json::parse(r#"{"a": tru}"#).unwrap_err();
    /// assert_eq!(err.message(), "expected a JSON value, found `tru`");
    /// ```
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where: the offending token, or an empty span where something is
    /// missing.
    ///
    /// ```
    /// let err = ztlint::json::parse(r#"{"a": tru}"#).unwrap_err();
    /// assert_eq!(err.span().range(), 6..9);
    /// // Nothing is there to point at: the span is empty.
    /// let err = ztlint::json::parse("[1, 2").unwrap_err();
    /// assert_eq!(err.span(), ztlint::Span::empty(5));
    /// ```
    pub fn span(&self) -> Span {
        self.inner.span
    }

    /// How to fix it, when that is obvious.
    ///
    /// ```
    /// let err = ztlint::json::parse("{'a': 1}").unwrap_err();
    /// assert_eq!(err.help(), Some(r#"use double quotes: `"a"`"#));
    /// assert_eq!(ztlint::json::parse(r#"{"a": tru}"#).unwrap_err().help(), None);
    /// ```
    pub fn help(&self) -> Option<&str> {
        self.inner.help.as_deref()
    }

    /// For an unclosed or mismatched bracket: where it was opened.
    ///
    /// ```
    /// let err = ztlint::json::parse(r#"[1, {"a": 2]"#).unwrap_err();
    /// assert_eq!(err.message(), "expected `,` or `}` after object member, found `]`");
    /// assert_eq!(err.opened().map(|s| s.range()), Some(4..5));
    /// ```
    pub fn opened(&self) -> Option<Span> {
        self.inner.opened
    }

    /// The error as a `json-syntax` [`Diagnostic`].
    ///
    /// ```
    /// use ztlint::Severity;
    ///
    /// let d = ztlint::json::parse("[1, 2").unwrap_err().to_diagnostic();
    /// assert_eq!((d.code(), d.severity()), ("json-syntax", Severity::Error));
    /// assert_eq!(d.message(), "unclosed array: expected `,` or `]`, found end of input");
    /// assert_eq!(d.primary().text(), Some("expected here"));
    /// assert_eq!(d.secondary()[0].text(), Some("opened here"));
    /// assert_eq!(d.secondary()[0].span().range(), 0..1);
    /// ```
    pub fn to_diagnostic(&self) -> Diagnostic {
        let inner = &*self.inner;
        let mut d = Diagnostic::new(
            SYNTAX_CODE,
            Severity::Error,
            inner.message.clone(),
            inner.span,
        )
        .with_label(label_for(&inner.message));
        if let Some(help) = &inner.help {
            d = d.with_help(help.clone());
        }
        if let Some(opened) = inner.opened {
            d = d.with_secondary(opened, "opened here");
        }
        d
    }
}

fn label_for(message: &str) -> &'static str {
    if message.starts_with("expected") || message.starts_with("unclosed") {
        "expected here"
    } else {
        "here"
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)
    }
}

impl std::error::Error for Error {}
