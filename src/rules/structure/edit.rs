//! Removing an object member so that the rest stays valid, tidy JSON.

use crate::diagnostic::Edit;
use crate::json::Value;
use crate::span::Span;

/// The edit that removes member `index` of `object`, parsed from `source`,
/// together with one separating comma and the whitespace that went with it:
///
/// - a member followed by another loses everything up to the next key, so
///   the next member takes its place and indentation;
/// - the last of several loses everything from the end of the previous
///   value, so no comma dangles;
/// - the only member leaves `{}`.
///
/// The neighbours are found in the text, not in the tree: a large body is
/// linted a window of its members at a time, and a member's neighbour in
/// the text may not be in the window.
///
/// `None` when `object` is not an object or has no member `index`.
pub(crate) fn remove_member_edit(source: &str, object: &Value<'_>, index: usize) -> Option<Edit> {
    let member = object.as_object()?.get(index)?;
    remove_member(source, object.span(), member.span())
}

/// [`remove_member_edit`] for the member at `member` (from its key to the
/// end of its value) of the object at `braces`.
fn remove_member(source: &str, braces: Span, member: Span) -> Option<Edit> {
    let bytes = source.as_bytes();
    let is_space = |b: &&u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    // Between two members of parsed JSON there is only whitespace and one
    // comma.
    let after = member.end();
    let next = after + bytes.get(after..)?.iter().take_while(is_space).count();
    let span = if bytes.get(next) == Some(&b',') {
        let key = next + 1 + bytes.get(next + 1..)?.iter().take_while(is_space).count();
        Span::new(member.start(), key)
    } else {
        let head = bytes.get(..member.start())?;
        let comma = member.start() - head.iter().rev().take_while(is_space).count();
        match comma.checked_sub(1) {
            Some(at) if bytes.get(at) == Some(&b',') => {
                let rest = bytes.get(..at)?;
                Span::new(at - rest.iter().rev().take_while(is_space).count(), after)
            }
            _ => Span::new(braces.start() + 1, braces.end().saturating_sub(1)),
        }
    };
    Some(Edit::delete(span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn remove(source: &str, index: usize) -> String {
        let doc = parse(source).unwrap();
        let edit = remove_member_edit(source, &doc, index).unwrap();
        let mut out = source.to_string();
        out.replace_range(edit.span().range(), edit.replacement());
        assert!(parse(&out).is_ok(), "{out}");
        out
    }

    #[test]
    fn removes_first_middle_last_and_only_members() {
        let pretty = "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": {}\n}";
        assert_eq!(remove(pretty, 0), "{\n  \"b\": [2],\n  \"c\": {}\n}");
        assert_eq!(remove(pretty, 1), "{\n  \"a\": 1,\n  \"c\": {}\n}");
        assert_eq!(remove(pretty, 2), "{\n  \"a\": 1,\n  \"b\": [2]\n}");
        assert_eq!(remove("{ \"a\" : 1 }", 0), "{}");
        assert_eq!(remove(r#"{"a":1,"b":2}"#, 1), r#"{"a":1}"#);
    }

    #[test]
    fn refuses_what_is_not_a_member() {
        let doc = parse(r#"{"a": 1}"#).unwrap();
        assert!(remove_member_edit(r#"{"a": 1}"#, &doc, 1).is_none());
        let doc = parse("[1]").unwrap();
        assert!(remove_member_edit("[1]", &doc, 0).is_none());
    }
}
