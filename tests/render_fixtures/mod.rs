//! Fixture payloads for the renderer tests, with their findings.
//!
//! Most findings are built by hand (the rules that would report them are
//! written elsewhere, and the renderers' output should not change when they
//! land); the end-to-end set goes through `ztlint` itself and uses only the
//! syntax rules.
#![allow(dead_code)] // each test crate uses a part

use ztlint::render::FileReport;
use ztlint::{Diagnostic, Edit, Fix, Linter, Severity, Span};

/// One linted file.
pub struct Fixture {
    pub name: &'static str,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Fixture {
    pub fn report(&self) -> FileReport<'_> {
        FileReport {
            name: self.name,
            source: &self.source,
            diagnostics: &self.diagnostics,
        }
    }
}

pub fn reports(fixtures: &[Fixture]) -> Vec<FileReport<'_>> {
    fixtures.iter().map(Fixture::report).collect()
}

pub fn read_bytes(file: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/render/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn read(file: &str) -> String {
    String::from_utf8(read_bytes(file)).expect("fixture is UTF-8")
}

/// The span of the `nth` (0-based) occurrence of `needle` in `source`.
pub fn span_of(source: &str, needle: &str, nth: usize) -> Span {
    let start = source
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {source:?}"))
        .0;
    Span::new(start, start + needle.len())
}

/// A clean file, a file with five findings (errors, warnings and an info,
/// non-ASCII text before them, a secondary label, safe and unsafe fixes),
/// and a CRLF file.
pub fn hand_built() -> Vec<Fixture> {
    let clean = read("clean.json");

    let findings = read("findings.json");
    let s = |needle: &str, nth: usize| span_of(&findings, needle, nth);
    let first_name_member = Span::new(
        s("\"name\"", 0).start(),
        s("\"session_duration\"", 0).start(),
    );
    let findings_diagnostics = vec![
        Diagnostic::new(
            "duration-syntax",
            Severity::Error,
            "`session_duration` is `1d`, which Go's time.ParseDuration rejects: unknown unit \"d\"",
            s("\"1d\"", 0),
        )
        .with_label("unknown unit")
        .with_help("use hours: `\"24h\"`")
        .with_fix(Fix::safe(
            "Replace with `\"24h\"`",
            vec![Edit::replace(s("\"1d\"", 0), "\"24h\"")],
        )),
        Diagnostic::new(
            "auth-domain-team",
            Severity::Info,
            "`auth_domain` is `widgetcorps.cloudflareaccess.com`; the team name is `widgetcorps`",
            s("\"widgetcorps.cloudflareaccess.com\"", 0),
        ),
        Diagnostic::new(
            "wrong-type",
            Severity::Error,
            "`is_ui_read_only` is a string, expected a boolean",
            s("\"false\"", 0),
        )
        .with_label("a string")
        .with_fix(Fix::safe(
            "Replace with `false`",
            vec![Edit::replace(s("\"false\"", 0), "false")],
        )),
        Diagnostic::new(
            "color-syntax",
            Severity::Warning,
            "`login_design.background_color` is `#GGG`, which is not a hex color",
            s("\"#GGG\"", 0),
        )
        .with_help("use 3 or 6 hex digits, e.g. `#1a2b3c`"),
        Diagnostic::new(
            "duplicate-key",
            Severity::Warning,
            "`name` appears twice; Cloudflare keeps the last one",
            s("\"name\"", 1),
        )
        .with_label("kept")
        .with_secondary(s("\"name\"", 0), "ignored")
        .with_fix(Fix::needs_review(
            "Remove the first `name`",
            vec![Edit::delete(first_name_member)],
        )),
    ];

    let crlf = read("crlf.json");
    assert!(
        crlf.contains("\r\n"),
        "crlf.json lost its CRLFs (check .gitattributes)"
    );
    let thirty = span_of(&crlf, "\"30 minutes\"", 0);
    let crlf_diagnostics = vec![Diagnostic::new(
        "duration-syntax",
        Severity::Error,
        "`session_duration` is `30 minutes`, which Go's time.ParseDuration rejects: unknown unit \" minutes\"",
        thirty,
    )
    .with_help("write it without spaces: `\"30m\"`")
    .with_fix(Fix::safe("Replace with `\"30m\"`", vec![Edit::replace(thirty, "\"30m\"")]))];

    vec![
        Fixture {
            name: "clean.json",
            source: clean,
            diagnostics: Vec::new(),
        },
        Fixture {
            name: "configs/findings.json",
            source: findings,
            diagnostics: findings_diagnostics,
        },
        Fixture {
            name: "crlf.json",
            source: crlf,
            diagnostics: crlf_diagnostics,
        },
    ]
}

/// Files linted by ztlint with only the syntax-area rules selected: an
/// unclosed object, a byte order mark, and bytes that are not UTF-8.
pub fn end_to_end() -> Vec<Fixture> {
    let linter = Linter::new()
        .select("byte-order-mark")
        .expect("byte-order-mark is a rule");
    let lint = |name: &'static str| {
        let bytes = read_bytes(name);
        let linted = linter.lint_bytes(&bytes);
        Fixture {
            name,
            source: linted.source.into_owned(),
            diagnostics: linted.diagnostics,
        }
    };
    vec![
        lint("syntax-error.json"),
        lint("bom.json"),
        lint("invalid-utf8.json"),
    ]
}

/// A small deterministic generator (xorshift64*), for the robustness tests.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// A file of odd text (byte order marks, CR, CRLF, tabs, control and
/// combining characters, wide and astral characters) with findings at
/// arbitrary spans: past the end, inside characters, empty, inverted.
pub fn odd_fixture(rng: &mut Rng) -> Fixture {
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "\"a\"",
        ": ",
        "1",
        ",",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "é",
        "🙂",
        "漢字",
        "\u{feff}",
        "e\u{0301}",
        "\u{1b}[2J",
        "\u{7f}",
        "\u{85}",
        "\u{200b}",
        " ",
        "\u{0}",
        "\"a long run of text that will need wrapping at narrow widths, twice over\"",
    ];
    const NAMES: &[&str] = &[
        "",
        "org.json",
        "/abs/dir/org.json",
        "./rel/a b.json",
        "a:b,c%d.json",
        "line\nbreak.json",
        "C:\\win\\org.json",
        "ü/😀.json",
        "-",
    ];
    const CODES: &[&str] = &["json-syntax", "byte-order-mark", "made-up-rule", ""];
    const TEXTS: &[&str] = &[
        "",
        "plain",
        "with\nnewline\r\nand %25, colon: comma",
        "\u{1b}[31mred\u{1b}[0m",
        "é🙂漢字",
        "   ",
        "tab\there",
    ];
    const SEVERITIES: &[Severity] = &[Severity::Error, Severity::Warning, Severity::Info];

    let mut source = String::new();
    if rng.chance(4) {
        source.push('\u{feff}');
    }
    for _ in 0..rng.below(14) {
        source.push_str(rng.pick(PIECES));
    }
    let len = source.len();
    let span = |rng: &mut Rng| {
        let a = rng.below(len + 5);
        let b = if rng.chance(3) { a } else { rng.below(len + 5) };
        // Inverted pairs are normalised by `Span::new`; feed them anyway.
        Span::new(a, b)
    };
    let mut diagnostics = Vec::new();
    for _ in 0..rng.below(6) {
        let mut d = Diagnostic::new(
            rng.pick(CODES),
            rng.pick(SEVERITIES),
            rng.pick(TEXTS),
            span(rng),
        );
        if rng.chance(2) {
            d = d.with_label(rng.pick(TEXTS));
        }
        for _ in 0..rng.below(3) {
            d = d.with_secondary(span(rng), rng.pick(TEXTS));
        }
        if rng.chance(2) {
            d = d.with_help(rng.pick(TEXTS));
        }
        for _ in 0..rng.below(3) {
            let edits: Vec<Edit> = (0..rng.below(3))
                .map(|_| Edit::replace(span(rng), rng.pick(TEXTS)))
                .collect();
            let fix = if rng.chance(2) {
                Fix::safe(rng.pick(TEXTS), edits)
            } else {
                Fix::needs_review(rng.pick(TEXTS), edits)
            };
            d = d.with_fix(fix.clone());
            if rng.chance(4) {
                d = d.with_fix(fix); // a duplicate
            }
        }
        diagnostics.push(d);
    }
    Fixture {
        name: rng.pick(NAMES),
        source,
        diagnostics,
    }
}
