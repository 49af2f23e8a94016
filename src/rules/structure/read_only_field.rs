use std::sync::LazyLock;

use super::remove_member_edit;
use crate::diagnostic::{Fix, Severity};
use crate::json::Value;
use crate::rules::{Context, Rule};

pub(crate) const READ_ONLY_FIELD: Rule = Rule::new(
    "read-only-field",
    Severity::Warning,
    "The body sends a read-only field that only responses carry",
    include_str!("read_only_field.md"),
);

/// The top-level fields the field table says only responses carry.
static READ_ONLY: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::fields::all()
        .filter(|f| f.path().len() == 1 && f.status() == crate::fields::Status::ResponseOnly)
        .map(|f| f.path()[0])
        .collect()
});

/// Whether only responses carry the top-level field `key`.
pub(super) fn is_read_only(key: &str) -> bool {
    READ_ONLY.contains(&key)
}

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(members) = root.as_object() else {
        return;
    };
    for (index, member) in members.iter().enumerate() {
        let key = member.key().as_str();
        if !is_read_only(key) {
            continue;
        }
        let mut diagnostic = READ_ONLY_FIELD
            .at(
                member.key().span(),
                format!(
                    "`{key}` is read-only: Cloudflare sets it and only returns it in responses"
                ),
            )
            .with_label("read-only")
            .with_help(format!(
                "remove `{key}`; it was probably copied from a saved response"
            ));
        if let Some(edit) = remove_member_edit(cx.source, root, index) {
            diagnostic = diagnostic.with_fix(Fix::safe(format!("Remove `{key}`"), vec![edit]));
        }
        cx.emit(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Severity, Span};

    #[test]
    fn reports_each_key_once_with_a_safe_removal() {
        let source = "{\n  \"created_at\": \"2014-01-01T05:20:00.12345Z\",\n  \"name\": \"Widget\",\n  \"updated_at\": \"2014-01-01T05:20:00.12345Z\"\n}";
        let diagnostics = lint(source);
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.code(), d.span())).collect();
        // Neither is also an unknown field.
        assert_eq!(
            codes,
            [
                ("read-only-field", Span::new(4, 16)),
                ("read-only-field", Span::new(70, 82))
            ]
        );
        let d = &diagnostics[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(
            d.message(),
            "`created_at` is read-only: Cloudflare sets it and only returns it in responses"
        );
        let (fixed, applied) = apply_fixes(source, &diagnostics, Applicability::Safe);
        assert_eq!(
            (fixed.as_str(), applied),
            ("{\n  \"name\": \"Widget\"\n}", 2)
        );
    }

    #[test]
    fn only_at_the_top_level() {
        let source = r#"{"login_design": {"created_at": "x"}}"#;
        let codes: Vec<_> = lint(source).iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["unknown-field"]);
    }
}
