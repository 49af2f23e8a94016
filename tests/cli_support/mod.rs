//! Running the built `ztlint` binary from the CLI tests.
#![allow(dead_code)] // Each test file uses a different part.

use std::path::Path;

pub use assert_cmd::Command;

/// The binary under test, with a stable environment: no colour variables,
/// an 80-column width, and the given working directory.
pub fn ztlint(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ztlint"));
    cmd.current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("ZTLINT_TEST_PANIC")
        .env("COLUMNS", "80");
    cmd
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` with `args` and collects its output.
pub fn run(mut cmd: Command, args: &[&str]) -> Run {
    let output = cmd.args(args).output().expect("ztlint runs");
    Run {
        code: output
            .status
            .code()
            .expect("ztlint exits, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A valid payload with no findings.
pub const GOOD: &str =
    "{\n  \"name\": \"Widget Corps\",\n  \"auth_domain\": \"widget.cloudflareaccess.com\"\n}\n";

/// Not JSON: a trailing comma on line 2.
pub const TRAILING_COMMA: &str = "{\n  \"name\": \"Widget Corps\",\n}\n";

/// A temporary directory holding the named files.
pub fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, contents) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, contents).expect("write");
    }
    dir
}

/// `text` as Windows PowerShell 5.1's `>` writes it: UTF-16LE behind a
/// byte order mark.
pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
    "\u{feff}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// What the library's `render` prints for these files, each linted whole
/// with default settings.
pub fn rendered<B: AsRef<[u8]>>(
    files: &[(&str, B)],
    render: impl Fn(&[ztlint::render::FileReport<'_>]) -> String,
) -> String {
    let linter = ztlint::Linter::new();
    let linted: Vec<_> = files
        .iter()
        .map(|(name, bytes)| {
            // As `ztlint check` reads them: a plan as a plan, a Terraform
            // file as Terraform (in a module of no variables).
            let bytes = bytes.as_ref();
            if name.ends_with(".tf") || name.ends_with(".tf.json") {
                return linter.lint_terraform_bytes(name, bytes, ztlint::terraform::Module::new);
            }
            linter
                .lint_plan_bytes(bytes)
                .unwrap_or_else(|| linter.lint_bytes(bytes))
        })
        .collect();
    let reports: Vec<ztlint::render::FileReport<'_>> = files
        .iter()
        .zip(&linted)
        .map(|((name, _), l)| ztlint::render::FileReport {
            name,
            source: &l.source,
            diagnostics: &l.diagnostics,
        })
        .collect();
    render(&reports)
}

/// A renderer of `ztlint::render`.
pub type Render = fn(&[ztlint::render::FileReport<'_>]) -> String;

/// The machine formats, by name, with their renderers.
pub const MACHINE_FORMATS: [(&str, Render); 4] = [
    ("concise", ztlint::render::concise),
    ("json", ztlint::render::json),
    ("sarif", ztlint::render::sarif),
    ("github", ztlint::render::github),
];
