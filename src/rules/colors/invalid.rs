//! `color-invalid`: a login page color that is not a color at all.

use super::name;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{replace_string, shown, StrField};
use crate::rules::Rule;

pub(crate) const COLOR_INVALID: Rule = Rule::new(
    "color-invalid",
    Severity::Warning,
    "A login page color is not a color",
    include_str!("color_invalid.md"),
);

pub(super) fn finding(path: &[&'static str], field: StrField<'_>) -> Diagnostic {
    let text = field.text;
    let what = format!("`{}`", shown(text));
    COLOR_INVALID
        .at(
            field.span,
            format!("`{}` is {what}, which is not a color", name(path)),
        )
        .with_label("not a color")
        .with_help(hex_help(text))
}

/// The finding for hex digits without the `#`, with the safe fix that adds
/// it: the digits say which color was meant.
pub(super) fn missing_hash(path: &[&'static str], field: StrField<'_>) -> Diagnostic {
    let text = field.text;
    let hex = ["#", text].concat();
    COLOR_INVALID
        .at(
            field.span,
            format!(
                "`{}` is `{}`, hex digits without `#`, which is not a color",
                name(path),
                shown(text)
            ),
        )
        .with_label("no `#`")
        .with_help(format!("write `{hex}`: a hex color starts with `#`"))
        .with_fix(replace_string(field.span, &hex, true))
}

/// What is wrong with a value that looks like hex, or the general advice.
fn hex_help(text: &str) -> String {
    const GENERAL: &str = "use a hex color such as `#c5ed1b` or `#FFFFFF`";
    let Some(digits) = text.strip_prefix('#') else {
        return GENERAL.to_owned();
    };
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
        return format!("`{}` is not a hex digit; {GENERAL}", c.escape_debug());
    }
    let count = digits.len();
    format!("a hex color has 3 or 6 digits, not {count}; {GENERAL}")
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "color-invalid";

    #[test]
    fn names_that_are_not_colors() {
        let found = only(CODE, r#"{"login_design": {"background_color": "blurple"}}"#);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(38, 47));
        assert_eq!(
            d.message(),
            "`login_design.background_color` is `blurple`, which is not a color"
        );
        assert_eq!(d.primary().text(), Some("not a color"));
        assert_eq!(
            d.help(),
            Some("use a hex color such as `#c5ed1b` or `#FFFFFF`")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn broken_hex_says_what_is_wrong() {
        let source =
            r##"{"login_design": {"text_color": "#c5ed1", "background_color": "#c5ed1g"}}"##;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].help(),
            Some("a hex color has 3 or 6 digits, not 5; use a hex color such as `#c5ed1b` or `#FFFFFF`")
        );
        assert_eq!(
            found[1].help(),
            Some("`g` is not a hex digit; use a hex color such as `#c5ed1b` or `#FFFFFF`")
        );
    }

    #[test]
    fn empty_strings_and_other_types() {
        // cloudflare-go v0 sends `""` for a color left unset.
        assert!(only(CODE, r#"{"login_design": {"text_color": ""}}"#).is_empty());
        assert!(
            crate::lint(r#"{"login_design": {"text_color": "", "background_color": ""}}"#)
                .is_empty()
        );
        let source = r##"{"login_design": {"text_color": 16777215, "background_color": "#fff"}}"##;
        assert!(only(CODE, source).is_empty());
    }

    #[test]
    fn hex_digits_without_a_hash_get_a_safe_fix() {
        let source = r#"{"login_design": {"text_color": "c5ed1b"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(32, 40));
        assert_eq!(
            d.message(),
            "`login_design.text_color` is `c5ed1b`, hex digits without `#`, which is not a color"
        );
        assert_eq!(d.primary().text(), Some("no `#`"));
        assert_eq!(
            d.help(),
            Some("write `#c5ed1b`: a hex color starts with `#`")
        );
        assert_eq!(
            crate::rules::support::fixed(source, &found, crate::Applicability::Safe),
            r##"{"login_design": {"text_color": "#c5ed1b"}}"##
        );
        // It is not also a CSS color that is not hex.
        assert!(only("color-not-hex", source).is_empty());
        // And it still counts for contrast.
        let same = r##"{"login_design": {"text_color": "FFF", "background_color": "#ffffff"}}"##;
        assert_eq!(only("low-contrast", same).len(), 1);
    }
}
