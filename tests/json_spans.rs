//! Spans of `ztlint::json` values, keys and members: every span slices the
//! source to exactly its token, children lie inside their parent in order,
//! and strings without escapes borrow from the source.

mod json_support;

use std::borrow::Cow;

use json_support::{Gen, Rng};
use ztlint::json::{self, Member, Value, ValueKind};
use ztlint::Span;

/// Checks every span under `value` against `src`; returns how many values,
/// keys and members it checked.
fn check_spans(src: &str, value: &Value<'_>) -> usize {
    let span = value.span();
    let token = src
        .get(span.range())
        .unwrap_or_else(|| panic!("span {span} is not on char boundaries of {src:?}"));
    // The token alone is a JSON text with the same value and a root span
    // covering all of it.
    let alone = json::parse(token).unwrap_or_else(|e| panic!("{token:?} alone: {e}"));
    assert_eq!(alone.span().range(), 0..token.len(), "{token:?}");
    assert_eq!(alone.to_serde(), value.to_serde(), "{token:?}");
    let mut checked = 1;
    match value.kind() {
        ValueKind::Null => assert_eq!(token, "null"),
        ValueKind::Bool(b) => assert_eq!(token, b.to_string()),
        ValueKind::Number(n) => assert_eq!(token, n.as_str()),
        ValueKind::String(_) => {
            assert!(token.len() >= 2 && token.starts_with('"') && token.ends_with('"'));
            check_borrowing(src, value);
        }
        ValueKind::Array(items) => {
            assert!(token.starts_with('[') && token.ends_with(']'), "{token:?}");
            assert_children_in_order(span, items.iter().map(Value::span));
            checked += items.iter().map(|v| check_spans(src, v)).sum::<usize>();
        }
        ValueKind::Object(members) => {
            assert!(token.starts_with('{') && token.ends_with('}'), "{token:?}");
            assert_children_in_order(span, members.iter().map(Member::span));
            for member in members {
                checked += 2 + check_member(src, member);
            }
        }
    }
    checked
}

fn check_member(src: &str, member: &Member<'_>) -> usize {
    let key = member.key();
    let key_token = &src[key.span().range()];
    // The key token is a JSON string that decodes to the key.
    let decoded = json::parse(key_token).unwrap_or_else(|e| panic!("key {key_token:?}: {e}"));
    assert_eq!(decoded.as_str(), Some(key.as_str()), "{key_token:?}");
    // A key without escapes borrows from the source too.
    let inner = &key_token[1..key_token.len() - 1];
    let borrowed = std::ptr::eq(key.as_str().as_ptr(), inner.as_ptr());
    assert_eq!(borrowed, !inner.contains('\\'), "{key_token:?}");
    // The member runs from the key's opening quote to the value's end, with
    // only whitespace and one `:` in between.
    let span = member.span();
    assert_eq!(span.start(), key.span().start());
    assert_eq!(span.end(), member.value().span().end());
    let between = &src[key.span().end()..member.value().span().start()];
    assert_eq!(
        between.trim_matches([' ', '\t', '\n', '\r']),
        ":",
        "{between:?}"
    );
    check_spans(src, member.value())
}

/// A string without escapes borrows its text straight from the source.
fn check_borrowing(src: &str, value: &Value<'_>) {
    let span = value.span();
    let inner = &src[span.start() + 1..span.end() - 1];
    let ValueKind::String(text) = value.kind() else {
        panic!("not a string: {inner:?}");
    };
    if inner.contains('\\') {
        assert!(matches!(text, Cow::Owned(_)), "{inner:?}");
    } else {
        match text {
            Cow::Borrowed(s) => assert!(std::ptr::eq(s.as_ptr(), inner.as_ptr()), "{inner:?}"),
            Cow::Owned(_) => panic!("{inner:?} was copied"),
        }
    }
}

fn assert_children_in_order(parent: Span, children: impl Iterator<Item = Span>) {
    let mut end = parent.start() + 1;
    for child in children {
        assert!(child.start() >= end, "child {child} overlaps in {parent}");
        end = child.end();
    }
    assert!(end < parent.end(), "last child ends at {end} in {parent}");
}

#[test]
fn every_span_slices_its_token_in_generated_documents() {
    let mut gen = Gen::new(Rng(0x5A4_0001));
    let mut checked = 0;
    for _ in 0..3_000 {
        let src = gen.document();
        let doc = json::parse(&src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
        checked += check_spans(&src, &doc);
    }
    assert!(checked > 20_000, "{checked}");
}

#[test]
fn every_span_slices_its_token_in_hand_written_documents() {
    let documents = [
        "{}",
        "[]",
        " \t\r\n[ ] \n",
        r#"{"a":1}"#,
        "{\r\n  \"name\" : \"Widget\" ,\r\n  \"list\":[ 1 ,2,\t3 ]\r\n}\r\n",
        r#"{"a":{"a":{"a":[[],[{}],{"":""}]}}}"#,
        r#"["plain", "esc\"aped", "\u00e9", "\ud83d\ude00", "", "é日本😀", "\\"]"#,
        r#"{"k\u0065y": "v", "k\"": 2, "": null, "dup": 1, "dup": 2}"#,
        "[-0, 0.5, -1.25e+3, 1E-7, 18446744073709551616, 1e400, -1e400]",
        "[true,false,null,[true],{\"t\":false}]",
        "\"\u{2028}\u{7f}\u{feff}\"",
    ];
    for src in documents {
        let doc = json::parse(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
        check_spans(src, &doc);
    }
}

#[test]
fn exact_spans_in_a_pretty_printed_payload() {
    let src = "{\n  \"name\": \"Wïdget\",\n  \"login_design\": {\"text_color\": \"#c5ed1b\"},\n  \"n\": [1, -2.5e3]\n}\n";
    let doc = json::parse(src).unwrap();
    assert_eq!(doc.span(), Span::new(0, 88));
    let members = doc.as_object().unwrap();
    assert_eq!(members.len(), 3);

    let name = &members[0];
    assert_eq!(name.key().as_str(), "name");
    assert_eq!(name.key().span(), Span::new(4, 10));
    // `ï` is two bytes.
    assert_eq!(name.value().span(), Span::new(12, 21));
    assert_eq!(name.span(), Span::new(4, 21));
    assert_eq!(&src[name.value().span().range()], "\"Wïdget\"");

    let design = &members[1];
    assert_eq!(design.key().span(), Span::new(25, 39));
    assert_eq!(design.value().span(), Span::new(41, 66));
    let color = design.value().member("text_color").unwrap();
    assert_eq!(color.key().span(), Span::new(42, 54));
    assert_eq!(color.value().span(), Span::new(56, 65));
    assert_eq!(color.span(), Span::new(42, 65));

    let n = doc.get("n").unwrap();
    assert_eq!(n.span(), Span::new(75, 86));
    let items = n.as_array().unwrap();
    assert_eq!(items[0].span(), Span::new(76, 77));
    assert_eq!(items[1].span(), Span::new(79, 85));
    assert_eq!(items[1].as_number().unwrap().as_str(), "-2.5e3");
}

#[test]
fn escaped_strings_and_keys_span_their_raw_token() {
    let src = r#"{"a\nb": "x\u0041\ud83d\ude00y"}"#;
    let doc = json::parse(src).unwrap();
    let member = &doc.as_object().unwrap()[0];
    assert_eq!(member.key().as_str(), "a\nb");
    assert_eq!(member.key().span(), Span::new(1, 7));
    assert_eq!(member.value().as_str(), Some("xA😀y"));
    assert_eq!(member.value().span(), Span::new(9, 31));
    assert_eq!(
        &src[member.value().span().range()],
        r#""x\u0041\ud83d\ude00y""#
    );
}

#[test]
fn duplicate_keys_keep_their_own_spans_and_the_last_wins() {
    let src = r#"{"a": 1, "a": [2]}"#;
    let doc = json::parse(src).unwrap();
    let members = doc.as_object().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].key().span(), Span::new(1, 4));
    assert_eq!(members[1].key().span(), Span::new(9, 12));
    assert_eq!(doc.get("a").unwrap().span(), Span::new(14, 17));
    assert_eq!(doc.member("a").unwrap().span(), Span::new(9, 17));
    assert_eq!(doc.pointer("/a/0").unwrap().span(), Span::new(15, 16));
}

#[test]
fn top_level_scalars_span_without_surrounding_whitespace() {
    for (src, range) in [
        ("  42  ", 2..4),
        ("\n\"s\"\r\n", 1..4),
        ("\ttrue", 1..5),
        ("null\n", 0..4),
        ("-0.0e-0", 0..7),
    ] {
        assert_eq!(json::parse(src).unwrap().span().range(), range, "{src:?}");
    }
}

#[test]
fn pointers_resolve_to_the_spanned_value() {
    let src = r#"{"a": {"b/c": [10, {"~d": true}]}, "": 0, "a": {"b/c": [11]}}"#;
    let doc = json::parse(src).unwrap();
    // The last `a` wins.
    let eleven = doc.pointer("/a/b~1c/0").unwrap();
    assert_eq!(&src[eleven.span().range()], "11");
    assert_eq!(doc.pointer("/"), doc.get(""));
    assert_eq!(doc.pointer("/").unwrap().span(), Span::new(39, 40));
    assert!(doc.pointer("/a/b~1c/1").is_none());
    assert!(doc.pointer("/a/b~1c/-").is_none());
    assert!(doc.pointer("/a/b~1c/00").is_none());
    assert!(doc.pointer("/a/b~1c/+0").is_none());
    assert!(doc.pointer("a").is_none());
    assert!(doc.pointer("/a/b~2c").is_none());
    assert!(doc.pointer("/a/b~").is_none());
    assert!(doc.pointer("/a/b~1c/0/x").is_none());

    let first = json::parse(r#"{"a": {"b/c": [10, {"~d": true}]}}"#).unwrap();
    assert_eq!(
        first.pointer("/a/b~1c/1/~0d").and_then(Value::as_bool),
        Some(true)
    );
    assert_eq!(first.pointer("").map(Value::span), Some(first.span()));
}
