//! ztlint against real Terraform: for every fixture in
//! `tests/terraform/fixtures/`, what `terraform validate -json` (Terraform
//! 1.11.4, with the mock provider of `tests/terraform/mock-provider/`)
//! refuses is exactly what ztlint reports as the errors Terraform itself
//! checks: types it cannot convert (`wrong-type`), the provider's block or
//! attribute form (`terraform-block-syntax`), and v4's conflicting
//! `account_id` and `zone_id` (`terraform-account-and-zone`). No more, no
//! less, but for one kind that only the API checks: a fraction where the
//! API takes an integer (Terraform's numbers have fractions; Cloudflare's
//! Go integers do not). Regenerate the fixtures with
//! `tests/terraform/make-fixtures.sh`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use ztlint::terraform::Module;
use ztlint::{Diagnostic, Linter, Severity};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/terraform/fixtures");
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// `main.tf` of `dir`, linted with the rest of the module.
fn lint(dir: &Path) -> (String, Vec<Diagnostic>) {
    let source = fs::read_to_string(dir.join("main.tf")).unwrap();
    let mut module = Module::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name != "main.tf" && !name.ends_with(".json") {
            module = module.file(name, fs::read_to_string(&path).unwrap_or_default());
        }
    }
    let diagnostics = Linter::new().lint_terraform("main.tf", &source, &module);
    (source, diagnostics)
}

/// Terraform's errors in `dir`'s validate.json.
fn terraform_errors(dir: &Path) -> Vec<Value> {
    let text = fs::read_to_string(dir.join("validate.json")).unwrap();
    let validate: Value = serde_json::from_str(&text).unwrap();
    validate["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .cloned()
        .collect()
}

/// The name of the resource whose block holds byte `at` of `source`.
fn resource_at(source: &str, at: usize) -> String {
    let before = &source[..at];
    let start = before.rfind("\nresource \"").map_or(0, |i| i + 1);
    let header = &source[start..];
    header[..header.find('{').unwrap()].trim().to_string()
}

/// The top-level attribute a message is about: the first `` `name` ``,
/// cut at a `.` or `[`.
fn attribute_of(message: &str) -> String {
    let name = message.split('`').nth(1).unwrap_or_default();
    name.split(['.', '[']).next().unwrap().to_string()
}

#[test]
fn ztlint_errors_on_what_terraform_refuses_and_nothing_else() {
    let mut checked = 0;
    for dir in fixtures() {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let (source, diagnostics) = lint(&dir);
        let errors = terraform_errors(&dir);

        // Conversions: one Terraform error per (resource, attribute).
        let terraform_types: BTreeSet<(String, String)> = errors
            .iter()
            .filter(|e| e["summary"] == "Incorrect attribute value type")
            .map(|e| {
                let at = e["range"]["start"]["byte"].as_u64().unwrap() as usize;
                let detail = e["detail"].as_str().unwrap();
                let attribute = detail.split('"').nth(1).unwrap().to_string();
                (resource_at(&source, at), attribute)
            })
            .collect();
        let ztlint_types: BTreeSet<(String, String)> = diagnostics
            .iter()
            .filter(|d| is_terraform_type_error(d))
            .map(|d| {
                (
                    resource_at(&source, d.span().start()),
                    attribute_of(d.message()),
                )
            })
            .collect();
        assert_eq!(ztlint_types, terraform_types, "{name}: type errors");

        // The provider's form: at the block's or the attribute's name.
        let terraform_forms: BTreeSet<u64> = errors
            .iter()
            .filter(|e| {
                e["summary"] == "Unsupported block type" || e["summary"] == "Unsupported argument"
            })
            .map(|e| e["range"]["start"]["byte"].as_u64().unwrap())
            .collect();
        let ztlint_forms: BTreeSet<u64> = diagnostics
            .iter()
            .filter(|d| d.code() == "terraform-block-syntax")
            .map(|d| d.span().start() as u64)
            .collect();
        assert_eq!(ztlint_forms, terraform_forms, "{name}: block syntax");

        // v4's conflict: on both attributes.
        let terraform_conflicts: BTreeSet<u64> = errors
            .iter()
            .filter(|e| e["summary"] == "Conflicting configuration arguments")
            .map(|e| e["range"]["start"]["byte"].as_u64().unwrap())
            .collect();
        let ztlint_conflicts: BTreeSet<u64> = diagnostics
            .iter()
            .filter(|d| d.code() == "terraform-account-and-zone" && d.severity() == Severity::Error)
            .filter(|d| d.message().starts_with("both"))
            .flat_map(|d| {
                std::iter::once(d.span().start() as u64)
                    .chain(d.secondary().iter().map(|l| l.span().start() as u64))
            })
            .collect();
        assert_eq!(ztlint_conflicts, terraform_conflicts, "{name}: conflicts");

        checked += terraform_types.len() + terraform_forms.len() + terraform_conflicts.len();
    }
    assert!(checked >= 30, "only {checked} Terraform errors compared");
}

/// A quoted string split over lines, which hcl-edit alone takes: ztlint's
/// one `terraform-syntax` finding is at the byte where Terraform's first
/// "Invalid multi-line string" starts (the line break), and a fixture
/// without one gets none.
#[test]
fn split_strings_are_syntax_errors_where_terraform_says() {
    let mut checked = 0;
    for dir in fixtures() {
        let (_, diagnostics) = lint(&dir);
        let ours: Vec<u64> = diagnostics
            .iter()
            .filter(|d| d.code() == "terraform-syntax")
            .map(|d| d.span().start() as u64)
            .collect();
        let first = terraform_errors(&dir)
            .iter()
            .filter(|e| e["summary"] == "Invalid multi-line string")
            .map(|e| e["range"]["start"]["byte"].as_u64().unwrap())
            .min();
        match first {
            Some(byte) => {
                assert_eq!(ours, [byte], "{}", dir.display());
                checked += 1;
            }
            None if ours.is_empty() => {}
            None => {
                // Only the fixtures of a block or attribute form that the
                // provider refuses may fail to parse for other reasons.
                let name = dir.file_name().unwrap().to_string_lossy();
                assert!(name.ends_with("syntax-error"), "{name}: {diagnostics:#?}");
            }
        }
    }
    assert!(checked >= 1);
}

/// A `wrong-type` error Terraform would also refuse: any but a fraction
/// for an integer.
fn is_terraform_type_error(d: &Diagnostic) -> bool {
    d.code() == "wrong-type"
        && d.severity() == Severity::Error
        && !d.message().contains("must be an integer, found the number")
}

/// Terraform validates the plan fixtures; ztlint reports no error of a
/// kind Terraform checks on them.
#[test]
fn valid_configurations_get_no_terraform_error() {
    for dir in fixtures() {
        let text = fs::read_to_string(dir.join("validate.json")).unwrap();
        let validate: Value = serde_json::from_str(&text).unwrap();
        if validate["valid"] != true {
            continue;
        }
        let (_, diagnostics) = lint(&dir);
        let terraform_kinds: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| {
                is_terraform_type_error(d)
                    || matches!(d.code(), "terraform-block-syntax" | "terraform-syntax")
            })
            .collect();
        assert!(
            terraform_kinds.is_empty(),
            "{}: {terraform_kinds:#?}",
            dir.display()
        );
    }
}

/// `(code, message)` of each finding, sorted.
fn findings(diagnostics: &[Diagnostic]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d.code().to_string(), d.message().to_string()))
        .collect();
    out.sort();
    out
}

/// A configuration and the plan Terraform made of it get the same
/// findings on the body, but for what only one of them can see.
#[test]
fn plans_and_their_configurations_agree() {
    let mut compared = 0;
    for dir in fixtures() {
        let Ok(plan) = fs::read_to_string(dir.join("plan.json")) else {
            continue;
        };
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let from_plan = findings(&Linter::new().lint_plan(&plan).unwrap());
        let (_, diagnostics) = lint(&dir);
        let from_config = findings(&diagnostics);
        let only = |a: &[(String, String)], b: &[(String, String)]| -> Vec<(String, String)> {
            a.iter().filter(|x| !b.contains(x)).cloned().collect()
        };
        let mut only_config = only(&from_config, &from_plan);
        // The request path: a plan's body does not hold it.
        only_config.retain(|(code, _)| code != "terraform-account-and-zone");
        let only_plan = only(&from_plan, &from_config);
        if name == "conversions" {
            // Terraform drops what a nested object does not declare, which
            // the configuration shows; and it evaluates `0.1 + 0.2`, which
            // ztlint never guesses.
            assert_eq!(
                only_config,
                [(
                    "unknown-field".to_string(),
                    "unknown field `login_design.text_colour`".to_string()
                )],
                "{name}"
            );
            assert_eq!(
                only_plan,
                [(
                    "auth-domain-suffix".to_string(),
                    "`auth_domain` is `0.3`, not a `<team>.cloudflareaccess.com` domain"
                        .to_string()
                )],
                "{name}"
            );
        } else {
            assert_eq!(only_config, [], "{name}: only in the configuration");
            assert_eq!(only_plan, [], "{name}: only in the plan");
        }
        assert!(!from_plan.is_empty(), "{name}");
        compared += from_plan.len();
    }
    assert!(compared >= 20, "only {compared} findings compared");
}
