//! `ztlint check` on Terraform configuration: `.tf` and `.tf.json` files
//! with their module, in every format, with `--fix`, `--diff`,
//! `--var-file` and standard input.

mod cli_support;

use cli_support::{dir_with, run, utf16le_with_bom, ztlint};

const MAIN: &str = include_str!("../examples/terraform/main.tf");
const VARIABLES: &str = include_str!("../examples/terraform/variables.tf");
const TFVARS: &str = include_str!("../examples/terraform/terraform.tfvars");

/// The example module under `infra/`.
fn module() -> tempfile::TempDir {
    dir_with(&[
        ("infra/main.tf", MAIN.as_bytes()),
        ("infra/variables.tf", VARIABLES.as_bytes()),
        ("infra/terraform.tfvars", TFVARS.as_bytes()),
    ])
}

const CONCISE: &str = "\
infra/main.tf:15:40: error[duration-syntax] `session_duration` is `1 day`, which Go's time.ParseDuration rejects: time: unknown unit \" day\" in duration \"1 day\"
infra/main.tf:16:40: error[duration-range] `user_seat_expiration_inactive_time` is `720h` (720h0m0s), below the minimum of 730h; the range is 730h to 8760h
infra/main.tf:22:3: error[terraform-block-syntax] `login_design` is an attribute of `cloudflare_zero_trust_organization` in provider v5, not a block: Terraform rejects `login_design { ... }`
infra/main.tf:24:24: warning[low-contrast] contrast between `text_color` `#c5ed1b` and `background_color` `#ffffff` is 1.35:1, below WCAG AA's 4.5:1
";

#[test]
fn a_directory_lints_its_terraform_files_with_their_variables() {
    let dir = module();
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "infra"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, CONCISE, "")
    );
}

#[test]
fn the_human_report_shows_the_file_and_where_the_value_is_set() {
    let dir = module();
    let r = run(
        ztlint(dir.path()),
        &["check", "--color", "never", "infra/main.tf"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    insta::assert_snapshot!("human_report_of_a_tf_file", r.stdout);
}

#[test]
fn json_and_sarif_label_the_variable_file() {
    let dir = module();
    let args = ["check", "--select", "duration-syntax", "infra/main.tf"];
    let r = run(
        ztlint(dir.path()),
        &[&args[..], &["--format", "json"]].concat(),
    );
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        json["diagnostics"][0]["labels"],
        serde_json::json!([{
            "file": "infra/terraform.tfvars",
            "offset": 73, "length": 7,
            "line": 2, "column": 20, "end_line": 2, "end_column": 27,
            "message": "`var.session_duration` is set here"
        }])
    );
    assert_eq!(json["diagnostics"][0]["fixes"], serde_json::json!([]));

    let r = run(
        ztlint(dir.path()),
        &[&args[..], &["--format", "sarif"]].concat(),
    );
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/main.tf"
    );
    let related = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        related,
        &serde_json::json!({
            "artifactLocation": {"uri": "infra/terraform.tfvars", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 2, "startColumn": 20, "endLine": 2, "endColumn": 27}
        })
    );
}

#[test]
fn github_annotations_are_on_the_tf_lines() {
    let dir = module();
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "github", "infra/main.tf"],
    );
    let starts: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| &l[..l.find(",title=").unwrap()])
        .collect();
    assert_eq!(
        starts,
        [
            "::error file=infra/main.tf,line=15,col=40,endLine=15,endColumn=60",
            "::error file=infra/main.tf,line=16,col=40,endLine=16,endColumn=46",
            "::error file=infra/main.tf,line=22,col=3,endLine=22,endColumn=15",
            "::warning file=infra/main.tf,line=24,col=24,endLine=24,endColumn=33",
        ]
    );
}

#[test]
fn fix_rewrites_the_tf_file_in_its_own_syntax() {
    let dir = module();
    let r = run(
        ztlint(dir.path()),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "infra/main.tf",
        ],
    );
    assert_eq!(r.stderr, "fixed 3 issues in 1 file\n");
    // What a reference gets wrong is fixed where it is set, by hand.
    assert_eq!(
        r.stdout,
        "infra/main.tf:15:40: error[duration-syntax] `session_duration` is `1 day`, which Go's time.ParseDuration rejects: time: unknown unit \" day\" in duration \"1 day\"\n"
    );
    assert_eq!(r.code, 1);
    let fixed = std::fs::read_to_string(dir.path().join("infra/main.tf")).unwrap();
    let expected = MAIN
        .replace("= \"720h\"", "= \"730h\"")
        .replace("login_design {", "login_design = {")
        .replace("\"#c5ed1b\"", "\"#000000\"");
    assert_eq!(fixed, expected);
    // The variable file is not touched.
    let tfvars = std::fs::read_to_string(dir.path().join("infra/terraform.tfvars")).unwrap();
    assert_eq!(tfvars, TFVARS);
}

#[test]
fn diff_shows_the_safe_fix_and_writes_nothing() {
    let dir = module();
    let r = run(ztlint(dir.path()), &["check", "--diff", "infra/main.tf"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "--- infra/main.tf\n+++ infra/main.tf\n@@ -19,7 +19,7 @@\n   ui_read_only_toggle_reason = \"Managed by Terraform\"\n \n   # Copied from a provider v4 configuration.\n-  login_design {\n+  login_design = {\n     background_color = \"#ffffff\"\n     text_color       = \"#c5ed1b\"\n     logo_path        = \"https://widgets.example.com/logo.png\"\n"
    );
    let after = std::fs::read_to_string(dir.path().join("infra/main.tf")).unwrap();
    assert_eq!(after, MAIN);
}

#[test]
fn a_var_file_wins_over_terraform_tfvars() {
    let dir = module();
    std::fs::write(
        dir.path().join("prod.tfvars"),
        "session_duration = \"12h\"\n",
    )
    .unwrap();
    let r = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "--select",
            "duration-syntax",
            "--var-file",
            "prod.tfvars",
            "infra/main.tf",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn standard_input_takes_its_module_from_its_stand_in_name() {
    let dir = module();
    let r = ztlint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "duration-syntax",
            "--stdin-filename",
            "infra/main.tf",
        ])
        .write_stdin(MAIN)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(r.stdout).unwrap(),
        "infra/main.tf:15:40: error[duration-syntax] `session_duration` is `1 day`, which Go's time.ParseDuration rejects: time: unknown unit \" day\" in duration \"1 day\"\n"
    );
}

#[test]
fn files_without_an_organization_and_variable_files_are_clean() {
    let dir = dir_with(&[
        (
            "infra/s3.tf",
            b"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
        ),
        (
            "infra/terraform.tfvars.json",
            b"{\"session_duration\": \"1d\"}",
        ),
        (
            "infra/other.tf.json",
            b"{\"resource\": {\"aws_s3_bucket\": {}}}",
        ),
    ]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "infra"],
    );
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    // A variable file named on the command line has nothing to lint.
    let r = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "infra/terraform.tfvars.json",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn a_tf_file_that_does_not_parse_is_an_error_and_never_rewritten() {
    let broken = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  name = \"x\n}\n";
    let dir = dir_with(&[("main.tf", broken.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--fix", "--format", "concise", "main.tf"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stdout,
        "main.tf:2:3: error[terraform-syntax] the file is not valid HCL: invalid block body; expected `}`, newline or identifier\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.tf")).unwrap(),
        broken
    );
}

#[test]
fn a_syntax_error_is_reported_whatever_the_selection() {
    let broken = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  session_duration = \"1d\"\n  a = = 1\n}\n";
    let dir = dir_with(&[("main.tf", broken.as_bytes())]);
    let expected = "main.tf:3:7: error[terraform-syntax] the file is not valid HCL: invalid expression; expected `\"`, `[`, `{`, `-`, `!`, `(`, `_`, `<`, letter or digit\n";
    for chosen in [
        &["--select", "duration-syntax"][..],
        &["--ignore", "terraform-syntax"],
        &["--allow", "terraform-syntax"],
    ] {
        let r = run(
            ztlint(dir.path()),
            &[&["check", "--format", "concise"][..], chosen, &["main.tf"]].concat(),
        );
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (1, expected, ""),
            "{chosen:?}"
        );
    }
}

#[test]
fn a_tf_json_file_is_linted_and_fixed_as_json() {
    let tf_json = r#"{
  "resource": {
    "cloudflare_zero_trust_organization": {
      "main": {
        "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "session_duration": "1d"
      }
    }
  }
}
"#;
    let dir = dir_with(&[("main.tf.json", tf_json.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--fix", "--format", "concise", "main.tf.json"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "", "fixed 1 issue in 1 file\n")
    );
    let fixed = std::fs::read_to_string(dir.path().join("main.tf.json")).unwrap();
    assert_eq!(fixed, tf_json.replace("\"1d\"", "\"24h\""));
}

/// Terraform reads its files as UTF-8 only: it refuses a UTF-16 file and a
/// Latin-1 byte in a string, and takes one in a comment. `--fix` rewrites
/// none of them: writing the decoded text back would change the byte in
/// the comment.
#[test]
fn files_that_are_not_utf8_are_reported_as_terraform_reads_them_and_never_rewritten() {
    let resource = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  session_duration = \"1d\"\n";
    let wide = utf16le_with_bom(&format!("{resource}}}\n"));
    let mut latin1_string = resource.as_bytes().to_vec();
    latin1_string.extend_from_slice(b"  name = \"Caf\xe9\"\n}\n");
    let mut latin1_comment = resource.as_bytes().to_vec();
    latin1_comment.extend_from_slice(b"  # caf\xe9\n}\n");
    let dir = dir_with(&[
        ("wide.tf", &wide),
        ("string.tf", &latin1_string),
        ("comment.tf", &latin1_comment),
    ]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--fix", "--format", "concise", "."],
    );
    assert_eq!(r.code, 1, "{r:?}");
    let duration = "error[duration-syntax] `session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit \"d\" in duration \"1d\"";
    assert_eq!(
        r.stdout,
        format!(
            "comment.tf:3:22: {duration}\n\
             string.tf:3:22: {duration}\n\
             string.tf:4:14: error[invalid-utf8] invalid UTF-8 at byte {byte}\n\
             wide.tf:1:1: error[wide-encoding] the file is UTF-16 (little-endian), not UTF-8\n\
             wide.tf:3:22: {duration}\n",
            // After `  name = "Caf`.
            byte = resource.len() + 13
        )
    );
    // Only the file whose own findings do not say so is named.
    assert_eq!(
        r.stderr,
        "ztlint: warning: `comment.tf` is not fixed: it is not UTF-8, and writing its text back would change bytes that no fix touches; save it as UTF-8 first\n"
    );
    for (name, bytes) in [
        ("wide.tf", &wide),
        ("string.tf", &latin1_string),
        ("comment.tf", &latin1_comment),
    ] {
        assert_eq!(
            &std::fs::read(dir.path().join(name)).unwrap(),
            bytes,
            "{name}"
        );
    }
    // Nothing is offered to `--fix` that it would not apply.
    let r = run(ztlint(dir.path()), &["check", "comment.tf"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.ends_with("1 error in 1 file\n"), "{}", r.stdout);
}
