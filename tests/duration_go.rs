//! Checks `ztlint::duration` against Go itself: every vector in
//! `tests/data/duration_vectors.json` was produced by Go's
//! `time.ParseDuration` and `Duration.String` (see
//! `tests/go/duration_vectors.go` for how to regenerate it).
//!
//! Mismatches are collected rather than failing on the first, so one run
//! shows the whole shape of a regression.

use std::fmt::Write as _;

use serde::Deserialize;
use ztlint::duration::{self, GoDuration};

#[derive(Deserialize)]
struct Vectors {
    go_version: String,
    parse: Vec<ParseVector>,
    format: Vec<FormatVector>,
}

/// One `time.ParseDuration` result: `nanos` and `string` when `ok`,
/// `error` otherwise.
#[derive(Deserialize)]
struct ParseVector {
    input: String,
    ok: bool,
    nanos: Option<i64>,
    string: Option<String>,
    error: Option<String>,
}

/// One `Duration.String` result.
#[derive(Deserialize)]
struct FormatVector {
    nanos: i64,
    string: String,
}

fn load() -> Vectors {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/duration_vectors.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What Go said, in one comparable shape.
#[derive(PartialEq, Debug)]
enum Outcome {
    Ok { nanos: i64, string: String },
    Err(String),
}

fn expected(v: &ParseVector) -> Outcome {
    if v.ok {
        Outcome::Ok {
            nanos: v.nanos.expect("ok vector without nanos"),
            string: v.string.clone().expect("ok vector without string"),
        }
    } else {
        Outcome::Err(v.error.clone().expect("error vector without error"))
    }
}

fn actual(input: &str) -> Outcome {
    match duration::parse(input) {
        Ok(d) => Outcome::Ok {
            nanos: d.as_nanos(),
            string: d.to_string(),
        },
        Err(e) => Outcome::Err(e.to_string()),
    }
}

/// Panics listing the first 50 mismatches, with totals, if there are any.
fn report(what: &str, go_version: &str, total: usize, mismatches: &[String]) {
    if mismatches.is_empty() {
        return;
    }
    let mut msg = format!(
        "{} of {total} {what} vectors disagree with {go_version}; first {}:\n",
        mismatches.len(),
        mismatches.len().min(50),
    );
    for m in mismatches.iter().take(50) {
        let _ = writeln!(msg, "  {m}");
    }
    panic!("{msg}");
}

#[test]
fn parse_agrees_with_go() {
    let vectors = load();
    assert!(
        vectors.parse.len() > 5_000,
        "suspiciously few parse vectors"
    );
    let mut mismatches = Vec::new();
    for v in &vectors.parse {
        let (want, got) = (expected(v), actual(&v.input));
        if want != got {
            mismatches.push(format!("{:?}: go {want:?}, ours {got:?}", v.input));
        }
    }
    report(
        "parse",
        &vectors.go_version,
        vectors.parse.len(),
        &mismatches,
    );
}

#[test]
fn format_agrees_with_go() {
    let vectors = load();
    assert!(
        vectors.format.len() > 500,
        "suspiciously few format vectors"
    );
    let mut mismatches = Vec::new();
    for v in &vectors.format {
        let got = GoDuration::from_nanos(v.nanos).to_string();
        if got != v.string {
            mismatches.push(format!("{}: go {:?}, ours {got:?}", v.nanos, v.string));
        }
    }
    report(
        "format",
        &vectors.go_version,
        vectors.format.len(),
        &mismatches,
    );
}

/// The error accessors agree with the message text Go produced, which is
/// what the linter relies on when it suggests a fix.
#[test]
fn error_kind_and_unit_agree_with_message() {
    let vectors = load();
    let mut mismatches = Vec::new();
    for v in vectors.parse.iter().filter(|v| !v.ok) {
        let Err(err) = duration::parse(&v.input) else {
            continue; // already reported by parse_agrees_with_go
        };
        let text = err.to_string();
        let kind_ok = match err.kind() {
            duration::ErrorKind::Invalid => text.starts_with("time: invalid duration "),
            duration::ErrorKind::MissingUnit => text.starts_with("time: missing unit "),
            duration::ErrorKind::UnknownUnit => text.starts_with("time: unknown unit "),
            _ => false,
        };
        let unit_ok = (err.kind() == duration::ErrorKind::UnknownUnit) == err.unit().is_some();
        if !kind_ok || !unit_ok {
            mismatches.push(format!(
                "{:?}: kind {:?}, unit {:?}, text {text:?}",
                v.input,
                err.kind(),
                err.unit()
            ));
        }
    }
    report(
        "error-kind",
        &vectors.go_version,
        vectors.parse.len(),
        &mismatches,
    );
}
