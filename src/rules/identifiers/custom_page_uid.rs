//! `custom-page-uid`: `custom_pages.forbidden` and
//! `custom_pages.identity_denied` must be custom page uids.

use super::{first_stray, is_hyphenated_uuid};
use crate::diagnostic::Severity;
use crate::fields::{self, Format};
use crate::json::Value;
use crate::rules::support::{dotted, replace_string, set_str_at, shown};
use crate::rules::{Context, Rule};
use std::sync::LazyLock;

pub(crate) const CUSTOM_PAGE_UID: Rule = Rule::new(
    "custom-page-uid",
    Severity::Warning,
    "A custom page reference is not a custom page uid",
    include_str!("custom_page_uid.md"),
);

/// The custom page fields, from the field table.
static FIELDS: LazyLock<Vec<&'static [&'static str]>> =
    LazyLock::new(|| fields::paths_of(Format::CustomPageUid).collect());

const FORMS: &str = "a custom page uid is 32 hex characters or a 36-character UUID";

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    for path in FIELDS.iter() {
        // An empty uid is how clients send an unset page.
        let Some(field) = set_str_at(root, path) else {
            continue;
        };
        let text = field.text;
        if is_canonical(text) {
            continue;
        }
        // Messages start with the field and its value; built only for a
        // finding.
        let subject = || format!("`{}` is `{}`", dotted(path), shown(text));
        let length = text.chars().count();
        let finding = match length {
            32 | 36 => {
                let hyphens = length == 36;
                match first_stray(text, hyphens) {
                    Some((position, c)) => CUSTOM_PAGE_UID
                        .at(
                            field.span,
                            format!(
                                "{}, which has `{}` at position {position}, not a hex digit",
                                subject(),
                                c.escape_debug()
                            ),
                        )
                        .with_severity(Severity::Warning)
                        .with_label("not a hex digit")
                        .with_help(format!("{FORMS}; copy the uid from the custom page")),
                    None if hyphens && !is_hyphenated_uuid(text) => CUSTOM_PAGE_UID
                        .at(
                            field.span,
                            format!("{}, which has its hyphens out of place", subject()),
                        )
                        .with_severity(Severity::Warning)
                        .with_label("not 8-4-4-4-12")
                        .with_help(format!(
                            "{FORMS}, grouped 8-4-4-4-12; copy the uid from the custom page"
                        )),
                    None if text.bytes().any(|b| b.is_ascii_uppercase()) => {
                        let lower = text.to_ascii_lowercase();
                        CUSTOM_PAGE_UID
                            .at(
                                field.span,
                                format!(
                                    "{}, in uppercase; Cloudflare's uids are lowercase hex",
                                    subject()
                                ),
                            )
                            .with_severity(Severity::Info)
                            .with_label("uppercase")
                            .with_help(format!("write `{lower}`"))
                            .with_fix(replace_string(field.span, &lower, true))
                    }
                    None => continue,
                }
            }
            _ => CUSTOM_PAGE_UID
                .at(
                    field.span,
                    format!("{}, {length} characters long; {FORMS}", subject()),
                )
                .with_label(format!("{length} characters"))
                .with_help(
                    "copy the uid from the custom page, e.g. `699d98642c564d2e855e9661899b7252`",
                ),
        };
        cx.emit(finding);
    }
}

/// Whether `text` is a uid as Cloudflare writes them, which this rule
/// accepts: 32 lowercase hex digits, or a lowercase 8-4-4-4-12 UUID. One
/// pass over the bytes, for the usual payload.
fn is_canonical(text: &str) -> bool {
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    match text.len() {
        32 => text.bytes().all(lower_hex),
        36 => text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => lower_hex(b),
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "custom-page-uid";

    #[test]
    fn wrong_length_is_an_error() {
        let source = r#"{"custom_pages": {"forbidden": "699d98642c564d2e855e9661899b725"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(31, 64));
        assert_eq!(
            d.message(),
            "`custom_pages.forbidden` is `699d98642c564d2e855e9661899b725`, 31 characters long; a custom page uid is 32 hex characters or a 36-character UUID"
        );
        assert_eq!(d.primary().text(), Some("31 characters"));
        assert_eq!(
            d.help(),
            Some("copy the uid from the custom page, e.g. `699d98642c564d2e855e9661899b7252`")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn right_length_but_not_hex_is_a_warning() {
        let source = r#"{"custom_pages": {"identity_denied": "699d9864-2c56-4d2e-855e-9661899b725z", "forbidden": "699d98642c564d2e855e9661899b7252----"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].severity(), Severity::Warning);
        assert_eq!(
            found[0].message(),
            "`custom_pages.identity_denied` is `699d9864-2c56-4d2e-855e-9661899b725z`, which has `z` at position 36, not a hex digit"
        );
        assert_eq!(
            found[1].message(),
            "`custom_pages.forbidden` is `699d98642c564d2e855e9661899b7252----`, which has its hyphens out of place"
        );
        assert_eq!(found[1].severity(), Severity::Warning);
    }

    #[test]
    fn uppercase_is_information_with_a_safe_fix() {
        let source = r#"{"custom_pages": {"forbidden": "699D98642C564D2E855E9661899B7252"}}"#;
        let found = only(CODE, source);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Info);
        assert_eq!(
            d.message(),
            "`custom_pages.forbidden` is `699D98642C564D2E855E9661899B7252`, in uppercase; Cloudflare's uids are lowercase hex"
        );
        assert_eq!(d.help(), Some("write `699d98642c564d2e855e9661899b7252`"));
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            r#"{"custom_pages": {"forbidden": "699d98642c564d2e855e9661899b7252"}}"#
        );
    }

    #[test]
    fn only_lowercase_uids_skip_the_checks() {
        use super::is_canonical;
        assert!(is_canonical("699d98642c564d2e855e9661899b7252"));
        assert!(is_canonical("699d9864-2c56-4d2e-855e-9661899b7252"));
        for near_miss in [
            "699D98642c564d2e855e9661899b7252",
            "699d98642c564d2e855e9661899b725g",
            "699d98642c564d2e855e9661899b725",
            "699d9864-2c56-4d2e-855e-9661899b725A",
            "699d98642-c56-4d2e-855e-9661899b7252",
            "699d98642c564d2e855e9661899b7252----",
            "699d98642c564d2e855e9661899b725é",
        ] {
            assert!(!is_canonical(near_miss), "{near_miss}");
        }
    }

    #[test]
    fn both_forms_and_empty_pass() {
        let source = r#"{"custom_pages": {"forbidden": "699d98642c564d2e855e9661899b7252", "identity_denied": "699d9864-2c56-4d2e-855e-9661899b7252"}}"#;
        assert!(only(CODE, source).is_empty());
        assert!(only(
            CODE,
            r#"{"custom_pages": {"forbidden": "", "identity_denied": 7}}"#
        )
        .is_empty());
    }
}
