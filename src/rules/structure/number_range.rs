use super::{format_number, subject};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, Rule};
use crate::schema::problem::{Bounds, Problem, ProblemKind};

pub(crate) const NUMBER_RANGE: Rule = Rule::new(
    "number-range",
    Severity::Error,
    "A number is outside the range the field allows",
    include_str!("number_range.md"),
);

/// "the range 30 to 365", "at least 30", "less than 10".
fn allowed(bounds: &Bounds) -> String {
    match (bounds.minimum, bounds.maximum) {
        (Some(min), Some(max)) => format!("from {} to {}", format_number(min), format_number(max)),
        (Some(min), None) => format!("of at least {}", format_number(min)),
        (None, Some(max)) => format!("of at most {}", format_number(max)),
        (None, None) => match (bounds.exclusive_minimum, bounds.exclusive_maximum) {
            (Some(min), _) => format!("greater than {}", format_number(min)),
            (_, Some(max)) => format!("less than {}", format_number(max)),
            _ => "in range".to_string(),
        },
    }
}

pub(super) fn report(problem: &Problem<'_, '_, '_, '_>, cx: &mut Context<'_>) {
    let ProblemKind::Range {
        keyword,
        value,
        bounds,
    } = &problem.kind
    else {
        return;
    };
    let text = value.as_number().map(|n| n.as_str()).unwrap_or_default();
    let name = subject(problem.path);
    let (why, clamp) = match *keyword {
        "minimum" => (
            match bounds.maximum {
                Some(_) => format!(
                    "outside the range {}",
                    allowed(bounds).trim_start_matches("from ")
                ),
                None => format!(
                    "below the minimum of {}",
                    bounds.minimum.map(format_number).unwrap_or_default()
                ),
            },
            bounds.minimum,
        ),
        "maximum" => (
            match bounds.minimum {
                Some(_) => format!(
                    "outside the range {}",
                    allowed(bounds).trim_start_matches("from ")
                ),
                None => format!(
                    "above the maximum of {}",
                    bounds.maximum.map(format_number).unwrap_or_default()
                ),
            },
            bounds.maximum,
        ),
        _ => (format!("which is not {}", allowed(bounds)), None),
    };
    let mut diagnostic = NUMBER_RANGE
        .at(value.span(), format!("{name} is `{text}`, {why}"))
        .with_label("out of range")
        .with_help(format!("use a number {}", allowed(bounds)));
    if let Some(limit) = clamp {
        let limit = format_number(limit);
        diagnostic = diagnostic.with_fix(Fix::needs_review(
            format!("Use the nearest allowed value, `{limit}`"),
            [Edit::replace(value.span(), limit)],
        ));
    }
    cx.emit(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::schema::Schema;
    use crate::{apply_fixes, lint, Applicability, Diagnostic, Linter, Span};

    fn ranges(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| d.code() == "number-range")
            .collect()
    }

    #[test]
    fn states_the_range_and_clamps_after_review() {
        let source = r#"{"service_token_inactivity": {"inactivity_threshold_days": 7}}"#;
        let found = ranges(lint(source));
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.span(), Span::new(59, 60));
        assert_eq!(
            d.message(),
            "`service_token_inactivity.inactivity_threshold_days` is `7`, outside the range 30 to 365"
        );
        assert_eq!(d.help(), Some("use a number from 30 to 365"));
        assert_eq!(apply_fixes(source, &found, Applicability::Safe).1, 0);
        assert_eq!(
            apply_fixes(source, &found, Applicability::Unsafe).0,
            r#"{"service_token_inactivity": {"inactivity_threshold_days": 30}}"#
        );
        let high = ranges(lint(
            r#"{"service_token_inactivity": {"inactivity_threshold_days": 366}}"#,
        ));
        assert_eq!(
            high[0].message(),
            "`service_token_inactivity.inactivity_threshold_days` is `366`, outside the range 30 to 365"
        );
    }

    #[test]
    fn one_sided_and_exclusive_bounds_of_custom_schemas() {
        let schema = Schema::from_json(
            r#"{"properties": {"a": {"maximum": 5}, "b": {"exclusiveMinimum": 0}}}"#,
        )
        .unwrap();
        let found = ranges(Linter::new().schema(schema).lint(r#"{"a": 6.5, "b": 0}"#));
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "`a` is `6.5`, above the maximum of 5",
                "`b` is `0`, which is not greater than 0"
            ]
        );
    }
}
