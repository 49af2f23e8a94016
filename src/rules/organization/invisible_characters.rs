//! `invisible-characters`: bidirectional controls and zero-width characters
//! in the organization's free text.

use crate::diagnostic::{Edit, Fix, Severity};
use crate::fields::{self, Format};
use crate::json::Value;
use crate::rules::support::{char_spans, dotted, str_at};
use crate::rules::{Context, Rule};
use crate::span::Span;
use std::sync::LazyLock;

pub(crate) const INVISIBLE_CHARACTERS: Rule = Rule::new(
    "invisible-characters",
    Severity::Warning,
    "Free text contains invisible or bidirectional control characters",
    include_str!("invisible_characters.md"),
);

/// The free-text fields, from the field table.
static FIELDS: LazyLock<Vec<&'static [&'static str]>> =
    LazyLock::new(|| fields::paths_of(Format::Text).collect());

/// Whether `c` is a character this rule looks for.
pub(super) fn is_invisible(c: char) -> bool {
    describe(c).is_some()
}

/// The character's Unicode name, and whether it is a bidirectional
/// control.
fn describe(c: char) -> Option<(&'static str, bool)> {
    Some(match c {
        '\u{00AD}' => ("SOFT HYPHEN", false),
        '\u{061C}' => ("ARABIC LETTER MARK", true),
        '\u{200B}' => ("ZERO WIDTH SPACE", false),
        '\u{200C}' => ("ZERO WIDTH NON-JOINER", false),
        '\u{200D}' => ("ZERO WIDTH JOINER", false),
        '\u{200E}' => ("LEFT-TO-RIGHT MARK", true),
        '\u{200F}' => ("RIGHT-TO-LEFT MARK", true),
        '\u{202A}' => ("LEFT-TO-RIGHT EMBEDDING", true),
        '\u{202B}' => ("RIGHT-TO-LEFT EMBEDDING", true),
        '\u{202C}' => ("POP DIRECTIONAL FORMATTING", true),
        '\u{202D}' => ("LEFT-TO-RIGHT OVERRIDE", true),
        '\u{202E}' => ("RIGHT-TO-LEFT OVERRIDE", true),
        '\u{2060}' => ("WORD JOINER", false),
        '\u{2066}' => ("LEFT-TO-RIGHT ISOLATE", true),
        '\u{2067}' => ("RIGHT-TO-LEFT ISOLATE", true),
        '\u{2068}' => ("FIRST STRONG ISOLATE", true),
        '\u{2069}' => ("POP DIRECTIONAL ISOLATE", true),
        '\u{FEFF}' => ("ZERO WIDTH NO-BREAK SPACE", false),
        _ => return None,
    })
}

/// Joiners have real work between two characters of scripts other than
/// Latin (Persian and Indic words) and inside emoji sequences (👩‍💻); there
/// they are left alone. Between Latin letters they are paste debris.
fn is_needed_joiner(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let joins = |x: Option<char>| {
        x.is_some_and(|x| !x.is_ascii() && !x.is_whitespace() && !is_invisible(x))
    };
    matches!(c, '\u{200C}' | '\u{200D}') && joins(prev) && joins(next)
}

fn label(c: char, name: &str) -> String {
    format!("U+{:04X} {name}", u32::from(c))
}

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    for path in FIELDS.iter() {
        let Some(field) = str_at(root, path) else {
            continue;
        };
        // Every invisible character is outside ASCII, and most text is
        // ASCII: a fast scan rules it out before any span is mapped.
        if field.text.is_ascii() || !field.text.chars().any(is_invisible) {
            continue;
        }
        // Each decoded character with the source bytes that spell it; the
        // whole token when the mapping is unavailable.
        let spans = char_spans(cx.source, field.span)
            .filter(|spans| spans.iter().map(|&(c, _)| c).eq(field.text.chars()));
        let chars: Vec<(char, Option<Span>)> = match &spans {
            Some(spans) => spans.iter().map(|&(c, s)| (c, Some(s))).collect(),
            None => field.text.chars().map(|c| (c, None)).collect(),
        };
        let mut found = Vec::new();
        for (i, &(c, span)) in chars.iter().enumerate() {
            let Some((name, bidi)) = describe(c) else {
                continue;
            };
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|x| x.0);
            let next = chars.get(i + 1).map(|x| x.0);
            if !is_needed_joiner(prev, c, next) {
                found.push((c, name, bidi, span));
            }
        }
        let Some(&(first, first_name, _, first_span)) = found.first() else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for &(c, name, _, _) in &found {
            let l = label(c, name);
            if !names.contains(&l) {
                names.push(l);
            }
        }
        let message = if found.len() == 1 {
            format!(
                "`{}` contains an invisible character, {}",
                dotted(path),
                names.join(", ")
            )
        } else {
            format!(
                "`{}` contains {} invisible characters: {}",
                dotted(path),
                found.len(),
                names.join(", ")
            )
        };
        let help = if found.iter().any(|f| f.2) {
            "remove them; bidirectional controls can make text display in another order than it is stored"
        } else {
            "remove them; they cannot be seen, but make the text differ from what people read and type"
        };
        let mut diagnostic = INVISIBLE_CHARACTERS
            .at(first_span.unwrap_or(field.span), message)
            .with_label(label(first, first_name))
            .with_help(help);
        for &(c, name, _, span) in found.iter().skip(1) {
            if let Some(span) = span {
                diagnostic = diagnostic.with_secondary(span, label(c, name));
            }
        }
        let edits: Option<Vec<Edit>> = found.iter().map(|f| f.3.map(Edit::delete)).collect();
        if let Some(edits) = edits {
            let what = if found.len() == 1 {
                "Remove the invisible character"
            } else {
                "Remove the invisible characters"
            };
            diagnostic = diagnostic.with_fix(Fix::needs_review(what, edits));
        }
        cx.emit(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "invisible-characters";

    #[test]
    fn a_raw_override_is_pointed_at_exactly() {
        let source = "{\"name\": \"Widget\u{202E}Corps\"}";
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(16, 19));
        assert_eq!(&source[d.span().range()], "\u{202E}");
        assert_eq!(
            d.message(),
            "`name` contains an invisible character, U+202E RIGHT-TO-LEFT OVERRIDE"
        );
        assert_eq!(d.primary().text(), Some("U+202E RIGHT-TO-LEFT OVERRIDE"));
        assert_eq!(
            d.help(),
            Some("remove them; bidirectional controls can make text display in another order than it is stored")
        );
        assert_eq!(d.fixes()[0].message(), "Remove the invisible character");
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"name": "WidgetCorps"}"#
        );
    }

    #[test]
    fn escaped_characters_are_pointed_at_through_their_escapes() {
        let source = r#"{"login_design": {"footer_text": "Need\u200bhelp?\n\u00ADCall\u200b us"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.span(), Span::new(38, 44));
        assert_eq!(&source[d.span().range()], r"\u200b");
        assert_eq!(
            d.message(),
            "`login_design.footer_text` contains 3 invisible characters: U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN"
        );
        let secondary: Vec<_> = d
            .secondary()
            .iter()
            .map(|l| (&source[l.span().range()], l.text().unwrap_or_default()))
            .collect();
        assert_eq!(
            secondary,
            vec![
                (r"\u00AD", "U+00AD SOFT HYPHEN"),
                (r"\u200b", "U+200B ZERO WIDTH SPACE"),
            ]
        );
        assert_eq!(
            d.help(),
            Some("remove them; they cannot be seen, but make the text differ from what people read and type")
        );
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"login_design": {"footer_text": "Needhelp?\nCall us"}}"#
        );
    }

    #[test]
    fn every_text_field_is_checked() {
        let source = "{\"ui_read_only_toggle_reason\": \"\u{2066}x\", \"login_design\": {\"header_text\": \"\u{feff}Hi\"}}";
        let found = only(CODE, source);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            vec![
                "`ui_read_only_toggle_reason` contains an invisible character, U+2066 LEFT-TO-RIGHT ISOLATE",
                "`login_design.header_text` contains an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE",
            ]
        );
    }

    #[test]
    fn joiners_in_emoji_and_scripts_pass() {
        let source = "{\"name\": \"Team 👩\u{200D}💻 می\u{200C}خواهم\", \"login_design\": {\"footer_text\": \"plain text\"}, \"auth_domain\": \"a\u{200B}.com\"}";
        assert!(only(CODE, source).is_empty());
        let latin = "{\"name\": \"Wid\u{200D}get\"}";
        assert_eq!(only(CODE, latin).len(), 1);
    }
}
