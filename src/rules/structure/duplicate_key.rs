use std::collections::HashMap;

use super::{remove_member_edit, subject};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::json::{Member, Value, ValueKind};
use crate::rules::{Context, Rule};
use crate::schema::pointer;
use crate::span::Span;

pub(crate) const DUPLICATE_KEY: Rule = Rule::new(
    "duplicate-key",
    Severity::Warning,
    "An object has the same key twice",
    include_str!("duplicate_key.md"),
);

/// Objects with more members than this are indexed instead of scanned.
const SCAN_LIMIT: usize = 32;

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    walk(root, root, cx);
}

fn walk(root: &Value<'_>, value: &Value<'_>, cx: &mut Context<'_>) {
    match value.kind() {
        ValueKind::Object(members) => {
            check_object(root, value, members, cx);
            for member in members {
                if is_container(member.value()) {
                    walk(root, member.value(), cx);
                }
            }
        }
        ValueKind::Array(items) => {
            for item in items.iter().filter(|item| is_container(item)) {
                walk(root, item, cx);
            }
        }
        _ => {}
    }
}

/// Whether `value` can hold objects: the walk skips everything else.
fn is_container(value: &Value<'_>) -> bool {
    matches!(value.kind(), ValueKind::Object(_) | ValueKind::Array(_))
}

fn check_object(
    root: &Value<'_>,
    object: &Value<'_>,
    members: &[Member<'_>],
    cx: &mut Context<'_>,
) {
    if members.len() < 2 {
        return;
    }
    // Most objects have no duplicate: find that out without allocating.
    if members.len() <= SCAN_LIMIT
        && !members.iter().enumerate().any(|(i, m)| {
            members
                .get(..i)
                .is_some_and(|before| before.iter().any(|p| p.key().as_str() == m.key().as_str()))
        })
    {
        return;
    }
    // For each member, the index of the previous member with its key.
    let previous: Vec<Option<usize>> = if members.len() <= SCAN_LIMIT {
        members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                members.get(..i).and_then(|before| {
                    before
                        .iter()
                        .rposition(|p| p.key().as_str() == m.key().as_str())
                })
            })
            .collect()
    } else {
        let mut last: HashMap<&str, usize> = HashMap::new();
        members
            .iter()
            .enumerate()
            .map(|(i, m)| last.insert(m.key().as_str(), i))
            .collect()
    };
    // For each member, the index of the first member with its key, found in
    // one pass: following each chain back would be quadratic in a key
    // repeated thousands of times.
    let mut firsts: Vec<usize> = Vec::with_capacity(previous.len());
    for (i, before) in previous.iter().enumerate() {
        let first = before.and_then(|b| firsts.get(b).copied()).unwrap_or(i);
        firsts.push(first);
    }
    for (i, member) in members.iter().enumerate() {
        let Some(before) = previous.get(i).copied().flatten() else {
            continue;
        };
        let first = firsts.get(i).copied().unwrap_or(before);
        let (Some(first_member), Some(before_member)) = (members.get(first), members.get(before))
        else {
            continue;
        };
        // The path is only worked out for a finding.
        let path = pointer::path_at_from(root, member.key().span(), &cx.items_from);
        let name = subject(&path);
        let objects =
            before_member.value().as_object().is_some() || member.value().as_object().is_some();
        let removal = if objects {
            None
        } else {
            remove_member_edit(cx.source, object, before)
        };
        cx.emit(finding(
            &name,
            member.key().span(),
            first_member.key().span(),
            objects,
            removal,
        ));
    }
}

/// The finding for the key `name` at `again`, first defined at `first`.
/// `objects` says whether this value or the one before it is an object,
/// which Go's decoder merges; otherwise `removal` removes the one before.
pub(crate) fn finding(
    name: &dyn std::fmt::Display,
    again: Span,
    first: Span,
    objects: bool,
    removal: Option<Edit>,
) -> Diagnostic {
    let help = if objects {
        format!("Cloudflare's Go decoder merges the objects of every {name}, member by member; write them as one object")
    } else {
        format!("Cloudflare's Go decoder keeps the last {name} and ignores the earlier ones; remove the one you do not mean")
    };
    let mut diagnostic = DUPLICATE_KEY
        .at(again, format!("duplicate key {name}"))
        .with_label("defined again here")
        .with_secondary(first, "first defined here")
        .with_help(help);
    if let Some(edit) = removal {
        diagnostic = diagnostic.with_fix(Fix::safe(
            format!("Remove the earlier {name}, which is ignored"),
            vec![edit],
        ));
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Diagnostic, Span};

    fn duplicates(source: &str) -> Vec<Diagnostic> {
        lint(source)
            .into_iter()
            .filter(|d| d.code() == "duplicate-key")
            .collect()
    }

    #[test]
    fn points_at_the_repeat_and_labels_the_first() {
        let source = r#"{"name": "A", "session_duration": "24h", "name": "B"}"#;
        let found = duplicates(source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.span(), Span::new(41, 47));
        assert_eq!(d.message(), "duplicate key `name`");
        assert_eq!(d.secondary()[0].span(), Span::new(1, 7));
        assert_eq!(d.secondary()[0].text(), Some("first defined here"));
        assert_eq!(
            d.help(),
            Some("Cloudflare's Go decoder keeps the last `name` and ignores the earlier ones; remove the one you do not mean")
        );
        let (fixed, applied) = apply_fixes(source, &found, Applicability::Safe);
        assert_eq!(
            (fixed.as_str(), applied),
            (r#"{"session_duration": "24h", "name": "B"}"#, 1)
        );
    }

    #[test]
    fn every_level_and_every_repeat() {
        let source = r##"{"login_design": {"text_color": "#fff", "text_color": "#000", "text_color": "#111"}, "x": [{"a": 1, "a": 2}]}"##;
        let found: Vec<_> = duplicates(source)
            .iter()
            .map(|d| (d.span(), d.message().to_string(), d.secondary()[0].span()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Span::new(40, 52),
                    "duplicate key `login_design.text_color`".to_string(),
                    Span::new(18, 30)
                ),
                (
                    Span::new(62, 74),
                    "duplicate key `login_design.text_color`".to_string(),
                    Span::new(18, 30)
                ),
                (
                    Span::new(100, 103),
                    "duplicate key `x[0].a`".to_string(),
                    Span::new(92, 95)
                ),
            ]
        );
        // Both earlier colors go; the last one stays.
        let (fixed, applied) = apply_fixes(source, &duplicates(source), Applicability::Safe);
        assert_eq!(applied, 3);
        assert_eq!(
            fixed,
            r##"{"login_design": {"text_color": "#111"}, "x": [{"a": 2}]}"##
        );
    }

    #[test]
    fn repeated_objects_merge_so_there_is_no_fix() {
        let source =
            r##"{"login_design": {"text_color": "#fff"}, "login_design": {"header_text": "Hi"}}"##;
        let found = duplicates(source);
        assert_eq!(found.len(), 1);
        assert!(found[0].fixes().is_empty());
        assert_eq!(
            found[0].help(),
            Some("Cloudflare's Go decoder merges the objects of every `login_design`, member by member; write them as one object")
        );
    }

    #[test]
    fn large_objects_are_checked_too() {
        let mut source = String::from("{");
        for i in 0..100 {
            source.push_str(&format!("\"k{i}\": {i}, "));
        }
        source.push_str("\"k7\": 0}");
        let found = duplicates(&source);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message(), "duplicate key `k7`");
    }
}
