//! Terraform plans: the bodies `terraform apply` would send.
//!
//! `terraform show -json plan.tfplan` writes a plan as JSON
//! ([Terraform's JSON output format][format]). ztlint reads its
//! `resource_changes` and lints, for each one that
//!
//! - is `"mode": "managed"`,
//! - has a `"type"` of `cloudflare_zero_trust_organization` (provider v5),
//!   `cloudflare_zero_trust_access_organization` or
//!   `cloudflare_access_organization` (v4), and
//! - has `"create"` or `"update"` among its `change.actions`,
//!
//! the body rebuilt from `change.after`:
//!
//! - `account_id` and `zone_id` are path parameters, not body fields, and
//!   `id` is the provider's own: all three are left out. A `zone_id`
//!   selects the zone endpoint's profile, otherwise the account's;
//! - a `null` is an attribute the configuration does not set, which the
//!   provider does not send: left out, and so is an object left empty;
//! - what `change.after_unknown` marks is known only after apply: left
//!   out, and no finding is made that a missing field would cause
//!   (`missing-field`, `toggle-without-reason`, ...) in that change, since
//!   the unknown value may be the one that is missing.
//!
//! Each finding points into the plan file, with a secondary label on the
//! change's `address`. Plans are generated, so findings carry no fix: the
//! fix belongs in the configuration the plan came from.
//!
//! [format]: https://developer.hashicorp.com/terraform/internals/json-format

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::json::{self, Member, Value, ValueKind};
use crate::lint::Linter;
use crate::profile::Profile;

/// The resource types whose changes are linted: the v5 provider's, then
/// the two names of the v4 provider's.
const RESOURCE_TYPES: [&str; 3] = [
    "cloudflare_zero_trust_organization",
    "cloudflare_zero_trust_access_organization",
    "cloudflare_access_organization",
];

/// Attributes of the resource that are not body fields.
const NOT_IN_BODY: [&str; 3] = ["account_id", "zone_id", "id"];

/// The rules whose findings say that a field is absent, or that another
/// is present without it: an unknown value could be the absent one.
const ABSENCE_RULES: [&str; 6] = [
    "missing-field",
    "empty-body",
    "toggle-without-reason",
    "toggle-reason-without-toggle",
    "mfa-required-without-authenticator",
    "warp-auth-without-duration",
];

/// Every finding of `linter`'s rules in the plan `source`, before selection
/// and severity overrides; `None` when `source` is not a plan.
pub(crate) fn lint_plan(linter: &Linter, source: &str) -> Option<Vec<Diagnostic>> {
    // A cheap scan spares the parse for the payloads that are not plans.
    if !source.contains("\"resource_changes\"") || !source.contains("\"format_version\"") {
        return None;
    }
    let root = json::parse(source).ok()?;
    root.get("format_version")?;
    let changes = root.get("resource_changes")?.as_array()?;
    let mut found = Vec::new();
    for change in changes {
        let Some(planned) = Planned::read(change) else {
            continue;
        };
        let address = &planned.address;
        found.extend(
            linter
                .check(source, &planned.body, planned.profile)
                .into_iter()
                .filter(|d| !(planned.has_unknown && ABSENCE_RULES.contains(&d.code())))
                .map(|d| {
                    let label = format!("in the planned change of `{}`", address.1);
                    d.without_fixes().with_secondary(address.0, label)
                }),
        );
    }
    Some(found)
}

/// One create or update of an organization resource in a plan.
struct Planned<'a> {
    /// The span and text of the change's `address`.
    address: (crate::span::Span, String),
    /// The body the change sends.
    body: Value<'a>,
    profile: Profile,
    /// Whether any attribute was left out as unknown.
    has_unknown: bool,
}

impl<'a> Planned<'a> {
    /// The change `entry` of `resource_changes`, if it is one ztlint lints.
    fn read(entry: &Value<'a>) -> Option<Planned<'a>> {
        if entry.get("mode")?.as_str()? != "managed" {
            return None;
        }
        let kind = entry.get("type")?.as_str()?;
        if !RESOURCE_TYPES.contains(&kind) {
            return None;
        }
        let change = entry.get("change")?;
        let sends = change
            .get("actions")?
            .as_array()?
            .iter()
            .any(|action| matches!(action.as_str(), Some("create" | "update")));
        if !sends {
            return None;
        }
        let after = change.get("after")?;
        after.as_object()?;
        let address_value = entry.get("address")?;
        let address = (address_value.span(), address_value.as_str()?.to_string());
        let zone = after.get("zone_id").is_some_and(|zone| !zone.is_null());
        let unknown = change.get("after_unknown");
        // An unknown attribute is `true` in `after_unknown` and absent from
        // `after`, or nested in an object or list of it.
        let has_unknown = unknown.is_some_and(contains_true);
        let body = known(after, unknown, true)?;
        let body = match body {
            Some(body) => body,
            None => Value::new(ValueKind::Object(Vec::new()), after.span()),
        };
        Some(Planned {
            address,
            body,
            profile: if zone {
                Profile::ZoneUpdate
            } else {
                Profile::AccountUpdate
            },
            has_unknown,
        })
    }
}

/// The part of `value` that is known and set, given its `after_unknown`
/// counterpart `unknown`: `Some(None)` when nothing of it is. `top` is
/// whether `value` is the resource itself, whose path parameters go.
/// `None` only when `value` is not an object at the top.
#[allow(clippy::option_option)]
fn known<'a>(
    value: &Value<'a>,
    unknown: Option<&Value<'a>>,
    top: bool,
) -> Option<Option<Value<'a>>> {
    if value.is_null() {
        return Some(None);
    }
    if unknown.is_some_and(|u| u.as_bool() == Some(true)) {
        return Some(None);
    }
    let Some(members) = value.as_object() else {
        if top {
            return None;
        }
        // An array or scalar with an unknown part somewhere is left out
        // whole: half of a list is not what will be sent.
        if unknown.is_some_and(contains_true) {
            return Some(None);
        }
        return Some(Some(value.clone()));
    };
    // One map per object, not a scan per member: linear in any plan.
    let unknown_members: HashMap<&str, &Value<'a>> = unknown
        .and_then(Value::as_object)
        .unwrap_or_default()
        .iter()
        .map(|m| (m.key().as_str(), m.value()))
        .collect();
    let mut kept = Vec::with_capacity(members.len());
    for member in members {
        let key = member.key().as_str();
        if top && NOT_IN_BODY.contains(&key) {
            continue;
        }
        let nested = unknown_members.get(key).copied();
        if let Some(Some(value)) = known(member.value(), nested, false) {
            kept.push(Member::new(member.key().clone(), value));
        }
    }
    if kept.is_empty() && !top {
        return Some(None);
    }
    Some(Some(Value::new(ValueKind::Object(kept), value.span())))
}

/// Whether an `after_unknown` value marks any part unknown.
fn contains_true(unknown: &Value<'_>) -> bool {
    match unknown.kind() {
        ValueKind::Bool(b) => *b,
        ValueKind::Array(items) => items.iter().any(contains_true),
        ValueKind::Object(members) => members.iter().any(|m| contains_true(m.value())),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
