//! Terraform plans, as `terraform show -json` writes them.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::json::{self, Member, Value, ValueKind};
use crate::lint::Linter;
use crate::profile::Profile;
use crate::span::Span;

use super::{ProviderVersion, ABSENCE_RULES, NOT_IN_BODY, V4_BLOCKS};

/// Every finding of `linter`'s rules in the plan `source`, before selection
/// and severity overrides; `None` when `source` is not a plan.
pub(crate) fn lint_plan(linter: &Linter, source: &str) -> Option<Vec<Diagnostic>> {
    let within = changes_read(source)?;
    let mut found = Vec::new();
    lint_changes(linter, source, within, &mut |mut of_change| {
        found.append(&mut of_change)
    });
    Some(found)
}

/// The span of the `resource_changes` array the plan `source` is read by:
/// `None` when `source` is not a plan. The changes are not linted, and
/// cost no tree.
pub(crate) fn changes_read(source: &str) -> Option<Span> {
    // A cheap scan spares the parse for the payloads that are not plans.
    if !source.contains("\"resource_changes\"") || !source.contains("\"format_version\"") {
        return None;
    }
    // `terraform show -json` writes no byte order mark, but Windows
    // PowerShell 5.1's `Out-File -Encoding utf8` adds one; a plan is never
    // sent to the API, so the mark is skipped and not reported.
    let root = json::parse_streaming(source, reads_plan, "resource_changes", &mut drop).ok()?;
    root.get("format_version")?;
    // Of a repeated key the last is read, as everywhere: the changes of
    // the others are not the plan's.
    let changes = root.get("resource_changes")?;
    changes.as_array()?;
    Some(changes.span())
}

/// Only the two keys below are read: the rest of a large plan
/// (`planned_values`, `prior_state`, `configuration`) costs no tree.
fn reads_plan(path: &[std::borrow::Cow<'_, str>], key: &str) -> bool {
    !path.is_empty() || matches!(key, "format_version" | "resource_changes")
}

/// Hands `each` the findings (before selection and severity overrides) of
/// each change of the plan `source` in the array at `within`, a change at
/// a time: each change is linted as it is read and then dropped, so that a
/// plan of many changes holds one change's tree and findings at a time.
pub(crate) fn lint_changes(
    linter: &Linter,
    source: &str,
    within: Span,
    each: &mut dyn FnMut(Vec<Diagnostic>),
) {
    let read = |span: Span| within.start() <= span.start() && span.end() <= within.end();
    let _ = json::parse_streaming(source, reads_plan, "resource_changes", &mut |change| {
        if !read(change.span()) {
            return;
        }
        let mut found = Vec::new();
        lint_change(linter, source, &change, &mut found);
        if !found.is_empty() {
            each(found);
        }
    });
}

/// Adds to `found` the findings of the entry `change` of
/// `resource_changes`: none when it is not a create or update of an
/// organization.
fn lint_change(linter: &Linter, source: &str, change: &Value<'_>, found: &mut Vec<Diagnostic>) {
    let Some(planned) = Planned::read(change) else {
        return;
    };
    let (at, address) = &planned.address;
    let label = || format!("in the planned change of `{address}`");
    found.extend(
        planned
            .findings
            .iter()
            .map(|d| d.clone().with_secondary(*at, label())),
    );
    found.extend(
        linter
            .check(source, &planned.body, planned.profile)
            .into_iter()
            .filter(|d| !(planned.has_unknown && ABSENCE_RULES.contains(&d.code())))
            .map(|d| d.without_fixes().with_secondary(*at, label())),
    );
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
    /// Findings on how the change is shaped (repeated v4 blocks).
    findings: Vec<Diagnostic>,
}

impl<'a> Planned<'a> {
    /// The change `entry` of `resource_changes`, if it is one ztlint lints.
    fn read(entry: &Value<'a>) -> Option<Planned<'a>> {
        if entry.get("mode")?.as_str()? != "managed" {
            return None;
        }
        let version = ProviderVersion::of(entry.get("type")?.as_str()?)?;
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
        let unknown = change.get("after_unknown");
        let set = |key: &str| after.get(key).is_some_and(|v| !v.is_null());
        let unknown_account = unknown
            .and_then(|u| u.get("account_id"))
            .is_some_and(|u| u.as_bool() == Some(true));
        let zone = set("zone_id") && version.zone_endpoint(set("account_id") || unknown_account);
        let mut findings = path_findings(version, after, unknown, address.0);
        let (after, unknown) = match version {
            ProviderVersion::V4 => {
                let (after, unknown) = first_blocks(after, unknown, &mut findings);
                (after, unknown)
            }
            ProviderVersion::V5 => (after.clone(), unknown.cloned()),
        };
        // An unknown attribute is `true` in `after_unknown` and absent from
        // `after`, or nested in an object or list of it. Only the body's
        // own count: a computed `id` or `created_at` is not sent.
        let has_unknown = unknown.as_ref().is_some_and(|u| {
            u.as_object().unwrap_or_default().iter().any(|m| {
                let key = m.key().as_str();
                !NOT_IN_BODY.contains(&key) && !is_response_only(key) && contains_true(m.value())
            })
        });
        let body = known(&after, unknown.as_ref(), true)?;
        let body = match body {
            Some(body) => body,
            None => Value::new(ValueKind::Object(Vec::new()), after.span()),
        };
        Some(Planned {
            address,
            body,
            findings,
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

/// The findings on the path parameters of a change: each a Cloudflare
/// identifier, and one of them set (as for a configuration; see
/// [`super::lint_config_each`]). `address` is where a finding on the whole
/// change goes.
fn path_findings(
    version: ProviderVersion,
    after: &Value<'_>,
    unknown: Option<&Value<'_>>,
    address: crate::span::Span,
) -> Vec<Diagnostic> {
    use crate::rules::terraform as rules;

    let mut found = Vec::new();
    let is_unknown = |key: &str| {
        unknown
            .and_then(|u| u.get(key))
            .is_some_and(|u| u.as_bool() == Some(true))
    };
    let known = |key: &str| after.get(key).filter(|v| !v.is_null() && !is_unknown(key));
    for key in ["account_id", "zone_id"] {
        if let Some((value, id)) = known(key).and_then(|v| Some((v, v.as_str()?))) {
            if let Err(error) = crate::account_id::check(id) {
                found.push(rules::identifier_invalid(value.span(), key, id, &error));
            }
        }
    }
    match (known("account_id"), known("zone_id")) {
        (Some(account), Some(zone)) => {
            found.push(rules::account_and_zone(
                version,
                zone.span(),
                Some(account.span()),
            ));
        }
        (None, None)
            if version == ProviderVersion::V5
                && !is_unknown("account_id")
                && !is_unknown("zone_id") =>
        {
            found.push(rules::neither_account_nor_zone(address));
        }
        _ => {}
    }
    found
}

/// The v4 provider's blocks are lists in a plan, of which it sends the
/// first (`login_design.0`): `after` and its `after_unknown` with each such
/// list replaced by its first element (or left out when empty), and a
/// finding on each element past the first.
fn first_blocks<'a>(
    after: &Value<'a>,
    unknown: Option<&Value<'a>>,
    findings: &mut Vec<Diagnostic>,
) -> (Value<'a>, Option<Value<'a>>) {
    let first_of = |value: &Value<'a>| -> Option<Value<'a>> {
        match value.as_array() {
            Some(items) => items.first().cloned(),
            None => Some(value.clone()),
        }
    };
    let mut members = Vec::new();
    for member in after.as_object().unwrap_or_default() {
        let key = member.key().as_str();
        if !V4_BLOCKS.contains(&key) {
            members.push(member.clone());
            continue;
        }
        let Some(items) = member.value().as_array() else {
            members.push(member.clone());
            continue;
        };
        if let [first, rest @ ..] = items {
            for again in rest {
                findings.push(crate::rules::terraform::repeated_block(
                    again.span(),
                    key,
                    first.span(),
                ));
            }
            members.push(Member::new(member.key().clone(), first.clone()));
        }
    }
    let unknown = unknown.map(|u| {
        let members = u
            .as_object()
            .unwrap_or_default()
            .iter()
            .filter_map(|m| {
                if V4_BLOCKS.contains(&m.key().as_str()) {
                    first_of(m.value()).map(|v| Member::new(m.key().clone(), v))
                } else {
                    Some(m.clone())
                }
            })
            .collect();
        Value::new(ValueKind::Object(members), u.span())
    });
    (
        Value::new(ValueKind::Object(members), after.span()),
        unknown,
    )
}

/// Whether top-level field `key` is one only responses carry, which the
/// provider computes and does not send.
fn is_response_only(key: &str) -> bool {
    crate::fields::find(&[key]).is_some_and(|f| f.status() == crate::fields::Status::ResponseOnly)
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
#[path = "plan_tests.rs"]
mod tests;
