use super::{all, find, schema, Format, Kind, Status};
use crate::profile::Profile;

#[test]
fn objects_come_before_their_fields_and_keys_are_sorted_and_unique() {
    let fields: Vec<_> = all().collect();
    for (i, field) in fields.iter().enumerate() {
        assert!(!field.path.is_empty());
        if let Some((_, parent)) = field.path.split_last().filter(|(_, p)| !p.is_empty()) {
            let at = fields.iter().position(|f| f.path == parent);
            let at = at.unwrap_or_else(|| panic!("{}: no parent", field.name()));
            assert!(at < i, "{}: after its parent", field.name());
            assert_eq!(fields[at].kind, Kind::Object, "{}", field.name());
        }
        for later in &fields[i + 1..] {
            if later.path.len() == field.path.len()
                && later.path[..later.path.len() - 1] == field.path[..field.path.len() - 1]
            {
                assert!(
                    later.path > field.path,
                    "{} is not sorted before {}",
                    field.name(),
                    later.name()
                );
            }
        }
    }
}

#[test]
fn every_field_has_a_description_and_evidence() {
    for field in all() {
        assert!(!field.description.is_empty(), "{}", field.name());
        assert!(!field.evidence.is_empty(), "{}: no evidence", field.name());
        assert!(!field.description.ends_with(' '), "{}", field.name());
    }
}

#[test]
fn constraints_fit_the_kind() {
    for field in all() {
        let name = field.name();
        if !field.strings.is_empty() || !field.renamed_values.is_empty() {
            assert!(
                matches!(field.kind, Kind::String | Kind::StringArray),
                "{name}"
            );
        }
        if !field.integers.is_empty() || field.range.is_some() {
            assert!(
                matches!(field.kind, Kind::Integer | Kind::IntegerArray),
                "{name}"
            );
        }
        match field.format {
            Format::Plain => {}
            Format::ZoneName => assert_eq!(field.kind, Kind::StringArray, "{name}"),
            _ => assert_eq!(field.kind, Kind::String, "{name}"),
        }
        if field.unsettled {
            assert_eq!(field.kind, Kind::Object, "{name}");
        }
        if let Status::Renamed { to, .. } = field.status {
            let mut path = field.path.to_vec();
            *path.last_mut().unwrap() = to;
            let current =
                find(&path).unwrap_or_else(|| panic!("{name}: `{to}` is not in the table"));
            assert_eq!(current.status, Status::Current, "{name}");
            assert_eq!(current.kind, field.kind, "{name}");
        }
        for renamed in field.renamed_values {
            assert!(field.strings.contains(&renamed.to), "{name}: {renamed:?}");
            assert!(
                !field.strings.contains(&renamed.from),
                "{name}: {renamed:?}"
            );
        }
    }
}

#[test]
fn find_takes_any_path_of_strings() {
    assert_eq!(
        find(&["mfa_config", "session_duration"]).unwrap().pointer(),
        "/mfa_config/session_duration"
    );
    assert_eq!(find(&[String::from("name")]).unwrap().name(), "name");
    assert!(find(&["login_design", "nope"]).is_none());
    assert!(find::<&str>(&[]).is_none());
}

#[test]
fn find_member_finds_what_find_finds_of_the_joined_path() {
    for field in all() {
        let (key, path) = field.path.split_last().unwrap();
        assert_eq!(
            super::find_member(path, key).map(super::Field::name),
            Some(field.name())
        );
    }
    assert!(super::find_member(&["login_design"], "nope").is_none());
    assert!(super::find_member(&["text_color"], "login_design").is_none());
    assert!(super::find_member::<&str>(&[], "text_color").is_none());
}

/// The zone-level endpoints take six fields (H); create takes every
/// account field but `custom_pages` (H).
#[test]
fn the_profiles_take_the_documented_fields() {
    let names = |p: Profile| -> Vec<&str> {
        all()
            .filter(|f| f.path.len() == 1 && f.accepted_by(p) && f.status != Status::ResponseOnly)
            .map(|f| f.path[0])
            .collect()
    };
    let zone = [
        "auth_domain",
        "is_ui_read_only",
        "login_design",
        "name",
        "ui_read_only_toggle_reason",
        "user_seat_expiration_inactive_time",
    ];
    assert_eq!(names(Profile::ZoneUpdate), zone);
    assert_eq!(names(Profile::ZoneCreate), zone);
    let account = names(Profile::AccountUpdate);
    let create = names(Profile::Create);
    assert_eq!(account.len(), create.len() + 1);
    assert!(account.contains(&"custom_pages") && !create.contains(&"custom_pages"));
    for p in Profile::ALL {
        let required: Vec<_> = all()
            .filter(|f| f.path.len() == 1 && f.required_by(p))
            .map(|f| f.name())
            .collect();
        let expected: &[&str] = if p.is_create() {
            &["auth_domain", "name"]
        } else {
            &[]
        };
        assert_eq!(required, expected, "{p}");
    }
}

/// `src/schema/organization.schema.json` is the generated account update
/// schema, committed for editors. Regenerate with
/// `ZTLINT_BLESS=1 cargo test --lib fields`.
#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/schema/organization.schema.json"
    );
    let expected = serde_json::to_string_pretty(&schema(Profile::AccountUpdate)).unwrap() + "\n";
    if std::env::var_os("ZTLINT_BLESS").is_some() {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap();
    assert!(
        actual == expected,
        "organization.schema.json is stale: run `ZTLINT_BLESS=1 cargo test --lib fields`"
    );
}

#[test]
fn constraints_read_as_a_line() {
    let line = |path: &[&str]| find(path).unwrap().constraints();
    assert_eq!(
        line(&["warp_auth_session_duration"]),
        "string, a Go duration in m or h, at most 2160h"
    );
    assert_eq!(
        line(&["session_duration"]),
        "string, a Go duration, from 15m to 730h"
    );
    assert_eq!(
        line(&["mfa_config", "session_duration"]),
        "string, a Go duration in m or h, from 0s to 720h"
    );
    assert_eq!(
        line(&["mfa_piv_key_requirements", "ssh_key_size"]),
        "array of integers, each one of `256`, `384`, `521`, `2048`, `3072`, `4096`"
    );
    assert_eq!(
        line(&["service_token_inactivity"]),
        "object, all of its fields together"
    );
    assert_eq!(
        line(&["service_token_inactivity", "inactivity_threshold_days"]),
        "integer, from 30 to 365"
    );
    assert_eq!(
        line(&["login_design", "text_color"]),
        "string, a hex color `#RGB` or `#RRGGBB`"
    );
}
