//! The port of Go's `time.ParseDuration` (src/time/format.go).
//!
//! Each function mirrors one piece of the Go source and keeps its
//! arithmetic: magnitudes in `u64` checked against 2^63, fractions through
//! `f64`. Go's `s[i:]` re-slicing becomes `str::find` + `split_at` with
//! ASCII predicates, whose indices are always char boundaries, so no slice
//! here can panic on multi-byte input.

use super::error::Error;
use super::GoDuration;

/// 2^63: the largest magnitude a component or the sum may reach. Only a
/// negative duration can actually end there (it is `i64::MIN`).
const LIMIT: u64 = 1 << 63;

/// Parses a Go duration string such as `"300ms"`, `"-1.5h"` or `"2h45m"`,
/// exactly as Go's `time.ParseDuration`.
///
/// The accepted grammar and Go's arithmetic, including its float64
/// rounding of fractions, are described in the [module docs](super).
/// Parsing runs in time linear in `s` and never panics.
///
/// ```
/// use ztlint::duration::parse;
///
/// assert_eq!(parse("2h45m")?.as_nanos(), 9_900_000_000_000);
/// assert_eq!(parse("-1.5h")?.to_string(), "-1h30m0s");
/// assert_eq!(parse("300µs")?, parse("300us")?);
/// assert_eq!(parse("0")?.as_nanos(), 0);
/// # Ok::<(), ztlint::duration::Error>(())
/// ```
///
/// # Errors
///
/// Returns an [`Error`] whose [`kind`](Error::kind) is
///
/// - [`ErrorKind::MissingUnit`] when a number has no unit after it (`"30"`);
/// - [`ErrorKind::UnknownUnit`] when the text after a number is not one of
///   `ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h` (`"1d"`, `"5 s"`);
///   [`Error::unit`] gives that text;
/// - [`ErrorKind::Invalid`] for everything else: empty input, a lone sign,
///   a component starting with anything but a digit or `.`, a number with
///   no digits (`"."`), or a value out of the `i64` nanosecond range.
///
/// Its [`Display`](std::fmt::Display) is Go's error text, byte for byte.
///
/// [`ErrorKind::MissingUnit`]: super::ErrorKind::MissingUnit
/// [`ErrorKind::UnknownUnit`]: super::ErrorKind::UnknownUnit
/// [`ErrorKind::Invalid`]: super::ErrorKind::Invalid
///
/// ```
/// use ztlint::duration::{parse, ErrorKind};
///
/// let err = parse("7d").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnknownUnit);
/// assert_eq!(err.unit(), Some("d"));
/// assert_eq!(err.to_string(), r#"time: unknown unit "d" in duration "7d""#);
///
/// let err = parse("3000000h").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Invalid);
/// assert_eq!(err.to_string(), r#"time: invalid duration "3000000h""#);
/// ```
pub fn parse(s: &str) -> Result<GoDuration, Error> {
    let orig = s;
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    // Go's special case: a bare "0" needs no unit.
    if rest == "0" {
        return Ok(GoDuration(0));
    }
    if rest.is_empty() {
        return Err(Error::invalid(orig));
    }
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let (magnitude, tail) = component(rest, orig)?;
        rest = tail;
        // Go's `d += v` on uint64 wraps silently (2^63 + 2^63 == 0), and
        // only the result is compared with 2^63; keep both behaviours.
        total = total.wrapping_add(magnitude);
        if total > LIMIT {
            return Err(Error::invalid(orig));
        }
    }
    apply_sign(total, neg).ok_or_else(|| Error::invalid(orig))
}

/// Turns the accumulated magnitude (at most 2^63) into a signed duration.
/// 2^63 itself only fits negated, as `i64::MIN`.
fn apply_sign(magnitude: u64, neg: bool) -> Option<GoDuration> {
    if neg {
        // Two's-complement negation of the u64, as Go's `-Duration(d)`.
        Some(GoDuration((magnitude as i64).wrapping_neg()))
    } else {
        i64::try_from(magnitude).ok().map(GoDuration)
    }
}

/// Parses one `number unit` component at the start of `s` and returns its
/// magnitude in nanoseconds and the unparsed rest. `orig` is the whole
/// input, which every error message quotes.
fn component<'a>(s: &'a str, orig: &str) -> Result<(u64, &'a str), Error> {
    let invalid = || Error::invalid(orig);

    // The next character must be [0-9.].
    if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
        return Err(invalid());
    }
    let (int_digits, s) = split_digits(s);
    let whole = leading_int(int_digits).ok_or_else(invalid)?;

    let (frac_digits, s) = match s.strip_prefix('.') {
        Some(after_point) => split_digits(after_point),
        None => ("", s),
    };
    if int_digits.is_empty() && frac_digits.is_empty() {
        // No digits at all, e.g. ".s" or "-.s".
        return Err(invalid());
    }
    let (frac, scale) = leading_fraction(frac_digits);

    let (unit_text, rest) = split_unit(s);
    if unit_text.is_empty() {
        return Err(Error::missing_unit(orig));
    }
    let unit = unit_nanos(unit_text).ok_or_else(|| Error::unknown_unit(unit_text, orig))?;

    let magnitude = scale_component(whole, frac, scale, unit).ok_or_else(invalid)?;
    Ok((magnitude, rest))
}

/// Splits off the leading run of ASCII digits (Go's `[0-9]*`).
fn split_digits(s: &str) -> (&str, &str) {
    s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()))
}

/// Splits off a unit: everything up to the next `.` or ASCII digit. Go reads
/// the unit this greedily and only then looks it up, so `"1 s"` yields the
/// unknown unit `" s"`.
fn split_unit(s: &str) -> (&str, &str) {
    s.split_at(
        s.find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(s.len()),
    )
}

/// Go's `leadingInt` on an all-digit string: the value, or `None` once it
/// passes 2^63. Leading zeros are free, so `"000…01"` of any length is 1.
fn leading_int(digits: &str) -> Option<u64> {
    let mut x: u64 = 0;
    for b in digits.bytes() {
        if x > LIMIT / 10 {
            return None;
        }
        // Cannot overflow: x <= 2^63/10, so x*10 + 9 < 2^64.
        x = x * 10 + u64::from(b - b'0');
        if x > LIMIT {
            return None;
        }
    }
    Some(x)
}

/// Go's `leadingFraction` on an all-digit string: the digits as an integer
/// `x` and `scale` = 10^(digits kept), so the fraction is `x / scale`.
///
/// Digits are kept only while `x` stays within 2^63; from the first one that
/// would not fit, the rest are ignored (truncated, not rounded). `scale` is
/// built by repeated `f64` multiplication, as in Go, so its rounding past
/// 10^22 and its overflow to infinity (after ~309 leading zeros) match too.
fn leading_fraction(digits: &str) -> (u64, f64) {
    let mut x: u64 = 0;
    let mut scale = 1.0_f64;
    for b in digits.bytes() {
        // Go sets an `overflow` flag here and skips every later digit,
        // which is the same as stopping.
        if x > (LIMIT - 1) / 10 {
            break;
        }
        let y = x * 10 + u64::from(b - b'0');
        if y > LIMIT {
            break;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale)
}

/// Nanoseconds per unit, Go's `unitMap`.
fn unit_nanos(unit: &str) -> Option<u64> {
    Some(match unit {
        "ns" => 1,
        // U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU.
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60 * 1_000_000_000,
        "h" => 3_600 * 1_000_000_000,
        _ => return None,
    })
}

/// The magnitude of `whole.frac unit` in nanoseconds, or `None` past 2^63.
///
/// The fraction goes through `f64` exactly as Go computes it,
/// `uint64(float64(f) * (float64(unit) / scale))`: the same operations in
/// the same order give the same IEEE 754 result, and `as u64` truncates
/// like Go's conversion for these non-negative values (at most one unit).
fn scale_component(whole: u64, frac: u64, scale: f64, unit: u64) -> Option<u64> {
    if whole > LIMIT / unit {
        return None;
    }
    let mut v = whole * unit;
    if frac > 0 {
        v += (frac as f64 * (unit as f64 / scale)) as u64;
        if v > LIMIT {
            return None;
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nanos(s: &str) -> i64 {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}")).as_nanos()
    }

    fn error(s: &str) -> String {
        match parse(s) {
            Ok(d) => panic!("{s:?} parsed as {d:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn simple_and_signed() {
        assert_eq!(nanos("0"), 0);
        assert_eq!(nanos("-0"), 0);
        assert_eq!(nanos("+0"), 0);
        assert_eq!(nanos("5s"), 5_000_000_000);
        assert_eq!(nanos("-5s"), -5_000_000_000);
        assert_eq!(nanos("+5s"), 5_000_000_000);
        assert_eq!(nanos("0s"), 0);
        assert_eq!(nanos("-0s"), 0);
    }

    #[test]
    fn every_unit_and_both_micro_signs() {
        assert_eq!(nanos("10ns"), 10);
        assert_eq!(nanos("11us"), 11_000);
        assert_eq!(nanos("12\u{b5}s"), 12_000);
        assert_eq!(nanos("12\u{3bc}s"), 12_000);
        assert_eq!(nanos("13ms"), 13_000_000);
        assert_eq!(nanos("14s"), 14_000_000_000);
        assert_eq!(nanos("15m"), 900_000_000_000);
        assert_eq!(nanos("16h"), 57_600_000_000_000);
        assert_eq!(nanos("1h2m3s4ms5us6ns"), 3_723_004_005_006);
    }

    #[test]
    fn fractions_on_either_side_of_the_point() {
        assert_eq!(nanos("5.s"), 5_000_000_000);
        assert_eq!(nanos(".5s"), 500_000_000);
        assert_eq!(nanos("1.0040s"), 1_004_000_000);
        assert_eq!(nanos("10.5s4m"), 250_500_000_000);
        assert_eq!(nanos(".5s.5s"), 1_000_000_000);
        // Sub-nanosecond fractions truncate.
        assert_eq!(nanos("1.9ns"), 1);
        assert_eq!(nanos("0.0000000001s"), 0);
    }

    #[test]
    fn float64_fraction_quirks() {
        // The exact decimal value is 1199999999999.99999988 ns; Go's float
        // product rounds up to a whole 20 minutes.
        assert_eq!(nanos("0.3333333333333333333h"), 1_200_000_000_000);
        // From Go's table: exercises leadingFraction's first overflow check.
        assert_eq!(nanos("0.830103483285477580700h"), 2_988_372_539_827);
        // Trailing zeros change the result: 6e10 / 1e14 is inexact, and
        // the product lands just under 6e9 and truncates.
        assert_eq!(nanos("0.1m"), 6_000_000_000);
        assert_eq!(nanos("0.10000000000000m"), 5_999_999_999);
        assert_eq!(nanos("0.30000000000000h"), 1_079_999_999_999);
        // Digits past what fits in 2^63 are dropped, not rounded.
        assert_eq!(nanos("0.100000000000000000000h"), 360_000_000_000);
        // 999999999999999999 as f64 is 1e18, so 18 nines after the point
        // make a whole extra nanosecond.
        assert_eq!(nanos("1.99999999999999999999999999ns"), 2);
        assert_eq!(nanos("1.9ns"), 1);
        // Leading zeros are kept as digits: scale becomes infinite and the
        // fraction's contribution zero instead of NaN or a panic.
        let tiny = format!("1.{}1h", "0".repeat(400));
        assert_eq!(nanos(&tiny), 3_600_000_000_000);
    }

    #[test]
    fn int64_limits() {
        assert_eq!(nanos("9223372036854775807ns"), i64::MAX);
        assert_eq!(nanos("9223372036854775.807us"), i64::MAX);
        assert_eq!(nanos("9223372036s854ms775us807ns"), i64::MAX);
        assert_eq!(nanos("2562047h47m16.854775807s"), i64::MAX);
        assert_eq!(nanos("-9223372036854775808ns"), i64::MIN);
        assert_eq!(nanos("-2562047h47m16.854775808s"), i64::MIN);
        assert_eq!(
            error("9223372036854775808ns"),
            r#"time: invalid duration "9223372036854775808ns""#
        );
        assert_eq!(
            error("-9223372036854775809ns"),
            r#"time: invalid duration "-9223372036854775809ns""#
        );
        assert_eq!(
            error("2562047h47m16.854775808s"),
            r#"time: invalid duration "2562047h47m16.854775808s""#
        );
        assert_eq!(error("3000000h"), r#"time: invalid duration "3000000h""#);
        assert_eq!(
            error("18446744073709551616ns"),
            r#"time: invalid duration "18446744073709551616ns""#
        );
    }

    #[test]
    fn sum_wraps_like_go_uint64() {
        let max = "9223372036854775808ns";
        assert_eq!(nanos(&format!("{max}{max}")), 0);
        assert_eq!(nanos(&format!("-{max}{max}1s")), -1_000_000_000);
        assert_eq!(
            error(&format!("{max}{max}{max}")),
            format!(r#"time: invalid duration "{max}{max}{max}""#)
        );
    }

    #[test]
    fn error_kinds_and_precedence() {
        assert_eq!(error(""), r#"time: invalid duration """#);
        assert_eq!(error("-"), r#"time: invalid duration "-""#);
        assert_eq!(error("."), r#"time: invalid duration ".""#);
        assert_eq!(error("+.s"), r#"time: invalid duration "+.s""#);
        assert_eq!(error("--1s"), r#"time: invalid duration "--1s""#);
        assert_eq!(error(" 1s"), r#"time: invalid duration " 1s""#);
        assert_eq!(error("3"), r#"time: missing unit in duration "3""#);
        assert_eq!(error("00"), r#"time: missing unit in duration "00""#);
        assert_eq!(error("1s2"), r#"time: missing unit in duration "1s2""#);
        assert_eq!(
            error("1.5.5s"),
            r#"time: missing unit in duration "1.5.5s""#
        );
        assert_eq!(error("1 s"), r#"time: unknown unit " s" in duration "1 s""#);
        // A sign inside is read as part of the unit before it.
        assert_eq!(
            error("1h-5m"),
            r#"time: unknown unit "h-" in duration "1h-5m""#
        );
        assert_eq!(error("1h+"), r#"time: unknown unit "h+" in duration "1h+""#);
        assert_eq!(error("1S"), r#"time: unknown unit "S" in duration "1S""#);
        assert_eq!(
            error("1e3s"),
            r#"time: unknown unit "e" in duration "1e3s""#
        );
        // An oversized integer part is reported before its unit is read.
        assert_eq!(
            error("99999999999999999999d"),
            r#"time: invalid duration "99999999999999999999d""#
        );
        // The unit is looked up before the range is checked.
        assert_eq!(
            error("99999999999d"),
            r#"time: unknown unit "d" in duration "99999999999d""#
        );
    }

    #[test]
    fn non_ascii_never_panics() {
        assert_eq!(error("\u{661}s"), r#"time: invalid duration "\xd9\xa1s""#);
        assert_eq!(
            error("1\u{00b5}"),
            r#"time: unknown unit "\xc2\xb5" in duration "1\xc2\xb5""#
        );
        assert_eq!(
            error("1\u{1F642}2s"),
            r#"time: unknown unit "\xf0\x9f\x99\x82" in duration "1\xf0\x9f\x99\x822s""#
        );
    }
}
