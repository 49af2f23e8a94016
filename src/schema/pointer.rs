//! JSON Pointers (RFC 6901) over the span-carrying tree: building them from
//! paths, resolving them, and finding the pointer of the node at a span.
//!
//! These live here rather than in `json/` so that the schema work does not
//! collide with other changes to the parser; they only use `Value`'s public
//! accessors.

use std::fmt::Write;

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
                        path.push(Seg::Index(i));
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
/// and serde_json do. Returns the path with keys borrowed from the tree, and
/// the value it leads to.
pub(crate) fn resolve<'d, 'a, S: AsRef<str>>(
    root: &'d Value<'a>,
    tokens: impl IntoIterator<Item = S>,
) -> Option<(Vec<Seg<'d>>, &'d Value<'a>)> {
    let mut path = Vec::new();
    let mut node = root;
    for token in tokens {
        let token = token.as_ref();
        match node.kind() {
            ValueKind::Object(_) => {
                let member = node.member(token)?;
                path.push(Seg::Key(member.key().as_str()));
                node = member.value();
            }
            ValueKind::Array(items) => {
                let index: usize = token.parse().ok()?;
                node = items.get(index)?;
                path.push(Seg::Index(index));
            }
            _ => return None,
        }
    }
    Some((path, node))
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
        let (path, value) = resolve(&doc, ["a", "1", "b"]).unwrap();
        assert_eq!(path, vec![Seg::Key("a"), Seg::Index(1), Seg::Key("b")]);
        assert_eq!(value.span(), Span::new(36, 37));
        assert!(resolve(&doc, ["a", "9"]).is_none());
        assert!(resolve(&doc, ["a", "x"]).is_none());
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
