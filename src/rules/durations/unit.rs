//! `duration-unit`: a unit other than `m` or `h` in a field that takes only
//! those.

use super::{exact, forms, Field};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{replace_string, shown};
use crate::rules::Rule;
use crate::span::Span;

pub(crate) const DURATION_UNIT: Rule = Rule::new(
    "duration-unit",
    Severity::Error,
    "A duration that takes only minutes and hours uses another unit",
    include_str!("duration_unit.md"),
);

/// The finding for a duration Go accepts, if its field takes only `m` and
/// `h` and it uses something else. `meant` is the exact value in whole
/// nanoseconds, when there is one, for the fix.
pub(super) fn finding(
    field: &Field,
    text: &str,
    span: Span,
    meant: Option<i64>,
) -> Option<Diagnostic> {
    if !field.minutes_hours_only {
        return None;
    }
    // Go accepted the text, so its units are the runs between the sign,
    // digits and dots: the usual case, all `m` or `h`, needs no parsing.
    let mut units = text
        .split(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'))
        .filter(|unit| !unit.is_empty())
        .peekable();
    if units.peek().is_some() && units.all(|unit| matches!(unit, "m" | "h")) {
        return None;
    }
    let (_, parts) = exact::components(text)?;
    let mut others: Vec<&str> = Vec::new();
    for part in &parts {
        if !matches!(part.unit, "m" | "h") && !others.contains(&part.unit) {
            others.push(part.unit);
        }
    }
    let what = match others.as_slice() {
        [] if !parts.is_empty() => return None,
        [] => "has no unit".to_owned(),
        [one] => format!("uses the unit `{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|u| format!("`{u}`")).collect();
            format!("uses the units {} and `{last}`", init.join(", "))
        }
    };
    let diagnostic = DURATION_UNIT
        .at(
            span,
            format!(
                "`{}` is `{}`, which {what}; it takes only the units `m` and `h`",
                field.name(),
                shown(text)
            ),
        )
        .with_label("only `m` and `h` allowed");
    Some(match meant.and_then(forms::minutes_hours) {
        Some(form) => diagnostic
            .with_help(format!("write `{form}`"))
            .with_fix(replace_string(span, &form, true)),
        None => diagnostic.with_help(
            "round to whole minutes and write them with `m` and `h`, e.g. `30m` or `1h30m`",
        ),
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "duration-unit";

    #[test]
    fn seconds_become_the_shortest_minutes_hours_form() {
        let source = r#"{"warp_auth_session_duration": "3600s"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Error);
        assert_eq!(d.span(), Span::new(31, 38));
        assert_eq!(
            d.message(),
            "`warp_auth_session_duration` is `3600s`, which uses the unit `s`; it takes only the units `m` and `h`"
        );
        assert_eq!(d.primary().text(), Some("only `m` and `h` allowed"));
        assert_eq!(d.help(), Some("write `1h`"));
        assert_eq!(d.fixes()[0].applicability(), Applicability::Safe);
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"warp_auth_session_duration": "1h"}"#
        );
    }

    #[test]
    fn several_units_and_bare_zero() {
        let source = r#"{"mfa_config": {"session_duration": "1h30m0s0ms", "amr_matching_session_duration": "0"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message(),
            "`mfa_config.session_duration` is `1h30m0s0ms`, which uses the units `s` and `ms`; it takes only the units `m` and `h`"
        );
        assert_eq!(
            found[1].message(),
            "`mfa_config.amr_matching_session_duration` is `0`, which has no unit; it takes only the units `m` and `h`"
        );
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"mfa_config": {"session_duration": "90m", "amr_matching_session_duration": "0m"}}"#
        );
    }

    #[test]
    fn no_fix_without_whole_minutes() {
        let found = only(CODE, r#"{"warp_auth_session_duration": "90s"}"#);
        assert_eq!(
            found[0].help(),
            Some("round to whole minutes and write them with `m` and `h`, e.g. `30m` or `1h30m`")
        );
        assert!(found[0].fixes().is_empty());
    }

    #[test]
    fn minutes_and_hours_pass_and_other_fields_take_any_unit() {
        let source = r#"{"warp_auth_session_duration": "1.5h", "mfa_config": {"session_duration": "30m1h"}, "session_duration": "3600s"}"#;
        assert!(only(CODE, source).is_empty());
    }
}
