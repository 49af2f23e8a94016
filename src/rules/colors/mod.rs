//! The login page colors: `login_design.background_color` and
//! `login_design.text_color`.

use std::borrow::Cow;
use std::sync::LazyLock;

mod invalid;
mod low_contrast;
mod not_hex;

use super::support::{set_str_at, StrField};
use super::{Context, Rule};
use crate::fields::{self, Format};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &not_hex::COLOR_NOT_HEX,
    &invalid::COLOR_INVALID,
    &low_contrast::LOW_CONTRAST,
];

/// The color fields, from the field table: the hex and validity rules
/// read each; the contrast rule pairs the text color with the background.
static FIELDS: LazyLock<Vec<&'static [&'static str]>> =
    LazyLock::new(|| fields::paths_of(Format::Color).collect());

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let (mut text, mut background) = (None, None);
    for path in FIELDS.iter() {
        let read = check_field(path, root, cx);
        match path.last() {
            Some(&"text_color") => text = read,
            Some(&"background_color") => background = read,
            _ => {}
        }
    }
    if let (Some(text), Some(background)) = (text, background) {
        if let Some(finding) = low_contrast::finding(text, background) {
            cx.emit(finding);
        }
    }
}

/// Reports the color at `path` if it is not a hex color, and returns it
/// when it is opaque, for the contrast check. An empty string is how
/// clients send an unset color, and is not checked.
fn check_field<'v>(
    path: &[&'static str],
    root: &'v Value<'_>,
    cx: &mut Context<'_>,
) -> Option<(StrField<'v>, Rgb)> {
    let field = set_str_at(root, path)?;
    let color = read(field.text);
    match &color {
        Color::Hex(_) => {}
        Color::Css(css) => cx.emit(not_hex::finding(path, field, css)),
        Color::MissingHash(_) => cx.emit(invalid::missing_hash(path, field)),
        Color::Invalid => cx.emit(invalid::finding(path, field)),
    }
    color.opaque_rgb().map(|rgb| (field, rgb))
}

/// An 8-bit sRGB color.
pub(super) type Rgb = [u8; 3];

/// What a color field holds.
#[derive(Clone, Debug, PartialEq)]
enum Color {
    /// `#RGB` or `#RRGGBB`, any case.
    Hex(Rgb),
    /// Hex digits without the `#`: CSS does not read them as a color.
    MissingHash(Rgb),
    /// Another CSS color.
    Css(Css),
    /// Not a color.
    Invalid,
}

/// A CSS color that is not `#RGB` or `#RRGGBB`, and its nearest `#rrggbb`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Css {
    /// Lowercase `#rrggbb`.
    pub(super) hex: String,
    pub(super) rgb: Rgb,
    /// The alpha channel, from 0 to 1.
    pub(super) alpha: f32,
    /// Whether `hex` is exactly the color: opaque, with whole 8-bit
    /// channels inside the sRGB gamut.
    pub(super) exact: bool,
}

impl Color {
    /// The color when it is opaque, for contrast.
    fn opaque_rgb(&self) -> Option<Rgb> {
        match self {
            Color::Hex(rgb) | Color::MissingHash(rgb) => Some(*rgb),
            Color::Css(css) if css.alpha >= 1.0 => Some(css.rgb),
            _ => None,
        }
    }
}

fn read(text: &str) -> Color {
    if let Some(rgb) = strict_hex(text) {
        return Color::Hex(rgb);
    }
    if let Some(rgb) = strict_hex(&["#", text].concat()).filter(|_| !text.starts_with('#')) {
        return Color::MissingHash(rgb);
    }
    let Ok(color) = csscolorparser::parse(text) else {
        return Color::Invalid;
    };
    // Named colors, hex with alpha or without `#`, and the CSS functions
    // all end up as float channels; the hex form is exact only when every
    // channel is a whole 8-bit value inside the sRGB gamut.
    let channels = [color.r, color.g, color.b];
    let whole = channels.iter().all(|&c| {
        let v = c * 255.0;
        (0.0..=255.0).contains(&v) && (v - v.round()).abs() < 1e-3
    });
    let [r, g, b, _] = color.to_rgba8();
    let alpha = color.a.clamp(0.0, 1.0);
    Color::Css(Css {
        hex: format!("#{r:02x}{g:02x}{b:02x}"),
        rgb: [r, g, b],
        alpha,
        exact: whole && alpha >= 1.0,
    })
}

/// `#RGB` or `#RRGGBB`, any case.
fn strict_hex(text: &str) -> Option<Rgb> {
    let digits = text.strip_prefix('#')?.as_bytes();
    let nibble = |i: usize| -> Option<u8> {
        let value = char::from(*digits.get(i)?).to_digit(16)?;
        u8::try_from(value).ok()
    };
    match digits.len() {
        3 => Some([nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17]),
        6 => Some([
            nibble(0)? * 16 + nibble(1)?,
            nibble(2)? * 16 + nibble(3)?,
            nibble(4)? * 16 + nibble(5)?,
        ]),
        _ => None,
    }
}

/// A field's name for messages: `login_design.text_color`.
fn name(path: &[&'static str]) -> Cow<'static, str> {
    super::support::dotted(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_hex_colors() {
        assert_eq!(strict_hex("#c5ed1b"), Some([0xc5, 0xed, 0x1b]));
        assert_eq!(strict_hex("#FFFFFF"), Some([255, 255, 255]));
        assert_eq!(strict_hex("#0aF"), Some([0x00, 0xaa, 0xff]));
        for text in [
            "c5ed1b",
            "#c5ed1",
            "#c5ed1bff",
            "#ggg",
            "#",
            "",
            " #fff",
            "#ｆｆｆ",
        ] {
            assert_eq!(strict_hex(text), None, "{text}");
        }
    }

    #[test]
    fn css_colors_and_their_hex() {
        let css = |text| match read(text) {
            Color::Css(css) => Some((css.hex, css.exact)),
            _ => None,
        };
        assert_eq!(css("white"), Some(("#ffffff".to_owned(), true)));
        assert_eq!(css("RGB(197, 237, 27)"), Some(("#c5ed1b".to_owned(), true)));
        assert_eq!(read("c5ed1b"), Color::MissingHash([0xc5, 0xed, 0x1b]));
        assert_eq!(read("FFF"), Color::MissingHash([255, 255, 255]));
        // Only hex digits: a name that is also hex-shaped would be a CSS color.
        assert_eq!(css("c5ed1bff"), Some(("#c5ed1b".to_owned(), true)));
        assert_eq!(css("#C5ED1BFF"), Some(("#c5ed1b".to_owned(), true)));
        assert_eq!(css("#c5ed1b80"), Some(("#c5ed1b".to_owned(), false)));
        assert_eq!(css("rgb(127.5 0 0)"), Some(("#800000".to_owned(), false)));
        // CSS clamps out-of-gamut channels, and so does the parser.
        assert_eq!(css("rgb(300 0 0)"), Some(("#ff0000".to_owned(), true)));
        assert_eq!(
            css("hsl(120, 100%, 50%)"),
            Some(("#00ff00".to_owned(), true))
        );
        assert_eq!(read("blurple"), Color::Invalid);
        assert_eq!(read(""), Color::Invalid);
    }
}
