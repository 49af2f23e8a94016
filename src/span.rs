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
    ///
    /// ```
    /// use ztlint::Span;
    ///
    /// assert_eq!(Span::new(3, 8).range(), 3..8);
    /// assert_eq!(Span::new(8, 3), Span::empty(8));
    /// ```
    pub const fn new(start: usize, end: usize) -> Span {
        if end < start {
            Span { start, end: start }
        } else {
            Span { start, end }
        }
    }

    /// An empty span at `offset`, for insertions and end-of-input errors.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"name": "Widget""#);
    /// assert_eq!(diagnostics[0].span(), ztlint::Span::empty(17));
    /// ```
    pub const fn empty(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The first byte of the span.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"session_duration": "1d"}"#);
    /// assert_eq!(diagnostics[0].span().start(), 21);
    /// ```
    pub const fn start(self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    ///
    /// ```
    /// let diagnostics = ztlint::lint(r#"{"session_duration": "1d"}"#);
    /// assert_eq!(diagnostics[0].span().end(), 25);
    /// ```
    pub const fn end(self) -> usize {
        self.end
    }

    /// The length of the span in bytes.
    ///
    /// ```
    /// assert_eq!(ztlint::Span::new(21, 25).len(), 4);
    /// assert_eq!(ztlint::Span::empty(7).len(), 0);
    /// ```
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    ///
    /// ```
    /// assert!(ztlint::Span::empty(7).is_empty());
    /// assert!(!ztlint::Span::new(7, 8).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`, for slicing.
    ///
    /// ```
    /// let source = r#"{"session_duration": "1d"}"#;
    /// let span = ztlint::lint(source)[0].span();
    /// assert_eq!(span.range(), 21..25);
    /// assert_eq!(&source[span.range()], r#""1d""#);
    /// ```
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both `self` and `other`.
    ///
    /// ```
    /// use ztlint::Span;
    ///
    /// assert_eq!(Span::new(1, 3).to(Span::new(7, 9)), Span::new(1, 9));
    /// assert_eq!(Span::new(7, 9).to(Span::new(1, 3)), Span::new(1, 9));
    /// ```
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
///
/// Its `Display` is `line:column`.
///
/// ```
/// use ztlint::{LineIndex, Position};
///
/// let source = "{\n  \"session_duration\": \"1d\"\n}";
/// let diagnostics = ztlint::lint(source);
/// let (start, end) = diagnostics[0].positions(&LineIndex::new(source));
/// assert_eq!(start, Position { line: 2, column: 23 });
/// assert_eq!(end.to_string(), "2:27");
/// ```
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
/// Building the index is one pass over the text, and the index takes a
/// fixed fraction of the text whatever its shape: for each block of 64
/// bytes, the lines before it and where the line holding its first byte
/// starts (and, for text that is not ASCII, the bytes before it that
/// continue a character). Each lookup counts within at most two blocks, so
/// locating every finding of a file stays linear, even when the file is one
/// long line or millions of short ones. A line ends at `\n`; a `\r` before
/// it belongs to that line, so CRLF files get the same line numbers as LF
/// files.
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
    /// For each block of [`BLOCK`] bytes, and for the end of a text whose
    /// length is a multiple of the block size: where it stands in lines.
    blocks: Vec<BlockStart>,
    /// For each block of [`BLOCK`] bytes, the continuation bytes before it;
    /// empty for ASCII text, whose columns are byte counts.
    continuations_before_block: Vec<usize>,
}

/// Where a block's first byte stands in lines.
#[derive(Clone, Copy, Debug)]
struct BlockStart {
    /// The newlines before the block.
    newlines_before: usize,
    /// The offset where the line holding the block's first byte starts.
    line_start: usize,
}

/// Bytes per block of [`LineIndex`]: small enough that a lookup scans
/// little, large enough that the index takes a quarter of the text at most
/// (three eighths when it is not ASCII).
const BLOCK: usize = 64;

/// Whether `byte` continues a UTF-8 sequence rather than starting a character.
const fn is_continuation(byte: u8) -> bool {
    (byte as i8) < -0x40
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `source`.
    ///
    /// ```
    /// use ztlint::{LineIndex, Position};
    ///
    /// let index = LineIndex::new("{\r\n  \"name\": 1\r\n}");
    /// // The `"` of `"name"`: the `\r` ends line 1 with the `\n`.
    /// assert_eq!(index.position(5), Position { line: 2, column: 3 });
    /// ```
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let bytes = source.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut newlines_before = 0;
        let mut line_start = 0;
        for (i, block) in bytes.chunks(BLOCK).enumerate() {
            blocks.push(BlockStart {
                newlines_before,
                line_start,
            });
            newlines_before += block.iter().filter(|&&b| b == b'\n').count();
            if let Some(last) = block.iter().rposition(|&b| b == b'\n') {
                line_start = i * BLOCK + last + 1;
            }
        }
        // The end of a text whose length is a multiple of the block size
        // (the empty text included) starts a block of its own.
        if bytes.len() % BLOCK == 0 {
            blocks.push(BlockStart {
                newlines_before,
                line_start,
            });
        }
        let mut continuations_before_block = Vec::new();
        if !source.is_ascii() {
            continuations_before_block.reserve_exact(blocks.len());
            let mut count = 0;
            for block in bytes.chunks(BLOCK) {
                continuations_before_block.push(count);
                count += block.iter().filter(|&&b| is_continuation(b)).count();
            }
            if bytes.len() % BLOCK == 0 {
                continuations_before_block.push(count);
            }
        }
        LineIndex {
            source,
            blocks,
            continuations_before_block,
        }
    }

    /// The continuation bytes before `offset` (at most the text's length).
    pub(crate) fn continuations_before(&self, offset: usize) -> usize {
        let Some(&before) = self.continuations_before_block.get(offset / BLOCK) else {
            return 0;
        };
        let block_start = offset / BLOCK * BLOCK;
        let partial = &self.source.as_bytes()[block_start..offset];
        before + partial.iter().filter(|&&b| is_continuation(b)).count()
    }

    /// The 0-based line of `offset` (at most the text's length), and the
    /// offset where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let block_start = offset / BLOCK * BLOCK;
        let start = self.blocks[offset / BLOCK];
        let partial = &self.source.as_bytes()[block_start..offset];
        let newlines = partial.iter().filter(|&&b| b == b'\n').count();
        let line_start = match partial.iter().rposition(|&b| b == b'\n') {
            Some(last) => block_start + last + 1,
            None => start.line_start,
        };
        (start.newlines_before + newlines, line_start)
    }

    /// The position of the byte `offset`.
    ///
    /// An offset past the end is clamped to the end; an offset inside a
    /// multi-byte character is treated as the start of that character.
    ///
    /// ```
    /// use ztlint::{LineIndex, Position};
    ///
    /// let index = LineIndex::new("{\"name\": \"Wïdget\"}");
    /// // The `d` after the two-byte `ï`.
    /// assert_eq!(index.position(13), Position { line: 1, column: 13 });
    /// // Inside the `ï`, and past the end.
    /// assert_eq!(index.position(12), Position { line: 1, column: 12 });
    /// assert_eq!(index.position(99), Position { line: 1, column: 19 });
    /// ```
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, line_start) = self.line_of(offset);
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
    ///
    /// ```
    /// use ztlint::{LineIndex, Position, Span};
    ///
    /// let index = LineIndex::new("{\n  \"name\": \"\"\n}");
    /// // The `""` after `"name": `.
    /// let (start, end) = index.span(Span::new(12, 14));
    /// assert_eq!(start, Position { line: 2, column: 11 });
    /// assert_eq!(end, Position { line: 2, column: 13 });
    /// ```
    pub fn span(&self, span: Span) -> (Position, Position) {
        (self.position(span.start()), self.position(span.end()))
    }

    /// The number of lines: one more than the newlines.
    #[cfg(any(feature = "cli", test))]
    pub(crate) fn line_count(&self) -> usize {
        self.line_of(self.source.len()).0 + 1
    }

    /// The 0-based line holding `offset` (clamped to the text's length).
    #[cfg(any(feature = "cli", test))]
    pub(crate) fn line_at(&self, offset: usize) -> usize {
        self.line_of(offset.min(self.source.len())).0
    }

    /// Where 0-based line `line` starts, if the text has that line.
    #[cfg(any(feature = "cli", test))]
    pub(crate) fn line_start(&self, line: usize) -> Option<usize> {
        let Some(nth) = line.checked_sub(1) else {
            return Some(0);
        };
        // The line starts after the text's `line`-th newline, which lies in
        // the last block with fewer newlines before it.
        let block = self
            .blocks
            .partition_point(|b| b.newlines_before < line)
            .checked_sub(1)?;
        let block_start = block * BLOCK;
        let bytes = self.source.as_bytes();
        let end = (block_start + BLOCK).min(bytes.len());
        bytes[block_start..end]
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(nth - self.blocks[block].newlines_before)
            .map(|(i, _)| block_start + i + 1)
    }

    /// The text the index was built over.
    ///
    /// ```
    /// let source = "{\"name\": \"Widget\"}";
    /// let index = ztlint::LineIndex::new(source);
    /// assert_eq!(index.source(), source);
    /// ```
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

    /// Every offset of texts shaped against the block size: lines that end
    /// on, before and after block boundaries, lengths that are multiples of
    /// it, lines many blocks long, runs of empty lines, and multi-byte
    /// characters across boundaries. Offsets inside a character are those
    /// of its start.
    #[test]
    fn every_offset_agrees_with_a_count_from_the_start() {
        let texts = [
            String::new(),
            "\n".to_string(),
            "\n".repeat(BLOCK),
            "\n".repeat(3 * BLOCK + 1),
            format!("{}\n", "a".repeat(BLOCK - 1)),
            format!("{}\n{}", "a".repeat(BLOCK), "b".repeat(BLOCK - 1)),
            format!("{}\n\n{}", "a".repeat(BLOCK + 1), "é".repeat(BLOCK)),
            "x".repeat(5 * BLOCK),
            format!("{}\r\n{}", "🙂".repeat(70), "\n".repeat(70)),
            "ab\ncdé\n".repeat(40),
        ];
        for text in &texts {
            let index = LineIndex::new(text);
            let mut starts = vec![0];
            for offset in 0..=text.len() {
                let boundary = (0..=offset)
                    .rev()
                    .find(|&o| text.is_char_boundary(o))
                    .unwrap();
                let before = &text[..boundary];
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let expected = Position {
                    line: before.matches('\n').count() + 1,
                    column: before[line_start..].chars().count() + 1,
                };
                assert_eq!(index.position(offset), expected, "{text:?} at {offset}");
                if offset > 0 && text.as_bytes()[offset - 1] == b'\n' {
                    starts.push(offset);
                }
            }
            for (line, &start) in starts.iter().enumerate() {
                assert_eq!(index.line_start(line), Some(start), "{text:?} line {line}");
                assert_eq!(index.line_at(start), line, "{text:?} at {start}");
            }
            assert_eq!(index.line_start(starts.len()), None, "{text:?}");
            assert_eq!(index.line_count(), starts.len(), "{text:?}");
        }
    }

    #[test]
    fn inverted_spans_are_empty() {
        assert_eq!(Span::new(5, 3), Span::empty(5));
        assert_eq!(Span::new(1, 3).to(Span::new(7, 9)), Span::new(1, 9));
    }
}
