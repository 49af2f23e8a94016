//! `ztlint check` on a Terraform plan (`terraform show -json`): findings
//! at positions in the plan, in every format, and `--fix` leaves it alone.

mod cli_support;

use cli_support::{dir_with, run, utf16le_with_bom, ztlint};

const PLAN: &str = include_str!("../examples/terraform/plan.json");

/// `ztlint check --format FORMAT plan.json` on the example plan.
fn check_plan(format: &str) -> cli_support::Run {
    let dir = dir_with(&[("plan.json", PLAN.as_bytes())]);
    run(
        ztlint(dir.path()),
        &["check", "--format", format, "plan.json"],
    )
}

const CONCISE: &str = "\
plan.json:114:27: warning[low-contrast] contrast between `text_color` `#c5ed1b` and `background_color` `#c5ed1b` is 1.00:1, below WCAG AA's 4.5:1
plan.json:128:31: error[duration-syntax] `session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit \"d\" in duration \"1d\"
plan.json:130:41: error[duration-syntax] `warp_auth_session_duration` is `24`, which Go's time.ParseDuration rejects: time: missing unit in duration \"24\"
";

#[test]
fn a_plan_is_linted_as_the_body_it_sends() {
    let r = check_plan("concise");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, CONCISE, "")
    );
}

#[test]
fn a_directory_finds_plans_beside_payloads() {
    let dir = dir_with(&[
        ("plan.json", PLAN.as_bytes()),
        ("org.json", br#"{"session_duration": "24h"}"#),
    ]);
    let r = run(ztlint(dir.path()), &["check", "--format", "concise", "."]);
    assert_eq!((r.code, r.stdout.as_str()), (1, CONCISE));
}

#[test]
fn github_annotations_point_at_the_plan_lines() {
    let r = check_plan("github");
    assert_eq!(r.code, 1, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{r:?}");
    assert!(
        lines[0].starts_with("::warning file=plan.json,line=114,col=27,endLine=114,endColumn=36,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("::error file=plan.json,line=128,col=31,endLine=128,endColumn=35,"),
        "{}",
        lines[1]
    );
}

/// The line of the organization change's `address` in the plan.
const ADDRESS_LINE: usize = 88;

#[test]
fn sarif_regions_are_in_the_plan_and_name_the_change() {
    let r = check_plan("sarif");
    assert_eq!(r.code, 1, "{r:?}");
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let duration = &results[1];
    assert_eq!(duration["ruleId"], "duration-syntax");
    let location = &duration["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "plan.json");
    assert_eq!(location["region"]["startLine"], 128);
    assert_eq!(location["region"]["startColumn"], 31);
    let related = &duration["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["region"]["startLine"],
        ADDRESS_LINE
    );
    assert_eq!(
        related["message"]["text"],
        "in the planned change of `cloudflare_zero_trust_organization.main`"
    );
    assert!(duration.get("fixes").is_none(), "{duration}");
}

#[test]
fn fix_leaves_a_plan_unchanged() {
    let dir = dir_with(&[("plan.json", PLAN.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--fix", "--format", "concise", "plan.json"],
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, CONCISE));
    let after = std::fs::read_to_string(dir.path().join("plan.json")).unwrap();
    assert_eq!(after, PLAN);
}

#[test]
fn a_broken_plan_is_reported_as_json() {
    let broken = &PLAN[..PLAN.len() - 3];
    let dir = dir_with(&[("plan.json", broken.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "plan.json"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("error[json-syntax]"), "{r:?}");
}

#[test]
fn a_utf16_plan_is_linted_as_a_plan() {
    // `terraform show -json > plan.json` in Windows PowerShell 5.1. The plan
    // is never sent to the API, so its encoding is no finding.
    let dir = dir_with(&[("plan.json", &utf16le_with_bom(PLAN))]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "plan.json"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, CONCISE, "")
    );
}
