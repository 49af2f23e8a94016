//! Hover: a field's documentation on its key, a rule's explanation on a
//! finding.

use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use ztlint::json::{self, Value, ValueKind};
use ztlint::schema::Schema;
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
/// "text_color"]`): its description and constraints, in Markdown.
///
/// The one place hover reads field documentation from. It reads the
/// embedded JSON Schema of the account-level endpoint today.
pub(crate) fn field_hover(pointer_segments: &[&str]) -> Option<String> {
    let schema = Schema::builtin(Profile::AccountUpdate);
    let mut node = schema.as_json();
    for segment in pointer_segments {
        node = match node.get("properties").and_then(|p| p.get(*segment)) {
            Some(property) => property,
            None if segment.parse::<usize>().is_ok() => node.get("items")?,
            None => return None,
        };
    }
    let mut out = format!("**`{}`**", pointer_segments.join("."));
    if let Some(ty) = node.get("type").and_then(|t| t.as_str()) {
        out.push_str(&format!(": {ty}"));
        if let Some(items) = node.pointer("/items/type").and_then(|t| t.as_str()) {
            out.push_str(&format!(" of {items}"));
        }
    }
    if let Some(description) = node.get("description").and_then(|d| d.as_str()) {
        out.push_str("\n\n");
        out.push_str(description);
    }
    let mut constraints = Vec::new();
    let values = node
        .get("enum")
        .or_else(|| node.pointer("/items/enum"))
        .and_then(|e| e.as_array());
    if let Some(values) = values {
        let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        constraints.push(format!("one of {}", values.join(", ")));
    }
    for (keyword, words) in [
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "at least this many characters:"),
        ("maxLength", "at most this many characters:"),
        ("pattern", "matches"),
        ("format", "format"),
    ] {
        if let Some(value) = node.get(keyword) {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            constraints.push(format!("{words} `{value}`"));
        }
    }
    if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
        let names: Vec<String> = props.keys().map(|k| format!("`{k}`")).collect();
        constraints.push(format!("fields: {}", names.join(", ")));
    }
    if !constraints.is_empty() {
        out.push_str("\n\n");
        for c in constraints {
            out.push_str(&format!("- {c}\n"));
        }
        out.truncate(out.trim_end().len());
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
            "**`login_design.text_color`**: string\n\nThe text color on your login page."
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
