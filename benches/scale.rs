//! Scaling: the time per finding from bytes to every output format, at
//! 1,000, 10,000 and 100,000 findings. Criterion reports throughput in
//! findings per second; equal rates at each size mean time linear in the
//! number of findings.
//!
//! Run with `cargo bench --bench scale`. `scale/windows` sets the linting
//! of a large body in windows against the whole lint.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ztlint::render::{self, FileReport, HumanStyle};

#[path = "../tests/scale_support/mod.rs"]
mod payloads;

/// A renderer of one file's report.
type Render = fn(&FileReport<'_>) -> String;

fn scale(c: &mut Criterion) {
    for (shape, one_line) in [("lines", false), ("one-line", true)] {
        let mut group = c.benchmark_group(format!("scale/{shape}"));
        group.sample_size(10);
        for count in [1_000, 10_000, 100_000] {
            let source = payloads::unknown_keys(count, one_line);
            let diagnostics = ztlint::lint(&source);
            assert_eq!(diagnostics.len(), count);
            let report = FileReport {
                name: "scale.json",
                source: &source,
                diagnostics: &diagnostics,
            };
            group.throughput(Throughput::Elements(count as u64));
            group.bench_with_input(BenchmarkId::new("lint", count), &source, |b, source| {
                b.iter(|| ztlint::lint(black_box(source)).len())
            });
            let formats: [(&str, Render); 4] = [
                ("concise", |r| render::concise(&[*r])),
                ("json", |r| render::json(&[*r])),
                ("sarif", |r| render::sarif(&[*r])),
                ("human", |r| render::human(r, &HumanStyle::default())),
            ];
            for (format, render) in formats {
                group.bench_with_input(BenchmarkId::new(format, count), &report, |b, report| {
                    b.iter(|| render(black_box(report)).len())
                });
            }
        }
        group.finish();
    }
    // The same key over and over on one line: every finding has a second
    // label, at the first occurrence.
    let mut group = c.benchmark_group("scale/duplicates");
    group.sample_size(10);
    for count in [1_000, 10_000, 100_000] {
        let source = payloads::duplicate_keys(count + 1);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("lint", count), &source, |b, source| {
            b.iter(|| {
                let diagnostics = ztlint::lint(black_box(source));
                assert_eq!(diagnostics.len(), count);
                render::concise(&[FileReport {
                    name: "scale.json",
                    source,
                    diagnostics: &diagnostics,
                }])
                .len()
            })
        });
    }
    group.finish();
}

/// A custom schema (`--schema`) that refuses every key of the generated
/// bodies, and one whose values must be strings, against bodies of unknown
/// keys and of `null`s: every finding is located in the tree from the
/// `jsonschema` crate's error.
fn custom_schema(c: &mut Criterion) {
    let closed = r#"{"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": false}"#;
    let strings = r#"{"type": "object", "additionalProperties": {"type": "string"}}"#;
    let mut group = c.benchmark_group("scale/custom-schema");
    group.sample_size(10);
    for count in [1_000, 10_000, 100_000] {
        group.throughput(Throughput::Elements(count as u64));
        for (name, schema, source) in [
            ("unknown", closed, payloads::unknown_keys(count, false)),
            ("null", strings, payloads::null_values(count)),
        ] {
            let schema = ztlint::schema::Schema::from_json(schema).unwrap();
            let linter = ztlint::Linter::new().schema(schema);
            assert_eq!(linter.lint(&source).len(), count);
            group.bench_with_input(BenchmarkId::new(name, count), &source, |b, source| {
                b.iter(|| linter.lint(black_box(source)).len())
            });
        }
    }
    group.finish();
}

/// A body whose bulk no rule reads, `{"name": "Widget", "x": [1,1,...]}`,
/// of 10,000 to 1,000,000 numbers: the linter reads it for syntax and
/// keeps no tree of it. Its peers parse the same text into a tree:
/// `ztlint::json::parse` (spans) and `serde_json::from_str::<Value>`.
fn ignored_values(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/ignored-values");
    group.sample_size(10);
    for count in [10_000, 100_000, 1_000_000] {
        let source = payloads::ignored_numbers(count);
        assert_eq!(ztlint::lint(&source).len(), 1);
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_with_input(BenchmarkId::new("lint", count), &source, |b, source| {
            b.iter(|| ztlint::lint(black_box(source)).len())
        });
        group.bench_with_input(
            BenchmarkId::new("json::parse", count),
            &source,
            |b, source| b.iter(|| ztlint::json::parse(black_box(source)).is_ok()),
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json", count),
            &source,
            |b, source| {
                b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(source)).is_ok())
            },
        );
    }
    group.finish();
}

/// A body of a megabyte or more is linted in windows by `lint_each` (what
/// `ztlint check` runs on it), so that its findings are never held
/// together; its peer is the whole lint of the same text, `lint`, which
/// holds the tree and every finding. 100,000 unknown keys, one per line
/// (2.4 MB); a zone array of 1,000,000 numbers (2 MB); and 100,000 keys,
/// each twice, in the value of an unknown key (2.2 MB), which no rule but
/// `duplicate-key` reads: the whole lint parses it again whole, the
/// windows read it a third time, pruned.
fn windows(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/windows");
    group.sample_size(10);
    let zones = format!(
        "{{\"deny_unmatched_requests_exempted_zone_names\": [{}]}}",
        vec!["1"; 1_000_000].join(",")
    );
    let pairs: Vec<String> = (0..100_000)
        .map(|i| format!("\"k{i}\": 1, \"k{i}\": 2"))
        .collect();
    let repeats = format!("{{\"x\": {{{}}}}}", pairs.join(", "));
    for (name, source, count) in [
        (
            "unknown-keys",
            payloads::unknown_keys(100_000, false),
            100_000,
        ),
        ("zone-numbers", zones, 1_000_000),
        // The unknown key, and each repeat.
        ("repeats-inside", repeats, 100_001),
    ] {
        assert!(source.len() > 1 << 20, "{name}: {}", source.len());
        let linter = ztlint::Linter::new();
        assert_eq!(linter.lint(&source).len(), count);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("lint", name), &source, |b, source| {
            b.iter(|| linter.lint(black_box(source)).len())
        });
        group.bench_with_input(BenchmarkId::new("lint_each", name), &source, |b, source| {
            b.iter(|| {
                let mut found = 0;
                linter.lint_each(black_box(source), &mut |_| found += 1);
                assert_eq!(found, count);
                found
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scale, custom_schema, ignored_values, windows);
criterion_main!(benches);
