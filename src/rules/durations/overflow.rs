//! `duration-overflow`: Go accepts the duration, but its nanoseconds differ
//! from what the text says.

use super::exact::Exact;
use super::{forms, suggested_form, Field};
use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::GoDuration;
use crate::rules::support::{replace_string, shown};
use crate::rules::Rule;
use crate::span::Span;

pub(crate) const DURATION_OVERFLOW: Rule = Rule::new(
    "duration-overflow",
    Severity::Warning,
    "Go reads a duration as a different number of nanoseconds than it says",
    include_str!("duration_overflow.md"),
);

/// The finding for a duration Go reads as `go` nanoseconds, if that is not
/// the whole nanoseconds of its `exact` value.
pub(super) fn finding(
    field: &Field,
    text: &str,
    span: Span,
    go: i64,
    exact: &Exact,
) -> Option<Diagnostic> {
    if exact.whole() == u128::from(go.unsigned_abs()) {
        return None;
    }
    let go_text = GoDuration::from_nanos(go);
    let name = field.name();
    let text = shown(text);
    let Some(meant) = exact.to_nanos() else {
        return Some(
            DURATION_OVERFLOW
                .at(
                    span,
                    format!(
                        "`{name}` is `{text}`, exactly {exact}ns, beyond Go's int64 range, but Go's time.ParseDuration wraps it to {go}ns ({go_text})"
                    ),
                )
                .with_label(format!("Go reads {go_text}"))
                .with_help("a Go duration is at most 2562047h47m16.854775807s; write the duration you mean"),
        );
    };
    let diagnostic = DURATION_OVERFLOW
        .at(
            span,
            format!(
                "`{name}` is `{text}`, exactly {exact}ns, but Go's time.ParseDuration computes {go}ns ({go_text})"
            ),
        )
        .with_label(format!("Go reads {go_text}"));
    Some(if exact.is_integral() {
        // The text names a whole number of nanoseconds; a form Go reads
        // exactly keeps that intent.
        let form = suggested_form(field, meant).unwrap_or_else(|| forms::compact(meant));
        diagnostic
            .with_help(format!("write `{form}`, which Go reads exactly"))
            .with_fix(replace_string(span, &form, true))
    } else {
        // A fraction of a nanosecond: what was meant is unclear, so offer
        // the value Go uses, written plainly.
        let form = suggested_form(field, go).unwrap_or_else(|| forms::compact(go));
        diagnostic
            .with_help(format!(
                "write fewer fraction digits; `{form}` is the value Go uses"
            ))
            .with_fix(replace_string(span, &form, false))
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{lint, Applicability, Severity, Span};

    const CODE: &str = "duration-overflow";

    #[test]
    fn float64_rounding_below_the_written_value() {
        let source = r#"{"session_duration": "0.10000000000000m"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(21, 40));
        assert_eq!(
            d.message(),
            "`session_duration` is `0.10000000000000m`, exactly 6000000000ns, but Go's time.ParseDuration computes 5999999999ns (5.999999999s)"
        );
        assert_eq!(d.primary().text(), Some("Go reads 5.999999999s"));
        assert_eq!(d.help(), Some("write `6s`, which Go reads exactly"));
        assert_eq!(d.fixes()[0].applicability(), Applicability::Safe);
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"session_duration": "6s"}"#
        );
    }

    #[test]
    fn float64_rounding_of_a_long_fraction() {
        let source = r#"{"session_duration": "0.3333333333333333333h"}"#;
        let found = only(CODE, source);
        let d = &found[0];
        assert_eq!(
            d.message(),
            "`session_duration` is `0.3333333333333333333h`, exactly 1199999999999.99999988ns, but Go's time.ParseDuration computes 1200000000000ns (20m0s)"
        );
        assert_eq!(
            d.help(),
            Some("write fewer fraction digits; `20m` is the value Go uses")
        );
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"session_duration": "20m"}"#
        );
    }

    #[test]
    fn wrapping_past_int64_is_reported_alone() {
        let source = r#"{"session_duration": "9223372036854775808ns9223372036854775808ns"}"#;
        let all = lint(source);
        let codes: Vec<_> = all.iter().map(|d| d.code()).collect();
        assert!(codes.contains(&CODE), "{codes:?}");
        assert!(!codes.contains(&"duration-not-positive"), "{codes:?}");
        let found = only(CODE, source);
        assert_eq!(
            found[0].message(),
            "`session_duration` is `9223372036854775808ns9223372036854775808ns`, exactly 18446744073709551616ns, beyond Go's int64 range, but Go's time.ParseDuration wraps it to 0ns (0s)"
        );
        assert_eq!(
            found[0].help(),
            Some("a Go duration is at most 2562047h47m16.854775807s; write the duration you mean")
        );
        assert!(found[0].fixes().is_empty());
    }

    #[test]
    fn exact_values_and_sub_nanosecond_truncation_pass() {
        let source = r#"{"session_duration": "1.5ns", "user_seat_expiration_inactive_time": "2562047h47m16.854775807s", "mfa_config": {"session_duration": "0.5h"}}"#;
        assert!(only(CODE, source).is_empty());
    }
}
