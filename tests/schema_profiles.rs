//! The three endpoint profiles of the built-in schema, through the front
//! door.

use ztlint::{Diagnostic, Linter, Profile, Severity, Span};

/// The structure findings only: value rules of other areas may add theirs.
const STRUCTURE: &[&str] = &[
    "root-not-object",
    "response-envelope",
    "empty-body",
    "duplicate-key",
    "read-only-field",
    "unknown-field",
    "wrong-type",
    "null-value",
    "missing-field",
    "enum-value",
    "number-range",
    "schema-violation",
];

fn structure(profile: Profile, source: &str) -> Vec<Diagnostic> {
    Linter::new()
        .profile(profile)
        .lint(source)
        .into_iter()
        .filter(|d| STRUCTURE.contains(&d.code()))
        .collect()
}

fn summary(diagnostics: &[Diagnostic]) -> Vec<(&'static str, Severity, Span, &str)> {
    diagnostics
        .iter()
        .map(|d| (d.code(), d.severity(), d.span(), d.message()))
        .collect()
}

const BODY: &str = r#"{"name": "Widget Corps", "auth_domain": "widget.cloudflareaccess.com", "warp_auth_session_duration": "24h", "custom_pages": {"forbidden": "699d98642c564d2e855e9661899b7252"}}"#;

#[test]
fn account_update_takes_every_field() {
    assert!(structure(Profile::AccountUpdate, BODY).is_empty());
}

#[test]
fn zone_update_takes_six_fields() {
    assert_eq!(
        summary(&structure(Profile::ZoneUpdate, BODY)),
        [
            (
                "unknown-field",
                Severity::Warning,
                Span::new(71, 99),
                "`warp_auth_session_duration` is not a field of the zone-level endpoint"
            ),
            (
                "unknown-field",
                Severity::Warning,
                Span::new(108, 122),
                "`custom_pages` is not a field of the zone-level endpoint"
            ),
        ]
    );
}

#[test]
fn create_requires_name_and_auth_domain_and_refuses_custom_pages() {
    assert_eq!(
        summary(&structure(Profile::Create, BODY)),
        [(
            "unknown-field",
            Severity::Warning,
            Span::new(108, 122),
            "`custom_pages` is not a field when creating an organization"
        )]
    );
    assert_eq!(
        summary(&structure(
            Profile::Create,
            r#"{"auth_domain": "widget.cloudflareaccess.com"}"#
        )),
        [(
            "missing-field",
            Severity::Error,
            Span::new(0, 1),
            "`name` is required when creating an organization"
        )]
    );
}

#[test]
fn zone_create_takes_the_zone_fields_and_requires_name_and_auth_domain() {
    assert_eq!(
        summary(&structure(
            Profile::ZoneCreate,
            r##"{"name": "Widget Corps", "auth_domain": "widget.cloudflareaccess.com", "login_design": {"text_color": "#fff"}}"##
        )),
        []
    );
    assert_eq!(
        summary(&structure(
            Profile::ZoneCreate,
            r#"{"name": "Widget Corps", "warp_auth_session_duration": "24h"}"#
        )),
        [
            (
                "missing-field",
                Severity::Error,
                Span::new(0, 1),
                "`auth_domain` is required when creating an organization"
            ),
            (
                "unknown-field",
                Severity::Warning,
                Span::new(25, 53),
                "`warp_auth_session_duration` is not a field of the zone-level endpoint"
            ),
        ]
    );
}

#[test]
fn a_typo_is_unknown_in_every_profile() {
    for profile in Profile::ALL {
        let found = structure(
            profile,
            r#"{"name": "A", "auth_domain": "a.cloudflareaccess.com", "nmae": "B"}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "unknown-field",
                Severity::Warning,
                Span::new(55, 61),
                "unknown field `nmae`"
            )],
            "{profile}"
        );
    }
}

#[test]
fn newer_fields_are_known_to_the_account_profile() {
    let source = r#"{
  "allow_authenticate_via_warp": true,
  "warp_auth_session_duration": "24h",
  "deny_unmatched_requests": true,
  "deny_unmatched_requests_exempted_zone_names": ["example.com"],
  "mfa_config": {
    "allowed_authenticators": ["totp", "biometrics", "security_key", "piv_key", "ssh_fido2_key"],
    "session_duration": "24h",
    "amr_matching_session_duration": "12h",
    "required_aaguids": "2fc0579f-8113-47ea-b116-bb5a8db9202a"
  },
  "mfa_required_for_all_apps": false,
  "service_token_inactivity": {"action": "disable", "enabled": true, "inactivity_threshold_days": 90},
  "strict_service_token_auth": true,
  "warp_auth_non_browser_401": false
}"#;
    assert!(structure(Profile::AccountUpdate, source).is_empty());
}
