//! `ztlint check`: read, lint, fix, report, and choose the exit status.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Arc;

use ztlint::{Applicability, Decoded, Diagnostic, Fixes, Linter, Severity};

use super::args::{CheckArgs, Format};
use super::config::{Config, Discovery};
use super::diff;
use super::inputs::{self, Input, Kind};
use super::output::{self, Stream};
use super::settings::{self, LevelFlag, Schemas, Settings};
use super::{fix, io_message, Exit, Failure};
use ztlint::render::{Concise, Findings, Github, Human, HumanStyle, Json, Renderer, Sarif, Tally};

/// Below this many files per thread, starting a thread costs more than it
/// saves.
const MIN_FILES_PER_THREAD: usize = 16;

/// A JSON payload, plan or Terraform configuration file larger than this is
/// linted when its turn comes in the report, each finding going straight
/// to the output: a large body can have millions of findings (one per
/// unknown key), and a plan or a `.tf` file one per change or resource, too
/// many to hold (issue #10). A smaller file's findings are few enough to
/// hold, and it is linted up front, in parallel with the others.
const STREAM_ABOVE: usize = 1 << 20;

/// What `check` does with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Lint,
    Fix(Applicability),
    Diff(Applicability),
}

/// What became of one input.
#[derive(Debug)]
struct Outcome<'a> {
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
    /// With `--diff`, of a file over [`STREAM_ABOVE`]: its text and its
    /// text as fixed, diffed as the report writes it, for such a diff may
    /// be larger than the file.
    diff_later: Option<(Cow<'a, str>, String)>,
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
    /// A payload or Terraform file to lint when the report reaches it (see
    /// [`STREAM_ABOVE`]); it then has no `source` or `diagnostics` of its
    /// own.
    pending: Option<Pending<'a>>,
}

/// A file's bytes, and the linter to lint them with.
#[derive(Debug)]
struct Pending<'a> {
    bytes: Cow<'a, [u8]>,
    linter: &'a Linter,
    /// Of a Terraform configuration file: its module. A payload or a plan
    /// has none.
    module: Option<Arc<ztlint::terraform::Module>>,
}

/// The text of `bytes`, a Terraform configuration file's when it has a
/// `module`, a payload's or a plan's otherwise.
fn decode<'b>(bytes: &'b [u8], module: Option<&ztlint::terraform::Module>) -> Decoded<'b> {
    match module {
        Some(_) => Decoded::terraform(bytes),
        None => Decoded::new(bytes),
    }
}

/// Lints the file `name`, read as `text`, with `linter`, handing each
/// finding to `each`: a Terraform configuration file with its `module`,
/// a plan as the bodies it would send, anything else as a payload.
/// Whether it is a plan.
fn lint_decoded(
    linter: &Linter,
    name: &str,
    text: &Decoded<'_>,
    module: Option<&ztlint::terraform::Module>,
    each: &mut dyn FnMut(Diagnostic),
) -> bool {
    match module {
        Some(module) => {
            linter.lint_terraform_decoded_each(name, text, module, each);
            false
        }
        None => {
            let plan = linter.lint_plan_decoded_each(text, each);
            if !plan {
                linter.lint_decoded_each(text, each);
            }
            plan
        }
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
            let (fixes, files) = fixed_totals(&outcomes);
            let differs = outcomes
                .iter()
                .any(|o| !o.diff.is_empty() || o.diff_later.is_some());
            output::write_with(Stream::Stdout, |out| {
                // Each outcome is dropped after its turn, and its texts with it.
                for outcome in outcomes {
                    out.write_all(outcome.diff.as_bytes())?;
                    if let Some((old, new)) = &outcome.diff_later {
                        diff::write_diff(&outcome.name, old, new, out)?;
                    }
                }
                Ok(())
            })?;
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
            if differs {
                Exit::Findings
            } else {
                Exit::Clean
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
            if report(args, mode, outcomes, stream)? {
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
fn process<'a>(
    input: &Input,
    stdin: &'a [u8],
    settings: &'a Settings,
    mode: Mode,
    terraform: &Terraform<'_>,
) -> Outcome<'a> {
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
        diff_later: None,
        filtered: None,
        problem: None,
        linted: false,
        decoded: false,
        notice: None,
        pending: None,
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
    if bytes.len() > STREAM_ABOVE {
        outcome.linted = true;
        if let Some(allowed) = fixed_apart(input, mode) {
            return fix_large(input, bytes, settings, mode, allowed, None, outcome);
        }
        if mode == Mode::Lint {
            outcome.pending = Some(Pending {
                bytes,
                linter: &settings.linter,
                module: None,
            });
            return outcome;
        }
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

/// The text of `bytes` without a copy, when they are UTF-8.
fn utf8(bytes: Cow<'_, [u8]>) -> Option<Cow<'_, str>> {
    match bytes {
        Cow::Borrowed(bytes) => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
        Cow::Owned(bytes) => String::from_utf8(bytes).ok().map(Cow::Owned),
    }
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
fn process_terraform<'a>(
    input: &Input,
    bytes: Cow<'a, [u8]>,
    settings: &'a Settings,
    mode: Mode,
    terraform: &Terraform<'_>,
    mut outcome: Outcome<'a>,
) -> Outcome<'a> {
    outcome.linted = true;
    if input.path.is_none() && matches!(mode, Mode::Fix(_)) {
        outcome.filtered = Some(bytes.to_vec());
    }
    if Kind::of(&input.name) == Kind::VarFile {
        outcome.source = text_of(None, bytes);
        return outcome;
    }
    let fixes_apart = fixed_apart(input, mode);
    if (mode == Mode::Lint || fixes_apart.is_some()) && bytes.len() > STREAM_ABOVE {
        // The module is read only for a file that names an organization;
        // the file is linted when the report reaches it, its findings
        // handed over a resource at a time.
        let mentions =
            ztlint::terraform::mentions_organization(Decoded::terraform(&bytes).source());
        if mentions {
            let module = terraform.modules.get(
                &input.name,
                &input.config_dir,
                terraform.var_files,
                terraform.cwd,
            );
            if let Some(allowed) = fixes_apart {
                return fix_large(input, bytes, settings, mode, allowed, Some(module), outcome);
            }
            outcome.pending = Some(Pending {
                bytes,
                linter: &settings.linter,
                module: Some(module),
            });
            return outcome;
        }
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

/// Why the `fixes` of a text decoded from bytes that are not UTF-8 are
/// not made; `None` when there are none, or the text was not read (see
/// [`fix::fixes_of`]).
fn not_utf8_notice(input: &Input, fixes: Option<&Fixes>) -> Option<String> {
    fixes.is_some_and(|f| !f.is_empty()).then(|| {
        format!(
            "`{}` is not fixed: it is not UTF-8, and writing its text back would change bytes that no fix touches; save it as UTF-8 first",
            input.name
        )
    })
}

/// The fixes a file over [`STREAM_ABOVE`] in `mode` gets without its
/// findings held: with `--diff`, or `--fix` on a file. `--fix` on standard
/// input prints the fixed text before the report, so it is fixed as a
/// small file is.
fn fixed_apart(input: &Input, mode: Mode) -> Option<Applicability> {
    match mode {
        Mode::Diff(allowed) => Some(allowed),
        Mode::Fix(allowed) if input.path.is_some() => Some(allowed),
        _ => None,
    }
}

/// Fixes a file over [`STREAM_ABOVE`] (see [`fixed_apart`]) as any file is
/// fixed, but each lint keeps no finding, only the edits of the fixes
/// `allowed` permits ([`Fixes`]) and whether one said the text was not
/// read as it is: a body may have a fix for each of hundreds of thousands
/// of findings. With `--fix`, the file as fixed is left to the report to
/// lint, as in a lint of a large file; `--diff` reports no findings.
fn fix_large<'a>(
    input: &Input,
    bytes: Cow<'a, [u8]>,
    settings: &'a Settings,
    mode: Mode,
    allowed: Applicability,
    module: Option<Arc<ztlint::terraform::Module>>,
    mut outcome: Outcome<'a>,
) -> Outcome<'a> {
    let linter = &settings.linter;
    let in_module = module.as_deref();
    let read = decode(&bytes, in_module);
    let mut plan = false;
    let fixes = fix::fixes_handed(allowed, |each| {
        plan = lint_decoded(linter, &input.name, &read, in_module, each);
    });
    let decoded = read.source().as_bytes() != &*bytes;
    drop(read);
    if decoded && !plan {
        outcome.notice = not_utf8_notice(input, fixes.as_ref());
    }
    let lint = |text: &str| {
        fix::fixes_handed(allowed, |each| match in_module {
            Some(module) => linter.lint_terraform_each(&input.name, text, module, each),
            None => linter.lint_each(text, each),
        })
    };
    let source = std::str::from_utf8(&bytes)
        .ok()
        .filter(|_| !decoded && !plan);
    let fixed = source
        .zip(fixes)
        .and_then(|(source, fixes)| fix::fix_passes(lint, source, fixes));
    let bytes = match (mode, fixed, &input.path) {
        (Mode::Diff(_), fixed, _) => {
            if let Some((text, applied)) = fixed {
                outcome.diff_later = utf8(bytes).map(|source| (source, text));
                outcome.fixed = applied;
            }
            return outcome;
        }
        (_, Some((text, applied)), Some(path)) => {
            if written(input, path, &text, &mut outcome) {
                outcome.fixed = applied;
                Cow::Owned(text.into_bytes())
            } else {
                bytes
            }
        }
        _ => bytes,
    };
    outcome.pending = Some(Pending {
        bytes,
        linter,
        module,
    });
    outcome
}

/// Applies the fixes `allowed` permits to the outcome's text, re-linting
/// with `lint`; writes the file (atomically), fills the diff, or keeps the
/// text to print, by `mode`.
fn apply_fixes_to<'a>(
    input: &Input,
    mode: Mode,
    allowed: Applicability,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
    mut outcome: Outcome<'a>,
) -> Outcome<'a> {
    if outcome.decoded {
        let fixes = fix::fixes_of(&outcome.diagnostics, allowed);
        outcome.notice = not_utf8_notice(input, fixes.as_ref());
        return outcome;
    }
    let Some(fixed) = fix::fix(lint, &outcome.source, &outcome.diagnostics, allowed) else {
        return outcome;
    };
    match (mode, &input.path) {
        (Mode::Diff(_), _) => {
            outcome.diff = diff::diff(&input.name, &outcome.source, &fixed.text);
            outcome.fixed = fixed.applied;
        }
        (_, None) => {
            outcome.filtered = Some(fixed.text.clone().into_bytes());
            outcome.fixed = fixed.applied;
            outcome.source = fixed.text;
            outcome.diagnostics = fixed.diagnostics;
        }
        (_, Some(path)) => {
            if written(input, path, &fixed.text, &mut outcome) {
                outcome.fixed = fixed.applied;
                outcome.source = fixed.text;
                outcome.diagnostics = fixed.diagnostics;
            }
        }
    }
    outcome
}

/// Writes `text` over the input's file at `path` (atomically); whether it
/// did. If not, the outcome says why: the file is unchanged.
fn written(input: &Input, path: &std::path::Path, text: &str, outcome: &mut Outcome<'_>) -> bool {
    match fix::write_atomic(path, text.as_bytes()) {
        Ok(()) => true,
        Err(e) => {
            outcome.problem = Some(format!(
                "cannot write `{}`: {}; the file is unchanged",
                input.name,
                io_message(&e)
            ));
            false
        }
    }
}

/// Writes the reports in the chosen format to `stream`; returns whether
/// a finding is at or above its file's `--fail-on` level.
fn report(
    args: &CheckArgs,
    mode: Mode,
    outcomes: Vec<Outcome<'_>>,
    stream: Stream,
) -> Result<bool, Failure> {
    let (fixes, fixed_files) = fixed_totals(&outcomes);
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
    let linted: Vec<Outcome<'_>> = outcomes.into_iter().filter(|o| o.linted).collect();
    if args.format == Format::Human && linted.is_empty() {
        return Ok(false);
    }
    let mut totals = Totals::default();
    // Every format goes out as it is made: a report of millions of
    // findings is never held whole.
    output::write_with(stream, |out| {
        let mut renderer: Box<dyn Renderer + '_> = match args.format {
            Format::Human => Box::new(Human::new(
                &mut *out,
                HumanStyle {
                    color: output::use_color(args.color, stream),
                    width: output::width(stream),
                    ..HumanStyle::default()
                },
            )),
            Format::Concise => Box::new(Concise::new(&mut *out)),
            Format::Json => Box::new(Json::new(&mut *out)),
            Format::Sarif => Box::new(Sarif::new(&mut *out)),
            Format::Github => Box::new(Github::new(&mut *out)),
        };
        let rendered = render(&mut *renderer, linted, &mut totals);
        drop(renderer);
        rendered?;
        if args.format != Format::Human {
            return Ok(());
        }
        let mut tail = fixed_line.unwrap_or_default();
        tail.push_str(&totals.tally.summary());
        tail.push('\n');
        if mode != Mode::Fix(Applicability::Unsafe) {
            if let Some(hint) = fixable_hint(totals.safe, totals.unsafe_) {
                tail.push_str(&hint);
            }
        }
        out.write_all(tail.as_bytes())
    })?;
    Ok(totals.fails)
}

/// What the report counts as it goes, for the summary, the exit status and
/// the fixable hint.
#[derive(Debug, Default)]
struct Totals {
    tally: Tally,
    /// Whether a finding is at or above its file's `--fail-on` level.
    fails: bool,
    /// The findings whose first fix is safe, and those whose first fix
    /// needs review, in files that can be fixed.
    safe: usize,
    unsafe_: usize,
}

/// Renders each linted outcome in turn, linting a pending one now, and
/// counts its findings as they pass. After a failed write the rest are
/// only counted: the exit status still covers every file.
fn render(
    renderer: &mut dyn Renderer,
    outcomes: Vec<Outcome<'_>>,
    totals: &mut Totals,
) -> io::Result<()> {
    let unparsed = fix::Unparsed::new();
    let mut result = Ok(());
    // Each outcome is dropped after its turn, and its text with it.
    for mut outcome in outcomes {
        let pending = outcome.pending.take();
        totals.tally.files += 1;
        let (mut safe, mut unsafe_, mut not_read) = (0, 0, false);
        let (tally, fails) = (&mut totals.tally, &mut totals.fails);
        let mut count = |d: &Diagnostic| {
            tally.add(d);
            *fails |= d.severity() >= outcome.fail_on;
            not_read |= unparsed.says(d);
            match d.fixes().first().map(|f| f.applicability()) {
                Some(Applicability::Safe) => safe += 1,
                Some(Applicability::Unsafe) => unsafe_ += 1,
                None => {}
            }
        };
        let mut file = |source: &str, findings: &mut Findings<'_>| {
            if result.is_ok() {
                result = renderer.file(&outcome.name, source, findings);
            } else {
                findings(&mut |_| {});
            }
        };
        // A renderer may read a file's findings twice: they are counted
        // the first time.
        let mut readings = 0;
        let decoded = match pending {
            None => {
                file(&outcome.source, &mut |each| {
                    readings += 1;
                    for d in &outcome.diagnostics {
                        if readings == 1 {
                            count(d);
                        }
                        each(d);
                    }
                });
                outcome.decoded
            }
            Some(Pending {
                bytes,
                linter,
                module,
            }) => {
                let read = decode(&bytes, module.as_deref());
                let decoded = read.source().as_bytes() != &*bytes;
                // Text decoded from the bytes is all the lint needs: the
                // bytes go, not to be held beside it.
                let (utf8, owned);
                let text = if decoded {
                    owned = read.into_owned();
                    drop(bytes);
                    &owned
                } else {
                    utf8 = read;
                    &utf8
                };
                let mut plan = false;
                file(text.source(), &mut |each| {
                    readings += 1;
                    let mut take = |d: Diagnostic| {
                        if readings == 1 {
                            count(&d);
                        }
                        each(&d);
                    };
                    plan = lint_decoded(linter, &outcome.name, text, module.as_deref(), &mut take);
                });
                // A plan's findings carry no fixes, and its encoding is no
                // finding.
                !plan && decoded
            }
        };
        // Nothing in a text that does not parse, or that is not the
        // file's bytes, gets fixed.
        if !decoded && !not_read {
            totals.safe += safe;
            totals.unsafe_ += unsafe_;
        }
    }
    renderer.finish().and(result)
}

/// "2 fixable with `--fix` (1 more with `--fix --unsafe-fixes`)", from the
/// counts of findings that remain with a safe and with an unsafe fix.
fn fixable_hint(safe: usize, unsafe_: usize) -> Option<String> {
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

/// "1 issue", "2 issues".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A payload of `len` bytes (or a little over, if that is too few)
    /// whose findings are `1d`, and in a payload the unknown key `pad`.
    fn payload(len: usize, plan: bool) -> Vec<u8> {
        let head = if plan {
            "{\"format_version\": \"1.2\", \"resource_changes\": [{\"address\": \"cloudflare_zero_trust_organization.main\", \"mode\": \"managed\", \"type\": \"cloudflare_zero_trust_organization\", \"change\": {\"actions\": [\"update\"], \"after\": {\"account_id\": \"699d98642c564d2e855e9661899b7252\", \"session_duration\": \"1d\"}, \"after_unknown\": {}}}], \"pad\": \""
        } else {
            "{\"session_duration\": \"1d\", \"pad\": \""
        };
        let mut text = head.to_string();
        text.push_str(&"x".repeat(len.saturating_sub(head.len() + 2)));
        text.push_str("\"}");
        text.into_bytes()
    }

    /// A `.tf` file of `len` bytes (or a little over) whose one finding is
    /// `1d`, padded with a comment.
    fn tf(len: usize) -> Vec<u8> {
        let head = "resource \"cloudflare_zero_trust_organization\" \"o\" {\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  session_duration = \"1d\"\n}\n#";
        let mut text = head.to_string();
        text.push_str(&"x".repeat(len.saturating_sub(head.len() + 1)));
        text.push('\n');
        text.into_bytes()
    }

    /// Whether an outcome is left to the report, how many findings it
    /// holds, and whether its source is empty.
    type Made = (bool, usize, bool);

    /// What `process` makes of `bytes` as standard input named `name`.
    fn outcome_of(name: &str, bytes: &[u8], mode: Mode) -> Made {
        let cwd = std::env::current_dir().unwrap();
        let input = Input {
            name: name.to_string(),
            path: None,
            config_dir: cwd.clone(),
        };
        let settings = Settings {
            linter: Linter::new(),
            fail_on: Severity::Error,
        };
        let terraform = Terraform {
            var_files: &[],
            cwd: &cwd,
            modules: super::super::terraform::Modules::default(),
        };
        let outcome = process(&input, bytes, &settings, mode, &terraform);
        assert!(outcome.linted && outcome.problem.is_none());
        (
            outcome.pending.is_some(),
            outcome.diagnostics.len(),
            outcome.source.is_empty(),
        )
    }

    #[test]
    fn only_a_large_file_in_lint_mode_is_linted_in_the_report() {
        let large = payload(STREAM_ABOVE + 1, false);
        assert_eq!(large.len(), STREAM_ABOVE + 1);
        let at_limit = payload(STREAM_ABOVE, false);
        assert_eq!(at_limit.len(), STREAM_ABOVE);
        let plan = payload(STREAM_ABOVE + 1, true);
        let (large_tf, small_tf) = (tf(STREAM_ABOVE + 1), tf(STREAM_ABOVE));
        assert_eq!(large_tf.len(), STREAM_ABOVE + 1);
        let safe = Mode::Fix(Applicability::Safe);
        let diff = Mode::Diff(Applicability::Safe);
        let cases: [(&str, &[u8], Mode, Made); 10] = [
            ("big.json", &large, Mode::Lint, (true, 0, true)),
            ("big.json", &at_limit, Mode::Lint, (false, 2, false)),
            // A plan too: it may have a finding for each of many changes.
            ("plan.json", &plan, Mode::Lint, (true, 0, true)),
            // `pad` is left after `1d` is fixed: standard input's fixed
            // text is printed before the report, and held.
            ("big.json", &large, safe, (false, 1, false)),
            // A diff holds no finding, nor the text.
            ("big.json", &large, diff, (false, 0, true)),
            // A large `.tf` file that names an organization too: it may
            // have a finding for each of many resources.
            ("big.tf", &large_tf, Mode::Lint, (true, 0, true)),
            ("big.tf", &small_tf, Mode::Lint, (false, 1, false)),
            ("big.tf", &large_tf, diff, (false, 0, true)),
            // One that names none has no finding to hand over.
            (
                "big.tf",
                &tf(STREAM_ABOVE + 1)[100..],
                Mode::Lint,
                (false, 0, false),
            ),
            ("big.tf.json", &large, Mode::Lint, (false, 0, false)),
        ];
        for (name, bytes, mode, expected) in cases {
            assert_eq!(outcome_of(name, bytes, mode), expected, "{name} {mode:?}");
        }
    }
}
