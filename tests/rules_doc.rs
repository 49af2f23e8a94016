//! `docs/rules.md` is generated from the rule registry; this test fails when
//! it is stale. Regenerate with `ZTLINT_BLESS=1 cargo test --test rules_doc`.

use std::fmt::Write;

/// The table of every rule, linking each code to `link_base#code`.
fn table(link_base: &str) -> String {
    let mut out = String::from("| code | default severity | summary |\n|---|---|---|\n");
    for rule in ztlint::rules::all() {
        let code = rule.code();
        writeln!(
            out,
            "| [`{code}`]({link_base}#{code}) | {} | {} |",
            rule.default_severity(),
            rule.summary()
        )
        .unwrap();
    }
    out
}

fn render() -> String {
    let mut out = String::from(
        "# ztlint rules\n\n\
         Generated from the rule registry by `tests/rules_doc.rs`; \
         `ztlint rules` lists the same, and `ztlint explain CODE` prints one.\n\n",
    );
    out.push_str(&table(""));
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
    out.push_str(&fields_section());
    out
}

/// The fields section: every row of the field table.
fn fields_section() -> String {
    use ztlint::fields::Status;
    use ztlint::Profile;
    let mut out = String::from(
        "\n## Fields\n\n\
         Every field of the body, from ztlint's field table (`src/fields/table.rs`), \
         which the rules and `ztlint schema` read. Endpoints: A account update, \
         Z zone update, C create, ZC zone create; `*` where it is required. \
         Evidence: H stated by an official source, M inferred from Cloudflare's \
         code or tests, L a single third-party source.\n\n\
         | field | type and constraints | endpoints | status | evidence |\n|---|---|---|---|---|\n",
    );
    for field in ztlint::fields::all() {
        let endpoints: Vec<String> = Profile::ALL
            .iter()
            .zip(["A", "Z", "C", "ZC"])
            .filter(|(p, _)| field.accepted_by(**p))
            .map(|(p, letter)| {
                let star = if field.path().len() == 1 && field.required_by(*p) {
                    "*"
                } else {
                    ""
                };
                format!("{letter}{star}")
            })
            .collect();
        let status = match field.status() {
            Status::Current => "current".to_string(),
            Status::Renamed { to, on } => format!("renamed to `{to}` on {on}"),
            Status::Removed { on } => format!("removed {on}"),
            Status::ResponseOnly => "response only".to_string(),
        };
        let evidence: Vec<String> = field
            .evidence()
            .iter()
            .map(|e| format!("{} ({}: {})", e.fact(), e.confidence().letter(), e.source()))
            .collect();
        writeln!(
            out,
            "| `{}` | {} | {} | {status} | {} |",
            field.name(),
            field.constraints().replace('|', "\\|"),
            endpoints.join(" "),
            evidence.join("; ").replace('|', "\\|")
        )
        .unwrap();
    }
    out
}

/// The README with its rules table (between the `rules:start` and
/// `rules:end` markers) regenerated.
fn readme_with_table(readme: &str) -> String {
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let b = readme.find(end).expect("README has the rules:end marker");
    format!("{}{}{}", &readme[..a], table("docs/rules.md"), &readme[b..])
}

#[test]
fn readme_rules_table_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let actual = std::fs::read_to_string(path).unwrap();
    let expected = readme_with_table(&actual);
    if std::env::var_os("ZTLINT_BLESS").is_some() {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    assert!(
        actual == expected,
        "README.md's rules table is stale: run `ZTLINT_BLESS=1 cargo test --test rules_doc`"
    );
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
