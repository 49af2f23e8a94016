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
