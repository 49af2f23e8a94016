//! The organization itself: its team domain, name, free text, and the
//! zones exempted from deny-unmatched.

mod auth_domain_invalid;
mod auth_domain_suffix;
mod invisible_characters;
mod name_blank;
mod zone_name_invalid;

use super::support::{
    bare_host, check_hostname, punycode, replace_string, set_str_at, shown, StrField,
};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &auth_domain_invalid::AUTH_DOMAIN_INVALID,
    &auth_domain_suffix::AUTH_DOMAIN_SUFFIX,
    &name_blank::NAME_BLANK,
    &invisible_characters::INVISIBLE_CHARACTERS,
    &zone_name_invalid::ZONE_NAME_INVALID,
];

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    // Both team domain rules judge the same field as a hostname: look it up
    // and judge it once.
    // An empty team domain is how clients send it unset.
    if let Some(auth_domain) = set_str_at(root, &["auth_domain"]) {
        let hostname = check_hostname(auth_domain.text);
        auth_domain_invalid::check(auth_domain, &hostname, cx);
        auth_domain_suffix::check(auth_domain, hostname.is_ok(), cx);
    }
    name_blank::check(root, cx);
    invisible_characters::check(root, cx);
    zone_name_invalid::check(root, cx);
}

/// The finding of `rule` for a value that should be a bare hostname, if it
/// is not one. `subject` starts the message ("`auth_domain` is"), and
/// `example` ends the help when there is no fix.
fn hostname_finding(
    rule: &'static Rule,
    subject: &str,
    field: StrField<'_>,
    why: &str,
    example: &str,
) -> Diagnostic {
    let start = format!("{subject} `{}`", shown(field.text));
    if let Some(bare) = bare_host(field.text) {
        return rule
            .at(
                field.span,
                format!(
                    "{start}, which has {}; it must be a bare hostname",
                    bare.extras_list()
                ),
            )
            .with_label("not a bare hostname")
            .with_help(format!("write `{}`", bare.host))
            .with_fix(replace_string(field.span, &bare.host, true));
    }
    let diagnostic = rule
        .at(
            field.span,
            format!("{start}, which is not a valid hostname: {why}"),
        )
        .with_label("not a hostname");
    match punycode(field.text) {
        Some(ascii) => diagnostic
            .with_help(format!(
                "write the name in its ASCII (punycode) form, `{ascii}`"
            ))
            .with_fix(replace_string(field.span, &ascii, false)),
        None => diagnostic.with_help(example.to_owned()),
    }
}
