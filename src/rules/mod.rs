//! The ruleset: every check ztlint runs, with its stable code, default
//! severity, summary and explanation.
//!
//! Rules are grouped by area, one folder each. A rule's explanation lives in
//! a Markdown file next to its code, with a `## Example` of a payload that
//! breaks it and a `## Use instead` that does not; a test lints both.
//!
//! ```
//! let rule = ztlint::rules::find("json-syntax").unwrap();
//! assert_eq!(rule.default_severity(), ztlint::Severity::Error);
//! assert!(ztlint::rules::all().any(|r| r.code() == "json-syntax"));
//! ```

use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::json::Value;
use crate::lint::Profile;
use crate::schema::Schema;
use crate::span::Span;

pub(crate) mod colors;
pub(crate) mod durations;
pub(crate) mod identifiers;
pub(crate) mod logo;
pub(crate) mod organization;
pub(crate) mod structure;
mod support;
pub(crate) mod syntax;
pub(crate) mod toggle;
pub(crate) mod warp;

/// One rule: a stable code, a default severity, a summary and a long
/// explanation.
pub struct Rule {
    code: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
}

impl Rule {
    pub(crate) const fn new(
        code: &'static str,
        severity: Severity,
        summary: &'static str,
        explanation: &'static str,
    ) -> Rule {
        Rule {
            code,
            severity,
            summary,
            explanation,
        }
    }

    /// The stable kebab-case code, e.g. `duration-syntax`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The severity of the rule's findings unless configured otherwise. A
    /// few rules report some findings one level lower, where Cloudflare's
    /// behaviour is less certain; their explanations say when.
    pub fn default_severity(&self) -> Severity {
        self.severity
    }

    /// What the rule checks, in one line.
    pub fn summary(&self) -> &'static str {
        self.summary
    }

    /// The long explanation in Markdown: what the rule does, why, an
    /// `## Example` that breaks it and a `## Use instead` that does not.
    pub fn explanation(&self) -> &'static str {
        self.explanation
    }

    /// A finding of this rule at its default severity.
    pub(crate) fn at(
        &'static self,
        span: Span,
        message: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Diagnostic {
        Diagnostic::new(self.code, self.severity, message, span)
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("severity", &self.severity)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

/// The rules of every area, in the order `ztlint rules` lists them.
const AREAS: &[&[&Rule]] = &[
    syntax::RULES,
    structure::RULES,
    durations::RULES,
    colors::RULES,
    logo::RULES,
    identifiers::RULES,
    organization::RULES,
    toggle::RULES,
    warp::RULES,
];

/// Every rule, grouped by area.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    AREAS.iter().flat_map(|area| area.iter().copied())
}

/// The rule with `code`, if there is one.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.code == code)
}

/// What the checks of one run share: the source, the endpoint profile and
/// the findings so far.
pub(crate) struct Context<'s> {
    pub(crate) source: &'s str,
    pub(crate) profile: Profile,
    /// A custom schema for the structure rules, instead of the profile's
    /// built-in one.
    pub(crate) schema: Option<Schema>,
    /// `unknown-field`'s memo: the span of the last object it looked at, and
    /// which of the schema's property names that object has.
    pub(crate) present_known: Option<(Span, Vec<bool>)>,
    /// How many unknown fields got a "did you mean" search so far.
    pub(crate) suggested: usize,
    diagnostics: Vec<Diagnostic>,
}

impl<'s> Context<'s> {
    pub(crate) fn new(source: &'s str, profile: Profile) -> Context<'s> {
        Context {
            source,
            profile,
            schema: None,
            present_known: None,
            suggested: 0,
            diagnostics: Vec::new(),
        }
    }

    /// Checks against `schema` instead of the profile's built-in one.
    pub(crate) fn with_schema(mut self, schema: &Schema) -> Context<'s> {
        self.schema = Some(schema.clone());
        self
    }

    pub(crate) fn emit(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Runs every area's checks over a parsed document. Structure and schema
/// come first; the value rules then look only at values of the right type.
pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    structure::check(root, cx);
    durations::check(root, cx);
    colors::check(root, cx);
    logo::check(root, cx);
    identifiers::check(root, cx);
    organization::check(root, cx);
    toggle::check(root, cx);
    warp::check(root, cx);
}

#[cfg(test)]
mod tests;
