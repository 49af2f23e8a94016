//! Every rule's bad example, as Terraform writes it: each JSON `## Example`
//! of `docs/rules.md` is also a v5 resource in
//! `tests/terraform/rules/<code>.tf`, and linting that file reports the same
//! findings of the rule, each on the same value or key of the file. A few
//! rules cannot fire on a Terraform resource; `NOT_IN_TERRAFORM` says why.
//!
//! Regenerate the files with `ZTLINT_BLESS=1 cargo test --test terraform_rules`.

use std::fs;
use std::path::{Path, PathBuf};

use ztlint::json::{self, Value, ValueKind};
use ztlint::terraform::Module;
use ztlint::{Diagnostic, Linter, Profile};

/// The rules whose Example has no Terraform form, and why.
const NOT_IN_TERRAFORM: [(&str, &str); 9] = [
    (
        "json-syntax",
        "a .tf file is HCL: terraform-syntax is its rule",
    ),
    ("invalid-utf8", "the Example is bytes, not a body"),
    (
        "byte-order-mark",
        "a .tf file's byte order mark is Terraform's to read",
    ),
    ("root-not-object", "a resource's body is always an object"),
    ("empty-body", "no provider sends an empty body"),
    (
        "null-value",
        "`null` in Terraform means unset: it is not sent",
    ),
    (
        "toggle-reason-without-toggle",
        "v5 plans `is_ui_read_only = false` when it is not set",
    ),
    (
        "duplicate-key",
        "Terraform refuses a repeated argument itself",
    ),
    (
        "missing-field",
        "its Example is the create call's; the v5 provider creates with the update call",
    ),
];

/// The rules whose Example Terraform itself turns into a good value, so
/// that the `.tf` file has no finding of the rule, and why.
const FIXED_BY_TERRAFORM: [(&str, &str); 1] = [(
    "wrong-type",
    "Terraform converts `\"false\"` to the bool `false` before the provider sees it",
)];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/terraform/rules")
}

/// The first ```json block after `heading`.
fn json_after<'a>(explanation: &'a str, heading: &str) -> Option<&'a str> {
    let after = &explanation[explanation.find(heading)? + heading.len()..];
    let start = after.find("```json\n")? + "```json\n".len();
    let end = after[start..].find("```")?;
    Some(&after[start..start + end])
}

/// The profile an explanation's examples are for.
fn profile_of(explanation: &str) -> Profile {
    explanation
        .lines()
        .find_map(|l| l.strip_prefix("Profile: "))
        .map(|p| p.trim().parse().expect("a profile"))
        .unwrap_or_default()
}

/// `value` in HCL native syntax, nested objects indented under `indent`.
fn hcl(value: &Value<'_>, indent: &str) -> String {
    match value.kind() {
        ValueKind::Null => "null".to_string(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Number(n) => n.as_str().to_string(),
        ValueKind::String(s) => hcl_string(s),
        ValueKind::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| hcl(i, indent)).collect();
            format!("[{}]", items.join(", "))
        }
        ValueKind::Object(_) => {
            let inner = format!("{indent}  ");
            format!("{{\n{}{indent}}}", attributes(value, &inner))
        }
    }
}

/// The members of `object` as `key = value` lines.
fn attributes(object: &Value<'_>, indent: &str) -> String {
    let mut out = String::new();
    for member in object.as_object().unwrap_or_default() {
        let key = member.key().as_str();
        let is_ident = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let key = if is_ident {
            key.to_string()
        } else {
            hcl_string(key)
        };
        out.push_str(&format!(
            "{indent}{key} = {}\n",
            hcl(member.value(), indent)
        ));
    }
    out
}

fn hcl_string(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() || ('\u{200b}'..='\u{206f}').contains(&c) || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `.tf` form of a JSON example body for `profile`.
fn terraform_file(code: &str, body: &Value<'_>, profile: Profile) -> String {
    let path = match profile {
        Profile::ZoneUpdate => "  zone_id = \"699d98642c564d2e855e9661899b7252\"\n",
        _ => "  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n",
    };
    format!(
        "# The Example of `{code}` (docs/rules.md#{code}) as a Terraform resource.\n\
         # Generated by tests/terraform_rules.rs.\n\
         resource \"cloudflare_zero_trust_organization\" \"example\" {{\n{path}{}}}\n",
        attributes(body, "  ")
    )
}

/// Every rule with a JSON Example that Terraform can write: its code, its
/// Example, and its `.tf` form.
fn cases() -> Vec<(&'static str, String, String, Profile)> {
    let mut out = Vec::new();
    for rule in ztlint::rules::all() {
        let code = rule.code();
        if NOT_IN_TERRAFORM.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let Some(example) = json_after(rule.explanation(), "## Example") else {
            continue;
        };
        let profile = profile_of(rule.explanation());
        let body = json::parse(example).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert!(
            matches!(profile, Profile::AccountUpdate | Profile::ZoneUpdate),
            "{code}: a Terraform resource is updated, at the account or the zone"
        );
        let tf = terraform_file(code, &body, profile);
        out.push((code, example.to_string(), tf, profile));
    }
    out
}

#[test]
fn fixture_files_are_current() {
    let bless = std::env::var_os("ZTLINT_BLESS").is_some();
    let mut stale = Vec::new();
    for (code, _, tf, _) in cases() {
        let path = dir().join(format!("{code}.tf"));
        if bless {
            fs::create_dir_all(dir()).unwrap();
            fs::write(&path, &tf).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(tf.as_str()) {
            stale.push(code);
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `ZTLINT_BLESS=1 cargo test --test terraform_rules`"
    );
}

/// Whether two span texts are the same token: the same JSON value, or a
/// key written bare in HCL and quoted in JSON.
fn same_token(in_json: &str, in_tf: &str) -> bool {
    let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
    match (value(in_json), value(in_tf)) {
        (Some(a), Some(b)) => a == b,
        _ => in_json == format!("\"{in_tf}\"") || in_json == in_tf,
    }
}

fn of_rule<'d>(code: &str, found: &'d [Diagnostic]) -> Vec<&'d Diagnostic> {
    found.iter().filter(|d| d.code() == code).collect()
}

#[test]
fn every_example_reports_the_same_findings_on_the_same_values() {
    let mut checked = 0;
    for (code, example, _, profile) in cases() {
        let path = dir().join(format!("{code}.tf"));
        let tf = fs::read_to_string(&path).unwrap();
        let in_json = Linter::new().profile(profile).lint(&example);
        let in_tf = Linter::new().lint_terraform(&format!("{code}.tf"), &tf, &Module::new());
        let (in_json, in_tf) = (of_rule(code, &in_json), of_rule(code, &in_tf));
        if FIXED_BY_TERRAFORM.iter().any(|(c, _)| *c == code) {
            assert_eq!(in_tf.len(), 0, "{code}: {in_tf:#?}");
            assert!(!in_json.is_empty(), "{code}");
            continue;
        }
        assert_eq!(
            in_tf.len(),
            in_json.len(),
            "{code}: {in_tf:#?} against the payload's {in_json:#?}"
        );
        for (j, t) in in_json.iter().zip(&in_tf) {
            let json_text = &example[j.span().range()];
            let tf_text = &tf[t.span().range()];
            // A finding inside a string points at the whole value in a
            // .tf file.
            assert!(
                same_token(json_text, tf_text) || tf_text.contains(json_text.trim_matches('"')),
                "{code}: {tf_text:?} in the .tf file for {json_text:?} in the payload"
            );
            assert_eq!(t.message(), j.message(), "{code}");
            assert_eq!(t.severity(), j.severity(), "{code}");
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} rules checked");
}
