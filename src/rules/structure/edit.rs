//! Removing an object member so that the rest stays valid, tidy JSON.

use crate::diagnostic::Edit;
use crate::json::Value;
use crate::span::Span;

/// The edit that removes member `index` of `object` together with one
/// separating comma and the whitespace that went with it:
///
/// - a member followed by another loses everything up to the next key, so
///   the next member takes its place and indentation;
/// - the last of several loses everything from the end of the previous
///   value, so no comma dangles;
/// - the only member leaves `{}`.
///
/// `None` when `object` is not an object or has no member `index`.
pub(crate) fn remove_member_edit(object: &Value<'_>, index: usize) -> Option<Edit> {
    let members = object.as_object()?;
    let member = members.get(index)?;
    let span = if let Some(next) = members.get(index + 1) {
        Span::new(member.key().span().start(), next.key().span().start())
    } else if let Some(previous) = index.checked_sub(1).and_then(|i| members.get(i)) {
        Span::new(previous.value().span().end(), member.value().span().end())
    } else {
        let braces = object.span();
        Span::new(braces.start() + 1, braces.end().saturating_sub(1))
    };
    Some(Edit::delete(span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn remove(source: &str, index: usize) -> String {
        let doc = parse(source).unwrap();
        let edit = remove_member_edit(&doc, index).unwrap();
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
        assert!(remove_member_edit(&doc, 1).is_none());
        let doc = parse("[1]").unwrap();
        assert!(remove_member_edit(&doc, 0).is_none());
    }
}
