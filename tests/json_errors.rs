//! Syntax errors of `ztlint::json::parse` in realistic payloads: exact
//! message, span, help and "opened here" span, and the `json-syntax`
//! diagnostic they become. (Every grammar production has its own case in
//! the conformance table; these are the mistakes people make.)

use ztlint::json::{self, SYNTAX_CODE};
use ztlint::{LineIndex, Position, Severity, Span};

struct Expect<'a> {
    span: std::ops::Range<usize>,
    message: &'a str,
    help: Option<&'a str>,
    opened: Option<std::ops::Range<usize>>,
}

fn check(src: &str, expect: Expect<'_>) {
    let err = json::parse(src).expect_err("must be rejected");
    assert_eq!(err.message(), expect.message, "{src:?}");
    assert_eq!(
        err.span().range(),
        expect.span,
        "{src:?}: {}",
        err.message()
    );
    assert_eq!(err.help(), expect.help, "{src:?}");
    assert_eq!(err.opened().map(Span::range), expect.opened, "{src:?}");
    assert_eq!(err.to_string(), expect.message);
}

#[test]
fn trailing_comma_after_the_last_member() {
    let src = "{\n  \"name\": \"Widget\",\n  \"session_duration\": \"24h\",\n}\n";
    check(
        src,
        Expect {
            span: 49..50,
            message: "trailing comma is not allowed in JSON",
            help: Some("remove the `,`"),
            opened: None,
        },
    );
    assert_eq!(&src[49..50], ",");
}

#[test]
fn missing_colon_names_what_was_found() {
    check(
        r#"{"is_ui_read_only" 1}"#,
        Expect {
            span: 19..20,
            message: "expected `:` after object key, found `1`",
            help: Some("add a `:` between the key and its value"),
            opened: None,
        },
    );
    check(
        r#"{"name" "Widget"}"#,
        Expect {
            span: 8..9,
            message: "expected `:` after object key, found `\"`",
            help: Some("add a `:` between the key and its value"),
            opened: None,
        },
    );
}

#[test]
fn missing_comma_between_members_and_elements() {
    check(
        "{\n  \"name\": \"Widget\"\n  \"auth_domain\": \"x.cloudflareaccess.com\"\n}",
        Expect {
            span: 23..24,
            message: "expected `,` or `}` after object member, found `\"`",
            help: Some("add a `,` between members"),
            opened: None,
        },
    );
    check(
        "[\"a\" \"b\"]",
        Expect {
            span: 5..6,
            message: "expected `,` or `]` after array element, found `\"`",
            help: Some("add a `,` between elements"),
            opened: None,
        },
    );
}

#[test]
fn comments_of_every_kind() {
    let src = "{\n  // the display name\n  \"name\": \"Widget\"\n}";
    check(
        src,
        Expect {
            span: 4..23,
            message: "comments are not allowed in JSON",
            help: Some("remove the comment"),
            opened: None,
        },
    );
    assert_eq!(&src[4..23], "// the display name");
    check(
        "{\"a\": 1, /* why */ \"b\": 2}",
        Expect {
            span: 9..18,
            message: "comments are not allowed in JSON",
            help: Some("remove the comment"),
            opened: None,
        },
    );
    check(
        "{\"a\": 1 # note\r\n}",
        Expect {
            span: 8..14,
            message: "comments are not allowed in JSON",
            help: Some("remove the comment"),
            opened: None,
        },
    );
}

#[test]
fn lone_surrogates_show_the_escape() {
    check(
        r#"{"name": "Widget \ud800 Corps"}"#,
        Expect {
            span: 17..23,
            message: "lone surrogate `\\ud800` in string escape",
            help: Some("a surrogate needs its pair: a high one (`\\uD800`–`\\uDBFF`) followed by a low one (`\\uDC00`–`\\uDFFF`)"),
            opened: None,
        },
    );
    // A low surrogate first is as lone.
    check(
        r#"["\uDE00\uD83D"]"#,
        Expect {
            span: 2..8,
            message: "lone surrogate `\\uDE00` in string escape",
            help: Some("a surrogate needs its pair: a high one (`\\uD800`–`\\uDBFF`) followed by a low one (`\\uDC00`–`\\uDFFF`)"),
            opened: None,
        },
    );
}

#[test]
fn javascript_and_python_habits() {
    let cases: [(&str, Expect<'_>); 8] = [
        (
            "{name: \"Widget\"}",
            Expect {
                span: 1..5,
                message: "object keys must be strings in double quotes",
                help: Some("write `\"name\"`"),
                opened: None,
            },
        ),
        (
            "{'name': 'Widget'}",
            Expect {
                span: 1..7,
                message: "single quotes are not allowed in JSON",
                help: Some("use double quotes: `\"name\"`"),
                opened: None,
            },
        ),
        (
            "{\"is_ui_read_only\": True}",
            Expect {
                span: 20..24,
                message: "expected a JSON value, found `True`",
                help: Some("JSON literals are lowercase: `true`"),
                opened: None,
            },
        ),
        (
            "{\"footer_text\": None}",
            Expect {
                span: 16..20,
                message: "expected a JSON value, found `None`",
                help: Some("JSON has `null`"),
                opened: None,
            },
        ),
        (
            "{\"footer_text\": undefined}",
            Expect {
                span: 16..25,
                message: "expected a JSON value, found `undefined`",
                help: Some("JSON has `null`"),
                opened: None,
            },
        ),
        (
            "[NaN, -Infinity]",
            Expect {
                span: 1..4,
                message: "`NaN` is not allowed in JSON",
                help: Some("use `null`, or a string"),
                opened: None,
            },
        ),
        (
            "[1, -Infinity]",
            Expect {
                span: 4..13,
                message: "`-Infinity` is not allowed in JSON",
                help: Some("use `null`, or a string"),
                opened: None,
            },
        ),
        (
            "{\"n\": 0xFF}",
            Expect {
                span: 6..10,
                message: "hexadecimal numbers are not allowed in JSON",
                help: Some("write it in decimal: `255`"),
                opened: None,
            },
        ),
    ];
    for (src, expect) in cases {
        check(src, expect);
    }
}

#[test]
fn number_mistakes_have_a_fix_in_the_help() {
    let cases: [(&str, Expect<'_>); 5] = [
        (
            "[+1]",
            Expect {
                span: 1..2,
                message: "leading `+` is not allowed in JSON numbers",
                help: Some("remove the `+`"),
                opened: None,
            },
        ),
        (
            "[007]",
            Expect {
                span: 1..4,
                message: "leading zeros are not allowed in JSON numbers",
                help: Some("write `7`"),
                opened: None,
            },
        ),
        (
            "[.5]",
            Expect {
                span: 1..3,
                message: "a number must have a digit before the decimal point",
                help: Some("write `0.5`"),
                opened: None,
            },
        ),
        (
            "[5.]",
            Expect {
                span: 3..4,
                message: "expected a digit after the decimal point, found `]`",
                help: Some("write `5.0`"),
                opened: None,
            },
        ),
        (
            "[5e]",
            Expect {
                span: 3..4,
                message: "expected a digit in the exponent, found `]`",
                help: None,
                opened: None,
            },
        ),
    ];
    for (src, expect) in cases {
        check(src, expect);
    }
}

#[test]
fn unclosed_and_mismatched_brackets_say_where_they_opened() {
    let src = "{\n  \"login_design\": {\n    \"text_color\": \"#fff\"\n}\n";
    check(
        src,
        Expect {
            span: 49..49,
            message: "unclosed object: expected `,` or `}`, found end of input",
            help: None,
            opened: Some(0..1),
        },
    );
    check(
        "{\"a\": [1, 2}",
        Expect {
            span: 11..12,
            message: "expected `,` or `]` after array element, found `}`",
            help: Some("close the array with `]`"),
            opened: Some(6..7),
        },
    );
    check(
        "[{\"a\": 1]",
        Expect {
            span: 8..9,
            message: "expected `,` or `}` after object member, found `]`",
            help: Some("close the object with `}`"),
            opened: Some(1..2),
        },
    );
    check(
        "{\"name\": \"Widget}",
        Expect {
            span: 17..17,
            message: "unterminated string: expected `\"`, found end of input",
            help: None,
            opened: Some(9..10),
        },
    );
    check(
        "[1]]",
        Expect {
            span: 3..4,
            message: "expected end of input after the JSON value, found `]`",
            help: Some("remove the unmatched `]`"),
            opened: None,
        },
    );
}

#[test]
fn control_characters_and_invisible_characters_are_named() {
    check(
        "{\"footer_text\": \"line one\nline two\"}",
        Expect {
            span: 25..26,
            message: "unescaped control character U+000A in string",
            help: Some("escape it as `\\n`"),
            opened: None,
        },
    );
    check(
        "{\"a\":\u{a0}1}",
        Expect {
            span: 5..7,
            message: "expected a JSON value, found U+00A0",
            help: Some(
                "remove it: between tokens JSON allows only spaces, tabs, line feeds and carriage returns",
            ),
            opened: None,
        },
    );
    check(
        "[\"\\\t\"]",
        Expect {
            span: 2..4,
            message: "invalid escape in string: `\\` followed by U+0009",
            help: Some("valid escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`"),
            opened: None,
        },
    );
}

#[test]
fn long_tokens_are_cut_in_messages_but_not_mid_character() {
    let word = "é".repeat(40);
    let src = format!("[{word}]");
    let err = json::parse(&src).unwrap_err();
    // 32 bytes: sixteen two-byte characters.
    let shown = "é".repeat(16);
    assert_eq!(
        err.message(),
        format!("expected a JSON value, found `{shown}`")
    );
    assert_eq!(err.span().range(), 1..33);
}

#[test]
fn errors_become_json_syntax_diagnostics() {
    let src = "{\n  \"a\": [1, 2}\n}";
    let err = json::parse(src).unwrap_err();
    let d = err.to_diagnostic();
    assert_eq!(d.code(), SYNTAX_CODE);
    assert_eq!(d.code(), "json-syntax");
    assert_eq!(d.severity(), Severity::Error);
    assert_eq!(
        d.message(),
        "expected `,` or `]` after array element, found `}`"
    );
    assert_eq!(d.span(), Span::new(14, 15));
    assert_eq!(d.primary().text(), Some("expected here"));
    assert_eq!(d.help(), Some("close the array with `]`"));
    assert_eq!(d.secondary().len(), 1);
    assert_eq!(d.secondary()[0].span(), Span::new(9, 10));
    assert_eq!(d.secondary()[0].text(), Some("opened here"));
    let index = LineIndex::new(src);
    assert_eq!(
        d.positions(&index),
        (
            Position {
                line: 2,
                column: 13
            },
            Position {
                line: 2,
                column: 14
            }
        )
    );
    // Through the front door: the same single finding.
    let diagnostics = ztlint::lint(src);
    assert_eq!(diagnostics, vec![d]);

    let other = json::parse("[1,]").unwrap_err().to_diagnostic();
    assert_eq!(other.primary().text(), Some("here"));
    assert!(other.secondary().is_empty());
    let error: &dyn std::error::Error = &json::parse("[").unwrap_err();
    assert_eq!(
        error.to_string(),
        "unclosed array: expected a value or `]`, found end of input"
    );
}
