use crate::{Linter, Profile};

/// A plan with one change of `kind` and `actions`, whose `after` and
/// `after_unknown` are the given JSON texts.
fn plan(kind: &str, actions: &str, after: &str, unknown: &str) -> String {
    format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.11.4",
"resource_changes": [{{"address": "{kind}.main", "mode": "managed",
"type": "{kind}", "name": "main", "provider_name": "registry.terraform.io/cloudflare/cloudflare",
"change": {{"actions": {actions}, "before": null,
"after": {after},
"after_unknown": {unknown}}}}}]}}"#
    )
}

const V5: &str = "cloudflare_zero_trust_organization";

/// Code, span text and message of each finding.
fn findings(source: &str) -> Vec<(&'static str, String, String)> {
    Linter::new()
        .lint_plan(source)
        .expect("a plan")
        .iter()
        .map(|d| {
            (
                d.code(),
                source[d.span().range()].to_string(),
                d.message().to_string(),
            )
        })
        .collect()
}

/// Codes and messages of the findings of an update whose `after` is given.
fn planned_update(after: &str) -> Vec<(&'static str, String)> {
    let source = plan(V5, r#"["update"]"#, after, "{}");
    findings(&source)
        .into_iter()
        .map(|(c, _, m)| (c, m))
        .collect()
}

/// Codes and messages of linting `body` directly under `profile`.
fn direct(body: &str, profile: Profile) -> Vec<(&'static str, String)> {
    Linter::new()
        .profile(profile)
        .lint(body)
        .iter()
        .map(|d| (d.code(), d.message().to_string()))
        .collect()
}

#[test]
fn a_finding_points_into_the_plan_with_the_address_labelled_and_no_fix() {
    let source = plan(
        V5,
        r#"["update"]"#,
        r#"{"account_id": "699d98642c564d2e855e9661899b7252", "id": "699d98642c564d2e855e9661899b7252", "session_duration": "24 h"}"#,
        "{}",
    );
    let diagnostics = Linter::new().lint_plan(&source).unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d.code(), "duration-syntax");
    assert_eq!(&source[d.span().range()], "\"24 h\"");
    assert!(d.fixes().is_empty());
    let label = &d.secondary()[0];
    assert_eq!(
        &source[label.span().range()],
        "\"cloudflare_zero_trust_organization.main\""
    );
    assert_eq!(
        label.text(),
        Some("in the planned change of `cloudflare_zero_trust_organization.main`")
    );
}

#[test]
fn the_body_is_what_the_provider_sends() {
    // Unset attributes are null in `after`; path parameters and `id` are
    // not body fields; an object of nulls is not sent.
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "zone_id": null,
        "id": "x", "name": "Widget Corps", "auth_domain": null,
        "login_design": {"background_color": null, "text_color": null},
        "custom_pages": {"forbidden": null, "identity_denied": null},
        "is_ui_read_only": false, "session_duration": null}"#;
    let source = plan(V5, r#"["create"]"#, after, "{}");
    assert_eq!(findings(&source), vec![]);
}

#[test]
fn findings_match_linting_the_rebuilt_body_directly() {
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "zone_id": null,
        "name": " ", "session_duration": "720h", "login_design": {"background_color": "red",
        "text_color": null, "logo_path": "http://example.com/logo.png"},
        "is_ui_read_only": true, "warp_auth_session_duration": "1d"}"#;
    let body = r#"{"name": " ", "session_duration": "720h", "login_design": {"background_color": "red",
        "logo_path": "http://example.com/logo.png"},
        "is_ui_read_only": true, "warp_auth_session_duration": "1d"}"#;
    let from_plan = planned_update(after);
    let expected = direct(body, Profile::AccountUpdate);
    assert!(expected.len() >= 5, "{expected:#?}");
    assert_eq!(from_plan, expected);
}

#[test]
fn a_zone_id_selects_the_zone_profile() {
    let after = r#"{"account_id": null, "zone_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "warp_auth_session_duration": "24h", "allow_authenticate_via_warp": true}"#;
    let body = r#"{"warp_auth_session_duration": "24h", "allow_authenticate_via_warp": true}"#;
    let from_plan = planned_update(after);
    let zone = direct(body, Profile::ZoneUpdate);
    assert_ne!(zone, direct(body, Profile::AccountUpdate));
    assert_eq!(from_plan, zone);
}

#[test]
fn an_unknown_value_is_left_out_and_never_reported_missing() {
    // The reason is known only after apply: it may well be set.
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "is_ui_read_only": true, "session_duration": "24h"}"#;
    let unknown = r#"{"ui_read_only_toggle_reason": true, "login_design": {"logo_path": true}}"#;
    let source = plan(V5, r#"["update"]"#, after, unknown);
    assert_eq!(findings(&source), vec![]);
    // Without the unknown, the toggle has no reason.
    let source = plan(V5, r#"["update"]"#, after, "{}");
    let codes: Vec<_> = findings(&source).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["toggle-without-reason"]);
}

#[test]
fn an_unknown_value_hides_only_absence_findings() {
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "session_duration": "1d", "name": "Widget Corps"}"#;
    let unknown = r#"{"auth_domain": true}"#;
    let source = plan(V5, r#"["update"]"#, after, unknown);
    let found = findings(&source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "duration-syntax");
    assert_eq!(found[0].1, "\"1d\"");
}

#[test]
fn a_list_with_an_unknown_element_is_left_out_whole() {
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "mfa_config": {"allowed_authenticators": ["totp", "carrier-pigeon"]}}"#;
    let known = plan(
        V5,
        r#"["update"]"#,
        after,
        r#"{"mfa_config": {"allowed_authenticators": [false, false]}}"#,
    );
    let codes: Vec<_> = findings(&known).into_iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(codes, [("enum-value", "\"carrier-pigeon\"".to_string())]);
    let unknown = plan(
        V5,
        r#"["update"]"#,
        after,
        r#"{"mfa_config": {"allowed_authenticators": [false, true]}}"#,
    );
    assert_eq!(findings(&unknown), vec![]);
}

#[test]
fn only_creates_and_updates_of_organization_resources_are_linted() {
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "session_duration": "1d"}"#;
    for (kind, actions, linted) in [
        (V5, r#"["create"]"#, true),
        (V5, r#"["delete", "create"]"#, true),
        (V5, r#"["create", "delete"]"#, true),
        (V5, r#"["no-op"]"#, false),
        (V5, r#"["delete"]"#, false),
        (V5, r#"["read"]"#, false),
        ("cloudflare_access_organization", r#"["update"]"#, true),
        (
            "cloudflare_zero_trust_access_organization",
            r#"["update"]"#,
            true,
        ),
        (
            "cloudflare_zero_trust_access_application",
            r#"["update"]"#,
            false,
        ),
    ] {
        let source = plan(kind, actions, after, "{}");
        let count = Linter::new().lint_plan(&source).unwrap().len();
        assert_eq!(count, usize::from(linted), "{kind} {actions}");
    }
    let data = plan(V5, r#"["read"]"#, after, "{}").replace("\"managed\"", "\"data\"");
    assert_eq!(Linter::new().lint_plan(&data).unwrap(), vec![]);
}

#[test]
fn what_is_not_a_plan_is_left_to_the_payload_lint() {
    for source in [
        r#"{"name": "Widget Corps"}"#,
        r#"{"resource_changes": [], "name": "format_version"}"#,
        r#"{"format_version": "1.2", "resource_changes": [}"#,
        r#"{"format_version": "1.2", "resource_changes": {}}"#,
        "",
    ] {
        assert!(Linter::new().lint_plan(source).is_none(), "{source}");
    }
    let empty = r#"{"format_version": "1.2", "resource_changes": []}"#;
    assert_eq!(Linter::new().lint_plan(empty), Some(vec![]));
}

/// Windows PowerShell 5.1's `Out-File -Encoding utf8` writes a byte order
/// mark before the plan: it is skipped, not reported, and the findings
/// index the text from its first byte.
#[test]
fn a_plan_behind_a_byte_order_mark_is_a_plan() {
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "session_duration": "1d"}"#;
    let bare_plan = plan(V5, r#"["update"]"#, after, "{}");
    let bare = Linter::new().lint_plan(&bare_plan).unwrap();
    let marked = format!("\u{feff}{bare_plan}");
    let found = Linter::new().lint_plan(&marked).unwrap();
    let codes: Vec<_> = found.iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["duration-syntax"]);
    assert_eq!(&marked[found[0].span().range()], "\"1d\"");
    assert_eq!(found[0].span().start(), bare[0].span().start() + 3);
}

/// The plan's other top-level members are read for syntax only; one with a
/// duplicate key inside (which Terraform never writes) is read whole, and
/// the plan is linted the same.
#[test]
fn the_rest_of_a_plan_changes_nothing() {
    let after = r#"{"account_id": "699d98642c564d2e855e9661899b7252", "session_duration": "1d"}"#;
    let source = plan(V5, r#"["update"]"#, after, "{}");
    let codes = |source: &str| -> Vec<(&'static str, String)> {
        findings(source)
            .into_iter()
            .map(|(code, text, _)| (code, text))
            .collect()
    };
    assert_eq!(codes(&source), [("duration-syntax", "\"1d\"".to_string())]);
    for rest in [
        r#""planned_values": {"root_module": {"resources": [{"a": 1}]}}"#,
        r#""prior_state": {"values": {"a": 1, "a": 2}}"#,
    ] {
        let with_rest = source.replacen('{', &format!("{{{rest}, "), 1);
        assert_eq!(codes(&with_rest), codes(&source), "{with_rest}");
    }
}

/// Each change is linted as it is read, and then dropped: the findings
/// are those of each change in turn, and of a repeated `resource_changes`
/// only the last is read, as every repeated key is.
#[test]
fn changes_are_linted_one_by_one_and_a_repeated_list_is_read_last() {
    let change = |name: &str, duration: &str| {
        format!(
            r#"{{"address": "{V5}.{name}", "mode": "managed", "type": "{V5}", "name": "{name}",
"change": {{"actions": ["update"], "after": {{"account_id": "699d98642c564d2e855e9661899b7252",
"session_duration": "{duration}"}}, "after_unknown": {{}}}}}}"#
        )
    };
    let other = r#"{"address": "null_resource.n", "mode": "managed", "type": "null_resource",
"change": {"actions": ["update"], "after": {"a": 1, "a": 2}, "after_unknown": {}}}"#;
    let list = |changes: &[String]| format!("[{}]", changes.join(", "));
    let first = list(&[change("a", "1d"), other.to_string(), change("b", "2d")]);
    let last = list(&[change("c", "3d"), change("d", "4h"), change("e", "5d")]);
    let texts = |source: &str| -> Vec<String> {
        findings(source)
            .into_iter()
            .map(|(code, text, _)| format!("{code} {text}"))
            .collect()
    };
    let once = format!(r#"{{"format_version": "1.2", "resource_changes": {first}}}"#);
    assert_eq!(
        texts(&once),
        ["duration-syntax \"1d\"", "duration-syntax \"2d\""]
    );
    let twice = format!(
        r#"{{"format_version": "1.2", "resource_changes": {first}, "resource_changes": {last}}}"#
    );
    assert_eq!(
        texts(&twice),
        ["duration-syntax \"3d\"", "duration-syntax \"5d\""]
    );
    let labels: Vec<_> = Linter::new()
        .lint_plan(&twice)
        .unwrap()
        .iter()
        .map(|d| d.secondary()[0].text().unwrap().to_string())
        .collect();
    assert_eq!(
        labels,
        [
            format!("in the planned change of `{V5}.c`"),
            format!("in the planned change of `{V5}.e`")
        ]
    );
}

#[test]
fn selection_and_severity_overrides_apply() {
    let source = plan(
        V5,
        r#"["update"]"#,
        r#"{"account_id": "699d98642c564d2e855e9661899b7252", "session_duration": "1d"}"#,
        "{}",
    );
    let linter = Linter::new().ignore("duration-syntax").unwrap();
    assert_eq!(linter.lint_plan(&source), Some(vec![]));
    let linter = Linter::new()
        .severity("duration", Some(crate::Severity::Info))
        .unwrap();
    let d = &linter.lint_plan(&source).unwrap()[0];
    assert_eq!(d.severity(), crate::Severity::Info);
}

#[test]
fn v4_blocks_are_lists_of_which_the_first_is_sent() {
    let after = r##"{"account_id": "699d98642c564d2e855e9661899b7252",
        "auth_domain": "a.cloudflareaccess.com",
        "login_design": [{"text_color": "#ffffff", "background_color": "#000000"}, {"text_color": "white"}],
        "custom_pages": []}"##;
    let source = plan(
        "cloudflare_access_organization",
        r#"["update"]"#,
        after,
        "{}",
    );
    let got = findings(&source);
    // The second block's `white` is not sent: only the repeat is reported.
    assert_eq!(
        got,
        [(
            "terraform-repeated-block",
            r#"{"text_color": "white"}"#.to_string(),
            "a second `login_design` block: the v4 provider sends only the first one, so this one is ignored".to_string()
        )]
    );
}

#[test]
fn computed_attributes_that_are_not_sent_do_not_hide_absence_findings() {
    let source = plan(
        V5,
        r#"["create"]"#,
        r#"{"account_id": "699d98642c564d2e855e9661899b7252", "is_ui_read_only": true}"#,
        r#"{"id": true, "created_at": true, "updated_at": true}"#,
    );
    let codes: Vec<_> = findings(&source).into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(codes, ["toggle-without-reason"]);
}

#[test]
fn the_path_parameters_are_checked() {
    let both = plan(
        V5,
        r#"["update"]"#,
        r#"{"account_id": "699d98642c564d2e855e9661899b7252", "zone_id": "your-zone", "name": "Widget"}"#,
        "{}",
    );
    let got: Vec<_> = findings(&both)
        .into_iter()
        .map(|(c, s, _)| (c, s))
        .collect();
    assert_eq!(
        got,
        [
            ("identifier-invalid", "\"your-zone\"".to_string()),
            ("terraform-account-and-zone", "\"your-zone\"".to_string()),
        ]
    );
    let neither = plan(
        V5,
        r#"["create"]"#,
        r#"{"account_id": null, "name": "Widget"}"#,
        "{}",
    );
    let got: Vec<_> = findings(&neither).into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(got, ["terraform-account-and-zone"]);
    // Unknown until apply: nothing is said.
    let unknown = plan(
        V5,
        r#"["create"]"#,
        r#"{"name": "Widget"}"#,
        r#"{"account_id": true}"#,
    );
    assert_eq!(findings(&unknown), []);
}

#[test]
fn a_plan_linted_a_change_at_a_time_finds_what_it_finds_whole() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut plans: Vec<String> = [
        "tests/terraform/fixtures/conversions/plan.json",
        "tests/terraform/fixtures/v5-plan-create/plan.json",
        "tests/terraform/fixtures/v4-plan-blocks/plan.json",
        "examples/terraform/plan.json",
        "fuzz/seeds/lint/terraform-plan.json",
    ]
    .iter()
    .map(|path| std::fs::read_to_string(root.join(path)).unwrap())
    .collect();
    // Two changes with findings, and a second `resource_changes` that is
    // the one read.
    let one = plan(V5, r#"["update"]"#, r#"{"session_duration": "1d"}"#, "{}");
    let two = one.replacen(
        r#""resource_changes": ["#,
        r#""resource_changes": [{"address": "a", "type": "cloudflare_zero_trust_organization", "mode": "managed", "change": {"actions": ["create"], "after": {"name": ""}, "after_unknown": {}}}, "#,
        1,
    );
    plans.push(two.clone());
    plans.push(two.replacen('{', r#"{"resource_changes": [1], "#, 1));
    plans.push(format!(
        "{}, \"resource_changes\": []}}",
        &two[..two.len() - 1]
    ));
    let linters = [
        Linter::new(),
        Linter::new().ignore("duration-syntax").unwrap(),
    ];
    let mut found_some = 0;
    for source in &plans {
        for linter in &linters {
            let whole = linter.lint_plan(source).unwrap();
            let mut each = Vec::new();
            assert!(linter.lint_plan_each(source, &mut |d| each.push(d)));
            assert_eq!(each, whole, "{source}");
            found_some += usize::from(!whole.is_empty());
        }
    }
    assert!(found_some >= 8, "{found_some}");
    assert!(!Linter::new().lint_plan_each(r#"{"name": "x"}"#, &mut |_| {}));
}
