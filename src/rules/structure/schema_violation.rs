use super::subject;
use crate::diagnostic::Severity;
use crate::rules::{Context, Rule};
use crate::schema::problem::{Problem, ProblemKind};

pub(crate) const SCHEMA_VIOLATION: Rule = Rule::new(
    "schema-violation",
    Severity::Error,
    "A value breaks a custom schema keyword that has no rule of its own",
    include_str!("schema_violation.md"),
);

pub(super) fn report(problem: &Problem<'_, '_, '_, '_>, cx: &mut Context<'_>) {
    let ProblemKind::Other {
        keyword, message, ..
    } = &problem.kind
    else {
        return;
    };
    let name = subject(problem.path);
    cx.emit(
        SCHEMA_VIOLATION
            .at(
                problem.span(),
                format!("{name} does not match the schema's `{keyword}`: {message}"),
            )
            .with_label(format!("fails `{keyword}`"))
            .with_help(format!("change {name} to satisfy the schema's `{keyword}`")),
    );
}

#[cfg(test)]
mod tests {
    use crate::schema::Schema;
    use crate::{Linter, Span};

    #[test]
    fn reports_the_keyword_and_the_validator_message() {
        let schema = Schema::from_json(
            r#"{"properties": {"name": {"type": "string", "maxLength": 8, "pattern": "^W"}}}"#,
        )
        .unwrap();
        let source = r#"{"name": "Acme Corps Internal"}"#;
        let mut found: Vec<_> = Linter::new()
            .schema(schema)
            .lint(source)
            .into_iter()
            .filter(|d| d.code() == "schema-violation")
            .map(|d| (d.span(), d.message().to_string()))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                (
                    Span::new(9, 30),
                    "`name` does not match the schema's `maxLength`: \"Acme Corps Internal\" is longer than 8 characters".to_string()
                ),
                (
                    Span::new(9, 30),
                    "`name` does not match the schema's `pattern`: \"Acme Corps Internal\" does not match \"^W\"".to_string()
                ),
            ]
        );
    }
}
