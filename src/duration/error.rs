//! The parse error, with Go's message text and Go's own quoting.

use std::fmt::{self, Write};

/// What [`parse`](super::parse) objected to, for callers that want to
/// suggest a fix rather than only show Go's message.
///
/// New kinds may be added if Go adds error messages, so match with a
/// wildcard arm.
///
/// ```
/// use ztlint::duration::{parse, ErrorKind};
///
/// let hint = match parse("30").unwrap_err().kind() {
///     ErrorKind::MissingUnit => "add a unit, e.g. 30s",
///     ErrorKind::UnknownUnit => "use one of ns, us, ms, s, m, h",
///     _ => "write a duration like 24h or 1h30m",
/// };
/// assert_eq!(hint, "add a unit, e.g. 30s");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Go's `time: invalid duration "…"`: empty input, a lone sign, a
    /// stray character where a number should start, a number without
    /// digits, or a value outside the `i64` nanosecond range.
    Invalid,
    /// Go's `time: missing unit in duration "…"`: a number (other than a
    /// bare `0`) not followed by a unit, as in `"30"` or `"1h30"`.
    MissingUnit,
    /// Go's `time: unknown unit "…" in duration "…"`: the text after a
    /// number is not a Go unit, as in `"7d"` or `"5 s"`; see
    /// [`Error::unit`].
    UnknownUnit,
}

/// Why a string is not a Go duration. Its `Display` is exactly the text of
/// the Go error `time.ParseDuration` returns for the same input.
///
/// ```
/// let err = ztlint::duration::parse("1.5 hours").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"time: unknown unit " hours" in duration "1.5 hours""#,
/// );
/// let boxed: Box<dyn std::error::Error> = Box::new(err);
/// assert!(boxed.source().is_none());
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Error {
    reason: Reason,
    /// The whole input, as Go quotes it in every message.
    input: String,
}

/// [`ErrorKind`] plus the unit text where there is one, so an unknown-unit
/// error cannot lack its unit.
#[derive(Clone, PartialEq, Eq, Debug)]
enum Reason {
    Invalid,
    MissingUnit,
    UnknownUnit(String),
}

impl Error {
    pub(super) fn invalid(input: &str) -> Error {
        Error::with(Reason::Invalid, input)
    }

    pub(super) fn missing_unit(input: &str) -> Error {
        Error::with(Reason::MissingUnit, input)
    }

    pub(super) fn unknown_unit(unit: &str, input: &str) -> Error {
        Error::with(Reason::UnknownUnit(unit.to_owned()), input)
    }

    fn with(reason: Reason, input: &str) -> Error {
        Error {
            reason,
            input: input.to_owned(),
        }
    }

    /// Which of Go's three errors this is.
    ///
    /// ```
    /// use ztlint::duration::{parse, ErrorKind};
    ///
    /// assert_eq!(parse("").unwrap_err().kind(), ErrorKind::Invalid);
    /// assert_eq!(parse("10").unwrap_err().kind(), ErrorKind::MissingUnit);
    /// assert_eq!(parse("1d").unwrap_err().kind(), ErrorKind::UnknownUnit);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self.reason {
            Reason::Invalid => ErrorKind::Invalid,
            Reason::MissingUnit => ErrorKind::MissingUnit,
            Reason::UnknownUnit(_) => ErrorKind::UnknownUnit,
        }
    }

    /// The unrecognised unit text, unquoted, for
    /// [`ErrorKind::UnknownUnit`]; `None` for the other kinds. It is the
    /// whole run of characters after the number up to the next digit or
    /// `.`, so it can contain spaces or be a whole word.
    ///
    /// ```
    /// use ztlint::duration::parse;
    ///
    /// assert_eq!(parse("2 days").unwrap_err().unit(), Some(" days"));
    /// assert_eq!(parse("24H").unwrap_err().unit(), Some("H"));
    /// assert_eq!(parse("24").unwrap_err().unit(), None);
    /// ```
    pub fn unit(&self) -> Option<&str> {
        match &self.reason {
            Reason::UnknownUnit(unit) => Some(unit),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            Reason::Invalid => f.write_str("time: invalid duration ")?,
            Reason::MissingUnit => f.write_str("time: missing unit in duration ")?,
            Reason::UnknownUnit(unit) => {
                f.write_str("time: unknown unit ")?;
                write_quoted(f, unit)?;
                f.write_str(" in duration ")?;
            }
        }
        write_quoted(f, &self.input)
    }
}

impl std::error::Error for Error {}

/// Writes `s` quoted the way Go's unexported `time.quote` does, which is not
/// `strconv.Quote` nor Rust's `{:?}`: `"` and `\` get a backslash, and every
/// byte of a control character (below U+0020) or a non-ASCII character is
/// written as `\xNN` in lower-case hex. Everything else, DEL included, is
/// written as is.
///
/// Go's extra care for invalid UTF-8 does not arise for a `&str`; a real
/// U+FFFD comes out as its three bytes, as in Go.
fn write_quoted(f: &mut impl Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        if c < ' ' || !c.is_ascii() {
            let mut utf8 = [0; 4];
            for byte in c.encode_utf8(&mut utf8).bytes() {
                write!(f, "\\x{byte:02x}")?;
            }
        } else {
            if c == '"' || c == '\\' {
                f.write_char('\\')?;
            }
            f.write_char(c)?;
        }
    }
    f.write_char('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        write_quoted(&mut out, s).unwrap();
        out
    }

    #[test]
    fn quote_matches_go() {
        assert_eq!(quoted(""), r#""""#);
        assert_eq!(quoted("1h"), r#""1h""#);
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quoted("\t\n\0"), r#""\x09\x0a\x00""#);
        assert_eq!(quoted("\x7f"), "\"\x7f\"");
        assert_eq!(quoted("\u{b5}s"), r#""\xc2\xb5s""#);
        assert_eq!(quoted("\u{FFFD}"), r#""\xef\xbf\xbd""#);
        assert_eq!(
            quoted("\u{FFFD} hello \u{FFFD} world"),
            r#""\xef\xbf\xbd hello \xef\xbf\xbd world""#
        );
    }

    #[test]
    fn messages() {
        assert_eq!(
            Error::invalid("-").to_string(),
            r#"time: invalid duration "-""#
        );
        assert_eq!(
            Error::missing_unit("3").to_string(),
            r#"time: missing unit in duration "3""#
        );
        assert_eq!(
            Error::unknown_unit("d", "1d").to_string(),
            r#"time: unknown unit "d" in duration "1d""#
        );
    }
}
