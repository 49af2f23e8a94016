//! Multi-factor authentication across the body: what
//! `mfa_required_for_all_apps` needs from `mfa_config`.

mod required_without_authenticator;

use super::{Context, Rule};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] =
    &[&required_without_authenticator::MFA_REQUIRED_WITHOUT_AUTHENTICATOR];

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    required_without_authenticator::check(root, cx);
}
