//! `renamed-value`: an enum value under the name the API used before a
//! rename.

use crate::diagnostic::Severity;
use crate::fields::Field;
use crate::json::Value;
use crate::rules::support::{replace_string, value_at};
use crate::rules::{Context, Rule};

pub(crate) const RENAMED_VALUE: Rule = Rule::new(
    "renamed-value",
    Severity::Warning,
    "A value has the name the API used before a rename",
    include_str!("renamed_value.md"),
);

/// Reports each renamed value of `field`, a string or an array of them.
pub(super) fn check(field: &Field, root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(value) = value_at(root, field.path()) else {
        return;
    };
    let items = match value.as_array() {
        Some(items) => items,
        None => std::slice::from_ref(value),
    };
    for item in items {
        let Some(text) = item.as_str() else {
            continue;
        };
        let Some(renamed) = field.renamed_values().iter().find(|r| r.from == text) else {
            continue;
        };
        let name = field.name();
        let finding = RENAMED_VALUE
            .at(
                item.span(),
                format!(
                    "`{name}` has `{}`, which was renamed to `{}` on {}",
                    renamed.from, renamed.to, renamed.on
                ),
            )
            .with_label("the old name");
        // In an array that already lists the new name, the old one is only
        // a repeat: renaming it would list the new one twice.
        let listed = items.iter().any(|other| other.as_str() == Some(renamed.to));
        cx.emit(if listed {
            finding.with_help(format!(
                "remove `{}`: the list already has `{}`",
                renamed.from, renamed.to
            ))
        } else {
            finding
                .with_help(format!(
                    "write `{}`; released clients still send the old name",
                    renamed.to
                ))
                .with_fix(replace_string(item.span(), renamed.to, true))
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "renamed-value";

    #[test]
    fn ssh_piv_key_becomes_piv_key() {
        let source = r#"{"mfa_config": {"allowed_authenticators": ["totp", "ssh_piv_key"]}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(51, 64));
        assert_eq!(
            d.message(),
            "`mfa_config.allowed_authenticators` has `ssh_piv_key`, which was renamed to `piv_key` on 2026-06-17"
        );
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"mfa_config": {"allowed_authenticators": ["totp", "piv_key"]}}"#
        );
        // The old value is not also outside the enum.
        assert_eq!(crate::lint(source).len(), 1);
    }

    #[test]
    fn no_rename_onto_a_listed_value() {
        let source = r#"{"mfa_config": {"allowed_authenticators": ["piv_key", "ssh_piv_key"]}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        assert!(found[0].fixes().is_empty());
        assert_eq!(
            found[0].help(),
            Some("remove `ssh_piv_key`: the list already has `piv_key`")
        );
        assert!(only(
            CODE,
            r#"{"mfa_config": {"allowed_authenticators": ["piv_key"]}}"#
        )
        .is_empty());
    }
}
