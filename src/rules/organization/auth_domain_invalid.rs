//! `auth-domain-invalid`: `auth_domain` is not a bare hostname.

use super::hostname_finding;
use crate::diagnostic::Severity;
use crate::rules::support::StrField;
use crate::rules::{Context, Rule};

pub(crate) const AUTH_DOMAIN_INVALID: Rule = Rule::new(
    "auth-domain-invalid",
    Severity::Warning,
    "The team domain is not a bare hostname",
    include_str!("auth_domain_invalid.md"),
);

/// Reports `auth_domain` when `hostname`, its verdict as a hostname, is
/// an error.
pub(super) fn check(field: StrField<'_>, hostname: &Result<(), String>, cx: &mut Context<'_>) {
    if let Err(why) = hostname {
        cx.emit(hostname_finding(
            &AUTH_DOMAIN_INVALID,
            "`auth_domain` is",
            field,
            why,
            "the team domain is a hostname such as `team.cloudflareaccess.com`",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "auth-domain-invalid";

    #[test]
    fn a_url_gets_a_safe_fix_to_its_host() {
        let source = r#"{"auth_domain": "https://team.cloudflareaccess.com/"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(16, 52));
        assert_eq!(
            d.message(),
            "`auth_domain` is `https://team.cloudflareaccess.com/`, which has a scheme and a trailing slash; it must be a bare hostname"
        );
        assert_eq!(d.primary().text(), Some("not a bare hostname"));
        assert_eq!(d.help(), Some("write `team.cloudflareaccess.com`"));
        assert_eq!(d.fixes()[0].applicability(), Applicability::Safe);
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"auth_domain": "team.cloudflareaccess.com"}"#
        );
    }

    #[test]
    fn ports_paths_and_final_dots() {
        let source = r#"{"auth_domain": "team.cloudflareaccess.com:443/login"}"#;
        let found = only(CODE, source);
        assert_eq!(
            found[0].message(),
            "`auth_domain` is `team.cloudflareaccess.com:443/login`, which has a path and a port; it must be a bare hostname"
        );
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"auth_domain": "team.cloudflareaccess.com"}"#
        );
        let dot = only(CODE, r#"{"auth_domain": "team.cloudflareaccess.com."}"#);
        assert_eq!(
            dot[0].message(),
            "`auth_domain` is `team.cloudflareaccess.com.`, which has a final dot; it must be a bare hostname"
        );
    }

    #[test]
    fn invalid_names_say_why() {
        let found = only(CODE, r#"{"auth_domain": "team_a.cloudflareaccess.com"}"#);
        let d = &found[0];
        assert_eq!(
            d.message(),
            "`auth_domain` is `team_a.cloudflareaccess.com`, which is not a valid hostname: it contains `_`, which hostnames do not allow"
        );
        assert_eq!(d.primary().text(), Some("not a hostname"));
        assert_eq!(
            d.help(),
            Some("the team domain is a hostname such as `team.cloudflareaccess.com`")
        );
        assert!(d.fixes().is_empty());
        let single = only(CODE, r#"{"auth_domain": "team"}"#);
        assert_eq!(
            single[0].message(),
            "`auth_domain` is `team`, which is not a valid hostname: it has a single label; a hostname needs at least two, e.g. `example.com`"
        );
    }

    #[test]
    fn internationalised_names_get_punycode_to_review() {
        let source = r#"{"auth_domain": "bücher.cloudflareaccess.com"}"#;
        let found = only(CODE, source);
        assert_eq!(
            found[0].help(),
            Some(
                "write the name in its ASCII (punycode) form, `xn--bcher-kva.cloudflareaccess.com`"
            )
        );
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"auth_domain": "xn--bcher-kva.cloudflareaccess.com"}"#
        );
    }

    #[test]
    fn hostnames_in_any_case_pass() {
        assert!(only(CODE, r#"{"auth_domain": "Team.CloudflareAccess.com"}"#).is_empty());
        assert!(only(CODE, r#"{"auth_domain": ["team.cloudflareaccess.com"]}"#).is_empty());
    }
}
