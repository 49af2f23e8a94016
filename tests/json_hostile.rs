//! Hostile input: deep nesting, huge strings, bytes that are not UTF-8, NUL
//! bytes, empty and whitespace-only files, random bytes and a byte order
//! mark. The parser must answer with an error (or a value), never panic,
//! never overflow the stack, in time and memory linear in the input.

mod json_support;

use std::time::{Duration, Instant};

use json_support::Rng;
use ztlint::json::{self, ValueKind};
use ztlint::{Linter, Span};

fn assert_error(src: &str, span: std::ops::Range<usize>, message: &str) -> json::Error {
    let err = json::parse(src).expect_err("must be rejected");
    assert_eq!((err.span().range(), err.message()), (span, message));
    err
}

#[test]
fn a_million_open_brackets_stop_at_the_128th() {
    let src = "[".repeat(1_000_000);
    let err = assert_error(
        &src,
        127..128,
        "array nested too deeply: JSON nesting is limited to 127 levels",
    );
    assert_eq!(err.help(), None);
    // The same through the front door: one finding.
    let diagnostics = ztlint::lint(&src);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code(), "json-syntax");
    assert_eq!(diagnostics[0].span(), Span::new(127, 128));
}

#[test]
fn a_million_nested_objects_stop_at_the_128th() {
    let src = "{\"a\":".repeat(1_000_000);
    assert_error(
        &src,
        635..636,
        "object nested too deeply: JSON nesting is limited to 127 levels",
    );
    let mixed = "[{\"a\":".repeat(500_000);
    // Level 128 is the `{` of the 64th `[{"a":` (6 bytes each).
    assert_error(
        &mixed,
        379..380,
        "object nested too deeply: JSON nesting is limited to 127 levels",
    );
}

#[test]
fn nesting_is_limited_as_in_serde_json() {
    for (depth, ok) in [(127, true), (128, false)] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(json::parse(&arrays).is_ok(), ok, "{depth}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&arrays).is_ok(),
            ok
        );
        let objects = format!("{}0{}", "{\"\":".repeat(depth), "}".repeat(depth));
        assert_eq!(json::parse(&objects).is_ok(), ok, "{depth}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&objects).is_ok(),
            ok
        );
    }
    // Level 128 is the `{` of the 64th `{"k":[` after the first `[`.
    let err = assert_error(
        &format!("[{}", "{\"k\":[".repeat(64)),
        379..380,
        "object nested too deeply: JSON nesting is limited to 127 levels",
    );
    assert_eq!(err.opened(), None);
    // Another limit counts the same way.
    assert!(json::parse_with_max_depth("[[[]]]", 4).is_ok());
    let err = json::parse_with_max_depth("[[[[]]]]", 4).unwrap_err();
    assert_eq!(err.span().range(), 3..4);
    assert_eq!(
        err.message(),
        "array nested too deeply: JSON nesting is limited to 3 levels"
    );
    // A limit of 0 or 1 allows only scalars.
    assert!(json::parse_with_max_depth("1", 0).is_ok());
    assert_eq!(
        json::parse_with_max_depth("[]", 0).unwrap_err().message(),
        "array nested too deeply: JSON nesting is limited to 0 levels"
    );
}

#[test]
fn the_parser_itself_needs_no_stack_per_level() {
    // With the limit lifted, a million brackets are parsed without recursion
    // and the error is at the end of input.
    let src = "[".repeat(1_000_000);
    let err = json::parse_with_max_depth(&src, usize::MAX).unwrap_err();
    assert_eq!(err.span().range(), 1_000_000..1_000_000);
    assert_eq!(
        err.message(),
        "unclosed array: expected a value or `]`, found end of input"
    );
    assert_eq!(err.opened(), Some(Span::new(999_999, 1_000_000)));
}

/// The least of three timings of `f`.
fn fastest(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn time_is_linear_in_the_input() {
    // Each shape at n and 4n bytes: linear time takes about 4 times as
    // long, quadratic 16 times. The bound leaves room for a noisy machine.
    type Shape = fn(usize) -> String;
    let shapes: [(&str, Shape); 6] = [
        ("open brackets, unlimited", |n| "[".repeat(n)),
        ("flat array", |n| format!("[{}0]", "0,".repeat(n / 2))),
        ("long string", |n| format!("\"{}\"", "a\\n".repeat(n / 3))),
        ("unterminated comment", |n| format!("[/*{}", "*".repeat(n))),
        ("single quote", |n| format!("['{}", "a".repeat(n))),
        ("trailing junk", |n| format!("0 {}", "x".repeat(n))),
    ];
    for (name, shape) in shapes {
        let small = shape(100_000);
        let large = shape(400_000);
        let parse = |src: &str| {
            let _ = std::hint::black_box(json::parse_with_max_depth(src, usize::MAX));
        };
        let t_small = fastest(|| parse(&small));
        let t_large = fastest(|| parse(&large));
        assert!(
            t_large < t_small * 10 + Duration::from_millis(20),
            "{name}: {t_small:?} for 100k bytes, {t_large:?} for 400k"
        );
    }
}

#[test]
fn an_8_mib_string_parses_borrowed() {
    let text = "a".repeat(8 << 20);
    let src = format!("{{\"name\": \"{text}\"}}");
    let doc = json::parse(&src).unwrap();
    let name = doc.get("name").unwrap();
    assert_eq!(name.span(), Span::new(9, src.len() - 1));
    match name.kind() {
        ValueKind::String(std::borrow::Cow::Borrowed(s)) => assert_eq!(s.len(), 8 << 20),
        other => panic!("not borrowed: {:?}", std::mem::discriminant(other)),
    }
    // And with escapes throughout, decoded.
    let escaped = format!("[\"{}\"]", "ab\\n".repeat(1 << 19));
    let doc = json::parse(&escaped).unwrap();
    let s = doc.pointer("/0").and_then(|v| v.as_str()).unwrap();
    assert_eq!(s.len(), 3 << 19);
    assert!(s.starts_with("ab\nab\n"));
}

#[test]
fn an_8_mib_string_lints() {
    let src = format!("{{\"name\": \"{}\"}}", "Widget ".repeat(8 << 17));
    let start = Instant::now();
    let diagnostics = ztlint::lint(&src);
    // Whatever the rules say about such a name, none is a syntax error.
    assert!(diagnostics.iter().all(|d| d.code() != "json-syntax"));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn bytes_that_are_not_utf8_are_one_invalid_utf8_finding() {
    let cases: [(&[u8], usize); 7] = [
        (b"{\"name\": \"Caf\xe9\"}", 13),
        (b"\xff", 0),
        (b"[\"\x80\"]", 2),
        // An overlong `/`.
        (b"[\"\xc0\xaf\"]", 2),
        // A UTF-8 encoded surrogate (U+D800).
        (b"[\"\xed\xa0\x80\"]", 2),
        // A sequence cut short by the end of input.
        (b"[\"\xe6\x97", 2),
        (b"{\"a\": 1}\xfe", 8),
    ];
    for (bytes, at) in cases {
        let linted = Linter::new().lint_bytes(bytes);
        // The first bad sequence is reported once; the rest of the text is
        // linted as Go's decoder reads it, with U+FFFD in its place.
        let utf8: Vec<_> = linted
            .diagnostics
            .iter()
            .filter(|d| d.code() == "invalid-utf8")
            .collect();
        assert_eq!(utf8.len(), 1, "{bytes:?}");
        let d = utf8[0];
        assert_eq!(d.code(), "invalid-utf8", "{bytes:?}");
        assert_eq!(d.span().start(), at, "{bytes:?}");
        assert_eq!(d.message(), format!("invalid UTF-8 at byte {at}"));
        // The span indexes the lossily decoded text.
        assert!(linted.source.get(d.span().range()).is_some());
    }
    // Past the bad byte, the body is still checked.
    let linted =
        Linter::new().lint_bytes(b"{\"name\": \"Caf\xe9\", \"is_ui_read_only\": \"false\"}");
    let found: Vec<_> = linted
        .diagnostics
        .iter()
        .map(|d| (d.code(), d.severity(), &linted.source[d.span().range()]))
        .collect();
    assert_eq!(
        found,
        [
            ("invalid-utf8", ztlint::Severity::Warning, "\u{fffd}"),
            ("wrong-type", ztlint::Severity::Error, "\"false\""),
        ]
    );
}

#[test]
fn a_byte_that_is_not_utf8_outside_a_string_is_named() {
    let expected = "expected a JSON value, found U+FFFD, the replacement character";
    let err = assert_error("{\"a\": \u{fffd}1}", 6..9, expected);
    assert_eq!(
        err.help(),
        Some("a byte that is not UTF-8 reads as U+FFFD: save the file as UTF-8")
    );
    // As the bytes read: the first bad byte is reported, and the error.
    let linted = Linter::new().lint_bytes(b"{\"name\": \"a\xffb\", \"x\": \xfe}");
    let found: Vec<_> = linted
        .diagnostics
        .iter()
        .map(|d| (d.code(), d.span().start(), d.message()))
        .collect();
    assert_eq!(
        found,
        [
            ("invalid-utf8", 11, "invalid UTF-8 at byte 11"),
            ("json-syntax", 23, expected),
        ]
    );
}

#[test]
fn nul_bytes_are_errors() {
    let err = assert_error("\0", 0..1, "expected a JSON value, found U+0000");
    assert_eq!(
        err.help(),
        Some("remove it: between tokens JSON allows only spaces, tabs, line feeds and carriage returns")
    );
    assert_error("{\"a\":\0}", 5..6, "expected a JSON value, found U+0000");
    let err = assert_error(
        "[\"a\0b\"]",
        3..4,
        "unescaped control character U+0000 in string",
    );
    assert_eq!(err.help(), Some("escape it as `\\u0000`"));
    assert_error(
        "[1]\0",
        3..4,
        "expected end of input after the JSON value, found U+0000",
    );
    assert_error(
        "[1\0]",
        2..3,
        "expected `,` or `]` after array element, found U+0000",
    );
    let diagnostics = Linter::new().lint_bytes(b"\0\0\0\0").diagnostics;
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].span(), Span::new(0, 1));
}

#[test]
fn empty_and_whitespace_only_files_are_errors() {
    for (src, at) in [("", 0), (" ", 1), ("\n\n", 2), ("\r\n\t ", 4)] {
        assert_error(src, at..at, "expected a JSON value, found end of input");
        let diagnostics = ztlint::lint(src);
        assert_eq!(diagnostics.len(), 1, "{src:?}");
        assert_eq!(diagnostics[0].code(), "json-syntax");
        assert_eq!(diagnostics[0].span(), Span::empty(at));
    }
}

#[test]
fn a_byte_order_mark_is_an_error_for_the_parser_and_a_finding_for_the_linter() {
    let err = assert_error(
        "\u{feff}{}",
        0..3,
        "a byte order mark (U+FEFF) is not allowed at the start of JSON",
    );
    assert_eq!(
        err.help(),
        Some("save the file as UTF-8 without a byte order mark")
    );
    // The linter reports the mark and lints the rest, with spans into the
    // whole text.
    let diagnostics = ztlint::lint("\u{feff}[1,]");
    let found: Vec<_> = diagnostics
        .iter()
        .map(|d| (d.code(), d.span().range()))
        .collect();
    assert_eq!(found, [("byte-order-mark", 0..3), ("json-syntax", 5..6)]);
    // A second mark is not skipped.
    let diagnostics = ztlint::lint("\u{feff}\u{feff}{}");
    assert_eq!(
        diagnostics[1].message(),
        "expected a JSON value, found U+FEFF"
    );
    assert_eq!(diagnostics[1].span(), Span::new(3, 6));
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0xB17E5);
    let alphabet =
        b"[]{}\":,0123456789-+.eE\\/ubfnrtlsaxNI\t\n\r \x00\x1f\x7f\xc3\xa9\xef\xbb\xbf\xff";
    let mut rejected = 0;
    for i in 0..20_000 {
        let len = rng.below(48);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if i % 2 == 0 {
                    rng.next() as u8
                } else {
                    alphabet[rng.below(alphabet.len())]
                }
            })
            .collect();
        let linted = Linter::new().lint_bytes(&bytes);
        for d in &linted.diagnostics {
            assert!(linted.source.get(d.span().range()).is_some(), "{bytes:?}");
        }
        if let Ok(src) = std::str::from_utf8(&bytes) {
            match json::parse(src) {
                Ok(_) => assert!(serde_json::from_str::<serde_json::Value>(src).is_ok()),
                Err(e) => {
                    assert!(src.get(e.span().range()).is_some(), "{src:?}");
                    rejected += 1;
                }
            }
        }
    }
    // Most random bytes are not UTF-8; of those that are, most are no JSON.
    assert!(rejected > 1_500, "{rejected}");
}
