//! JSON Pointers (RFC 6901) over the span-carrying tree: building them from
//! paths, resolving them, and finding the pointer of the node at a span.
//!
//! These live here rather than in `json/` so that the schema work does not
//! collide with other changes to the parser; they only use `Value`'s public
//! accessors.

use std::collections::HashMap;
use std::fmt::Write;

use super::problem::LastKeys;
use crate::json::{Value, ValueKind};
use crate::span::Span;

/// One step from a value to a child: a member key or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Seg<'d> {
    Key(&'d str),
    Index(usize),
}

/// Appends one escaped pointer token (`~` → `~0`, `/` → `~1`).
pub(crate) fn push_token(out: &mut String, token: &str) {
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// The JSON Pointer of a path, e.g. `/login_design/text_color`.
pub(crate) fn to_pointer(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => push_token(&mut out, k),
            Seg::Index(i) => {
                let _ = write!(out, "/{i}");
            }
        }
    }
    out
}

/// How a path reads in a message: `login_design.text_color`,
/// `mfa_config.allowed_authenticators[1]`; the root is `(root)`. Written
/// straight into the message, with no string of its own.
pub(crate) struct Dotted<'p, 'd>(pub(crate) &'p [Seg<'d>]);

impl std::fmt::Display for Dotted<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => f.write_str(k)?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// The path of the deepest member or element whose span contains `span`,
/// as [`pointer_at`] finds it.
pub(crate) fn path_at<'d>(root: &'d Value<'_>, span: Span) -> Vec<Seg<'d>> {
    path_at_from(root, span, &[])
}

/// [`path_at`], where the arrays of `items_from` hold some of their
/// elements: see [`crate::rules::Context::items_from`].
pub(crate) fn path_at_from<'d>(
    root: &'d Value<'_>,
    span: Span,
    items_from: &[(usize, Vec<usize>)],
) -> Vec<Seg<'d>> {
    let mut path = Vec::new();
    let mut node = root;
    loop {
        let next = match node.kind() {
            // Members and items are in source order and do not overlap, so
            // the one that can contain `span` is the last to start at or
            // before it: a binary search, not a scan per finding.
            ValueKind::Object(members) => {
                let i = members.partition_point(|m| m.span().start() <= span.start());
                i.checked_sub(1)
                    .and_then(|i| members.get(i))
                    .filter(|m| contains(m.span(), span))
                    .map(|m| {
                        path.push(Seg::Key(m.key().as_str()));
                        m.value()
                    })
            }
            ValueKind::Array(items) => {
                let i = items.partition_point(|v| v.span().start() <= span.start());
                i.checked_sub(1)
                    .and_then(|i| items.get(i).map(|v| (i, v)))
                    .filter(|(_, v)| contains(v.span(), span))
                    .map(|(i, v)| {
                        let index =
                            super::native::element_index(items_from, node.span().start(), i);
                        path.push(Seg::Index(index));
                        v
                    })
            }
            _ => None,
        };
        match next {
            Some(child) if contains(child.span(), span) => node = child,
            _ => return path,
        }
    }
}

/// Decodes a JSON Pointer into its unescaped tokens. `None` when the text is
/// not a pointer (non-empty and not starting with `/`).
pub(crate) fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Follows `tokens` from `root`, choosing the last of duplicate keys as Go
/// and serde_json do, and finding keys through `index`. Returns the path
/// with keys borrowed from the tree, and the value it leads to.
///
/// The arrays of `items_from` hold some of their elements (see
/// [`crate::rules::Context::items_from`]): the pointer's indices are the
/// tree's, the path's the whole document's.
pub(crate) fn resolve<'d, 'a, S: AsRef<str>>(
    root: &'d Value<'a>,
    tokens: impl IntoIterator<Item = S>,
    index: &mut KeyIndex<'d, 'a>,
    items_from: &[(usize, Vec<usize>)],
) -> Option<(Vec<Seg<'d>>, &'d Value<'a>)> {
    let mut path = Vec::new();
    let mut node = root;
    for token in tokens {
        let token = token.as_ref();
        match node.kind() {
            ValueKind::Object(members) => {
                let member = members.get(index.last(node, token)?)?;
                path.push(Seg::Key(member.key().as_str()));
                node = member.value();
            }
            ValueKind::Array(items) => {
                let index: usize = token.parse().ok()?;
                let array = node.span().start();
                node = items.get(index)?;
                path.push(Seg::Index(super::native::element_index(
                    items_from, array, index,
                )));
            }
            _ => return None,
        }
    }
    Some((path, node))
}

/// Finds the last member with a key in objects of one tree, through each
/// object's [`LastKeys`], made the first time the object is asked about:
/// finding every member of a large object stays linear in its members.
#[derive(Default)]
pub(crate) struct KeyIndex<'d, 'a> {
    /// Each object asked about, by where it starts.
    objects: HashMap<usize, LastKeys<'d, 'a>>,
}

impl<'d, 'a> KeyIndex<'d, 'a> {
    /// The index in `object` of its last member named `key`.
    pub(crate) fn last(&mut self, object: &'d Value<'a>, key: &str) -> Option<usize> {
        let members = object.as_object()?;
        self.objects
            .entry(object.span().start())
            .or_insert_with(|| LastKeys::new(members))
            .last(key)
    }
}

/// The object holding the member whose value is exactly at `span`, and the
/// member's index in it: found by span, a binary search per level, as
/// [`path_at`] does.
pub(crate) fn member_holding<'d, 'a>(
    root: &'d Value<'a>,
    span: Span,
) -> Option<(&'d Value<'a>, usize)> {
    let mut node = root;
    loop {
        let next = match node.kind() {
            ValueKind::Object(members) => {
                let i = members
                    .partition_point(|m| m.span().start() <= span.start())
                    .checked_sub(1)?;
                let member = members.get(i).filter(|m| contains(m.span(), span))?;
                if member.value().span() == span {
                    return Some((node, i));
                }
                member.value()
            }
            ValueKind::Array(items) => {
                let i = items
                    .partition_point(|v| v.span().start() <= span.start())
                    .checked_sub(1)?;
                items.get(i).filter(|v| contains(v.span(), span))?
            }
            _ => return None,
        };
        node = next;
    }
}

/// The pointer of the deepest member or element whose span contains `span`:
/// a key's span and its value's span both give the member's pointer, an
/// object's `{` gives the object's pointer.
pub(crate) fn pointer_at(root: &Value<'_>, span: Span) -> String {
    to_pointer(&path_at(root, span))
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start() <= inner.start() && inner.end() <= outer.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn pointers_escape_and_display_reads_naturally() {
        let path = [Seg::Key("a/b~c"), Seg::Index(2), Seg::Key("d")];
        assert_eq!(to_pointer(&path), "/a~1b~0c/2/d");
        assert_eq!(Dotted(&path).to_string(), "a/b~c[2].d");
        assert_eq!(Dotted(&[]).to_string(), "(root)");
        assert_eq!(
            tokens("/a~1b~0c/2").unwrap(),
            vec!["a/b~c".to_string(), "2".to_string()]
        );
        assert_eq!(tokens("x"), None);
    }

    #[test]
    fn resolve_takes_the_last_duplicate() {
        let doc = parse(r#"{"a": [1, {"b": 2}], "a": [3, {"b": 4}]}"#).unwrap();
        let (path, value) = resolve(&doc, ["a", "1", "b"], &mut KeyIndex::default(), &[]).unwrap();
        assert_eq!(path, vec![Seg::Key("a"), Seg::Index(1), Seg::Key("b")]);
        assert_eq!(value.span(), Span::new(36, 37));
        assert!(resolve(&doc, ["a", "9"], &mut KeyIndex::default(), &[]).is_none());
        assert!(resolve(&doc, ["a", "x"], &mut KeyIndex::default(), &[]).is_none());
    }

    #[test]
    fn a_large_object_is_indexed_and_still_gives_the_last_duplicate() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{}\": {i}", i % 60)).collect();
        let src = format!("{{\"o\": {{{}}}}}", members.join(", "));
        let doc = parse(&src).unwrap();
        let object = doc.get("o").unwrap();
        let mut keys = KeyIndex::default();
        // `k5` is members 5 and 65; `k59` only 59; `k60` none.
        assert_eq!(keys.last(object, "k5"), Some(65));
        assert_eq!(keys.last(object, "k59"), Some(59));
        assert_eq!(keys.last(object, "k60"), None);
        assert_eq!(keys.objects.len(), 1);
        let (path, value) = resolve(&doc, ["o", "k5"], &mut keys, &[]).unwrap();
        assert_eq!(path, vec![Seg::Key("o"), Seg::Key("k5")]);
        assert_eq!(value.as_number().unwrap().as_str(), "65");
        // Each object is read once: the root is the second.
        assert_eq!(keys.last(&doc, "o"), Some(0));
        assert_eq!(keys.objects.len(), 2);
    }

    #[test]
    fn member_holding_finds_the_member_of_a_value_by_its_span() {
        let src = r#"{"a": null, "b": {"c": [1, {"d": null}], "a": null}, "a": 2}"#;
        let doc = parse(src).unwrap();
        let at = |needle: &str, nth: usize| {
            let start = src.match_indices(needle).nth(nth).unwrap().0;
            Span::new(start, start + needle.len())
        };
        let (object, index) = member_holding(&doc, at("null", 0)).unwrap();
        assert_eq!((object.span(), index), (doc.span(), 0));
        let (object, index) = member_holding(&doc, at("null", 1)).unwrap();
        assert_eq!(object.span(), at("{\"d\": null}", 0));
        assert_eq!(index, 0);
        let (object, index) = member_holding(&doc, at("null", 2)).unwrap();
        assert_eq!((object.as_object().unwrap().len(), index), (2, 1));
        // An array element, a key and the root are no member's value.
        assert_eq!(member_holding(&doc, at("1", 0)), None);
        assert_eq!(member_holding(&doc, at("\"a\"", 0)), None);
        assert_eq!(member_holding(&doc, doc.span()), None);
    }

    #[test]
    fn pointer_at_finds_the_deepest_node() {
        let src = r#"{"login_design": {"text_color": "red"}, "l": [true, {"x~/": 1}]}"#;
        let doc = parse(src).unwrap();
        // The key of a nested member.
        assert_eq!(
            pointer_at(&doc, Span::new(18, 30)),
            "/login_design/text_color"
        );
        // Its value.
        assert_eq!(
            pointer_at(&doc, Span::new(32, 37)),
            "/login_design/text_color"
        );
        // The nested object's `{`.
        assert_eq!(pointer_at(&doc, Span::new(17, 18)), "/login_design");
        assert_eq!(pointer_at(&doc, Span::new(0, 1)), "");
        assert_eq!(pointer_at(&doc, Span::new(54, 55)), "/l/1/x~0~1");
    }
}
