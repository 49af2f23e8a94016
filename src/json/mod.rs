//! A strict RFC 8259 JSON parser that keeps a byte span for every value, key
//! and member.
//!
//! ```
//! use ztlint::json::{self, ValueKind};
//!
//! let source = r#"{"session_duration": "24h", "name": "Widget"}"#;
//! let doc = json::parse(source)?;
//! let members = doc.as_object().unwrap();
//! assert_eq!(members[0].key().as_str(), "session_duration");
//! assert_eq!(&source[members[0].key().span().range()], r#""session_duration""#);
//! assert_eq!(&source[members[0].value().span().range()], r#""24h""#);
//! assert!(matches!(members[1].value().kind(), ValueKind::String(s) if s == "Widget"));
//! # Ok::<(), json::Error>(())
//! ```
//!
//! # Grammar
//!
//! Exactly RFC 8259, section 2 onwards:
//!
//! ```text
//! document = ws value ws
//! value    = object / array / string / number / "true" / "false" / "null"
//! object   = "{" ws [ member *( ws "," ws member ) ] ws "}"
//! member   = string ws ":" ws value
//! array    = "[" ws [ value *( ws "," ws value ) ] ws "]"
//! number   = [ "-" ] ( "0" / digit1-9 *digit ) [ "." 1*digit ] [ ("e" / "E") [ "+" / "-" ] 1*digit ]
//! string   = %x22 *( unescaped / "\" ( %x22 / "\" / "/" / "b" / "f" / "n" / "r" / "t" / "u" 4hexdig ) ) %x22
//! unescaped= any scalar value except %x00-1F, %x22 and %x5C
//! ws       = *( %x20 / %x09 / %x0A / %x0D )
//! ```
//!
//! Everything else is rejected with an [`Error`] that names the problem:
//! comments, trailing commas, single quotes, `NaN` and `Infinity`, a leading
//! `+`, leading zeros, `.5`, unescaped control characters, invalid escapes,
//! lone surrogates in `\u` escapes, and anything after the value. A `\u`
//! escape that encodes a surrogate must be a high surrogate followed by a low
//! one.
//!
//! # Agreement with serde_json
//!
//! [`parse`] accepts exactly the inputs that
//! `serde_json::from_str::<serde_json::Value>` accepts, and produces the same
//! values (see [`Value::to_serde`]), with two deliberate exceptions:
//!
//! - **Duplicate keys are kept.** An object's members stay in source order
//!   with every duplicate, so the linter can report them. serde_json keeps
//!   only the last; [`Value::get`] does the same.
//! - **Numbers outside the range of `f64` are accepted** and kept as their
//!   source text ([`Number::as_str`]); serde_json rejects them with "number
//!   out of range". [`Number::as_f64`] returns `None` for them.
//!
//! Nesting is limited as in serde_json: at most 127 arrays and objects deep
//! by default; the error points at the first bracket past the limit. The
//! parser does not recurse, but dropping, cloning, comparing, formatting and
//! converting a [`Value`] do, once per level, so the limit is what keeps a
//! hostile document from overflowing the stack. [`parse_with_max_depth`]
//! sets another limit.
//!
//! # Byte order marks
//!
//! A text that starts with U+FEFF is rejected here, as by serde_json and by
//! Go's `encoding/json` on Cloudflare's side. The linter's front door,
//! [`crate::lint`], instead skips a leading byte order mark, lints the rest
//! and reports the mark itself as a `byte-order-mark` finding with a safe fix,
//! because Windows tools (Notepad before Windows 10 1903, PowerShell 5.1's
//! `Set-Content -Encoding UTF8`) write one by default.
//!
//! # Spans
//!
//! Every [`Value::span`], [`Key::span`] and [`Member::span`] slices the
//! source to exactly its token: a string's span includes its quotes, an
//! array's runs from `[` to `]`. Strings without escapes borrow from the
//! source.

mod error;
mod parser;
mod value;

pub use error::{Error, SYNTAX_CODE};
pub use value::{Key, Member, Number, Value, ValueKind};

/// serde_json's default recursion limit: a document may nest 127 levels.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// Parses a JSON document strictly, keeping spans.
///
/// ```
/// let doc = ztlint::json::parse(r#"[1, "two", null]"#)?;
/// assert_eq!(doc.as_array().unwrap().len(), 3);
/// assert_eq!(doc.span().range(), 0..16);
/// # Ok::<(), ztlint::json::Error>(())
/// ```
///
/// # Errors
///
/// Returns an [`Error`] at the first byte that is not valid JSON, or at the
/// first bracket nested deeper than the limit.
///
/// ```
/// let err = ztlint::json::parse(r#"{"a": 1,}"#).unwrap_err();
/// assert_eq!(err.message(), "trailing comma is not allowed in JSON");
/// assert_eq!(err.span().range(), 7..8);
/// ```
pub fn parse(src: &str) -> Result<Value<'_>, Error> {
    parse_with_max_depth(src, DEFAULT_MAX_DEPTH)
}

/// Like [`parse`], with a nesting limit: documents may nest `max_depth - 1`
/// levels, matching serde_json's `recursion_limit` semantics.
///
/// Parsing takes no stack per level whatever the limit. The tree it returns
/// is dropped, cloned, compared, formatted and converted recursively, though:
/// raise the limit only as far as the threads that handle the tree have
/// stack for. The default's 127 levels are safe on any thread.
///
/// ```
/// assert!(ztlint::json::parse_with_max_depth("[[1]]", 3).is_ok());
/// assert!(ztlint::json::parse_with_max_depth("[[[1]]]", 3).is_err());
/// ```
///
/// # Errors
///
/// As for [`parse`].
pub fn parse_with_max_depth(src: &str, max_depth: usize) -> Result<Value<'_>, Error> {
    parser::Parser::new(src, 0, max_depth.max(1)).parse_document()
}

/// Parses the document that follows a leading byte order mark, with spans
/// that still index `src` from its first byte.
pub(crate) fn parse_after_bom(src: &str) -> Result<Value<'_>, Error> {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    parser::Parser::new(src, start, DEFAULT_MAX_DEPTH).parse_document()
}
