//! `ztlint explain`, `rules`, `completions`, `--version` and `--help`.

mod cli_support;

use cli_support::{dir_with, run, ztlint};

#[test]
fn explain_prints_code_summary_severity_then_the_markdown() {
    let dir = dir_with(&[]);
    let r = run(ztlint(dir.path()), &["explain", "byte-order-mark"]);
    assert_eq!(r.code, 0);
    let rule = ztlint::rules::find("byte-order-mark").unwrap();
    assert_eq!(
        r.stdout,
        format!(
            "# byte-order-mark\n\n{}\n\nDefault severity: error\n\n{}\n",
            rule.summary(),
            rule.explanation().trim_end()
        )
    );
    assert!(r.stdout.contains("\n## What it does\n"));
}

#[test]
fn explain_of_an_unknown_rule_exits_2_with_a_suggestion() {
    let dir = dir_with(&[]);
    let r = run(ztlint(dir.path()), &["explain", "byte-order"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert_eq!(
        r.stderr,
        "ztlint: error: unknown rule `byte-order`; did you mean `byte-order-mark`?\n"
    );
    let r = run(ztlint(dir.path()), &["explain", "qqq"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "ztlint: error: unknown rule `qqq`\n")
    );
}

#[test]
fn rules_lists_every_rule_in_an_aligned_table() {
    let dir = dir_with(&[]);
    let r = run(ztlint(dir.path()), &["rules"]);
    assert_eq!(r.code, 0);
    let width = ztlint::rules::all()
        .map(|r| r.code().len())
        .max()
        .unwrap()
        .max(4);
    let mut expected = format!("{:width$}  SEVERITY  SUMMARY\n", "CODE");
    for rule in ztlint::rules::all() {
        expected.push_str(&format!(
            "{:width$}  {:8}  {}\n",
            rule.code(),
            rule.default_severity().as_str(),
            rule.summary()
        ));
    }
    assert_eq!(r.stdout, expected);
}

#[test]
fn rules_as_json() {
    let dir = dir_with(&[]);
    let r = run(ztlint(dir.path()), &["rules", "--format", "json"]);
    assert_eq!(r.code, 0);
    let list: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), ztlint::rules::all().count());
    assert_eq!(list[0]["code"], "json-syntax");
    assert_eq!(list[0]["severity"], "error");
    assert_eq!(
        list[0]["summary"],
        "The payload is not valid JSON (RFC 8259)"
    );
    assert!(list[0]["explanation"]
        .as_str()
        .unwrap()
        .starts_with("## What it does"));
}

#[test]
fn completions_for_every_shell() {
    let dir = dir_with(&[]);
    for (shell, marker) in [
        ("bash", "_ztlint()"),
        ("zsh", "#compdef ztlint"),
        ("fish", "complete -c ztlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[ztlint]"),
    ] {
        let r = run(ztlint(dir.path()), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains(marker), "{shell}: {}", r.stdout);
        assert!(r.stdout.contains("stdin-filename"), "{shell}");
    }
    let r = run(ztlint(dir.path()), &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
}

#[test]
fn version_and_help() {
    let dir = dir_with(&[]);
    let r = run(ztlint(dir.path()), &["--version"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, concat!("ztlint ", env!("CARGO_PKG_VERSION"), "\n"))
    );
    let r = run(ztlint(dir.path()), &["--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("Examples:\n  ztlint check org.json"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Exit status: 0"), "{}", r.stdout);
    let r = run(ztlint(dir.path()), &["check", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .contains("Precedence: settings come from the command line"));
    assert!(r.stdout.contains("--fail-on <LEVEL>"));
    // No subcommand: the help, as a usage error.
    let r = run(ztlint(dir.path()), &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage: ztlint <COMMAND>"), "{r:?}");
}

#[test]
fn schema_prints_the_generated_json_schema_of_each_profile() {
    let dir = dir_with(&[]);
    let r = run(ztlint(dir.path()), &["schema"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // The account schema is the committed one, byte for byte.
    let committed = include_str!("../src/schema/organization.schema.json");
    assert_eq!(r.stdout, committed);
    let r = run(ztlint(dir.path()), &["schema", "--profile", "zone-create"]);
    assert_eq!(r.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        schema["required"],
        serde_json::json!(["auth_domain", "name"])
    );
    assert_eq!(
        schema["title"],
        "Zero Trust organization body: POST /zones/{zone_id}/access/organizations"
    );
    let r = run(ztlint(dir.path()), &["schema", "--profile", "zone"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(
        r.stderr
            .contains("expected one of `account-update`, `zone-update`, `create`, `zone-create`"),
        "{}",
        r.stderr
    );
}
