//! `ztlint check`: inputs, exit statuses and error messages.

mod cli_support;

use std::io::Write;
use std::process::Stdio;

use cli_support::{dir_with, run, utf16le_with_bom, ztlint, GOOD, TRAILING_COMMA};

const BOM_GOOD: &[u8] = b"\xef\xbb\xbf{\"name\": \"Widget Corps\"}\n";

#[test]
fn a_clean_file_exits_0() {
    let dir = dir_with(&[("org.json", GOOD.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "org.json"],
    );
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn an_error_exits_1() {
    let dir = dir_with(&[("org.json", TRAILING_COMMA.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "org.json"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("org.json:2:"), "{r:?}");
    assert!(r.stdout.contains("json-syntax"), "{r:?}");
    assert_eq!(r.stderr, "");
}

#[test]
fn fail_on_sets_the_level_that_fails() {
    let dir = dir_with(&[("org.json", BOM_GOOD)]);
    let as_warning = [
        "check",
        "--format",
        "concise",
        "--warn",
        "byte-order-mark",
        "org.json",
    ];
    assert_eq!(run(ztlint(dir.path()), &as_warning).code, 0);
    let mut failing = as_warning.to_vec();
    failing.extend(["--fail-on", "warning"]);
    assert_eq!(run(ztlint(dir.path()), &failing).code, 1);
    let r = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "--info",
            "byte-order-mark",
            "--fail-on",
            "warning",
            "org.json",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("byte-order-mark"), "{r:?}");
    let r = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "--info",
            "byte-order-mark",
            "--fail-on",
            "info",
            "org.json",
        ],
    );
    assert_eq!(r.code, 1, "{r:?}");
}

#[test]
fn a_later_level_flag_beats_an_earlier_one() {
    let dir = dir_with(&[("org.json", BOM_GOOD)]);
    let off_then_on = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "--allow",
            "byte-order-mark",
            "--deny",
            "byte",
            "org.json",
        ],
    );
    assert_eq!(off_then_on.code, 1, "{off_then_on:?}");
    let on_then_off = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "--deny",
            "byte",
            "--ignore",
            "byte-order-mark",
            "org.json",
        ],
    );
    assert_eq!((on_then_off.code, on_then_off.stdout.as_str()), (0, ""));
}

#[test]
fn a_missing_file_exits_2_with_one_line_and_the_rest_is_still_linted() {
    let dir = dir_with(&[("bad.json", TRAILING_COMMA.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "missing.json", "bad.json"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "ztlint: error: `missing.json`: no such file or directory\n"
    );
    assert!(r.stdout.starts_with("bad.json:2:"), "{r:?}");
}

#[test]
fn a_directory_without_json_or_terraform_files_exits_2() {
    // A variable file holds values, not a body: nothing to lint.
    let dir = dir_with(&[
        ("docs/readme.txt", b"hi"),
        ("docs/terraform.tfvars.json", b"{}"),
    ]);
    let r = run(ztlint(dir.path()), &["check", "docs"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "ztlint: error: `docs`: no `*.json`, `*.tf` or `*.tf.json` files in this directory\n"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn directories_are_searched_recursively_in_sorted_order() {
    let dir = dir_with(&[
        ("p/b.json", TRAILING_COMMA.as_bytes()),
        ("p/a/z.json", TRAILING_COMMA.as_bytes()),
        ("p/c.json", GOOD.as_bytes()),
        ("p/.git/x.json", TRAILING_COMMA.as_bytes()),
        ("p/target/x.json", TRAILING_COMMA.as_bytes()),
    ]);
    let r = run(ztlint(dir.path()), &["check", "--format", "concise", "p"]);
    assert_eq!(r.code, 1);
    let files: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files, ["p/a/z.json", "p/b.json"], "{r:?}");
}

#[test]
fn many_files_are_reported_in_input_order() {
    // Enough files for the work to be split across threads.
    let names: Vec<String> = (0..100).map(|i| format!("f{:03}.json", 99 - i)).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), TRAILING_COMMA.as_bytes()))
        .collect();
    let dir = dir_with(&files);
    let mut args = vec!["check", "--format", "concise"];
    args.extend(names.iter().map(String::as_str));
    let r = run(ztlint(dir.path()), &args);
    assert_eq!(r.code, 1);
    let reported: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(reported, names);
}

#[test]
fn the_same_file_twice_is_linted_once() {
    let dir = dir_with(&[("p/org.json", TRAILING_COMMA.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &[
            "check",
            "--format",
            "concise",
            "p/org.json",
            "p",
            "./p/org.json",
        ],
    );
    assert_eq!(r.stdout.lines().count(), 1, "{r:?}");
}

#[test]
fn stdin_is_linted_under_its_stand_in_name() {
    let dir = dir_with(&[]);
    let mut cmd = ztlint(dir.path());
    cmd.write_stdin(TRAILING_COMMA);
    let r = run(cmd, &["check", "--format", "concise", "-"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("<stdin>:2:"), "{r:?}");

    let mut cmd = ztlint(dir.path());
    cmd.write_stdin(TRAILING_COMMA);
    let r = run(
        cmd,
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "org/payload.json",
            "-",
        ],
    );
    assert!(r.stdout.starts_with("org/payload.json:2:"), "{r:?}");

    // With a stand-in name, PATHS may be left out.
    let mut cmd = ztlint(dir.path());
    cmd.write_stdin(GOOD);
    let r = run(cmd, &["check", "--stdin-filename", "org.json"]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn no_paths_is_a_usage_error() {
    let dir = dir_with(&[("org.json", GOOD.as_bytes())]);
    let r = run(ztlint(dir.path()), &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "error: the following required arguments were not provided:\n  <PATHS>...\n"
        ),
        "{r:?}"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn bad_flags_exit_2_with_clap_messages() {
    let dir = dir_with(&[("org.json", GOOD.as_bytes())]);
    let r = run(ztlint(dir.path()), &["check", "--frobnicate", "org.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: unexpected argument '--frobnicate' found"),
        "{r:?}"
    );

    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "xml", "org.json"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: invalid value 'xml' for '--format <FORMAT>'"),
        "{r:?}"
    );

    let r = run(ztlint(dir.path()), &["check", "--unsafe-fixes", "org.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<--fix|--diff>"), "{r:?}");

    let r = run(
        ztlint(dir.path()),
        &["check", "--profile", "zone", "org.json"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("expected one of `account-update`, `zone-update`, `create`"),
        "{r:?}"
    );

    let r = run(
        ztlint(dir.path()),
        &["check", "--config", "a.toml", "--no-config", "org.json"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot be used with"), "{r:?}");
}

#[test]
fn an_unknown_rule_in_a_flag_exits_2_with_a_suggestion() {
    let dir = dir_with(&[("org.json", GOOD.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--ignore", "json-syntx", "org.json"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "ztlint: error: unknown rule `json-syntx` in `--ignore`; did you mean `json-syntax`?\n"
    );
    let r = run(
        ztlint(dir.path()),
        &["check", "--select", "nothing-like-it", "org.json"],
    );
    assert_eq!(
        r.stderr,
        "ztlint: error: unknown rule `nothing-like-it` in `--select`\n"
    );
}

#[test]
fn a_closed_stdout_ends_quietly_without_a_panic() {
    let dir = dir_with(&[]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ztlint"))
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // ztlint reads all of stdin before it writes: close the reading end of
    // its stdout first, so that its write meets a broken pipe.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(TRAILING_COMMA.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[cfg(unix)]
#[test]
fn piping_into_head_does_not_panic() {
    let names: Vec<String> = (0..300).map(|i| format!("f{i:03}.json")).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), TRAILING_COMMA.as_bytes()))
        .collect();
    let dir = dir_with(&files);
    let output = std::process::Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "COLUMNS=80 '{}' check . | head -n 1 >/dev/null",
            env!("CARGO_BIN_EXE_ztlint")
        ))
        .output()
        .unwrap();
    // 300 reports are far more than a pipe holds, so ztlint is still
    // writing when `head` exits.
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_panic_is_an_internal_error_with_exit_2_not_101() {
    let names: Vec<String> = (0..40).map(|i| format!("f{i:02}.json")).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), GOOD.as_bytes()))
        .collect();
    let dir = dir_with(&files);
    for args in [&["check", "f00.json"][..], &["check", "."][..]] {
        let mut cmd = ztlint(dir.path());
        cmd.env("ZTLINT_TEST_PANIC", "1");
        let r = run(cmd, args);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(
            r.stderr
                .starts_with("ztlint: error: internal error at src/cli/check.rs:"),
            "{r:?}"
        );
        assert!(
            r.stderr.ends_with(
                ": ZTLINT_TEST_PANIC is set; this is a bug in ztlint, please report it\n"
            ),
            "{r:?}"
        );
    }
}

#[test]
fn a_utf16_file_is_an_error_and_its_text_is_linted() {
    let dir = dir_with(&[(
        "org.json",
        &utf16le_with_bom("{\n  \"session_duration\": \"1d\"\n}\n"),
    )]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--format", "concise", "org.json"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "org.json:1:1: error[wide-encoding] the file is UTF-16 (little-endian), not UTF-8\n\
             org.json:2:23: error[duration-syntax] `session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit \"d\" in duration \"1d\"\n",
            ""
        )
    );
    // Not even `--ignore` hides it: without it, `--fix` would take the text
    // for the file's bytes.
    let r = run(
        ztlint(dir.path()),
        &[
            "check", "--format", "concise", "--ignore", "all", "org.json",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "org.json:1:1: error[wide-encoding] the file is UTF-16 (little-endian), not UTF-8\n"
        )
    );
}
