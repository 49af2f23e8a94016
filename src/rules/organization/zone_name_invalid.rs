//! `zone-name-invalid`: an exempted zone name that is not a hostname.

use super::hostname_finding;
use crate::diagnostic::Severity;
use crate::json::Value;
use crate::rules::support::{check_hostname, value_at, StrField};
use crate::rules::{Context, Rule};

pub(crate) const ZONE_NAME_INVALID: Rule = Rule::new(
    "zone-name-invalid",
    Severity::Warning,
    "A zone exempted from deny-unmatched is not a valid zone name",
    include_str!("zone_name_invalid.md"),
);

const FIELD: &str = "deny_unmatched_requests_exempted_zone_names";

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(items) = value_at(root, &[FIELD]).and_then(Value::as_array) else {
        return;
    };
    for item in items {
        let Some(text) = item.as_str() else {
            continue;
        };
        if let Err(why) = check_hostname(text) {
            let field = StrField {
                text,
                span: item.span(),
            };
            cx.emit(hostname_finding(
                &ZONE_NAME_INVALID,
                &format!("`{FIELD}` has"),
                field,
                &why,
                "a zone name is a domain such as `example.com`",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "zone-name-invalid";

    #[test]
    fn urls_and_wildcards() {
        let source = r#"{"deny_unmatched_requests_exempted_zone_names": ["example.com", "https://example.org/", "*.example.net"]}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(64, 86));
        assert_eq!(
            d.message(),
            "`deny_unmatched_requests_exempted_zone_names` has `https://example.org/`, which has a scheme and a trailing slash; it must be a bare hostname"
        );
        assert_eq!(d.help(), Some("write `example.org`"));
        assert_eq!(
            found[1].message(),
            "`deny_unmatched_requests_exempted_zone_names` has `*.example.net`, which is not a valid hostname: it contains `*`, which hostnames do not allow"
        );
        assert_eq!(
            found[1].help(),
            Some("a zone name is a domain such as `example.com`")
        );
        assert!(found[1].fixes().is_empty());
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"deny_unmatched_requests_exempted_zone_names": ["example.com", "example.org", "*.example.net"]}"#
        );
    }

    #[test]
    fn valid_zones_and_other_types_pass() {
        let source = r#"{"deny_unmatched_requests_exempted_zone_names": ["example.com", "sub.Example.CO.uk", 7]}"#;
        assert!(only(CODE, source).is_empty());
        assert!(only(
            CODE,
            r#"{"deny_unmatched_requests_exempted_zone_names": "x"}"#
        )
        .is_empty());
    }
}
