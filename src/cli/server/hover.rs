//! Hover: a field's documentation on its key, a rule's explanation on a
//! finding.

use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use ztlint::json::{self, Value, ValueKind};
use ztlint::{rules, Profile, Span};

use super::documents::Document;
use super::encoding::LineMap;

/// The hover at byte `offset` of `doc`: the explanation of each finding
/// there, then the documentation of the field whose key is there.
pub(crate) fn hover(
    doc: &Document,
    map: &LineMap<'_>,
    offset: usize,
    markdown: bool,
) -> Option<Hover> {
    let mut sections = Vec::new();
    let mut range: Option<Span> = None;
    for finding in &doc.findings {
        let span = finding.span();
        let inside = span.start() <= offset
            && (offset < span.end() || (span.is_empty() && offset == span.start()));
        if !inside {
            continue;
        }
        if let Some(rule) = rules::find(finding.code()) {
            sections.push(format!(
                "**ztlint `{}`** ({}): {}\n\n{}",
                rule.code(),
                finding.severity(),
                rule.summary(),
                rule.explanation().trim_end()
            ));
            range = Some(range.map_or(span, |r| r.to(span)));
        }
    }
    if doc.payload {
        if let Ok(root) = json::parse(&doc.text) {
            if let Some((segments, key)) = key_at(&root, offset) {
                let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
                if let Some(text) = field_hover(&segments) {
                    sections.push(text);
                    range = Some(key);
                }
            }
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: sections.join("\n\n---\n\n"),
        }),
        range: range.map(|span| map.range(span)),
    })
}

/// The path of the member whose key covers `offset` (array elements by
/// index), and the key's span.
fn key_at(root: &Value<'_>, offset: usize) -> Option<(Vec<String>, Span)> {
    let mut path = Vec::new();
    let mut value = root;
    loop {
        match value.kind() {
            ValueKind::Object(members) => {
                let member = members.iter().find(|m| {
                    let span = m.span();
                    span.start() <= offset && offset < span.end()
                })?;
                path.push(member.key().as_str().to_string());
                let key = member.key().span();
                if key.start() <= offset && offset < key.end() {
                    return Some((path, key));
                }
                value = member.value();
            }
            ValueKind::Array(items) => {
                let (index, item) = items.iter().enumerate().find(|(_, item)| {
                    let span = item.span();
                    span.start() <= offset && offset < span.end()
                })?;
                path.push(index.to_string());
                value = item;
            }
            _ => return None,
        }
    }
}

/// The documentation of the field at `pointer_segments` (`["login_design",
/// "text_color"]`), from the field table: its constraints, description,
/// status, endpoints and evidence, in Markdown.
pub(crate) fn field_hover(pointer_segments: &[&str]) -> Option<String> {
    use ztlint::fields::{self, Status};
    // An array item is documented by its array's field.
    let path: Vec<&str> = pointer_segments
        .iter()
        .copied()
        .filter(|s| s.parse::<usize>().is_err())
        .collect();
    let field = fields::find(&path)?;
    let mut out = format!("**`{}`**: {}", field.name(), field.constraints());
    out.push_str("\n\n");
    out.push_str(field.description());
    match field.status() {
        Status::Current => {}
        Status::Renamed { to, on } => out.push_str(&format!("\n\nRenamed to `{to}` on {on}.")),
        Status::Removed { on } => out.push_str(&format!("\n\nNo longer in the API since {on}.")),
        Status::ResponseOnly => out.push_str("\n\nRead-only: only responses carry it."),
    }
    if field.path().len() == 1 {
        let taken: Vec<&str> = Profile::ALL
            .iter()
            .filter(|p| field.accepted_by(**p))
            .map(|p| p.as_str())
            .collect();
        out.push_str(&format!("\n\nEndpoints: {}.", taken.join(", ")));
    }
    let evidence: Vec<String> = field
        .evidence()
        .iter()
        .map(|e| {
            format!(
                "- {} ({}: {})",
                e.fact(),
                e.confidence().letter(),
                e.source()
            )
        })
        .collect();
    if !evidence.is_empty() {
        out.push_str("\n\nEvidence:\n");
        out.push_str(&evidence.join("\n"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_shows_its_type_description_and_constraints() {
        assert_eq!(
            field_hover(&["login_design", "text_color"]).unwrap(),
            "**`login_design.text_color`**: string, a hex color `#RGB` or `#RRGGBB`\n\n\
             The text color on your login page.\n\n\
             Evidence:\n\
             - hex colors in the examples (`#c5ed1b`) and provider tests (`#FFFFFF`); no pattern is published (H: Cloudflare API schema (cloudflare/api-schemas), the organizations request body)\n\
             - `\"\"` when unset, from cloudflare-go v0 (M: cloudflare-go v0 `AccessOrganization` (no `omitempty`))"
        );
        let hover = field_hover(&["mfa_ssh_piv_key_requirements"]).unwrap();
        assert!(
            hover.contains("Renamed to `mfa_piv_key_requirements` on 2026-06-17."),
            "{hover}"
        );
        assert!(
            hover.contains("Endpoints: account-update, create."),
            "{hover}"
        );
        let item = field_hover(&["mfa_config", "allowed_authenticators", "0"]).unwrap();
        assert!(
            item.starts_with(
                "**`mfa_config.allowed_authenticators`**: array of strings, each one of `totp`"
            ),
            "{item}"
        );
        assert_eq!(field_hover(&["login_design", "no_such_field"]), None);
        assert_eq!(field_hover(&["no_such_field"]), None);
    }

    #[test]
    fn keys_are_found_through_objects_and_arrays() {
        let text = r#"{"a": [{"b": 1}], "c": 2}"#;
        let root = json::parse(text).unwrap();
        let b = text.find("\"b\"").unwrap();
        assert_eq!(
            key_at(&root, b + 1),
            Some((
                vec!["a".into(), "0".into(), "b".into()],
                Span::new(b, b + 3)
            ))
        );
        // On a value, not a key.
        assert_eq!(key_at(&root, text.find('2').unwrap()), None);
    }
}
