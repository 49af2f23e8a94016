//! Helpers the value rules share: field lookups, string-literal edits,
//! spans inside string tokens, and hostname validation.

mod fields;
mod hostname;

pub(crate) use fields::{
    char_spans, dotted, json_string, replace_string, replacement_fix, replacement_texts,
    set_str_at, shown, str_at, value_at, StrField,
};
pub(crate) use hostname::{bare_host, check_hostname, punycode};

/// The findings of the one rule `code` for `source`, so that a rule's tests
/// do not depend on what other rules say about the same payload.
#[cfg(test)]
pub(crate) fn only(code: &str, source: &str) -> Vec<crate::Diagnostic> {
    crate::Linter::new()
        .select(code)
        .map(|linter| linter.lint(source))
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.code() == code)
        .collect()
}

/// `source` with every fix of `diagnostics` up to `allowed` applied.
#[cfg(test)]
pub(crate) fn fixed(
    source: &str,
    diagnostics: &[crate::Diagnostic],
    allowed: crate::Applicability,
) -> String {
    crate::apply_fixes(source, diagnostics, allowed).0
}
