//! Fields of today's API, each with a body the server takes and one it
//! does not, at exact spans. What each field takes is the field table's
//! (`src/fields/table.rs`); these hold the table to the sources it cites.

use ztlint::{lint, Severity, Span};

fn findings(source: &str) -> Vec<(&'static str, Severity, &str)> {
    lint(source)
        .iter()
        .map(|d| (d.code(), d.severity(), &source[d.span().range()]))
        .collect()
}

/// Renamed from `mfa_ssh_piv_key_requirements` on 2026-06-17; enums from
/// the TypeScript SDK and the API schema.
#[test]
fn mfa_piv_key_requirements() {
    let good = r#"{"mfa_piv_key_requirements": {"pin_policy": "once", "require_fips_device": true, "ssh_key_size": [256, 384, 521, 2048, 3072, 4096], "ssh_key_type": ["ecdsa", "ed25519", "rsa"], "touch_policy": "cached"}}"#;
    assert_eq!(findings(good), []);
    let bad = r#"{"mfa_piv_key_requirements": {"pin_policy": "sometimes", "require_fips_device": "true", "ssh_key_size": [1024, "256", 2048.0], "ssh_key_type": ["dsa"], "touch_policy": "once", "size": 1}}"#;
    assert_eq!(
        findings(bad),
        [
            ("enum-value", Severity::Error, r#""sometimes""#),
            ("wrong-type", Severity::Error, r#""true""#),
            ("enum-value", Severity::Error, "1024"),
            ("wrong-type", Severity::Error, r#""256""#),
            ("wrong-type", Severity::Error, "2048.0"),
            ("enum-value", Severity::Error, r#""dsa""#),
            ("enum-value", Severity::Error, r#""once""#),
            ("unknown-field", Severity::Warning, r#""size""#),
        ]
    );
    let d = &lint(bad)[0];
    assert_eq!(d.span(), Span::new(44, 55));
    assert_eq!(
        d.message(),
        "`mfa_piv_key_requirements.pin_policy` is `\"sometimes\"`, which is not one of `never`, `once`, `always`"
    );
}

/// Cloudflare's CLI sends key sizes as strings; Go's decoder refuses them
/// for `[]int64`.
#[test]
fn key_sizes_are_integers() {
    let source = r#"{"mfa_piv_key_requirements": {"ssh_key_size": ["256", "2048"]}}"#;
    let codes: Vec<_> = findings(source)
        .into_iter()
        .map(|(c, s, _)| (c, s))
        .collect();
    assert_eq!(
        codes,
        [
            ("wrong-type", Severity::Error),
            ("wrong-type", Severity::Error)
        ]
    );
}

/// Released Terraform (v5.22.0) still sends the old names: a warning with
/// a safe rename, never a bare unknown-field error.
#[test]
fn renamed_names_get_their_rename() {
    let old = r#"{"mfa_ssh_piv_key_requirements": {"pin_policy": "never"}, "mfa_config": {"allowed_authenticators": ["ssh_piv_key"]}}"#;
    assert_eq!(
        findings(old),
        [
            (
                "renamed-field",
                Severity::Warning,
                r#""mfa_ssh_piv_key_requirements""#
            ),
            ("renamed-value", Severity::Warning, r#""ssh_piv_key""#),
        ]
    );
    let (fixed, applied) = ztlint::apply_fixes(old, &lint(old), ztlint::Applicability::Safe);
    assert_eq!(applied, 2);
    assert_eq!(
        fixed,
        r#"{"mfa_piv_key_requirements": {"pin_policy": "never"}, "mfa_config": {"allowed_authenticators": ["piv_key"]}}"#
    );
    assert_eq!(findings(&fixed), []);
}

/// At most 90 days since 2026-09 (H: Cloudflare docs).
#[test]
fn warp_auth_session_duration_is_at_most_90_days() {
    assert_eq!(findings(r#"{"warp_auth_session_duration": "2160h"}"#), []);
    assert_eq!(
        findings(r#"{"warp_auth_session_duration": "2161h"}"#),
        [("duration-range", Severity::Error, r#""2161h""#)]
    );
}

/// The API reference marks all three members required.
#[test]
fn service_token_inactivity_is_sent_whole() {
    let whole = r#"{"service_token_inactivity": {"action": "disable", "enabled": true, "inactivity_threshold_days": 90}}"#;
    assert_eq!(findings(whole), []);
    let partial = r#"{"service_token_inactivity": {"action": "disable"}}"#;
    let found = lint(partial);
    let got: Vec<_> = found
        .iter()
        .map(|d| (d.code(), d.span(), d.message(), d.help().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "missing-field",
                Span::new(29, 30),
                "`service_token_inactivity` requires `enabled`",
                "add `\"enabled\": true`"
            ),
            (
                "missing-field",
                Span::new(29, 30),
                "`service_token_inactivity` requires `inactivity_threshold_days`",
                "add `\"inactivity_threshold_days\": 30`"
            ),
        ]
    );
}

/// MFA for every application needs an authenticator (H: field description).
#[test]
fn mfa_required_for_all_apps_needs_an_authenticator() {
    assert_eq!(
        findings(r#"{"mfa_required_for_all_apps": true}"#),
        [(
            "mfa-required-without-authenticator",
            Severity::Warning,
            "true"
        )]
    );
    assert_eq!(
        findings(
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": ["totp"], "session_duration": "12h"}}"#
        ),
        []
    );
}

/// The docs clear the AAGUID restriction with `null`.
#[test]
fn required_aaguids_takes_null() {
    assert_eq!(
        findings(r#"{"mfa_config": {"required_aaguids": null}}"#),
        []
    );
    assert_eq!(
        findings(r#"{"mfa_config": {"required_aaguids": 7}}"#),
        [("wrong-type", Severity::Error, "7")]
    );
}
