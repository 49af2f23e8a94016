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
    let mut fixes = Fixes::new(allowed);
    for diagnostic in diagnostics {
        fixes.add(diagnostic);
    }
    fixes.apply(source)
}

/// The fixes of many findings, kept in a few dozen bytes each, to apply
/// together as [`apply_fixes`] does.
///
/// A caller that is handed findings one at a time, by
/// [`Linter::lint_each`](crate::Linter::lint_each), need not hold them to
/// fix the text: a large file may have hundreds of thousands, each a few
/// hundred bytes with its message and help. Only the edits of each
/// finding's first fix are kept, when `allowed` permits it, and
/// [`Fixes::apply`] makes the text `apply_fixes` makes of the same findings.
///
/// ```
/// use ztlint::{apply_fixes, Applicability, Fixes, Linter};
///
/// let source = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;
/// let mut fixes = Fixes::new(Applicability::Safe);
/// Linter::new().lint_each(source, &mut |d| fixes.add(&d));
/// assert_eq!(fixes.len(), 2);
///
/// let (fixed, applied) = fixes.apply(source);
/// assert_eq!(fixed, r#"{"session_duration": "24h", "is_ui_read_only": false}"#);
/// assert_eq!(
///     (fixed, applied),
///     apply_fixes(source, &ztlint::lint(source), Applicability::Safe)
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Fixes {
    allowed: Applicability,
    /// The index in `edits` of each fix's first edit; a fix's edits end
    /// where the next fix's begin.
    firsts: Vec<usize>,
    edits: Vec<KeptEdit>,
    /// The replacements of every edit, one after another.
    replacements: String,
}

/// An edit of [`Fixes`]: its span, and where its replacement is in
/// `Fixes::replacements`.
#[derive(Clone, Copy, Debug)]
struct KeptEdit {
    span: Span,
    replacement: (usize, usize),
}

impl Fixes {
    /// No fixes yet; [`Fixes::add`] keeps those whose applicability is at
    /// most `allowed`.
    ///
    /// ```
    /// use ztlint::{Applicability, Fixes};
    ///
    /// assert!(Fixes::new(Applicability::Unsafe).is_empty());
    /// ```
    pub fn new(allowed: Applicability) -> Fixes {
        Fixes {
            allowed,
            firsts: Vec::new(),
            edits: Vec::new(),
            replacements: String::new(),
        }
    }

    /// Keeps the edits of the first fix of `diagnostic`, if it has one that
    /// edits something and is allowed; as [`apply_fixes`], no other.
    ///
    /// ```
    /// use ztlint::{Applicability, Fixes};
    ///
    /// // A misspelt field's rename needs review; a duplicate key's removal is safe.
    /// let diagnostics = ztlint::lint(r#"{"nmae": "A", "name": "B", "name": "C"}"#);
    /// let mut fixes = Fixes::new(Applicability::Safe);
    /// for d in &diagnostics {
    ///     fixes.add(d);
    /// }
    /// assert_eq!((diagnostics.len(), fixes.len()), (2, 1));
    /// ```
    pub fn add(&mut self, diagnostic: &Diagnostic) {
        let Some(fix) = diagnostic.fixes().first() else {
            return;
        };
        if fix.applicability() > self.allowed || fix.edits().is_empty() {
            return;
        }
        self.firsts.push(self.edits.len());
        for edit in fix.edits() {
            let at = self.replacements.len();
            self.replacements.push_str(edit.replacement());
            self.edits.push(KeptEdit {
                span: edit.span(),
                replacement: (at, self.replacements.len()),
            });
        }
    }

    /// How many fixes are kept.
    ///
    /// ```
    /// use ztlint::{Applicability, Fixes};
    ///
    /// let mut fixes = Fixes::new(Applicability::Safe);
    /// ztlint::Linter::new().lint_each(r#"{"session_duration": "1d"}"#, &mut |d| fixes.add(&d));
    /// assert_eq!(fixes.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.firsts.len()
    }

    /// Whether no fix is kept.
    ///
    /// ```
    /// use ztlint::{Applicability, Fixes};
    ///
    /// let mut fixes = Fixes::new(Applicability::Safe);
    /// ztlint::Linter::new().lint_each(r#"{"name": "Widget Corps"}"#, &mut |d| fixes.add(&d));
    /// assert!(fixes.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.firsts.is_empty()
    }

    /// Applies the fixes to `source`, as [`apply_fixes`] applies the
    /// findings they were kept from: the new text and how many applied.
    ///
    /// ```
    /// use ztlint::{Applicability, Fixes};
    ///
    /// let source = r#"{"name": "A", "name": "B"}"#;
    /// let mut fixes = Fixes::new(Applicability::Safe);
    /// ztlint::Linter::new().lint_each(source, &mut |d| fixes.add(&d));
    /// assert_eq!(fixes.apply(source), (r#"{"name": "B"}"#.to_string(), 1));
    /// ```
    pub fn apply(&self, source: &str) -> (String, usize) {
        let edits_of = |fix: usize| {
            let end = self
                .firsts
                .get(fix + 1)
                .copied()
                .unwrap_or(self.edits.len());
            &self.edits[self.firsts[fix]..end]
        };
        // Taken in source order, the order of the first span each edits;
        // the sort is stable, so fixes that start alike keep their order.
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&fix| edits_of(fix).iter().map(|e| e.span).min());

        let mut taken: Vec<KeptEdit> = Vec::new();
        let mut spans = Taken::default();
        let mut applied = 0;
        for fix in order {
            let edits = edits_of(fix);
            let fits = edits.iter().enumerate().all(|(i, e)| {
                let s = e.span;
                s.end() <= source.len()
                    && source.is_char_boundary(s.start())
                    && source.is_char_boundary(s.end())
                    && !spans.conflicts(s)
                    && edits[..i].iter().all(|t| !conflicts(t.span, s))
            });
            if fits {
                for edit in edits {
                    spans.take(edit.span);
                }
                taken.extend(edits);
                applied += 1;
            }
        }
        drop(spans);
        taken.sort_by_key(|e| (e.span.start(), e.span.end()));

        // The exact length: a large text is not grown by doubling.
        let len = taken.iter().fold(source.len(), |len, edit| {
            let (from, to) = edit.replacement;
            len - edit.span.len() + (to - from)
        });
        let mut out = String::with_capacity(len);
        let mut cursor = 0;
        for edit in taken {
            let (from, to) = edit.replacement;
            out.push_str(&source[cursor..edit.span.start()]);
            out.push_str(&self.replacements[from..to]);
            cursor = edit.span.end();
        }
        out.push_str(&source[cursor..]);
        (out, applied)
    }
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
