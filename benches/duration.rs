//! Go duration parsing: ztlint against humantime and go-duration on the
//! inputs all three accept with the same value, and ztlint alone on the forms
//! only Go accepts.
//!
//! Run with `cargo bench --bench duration`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Durations as they appear in payloads, plus a few longer ones.
const CANDIDATES: &[&str] = &[
    "24h", "720h", "730h", "8760h", "15m", "30m", "1h30m", "2h45m", "300ms", "45s", "90s", "12h",
    "1h0m0s", "100ns", "250us", "1h1m1s", "168h", "5m30s", "10s", "3h",
];

/// Forms that Go accepts and the others read differently or reject.
const GO_ONLY: &[&str] = &[
    "1.5h",
    "-2h45m",
    "1µs",
    "1μs",
    ".5s",
    "1.s",
    "+3m",
    "0",
    "-0",
    "0.000000001s",
    "2562047h47m16.854775807s",
    "1h1h",
    "3m2h",
];

fn ztlint_nanos(s: &str) -> Option<i128> {
    ztlint::duration::parse(s)
        .ok()
        .map(|d| i128::from(d.as_nanos()))
}

fn humantime_nanos(s: &str) -> Option<i128> {
    humantime::parse_duration(s)
        .ok()
        .and_then(|d| i128::try_from(d.as_nanos()).ok())
}

fn go_duration_nanos(s: &str) -> Option<i128> {
    go_duration::parse_go_duration(s)
        .ok()
        .map(|d| i128::from(d.nanoseconds()))
}

/// The candidates every implementation accepts with the same value.
fn common_inputs() -> Vec<&'static str> {
    CANDIDATES
        .iter()
        .copied()
        .filter(|s| {
            let ours = ztlint_nanos(s);
            ours.is_some() && ours == humantime_nanos(s) && ours == go_duration_nanos(s)
        })
        .collect()
}

/// An implementation under test: its name and a parse to nanoseconds.
type Peer<'a> = (&'a str, fn(&str) -> Option<i128>);

fn bench_set(c: &mut Criterion, set: &str, inputs: &[&str], peers: &[Peer<'_>]) {
    let bytes: usize = inputs.iter().map(|s| s.len()).sum();
    let expected: i128 = inputs.iter().map(|s| ztlint_nanos(s).unwrap_or(0)).sum();
    let mut group = c.benchmark_group("duration");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, parse) in peers {
        group.bench_function(format!("{set}/{name}"), |b| {
            b.iter(|| {
                let total: i128 = inputs
                    .iter()
                    .map(|s| parse(black_box(s)).unwrap_or(0))
                    .sum();
                assert_eq!(total, expected);
                total
            })
        });
    }
    group.finish();
}

fn durations(c: &mut Criterion) {
    let common = common_inputs();
    assert!(common.len() >= 10, "too few common inputs: {common:?}");
    bench_set(
        c,
        "common",
        &common,
        &[
            ("ztlint", ztlint_nanos),
            ("humantime", humantime_nanos),
            ("go-duration", go_duration_nanos),
        ],
    );
    assert!(GO_ONLY.iter().all(|s| ztlint_nanos(s).is_some()));
    bench_set(c, "go-only", GO_ONLY, &[("ztlint", ztlint_nanos)]);
}

criterion_group!(benches, durations);
criterion_main!(benches);
