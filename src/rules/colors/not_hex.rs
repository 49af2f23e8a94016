//! `color-not-hex`: a CSS color other than `#RGB` or `#RRGGBB`.

use super::{name, Css};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{replace_string, shown, StrField};
use crate::rules::Rule;

pub(crate) const COLOR_NOT_HEX: Rule = Rule::new(
    "color-not-hex",
    Severity::Warning,
    "A login page color is a CSS color but not a hex color",
    include_str!("color_not_hex.md"),
);

pub(super) fn finding(path: &[&'static str], field: StrField<'_>, css: &Css) -> Diagnostic {
    let help = if css.exact {
        format!("write it as `{}`", css.hex)
    } else if css.alpha < 1.0 {
        format!(
            "hex colors here are opaque; `{}` is the color without its transparency",
            css.hex
        )
    } else {
        format!("`{}` is the nearest hex color", css.hex)
    };
    COLOR_NOT_HEX
        .at(
            field.span,
            format!(
                "`{}` is `{}`, a CSS color but not a hex color",
                name(path),
                shown(field.text)
            ),
        )
        .with_label("not `#RGB` or `#RRGGBB`")
        .with_help(help)
        .with_fix(replace_string(field.span, &css.hex, css.exact))
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "color-not-hex";

    #[test]
    fn named_and_functional_colors_get_a_safe_fix() {
        let source =
            r#"{"login_design": {"text_color": "White", "background_color": "rgb(197, 237, 27)"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(32, 39));
        assert_eq!(
            d.message(),
            "`login_design.text_color` is `White`, a CSS color but not a hex color"
        );
        assert_eq!(d.primary().text(), Some("not `#RGB` or `#RRGGBB`"));
        assert_eq!(d.help(), Some("write it as `#ffffff`"));
        assert_eq!(d.fixes()[0].applicability(), Applicability::Safe);
        assert_eq!(found[1].span(), Span::new(61, 80));
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r##"{"login_design": {"text_color": "#ffffff", "background_color": "#c5ed1b"}}"##
        );
    }

    #[test]
    fn transparency_and_rounding_need_review() {
        let source = r##"{"login_design": {"text_color": "#c5ed1b80", "background_color": "hsl(0 0% 50%)"}}"##;
        let found = only(CODE, source);
        assert_eq!(
            found[0].help(),
            Some("hex colors here are opaque; `#c5ed1b` is the color without its transparency")
        );
        assert_eq!(found[1].help(), Some("`#808080` is the nearest hex color"));
        assert!(found
            .iter()
            .all(|d| d.fixes()[0].applicability() == Applicability::Unsafe));
        assert_eq!(fixed(source, &found, Applicability::Safe), source);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r##"{"login_design": {"text_color": "#c5ed1b", "background_color": "#808080"}}"##
        );
    }

    #[test]
    fn hex_colors_in_any_case_pass() {
        let source = r##"{"login_design": {"text_color": "#FFF", "background_color": "#C5ed1B"}}"##;
        assert!(only(CODE, source).is_empty());
    }
}
