//! `ztlint check --format …`: stdout is exactly the renderer's output, and
//! the human report is snapshotted at a fixed width without colour.

mod cli_support;

use cli_support::{dir_with, rendered, run, ztlint, Render, GOOD, MACHINE_FORMATS, TRAILING_COMMA};
use ztlint::render;

const BOM: &[u8] = b"\xef\xbb\xbf{\"name\": \"Widget Corps\"}\n";

/// What the library renders for these files, linted with default settings.
fn expected(files: &[(&str, &[u8])], render: Render) -> String {
    rendered(files, render)
}

#[test]
fn machine_formats_are_the_renderers_output_exactly() {
    let files: [(&str, &[u8]); 3] = [
        ("bad.json", TRAILING_COMMA.as_bytes()),
        ("bom.json", BOM),
        ("good.json", GOOD.as_bytes()),
    ];
    let dir = dir_with(&files);
    for (format, render) in MACHINE_FORMATS {
        let r = run(
            ztlint(dir.path()),
            &[
                "check",
                "--format",
                format,
                "bad.json",
                "bom.json",
                "good.json",
            ],
        );
        assert_eq!(r.code, 1, "{format}");
        assert_eq!(r.stdout, expected(&files, render), "{format}");
        assert_eq!(r.stderr, "", "{format}");
    }
}

#[test]
fn machine_formats_of_clean_files_exit_0() {
    let dir = dir_with(&[("good.json", GOOD.as_bytes())]);
    for format in ["concise", "json", "sarif", "github"] {
        let r = run(
            ztlint(dir.path()),
            &["check", "--format", format, "good.json"],
        );
        assert_eq!(r.code, 0, "{format}");
        let files: [(&str, &[u8]); 1] = [("good.json", GOOD.as_bytes())];
        let render: Render = match format {
            "concise" => render::concise,
            "json" => render::json,
            "sarif" => render::sarif,
            _ => render::github,
        };
        assert_eq!(r.stdout, expected(&files, render), "{format}");
    }
}

#[test]
fn human_report_snapshot() {
    let dir = dir_with(&[
        ("bad.json", TRAILING_COMMA.as_bytes()),
        ("bom.json", BOM),
        ("good.json", GOOD.as_bytes()),
    ]);
    let r = run(
        ztlint(dir.path()),
        &["check", "bad.json", "bom.json", "good.json"],
    );
    assert_eq!((r.code, r.stderr.as_str()), (1, ""));
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn human_report_of_clean_files_is_the_summary() {
    let dir = dir_with(&[("a.json", GOOD.as_bytes()), ("b.json", GOOD.as_bytes())]);
    let r = run(ztlint(dir.path()), &["check", "a.json", "b.json"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "no problems found in 2 files\n", "")
    );
}

#[test]
fn human_report_after_fixing_says_what_was_fixed() {
    let dir = dir_with(&[("bom.json", BOM), ("bad.json", TRAILING_COMMA.as_bytes())]);
    let r = run(
        ztlint(dir.path()),
        &["check", "--fix", "bom.json", "bad.json"],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .ends_with("\nfixed 1 issue in 1 file\n1 error in 2 files\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("fixable"), "{}", r.stdout);
}

#[test]
fn columns_sets_the_width() {
    let dir = dir_with(&[("bom.json", BOM)]);
    let mut narrow = ztlint(dir.path());
    narrow.env("COLUMNS", "40");
    let r = run(narrow, &["check", "bom.json"]);
    assert!(
        r.stdout.contains(
            "\n  help: save the file as UTF-8 without\n        a byte order mark; Go's\n"
        ),
        "{}",
        r.stdout
    );
    // The default width in the tests is 80.
    let r = run(ztlint(dir.path()), &["check", "bom.json"]);
    assert!(
        r.stdout.contains(
            "\n  help: save the file as UTF-8 without a byte order mark; Go's encoding/json\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn colour_follows_color_and_no_color() {
    let dir = dir_with(&[("bom.json", BOM)]);
    let has_escape = |args: &[&str], no_color: Option<&str>| {
        let mut cmd = ztlint(dir.path());
        if let Some(value) = no_color {
            cmd.env("NO_COLOR", value);
        }
        let mut all = vec!["check"];
        all.extend(args);
        all.push("bom.json");
        run(cmd, &all).stdout.contains('\u{1b}')
    };
    // Not a terminal: no colour unless asked for.
    assert!(!has_escape(&[], None));
    assert!(!has_escape(&["--color", "auto"], None));
    assert!(has_escape(&["--color", "always"], None));
    // `always` beats NO_COLOR; `never` is never coloured.
    assert!(has_escape(&["--color", "always"], Some("1")));
    assert!(!has_escape(&["--color", "never"], None));
}

#[test]
fn human_report_of_rule_findings_snapshot() {
    let payload: &[u8] = b"{\n  \"name\": \"Widget Corps\",\n  \"session_duration\": \"1d\",\n  \"login_design\": {\n    \"logo_path\": \"http://example.com/logo.bmp\"\n  }\n}\n";
    let dir = dir_with(&[("org.json", payload)]);
    let r = run(ztlint(dir.path()), &["check", "org.json"]);
    assert_eq!((r.code, r.stderr.as_str()), (1, ""));
    assert!(
        r.stdout
            .contains("\n1 error, 1 warning, 1 info in 1 file\n"),
        "{}",
        r.stdout
    );
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn a_reader_that_stops_early_ends_the_report_quietly() {
    // 20,000 findings print far more than a pipe holds, so ztlint is still
    // writing when the reader closes its end, as `| head -1` does.
    let keys: Vec<String> = (0..20_000)
        .map(|i| format!("\"unknown_{i}\": {i}"))
        .collect();
    let body = format!("{{\n{}\n}}\n", keys.join(",\n"));
    let dir = dir_with(&[("many.json", body.as_bytes())]);
    for format in ["concise", "json", "sarif", "github"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ztlint"))
            .current_dir(dir.path())
            .args([
                "check",
                "--format",
                format,
                "--fail-on",
                "warning",
                "many.json",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
    }
}
