//! Finding a field by path, quoting values in messages, and rewriting or
//! pointing into JSON string tokens.

use std::borrow::Cow;

use crate::diagnostic::{Edit, Fix};
use crate::json::Value;
use crate::span::Span;

/// The value at `path` (object keys, outermost first), if every step is an
/// object that has the key. A repeated key resolves to its last occurrence,
/// as in Go's decoder.
pub(crate) fn value_at<'v, 'a>(root: &'v Value<'a>, path: &[&str]) -> Option<&'v Value<'a>> {
    path.iter().try_fold(root, |value, key| value.get(key))
}

/// A string value found at a path: the decoded text and its token's span
/// (quotes included).
#[derive(Clone, Copy, Debug)]
pub(crate) struct StrField<'v> {
    pub(crate) text: &'v str,
    pub(crate) span: Span,
}

/// The string at `path`; `None` when it is missing or of another type (the
/// structure rules report wrong types).
pub(crate) fn str_at<'v>(root: &'v Value<'_>, path: &[&str]) -> Option<StrField<'v>> {
    let value = value_at(root, path)?;
    Some(StrField {
        text: value.as_str()?,
        span: value.span(),
    })
}

/// The string at `path` when it is set: `None` also for the empty string,
/// which is how real clients send a field they leave unset (cloudflare-go
/// v0, behind Terraform v4 and flarectl, sends `""` for every unset string
/// field), and which Cloudflare takes as unset. The format rules (colors,
/// durations, URLs, identifiers) read only set values.
pub(crate) fn set_str_at<'v>(root: &'v Value<'_>, path: &[&str]) -> Option<StrField<'v>> {
    str_at(root, path).filter(|field| !field.text.is_empty())
}

/// A path as messages name it: `login_design.text_color`. Borrowed for a
/// top-level field.
pub(crate) fn dotted(path: &[&'static str]) -> Cow<'static, str> {
    match path {
        [key] => Cow::Borrowed(key),
        _ => Cow::Owned(path.join(".")),
    }
}

/// `text` as a JSON string literal, quotes included, escaped as serde_json
/// escapes it: `"` and `\\`, the short escapes for backspace, form feed,
/// newline, carriage return and tab, and `\\u00XX` for other control
/// characters.
pub(crate) fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut rest = text;
    // Every character that needs escaping is ASCII, so a byte scan finds it.
    while let Some(at) = rest
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < b' ')
    {
        let (plain, special) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = special.chars();
        match chars.next() {
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\u{8}') => out.push_str("\\b"),
            Some('\u{c}') => out.push_str("\\f"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some(c) => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            None => {}
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out.push('"');
    out
}

/// A fix that replaces a whole string token with the literal for `text`.
pub(crate) fn replace_string(span: Span, text: &str, safe: bool) -> Fix {
    let (message, literal) = replacement_texts(text);
    replacement_fix(span, message, literal, safe)
}

/// The fix message and the JSON literal that [`replace_string`] uses for
/// `text`: for a constant replacement, build them once and hand them to
/// [`replacement_fix`].
pub(crate) fn replacement_texts(text: &str) -> (String, String) {
    let literal = json_string(text);
    let mut message = String::with_capacity(literal.len() + 15);
    message.push_str("Replace with `");
    message.push_str(&literal);
    message.push('`');
    (message, literal)
}

/// The fix that replaces the string token at `span` with `literal`.
pub(crate) fn replacement_fix(
    span: Span,
    message: impl Into<Cow<'static, str>>,
    literal: impl Into<Cow<'static, str>>,
    safe: bool,
) -> Fix {
    let edits = [Edit::replace(span, literal)];
    if safe {
        Fix::safe(message, edits)
    } else {
        Fix::needs_review(message, edits)
    }
}

/// Longest value shown in a message before it is cut.
const SHOWN_MAX_CHARS: usize = 64;

/// A value for a message between backticks: control characters escaped, and
/// cut with `…` past 64 characters so that a huge value cannot flood the
/// output.
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    // The usual value: short, with no byte of a control character (C1
    // controls start with 0xC2, as do a few printable characters).
    let plain = |b: u8| b >= 0x20 && b != 0x7f && b != 0xc2;
    if text.len() <= SHOWN_MAX_CHARS && text.bytes().all(plain) {
        return Cow::Borrowed(text);
    }
    let (kept, cut) = match text.char_indices().nth(SHOWN_MAX_CHARS) {
        Some((end, _)) => (text.get(..end).unwrap_or(text), true),
        None => (text, false),
    };
    let mut out = String::with_capacity(kept.len() + 3);
    // Copy the runs between control characters whole.
    let mut rest = kept;
    while let Some(at) = rest.find(char::is_control) {
        let (plain, special) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = special.chars();
        if let Some(c) = chars.next() {
            out.extend(c.escape_debug());
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    if cut {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Each decoded character of the string token at `token` with the span of
/// the source text that encodes it: one character, a two-character escape
/// such as `\n`, a `\uXXXX` escape, or a `\uXXXX\uXXXX` surrogate pair.
///
/// `None` when `token` is not a well-formed string token of `source`; the
/// parser only makes well-formed ones, so callers fall back to the whole
/// token.
pub(crate) fn char_spans(source: &str, token: Span) -> Option<Vec<(char, Span)>> {
    let raw = source.get(token.range())?;
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    let base = token.start() + 1;
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let at = base + (body.len() - rest.len());
        let (decoded, len) = if c == '\\' {
            decode_escape(rest)?
        } else {
            (c, c.len_utf8())
        };
        out.push((decoded, Span::new(at, at + len)));
        rest = rest.get(len..)?;
    }
    Some(out)
}

/// The character an escape at the start of `raw` encodes, and the escape's
/// length in bytes.
fn decode_escape(raw: &str) -> Option<(char, usize)> {
    let simple = match raw.as_bytes().get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let unit = hex4(raw.get(2..6)?)?;
            if (0xD800..0xDC00).contains(&unit) {
                let low = hex4(raw.get(6..12)?.strip_prefix("\\u")?)?;
                let code = 0x10000 + ((unit - 0xD800) << 10) + low.checked_sub(0xDC00)?;
                return Some((char::from_u32(code)?, 12));
            }
            return Some((char::from_u32(unit)?, 6));
        }
        _ => return None,
    };
    Some((simple, 2))
}

fn hex4(text: &str) -> Option<u32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(text, 16).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_the_last_duplicate_and_skip_other_types() {
        let source = r#"{"a": {"b": "one", "b": "two"}, "c": 3}"#;
        let root = crate::json::parse(source).unwrap();
        let found = str_at(&root, &["a", "b"]).unwrap();
        assert_eq!((found.text, found.span), ("two", Span::new(24, 29)));
        assert!(str_at(&root, &["c"]).is_none());
        assert!(str_at(&root, &["c", "d"]).is_none());
        assert!(value_at(&root, &["c"]).is_some());
    }

    #[test]
    fn string_literals_and_shown_values() {
        assert_eq!(json_string("a\"b\\c\u{1}"), r#""a\"b\\c\u0001""#);
        assert_eq!(shown("24\nh"), "24\\nh");
        assert_eq!(shown(&"x".repeat(70)), format!("{}…", "x".repeat(64)));
        assert_eq!(shown(&"é".repeat(64)), "é".repeat(64));
        assert_eq!(
            shown(&format!("{}\t", "é".repeat(63))),
            format!("{}\\t", "é".repeat(63))
        );
    }

    #[test]
    fn string_literals_escape_as_serde_json_does() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        for text in [every_ascii.as_str(), "", "é\u{2028}\u{feff}😀", "a\"\\"] {
            let serde = serde_json::Value::String(text.to_owned()).to_string();
            assert_eq!(json_string(text), serde, "{text:?}");
        }
    }

    #[test]
    fn char_spans_map_escapes_to_their_source_bytes() {
        let source = r#"["aé\n\u200b\ud83d\ude00z"]"#;
        let token = Span::new(1, source.len() - 1);
        let spans = char_spans(source, token).unwrap();
        let got: Vec<(char, &str)> = spans
            .iter()
            .map(|&(c, s)| (c, &source[s.range()]))
            .collect();
        assert_eq!(
            got,
            vec![
                ('a', "a"),
                ('é', "é"),
                ('\n', "\\n"),
                ('\u{200b}', "\\u200b"),
                ('😀', "\\ud83d\\ude00"),
                ('z', "z"),
            ]
        );
        assert!(char_spans(source, Span::new(0, 3)).is_none());
    }
}
