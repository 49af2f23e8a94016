//! Signing in through the WARP client.

mod auth_without_duration;

use super::{Context, Rule};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[&auth_without_duration::WARP_AUTH_WITHOUT_DURATION];

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    auth_without_duration::check(root, cx);
}
