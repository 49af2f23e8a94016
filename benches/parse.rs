//! Parser throughput: `ztlint::json::parse` against
//! `serde_json::from_str::<serde_json::Value>` on documents of several shapes,
//! all generated deterministically here.
//!
//! ```text
//! cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Both sides build and drop a full tree, and each closure checks what it
//! parsed, so that neither can be optimised away.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// SplitMix64, so that every run parses the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A request body for `PUT /accounts/{id}/access/organizations` with every
/// field, pretty-printed as a person or a tool would send it.
fn seed() -> String {
    r##"{
  "auth_domain": "test.cloudflareaccess.com",
  "auto_redirect_to_identity": false,
  "custom_pages": {
    "forbidden": "699d98642c564d2e855e9661899b7252",
    "identity_denied": "699d98642c564d2e855e9661899b7252"
  },
  "is_ui_read_only": false,
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
}"##
    .to_string()
}

const WORDS: &[&str] = &[
    "access",
    "organization",
    "widget",
    "zero",
    "trust",
    "login",
    "design",
    "footer",
    "header",
    "café",
    "naïve",
    "日本語",
    "domain",
    "session",
    "identity",
    "denied",
    "forbidden",
    "logo",
];

/// About 4 MB: an array of records whose values are mostly long strings,
/// one in eight with escapes (quotes, newlines, `\u` escapes, a surrogate
/// pair), the rest plain.
fn strings() -> String {
    let mut rng = Rng(1);
    let mut out = String::from("[\n");
    for i in 0..8_000 {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("  {\"id\": \"");
        out.push_str(&format!("{:032x}", rng.next() as u128 * 0x9E37_79B9));
        out.push_str("\", \"title\": \"");
        push_words(&mut rng, &mut out, 8);
        out.push_str("\", \"body\": \"");
        push_words(&mut rng, &mut out, 60);
        if rng.below(8) == 0 {
            out.push_str(" \\\"quoted\\\"\\n\\tnext line \\u00e9\\ud83d\\ude00 \\\\ end");
        }
        out.push_str("\", \"tags\": [\"");
        push_words(&mut rng, &mut out, 1);
        out.push_str("\", \"");
        push_words(&mut rng, &mut out, 1);
        out.push_str("\"]}");
    }
    out.push_str("\n]");
    out
}

fn push_words(rng: &mut Rng, out: &mut String, n: u64) {
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
}

/// About 2 MB of numbers: rows of integers, negative integers, decimals and
/// exponents.
fn numbers() -> String {
    let mut rng = Rng(2);
    let mut out = String::from("[");
    for row in 0..10_000 {
        if row > 0 {
            out.push_str(",\n");
        }
        out.push('[');
        for col in 0..12 {
            if col > 0 {
                out.push_str(", ");
            }
            let n = rng.next();
            match col % 4 {
                0 => out.push_str(&(n % 100_000).to_string()),
                1 => out.push_str(&format!("-{}", n % 10_000_000_000)),
                2 => out.push_str(&format!("{}.{:03}", n % 1000, n % 997)),
                _ => out.push_str(&format!(
                    "{}.{}e{}",
                    n % 10,
                    n % 1_000_000,
                    (n % 40) as i64 - 20
                )),
            }
        }
        out.push(']');
    }
    out.push(']');
    out
}

/// About 1 MB of nesting: 1,000 chains of arrays and objects, each 100
/// levels deep (within serde_json's limit of 127).
fn deep() -> String {
    let mut out = String::from("[");
    for i in 0..1_000 {
        if i > 0 {
            out.push(',');
        }
        for level in 0..100 {
            out.push_str(if level % 2 == 0 { "[" } else { "{\"k\":" });
        }
        out.push_str(&i.to_string());
        for level in (0..100).rev() {
            out.push(if level % 2 == 0 { ']' } else { '}' });
        }
    }
    out.push(']');
    out
}

/// About 2 MB of many small objects, as in an API listing.
fn objects() -> String {
    let mut rng = Rng(3);
    let mut out = String::from("[");
    for i in 0..25_000 {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":{i},\"name\":\"{}\",\"enabled\":{},\"ratio\":0.{},\"parent\":null}}",
            WORDS[rng.below(WORDS.len() as u64) as usize],
            rng.below(2) == 0,
            rng.below(1000),
        ));
    }
    out.push(']');
    out
}

/// The number of nodes under a tree, so that each closure checks its result.
fn count_ours(value: &ztlint::json::Value<'_>) -> usize {
    1 + match value.kind() {
        ztlint::json::ValueKind::Array(items) => items.iter().map(count_ours).sum(),
        ztlint::json::ValueKind::Object(members) => {
            members.iter().map(|m| count_ours(m.value())).sum()
        }
        _ => 0,
    }
}

/// The number of elements or members of the root.
fn top_level_children(value: &ztlint::json::Value<'_>) -> usize {
    match value.kind() {
        ztlint::json::ValueKind::Array(items) => items.len(),
        ztlint::json::ValueKind::Object(members) => members.len(),
        _ => 0,
    }
}

fn count_serde(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Array(items) => items.iter().map(count_serde).sum(),
        serde_json::Value::Object(members) => members.values().map(count_serde).sum(),
        _ => 0,
    }
}

fn parse(c: &mut Criterion) {
    let shapes: [(&str, String); 5] = [
        ("seed", seed()),
        ("strings", strings()),
        ("numbers", numbers()),
        ("deep", deep()),
        ("objects", objects()),
    ];
    let mut group = c.benchmark_group("parse");
    for (shape, text) in &shapes {
        // Both parsers must see the same tree before their speed means anything.
        let expected = count_serde(&serde_json::from_str(text).expect("serde_json parses"));
        let ours = ztlint::json::parse(text).expect("ztlint parses");
        assert_eq!(count_ours(&ours), expected, "{shape}");
        let children = top_level_children(&ours);
        drop(ours);

        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(*shape, "ztlint"), text, |b, text| {
            b.iter(|| {
                let doc = ztlint::json::parse(black_box(text)).expect("valid");
                assert_eq!(top_level_children(&doc), children);
                black_box(doc)
            })
        });
        group.bench_with_input(BenchmarkId::new(*shape, "serde_json"), text, |b, text| {
            b.iter(|| {
                let doc: serde_json::Value = serde_json::from_str(black_box(text)).expect("valid");
                let n = doc
                    .as_array()
                    .map(Vec::len)
                    .or(doc.as_object().map(|o| o.len()));
                assert_eq!(n, Some(children));
                black_box(doc)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
