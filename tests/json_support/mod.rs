//! A seeded, deterministic generator of JSON documents and near misses,
//! shared by the JSON parser's test files. No extra crate: SplitMix64 keeps
//! every corpus reproducible.

// Each test file uses a different part of this module.
#![allow(dead_code)]

/// SplitMix64: tiny, fast, and good enough to drive a generator.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Numbers of every shape, including the edges of `u64`, `i64` and `f64`.
pub const SPECIAL_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "-0.0",
    "0e0",
    "-0E-0",
    "0e999999999999",
    "-0e+999999999999",
    "1e400",
    "-1e400",
    "1e-400",
    "-1e-400",
    "1E+308",
    "1e309",
    "10e308",
    "0.1e309",
    "1e2147483647",
    "1e2147483648",
    "1e-2147483648",
    "0e2147483648",
    "18446744073709551615",
    "18446744073709551616",
    "-18446744073709551615",
    "-18446744073709551616",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "17976931348623157e292",
    "179769313486231580793728971405301e276",
    "4.9e-324",
    "5e-324",
    "2e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "2.2250738585072011e-308",
    "2.2250738585072014e-308",
    "9007199254740993",
    "9007199254740993.0000000000000000001",
    "0.30000000000000004",
    "123456789012345678901234567890",
    "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124",
    "1.00000000000000011102230246251565404236316680908203126",
    "0.000000000000000000000000000000000000000000001e45",
    "100000000000000000000000000000000000000000000e-45",
];

const WORDS: &[&str] = &[
    "name",
    "auth_domain",
    "session_duration",
    "a",
    "",
    "é",
    "日本",
    "😀",
    "x y",
    "tab\\there",
    "\u{7f}",
    "\u{2028}",
    "\u{feff}",
    "a/b",
];

/// Generates documents (`document`) and near misses (`mutate`).
pub struct Gen {
    pub rng: Rng,
}

impl Gen {
    pub fn new(rng: Rng) -> Gen {
        Gen { rng }
    }

    fn ws(&mut self, out: &mut String) {
        if self.rng.chance(70) {
            return;
        }
        for _ in 0..self.rng.below(3) + 1 {
            out.push(self.rng.pick(&[' ', '\t', '\n', '\r']));
        }
    }

    pub fn number(&mut self, out: &mut String) {
        if self.rng.chance(20) {
            out.push_str(self.rng.pick(SPECIAL_NUMBERS));
            return;
        }
        if self.rng.chance(30) {
            out.push('-');
        }
        let int_digits = match self.rng.below(10) {
            0..=5 => self.rng.below(4) + 1,
            6..=8 => self.rng.below(22) + 1,
            _ => self.rng.below(60) + 1,
        };
        if self.rng.chance(15) {
            out.push('0');
        } else {
            out.push(char::from(b'1' + self.rng.below(9) as u8));
            self.digits(out, int_digits - 1);
        }
        if self.rng.chance(40) {
            out.push('.');
            let n = match self.rng.below(10) {
                0..=6 => self.rng.below(6) + 1,
                7..=8 => self.rng.below(25) + 1,
                _ => self.rng.below(400) + 1,
            };
            self.digits(out, n);
        }
        if self.rng.chance(30) {
            out.push(self.rng.pick(&['e', 'E']));
            out.push_str(self.rng.pick(&["", "+", "-"]));
            let n = self.rng.below(4) + 1;
            self.digits(out, n);
        }
    }

    fn digits(&mut self, out: &mut String, n: usize) {
        for _ in 0..n {
            out.push(char::from(b'0' + self.rng.below(10) as u8));
        }
    }

    fn hex4(&mut self, out: &mut String, value: u32) {
        let hex = format!("{value:04x}");
        for c in hex.chars() {
            if self.rng.chance(50) {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
        }
    }

    pub fn string(&mut self, out: &mut String) {
        out.push('"');
        for _ in 0..self.rng.below(8) {
            match self.rng.below(12) {
                0..=4 => out.push_str(self.rng.pick(WORDS)),
                5 => out.push_str(
                    self.rng
                        .pick(&["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]),
                ),
                6 => {
                    // A BMP scalar value outside the surrogates.
                    let mut v = self.rng.below(0x1_0000) as u32;
                    if (0xD800..0xE000).contains(&v) {
                        v -= 0x800;
                    }
                    out.push_str("\\u");
                    self.hex4(out, v);
                }
                7 => {
                    // A surrogate pair.
                    let high = 0xD800 + self.rng.below(0x400) as u32;
                    let low = 0xDC00 + self.rng.below(0x400) as u32;
                    out.push_str("\\u");
                    self.hex4(out, high);
                    out.push_str("\\u");
                    self.hex4(out, low);
                }
                8 => {
                    let len = self.rng.below(40);
                    for _ in 0..len {
                        out.push(char::from(b' ' + self.rng.below(95) as u8));
                        if out.ends_with('"') || out.ends_with('\\') {
                            out.pop();
                        }
                    }
                }
                9 => out.push_str("\\u0000"),
                _ => {
                    // `from_u32` refuses surrogates.
                    let c = char::from_u32(0xA0 + self.rng.below(0x10000) as u32).unwrap_or('ß');
                    out.push(c);
                }
            }
        }
        out.push('"');
    }

    pub fn value(&mut self, out: &mut String, depth: usize) {
        let kind = if depth > 6 {
            self.rng.below(5)
        } else {
            self.rng.below(9)
        };
        match kind {
            0 => out.push_str(self.rng.pick(&["true", "false", "null"])),
            1 | 2 => self.number(out),
            3 | 4 => self.string(out),
            5 | 6 => {
                out.push('[');
                self.ws(out);
                let n = self.rng.below(6);
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                        self.ws(out);
                    }
                    self.value(out, depth + 1);
                    self.ws(out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                self.ws(out);
                let n = self.rng.below(6);
                let mut keys: Vec<String> = Vec::new();
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                        self.ws(out);
                    }
                    // Sometimes repeat a key: ztlint keeps both, serde_json
                    // the last.
                    if !keys.is_empty() && self.rng.chance(15) {
                        let key = keys[self.rng.below(keys.len())].clone();
                        out.push_str(&key);
                    } else {
                        let mark = out.len();
                        self.string(out);
                        keys.push(out[mark..].to_string());
                    }
                    self.ws(out);
                    out.push(':');
                    self.ws(out);
                    self.value(out, depth + 1);
                    self.ws(out);
                }
                out.push('}');
            }
        }
    }

    pub fn document(&mut self) -> String {
        let mut out = String::new();
        self.ws(&mut out);
        self.value(&mut out, 0);
        self.ws(&mut out);
        out
    }

    /// A near miss: the document with one or a few small edits (delete,
    /// replace, truncate, duplicate, insert a snippet, flip a bit).
    pub fn mutate(&mut self, doc: &str) -> String {
        const SNIPPETS: &[&str] = &[
            ",",
            "]",
            "}",
            "[",
            "{",
            "\"",
            "\\",
            ":",
            " ",
            "0",
            "-",
            "+",
            ".",
            "e",
            "E",
            "/",
            "*",
            "'",
            "\u{0}",
            "\u{1}",
            "\n",
            "\u{1f}",
            "\u{7f}",
            "é",
            "\u{feff}",
            "x",
            "//c\n",
            "/*c*/",
            "#",
            ",]",
            ",}",
            "\\ud800",
            "\\udc00",
            "\\ud800\\u0041",
            "\\x",
            "\\u12",
            "\\U0041",
            "NaN",
            "Infinity",
            "-Infinity",
            "+1",
            "01",
            "-01",
            ".5",
            "1.",
            "1e",
            "1e+",
            "-",
            "true",
            "nul",
            "True",
            "None",
            "00",
            "0x1F",
            "1_000",
            "\"a\":",
            "\"k\":1,",
        ];
        let mut chars: Vec<char> = doc.chars().collect();
        for _ in 0..self.rng.below(2) + 1 {
            let at = self.rng.below(chars.len() + 1);
            match self.rng.below(6) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 if at < chars.len() => {
                    let snippet: Vec<char> = self.rng.pick(SNIPPETS).chars().collect();
                    chars.splice(at..at + 1, snippet);
                }
                2 => chars.truncate(at),
                3 if at < chars.len() => {
                    let end = (at + self.rng.below(6) + 1).min(chars.len());
                    let copy: Vec<char> = chars[at..end].to_vec();
                    chars.splice(at..at, copy);
                }
                _ => {
                    let snippet: Vec<char> = self.rng.pick(SNIPPETS).chars().collect();
                    chars.splice(at..at, snippet);
                }
            }
        }
        let mutated: String = chars.into_iter().collect();
        // Sometimes flip one bit of one byte, where the result is still
        // UTF-8 (both parsers take `&str`).
        if mutated.is_empty() || !self.rng.chance(25) {
            return mutated;
        }
        let mut bytes = mutated.clone().into_bytes();
        let at = self.rng.below(bytes.len());
        bytes[at] ^= 1 << self.rng.below(8);
        String::from_utf8(bytes).unwrap_or(mutated)
    }
}
