//! `ztlint.toml`: discovery, precedence against flags, and errors.

mod cli_support;

use cli_support::{dir_with, run, ztlint};

const BOM: &[u8] = b"\xef\xbb\xbf{\"name\": \"Widget Corps\"}\n";

fn concise(dir: &std::path::Path, args: &[&str]) -> cli_support::Run {
    let mut all = vec!["check", "--format", "concise"];
    all.extend(args);
    run(ztlint(dir), &all)
}

#[test]
fn the_nearest_config_governs_each_file() {
    let dir = dir_with(&[
        ("ztlint.toml", b"[rules]\nbyte-order-mark = \"off\"\n"),
        ("a/org.json", BOM),
        ("b/ztlint.toml", b"[rules]\nbyte-order-mark = \"warning\"\n"),
        ("b/org.json", BOM),
        (
            "c/.ztlint.toml",
            b"fail-on = \"warning\"\n[rules]\nbyte-order-mark = \"warning\"\n",
        ),
        ("c/org.json", BOM),
    ]);
    let r = concise(dir.path(), &["a/org.json"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{r:?}");
    let r = concise(dir.path(), &["b/org.json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("warning"), "{r:?}");
    let r = concise(dir.path(), &["c/org.json"]);
    assert_eq!(r.code, 1, "{r:?}");
    // All three at once: each keeps its own settings.
    let r = concise(dir.path(), &["a/org.json", "b/org.json", "c/org.json"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 2, "{r:?}");
}

#[test]
fn flags_beat_the_config_file() {
    let dir = dir_with(&[
        (
            "ztlint.toml",
            b"fail-on = \"info\"\n[rules]\nbyte-order-mark = \"info\"\n",
        ),
        ("org.json", BOM),
    ]);
    assert_eq!(concise(dir.path(), &["org.json"]).code, 1);
    assert_eq!(
        concise(dir.path(), &["--fail-on", "error", "org.json"]).code,
        0
    );
    // A level flag beats the file's [rules].
    let r = concise(
        dir.path(),
        &[
            "--fail-on",
            "error",
            "--deny",
            "byte-order-mark",
            "org.json",
        ],
    );
    assert_eq!(r.code, 1, "{r:?}");
    let r = concise(dir.path(), &["--allow", "byte-order-mark", "org.json"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn a_flag_can_turn_back_on_what_the_config_ignores() {
    let dir = dir_with(&[("ztlint.toml", b"ignore = [\"byte\"]\n"), ("org.json", BOM)]);
    assert_eq!(concise(dir.path(), &["org.json"]).code, 0);
    assert_eq!(
        concise(dir.path(), &["--deny", "byte-order-mark", "org.json"]).code,
        1
    );
}

#[test]
fn no_config_and_explicit_config() {
    let dir = dir_with(&[
        ("ztlint.toml", b"ignore = [\"byte-order-mark\"]\n"),
        (
            "strict.toml",
            b"fail-on = \"warning\"\n[rules]\nbyte-order-mark = \"warning\"\n",
        ),
        ("org.json", BOM),
    ]);
    assert_eq!(concise(dir.path(), &["org.json"]).code, 0);
    assert_eq!(concise(dir.path(), &["--no-config", "org.json"]).code, 1);
    let r = concise(dir.path(), &["--config", "strict.toml", "org.json"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("warning"), "{r:?}");
}

#[test]
fn stdin_takes_the_config_of_the_current_directory_or_its_stand_in_name() {
    let dir = dir_with(&[
        ("ztlint.toml", b"ignore = [\"byte-order-mark\"]\n"),
        ("strict/ztlint.toml", b""),
    ]);
    let mut cmd = ztlint(dir.path());
    cmd.write_stdin(BOM);
    assert_eq!(run(cmd, &["check", "-"]).code, 0);
    let mut cmd = ztlint(dir.path());
    cmd.write_stdin(BOM);
    assert_eq!(
        run(cmd, &["check", "--stdin-filename", "strict/org.json", "-"]).code,
        1
    );
}

#[test]
fn unknown_keys_exit_2_naming_the_key() {
    let dir = dir_with(&[
        (
            "ztlint.toml",
            b"profile = \"create\"\nfail_on = \"warning\"\n",
        ),
        ("org.json", BOM),
    ]);
    let r = concise(dir.path(), &["org.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "ztlint: error: `ztlint.toml`:2:1: unknown field `fail_on`, expected one of `profile`, "
        ),
        "{r:?}"
    );
    assert_eq!(r.stderr.lines().count(), 1);
    assert_eq!(r.stdout, "");
}

#[test]
fn bad_values_exit_2() {
    let cases: [(&[u8], &str); 4] = [
        (b"fail-on = \"fatal\"\n", "ztlint: error: `ztlint.toml`: `fail-on` is `fatal`; expected `error`, `warning` or `info`\n"),
        (b"[rules]\njson-syntx = \"off\"\n", "ztlint: error: `ztlint.toml`: unknown rule `json-syntx` in `[rules]`; did you mean `json-syntax`?\n"),
        (b"select = [\"nope\"]\n", "ztlint: error: `ztlint.toml`: unknown rule `nope` in `select`\n"),
        (b"schema = \"missing.schema.json\"\n", "ztlint: error: cannot read schema `missing.schema.json`: no such file or directory\n"),
    ];
    for (config, message) in cases {
        let dir = dir_with(&[("ztlint.toml", config), ("org.json", BOM)]);
        let r = concise(dir.path(), &["org.json"]);
        assert_eq!((r.code, r.stderr.as_str()), (2, message));
    }
}

#[test]
fn a_missing_config_file_exits_2() {
    let dir = dir_with(&[("org.json", BOM)]);
    let r = concise(dir.path(), &["--config", "nope.toml", "org.json"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "ztlint: error: cannot read `nope.toml`: no such file or directory\n"
    );
}

#[test]
fn a_wrong_account_id_is_a_usage_or_configuration_error() {
    let dir = dir_with(&[("org.json", cli_support::GOOD.as_bytes())]);
    let good = "023e105f4ecef8ad9ca31a8372d0c353";
    let short = "023e105f4ecef8ad9ca31a8372d0c35";
    assert_eq!(
        concise(dir.path(), &["--account-id", good, "org.json"]).code,
        0
    );
    let r = concise(dir.path(), &["--account-id", short, "org.json"]);
    assert_eq!(
        (r.code, r.stderr.as_str(), r.stdout.as_str()),
        (
            2,
            "ztlint: error: `--account-id`: account identifier must be 32 lowercase hex characters, found 31\n",
            ""
        )
    );
    let config = format!("account-id = \"{short}\"\n");
    let dir = dir_with(&[
        ("ztlint.toml", config.as_bytes()),
        ("org.json", cli_support::GOOD.as_bytes()),
    ]);
    let r = concise(dir.path(), &["org.json"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "ztlint: error: `ztlint.toml`: `account-id`: account identifier must be 32 lowercase hex characters, found 31\n"
        )
    );
    // The flag replaces the file's identifier.
    assert_eq!(
        concise(dir.path(), &["--account-id", good, "org.json"]).code,
        0
    );
}

const MAX8: &[u8] =
    br#"{"type": "object", "properties": {"name": {"type": "string", "maxLength": 8}}}"#;
const LONG_NAME: &[u8] = b"{\"name\": \"Widget Corps\"}\n";

#[test]
fn schema_from_the_flag_or_from_the_config_relative_to_it() {
    let dir = dir_with(&[
        ("schemas/max8.json", MAX8),
        ("org.json", LONG_NAME),
        ("team/ztlint.toml", b"schema = \"../schemas/max8.json\"\n"),
        ("team/org.json", LONG_NAME),
    ]);
    let finding = "error[schema-violation] `name` does not match the schema's `maxLength`: \"Widget Corps\" is longer than 8 characters\n";
    let r = concise(dir.path(), &["--schema", "schemas/max8.json", "org.json"]);
    assert_eq!(
        (r.code, r.stdout.clone()),
        (1, format!("org.json:1:10: {finding}")),
        "{r:?}"
    );
    let r = concise(dir.path(), &["team/org.json"]);
    assert_eq!(
        (r.code, r.stdout.clone()),
        (1, format!("team/org.json:1:10: {finding}")),
        "{r:?}"
    );
    // Without a schema, the built-in one has no length limit on `name`.
    assert_eq!(concise(dir.path(), &["org.json"]).code, 0);
}

#[test]
fn a_bad_schema_exits_2() {
    let dir = dir_with(&[("broken.json", b"{"), ("org.json", LONG_NAME)]);
    let r = concise(dir.path(), &["--schema", "broken.json", "org.json"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "ztlint: error: schema `broken.json`: the schema is not valid JSON: EOF while parsing an object at line 1 column 1\n"
    );
}

#[test]
fn profile_from_the_flag_beats_the_config() {
    let dir = dir_with(&[
        ("ztlint.toml", b"profile = \"create\"\n"),
        ("org.json", LONG_NAME),
    ]);
    let r = concise(dir.path(), &["org.json"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "org.json:1:1: error[missing-field] `auth_domain` is required when creating an organization\n")
    );
    let r = concise(dir.path(), &["--profile", "account-update", "org.json"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn select_from_the_flag_replaces_the_config() {
    let payload: &[u8] = b"{\"session_duration\": \"1d\", \"login_design\": {\"logo_path\": \"http://example.com/logo.png\"}}";
    let dir = dir_with(&[
        ("ztlint.toml", b"select = [\"logo\"]\n"),
        ("org.json", payload),
    ]);
    let codes = |r: &cli_support::Run| -> Vec<String> {
        r.stdout
            .lines()
            .map(|l| l.split(['[', ']']).nth(1).unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        codes(&concise(dir.path(), &["org.json"])),
        ["logo-url-insecure"]
    );
    assert_eq!(
        codes(&concise(dir.path(), &["--select", "duration", "org.json"])),
        ["duration-syntax"]
    );
    assert_eq!(
        codes(&concise(dir.path(), &["--no-config", "org.json"])),
        ["duration-syntax", "logo-url-insecure"]
    );
}
