//! Whether the bytes are a JSON text at all: encoding, byte order mark,
//! syntax.

use super::Rule;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::span::Span;

pub(crate) const JSON_SYNTAX: Rule = Rule::new(
    crate::json::SYNTAX_CODE,
    Severity::Error,
    "The payload is not valid JSON (RFC 8259)",
    include_str!("json_syntax.md"),
);

pub(crate) const INVALID_UTF8: Rule = Rule::new(
    "invalid-utf8",
    Severity::Warning,
    "The file is not valid UTF-8",
    include_str!("invalid_utf8.md"),
);

pub(crate) const BYTE_ORDER_MARK: Rule = Rule::new(
    "byte-order-mark",
    Severity::Error,
    "The payload starts with a UTF-8 byte order mark",
    include_str!("byte_order_mark.md"),
);

pub(crate) const WIDE_ENCODING: Rule = Rule::new(
    "wide-encoding",
    Severity::Error,
    "The file is UTF-16 or UTF-32, not UTF-8",
    include_str!("wide_encoding.md"),
);

pub(crate) const RULES: &[&Rule] = &[
    &JSON_SYNTAX,
    &INVALID_UTF8,
    &BYTE_ORDER_MARK,
    &WIDE_ENCODING,
];

/// The finding for a text that starts with U+FEFF.
pub(crate) fn byte_order_mark() -> Diagnostic {
    let bom = Span::new(0, 3);
    BYTE_ORDER_MARK
        .at(bom, "the payload starts with a byte order mark (U+FEFF)")
        .with_label("byte order mark")
        .with_help(
            "save the file as UTF-8 without a byte order mark; Go's encoding/json rejects it",
        )
        .with_fix(Fix::safe("Remove the byte order mark", [Edit::delete(bom)]))
}

/// The finding for bytes that are not UTF-8, at the first bad sequence.
pub(crate) fn invalid_utf8(error: std::str::Utf8Error, replacement_len: usize) -> Diagnostic {
    let start = error.valid_up_to();
    INVALID_UTF8
        .at(
            Span::new(start, start + replacement_len),
            format!("invalid UTF-8 at byte {start}"),
        )
        .with_label("not UTF-8")
        .with_help("JSON text must be UTF-8; re-save the file with UTF-8 encoding")
}

/// The finding for a text in a wide encoding, `encoding`, at the first
/// character of its decoded text, `decoded`.
pub(crate) fn wide_encoding(encoding: crate::encoding::Wide, decoded: &str) -> Diagnostic {
    wide(encoding, decoded, "save the file as UTF-8, without a byte order mark; Cloudflare's API reads the body as UTF-8 and refuses these bytes")
}

/// The finding for a Terraform file in a wide encoding, `encoding`, at the
/// first character of its decoded text, `decoded`.
pub(crate) fn wide_encoding_in_terraform(
    encoding: crate::encoding::Wide,
    decoded: &str,
) -> Diagnostic {
    wide(encoding, decoded, "save the file as UTF-8; Terraform reads its files as UTF-8 only and refuses this one (\"Invalid character encoding\")")
}

fn wide(encoding: crate::encoding::Wide, decoded: &str, help: &'static str) -> Diagnostic {
    let first = decoded.chars().next();
    let span = Span::new(0, first.map_or(0, char::len_utf8));
    WIDE_ENCODING
        .at(span, format!("the file is {encoding}, not UTF-8"))
        .with_label("the file starts here")
        .with_help(help)
}

/// The finding for a `.tf` file with a bad UTF-8 sequence, `replaced`, in
/// a string, a heredoc or a label, which Terraform refuses: an error,
/// unlike in a payload, which Go's decoder reads on.
pub(crate) fn invalid_utf8_in_terraform(replaced: crate::encoding::Replaced) -> Diagnostic {
    let at = replaced.at;
    INVALID_UTF8
        .at(
            Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
            format!("invalid UTF-8 at byte {}", replaced.byte),
        )
        .with_severity(Severity::Error)
        .with_label("not UTF-8")
        .with_help("save the file as UTF-8; Terraform reads its files as UTF-8 only and refuses a string with these bytes (\"Invalid character encoding\")")
}

#[cfg(test)]
mod tests {
    use crate::{lint, Linter, Span};

    #[test]
    fn bom_is_reported_with_a_safe_fix_and_the_rest_is_linted() {
        let source = "\u{feff}{\"name\": \"Widget\"}";
        let diagnostics = lint(source);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        let d = &diagnostics[0];
        assert_eq!(d.code(), "byte-order-mark");
        assert_eq!(d.span(), Span::new(0, 3));
        let (fixed, applied) = crate::apply_fixes(source, &diagnostics, crate::Applicability::Safe);
        assert_eq!((fixed.as_str(), applied), ("{\"name\": \"Widget\"}", 1));
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let bytes = b"{\"name\": \"Wi\xffdget\"}";
        let linted = Linter::new().lint_bytes(bytes);
        assert_eq!(linted.diagnostics.len(), 1);
        let d = &linted.diagnostics[0];
        assert_eq!(d.code(), "invalid-utf8");
        assert_eq!(d.message(), "invalid UTF-8 at byte 12");
        // The bad byte is shown as U+FFFD, three bytes in the decoded text.
        assert_eq!(d.span(), Span::new(12, 15));
        assert_eq!(&linted.source[d.span().range()], "\u{fffd}");
    }

    #[test]
    fn wide_text_is_reported_then_linted_as_decoded() {
        let text = "{\"name\": \"Café\", \"session_duration\": \"1d\"}";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let linted = Linter::new().lint_bytes(&bytes);
        assert_eq!(linted.source, text);
        let found: Vec<_> = linted
            .diagnostics
            .iter()
            .map(|d| (d.code(), d.span(), d.message()))
            .collect();
        assert_eq!(
            found[0],
            (
                "wide-encoding",
                Span::new(0, 1),
                "the file is UTF-16 (big-endian), not UTF-8"
            )
        );
        assert_eq!(found[1].0, "duration-syntax");
        assert_eq!(&linted.source[found[1].1.range()], "\"1d\"");
        assert_eq!(found.len(), 2);
        let d = &linted.diagnostics[0];
        assert_eq!(d.severity(), crate::Severity::Error);
        assert_eq!(
            d.help(),
            Some("save the file as UTF-8, without a byte order mark; Cloudflare's API reads the body as UTF-8 and refuses these bytes")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn wide_text_of_a_mark_alone_has_an_empty_span() {
        let linted = Linter::new().lint_bytes(&[0xFF, 0xFE]);
        let found: Vec<_> = linted
            .diagnostics
            .iter()
            .map(|d| (d.code(), d.span()))
            .collect();
        assert_eq!(
            found,
            [
                ("json-syntax", Span::new(0, 0)),
                ("wide-encoding", Span::new(0, 0))
            ]
        );
    }

    #[test]
    fn syntax_errors_carry_span_and_help() {
        let diagnostics = lint("{\"name\": \"Widget\",}");
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!(d.code(), "json-syntax");
        assert_eq!(d.message(), "trailing comma is not allowed in JSON");
        assert_eq!(d.span(), Span::new(17, 18));
        assert_eq!(d.help(), Some("remove the `,`"));
    }
}
