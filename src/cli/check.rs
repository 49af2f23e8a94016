//! `ztlint check`: read, lint, fix, report, and choose the exit status.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use ztlint::{Applicability, Diagnostic, Severity};

use super::args::{CheckArgs, Format};
use super::config::{Config, Discovery};
use super::inputs::{self, Input, Kind};
use super::output::{self, Stream};
use super::settings::{self, LevelFlag, Schemas, Settings};
use super::{fix, io_message, Exit, Failure};
use ztlint::render::{self, FileReport, HumanStyle};

/// Below this many files per thread, starting a thread costs more than it
/// saves.
const MIN_FILES_PER_THREAD: usize = 16;

/// What `check` does with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Lint,
    Fix(Applicability),
    Diff(Applicability),
}

/// What became of one input.
#[derive(Debug)]
struct Outcome {
    name: String,
    /// The text the diagnostics index: after fixing, when fixes were
    /// written.
    source: String,
    diagnostics: Vec<Diagnostic>,
    fail_on: Severity,
    /// Fixes applied (or, with `--diff`, that would be).
    fixed: usize,
    /// With `--diff`: the unified diff.
    diff: String,
    /// With `--fix` on standard input: the text to print.
    filtered: Option<Vec<u8>>,
    /// A read or write problem; the run exits 2.
    problem: Option<String>,
    /// Whether the input was read and linted (and so has a report).
    linted: bool,
    /// Whether `source` is decoded from bytes that are not it (not UTF-8,
    /// or UTF-16 or UTF-32). Such a file is never rewritten: writing the
    /// text back would change bytes that no fix touches, such as a Latin-1
    /// byte in a comment.
    decoded: bool,
    /// Why fixes that apply were not made; the run goes on.
    notice: Option<String>,
}

impl Outcome {
    fn report(&self) -> FileReport<'_> {
        FileReport {
            name: &self.name,
            source: &self.source,
            diagnostics: &self.diagnostics,
        }
    }

    fn fails(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() >= self.fail_on)
    }
}

/// Runs `ztlint check`.
pub(crate) fn run(args: &CheckArgs, levels: Vec<LevelFlag>) -> Result<Exit, Failure> {
    let cwd = std::env::current_dir().map_err(|e| {
        Failure(format!(
            "cannot read the current directory: {}",
            io_message(&e)
        ))
    })?;
    let (inputs, problems) = inputs::expand(&args.paths, args.stdin_filename.as_deref(), &cwd);
    let reads_stdin = inputs.iter().any(|i| i.path.is_none());
    let mode = match (args.fix, args.diff, args.unsafe_fixes) {
        (_, true, unsafe_fixes) => Mode::Diff(allowed(unsafe_fixes)),
        (true, false, unsafe_fixes) => Mode::Fix(allowed(unsafe_fixes)),
        (false, false, _) => Mode::Lint,
    };
    if matches!(mode, Mode::Fix(_)) && reads_stdin && args.paths.len() > 1 {
        return Err(Failure(
            "with `--fix`, `-` must be the only path: the fixed text goes to stdout".into(),
        ));
    }

    let (settings, assigned) = configure(args, &levels, &inputs, &cwd)?;
    let stdin = if reads_stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure(format!("cannot read stdin: {}", io_message(&e))))?;
        bytes
    } else {
        Vec::new()
    };

    let jobs: Vec<(&Input, &Settings)> = inputs
        .iter()
        .zip(assigned)
        .map(|(input, index)| (input, &settings[index]))
        .collect();
    let terraform = Terraform {
        var_files: &args.var_file,
        cwd: &cwd,
        modules: super::terraform::Modules::default(),
    };
    let outcomes = parallel_map(&jobs, |(input, settings)| {
        process(input, &stdin, settings, mode, &terraform)
    });

    for problem in &problems {
        output::error(problem);
    }
    for problem in outcomes.iter().filter_map(|o| o.problem.as_ref()) {
        output::error(problem);
    }
    for notice in outcomes.iter().filter_map(|o| o.notice.as_ref()) {
        output::warning(notice);
    }
    let trouble = !problems.is_empty() || outcomes.iter().any(|o| o.problem.is_some());

    let exit = match mode {
        Mode::Diff(_) => {
            let diffs: String = outcomes.iter().map(|o| o.diff.as_str()).collect();
            output::stdout(&diffs)?;
            let (fixes, files) = fixed_totals(&outcomes);
            if fixes > 0 {
                output::write(
                    Stream::Stderr,
                    &format!(
                        "would fix {} in {}\n",
                        plural(fixes, "issue"),
                        plural(files, "file")
                    ),
                )?;
            }
            if diffs.is_empty() {
                Exit::Clean
            } else {
                Exit::Findings
            }
        }
        _ => {
            let stream = match outcomes.iter().find_map(|o| o.filtered.as_ref()) {
                Some(text) => {
                    output::write_bytes(Stream::Stdout, text)?;
                    Stream::Stderr
                }
                None => Stream::Stdout,
            };
            report(args, mode, &outcomes, stream)?;
            if outcomes.iter().any(Outcome::fails) {
                Exit::Findings
            } else {
                Exit::Clean
            }
        }
    };
    Ok(if trouble { Exit::Trouble } else { exit })
}

fn allowed(unsafe_fixes: bool) -> Applicability {
    if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

/// Resolves the settings of every configuration in use, once each, and
/// which settings each input takes.
fn configure(
    args: &CheckArgs,
    levels: &[LevelFlag],
    inputs: &[Input],
    cwd: &std::path::Path,
) -> Result<(Vec<Settings>, Vec<usize>), Failure> {
    let mut discovery = Discovery::default();
    let mut schemas = Schemas::default();
    let mut settings = Vec::new();
    let mut by_config: HashMap<Option<PathBuf>, usize> = HashMap::new();
    let mut assigned = Vec::with_capacity(inputs.len());
    let mut config_for = |dir: &std::path::Path| -> Option<PathBuf> {
        if args.no_config {
            None
        } else if let Some(path) = &args.config {
            Some(cwd.join(path))
        } else {
            discovery.find(dir)
        }
    };
    let overrides = settings::Overrides::from_check(args, levels);
    let mut settings_for = |config: Option<PathBuf>| -> Result<usize, Failure> {
        if let Some(&index) = by_config.get(&config) {
            return Ok(index);
        }
        let loaded = config.as_deref().map(Config::load).transpose()?;
        settings.push(settings::resolve(
            &overrides,
            loaded.as_ref(),
            &mut schemas,
        )?);
        by_config.insert(config, settings.len() - 1);
        Ok(settings.len() - 1)
    };
    for input in inputs {
        assigned.push(settings_for(config_for(&input.config_dir))?);
    }
    if inputs.is_empty() {
        // Nothing to lint, but the flags and configuration are still
        // checked, so a typo is reported now rather than later.
        settings_for(config_for(cwd))?;
    }
    Ok((settings, assigned))
}

/// Maps `f` over `items` on up to all cores, in contiguous chunks, and
/// returns the results in input order. A panic in a worker is passed on.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len().div_ceil(MIN_FILES_PER_THREAD)).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// What linting Terraform files needs beyond one input: the `--var-file`s,
/// the working directory they are relative to, and the modules read so far.
struct Terraform<'a> {
    var_files: &'a [PathBuf],
    cwd: &'a std::path::Path,
    modules: super::terraform::Modules,
}

/// Reads, lints and (by `mode`) fixes one input.
fn process(
    input: &Input,
    stdin: &[u8],
    settings: &Settings,
    mode: Mode,
    terraform: &Terraform<'_>,
) -> Outcome {
    // Lets the tests prove that a panic in a worker still exits 2. Debug
    // builds only: an installed ztlint has no such switch.
    #[cfg(debug_assertions)]
    if std::env::var_os("ZTLINT_TEST_PANIC").is_some() {
        panic!("ZTLINT_TEST_PANIC is set");
    }
    let mut outcome = Outcome {
        name: input.name.clone(),
        source: String::new(),
        diagnostics: Vec::new(),
        fail_on: settings.fail_on,
        fixed: 0,
        diff: String::new(),
        filtered: None,
        problem: None,
        linted: false,
        decoded: false,
        notice: None,
    };
    let bytes = match &input.path {
        None => Cow::Borrowed(stdin),
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => Cow::Owned(bytes),
            Err(e) => {
                outcome.problem = Some(format!("`{}`: {}", input.name, io_message(&e)));
                return outcome;
            }
        },
    };
    let kind = Kind::of(&input.name);
    if kind != Kind::Payload {
        return process_terraform(input, bytes, settings, mode, terraform, outcome);
    }
    // A Terraform plan is linted as the bodies it would send; anything
    // else as a payload.
    let (linted, plan) = match settings.linter.lint_plan_bytes(&bytes) {
        Some(linted) => (linted, true),
        None => (settings.linter.lint_bytes(&bytes), false),
    };
    outcome.linted = true;
    outcome.diagnostics = linted.diagnostics;
    let decoded = owned(linted.source);
    outcome.decoded = decoded.is_some();
    if input.path.is_none() && matches!(mode, Mode::Fix(_)) {
        outcome.filtered = Some(bytes.to_vec());
    }
    outcome.source = text_of(decoded, bytes);
    // A plan's findings carry no fixes (the plan is generated), so `--fix`
    // leaves it alone.
    if plan {
        return outcome;
    }
    let allowed = match mode {
        Mode::Lint => return outcome,
        Mode::Fix(allowed) | Mode::Diff(allowed) => allowed,
    };
    let lint = |text: &str| settings.linter.lint(text);
    apply_fixes_to(input, mode, allowed, lint, outcome)
}

/// The text a linter decoded, when it is not the input's bytes.
fn owned(source: Cow<'_, str>) -> Option<String> {
    match source {
        Cow::Owned(decoded) => Some(decoded),
        Cow::Borrowed(_) => None,
    }
}

/// The text of a file: the `decoded` one, or else its `bytes`, which are
/// UTF-8. The bytes become the text without a copy: a large file would
/// otherwise be held twice.
fn text_of(decoded: Option<String>, bytes: Cow<'_, [u8]>) -> String {
    match (decoded, bytes) {
        (Some(decoded), _) => decoded,
        (None, Cow::Owned(bytes)) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        (None, Cow::Borrowed(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Lints a Terraform file (`.tf`, `.tf.json`) with its module, and fixes
/// it by `mode`; a variable file has nothing to lint.
fn process_terraform(
    input: &Input,
    bytes: Cow<'_, [u8]>,
    settings: &Settings,
    mode: Mode,
    terraform: &Terraform<'_>,
    mut outcome: Outcome,
) -> Outcome {
    outcome.linted = true;
    if input.path.is_none() && matches!(mode, Mode::Fix(_)) {
        outcome.filtered = Some(bytes.to_vec());
    }
    if Kind::of(&input.name) == Kind::VarFile {
        outcome.source = text_of(None, bytes);
        return outcome;
    }
    // The module is read only for a file that names an organization.
    let mut module = None;
    let linted = settings
        .linter
        .lint_terraform_bytes(&input.name, &bytes, || {
            Arc::clone(module.insert(terraform.modules.get(
                &input.name,
                &input.config_dir,
                terraform.var_files,
                terraform.cwd,
            )))
        });
    outcome.diagnostics = linted.diagnostics;
    let decoded = owned(linted.source);
    outcome.decoded = decoded.is_some();
    outcome.source = text_of(decoded, bytes);
    let Some(module) = module else {
        return outcome;
    };
    let lint = |text: &str| settings.linter.lint_terraform(&input.name, text, &module);
    let allowed = match mode {
        Mode::Lint => return outcome,
        Mode::Fix(allowed) | Mode::Diff(allowed) => allowed,
    };
    apply_fixes_to(input, mode, allowed, lint, outcome)
}

/// Applies the fixes `allowed` permits to the outcome's text, re-linting
/// with `lint`; writes the file (atomically), fills the diff, or keeps the
/// text to print, by `mode`.
fn apply_fixes_to(
    input: &Input,
    mode: Mode,
    allowed: Applicability,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
    mut outcome: Outcome,
) -> Outcome {
    if outcome.decoded {
        let fixable = outcome
            .diagnostics
            .iter()
            .any(|d| d.fixes().iter().any(|f| f.applicability() <= allowed));
        if fixable && !fix::unparsed(&outcome.diagnostics) {
            outcome.notice = Some(format!(
                "`{}` is not fixed: it is not UTF-8, and writing its text back would change bytes that no fix touches; save it as UTF-8 first",
                input.name
            ));
        }
        return outcome;
    }
    let Some(fixed) = fix::fix(lint, &outcome.source, &outcome.diagnostics, allowed) else {
        return outcome;
    };
    match (mode, &input.path) {
        (Mode::Diff(_), _) => {
            outcome.diff = fix::diff(&input.name, &outcome.source, &fixed.text);
            outcome.fixed = fixed.applied;
        }
        (_, None) => {
            outcome.filtered = Some(fixed.text.clone().into_bytes());
            outcome.fixed = fixed.applied;
            outcome.source = fixed.text;
            outcome.diagnostics = fixed.diagnostics;
        }
        (_, Some(path)) => match fix::write_atomic(path, fixed.text.as_bytes()) {
            Ok(()) => {
                outcome.fixed = fixed.applied;
                outcome.source = fixed.text;
                outcome.diagnostics = fixed.diagnostics;
            }
            Err(e) => {
                outcome.problem = Some(format!(
                    "cannot write `{}`: {}; the file is unchanged",
                    input.name,
                    io_message(&e)
                ));
            }
        },
    }
    outcome
}

/// Writes the reports in the chosen format to `stream`.
fn report(
    args: &CheckArgs,
    mode: Mode,
    outcomes: &[Outcome],
    stream: Stream,
) -> Result<(), Failure> {
    let reports: Vec<FileReport<'_>> = outcomes
        .iter()
        .filter(|o| o.linted)
        .map(Outcome::report)
        .collect();
    let (fixes, fixed_files) = fixed_totals(outcomes);
    let fixed_line = (fixes > 0).then(|| {
        format!(
            "fixed {} in {}\n",
            plural(fixes, "issue"),
            plural(fixed_files, "file")
        )
    });
    if let (Some(line), false) = (&fixed_line, args.format == Format::Human) {
        // Machine-readable output stays exactly the renderer's.
        output::write(Stream::Stderr, line)?;
    }
    let write: fn(&[FileReport<'_>], &mut dyn Write) -> io::Result<()> = match args.format {
        Format::Human => {
            if reports.is_empty() {
                return Ok(());
            }
            let style = HumanStyle {
                color: output::use_color(args.color, stream),
                width: output::width(stream),
                ..HumanStyle::default()
            };
            let mut text = String::new();
            // A blank line after each file's findings, as between findings.
            for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
                push_line(&mut text, &render::human(report, &style));
                text.push('\n');
            }
            if let Some(line) = &fixed_line {
                text.push_str(line);
            }
            push_line(&mut text, &render::summary(&reports));
            if mode != Mode::Fix(Applicability::Unsafe) {
                if let Some(hint) = fixable_hint(outcomes) {
                    text.push_str(&hint);
                }
            }
            return output::write(stream, &text);
        }
        Format::Concise => |r, w| render::write_concise(r, w),
        Format::Json => |r, w| render::write_json(r, w),
        Format::Sarif => |r, w| render::write_sarif(r, w),
        Format::Github => |r, w| render::write_github(r, w),
    };
    // The machine formats go out as they are made: a report of millions of
    // findings is never held whole.
    output::write_with(stream, |out| write(&reports, out))
}

/// "2 fixable with `--fix` (1 more with `--fix --unsafe-fixes`)", counting
/// the findings that remain.
fn fixable_hint(outcomes: &[Outcome]) -> Option<String> {
    let (mut safe, mut unsafe_) = (0, 0);
    // Nothing in a text that does not parse, or that is not the file's
    // bytes, gets fixed.
    let fixable = outcomes
        .iter()
        .filter(|o| !o.decoded && !fix::unparsed(&o.diagnostics));
    for d in fixable.flat_map(|o| &o.diagnostics) {
        match d.fixes().first().map(|f| f.applicability()) {
            Some(Applicability::Safe) => safe += 1,
            Some(Applicability::Unsafe) => unsafe_ += 1,
            None => {}
        }
    }
    match (safe, unsafe_) {
        (0, 0) => None,
        (s, 0) => Some(format!("{s} fixable with `--fix`\n")),
        (0, u) => Some(format!("{u} fixable with `--fix --unsafe-fixes`\n")),
        (s, u) => Some(format!(
            "{s} fixable with `--fix` ({u} more with `--fix --unsafe-fixes`)\n"
        )),
    }
}

fn fixed_totals(outcomes: &[Outcome]) -> (usize, usize) {
    let fixes = outcomes.iter().map(|o| o.fixed).sum();
    let files = outcomes.iter().filter(|o| o.fixed > 0).count();
    (fixes, files)
}

fn push_line(text: &mut String, block: &str) {
    text.push_str(block);
    if !block.is_empty() && !block.ends_with('\n') {
        text.push('\n');
    }
}

/// "1 issue", "2 issues".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
