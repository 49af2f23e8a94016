//! Names the API no longer uses: fields renamed or removed, and enum values
//! renamed. Released clients still send them (Terraform v5.22.0 sends
//! `mfa_ssh_piv_key_requirements` and `ssh_piv_key`), so each gets a
//! warning that names today's spelling, never a bare `unknown-field`.
//!
//! Which names these are is the field table's to say ([`crate::fields`]).

mod removed_field;
mod renamed_field;
mod renamed_value;

use std::sync::LazyLock;

use super::support::value_at;
use super::{Context, Rule};
use crate::fields::{self, Field, Status};
use crate::json::Value;

pub(crate) use renamed_value::RENAMED_VALUE;

pub(crate) const RULES: &[&Rule] = &[
    &renamed_field::RENAMED_FIELD,
    &renamed_value::RENAMED_VALUE,
    &removed_field::REMOVED_FIELD,
];

/// The table's renamed and removed fields.
static RETIRED: LazyLock<Vec<&'static Field>> = LazyLock::new(|| {
    fields::all()
        .filter(|f| matches!(f.status(), Status::Renamed { .. } | Status::Removed { .. }))
        .collect()
});

/// The table's fields with renamed values.
static WITH_RENAMED_VALUES: LazyLock<Vec<&'static Field>> = LazyLock::new(|| {
    fields::all()
        .filter(|f| !f.renamed_values().is_empty())
        .collect()
});

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    for field in RETIRED.iter() {
        let Some((parent_path, key)) = field.path().split_last().map(|(k, p)| (p, *k)) else {
            continue;
        };
        let Some(parent) = value_at(root, parent_path).filter(|v| v.as_object().is_some()) else {
            continue;
        };
        let members = parent.as_object().unwrap_or_default();
        for (index, member) in members.iter().enumerate() {
            if member.key().as_str() != key {
                continue;
            }
            match field.status() {
                Status::Renamed { to, on } => {
                    cx.emit(renamed_field::finding(field, parent, member, to, on));
                }
                Status::Removed { on } => {
                    cx.emit(removed_field::finding(cx.source, field, parent, index, on));
                }
                Status::Current | Status::ResponseOnly => {}
            }
        }
    }
    for field in WITH_RENAMED_VALUES.iter() {
        renamed_value::check(field, root, cx);
    }
}
