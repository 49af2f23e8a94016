//! `docs/rules.md` is generated from the rule registry; this test fails when
//! it is stale. Regenerate with `ZTLINT_BLESS=1 cargo test --test rules_doc`.

use std::fmt::Write;

fn render() -> String {
    let mut out = String::from(
        "# ztlint rules\n\n\
         Generated from the rule registry by `tests/rules_doc.rs`; \
         `ztlint rules` lists the same, and `ztlint explain CODE` prints one.\n\n\
         | code | default severity | summary |\n|---|---|---|\n",
    );
    for rule in ztlint::rules::all() {
        let code = rule.code();
        writeln!(
            out,
            "| [`{code}`](#{code}) | {} | {} |",
            rule.default_severity(),
            rule.summary()
        )
        .unwrap();
    }
    for rule in ztlint::rules::all() {
        // Demote the explanation's headings one level under the rule's own.
        let body = rule.explanation().replace("\n## ", "\n### ");
        let body = body
            .strip_prefix("## ")
            .map_or(body.clone(), |b| format!("### {b}"));
        write!(
            out,
            "\n## {}\n\nDefault severity: **{}**. {}.\n\n{}",
            rule.code(),
            rule.default_severity(),
            rule.summary(),
            body.trim_end()
        )
        .unwrap();
        out.push('\n');
    }
    out
}

#[test]
fn rules_doc_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let expected = render();
    if std::env::var_os("ZTLINT_BLESS").is_some() {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `ZTLINT_BLESS=1 cargo test --test rules_doc`"
    );
}
