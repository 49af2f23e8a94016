//! The performance requirement of the default path: linting a seed-shaped
//! payload end to end must be faster than parsing it with serde_json and
//! validating it with a precompiled `jsonschema` validator of the same
//! schema. Timing is meaningless in debug builds and noisy on shared
//! machines, so this runs only on request:
//!
//! ```text
//! cargo test --release --test lint_speed -- --ignored --nocapture
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use ztlint::schema::Schema;
use ztlint::{Linter, Profile};

/// The seed's example body, verbatim.
const SEED: &str = r##"{
  "auth_domain": "test.cloudflareaccess.com",
  "auto_redirect_to_identity": false,
  "custom_pages": {
    "forbidden": "699d98642c564d2e855e9661899b7252",
    "identity_denied": "699d98642c564d2e855e9661899b7252"
  },
  "is_ui_read_only": "false",
  "login_design": {
    "background_color": "#c5ed1b",
    "footer_text": "This is an example description.",
    "header_text": "This is an example description.",
    "logo_path": "https://example.com/logo.png",
    "text_color": "#c5ed1b"
  },
  "name": "Widget Corps Internal Applications",
  "session_duration": "24h",
  "ui_read_only_toggle_reason": "Temporarily turn off the UI read only lock to make a change via the UI",
  "user_seat_expiration_inactive_time": "720h"
}"##;

/// The best time per call of each of `candidates`, measured in interleaved
/// rounds so that a busy machine slows them alike.
fn best<const N: usize>(iterations: u32, candidates: [&mut dyn FnMut(); N]) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    let mut candidates = candidates;
    for _ in 0..15 {
        for (f, best) in candidates.iter_mut().zip(&mut best) {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            *best = (*best).min(start.elapsed() / iterations);
        }
    }
    best
}

fn compare(label: &str, source: &str) -> (Duration, Duration) {
    let linter = Linter::new();
    let validator =
        jsonschema::validator_for(Schema::builtin(Profile::AccountUpdate).as_json()).unwrap();
    // Warm up the lazily compiled schema.
    black_box(linter.lint(source));
    let schema = Schema::builtin(Profile::AccountUpdate);
    let [lint, schema_only, first_error, all_errors, parse_only] = best(
        5_000,
        [
            &mut || {
                black_box(linter.lint(black_box(source)));
            },
            &mut || {
                let doc = ztlint::json::parse(black_box(source)).unwrap();
                black_box(schema.violations(&doc));
            },
            &mut || {
                let value: serde_json::Value = serde_json::from_str(black_box(source)).unwrap();
                black_box(validator.validate(&value).is_err());
            },
            &mut || {
                let value: serde_json::Value = serde_json::from_str(black_box(source)).unwrap();
                black_box(validator.iter_errors(&value).count());
            },
            &mut || {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(source)).unwrap());
            },
        ],
    );
    println!(
        "{label}: lint {lint:?} (of which parse + schema {schema_only:?}); \
         serde_json + validate {first_error:?}; serde_json + iter_errors {all_errors:?}; \
         serde_json alone {parse_only:?}"
    );
    (lint, first_error)
}

#[test]
#[ignore = "timing: run in release with --ignored"]
fn linting_beats_serde_json_plus_jsonschema() {
    let (lint, baseline) = compare("seed example", SEED);
    let valid = SEED.replace("\"false\"", "false");
    let (valid_lint, valid_baseline) = compare("valid seed", &valid);
    assert!(lint < baseline, "lint {lint:?} vs {baseline:?}");
    assert!(
        valid_lint < valid_baseline,
        "lint {valid_lint:?} vs {valid_baseline:?}"
    );
}
