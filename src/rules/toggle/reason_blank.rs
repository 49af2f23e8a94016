//! `toggle-reason-blank`: the lock is toggled with an empty reason.

use super::REASON;
use crate::diagnostic::Severity;
use crate::json::Member;
use crate::rules::{Context, Rule};

pub(crate) const TOGGLE_REASON_BLANK: Rule = Rule::new(
    "toggle-reason-blank",
    Severity::Warning,
    "The read-only lock is toggled with an empty reason",
    include_str!("toggle_reason_blank.md"),
);

pub(super) fn check(
    toggle: Option<&Member<'_>>,
    reason: Option<&Member<'_>>,
    cx: &mut Context<'_>,
) {
    let Some(reason) = reason.map(Member::value) else {
        return;
    };
    let Some(text) = reason.as_str() else {
        return;
    };
    // Without a toggle, `toggle-reason-without-toggle` covers the reason.
    if toggle.is_none() || !text.trim().is_empty() {
        return;
    }
    let what = if text.is_empty() { "empty" } else { "blank" };
    cx.emit(
        TOGGLE_REASON_BLANK
            .at(reason.span(), format!("`{REASON}` is {what}"))
            .with_label("no reason")
            .with_help("say why the lock is being turned on or off, e.g. `Temporarily turn off the UI read only lock to make a change via the UI`"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "toggle-reason-blank";

    #[test]
    fn empty_and_blank_reasons_next_to_the_toggle() {
        let source = r#"{"is_ui_read_only": true, "ui_read_only_toggle_reason": ""}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(56, 58));
        assert_eq!(d.message(), "`ui_read_only_toggle_reason` is empty");
        assert_eq!(d.primary().text(), Some("no reason"));
        assert_eq!(
            d.help(),
            Some("say why the lock is being turned on or off, e.g. `Temporarily turn off the UI read only lock to make a change via the UI`")
        );
        let blank = only(
            CODE,
            r#"{"is_ui_read_only": true, "ui_read_only_toggle_reason": " \n "}"#,
        );
        assert_eq!(blank[0].message(), "`ui_read_only_toggle_reason` is blank");
    }

    #[test]
    fn real_reasons_or_no_toggle_pass() {
        for source in [
            r#"{"is_ui_read_only": true, "ui_read_only_toggle_reason": "Audit freeze"}"#,
            r#"{"ui_read_only_toggle_reason": ""}"#,
            r#"{"is_ui_read_only": true}"#,
        ] {
            assert!(only(CODE, source).is_empty(), "{source}");
        }
    }
}
