//! Reading what a duration Go rejects was meant to say: `1d`, `24H`,
//! `30 mins`, `1h 30m`, `1 hour, 30 minutes`.

use super::exact::scale_decimal;

/// A rewrite of a rejected duration into Go's grammar, component by
/// component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Reading {
    /// The text in Go's grammar, e.g. `36h` for `1.5d`.
    pub(super) text: String,
    /// Why the rewrite may not be what was meant, when a unit is ambiguous.
    pub(super) doubt: Option<&'static str>,
}

/// How a unit word converts: multiply by `factor` and write `unit`.
struct UnitWord {
    factor: u32,
    unit: &'static str,
    doubt: Option<&'static str>,
}

const fn exact(factor: u32, unit: &'static str) -> Option<UnitWord> {
    Some(UnitWord {
        factor,
        unit,
        doubt: None,
    })
}

fn unit_word(word: &str) -> Option<UnitWord> {
    if word == "M" {
        return Some(UnitWord {
            factor: 1,
            unit: "m",
            doubt: Some("`M` could mean minutes or months; Go's minute is `m` and Go has no month"),
        });
    }
    match word.to_lowercase().as_str() {
        "ns" | "nsec" | "nsecs" | "nanosecond" | "nanoseconds" => exact(1, "ns"),
        "us" | "\u{b5}s" | "\u{3bc}s" | "usec" | "usecs" | "microsecond" | "microseconds" => {
            exact(1, "us")
        }
        "ms" | "msec" | "msecs" | "millis" | "millisecond" | "milliseconds" => exact(1, "ms"),
        "s" | "sec" | "secs" | "second" | "seconds" => exact(1, "s"),
        "m" | "min" | "mins" | "minute" | "minutes" => exact(1, "m"),
        "h" | "hr" | "hrs" | "hour" | "hours" => exact(1, "h"),
        "d" | "day" | "days" => exact(24, "h"),
        "w" | "wk" | "wks" | "week" | "weeks" => exact(168, "h"),
        "mo" | "mon" | "mos" | "month" | "months" => Some(UnitWord {
            factor: 730,
            unit: "h",
            doubt: Some("months vary in length; Cloudflare counts one month as 730h"),
        }),
        "y" | "yr" | "yrs" | "year" | "years" => Some(UnitWord {
            factor: 8760,
            unit: "h",
            doubt: Some("years vary in length; 8760h is 365 days"),
        }),
        _ => None,
    }
}

/// Reads `text` as a sign and `number unit` components, allowing
/// whitespace around everything, unit words in any case, and `,` or `and`
/// between components. `None` when any part is not understood, including a
/// number without a unit.
pub(super) fn read(text: &str) -> Option<Reading> {
    let mut rest = text.trim();
    let mut out = String::new();
    if let Some(after) = rest.strip_prefix('-') {
        out.push('-');
        rest = after;
    } else if let Some(after) = rest.strip_prefix('+') {
        rest = after;
    }
    let mut doubt = None;
    let mut any = false;
    loop {
        rest = skip_separators(rest, any);
        if rest.is_empty() {
            break;
        }
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_end);
        let dots = number.matches('.').count();
        if dots > 1 || number.len() == dots {
            return None;
        }
        let after = after.trim_start();
        let word_end = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        let (word, after) = after.split_at(word_end);
        let unit = unit_word(word)?;
        if unit.factor == 1 {
            out.push_str(number);
        } else {
            out.push_str(&scale_decimal(number, unit.factor));
        }
        out.push_str(unit.unit);
        doubt = doubt.or(unit.doubt);
        any = true;
        rest = after;
    }
    any.then_some(Reading { text: out, doubt })
}

/// Skips whitespace, and after the first component also `,` and the word
/// `and`.
fn skip_separators(mut text: &str, after_component: bool) -> &str {
    loop {
        text = text.trim_start();
        if !after_component {
            return text;
        }
        if let Some(after) = text.strip_prefix(',') {
            text = after;
        } else if text.len() > 3
            && text.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("and"))
            && text
                .get(3..)
                .is_some_and(|t| t.starts_with(char::is_whitespace))
        {
            text = text.get(3..).unwrap_or_default();
        } else {
            return text;
        }
    }
}

/// Values Go rejects whose meaning is clear, and the Go form each reads as;
/// shared by this module's tests and the rule's.
#[cfg(test)]
pub(super) const READINGS: &[(&str, &str)] = &[
    ("1d", "24h"),
    ("7d", "168h"),
    ("1w", "168h"),
    ("1.5d", "36h"),
    ("24H", "24h"),
    ("24 h", "24h"),
    ("24 hours", "24h"),
    ("30 mins", "30m"),
    ("30min", "30m"),
    ("1h 30m", "1h30m"),
    (" 24h ", "24h"),
    ("1 hour, 30 minutes", "1h30m"),
    ("1 hour and 30 minutes", "1h30m"),
    ("-2 Days", "-48h"),
    ("+5 secs", "5s"),
    ("250 MS", "250ms"),
    ("1.5 µs", "1.5us"),
    (".5d", "12h"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(input: &str) -> Option<String> {
        read(input).map(|r| r.text)
    }

    #[test]
    fn readings() {
        for &(input, want) in READINGS {
            assert_eq!(text(input).as_deref(), Some(want), "{input}");
            assert_eq!(read(input).unwrap().doubt, None, "{input}");
        }
    }

    #[test]
    fn ambiguous_units_carry_a_doubt() {
        let month = read("1mo").unwrap();
        assert_eq!(month.text, "730h");
        assert_eq!(
            month.doubt,
            Some("months vary in length; Cloudflare counts one month as 730h")
        );
        assert_eq!(text("1y").as_deref(), Some("8760h"));
        assert!(read("1y").unwrap().doubt.is_some());
        let m = read("30M").unwrap();
        assert_eq!(m.text, "30m");
        assert!(m.doubt.is_some());
    }

    #[test]
    fn unreadable() {
        for input in [
            "",
            "24",
            "1h30",
            "1..5h",
            ".h",
            "abc",
            "1 fortnight",
            "h",
            "1h and",
            "and 1h",
            "1h,, 2m x",
        ] {
            assert_eq!(read(input), None, "{input}");
        }
    }
}
