use super::subject;
use crate::diagnostic::Severity;
use crate::profile::Profile;
use crate::rules::{Context, Rule};
use crate::schema::pointer::Seg;
use crate::schema::problem::{Problem, ProblemKind};

pub(crate) const MISSING_FIELD: Rule = Rule::new(
    "missing-field",
    Severity::Error,
    "A required field is missing",
    include_str!("missing_field.md"),
);

pub(super) fn report(
    problem: &Problem<'_, '_, '_, '_>,
    profile: Option<Profile>,
    cx: &mut Context<'_>,
) {
    let ProblemKind::Required { property, .. } = &problem.kind else {
        return;
    };
    let message = if profile.is_some_and(Profile::is_create) && problem.path.is_empty() {
        format!("`{property}` is required when creating an organization")
    } else if problem.path.is_empty() {
        format!("`{property}` is required")
    } else {
        format!("{} requires `{property}`", subject(problem.path))
    };
    let mut path = problem.path.to_vec();
    path.push(Seg::Key(property));
    let example = match property.as_ref() {
        "auth_domain" if problem.path.is_empty() => "\"<team>.cloudflareaccess.com\"".to_string(),
        "name" if problem.path.is_empty() => "\"<organization name>\"".to_string(),
        _ => super::table_field(&path).map_or_else(|| "...".to_string(), |f| f.example()),
    };
    cx.emit(
        MISSING_FIELD
            .at(problem.span(), message)
            .with_label(format!("`{property}` is missing from this object"))
            .with_help(format!("add `\"{property}\": {example}`")),
    );
}

#[cfg(test)]
mod tests {
    use crate::schema::Schema;
    use crate::{Diagnostic, Linter, Profile, Span};

    fn missing(linter: Linter, source: &str) -> Vec<Diagnostic> {
        linter
            .lint(source)
            .into_iter()
            .filter(|d| d.code() == "missing-field")
            .collect()
    }

    #[test]
    fn create_requires_name_and_auth_domain_at_the_brace() {
        let found = missing(
            Linter::new().profile(Profile::Create),
            "\n{ \"is_ui_read_only\": false }",
        );
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.span(), d.message(), d.help().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Span::new(1, 2),
                    "`auth_domain` is required when creating an organization",
                    "add `\"auth_domain\": \"<team>.cloudflareaccess.com\"`"
                ),
                (
                    Span::new(1, 2),
                    "`name` is required when creating an organization",
                    "add `\"name\": \"<organization name>\"`"
                ),
            ]
        );
        assert!(missing(Linter::new(), "{}").is_empty());
    }

    #[test]
    fn nested_requirements_of_a_custom_schema() {
        let schema =
            Schema::from_json(r#"{"properties": {"login_design": {"required": ["text_color"]}}}"#)
                .unwrap();
        let found = missing(Linter::new().schema(schema), r#"{"login_design": {}}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span(), Span::new(17, 18));
        assert_eq!(found[0].message(), "`login_design` requires `text_color`");
    }
}
