//! `ztlint check` on payloads, plans and Terraform files over 1 MiB,
//! which it lints when their turn comes in the report, each finding going
//! straight to the output: every format prints what the library's
//! whole-lint renderers print for the same files, and the exit status,
//! summary and hints come out the same.

mod cli_support;

use cli_support::{
    dir_with, rendered as expected, run, ztlint, GOOD, MACHINE_FORMATS, TRAILING_COMMA,
};
use ztlint::render::{self, HumanStyle};

/// A payload of over 1 MiB: 60,000 unknown keys, one per line, some
/// flagged twice with the same text (for SARIF's fingerprints), and
/// `extra` lines of real findings after the first key.
fn large(extra: &str) -> Vec<u8> {
    let mut body = String::from("{\n  \"name\": \"Widget Corps\",\n");
    for i in 0..60_000 {
        // Every 10,000th key is `repeated_key`, the rest distinct.
        if i % 10_000 == 0 {
            body.push_str("  \"repeated_key\": 0,\n");
        } else {
            body.push_str(&format!("  \"unknown_key_{i:05}\": {i},\n"));
        }
        if i == 0 {
            body.push_str(extra);
        }
    }
    body.push_str("  \"last_unknown\": true\n}\n");
    let bytes = body.into_bytes();
    assert!(bytes.len() > 1 << 20, "{}", bytes.len());
    bytes
}

/// Findings of every severity, with safe fixes: an error, a warning and
/// an info besides the unknown keys.
const REAL: &str = "  \"session_duration\": \"1d\",\n  \"is_ui_read_only\": \"false\",\n  \"login_design\": {\"logo_path\": \"http://example.com/logo.bmp\"},\n";

/// The large payload with a byte that is not UTF-8 in a value: it is
/// linted as decoded, so none of its fixes count in the hint.
fn large_latin1() -> Vec<u8> {
    let mut bytes = large("  \"auth_domain\": \"caf\u{e9}.cloudflareaccess.com\",\n");
    let at = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bytes.splice(at..at + 2, [0xe9]);
    bytes
}

/// A Terraform plan of over 1 MiB: 4,000 updates of organizations, each
/// with a finding, and other changes between them.
fn large_plan() -> Vec<u8> {
    let org = r#"{"address": "cloudflare_zero_trust_organization.main", "mode": "managed", "type": "cloudflare_zero_trust_organization", "change": {"actions": ["update"], "after": {"account_id": "699d98642c564d2e855e9661899b7252", "session_duration": "1d"}, "after_unknown": {}}}"#;
    let other = r#"{"address": "null_resource.r", "mode": "managed", "type": "null_resource", "change": {"actions": ["create"], "after": {"triggers": {"a": "b"}}, "after_unknown": {}}}"#;
    let changes: Vec<&str> = (0..4_000).flat_map(|_| [org, other]).collect();
    let plan = format!(
        "{{\"format_version\": \"1.2\", \"resource_changes\": [{}]}}\n",
        changes.join(",\n")
    );
    assert!(plan.len() > 1 << 20, "{}", plan.len());
    plan.into_bytes()
}

/// A `.tf` file of over 1 MiB: 8,000 organizations, each with a finding
/// with a safe fix, but for every 1,000th, whose finding a comment turns
/// off.
fn large_tf() -> Vec<u8> {
    let mut tf = String::new();
    for i in 0..8_000 {
        if i % 1_000 == 0 {
            tf.push_str("# ztlint-ignore: duration-syntax\n");
        }
        tf.push_str(&format!(
            "resource \"cloudflare_zero_trust_organization\" \"o{i}\" {{\n  account_id       = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  session_duration = \"1d\"\n}}\n"
        ));
    }
    assert!(tf.len() > 1 << 20, "{}", tf.len());
    tf.into_bytes()
}

/// A `.tf.json` file of over 1 MiB: 15,000 organizations, each with a
/// finding with a safe fix.
fn large_tf_json() -> Vec<u8> {
    let orgs: Vec<String> = (0..15_000)
        .map(|i| format!("\"o{i}\": {{\"account_id\": \"023e105f4ecef8ad9ca31a8372d0c353\", \"session_duration\": \"1d\"}}"))
        .collect();
    let json = format!(
        "{{\"resource\": {{\"cloudflare_zero_trust_organization\": {{\n{}\n}}}}}}\n",
        orgs.join(",\n")
    );
    assert!(json.len() > 1 << 20, "{}", json.len());
    json.into_bytes()
}

/// The files, a small one with findings and a clean one among the large.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("big.json", large(REAL)),
        ("bad.json", TRAILING_COMMA.as_bytes().to_vec()),
        ("latin1.json", large_latin1()),
        ("plan.json", large_plan()),
        ("good.json", GOOD.as_bytes().to_vec()),
        ("main.tf", large_tf()),
        ("main.tf.json", large_tf_json()),
    ]
}

fn check(dir: &std::path::Path, format: &str, files: &[(&str, Vec<u8>)]) -> cli_support::Run {
    let mut args = vec!["check", "--format", format];
    args.extend(files.iter().map(|(name, _)| *name));
    run(ztlint(dir), &args)
}

#[test]
fn machine_formats_of_large_files_are_the_renderers_output_exactly() {
    let files = files();
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let dir = dir_with(&named);
    for (format, render) in MACHINE_FORMATS {
        let r = check(dir.path(), format, &files);
        assert_eq!((r.code, r.stderr.as_str()), (1, ""), "{format}");
        let expected = expected(&files, render);
        assert!(r.stdout == expected, "{format}: the output differs");
    }
    // The SARIF log is cut at GitHub's limit, errors first.
    let r = check(dir.path(), "sarif", &files);
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 25_000);
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
        "122001 of 147001 results were left out: GitHub code scanning accepts at most 25000 per \
         run; the most severe were kept"
    );
}

#[test]
fn the_human_report_of_large_files_is_each_files_report_then_the_counts() {
    let files = files();
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let dir = dir_with(&named);
    let r = check(dir.path(), "human", &files);
    assert_eq!((r.code, r.stderr.as_str()), (1, ""));
    let style = HumanStyle {
        width: 80,
        ..HumanStyle::default()
    };
    let drawn = expected(&files, |reports| {
        reports
            .iter()
            .filter(|r| !r.diagnostics.is_empty())
            .map(|r| render::human(r, &style) + "\n")
            .collect()
    });
    // Only big.json's fixes count, and the Terraform files': bad.json
    // does not parse, latin1.json is not UTF-8, and a plan's findings have
    // none.
    let tail = "26995 errors, 120005 warnings, 1 info in 7 files\n\
                22999 fixable with `--fix` (1 more with `--fix --unsafe-fixes`)\n";
    assert_eq!(
        expected(&files, render::summary),
        tail.lines().next().unwrap()
    );
    assert!(r.stdout == format!("{drawn}{tail}"), "the output differs");
    assert!(r.stdout.contains(
        "… and 59905 more findings in big.json, not drawn: this report stops after 100;"
    ));
}

#[test]
fn the_exit_status_of_a_large_file_follows_fail_on() {
    let dir = dir_with(&[("many.json", &large("")[..])]);
    for (fail_on, code) in [("error", 0), ("warning", 1), ("info", 1)] {
        let r = run(
            ztlint(dir.path()),
            &[
                "check",
                "--format",
                "concise",
                "--fail-on",
                fail_on,
                "many.json",
            ],
        );
        assert_eq!((r.code, r.stderr.as_str()), (code, ""), "{fail_on}");
        assert_eq!(r.stdout.lines().count(), 60_001, "{fail_on}");
    }
    let r = run(ztlint(dir.path()), &["check", "many.json"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .ends_with("\n60001 warnings in 1 file\n5 fixable with `--fix`\n"),
        "{}",
        &r.stdout[r.stdout.len().saturating_sub(300)..]
    );
}

/// `--fix` of `bytes` given on standard input under `name`, which is
/// fixed as a small file is, its findings held: the fixed text, and the
/// report with the "fixed" line.
fn fixed_from_stdin(dir: &std::path::Path, name: &str, bytes: &[u8]) -> (Vec<u8>, String) {
    let mut cmd = ztlint(dir);
    cmd.write_stdin(bytes.to_vec());
    let args = [
        "check",
        "--fix",
        "--format",
        "concise",
        "--stdin-filename",
        name,
        "-",
    ];
    let output = cmd.args(args).output().unwrap();
    (output.stdout, String::from_utf8(output.stderr).unwrap())
}

#[test]
fn fix_and_diff_of_a_large_file_fix_what_a_small_file_fixes_without_its_findings() {
    let cases = [
        // Duplicate keys, a duration, a string for a boolean, a logo URL.
        ("big.json", large(REAL), 7, "would fix 7 issues in 1 file\n"),
        // A finding in each of 8,000 resources, but the 8 a comment
        // turns off.
        (
            "main.tf",
            large_tf(),
            7_992,
            "would fix 7992 issues in 1 file\n",
        ),
        (
            "main.tf.json",
            large_tf_json(),
            15_000,
            "would fix 15000 issues in 1 file\n",
        ),
    ];
    for (name, big, fixes, would) in cases {
        let dir = dir_with(&[(name, &big[..])]);
        let (from_stdin, stdin_report) = fixed_from_stdin(dir.path(), name, &big);
        assert!(from_stdin.len() > 1 << 20 && from_stdin != big, "{name}");

        let r = run(ztlint(dir.path()), &["check", "--diff", name]);
        assert_eq!((r.code, r.stderr.as_str()), (1, would), "{name}");
        // The diff of the file and the text its fix of standard input
        // makes, as a diff of the whole texts writes it.
        let (old, new) = (
            std::str::from_utf8(&big).unwrap(),
            std::str::from_utf8(&from_stdin).unwrap(),
        );
        let whole = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Patience)
            .diff_lines(old, new)
            .unified_diff()
            .header(name, name)
            .to_string();
        assert!(r.stdout == whole, "{name}: the diff differs");
        assert!(whole.lines().filter(|l| l.starts_with('-')).count() > fixes.min(7));
        assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), big, "{name}");

        let r = run(
            ztlint(dir.path()),
            &["check", "--fix", "--format", "concise", name],
        );
        let fixed = std::fs::read(dir.path().join(name)).unwrap();
        assert!(fixed == from_stdin, "{name}: the fixed texts differ");
        let line = format!("fixed {fixes} issues in 1 file\n");
        assert_eq!((r.code, r.stderr.as_str()), (0, line.as_str()), "{name}");
        // What the fixes leave (warnings, or nothing) is reported as the
        // library renders it, and as the fix of standard input reports it.
        let report = expected(&[(name, fixed)], render::concise);
        assert!(r.stdout == report, "{name}: the report differs");
        assert_eq!(stdin_report, format!("{line}{report}"), "{name}");
    }
    // A large file's diff, written as the report reaches it, comes in its
    // turn among the others'.
    let big = large(REAL);
    let small = br#"{"session_duration": "1d"}"#;
    let dir = dir_with(&[
        ("a.json", &small[..]),
        ("b.json", &big[..]),
        ("c.json", &small[..]),
    ]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--diff", "a.json", "b.json", "c.json"],
    );
    let small_diff = |name: &str| {
        format!("--- {name}\n+++ {name}\n@@ -1 +1 @@\n-{{\"session_duration\": \"1d\"}}\n\\ No newline at end of file\n+{{\"session_duration\": \"24h\"}}\n\\ No newline at end of file\n")
    };
    let (a, c) = (small_diff("a.json"), small_diff("c.json"));
    assert!(
        r.stdout.starts_with(&a) && r.stdout.ends_with(&c),
        "{}",
        &r.stdout[..200]
    );
    assert!(r.stdout[a.len()..].starts_with("--- b.json\n+++ b.json\n@@ "));
    assert_eq!(r.stderr, "would fix 9 issues in 3 files\n");

    // Nothing a safe fix makes (60,000 unknown keys): no diff, and a
    // clean exit.
    let keys: Vec<String> = (0..60_000)
        .map(|i| format!("  \"unknown_key_{i:05}\": {i}"))
        .collect();
    let big = format!("{{\n{}\n}}\n", keys.join(",\n")).into_bytes();
    assert!(big.len() > 1 << 20);
    let dir = dir_with(&[("big.json", &big[..])]);
    let r = run(ztlint(dir.path()), &["check", "--diff", "big.json"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn a_large_tf_file_that_is_not_utf8_is_linted_as_decoded_and_never_fixable() {
    // The Latin-1 byte in a string is Terraform's error, in the comment
    // above it none.
    let mut tf = b"# caf\xe9\n".to_vec();
    tf.extend(large_tf());
    tf.extend(b"variable \"v\" {\n  default = \"caf\xe9\"\n}\n");
    let bad = tf.iter().rposition(|&b| b == 0xe9).unwrap();
    let files = [("main.tf", tf)];
    let dir = dir_with(&[("main.tf", &files[0].1[..])]);
    let r = check(dir.path(), "concise", &files);
    assert_eq!((r.code, r.stderr.as_str()), (1, ""));
    assert!(
        r.stdout == expected(&files, render::concise),
        "the output differs"
    );
    let last = r.stdout.lines().last().unwrap();
    assert!(
        last.ends_with(&format!("error[invalid-utf8] invalid UTF-8 at byte {bad}")),
        "{last}"
    );
    let r = run(ztlint(dir.path()), &["check", "main.tf"]);
    assert!(
        r.stdout.ends_with("\n7993 errors in 1 file\n"),
        "{}",
        &r.stdout[r.stdout.len().saturating_sub(300)..]
    );
}
