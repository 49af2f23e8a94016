use crate::diagnostic::Severity;
use crate::json::Value;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub(crate) const EMPTY_BODY: Rule = Rule::new(
    "empty-body",
    Severity::Warning,
    "The body is an empty object and changes nothing",
    include_str!("empty_body.md"),
);

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    if root.as_object().is_some_and(<[_]>::is_empty) {
        let open = Span::new(root.span().start(), root.span().start() + 1);
        cx.emit(
            EMPTY_BODY
                .at(open, "the body is empty, so the update changes nothing")
                .with_label("no fields")
                .with_help("add the fields to change, or do not send the request"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Severity, Span};

    #[test]
    fn reports_the_opening_brace() {
        let diagnostics = lint(" { } ");
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!((d.code(), d.severity()), ("empty-body", Severity::Warning));
        assert_eq!(d.span(), Span::new(1, 2));
        assert_eq!(
            d.message(),
            "the body is empty, so the update changes nothing"
        );
    }

    #[test]
    fn any_member_is_enough() {
        assert!(lint(r#"{"name": "Widget"}"#)
            .iter()
            .all(|d| d.code() != "empty-body"));
    }
}
