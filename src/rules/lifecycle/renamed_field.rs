//! `renamed-field`: a field under the name the API used before a rename.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::fields::Field;
use crate::json::{Member, Value};
use crate::rules::support::json_string;
use crate::rules::Rule;

pub(crate) const RENAMED_FIELD: Rule = Rule::new(
    "renamed-field",
    Severity::Warning,
    "A field has the name the API used before a rename",
    include_str!("renamed_field.md"),
);

/// The finding for `member` of `object`, the old name of `field`, now `to`.
pub(super) fn finding(
    field: &Field,
    object: &Value<'_>,
    member: &Member<'_>,
    to: &'static str,
    on: &'static str,
) -> Diagnostic {
    let old = field.name();
    let diagnostic = RENAMED_FIELD
        .at(
            member.key().span(),
            format!("`{old}` was renamed to `{to}` on {on}"),
        )
        .with_label("the old name");
    // Renaming onto a key the object already has would make a duplicate,
    // and which of the two was meant is for a person to say.
    if object.member(to).is_some() {
        return diagnostic.with_help(format!(
            "the body also has `{to}`: remove `{old}`, after moving anything it has that `{to}` lacks"
        ));
    }
    diagnostic
        .with_help(format!(
            "write `{to}`; released clients still send the old name, which newer API versions do not take"
        ))
        .with_fix(Fix::safe(
            format!("Rename to `{to}`"),
            [Edit::replace(member.key().span(), json_string(to))],
        ))
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "renamed-field";

    #[test]
    fn the_old_piv_key_requirements_get_a_safe_rename() {
        let source = r#"{"mfa_ssh_piv_key_requirements": {"pin_policy": "once"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(1, 31));
        assert_eq!(
            d.message(),
            "`mfa_ssh_piv_key_requirements` was renamed to `mfa_piv_key_requirements` on 2026-06-17"
        );
        assert_eq!(d.primary().text(), Some("the old name"));
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"mfa_piv_key_requirements": {"pin_policy": "once"}}"#
        );
        // Neither unknown nor unchecked inside.
        let all = crate::lint(source);
        assert_eq!(all.len(), 1, "{all:#?}");
        let bad = r#"{"mfa_ssh_piv_key_requirements": {"pin_policy": "sometimes"}}"#;
        let codes: Vec<_> = crate::lint(bad)
            .iter()
            .map(|d| (d.code(), d.span()))
            .collect();
        assert_eq!(
            codes,
            [
                ("renamed-field", Span::new(1, 31)),
                ("enum-value", Span::new(48, 59))
            ]
        );
    }

    #[test]
    fn no_rename_onto_a_name_the_body_has() {
        let source = r#"{"mfa_piv_key_requirements": {}, "mfa_ssh_piv_key_requirements": {}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span(), Span::new(33, 63));
        assert!(found[0].fixes().is_empty());
        assert_eq!(
            found[0].help(),
            Some("the body also has `mfa_piv_key_requirements`: remove `mfa_ssh_piv_key_requirements`, after moving anything it has that `mfa_piv_key_requirements` lacks")
        );
    }

    #[test]
    fn current_names_are_not_reported() {
        assert!(only(
            CODE,
            r#"{"mfa_piv_key_requirements": {"pin_policy": "once"}}"#
        )
        .is_empty());
        // Only at its own place in the body.
        assert!(only(
            CODE,
            r#"{"login_design": {"mfa_ssh_piv_key_requirements": {}}}"#
        )
        .is_empty());
    }
}
