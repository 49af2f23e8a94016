//! Go duration fields: syntax, sign, units, Cloudflare's ranges, and values
//! Go only reaches through float64 or overflowing arithmetic.
//!
//! Each duration is parsed once with [`crate::duration::parse`], the exact
//! port of Go's `time.ParseDuration`; the rules then look at the result.
//! A value Go rejects gets only `duration-syntax`; one whose exact value
//! lies outside Go's `int64` range gets only `duration-overflow`, since
//! what Go makes of it says nothing about what was meant.

use std::borrow::Cow;

mod exact;
mod forms;
mod intent;
mod not_positive;
mod overflow;
mod range;
mod syntax;
mod unit;

use super::support::{dotted, str_at};
use super::{Context, Rule};
use crate::diagnostic::Severity;
use crate::duration;
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &syntax::DURATION_SYNTAX,
    &not_positive::DURATION_NOT_POSITIVE,
    &range::DURATION_RANGE,
    &unit::DURATION_UNIT,
    &overflow::DURATION_OVERFLOW,
];

const MINUTE: i64 = 60_000_000_000;
const HOUR: i64 = 60 * MINUTE;

/// One end of a field's range, and how sure we are that Cloudflare
/// enforces it.
#[derive(Clone, Copy, Debug)]
struct Bound {
    nanos: i64,
    severity: Severity,
}

/// A duration field and what Cloudflare accepts in it.
#[derive(Clone, Copy, Debug)]
struct Field {
    path: &'static [&'static str],
    /// Only the `m` and `h` units are allowed.
    minutes_hours_only: bool,
    /// Zero is in range (the MFA durations: "0m to 720h").
    zero_allowed: bool,
    min: Option<Bound>,
    max: Option<Bound>,
    /// Where the range comes from, for the help line.
    range_source: &'static str,
}

impl Field {
    fn name(&self) -> Cow<'static, str> {
        dotted(self.path)
    }
}

const FIELDS: &[Field] = &[
    Field {
        path: &["session_duration"],
        minutes_hours_only: false,
        zero_allowed: false,
        // Documented (H); that the API enforces it is inferred (M).
        min: Some(Bound {
            nanos: 15 * MINUTE,
            severity: Severity::Warning,
        }),
        max: Some(Bound {
            nanos: 730 * HOUR,
            severity: Severity::Warning,
        }),
        range_source: "Cloudflare documents a session duration from 15 minutes to one month (730h)",
    },
    Field {
        path: &["user_seat_expiration_inactive_time"],
        minutes_hours_only: false,
        zero_allowed: false,
        // "Minimum value for this setting is 1 month (730h)" (H).
        min: Some(Bound {
            nanos: 730 * HOUR,
            severity: Severity::Error,
        }),
        // One year, from the docs only (M).
        max: Some(Bound {
            nanos: 8760 * HOUR,
            severity: Severity::Warning,
        }),
        range_source: "Cloudflare requires at least one month (730h) of inactivity and documents at most one year (8760h)",
    },
    Field {
        path: &["warp_auth_session_duration"],
        minutes_hours_only: true,
        zero_allowed: false,
        min: None,
        max: None,
        range_source: "",
    },
    mfa_field(&["mfa_config", "session_duration"]),
    mfa_field(&["mfa_config", "amr_matching_session_duration"]),
];

/// An `mfa_config` duration: both take the same range.
const fn mfa_field(path: &'static [&'static str]) -> Field {
    Field {
        path,
        minutes_hours_only: true,
        zero_allowed: true,
        min: None,
        max: Some(Bound {
            nanos: 720 * HOUR,
            severity: Severity::Error,
        }),
        range_source: "Cloudflare accepts MFA session durations from 0m to 720h",
    }
}

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    for field in FIELDS {
        let Some(found) = str_at(root, field.path) else {
            continue;
        };
        let (text, span) = (found.text, found.span);
        let go = match duration::parse(text) {
            Ok(go) => go.as_nanos(),
            Err(error) => {
                cx.emit(syntax::finding(field, text, span, &error));
                continue;
            }
        };
        let meant_exactly = if may_be_inexact(text) {
            let exact = exact::exact(text);
            let meant = exact.as_ref().and_then(exact::Exact::to_nanos);
            if let Some(exact) = &exact {
                if let Some(finding) = overflow::finding(field, text, span, go, exact) {
                    cx.emit(finding);
                    if meant.is_none() {
                        continue;
                    }
                }
            }
            meant.filter(|_| exact.as_ref().is_some_and(exact::Exact::is_integral))
        } else {
            // Go's arithmetic is exact here: the text means `go` nanoseconds.
            Some(go)
        };
        if let Some(finding) = unit::finding(field, text, span, meant_exactly) {
            cx.emit(finding);
        }
        if let Some(finding) = not_positive::finding(field, text, span, go) {
            cx.emit(finding);
            continue;
        }
        if let Some(finding) = range::finding(field, text, span, go) {
            cx.emit(finding);
        }
    }
}

/// The units a duration may use, for help lines.
/// Whether Go's nanoseconds for `text`, a duration Go accepts, can differ
/// from its exact value. Only two things make them differ: a fraction,
/// which Go scales through float64, and a component of 2^63ns, which has 19
/// digits and can wrap Go's unchecked sum. Without either, the exact value
/// is not worth working out.
fn may_be_inexact(text: &str) -> bool {
    text.contains('.')
        || text
            .split(|c: char| !c.is_ascii_digit())
            .any(|digits| digits.len() >= 19)
}

fn units_list(field: &Field) -> &'static str {
    if field.minutes_hours_only {
        "m and h"
    } else {
        "ns, us (or µs), ms, s, m and h"
    }
}

/// The text to suggest for a duration of `nanos`: only `m` and `h` where
/// the field demands it (`None` if that cannot be exact), otherwise the
/// compact form.
fn suggested_form(field: &Field, nanos: i64) -> Option<String> {
    if field.minutes_hours_only {
        forms::minutes_hours(nanos)
    } else {
        Some(forms::compact(nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping the exact value must not hide an overflow: wherever
    /// `may_be_inexact` is false, Go's nanoseconds are the exact ones.
    #[test]
    fn go_is_exact_unless_the_text_may_be_inexact() {
        let edges = [
            "2562047h47m16s854775807ns",
            "-2562047h47m16s854775808ns",
            "9223372036854775us807ns",
            "-9223372036854775us808ns",
            "153722867m",
        ];
        let common = [
            "0",
            "-0",
            "+0",
            "24h",
            "730h",
            "1h30m",
            "-15m",
            "+90s",
            "1h1m1s1ms1us1µs1μs1ns",
            "000000000000000001h",
        ];
        for text in edges.into_iter().chain(common) {
            let go = duration::parse(text).unwrap().as_nanos();
            assert!(!may_be_inexact(text), "{text}");
            let exact = exact::exact(text).unwrap();
            assert_eq!(exact.to_nanos(), Some(go), "{text}");
            assert!(exact.is_integral(), "{text}");
        }
        // Each way Go can differ is caught.
        for text in [
            "0.3333333333333333333h",
            "1.5ns",
            "9223372036854775808ns9223372036854775808ns",
            "4611686018427387904ns4611686018427387904ns9223372036854775808ns",
        ] {
            let go = duration::parse(text).unwrap().as_nanos();
            let exact = exact::exact(text).unwrap();
            assert!(
                exact.to_nanos() != Some(go) || !exact.is_integral(),
                "{text}"
            );
            assert!(may_be_inexact(text), "{text}");
        }
    }
}
