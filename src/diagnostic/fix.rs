//! Fixes: text edits over spans, and applying them to a source.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::span::Span;

use super::few::Few;
use super::Diagnostic;

/// Whether a fix may be applied without a human looking at it.
///
/// `Safe` is less than `Unsafe`, so [`apply_fixes`] with `Unsafe` applies
/// every fix.
///
/// ```
/// use ztlint::{apply_fixes, Applicability};
///
/// // A misspelt field: renaming it is probably right, but needs review.
/// let source = r#"{"nmae": "Widget Corps"}"#;
/// let diagnostics = ztlint::lint(source);
/// assert_eq!(diagnostics[0].fixes()[0].applicability(), Applicability::Unsafe);
///
/// assert_eq!(apply_fixes(source, &diagnostics, Applicability::Safe).1, 0);
/// let (fixed, applied) = apply_fixes(source, &diagnostics, Applicability::Unsafe);
/// assert_eq!((fixed.as_str(), applied), (r#"{"name": "Widget Corps"}"#, 1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// The fix keeps the author's intent exactly; `--fix` applies it.
    Safe,
    /// The fix is probably right but changes meaning; it needs review and is
    /// applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    /// `safe` or `unsafe`, as used in the JSON and SARIF outputs.
    ///
    /// ```
    /// use ztlint::Applicability;
    ///
    /// assert_eq!(Applicability::Safe.as_str(), "safe");
    /// assert_eq!(Applicability::Unsafe.as_str(), "unsafe");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` with `replacement`. An empty span inserts.
///
/// ```
/// let source = r#"{"session_duration": "1d"}"#;
/// let diagnostics = ztlint::lint(source);
/// let edit = &diagnostics[0].fixes()[0].edits()[0];
/// assert_eq!(edit.span().range(), 21..25);
/// assert_eq!(edit.replacement(), r#""24h""#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    span: Span,
    replacement: Cow<'static, str>,
}

impl Edit {
    /// Replaces `span` with `replacement`.
    ///
    /// ```
    /// use ztlint::{apply_fixes, Applicability, Diagnostic, Edit, Fix, Severity, Span};
    ///
    /// let source = r#"{"name": "Widget"}"#;
    /// let edit = Edit::replace(Span::new(9, 17), r#""Widget Corps""#);
    /// let d = Diagnostic::new("example-rule", Severity::Info, "a short name", Span::new(9, 17))
    ///     .with_fix(Fix::safe("Lengthen the name", [edit]));
    /// let (fixed, _) = apply_fixes(source, &[d], Applicability::Safe);
    /// assert_eq!(fixed, r#"{"name": "Widget Corps"}"#);
    /// ```
    pub fn replace(span: Span, replacement: impl Into<Cow<'static, str>>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    /// Deletes `span`.
    ///
    /// ```
    /// use ztlint::{Edit, Span};
    ///
    /// let edit = Edit::delete(Span::new(1, 14));
    /// assert_eq!((edit.span().range(), edit.replacement()), (1..14, ""));
    ///
    /// // The safe fix of a duplicate key is a deletion.
    /// let diagnostics = ztlint::lint(r#"{"name": "A", "name": "B"}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].edits(), [edit]);
    /// ```
    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }

    /// The span replaced.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"is_ui_read_only": "false"}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].edits()[0].span().range(), 20..27);
    /// ```
    pub fn span(&self) -> Span {
        self.span
    }

    /// The text that replaces the span.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"is_ui_read_only": "false"}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].edits()[0].replacement(), "false");
    /// ```
    pub fn replacement(&self) -> &str {
        &self.replacement
    }
}

/// A set of edits that together fix one diagnostic.
///
/// ```
/// use ztlint::Applicability;
///
/// let diagnostics = ztlint::lint(r#"{"login_design": {"text_color": "red"}}"#);
/// let fix = &diagnostics[0].fixes()[0];
/// assert_eq!(fix.message(), r##"Replace with `"#ff0000"`"##);
/// assert_eq!(fix.applicability(), Applicability::Safe);
/// assert_eq!(fix.edits()[0].replacement(), r##""#ff0000""##);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    message: Cow<'static, str>,
    applicability: Applicability,
    edits: Few<Edit>,
}

impl Fix {
    /// A fix that is safe to apply automatically.
    ///
    /// ```
    /// use ztlint::{Applicability, Edit, Fix, Span};
    ///
    /// let fix = Fix::safe("Remove the trailing comma", [Edit::delete(Span::new(17, 18))]);
    /// assert_eq!(fix.applicability(), Applicability::Safe);
    /// assert_eq!(fix.edits().len(), 1);
    /// ```
    pub fn safe(
        message: impl Into<Cow<'static, str>>,
        edits: impl IntoIterator<Item = Edit>,
    ) -> Fix {
        Fix {
            message: message.into(),
            applicability: Applicability::Safe,
            edits: edits.into_iter().collect(),
        }
    }

    /// A fix that needs review before it is applied.
    ///
    /// ```
    /// use ztlint::{apply_fixes, Applicability, Diagnostic, Edit, Fix, Severity, Span};
    ///
    /// let source = r#"{"name": "Widget"}"#;
    /// let fix = Fix::needs_review("Rename", [Edit::replace(Span::new(9, 17), r#""Gadget""#)]);
    /// assert_eq!(fix.applicability(), Applicability::Unsafe);
    /// let d = Diagnostic::new("example-rule", Severity::Info, "renamed", Span::new(9, 17))
    ///     .with_fix(fix);
    /// assert_eq!(apply_fixes(source, &[d.clone()], Applicability::Safe).0, source);
    /// assert_eq!(apply_fixes(source, &[d], Applicability::Unsafe).0, r#"{"name": "Gadget"}"#);
    /// ```
    pub fn needs_review(
        message: impl Into<Cow<'static, str>>,
        edits: impl IntoIterator<Item = Edit>,
    ) -> Fix {
        Fix {
            message: message.into(),
            applicability: Applicability::Unsafe,
            edits: edits.into_iter().collect(),
        }
    }

    /// What the fix does, e.g. "Replace with `\"24h\"`".
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": null}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].message(), "Remove `name`");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the fix is safe.
    ///
    /// ```
    /// use ztlint::Applicability;
    ///
    /// let diagnostics = ztlint::lint(r#"{"name": null}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].applicability(), Applicability::Unsafe);
    /// ```
    pub fn applicability(&self) -> Applicability {
        self.applicability
    }

    /// The edits, in source order.
    ///
    /// ```
    /// use ztlint::{Edit, Span};
    ///
    /// let diagnostics = ztlint::lint(r#"{"name": null}"#);
    /// assert_eq!(diagnostics[0].fixes()[0].edits(), [Edit::delete(Span::new(1, 13))]);
    /// ```
    pub fn edits(&self) -> &[Edit] {
        self.edits.as_slice()
    }
}

/// Applies the fixes of `diagnostics` whose applicability is at most
/// `allowed` (so `Unsafe` applies every fix) to `source`.
///
/// Returns the new text and the number of fixes applied. Only the bytes of
/// the edited spans change. Fixes are taken in source order; a fix whose
/// edits overlap an edit already taken, or that would split a character, is
/// skipped whole, so the result is always well-formed text. Re-lint and apply
/// again to pick up skipped fixes.
///
/// ```
/// use ztlint::{apply_fixes, Applicability};
///
/// let source = r#"{"is_ui_read_only": "false"}"#;
/// let diagnostics = ztlint::lint(source);
/// let (fixed, applied) = apply_fixes(source, &diagnostics, Applicability::Safe);
/// assert_eq!(fixed, r#"{"is_ui_read_only": false}"#);
/// assert_eq!(applied, 1);
/// ```
pub fn apply_fixes(
    source: &str,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> (String, usize) {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .flat_map(|d| d.fixes().first())
        .filter(|f| f.applicability() <= allowed && !f.edits().is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits().iter().map(|e| e.span()).min());

    let mut taken: Vec<&Edit> = Vec::new();
    let mut spans = Taken::default();
    let mut applied = 0;
    for fix in fixes {
        let edits = fix.edits();
        let fits = edits.iter().enumerate().all(|(i, e)| {
            let s = e.span();
            s.end() <= source.len()
                && source.is_char_boundary(s.start())
                && source.is_char_boundary(s.end())
                && !spans.conflicts(s)
                && edits[..i].iter().all(|t| !conflicts(t.span(), s))
        });
        if fits {
            for edit in edits {
                spans.take(edit.span());
            }
            taken.extend(edits);
            applied += 1;
        }
    }
    taken.sort_by_key(|e| (e.span().start(), e.span().end()));

    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    for edit in taken {
        out.push_str(&source[cursor..edit.span().start()]);
        out.push_str(edit.replacement());
        cursor = edit.span().end();
    }
    out.push_str(&source[cursor..]);
    (out, applied)
}

/// The spans of the edits taken so far, ordered, so that a conflict is
/// found in logarithmic time: a file may have a fix for each of hundreds
/// of thousands of findings. Taken spans never conflict, so those that
/// replace bytes do not overlap, and one start holds one such span.
#[derive(Default)]
struct Taken {
    /// Start to end of each span that replaces bytes.
    replacing: BTreeMap<usize, usize>,
    /// The offset of each insertion.
    inserting: BTreeSet<usize>,
}

impl Taken {
    /// Whether `s` conflicts with a span taken, as [`conflicts`] says.
    fn conflicts(&self, s: Span) -> bool {
        // The replacing span that starts last before `s` (or at its start,
        // for an insertion there does not conflict) is the only one before
        // it that can reach into it.
        let reaches_in = |at: usize| {
            self.replacing
                .range(..at)
                .next_back()
                .is_some_and(|(_, &end)| end > at)
        };
        if s.is_empty() {
            return self.inserting.contains(&s.start()) || reaches_in(s.start());
        }
        // A replacing span that starts in `s`, or an insertion strictly
        // inside it.
        self.replacing.range(s.start()..s.end()).next().is_some()
            || self
                .inserting
                .range(s.start() + 1..s.end())
                .next()
                .is_some()
            || reaches_in(s.start())
    }

    fn take(&mut self, s: Span) {
        if s.is_empty() {
            self.inserting.insert(s.start());
        } else {
            self.replacing.insert(s.start(), s.end());
        }
    }
}

/// Two edits conflict when they share a byte, when one inserts strictly
/// inside the other's span, or when both insert at the same offset (their
/// order would be ambiguous).
fn conflicts(a: Span, b: Span) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => a.start() < b.end() && b.start() < a.end(),
        (true, true) => a.start() == b.start(),
        (true, false) => b.start() < a.start() && a.start() < b.end(),
        (false, true) => a.start() < b.start() && b.start() < a.end(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes each of `spans` in turn that conflicts with none taken, as the
    /// ordered `Taken` finds it and as a comparison with each taken span
    /// does: the same spans are taken.
    #[test]
    fn the_ordered_spans_find_the_conflicts_a_comparison_with_each_finds() {
        let spans: Vec<Span> = (0..=5)
            .flat_map(|start| (start..=5).map(move |end| Span::new(start, end)))
            .collect();
        let mut sequences = 0;
        for a in &spans {
            for b in &spans {
                for c in &spans {
                    for d in &spans {
                        let (mut ordered, mut each) = (Taken::default(), Vec::<Span>::new());
                        for &s in [a, b, c, d] {
                            let conflicts_each = each.iter().any(|&t| conflicts(t, s));
                            assert_eq!(ordered.conflicts(s), conflicts_each, "{each:?} then {s:?}");
                            if !conflicts_each {
                                ordered.take(s);
                                each.push(s);
                            }
                        }
                        sequences += 1;
                    }
                }
            }
        }
        assert_eq!(sequences, 21 * 21 * 21 * 21);
    }

    #[test]
    fn a_hundred_thousand_fixes_are_applied_in_order() {
        // One fix per finding, each `1d` to `24h`, and of every tenth a
        // second that overlaps it, `1` to `x`: that one comes first in
        // source order (its span ends first), and the other is skipped.
        let source = "\"1d\",".repeat(100_000);
        let diagnostics: Vec<Diagnostic> = (0..100_000)
            .flat_map(|i| {
                let at = i * 5 + 1;
                let fix = |to: &'static str, end| {
                    Diagnostic::new("d", crate::Severity::Error, "m", Span::new(at, at + 2))
                        .with_fix(Fix::safe("f", vec![Edit::replace(Span::new(at, end), to)]))
                };
                let overlapping = (i % 10 == 0).then(|| fix("x", at + 1));
                std::iter::once(fix("24h", at + 2)).chain(overlapping)
            })
            .collect();
        let (fixed, applied) = apply_fixes(&source, &diagnostics, Applicability::Safe);
        let expected: String = (0..100_000)
            .map(|i| if i % 10 == 0 { "\"xd\"," } else { "\"24h\"," })
            .collect();
        assert_eq!((fixed, applied), (expected, 100_000));
    }
}
