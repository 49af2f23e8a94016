//! The built-in validator against the `jsonschema` crate: for a large
//! generated corpus of payloads, both must find exactly the same
//! (instance location, keyword) pairs on the embedded schema of every
//! profile. A custom schema made from the same JSON goes through the
//! `jsonschema` crate inside ztlint and must agree as well.

use std::collections::BTreeSet;

use jsonschema::error::ValidationErrorKind;
use ztlint::schema::Schema;
use ztlint::{json, Profile};

mod seeded;

use seeded::Rng;

/// A JSON value as text pieces, so that duplicate keys survive.
enum Gen {
    Raw(String),
    Arr(Vec<Gen>),
    Obj(Vec<(String, Gen)>),
}

impl Gen {
    fn text(&self, out: &mut String) {
        match self {
            Gen::Raw(raw) => out.push_str(raw),
            Gen::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.text(out);
                }
                out.push(']');
            }
            Gen::Obj(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push_str(": ");
                    value.text(out);
                }
                out.push('}');
            }
        }
    }
}

fn s(text: &str) -> Gen {
    Gen::Raw(serde_json::to_string(text).unwrap())
}

fn raw(text: &str) -> Gen {
    Gen::Raw(text.to_string())
}

/// Scalars of every type, chosen to sit on the edges the schema cares
/// about: quoted booleans and numbers, integers written as floats, the
/// bounds 30 and 365 and their neighbours, enum values in the wrong case.
const SCALARS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "29",
    "30",
    "30.0",
    "3e1",
    "29.5",
    "365",
    "365.0",
    "366",
    "1e3",
    "-0",
    "0.5",
    "1e400",
    "18446744073709551616",
    "\"true\"",
    "\"false\"",
    "\"30\"",
    "\"\"",
    "\"24h\"",
    "\"totp\"",
    "\"TOTP\"",
    "\"sms\"",
    "\"delete\"",
    "\"disable\"",
    "\"Delete\"",
    "\"#c5ed1b\"",
    "\"x\"",
];

const KEYS: &[&str] = &[
    "name",
    "auth_domain",
    "session_duration",
    "custom_pages",
    "login_design",
    "mfa_config",
    "service_token_inactivity",
    "created_at",
    "sesion_duration",
    "text_color",
    "action",
    "enabled",
    "a/b~c",
    "",
];

fn any_value(rng: &mut Rng, depth: usize) -> Gen {
    match rng.below(if depth > 2 { 1 } else { 5 }) {
        0..=2 => raw(rng.pick(SCALARS)),
        3 => Gen::Arr(
            (0..rng.below(3))
                .map(|_| any_value(rng, depth + 1))
                .collect(),
        ),
        _ => Gen::Obj(
            (0..rng.below(3))
                .map(|_| (rng.pick(KEYS).to_string(), any_value(rng, depth + 1)))
                .collect(),
        ),
    }
}

/// A value that is usually right for the field and sometimes anything.
fn field_value(rng: &mut Rng, good: impl FnOnce(&mut Rng) -> Gen) -> Gen {
    if rng.chance(94) {
        good(rng)
    } else {
        any_value(rng, 1)
    }
}

/// An object from `(key, generator)` pairs: each field present with some
/// probability, sometimes repeated, plus an occasional unknown key.
/// A field name and the generator of its right values.
type Field<'a> = (&'a str, fn(&mut Rng) -> Gen);

fn object(rng: &mut Rng, fields: &[Field<'_>], presence: usize) -> Gen {
    let mut members = Vec::new();
    for (key, good) in fields {
        if rng.chance(presence) {
            members.push((key.to_string(), field_value(rng, good)));
            if rng.chance(5) {
                members.push((key.to_string(), field_value(rng, good)));
            }
        }
    }
    if rng.chance(8) {
        let at = rng.below(members.len() + 1);
        members.insert(at, (rng.pick(KEYS).to_string(), any_value(rng, 1)));
    }
    Gen::Obj(members)
}

fn boolean(rng: &mut Rng) -> Gen {
    raw(rng.pick(&["true", "false"]))
}

fn string(rng: &mut Rng) -> Gen {
    s(rng.pick(&["Widget Corps", "24h", "#c5ed1b", "x"]))
}

fn login_design(rng: &mut Rng) -> Gen {
    object(
        rng,
        &[
            ("background_color", string),
            ("footer_text", string),
            ("header_text", string),
            ("logo_path", string),
            ("text_color", string),
        ],
        60,
    )
}

fn custom_pages(rng: &mut Rng) -> Gen {
    object(
        rng,
        &[("forbidden", string), ("identity_denied", string)],
        60,
    )
}

fn authenticators(rng: &mut Rng) -> Gen {
    Gen::Arr(
        (0..rng.below(4))
            .map(|_| {
                if rng.chance(80) {
                    raw(rng.pick(&[
                        "\"totp\"",
                        "\"biometrics\"",
                        "\"security_key\"",
                        "\"piv_key\"",
                        "\"ssh_fido2_key\"",
                        "\"ssh_piv_key\"",
                        "\"TOTP\"",
                        "\"sms\"",
                    ]))
                } else {
                    any_value(rng, 2)
                }
            })
            .collect(),
    )
}

fn zone_names(rng: &mut Rng) -> Gen {
    Gen::Arr(
        (0..rng.below(3))
            .map(|_| {
                if rng.chance(85) {
                    s("example.com")
                } else {
                    any_value(rng, 2)
                }
            })
            .collect(),
    )
}

fn mfa_config(rng: &mut Rng) -> Gen {
    object(
        rng,
        &[
            ("allowed_authenticators", authenticators),
            ("amr_matching_session_duration", string),
            ("required_aaguids", string),
            ("session_duration", string),
        ],
        60,
    )
}

fn action(rng: &mut Rng) -> Gen {
    if rng.chance(70) {
        raw(rng.pick(&["\"disable\"", "\"delete\""]))
    } else {
        raw(rng.pick(&["\"Delete\"", "\"remove\""]))
    }
}

fn days(rng: &mut Rng) -> Gen {
    if rng.chance(60) {
        raw(rng.pick(&["30", "90", "365"]))
    } else {
        raw(rng.pick(&["29", "366", "30.0", "90.5", "3.65e2", "0", "-5", "1e400"]))
    }
}

fn service_token_inactivity(rng: &mut Rng) -> Gen {
    // All three are required: mostly whole, sometimes partial.
    object(
        rng,
        &[
            ("action", action),
            ("enabled", boolean),
            ("inactivity_threshold_days", days),
        ],
        95,
    )
}

fn key_sizes(rng: &mut Rng) -> Gen {
    Gen::Arr(
        (0..rng.below(3))
            .map(|_| {
                if rng.chance(90) {
                    raw(rng.pick(&["256", "2048", "4096"]))
                } else {
                    raw(rng.pick(&["1024", "\"256\"", "2048.0"]))
                }
            })
            .collect(),
    )
}

fn key_types(rng: &mut Rng) -> Gen {
    Gen::Arr(
        (0..rng.below(3))
            .map(|_| {
                if rng.chance(90) {
                    raw(rng.pick(&["\"ecdsa\"", "\"ed25519\"", "\"rsa\""]))
                } else {
                    s("dsa")
                }
            })
            .collect(),
    )
}

fn policy(rng: &mut Rng) -> Gen {
    if rng.chance(90) {
        raw(rng.pick(&["\"never\"", "\"always\""]))
    } else {
        raw(rng.pick(&["\"once\"", "\"cached\"", "\"sometimes\""]))
    }
}

fn piv_key_requirements(rng: &mut Rng) -> Gen {
    object(
        rng,
        &[
            ("pin_policy", policy),
            ("require_fips_device", boolean),
            ("ssh_key_size", key_sizes),
            ("ssh_key_type", key_types),
            ("touch_policy", policy),
        ],
        60,
    )
}

fn payload(rng: &mut Rng) -> Gen {
    if rng.chance(2) {
        return any_value(rng, 0);
    }
    object(
        rng,
        &[
            ("allow_authenticate_via_warp", boolean),
            ("auth_domain", string),
            ("auto_redirect_to_identity", boolean),
            ("custom_pages", custom_pages),
            ("deny_unmatched_requests", boolean),
            ("deny_unmatched_requests_exempted_zone_names", zone_names),
            ("is_ui_read_only", boolean),
            ("login_design", login_design),
            ("mfa_config", mfa_config),
            ("mfa_configuration_allowed", boolean),
            ("mfa_piv_key_requirements", piv_key_requirements),
            ("mfa_required_for_all_apps", boolean),
            ("name", string),
            ("service_token_inactivity", service_token_inactivity),
            ("session_duration", string),
            ("strict_service_token_auth", boolean),
            ("ui_read_only_toggle_reason", string),
            ("user_seat_expiration_inactive_time", string),
            ("warp_auth_non_browser_401", boolean),
            ("warp_auth_session_duration", string),
        ],
        30,
    )
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// What the `jsonschema` crate finds, one entry per unexpected or missing
/// property as ztlint reports them.
fn reference(
    validator: &jsonschema::Validator,
    instance: &serde_json::Value,
) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for error in validator.iter_errors(instance) {
        let at = error.instance_path().as_str().to_string();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for name in unexpected {
                    out.insert((
                        format!("{at}/{}", escape(name)),
                        "additionalProperties".into(),
                    ));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap();
                out.insert((format!("{at}/{}", escape(name)), "required".into()));
            }
            kind => {
                out.insert((at, kind.keyword().to_string()));
            }
        }
    }
    out
}

fn found(schema: &Schema, doc: &json::Value<'_>) -> BTreeSet<(String, String)> {
    schema
        .violations(doc)
        .into_iter()
        .map(|v| (v.pointer().to_string(), v.keyword().to_string()))
        .collect()
}

#[test]
fn native_validator_agrees_with_the_jsonschema_crate() {
    let mut rng = Rng(0x005e_ed0f_2a11_beef);
    let mut keywords: BTreeSet<String> = BTreeSet::new();
    let mut valid = 0;
    let mut total = 0;
    for profile in Profile::ALL {
        let builtin = Schema::builtin(profile);
        let json = builtin.as_json();
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(json)
            .unwrap();
        let custom = Schema::from_json(&json.to_string()).unwrap();
        for _ in 0..4000 {
            let mut text = String::new();
            payload(&mut rng).text(&mut text);
            let doc = json::parse(&text).unwrap();
            let expected = reference(&validator, &doc.to_serde());
            let native = found(&builtin, &doc);
            assert_eq!(native, expected, "{profile}: {text}");
            assert_eq!(found(&custom, &doc), expected, "{profile} (custom): {text}");
            keywords.extend(expected.iter().map(|(_, k)| k.clone()));
            valid += usize::from(expected.is_empty());
            total += 1;
        }
    }
    // The corpus reaches every keyword and has valid payloads too.
    let all: BTreeSet<String> = [
        "additionalProperties",
        "enum",
        "maximum",
        "minimum",
        "required",
        "type",
    ]
    .map(String::from)
    .into();
    assert_eq!(keywords, all);
    assert!(
        valid > total / 10,
        "only {valid} of {total} payloads were valid"
    );
}

#[test]
fn spans_point_where_the_lint_does() {
    let source = r#"{"name": "A", "mfa_config": {"allowed_authenticators": ["sms"]}, "nope": 1}"#;
    let doc = json::parse(source).unwrap();
    let got: Vec<_> = Schema::builtin(Profile::Create)
        .violations(&doc)
        .iter()
        .map(|v| {
            (
                v.pointer().to_string(),
                v.keyword().to_string(),
                &source[v.span().range()],
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("/auth_domain".to_string(), "required".to_string(), "{"),
            (
                "/mfa_config/allowed_authenticators/0".to_string(),
                "enum".to_string(),
                "\"sms\""
            ),
            (
                "/nope".to_string(),
                "additionalProperties".to_string(),
                "\"nope\""
            ),
        ]
    );
}
