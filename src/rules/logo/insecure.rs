//! `logo-url-insecure`: the logo is loaded over plain `http:`.

use super::parts::Parts;

use super::name;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{replace_string, shown, StrField};
use crate::rules::Rule;

pub(crate) const LOGO_URL_INSECURE: Rule = Rule::new(
    "logo-url-insecure",
    Severity::Warning,
    "The logo URL uses http instead of https",
    include_str!("logo_url_insecure.md"),
);

pub(super) fn finding(field: StrField<'_>, url: &Parts<'_>) -> Option<Diagnostic> {
    if url.scheme != "http" {
        return None;
    }
    let diagnostic = LOGO_URL_INSECURE
        .at(
            field.span,
            format!(
                "`{}` is `{}`, an insecure http URL",
                name(),
                shown(field.text)
            ),
        )
        .with_label("http")
        .with_help("serve the logo over https; browsers block or flag http images on https pages");
    // Rewrite only the scheme, keeping the rest exactly as written.
    let text = field.text;
    let fix = text
        .get(..5)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http:"))
        .and_then(|_| text.get(5..))
        .map(|rest| replace_string(field.span, &format!("https:{rest}"), false));
    Some(match fix {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "logo-url-insecure";

    #[test]
    fn http_gets_a_fix_to_review() {
        let source = r#"{"login_design": {"logo_path": "HTTP://example.com/logo.png"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(31, 60));
        assert_eq!(
            d.message(),
            "`login_design.logo_path` is `HTTP://example.com/logo.png`, an insecure http URL"
        );
        assert_eq!(d.primary().text(), Some("http"));
        assert_eq!(
            d.help(),
            Some("serve the logo over https; browsers block or flag http images on https pages")
        );
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"login_design": {"logo_path": "https://example.com/logo.png"}}"#
        );
    }

    #[test]
    fn https_passes() {
        let source = r#"{"login_design": {"logo_path": "https://example.com/logo.png"}}"#;
        assert!(only(CODE, source).is_empty());
    }
}
