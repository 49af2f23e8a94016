//! `name-blank`: the organization's `name` is empty or only whitespace.

use super::invisible_characters::is_invisible;
use crate::diagnostic::Severity;
use crate::json::Value;
use crate::rules::support::str_at;
use crate::rules::{Context, Rule};

pub(crate) const NAME_BLANK: Rule = Rule::new(
    "name-blank",
    Severity::Warning,
    "The organization name is empty or blank",
    include_str!("name_blank.md"),
);

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(field) = str_at(root, &["name"]) else {
        return;
    };
    let what = if field.text.is_empty() {
        "empty"
    } else if field
        .text
        .chars()
        .all(|c| c.is_whitespace() || is_invisible(c))
    {
        "blank: it has only whitespace or invisible characters"
    } else {
        return;
    };
    cx.emit(
        NAME_BLANK
            .at(field.span, format!("`name` is {what}"))
            .with_label("no name")
            .with_help("give the organization a name people recognise, e.g. `Widget Corps Internal Applications`"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "name-blank";

    #[test]
    fn empty_and_blank_names() {
        let found = only(CODE, r#"{"name": ""}"#);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(9, 11));
        assert_eq!(d.message(), "`name` is empty");
        assert_eq!(d.primary().text(), Some("no name"));
        assert_eq!(
            d.help(),
            Some("give the organization a name people recognise, e.g. `Widget Corps Internal Applications`")
        );
        let blank = only(CODE, r#"{"name": " \t\u00a0\u200b "}"#);
        assert_eq!(
            blank[0].message(),
            "`name` is blank: it has only whitespace or invisible characters"
        );
        assert_eq!(blank[0].span(), Span::new(9, 27));
    }

    #[test]
    fn real_names_and_other_types_pass() {
        assert!(only(CODE, r#"{"name": " Widget Corps "}"#).is_empty());
        assert!(only(CODE, r#"{"name": null}"#).is_empty());
    }
}
