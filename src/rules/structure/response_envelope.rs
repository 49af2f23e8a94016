use crate::diagnostic::{Edit, Fix, Severity};
use crate::json::Value;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub(crate) const RESPONSE_ENVELOPE: Rule = Rule::new(
    "response-envelope",
    Severity::Warning,
    "The body is an API response envelope, not an update body",
    include_str!("response_envelope.md"),
);

/// The members of Cloudflare's response envelope.
const ENVELOPE_KEYS: [&str; 4] = ["success", "errors", "messages", "result"];

/// Whether `key` is one of a response envelope's top-level keys.
pub(crate) fn is_envelope_key(key: &str) -> bool {
    ENVELOPE_KEYS.contains(&key)
}

/// Whether a body whose keys are those `has` takes is a response envelope:
/// one with `result`, or with at least two of `success`, `errors` and
/// `messages`.
pub(crate) fn is_envelope(has: impl Fn(&str) -> bool) -> bool {
    has("result") || ENVELOPE_KEYS[..3].iter().filter(|k| has(k)).count() >= 2
}

/// Reports a body that is a response envelope: one with `result`, or with
/// at least two of `success`, `errors` and `messages`. Returns whether it is
/// one, so that its keys are not also reported as unknown fields.
pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) -> bool {
    if !is_envelope(|key| root.member(key).is_some()) {
        return false;
    }
    let result = root.member("result");
    let span = match result {
        Some(member) => member.key().span(),
        None => Span::new(root.span().start(), root.span().start() + 1),
    };
    let mut diagnostic = RESPONSE_ENVELOPE
        .at(
            span,
            "the body is a response envelope (`success`, `errors`, `messages`, `result`), not an update body",
        )
        .with_label("response envelope")
        .with_help("send the contents of `result`");
    if let Some(result) = result
        .map(|m| m.value())
        .filter(|v| v.as_object().is_some())
    {
        diagnostic = diagnostic.with_fix(Fix::needs_review(
            "Replace the body with the contents of `result`",
            [Edit::replace(
                root.span(),
                cx.source
                    .get(result.span().range())
                    .unwrap_or_default()
                    .to_owned(),
            )],
        ));
    }
    cx.emit(diagnostic);
    true
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, lint, Applicability, Diagnostic, Span};

    fn envelope_findings(source: &str) -> Vec<Diagnostic> {
        lint(source)
            .into_iter()
            .filter(|d| d.code() == "response-envelope" || d.code() == "unknown-field")
            .collect()
    }

    #[test]
    fn points_at_result_and_offers_its_contents() {
        let source =
            r#"{"success": true, "errors": [], "messages": [], "result": {"name": "Widget"}}"#;
        let diagnostics = envelope_findings(source);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        let d = &diagnostics[0];
        assert_eq!(d.code(), "response-envelope");
        assert_eq!(d.span(), Span::new(48, 56));
        assert_eq!(d.help(), Some("send the contents of `result`"));
        let (fixed, applied) = apply_fixes(source, &diagnostics, Applicability::Unsafe);
        assert_eq!((fixed.as_str(), applied), (r#"{"name": "Widget"}"#, 1));
    }

    #[test]
    fn an_error_envelope_points_at_the_brace_without_a_fix() {
        let source = r#"{"success": false, "errors": [{"code": 7003, "message": "No route"}]}"#;
        let diagnostics = envelope_findings(source);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].span(), Span::new(0, 1));
        assert!(diagnostics[0].fixes().is_empty());
    }

    #[test]
    fn one_envelope_word_is_just_an_unknown_field() {
        let codes: Vec<_> = envelope_findings(r#"{"success": true}"#)
            .iter()
            .map(|d| d.code())
            .collect();
        assert_eq!(codes, ["unknown-field"]);
    }
}
