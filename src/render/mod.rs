//! Output formats: every way ztlint prints its findings.
//!
//! Data flows one way: the bytes are parsed into spans, the rules turn spans
//! into [`Diagnostic`]s, and a renderer turns a list of [`FileReport`]s (a
//! file's name, its text and its findings) into a `String`. Renderers never
//! fail and never panic: a span that lies past the end of its source, or
//! inside a character, is clamped into the source first.
//!
//! The machine formats also write to any [`std::io::Write`] as they go
//! ([`write_concise`], [`write_json`], [`write_sarif`], [`write_github`]),
//! so that a report of millions of findings is never held in memory whole;
//! these fail only when the writer does.
//!
//! | Function    | Format                                                         |
//! |-------------|----------------------------------------------------------------|
//! | [`concise`] | one `file:line:col: severity[code] message` line per finding   |
//! | [`json`]    | one JSON document, [described below](#json)                    |
//! | [`sarif`]   | [SARIF 2.1.0](https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), for GitHub code scanning and other SARIF viewers |
//! | [`github`]  | GitHub Actions workflow commands (`::error file=…::message`)   |
//! | `human`     | miette's graphical report with the source underlined (feature `cli`) |
//! | [`summary`] | the closing line, e.g. `3 errors, 1 warning in 2 files`        |
//!
//! # Positions
//!
//! Lines and columns are 1-based. Columns count Unicode scalar values (so
//! `é` is one column and so is `🙂`), like [`LineIndex`](crate::LineIndex),
//! with one exception: a byte order mark at the start of a file takes no
//! column, because editors do not show it and SARIF requires text positions
//! not to depend on it. A line ends at `\n`; in a CRLF file the `\r` is the
//! last character of its line. End positions are exclusive: `end_column` is
//! the column just after the last character, so an empty span (an insertion
//! point) has `column == end_column`. Byte offsets (`offset`, `length`) are
//! into the text as given, byte order mark included.
//!
//! # JSON
//!
//! [`json`] prints one document (pretty-printed, then a newline). Its shape
//! is stable within a `version`; fields are always present, in this order:
//!
//! ```json
//! {
//!   "version": 1,
//!   "diagnostics": [
//!     {
//!       "file": "org.json",
//!       "code": "duration-syntax",
//!       "severity": "error",
//!       "message": "`session_duration` is `1d`, which Go's time.ParseDuration rejects: unknown unit \"d\"",
//!       "offset": 21,
//!       "length": 4,
//!       "line": 1,
//!       "column": 22,
//!       "end_line": 1,
//!       "end_column": 26,
//!       "label": "unknown unit",
//!       "help": "use hours: `\"24h\"`",
//!       "labels": [],
//!       "fixes": [
//!         {
//!           "message": "Replace with `\"24h\"`",
//!           "applicability": "safe",
//!           "edits": [
//!             {
//!               "offset": 21, "length": 4,
//!               "line": 1, "column": 22, "end_line": 1, "end_column": 26,
//!               "replacement": "\"24h\""
//!             }
//!           ]
//!         }
//!       ]
//!     }
//!   ],
//!   "summary": { "errors": 1, "warnings": 0, "infos": 0, "files": 1 }
//! }
//! ```
//!
//! - `diagnostics`: every finding of every file, files in the order given,
//!   findings in the order given (the linter sorts them by position).
//! - `file`: the file's display name, as given. `code`: the rule code (see
//!   `ztlint rules`). `severity`: `"error"`, `"warning"` or `"info"`.
//! - `offset`, `length`: the primary span in bytes. `line`, `column`,
//!   `end_line`, `end_column`: its positions, as described above.
//! - `label`: the text under the primary span, or `null`. `help`: what to
//!   do, or `null`.
//! - `labels`: secondary spans (e.g. where a duplicate key was first seen),
//!   each with `file`, `offset`, `length`, `line`, `column`, `end_line`,
//!   `end_column` and `message` (a string or `null`). `file` is the
//!   finding's own file, or another: a Terraform finding on a value that a
//!   variable file sets labels it there, at positions in that file.
//! - `fixes`: each with a `message`, an `applicability` (`"safe"`: applied by
//!   `--fix`; `"unsafe"`: needs review) and its `edits`. An edit replaces the
//!   bytes `offset..offset + length` with `replacement`; an empty span
//!   inserts. The edits of one fix never overlap.
//! - `summary`: the number of findings per severity, and the number of files
//!   linted (with or without findings).
//!
//! # SARIF
//!
//! [`sarif`] prints one SARIF 2.1.0 log with one run. Its `tool.driver.rules`
//! lists every rule ztlint has, with its summary, explanation and default
//! level, whether or not it fired. Results carry `ruleId` and `ruleIndex`,
//! the primary location (file as a relative URI under `%SRCROOT%`, or a
//! `file://` URI for absolute paths), secondary labels as
//! `relatedLocations`, fixes as SARIF `fixes`, and a stable
//! `partialFingerprints["ztlint/v1"]`: a hash of the rule code, the file,
//! the text of the primary span and how many times that same text was
//! flagged by that rule earlier in the file, so an alert keeps its identity
//! when lines are added above it. GitHub's own `primaryLocationLineHash` is
//! left for GitHub to compute. Columns are `unicodeCodePoints`; `charOffset`
//! and `charLength` count code points too. At most 25,000 results are
//! written (GitHub's limit per run), the most severe first; a tool
//! notification says how many were left out.

mod concise;
mod github;
#[cfg(feature = "cli")]
mod human;
mod json;
mod locate;
mod sarif;
#[cfg(feature = "cli")]
mod snippet;
mod summary;

pub use concise::{concise, write_concise};
pub use github::{github, write_github};
#[cfg(feature = "cli")]
pub use human::{human, HumanStyle};
pub use json::{json, write_json};
pub use sarif::{sarif, write_sarif};
pub use summary::summary;

use crate::diagnostic::Diagnostic;

/// One linted file: its display name, its text, its findings.
///
/// The spans of `diagnostics` index `source`. Renderers take a slice of
/// reports so that one output can cover many files.
///
/// ```
/// use ztlint::render::{self, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let report = FileReport { name: "org.json", source, diagnostics: &diagnostics };
/// assert_eq!(
///     render::concise(&[report]),
///     "org.json:1:18: error[json-syntax] trailing comma is not allowed in JSON\n",
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct FileReport<'a> {
    /// The name to print for the file, usually its path as given.
    pub name: &'a str,
    /// The text the diagnostics' spans index.
    pub source: &'a str,
    /// The findings, in the order to print them.
    pub diagnostics: &'a [Diagnostic],
}

/// The text a renderer wrote into `bytes`. Renderers write only `str`s, so
/// the bytes are always UTF-8; were they not, nothing is lost silently.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
}

/// `text` with every control character written as a Rust-style escape
/// (`\n`, `\u{1b}`), for outputs read on a terminal or one line at a time.
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The findings of `files` per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn of(files: &[FileReport<'_>]) -> Counts {
        let mut counts = Counts::default();
        for d in files.iter().flat_map(|f| f.diagnostics) {
            match d.severity() {
                crate::Severity::Error => counts.errors += 1,
                crate::Severity::Warning => counts.warnings += 1,
                crate::Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(escape_controls("plain `é`"), "plain `é`");
        assert_eq!(
            escape_controls("a\nb\r\tc\u{1b}[2J\u{7f}\u{85}"),
            "a\\nb\\r\\tc\\u{1b}[2J\\u{7f}\\u{85}"
        );
    }
}
