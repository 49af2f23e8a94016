//! Registry-wide tests: every rule is well-formed, and the examples in its
//! explanation do what they say.

use super::all;

/// The first ```json block after `heading`, if any.
fn json_block_after<'a>(explanation: &'a str, heading: &str) -> Option<&'a str> {
    let after = &explanation[explanation.find(heading)? + heading.len()..];
    let start = after.find("```json\n")? + "```json\n".len();
    let end = after[start..].find("```")?;
    Some(&after[start..start + end])
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
fn explanations_have_the_four_sections() {
    for rule in all() {
        for heading in [
            "## What it does",
            "## Why is this bad?",
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
    let mut checked = 0;
    for rule in all() {
        let code = rule.code();
        let Some(bad) = json_block_after(rule.explanation(), "## Example") else {
            continue;
        };
        let good = json_block_after(rule.explanation(), "## Use instead")
            .unwrap_or_else(|| panic!("{code}: an Example in JSON needs a JSON Use instead"));
        let linter = example_linter(rule.explanation());
        let bad_codes: Vec<_> = linter.lint(bad).iter().map(|d| d.code()).collect();
        assert!(
            bad_codes.contains(&code),
            "{code}: the Example does not trigger it: {bad_codes:?}"
        );
        let good_codes: Vec<_> = linter.lint(good).iter().map(|d| d.code()).collect();
        assert!(
            !good_codes.contains(&code),
            "{code}: Use instead still triggers it"
        );
        checked += 1;
    }
    assert!(
        checked >= all().count() - 3,
        "only {checked} rules have JSON examples"
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
