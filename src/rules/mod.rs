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
use crate::profile::Profile;
use crate::schema::Schema;
use crate::span::Span;

pub(crate) mod colors;
pub(crate) mod durations;
pub(crate) mod identifiers;
pub(crate) mod lifecycle;
pub(crate) mod logo;
pub(crate) mod mfa;
pub(crate) mod organization;
pub(crate) mod structure;
mod support;
pub(crate) mod syntax;
pub(crate) mod terraform;
pub(crate) mod toggle;
pub(crate) mod warp;

/// One rule: a stable code, a default severity, a summary and a long
/// explanation.
///
/// ```
/// use ztlint::Severity;
///
/// let source = r#"{"login_design": {"text_color": "red"}}"#;
/// let diagnostics = ztlint::lint(source);
/// let rule = ztlint::rules::find(diagnostics[0].code()).unwrap();
/// assert_eq!(rule.code(), "color-not-hex");
/// assert_eq!(rule.default_severity(), Severity::Warning);
/// assert_eq!(rule.summary(), "A login page color is a CSS color but not a hex color");
/// ```
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
    ///
    /// ```
    /// let first = ztlint::rules::all().next().unwrap();
    /// assert_eq!(first.code(), "json-syntax");
    /// ```
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The severity of the rule's findings unless configured otherwise. A
    /// few rules report some findings one level lower, where Cloudflare's
    /// behaviour is less certain; their explanations say when.
    ///
    /// ```
    /// use ztlint::Severity;
    ///
    /// let rule = ztlint::rules::find("null-value").unwrap();
    /// assert_eq!(rule.default_severity(), Severity::Info);
    /// assert_eq!(ztlint::lint(r#"{"name": null}"#)[0].severity(), Severity::Info);
    /// ```
    pub fn default_severity(&self) -> Severity {
        self.severity
    }

    /// What the rule checks, in one line.
    ///
    /// ```
    /// let rule = ztlint::rules::find("duplicate-key").unwrap();
    /// assert_eq!(rule.summary(), "An object has the same key twice");
    /// ```
    pub fn summary(&self) -> &'static str {
        self.summary
    }

    /// The long explanation in Markdown: what the rule does, why, an
    /// `## Example` that breaks it and a `## Use instead` that does not.
    ///
    /// ```
    /// let text = ztlint::rules::find("json-syntax").unwrap().explanation();
    /// assert!(text.starts_with("## What it does\n"));
    /// assert!(text.contains("\n## Example\n"));
    /// assert!(text.contains("\n## Use instead\n"));
    /// ```
    pub fn explanation(&self) -> &'static str {
        self.explanation
    }

    /// Whether the rule says the input could not be read as it is: not
    /// valid JSON or HCL, or not UTF-8. Such a rule runs whatever the
    /// selection, its findings keep their severity, and `ztlint check
    /// --fix` leaves a text with one of them as it is.
    ///
    /// ```
    /// let syntax = ztlint::rules::find("terraform-syntax").unwrap();
    /// assert!(syntax.always_runs());
    /// let linter = ztlint::Linter::new().select("duration-syntax").unwrap();
    /// let codes: Vec<_> = linter
    ///     .lint(r#"{"session_duration": "1d",}"#)
    ///     .iter()
    ///     .map(|d| d.code())
    ///     .collect();
    /// assert_eq!(codes, ["json-syntax"]);
    /// // A byte order mark is read past, and has a fix.
    /// assert!(!ztlint::rules::find("byte-order-mark").unwrap().always_runs());
    /// ```
    pub fn always_runs(&self) -> bool {
        always_runs(self.code)
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

/// One area of the ruleset, all in the same shape: its rules, and the one
/// check that runs them over a parsed document. Each rule lives in a file
/// of the area's folder with its `Rule`, its explanation and its tests; the
/// area's check looks each field up once and hands it to its rules, which
/// report through [`Context::emit`] and ask [`Context::enabled`] before
/// leaving a value to another rule.
struct Area {
    rules: &'static [&'static Rule],
    /// `None` for the syntax rules, which the parser reports, and the
    /// Terraform rules, which [`crate::terraform`] reports.
    check: Option<fn(&Value<'_>, &mut Context<'_>)>,
}

/// Every area, in the order `ztlint rules` lists them and the run checks
/// them: structure first, so that the value rules see values of the right
/// type.
const AREAS: &[Area] = &[
    Area {
        rules: syntax::RULES,
        check: None,
    },
    Area {
        rules: structure::RULES,
        check: Some(structure::check),
    },
    Area {
        rules: lifecycle::RULES,
        check: Some(lifecycle::check),
    },
    Area {
        rules: durations::RULES,
        check: Some(durations::check),
    },
    Area {
        rules: colors::RULES,
        check: Some(colors::check),
    },
    Area {
        rules: logo::RULES,
        check: Some(logo::check),
    },
    Area {
        rules: identifiers::RULES,
        check: Some(identifiers::check),
    },
    Area {
        rules: organization::RULES,
        check: Some(organization::check),
    },
    Area {
        rules: toggle::RULES,
        check: Some(toggle::check),
    },
    Area {
        rules: warp::RULES,
        check: Some(warp::check),
    },
    Area {
        rules: mfa::RULES,
        check: Some(mfa::check),
    },
    Area {
        rules: terraform::RULES,
        check: None,
    },
];

/// Every rule, grouped by area.
///
/// ```
/// let codes: Vec<_> = ztlint::rules::all().map(|r| r.code()).collect();
/// // The syntax rules come first.
/// assert_eq!(codes[..4], ["json-syntax", "invalid-utf8", "byte-order-mark", "wide-encoding"]);
/// assert!(codes.contains(&"duration-syntax"));
/// ```
pub fn all() -> impl Iterator<Item = &'static Rule> {
    AREAS.iter().flat_map(|area| area.rules.iter().copied())
}

/// The rule with `code`, if there is one.
///
/// ```
/// let rule = ztlint::rules::find("duration-syntax").unwrap();
/// assert_eq!(
///     rule.summary(),
///     "A duration is not in the format Go's time.ParseDuration accepts"
/// );
/// // A selector prefix is no code.
/// assert!(ztlint::rules::find("duration").is_none());
/// ```
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.code == code)
}

/// The rules that say the input could not be read as it is; see
/// [`Rule::always_runs`].
const ALWAYS_RUN: [&Rule; 4] = [
    &syntax::JSON_SYNTAX,
    &syntax::INVALID_UTF8,
    &syntax::WIDE_ENCODING,
    &terraform::TERRAFORM_SYNTAX,
];

/// Whether the rule with `code` always runs; see [`Rule::always_runs`].
pub(crate) fn always_runs(code: &str) -> bool {
    ALWAYS_RUN.iter().any(|rule| rule.code == code)
}

/// What the checks of one run share: the source, the endpoint profile and
/// the findings so far.
pub(crate) struct Context<'s> {
    pub(crate) source: &'s str,
    pub(crate) profile: Profile,
    /// A custom schema for the structure rules, instead of the profile's
    /// built-in one.
    pub(crate) schema: Option<Schema>,
    /// The codes of the rules this run does not report, known before any
    /// rule runs: a rule stands aside for another only if that one reports.
    disabled: Vec<&'static str>,
    /// `unknown-field`'s memo: the span of the last object it looked at, and
    /// which of the schema's property names that object has.
    pub(crate) present_known: Option<(Span, Vec<bool>)>,
    /// How many unknown fields got a "did you mean" search so far.
    pub(crate) suggested: usize,
    /// When set, the offset of each key that got such a search, in order:
    /// a body linted in windows counts those of each window.
    pub(crate) suggest_log: Option<Vec<usize>>,
    /// The arrays that hold some of their elements only, each by the
    /// offset it starts at, with the indices (in the whole document) of the
    /// elements it holds, which paths name: a large body is linted a window
    /// of elements at a time.
    pub(crate) items_from: Vec<(usize, Vec<usize>)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'s> Context<'s> {
    pub(crate) fn new(source: &'s str, profile: Profile) -> Context<'s> {
        Context {
            source,
            profile,
            schema: None,
            disabled: Vec::new(),
            present_known: None,
            suggested: 0,
            suggest_log: None,
            items_from: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Turns off the rules whose codes `disabled` says.
    pub(crate) fn with_disabled(mut self, disabled: Vec<&'static str>) -> Context<'s> {
        self.disabled = disabled;
        self
    }

    /// Whether `rule`'s findings are reported in this run. A rule that
    /// leaves a value to another rule asks this first, so that turning the
    /// other rule off never hides the value.
    pub(crate) fn enabled(&self, rule: &Rule) -> bool {
        !self.disabled.contains(&rule.code)
    }

    /// Checks against `schema` instead of the profile's built-in one.
    pub(crate) fn with_schema(mut self, schema: &Schema) -> Context<'s> {
        self.schema = Some(schema.clone());
        self
    }

    /// Records a finding, unless its rule is off in this run.
    pub(crate) fn emit(&mut self, diagnostic: Diagnostic) {
        if !self.disabled.contains(&diagnostic.code()) {
            self.diagnostics.push(diagnostic);
        }
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Whether any rule reads the value of the top-level member `key`, with the
/// built-in schema: those of the field table's fields (current, renamed,
/// removed and read-only) and of a response envelope's keys. The others
/// are reported by their key alone, so [`crate::Linter`] need not keep
/// their values. The test `pruned_trees_lint_alike` holds every rule to it.
pub(crate) fn reads_value_of(key: &str) -> bool {
    crate::fields::find(&[key]).is_some() || structure::is_envelope_key(key)
}

/// [`reads_value_of`] as the parser asks it, of a member anywhere: below
/// the top level, the values of the field table's fields, and everything
/// inside a response envelope's members (`result` is a body). The values
/// of other keys are reported by their key alone.
pub(crate) fn reads_value_of_member(path: &[std::borrow::Cow<'_, str>], key: &str) -> bool {
    match path.first() {
        None => reads_value_of(key),
        Some(top) if structure::is_envelope_key(top) => true,
        Some(_) => field_at(path, key).is_some(),
    }
}

/// The field table's entry for the member `key` of the object at `path`.
pub(crate) fn field_at(
    path: &[std::borrow::Cow<'_, str>],
    key: &str,
) -> Option<&'static crate::fields::Field> {
    crate::fields::find_member(path, key)
}

/// Runs every area's checks over a parsed document. Structure and schema
/// come first; the value rules then look only at values of the right type.
pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    for area in AREAS {
        let Some(check) = area.check else {
            continue;
        };
        // An area none of whose rules reports is not run at all.
        if area.rules.iter().any(|rule| cx.enabled(rule)) {
            check(root, cx);
        }
    }
}

#[cfg(test)]
mod tests;
