use super::suggest::{or_list, similar};
use super::{remove_member_edit, subject};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::fields;
use crate::json::Value;
use crate::profile::Profile;
use crate::rules::{Context, Rule};
use crate::schema::account_has_field;
use crate::schema::pointer::Seg;
use crate::schema::problem::{Problem, ProblemKind};

pub(crate) const UNKNOWN_FIELD: Rule = Rule::new(
    "unknown-field",
    Severity::Warning,
    "The body has a field the endpoint does not take",
    include_str!("unknown_field.md"),
);

/// Whether the field table says the names inside the top-level object
/// `parent` still change between API versions: unknown fields there are
/// warnings.
fn is_unsettled(parent: &str) -> bool {
    fields::find(&[parent]).is_some_and(|f| f.unsettled)
}

/// Whether `key`, a name the schema takes in the object at `parent`, is one
/// to suggest: not an old name or a response-only field of the table.
fn is_suggestable(parent: &[Seg<'_>], key: &str) -> bool {
    let mut path = parent.to_vec();
    path.push(Seg::Key(key));
    super::table_field(&path).is_none_or(|f| f.status() == fields::Status::Current)
}

/// The unknown fields per payload that get a "did you mean": about 50 µs
/// each, so their cost stays near 10 ms.
const SUGGESTED: usize = 200;

pub(super) fn report(
    problem: &Problem<'_, '_, '_, '_>,
    profile: Option<Profile>,
    cx: &mut Context<'_>,
) {
    let ProblemKind::Unexpected {
        object,
        index,
        known,
        ..
    } = &problem.kind
    else {
        return;
    };
    let Some(member) = problem.unexpected_member() else {
        return;
    };
    let key = member.key().as_str();
    let name = subject(problem.path);

    if let Some(profile) = profile.filter(|p| *p != Profile::AccountUpdate) {
        if account_has_field(problem.path) {
            let (where_, help) = match profile {
                Profile::ZoneUpdate | Profile::ZoneCreate => (
                    "of the zone-level endpoint",
                    "remove it, or set it with the account-level endpoint, `PUT /accounts/{account_id}/access/organizations`",
                ),
                _ => (
                    "when creating an organization",
                    "remove it, and set it with an update once the organization exists",
                ),
            };
            let mut diagnostic = UNKNOWN_FIELD
                .at(
                    member.key().span(),
                    format!("{name} is not a field {where_}"),
                )
                .with_label("not a field here")
                .with_help(help);
            if let Some(edit) = remove_member_edit(cx.source, object, *index) {
                diagnostic =
                    diagnostic.with_fix(Fix::needs_review(format!("Remove {name}"), vec![edit]));
            }
            cx.emit(diagnostic);
            return;
        }
    }

    // A rename onto a key the object already has would make a duplicate.
    let parent = &problem.path[..problem.path.len().saturating_sub(1)];
    // Go's decoder takes a key that matches a field but for case as that
    // field (encoding/json, tests/go/decode_behaviour.go): it is not
    // unknown to the server, only spelled unlike the API.
    if let Some(field) = known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(key) && object.member(k).is_none())
    {
        let quoted = serde_json::to_string(field).unwrap_or_default();
        cx.emit(
            UNKNOWN_FIELD
                .at(
                    member.key().span(),
                    format!("{name} is `{field}` in another case"),
                )
                .with_severity(Severity::Info)
                .with_label("another case")
                .with_help(format!(
                    "write `{field}`: Cloudflare's servers (Go's encoding/json) match keys regardless of case, so this sets `{field}`, but the API spells it in lowercase"
                ))
                .with_fix(Fix::safe(
                    format!("Rename to `{field}`"),
                    [Edit::replace(member.key().span(), quoted)],
                )),
        );
        return;
    }
    // Past the first SUGGESTED unknown fields of a payload, which is not a
    // body with typos but generated text, no name is suggested: the edit
    // distances are most of the time such a payload takes.
    let close = if cx.suggested < SUGGESTED {
        cx.suggested += 1;
        if let Some(log) = &mut cx.suggest_log {
            log.push(member.key().span().start());
        }
        let present = present_known(cx, object, known);
        similar(
            key,
            known
                .iter()
                .zip(present)
                .filter(|(k, present)| !**present && is_suggestable(parent, k))
                .map(|(k, _)| *k),
        )
    } else {
        Vec::new()
    };
    let unsettled = match problem.path {
        [Seg::Key(parent), _, ..] if is_unsettled(parent) => Some(parent),
        _ => None,
    };
    let misplaced = problem.path.len() > 1 && account_has_field(&[Seg::Key(key)]);
    let mut help = if !close.is_empty() {
        format!("did you mean {}?", or_list(&close))
    } else if misplaced {
        format!("`{key}` is a top-level field; move it out of this object")
    } else {
        "remove it, or check its spelling against Cloudflare's API reference".to_string()
    };
    if let Some(parent) = unsettled {
        help.push_str(&format!(
            " (field names in `{parent}` still change between API versions)"
        ));
    }
    let mut diagnostic = UNKNOWN_FIELD
        .at(member.key().span(), format!("unknown field {name}"))
        .with_label("unknown field")
        .with_help(help);
    if let [only] = close.as_slice() {
        let quoted = serde_json::to_string(only).unwrap_or_default();
        diagnostic = diagnostic.with_fix(Fix::needs_review(
            format!("Rename to `{only}`"),
            [Edit::replace(member.key().span(), quoted)],
        ));
    }
    cx.emit(diagnostic);
}

/// Which of `known` the object has, found once per object: an object with
/// thousands of unknown keys has as many findings, and a scan of its members
/// for each would make the lint quadratic.
fn present_known<'c>(cx: &'c mut Context<'_>, object: &Value<'_>, known: &[&str]) -> &'c [bool] {
    let cached = cx
        .present_known
        .as_ref()
        .is_some_and(|(span, present)| *span == object.span() && present.len() == known.len());
    if !cached {
        let present = known.iter().map(|k| object.member(k).is_some()).collect();
        cx.present_known = Some((object.span(), present));
    }
    cx.present_known.as_ref().map_or(&[], |(_, p)| p.as_slice())
}

#[cfg(test)]
mod tests {
    use crate::{apply_fixes, Applicability, Diagnostic, Linter, Profile, Severity, Span};

    fn unknown(profile: Profile, source: &str) -> Vec<Diagnostic> {
        Linter::new()
            .profile(profile)
            .lint(source)
            .into_iter()
            .filter(|d| d.code() == "unknown-field")
            .collect()
    }

    #[test]
    fn a_typo_gets_did_you_mean_and_a_rename_after_review() {
        let source = r#"{"sesion_duration": "24h"}"#;
        let found = unknown(Profile::AccountUpdate, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.span(), Span::new(1, 18));
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.message(), "unknown field `sesion_duration`");
        assert_eq!(d.help(), Some("did you mean `session_duration`?"));
        assert_eq!(apply_fixes(source, &found, Applicability::Safe).1, 0);
        let (fixed, _) = apply_fixes(source, &found, Applicability::Unsafe);
        assert_eq!(fixed, r#"{"session_duration": "24h"}"#);
    }

    #[test]
    fn another_case_is_what_go_reads_it_as() {
        let source = r#"{"Name": "Widget", "SESSION_DURATION": "1h"}"#;
        let found = unknown(Profile::AccountUpdate, source);
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.span(), d.severity(), d.message()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Span::new(1, 7),
                    Severity::Info,
                    "`Name` is `name` in another case"
                ),
                (
                    Span::new(19, 37),
                    Severity::Info,
                    "`SESSION_DURATION` is `session_duration` in another case"
                ),
            ]
        );
        let (fixed, applied) = apply_fixes(source, &found, Applicability::Safe);
        assert_eq!(applied, 2);
        assert_eq!(fixed, r#"{"name": "Widget", "session_duration": "1h"}"#);
    }

    #[test]
    fn no_rename_onto_a_key_that_is_there() {
        let found = unknown(Profile::AccountUpdate, r#"{"nmae": "A", "name": "B"}"#);
        assert_eq!(
            found[0].help(),
            Some("remove it, or check its spelling against Cloudflare's API reference")
        );
        assert!(found[0].fixes().is_empty());
    }

    #[test]
    fn nested_unknowns_name_their_path() {
        let found = unknown(
            Profile::AccountUpdate,
            r##"{"login_design": {"text_colour": "#fff", "session_duration": "1h"}}"##,
        );
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.span(), d.message(), d.help().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Span::new(18, 31),
                    "unknown field `login_design.text_colour`",
                    "did you mean `text_color`?"
                ),
                (
                    Span::new(41, 59),
                    "unknown field `login_design.session_duration`",
                    "`session_duration` is a top-level field; move it out of this object"
                ),
            ]
        );
    }

    #[test]
    fn unknowns_in_newer_objects_are_warnings() {
        let found = unknown(
            Profile::AccountUpdate,
            r#"{"mfa_config": {"allowed_authenticator": ["totp"]}, "service_token_inactivity": {"threshold": 30}}"#,
        );
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.severity(), d.help().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Severity::Warning,
                    "did you mean `allowed_authenticators`? (field names in `mfa_config` still change between API versions)"
                ),
                (
                    Severity::Warning,
                    "remove it, or check its spelling against Cloudflare's API reference (field names in `service_token_inactivity` still change between API versions)"
                ),
            ]
        );
    }

    #[test]
    fn known_fields_the_endpoint_does_not_take() {
        let source = r#"{"name": "A", "custom_pages": {"forbidden": "x"}}"#;
        let zone = unknown(Profile::ZoneUpdate, source);
        assert_eq!(zone.len(), 1);
        assert_eq!(zone[0].span(), Span::new(14, 28));
        assert_eq!(
            zone[0].message(),
            "`custom_pages` is not a field of the zone-level endpoint"
        );
        let (fixed, _) = apply_fixes(source, &zone, Applicability::Unsafe);
        assert_eq!(fixed, r#"{"name": "A"}"#);
        let create = unknown(Profile::Create, source);
        assert_eq!(
            create[0].message(),
            "`custom_pages` is not a field when creating an organization"
        );
        assert!(unknown(Profile::AccountUpdate, source).is_empty());
    }

    #[test]
    fn names_are_suggested_for_the_first_200_unknown_fields_only() {
        let keys: Vec<String> = (0..198).map(|i| format!("\"x{i}\": 1")).collect();
        let source = format!(
            "{{\"sesion_duration\": \"1h\", {}, \"nmae\": 1, \"auth_domian\": \"a\"}}",
            keys.join(", ")
        );
        let found = unknown(Profile::AccountUpdate, &source);
        assert_eq!(found.len(), 201);
        assert_eq!(found[0].help(), Some("did you mean `session_duration`?"));
        // The 200th unknown field is the last to get a suggestion.
        assert_eq!(found[199].help(), Some("did you mean `name`?"));
        assert_eq!(
            found[200].help(),
            Some("remove it, or check its spelling against Cloudflare's API reference")
        );
        assert!(found[200].fixes().is_empty());
    }
}
