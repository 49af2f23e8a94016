//! The command outputs shown in the README are what the binary prints.
//! Regenerate them with `ZTLINT_BLESS=1 cargo test --test readme_output`.

use assert_cmd::Command;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// The text of the first code block after `marker`, and its byte range.
fn block_after(readme: &str, marker: &str) -> (usize, usize) {
    let at = readme.find(marker).expect("marker in README") + marker.len();
    let start = at + readme[at..].find('\n').unwrap() + 1;
    let start = if readme[start..].starts_with("```") {
        start + readme[start..].find('\n').unwrap() + 1
    } else {
        start
    };
    let end = start + readme[start..].find("```").unwrap();
    (start, end)
}

fn ztlint(args: &[&str]) -> String {
    let output = Command::cargo_bin("ztlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the seed example has errors");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn readme_shows_real_output() {
    let mut readme = std::fs::read_to_string(README).unwrap();
    let cases = [
        (
            "$ cargo run -q -- check --format concise examples/seed-example.json",
            ztlint(&["check", "--format", "concise", "examples/seed-example.json"]),
        ),
        (
            "$ cargo run -q -- check --format concise examples/terraform/main.tf",
            ztlint(&["check", "--format", "concise", "examples/terraform/main.tf"]),
        ),
        (
            "$ cargo run -q -- check --format concise examples/terraform/plan.json",
            ztlint(&[
                "check",
                "--format",
                "concise",
                "examples/terraform/plan.json",
            ]),
        ),
        (
            "$ cargo run -q -- check examples/seed-example.json\n```\n",
            ztlint(&["check", "examples/seed-example.json"]),
        ),
        (
            "--format json --select wrong-type examples/seed-example.json\n```\n",
            ztlint(&[
                "check",
                "--format",
                "json",
                "--select",
                "wrong-type",
                "examples/seed-example.json",
            ]),
        ),
        (
            "--format github --select wrong-type examples/seed-example.json\n```\n",
            ztlint(&[
                "check",
                "--format",
                "github",
                "--select",
                "wrong-type",
                "examples/seed-example.json",
            ]),
        ),
    ];
    let mut stale = Vec::new();
    for (marker, actual) in cases {
        let (start, end) = block_after(&readme, marker);
        if readme[start..end] != actual {
            stale.push(marker);
            readme.replace_range(start..end, &actual);
        }
    }
    if std::env::var_os("ZTLINT_BLESS").is_some() {
        std::fs::write(README, readme).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "README output is stale for {stale:?}: run `ZTLINT_BLESS=1 cargo test --test readme_output`"
    );
}
