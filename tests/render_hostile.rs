//! The human report on hostile input: long lines cut around the labels,
//! long labels and many-line labels shortened, and the findings capped.
#![cfg(feature = "cli")]

mod scale_support;

use ztlint::render::{self, FileReport, HumanStyle};

fn human(name: &str, source: &str, style: &HumanStyle) -> String {
    let diagnostics = ztlint::lint(source);
    render::human(
        &FileReport {
            name,
            source,
            diagnostics: &diagnostics,
        },
        style,
    )
}

#[test]
fn keys_on_one_long_line_are_cut_around_each_label() {
    let source = scale_support::unknown_keys(20, true);
    let style = HumanStyle {
        max_findings: 3,
        ..HumanStyle::default()
    };
    insta::assert_snapshot!(human("keys.json", &source, &style));
}

#[test]
fn a_duplicate_far_along_a_line_shows_both_places() {
    let source = scale_support::duplicate_keys(30);
    let style = HumanStyle {
        max_findings: 1,
        ..HumanStyle::default()
    };
    let diagnostics = ztlint::lint(&source);
    let last = diagnostics.len() - 1;
    let file = FileReport {
        name: "dup.json",
        source: &source,
        diagnostics: &diagnostics[last..],
    };
    insta::assert_snapshot!(render::human(&file, &style));
}

#[test]
fn a_million_digit_number_is_drawn_by_its_ends() {
    let source = format!("{{\"name\": {}}}\n", "1".repeat(1_000_000));
    let out = human("number.json", &source, &HumanStyle::default());
    assert!(out.len() < 4_000, "{} bytes", out.len());
    insta::assert_snapshot!(out);
}

#[test]
fn a_million_brackets_print_one_cut_line() {
    let source = "[".repeat(1_000_000);
    insta::assert_snapshot!(human("deep.json", &source, &HumanStyle::default()));
}

#[test]
fn a_root_over_many_lines_is_drawn_over_its_first() {
    let source = format!("[\n{}1\n]\n", "1,\n".repeat(50));
    insta::assert_snapshot!(human("array.json", &source, &HumanStyle::default()));
}
