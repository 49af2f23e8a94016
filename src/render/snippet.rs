//! The source that the human report hands miette for one finding: read in
//! time proportional to what is shown, and cut to a bounded size.
//!
//! miette's own `SourceCode for str` scans the text from its start on every
//! read, which makes a report quadratic in its findings, and it echoes whole
//! lines, so a finding on a 1 MB line prints 1 MB (and a label past column
//! 65,535 makes its formatter panic). [`Snippet`] answers the same reads from
//! line starts instead. When what miette would draw stays small it is the
//! file itself, and the report is the same as miette's own; otherwise it is
//! a cut view of the file: only the lines around the labels, each long line
//! cut around the labels with `…` markers, and each label that spans many
//! lines cut to its first line.

use std::borrow::Cow;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::locate::Locator;
use crate::span::{LineIndex, Span};

/// Lines longer than this (in bytes) are cut in a view.
const LINE_LIMIT: usize = 240;

/// More lines than this in one finding's snippets make it a view.
const LINE_BUDGET: usize = 40;

/// A label over more lines than this is drawn over its first line only.
const SPAN_LINES: usize = 8;

/// Characters kept on each side of a label's start and end on a cut line.
const RADIUS: usize = 24;

/// The marker where a line is cut.
const CUT: &str = "…";

/// The context lines miette is asked for, before and after each label.
pub(super) const CONTEXT_LINES: usize = 1;

/// One finding's source for miette, with its labels in its own offsets.
pub(super) struct Snippet<'a> {
    name: &'a str,
    text: Cow<'a, str>,
    /// The lines of `text`.
    lines: TextLines<'a>,
    /// For a view: each line's line in the file, and which lines of `text`
    /// are runs of consecutive file lines.
    view: Option<View>,
    locator: &'a Locator<'a>,
}

/// How the lines of a cut view map back to the file.
struct View {
    /// For each line of the view, its 0-based line in the file.
    file_lines: Vec<usize>,
    /// Each run of consecutive file lines: its first and last view line.
    groups: Vec<(usize, usize)>,
    /// Label boundaries: view offset and file offset, sorted by the first.
    points: Vec<(usize, usize)>,
}

/// What a read returns, in offsets of the text read and lines of the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Read {
    start: usize,
    end: usize,
    /// The 0-based line of `start`, counted from the region's first line.
    line: usize,
    /// The newlines before `end`, from the region's start: miette's
    /// `line_count`, which it uses to decide which snippets to merge.
    line_count: usize,
}

/// Where the lines of a text start: what a read needs to know of them.
trait Lines {
    /// The 0-based line holding `offset`: the line starts at or before it,
    /// less one (0 before the first).
    fn line_of(&self, offset: usize) -> usize;
    /// Where 0-based line `line` starts, if there is that line.
    fn start(&self, line: usize) -> Option<usize>;
    /// How many lines there are.
    fn count(&self) -> usize;
}

/// The starts of some lines, in order: a view's own, or part of them.
impl Lines for [usize] {
    fn line_of(&self, offset: usize) -> usize {
        self.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn start(&self, line: usize) -> Option<usize> {
        self.get(line).copied()
    }

    fn count(&self) -> usize {
        self.len()
    }
}

impl Lines for Vec<usize> {
    fn line_of(&self, offset: usize) -> usize {
        self.as_slice().line_of(offset)
    }

    fn start(&self, line: usize) -> Option<usize> {
        self.as_slice().start(line)
    }

    fn count(&self) -> usize {
        self.len()
    }
}

/// A file's lines, from its index: nothing is kept per line, so a file of
/// millions of lines costs no more to draw from than a short one.
impl Lines for LineIndex<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.line_at(offset)
    }

    fn start(&self, line: usize) -> Option<usize> {
        self.line_start(line)
    }

    fn count(&self) -> usize {
        self.line_count()
    }
}

/// The lines of a snippet's text: the file's, or a cut view's own.
enum TextLines<'a> {
    File(&'a LineIndex<'a>),
    View(Vec<usize>),
}

/// Reads `offset..offset + len` with context lines the way miette's
/// `SourceCode for str` does, over the region `starts[0]..region_end` whose
/// lines start at `starts` (a region ends with its last line's newline).
fn read(
    starts: &(impl Lines + ?Sized),
    region_end: usize,
    offset: usize,
    len: usize,
    before: usize,
    after: usize,
) -> Read {
    // The newlines before `at` within the region: a line starting at or
    // before `at` (other than the first) follows one.
    let newlines_before = |at: usize| starts.line_of(at);
    let line = newlines_before(offset);
    let first = line.saturating_sub(before);
    let start = if before == 0 {
        offset
    } else {
        starts.start(first).unwrap_or(offset)
    };
    let end = if after == 0 {
        (offset + len).min(region_end)
    } else {
        let last = newlines_before(offset + len) + after;
        starts.start(last + 1).unwrap_or(region_end)
    };
    Read {
        start,
        end,
        line: first,
        line_count: newlines_before(end),
    }
}

impl<'a> Snippet<'a> {
    /// The snippet for labels `spans` (clamped into `text`, which has the
    /// same line starts as the locator's source): the text itself when
    /// miette's snippets of them stay small, else a cut view. Returns the
    /// labels' spans in the snippet's offsets.
    pub(super) fn new(
        name: &'a str,
        text: &'a str,
        locator: &'a Locator<'a>,
        spans: &[Span],
    ) -> (Snippet<'a>, Vec<Span>) {
        let starts = locator.index();
        if fits(text, starts, spans) {
            let snippet = Snippet {
                name,
                text: Cow::Borrowed(text),
                lines: TextLines::File(starts),
                view: None,
                locator,
            };
            return (snippet, spans.to_vec());
        }
        let cut = Cut::new(text, starts, spans);
        let view_spans = cut.view_spans();
        let snippet = Snippet {
            name,
            text: Cow::Owned(cut.text),
            lines: TextLines::View(cut.starts),
            view: Some(View {
                file_lines: cut.file_lines,
                groups: cut.groups,
                points: cut.points,
            }),
            locator,
        };
        (snippet, view_spans)
    }

    /// Whether the snippet is a cut view rather than the file.
    #[cfg(test)]
    pub(super) fn is_cut(&self) -> bool {
        self.view.is_some()
    }

    /// The lines of the snippet's text.
    fn lines(&self) -> &dyn Lines {
        match &self.lines {
            TextLines::File(index) => *index,
            TextLines::View(starts) => starts,
        }
    }

    /// The file offset of a label boundary at `offset` in the snippet.
    fn file_offset(&self, offset: usize) -> usize {
        match &self.view {
            None => offset,
            Some(view) => {
                let i = view.points.partition_point(|&(v, _)| v < offset);
                match view.points.get(i) {
                    Some(&(v, file)) if v == offset => file,
                    // Not a label boundary: the start of its line.
                    _ => {
                        let line = self.lines().line_of(offset);
                        let file_line = view.file_lines.get(line).copied().unwrap_or(0);
                        self.locator.index().line_start(file_line).unwrap_or(0)
                    }
                }
            }
        }
    }
}

/// Whether miette's snippets of `spans`, drawn from `text` as it is, stay
/// within the line budget and every line they show within the line limit.
/// The merging of overlapping snippets is miette's, from the same reads.
fn fits(text: &str, starts: &LineIndex<'_>, spans: &[Span]) -> bool {
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|s| s.start());
    let context = |s: Span| {
        read(
            starts,
            text.len(),
            s.start(),
            s.len(),
            CONTEXT_LINES,
            CONTEXT_LINES,
        )
    };
    let mut contexts: Vec<(Span, Read)> = Vec::new();
    for span in sorted {
        let right = context(span);
        if let Some(&(left_span, left)) = contexts.last() {
            if left.line + left.line_count >= right.line {
                let merged = Span::new(left_span.start(), left_span.end().max(span.end()));
                contexts.pop();
                contexts.push((merged, context(merged)));
                continue;
            }
        }
        contexts.push((span, right));
    }
    let mut lines = 0;
    for (_, read) in contexts {
        let first = read.line;
        // The last line that starts before the read's end.
        let last = starts.line_of(read.end.saturating_sub(1));
        for line in first..=last.max(first) {
            lines += 1;
            let start = starts.start(line).unwrap_or(text.len());
            let end = starts.start(line + 1).unwrap_or(text.len());
            if lines > LINE_BUDGET || end - start > LINE_LIMIT {
                return false;
            }
        }
    }
    true
}

/// A cut view of a file around some labels.
struct Cut {
    /// The labels as drawn, in file offsets.
    drawn: Vec<Span>,
    text: String,
    starts: Vec<usize>,
    file_lines: Vec<usize>,
    groups: Vec<(usize, usize)>,
    points: Vec<(usize, usize)>,
}

impl Cut {
    fn new(source: &str, starts: &LineIndex<'_>, spans: &[Span]) -> Cut {
        let line_of = |offset: usize| starts.line_of(offset);
        let last_file_line = starts.count() - 1;
        // The labels as drawn: over their first line only when they span
        // many; their boundaries are the points a cut line keeps.
        let drawn: Vec<Span> = spans.iter().map(|&s| clip(source, starts, s)).collect();
        let mut ranges: Vec<(usize, usize)> = drawn
            .iter()
            .map(|s| {
                let last = line_of(s.end().saturating_sub(1).max(s.start()));
                (
                    line_of(s.start()).saturating_sub(CONTEXT_LINES),
                    (last + CONTEXT_LINES).min(last_file_line),
                )
            })
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (first, last) in ranges {
            match merged.last_mut() {
                Some(prev) if first <= prev.1 + 1 => prev.1 = prev.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        let mut points: Vec<usize> = drawn.iter().flat_map(|s| [s.start(), s.end()]).collect();
        points.sort_unstable();
        points.dedup();

        let mut cut = Cut {
            drawn: Vec::new(),
            text: String::new(),
            starts: Vec::new(),
            file_lines: Vec::new(),
            groups: Vec::new(),
            points: Vec::new(),
        };
        for (first, last) in merged {
            let group_first = cut.file_lines.len();
            for line in first..=last {
                let start = starts.start(line).unwrap_or(source.len());
                let end = starts.start(line + 1).unwrap_or(source.len());
                cut.push_line(source, start, end, line, &points);
            }
            cut.groups.push((group_first, cut.file_lines.len() - 1));
        }
        cut.drawn = drawn;
        cut
    }

    /// Appends file line `line` (`start..end`, its newline included), cut
    /// around `points` when it is long.
    fn push_line(&mut self, source: &str, start: usize, end: usize, line: usize, points: &[usize]) {
        self.starts.push(self.text.len());
        self.file_lines.push(line);
        let full = &source[start..end];
        let content_end = start + full.trim_end_matches(['\n', '\r']).len();
        let here: Vec<usize> = points
            .iter()
            .copied()
            .filter(|&p| p >= start && p <= content_end)
            .collect();
        if content_end - start <= LINE_LIMIT {
            for &p in &here {
                self.points.push((self.text.len() + p - start, p));
            }
            self.text.push_str(full);
            return;
        }
        // Windows of RADIUS characters around each point, merged when they
        // touch; a line with no point keeps its beginning.
        let mut windows: Vec<(usize, usize)> = Vec::new();
        let anchors = if here.is_empty() {
            vec![start]
        } else {
            here.clone()
        };
        for p in anchors {
            let from = back(source, p, RADIUS).max(start);
            let to = forward(source, p, RADIUS).min(content_end);
            match windows.last_mut() {
                Some(w) if from <= w.1 + CUT.len() => w.1 = w.1.max(to),
                _ => windows.push((from, to)),
            }
        }
        let mut cursor = start;
        for (from, to) in windows {
            if from > cursor {
                self.text.push_str(CUT);
            }
            for &p in here.iter().filter(|&&p| p >= from && p <= to) {
                self.points.push((self.text.len() + p - from, p));
            }
            self.text.push_str(&source[from..to]);
            cursor = to;
        }
        if cursor < content_end {
            self.text.push_str(CUT);
        }
        self.text.push_str(&source[content_end..end]);
    }

    /// The labels as drawn, in the view's offsets.
    fn view_spans(&self) -> Vec<Span> {
        let mut points = self.points.clone();
        points.sort_unstable_by_key(|&(_, file)| file);
        let to_view = |file: usize| {
            let i = points.partition_point(|&(_, f)| f < file);
            points.get(i).map_or(self.text.len(), |&(v, _)| v)
        };
        self.drawn
            .iter()
            .map(|s| Span::new(to_view(s.start()), to_view(s.end())))
            .collect()
    }
}

/// `span`, ending at the end of its first line when it spans more than
/// [`SPAN_LINES`] lines.
fn clip(source: &str, starts: &LineIndex<'_>, span: Span) -> Span {
    let line_of = |offset: usize| starts.line_of(offset);
    let first = line_of(span.start());
    let last = line_of(span.end().saturating_sub(1).max(span.start()));
    if last - first <= SPAN_LINES {
        return span;
    }
    let line_end = starts.start(first + 1).unwrap_or(source.len());
    let content = source[span.start()..line_end].trim_end_matches(['\n', '\r']);
    Span::new(span.start(), span.start() + content.len())
}

/// The offset `n` characters before `offset` (or the text's start).
fn back(source: &str, offset: usize, n: usize) -> usize {
    source[..offset]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `n` characters after `offset` (or the text's end).
fn forward(source: &str, offset: usize, n: usize) -> usize {
    source[offset..]
        .char_indices()
        .nth(n)
        .map_or(source.len(), |(i, _)| offset + i)
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (offset, len) = (span.offset(), span.len());
        if offset + len > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (read, line, line_count) = match &self.view {
            None => {
                let r = read(
                    self.lines(),
                    self.text.len(),
                    offset,
                    len,
                    context_lines_before,
                    context_lines_after,
                );
                (r, r.line, r.line_count)
            }
            Some(view) => {
                // Both ends in one run of consecutive file lines, read as if
                // it were the whole text; a read across runs fails, so
                // miette draws separate snippets for them.
                let TextLines::View(starts) = &self.lines else {
                    return Err(MietteError::OutOfBounds);
                };
                let line_of = |at: usize| starts.line_of(at);
                let first = line_of(offset);
                let last = line_of((offset + len).saturating_sub(1).max(offset));
                let Some(&(group_first, group_last)) = view
                    .groups
                    .iter()
                    .find(|&&(f, l)| f <= first && first <= l)
                    .filter(|&&(_, l)| last <= l)
                else {
                    return Err(MietteError::OutOfBounds);
                };
                let region = starts.get(group_first..=group_last).unwrap_or_default();
                let region_end = starts
                    .get(group_last + 1)
                    .copied()
                    .unwrap_or(self.text.len());
                let r = read(
                    region,
                    region_end,
                    offset,
                    len,
                    context_lines_before,
                    context_lines_after,
                );
                let file_first = view.file_lines[group_first];
                (r, file_first + r.line, file_first + r.line_count)
            }
        };
        // Without context lines the contents start at the span, and the
        // column is the span's, counted in characters as every format
        // counts; with them they start at a line, column 0.
        let column = if context_lines_before == 0 {
            self.locator.position(self.file_offset(offset)).column - 1
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &self.text.as_bytes()[read.start..read.end],
            SourceSpan::new(read.start.into(), read.end - read.start),
            line,
            column,
            line_count,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read` gives what miette's own `SourceCode for str` gives, for every
    /// span of a few texts, with and without context lines.
    #[test]
    fn reads_agree_with_miettes_own() {
        for text in [
            "",
            "a",
            "{\n  \"a\": 1,\n\n  \"b\": [\n    2\n  ]\n}\n",
            "x\r\ny\r\n",
            "ab\ncd",
        ] {
            let starts = crate::LineIndex::new(text);
            for offset in 0..=text.len() {
                for len in 0..=text.len() - offset {
                    for (before, after) in [(0, 0), (1, 1), (2, 2)] {
                        let theirs = text
                            .read_span(&SourceSpan::new(offset.into(), len), before, after)
                            .unwrap();
                        let ours = read(&starts, text.len(), offset, len, before, after);
                        // An empty span at the start of a text that opens
                        // with a newline is the one place they differ.
                        if offset == 0 && text.starts_with('\n') {
                            continue;
                        }
                        let what = format!("{text:?} {offset}+{len} ({before}, {after})");
                        assert_eq!(theirs.line(), ours.line, "{what}");
                        if after > 0 {
                            assert_eq!(theirs.span().offset(), ours.start, "{what}");
                            assert_eq!(theirs.span().len(), ours.end - ours.start, "{what}");
                            assert_eq!(theirs.line_count(), ours.line_count, "{what}");
                        }
                    }
                }
            }
        }
    }

    fn snippet_of<'a>(
        text: &'a str,
        locator: &'a Locator<'a>,
        spans: &[Span],
    ) -> (Snippet<'a>, Vec<Span>) {
        Snippet::new("f.json", text, locator, spans)
    }

    #[test]
    fn short_snippets_are_the_file_itself() {
        let text = "{\n  \"a\": 1\n}\n";
        let locator = Locator::new(text);
        let (snippet, spans) = snippet_of(text, &locator, &[Span::new(4, 7)]);
        assert!(!snippet.is_cut());
        assert_eq!(spans, [Span::new(4, 7)]);
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_with_markers() {
        let text = format!(
            "{{\"k\": {}, \"x\": 1, {}}}\n",
            "1".repeat(500),
            "2".repeat(500)
        );
        let at = text.find("\"x\"").unwrap();
        let locator = Locator::new(&text);
        let (snippet, spans) = snippet_of(&text, &locator, &[Span::new(at, at + 3)]);
        assert!(snippet.is_cut());
        let expected = format!("…{}, \"x\": 1, {}…\n", "1".repeat(22), "2".repeat(19));
        assert_eq!(snippet.text, expected);
        assert_eq!(&snippet.text[spans[0].range()], "\"x\"");
        let read = snippet
            .read_span(&SourceSpan::new(spans[0].start().into(), 3), 0, 0)
            .unwrap();
        assert_eq!((read.line(), read.column()), (0, at));
    }

    #[test]
    fn a_long_label_keeps_both_ends_and_far_lines_are_separate_runs() {
        let mut text = String::from("{\"a\": 1");
        for i in 0..100 {
            text.push_str(&format!(",\n\"k{i}\": 0"));
        }
        text.push_str(&format!(",\n\"n\": {}\n}}\n", "9".repeat(1000)));
        let number = text.find("999").unwrap();
        let locator = Locator::new(&text);
        let spans = [Span::new(number, number + 1000), Span::new(1, 4)];
        let (snippet, drawn) = snippet_of(&text, &locator, &spans);
        assert!(snippet.is_cut());
        assert_eq!(
            &snippet.text[drawn[0].range()],
            format!("{}…{}", "9".repeat(24), "9".repeat(24))
        );
        assert_eq!(&snippet.text[drawn[1].range()], "\"a\"");
        let view = snippet.view.as_ref().unwrap();
        assert_eq!(view.file_lines, [0, 1, 100, 101, 102]);
        assert_eq!(view.groups, [(0, 1), (2, 4)]);
        // A read across the two runs fails, so miette draws two snippets.
        let across = SourceSpan::new(drawn[1].start().into(), drawn[0].end() - drawn[1].start());
        assert!(snippet.read_span(&across, 1, 1).is_err());
        let far = snippet
            .read_span(&SourceSpan::new(drawn[0].start().into(), 1), 1, 1)
            .unwrap();
        assert_eq!(far.line(), 100);
    }

    #[test]
    fn a_label_over_many_lines_is_drawn_over_its_first() {
        let text = format!("[{}\n]\n", "\n1,".repeat(50));
        let locator = Locator::new(&text);
        let (snippet, drawn) = snippet_of(&text, &locator, &[Span::new(0, text.len() - 1)]);
        assert!(snippet.is_cut());
        assert_eq!(&snippet.text[drawn[0].range()], "[");
        assert_eq!(snippet.text, "[\n1,\n");
    }
}
