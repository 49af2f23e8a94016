use super::subject;
use super::suggest::similar;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, Rule};
use crate::schema::problem::{Problem, ProblemKind};

pub(crate) const ENUM_VALUE: Rule = Rule::new(
    "enum-value",
    Severity::Error,
    "A field has a value outside its fixed set",
    include_str!("enum_value.md"),
);

/// How an allowed value reads in a message: strings bare, others as JSON.
fn shown(option: &serde_json::Value) -> String {
    match option {
        serde_json::Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

pub(super) fn report(problem: &Problem<'_, '_, '_, '_>, cx: &mut Context<'_>) {
    let ProblemKind::Enum {
        keyword,
        value,
        options,
    } = &problem.kind
    else {
        return;
    };
    let name = subject(problem.path);
    let text = cx.source.get(value.span().range()).unwrap_or_default();
    let list: Vec<String> = options.iter().map(shown).collect();
    let message = if *keyword == "const" {
        format!(
            "{name} is `{text}`, but the schema allows only {}",
            list.join(", ")
        )
    } else {
        format!(
            "{name} is `{text}`, which is not one of {}",
            list.join(", ")
        )
    };
    let mut diagnostic = ENUM_VALUE
        .at(value.span(), message)
        .with_label("not an allowed value");
    let strings: Vec<&str> = options
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    let given = value.as_str();
    let same_but_case = given.and_then(|g| strings.iter().find(|s| s.eq_ignore_ascii_case(g)));
    let close = given
        .map(|g| similar(g, strings.iter().copied()))
        .unwrap_or_default();
    let replace = |with: &str| {
        [Edit::replace(
            value.span(),
            serde_json::to_string(with).unwrap_or_default(),
        )]
    };
    if let Some(right) = same_but_case {
        // The Terraform provider takes enum values in any case; whether the
        // API does is not documented.
        diagnostic = diagnostic
            .with_severity(Severity::Warning)
            .with_help(format!("write `{right}` in lowercase"))
            .with_fix(Fix::safe(
                format!("Replace with `\"{right}\"`"),
                replace(right),
            ));
    } else if let [only] = close.as_slice() {
        diagnostic = diagnostic
            .with_help(format!("did you mean `{only}`?"))
            .with_fix(Fix::needs_review(
                format!("Replace with `\"{only}\"`"),
                replace(only),
            ));
    } else {
        diagnostic = diagnostic.with_help(format!("use one of {}", list.join(", ")));
    }
    cx.emit(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Diagnostic, Span};

    fn enums(source: &str) -> Vec<Diagnostic> {
        lint(source)
            .into_iter()
            .filter(|d| d.code() == "enum-value")
            .collect()
    }

    #[test]
    fn lists_the_allowed_values_and_suggests_a_close_one() {
        let source = r#"{"service_token_inactivity": {"action": "delet"}}"#;
        let found = enums(source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.span(), Span::new(40, 47));
        assert_eq!(
            d.message(),
            "`service_token_inactivity.action` is `\"delet\"`, which is not one of `disable`, `delete`"
        );
        assert_eq!(d.help(), Some("did you mean `delete`?"));
        assert_eq!(apply_fixes(source, &found, Applicability::Safe).1, 0);
        assert_eq!(
            apply_fixes(source, &found, Applicability::Unsafe).0,
            r#"{"service_token_inactivity": {"action": "delete"}}"#
        );
    }

    #[test]
    fn the_members_of_a_renamed_object_are_read_as_its_new_name_s_fields() {
        // Its schema has the new name's fields: the elements of an array
        // in it were not read (a string in it was).
        let source = r#"{"mfa_ssh_piv_key_requirements": {"ssh_key_size": [256, 1]}}"#;
        let found = enums(source);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span(), Span::new(56, 57));
        assert_eq!(
            found[0].message(),
            "`mfa_ssh_piv_key_requirements.ssh_key_size[1]` is `1`, which is not one of `256`, `384`, `521`, `2048`, `3072`, `4096`"
        );
    }

    #[test]
    fn a_case_slip_is_fixed_safely_and_far_values_only_listed() {
        let source = r#"{"mfa_config": {"allowed_authenticators": ["TOTP", "sms"]}}"#;
        let found = enums(source);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].help(), Some("write `totp` in lowercase"));
        assert_eq!(
            found[1].help(),
            Some("use one of `totp`, `biometrics`, `security_key`, `piv_key`, `ssh_fido2_key`")
        );
        assert_eq!(
            apply_fixes(source, &found, Applicability::Safe).0,
            r#"{"mfa_config": {"allowed_authenticators": ["totp", "sms"]}}"#
        );
    }
}
