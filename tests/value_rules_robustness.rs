//! The value rules on hostile and odd values: they never panic, their spans
//! slice the source, applying every fix leaves valid JSON, and fixing
//! converges.

use ztlint::{apply_fixes, lint, Applicability};

/// Every string field of the field table, as a path of keys.
fn string_fields() -> Vec<&'static [&'static str]> {
    ztlint::fields::all()
        .filter(|f| f.kind() == ztlint::fields::Kind::String)
        .map(|f| f.path())
        .collect()
}

const ODD: &[&str] = &[
    "",
    " ",
    "-",
    "+",
    ".",
    "0",
    "-0",
    "+0",
    "0.",
    ".0",
    "1.",
    "1.h",
    "..1h",
    "1e3s",
    "µs",
    "1µ",
    "1μs",
    "1\u{b5}",
    "9223372036854775807ns",
    "9223372036854775808ns",
    "-9223372036854775808ns",
    "18446744073709551616ns",
    "2562047h47m16.854775808s",
    "0.99999999999999999999999999999h",
    "1h\u{0}",
    "1 d and",
    "1d,",
    "１h",
    "1ｈ",
    "#",
    "#ｆｆｆ",
    "#fff\u{200b}",
    "rgb(",
    "rgb(1,2,3",
    "hsl(1e999, 1%, 1%)",
    "lab(1 2 3)",
    "color(srgb 1 0 0)",
    "rgb(from red r g b)",
    "http://",
    "https://[::1",
    "https://ü.example/ä.png",
    "https://a..b/",
    "http://%zz/",
    "javascript:",
    "//",
    "xn--",
    "a.-b.com",
    "\u{202e}",
    "\u{200d}\u{200d}",
    "👩\u{200d}",
    "\u{feff}",
    "\u{10ffff}",
    "\\",
    "\"",
    "\u{7f}",
    "urn:uuid:",
    "{}",
    "{zz}",
];

fn payload(path: &[&str], value: &serde_json::Value) -> String {
    let mut doc = value.clone();
    for key in path.iter().rev() {
        doc = serde_json::json!({ *key: doc });
    }
    doc.to_string()
}

fn check(source: &str) {
    let diagnostics = lint(source);
    for d in &diagnostics {
        for span in std::iter::once(d.span()).chain(d.secondary().iter().map(|l| l.span())) {
            assert!(
                source.get(span.range()).is_some(),
                "{} span {span} in {source}",
                d.code()
            );
        }
        assert!(
            !d.message().is_empty() && !d.message().ends_with('.'),
            "{}",
            d.message()
        );
    }
    for allowed in [Applicability::Safe, Applicability::Unsafe] {
        let (fixed, _) = apply_fixes(source, &diagnostics, allowed);
        assert!(
            serde_json::from_str::<serde_json::Value>(&fixed).is_ok(),
            "fixes broke the JSON: {source} -> {fixed}"
        );
    }
    converges(source);
}

/// Applying every fix and linting again reaches, within a few passes, a
/// text with no fix left: no two fixes undo each other.
fn converges(source: &str) {
    let mut current = source.to_owned();
    for _ in 0..8 {
        let diagnostics = lint(&current);
        let (next, applied) = apply_fixes(&current, &diagnostics, Applicability::Unsafe);
        if applied == 0 {
            return;
        }
        current = next;
    }
    panic!("fixes did not converge: {source} -> {current}");
}

#[test]
fn odd_values_in_every_field() {
    for path in string_fields() {
        for odd in ODD {
            check(&payload(path, &serde_json::json!(odd)));
            check(&payload(path, &serde_json::json!([odd, odd])));
        }
        check(&payload(path, &serde_json::json!("9".repeat(5000) + "h")));
        check(&payload(
            path,
            &serde_json::json!(format!("0.{}1ns", "0".repeat(5000))),
        ));
        check(&payload(path, &serde_json::json!("1h".repeat(2000))));
        check(&payload(path, &serde_json::json!("\u{202e}x".repeat(500))));
    }
}

/// A small xorshift generator, so the strings are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn generated_values_in_every_field() {
    let pieces = [
        "0", "1", "9", ".", "-", "+", "h", "m", "s", "ms", "us", "µ", "ns", "d", " ", "H", "#",
        "f", "A", "rgb(", ")", ",", "%", "https://", "http:", "/", "@", ":", "[", "]", "::", "a",
        "é", "\u{200b}", "\u{202e}", "\u{200d}", "👩", "\\", "\"", "\n", "and", "min", "hours",
        "x",
    ];
    let fields = string_fields();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let len = (rng.next() % 12) as usize;
        let value: String = (0..len)
            .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
            .collect();
        let path = fields[(rng.next() % fields.len() as u64) as usize];
        check(&payload(path, &serde_json::json!(value)));
    }
}
