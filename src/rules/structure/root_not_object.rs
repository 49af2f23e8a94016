use super::describe;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::json::Value;
use crate::rules::{Context, Rule};

pub(crate) const ROOT_NOT_OBJECT: Rule = Rule::new(
    "root-not-object",
    Severity::Error,
    "The body is not a JSON object",
    include_str!("root_not_object.md"),
);

/// Reports a root that is not an object. Returns whether the root is one,
/// that is, whether the other structure checks apply.
pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) -> bool {
    if root.as_object().is_some() {
        return true;
    }
    let mut diagnostic = ROOT_NOT_OBJECT
        .at(
            root.span(),
            format!(
                "the body must be a JSON object, found {}",
                describe(root, cx.source)
            ),
        )
        .with_label("not an object");
    diagnostic = match root.as_array() {
        Some([only]) if only.as_object().is_some() => diagnostic
            .with_help("send the object itself, not an array around it")
            .with_fix(Fix::needs_review(
                "Send the array's only element",
                [Edit::replace(
                    root.span(),
                    cx.source
                        .get(only.span().range())
                        .unwrap_or_default()
                        .to_owned(),
                )],
            )),
        _ => diagnostic.with_help(
            "send an object of the settings to change, such as `{\"name\": \"Widget Corps\"}`",
        ),
    };
    cx.emit(diagnostic);
    false
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Span};

    #[test]
    fn reports_the_whole_root() {
        let d = &lint(r#" "name" "#)[0];
        assert_eq!(d.code(), "root-not-object");
        assert_eq!(d.span(), Span::new(1, 7));
        assert_eq!(
            d.message(),
            "the body must be a JSON object, found the string `\"name\"`"
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn unwraps_an_array_of_one_object_after_review() {
        let source = r#"[{"name": "Widget"}]"#;
        let diagnostics = lint(source);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].message(),
            "the body must be a JSON object, found an array"
        );
        assert_eq!(apply_fixes(source, &diagnostics, Applicability::Safe).1, 0);
        let (fixed, applied) = apply_fixes(source, &diagnostics, Applicability::Unsafe);
        assert_eq!((fixed.as_str(), applied), (r#"{"name": "Widget"}"#, 1));
    }

    #[test]
    fn objects_pass() {
        assert!(lint(r#"{"name": "Widget"}"#)
            .iter()
            .all(|d| d.code() != "root-not-object"));
    }
}
