//! `aaguid-format`: `mfa_config.required_aaguids` must hold UUIDs.

use super::{first_stray, is_hyphenated_uuid};
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::Value;
use crate::rules::support::{replace_string, shown, value_at};
use crate::rules::{Context, Rule};

pub(crate) const AAGUID_FORMAT: Rule = Rule::new(
    "aaguid-format",
    Severity::Error,
    "A required authenticator AAGUID is not a UUID",
    include_str!("aaguid_format.md"),
);

const PATH: &[&str] = &["mfa_config", "required_aaguids"];

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(value) = value_at(root, PATH) else {
        return;
    };
    // A single string or an array of them; other types are the structure
    // rules' to report.
    let items = match value.as_array() {
        Some(items) => items,
        None => std::slice::from_ref(value),
    };
    for item in items {
        if let Some(text) = item.as_str() {
            if let Some(finding) = finding(text, item) {
                cx.emit(finding);
            }
        }
    }
}

fn finding(text: &str, item: &Value<'_>) -> Option<Diagnostic> {
    if is_hyphenated_uuid(text) {
        return None;
    }
    let span = item.span();
    let name = "mfa_config.required_aaguids";
    let shown = shown(text);
    if let Some(canonical) = canonical(text) {
        // Go's uuid.Parse reads these forms too, so the server may take
        // them; the canonical form is certain.
        return Some(
            AAGUID_FORMAT
                .at(
                    span,
                    format!("`{name}` has `{shown}`, a UUID not in the hyphenated 8-4-4-4-12 form"),
                )
                .with_severity(Severity::Warning)
                .with_label("not 8-4-4-4-12")
                .with_help(format!("write `{canonical}`"))
                .with_fix(replace_string(span, &canonical, true)),
        );
    }
    let why = match first_stray(text, true) {
        _ if text.is_empty() => "it is empty".to_owned(),
        Some((position, c)) => format!(
            "`{}` at position {position} is not a hex digit",
            c.escape_debug()
        ),
        None => format!(
            "it is {} characters long, not 36 in groups of 8-4-4-4-12",
            text.chars().count()
        ),
    };
    Some(
        AAGUID_FORMAT
            .at(span, format!("`{name}` has `{shown}`, which is not a UUID: {why}"))
            .with_label("not a UUID")
            .with_help("an AAGUID is the UUID that identifies an authenticator model, e.g. `ee882879-721c-4913-9775-3dfcce97072a`; copy it from the vendor or the FIDO metadata service"),
    )
}

/// The lowercase 8-4-4-4-12 form of a UUID written as 32 bare hex digits,
/// in braces, or as a `urn:uuid:`.
fn canonical(text: &str) -> Option<String> {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .or_else(|| {
            text.get(..9)
                .filter(|p| p.eq_ignore_ascii_case("urn:uuid:"))
                .and_then(|_| text.get(9..))
        })
        .unwrap_or(text);
    let hex: String = if is_hyphenated_uuid(inner) {
        inner.chars().filter(|&c| c != '-').collect()
    } else if inner.len() == 32 && inner.bytes().all(|b| b.is_ascii_hexdigit()) {
        inner.to_owned()
    } else {
        return None;
    };
    let hex = hex.to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        hex.get(0..8)?,
        hex.get(8..12)?,
        hex.get(12..16)?,
        hex.get(16..20)?,
        hex.get(20..32)?
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "aaguid-format";

    #[test]
    fn non_uuids_are_errors() {
        let source = r#"{"mfa_config": {"required_aaguids": ["yubikey-5", "ee882879-721c-4913-9775-3dfcce97072a"]}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Error);
        assert_eq!(d.span(), Span::new(37, 48));
        assert_eq!(
            d.message(),
            "`mfa_config.required_aaguids` has `yubikey-5`, which is not a UUID: `y` at position 1 is not a hex digit"
        );
        assert_eq!(d.primary().text(), Some("not a UUID"));
        assert_eq!(
            d.help(),
            Some("an AAGUID is the UUID that identifies an authenticator model, e.g. `ee882879-721c-4913-9775-3dfcce97072a`; copy it from the vendor or the FIDO metadata service")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn a_single_string_and_short_values() {
        let source =
            r#"{"mfa_config": {"required_aaguids": "ee882879-721c-4913-9775-3dfcce97072"}}"#;
        let found = only(CODE, source);
        assert_eq!(
            found[0].message(),
            "`mfa_config.required_aaguids` has `ee882879-721c-4913-9775-3dfcce97072`, which is not a UUID: it is 35 characters long, not 36 in groups of 8-4-4-4-12"
        );
        let empty = only(CODE, r#"{"mfa_config": {"required_aaguids": [""]}}"#);
        assert_eq!(
            empty[0].message(),
            "`mfa_config.required_aaguids` has ``, which is not a UUID: it is empty"
        );
    }

    #[test]
    fn other_uuid_forms_get_a_safe_fix() {
        let source = r#"{"mfa_config": {"required_aaguids": ["EE882879721C491397753DFCCE97072A", "{ee882879-721c-4913-9775-3dfcce97072a}", "urn:uuid:ee882879-721c-4913-9775-3dfcce97072a"]}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|d| d.severity() == Severity::Warning));
        assert_eq!(
            found[0].message(),
            "`mfa_config.required_aaguids` has `EE882879721C491397753DFCCE97072A`, a UUID not in the hyphenated 8-4-4-4-12 form"
        );
        assert_eq!(
            found[0].help(),
            Some("write `ee882879-721c-4913-9775-3dfcce97072a`")
        );
        let uuid = r#""ee882879-721c-4913-9775-3dfcce97072a""#;
        assert_eq!(
            fixed(source, &found, Applicability::Safe),
            format!(r#"{{"mfa_config": {{"required_aaguids": [{uuid}, {uuid}, {uuid}]}}}}"#)
        );
    }

    #[test]
    fn uuids_in_any_case_and_other_types_pass() {
        let source = r#"{"mfa_config": {"required_aaguids": ["EE882879-721C-4913-9775-3DFCCE97072A", 7, null]}}"#;
        assert!(only(CODE, source).is_empty());
        assert!(only(CODE, r#"{"mfa_config": {"required_aaguids": 7}}"#).is_empty());
    }
}
