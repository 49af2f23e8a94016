use super::{remove_member_edit, subject};
use crate::diagnostic::{Fix, Severity};
use crate::json::Value;
use crate::rules::{Context, Rule};
use crate::schema::problem::Problem;

pub(crate) const NULL_VALUE: Rule = Rule::new(
    "null-value",
    Severity::Info,
    "A field is null, which Cloudflare reads as if it were absent",
    include_str!("null_value.md"),
);

pub(super) fn report(root: &Value<'_>, problem: &Problem<'_, '_, '_, '_>, cx: &mut Context<'_>) {
    let name = subject(problem.path);
    let mut diagnostic = NULL_VALUE
        .at(
            problem.span(),
            format!("{name} is `null`, which Cloudflare reads as if the field were absent"),
        )
        .with_label("null")
        .with_help(format!(
            "`null` does not clear a setting: give {name} a value to change it, or remove it to leave it as it is"
        ));
    let removal = crate::schema::pointer::member_holding(root, problem.span())
        .and_then(|(object, index)| remove_member_edit(cx.source, object, index));
    if let Some(edit) = removal {
        diagnostic = diagnostic.with_fix(Fix::needs_review(format!("Remove {name}"), vec![edit]));
    }
    cx.emit(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Diagnostic, Severity, Span};

    fn nulls(source: &str) -> Vec<Diagnostic> {
        lint(source)
            .into_iter()
            .filter(|d| d.code() == "null-value")
            .collect()
    }

    #[test]
    fn warns_at_the_null_and_offers_removal_after_review() {
        let source = r#"{"name": "Widget", "session_duration": null}"#;
        let found = nulls(source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Info);
        assert_eq!(d.span(), Span::new(39, 43));
        assert_eq!(
            d.message(),
            "`session_duration` is `null`, which Cloudflare reads as if the field were absent"
        );
        assert_eq!(apply_fixes(source, &found, Applicability::Safe).1, 0);
        let (fixed, _) = apply_fixes(source, &found, Applicability::Unsafe);
        assert_eq!(fixed, r#"{"name": "Widget"}"#);
    }

    #[test]
    fn nulls_in_arrays_have_no_fix_and_no_wrong_type() {
        let source = r#"{"mfa_config": {"allowed_authenticators": [null]}}"#;
        let all = lint(source);
        let codes: Vec<_> = all.iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["null-value"]);
        assert!(all[0].fixes().is_empty());
        assert_eq!(
            all[0].message(),
            "`mfa_config.allowed_authenticators[0]` is `null`, which Cloudflare reads as if the field were absent"
        );
    }
}
