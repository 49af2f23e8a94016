//! `duration-syntax`: Go's `time.ParseDuration` rejects the value.

use super::{exact, forms, intent, units_list, Field};
use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::{self, ErrorKind};
use crate::rules::support::{replace_string, shown};
use crate::rules::Rule;
use crate::span::Span;

pub(crate) const DURATION_SYNTAX: Rule = Rule::new(
    "duration-syntax",
    Severity::Error,
    "A duration is not in the format Go's time.ParseDuration accepts",
    include_str!("duration_syntax.md"),
);

/// The finding for a duration Go rejects with `error`.
pub(super) fn finding(
    field: &Field,
    text: &str,
    span: Span,
    error: &duration::Error,
) -> Diagnostic {
    let diagnostic = DURATION_SYNTAX
        .at(
            span,
            format!(
                "`{}` is `{}`, which Go's time.ParseDuration rejects: {error}",
                field.name(),
                shown(text)
            ),
        )
        .with_label("not a Go duration");
    let units = units_list(field);
    match suggestion(field, text) {
        Some(s) => {
            let help = match s.doubt {
                Some(doubt) => format!("{doubt}; check that `{}` is what you mean", s.text),
                None => format!(
                    "write `{}`; Go durations take no spaces and only the units {units}",
                    s.text
                ),
            };
            diagnostic
                .with_help(help)
                .with_fix(replace_string(span, &s.text, s.safe))
        }
        None if error.kind() == ErrorKind::MissingUnit
            && !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            diagnostic.with_help(format!(
                "add a unit, e.g. `{text}h` or `{text}m`; the units are {units}"
            ))
        }
        None => diagnostic.with_help(format!(
            "write a Go duration such as `24h`, `30m` or `2h45m`; the units are {units}"
        )),
    }
}

/// A replacement in Go's grammar for a rejected value whose intent is
/// readable.
struct Suggestion {
    text: String,
    /// Go reads `text` as exactly the value written: no unit was ambiguous
    /// and nothing was rounded.
    safe: bool,
    doubt: Option<&'static str>,
}

fn suggestion(field: &Field, text: &str) -> Option<Suggestion> {
    let reading = intent::read(text)?;
    let exact = exact::exact(&reading.text)?;
    let nanos = exact.to_nanos()?;
    let go = duration::parse(&reading.text).ok()?.as_nanos();
    let mut candidate = if go == nanos && exact.is_integral() {
        reading.text
    } else {
        forms::compact(nanos)
    };
    let minutes_hours = |t: &str| {
        exact::components(t).is_some_and(|(_, parts)| {
            !parts.is_empty() && parts.iter().all(|p| matches!(p.unit, "m" | "h"))
        })
    };
    if field.minutes_hours_only && !minutes_hours(&candidate) {
        if let Some(form) = forms::minutes_hours(nanos) {
            candidate = form;
        }
    }
    if duration::parse(&candidate).ok()?.as_nanos() != nanos {
        return None;
    }
    Some(Suggestion {
        text: candidate,
        safe: reading.doubt.is_none() && exact.is_integral(),
        doubt: reading.doubt,
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "duration-syntax";

    #[test]
    fn days_get_a_safe_fix_in_hours() {
        let source = r#"{"session_duration": "1d"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Error);
        assert_eq!(d.span(), Span::new(21, 25));
        assert_eq!(
            d.message(),
            r#"`session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit "d" in duration "1d""#
        );
        assert_eq!(d.primary().text(), Some("not a Go duration"));
        assert_eq!(
            d.help(),
            Some("write `24h`; Go durations take no spaces and only the units ns, us (or µs), ms, s, m and h")
        );
        assert_eq!(d.fixes()[0].message(), r#"Replace with `"24h"`"#);
        assert_eq!(d.fixes()[0].applicability(), Applicability::Safe);
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"session_duration": "24h"}"#
        );
    }

    #[test]
    fn readable_values_are_rewritten_exactly() {
        for &(value, want) in super::super::intent::READINGS {
            let source = format!(r#"{{"user_seat_expiration_inactive_time": "{value}"}}"#);
            let found = only(CODE, &source);
            assert_eq!(found.len(), 1, "{value}");
            assert_eq!(
                found[0].fixes()[0].applicability(),
                Applicability::Safe,
                "{value}"
            );
            assert_eq!(
                fixed(&source, &found, Applicability::Safe),
                format!(r#"{{"user_seat_expiration_inactive_time": "{want}"}}"#),
                "{value}"
            );
        }
    }

    #[test]
    fn ambiguous_units_need_review() {
        let source = r#"{"user_seat_expiration_inactive_time": "1mo"}"#;
        let found = only(CODE, source);
        let d = &found[0];
        assert_eq!(
            d.help(),
            Some("months vary in length; Cloudflare counts one month as 730h; check that `730h` is what you mean")
        );
        assert_eq!(d.fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(fixed(source, &found, Applicability::Safe), source);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"user_seat_expiration_inactive_time": "730h"}"#
        );
        let found = only(CODE, r#"{"session_duration": "1y"}"#);
        assert_eq!(found[0].fixes()[0].message(), r#"Replace with `"8760h"`"#);
        assert_eq!(found[0].fixes()[0].applicability(), Applicability::Unsafe);
    }

    #[test]
    fn minutes_hours_fields_get_minutes_hours_fixes() {
        let source = r#"{"mfa_config": {"session_duration": "90 secs", "amr_matching_session_duration": "2 days"}, "warp_auth_session_duration": "3600 seconds"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 3);
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"mfa_config": {"session_duration": "90s", "amr_matching_session_duration": "48h"}, "warp_auth_session_duration": "1h"}"#
        );
        // 90 seconds is not a whole number of minutes: the fix keeps seconds
        // and `duration-unit` then says so.
        assert_eq!(
            found[0].help(),
            Some("write `90s`; Go durations take no spaces and only the units m and h")
        );
    }

    #[test]
    fn a_bare_number_has_no_fix() {
        let found = only(CODE, r#"{"session_duration": "24"}"#);
        let d = &found[0];
        assert_eq!(
            d.message(),
            r#"`session_duration` is `24`, which Go's time.ParseDuration rejects: time: missing unit in duration "24""#
        );
        assert_eq!(
            d.help(),
            Some("add a unit, e.g. `24h` or `24m`; the units are ns, us (or µs), ms, s, m and h")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn unreadable_values_get_generic_help() {
        let found = only(CODE, r#"{"warp_auth_session_duration": "soon"}"#);
        let d = &found[0];
        assert_eq!(
            d.message(),
            r#"`warp_auth_session_duration` is `soon`, which Go's time.ParseDuration rejects: time: invalid duration "soon""#
        );
        assert_eq!(
            d.help(),
            Some("write a Go duration such as `24h`, `30m` or `2h45m`; the units are m and h")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn valid_and_other_typed_values_are_left_alone() {
        let source = r#"{"session_duration": "2h45m", "user_seat_expiration_inactive_time": 730, "mfa_config": {"session_duration": "0"}, "warp_auth_session_duration": null}"#;
        assert!(only(CODE, source).is_empty());
    }
}
