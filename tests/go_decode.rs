//! Severities held to Go's encoding/json, which Cloudflare's servers decode
//! bodies with. `tests/go/decode_behaviour.go` decoded each body with real
//! Go into a struct shaped like the organization body; its results are
//! committed in `tests/data/go_decode.json`. Where Go refuses a body,
//! ztlint's finding is an error; where Go takes it, no finding is.

use ztlint::{Linter, Severity};

/// Each case of the Go program, and the rule that reports it.
const RULES: &[(&str, &str)] = &[
    ("byte-order-mark", "byte-order-mark"),
    ("invalid-utf8", "invalid-utf8"),
    ("duplicate-key", "duplicate-key"),
    ("unknown-field", "unknown-field"),
    ("unknown-field-case", "unknown-field"),
    ("response-envelope", "response-envelope"),
    ("string-for-bool", "wrong-type"),
    ("number-for-string", "wrong-type"),
    ("float-for-integer", "wrong-type"),
    ("exponent-for-integer", "wrong-type"),
    ("strings-for-integers", "wrong-type"),
    ("array-root", "root-not-object"),
    ("null-field", "null-value"),
    ("trailing-comma", "json-syntax"),
    ("utf16le-bom", "wide-encoding"),
    ("utf16le", "wide-encoding"),
    ("utf16be", "wide-encoding"),
    ("utf32le-bom", "wide-encoding"),
];

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn errors_are_what_go_refuses() {
    let text = include_str!("data/go_decode.json");
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), RULES.len());
    for (result, (case, code)) in results.iter().zip(RULES) {
        assert_eq!(result["case"], *case);
        let body = unhex(result["body_hex"].as_str().unwrap());
        let accepted = result["accepted"].as_bool().unwrap();
        let linted = Linter::new().lint_bytes(&body);
        let found: Vec<_> = linted
            .diagnostics
            .iter()
            .filter(|d| d.code() == *code)
            .collect();
        assert!(!found.is_empty(), "{case}: no {code} finding");
        let errors = linted
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        if accepted {
            assert_eq!(
                errors, 0,
                "{case}: Go takes it, ztlint calls it an error: {:#?}",
                linted.diagnostics
            );
        } else {
            assert!(
                found.iter().all(|d| d.severity() == Severity::Error),
                "{case}: Go refuses it ({}), ztlint does not say error",
                result["error"]
            );
        }
    }
}
