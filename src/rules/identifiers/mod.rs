//! Identifiers in the body: custom page uids and MFA authenticator AAGUIDs.

mod aaguid_format;
mod custom_page_uid;

use super::{Context, Rule};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &custom_page_uid::CUSTOM_PAGE_UID,
    &aaguid_format::AAGUID_FORMAT,
];

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    custom_page_uid::check(root, cx);
    aaguid_format::check(root, cx);
}

/// Whether `text` is a UUID in the 8-4-4-4-12 hex form, any case.
fn is_hyphenated_uuid(text: &str) -> bool {
    // Byte by byte: a multi-byte character is never a hex digit or `-`.
    text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The 1-based position and the character of the first character of `text`
/// that is neither a hex digit nor, where `hyphens` allows, a `-`.
fn first_stray(text: &str, hyphens: bool) -> Option<(usize, char)> {
    let at = text
        .bytes()
        .position(|b| !(b.is_ascii_hexdigit() || (hyphens && b == b'-')))?;
    // Every byte before `at` is ASCII: `at` starts a character, and it is
    // character number `at + 1`.
    let c = text.get(at..)?.chars().next()?;
    Some((at + 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shapes() {
        assert!(is_hyphenated_uuid("6f1b3c2e-8a4d-4e2b-9c1a-0d5e7f9a1b2c"));
        assert!(is_hyphenated_uuid("6F1B3C2E-8A4D-4E2B-9C1A-0D5E7F9A1B2C"));
        assert!(!is_hyphenated_uuid("6f1b3c2e8a4d4e2b9c1a0d5e7f9a1b2c"));
        assert!(!is_hyphenated_uuid("6f1b3c2e-8a4d-4e2b-9c1a0-d5e7f9a1b2c"));
        assert!(!is_hyphenated_uuid("6f1b3c2é-8a4d-4e2b-9c1a-0d5e7f9a1b2"));
        assert_eq!(first_stray("ab-c", true), None);
        assert_eq!(first_stray("ab-c", false), Some((3, '-')));
        assert_eq!(first_stray("aéz", false), Some((2, 'é')));
    }
}
