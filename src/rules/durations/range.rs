//! `duration-range`: a duration outside the range Cloudflare accepts for
//! its field.

use std::sync::LazyLock;

use super::{suggested_form, Bound, Field, FIELDS};
use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::GoDuration;
use crate::rules::support::{replacement_fix, replacement_texts, shown};
use crate::rules::Rule;
use crate::span::Span;

pub(crate) const DURATION_RANGE: Rule = Rule::new(
    "duration-range",
    Severity::Error,
    "A duration is outside the range Cloudflare accepts for its field",
    include_str!("duration_range.md"),
);

/// The finding for a duration Go reads as `nanos`, if it is out of range.
/// Negative and zero values are `duration-not-positive`'s.
pub(super) fn finding(field: &Field, text: &str, span: Span, nanos: i64) -> Option<Diagnostic> {
    // The limit crossed is one end of the range.
    let (bound, side) = match (field.min, field.max) {
        (Some(min), _) if nanos < min.nanos => (min, Side::Below),
        (_, Some(max)) if nanos > max.nanos => (max, Side::Above),
        _ => return None,
    };
    // None only when the limit has no form the field accepts: then there
    // is no value to point the user to.
    let end = ENDS
        .iter()
        .find(|end| end.side == side && end.nanos == bound.nanos && end.path == field.path)?;
    let name = field.name();
    let shown = shown(text);
    // Pushed piece by piece: a lint that finds something spends much of
    // its time building the texts (see `benches/lint.rs`).
    let mut message = String::with_capacity(96 + name.len() + shown.len());
    for piece in ["`", &name, "` is `", &shown, "` ("] {
        message.push_str(piece);
    }
    GoDuration::from_nanos(nanos).push_go_string(&mut message);
    message.push_str("), ");
    message.push_str(&end.label);
    message.push_str(&end.range);
    Some(
        DURATION_RANGE
            .at(span, message)
            .with_severity(bound.severity())
            .with_label(end.label.as_str())
            .with_help(end.help.as_str())
            .with_fix(replacement_fix(
                span,
                end.fix_message.as_str(),
                end.literal.as_str(),
                false,
            )),
    )
}

/// Which end of the range a value crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Below,
    Above,
}

/// What a finding at one end of one field's range says besides the value
/// itself. That depends on nothing else, so it is written once per process
/// and every finding borrows it.
struct End {
    path: &'static [&'static str],
    side: Side,
    nanos: i64,
    /// `below the minimum of 730h`
    label: String,
    /// `; the range is 730h to 8760h`
    range: String,
    help: String,
    fix_message: String,
    literal: String,
}

static ENDS: LazyLock<Vec<End>> = LazyLock::new(|| {
    let mut ends = Vec::new();
    for field in FIELDS.iter() {
        let low = suggested_form(field, field.min.map_or(0, |b: Bound| b.nanos));
        let high = match field.max {
            Some(max) => suggested_form(field, max.nanos),
            None => Some("any length".to_owned()),
        };
        let (Some(low), Some(high)) = (low, high) else {
            continue;
        };
        let range = ["; the range is ", &low, " to ", &high].concat();
        for (bound, side, limit) in [
            (field.min, Side::Below, &low),
            (field.max, Side::Above, &high),
        ] {
            let Some(bound) = bound else {
                continue;
            };
            let (fix_message, literal) = replacement_texts(limit);
            let label = match side {
                Side::Below => ["below the minimum of ", limit].concat(),
                Side::Above => ["above the maximum of ", limit].concat(),
            };
            ends.push(End {
                path: field.path,
                side,
                nanos: bound.nanos,
                label,
                range: range.clone(),
                help: [
                    field.range_source,
                    "; use `",
                    limit,
                    "` or a value in range",
                ]
                .concat(),
                fix_message,
                literal,
            });
        }
    }
    ends
});

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "duration-range";

    /// Every end of every range has its texts: a missing one would drop
    /// findings silently.
    #[test]
    fn every_bound_has_its_texts() {
        use super::{Side, ENDS};
        use crate::rules::durations::FIELDS;
        for field in FIELDS.iter() {
            for (bound, side) in [(field.min, Side::Below), (field.max, Side::Above)] {
                if let Some(bound) = bound {
                    assert!(
                        ENDS.iter().any(|end| end.side == side
                            && end.nanos == bound.nanos
                            && end.path == field.path),
                        "{:?} {side:?}",
                        field.path
                    );
                }
            }
        }
    }

    #[test]
    fn seat_expiration_below_one_month_is_an_error() {
        let source = r#"{"user_seat_expiration_inactive_time": "720h"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Error);
        assert_eq!(d.span(), Span::new(39, 45));
        assert_eq!(
            d.message(),
            "`user_seat_expiration_inactive_time` is `720h` (720h0m0s), below the minimum of 730h; the range is 730h to 8760h"
        );
        assert_eq!(d.primary().text(), Some("below the minimum of 730h"));
        assert_eq!(
            d.help(),
            Some("Cloudflare requires at least one month (730h) of inactivity and documents at most one year (8760h); use `730h` or a value in range")
        );
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"user_seat_expiration_inactive_time": "730h"}"#
        );
    }

    #[test]
    fn less_certain_bounds_are_warnings() {
        let source =
            r#"{"user_seat_expiration_inactive_time": "9000h", "session_duration": "10m"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].severity(), Severity::Warning);
        assert_eq!(
            found[0].message(),
            "`user_seat_expiration_inactive_time` is `9000h` (9000h0m0s), above the maximum of 8760h; the range is 730h to 8760h"
        );
        assert_eq!(found[1].severity(), Severity::Warning);
        assert_eq!(found[1].span(), Span::new(68, 73));
        assert_eq!(
            found[1].message(),
            "`session_duration` is `10m` (10m0s), below the minimum of 15m; the range is 15m to 730h"
        );
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"user_seat_expiration_inactive_time": "8760h", "session_duration": "15m"}"#
        );
    }

    #[test]
    fn mfa_durations_above_720h_are_errors() {
        let found = only(CODE, r#"{"mfa_config": {"session_duration": "721h"}}"#);
        assert_eq!(found[0].severity(), Severity::Error);
        assert_eq!(
            found[0].message(),
            "`mfa_config.session_duration` is `721h` (721h0m0s), above the maximum of 720h; the range is 0m to 720h"
        );
    }

    #[test]
    fn bounds_are_inclusive() {
        let source = r#"{"session_duration": "15m", "user_seat_expiration_inactive_time": "8760h", "mfa_config": {"session_duration": "720h", "amr_matching_session_duration": "0m"}, "warp_auth_session_duration": "2160h"}"#;
        assert!(only(CODE, source).is_empty());
        let source = r#"{"warp_auth_session_duration": "2160h1m"}"#;
        let found = only(CODE, source);
        assert_eq!(found[0].severity(), Severity::Error);
        assert_eq!(
            found[0].message(),
            "`warp_auth_session_duration` is `2160h1m` (2160h1m0s), above the maximum of 2160h; the range is 0m to 2160h"
        );
        assert_eq!(
            found[0].help(),
            Some("Cloudflare allows a WARP authentication session of at most 90 days (2160h); use `2160h` or a value in range")
        );
        let source = r#"{"session_duration": "730h0m0.000000001s"}"#;
        assert_eq!(only(CODE, source).len(), 1);
    }
}
