//! Differential test: `ztlint::json::parse` against
//! `serde_json::from_str::<serde_json::Value>` over a large, seeded,
//! deterministic corpus of valid documents and near misses.
//!
//! For every input both parsers must agree on accept/reject, and when both
//! accept, on the value. The two documented exceptions:
//!
//! - numbers outside the range of `f64`: serde_json rejects them with "number
//!   out of range", ztlint keeps their text. Such a disagreement is allowed only
//!   when the document really holds such a number;
//! - duplicate keys: both accept; ztlint keeps every member, and its
//!   `to_serde()` collapses them to the last, as serde_json does.
//!
//! Floats are compared bit for bit (so `-0.0` differs from `0.0`). That is
//! sound because serde_json is built here with its `float_roundtrip` feature,
//! which the `jsonschema` dependency turns on: its float parsing is then
//! correctly rounded, as is `str::parse::<f64>`, which ztlint uses. Without
//! that feature serde_json may be off by an ULP on long or extreme inputs;
//! `serde_json_parses_floats_correctly_rounded` pins the assumption so that
//! this test fails loudly, instead of flakily, if the feature ever goes away.
//!
//! No extra crate: a SplitMix64 generator keeps the corpus reproducible and
//! the test fast (tens of thousands of cases in a few seconds in debug).

mod json_support;

use json_support::{Gen, Rng, SPECIAL_NUMBERS};
use ztlint::json::{self, Value, ValueKind};

/// Whether the document holds a number that serde_json may reject as out of
/// range: one whose nearest `f64` is infinite.
fn has_number_beyond_f64(value: &Value<'_>) -> bool {
    match value.kind() {
        ValueKind::Number(n) => n.as_f64().is_none(),
        ValueKind::Array(items) => items.iter().any(has_number_beyond_f64),
        ValueKind::Object(members) => members.iter().any(|m| has_number_beyond_f64(m.value())),
        _ => false,
    }
}

/// Structural equality in which floats must match bit for bit.
fn same(ours: &serde_json::Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as S;
    match (ours, theirs) {
        (S::Number(a), S::Number(b)) => match (a.as_f64(), b.as_f64()) {
            _ if a.is_f64() != b.is_f64() || a.is_u64() != b.is_u64() => false,
            (Some(x), Some(y)) if a.is_f64() => x.to_bits() == y.to_bits(),
            _ => a == b,
        },
        (S::Array(a), S::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (S::Object(a), S::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => ours == theirs,
    }
}

#[derive(Default, Debug)]
struct Tally {
    both_accept: usize,
    both_reject: usize,
    beyond_f64: usize,
}

fn check(input: &str, tally: &mut Tally) {
    let ours = json::parse(input);
    let theirs = serde_json::from_str::<serde_json::Value>(input);
    match (&ours, &theirs) {
        (Ok(doc), Ok(expected)) => {
            let got = doc.to_serde();
            assert!(
                same(&got, expected),
                "values differ for {input:?}:\n ztlint:     {got:?}\n serde_json: {expected:?}"
            );
            tally.both_accept += 1;
        }
        (Err(err), Err(_)) => {
            let span = err.span();
            assert!(
                span.end() <= input.len()
                    && input.is_char_boundary(span.start())
                    && input.is_char_boundary(span.end()),
                "error span {span} out of {input:?}"
            );
            assert!(!err.message().is_empty());
            tally.both_reject += 1;
        }
        (Ok(doc), Err(e)) => {
            assert!(
                e.to_string().starts_with("number out of range") && has_number_beyond_f64(doc),
                "ztlint accepts what serde_json rejects ({e}): {input:?}"
            );
            tally.beyond_f64 += 1;
        }
        (Err(err), Ok(_)) => panic!(
            "ztlint rejects what serde_json accepts: {input:?}\n error: {} at {}",
            err.message(),
            err.span()
        ),
    }
}

#[test]
fn serde_json_parses_floats_correctly_rounded() {
    // Halfway between two doubles, nudged up by the 19th decimal: a best-effort
    // parser that drops digits past u64 rounds down; a correct one rounds up.
    let v: serde_json::Value =
        serde_json::from_str("9007199254740993.0000000000000000001").unwrap();
    assert_eq!(v.as_f64(), Some(9007199254740994.0));
    let v: serde_json::Value = serde_json::from_str("2.2250738585072011e-308").unwrap();
    assert_eq!(
        v.as_f64(),
        Some("2.2250738585072011e-308".parse::<f64>().unwrap())
    );
}

#[test]
fn agrees_with_serde_json_on_valid_documents() {
    let mut gen = Gen::new(Rng(0x5EED_0001));
    let mut tally = Tally::default();
    for _ in 0..10_000 {
        let doc = gen.document();
        check(&doc, &mut tally);
    }
    // Every generated document is valid JSON; some hold numbers beyond f64.
    assert_eq!(tally.both_reject, 0, "{tally:?}");
    assert!(tally.both_accept > 8_000, "{tally:?}");
    assert!(tally.beyond_f64 > 100, "{tally:?}");
}

#[test]
fn agrees_with_serde_json_on_near_misses() {
    let mut gen = Gen::new(Rng(0x5EED_0002));
    let mut tally = Tally::default();
    for _ in 0..30_000 {
        let doc = gen.document();
        let mutated = gen.mutate(&doc);
        check(&mutated, &mut tally);
    }
    // The mutations must produce both kinds, or this test proves little.
    assert!(tally.both_accept > 4_000, "{tally:?}");
    assert!(tally.both_reject > 15_000, "{tally:?}");
}

#[test]
fn agrees_with_serde_json_on_every_number_shape() {
    let mut gen = Gen::new(Rng(0x5EED_0003));
    let mut tally = Tally::default();
    for special in SPECIAL_NUMBERS {
        check(special, &mut tally);
        check(&format!("[{special}]"), &mut tally);
    }
    for _ in 0..15_000 {
        let mut n = String::new();
        gen.number(&mut n);
        check(&n, &mut tally);
        // And its near misses.
        let mutated = gen.mutate(&n);
        check(&mutated, &mut tally);
    }
    assert!(tally.both_accept > 12_000, "{tally:?}");
    assert!(tally.both_reject > 2_000, "{tally:?}");
}

#[test]
fn agrees_with_serde_json_at_the_nesting_limit() {
    let mut tally = Tally::default();
    for depth in [1, 2, 64, 126, 127, 128, 129, 200] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        check(&arrays, &mut tally);
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        check(&objects, &mut tally);
        let mixed: String = (0..depth)
            .map(|i| if i % 2 == 0 { "[" } else { "{\"k\":" })
            .collect();
        let closing: String = (0..depth)
            .rev()
            .map(|i| if i % 2 == 0 { "]" } else { "}" })
            .collect();
        check(&format!("{mixed}null{closing}"), &mut tally);
    }
    assert_eq!((tally.both_accept, tally.both_reject), (15, 9), "{tally:?}");
}
