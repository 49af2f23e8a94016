//! Go duration fields: syntax, sign, units, Cloudflare's ranges, and values
//! Go only reaches through float64 or overflowing arithmetic.
//!
//! Each duration is parsed once with [`crate::duration::parse`], the exact
//! port of Go's `time.ParseDuration`; the rules then look at the result.
//! A value Go rejects gets only `duration-syntax`; one whose exact value
//! lies outside Go's `int64` range gets only `duration-overflow`, since
//! what Go makes of it says nothing about what was meant.

use std::borrow::Cow;
use std::sync::LazyLock;

mod exact;
mod forms;
mod intent;
mod not_positive;
mod overflow;
mod range;
mod syntax;
mod unit;

use super::support::{dotted, set_str_at};
use super::{Context, Rule};
use crate::diagnostic::Severity;
use crate::duration;
use crate::fields::{self, Confidence, DurationRange, Format, Limit};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &syntax::DURATION_SYNTAX,
    &not_positive::DURATION_NOT_POSITIVE,
    &range::DURATION_RANGE,
    &unit::DURATION_UNIT,
    &overflow::DURATION_OVERFLOW,
];

/// One end of a field's range, as the field table gives it.
type Bound = Limit;

impl Limit {
    /// An end the evidence makes certain (H) is an error, any other a
    /// warning.
    fn severity(&self) -> Severity {
        match self.confidence {
            Confidence::High => Severity::Error,
            Confidence::Medium | Confidence::Low => Severity::Warning,
        }
    }
}

/// A duration field of the table and the units and range it takes.
#[derive(Clone, Copy, Debug)]
struct Field {
    path: &'static [&'static str],
    range: DurationRange,
}

/// The rules read the range's parts as the field's own.
impl std::ops::Deref for Field {
    type Target = DurationRange;

    fn deref(&self) -> &DurationRange {
        &self.range
    }
}

impl Field {
    fn name(&self) -> Cow<'static, str> {
        dotted(self.path)
    }

    /// The severity of a value that is negative, or zero where zero is not
    /// allowed: that of the lower end of the range, which such a value is
    /// below; with no lower end, whether the server refuses it is unknown.
    fn not_positive_severity(&self) -> Severity {
        self.min.map_or(Severity::Warning, |min| min.severity())
    }
}

/// The duration fields of the table.
static FIELDS: LazyLock<Vec<Field>> = LazyLock::new(|| {
    fields::with_format()
        .filter_map(|(field, format)| match format {
            Format::Duration(range) => Some(Field {
                path: field.path(),
                range,
            }),
            _ => None,
        })
        .collect()
});

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    for field in FIELDS.iter() {
        let Some(found) = set_str_at(root, field.path) else {
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
                    // Past Go's range, what Go reads says nothing of what
                    // was meant: the overflow is the finding, when it is
                    // reported. Otherwise the value Go reads is judged.
                    if meant.is_none() && cx.enabled(&overflow::DURATION_OVERFLOW) {
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
            if cx.enabled(&not_positive::DURATION_NOT_POSITIVE) {
                continue;
            }
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
