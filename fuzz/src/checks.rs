//! One function per fuzz target. Each takes the raw fuzz input and panics
//! when ztlint breaks a promise; anything else is a pass.
//!
//! This file is compiled twice: by the fuzz crate (`ztlint_fuzz::checks`)
//! and, through `#[path]`, by the main crate's `tests/fuzz_replay.rs`, which
//! replays `fuzz/seeds/` and `fuzz/regressions/` on stable Rust.

use ztlint::json::{self, Value, ValueKind};
use ztlint::{Applicability, Diagnostic, LineIndex, Linter, Position};

/// `json_parse`: any bytes to the parser. No panic; every span is in bounds,
/// on character boundaries, and slices exactly its token.
pub fn json_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match json::parse(text) {
        Ok(value) => check_value_spans(text, &value),
        Err(error) => check_span(text, error.span().range()),
    }
}

/// `json_differential`: ztlint's parser and serde_json agree on accept and
/// reject and, when both accept, on the value.
pub fn json_differential(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        // serde_json is built with `float_roundtrip` (jsonschema turns it
        // on), so its floats are correctly rounded like ztlint's: compare
        // exactly.
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(&ours.to_serde(), theirs, "values differ for {text:?}")
        }
        (Err(_), Err(_)) => {}
        // Documented exception: numbers beyond f64 are kept as text.
        (Ok(ours), Err(e)) if e.to_string().starts_with("number out of range") => {
            assert!(
                has_number_beyond_f64(ours),
                "serde_json says {e} but ztlint holds no out-of-range number: {text:?}"
            );
        }
        (Ok(_), Err(e)) => panic!("ztlint accepts what serde_json rejects ({e}): {text:?}"),
        (Err(e), Ok(_)) => panic!("ztlint rejects what serde_json accepts ({e}): {text:?}"),
    }
    // The depth limit is the same as serde_json's: both reject, explicitly.
    if let Err(e) = &theirs {
        if e.to_string().starts_with("recursion limit exceeded") {
            let ours = ours.expect_err("serde_json hit its recursion limit, ztlint did not");
            assert!(ours.message().contains("nested too deeply"), "{ours}");
        }
    }
}

/// `lint`: any bytes through the full lint and the line-per-finding and
/// JSON renderers. No panic; every diagnostic span is in bounds and its line
/// and column agree with its offset; linted in windows of one to three
/// members or elements (as a large body is), the same findings in the same
/// order; read as a Terraform plan, the same, with no fix on any finding.
/// The human and SARIF renderers, which
/// cost a hundred times more per input, have their own target, `renderers`.
pub fn lint(data: &[u8]) {
    let linted = Linter::new().lint_bytes(data);
    let source: &str = &linted.source;
    // A large body is linted in windows: small ones here, for every input,
    // find what the whole lint finds.
    #[cfg(fuzzing)]
    ztlint::fuzz_windows_lint_as_whole(source);
    let index = LineIndex::new(source);
    for d in &linted.diagnostics {
        check_diagnostic(source, d);
        let (start, end) = d.positions(&index);
        assert_eq!(start, naive_position(source, d.span().start()));
        assert_eq!(end, naive_position(source, d.span().end()));
    }
    let files = [ztlint::render::FileReport {
        name: "fuzz/payload.json",
        source,
        diagnostics: &linted.diagnostics,
    }];
    let as_json: JsonReport =
        serde_json::from_str(&ztlint::render::json(&files)).expect("the json format is JSON");
    assert_eq!(as_json.diagnostics.len(), linted.diagnostics.len());
    let concise = ztlint::render::concise(&files);
    assert_eq!(concise.lines().count(), linted.diagnostics.len());
    let github = ztlint::render::github(&files);
    assert_eq!(github.lines().count(), linted.diagnostics.len());
    let _ = ztlint::render::summary(&files);
    // A plan's findings index the plan itself and carry no fix.
    if let Some(plan) = Linter::new().lint_plan(source) {
        for d in &plan {
            check_diagnostic(source, d);
            assert!(d.fixes().is_empty(), "a plan finding with a fix: {d:?}");
        }
    }
}

/// `renderers`: up to three diagnostics made from the input's first bytes
/// (spans anywhere, even past the end or inside a character; labels,
/// help, fixes; texts with control characters), over the rest as the
/// source, through one renderer chosen by the first byte. No panic; every
/// format's shape holds; the human report is bounded per finding and
/// prints no control character.
pub fn renderers(data: &[u8]) {
    use ztlint::render::{self, FileReport, HumanStyle};

    let mut bytes = Bytes(data);
    let which = bytes.next();
    let count = usize::from(bytes.next() % 4);
    let diagnostics: Vec<Diagnostic> = (0..count).map(|_| made_diagnostic(&mut bytes)).collect();
    let source = String::from_utf8_lossy(bytes.0);
    let files = [FileReport {
        name: "fuzz/payload.json",
        source: &source,
        diagnostics: &diagnostics,
    }];
    // SARIF lists every rule with its explanation (over 100 KB) on every
    // call, so it gets one input in 64, to keep the target fast.
    match which % 64 {
        1..=16 => {
            let concise = render::concise(&files);
            assert_eq!(concise.lines().count(), count, "{concise}");
            let github = render::github(&files);
            assert_eq!(github.lines().count(), count, "{github}");
        }
        17..=24 => {
            let out: JsonReport =
                serde_json::from_str(&render::json(&files)).expect("the json format is JSON");
            assert_eq!(out.diagnostics.len(), count);
        }
        0 => {
            let out: SarifLog =
                serde_json::from_str(&render::sarif(&files)).expect("the sarif format is JSON");
            let results: Vec<usize> = out.runs.iter().map(|run| run.results.len()).collect();
            assert_eq!(results, [count]);
        }
        _ => {
            let style = HumanStyle {
                width: usize::from(which / 64) * 50,
                max_findings: usize::from(which % 4) + 1,
                ..HumanStyle::default()
            };
            let out = render::human(&files[0], &style);
            assert_eq!(out.is_empty(), count == 0);
            assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
            // Source lines are cut at 240 bytes, texts wrapped at the width.
            let longest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(longest <= 2_000, "a line of {longest} characters");
            let drawn = count.min(style.max_findings);
            assert!(out.len() <= 64 * 1024 * drawn + 1024, "{} bytes", out.len());
            if count > style.max_findings {
                let more = count - style.max_findings;
                assert!(out.contains(&format!("… and {more} more finding")), "{out}");
            }
        }
    }
}

/// The `json` format as the checks read it: its diagnostics, each read as
/// JSON and ignored. Under ASan, reading into `IgnoredAny` is three to four
/// times faster than building a `serde_json::Value`, and checks the same
/// syntax.
#[derive(serde::Deserialize)]
struct JsonReport {
    diagnostics: Vec<serde::de::IgnoredAny>,
}

/// A SARIF log as the `renderers` check reads it: the results of each run.
/// The rest (mostly the rules, with their explanations) is read as JSON
/// and ignored.
#[derive(serde::Deserialize)]
struct SarifLog {
    runs: Vec<SarifRun>,
}

#[derive(serde::Deserialize)]
struct SarifRun {
    results: Vec<serde::de::IgnoredAny>,
}

/// The input, read a byte at a time; zeros once it runs out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn offset(&mut self) -> usize {
        usize::from(u16::from_le_bytes([self.next(), self.next()]) % 1024)
    }

    fn span(&mut self) -> ztlint::Span {
        let start = self.offset();
        ztlint::Span::new(start, start + usize::from(self.next() % 64))
    }

    fn text(&mut self) -> String {
        const PARTS: [&str; 8] = ["x", "é", "\n", "\u{1b}[2J", "\t", "word ", "🙂", "\r"];
        let len = usize::from(self.next() % 16);
        let mut text: String = (0..len)
            .map(|_| PARTS[usize::from(self.next()) % PARTS.len()])
            .collect();
        if self.next() % 8 == 0 {
            text.push_str(&"long".repeat(200));
        }
        text
    }
}

fn made_diagnostic(bytes: &mut Bytes<'_>) -> Diagnostic {
    use ztlint::{Edit, Fix, Severity};

    const CODES: [&str; 4] = [
        "json-syntax",
        "unknown-field",
        "duplicate-key",
        "not-a-rule",
    ];
    let flags = bytes.next();
    let code = CODES[usize::from(flags % 4)];
    let severity = [Severity::Error, Severity::Warning, Severity::Info][usize::from(flags / 4 % 3)];
    let message = bytes.text();
    let mut d = Diagnostic::new(code, severity, message, bytes.span());
    if flags & 0x10 != 0 {
        d = d.with_label(bytes.text());
    }
    for _ in 0..bytes.next() % 4 {
        let span = bytes.span();
        d = d.with_secondary(span, bytes.text());
    }
    if flags & 0x20 != 0 {
        d = d.with_help(bytes.text());
    }
    if flags & 0x40 != 0 {
        let message = bytes.text();
        let edit = Edit::replace(bytes.span(), bytes.text());
        d = d.with_fix(if flags & 0x80 != 0 {
            Fix::safe(message, [edit])
        } else {
            Fix::needs_review(message, [edit])
        });
    }
    d
}

/// `duration`: any string to `ztlint::duration::parse`. No panic; what
/// parses prints as Go prints it, and that text parses to the same value.
pub fn duration(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ztlint::duration::parse(text) {
        Ok(d) => {
            let shown = d.to_string();
            let again = ztlint::duration::parse(&shown)
                .unwrap_or_else(|e| panic!("{shown:?} (from {text:?}) does not parse: {e}"));
            assert_eq!(again.as_nanos(), d.as_nanos(), "{text:?} -> {shown:?}");
        }
        Err(e) => assert!(e.to_string().starts_with("time: "), "{e}"),
    }
}

/// `fix`: lint, apply every fix, repeat. The result still parses, fixing
/// converges, a further pass changes nothing, no fixable finding is left,
/// and every byte outside the edited spans is untouched.
pub fn fix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let linter = Linter::new();
    let first = linter.lint(text);
    if first.iter().any(|d| d.code() == json::SYNTAX_CODE) {
        return;
    }
    let (once, _) = ztlint::apply_fixes(text, &first, Applicability::Unsafe);
    check_untouched_outside_edits(text, &once, &first);

    let mut current = once;
    for _ in 0..16 {
        let diagnostics = linter.lint(&current);
        assert!(
            diagnostics.iter().all(|d| d.code() != json::SYNTAX_CODE),
            "fixing broke the JSON: {text:?} -> {current:?}: {diagnostics:#?}"
        );
        let (next, applied) = ztlint::apply_fixes(&current, &diagnostics, Applicability::Unsafe);
        if applied == 0 {
            assert_eq!(
                next, current,
                "a pass that applied nothing changed the text"
            );
            let fixable: Vec<_> = diagnostics
                .iter()
                .filter(|d| !d.fixes().is_empty())
                .collect();
            assert!(fixable.is_empty(), "unapplied fixes remain: {fixable:#?}");
            return;
        }
        current = next;
    }
    panic!("fixes did not converge in 16 passes: {text:?} -> {current:?}");
}

/// `structured`: an arbitrary typed update, serialised and linted. No panic;
/// the serde round trip holds, and the output is JSON that ztlint parses.
#[cfg(feature = "arbitrary")]
pub fn structured(data: &[u8]) {
    use arbitrary::Arbitrary;
    use ztlint::model::OrganizationUpdate;

    let mut input = arbitrary::Unstructured::new(data);
    let Ok(update) = OrganizationUpdate::arbitrary(&mut input) else {
        return;
    };
    let text = serde_json::to_string_pretty(&update).expect("the model serialises");
    let diagnostics = ztlint::lint(&text);
    assert!(
        diagnostics.iter().all(|d| d.code() != json::SYNTAX_CODE),
        "{text}: {diagnostics:#?}"
    );
    for d in &diagnostics {
        check_diagnostic(&text, d);
    }
    let back: OrganizationUpdate = serde_json::from_str(&text).expect("the model deserialises");
    assert_eq!(back, update, "serde round trip of {text}");
    let _ = update.validate();
}

fn check_span(source: &str, range: std::ops::Range<usize>) {
    assert!(
        range.start <= range.end && range.end <= source.len(),
        "{range:?} out of bounds"
    );
    assert!(source.is_char_boundary(range.start) && source.is_char_boundary(range.end));
}

fn check_diagnostic(source: &str, d: &Diagnostic) {
    check_span(source, d.span().range());
    for label in d.secondary() {
        check_span(source, label.span().range());
    }
    for fix in d.fixes() {
        for edit in fix.edits() {
            check_span(source, edit.span().range());
        }
    }
    assert!(!d.message().is_empty(), "{d:?}");
}

fn check_value_spans(source: &str, value: &Value<'_>) {
    let span = value.span().range();
    check_span(source, span.clone());
    let token = &source[span];
    match value.kind() {
        ValueKind::Null => assert_eq!(token, "null"),
        ValueKind::Bool(b) => assert_eq!(token, if *b { "true" } else { "false" }),
        ValueKind::Number(n) => assert_eq!(token, n.as_str()),
        ValueKind::String(s) => check_string_token(token, s),
        ValueKind::Array(items) => {
            assert!(token.starts_with('[') && token.ends_with(']'), "{token:?}");
            items.iter().for_each(|v| check_value_spans(source, v));
        }
        ValueKind::Object(members) => {
            assert!(token.starts_with('{') && token.ends_with('}'), "{token:?}");
            for m in members {
                check_span(source, m.key().span().range());
                check_string_token(&source[m.key().span().range()], m.key().as_str());
                assert_eq!(m.span().start(), m.key().span().start());
                assert_eq!(m.span().end(), m.value().span().end());
                check_value_spans(source, m.value());
            }
        }
    }
}

/// A string token decodes (per serde_json) to exactly the decoded text.
fn check_string_token(token: &str, decoded: &str) {
    let by_serde: String = serde_json::from_str(token)
        .unwrap_or_else(|e| panic!("string token {token:?} is not a JSON string: {e}"));
    assert_eq!(by_serde, decoded, "{token:?}");
}

fn naive_position(source: &str, offset: usize) -> Position {
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Every maximal run of bytes outside all fix edits of `diagnostics` appears
/// in `fixed`, in order: fixes change only what they edit.
fn check_untouched_outside_edits(original: &str, fixed: &str, diagnostics: &[Diagnostic]) {
    let mut edits: Vec<(usize, usize)> = diagnostics
        .iter()
        .flat_map(|d| d.fixes())
        .flat_map(|f| f.edits())
        .map(|e| (e.span().start(), e.span().end()))
        .collect();
    edits.sort_unstable();
    let mut cursor = 0;
    let mut rest = fixed;
    for (start, end) in edits.into_iter().chain([(original.len(), original.len())]) {
        if start > cursor {
            let kept = &original[cursor..start];
            let at = rest
                .find(kept)
                .unwrap_or_else(|| panic!("untouched text {kept:?} is missing from {fixed:?}"));
            rest = &rest[at + kept.len()..];
        }
        cursor = cursor.max(end);
    }
}

fn has_number_beyond_f64(value: &Value<'_>) -> bool {
    match value.kind() {
        ValueKind::Number(n) => n.as_f64().is_none(),
        ValueKind::Array(items) => items.iter().any(has_number_beyond_f64),
        ValueKind::Object(members) => members.iter().any(|m| has_number_beyond_f64(m.value())),
        _ => false,
    }
}

/// The module the Terraform targets lint their input in, by the name it is
/// linted as: `terraform.tfvars` holds the input's text, so that
/// references resolve into it, and for `main.tf.json` `variables.tf` does
/// too. (`main.tf` defines what `variables.tf` would, in the same text;
/// each module file costs a parse of the input.)
fn module_for(name: &str, lossy: &str) -> ztlint::terraform::Module {
    let values = ztlint::terraform::Module::new().file("terraform.tfvars", lossy);
    if name.ends_with(".json") {
        values.file("variables.tf", lossy)
    } else {
        values
    }
}

/// The names the Terraform targets lint their input as.
const TERRAFORM_NAMES: [&str; 2] = ["main.tf", "main.tf.json"];

/// `terraform`: any bytes as a `.tf` file and as a `.tf.json` file, in the
/// module of [`module_for`]. Linted from its bytes, the file has the
/// findings of its decoded text and, only if it is not UTF-8 (or is UTF-8
/// that starts as UTF-16 or UTF-32 without a mark does), one that says so.
/// No panic; every span in the file is in bounds and on character
/// boundaries; a label elsewhere names a module file; fixes only touch
/// what they edit, and applying them all to a file that parses leaves a
/// file that parses. (How a large file is read apart is
/// [`terraform_apart`]'s.)
pub fn terraform(data: &[u8]) {
    let lossy = String::from_utf8_lossy(data);
    for name in TERRAFORM_NAMES {
        let module = &module_for(name, &lossy);
        let linted = Linter::new().lint_terraform_bytes(name, data, || module);
        // From bytes, the findings are those of the text plus what says
        // how the bytes were read. Bytes read as they are take the text's
        // own path: only decoded ones are linted again as text.
        let found = if linted.source.as_bytes() == data {
            linted.diagnostics.clone()
        } else {
            Linter::new().lint_terraform(name, &linted.source, module)
        };
        let encoding = |d: &&Diagnostic| matches!(d.code(), "invalid-utf8" | "wide-encoding");
        let mut from_bytes: Vec<_> = linted.diagnostics.iter().filter(|d| !encoding(d)).collect();
        let mut from_text: Vec<_> = found.iter().collect();
        let key = |d: &&Diagnostic| {
            (
                d.span().start(),
                d.span().end(),
                d.code(),
                d.message().to_string(),
            )
        };
        from_bytes.sort_by_key(key);
        from_text.sort_by_key(key);
        assert_eq!(from_bytes, from_text, "{name}: {data:?}");
        // UTF-8 is said to be otherwise only when its first characters
        // have the zero bytes of UTF-16 or UTF-32 without a byte order
        // mark: ASCII text in UTF-16BE is valid UTF-8 too.
        if std::str::from_utf8(data).is_ok() {
            let looks_wide = data.iter().take(4).any(|&b| b == 0);
            assert!(
                linted
                    .diagnostics
                    .iter()
                    .filter(encoding)
                    .all(|d| d.code() == "wide-encoding" && looks_wide),
                "{data:?}"
            );
        }
        let source: &str = &linted.source;
        for d in linted.diagnostics.iter().filter(encoding) {
            check_span(source, d.span().range());
        }
        for d in &found {
            check_span(source, d.span().range());
            assert!(!d.message().is_empty(), "{d:?}");
            for label in d.secondary() {
                match label.file() {
                    None => check_span(source, label.span().range()),
                    Some(file) => {
                        assert!(
                            ["variables.tf", "terraform.tfvars"].contains(&file),
                            "{file}"
                        );
                        check_span(source, label.span().range());
                    }
                }
            }
            for edit in d.fixes().iter().flat_map(|f| f.edits()) {
                check_span(source, edit.span().range());
            }
        }
        let unparsed = |found: &[Diagnostic]| {
            found
                .iter()
                .any(|d| matches!(d.code(), "terraform-syntax" | "json-syntax"))
        };
        if unparsed(&found) {
            continue;
        }
        let (fixed, _) = ztlint::apply_fixes(source, &found, Applicability::Unsafe);
        check_untouched_outside_edits(source, &fixed, &found);
        // Unchanged text lints as it did: it parses.
        if fixed == source {
            continue;
        }
        let again = Linter::new().lint_terraform(name, &fixed, module);
        assert!(
            !unparsed(&again),
            "fixing broke {name}: {source:?} -> {fixed:?}: {again:#?}"
        );
    }
}

/// `terraform_apart`, in fuzzing builds: a large `.tf` file is parsed a
/// run of items at a time, and a large `.tf` or `.tf.json` file linted a
/// resource at a time. Any bytes, read in small runs (one size an input,
/// by its length), read what a whole parse reads; linted apart as a `.tf`
/// and as a `.tf.json` file, they have the same findings in the same order
/// as linted whole. In a module of no other file: both lints read one the
/// same way, and each of its files would cost a parse of the input. Apart
/// from [`terraform`], so that each target runs over a thousand inputs a
/// second under AddressSanitizer: each reads its input with hcl-edit
/// several times. (The crate's own tests hold the seeds and regressions
/// to both properties, in every run size.)
pub fn terraform_apart(data: &[u8]) {
    #[cfg(fuzzing)]
    {
        ztlint::terraform::fuzz_runs_read_as_whole(&String::from_utf8_lossy(data));
        let decoded = ztlint::Decoded::terraform(data);
        let module = &ztlint::terraform::Module::new();
        for name in TERRAFORM_NAMES {
            let whole = Linter::new().lint_terraform_bytes(name, data, || module);
            let mut apart = Vec::new();
            Linter::new().fuzz_lint_terraform_apart(name, &decoded, module, &mut |d| apart.push(d));
            assert!(
                apart == whole.diagnostics,
                "{name} apart: {apart:?}\nwhole: {:?}",
                whole.diagnostics
            );
        }
    }
    #[cfg(not(fuzzing))]
    let _ = data;
}
