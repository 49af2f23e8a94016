//! Snapshots of every output format over the fixtures in
//! `tests/fixtures/render/`.

mod render_fixtures;

use render_fixtures::{end_to_end, hand_built, reports};
use serde_json::Value;
use ztlint::render;
#[cfg(feature = "cli")]
use ztlint::render::HumanStyle;

/// Every file's human report under a header with its name.
#[cfg(feature = "cli")]
fn human_all(fixtures: &[render_fixtures::Fixture], style: &HumanStyle) -> String {
    fixtures
        .iter()
        .map(|f| {
            format!(
                "──── {} ────\n{}",
                f.name,
                render::human(&f.report(), style)
            )
        })
        .collect()
}

/// The SARIF log with the parts that change as ztlint grows checked and
/// then left out: the version, the rules list (every rule of the registry,
/// which other work keeps extending) and `ruleIndex` (a position in it).
/// The rest is kept as printed, in its field order.
fn stable_sarif(out: &str) -> String {
    let log: Value = serde_json::from_str(out).expect("SARIF is JSON");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    let registry: Vec<&str> = ztlint::rules::all().map(|r| r.code()).collect();
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids[..registry.len()], registry[..]);
    for extra in &rules[registry.len()..] {
        assert!(ztlint::rules::find(extra["id"].as_str().expect("id")).is_none());
        assert_eq!(extra, &serde_json::json!({ "id": extra["id"] }));
    }
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }

    let mut kept = String::new();
    let mut rules_indent: Option<String> = None;
    for line in out.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(rules) = &rules_indent {
            // The rules array ends at the `]` of its own indentation.
            if indent == rules && trimmed.starts_with(']') {
                let after = &trimmed[1..];
                kept.push_str(&format!(
                    "{indent}\"rules\": \"<every rule, then codes the registry lacks>\"{after}\n"
                ));
                rules_indent = None;
            }
            continue;
        }
        if trimmed == "\"rules\": [" {
            rules_indent = Some(indent.to_string());
        } else if trimmed.starts_with("\"ruleIndex\": ") {
            continue;
        } else if trimmed.starts_with("\"version\": \"") && trimmed != "\"version\": \"2.1.0\"," {
            kept.push_str(&format!("{indent}\"version\": \"<version>\",\n"));
        } else if trimmed.starts_with("\"semanticVersion\": ") {
            kept.push_str(&format!("{indent}\"semanticVersion\": \"<version>\",\n"));
        } else {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

#[test]
fn concise() {
    insta::assert_snapshot!(render::concise(&reports(&hand_built())));
}

#[test]
fn json() {
    insta::assert_snapshot!(render::json(&reports(&hand_built())));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(stable_sarif(&render::sarif(&reports(&hand_built()))));
}

#[test]
fn github() {
    insta::assert_snapshot!(render::github(&reports(&hand_built())));
}

#[cfg(feature = "cli")]
#[test]
fn human() {
    insta::assert_snapshot!(human_all(&hand_built(), &HumanStyle::default()));
}

#[cfg(feature = "cli")]
#[test]
fn human_narrow() {
    let style = HumanStyle {
        color: false,
        width: 60,
        ..HumanStyle::default()
    };
    insta::assert_snapshot!(human_all(&hand_built()[1..2], &style));
}

#[test]
fn summary() {
    let fixtures = hand_built();
    assert_eq!(
        render::summary(&reports(&fixtures)),
        "3 errors, 2 warnings, 1 info in 3 files"
    );
    assert_eq!(
        render::summary(&reports(&fixtures[..1])),
        "no problems found in 1 file"
    );
    let e2e = end_to_end();
    assert_eq!(
        render::summary(&reports(&e2e)),
        "2 errors, 1 warning in 3 files"
    );
}

#[test]
fn end_to_end_concise() {
    insta::assert_snapshot!(render::concise(&reports(&end_to_end())));
}

#[test]
fn end_to_end_json() {
    insta::assert_snapshot!(render::json(&reports(&end_to_end())));
}

#[test]
fn end_to_end_sarif() {
    insta::assert_snapshot!(stable_sarif(&render::sarif(&reports(&end_to_end()))));
}

#[test]
fn end_to_end_github() {
    insta::assert_snapshot!(render::github(&reports(&end_to_end())));
}

#[cfg(feature = "cli")]
#[test]
fn end_to_end_human() {
    insta::assert_snapshot!(human_all(&end_to_end(), &HumanStyle::default()));
}
