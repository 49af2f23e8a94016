//! `logo-url-invalid`: the logo path is not an absolute http(s) URL.

use url::{ParseError, Url};

use super::name;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{check_hostname, replace_string, shown, StrField};
use crate::rules::Rule;

pub(crate) const LOGO_URL_INVALID: Rule = Rule::new(
    "logo-url-invalid",
    Severity::Warning,
    "The logo path is not an absolute http or https URL",
    include_str!("logo_url_invalid.md"),
);

const HELP: &str = "give the full address of an image, e.g. `https://example.com/logo.png`";

/// The parsed URL when it is absolute http(s), or the finding.
pub(super) fn parse(field: StrField<'_>) -> Result<Url, Box<Diagnostic>> {
    let text = field.text;
    let finding = |why: String| {
        LOGO_URL_INVALID
            .at(
                field.span,
                format!("`{}` is `{}`, which {why}", name(), shown(text)),
            )
            .with_label("not an http(s) URL")
    };
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(url),
        // `example.com:8443/logo.png` parses with the "scheme"
        // `example.com`; no real scheme has a dot, so it is a host.
        Ok(url) if url.scheme().contains('.') => Err(Box::new(relative(field, finding))),
        Ok(url) => Err(Box::new(
            finding(format!(
                "has the scheme `{}:`; the login page loads only http(s) images",
                url.scheme()
            ))
            .with_help(HELP),
        )),
        Err(ParseError::RelativeUrlWithoutBase) => Err(Box::new(relative(field, finding))),
        Err(error) => Err(Box::new(
            finding(format!("is not a valid URL: {error}")).with_help(HELP),
        )),
    }
}

/// The finding for a URL without a scheme, with a fix when its host is
/// clear.
fn relative(field: StrField<'_>, finding: impl Fn(String) -> Diagnostic) -> Diagnostic {
    let finding = finding("is a relative URL; it must be absolute".to_owned());
    match absolute_guess(field.text) {
        Some(guess) => finding
            .with_help(format!("write the full URL, e.g. `{guess}`"))
            .with_fix(replace_string(field.span, &guess, false)),
        None => finding.with_help(HELP),
    }
}

/// An https URL for a relative one that clearly names its host:
/// `//cdn.example.com/logo.png` or `cdn.example.com/logo.png`.
fn absolute_guess(text: &str) -> Option<String> {
    let rest = text.strip_prefix("//").unwrap_or(text);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    check_hostname(host).ok()?;
    let guess = format!("https://{rest}");
    Url::parse(&guess).ok()?;
    Some(guess)
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "logo-url-invalid";

    fn one(logo: &str) -> crate::Diagnostic {
        let source = format!(
            r#"{{"login_design": {{"logo_path": {}}}}}"#,
            serde_json::to_string(logo).unwrap()
        );
        let mut found = only(CODE, &source);
        assert_eq!(found.len(), 1, "{logo}");
        found.remove(0)
    }

    #[test]
    fn other_schemes_are_errors() {
        let source = r#"{"login_design": {"logo_path": "javascript:alert(1)"}}"#;
        let found = only(CODE, source);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(31, 52));
        assert_eq!(
            d.message(),
            "`login_design.logo_path` is `javascript:alert(1)`, which has the scheme `javascript:`; the login page loads only http(s) images"
        );
        assert_eq!(d.primary().text(), Some("not an http(s) URL"));
        assert_eq!(
            d.help(),
            Some("give the full address of an image, e.g. `https://example.com/logo.png`")
        );
        for logo in [
            "data:image/png;base64,iVBORw0KGgo=",
            "file:///logo.png",
            "ftp://example.com/logo.png",
        ] {
            assert!(one(logo).message().contains("has the scheme"), "{logo}");
        }
    }

    #[test]
    fn relative_urls_get_a_fix_when_the_host_is_clear() {
        let source = r#"{"login_design": {"logo_path": "//cdn.example.com/logo.png"}}"#;
        let found = only(CODE, source);
        assert_eq!(
            found[0].message(),
            "`login_design.logo_path` is `//cdn.example.com/logo.png`, which is a relative URL; it must be absolute"
        );
        assert_eq!(
            found[0].help(),
            Some("write the full URL, e.g. `https://cdn.example.com/logo.png`")
        );
        assert_eq!(found[0].fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"login_design": {"logo_path": "https://cdn.example.com/logo.png"}}"#
        );
        assert_eq!(
            one("example.com:8443/logo.png").fixes()[0].message(),
            r#"Replace with `"https://example.com:8443/logo.png"`"#
        );
        let bare = one("/static/logo.png");
        assert!(bare.fixes().is_empty());
        assert_eq!(
            bare.help(),
            Some("give the full address of an image, e.g. `https://example.com/logo.png`")
        );
    }

    #[test]
    fn unparsable_urls_quote_the_parser() {
        assert_eq!(
            one("https://exa mple.com/logo.png").message(),
            "`login_design.logo_path` is `https://exa mple.com/logo.png`, which is not a valid URL: invalid international domain name"
        );
        assert_eq!(
            one("https://example.com:99999/logo.png").message(),
            "`login_design.logo_path` is `https://example.com:99999/logo.png`, which is not a valid URL: invalid port number"
        );
    }

    #[test]
    fn http_urls_and_empty_paths_pass() {
        for logo in [
            "https://example.com/logo.png",
            "http://example.com/logo",
            "",
        ] {
            let source = format!(r#"{{"login_design": {{"logo_path": "{logo}"}}}}"#);
            assert!(only(CODE, &source).is_empty(), "{logo}");
        }
    }
}
