//! ztlint's SARIF validates against the official SARIF 2.1.0 schema
//! (`tests/data/sarif-schema-2.1.0.json`, see its `.SOURCE.md`).

mod render_fixtures;

use render_fixtures::{end_to_end, hand_built, odd_fixture, reports, Fixture, Rng};
use serde_json::Value;
use ztlint::render::{self, FileReport};
use ztlint::{Diagnostic, Severity, Span};

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema is JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        // Draft 4 has no `uri-reference` (the schema uses it anyway), so
        // jsonschema would skip it.
        .with_format("uri-reference", is_uri_reference)
        .build(&schema)
        .expect("the SARIF schema compiles offline")
}

/// Whether `text` is made only of RFC 3986 URI characters, with every `%`
/// starting a two-digit escape: what a URI reference needs lexically.
fn is_uri_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if !(i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
            {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

/// Validates the SARIF of `files`, returning the log.
fn assert_valid(validator: &jsonschema::Validator, files: &[FileReport<'_>]) -> Value {
    let log: Value = serde_json::from_str(&render::sarif(files)).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}\n{log:#}");
    log
}

#[test]
fn a_multi_file_report_with_fixes_and_secondary_labels_is_valid() {
    let validator = validator();
    let fixtures = hand_built();
    let log = assert_valid(&validator, &reports(&fixtures));
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 6);
    // The run really has what the test is about.
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
    assert!(results.iter().any(|r| r["fixes"].is_array()));
    assert_eq!(
        log["runs"][0]["artifacts"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn end_to_end_reports_are_valid() {
    let validator = validator();
    let fixtures = end_to_end();
    let log = assert_valid(&validator, &reports(&fixtures));
    // The byte order mark's fix deletes bytes, which text regions cannot say.
    let bom = &log["runs"][0]["results"][1];
    assert_eq!(bom["ruleId"], "byte-order-mark");
    assert_eq!(
        bom["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"],
        serde_json::json!({ "byteOffset": 0, "byteLength": 3 })
    );
}

#[test]
fn an_empty_run_is_valid() {
    let validator = validator();
    let log = assert_valid(&validator, &[]);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), ztlint::rules::all().count());
}

#[test]
fn odd_inputs_give_valid_sarif() {
    let validator = validator();
    let mut rng = Rng::new(0x5a71f);
    for _ in 0..60 {
        let fixtures: Vec<Fixture> = (0..1 + rng.below(3))
            .map(|_| odd_fixture(&mut rng))
            .collect();
        assert_valid(&validator, &reports(&fixtures));
    }
}

#[test]
fn the_schema_rejects_what_it_should() {
    // A test that cannot fail proves nothing: break a valid log five ways.
    let validator = validator();
    let fixtures = hand_built();
    let log: Value = serde_json::from_str(&render::sarif(&reports(&fixtures))).expect("JSON");
    assert!(validator.is_valid(&log));
    let mut no_version = log.clone();
    no_version
        .as_object_mut()
        .expect("object")
        .remove("version");
    assert!(!validator.is_valid(&no_version));
    let mut bad_level = log.clone();
    bad_level["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&bad_level));
    let mut bad_uri = log.clone();
    bad_uri["runs"][0]["artifacts"][0]["location"]["uri"] = Value::from("my org.json");
    assert!(!validator.is_valid(&bad_uri), "uri-reference is checked");
    let mut bad_schema = log.clone();
    bad_schema["$schema"] = Value::from("not a uri");
    assert!(!validator.is_valid(&bad_schema), "uri is checked");
    let mut zero_line = log;
    zero_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&zero_line));
}

#[test]
fn more_than_25000_results_are_cut_to_the_most_severe_and_stay_valid() {
    let mut diagnostics: Vec<Diagnostic> = (0..25_000)
        .map(|_| Diagnostic::new("json-syntax", Severity::Info, "i", Span::new(0, 1)))
        .collect();
    diagnostics.push(Diagnostic::new(
        "json-syntax",
        Severity::Error,
        "e",
        Span::new(1, 2),
    ));
    let file = FileReport {
        name: "big.json",
        source: "{}",
        diagnostics: &diagnostics,
    };
    let log: Value = serde_json::from_str(&render::sarif(&[file])).expect("SARIF is JSON");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 25_000);
    assert_eq!(
        results.last().map(|r| &r["level"]),
        Some(&Value::from("error"))
    );
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
        "1 of 25001 results were left out: GitHub code scanning accepts at most 25000 per run; \
         the most severe were kept"
    );
    // Validating 25,000 results is slow in debug builds; check the shape of
    // the parts that differ from a small run on a copy with few results.
    let mut small = log.clone();
    small["runs"][0]["results"] = Value::Array(results[..3].to_vec());
    let errors: Vec<String> = validator()
        .iter_errors(&small)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
