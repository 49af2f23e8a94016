//! `toggle-reason-without-toggle`: a reason with no toggle to explain.

use super::{REASON, TOGGLE};
use crate::diagnostic::Severity;
use crate::json::Member;
use crate::rules::{Context, Rule};

pub(crate) const TOGGLE_REASON_WITHOUT_TOGGLE: Rule = Rule::new(
    "toggle-reason-without-toggle",
    Severity::Info,
    "A read-only toggle reason is given without is_ui_read_only",
    include_str!("toggle_reason_without_toggle.md"),
);

pub(super) fn check(
    toggle: Option<&Member<'_>>,
    reason: Option<&Member<'_>>,
    cx: &mut Context<'_>,
) {
    let Some(reason) = reason else {
        return;
    };
    if reason.value().as_str().is_none() || toggle.is_some() {
        return;
    }
    cx.emit(
        TOGGLE_REASON_WITHOUT_TOGGLE
            .at(
                reason.key().span(),
                format!("`{REASON}` is set, but `{TOGGLE}` is not in the payload"),
            )
            .with_label("nothing to explain")
            .with_help(format!(
                "add `\"{TOGGLE}\": true` or `false` to toggle the lock, or remove the reason"
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "toggle-reason-without-toggle";

    #[test]
    fn a_reason_alone_is_flagged_at_its_key() {
        let source = r#"{"name": "Widget", "ui_read_only_toggle_reason": "Turning off the lock"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Info);
        assert_eq!(d.span(), Span::new(19, 47));
        assert_eq!(
            d.message(),
            "`ui_read_only_toggle_reason` is set, but `is_ui_read_only` is not in the payload"
        );
        assert_eq!(d.primary().text(), Some("nothing to explain"));
        assert_eq!(
            d.help(),
            Some("add `\"is_ui_read_only\": true` or `false` to toggle the lock, or remove the reason")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn a_reason_with_any_toggle_passes() {
        for source in [
            r#"{"is_ui_read_only": false, "ui_read_only_toggle_reason": "x"}"#,
            r#"{"ui_read_only_toggle_reason": "x", "is_ui_read_only": "false"}"#,
            r#"{"ui_read_only_toggle_reason": null}"#,
        ] {
            assert!(only(CODE, source).is_empty(), "{source}");
        }
    }
}
