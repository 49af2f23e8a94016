//! Byte spans into the linted source, and their line/column positions.
//!
//! Every value, key and diagnostic in ztlint points back into the original
//! text with a [`Span`]: a half-open byte range that always lies on `char`
//! boundaries, so `&source[span.range()]` never panics for a span that ztlint
//! produced from that source.
//!
//! Lines and columns are derived from spans on demand with a [`LineIndex`].
//! Both are 1-based; columns count Unicode scalar values (not bytes, not
//! UTF-16 code units), which is what editors that speak "characters" and the
//! SARIF `unicodeCodePoints` column kind expect.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into a source text.
///
/// `Span` is `Copy`, unlike `Range<usize>`, so it can be stored and passed
/// around freely.
///
/// ```
/// use ztlint::Span;
///
/// let source = r#"{"name": "Widget"}"#;
/// let span = Span::new(9, 17);
/// assert_eq!(&source[span.range()], r#""Widget""#);
/// assert_eq!(span.len(), 8);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Creates the span `start..end`.
    ///
    /// An inverted pair is normalised to an empty span at `start`, so a
    /// `Span` is never backwards.
    pub const fn new(start: usize, end: usize) -> Span {
        if end < start {
            Span { start, end: start }
        } else {
            Span { start, end }
        }
    }

    /// An empty span at `offset`, for insertions and end-of-input errors.
    pub const fn empty(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The first byte of the span.
    pub const fn start(self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    pub const fn end(self) -> usize {
        self.end
    }

    /// The length of the span in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`, for slicing.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Range<usize> {
        span.range()
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> miette::SourceSpan {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column. Columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values from the start of the line.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Maps byte offsets of one source text to [`Position`]s.
///
/// Building the index is one pass over the text; each lookup is a binary
/// search over line starts plus a count of at most two blocks of bytes, so
/// locating every finding of a file stays linear even when the file is one
/// long line. A line ends at `\n`; a `\r` before it belongs to that line, so
/// CRLF files get the same line numbers as LF files.
///
/// ```
/// use ztlint::{LineIndex, Position};
///
/// let source = "{\n  \"name\": \"Wïdget\", \"x\": 1\n}";
/// let index = LineIndex::new(source);
/// // The `"x"` key: line 2, after 20 characters (the `ï` counts once).
/// let offset = source.find("\"x\"").unwrap();
/// assert_eq!(index.position(offset), Position { line: 2, column: 21 });
/// ```
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    /// For each block of [`BLOCK`] bytes, the continuation bytes before it;
    /// empty for ASCII text, whose columns are byte counts.
    continuations_before_block: Vec<usize>,
}

/// Bytes per block of [`LineIndex`]'s continuation-byte counts: small enough
/// that a lookup scans little, large enough that the counts take an eighth
/// of the text at most.
const BLOCK: usize = 64;

/// Whether `byte` continues a UTF-8 sequence rather than starting a character.
const fn is_continuation(byte: u8) -> bool {
    (byte as i8) < -0x40
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `source`.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut continuations_before_block = Vec::new();
        if !source.is_ascii() {
            let mut count = 0;
            for block in source.as_bytes().chunks(BLOCK) {
                continuations_before_block.push(count);
                count += block.iter().filter(|&&b| is_continuation(b)).count();
            }
            // The end of a text whose length is a multiple of the block size.
            continuations_before_block.push(count);
        }
        LineIndex {
            source,
            line_starts,
            continuations_before_block,
        }
    }

    /// The continuation bytes before `offset` (at most the text's length).
    fn continuations_before(&self, offset: usize) -> usize {
        let Some(&before) = self.continuations_before_block.get(offset / BLOCK) else {
            return 0;
        };
        let block_start = offset / BLOCK * BLOCK;
        let partial = &self.source.as_bytes()[block_start..offset];
        before + partial.iter().filter(|&&b| is_continuation(b)).count()
    }

    /// The position of the byte `offset`.
    ///
    /// An offset past the end is clamped to the end; an offset inside a
    /// multi-byte character is treated as the start of that character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        // Scalar values are the bytes that do not continue a character.
        let continuations =
            self.continuations_before(offset) - self.continuations_before(line_start);
        let column = offset - line_start - continuations + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The positions of a span's first byte and of its end.
    pub fn span(&self, span: Span) -> (Position, Position) {
        (self.position(span.start()), self.position(span.end()))
    }

    /// The byte offset where each line starts, the first line's `0` first.
    pub(crate) fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The text the index was built over.
    pub fn source(&self) -> &'a str {
        self.source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_scalar_values() {
        let source = "ab\r\nµx\n\nz";
        let index = LineIndex::new(source);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(2), Position { line: 1, column: 3 });
        assert_eq!(index.position(3), Position { line: 1, column: 4 });
        assert_eq!(index.position(4), Position { line: 2, column: 1 });
        // `µ` is two bytes, one column.
        assert_eq!(index.position(6), Position { line: 2, column: 2 });
        assert_eq!(index.position(8), Position { line: 3, column: 1 });
        assert_eq!(index.position(9), Position { line: 4, column: 1 });
        assert_eq!(index.position(10), Position { line: 4, column: 2 });
        assert_eq!(index.position(999), Position { line: 4, column: 2 });
    }

    #[test]
    fn columns_agree_with_a_count_from_the_line_start_across_blocks() {
        // Multi-byte characters on both sides of block boundaries, on a line
        // longer than several blocks, and line starts inside blocks.
        let source = format!(
            "{}\n{}\r\n{}",
            "aé🙂".repeat(40),
            "x".repeat(70),
            "µ".repeat(100)
        );
        let index = LineIndex::new(&source);
        for offset in (0..=source.len()).filter(|&o| source.is_char_boundary(o)) {
            let before = &source[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let expected = Position {
                line: before.matches('\n').count() + 1,
                column: before[line_start..].chars().count() + 1,
            };
            assert_eq!(index.position(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn inverted_spans_are_empty() {
        assert_eq!(Span::new(5, 3), Span::empty(5));
        assert_eq!(Span::new(1, 3).to(Span::new(7, 9)), Span::new(1, 9));
    }
}
