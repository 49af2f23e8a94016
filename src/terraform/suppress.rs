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

/// The ignore comments on the lines of the HCL `source` that start in
/// `lines` (from a line's start). `constructs` are the spans of what a
/// comment may apply to (resources, attributes, blocks, object items),
/// `values` those of string values, inside which a line is text, not a
/// comment. Linear in the lines, plus a sort of each list: a large file
/// read a resource at a time asks for the lines up to each.
pub(crate) fn hcl(
    source: &str,
    lines: std::ops::Range<usize>,
    constructs: &[Span],
    values: &[Span],
) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !source
        .get(lines.clone())
        .is_some_and(|text| text.contains(MARKER))
    {
        return out;
    }
    let mut constructs = constructs.to_vec();
    constructs.sort_by_key(|s| (s.start(), std::cmp::Reverse(s.end())));
    let mut values = values.to_vec();
    values.sort_by_key(|s| s.start());
    // The longest value span reaching past each start, for the test below.
    let mut reach = Vec::with_capacity(values.len());
    let mut furthest = 0;
    for v in &values {
        furthest = furthest.max(v.end());
        reach.push(furthest);
    }
    let inside_value = |at: usize| {
        let before = values.partition_point(|v| v.start() < at);
        before > 0 && reach[before - 1] > at
    };
    // Each line in `lines`, and the line after: a comment on the last
    // applies to what starts on the next.
    let lines: Vec<(usize, &str)> = line_offsets(source, lines.start)
        .take_while(|&(start, _)| start <= lines.end)
        .collect();
    // The next line with code on it, for each line: one pass from the end.
    let mut next_code = vec![None; lines.len()];
    let mut following = None;
    for (i, (_, line)) in lines.iter().enumerate().rev() {
        next_code[i] = following;
        let t = line.trim_start();
        if !t.is_empty() && !t.starts_with('#') && !t.starts_with("//") {
            following = Some(i);
        }
    }
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
        if inside_value(start) {
            continue;
        }
        let Some((next, next_line)) = next_code[i].map(|j| lines[j]) else {
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

/// Each line's start offset and text, without its newline, from the line
/// that starts at `from`.
fn line_offsets(source: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = from;
    source
        .get(from..)
        .unwrap_or_default()
        .split('\n')
        .map(move |line| {
            let at = start;
            start += line.len() + 1;
            (at, line)
        })
}

/// `findings` less those a suppression covers: of a selected rule, with
/// the primary span inside its target. Targets are constructs of the file,
/// so they nest and never cross: a sweep keeps those around each finding
/// on a stack.
pub(crate) fn apply(findings: Vec<Diagnostic>, suppressions: &[Suppression]) -> Vec<Diagnostic> {
    if suppressions.is_empty() {
        return findings;
    }
    let mut by_start: Vec<&Suppression> = suppressions.iter().collect();
    by_start.sort_by_key(|s| (s.target.start(), std::cmp::Reverse(s.target.end())));
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].span().start());
    let mut keep = vec![true; findings.len()];
    let mut around: Vec<&Suppression> = Vec::new();
    let mut next = 0;
    for i in order {
        let span = findings[i].span();
        while next < by_start.len() && by_start[next].target.start() <= span.start() {
            let s = by_start[next];
            while around
                .last()
                .is_some_and(|top| top.target.end() < s.target.start())
            {
                around.pop();
            }
            around.push(s);
            next += 1;
        }
        while around
            .last()
            .is_some_and(|top| top.target.end() < span.start())
        {
            around.pop();
        }
        keep[i] = !around.iter().any(|s| {
            span.end() <= s.target.end()
                && s.selectors
                    .iter()
                    .any(|sel| crate::lint::selector_matches(sel, findings[i].code()))
        });
    }
    findings
        .into_iter()
        .zip(keep)
        .filter_map(|(d, keep)| keep.then_some(d))
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
        let found = hcl(source, 0..source.len(), &constructs, &[]);
        assert_eq!(
            found,
            [Suppression {
                selectors: vec!["a".to_string()],
                target: Span::new(name, name + 10)
            }]
        );
    }

    #[test]
    fn only_the_comments_on_the_lines_asked_for_are_read() {
        let source = "# ztlint-ignore: a\nx = 1\n# ztlint-ignore: b\ny = 2\n# ztlint-ignore: c\n";
        let x = Span::new(
            source.find("x = 1").unwrap(),
            source.find("x = 1").unwrap() + 5,
        );
        let y = Span::new(
            source.find("y = 2").unwrap(),
            source.find("y = 2").unwrap() + 5,
        );
        let from_x = source.find("x = 1").unwrap();
        // From the line after `x`'s to the end of `y`: `b`'s comment only.
        let found = hcl(source, from_x + 6..y.end(), &[x, y], &[]);
        assert_eq!(
            found,
            [Suppression {
                selectors: vec!["b".to_string()],
                target: y
            }]
        );
        // A range with no marker in it finds nothing, even with one after.
        assert!(hcl(source, from_x..from_x + 6, &[x, y], &[]).is_empty());
    }

    #[test]
    fn a_comment_like_line_inside_a_string_is_text() {
        let source = "a = <<EOT\n# ztlint-ignore: all\nb\nEOT\n";
        let b = source.find("b\n").unwrap();
        assert!(hcl(
            source,
            0..source.len(),
            &[Span::new(b, b + 1)],
            &[Span::new(4, source.len() - 1)]
        )
        .is_empty());
    }

    #[test]
    fn nested_targets_cover_what_is_inside_them_only() {
        use crate::Severity;
        let at =
            |start, end, code| Diagnostic::new(code, Severity::Warning, "m", Span::new(start, end));
        let suppressions = [
            Suppression {
                selectors: vec!["a".to_string()],
                target: Span::new(0, 100),
            },
            Suppression {
                selectors: vec!["b".to_string()],
                target: Span::new(10, 20),
            },
            Suppression {
                selectors: vec!["b".to_string()],
                target: Span::new(30, 40),
            },
        ];
        let findings = vec![
            at(15, 16, "b"),
            at(25, 26, "b"),
            at(35, 36, "b"),
            at(50, 60, "a"),
            at(95, 105, "a"),
            at(120, 121, "a"),
        ];
        let kept: Vec<(usize, &str)> = apply(findings, &suppressions)
            .iter()
            .map(|d| (d.span().start(), d.code()))
            .collect();
        assert_eq!(kept, [(25, "b"), (95, "a"), (120, "a")]);
    }
}
