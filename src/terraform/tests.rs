//! The lint of `.tf` and `.tf.json` files, end to end: spans in the file,
//! conversions, references, fixes and suppressions.

use super::Module;
use crate::{apply_fixes, Applicability, Linter};

/// Code, the text at the span, and message of each finding of `name`.
fn findings_in(name: &str, source: &str, module: &Module) -> Vec<(&'static str, String, String)> {
    Linter::new()
        .lint_terraform(name, source, module)
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

fn findings(source: &str) -> Vec<(&'static str, String, String)> {
    findings_in("main.tf", source, &Module::new())
}

/// Codes and span texts only.
fn spots(source: &str) -> Vec<(&'static str, String)> {
    findings(source)
        .into_iter()
        .map(|(c, s, _)| (c, s))
        .collect()
}

/// A v5 resource with an account and the `lines` of its body.
fn v5(lines: &str) -> String {
    format!(
        "resource \"cloudflare_zero_trust_organization\" \"main\" {{\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n{lines}}}\n"
    )
}

#[test]
fn literals_are_linted_at_their_spans_in_the_file() {
    let source = v5(r##"  session_duration = "1d"
  login_design = {
    text_color       = "#c5ed1b"
    background_color = "#c5ed1b"
  }
"##);
    let got = findings(&source);
    assert_eq!(
        got,
        [
            (
                "duration-syntax",
                "\"1d\"".to_string(),
                "`session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit \"d\" in duration \"1d\"".to_string()
            ),
            (
                "low-contrast",
                "\"#c5ed1b\"".to_string(),
                "contrast between `text_color` `#c5ed1b` and `background_color` `#c5ed1b` is 1.00:1, below WCAG AA's 4.5:1".to_string()
            ),
        ]
    );
    let d = &Linter::new().lint_terraform("main.tf", &source, &Module::new())[1];
    // The primary span is the text color, the label the background's.
    let text_color = source.find("\"#c5ed1b\"").unwrap();
    assert_eq!(d.span().start(), text_color);
    assert_eq!(
        d.secondary()[0].span().start(),
        source.rfind("\"#c5ed1b\"").unwrap()
    );
}

#[test]
fn values_are_converted_as_terraform_converts_them_first() {
    // Terraform sends `false` and `"42"`: nothing to report.
    let source = v5("  is_ui_read_only = \"false\"\n  name = 42\n  deny_unmatched_requests_exempted_zone_names = [\"example.com\", 7]\n");
    // The number is sent as the string `"7"`, which is no zone name.
    assert_eq!(spots(&source), [("zone-name-invalid", "7".to_string())]);
    // What Terraform cannot convert is left for `wrong-type`.
    let source = v5("  is_ui_read_only = \"maybe\"\n");
    assert_eq!(spots(&source), [("wrong-type", "\"maybe\"".to_string())]);
}

#[test]
fn a_file_without_an_organization_resource_has_no_finding() {
    assert_eq!(
        spots("resource \"aws_s3_bucket\" \"b\" {\n  bucket = 1d\n}\n"),
        []
    );
    // Not even a syntax error: the file is not read past the scan.
    assert_eq!(spots("this is { not HCL"), []);
}

#[test]
fn a_syntax_error_is_reported_where_the_parser_stops() {
    let source = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  name = \n}\n";
    let got = Linter::new().lint_terraform("main.tf", source, &Module::new());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].code(), "terraform-syntax");
    assert!(
        got[0].message().starts_with("the file is not valid HCL: "),
        "{}",
        got[0].message()
    );
    let json = Linter::new().lint_terraform(
        "main.tf.json",
        "{\"resource\": {\"cloudflare_zero_trust_organization\": {},}}",
        &Module::new(),
    );
    assert_eq!(json[0].code(), "json-syntax");
}

#[test]
fn a_lone_carriage_return_is_read_where_terraform_reads_it() {
    // In a comment after an item of an object, Terraform 1.11 takes it;
    // hcl-edit failed at the start of the object, which hid every real
    // finding.
    let source = v5(
        "  login_design = {\n    text_color = \"red\" # brand\rcolors\n    header_text = \"Hi\"\n  }\n",
    );
    assert_eq!(
        spots(&source),
        [("color-not-hex", "\"red\"".to_string())],
        "{source:?}"
    );
    // Between the parts of an expression, Terraform refuses it ("Invalid
    // character"); hcl-edit took it for a space.
    let source = v5("  session_duration = (\r\"1d\")\n");
    let got = findings(&source);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "terraform-syntax");
    assert_eq!(got[0].1, "\r");
    assert_eq!(
        got[0].2,
        "the file is not valid HCL: a carriage return with no line feed after it is not allowed here: end lines with `\\n` or `\\r\\n`"
    );
}

#[test]
fn references_resolve_to_defaults_and_variable_files_with_a_label_at_the_definition() {
    let main = v5("  session_duration = var.session\n  name = local.name\n");
    let main = format!("{main}locals {{\n  name = \"\"\n}}\n");
    let module = Module::new()
        .file(
            "variables.tf",
            "variable \"session\" {\n  default = \"24h\"\n}\n",
        )
        .file("terraform.tfvars", "session = \"1d\"\n");
    let got = Linter::new().lint_terraform("main.tf", &main, &module);
    let codes: Vec<_> = got
        .iter()
        .map(|d| (d.code(), &main[d.span().range()]))
        .collect();
    assert_eq!(
        codes,
        [
            ("duration-syntax", "var.session"),
            ("name-blank", "local.name")
        ]
    );
    // The tfvars value wins over the default, and is labelled in its file.
    let label = &got[0].secondary()[0];
    assert_eq!(label.file(), Some("terraform.tfvars"));
    assert_eq!(label.text(), Some("`var.session` is set here"));
    let (start, end) = label.positions_elsewhere().unwrap();
    assert_eq!((start.line, start.column, end.column), (1, 11, 15));
    // A reference's finding has no fix: the definition may be used elsewhere.
    assert!(got[0].fixes().is_empty());
    // The local is in the linted file: a plain label.
    let local = &got[1].secondary()[0];
    assert_eq!(local.file(), None);
    assert_eq!(&main[local.span().range()], "\"\"");
    assert_eq!(local.text(), Some("`local.name` is defined here"));
}

#[test]
fn variable_files_take_terraforms_precedence() {
    let main = v5("  session_duration = var.session\n");
    let module = Module::new()
        .file("b.auto.tfvars", "session = \"3d\"\n")
        .file("terraform.tfvars.json", "{\"session\": \"2d\"}")
        .file("a.auto.tfvars", "session = \"4d\"\n")
        .file("terraform.tfvars", "session = \"1d\"\n");
    let message = |module: &Module| {
        Linter::new().lint_terraform("main.tf", &main, module)[0]
            .message()
            .to_string()
    };
    // The last `*.auto.tfvars` in lexical order wins.
    assert!(message(&module).contains("`3d`"), "{}", message(&module));
    let module = module.var_file("prod.tfvars", "session = \"5d\"\n");
    assert!(message(&module).contains("`5d`"));
}

#[test]
fn what_is_not_a_literal_is_unknown_and_hides_absence_findings() {
    // The reason is unknown until apply: it may well be set.
    let source = v5("  is_ui_read_only = true\n  ui_read_only_toggle_reason = terraform_data.reason.output\n  session_duration = \"${var.hours}h\"\n  name = upper(\"x\")\n");
    assert_eq!(spots(&source), []);
    // Without it, the toggle has no reason.
    let source = v5("  is_ui_read_only = true\n");
    assert_eq!(
        spots(&source),
        [("toggle-without-reason", "is_ui_read_only".to_string())]
    );
    // A variable without default or value is unknown too.
    let source = format!(
        "{}variable \"reason\" {{}}\n",
        v5("  is_ui_read_only = true\n  ui_read_only_toggle_reason = var.reason\n")
    );
    assert_eq!(spots(&source), []);
}

#[test]
fn cycles_and_long_chains_of_locals_are_unknown() {
    let source = format!(
        "{}locals {{\n  a = local.b\n  b = local.a\n}}\n",
        v5("  session_duration = local.a\n")
    );
    assert_eq!(spots(&source), []);
}

#[test]
fn fixes_edit_the_file_in_its_own_syntax() {
    let source = v5("  session_duration = \"1d\"\n  allow_authenticate_via_warp = \"True\"\n  created_at = \"2024-01-01T00:00:00Z\" # from a GET\n");
    let diagnostics = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    let (fixed, applied) = apply_fixes(&source, &diagnostics, Applicability::Unsafe);
    assert_eq!(applied, 3, "{diagnostics:#?}");
    assert_eq!(
        fixed,
        v5("  session_duration = \"24h\"\n  allow_authenticate_via_warp = true\n")
    );
}

#[test]
fn a_renamed_field_is_renamed_in_place() {
    let source = v5("  mfa_ssh_piv_key_requirements = {\n    pin_policy = \"once\"\n  }\n");
    let diagnostics = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert_eq!(diagnostics[0].code(), "renamed-field");
    assert_eq!(
        &source[diagnostics[0].span().range()],
        "mfa_ssh_piv_key_requirements"
    );
    let (fixed, _) = apply_fixes(&source, &diagnostics, Applicability::Safe);
    assert_eq!(
        fixed,
        v5("  mfa_piv_key_requirements = {\n    pin_policy = \"once\"\n  }\n")
    );
}

#[test]
fn a_v5_block_is_an_error_with_a_fix_to_an_attribute() {
    let source = v5("  login_design {\n    text_color = \"#000000\"\n  }\n");
    let got = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert_eq!(got.len(), 1, "{got:#?}");
    let d = &got[0];
    assert_eq!(d.code(), "terraform-block-syntax");
    assert_eq!(d.severity(), crate::Severity::Error);
    assert_eq!(&source[d.span().range()], "login_design");
    assert_eq!(
        d.message(),
        "`login_design` is an attribute of `cloudflare_zero_trust_organization` in provider v5, not a block: Terraform rejects `login_design { ... }`"
    );
    let (fixed, _) = apply_fixes(&source, &got, Applicability::Safe);
    assert_eq!(
        fixed,
        v5("  login_design = {\n    text_color = \"#000000\"\n  }\n")
    );
    // Its values are linted all the same.
    let source = v5("  login_design {\n    text_color = \"white\"\n  }\n");
    let codes: Vec<_> = spots(&source).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["terraform-block-syntax", "color-not-hex"]);
}

/// A v4 resource with the `lines` of its body.
fn v4(lines: &str) -> String {
    format!(
        "resource \"cloudflare_access_organization\" \"main\" {{\n  account_id  = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  auth_domain = \"widgets.cloudflareaccess.com\"\n{lines}}}\n"
    )
}

#[test]
fn a_v4_attribute_is_an_error_with_a_fix_to_a_block() {
    let source = v4("  login_design = {\n    text_color = \"#000000\"\n  }\n");
    let got = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].code(), "terraform-block-syntax");
    let (fixed, _) = apply_fixes(&source, &got, Applicability::Safe);
    assert_eq!(
        fixed,
        v4("  login_design {\n    text_color = \"#000000\"\n  }\n")
    );
    // One line with a comma is not a block body: no fix.
    let source = v4("  login_design = { text_color = \"#000000\", header_text = \"Hi\" }\n");
    let got = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert!(got[0].fixes().is_empty());
}

#[test]
fn a_repeated_v4_block_is_ignored_after_the_first() {
    let source = v4("  login_design {\n    text_color = \"#000000\"\n  }\n  login_design {\n    text_color = \"white\"\n  }\n");
    let got = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    // The second block's `white` is not sent, so not linted.
    assert_eq!(got.len(), 1, "{got:#?}");
    let d = &got[0];
    assert_eq!(d.code(), "terraform-repeated-block");
    assert_eq!(d.span().start(), source.rfind("login_design").unwrap());
    assert_eq!(
        d.secondary()[0].span().start(),
        source.find("login_design").unwrap()
    );
}

#[test]
fn account_and_zone_ids_are_checked() {
    let both = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  zone_id = \"699d98642c564d2e855e9661899b7252\"\n  name = \"Widget\"\n}\n";
    let got = Linter::new().lint_terraform("main.tf", both, &Module::new());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].code(), "terraform-account-and-zone");
    assert_eq!(got[0].severity(), crate::Severity::Warning);
    let v4_both = both.replace(
        "cloudflare_zero_trust_organization",
        "cloudflare_access_organization",
    );
    let got = Linter::new().lint_terraform("main.tf", &v4_both, &Module::new());
    assert_eq!(got[0].severity(), crate::Severity::Error);

    let neither =
        "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  name = \"Widget\"\n}\n";
    let got = findings(neither);
    assert_eq!(
        got,
        [(
            "terraform-account-and-zone",
            "resource \"cloudflare_zero_trust_organization\" \"main\"".to_string(),
            "neither `account_id` nor `zone_id` is set: provider v5 sends the request to `/zones//access/organizations`".to_string()
        )]
    );
    let bad = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = \"your-account-id\"\n}\n";
    assert_eq!(
        findings(bad),
        [(
            "identifier-invalid",
            "\"your-account-id\"".to_string(),
            "`account_id` is `your-account-id`, not an account identifier: it must be 32 lowercase hex characters, found 15".to_string()
        )]
    );
}

#[test]
fn a_zone_resource_is_linted_for_the_zone_endpoint() {
    let source = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  zone_id = \"699d98642c564d2e855e9661899b7252\"\n  warp_auth_session_duration = \"24h\"\n}\n";
    let codes: Vec<_> = spots(source).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["unknown-field"]);
}

#[test]
fn ignore_comments_turn_rules_off_for_what_follows() {
    let source = v5("  # ztlint-ignore: duration-syntax\n  session_duration = \"1d\"\n  warp_auth_session_duration = \"1d\"\n");
    let codes: Vec<_> = spots(&source);
    assert_eq!(codes, [("duration-syntax", "\"1d\"".to_string())]);
    assert_eq!(
        Linter::new().lint_terraform("main.tf", &source, &Module::new())[0]
            .span()
            .start(),
        source.rfind("\"1d\"").unwrap()
    );
    // Above the resource: the whole resource.
    let source = format!(
        "// ztlint-ignore: duration\n{}",
        v5("  session_duration = \"1d\"\n  warp_auth_session_duration = \"1d\"\n")
    );
    assert_eq!(spots(&source), []);
}

#[test]
fn json_syntax_files_lint_alike_with_templates_and_comments() {
    let source = r##"{
  "resource": {
    "cloudflare_zero_trust_organization": {
      "main": {
        "//": "ztlint-ignore: low-contrast",
        "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "name": "Cost $${x}",
        "session_duration": "${var.session}",
        "auth_domain": "${local.team}.cloudflareaccess.com",
        "is_ui_read_only": "true",
        "ui_read_only_toggle_reason": "",
        "login_design": {"text_color": "#fff", "background_color": "#fff"}
      }
    }
  },
  "variable": {"session": {"default": "1d"}}
}"##;
    let got = Linter::new().lint_terraform("main.tf.json", source, &Module::new());
    let codes: Vec<_> = got
        .iter()
        .map(|d| (d.code(), &source[d.span().range()]))
        .collect();
    assert_eq!(
        codes,
        [
            ("duration-syntax", "\"${var.session}\""),
            ("toggle-reason-blank", "\"\""),
        ]
    );
    // The default is labelled where it is.
    assert_eq!(&source[got[0].secondary()[0].span().range()], "\"1d\"");
}

#[test]
fn json_syntax_fixes_are_json() {
    let source = r#"{"resource": {"cloudflare_zero_trust_organization": {"main": {
  "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
  "session_duration": "1d",
  "created_at": "2024-01-01T00:00:00Z",
  "name": "Widget"
}}}}"#;
    let got = Linter::new().lint_terraform("main.tf.json", source, &Module::new());
    let (fixed, _) = apply_fixes(source, &got, Applicability::Unsafe);
    assert_eq!(
        fixed,
        r#"{"resource": {"cloudflare_zero_trust_organization": {"main": {
  "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
  "session_duration": "24h",
  "name": "Widget"
}}}}"#
    );
}

/// A fixture file made with real Terraform (`tests/terraform/`).
fn fixture(dir: &str, file: &str) -> String {
    let path = format!(
        "{}/tests/terraform/fixtures/{dir}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `ours` agrees with `theirs`, a value of Terraform's plan, on every part
/// `ours` has; `theirs` also has the attributes left unset (as `null`).
/// What Terraform drops (an attribute a nested object does not declare)
/// is pushed on `dropped`, and an empty string for each value compared.
fn agrees(
    ours: &serde_json::Value,
    theirs: &serde_json::Value,
    at: &str,
    dropped: &mut Vec<String>,
) {
    use serde_json::Value;
    match (ours, theirs) {
        (Value::Object(ours), Value::Object(theirs)) => {
            for (key, value) in ours {
                match theirs.get(key) {
                    Some(t) => agrees(value, t, &format!("{at}.{key}"), dropped),
                    None => dropped.push(format!("{at}.{key}")),
                }
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            assert_eq!(
                a.as_f64(),
                b.as_f64(),
                "{at}: {ours} against Terraform's {theirs}"
            );
            dropped.push(String::new());
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                agrees(x, y, &format!("{at}[{i}]"), dropped);
            }
        }
        _ => {
            assert_eq!(ours, theirs, "{at}");
            dropped.push(String::new());
        }
    }
}

/// The body ztlint rebuilds from each resource of `conversions/main.tf`
/// is what Terraform planned for it (`change.after`), value for value:
/// the conversions to the attributes' types are Terraform's own.
#[test]
fn bodies_are_converted_exactly_as_terraform_plans_them() {
    let source = fixture("conversions", "main.tf");
    let plan: serde_json::Value =
        serde_json::from_str(&fixture("conversions", "plan.json")).unwrap();
    let changes = plan["resource_changes"].as_array().unwrap();
    let parsed = super::hcl::parse(&source).unwrap();
    let resources = super::hcl::resources(&parsed, super::hcl::Text::whole(&source));
    assert_eq!(resources.len(), changes.len());
    let mut dropped = Vec::new();
    for resource in resources {
        let address = resource.address.clone();
        let header = resource.header;
        let mut shaped = resource.shape(&source);
        super::convert::body(&mut shaped.fields);
        let body = super::body::Body::write(&shaped.fields, header);
        let ours: serde_json::Value = serde_json::from_str(&body.json).unwrap();
        let change = changes
            .iter()
            .find(|c| c["address"] == address.as_str())
            .unwrap_or_else(|| panic!("{address} is planned"));
        let after = &change["change"]["after"];
        agrees(&ours, after, &address, &mut dropped);
        for key in ["account_id", "zone_id"] {
            if let Some(expr) = &shaped_id(&shaped, key) {
                agrees(expr, &after[key], &format!("{address}.{key}"), &mut dropped);
            }
        }
    }
    let compared = dropped.iter().filter(|d| d.is_empty()).count();
    dropped.retain(|d| !d.is_empty());
    assert!(compared >= 40, "only {compared} values compared");
    // Terraform drops what the object does not declare; ztlint keeps it in
    // the body to report it (`unknown-field`).
    assert_eq!(
        dropped,
        ["cloudflare_zero_trust_organization.nested_unknown_key.login_design.text_colour"]
    );
}

/// The converted value of a path parameter, as JSON.
fn shaped_id(shaped: &super::resource::Shaped, key: &str) -> Option<serde_json::Value> {
    let expr = if key == "account_id" {
        &shaped.account_id
    } else {
        &shaped.zone_id
    };
    let mut items = vec![super::expr::Item {
        key: "name".to_string(),
        key_span: crate::Span::empty(0),
        key_form: None,
        value: expr.clone()?,
        whole: None,
        removal: None,
    }];
    super::convert::body(&mut items);
    let body = super::body::Body::write(&items, crate::Span::empty(0));
    let json: serde_json::Value = serde_json::from_str(&body.json).ok()?;
    json.get("name").cloned()
}

/// Found by fuzzing: two fixes renaming two keys of one object to the
/// same name would repeat an attribute, which Terraform (and `hcl-edit`)
/// refuse. Only the first rename is offered in a pass.
#[test]
fn two_renames_onto_one_key_are_not_offered_together() {
    let source = v5("  mfa_ssh_piv_key_requirements = {\n    pin_policy = \"once\"\n  }\n  MFA_PIV_KEY_REQUIREMENTS = {\n    pin_policy = \"never\"\n  }\n");
    let diagnostics = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    let renames = diagnostics.iter().filter(|d| !d.fixes().is_empty()).count();
    assert_eq!(renames, 1, "{diagnostics:#?}");
    let (fixed, _) = apply_fixes(&source, &diagnostics, Applicability::Unsafe);
    let again = Linter::new().lint_terraform("main.tf", &fixed, &Module::new());
    assert!(
        again.iter().all(|d| d.code() != "terraform-syntax"),
        "{fixed}"
    );
}

/// Found by fuzzing: a key may not be renamed onto an attribute the body
/// leaves out because its value is unknown; the file has it all the same.
#[test]
fn no_rename_onto_an_attribute_whose_value_is_unknown() {
    let source = v5("  session_duration = var.unknown\n  sesion_duration = \"24h\"\n");
    let diagnostics = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert_eq!(diagnostics[0].code(), "unknown-field");
    assert!(diagnostics[0].fixes().is_empty(), "{diagnostics:#?}");
}

/// Found by fuzzing: a v5 block beside an attribute of the same name gets
/// no fix, which would repeat the attribute.
#[test]
fn a_block_beside_its_attribute_gets_no_fix() {
    let source =
        v5("  login_design = var.design\n  login_design {\n    text_color = \"#000000\"\n  }\n");
    let got = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert_eq!(got[0].code(), "terraform-block-syntax");
    assert!(got[0].fixes().is_empty(), "{got:#?}");
}

#[test]
fn the_endpoint_follows_the_resolved_identifiers() {
    // `var.account` is null: only the zone is set, so the zone's rules
    // apply (warp_auth_session_duration is an account-level field).
    let source = "variable \"account\" {\n  default = null\n}\nresource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = var.account\n  zone_id = \"699d98642c564d2e855e9661899b7252\"\n  warp_auth_session_duration = \"24h\"\n}\n";
    let codes: Vec<_> = spots(source).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["unknown-field"]);
}

/// Found by fuzzing: an object whose `}` ends its last item's line is no
/// block body, so a v4 attribute written that way gets no fix.
#[test]
fn a_v4_attribute_closed_on_its_last_line_gets_no_fix() {
    let source = v4("  login_design = {\n    text_color = \"#000000\"}\n");
    let got = Linter::new().lint_terraform("main.tf", &source, &Module::new());
    assert_eq!(got[0].code(), "terraform-block-syntax");
    assert!(got[0].fixes().is_empty(), "{got:#?}");
}

/// Found by fuzzing (a slow unit): a local that holds itself twice made
/// 2^16 copies before the depth limit. A reference that leads back to
/// itself is a cycle, which Terraform refuses: unknown at once. And the
/// literals of the file are linted whatever references cost.
#[test]
fn a_local_that_holds_itself_is_a_cycle() {
    let source = format!(
        "{}locals {{\n  design = {{ a = local.design, b = local.design, text_color = \"white\" }}\n}}\n",
        v5("  login_design = local.design\n  session_duration = \"1d\"\n")
    );
    let codes: Vec<_> = spots(&source).into_iter().map(|(c, _)| c).collect();
    // `white` is known (through one level), the cycle's parts are not.
    assert_eq!(codes, ["color-not-hex", "duration-syntax"]);
}

/// Terraform reads a `.tf` file behind a UTF-8 byte order mark
/// (`terraform validate` says it is valid) and refuses a `.tf.json` one
/// ("Invalid start of value"); so does ztlint.
#[test]
fn a_byte_order_mark_is_skipped_in_native_syntax_only() {
    let source = format!("\u{feff}{}", v5("  session_duration = \"1d\"\n"));
    assert_eq!(spots(&source), [("duration-syntax", "\"1d\"".to_string())]);
    let module = Module::new().file(
        "variables.tf",
        "\u{feff}variable \"d\" {\n  default = \"2d\"\n}\n",
    );
    let with_variable = v5("  session_duration = var.d\n");
    assert_eq!(
        findings_in("main.tf", &with_variable, &module)
            .into_iter()
            .map(|(c, s, _)| (c, s))
            .collect::<Vec<_>>(),
        [("duration-syntax", "var.d".to_string())]
    );
    let json = "\u{feff}{\"resource\": {\"cloudflare_zero_trust_organization\": {\"main\": {\"account_id\": \"023e105f4ecef8ad9ca31a8372d0c353\"}}}}";
    let codes: Vec<_> = findings_in("main.tf.json", json, &Module::new())
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    assert_eq!(codes, ["json-syntax"]);
}

/// An empty heredoc hides none of the attributes after it (hcl-edit alone
/// read them as its text, and this file had no finding).
#[test]
fn attributes_after_an_empty_heredoc_are_linted() {
    let source = v5("  name = <<-EOT\n  EOT\n  session_duration = \"1d\"\n  auth_domain = <<-EOT\n    widget.cloudflareaccess.com\n  EOT\n");
    assert_eq!(
        spots(&source),
        [
            ("name-blank", "<<-EOT\n  EOT".to_string()),
            ("duration-syntax", "\"1d\"".to_string()),
            (
                "auth-domain-invalid",
                "<<-EOT\n    widget.cloudflareaccess.com\n  EOT".to_string()
            ),
        ]
    );
}

/// Code, severity, the decoded text at the span, and message of each
/// finding of the bytes of `name`.
fn findings_in_bytes(
    name: &str,
    bytes: &[u8],
) -> Vec<(&'static str, crate::Severity, String, String)> {
    let linted = Linter::new().lint_terraform_bytes(name, bytes, Module::new);
    linted
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code(),
                d.severity(),
                linted.source[d.span().range()].to_string(),
                d.message().to_string(),
            )
        })
        .collect()
}

/// Terraform 1.11 refuses a `.tf` file with a byte that is not UTF-8 in a
/// quoted string, a template's text (`$${` included), a heredoc or a block
/// label ("Invalid character encoding"), and takes it in a `#`, `//` or
/// `/* */` comment, even inside `${ }` (`terraform validate`: valid). Each
/// case was run so.
#[test]
fn a_byte_that_is_not_utf8_is_an_error_where_terraform_reads_characters() {
    use crate::Severity::Error;
    let resource = |body: &str| v5(body).into_bytes();
    let with_latin1 = |body: &str| {
        // `\u{e9}` stands for the Latin-1 byte E9 in each case below.
        let mut bytes = Vec::new();
        for (i, part) in String::from_utf8(resource(body))
            .unwrap()
            .split('\u{e9}')
            .enumerate()
        {
            if i > 0 {
                bytes.push(0xE9);
            }
            bytes.extend_from_slice(part.as_bytes());
        }
        bytes
    };
    let error = |byte: usize| {
        vec![(
            "invalid-utf8",
            Error,
            "\u{fffd}".to_string(),
            format!("invalid UTF-8 at byte {byte}"),
        )]
    };
    // Where the `n`th Latin-1 byte is in `bytes`.
    let nth = |bytes: &[u8], n: usize| {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == 0xE9)
            .nth(n)
            .map(|(i, _)| i)
            .unwrap()
    };
    let reported = [
        "  name = \"Caf\u{e9}\"\n",
        "  name = \"x ${1} Caf\u{e9}\"\n",
        "  name = \"$${caf\u{e9}}\"\n",
        "  name = <<-EOT\n    Caf\u{e9}\n  EOT\n",
    ];
    for body in reported {
        let bytes = with_latin1(body);
        assert_eq!(
            findings_in_bytes("main.tf", &bytes),
            error(nth(&bytes, 0)),
            "{body}"
        );
    }
    let taken = [
        "  # caf\u{e9}\n  name = \"x\"\n",
        "  name = \"x\" // caf\u{e9}\n",
        "  name = \"x\" /* caf\u{e9} */\n",
        "  name = \"${\"x\" /* caf\u{e9} */}\"\n",
    ];
    for body in taken {
        assert_eq!(
            findings_in_bytes("main.tf", &with_latin1(body)),
            [],
            "{body}"
        );
    }
    // Only the first byte in a string is reported, after one in a comment;
    // a `ztlint: ignore` comment does not hide it; the body is linted.
    let source = with_latin1(
        "  # ztlint: ignore\n  # \u{e9}\n  name = \"\u{e9}\u{e9}\"\n  session_duration = \"1d\"\n",
    );
    let codes: Vec<_> = findings_in_bytes("main.tf", &source)
        .into_iter()
        .map(|(code, _, text, message)| (code, text, message))
        .collect();
    assert_eq!(
        codes,
        [
            (
                "invalid-utf8",
                "\u{fffd}".to_string(),
                format!("invalid UTF-8 at byte {}", nth(&source, 1))
            ),
            ("duration-syntax", "\"1d\"".to_string(), "`session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit \"d\" in duration \"1d\"".to_string()),
        ]
    );
    // A block label of another block: Terraform refuses the whole file.
    let mut label = b"resource \"x".to_vec();
    label.push(0xE9);
    label.extend_from_slice(b"\" \"y\" {\n}\n");
    label.extend_from_slice(&resource(""));
    assert_eq!(findings_in_bytes("main.tf", &label), error(11));
    // Go's JSON decoder, which reads `.tf.json`, takes the byte.
    let json = b"{\"resource\": {\"cloudflare_zero_trust_organization\": {\"main\": {\"account_id\": \"023e105f4ecef8ad9ca31a8372d0c353\", \"name\": \"Caf\xe9\"}}}}";
    assert_eq!(findings_in_bytes("main.tf.json", json), []);
}

/// Terraform 1.11 refuses a UTF-16 `.tf` file ("Invalid character
/// encoding") and a UTF-16 `.tf.json` one ("Invalid start of value"); the
/// decoded text is linted.
#[test]
fn a_wide_file_is_an_error_and_linted_as_decoded() {
    use crate::Severity::Error;
    let utf16le = |text: &str| -> Vec<u8> {
        "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect()
    };
    let tf = v5("  session_duration = \"1d\"\n");
    let json = "{\"resource\": {\"cloudflare_zero_trust_organization\": {\"main\": {\"account_id\": \"023e105f4ecef8ad9ca31a8372d0c353\", \"session_duration\": \"1d\"}}}}";
    for (name, text) in [("main.tf", tf.as_str()), ("main.tf.json", json)] {
        let found = findings_in_bytes(name, &utf16le(text));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            (
                "wide-encoding",
                Error,
                text[..1].to_string(),
                "the file is UTF-16 (little-endian), not UTF-8".to_string()
            )
        );
        assert_eq!(
            (found[1].0, found[1].2.as_str()),
            ("duration-syntax", "\"1d\"")
        );
    }
    let bytes = utf16le(&tf);
    let linted = Linter::new().lint_terraform_bytes("main.tf", &bytes, Module::new);
    assert_eq!(linted.source, tf);
    assert_eq!(
        linted.diagnostics[0].help(),
        Some("save the file as UTF-8; Terraform reads its files as UTF-8 only and refuses this one (\"Invalid character encoding\")")
    );
    // A file that names no organization has no finding, whatever its
    // encoding, and its module is not read.
    let other = utf16le("resource \"aws_s3_bucket\" \"b\" {}\n");
    let linted = Linter::new().lint_terraform_bytes("main.tf", &other, || -> Module {
        panic!("the module of a file without an organization is read")
    });
    assert_eq!(linted.diagnostics, []);
}

/// The code and span text of each finding of `source`, the file `name`,
/// in the parts in which it is linted a resource at a time (in a module
/// of no variables).
fn linted_apart<'s>(name: &str, source: &'s str) -> Vec<Vec<(&'static str, &'s str)>> {
    let mut parts = Vec::new();
    let file = super::ConfigFile {
        name,
        source,
        replaced: &[],
        module: &Module::new(),
    };
    super::lint_config_each(&Linter::new(), file, 0, &mut |part| {
        parts.push(
            part.iter()
                .map(|d| (d.code(), &source[d.span().range()]))
                .collect(),
        );
    });
    parts
}

#[test]
fn a_large_file_is_linted_a_resource_at_a_time_as_it_is_whole() {
    // Ignore comments above a resource, inside one, and after the last
    // line of the one before (which starts no comment line); a variable
    // and a local defined after the resources that use them; a resource
    // of another type between.
    let org = |name: &str, body: &str| {
        format!("resource \"cloudflare_zero_trust_organization\" \"{name}\" {{\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n{body}}}\n")
    };
    let source = [
        org("a", "  session_duration = var.session\n"),
        "# ztlint-ignore: duration-syntax\n".to_string(),
        org("b", "  session_duration = \"1d\"\n  warp_auth_session_duration = local.warp\n"),
        "resource \"null_resource\" \"n\" {\n  triggers = { a = \"1d\" }\n} # ztlint-ignore: all\n".to_string(),
        org("c", "  # ztlint-ignore: duration\n  session_duration = \"1d\"\n  is_ui_read_only = \"no\"\n  warp_auth_session_duration = local.warp\n"),
        "variable \"session\" {\n  default = \"2d\"\n}\nlocals {\n  warp = \"3d\"\n}\n".to_string(),
    ]
    .concat();
    let parts = linted_apart("main.tf", &source);
    assert_eq!(
        parts,
        [
            vec![("duration-syntax", "var.session")],
            // Both of `b`'s are `duration-syntax`, ignored above it.
            vec![],
            vec![("wrong-type", "\"no\""), ("duration-syntax", "local.warp")],
        ]
    );
    let whole: Vec<_> = findings(&source)
        .into_iter()
        .map(|(c, s, _)| (c, s))
        .collect();
    let apart: Vec<_> = parts
        .concat()
        .into_iter()
        .map(|(c, s)| (c, s.to_string()))
        .collect();
    assert_eq!(apart, whole);
    // A syntax error anywhere is the one finding, as whole.
    let broken = format!("{source}resource \"null_resource\" \"m\" {{\n  a = \n}}\n");
    assert_eq!(
        linted_apart("main.tf", &broken),
        [vec![("terraform-syntax", "")]]
    );
    // Where a whole parse stops, at the end of `a = `: the findings apart
    // are the whole lint's, spans and all.
    let whole = Linter::new().lint_terraform("main.tf", &broken, &Module::new());
    assert_eq!(
        whole[0].span(),
        crate::Span::empty(broken.len() - "\n}\n".len())
    );
    super::assert_apart_lints_as_whole(broken.as_bytes());
}

#[test]
fn a_large_json_file_is_linted_a_resource_at_a_time_as_it_is_whole() {
    let org = |duration: &str| {
        format!("{{\"account_id\": \"023e105f4ecef8ad9ca31a8372d0c353\", \"session_duration\": \"{duration}\"}}")
    };
    let (a, b) = (org("1d"), org("${var.session}"));
    let ignored = "{\"//\": \"ztlint-ignore: duration\", \"account_id\": \"023e105f4ecef8ad9ca31a8372d0c353\", \"session_duration\": \"1d\", \"is_ui_read_only\": \"no\"}";
    let kind = "cloudflare_zero_trust_organization";
    let variable = "\"variable\": {\"session\": {\"default\": \"2d\"}}";
    // Every shape a block may take: an object or an array of objects, at
    // each level; arrays in arrays, which Terraform does not read; a type
    // and a `resource` given twice; a variable after its use.
    let shapes = [
        format!("{{\"resource\": {{\"{kind}\": {{\"a\": {a}, \"b\": {b}}}}}, {variable}}}"),
        format!("{{\"resource\": [{{\"{kind}\": [{{\"a\": [{a}, {b}]}}, [{{\"x\": {a}}}]]}}, [{{\"{kind}\": {{\"x\": {a}}}}}]], {variable}}}"),
        format!("{{\"resource\": {{\"{kind}\": {{\"a\": {a}}}, \"null_resource\": {{\"n\": {a}}}, \"{kind}\": {{\"c\": {ignored}}}}}, \"resource\": {{\"{kind}\": {{\"b\": {b}}}}}, {variable}}}"),
        format!("{{\"resource\": {{\"{kind}\": {{\"a\": {a}, \"b\": 1, \"c\": [1, {b}]}}}}}}"),
        format!("{{\"resource\": {{\"{kind}\": [1, {{\"a\": {a}}}, []]}}, \"x\": {{\"resource\": {{\"{kind}\": {{\"b\": {b}}}}}}}}}"),
    ];
    let mut apart = Vec::new();
    for shape in &shapes {
        let found = super::apart_findings(shape.as_bytes());
        apart.push(found.unwrap_or_else(|| panic!("not linted apart: {shape}")));
    }
    // Of the second, only `a`'s two bodies are read, not the arrays in
    // arrays; the fourth's `b` refers to no variable.
    assert_eq!(apart, [2, 2, 3, 1, 1]);
    let parts = linted_apart("main.tf.json", &shapes[2]);
    assert_eq!(
        parts,
        [
            vec![("duration-syntax", "\"1d\"")],
            // `duration` is ignored in `c`'s body.
            vec![("wrong-type", "\"no\"")],
            vec![("duration-syntax", "\"${var.session}\"")],
        ]
    );
    // Broken JSON is the one finding, as whole.
    let broken = format!("{},", shapes[0]);
    let error = broken.len() - 1;
    assert_eq!(
        linted_apart("main.tf.json", &broken),
        [vec![("json-syntax", &broken[error..])]]
    );
}

#[test]
fn a_byte_that_is_not_utf8_is_found_in_a_file_linted_apart() {
    let org = |name: &str, duration: &str| {
        format!("resource \"cloudflare_zero_trust_organization\" \"{name}\" {{\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  session_duration = \"{duration}\"\n}}\n")
    };
    let (a, b) = (org("a", "1d"), org("b", "1d"));
    let bad_b = org("b", "caf\u{e9}");
    let other = "resource \"null_resource\" \"n\" {\n  triggers = { a = \"caf\u{e9}\" }\n}\n";
    let variable = "variable \"v\" {\n  default = \"caf\u{e9}\"\n}\n";
    let comment = "# caf\u{e9}\n";
    // The first bad byte in a string is in an organization, in another
    // resource, in a variable after the last organization, or there is
    // none, only bytes in comments. Its finding goes with the part it
    // comes before, or after the last.
    let (dd, bad) = ("duration-syntax", "invalid-utf8");
    let cases: [(Vec<&str>, Vec<Vec<&str>>); 4] = [
        (
            vec![&a, comment, &bad_b, &b],
            vec![vec![dd], vec![dd, bad], vec![dd]],
        ),
        (
            vec![&a, comment, other, &b, variable],
            vec![vec![dd], vec![dd, bad]],
        ),
        (vec![&a, &b, variable], vec![vec![dd], vec![dd], vec![bad]]),
        (vec![comment, &a, comment, &b], vec![vec![dd], vec![dd]]),
    ];
    for (layout, expected) in cases {
        let text = layout.concat();
        // As Latin-1: each `é` one byte that is not UTF-8.
        let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        assert!(super::apart_findings(&bytes).is_some(), "{text}");
        let (source, replaced) = crate::encoding::utf8_lossy(&bytes);
        let mut parts = Vec::new();
        let file = super::ConfigFile {
            name: "main.tf",
            source: &source,
            replaced: &replaced,
            module: &Module::new(),
        };
        super::lint_config_each(&Linter::new(), file, 0, &mut |part| {
            parts.push(part.iter().map(|d| d.code()).collect::<Vec<_>>());
        });
        assert_eq!(parts, expected, "{text}");
    }
}
