//! The dashboard read-only lock, `is_ui_read_only`, and the reason given
//! for toggling it, `ui_read_only_toggle_reason`.

mod reason_blank;
mod reason_without_toggle;
mod without_reason;

use super::{Context, Rule};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &reason_without_toggle::TOGGLE_REASON_WITHOUT_TOGGLE,
    &reason_blank::TOGGLE_REASON_BLANK,
    &without_reason::TOGGLE_WITHOUT_REASON,
];

const TOGGLE: &str = "is_ui_read_only";
const REASON: &str = "ui_read_only_toggle_reason";

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    // Every rule here looks at both members: look them up once.
    let toggle = root.member(TOGGLE);
    let reason = root.member(REASON);
    reason_without_toggle::check(toggle, reason, cx);
    reason_blank::check(toggle, reason, cx);
    without_reason::check(toggle, reason, cx);
}
