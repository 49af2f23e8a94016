//! Reading a duration string Go accepts, and its exact decimal value.
//!
//! Go scales fractions through float64 and adds components in an unchecked
//! `u64`, so its nanoseconds can differ from what the text says. The exact
//! value here uses integers only: a `u128` of whole nanoseconds and the
//! decimal digits of the fraction of a nanosecond.

use std::fmt;

/// One `number unit` component of a duration, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Component<'s> {
    pub(super) int: &'s str,
    pub(super) frac: &'s str,
    pub(super) unit: &'s str,
}

/// The sign and components of a string in Go's duration grammar; a bare
/// `0` has no components. `None` when the text is not in the grammar or a
/// unit is unknown.
pub(super) fn components(text: &str) -> Option<(bool, Vec<Component<'_>>)> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if rest == "0" {
        return Some((negative, Vec::new()));
    }
    if rest.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (int, after) = split_digits(rest);
        let (frac, after) = match after.strip_prefix('.') {
            Some(after) => split_digits(after),
            None => ("", after),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let unit_end = after
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_end);
        unit_nanos(unit)?;
        out.push(Component { int, frac, unit });
        rest = after;
    }
    Some((negative, out))
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

/// Nanoseconds per Go unit.
pub(super) fn unit_nanos(unit: &str) -> Option<u64> {
    Some(match unit {
        "ns" => 1,
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => return None,
    })
}

/// The exact value of a duration, in nanoseconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Exact {
    negative: bool,
    whole: u128,
    /// Decimal digits after the point, without trailing zeros.
    fraction: Vec<u8>,
}

impl Exact {
    /// Whether the value is a whole number of nanoseconds.
    pub(super) fn is_integral(&self) -> bool {
        self.fraction.is_empty()
    }

    /// Whether the value is negative.
    pub(super) fn is_negative(&self) -> bool {
        self.negative && (self.whole != 0 || !self.fraction.is_empty())
    }

    /// The magnitude's whole nanoseconds: the fraction of a nanosecond
    /// dropped, as Go drops it.
    pub(super) fn whole(&self) -> u128 {
        self.whole
    }

    /// The signed whole nanoseconds, if they fit Go's `int64`.
    pub(super) fn to_nanos(&self) -> Option<i64> {
        if self.negative {
            0i128
                .checked_sub(i128::try_from(self.whole).ok()?)
                .and_then(|n| i64::try_from(n).ok())
        } else {
            i64::try_from(self.whole).ok()
        }
    }
}

/// Most fraction digits shown; the rest become `…`.
const SHOWN_FRACTION_DIGITS: usize = 24;

/// The value in nanoseconds, e.g. `-1199999999999.99999988`.
impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_negative() {
            f.write_str("-")?;
        }
        write!(f, "{}", self.whole)?;
        if !self.fraction.is_empty() {
            f.write_str(".")?;
            for d in self.fraction.iter().take(SHOWN_FRACTION_DIGITS) {
                write!(f, "{d}")?;
            }
            if self.fraction.len() > SHOWN_FRACTION_DIGITS {
                f.write_str("…")?;
            }
        }
        Ok(())
    }
}

/// The exact value of `text`, when it is in Go's grammar. `None` also when
/// the whole nanoseconds exceed `u128`, which needs an input longer than
/// any real payload.
pub(super) fn exact(text: &str) -> Option<Exact> {
    let (negative, parts) = components(text)?;
    let mut whole: u128 = 0;
    let mut fraction: Vec<u8> = Vec::new();
    for part in parts {
        let unit = u128::from(unit_nanos(part.unit)?);
        let mut int: u128 = 0;
        for b in part.int.bytes() {
            int = int.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
        }
        whole = whole.checked_add(int.checked_mul(unit)?)?;
        let (carry, digits) = times_fraction(part.frac, unit);
        whole = whole.checked_add(carry)?;
        if add_fraction(&mut fraction, &digits) {
            whole = whole.checked_add(1)?;
        }
    }
    while fraction.last() == Some(&0) {
        fraction.pop();
    }
    Some(Exact {
        negative,
        whole,
        fraction,
    })
}

/// `0.frac × unit`: the whole part, and the fraction's digits (as many as
/// `frac` has).
fn times_fraction(frac: &str, unit: u128) -> (u128, Vec<u8>) {
    let mut digits = vec![0u8; frac.len()];
    let mut carry: u128 = 0;
    for (slot, b) in digits.iter_mut().zip(frac.bytes()).rev() {
        let t = u128::from(b - b'0') * unit + carry;
        *slot = (t % 10) as u8;
        carry = t / 10;
    }
    (carry, digits)
}

/// Adds the fraction `digits` into `sum`; returns whether it carried into
/// the whole part.
fn add_fraction(sum: &mut Vec<u8>, digits: &[u8]) -> bool {
    if sum.len() < digits.len() {
        sum.resize(digits.len(), 0);
    }
    let mut carry = 0;
    for (i, slot) in sum.iter_mut().enumerate().take(digits.len()).rev() {
        let t = *slot + digits.get(i).copied().unwrap_or(0) + carry;
        *slot = t % 10;
        carry = t / 10;
    }
    carry == 1
}

/// The decimal `number` (digits with an optional `.`) times `factor`,
/// written without leading or trailing zeros: `1.5` × 24 is `36`.
pub(super) fn scale_decimal(number: &str, factor: u32) -> String {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let mut digits: Vec<u32> = int
        .bytes()
        .chain(frac.bytes())
        .map(|b| u32::from(b.wrapping_sub(b'0')))
        .collect();
    let mut carry: u64 = 0;
    for d in digits.iter_mut().rev() {
        let t = u64::from(*d) * u64::from(factor) + carry;
        *d = (t % 10) as u32;
        carry = t / 10;
    }
    let mut head = Vec::new();
    while carry > 0 {
        head.push((carry % 10) as u32);
        carry /= 10;
    }
    head.reverse();
    head.extend(digits);
    let (int_digits, frac_digits) = head.split_at(head.len().saturating_sub(frac.len()));
    let to_text =
        |ds: &[u32]| -> String { ds.iter().filter_map(|&d| char::from_digit(d, 10)).collect() };
    let int_text = to_text(int_digits);
    let int_text = int_text.trim_start_matches('0');
    let frac_text = to_text(frac_digits);
    let frac_text = frac_text.trim_end_matches('0');
    let int_text = if int_text.is_empty() { "0" } else { int_text };
    if frac_text.is_empty() {
        int_text.to_owned()
    } else {
        format!("{int_text}.{frac_text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_follow_go_grammar() {
        let (neg, parts) = components("-1.5h30m").unwrap();
        assert!(neg);
        assert_eq!(
            parts,
            vec![
                Component {
                    int: "1",
                    frac: "5",
                    unit: "h"
                },
                Component {
                    int: "30",
                    frac: "",
                    unit: "m"
                },
            ]
        );
        assert_eq!(components("+0"), Some((false, Vec::new())));
        assert_eq!(components(".5\u{3bc}s").unwrap().1[0].unit, "\u{3bc}s");
        for bad in ["", "-", "1d", "24", ".h", "1h 30m"] {
            assert_eq!(components(bad), None, "{bad}");
        }
    }

    #[test]
    fn exact_values() {
        let show = |t: &str| exact(t).unwrap().to_string();
        assert_eq!(show("0.3333333333333333333h"), "1199999999999.99999988");
        assert_eq!(show("1.5ns"), "1.5");
        assert_eq!(show("0.5ns0.5ns"), "1");
        assert_eq!(show("-0.10000000000000m"), "-6000000000");
        assert_eq!(show("-0"), "0");
        assert_eq!(
            show("9223372036854775808ns9223372036854775808ns"),
            "18446744073709551616"
        );
        assert_eq!(
            show(&format!("0.{}1ns", "0".repeat(30))),
            format!("0.{}…", "0".repeat(24))
        );
        let e = exact("-2562047h47m16.854775808s").unwrap();
        assert_eq!(e.to_nanos(), Some(i64::MIN));
        assert!(e.is_integral() && e.is_negative());
        assert_eq!(exact("2562047h47m16.854775808s").unwrap().to_nanos(), None);
    }

    #[test]
    fn scaling_decimals() {
        assert_eq!(scale_decimal("1.5", 24), "36");
        assert_eq!(scale_decimal("7", 24), "168");
        assert_eq!(scale_decimal("1.3", 24), "31.2");
        assert_eq!(scale_decimal(".25", 24), "6");
        assert_eq!(scale_decimal("0.01", 24), "0.24");
        assert_eq!(scale_decimal("007", 1), "7");
        assert_eq!(scale_decimal("2", 8760), "17520");
    }
}
