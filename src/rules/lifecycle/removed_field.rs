//! `removed-field`: a field the API no longer takes, with no new name.

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::fields::Field;
use crate::json::Value;
use crate::rules::structure::remove_member_edit;
use crate::rules::Rule;

pub(crate) const REMOVED_FIELD: Rule = Rule::new(
    "removed-field",
    Severity::Warning,
    "A field the API no longer takes",
    include_str!("removed_field.md"),
);

/// The finding for member `index` of `object`, the removed `field`.
pub(super) fn finding(
    source: &str,
    field: &Field,
    object: &Value<'_>,
    index: usize,
    on: &str,
) -> Diagnostic {
    let name = field.name();
    let span = object
        .as_object()
        .and_then(|members| members.get(index))
        .map_or(object.span(), |member| member.key().span());
    let mut diagnostic = REMOVED_FIELD
        .at(
            span,
            format!("`{name}` is no longer in the API (removed {on})"),
        )
        .with_label("removed")
        .with_help(format!(
            "remove `{name}`; older clients still send it, but it sets nothing today"
        ));
    if let Some(edit) = remove_member_edit(source, object, index) {
        diagnostic = diagnostic.with_fix(Fix::safe(format!("Remove `{name}`"), [edit]));
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "removed-field";

    #[test]
    fn mfa_configuration_allowed_is_removed_safely() {
        let source = r#"{"mfa_configuration_allowed": true, "name": "Widget"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(1, 28));
        assert_eq!(
            d.message(),
            "`mfa_configuration_allowed` is no longer in the API (removed 2026-03-05)"
        );
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"name": "Widget"}"#
        );
        assert_eq!(crate::lint(source).len(), 1);
    }
}
