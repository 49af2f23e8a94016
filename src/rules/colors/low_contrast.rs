//! `low-contrast`: text and background colors below WCAG AA contrast.

use std::sync::LazyLock;

use super::Rgb;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{replacement_fix, shown, StrField};
use crate::rules::Rule;

pub(crate) const LOW_CONTRAST: Rule = Rule::new(
    "low-contrast",
    Severity::Warning,
    "The login page text color has too little contrast with its background",
    include_str!("low_contrast.md"),
);

/// WCAG 2.x level AA minimum for normal text.
const AA: f64 = 4.5;

/// The finding for two opaque colors, if their contrast is below AA.
pub(super) fn finding(
    (text, text_rgb): (StrField<'_>, Rgb),
    (background, background_rgb): (StrField<'_>, Rgb),
) -> Option<Diagnostic> {
    let ratio = contrast(text_rgb, background_rgb);
    if ratio >= AA {
        return None;
    }
    // Black or white, whichever stands out more from the background.
    let (better, better_ratio) = [BLACK, WHITE]
        .into_iter()
        .map(|pick| (pick, contrast(pick.rgb, background_rgb)))
        .fold((BLACK, 0.0), |best, c| if c.1 > best.1 { c } else { best });
    // Pushed piece by piece: a lint that finds something spends much of
    // its time building the texts (see `benches/lint.rs`).
    let (text_shown, background_shown) = (shown(text.text), shown(background.text));
    let mut message = String::with_capacity(96 + text_shown.len() + background_shown.len());
    for piece in [
        "contrast between `text_color` `",
        &text_shown,
        "` and `background_color` `",
        &background_shown,
        "` is ",
    ] {
        message.push_str(piece);
    }
    push_two_decimals(&mut message, ratio);
    message.push_str(":1, below WCAG AA's 4.5:1");
    let mut label = String::with_capacity(32);
    push_two_decimals(&mut label, ratio);
    label.push_str(":1 against the background");
    let mut help = String::with_capacity(96);
    help.push_str("pick a text color that contrasts at least 4.5:1 with the background, e.g. `");
    help.push_str(better.hex);
    help.push_str("` (");
    push_two_decimals(&mut help, better_ratio);
    help.push_str(":1)");
    Some(
        LOW_CONTRAST
            .at(text.span, message)
            .with_label(label)
            .with_secondary(background.span, "background")
            .with_help(help)
            .with_fix(replacement_fix(
                text.span,
                better.fix_message,
                better.literal,
                false,
            )),
    )
}

/// A text color to suggest, with its fix's texts written out: the fix is
/// the same for every finding that suggests it.
#[derive(Clone, Copy)]
struct Pick {
    hex: &'static str,
    rgb: Rgb,
    fix_message: &'static str,
    literal: &'static str,
}

const BLACK: Pick = Pick {
    hex: "#000000",
    rgb: [0, 0, 0],
    fix_message: "Replace with `\"#000000\"`",
    literal: "\"#000000\"",
};

const WHITE: Pick = Pick {
    hex: "#ffffff",
    rgb: [255, 255, 255],
    fix_message: "Replace with `\"#ffffff\"`",
    literal: "\"#ffffff\"",
};

/// Appends `ratio` truncated (not rounded) to two decimals, so that a ratio
/// just under 4.5 never shows as `4.50`. Written from whole hundredths: a
/// contrast ratio is between 1 and 21, far from any rounding trouble.
fn push_two_decimals(out: &mut String, ratio: f64) {
    let hundredths = (ratio * 100.0).floor() as u64;
    let digit = |d: u64| char::from(b'0' + (d % 10) as u8);
    let whole = hundredths / 100;
    if whole >= 10 {
        out.push(digit(whole / 10));
    }
    out.push(digit(whole));
    out.push('.');
    out.push(digit(hundredths / 10));
    out.push(digit(hundredths));
}

/// WCAG 2.x contrast ratio, from 1 to 21.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2.x relative luminance of an sRGB color.
fn luminance(rgb: Rgb) -> f64 {
    // Cannot fail: a `u8` indexes a table of 256.
    let linear = |c: u8| LINEAR[usize::from(c)];
    let [r, g, b] = rgb;
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// Each 8-bit sRGB channel value made linear, worked out once.
static LINEAR: LazyLock<[f64; 256]> = LazyLock::new(|| {
    std::array::from_fn(|i| {
        let c = i as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    })
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Span};

    const CODE: &str = "low-contrast";

    #[test]
    fn picks_carry_the_texts_replace_string_writes() {
        for pick in [BLACK, WHITE] {
            let (message, literal) = crate::rules::support::replacement_texts(pick.hex);
            assert_eq!(
                (pick.fix_message, pick.literal),
                (message.as_str(), literal.as_str())
            );
            assert_eq!(super::super::strict_hex(pick.hex), Some(pick.rgb));
        }
    }

    fn two_decimals(ratio: f64) -> String {
        let mut out = String::new();
        push_two_decimals(&mut out, ratio);
        out
    }

    #[test]
    fn contrast_ratios() {
        assert_eq!(two_decimals(contrast([0, 0, 0], [255, 255, 255])), "21.00");
        assert_eq!(
            two_decimals(contrast([0xc5, 0xed, 0x1b], [0xc5, 0xed, 0x1b])),
            "1.00"
        );
        // #767676 on white is the classic just-passing grey: 4.54:1.
        assert_eq!(two_decimals(contrast([0x76; 3], [255; 3])), "4.54");
        assert_eq!(two_decimals(contrast([0x77; 3], [255; 3])), "4.47");
    }

    #[test]
    fn identical_colors() {
        let source =
            r##"{"login_design": {"background_color": "#c5ed1b", "text_color": "#C5ED1B"}}"##;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(63, 72));
        assert_eq!(
            d.message(),
            "contrast between `text_color` `#C5ED1B` and `background_color` `#c5ed1b` is 1.00:1, below WCAG AA's 4.5:1"
        );
        assert_eq!(d.primary().text(), Some("1.00:1 against the background"));
        assert_eq!(d.secondary()[0].span(), Span::new(38, 47));
        assert_eq!(d.secondary()[0].text(), Some("background"));
        assert_eq!(
            d.help(),
            Some("pick a text color that contrasts at least 4.5:1 with the background, e.g. `#000000` (15.50:1)")
        );
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r##"{"login_design": {"background_color": "#c5ed1b", "text_color": "#000000"}}"##
        );
    }

    #[test]
    fn css_colors_count_when_opaque() {
        let source = r#"{"login_design": {"background_color": "navy", "text_color": "black"}}"#;
        let found = only(CODE, source);
        assert_eq!(
            found[0].help(),
            Some("pick a text color that contrasts at least 4.5:1 with the background, e.g. `#ffffff` (16.00:1)")
        );
        let translucent =
            r##"{"login_design": {"background_color": "#000080", "text_color": "#00000080"}}"##;
        assert!(only(CODE, translucent).is_empty());
    }

    #[test]
    fn enough_contrast_or_a_missing_color_pass() {
        for source in [
            r##"{"login_design": {"background_color": "#767676", "text_color": "#fff"}}"##,
            r##"{"login_design": {"text_color": "#c5ed1b"}}"##,
            r##"{"login_design": {"background_color": "#c5ed1b", "text_color": "nope"}}"##,
        ] {
            assert!(only(CODE, source).is_empty(), "{source}");
        }
    }
}
