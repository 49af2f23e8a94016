//! `toggle-without-reason`: the lock is toggled without saying why.

use super::{REASON, TOGGLE};
use crate::diagnostic::Severity;
use crate::json::Member;
use crate::rules::{Context, Rule};

pub(crate) const TOGGLE_WITHOUT_REASON: Rule = Rule::new(
    "toggle-without-reason",
    Severity::Info,
    "The read-only lock is toggled without a reason",
    include_str!("toggle_without_reason.md"),
);

pub(super) fn check(
    toggle: Option<&Member<'_>>,
    reason: Option<&Member<'_>>,
    cx: &mut Context<'_>,
) {
    let Some(toggle) = toggle else {
        return;
    };
    // Only turning the lock on: `false` is what Terraform sends on every
    // apply, whether or not the lock was on, so it says nothing was toggled.
    if toggle.value().as_bool() != Some(true) || reason.is_some() {
        return;
    }
    cx.emit(
        TOGGLE_WITHOUT_REASON
            .at(
                toggle.key().span(),
                format!("`{TOGGLE}` is `true` without a `{REASON}`"),
            )
            .with_label("no reason given")
            .with_help(format!(
                "add `\"{REASON}\"` with a sentence on why the lock is being turned on"
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "toggle-without-reason";

    #[test]
    fn a_toggle_alone_gets_a_suggestion() {
        let source = r#"{"name": "Widget", "is_ui_read_only": true}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Info);
        assert_eq!(d.span(), Span::new(19, 36));
        assert_eq!(
            d.message(),
            "`is_ui_read_only` is `true` without a `ui_read_only_toggle_reason`"
        );
        assert_eq!(d.primary().text(), Some("no reason given"));
        assert_eq!(
            d.help(),
            Some("add `\"ui_read_only_toggle_reason\"` with a sentence on why the lock is being turned on")
        );
    }

    #[test]
    fn a_reason_or_a_mistyped_toggle_pass() {
        for source in [
            r#"{"is_ui_read_only": false, "ui_read_only_toggle_reason": "Unlock to edit"}"#,
            r#"{"is_ui_read_only": "false"}"#,
            r#"{"is_ui_read_only": true, "ui_read_only_toggle_reason": null}"#,
        ] {
            assert!(only(CODE, source).is_empty(), "{source}");
        }
    }
}
