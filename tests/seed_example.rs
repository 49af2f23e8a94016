//! The request body example of the API reference (every field's `example`
//! value, as the reference shows them) must be caught by the value rules:
//! its `user_seat_expiration_inactive_time` of `720h` is below the one-month
//! minimum, and its text and background colors are the same color.

use ztlint::{Diagnostic, Linter, Severity, Span};

const SEED_EXAMPLE: &str = include_str!("../examples/seed-example.json");

/// Every value rule, and none of the structure rules (whose `wrong-type`
/// for `"false"` is tested with them).
const VALUE_RULES: &[&str] = &[
    "duration",
    "color",
    "low-contrast",
    "logo",
    "custom-page-uid",
    "aaguid-format",
    "auth-domain",
    "name-blank",
    "invisible-characters",
    "zone-name-invalid",
    "toggle",
    "warp-auth-without-duration",
];

fn value_findings(source: &str) -> Vec<Diagnostic> {
    let mut linter = Linter::new();
    for selector in VALUE_RULES {
        linter = linter.select(selector).expect("a known rule selector");
    }
    linter.lint(source)
}

#[test]
fn the_seed_example_breaks_two_value_rules() {
    let found = value_findings(SEED_EXAMPLE);
    let summary: Vec<(&str, Severity, Span)> = found
        .iter()
        .map(|d| (d.code(), d.severity(), d.span()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("low-contrast", Severity::Warning, Span::new(482, 491)),
            ("duration-range", Severity::Error, Span::new(720, 726)),
        ]
    );

    let contrast = &found[0];
    assert_eq!(&SEED_EXAMPLE[contrast.span().range()], r##""#c5ed1b""##);
    assert_eq!(
        contrast.message(),
        "contrast between `text_color` `#c5ed1b` and `background_color` `#c5ed1b` is 1.00:1, below WCAG AA's 4.5:1"
    );
    let background = contrast.secondary()[0].span();
    assert_eq!(background, Span::new(296, 305));
    assert_eq!(&SEED_EXAMPLE[background.range()], r##""#c5ed1b""##);
    assert!(SEED_EXAMPLE[..background.start()].ends_with("\"background_color\": "));

    let seats = &found[1];
    assert_eq!(&SEED_EXAMPLE[seats.span().range()], r#""720h""#);
    assert_eq!(
        seats.message(),
        "`user_seat_expiration_inactive_time` is `720h` (720h0m0s), below the minimum of 730h; the range is 730h to 8760h"
    );
}

#[test]
fn the_seed_example_with_its_value_fixes_applied_is_clean() {
    let (fixed, applied) = ztlint::apply_fixes(
        SEED_EXAMPLE,
        &value_findings(SEED_EXAMPLE),
        ztlint::Applicability::Unsafe,
    );
    assert_eq!(applied, 2);
    assert!(fixed.contains(r##""text_color": "#000000""##));
    assert!(fixed.contains(r#""user_seat_expiration_inactive_time": "730h""#));
    assert_eq!(value_findings(&fixed), Vec::new());
}
