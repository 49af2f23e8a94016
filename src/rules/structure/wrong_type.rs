use std::borrow::Cow;

use super::{push_describe, push_subject, subject};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::json::{Value, ValueKind};
use crate::rules::{Context, Rule};
use crate::schema::pointer::Seg;
use crate::schema::problem::{Problem, ProblemKind, Types};

pub(crate) const WRONG_TYPE: Rule = Rule::new(
    "wrong-type",
    Severity::Error,
    "A field has a value of the wrong JSON type",
    include_str!("wrong_type.md"),
);

pub(super) fn report(problem: &Problem<'_, '_, '_, '_>, cx: &mut Context<'_>) {
    let diagnostic = match &problem.kind {
        ProblemKind::Type { value, expected } => mistyped(problem, value, *expected, cx.source),
        ProblemKind::GoInteger { value } => fractional_integer(problem, value),
        _ => return,
    };
    cx.emit(diagnostic);
}

/// "a boolean", "a string or an array".
fn expected_phrase(types: Types) -> Cow<'static, str> {
    let types = if types.has(Types::NUMBER) && types.has(Types::INTEGER) {
        types.without(Types::INTEGER)
    } else {
        types
    };
    let phrase = |name| match name {
        "object" => "an object",
        "array" => "an array",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        _ => "null",
    };
    let mut names = types.names();
    match (names.next(), names.next()) {
        (Some(only), None) => Cow::Borrowed(phrase(only)),
        _ => Cow::Owned(types.names().map(phrase).collect::<Vec<_>>().join(" or ")),
    }
}

/// The primary label, "expected " and the phrase: spelled out for a single
/// type so that the usual finding builds no string for it.
fn expected_label(want: &str) -> Cow<'static, str> {
    Cow::Borrowed(match want {
        "an object" => "expected an object",
        "an array" => "expected an array",
        "a string" => "expected a string",
        "an integer" => "expected an integer",
        "a number" => "expected a number",
        "a boolean" => "expected a boolean",
        "null" => "expected null",
        several => return Cow::Owned(["expected ", several].concat()),
    })
}

/// Go duration fields: a bare number there has no unit, so there is no
/// right string to quote it into.
fn is_duration(path: &[Seg<'_>]) -> bool {
    super::table_field(path)
        .is_some_and(|field| matches!(field.format, crate::fields::Format::Duration(_)))
}

fn mistyped(
    problem: &Problem<'_, '_, '_, '_>,
    value: &Value<'_>,
    expected: Types,
    source: &str,
) -> Diagnostic {
    let name = subject(problem.path);
    let want = expected_phrase(expected);
    let text = source.get(value.span().range()).unwrap_or_default();
    // Built with `push_str` rather than `format!`: this is the finding the
    // seed example itself triggers, on the lint's hot path.
    let mut message = String::with_capacity(96);
    push_subject(&mut message, problem.path);
    message.push_str(" must be ");
    message.push_str(&want);
    message.push_str(", found ");
    push_describe(&mut message, value, source);
    let mut diagnostic = WRONG_TYPE
        .at(value.span(), message)
        .with_label(expected_label(&want));
    let replace = |with: String| [Edit::replace(value.span(), with)];
    let (help, fix) = match value.kind() {
        ValueKind::String(s) if expected.has(Types::BOOLEAN) => {
            // The seed example's own finding: every text is a constant.
            let quoted: Option<[&'static str; 3]> = match s.as_ref() {
                "true" => Some([
                    "write `true` without quotes: a quoted boolean is a string",
                    "Replace with `true`",
                    "true",
                ]),
                "false" => Some([
                    "write `false` without quotes: a quoted boolean is a string",
                    "Replace with `false`",
                    "false",
                ]),
                _ => None,
            };
            if let Some([help, fix, literal]) = quoted {
                let fix = Fix::safe(fix, [Edit::replace(value.span(), literal)]);
                diagnostic = diagnostic.with_help(help).with_fix(fix);
                return diagnostic;
            } else if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") {
                let lower = s.to_ascii_lowercase();
                (
                    format!("write `{lower}` in lowercase without quotes"),
                    Some(Fix::needs_review(
                        format!("Replace with `{lower}`"),
                        replace(lower),
                    )),
                )
            } else {
                (format!("write `true` or `false` for {name}"), None)
            }
        }
        ValueKind::Number(n) if expected.has(Types::BOOLEAN) => {
            let as_bool = match n.as_str() {
                "0" => Some("false"),
                "1" => Some("true"),
                _ => None,
            };
            (
                format!("write `true` or `false` for {name}"),
                as_bool.map(|b| {
                    Fix::needs_review(format!("Replace with `{b}`"), replace(b.to_string()))
                }),
            )
        }
        ValueKind::Number(_) | ValueKind::Bool(_) if expected.has(Types::STRING) => {
            if is_duration(problem.path) {
                (
                    "write the duration as a string with a unit, such as `\"24h\"`".to_string(),
                    None,
                )
            } else {
                (
                    format!("put `{text}` in quotes"),
                    Some(Fix::needs_review(
                        format!("Replace with `\"{text}\"`"),
                        replace(format!("\"{text}\"")),
                    )),
                )
            }
        }
        ValueKind::String(s) if expected.has(Types::INTEGER) || expected.has(Types::NUMBER) => {
            let number = crate::json::parse(s)
                .ok()
                .and_then(|v| {
                    v.as_number()
                        .map(|n| (n.as_str().to_string(), n.is_integer()))
                })
                .filter(|(_, integer)| *integer || expected.has(Types::NUMBER))
                .filter(|(digits, _)| digits.as_str() == s.as_ref());
            match number {
                Some((digits, _)) => (
                    format!("write `{digits}` without quotes"),
                    Some(Fix::needs_review(
                        format!("Replace with `{digits}`"),
                        replace(digits.clone()),
                    )),
                ),
                None => (format!("write {want} here"), None),
            }
        }
        ValueKind::String(_) | ValueKind::Number(_) | ValueKind::Bool(_)
            if expected.has(Types::ARRAY) =>
        {
            (
                "put the value in an array".to_string(),
                Some(Fix::needs_review(
                    "Wrap in an array",
                    replace(format!("[{text}]")),
                )),
            )
        }
        _ => (format!("write {want} here"), None),
    };
    diagnostic = diagnostic.with_help(help);
    if let Some(fix) = fix {
        diagnostic = diagnostic.with_fix(fix);
    }
    diagnostic
}

/// An integer written as `30.0` or `3e1`: JSON Schema calls it an integer,
/// Go's encoding/json does not.
fn fractional_integer(problem: &Problem<'_, '_, '_, '_>, value: &Value<'_>) -> Diagnostic {
    let text = value.as_number().map(|n| n.as_str()).unwrap_or_default();
    let mut diagnostic = WRONG_TYPE
        .at(
            value.span(),
            format!(
                "{} must be an integer, found the number `{text}`, which Go's encoding/json does not read as one",
                subject(problem.path)
            ),
        )
        .with_label("expected an integer")
        .with_help("write the number without a fraction or exponent");
    let whole = value
        .as_number()
        .and_then(|n| n.as_f64())
        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15);
    if let Some(whole) = whole {
        let digits = format!("{}", whole as i64);
        diagnostic = diagnostic.with_fix(Fix::safe(
            format!("Replace with `{digits}`"),
            [Edit::replace(value.span(), digits)],
        ));
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Diagnostic, Span};

    fn wrong(source: &str) -> Vec<Diagnostic> {
        lint(source)
            .into_iter()
            .filter(|d| d.code() == "wrong-type")
            .collect()
    }

    fn fixed(source: &str, allowed: Applicability) -> String {
        apply_fixes(source, &wrong(source), allowed).0
    }

    #[test]
    fn a_quoted_boolean_is_fixed_safely() {
        let source = r#"{"is_ui_read_only": "false"}"#;
        let d = &wrong(source)[0];
        assert_eq!(d.span(), Span::new(20, 27));
        assert_eq!(
            d.message(),
            "`is_ui_read_only` must be a boolean, found the string `\"false\"`"
        );
        assert_eq!(
            d.help(),
            Some("write `false` without quotes: a quoted boolean is a string")
        );
        assert_eq!(
            fixed(source, Applicability::Safe),
            r#"{"is_ui_read_only": false}"#
        );
    }

    #[test]
    fn other_spellings_of_booleans_need_review() {
        let source = r#"{"is_ui_read_only": "True", "deny_unmatched_requests": 1, "strict_service_token_auth": "yes"}"#;
        assert_eq!(fixed(source, Applicability::Safe), source);
        assert_eq!(
            fixed(source, Applicability::Unsafe),
            r#"{"is_ui_read_only": true, "deny_unmatched_requests": true, "strict_service_token_auth": "yes"}"#
        );
        assert_eq!(
            wrong(source)[2].help(),
            Some("write `true` or `false` for `strict_service_token_auth`")
        );
    }

    #[test]
    fn numbers_are_quoted_except_for_durations() {
        let source = r#"{"name": 42, "session_duration": 24}"#;
        let found = wrong(source);
        assert_eq!(
            found[0].message(),
            "`name` must be a string, found the number `42`"
        );
        assert_eq!(
            found[1].message(),
            "`session_duration` must be a string, found the number `24`"
        );
        assert_eq!(
            found[1].help(),
            Some("write the duration as a string with a unit, such as `\"24h\"`")
        );
        assert_eq!(
            fixed(source, Applicability::Unsafe),
            r#"{"name": "42", "session_duration": 24}"#
        );
    }

    #[test]
    fn quoted_integers_arrays_and_containers() {
        let source = r#"{"service_token_inactivity": {"inactivity_threshold_days": "90"}, "deny_unmatched_requests_exempted_zone_names": "example.com", "login_design": "dark"}"#;
        let found = wrong(source);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "`service_token_inactivity.inactivity_threshold_days` must be an integer, found the string `\"90\"`",
                "`deny_unmatched_requests_exempted_zone_names` must be an array, found the string `\"example.com\"`",
                "`login_design` must be an object, found the string `\"dark\"`",
            ]
        );
        assert_eq!(found[2].help(), Some("write an object here"));
        assert_eq!(
            fixed(source, Applicability::Unsafe),
            r#"{"service_token_inactivity": {"inactivity_threshold_days": 90}, "deny_unmatched_requests_exempted_zone_names": ["example.com"], "login_design": "dark"}"#
        );
    }

    #[test]
    fn integers_with_a_fraction_are_fixed_safely() {
        let source = r#"{"service_token_inactivity": {"inactivity_threshold_days": 9e1}}"#;
        let d = &wrong(source)[0];
        assert_eq!(d.span(), Span::new(59, 62));
        assert_eq!(
            d.message(),
            "`service_token_inactivity.inactivity_threshold_days` must be an integer, found the number `9e1`, which Go's encoding/json does not read as one"
        );
        assert_eq!(
            fixed(source, Applicability::Safe),
            r#"{"service_token_inactivity": {"inactivity_threshold_days": 90}}"#
        );
    }

    #[test]
    fn items_of_arrays_are_checked() {
        let d = &wrong(r#"{"mfa_config": {"allowed_authenticators": [true]}}"#)[0];
        assert_eq!(
            d.message(),
            "`mfa_config.allowed_authenticators[0]` must be a string, found the boolean `true`"
        );
    }
}
