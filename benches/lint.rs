//! The full lint of a seed-shaped payload (parse, schema and every rule)
//! against what users reach for today: `serde_json::from_str::<Value>` plus
//! a precompiled `jsonschema` validator of the same embedded schema.
//!
//! Run with `cargo bench --bench lint`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ztlint::schema::Schema;
use ztlint::{Linter, Profile};

/// The seed's example body, verbatim: it has three findings.
const SEED: &str = include_str!("../examples/seed-example.json");

/// A clean payload that uses every field.
const CLEAN: &str = include_str!("../examples/clean.json");

fn lint(c: &mut Criterion) {
    let linter = Linter::new();
    let schema = Schema::builtin(Profile::AccountUpdate);
    let validator = jsonschema::validator_for(schema.as_json()).expect("the schema compiles");
    for (shape, source, findings, valid) in [("seed", SEED, 3, false), ("clean", CLEAN, 0, true)] {
        let mut group = c.benchmark_group("lint");
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_function(format!("{shape}/ztlint"), |b| {
            b.iter(|| {
                let diagnostics = linter.lint(black_box(source));
                assert_eq!(diagnostics.len(), findings);
                diagnostics
            })
        });
        group.bench_function(format!("{shape}/serde_json+jsonschema"), |b| {
            b.iter(|| {
                let value: serde_json::Value =
                    serde_json::from_str(black_box(source)).expect("valid JSON");
                let errors = validator.iter_errors(&value).count();
                assert_eq!(errors == 0, valid);
                errors
            })
        });
        group.finish();
    }
}

criterion_group!(benches, lint);
criterion_main!(benches);
