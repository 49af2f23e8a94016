//! The shape of the body: that it is an object, has no duplicate, read-only
//! or unknown keys, is not a response envelope, and matches the schema's
//! types, enums, ranges and required fields.
//!
//! The schema findings come from [`crate::schema`]: the built-in schema of
//! the endpoint profile, or a custom one. Each is reported once, by the rule
//! for its kind; the value rules of other areas only look at values of the
//! right type.

mod duplicate_key;
mod edit;
mod empty_body;
mod enum_value;
mod missing_field;
mod null_value;
mod number_range;
mod read_only_field;
mod response_envelope;
mod root_not_object;
mod schema_violation;
mod suggest;
mod unknown_field;
mod wrong_type;

pub(crate) use duplicate_key::finding as duplicate_key_finding;
pub(crate) use edit::remove_member_edit;
pub(crate) use response_envelope::{is_envelope, is_envelope_key};

use super::{Context, Rule};
use crate::json::{Value, ValueKind};
use crate::schema::pointer::{self, Seg};
use crate::schema::problem::ProblemKind;
use crate::schema::Schema;

pub(crate) const RULES: &[&Rule] = &[
    &root_not_object::ROOT_NOT_OBJECT,
    &response_envelope::RESPONSE_ENVELOPE,
    &empty_body::EMPTY_BODY,
    &duplicate_key::DUPLICATE_KEY,
    &read_only_field::READ_ONLY_FIELD,
    &unknown_field::UNKNOWN_FIELD,
    &wrong_type::WRONG_TYPE,
    &null_value::NULL_VALUE,
    &missing_field::MISSING_FIELD,
    &enum_value::ENUM_VALUE,
    &number_range::NUMBER_RANGE,
    &schema_violation::SCHEMA_VIOLATION,
];

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    if !root_not_object::check(root, cx) {
        return;
    }
    let envelope = response_envelope::check(root, cx);
    empty_body::check(root, cx);
    duplicate_key::check(root, cx);
    read_only_field::check(root, cx);

    // The profile shapes the messages only with the built-in schema: a
    // custom schema says for itself what it accepts.
    let (schema, profile) = match &cx.schema {
        Some(custom) => (custom.clone(), None),
        None => (Schema::builtin(cx.profile), Some(cx.profile)),
    };
    // A value of the wrong type is reported once, as such; its enum or range
    // problems, which come right after its type problem, would only repeat it.
    // Only when the rule that reports the type problem is on, though:
    // otherwise the enum or range problem is all the user gets to see.
    let mut mistyped = None;
    let items_from = std::mem::take(&mut cx.items_from);
    schema.validate_from(root, &items_from, &mut |problem| match &problem.kind {
        ProblemKind::Type { value, .. } => {
            let reporter = if value.is_null() {
                &null_value::NULL_VALUE
            } else {
                &wrong_type::WRONG_TYPE
            };
            if cx.enabled(reporter) {
                mistyped = Some(value.span());
            }
            if value.is_null() {
                null_value::report(root, problem, cx);
            } else {
                wrong_type::report(problem, cx);
            }
        }
        ProblemKind::GoInteger { .. } => wrong_type::report(problem, cx),
        ProblemKind::Unexpected { .. } => {
            let top_level_key = match problem.path {
                [Seg::Key(key)] => Some(*key),
                _ => None,
            };
            // Only with a custom schema that closes the root: the built-in
            // ones take the read-only fields, for their own rule.
            let reported_elsewhere = top_level_key.is_some_and(|key| {
                (read_only_field::is_read_only(key)
                    && cx.enabled(&read_only_field::READ_ONLY_FIELD))
                    || (envelope
                        && is_envelope_key(key)
                        && cx.enabled(&response_envelope::RESPONSE_ENVELOPE))
            });
            if !reported_elsewhere {
                unknown_field::report(problem, profile, cx);
            }
        }
        ProblemKind::Required { .. } => missing_field::report(problem, profile, cx),
        ProblemKind::Enum { value, .. } | ProblemKind::Range { value, .. }
            if mistyped == Some(value.span()) => {}
        ProblemKind::Enum { value, .. }
            if is_renamed_value(problem.path, value)
                && cx.enabled(&crate::rules::lifecycle::RENAMED_VALUE) => {}
        ProblemKind::Enum { .. } => enum_value::report(problem, cx),
        ProblemKind::Range { .. } => number_range::report(problem, cx),
        ProblemKind::Other { .. } => schema_violation::report(problem, cx),
    });
    cx.items_from = items_from;
}

/// Whether `value`, at `path`, is an old name of one of the field's values,
/// which `renamed-value` reports.
fn is_renamed_value(path: &[Seg<'_>], value: &Value<'_>) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    // An array item is judged by its array's field.
    let path = match path.split_last() {
        Some((Seg::Index(_), array)) => array,
        _ => path,
    };
    table_field(path).is_some_and(|field| field.renamed_values().iter().any(|r| r.from == text))
}

/// The field table's entry for the member at `path`, if it has one: `None`
/// also inside arrays, where the table has no fields.
fn table_field(path: &[Seg<'_>]) -> Option<&'static crate::fields::Field> {
    let keys: Option<Vec<&str>> = path
        .iter()
        .map(|seg| match seg {
            Seg::Key(key) => Some(*key),
            Seg::Index(_) => None,
        })
        .collect();
    crate::fields::find(&keys?)
}

/// How a message names the thing at `path`: "`login_design.text_color`",
/// or "the body" for the root.
pub(crate) struct Subject<'p, 'd>(&'p [Seg<'d>]);

pub(crate) fn subject<'p, 'd>(path: &'p [Seg<'d>]) -> Subject<'p, 'd> {
    Subject(path)
}

impl std::fmt::Display for Subject<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            f.write_str("the body")
        } else {
            write!(f, "`{}`", pointer::Dotted(self.0))
        }
    }
}

/// Appends what [`subject`] displays, without the formatting machinery.
fn push_subject(out: &mut String, path: &[Seg<'_>]) {
    if path.is_empty() {
        out.push_str("the body");
        return;
    }
    out.push('`');
    for (i, seg) in path.iter().enumerate() {
        match seg {
            Seg::Key(k) => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(n) => {
                use std::fmt::Write;
                let _ = write!(out, "[{n}]");
            }
        }
    }
    out.push('`');
}

/// Appends what [`describe`] displays, without the formatting machinery
/// for the common cases.
fn push_describe(out: &mut String, value: &Value<'_>, source: &str) {
    let text = source
        .get(value.span().range())
        .filter(|t| t.len() <= QUOTE_LIMIT);
    let parts: [&str; 3] = match (value.kind(), text) {
        (ValueKind::Number(n), _) if n.as_str().len() <= QUOTE_LIMIT => {
            ["the number `", n.as_str(), "`"]
        }
        (ValueKind::Number(_), _) => ["a number", "", ""],
        (ValueKind::String(_), Some(text)) => ["the string `", text, "`"],
        (ValueKind::Bool(true), _) => ["the boolean `", "true", "`"],
        (ValueKind::Bool(false), _) => ["the boolean `", "false", "`"],
        (ValueKind::Null, _) => ["`null`", "", ""],
        (ValueKind::String(_), None) => ["a string", "", ""],
        (ValueKind::Array(_), _) => ["an array", "", ""],
        (ValueKind::Object(_), _) => ["an object", "", ""],
    };
    for part in parts {
        out.push_str(part);
    }
}

/// Strings and numbers longer than this are described by type only, not
/// quoted, so that a finding's message stays short.
const QUOTE_LIMIT: usize = 40;

/// How a message names a value: "the string `\"false\"`", "the number
/// `30`", "an object".
struct Describe<'v, 'a, 's>(&'v Value<'a>, &'s str);

fn describe<'v, 'a, 's>(value: &'v Value<'a>, source: &'s str) -> Describe<'v, 'a, 's> {
    Describe(value, source)
}

impl std::fmt::Display for Describe<'_, '_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Describe(value, source) = self;
        let text = source
            .get(value.span().range())
            .filter(|t| t.len() <= QUOTE_LIMIT);
        match (value.kind(), text) {
            (ValueKind::Null, _) => f.write_str("`null`"),
            (ValueKind::Bool(b), _) => write!(f, "the boolean `{b}`"),
            (ValueKind::Number(n), _) if n.as_str().len() <= QUOTE_LIMIT => {
                write!(f, "the number `{}`", n.as_str())
            }
            (ValueKind::Number(_), _) => f.write_str("a number"),
            (ValueKind::String(_), Some(text)) => write!(f, "the string `{text}`"),
            (ValueKind::String(_), None) => f.write_str("a string"),
            (ValueKind::Array(_), _) => f.write_str("an array"),
            (ValueKind::Object(_), _) => f.write_str("an object"),
        }
    }
}

/// A number as a message shows it: integers without a fraction.
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Linter, Profile, Severity, Span};

    /// The seed's own example body, verbatim.
    const SEED_EXAMPLE: &str = include_str!("../../../examples/seed-example.json");

    #[test]
    fn the_seed_example_has_one_structure_finding() {
        let structure: Vec<_> = lint(SEED_EXAMPLE)
            .into_iter()
            .filter(|d| super::RULES.iter().any(|r| r.code() == d.code()))
            .collect();
        assert_eq!(structure.len(), 1, "{structure:#?}");
        let d = &structure[0];
        assert_eq!(d.code(), "wrong-type");
        assert_eq!(d.severity(), Severity::Error);
        assert_eq!(&SEED_EXAMPLE[d.span().range()], "\"false\"");
        assert_eq!(d.span(), Span::new(243, 250));
        assert_eq!(
            d.message(),
            "`is_ui_read_only` must be a boolean, found the string `\"false\"`"
        );
    }

    #[test]
    fn a_non_object_root_stops_the_structure_checks() {
        let diagnostics = Linter::new().profile(Profile::Create).lint("[]");
        let codes: Vec<_> = diagnostics.iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["root-not-object"]);
    }

    #[test]
    fn a_mistyped_enum_value_is_reported_once() {
        let source = r#"{"service_token_inactivity": {"action": 1, "inactivity_threshold_days": "9", "enabled": true}}"#;
        let codes: Vec<_> = lint(source).iter().map(|d| (d.code(), d.span())).collect();
        assert_eq!(
            codes,
            [
                ("wrong-type", Span::new(40, 41)),
                ("wrong-type", Span::new(72, 75))
            ]
        );
    }
}
