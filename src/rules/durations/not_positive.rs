//! `duration-not-positive`: a negative duration, or zero where a duration
//! must be positive.

use super::Field;
use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::GoDuration;
use crate::rules::support::{replace_string, shown};
use crate::rules::Rule;
use crate::span::Span;

pub(crate) const DURATION_NOT_POSITIVE: Rule = Rule::new(
    "duration-not-positive",
    Severity::Error,
    "A duration is negative, or zero where it must be positive",
    include_str!("duration_not_positive.md"),
);

/// The finding for a duration Go reads as `nanos`, if that is out of bounds.
pub(super) fn finding(field: &Field, text: &str, span: Span, nanos: i64) -> Option<Diagnostic> {
    if nanos > 0 || (nanos == 0 && field.zero_allowed) {
        return None;
    }
    let (what, must) = match (nanos == 0, field.zero_allowed) {
        (true, _) => ("zero", "it must be positive"),
        (false, false) => ("negative", "it must be positive"),
        (false, true) => ("negative", "it must be zero or more"),
    };
    let diagnostic = DURATION_NOT_POSITIVE
        .at(
            span,
            format!(
                "`{}` is `{}` ({}), which is {what}; {must}",
                field.name(),
                shown(text),
                GoDuration::from_nanos(nanos)
            ),
        )
        .with_label(what)
        .with_severity(field.not_positive_severity());
    // A stray minus sign is the likely mistake; dropping it changes the
    // value, so a person should confirm.
    match text.strip_prefix('-') {
        Some(positive) if nanos < 0 => Some(
            diagnostic
                .with_help(format!("drop the minus sign: `{positive}`"))
                .with_fix(replace_string(span, positive, false)),
        ),
        _ => Some(diagnostic.with_help("use a positive duration such as `24h` or `30m`")),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "duration-not-positive";

    #[test]
    fn negative_durations_get_a_fix_to_review() {
        let source = r#"{"session_duration": "-24h"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(21, 27));
        assert_eq!(
            d.message(),
            "`session_duration` is `-24h` (-24h0m0s), which is negative; it must be positive"
        );
        assert_eq!(d.primary().text(), Some("negative"));
        assert_eq!(d.help(), Some("drop the minus sign: `24h`"));
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"session_duration": "24h"}"#
        );
    }

    #[test]
    fn zero_is_flagged_except_for_mfa_durations() {
        let source = r#"{"warp_auth_session_duration": "0m", "mfa_config": {"session_duration": "0m", "amr_matching_session_duration": "-5m"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].span(), Span::new(31, 35));
        assert_eq!(
            found[0].message(),
            "`warp_auth_session_duration` is `0m` (0s), which is zero; it must be positive"
        );
        assert_eq!(
            found[0].help(),
            Some("use a positive duration such as `24h` or `30m`")
        );
        assert!(found[0].fixes().is_empty());
        assert_eq!(found[1].span(), Span::new(111, 116));
        assert_eq!(
            found[1].message(),
            "`mfa_config.amr_matching_session_duration` is `-5m` (-5m0s), which is negative; it must be zero or more"
        );
    }

    #[test]
    fn positive_durations_pass() {
        assert!(only(
            CODE,
            r#"{"session_duration": "1ns", "user_seat_expiration_inactive_time": "+730h"}"#
        )
        .is_empty());
    }
}
