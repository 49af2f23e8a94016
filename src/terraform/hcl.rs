//! The native syntax of `.tf` and `.tfvars` files, read with `hcl-edit`,
//! which keeps a byte span for every key and value.

use std::borrow::Cow;

use hcl_edit::expr::{Expression, ObjectKey, ObjectValueAssignment, ObjectValueTerminator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::{Element, Template};

use super::expr::{Expr, ExprValue, Item, KeyForm, Reference, ReferenceKind, Syntax};
use super::resource::{BlockUse, Resource, ResourceBody};
use super::{number, ProviderVersion};
use crate::span::Span;

/// A `.tf` file that does not parse: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) at: usize,
    pub(crate) message: String,
}

/// Parses `source` as an HCL body.
pub(crate) fn parse(source: &str) -> Result<Body, SyntaxError> {
    parse_mended(&mended(source))
}

/// How much text of the items [`parse_keeping`] drops it parses at once,
/// and how large a file must be for it to parse the file in runs.
const RUN_BYTES: usize = 1 << 18;

/// Parses `source` as [`parse`] does, but keeps as a tree only the
/// top-level items whose text `keeps` takes, and the top-level attributes.
/// A large file is parsed one run of the other blocks at a time, each
/// dropped when parsed, and then without them, blanked out at the same
/// offsets: it costs the tree of the kept items only. A syntax error is
/// the one [`parse`] finds: where a run does not parse, the text up to it
/// is parsed with the runs before it blanked out; where that could read
/// otherwise than a whole parse, the file is parsed whole.
pub(crate) fn parse_keeping(source: &str, keeps: fn(&str) -> bool) -> Result<Body, SyntaxError> {
    parse_in_runs(source, keeps, RUN_BYTES)
}

/// [`parse_keeping`] with runs of `run_bytes`.
fn parse_in_runs(
    source: &str,
    keeps: fn(&str) -> bool,
    run_bytes: usize,
) -> Result<Body, SyntaxError> {
    if source.len() <= run_bytes {
        return parse(source);
    }
    let text = mended(source);
    let kept = super::items::top_level_items(&text)
        .and_then(|items| kept_items(&text, items, keeps, run_bytes, &mut |_, _| {}));
    match kept {
        Some(parsed) => parsed,
        None => parse_mended(&text),
    }
}

/// A large `.tf` file read to be linted a resource at a time.
pub(crate) struct Apart<'a> {
    /// The file's text, [`mended`].
    pub(crate) text: Cow<'a, str>,
    /// The tree of the items `keeps` takes, and of the top-level
    /// attributes.
    pub(crate) kept: Body,
    /// The items taken apart, in order: each is parsed alone by
    /// [`parse_item`].
    pub(crate) apart: Vec<std::ops::Range<usize>>,
}

/// Reads `source`, a file over `run_bytes`, as [`parse_keeping`] does with
/// `keeps`, and gives the ranges of the blocks `apart` takes, which it
/// must not keep: each reads alone as in a whole parse. Every tree it
/// parses, of a run of dropped items and then of the kept ones, is shown
/// to `trees` with the offset of its text: between them, they hold every
/// string of the file. `None` when the
/// file is to be read whole: it is not that large, the scan of its items
/// gives up, or [`kept_items`] would parse it whole (which it does where a
/// dropped block could read otherwise alone, see [`ends_a_value`]).
pub(crate) fn parse_apart<'a>(
    source: &'a str,
    keeps: fn(&str) -> bool,
    apart: fn(&str) -> bool,
    run_bytes: usize,
    trees: &mut dyn FnMut(&Body, usize),
) -> Option<Result<Apart<'a>, SyntaxError>> {
    if source.len() <= run_bytes {
        return None;
    }
    let text = mended(source);
    let items = super::items::top_level_items(&text)?;
    let taken = items
        .iter()
        .filter(|item| {
            let item = &text[(*item).clone()];
            apart(item) && is_block(item)
        })
        .cloned()
        .collect();
    // Runs no longer than a file parsed in runs has: a run's tree is some
    // fifty times its text.
    let kept = match kept_items(&text, items, keeps, run_bytes.min(RUN_BYTES), trees)? {
        Ok(kept) => kept,
        Err(error) => return Some(Err(error)),
    };
    trees(&kept, 0);
    Some(Ok(Apart {
        text,
        kept,
        apart: taken,
    }))
}

/// The tree of `item`, a block of `apart.text` that [`parse_apart`] took
/// apart, parsed alone. Its spans are from the item's start: read it with
/// a [`Text`] whose base is that.
pub(crate) fn parse_item(text: &str, item: std::ops::Range<usize>) -> Option<Body> {
    parse_mended(text.get(item)?).ok()
}

/// The tree of the top-level `items` of `text` (already [`mended`]) that
/// `keeps` takes, the others parsed in runs of about `run_bytes`, each
/// run's tree shown to `runs` with the offset of its text, or the syntax
/// error a whole parse finds. `None` when the text is to be parsed
/// whole: every item is kept, or a syntax error could be found otherwise
/// than by a whole parse.
fn kept_items(
    text: &str,
    items: Vec<std::ops::Range<usize>>,
    keeps: fn(&str) -> bool,
    run_bytes: usize,
    runs: &mut dyn FnMut(&Body, usize),
) -> Option<Result<Body, SyntaxError>> {
    // Only blocks are dropped: hcl-edit refuses an attribute defined twice
    // in a body, which it sees only with every attribute of the body.
    let kept: Vec<bool> = items
        .iter()
        .map(|item| keeps(&text[item.clone()]) || !is_block(&text[item.clone()]))
        .collect();
    if kept.iter().all(|&kept| kept) {
        return None;
    }
    let mut run: Option<std::ops::Range<usize>> = None;
    for (i, item) in items.iter().enumerate() {
        let next = items.get(i + 1).map_or(text.len(), |next| next.start);
        let ends_run = |run: &std::ops::Range<usize>| {
            run.len() >= run_bytes || kept.get(i + 1).is_none_or(|&kept| kept)
        };
        if kept[i] {
            continue;
        }
        if i > 0 && !ends_a_value(&text[items[i - 1].clone()]) {
            return None;
        }
        let joined = match run.take() {
            Some(open) => open.start..item.end,
            None => item.clone(),
        };
        if !ends_run(&joined) {
            run = Some(joined);
        } else {
            match parse_mended(&text[joined.clone()]) {
                Ok(run) => runs(&run, joined.start),
                Err(_) => {
                    let blanked = blanked(text, &items, &kept, joined.start);
                    return failing_run(text, blanked, joined, next);
                }
            }
        }
    }
    let end = kept_end(text, &items, &kept);
    let blanked = blanked(text, &items, &kept, end);
    // The parse of the kept items needs neither list (16 bytes an item).
    drop((items, kept));
    // Only whole items were blanked, so every character left is whole.
    let blanked = String::from_utf8(blanked).ok()?;
    match parse_mended(&blanked) {
        Ok(body) => Some(Ok(body)),
        Err(_) => refused_as_whole(text, &blanked, text.len()),
    }
}

/// The text of `text` up to `end` with each item `kept` does not keep
/// blanked out at its offsets, its line feeds left. What is between items
/// stays: a carriage return there is Terraform's to refuse, unless a
/// comment holds it.
fn blanked(text: &str, items: &[std::ops::Range<usize>], kept: &[bool], end: usize) -> Vec<u8> {
    let mut blanked = text.as_bytes()[..end].to_vec();
    let dropped = items.iter().zip(kept).filter(|(_, &kept)| !kept);
    for (item, _) in dropped.take_while(|(item, _)| item.start < end) {
        blanked[item.start..item.end.min(end)]
            .iter_mut()
            .filter(|byte| **byte != b'\n')
            .for_each(|byte| *byte = b' ');
    }
    blanked
}

/// Where the text of the parse of the kept items can end: after the line
/// of the last item kept when only dropped items, blanks and comments
/// follow it, for hcl-edit reads them as nothing; otherwise the end of
/// `text`. So a file of dropped items is not copied whole to be parsed as
/// blanks, nor its blanks copied again into the tree's decor.
///
/// A dropped item after the last kept one means [`ends_a_value`] held for
/// that: hcl-edit reads nothing of the next line. Between items there are
/// only blanks and comments (see [`super::items::top_level_items`]); a
/// carriage return or another control character there keeps the rest, as
/// hcl-edit or Terraform may refuse it.
fn kept_end(text: &str, items: &[std::ops::Range<usize>], kept: &[bool]) -> usize {
    let last = kept.iter().rposition(|&kept| kept);
    let from = match last {
        None => 0,
        Some(last) if kept.get(last + 1) == Some(&false) => items[last].end,
        Some(_) => return text.len(),
    };
    let mut between = from;
    for item in items.iter().skip_while(|item| item.start < from) {
        if has_control(&text[between..item.start]) {
            return text.len();
        }
        between = item.end;
    }
    if has_control(&text[between..]) {
        return text.len();
    }
    match last {
        None => 0,
        Some(_) => text[from..]
            .find('\n')
            .map_or(text.len(), |at| from + at + 1),
    }
}

/// Whether `text` holds a control character other than a tab, a line
/// feed or the carriage return of a CRLF.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| match byte {
        b'\t' | b'\n' => false,
        b'\r' => bytes.get(at + 1) != Some(&b'\n'),
        _ => byte < b' ' || byte == 0x7f,
    })
}

/// The syntax error of `text` when `run`, a run of dropped items, does
/// not parse: that of the text up to the item after the run (at `next`),
/// with the runs before it blanked out, as they are in `blanked` (the
/// text up to the run); or
/// `None`, for a whole parse, where hcl-edit takes the run and only a
/// check of what Terraform refuses does not (a whole parse checks only a
/// text that hcl-edit takes whole). See [`refused_as_whole`].
fn failing_run(
    text: &str,
    mut blanked: Vec<u8>,
    run: std::ops::Range<usize>,
    next: usize,
) -> Option<Result<Body, SyntaxError>> {
    if hcl_edit::parser::parse_body(text.get(run.clone())?).is_ok() {
        return None;
    }
    let rest = text.get(run.start..next)?;
    // Exact: a doubling of a large text would hold twice its size.
    blanked.reserve_exact(rest.len());
    blanked.extend_from_slice(rest.as_bytes());
    // Whole items were blanked and whole text appended: all characters.
    refused_as_whole(text, &String::from_utf8(blanked).ok()?, next)
}

/// hcl-edit's refusal of `blanked`, the text of `text` up to `end` with
/// items that parse alone blanked out, when it is the refusal of a whole
/// parse of `text`; `None` otherwise, for a whole parse.
///
/// hcl-edit reads from the start and stops at the first error, so the
/// refusal is the same, unless:
/// - hcl-edit takes `blanked`, and only a check of what Terraform refuses
///   does not;
/// - hcl-edit fails at the end of `blanked`, before the end of `text`: the
///   text after it may read on;
/// - a lone carriage return is in `text` before `end`: in a comment, it
///   may make hcl-edit fail far from it.
fn refused_as_whole(text: &str, blanked: &str, end: usize) -> Option<Result<Body, SyntaxError>> {
    if lone_returns(text, 0..end).next().is_some() {
        return None;
    }
    let error = refusal(blanked, &hcl_edit::parser::parse_body(blanked).err()?);
    (error.at < end || end == text.len()).then_some(Err(error))
}

/// Whether the top-level item `text` ends as a value or a block does, so
/// that hcl-edit reads nothing after it on the next line. After `a = 15.`,
/// `1 +` or `=` it reads on, across the line break, into the next item: a
/// block there cannot be blanked out without changing what it reads.
/// Conservative: `a.*` or a name ending in `-` reads as open too.
fn ends_a_value(text: &str) -> bool {
    text.bytes()
        .next_back()
        .is_some_and(|last| last.is_ascii_alphanumeric() || b"_\"}])".contains(&last))
}

/// Whether the top-level item `text` starts as a block does: a name, then
/// a label or `{` (where an attribute has `=`).
fn is_block(text: &str) -> bool {
    let name = super::items::first_word(text);
    let rest = text[name.len()..].trim_start_matches([' ', '\t']);
    !name.is_empty()
        && rest
            .chars()
            .next()
            .is_some_and(|c| c == '{' || c == '"' || c.is_ascii_alphabetic() || c == '_')
}

/// The run sizes [`assert_runs_read_as_whole`] tries.
#[cfg(any(test, fuzzing))]
pub(crate) const RUNS: [usize; 3] = [1, 40, 4096];

/// Panics unless [`parse_in_runs`] reads from `source`, in runs of each of
/// the sizes `runs`, what [`parse`] reads: the same error, or the same
/// resources and definitions. For the tests and the `terraform` fuzz
/// target.
#[cfg(any(test, fuzzing))]
pub(crate) fn assert_runs_read_as_whole(source: &str, runs: &[usize]) {
    let read = |parsed: Result<Body, SyntaxError>| match parsed {
        Err(error) => format!("{error:?}"),
        Ok(body) => format!(
            "{:?}\n{:?}",
            resources(&body, Text::whole(source)),
            definitions(&body, Text::whole(source))
        ),
    };
    // A text no longer than a run is parsed whole: nothing to compare, and
    // no whole parse to spend on it.
    let mut runs = runs.iter().filter(|&&run| run < source.len()).peekable();
    if runs.peek().is_none() {
        return;
    }
    let whole = read(parse(source));
    for &run in runs {
        let read_in_runs = read(parse_in_runs(source, super::is_linted_item, run));
        assert_eq!(read_in_runs, whole, "runs of {run} in {source:?}");
    }
}

/// `source` with what hcl-edit misreads rewritten at the same length, so
/// that every offset hcl-edit reports is one in `source`.
fn mended(source: &str) -> Cow<'_, str> {
    // Terraform skips a UTF-8 byte order mark at the start of a file
    // (Windows PowerShell 5.1's `-Encoding UTF8` writes one); hcl-edit
    // refuses it. Read it as three spaces.
    let mut text = match source.strip_prefix('\u{feff}') {
        Some(rest) => Cow::Owned(format!("   {rest}")),
        None => Cow::Borrowed(source),
    };
    // hcl-edit 0.10 misreads an empty heredoc (`<<EOT` and `EOT` on the
    // next line): it reads on to the next line that closes a heredoc of
    // that name, taking the attributes between for the heredoc's text, or,
    // with none, fails at the first `${` or `%{` after it that starts no
    // valid template, even in a comment. Terraform reads `""`. So each
    // empty heredoc is read as `("")` of the same length: the same value,
    // at the same offsets, and like a heredoc never rewritten by a fix.
    if let Some(patched) = without_empty_heredocs(&text) {
        text = Cow::Owned(patched);
    }
    text
}

/// Parses `text`, already [`mended`], as an HCL body, and refuses what
/// hcl-edit takes and Terraform does not.
fn parse_mended(text: &str) -> Result<Body, SyntaxError> {
    // Of what hcl-edit takes and Terraform refuses, the first in the file.
    let checked = |body: Body| {
        let refused = [
            split_string(&body, text),
            lone_return(&body, text),
            dot_before_line_break(&body, text),
        ];
        match refused.into_iter().flatten().min_by_key(|error| error.at) {
            Some(error) => Err(error),
            None => Ok(body),
        }
    };
    let error = match hcl_edit::parser::parse_body(text) {
        Ok(body) => return checked(body),
        Err(error) => error,
    };
    // hcl-edit ends a `#` or `//` comment at a carriage return that no line
    // feed follows, and then fails, at times far from it; Terraform reads
    // it as part of the comment. So read every such carriage return as a
    // space: if that parses, the checks above, on the text as it is, refuse
    // those outside a comment, as Terraform does.
    if lone_returns(text, 0..text.len()).next().is_some() {
        let spaced = with_lone_returns_as_spaces(text);
        if let Ok(body) = hcl_edit::parser::parse_body(&spaced) {
            return checked(body);
        }
    }
    Err(refusal(text, &error))
}

/// hcl-edit's `error` in parsing `text`, at its offset in `text`.
fn refusal(text: &str, error: &hcl_edit::parser::Error) -> SyntaxError {
    let location = error.location();
    SyntaxError {
        at: offset_of(text, location.line(), location.column()),
        message: error.message().to_string(),
    }
}

/// `text` with each carriage return that no line feed follows written as
/// a space, at the same offsets.
fn with_lone_returns_as_spaces(text: &str) -> String {
    let mut spaced = text.as_bytes().to_vec();
    for at in lone_returns(text, 0..text.len()) {
        spaced[at] = b' ';
    }
    // Only an ASCII byte replaced an ASCII byte.
    String::from_utf8(spaced).unwrap_or_else(|_| text.to_string())
}

/// Where a quoted string in `body` runs over a line break: hcl-edit takes
/// one, Terraform refuses the file ("Quoted strings may not be split over
/// multiple lines").
fn split_string(body: &Body, source: &str) -> Option<SyntaxError> {
    let mut finder = SplitString {
        source,
        in_heredoc: false,
        first: None,
    };
    hcl_edit::visit::Visit::visit_body(&mut finder, body);
    finder.first.map(|at| SyntaxError {
        at,
        message: "a quoted string may not be split over lines: write `\\n`, or use a heredoc"
            .to_string(),
    })
}

/// Finds the first line break inside a quoted string: a string literal, a
/// block label, or a literal part of a quoted template (a heredoc's may
/// hold them, but not a quoted string inside its `${ }`).
struct SplitString<'a> {
    source: &'a str,
    in_heredoc: bool,
    first: Option<usize>,
}

impl SplitString<'_> {
    fn check(&mut self, span: Option<std::ops::Range<usize>>) {
        let Some(range) = span else { return };
        let Some(text) = self.source.get(range.clone()) else {
            return;
        };
        // Terraform takes a lone carriage return for a line break too
        // ("Invalid multi-line string"), where hcl-edit keeps it.
        if let Some(at) = text.find(['\n', '\r']) {
            let at = range.start + at;
            self.first = Some(self.first.map_or(at, |first| first.min(at)));
        }
    }
}

impl hcl_edit::visit::Visit for SplitString<'_> {
    fn visit_string(&mut self, node: &hcl_edit::Decorated<String>) {
        self.check(hcl_edit::Span::span(node));
    }

    fn visit_literal(&mut self, node: &hcl_edit::Spanned<String>) {
        if !self.in_heredoc {
            self.check(hcl_edit::Span::span(node));
        }
    }

    fn visit_heredoc_template(&mut self, node: &hcl_edit::template::HeredocTemplate) {
        let outer = std::mem::replace(&mut self.in_heredoc, true);
        hcl_edit::visit::visit_heredoc_template(self, node);
        self.in_heredoc = outer;
    }

    fn visit_interpolation(&mut self, node: &hcl_edit::template::Interpolation) {
        let outer = std::mem::replace(&mut self.in_heredoc, false);
        hcl_edit::visit::visit_interpolation(self, node);
        self.in_heredoc = outer;
    }
}

/// Where a line break follows the `.` of a traversal in `body` where line
/// breaks end an expression: hcl-edit reads `a.` and `b` on the next line
/// as `a.b`, Terraform refuses the file ("Invalid attribute name: An
/// attribute name is required after a dot").
fn dot_before_line_break(body: &Body, source: &str) -> Option<SyntaxError> {
    let mut finder = DotBeforeLineBreak {
        source,
        newlines_end_expressions: false,
        first: None,
    };
    hcl_edit::visit::Visit::visit_body(&mut finder, body);
    finder.first.map(|at| SyntaxError {
        at,
        message: "an attribute name must follow a `.` on the same line".to_string(),
    })
}

/// Finds the first `.` of a traversal that a line break follows, where
/// Terraform reads line breaks as the end of an expression: in an
/// attribute's value and in an object constructor, but not inside
/// parentheses, brackets, function arguments, `for` expressions or
/// template interpolations and directives, where it skips them (each
/// checked with `terraform fmt`).
struct DotBeforeLineBreak<'a> {
    source: &'a str,
    newlines_end_expressions: bool,
    first: Option<usize>,
}

impl DotBeforeLineBreak<'_> {
    /// Visits with `newlines_end_expressions` set to `value`, then restores
    /// it.
    fn within(&mut self, value: bool, visit: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.newlines_end_expressions, value);
        visit(self);
        self.newlines_end_expressions = outer;
    }

    fn check(&mut self, operator: &hcl_edit::Decorated<hcl_edit::expr::TraversalOperator>) {
        use hcl_edit::expr::TraversalOperator;
        use hcl_edit::Span as _;
        let after_dot = match operator.value() {
            TraversalOperator::GetAttr(ident) => ident.span(),
            TraversalOperator::AttrSplat(splat) => splat.span(),
            TraversalOperator::LegacyIndex(index) => index.span(),
            TraversalOperator::FullSplat(_) | TraversalOperator::Index(_) => return,
        };
        let (Some(operator), Some(after_dot)) = (operator.span(), after_dot) else {
            return;
        };
        let Some(gap) = self.source.get(operator.start..after_dot.start) else {
            return;
        };
        if gap.starts_with('.') && breaks_the_line(gap) {
            let at = operator.start;
            self.first = Some(self.first.map_or(at, |first| first.min(at)));
        }
    }
}

/// Whether `gap`, whitespace and comments, has a line break outside its
/// `/* */` comments: one over lines breaks none, to Terraform.
fn breaks_the_line(gap: &str) -> bool {
    let mut rest = gap;
    while let Some(start) = rest.find("/*") {
        if rest[..start].contains('\n') {
            return true;
        }
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    rest.contains('\n')
}

impl hcl_edit::visit::Visit for DotBeforeLineBreak<'_> {
    fn visit_attr(&mut self, node: &hcl_edit::structure::Attribute) {
        self.within(true, |v| hcl_edit::visit::visit_attr(v, node));
    }

    fn visit_object(&mut self, node: &hcl_edit::expr::Object) {
        self.within(true, |v| hcl_edit::visit::visit_object(v, node));
    }

    fn visit_array(&mut self, node: &hcl_edit::expr::Array) {
        self.within(false, |v| hcl_edit::visit::visit_array(v, node));
    }

    fn visit_parenthesis(&mut self, node: &hcl_edit::expr::Parenthesis) {
        self.within(false, |v| hcl_edit::visit::visit_parenthesis(v, node));
    }

    fn visit_func_args(&mut self, node: &hcl_edit::expr::FuncArgs) {
        self.within(false, |v| hcl_edit::visit::visit_func_args(v, node));
    }

    fn visit_for_expr(&mut self, node: &hcl_edit::expr::ForExpr) {
        self.within(false, |v| hcl_edit::visit::visit_for_expr(v, node));
    }

    fn visit_interpolation(&mut self, node: &hcl_edit::template::Interpolation) {
        self.within(false, |v| hcl_edit::visit::visit_interpolation(v, node));
    }

    fn visit_directive(&mut self, node: &hcl_edit::template::Directive) {
        self.within(false, |v| hcl_edit::visit::visit_directive(v, node));
    }

    fn visit_traversal(&mut self, node: &hcl_edit::expr::Traversal) {
        self.visit_expr(&node.expr);
        for operator in &node.operators {
            if self.newlines_end_expressions {
                self.check(operator);
            }
            // An index's brackets skip line breaks.
            self.within(false, |v| {
                hcl_edit::visit::Visit::visit_traversal_operator(v, operator.value());
            });
        }
    }
}

/// `source` with every empty heredoc in an expression's place replaced by
/// `("")` padded to its length, its line breaks kept; `None` when it has
/// none.
fn without_empty_heredocs(source: &str) -> Option<String> {
    let mut patched = source.as_bytes().to_vec();
    let mut found = false;
    let mut from = 0;
    while let Some(at) = source[from..].find("<<").map(|i| from + i) {
        from = at + 2;
        let Some(end) = empty_heredoc_at(source, at) else {
            continue;
        };
        let region = &mut patched[at..end];
        for byte in region.iter_mut().filter(|b| !matches!(b, b'\n' | b'\r')) {
            *byte = b' ';
        }
        region[..3].copy_from_slice(b"(\"\"");
        if let Some(last) = region.last_mut() {
            *last = b')';
        }
        found = true;
        from = end;
    }
    // Only ASCII bytes replaced ASCII bytes.
    found.then(|| String::from_utf8(patched).ok()).flatten()
}

/// The end of the empty heredoc whose `<<` is at `at`: `<<` or `<<-`, an
/// identifier and a line break, then only blanks and the identifier again,
/// not followed by an identifier character. The `<<` must stand where an
/// expression starts (after `=`, `:`, `(`, `[`, `,`, `?`, or an operator
/// such as `!` or `+`), so that text in a comment or a longer heredoc is
/// left alone.
fn empty_heredoc_at(source: &str, at: usize) -> Option<usize> {
    let before = source[..at].trim_end_matches([' ', '\t']);
    let starts_expression = [
        '=', ':', '(', '[', ',', '?', '!', '-', '+', '*', '/', '%', '<', '>', '&', '|',
    ];
    // At the start of a line, only in brackets: `[`, `(` or `,` before.
    let in_brackets = || before.trim_end().ends_with(['(', '[', ',']);
    let starts = if before.ends_with('\n') {
        in_brackets()
    } else {
        before.ends_with(starts_expression)
    };
    if !starts {
        return None;
    }
    let rest = &source[at + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let is_continue = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let name_len = rest.find(|c: char| !is_continue(c)).unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return None;
    }
    let after_name = &rest[name_len..];
    let next_line = after_name
        .strip_prefix("\r\n")
        .or_else(|| after_name.strip_prefix('\n'))?;
    let closing = next_line
        .trim_start_matches([' ', '\t'])
        .strip_prefix(name)?;
    if closing.starts_with(is_continue) {
        return None;
    }
    Some(source.len() - closing.len())
}

/// The byte offset of 1-based `line` and `column` (in characters) of
/// `source`, clamped into it.
fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match source[start..].find('\n') {
            Some(at) => start += at + 1,
            None => return source.len(),
        }
    }
    let line_text = source[start..].split('\n').next().unwrap_or_default();
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// The file a tree was parsed from, and where in it the text parsed
/// starts: a resource of a large file is parsed alone, out of its text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Text<'a> {
    pub(crate) source: &'a str,
    pub(crate) base: usize,
}

impl<'a> Text<'a> {
    /// The whole of `source`, parsed whole.
    pub(crate) fn whole(source: &'a str) -> Text<'a> {
        Text { source, base: 0 }
    }

    /// Where `node` is in the file.
    fn span(self, node: &impl hcl_edit::Span) -> Span {
        node.span().map_or(Span::empty(self.base), |range| {
            Span::new(self.base + range.start, self.base + range.end)
        })
    }
}

/// The spans of `body`'s texts, in order: quoted strings and block labels,
/// and the literal parts of templates and heredocs. They do not nest.
fn text_spans(body: &Body) -> Vec<std::ops::Range<usize>> {
    struct Texts(Vec<std::ops::Range<usize>>);
    impl hcl_edit::visit::Visit for Texts {
        fn visit_string(&mut self, node: &hcl_edit::Decorated<String>) {
            self.0.extend(hcl_edit::Span::span(node));
        }
        fn visit_literal(&mut self, node: &hcl_edit::Spanned<String>) {
            self.0.extend(hcl_edit::Span::span(node));
        }
    }
    let mut texts = Texts(Vec::new());
    hcl_edit::visit::visit_body(&mut texts, body);
    let mut texts = texts.0;
    texts.sort_by_key(|range| range.start);
    texts
}

/// The first of `items` (in ascending order of their `offset` in the
/// source of `body`) whose offset lies in the text of a quoted string, a template or a heredoc, or in a
/// quoted block label: where Terraform reads characters, and so refuses
/// bytes that are not UTF-8 ("Invalid character encoding"). In a comment,
/// even one inside `${ }`, it takes any byte.
pub(crate) fn first_in_text<T>(
    body: &Body,
    items: impl IntoIterator<Item = T>,
    offset: impl Fn(&T) -> usize,
) -> Option<T> {
    let texts = text_spans(body);
    items.into_iter().find(|item| {
        let at = offset(item);
        // The last text that starts at or before `at`.
        let after = texts.partition_point(|range| range.start <= at);
        after
            .checked_sub(1)
            .and_then(|i| texts.get(i))
            .is_some_and(|range| range.contains(&at))
    })
}

/// Where a carriage return that no line feed follows stands outside a
/// comment of `body`. hcl-edit reads one between tokens as a space, one in
/// a heredoc as text, and one in a quoted string as part of it; Terraform
/// refuses them all ("Invalid character", or for the last "Invalid
/// multi-line string", which [`split_string`] reports).
fn lone_return(body: &Body, source: &str) -> Option<SyntaxError> {
    // Most files have none: find that out without a visit.
    lone_returns(source, 0..source.len()).next()?;
    let at = first_lone_return_outside_comments(source, &text_spans(body))?;
    Some(SyntaxError {
        at,
        message: "a carriage return with no line feed after it is not allowed here: end lines with `\\n` or `\\r\\n`".to_string(),
    })
}

/// The offsets of the carriage returns in `range` of `source` that no line
/// feed follows.
fn lone_returns(source: &str, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let bytes = source.as_bytes();
    let start = range.start;
    source
        .get(range)
        .unwrap_or_default()
        .match_indices('\r')
        .map(move |(i, _)| start + i)
        .filter(move |&at| bytes.get(at + 1) != Some(&b'\n'))
}

/// The first lone carriage return of `source`, a text that parsed, that is
/// in none of its comments. `texts` are the spans of its quoted strings and
/// template texts, in order: a `#`, `//` or `/*` there starts no comment,
/// and a lone carriage return there is one Terraform refuses.
fn first_lone_return_outside_comments(
    source: &str,
    texts: &[std::ops::Range<usize>],
) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut texts = texts.iter().peekable();
    let mut at = 0;
    while at < bytes.len() {
        // Texts the last comment ran over (none in a text that parsed).
        while texts.next_if(|text| text.end <= at).is_some() {}
        if let Some(text) = texts.next_if(|text| text.start <= at) {
            if let Some(lone) = lone_returns(source, at..text.end).next() {
                return Some(lone);
            }
            at = text.end;
            continue;
        }
        let rest = &bytes[at..];
        at += match rest {
            [b'#', ..] | [b'/', b'/', ..] => memchr_or_end(rest, b"\n"),
            [b'/', b'*', ..] => memchr_or_end(&rest[2..], b"*/") + 2 + 2,
            [b'\r', b'\n', ..] => 2,
            [b'\r', ..] => return Some(at),
            _ => 1,
        };
    }
    None
}

/// The offset of the first `needle` in `haystack`, or its length.
fn memchr_or_end(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
        .unwrap_or(haystack.len())
}

/// The organization resources of `body`.
pub(crate) fn resources(body: &Body, text: Text<'_>) -> Vec<Resource> {
    body.blocks()
        .filter(|b| b.ident.as_str() == "resource")
        .filter_map(|block| resource(block, text))
        .collect()
}

fn resource(block: &Block, text: Text<'_>) -> Option<Resource> {
    let [kind, name] = block.labels.as_slice() else {
        return None;
    };
    let version = ProviderVersion::of(kind.as_str())?;
    let header = Span::new(text.span(block).start(), text.span(name).end());
    let mut body = ResourceBody::default();
    for structure in block.body.iter() {
        match structure {
            Structure::Attribute(attribute) => body.items.push(attribute_item(attribute, text)),
            Structure::Block(inner) => body.blocks.push(block_use(inner, text)),
        }
    }
    Some(Resource {
        version,
        address: format!("{}.{}", kind.as_str(), name.as_str()),
        header,
        whole: text.span(block),
        body,
        syntax: Syntax::Hcl,
    })
}

/// An attribute of a body as an item.
fn attribute_item(attribute: &hcl_edit::structure::Attribute, text: Text<'_>) -> Item {
    let whole = text.span(attribute);
    Item {
        key: attribute.key.as_str().to_string(),
        key_span: text.span(&attribute.key),
        key_form: Some(KeyForm::Ident),
        value: expr(&attribute.value, text),
        whole: Some(whole),
        removal: line_removal(text.source, whole),
    }
}

/// The lines that `whole` fills, newline included, when nothing but
/// blanks and a comment share them: removing them leaves the rest as it
/// was.
pub(crate) fn line_removal(source: &str, whole: Span) -> Option<Span> {
    let before = source.get(..whole.start())?;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    if !before[line_start..].trim().is_empty() {
        return None;
    }
    let after = source.get(whole.end()..)?;
    let line_end = after
        .find('\n')
        .map_or(source.len(), |at| whole.end() + at + 1);
    let rest = source.get(whole.end()..line_end)?.trim();
    let comment = rest.starts_with('#') || rest.starts_with("//");
    (rest.is_empty() || comment).then(|| Span::new(line_start, line_end))
}

/// A block inside a resource: `login_design { ... }`, `dynamic`,
/// `lifecycle`, ...
fn block_use(block: &Block, text: Text<'_>) -> BlockUse {
    let ident = block.ident.as_str();
    let ident_span = text.span(&block.ident);
    let labels = block
        .labels
        .iter()
        .map(|l| l.as_str().to_string())
        .collect();
    let mut items = Vec::new();
    let mut nested = false;
    for structure in block.body.iter() {
        match structure {
            Structure::Attribute(attribute) => items.push(attribute_item(attribute, text)),
            Structure::Block(_) => nested = true,
        }
    }
    let whole = text.span(block);
    BlockUse {
        ident: ident.to_string(),
        ident_span,
        labels,
        whole,
        // The body's braces: from the first `{` after the header.
        braces: Span::new(
            text.source
                .get(ident_span.end()..whole.end())
                .and_then(|rest| rest.find('{'))
                .map_or(whole.start(), |at| ident_span.end() + at),
            whole.end(),
        ),
        items,
        has_nested_blocks: nested,
    }
}

/// The value of `expression`, as far as it is known without evaluating
/// anything but literals.
pub(crate) fn expr(expression: &Expression, text: Text<'_>) -> Expr {
    let span = text.span(expression);
    let literal = |value| Expr::literal(value, span, Syntax::Hcl);
    match expression {
        Expression::Null(_) => literal(ExprValue::Null),
        Expression::Bool(b) => literal(ExprValue::Bool(*b.value())),
        // `- 3` is one number token to `hcl-edit`.
        Expression::Number(_) => {
            let number: String = text
                .source
                .get(span.range())
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            match number::canonical(&number) {
                Some(text) => literal(ExprValue::Number(text)),
                None => Expr::fixed(ExprValue::Unknown, span),
            }
        }
        Expression::String(s) => literal(ExprValue::String(s.value().to_string())),
        Expression::Array(array) => literal(ExprValue::List(
            array.iter().map(|item| expr(item, text)).collect(),
        )),
        Expression::Object(object) => {
            let mut items = Vec::with_capacity(object.len());
            for (key, value) in object.iter() {
                let (name, form) = match key {
                    ObjectKey::Ident(ident) => (ident.as_str().to_string(), KeyForm::Ident),
                    ObjectKey::Expression(Expression::String(s)) => {
                        (s.value().to_string(), KeyForm::Quoted)
                    }
                    // A computed key: the object's shape is not known.
                    ObjectKey::Expression(_) => return Expr::fixed(ExprValue::Unknown, span),
                };
                let key_span = text.span(key);
                let value_expr = expr(value.expr(), text);
                // A fix renames or removes an item only in the plain
                // `key = value` form, one item to a line.
                let plain = value.assignment() == ObjectValueAssignment::Equals
                    && value.terminator() != ObjectValueTerminator::Comma;
                let whole = key_span.to(value_expr.span);
                items.push(Item {
                    key: name,
                    key_span,
                    key_form: plain.then_some(form),
                    whole: plain.then_some(whole),
                    removal: if plain {
                        line_removal(text.source, whole)
                    } else {
                        None
                    },
                    value: value_expr,
                });
            }
            literal(ExprValue::Object(items))
        }
        Expression::StringTemplate(template) => template_value(template, span, false),
        Expression::HeredocTemplate(heredoc) => {
            let mut heredoc = (**heredoc).clone();
            // `<<-` strips the common leading whitespace of the lines.
            if text
                .source
                .get(span.range())
                .is_some_and(|t| t.starts_with("<<-"))
            {
                heredoc.dedent();
            }
            template_value(&heredoc.template, span, true)
        }
        Expression::Parenthesis(inner) => {
            let mut inner = expr(inner.inner(), text);
            inner.span = span;
            inner.literal = None;
            inner
        }
        Expression::Traversal(traversal) => match reference(traversal) {
            Some(reference) => Expr::fixed(ExprValue::Reference(reference), span),
            None => Expr::fixed(ExprValue::Unknown, span),
        },
        _ => Expr::fixed(ExprValue::Unknown, span),
    }
}

/// A template's value: its text when it has only literal parts; the
/// reference when it is one interpolation of `var.NAME` or `local.NAME`
/// alone, which Terraform unwraps to the reference's own value and type;
/// unknown otherwise.
fn template_value(template: &Template, span: Span, heredoc: bool) -> Expr {
    if !heredoc {
        if let Some(Element::Interpolation(interpolation)) = template.as_single_element() {
            if let Expression::Traversal(traversal) = &interpolation.expr {
                if let Some(reference) = reference(traversal) {
                    return Expr::fixed(ExprValue::Reference(reference), span);
                }
            }
            return Expr::fixed(ExprValue::Unknown, span);
        }
    }
    let mut text = String::new();
    for element in template.iter() {
        match element {
            Element::Literal(literal) => text.push_str(literal.value()),
            _ => return Expr::fixed(ExprValue::Unknown, span),
        }
    }
    // A heredoc is not a quoted string a fix could rewrite in place.
    if heredoc {
        Expr::fixed(ExprValue::String(text), span)
    } else {
        Expr::literal(ExprValue::String(text), span, Syntax::Hcl)
    }
}

/// `var.NAME` or `local.NAME`, with no further attribute or index.
fn reference(traversal: &hcl_edit::expr::Traversal) -> Option<Reference> {
    let Expression::Variable(root) = &traversal.expr else {
        return None;
    };
    let kind = match root.as_str() {
        "var" => ReferenceKind::Var,
        "local" => ReferenceKind::Local,
        _ => return None,
    };
    let [operator] = traversal.operators.as_slice() else {
        return None;
    };
    match operator.value() {
        hcl_edit::expr::TraversalOperator::GetAttr(name) => Some(Reference {
            kind,
            name: name.as_str().to_string(),
        }),
        _ => None,
    }
}

/// What a `.tf` file defines for references: each `variable`'s default
/// and each local, with the span of the definition.
pub(crate) fn definitions(body: &Body, text: Text<'_>) -> Vec<(Reference, Expr)> {
    let mut out = Vec::new();
    for block in body.blocks() {
        match (block.ident.as_str(), block.labels.as_slice()) {
            ("variable", [name]) => {
                if let Some(default) = block.body.get_attribute("default") {
                    out.push((
                        Reference {
                            kind: ReferenceKind::Var,
                            name: name.as_str().to_string(),
                        },
                        expr(&default.value, text),
                    ));
                }
            }
            ("locals", []) => {
                for attribute in block.body.attributes() {
                    out.push((
                        Reference {
                            kind: ReferenceKind::Local,
                            name: attribute.key.as_str().to_string(),
                        },
                        expr(&attribute.value, text),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// The values a `.tfvars` file assigns to variables.
pub(crate) fn assignments(body: &Body, text: Text<'_>) -> Vec<(String, Expr)> {
    body.attributes()
        .map(|a| (a.key.as_str().to_string(), expr(&a.value, text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(source: &str) -> Expr {
        let body = parse(source).unwrap();
        let attribute = body.attributes().next().unwrap();
        expr(&attribute.value, Text::whole(source))
    }

    #[test]
    fn literals_keep_their_spans() {
        let source = "a = \"caf\\u00e9 $${x}\"\n";
        let e = value_of(source);
        assert!(matches!(&e.value, ExprValue::String(s) if s == "café ${x}"));
        assert_eq!(&source[e.span.range()], "\"caf\\u00e9 $${x}\"");
        assert_eq!(e.literal, Some(Syntax::Hcl));
    }

    #[test]
    fn numbers_are_canonical_and_negation_is_a_literal() {
        assert!(matches!(value_of("a = 1.50e1").value, ExprValue::Number(n) if n == "15"));
        let e = value_of("a = - 3");
        assert!(matches!(&e.value, ExprValue::Number(n) if n == "-3"));
        assert_eq!(e.span, Span::new(4, 7));
    }

    #[test]
    fn references_are_kept_and_unwrapped_from_a_lone_interpolation() {
        for source in ["a = var.session", "a = \"${var.session}\""] {
            let e = value_of(source);
            assert!(
                matches!(&e.value, ExprValue::Reference(r) if r.shown() == "var.session"),
                "{source}"
            );
            assert_eq!(e.literal, None);
        }
        assert!(
            matches!(value_of("a = local.x").value, ExprValue::Reference(r) if r.shown() == "local.x")
        );
    }

    #[test]
    fn anything_evaluated_is_unknown() {
        for source in [
            "a = \"${var.a}h\"",
            "a = var.a.b",
            "a = upper(\"x\")",
            "a = cloudflare_zero_trust_organization.o.id",
            "a = true ? 1 : 2",
            "a = [for x in var.l : x]",
            "a = 1 + 2",
            "a = { (var.k) = 1 }",
            "a = \"%{if true}x%{endif}\"",
        ] {
            assert!(
                matches!(value_of(source).value, ExprValue::Unknown),
                "{source}"
            );
        }
    }

    #[test]
    fn heredocs_are_their_text_and_indented_ones_are_dedented() {
        let e = value_of("a = <<EOT\nhello\n  world\nEOT\n");
        assert!(matches!(&e.value, ExprValue::String(s) if s == "hello\n  world\n"));
        assert_eq!(e.literal, None);
        let e = value_of("a = <<-EOT\n    hello\n      world\n    EOT\n");
        assert!(
            matches!(&e.value, ExprValue::String(s) if s == "hello\n  world\n"),
            "{e:?}"
        );
    }

    #[test]
    fn object_items_record_how_their_keys_are_written() {
        let source = "a = {\n  x = 1\n  \"y\" = 2\n  z: 3\n}\n";
        let ExprValue::Object(items) = value_of(source).value else {
            panic!("an object");
        };
        let forms: Vec<_> = items.iter().map(|i| (i.key.as_str(), i.key_form)).collect();
        assert_eq!(
            forms,
            [
                ("x", Some(KeyForm::Ident)),
                ("y", Some(KeyForm::Quoted)),
                ("z", None)
            ]
        );
        assert_eq!(&source[items[0].whole.unwrap().range()], "x = 1");
    }

    #[test]
    fn an_empty_heredoc_is_read_as_terraform_reads_it() {
        // hcl-edit alone fails at the comment's `${`.
        let source = "a = <<-EOT\n  EOT\n# a ${ in a comment\nb = \"x\"\n";
        assert!(hcl_edit::parser::parse_body(source).is_err());
        let body = parse(source).unwrap();
        let values: Vec<_> = body
            .attributes()
            .map(|a| expr(&a.value, Text::whole(source)))
            .collect();
        assert!(matches!(&values[0].value, ExprValue::String(s) if s.is_empty()));
        // The whole heredoc, as its span, and never rewritten.
        assert_eq!(&source[values[0].span.range()], "<<-EOT\n  EOT");
        assert_eq!(values[0].literal, None);
        assert_eq!(&source[values[1].span.range()], "\"x\"");
        // CRLF, and the shortest heredoc.
        let source = "a = <<E\r\nE\r\n# ${\r\n";
        let body = parse(source).unwrap();
        let a = body.attributes().next().unwrap();
        assert_eq!(
            &source[expr(&a.value, Text::whole(source)).span.range()],
            "<<E\r\nE"
        );
    }

    #[test]
    fn an_empty_heredoc_takes_no_attribute_after_it() {
        // hcl-edit alone reads `a` on to the second heredoc's end: one
        // attribute, where Terraform reads three.
        let source = "a = <<-EOT\n  EOT\nb = \"1d\"\nc = <<-EOT\n  x\n  EOT\n";
        let alone = hcl_edit::parser::parse_body(source).unwrap();
        assert_eq!(alone.attributes().count(), 1);
        let body = parse(source).unwrap();
        let keys: Vec<_> = body.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        // After an operator, and at the start of a line in brackets (each
        // taken by Terraform 1.11).
        let source =
            "a = !<<-EOT\n  EOT\nb = 1 + <<EOT\nEOT\nc = [\n<<EOT\nEOT\n]\nd = <<-EOT\n  EOT\n";
        let body = parse(source).unwrap();
        let keys: Vec<_> = body.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
        // Two empty heredocs of one attribute name: Terraform 1.11 refuses
        // them ("Attribute redefined" at the second, checked in a `locals`
        // block), hcl-edit alone takes them as one attribute.
        let source = "a = <<-EOT\n  EOT\nx = 1\na = <<-EOT\n  EOT\n";
        assert!(hcl_edit::parser::parse_body(source).is_ok());
        let error = parse(source).unwrap_err();
        assert_eq!(error.at, source.rfind("a = ").unwrap());
        assert_eq!(
            error.message,
            "invalid attribute; expected unique attribute key; found redefined attribute"
        );
    }

    #[test]
    fn a_lone_carriage_return_in_a_line_comment_is_part_of_it() {
        // Each taken by Terraform 1.11 (`terraform fmt`), each refused by
        // hcl-edit alone.
        for source in [
            "# a\rb\nx = 1\n",
            "x = 1 # a\rb\ny = 2\n",
            "x = 1 // a\r\0b\r\ny = 2\n",
            "# one\rcomment\nx = 1 # two\rcomments\r\r\n",
        ] {
            assert!(hcl_edit::parser::parse_body(source).is_err(), "{source:?}");
            let body = parse(source).unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
            assert!(body.attributes().count() >= 1, "{source:?}");
        }
        // Terraform refuses a lone carriage return outside a comment
        // ("Invalid character"), as with `\r\r\n` line ends.
        let error = parse("x = 1\r\r\ny = 2\r\r\n").unwrap_err();
        assert_eq!(error.at, 5);
    }

    #[test]
    fn a_lone_carriage_return_outside_a_comment_is_a_syntax_error_at_it() {
        // Each case refused here is refused by Terraform 1.11 (`terraform
        // fmt`: "Invalid character"), and each taken is taken; hcl-edit
        // alone takes them all.
        for (source, before) in [
            ("x = <<EOT\na\rb\nEOT\n", "x = <<EOT\na"),
            ("x = \"${1\r}\"\n", "x = \"${1"),
            ("x = [1,\r2]\n", "x = [1,"),
            ("x = (1\r+2)\n", "x = (1"),
            // A `#` in a string starts no comment.
            ("x = [\"#\", \r 1]\n", "x = [\"#\", "),
        ] {
            assert!(hcl_edit::parser::parse_body(source).is_ok(), "{source:?}");
            let error = parse(source).unwrap_err();
            assert_eq!(error.at, before.len(), "{source:?}");
            assert_eq!(
                error.message,
                "a carriage return with no line feed after it is not allowed here: end lines with `\\n` or `\\r\\n`"
            );
        }
        for source in [
            "/* a\rb */\nx = 1\n",
            "x = 1 /* a\r*/\n",
            "x = 1 # c\r",
            "x = <<-EOT\n  a\r\n  EOT\n",
            // A `/*` in a string starts no comment, so none ends at `*/`.
            "x = \"/*\" # */ \r y\n",
            "x = [\"//\", 1 /* \r */]\n",
            "x = <<EOT\n${ 1 /* \r */ }\nEOT\n",
            "x = <<EOT\n# \r\nEOT\n",
            "x = {\n  a = 1 // c\r\n  b = 2 # \r d\n}\n",
        ] {
            assert!(parse(source).is_ok(), "{source:?}");
        }
    }

    #[test]
    fn a_line_break_after_a_dot_is_a_syntax_error_where_it_ends_an_expression() {
        // Each case refused here is refused by Terraform 1.11 (`terraform
        // fmt`: "Invalid attribute name"), and each taken is taken;
        // hcl-edit alone takes them all.
        for (source, before) in [
            ("x = a.\nb\n", "x = a"),
            ("x = a.b.\nc\n", "x = a.b"),
            ("x = a[0].\nb\n", "x = a[0]"),
            ("x = a.*.\nb\n", "x = a.*"),
            ("x = a.\n0\n", "x = a"),
            ("x = 1.\n5\n", "x = 1"),
            ("x = a.#c\nb\n", "x = a"),
            ("x = c ? a.\nb : d\n", "x = c ? a"),
            ("x = -a.\nb\n", "x = -a"),
            ("x = {k = a.\nb}\n", "x = {k = a"),
            ("x = {a.\nb = 1}\n", "x = {a"),
            ("x = [{k = a.\nb}]\n", "x = [{k = a"),
            ("x = ({k = a.\nb})\n", "x = ({k = a"),
        ] {
            assert!(hcl_edit::parser::parse_body(source).is_ok(), "{source:?}");
            let error = parse(source).unwrap_err();
            assert_eq!(error.at, before.len(), "{source:?}");
            assert_eq!(
                error.message,
                "an attribute name must follow a `.` on the same line"
            );
        }
        // Of several refusals, the first in the file is reported.
        for (source, before, message_start) in [
            ("x = \"p\nq\"\ny = a.\nb\n", "x = \"p", "a quoted string"),
            ("y = a.\nb\nx = \"p\nq\"\n", "y = a", "an attribute name"),
            ("y = [1,\r2]\nx = a.\nb\n", "y = [1,", "a carriage return"),
        ] {
            let error = parse(source).unwrap_err();
            assert_eq!(error.at, before.len(), "{source:?}");
            assert!(error.message.starts_with(message_start), "{source:?}");
        }
        // Inside parentheses, brackets, arguments, `for` expressions and
        // templates, Terraform skips line breaks; a `/* */` comment over
        // lines breaks none.
        for source in [
            "x = [a.\nb]\n",
            "x = (a.\nb)\n",
            "x = f(a.\nb)\n",
            "x = [for v in a.\nb : v]\n",
            "x = {for k, v in m : k => v.\nx}\n",
            "x = {k = [a.\nb]}\n",
            "x = {(a.\nb) = 1}\n",
            "x = \"${a.\nb}\"\n",
            "x = <<EOT\n%{ if a.\nb }y%{ endif }\nEOT\n",
            "x = a./*\n*/b\n",
            "x = a. b\n",
            "x = a[\n0]\n",
        ] {
            assert!(parse(source).is_ok(), "{source:?}");
        }
    }

    #[test]
    fn only_empty_heredocs_where_an_expression_starts_are_rewritten() {
        assert_eq!(
            without_empty_heredocs("a = <<EOT\nEOT\nb = [<<X\n  X]\n").as_deref(),
            Some("a = (\"\"  \n  )\nb = [(\"\"\n  )]\n")
        );
        for untouched in [
            "# <<EOT\nEOT\n",
            "a = <<EOT\nEOTS\nEOT\n",
            "a = <<EOT\nx\nEOT\n",
            "a = <<EOT x\nEOT\n",
            "a = <<9\n9\n",
            "a = <<",
        ] {
            assert_eq!(without_empty_heredocs(untouched), None, "{untouched:?}");
        }
    }

    #[test]
    fn a_quoted_string_over_a_line_break_is_a_syntax_error_at_the_break() {
        // Each case refused here is refused by Terraform 1.11 (`terraform
        // fmt`), and each taken is taken.
        for (source, break_after) in [
            ("a = \"x\ny\"\n", "a = \"x"),
            ("a = \"${var.x} and\nmore\"\n", "a = \"${var.x} and"),
            ("b \"la\nbel\" {\n}\n", "b \"la"),
            ("a = { \"k\nk\" = 1 }\n", "a = { \"k"),
            (
                "a = <<EOT\n${upper(\"x\ny\")}\nEOT\n",
                "a = <<EOT\n${upper(\"x",
            ),
            ("a = [\"ok\", \"not\nok\"]\n", "a = [\"ok\", \"not"),
            // A lone carriage return is a line break to Terraform.
            ("a = \"x\ry\"\n", "a = \"x"),
            ("b \"la\rbel\" {\n}\n", "b \"la"),
            ("a = { \"k\rk\" = 1 }\n", "a = { \"k"),
            ("a = \"${var.x}\r\"\n", "a = \"${var.x}"),
        ] {
            let error = parse(source).unwrap_err();
            assert_eq!(error.at, break_after.len(), "{source:?}");
            assert_eq!(
                error.message,
                "a quoted string may not be split over lines: write `\\n`, or use a heredoc"
            );
        }
        // Line breaks Terraform takes: in a heredoc, escaped, between the
        // parts of an expression, and in a comment.
        for source in [
            "a = <<EOT\nx\ny\nEOT\n",
            "a = <<-EOT\n  ${var.x}\n  y\n  EOT\n",
            "a = \"x\\ny\"\n",
            "a = [\n  \"x\",\n  \"y\",\n]\n",
            "a = \"x\" # \"y\n",
        ] {
            assert!(parse(source).is_ok(), "{source:?}");
        }
    }

    /// Every `.tf` text of the tests and of the fuzz seeds and regressions,
    /// and files of many items built around them.
    fn tf_corpus() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![
            root.join("fuzz/seeds/terraform"),
            root.join("fuzz/regressions/terraform"),
        ];
        let mut texts = Vec::new();
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.filter_map(Result::ok).map(|e| e.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    // As the `terraform` fuzz target reads its input.
                    texts.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        dirs.push(root.join("tests"));
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
            {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "tf") {
                    texts.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let others = "resource \"null_resource\" \"n\" {\n  triggers = { a = \"${var.x}\" }\n}\n# no\rte\nlocals {\n  l = <<EOT\n}\nEOT\n}\n";
        // Blocks a lint drops, each with a syntax error.
        let broken = [
            "data \"x\" \"y\" {\n  a = \"x\" b = 1\n}\n",
            "data \"x\" \"y\" {\n  a =\n}\n",
            "data \"x\" \"y\" {\n  a = 1 +\n}\n",
            "data \"x\" \"y\" {\n  a = foo.\n  bar\n}\n",
            "data \"x\" \"y\" {\n  a = \"x\\qy\"\n}\n",
            "data \"x\" \"y\"\n{\n}\n",
            "data \"x\" \"y\" { a = 1 }\n",
            "data \"x\" \"y\" {\n  dynamic \"z\" {\n    a = 1 = 2\n  }\n}\n",
        ];
        let dropped = "resource \"null_resource\" \"n\" {\n}\n";
        // Values that hcl-edit reads on from, across a line break, into
        // the block after them.
        let open = [
            "a = 15.", "a = x.", "a = 1 +", "a =", "a = x.*", "a = x ?", "a = -", "a = !",
        ];
        let built: Vec<String> = texts
            .iter()
            .flat_map(|text| {
                let (first, last) = (broken[text.len() % 8], broken[(text.len() / 8) % 8]);
                let open = open[text.len() % open.len()];
                [
                    format!("{others}{text}"),
                    format!("{text}\n{others}{others}"),
                    format!("{text}\n{first}{text}"),
                    format!("{first}{text}\n{last}"),
                    format!("{open} # c\n{dropped}{text}\n{first}"),
                ]
            })
            .chain(open.iter().map(|open| format!("{open}\n{dropped}b == 2\n")))
            // Items that could go on with the value before the dropped block.
            .chain(
                [".b = 1", "+ 1", "? 1 : 2", "[0] = 1", "(1)", "== 2", ".* = 1", "- 1"]
                    .iter()
                    .map(|next| format!("a = x\n{dropped}{next}\n")),
            )
            // Heredocs whose closing line the scan may read otherwise.
            .chain(
                ["EOT  ", "EOT\t", "  EOT", "EOT\r", "EOT # c", "EOTX\nEOT", "EOT\r\n"]
                    .iter()
                    .flat_map(|close| ["<<EOT", "<<-EOT", "<<EOT ", "<< EOT"].map(|open| (open, close)))
                    .flat_map(|(open, close)| {
                        let heredoc = format!("data \"x\" \"y\" {{\n  a = {open}\nx\n{close}\n}}\n");
                        texts.iter().take(20).map(move |text| format!("{heredoc}{text}\n{heredoc}"))
                    }),
            )
            // What follows the last kept item, left out of the parse of
            // the kept items or not.
            .chain(
                ["", "# c\n", "/* c\n*/\n", "# c\r\n", "# c\rd\n", "# c\x0cd\n", "\r\n", "#\u{7f}\n"]
                    .iter()
                    .flat_map(|after| {
                        [
                            format!("variable \"v\" {{\n}}\n{after}{dropped}{after}{dropped}{after}"),
                            format!("a = 1 # c\r\n{dropped}{after}"),
                            format!("{after}{dropped}{after}{dropped}"),
                            format!("{dropped}a = 1{after}"),
                        ]
                    }),
            )
            // An empty heredoc that `mended` leaves, which hcl-edit reads
            // on from, to the next.
            .chain([format!(
                "locals {{\n  a = [ # c\n<<EOT\nEOT\n  ]\n}}\n{dropped}locals {{\n  b = [ # c\n<<EOT\nEOT\n  ]\n}}\n"
            )])
            .collect();
        texts.extend(built);
        texts
    }

    #[test]
    fn parsing_in_runs_reads_what_a_whole_parse_reads() {
        let corpus = tf_corpus();
        assert!(corpus.len() >= 100, "{} texts", corpus.len());
        let (mut in_runs, mut errors_in_runs) = (0, 0);
        let (mut apart, mut found_apart) = (0, 0);
        for source in &corpus {
            assert_runs_read_as_whole(source, &RUNS);
            if let Some(found) = super::super::apart_findings(source.as_bytes()) {
                apart += 1;
                found_apart += found;
            }
            for run in RUNS {
                let text = mended(source);
                let kept = crate::terraform::items::top_level_items(&text).and_then(|items| {
                    kept_items(
                        &text,
                        items,
                        super::super::is_linted_item,
                        run,
                        &mut |_, _| {},
                    )
                });
                match kept {
                    Some(Ok(_)) => in_runs += 1,
                    Some(Err(_)) => errors_in_runs += 1,
                    None => {}
                }
            }
        }
        assert!(in_runs >= 100, "{in_runs} texts read in runs");
        assert!(
            apart >= 200 && found_apart >= 1000,
            "{apart} texts linted a resource at a time, {found_apart} findings"
        );
        assert!(
            errors_in_runs >= 300,
            "{errors_in_runs} errors found in runs"
        );
    }

    #[test]
    fn the_kept_items_are_parsed_to_the_line_of_the_last_when_blanks_and_comments_follow() {
        let end = |text: &str| {
            let items = super::super::items::top_level_items(text).unwrap();
            let kept: Vec<bool> = items
                .iter()
                .map(|item| !text[item.clone()].starts_with("resource"))
                .collect();
            kept_end(text, &items, &kept)
        };
        let dropped = "resource \"null_resource\" \"n\" {\n}\n";
        assert_eq!(end(&format!("a = 1 # c\n{dropped}# d\r\n{dropped}\n")), 10);
        // Nothing kept: nothing to parse.
        assert_eq!(end(&format!("# c\r\n{dropped}/* d */")), 0);
        // A lone carriage return, or a form feed in a comment, keeps the
        // rest: hcl-edit or Terraform may refuse it.
        for after in ["# c\rd\n", "# c\x0cd\n", "\r"] {
            let text = format!("a = 1\n{dropped}{after}");
            assert_eq!(end(&text), text.len(), "{text:?}");
        }
        // The last item kept, or one that is not the last: the whole text.
        for text in [format!("{dropped}a = 1\n\n"), "a = 1\n\n".to_string()] {
            assert_eq!(end(&text), text.len(), "{text:?}");
        }
    }

    #[test]
    fn a_syntax_error_in_or_after_a_dropped_item_is_found_where_a_whole_parse_finds_it() {
        let org = "resource \"cloudflare_zero_trust_organization\" \"o\" {\n  name = \"x\"\n}\n";
        for broken in [
            "resource \"null_resource\" \"n\" {\n  a = \"x\" b = 1\n}\n",
            "resource \"null_resource\" \"n\" {\n  a = foo.\n  bar\n}\n",
            "data \"x\" \"y\" {\n  a = \"x\ry\"\n}\n",
            // Between items, outside a comment.
            "data \"x\" \"y\" {\n}\n \r \n",
        ] {
            let source = format!("{org}{broken}{org}");
            let whole = parse(&source).unwrap_err();
            let runs = parse_in_runs(&source, super::super::is_linted_item, 1).unwrap_err();
            assert_eq!(runs, whole, "{source:?}");
            assert!(whole.at > org.len(), "{whole:?}");
        }
    }

    #[test]
    fn syntax_errors_have_an_offset() {
        let source = "resource \"a\" \"b\" {\n  x = \n}\n";
        let error = parse(source).unwrap_err();
        assert!(error.at <= source.len());
        assert!(!error.message.is_empty());
    }
}
