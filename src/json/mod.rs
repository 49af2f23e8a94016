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
pub(crate) use parser::Keeps;
pub(crate) use parser::{Opening, PrunedPath, Step, Stream};
pub use value::{Key, Member, Number, Value, ValueKind};

/// serde_json's default recursion limit: a document may nest 127 levels.
///
/// ```
/// use ztlint::json::{parse, DEFAULT_MAX_DEPTH};
///
/// let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
/// assert!(parse(&deep(DEFAULT_MAX_DEPTH - 1)).is_ok());
/// let err = parse(&deep(DEFAULT_MAX_DEPTH)).unwrap_err();
/// assert_eq!(err.message(), "array nested too deeply: JSON nesting is limited to 127 levels");
/// assert_eq!(err.span().range(), 127..128);
/// ```
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
    parser::Parser::new(src, bom_length(src), DEFAULT_MAX_DEPTH).parse_document()
}

/// Like [`parse_after_bom`], dropping what the caller never reads: the
/// elements of a root array but a lone one, and the insides of the value of
/// each member that `keeps` refuses. Each dropped array or object stays in
/// the tree with its span, empty. With the tree, when `repeats` asks,
/// whether a dropped object has a duplicate key, which only the whole tree
/// can locate (a dropped object keeps its keys until it closes, for that).
///
/// A document of values under unknown keys then costs a tree of its root
/// members only, whatever its size.
pub(crate) fn parse_pruned(
    src: &str,
    keeps: Keeps,
    repeats: bool,
) -> Result<(Value<'_>, bool), Error> {
    let mut parser = parser::Parser::new(src, bom_length(src), DEFAULT_MAX_DEPTH).pruning(keeps);
    if repeats {
        parser = parser.finding_pruned_repeats();
    }
    Ok(match parser.parse_pruned(None)? {
        parser::Pruned::Tree(value) => (value, false),
        parser::Pruned::WithDuplicate(value) => (value, true),
    })
}

/// Like [`parse`], dropping what the caller never reads: the insides of
/// the value of each member that `keeps` refuses, and the elements of a
/// root array but a lone one. Unlike [`parse_pruned`], a duplicate key in
/// what is dropped is not looked for, for a caller that never reads it.
pub(crate) fn parse_reading(src: &str, keeps: Keeps) -> Result<Value<'_>, Error> {
    read_pruned(src, 0, keeps, None)
}

/// Like [`parse_reading`] after a leading byte order mark, and the
/// elements of the array that is the value of the top-level member `key`
/// go to `each` as they are read, leaving the array empty in the tree: a
/// caller that reads them one at a time holds one at a time.
pub(crate) fn parse_streaming<'a>(
    src: &'a str,
    keeps: Keeps,
    key: &str,
    each: &mut dyn FnMut(Value<'a>),
) -> Result<Value<'a>, Error> {
    read_pruned(
        src,
        bom_length(src),
        keeps,
        Some(&mut Elements { key, each }),
    )
}

/// The elements of the arrays of the top-level members `key`, for `each`.
struct Elements<'s, 'a> {
    key: &'s str,
    each: &'s mut dyn FnMut(Value<'a>),
}

impl<'a> parser::Stream<'a> for Elements<'_, 'a> {
    fn opens(
        &mut self,
        path: &[std::borrow::Cow<'_, str>],
        key: &str,
        _: usize,
        _: usize,
    ) -> Opening {
        if path.is_empty() && key == self.key {
            Opening::Handed
        } else {
            Opening::Kept
        }
    }

    fn element(&mut self, _: &[std::borrow::Cow<'a, str>], value: Value<'a>) {
        (self.each)(value);
    }
}

/// Like [`parse_pruned`], handing to `stream` the values it takes (see
/// [`parser::Stream`]). Repeats in what is dropped are not looked for: a
/// stream that takes the keys of dropped objects finds them.
pub(crate) fn parse_handing<'a>(
    src: &'a str,
    keeps: Keeps,
    stream: &mut dyn Stream<'a>,
) -> Result<Value<'a>, Error> {
    read_pruned(src, bom_length(src), keeps, Some(stream))
}

/// Reads the value that starts at byte `start` of `src` for syntax only,
/// keeping no child (its span says where it ends): the keys of its
/// objects, and of those in them, go to `stream` if given (see
/// [`Stream::pruned_key`]).
pub(crate) fn read_pruned_value<'a>(
    src: &'a str,
    start: usize,
    stream: Option<&mut dyn Stream<'a>>,
) -> Result<Value<'a>, Error> {
    parser::Parser::new(src, start, DEFAULT_MAX_DEPTH)
        .one_pruned_value()
        .parse_document_with(stream)
}

/// The text of the string token whose opening quote is at byte `at` of
/// `src`, if one is there.
pub(crate) fn string_at(src: &str, at: usize) -> Option<std::borrow::Cow<'_, str>> {
    if src.as_bytes().get(at) != Some(&b'"') {
        return None;
    }
    parser::Parser::new(src, at, DEFAULT_MAX_DEPTH).string()
}

/// The tree of `src` from byte `start`, pruned by `keeps`, with the
/// children `stream` takes handed to it.
fn read_pruned<'a>(
    src: &'a str,
    start: usize,
    keeps: Keeps,
    stream: Option<&mut dyn Stream<'a>>,
) -> Result<Value<'a>, Error> {
    let parser = parser::Parser::new(src, start, DEFAULT_MAX_DEPTH).pruning(keeps);
    Ok(match parser.parse_pruned(stream)? {
        parser::Pruned::Tree(value) | parser::Pruned::WithDuplicate(value) => value,
    })
}

/// The length of a leading byte order mark: 3 or 0.
fn bom_length(src: &str) -> usize {
    if src.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{parse, parse_after_bom, parse_pruned, parse_streaming, Value, ValueKind};

    /// Keeps the values of top-level `name` and `login_design` only.
    fn keeps(path: &[Cow<'_, str>], key: &str) -> bool {
        !path.is_empty() || matches!(key, "name" | "login_design")
    }

    /// The tree as `kind@start..end`, children in brackets.
    fn shape(value: &Value<'_>) -> String {
        let span = value.span();
        let children: Vec<String> = match value.kind() {
            ValueKind::Array(items) => items.iter().map(shape).collect(),
            ValueKind::Object(members) => members
                .iter()
                .map(|m| format!("{}={}", m.key().as_str(), shape(m.value())))
                .collect(),
            _ => return format!("{}@{}..{}", value.type_name(), span.start(), span.end()),
        };
        format!(
            "{}@{}..{}[{}]",
            value.type_name(),
            span.start(),
            span.end(),
            children.join(",")
        )
    }

    fn pruned_shape(source: &str) -> Option<String> {
        match parse_pruned(source, keeps, true).unwrap() {
            (root, false) => Some(shape(&root)),
            (_, true) => None,
        }
    }

    #[test]
    fn values_under_other_top_level_keys_keep_their_span_and_lose_their_insides() {
        let source =
            r#"{"x": [1, {"a": [2]}], "name": "W", "login_design": {"y": [3]}, "z": {"b": 4}}"#;
        assert_eq!(
            pruned_shape(source).unwrap(),
            "object@0..78[x=array@6..21[],name=string@31..34,login_design=object@52..62[y=array@58..61[number@59..60]],z=object@69..77[]]"
        );
    }

    #[test]
    fn a_root_array_keeps_a_lone_element_only() {
        assert_eq!(
            pruned_shape(r#"[{"name": [1]}]"#).unwrap(),
            "array@0..15[object@1..14[]]"
        );
        assert_eq!(pruned_shape("[1, 2]").unwrap(), "array@0..6[]");
        assert_eq!(pruned_shape("[1, 2, 3]").unwrap(), "array@0..9[]");
        assert_eq!(pruned_shape("[]").unwrap(), "array@0..2[]");
    }

    #[test]
    fn a_duplicate_key_in_a_dropped_object_asks_for_the_whole_tree() {
        assert_eq!(
            pruned_shape(r#"{"x": {"a": 1, "b": {"a": 2}}}"#).map(|_| ()),
            Some(())
        );
        assert_eq!(
            pruned_shape(r#"{"x": [{"a": 1}, {"b": 2, "a": 3, "a": 4}]}"#),
            None
        );
        assert_eq!(pruned_shape(r#"[{"a": 1, "a": 2}, 1]"#), None);
        // Duplicates the tree keeps are the rules' to report.
        assert!(pruned_shape(r#"{"x": 1, "x": 2, "name": {"a": 1, "a": 2}}"#).is_some());
    }

    #[test]
    fn pruning_changes_no_error() {
        let deep = format!(r#"{{"x": {}}}"#, "[".repeat(200));
        for source in [
            r#"{"x": [1, 2,]}"#,
            r#"{"x": {"a" 1}}"#,
            r#"[1, 2"#,
            r#"{"x": ["\q"]}"#,
            deep.as_str(),
        ] {
            assert_eq!(
                parse_pruned(source, keeps, true).unwrap_err(),
                parse_after_bom(source).unwrap_err(),
                "{source}"
            );
        }
    }

    #[test]
    fn keeps_is_asked_with_the_path_of_keys_and_arrays_left_out() {
        fn only_the_tf_json_resources_read(path: &[Cow<'_, str>], key: &str) -> bool {
            match path {
                [] => key == "resource",
                [resource] if resource == "resource" => key.ends_with("_organization"),
                _ => true,
            }
        }
        let source = r#"{"resource": [{"null_resource": {"n": {"a": [1]}}, "x_organization": {"o": {"b": [2]}}}], "data": {"d": [3]}}"#;
        let (root, false) = parse_pruned(source, only_the_tf_json_resources_read, true).unwrap()
        else {
            panic!("a repeat in what is dropped");
        };
        assert_eq!(
            shape(&root),
            "object@0..109[resource=array@13..88[object@14..87[null_resource=object@32..49[],x_organization=object@69..86[o=object@75..85[b=array@81..84[number@82..83]]]]],data=object@98..108[]]"
        );
    }

    #[test]
    fn a_streamed_array_hands_each_element_over_in_order_and_keeps_none() {
        let source = r#"{"changes": [{"a": 1}, [2], 3], "x": [4], "y": {"changes": [5]}}"#;
        let mut seen = Vec::new();
        let root = parse_streaming(
            source,
            |path, key| !path.is_empty() || key != "y",
            "changes",
            &mut |value| seen.push(shape(&value)),
        )
        .unwrap();
        assert_eq!(
            seen,
            [
                "object@13..21[a=number@19..20]",
                "array@23..26[number@24..25]",
                "number@28..29"
            ]
        );
        assert_eq!(
            shape(&root),
            "object@0..64[changes=array@12..30[],x=array@37..40[number@38..39],y=object@47..63[]]"
        );
        // A duplicate key where nothing is read leaves the tree as it is.
        let mut count = 0;
        let root = parse_streaming(
            r#"{"changes": [1, 2], "y": {"a": 1, "a": 2}}"#,
            |path, key| !path.is_empty() || key != "y",
            "changes",
            &mut |_| count += 1,
        )
        .unwrap();
        assert_eq!((count, root.as_object().unwrap().len()), (2, 2));
    }

    #[test]
    fn without_pruning_the_tree_is_whole() {
        let source = r#"{"x": [1, {"a": [2]}]}"#;
        assert_eq!(
            shape(&parse(source).unwrap()),
            "object@0..22[x=array@6..21[number@7..8,object@10..20[a=array@16..19[number@17..18]]]]"
        );
    }
}
