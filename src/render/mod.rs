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
//! Every format is also a [`Renderer`] ([`Concise`], [`Json`], [`Sarif`],
//! [`Github`], and `Human` with feature `cli`), which takes a file's
//! findings one at a time as they are made, e.g. by
//! [`Linter::lint_decoded_each`](crate::Linter::lint_decoded_each), so that
//! they are never held together either. The functions above are built on
//! them and print the same bytes.
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

pub use concise::{concise, write_concise, Concise};
pub use github::{github, write_github, Github};
#[cfg(feature = "cli")]
pub use human::{human, Human, HumanStyle};
pub use json::{json, write_json, Json};
pub use sarif::{sarif, write_sarif, Sarif};
pub use summary::{summary, Tally};

use std::borrow::Cow;
use std::io;

use crate::diagnostic::Diagnostic;
use locate::Locator;

/// What [`Renderer::file`] takes a file's findings from: a function that,
/// each time it is called, hands each finding to the function it is given,
/// in order; the same findings every time. A renderer may call it twice:
/// SARIF does for a file of more than 100,000 flagged texts, rather than
/// hold a count for each.
///
/// ```
/// use ztlint::render::Findings;
///
/// let source = r#"{"session_duration": "1d"}"#;
/// let findings: &mut Findings<'_> = &mut |each| ztlint::Linter::new().lint_each(source, &mut |d| each(&d));
/// let mut codes = Vec::new();
/// findings(&mut |d| codes.push(d.code()));
/// assert_eq!(codes, ["duration-syntax"]);
/// ```
pub type Findings<'a> = dyn FnMut(&mut dyn FnMut(&Diagnostic)) + 'a;

/// An output format that takes findings one at a time: each file in turn,
/// each of its findings as it is made, then the end of the run.
///
/// A renderer keeps only what its format needs past a finding: one file's
/// line index, and running counts; SARIF also keeps the results it will
/// write (at most 25,000) and a count per distinct flagged text, for the
/// fingerprints (up to 100,000 texts a file; past that it reads the
/// file's findings a second time, see [`Findings`]). The output is the same, byte for byte, as the
/// format's function over [`FileReport`]s.
///
/// ```
/// use ztlint::render::{Concise, Renderer};
///
/// let source = r#"{"is_ui_read_only": "false", "x": 1}"#;
/// let mut out = Vec::new();
/// let mut renderer = Concise::new(&mut out);
/// renderer.file("org.json", source, &mut |each| {
///     ztlint::Linter::new().lint_each(source, &mut |d| each(&d));
/// })?;
/// renderer.finish()?;
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "org.json:1:21: error[wrong-type] `is_ui_read_only` must be a boolean, found the string `\"false\"`\n\
///      org.json:1:30: warning[unknown-field] unknown field `x`\n",
/// );
/// # Ok::<(), std::io::Error>(())
/// ```
pub trait Renderer {
    /// Renders the file `name`, whose text `source` the findings' spans
    /// index. `findings` is called once, with a function to hand each
    /// finding to, in the order to print them (the linter's is by
    /// position).
    ///
    /// ```
    /// use ztlint::render::{Json, Renderer};
    ///
    /// let mut out = Vec::new();
    /// let mut renderer = Json::new(&mut out);
    /// let source = "{\"name\": \"Widget\",}";
    /// let diagnostics = ztlint::lint(source);
    /// renderer.file("org.json", source, &mut |each| diagnostics.iter().for_each(&mut *each))?;
    /// renderer.file("clean.json", "{}", &mut |_| {})?;
    /// renderer.finish()?;
    /// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    /// assert_eq!(doc["diagnostics"][0]["code"], "json-syntax");
    /// assert_eq!(doc["summary"]["files"], 2);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error the output returns. The findings handed over after
    /// it are dropped, so that a producer that cannot stop (a linter) runs
    /// to its end harmlessly.
    fn file(&mut self, name: &str, source: &str, findings: &mut Findings<'_>) -> io::Result<()>;

    /// Ends the run: writes what comes after the last file (JSON's
    /// summary, or the whole SARIF log, which lists its files before its
    /// results) and flushes the output. Call it once, after the last file.
    ///
    /// ```
    /// use ztlint::render::{Json, Renderer};
    ///
    /// let mut out = Vec::new();
    /// Json::new(&mut out).finish()?;
    /// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    /// assert_eq!(doc["summary"]["files"], 0);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error the output returns.
    fn finish(&mut self) -> io::Result<()>;

    /// Renders `report`'s file with its findings, as [`file`](Renderer::file)
    /// does.
    ///
    /// ```
    /// use ztlint::render::{FileReport, Github, Renderer};
    ///
    /// let source = "{\"name\": \"Widget\",}";
    /// let diagnostics = ztlint::lint(source);
    /// let mut out = Vec::new();
    /// let mut renderer = Github::new(&mut out);
    /// renderer.report(&FileReport { name: "org.json", source, diagnostics: &diagnostics })?;
    /// renderer.finish()?;
    /// assert!(out.starts_with(b"::error file=org.json,line=1,col=18,"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error the output returns.
    fn report(&mut self, report: &FileReport<'_>) -> io::Result<()> {
        self.file(report.name, report.source, &mut |each| {
            report.diagnostics.iter().for_each(each)
        })
    }
}

/// Renders every file of `files` with `renderer`, then ends the run.
fn render_all(renderer: &mut dyn Renderer, files: &[FileReport<'_>]) -> io::Result<()> {
    for file in files {
        renderer.report(file)?;
    }
    renderer.finish()
}

/// Calls `findings` with a function that hands each finding to `take`,
/// until `take` fails; returns that first failure.
fn take_each(
    findings: &mut Findings<'_>,
    mut take: impl FnMut(&Diagnostic) -> io::Result<()>,
) -> io::Result<()> {
    let mut result = Ok(());
    findings(&mut |d| {
        if result.is_ok() {
            result = take(d);
        }
    });
    result
}

/// [`take_each`], with the file's locator and its name as `show` writes
/// it, both made at the first finding: a clean file costs no index.
fn take_located<'s>(
    findings: &mut Findings<'_>,
    name: &'s str,
    source: &'s str,
    show: impl Fn(&'s str) -> Cow<'s, str>,
    mut take: impl FnMut(&Locator<'s>, &str, &Diagnostic) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = None;
    take_each(findings, |d| {
        let (locator, name) = file.get_or_insert_with(|| (Locator::new(source), show(name)));
        take(locator, name, d)
    })
}

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
fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
