//! Registry-wide tests: every rule is well-formed, and the examples in its
//! explanation do what they say.

use super::all;

/// An example of an explanation: a JSON payload, or a Terraform file
/// (```hcl) for the rules on how a configuration is written.
#[derive(Clone, Copy)]
struct Example<'a> {
    text: &'a str,
    terraform: bool,
}

impl Example<'_> {
    fn lint(&self, linter: &crate::Linter) -> Vec<crate::Diagnostic> {
        if self.terraform {
            linter.lint_terraform("main.tf", self.text, &crate::terraform::Module::new())
        } else {
            linter.lint(self.text)
        }
    }
}

/// The first ```json or ```hcl block after `heading`, if any.
fn example_after<'a>(explanation: &'a str, heading: &str) -> Option<Example<'a>> {
    let after = &explanation[explanation.find(heading)? + heading.len()..];
    let (start, terraform) = match (after.find("```json\n"), after.find("```hcl\n")) {
        (Some(json), Some(hcl)) if hcl < json => (hcl + "```hcl\n".len(), true),
        (Some(json), _) => (json + "```json\n".len(), false),
        (None, Some(hcl)) => (hcl + "```hcl\n".len(), true),
        (None, None) => return None,
    };
    let end = after[start..].find("```")?;
    Some(Example {
        text: &after[start..start + end],
        terraform,
    })
}

#[test]
fn codes_are_unique_kebab_case() {
    let mut seen = std::collections::HashSet::new();
    for rule in all() {
        let code = rule.code();
        assert!(seen.insert(code), "duplicate rule code {code}");
        assert!(
            !code.is_empty()
                && code.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "rule code {code:?} is not kebab-case"
        );
        assert!(
            !rule.summary().is_empty() && !rule.summary().ends_with('.'),
            "{code}: summary"
        );
    }
}

#[test]
fn explanations_have_the_five_sections() {
    for rule in all() {
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Evidence",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                rule.explanation().contains(heading),
                "{}: explanation lacks `{heading}`",
                rule.code()
            );
        }
    }
}

#[test]
fn examples_break_the_rule_and_fixed_examples_do_not() {
    let mut unchecked = Vec::new();
    for rule in all() {
        let code = rule.code();
        let Some(bad) = example_after(rule.explanation(), "## Example") else {
            unchecked.push(code);
            continue;
        };
        let good = example_after(rule.explanation(), "## Use instead")
            .filter(|good| good.terraform == bad.terraform)
            .unwrap_or_else(|| panic!("{code}: an Example needs a Use instead of its kind"));
        let linter = example_linter(rule.explanation());
        let bad_codes: Vec<_> = bad.lint(&linter).iter().map(|d| d.code()).collect();
        assert!(
            bad_codes.contains(&code),
            "{code}: the Example does not trigger it: {bad_codes:?}"
        );
        let good_codes: Vec<_> = good.lint(&linter).iter().map(|d| d.code()).collect();
        assert!(
            !good_codes.contains(&code),
            "{code}: Use instead still triggers it"
        );
    }
    // The examples of the first three are bytes, shown as such, not text;
    // `schema-violation` reports only what a custom schema refuses.
    assert_eq!(
        unchecked,
        [
            "invalid-utf8",
            "byte-order-mark",
            "wide-encoding",
            "schema-violation"
        ]
    );
}

/// An explanation may name the profile its examples are for, with a line
/// `Profile: create`.
fn example_linter(explanation: &str) -> crate::Linter {
    let profile = explanation
        .lines()
        .find_map(|l| l.strip_prefix("Profile: "))
        .map(|p| p.trim().parse().expect("a valid profile name"))
        .unwrap_or_default();
    crate::Linter::new().profile(profile)
}

/// Turning one rule off never changes what another reports: no rule stands
/// aside for a rule that is not running. Every rule's Example is linted with
/// every other rule ignored in turn.
#[test]
fn ignoring_a_rule_never_changes_another() {
    for rule in all() {
        let code = rule.code();
        let Some(bad) = example_after(rule.explanation(), "## Example") else {
            continue;
        };
        let linter = example_linter(rule.explanation());
        let of_rule = |linter: &crate::Linter| -> Vec<crate::Diagnostic> {
            bad.lint(linter)
                .into_iter()
                .filter(|d| d.code() == code)
                .collect()
        };
        let expected = of_rule(&linter);
        for other in all().filter(|o| o.code() != code) {
            let ignoring = linter.clone().ignore(other.code()).unwrap();
            assert_eq!(
                of_rule(&ignoring),
                expected,
                "{code}: its findings change when `{}` is ignored",
                other.code()
            );
        }
    }
}

/// Selecting one rule gives exactly what it reports in a full run.
#[test]
fn selecting_a_rule_never_changes_what_it_reports() {
    for rule in all() {
        let code = rule.code();
        let Some(bad) = example_after(rule.explanation(), "## Example") else {
            continue;
        };
        let linter = example_linter(rule.explanation());
        let of_rule = |found: Vec<crate::Diagnostic>| -> Vec<crate::Diagnostic> {
            found.into_iter().filter(|d| d.code() == code).collect()
        };
        let full = of_rule(bad.lint(&linter));
        assert!(!full.is_empty(), "{code}");
        assert_eq!(
            of_rule(bad.lint(&linter.clone().select(code).unwrap())),
            full,
            "{code}"
        );
    }
}

/// The stand-asides the test above cannot see from the Examples alone.
#[test]
fn a_rule_that_is_off_hides_nothing() {
    let codes = |linter: crate::Linter, source: &str| -> Vec<&'static str> {
        linter.lint(source).iter().map(|d| d.code()).collect()
    };
    // Go reads this as 0s: the overflow is the finding, and without it the
    // zero Go reads is.
    let wraps = r#"{"session_duration": "9223372036854775808ns9223372036854775808ns"}"#;
    assert_eq!(codes(crate::Linter::new(), wraps), ["duration-overflow"]);
    assert_eq!(
        codes(
            crate::Linter::new().ignore("duration-overflow").unwrap(),
            wraps
        ),
        ["duration-not-positive"]
    );
    // A mistyped enum value is a type problem; without that rule, it is
    // outside the enum.
    let mistyped = r#"{"service_token_inactivity": {"action": 1, "enabled": true, "inactivity_threshold_days": 30}}"#;
    assert_eq!(codes(crate::Linter::new(), mistyped), ["wrong-type"]);
    assert_eq!(
        codes(crate::Linter::new().ignore("wrong-type").unwrap(), mistyped),
        ["enum-value"]
    );
    // A zero that is not positive is also below the range.
    let zero = r#"{"user_seat_expiration_inactive_time": "0s"}"#;
    assert_eq!(codes(crate::Linter::new(), zero), ["duration-not-positive"]);
    assert_eq!(
        codes(
            crate::Linter::new()
                .ignore("duration-not-positive")
                .unwrap(),
            zero
        ),
        ["duration-range"]
    );
}

/// Every rule reads only the values [`super::reads_value_of`] lets the
/// linter keep: the pruned tree [`crate::Linter`] lints yields exactly the
/// findings of the whole tree, in every profile. The payloads are every
/// JSON file of the repository (fixtures, corpus, examples, fuzz seeds and
/// regressions), the rules' examples, and variants of each that put its
/// fields where pruning reaches. `ZTLINT_PRUNE_CORPUS` names one more
/// directory to read, such as a fuzzing campaign's corpus.
#[test]
fn pruned_trees_lint_alike() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<std::path::PathBuf> = ["tests", "examples", "fuzz/seeds", "fuzz/regressions"]
        .iter()
        .map(|dir| root.join(dir))
        .collect();
    dirs.extend(std::env::var_os("ZTLINT_PRUNE_CORPUS").map(Into::into));
    let mut payloads: Vec<String> = all()
        .filter_map(|rule| example_after(rule.explanation(), "## Example"))
        .filter(|example| !example.terraform)
        .map(|example| example.text.to_string())
        .collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // Not the build output of the mock Terraform provider.
                if !path.ends_with("target") {
                    dirs.push(path);
                }
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if crate::json::parse_after_bom(&text).is_ok() {
                    payloads.push(text);
                }
            }
        }
    }
    assert!(payloads.len() >= 100, "{} payloads", payloads.len());
    // A custom schema that judges windows reads nothing pruned either.
    let generated = crate::fields::schema(crate::Profile::AccountUpdate).to_string();
    let schema = crate::schema::Schema::from_json(&generated).unwrap();
    assert!(schema.judges_windows());
    let custom = crate::Linter::new().schema(schema);
    let mut pruned_some = 0;
    for payload in &payloads {
        for variant in pruning_variants(payload) {
            let pruned = crate::json::parse_pruned(&variant, super::reads_value_of_member, true);
            let Ok(whole) = crate::json::parse_after_bom(&variant) else {
                assert_eq!(
                    pruned.unwrap_err(),
                    crate::json::parse_after_bom(&variant).unwrap_err()
                );
                continue;
            };
            let (pruned, false) = pruned.unwrap() else {
                continue;
            };
            pruned_some += usize::from(pruned != whole);
            for profile in crate::Profile::ALL {
                let linter = crate::Linter::new();
                assert_eq!(
                    linter.check(&variant, &pruned, profile),
                    linter.check(&variant, &whole, profile),
                    "{profile:?}: {variant}"
                );
            }
            assert_eq!(
                custom.check(&variant, &pruned, crate::Profile::AccountUpdate),
                custom.check(&variant, &whole, crate::Profile::AccountUpdate),
                "custom schema: {variant}"
            );
        }
    }
    assert!(
        pruned_some >= 400,
        "only {pruned_some} variants were pruned"
    );
}

/// `payload` and the same under unknown keys, in root arrays, and with
/// each top-level key capitalized, which Go's decoder still matches.
fn pruning_variants(payload: &str) -> Vec<String> {
    let body = payload.trim_start_matches('\u{feff}');
    let mut variants = vec![
        body.to_string(),
        format!("[{body}]"),
        format!("[{body}, {body}]"),
        format!("{{\"unknown\": {body}, \"x\": [{body}]}}"),
    ];
    let Ok(root) = crate::json::parse(body) else {
        return variants;
    };
    let Some(members) = root.as_object() else {
        return variants;
    };
    if let Some(inner) = body
        .get(root.span().start() + 1..)
        .filter(|_| !members.is_empty())
    {
        variants.push(format!("{{\"unknown\": {body}, {inner}"));
    }
    let mut capitalized = body.to_string();
    for member in members {
        let at = member.key().span().start() + 1;
        if let Some(first) = capitalized.get(at..at + 1) {
            let upper = first.to_ascii_uppercase();
            capitalized.replace_range(at..at + 1, &upper);
        }
    }
    variants.push(capitalized);
    variants
}
