//! The `sarif` format: a SARIF 2.1.0 log, as the [module docs](super#sarif)
//! describe.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::io::{self, Write};
use std::sync::OnceLock;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::locate::Locator;
use super::{into_string, render_all, take_each, FileReport, Findings, Renderer};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules;
use crate::span::Span;

/// The schema GitHub's documentation and SARIF viewers expect.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/ztlint/ztlint";
/// GitHub code scanning rejects runs with more results.
const MAX_RESULTS: usize = 25_000;
/// GitHub code scanning keeps at most 1,000 locations per result.
const MAX_RELATED: usize = 999;
/// Relative artifact URIs are relative to the checkout.
const SRCROOT: &str = "%SRCROOT%";

/// Where a rule is documented, one anchor per rule code.
fn rule_url(code: &str) -> String {
    format!("https://github.com/ztlint/ztlint/blob/main/docs/rules.md#{code}")
}

/// A SARIF 2.1.0 log of `files`, as described in the
/// [module docs](super#sarif). Pretty-printed, ended by a newline.
///
/// ```
/// use ztlint::render::{sarif, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let out = sarif(&[FileReport { name: "configs/org.json", source, diagnostics: &diagnostics }]);
/// let log: serde_json::Value = serde_json::from_str(&out).unwrap();
/// let result = &log["runs"][0]["results"][0];
/// assert_eq!(result["ruleId"], "json-syntax");
/// assert_eq!(result["level"], "error");
/// let location = &result["locations"][0]["physicalLocation"];
/// assert_eq!(location["artifactLocation"]["uri"], "configs/org.json");
/// assert_eq!(location["region"]["startColumn"], 18);
/// ```
pub fn sarif(files: &[FileReport<'_>]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the log always serialises.
    let _ = write_sarif(files, &mut out);
    into_string(out)
}

/// Writes [`sarif`]'s log to `out` as it is serialised, so that the text is
/// never held in memory whole.
///
/// ```
/// use ztlint::render::{write_sarif, FileReport};
///
/// let source = "{\"name\": \"Widget\",}";
/// let diagnostics = ztlint::lint(source);
/// let mut out = Vec::new();
/// write_sarif(&[FileReport { name: "org.json", source, diagnostics: &diagnostics }], &mut out)?;
/// let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "json-syntax");
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// The first error `out` returns.
pub fn write_sarif<W: Write>(files: &[FileReport<'_>], out: W) -> io::Result<()> {
    render_all(&mut Sarif::new(out), files)
}

/// The [`sarif`] format as a [`Renderer`]. The log lists its files before
/// its results, so it is written when the run ends; until then it keeps
/// only the results it will write (the most severe 25,000, each made as
/// its finding comes), the files, the rules, and for the fingerprints a
/// count per distinct (file, rule, flagged text), by a 64-bit hash of
/// them rather than the text.
///
/// ```
/// use ztlint::render::{Renderer, Sarif};
///
/// let source = r#"{"session_duration": "1d"}"#;
/// let mut out = Vec::new();
/// let mut renderer = Sarif::new(&mut out);
/// renderer.file("org.json", source, &mut |each| ztlint::Linter::new().lint_each(source, &mut |d| each(&d)))?;
/// renderer.finish()?;
/// let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "duration-syntax");
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Sarif<W> {
    out: W,
    /// Every rule ztlint has, then each code the registry does not know
    /// (a diagnostic built by hand) as it first comes, so that every
    /// result has a `ruleIndex`.
    rules: Vec<Descriptor>,
    rule_index: HashMap<&'static str, usize>,
    /// One per distinct file location.
    artifacts: Vec<Artifact>,
    /// How many times each (artifact, rule, text) was flagged so far, by
    /// [`occurrence_key`]; see [`EXACT_TEXTS`] for a file with more.
    seen: HashMap<u64, usize>,
    kept: Selection<Kept>,
    /// The findings so far, kept or not.
    findings: usize,
    /// [`EXACT_TEXTS`]; less in tests.
    exact_texts: usize,
}

impl<W> std::fmt::Debug for Sarif<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sarif")
            .field("artifacts", &self.artifacts.len())
            .field("findings", &self.findings)
            .finish_non_exhaustive()
    }
}

impl<W: Write> Sarif<W> {
    /// A renderer that writes to `out`.
    ///
    /// ```
    /// use ztlint::render::{Renderer, Sarif};
    ///
    /// let mut out = Vec::new();
    /// Sarif::new(&mut out).finish()?;
    /// assert_eq!(out, ztlint::render::sarif(&[]).as_bytes());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(out: W) -> Sarif<W> {
        Sarif::with_registry(out, registry_descriptors())
    }

    /// A renderer with the registry's rule descriptors as `registry` gives
    /// them (serialised once, or built afresh).
    fn with_registry(out: W, registry: Registry) -> Sarif<W> {
        let rules = match registry {
            Registry::Serialized(all) => {
                all.iter().map(|raw| Descriptor::Serialized(raw)).collect()
            }
            Registry::Fresh => rules::all()
                .map(|rule| Descriptor::Fresh(ReportingDescriptor::of(rule)))
                .collect(),
        };
        let rule_index = rules::all()
            .enumerate()
            .map(|(i, rule)| (rule.code(), i))
            .collect();
        Sarif {
            out,
            rules,
            rule_index,
            artifacts: Vec::new(),
            seen: HashMap::new(),
            kept: Selection::new(MAX_RESULTS),
            findings: 0,
            exact_texts: EXACT_TEXTS,
        }
    }

    /// The run of everything rendered so far, which it takes.
    fn take_run(&mut self) -> Run {
        let kept: Vec<SarifResult> = std::mem::replace(&mut self.kept, Selection::new(MAX_RESULTS))
            .into_sorted()
            .into_iter()
            .filter_map(|item| match item {
                Kept::Made(result) => Some(*result),
                // Every kept result is made by the end of its file.
                Kept::Counting(_) => None,
            })
            .collect();
        let omitted = self.findings - kept.len();
        let invocations = (omitted > 0).then(|| {
            [Invocation {
                execution_successful: true,
                tool_execution_notifications: [Notification {
                    level: "warning",
                    message: Message::new(format!(
                        "{omitted} of {} results were left out: GitHub code scanning accepts at \
                         most {MAX_RESULTS} per run; the most severe were kept",
                        self.findings
                    )),
                }],
            }]
        });
        Run {
            tool: Tool {
                driver: Driver {
                    name: "ztlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: std::mem::take(&mut self.rules),
                },
            },
            invocations,
            artifacts: std::mem::take(&mut self.artifacts),
            results: kept,
            column_kind: "unicodeCodePoints",
        }
    }
}

/// A result kept so far: made, or (in a file of more than [`EXACT_TEXTS`]
/// flagged texts) to be made once its fingerprint's count is known.
enum Kept {
    Made(Box<SarifResult>),
    Counting(u64),
}

/// The flagged texts one file may add to the counts of [`Sarif`]. A file
/// with more (a body with millions of unknown keys) is read twice: the
/// first time chooses the results to keep, and from there on notes only
/// the keys of those; the second counts those keys alone, for their
/// fingerprints. So the counts never hold the texts of millions of
/// findings of which 25,000 are written. (Counts then stop at that file:
/// the same file given again later counts its texts afresh.)
const EXACT_TEXTS: usize = 100_000;

impl<W: Write> Renderer for Sarif<W> {
    fn file(&mut self, name: &str, source: &str, findings: &mut Findings<'_>) -> io::Result<()> {
        let location = ArtifactLocation::of(name);
        let artifact = match self.artifacts.iter().position(|a| a.location == location) {
            Some(index) => index,
            None => {
                self.artifacts.push(Artifact {
                    location,
                    roles: ["analysisTarget"],
                });
                self.artifacts.len() - 1
            }
        };
        let location = self.artifacts[artifact].location.indexed(artifact);
        let first = self.findings;
        let Sarif {
            rules,
            rule_index,
            seen,
            kept,
            findings: count,
            exact_texts,
            ..
        } = self;
        let exact_texts = *exact_texts;
        let mut rule_of = |code: &'static str| {
            *rule_index.entry(code).or_insert_with(|| {
                rules.push(Descriptor::Fresh(ReportingDescriptor::bare(code)));
                rules.len() - 1
            })
        };
        // Made at the first finding: a clean file costs no index.
        let mut locator = None;
        let mut added = 0;
        // Where the counts stopped, past EXACT_TEXTS new texts.
        let mut stopped = None;
        take_each(findings, |d| {
            let order = *count;
            *count += 1;
            let index = rule_of(d.code());
            let locator = locator.get_or_insert_with(|| Locator::new(source));
            // Counted over every finding, so that fingerprints do not
            // depend on which findings fit under the limit.
            let text = locator.text(d.span());
            let key = occurrence_key(artifact, d.code(), text);
            if stopped.is_some() {
                kept.offer(d.severity(), order, || Kept::Counting(key));
                return Ok(());
            }
            if added == exact_texts && !seen.contains_key(&key) {
                stopped = Some(order);
                kept.offer(d.severity(), order, || Kept::Counting(key));
                return Ok(());
            }
            let occurrence = seen.entry(key).or_insert_with(|| {
                added += 1;
                0
            });
            let nth = *occurrence;
            *occurrence += 1;
            kept.offer(d.severity(), order, || {
                Kept::Made(made(d, index, &location, locator, text, nth))
            });
            Ok(())
        })?;
        let Some(stopped) = stopped else {
            return Ok(());
        };
        // The second reading: the counts of the keys still to be made, from
        // where the counts stopped.
        let mut counts: HashMap<u64, usize> = kept
            .items()
            .filter_map(|item| match item {
                Kept::Counting(key) => Some((*key, seen.get(key).copied().unwrap_or(0))),
                Kept::Made(_) => None,
            })
            .collect();
        let mut results: HashMap<usize, Box<SarifResult>> = HashMap::new();
        let to_make: std::collections::HashSet<usize> = kept
            .ranked()
            .filter(|(order, item)| *order >= stopped && matches!(item, Kept::Counting(_)))
            .map(|(order, _)| order)
            .collect();
        let mut order = first;
        take_each(findings, |d| {
            let this = order;
            order += 1;
            if this < stopped {
                return Ok(());
            }
            let locator = locator.get_or_insert_with(|| Locator::new(source));
            let text = locator.text(d.span());
            let key = occurrence_key(artifact, d.code(), text);
            let Some(occurrence) = counts.get_mut(&key) else {
                return Ok(());
            };
            let nth = *occurrence;
            *occurrence += 1;
            if to_make.contains(&this) {
                let index = rule_of(d.code());
                results.insert(this, made(d, index, &location, locator, text, nth));
            }
            Ok(())
        })?;
        kept.make(|order, item| match item {
            Kept::Counting(_) => results.remove(&order).map_or(item, Kept::Made),
            made_before => made_before,
        });
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [self.take_run()],
        };
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

/// The result for `d`, whose rule is the `index`th, at `location`, whose
/// primary span's `text` was flagged `nth` times before by its rule.
fn made(
    d: &Diagnostic,
    index: usize,
    location: &ArtifactLocation,
    locator: &Locator<'_>,
    text: &str,
    nth: usize,
) -> Box<SarifResult> {
    let hash = fingerprint(&[d.code(), &location.uri, text, &nth.to_string()]);
    Box::new(SarifResult::new(
        d,
        Some(index),
        location.clone(),
        locator,
        hash,
    ))
}

/// The key under which [`Sarif`] counts a flagged text: a hash, so that
/// the texts themselves are not kept. Two keys would collide with a
/// chance of about one in 2^64 per pair: far below anything a run meets.
fn occurrence_key(artifact: usize, code: &str, text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same in every run, spread well.
    let mut hasher = std::hash::DefaultHasher::new();
    (artifact, code, text).hash(&mut hasher);
    hasher.finish()
}

/// At most `limit` items, the most severe kept, the earliest among
/// equals: what a stable sort by severity and a cut would keep, without
/// holding the rest.
struct Selection<T> {
    limit: usize,
    /// The worst kept on top, to be replaced by a better one.
    heap: BinaryHeap<Ranked<T>>,
}

struct Ranked<T> {
    severity: Severity,
    order: usize,
    item: T,
}

impl<T> Ranked<T> {
    /// Greater is worse: less severe, then later.
    fn rank(&self) -> (Reverse<Severity>, usize) {
        (Reverse(self.severity), self.order)
    }
}

impl<T> PartialEq for Ranked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.rank() == other.rank()
    }
}

impl<T> Eq for Ranked<T> {}

impl<T> PartialOrd for Ranked<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Ranked<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl<T> Selection<T> {
    fn new(limit: usize) -> Selection<T> {
        Selection {
            limit,
            heap: BinaryHeap::new(),
        }
    }

    /// Offers the item `make` makes, the `order`th offered; it is made
    /// only if it is kept, for now.
    fn offer(&mut self, severity: Severity, order: usize, make: impl FnOnce() -> T) {
        if self.heap.len() < self.limit {
            let item = make();
            self.heap.push(Ranked {
                severity,
                order,
                item,
            });
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if (Reverse(severity), order) < worst.rank() {
                *worst = Ranked {
                    severity,
                    order,
                    item: make(),
                };
            }
        }
    }

    /// The items kept, in no order.
    fn items(&self) -> impl Iterator<Item = &T> {
        self.heap.iter().map(|r| &r.item)
    }

    /// The items kept with the order they were offered in, in no order.
    fn ranked(&self) -> impl Iterator<Item = (usize, &T)> {
        self.heap.iter().map(|r| (r.order, &r.item))
    }

    /// Replaces each item with what `make` makes of it and its order.
    fn make(&mut self, mut make: impl FnMut(usize, T) -> T) {
        let heap = std::mem::take(&mut self.heap).into_vec();
        self.heap = heap
            .into_iter()
            .map(|r| Ranked {
                severity: r.severity,
                order: r.order,
                item: make(r.order, r.item),
            })
            .collect();
    }

    /// The items kept, in the order they were offered.
    fn into_sorted(self) -> Vec<T> {
        let mut kept = self.heap.into_vec();
        kept.sort_unstable_by_key(|r| r.order);
        kept.into_iter().map(|r| r.item).collect()
    }
}

/// A 64-bit FNV-1a hash of `parts`, in hex. FNV is fixed by its definition,
/// so fingerprints stay the same across Rust and ztlint versions. Parts are
/// separated by 0xFF, a byte UTF-8 never contains.
fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where the registry's rule descriptors come from.
#[derive(Clone, Copy)]
enum Registry {
    /// Serialised once per process, as the pretty printer would print them
    /// in place.
    Serialized(&'static [Box<RawValue>]),
    /// Built and serialised with the rest of the log.
    Fresh,
}

/// How deep the pretty printer is when it prints a rule descriptor, at
/// `runs[0].tool.driver.rules[i]`: six levels of two spaces.
const RULE_INDENT: &str = "\n            ";

/// The registry's rule descriptors, serialised once per process. They are
/// the same in every log and make up most of it (every rule's explanation,
/// over 100 KB), so a log copies them instead of building and escaping them
/// again. Each is pretty-printed and indented as it stands in the log, so
/// the output is the same byte for byte (see the tests). Should a
/// descriptor ever fail to serialise, every log builds them afresh.
fn registry_descriptors() -> Registry {
    static SERIALIZED: OnceLock<Option<Vec<Box<RawValue>>>> = OnceLock::new();
    let serialized = SERIALIZED.get_or_init(|| {
        rules::all()
            .map(|rule| {
                let json = serde_json::to_string_pretty(&ReportingDescriptor::of(rule)).ok()?;
                // Pretty JSON has no newline inside a string: each one
                // starts a line, which gets the log's indentation.
                RawValue::from_string(json.replace('\n', RULE_INDENT)).ok()
            })
            .collect()
    });
    match serialized {
        Some(all) => Registry::Serialized(all),
        None => Registry::Fresh,
    }
}

/// A rule in `tool.driver.rules`.
enum Descriptor {
    Serialized(&'static RawValue),
    Fresh(ReportingDescriptor),
}

impl Serialize for Descriptor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Descriptor::Serialized(raw) => raw.serialize(serializer),
            Descriptor::Fresh(descriptor) => descriptor.serialize(serializer),
        }
    }
}

/// The text of the `## What it does` section of a rule's explanation, as
/// one paragraph.
fn what_it_does(explanation: &str) -> Option<String> {
    let (_, rest) = explanation.split_once("## What it does")?;
    let section = rest.split("\n## ").next().unwrap_or(rest);
    let text = section.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// `name` as a SARIF artifact location: a `file://` URI for an absolute
/// path, otherwise a relative URI under `%SRCROOT%`. Characters other than
/// unreserved ones and `/` are percent-encoded.
fn uri_of(name: &str) -> (String, Option<&'static str>) {
    let path = if cfg!(windows) {
        name.replace('\\', "/")
    } else {
        name.to_string()
    };
    if let Some(rest) = path.strip_prefix('/') {
        return (format!("file:///{}", percent_encode(rest)), None);
    }
    let bytes = path.as_bytes();
    if cfg!(windows) && bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/"
    {
        return (
            format!("file:///{}:{}", &path[..1], percent_encode(&path[2..])),
            None,
        );
    }
    let mut relative = path.as_str();
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest;
    }
    (percent_encode(relative), Some(SRCROOT))
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<[Invocation; 1]>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<MultiformatMessage>,
}

impl ReportingDescriptor {
    fn of(rule: &'static rules::Rule) -> ReportingDescriptor {
        let summary = rule.summary();
        let full = what_it_does(rule.explanation()).unwrap_or_else(|| summary.to_string());
        ReportingDescriptor {
            id: rule.code(),
            short_description: Some(Message::new(summary)),
            full_description: Some(Message::new(full)),
            default_configuration: Some(Configuration {
                level: level(rule.default_severity()),
            }),
            help_uri: Some(rule_url(rule.code())),
            help: Some(MultiformatMessage {
                text: rule.explanation(),
                markdown: rule.explanation(),
            }),
        }
    }

    /// A descriptor for a code that is not in the registry.
    fn bare(code: &'static str) -> ReportingDescriptor {
        ReportingDescriptor {
            id: code,
            short_description: None,
            full_description: None,
            default_configuration: None,
            help_uri: None,
            help: None,
        }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// A SARIF `message` (or a `multiformatMessageString` with only `text`).
#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Message {
        Message { text: text.into() }
    }

    /// A message for a label's text, if it has any.
    fn of_label(text: Option<&str>) -> Option<Message> {
        text.filter(|t| !t.trim().is_empty()).map(Message::new)
    }
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: [Notification; 1],
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    roles: [&'static str; 1],
}

#[derive(Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

impl ArtifactLocation {
    fn of(name: &str) -> ArtifactLocation {
        let (uri, uri_base_id) = uri_of(name);
        ArtifactLocation {
            uri,
            uri_base_id,
            index: None,
        }
    }

    /// The location with its index into `run.artifacts`.
    fn indexed(&self, index: usize) -> ArtifactLocation {
        ArtifactLocation {
            index: Some(index),
            ..self.clone()
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

impl SarifResult {
    fn new(
        d: &Diagnostic,
        rule_index: Option<usize>,
        artifact: ArtifactLocation,
        locator: &Locator<'_>,
        fingerprint: String,
    ) -> SarifResult {
        // GitHub rejects results with an empty message.
        let message = if d.message().trim().is_empty() {
            rules::find(d.code()).map_or(d.code(), |r| r.summary())
        } else {
            d.message()
        };
        let related_locations = d
            .secondary()
            .iter()
            .take(MAX_RELATED)
            .enumerate()
            .map(|(i, label)| {
                // A label in another file (where a Terraform variable is
                // set) has the positions it was made with.
                let (artifact_location, region) = match (label.file(), label.positions_elsewhere())
                {
                    (Some(file), Some((start, end))) => (
                        ArtifactLocation::of(file),
                        Region {
                            start_line: Some(start.line),
                            start_column: Some(start.column),
                            end_line: Some(end.line),
                            end_column: Some(end.column),
                            ..Region::default()
                        },
                    ),
                    _ => (artifact.clone(), Region::text(locator, label.span())),
                };
                Location {
                    id: Some(i + 1),
                    physical_location: PhysicalLocation {
                        artifact_location,
                        region,
                    },
                    message: Message::of_label(label.text()),
                }
            })
            .collect();
        // SARIF wants the fixes of a result to be distinct, and each to
        // change something.
        let mut fixes: Vec<&Fix> = Vec::new();
        for fix in d.fixes() {
            if !fix.edits().is_empty() && !fixes.contains(&fix) {
                fixes.push(fix);
            }
        }
        let fixes = fixes
            .into_iter()
            .map(|fix| SarifFix::new(fix, &artifact, locator))
            .collect();
        SarifResult {
            rule_id: d.code(),
            rule_index,
            level: level(d.severity()),
            message: Message::new(message),
            locations: [Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact,
                    region: Region::text(locator, d.span()),
                },
                message: Message::of_label(d.primary().text()),
            }],
            related_locations,
            partial_fingerprints: Fingerprints {
                ztlint: fingerprint,
            },
            fixes,
        }
    }
}

/// `partialFingerprints`, under ztlint's own key: GitHub computes and
/// checks `primaryLocationLineHash` itself, so ztlint does not claim it.
#[derive(Serialize)]
struct Fingerprints {
    /// Bump the version in the key if the hashed parts ever change.
    #[serde(rename = "ztlint/v1")]
    ztlint: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

/// A text region (line/column and offset/length, in code points) or, for an
/// edit of the byte order mark, which text positions cannot express, a
/// binary region.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

impl Region {
    fn text(locator: &Locator<'_>, span: Span) -> Region {
        let at = locator.locate(span);
        let char_offset = locator.char_offset(at.span.start());
        let char_end = locator.char_offset(at.span.end());
        Region {
            start_line: Some(at.start.line),
            start_column: Some(at.start.column),
            end_line: Some(at.end.line),
            end_column: Some(at.end.column),
            char_offset: Some(char_offset),
            char_length: Some(char_end.saturating_sub(char_offset)),
            ..Region::default()
        }
    }

    /// The region an edit deletes. SARIF's text positions do not count a
    /// byte order mark (§3.30.2), so an edit that removes (part of) the mark
    /// is given in bytes.
    fn deleted(locator: &Locator<'_>, edit: &Edit) -> Region {
        let span = locator.clamp(edit.span());
        if locator.has_bom() && span.start() < '\u{feff}'.len_utf8() && !span.is_empty() {
            Region {
                byte_offset: Some(span.start()),
                byte_length: Some(span.len()),
                ..Region::default()
            }
        } else {
            Region::text(locator, span)
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: [ArtifactChange; 1],
    properties: FixProperties,
}

impl SarifFix {
    fn new(fix: &Fix, artifact: &ArtifactLocation, locator: &Locator<'_>) -> SarifFix {
        SarifFix {
            description: Message::new(fix.message()),
            artifact_changes: [ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: fix
                    .edits()
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: Region::deleted(locator, edit),
                        inserted_content: Content {
                            text: edit.replacement().to_string(),
                        },
                    })
                    .collect(),
            }],
            properties: FixProperties {
                applicability: fix.applicability().as_str(),
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

/// ztlint's own data on a fix, in the fix's property bag.
#[derive(Serialize)]
struct FixProperties {
    /// `safe` or `unsafe`, as in the JSON output.
    applicability: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_relative_or_file_uris() {
        assert_eq!(uri_of("org.json"), ("org.json".to_string(), Some(SRCROOT)));
        assert_eq!(
            uri_of("./././configs/my org#1.json"),
            ("configs/my%20org%231.json".to_string(), Some(SRCROOT))
        );
        assert_eq!(
            uri_of("a:b/ü.json"),
            ("a%3Ab/%C3%BC.json".to_string(), Some(SRCROOT))
        );
        assert_eq!(
            uri_of("/tmp/x y.json"),
            ("file:///tmp/x%20y.json".to_string(), None)
        );
    }

    #[test]
    fn fingerprints_are_fnv1a_over_separated_parts() {
        // FNV-1a of the empty input is the offset basis; one part adds 0xFF.
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["a"]), fingerprint(&["a"]));
    }

    #[test]
    fn the_most_severe_findings_are_kept_in_their_order() {
        use Severity::*;
        let severities = [Info, Error, Warning, Error, Info, Warning];
        let kept = |limit| {
            let mut selection = Selection::new(limit);
            for (i, &severity) in severities.iter().enumerate() {
                selection.offer(severity, i, || i);
            }
            selection.into_sorted()
        };
        assert_eq!(kept(0), Vec::<usize>::new());
        assert_eq!(kept(1), vec![1]);
        assert_eq!(kept(3), vec![1, 2, 3]);
        assert_eq!(kept(4), vec![1, 2, 3, 5]);
        assert_eq!(kept(5), vec![0, 1, 2, 3, 5]);
        assert_eq!(kept(10), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_file_of_many_texts_is_read_twice_for_the_same_fingerprints() {
        use crate::diagnostic::Severity::{Error, Info, Warning};
        // Texts `a`..`e`, some flagged again, at three severities.
        let source = "a b c a d b e a c";
        let at = |i: usize| Span::new(i * 2, i * 2 + 1);
        let severities = [
            Info, Warning, Error, Warning, Info, Error, Warning, Error, Info,
        ];
        let diagnostics: Vec<Diagnostic> = severities
            .iter()
            .enumerate()
            .map(|(i, &severity)| Diagnostic::new("unknown-field", severity, "m", at(i)))
            .collect();
        let files = [
            FileReport {
                name: "one.json",
                source,
                diagnostics: &diagnostics,
            },
            FileReport {
                name: "two.json",
                source,
                diagnostics: &diagnostics[..4],
            },
        ];
        let render = |exact_texts, limit| {
            let mut out = Vec::new();
            let mut renderer = Sarif::new(&mut out);
            renderer.exact_texts = exact_texts;
            renderer.kept = Selection::new(limit);
            let mut readings = 0;
            for file in &files {
                renderer
                    .file(file.name, file.source, &mut |each| {
                        readings += 1;
                        file.diagnostics.iter().for_each(&mut *each);
                    })
                    .unwrap();
            }
            renderer.finish().unwrap();
            (String::from_utf8(out).unwrap(), readings)
        };
        for limit in [3, 6, 100] {
            let (whole, readings) = render(usize::MAX, limit);
            assert_eq!(readings, 2);
            for exact_texts in [0, 1, 2, 4] {
                let (twice, readings) = render(exact_texts, limit);
                assert_eq!(twice, whole, "{exact_texts} texts, {limit} results");
                // The first file has five texts: more than any of these.
                assert_eq!(readings, 3 + usize::from(exact_texts < 4));
            }
        }
    }

    #[test]
    fn rule_descriptors_serialised_once_print_as_built_afresh() {
        use crate::diagnostic::Severity::Error;
        let source = "{\"name\": 1}";
        let diagnostics = [
            Diagnostic::new("wrong-type", Error, "m", Span::new(9, 10)),
            Diagnostic::new("not-a-rule", Error, "n", Span::new(0, 1)),
        ];
        let files = [FileReport {
            name: "org.json",
            source,
            diagnostics: &diagnostics,
        }];
        let print = |run: Run| {
            let log = Log {
                schema: SCHEMA,
                version: "2.1.0",
                runs: [run],
            };
            serde_json::to_string_pretty(&log).unwrap()
        };
        assert!(matches!(registry_descriptors(), Registry::Serialized(_)));
        let run_with = |registry| {
            let mut renderer = Sarif::with_registry(io::sink(), registry);
            renderer.report(&files[0]).unwrap();
            renderer.take_run()
        };
        let once = print(run_with(registry_descriptors()));
        let fresh = print(run_with(Registry::Fresh));
        assert!(once.len() > 100_000, "{}", once.len());
        assert_eq!(once, fresh);
        assert_eq!(sarif(&files), format!("{fresh}\n"));
    }

    #[test]
    fn the_what_it_does_section_becomes_the_full_description() {
        let md = "## What it does\nChecks that `x`\nis fine.\n\n## Why is this bad?\nBecause.";
        assert_eq!(
            what_it_does(md).as_deref(),
            Some("Checks that `x` is fine.")
        );
        assert_eq!(what_it_does("no sections"), None);
    }
}
