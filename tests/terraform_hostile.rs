//! Hostile Terraform files: each would take quadratic (or exponential)
//! time or overflow the stack in a careless reader, and each is linted with
//! an exact result. Time is measured in `benches/`, not here; at these
//! sizes a quadratic step would take minutes.

use ztlint::terraform::Module;
use ztlint::Linter;

const HEADER: &str = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n";

fn lint(source: &str) -> Vec<ztlint::Diagnostic> {
    Linter::new().lint_terraform("main.tf", source, &Module::new())
}

fn count(found: &[ztlint::Diagnostic], code: &str) -> usize {
    found.iter().filter(|d| d.code() == code).count()
}

#[test]
fn many_repeated_blocks() {
    let n = 50_000;
    let mut source = HEADER.replace(
        "cloudflare_zero_trust_organization",
        "cloudflare_access_organization",
    );
    for _ in 0..n {
        source.push_str("  login_design {\n    text_color = \"#000000\"\n  }\n");
    }
    source.push_str("}\n");
    let found = lint(&source);
    assert_eq!(count(&found, "terraform-repeated-block"), n - 1);
}

#[test]
fn many_ignore_comments() {
    let n = 50_000;
    let mut source = HEADER.to_string();
    for i in 0..n {
        source.push_str(&format!(
            "  # ztlint-ignore: unknown-field\n  colour_{i} = \"red\"\n"
        ));
    }
    // The comment above covers only the line below it.
    source.push_str("  colour = \"red\"\n}\n");
    let found = lint(&source);
    assert_eq!(count(&found, "unknown-field"), 1);
    // A run of comments: each applies to the same next line of code.
    let mut source = HEADER.to_string();
    for _ in 0..n {
        source.push_str("  # ztlint-ignore: unknown-field\n");
    }
    source.push_str("  colour = \"red\"\n}\n");
    assert_eq!(count(&lint(&source), "unknown-field"), 0);
}

#[test]
fn locals_that_multiply_stay_bounded() {
    // local.l0 is 50 copies of local.l1, which is 50 of local.l2, ...:
    // 50^8 values, were they all made.
    let mut source = String::from("locals {\n");
    for level in 0..8 {
        let items = vec![format!("local.l{}", level + 1); 50].join(", ");
        source.push_str(&format!("  l{level} = [{items}]\n"));
    }
    source.push_str("  l8 = \"example.com\"\n}\n");
    for r in 0..100 {
        source.push_str(&format!(
            "resource \"cloudflare_zero_trust_organization\" \"r{r}\" {{\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  deny_unmatched_requests_exempted_zone_names = local.l0\n}}\n"
        ));
    }
    // Past the budget, the lists are unknown: left out, never guessed.
    let found = lint(&source);
    assert!(found.is_empty(), "{} findings", found.len());
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let depth = 100_000;
    let source = format!(
        "{HEADER}  login_design = {}{}\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let found = lint(&source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "terraform-syntax");
    assert!(
        found[0].message().contains("nesting depth"),
        "{}",
        found[0].message()
    );
    let json = format!(
        "{{\"resource\": {{\"cloudflare_zero_trust_organization\": {{\"m\": {{\"login_design\": {}{}}}}}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let found = Linter::new().lint_terraform("main.tf.json", &json, &Module::new());
    assert_eq!(found[0].code(), "json-syntax");
}

#[test]
fn many_attributes_with_fixes() {
    let n = 50_000;
    let mut source = HEADER.to_string();
    for _ in 0..n {
        // A renamed field, over and over: one rename, the rest duplicates.
        source.push_str("  mfa_ssh_piv_key_requirements = {}\n");
    }
    source.push_str("}\n");
    // hcl-edit refuses a repeated attribute, as Terraform does.
    let found = lint(&source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "terraform-syntax");
    let mut source = HEADER.to_string();
    for i in 0..n {
        source.push_str(&format!("  created_at_{i} = \"x\"\n"));
    }
    source.push_str("}\n");
    assert_eq!(count(&lint(&source), "unknown-field"), n);
}

/// A large file of many resources is parsed a run of items at a time, and
/// only the organization, variables and locals as one tree: the findings
/// are those of a small file, at their offsets in the large one, and a
/// syntax error among the other resources is still found where it is.
#[test]
fn a_large_file_of_other_resources() {
    let other = |i: usize| {
        format!("resource \"null_resource\" \"r{i}\" {{\n  triggers = {{ a = \"${{var.x}}\" }}\n}}\n# {i}\n")
    };
    let org = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id       = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  session_duration = var.session\n}\n";
    let variable = "variable \"session\" {\n  default = \"1d\"\n}\n";
    let many = |from: usize| (from..from + 4_000).map(other).collect::<String>();
    let source = format!("{}{org}{}{variable}{}", many(0), many(4_000), many(8_000));
    assert!(source.len() > 512 << 10);
    let found = lint(&source);
    let at = source.find("var.session").unwrap();
    let summary: Vec<_> = found
        .iter()
        .map(|d| (d.code(), d.span().range(), d.secondary()[0].span().start()))
        .collect();
    assert_eq!(
        summary,
        [(
            "duration-syntax",
            at..at + 11,
            source.find("\"1d\"").unwrap()
        )]
    );

    // The error is where it is in the broken resource alone.
    let item = other(6_000);
    let broken_item = item.replacen("triggers = { a", "triggers = { a a", 1);
    let broken = source.replacen(&item, &broken_item, 1);
    let found = lint(&broken);
    let alone = lint(&format!("{org}{broken_item}"));
    assert_eq!((found.len(), alone.len()), (1, 1), "{found:?}");
    assert_eq!(found[0].code(), "terraform-syntax");
    assert_eq!(found[0].message(), alone[0].message());
    assert_eq!(
        found[0].span().start() - broken.find(&broken_item).unwrap(),
        alone[0].span().start() - org.len()
    );
}
