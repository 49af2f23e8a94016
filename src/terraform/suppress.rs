//! Suppression comments.
//!
//! In a `.tf` file, a comment line `# ztlint-ignore: CODE` (or `//`) turns
//! off the rules it names for the resource, attribute or block that starts
//! on the next line that is not blank or a comment. In a `.tf.json` file,
//! whose JSON has no comments, a resource body's `"//"` property (which
//! Terraform ignores) does it for the whole resource:
//! `"//": "ztlint-ignore: CODE"`. Several selectors are separated by commas
//! or spaces; each is a rule code, a prefix of codes (`duration`), or
//! `all`, as for `--ignore`.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// What a comment says to ignore, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Suppression {
    pub(crate) selectors: Vec<String>,
    pub(crate) target: Span,
}

const MARKER: &str = "ztlint-ignore:";

/// The selectors of a comment's text, if it is an ignore comment.
pub(crate) fn selectors(comment: &str) -> Option<Vec<String>> {
    let rest = comment.trim_start().strip_prefix(MARKER)?;
    Some(
        rest.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// The ignore comments of the HCL `source`. `constructs` are the spans of
/// what a comment may apply to (resources, attributes, blocks, object
/// items), `values` those of string values, inside which a line is text,
/// not a comment.
pub(crate) fn hcl(source: &str, constructs: &[Span], values: &[Span]) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !source.contains(MARKER) {
        return out;
    }
    let mut constructs = constructs.to_vec();
    constructs.sort_by_key(|s| (s.start(), std::cmp::Reverse(s.end())));
    let lines: Vec<(usize, &str)> = line_offsets(source).collect();
    for (i, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(comment) = trimmed
            .strip_prefix('#')
            .or_else(|| trimmed.strip_prefix("//"))
        else {
            continue;
        };
        let Some(selectors) = selectors(comment) else {
            continue;
        };
        if values.iter().any(|v| v.start() < start && start < v.end()) {
            continue;
        }
        // The next line with code on it.
        let Some(&(next, next_line)) = lines[i + 1..].iter().find(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#') && !t.starts_with("//")
        }) else {
            continue;
        };
        let line_end = next + next_line.len();
        let from = constructs.partition_point(|s| s.start() < next);
        // The largest construct starting on that line: sorted so it is the
        // first one there.
        if let Some(target) = constructs[from..].first().filter(|s| s.start() <= line_end) {
            out.push(Suppression {
                selectors,
                target: *target,
            });
        }
    }
    out
}

/// Each line's start offset and text, without its newline.
fn line_offsets(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    source.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line)
    })
}

/// `findings` less those a suppression covers: of a selected rule, with
/// the primary span inside its target.
pub(crate) fn apply(findings: Vec<Diagnostic>, suppressions: &[Suppression]) -> Vec<Diagnostic> {
    if suppressions.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .filter(|d| {
            !suppressions.iter().any(|s| {
                s.target.start() <= d.span().start()
                    && d.span().end() <= s.target.end()
                    && s.selectors
                        .iter()
                        .any(|sel| crate::lint::selector_matches(sel, d.code()))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_separated_by_commas_or_spaces() {
        assert_eq!(
            selectors(" ztlint-ignore: low-contrast, duration  name-blank"),
            Some(vec![
                "low-contrast".to_string(),
                "duration".to_string(),
                "name-blank".to_string()
            ])
        );
        assert_eq!(selectors(" just a comment"), None);
    }

    #[test]
    fn a_comment_applies_to_the_construct_on_the_next_code_line() {
        let source = "resource \"x\" \"y\" {\n  # ztlint-ignore: a\n\n  # another comment\n  name = \"n\"\n  other = 1\n}\n";
        let name = source.find("name").unwrap();
        let constructs = [
            Span::new(0, source.len() - 1),
            Span::new(name, name + 10),
            Span::new(name + 13, name + 22),
        ];
        let found = hcl(source, &constructs, &[]);
        assert_eq!(
            found,
            [Suppression {
                selectors: vec!["a".to_string()],
                target: Span::new(name, name + 10)
            }]
        );
    }

    #[test]
    fn a_comment_like_line_inside_a_string_is_text() {
        let source = "a = <<EOT\n# ztlint-ignore: all\nb\nEOT\n";
        let b = source.find("b\n").unwrap();
        assert!(hcl(
            source,
            &[Span::new(b, b + 1)],
            &[Span::new(4, source.len() - 1)]
        )
        .is_empty());
    }
}
