//! Positions as every output format reports them, from one index per file.

use crate::span::{LineIndex, Position, Span};

/// The byte order mark, which editors hide and SARIF says not to count.
const BOM: char = '\u{feff}';

/// Where a clamped span starts and ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Located {
    /// The span, clamped into the source and onto character boundaries.
    pub(crate) span: Span,
    /// The position of its first character.
    pub(crate) start: Position,
    /// The position just past its end (exclusive, like SARIF's `endColumn`).
    pub(crate) end: Position,
}

/// Maps byte offsets of one source to the positions every renderer prints.
///
/// Lines and columns are those of [`LineIndex`] (1-based, columns in Unicode
/// scalar values) except that a leading byte order mark is not counted:
/// editors do not show it, and SARIF requires text positions not to depend
/// on it (§3.30.2). Offsets past the end, or inside a character, are clamped
/// first, so any span can be located without panicking.
pub(crate) struct Locator<'a> {
    source: &'a str,
    index: LineIndex<'a>,
    bom: bool,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(source: &'a str) -> Locator<'a> {
        Locator {
            source,
            index: LineIndex::new(source),
            bom: source.starts_with(BOM),
        }
    }

    /// Whether the source starts with a byte order mark.
    pub(crate) fn has_bom(&self) -> bool {
        self.bom
    }

    /// `span` moved into the source: an end past the source is pulled back
    /// to it, and both ends are moved back onto character boundaries.
    pub(crate) fn clamp(&self, span: Span) -> Span {
        let end = floor_boundary(self.source, span.end());
        let start = floor_boundary(self.source, span.start().min(end));
        Span::new(start, end)
    }

    /// The index of the source's lines.
    #[cfg(feature = "cli")]
    pub(crate) fn index(&self) -> &LineIndex<'a> {
        &self.index
    }

    /// The position of `offset` (clamped first).
    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = floor_boundary(self.source, offset);
        let mut position = self.index.position(offset);
        if self.bom && position.line == 1 && position.column > 1 {
            position.column -= 1;
        }
        position
    }

    /// The number of characters before `offset` (clamped first), not
    /// counting a byte order mark.
    pub(crate) fn char_offset(&self, offset: usize) -> usize {
        let offset = floor_boundary(self.source, offset);
        // Every byte that does not continue a character starts one.
        let chars = offset - self.index.continuations_before(offset);
        chars - usize::from(self.bom && offset > 0)
    }

    /// The clamped span and its start and end positions.
    pub(crate) fn locate(&self, span: Span) -> Located {
        let span = self.clamp(span);
        Located {
            span,
            start: self.position(span.start()),
            end: self.position(span.end()),
        }
    }

    /// The source text of `span` (clamped first).
    pub(crate) fn text(&self, span: Span) -> &'a str {
        self.source.get(self.clamp(span).range()).unwrap_or("")
    }
}

/// The largest character boundary at or before `offset`, within `source`.
fn floor_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn spans_are_clamped_into_the_source_and_onto_boundaries() {
        let locator = Locator::new("aé\nb");
        // `é` is bytes 1..3.
        assert_eq!(locator.clamp(Span::new(2, 99)), Span::new(1, 5));
        assert_eq!(locator.clamp(Span::new(50, 60)), Span::new(5, 5));
        assert_eq!(locator.text(Span::new(2, 99)), "é\nb");
        assert_eq!(Locator::new("").clamp(Span::new(3, 4)), Span::empty(0));
    }

    #[test]
    fn char_offsets_count_scalar_values_across_lines() {
        let locator = Locator::new("aé\r\nbµc");
        assert_eq!(locator.char_offset(0), 0);
        assert_eq!(locator.char_offset(3), 2); // the `\r`
        assert_eq!(locator.char_offset(5), 4); // `b`
        assert_eq!(locator.char_offset(8), 6); // `c`
        assert_eq!(locator.char_offset(9), 7); // the end
        assert_eq!(locator.position(8), pos(2, 3));
    }

    #[test]
    fn char_offsets_agree_with_a_count_from_the_start_across_blocks() {
        for text in [
            format!("\u{feff}{}\n{}", "é🙂a".repeat(50), "µ\r\n".repeat(60)),
            format!("{}\n{}", "x".repeat(200), "ü".repeat(100)),
        ] {
            let locator = Locator::new(&text);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let chars = text[..offset].chars().count();
                let expected = chars - usize::from(text.starts_with(BOM) && offset > 0);
                assert_eq!(locator.char_offset(offset), expected, "offset {offset}");
            }
        }
    }

    #[test]
    fn a_byte_order_mark_takes_no_column_and_no_character() {
        let locator = Locator::new("\u{feff}{\"a\":\n1}");
        assert!(locator.has_bom());
        assert_eq!(locator.position(0), pos(1, 1));
        assert_eq!(locator.position(1), pos(1, 1));
        assert_eq!(locator.position(3), pos(1, 1));
        assert_eq!(locator.position(4), pos(1, 2));
        assert_eq!(locator.char_offset(4), 1);
        // Line 2 is not shifted; its characters are counted without the mark.
        assert_eq!(locator.position(9), pos(2, 1));
        assert_eq!(locator.char_offset(9), 6);
        let bom = locator.locate(Span::new(0, 3));
        assert_eq!((bom.start, bom.end), (pos(1, 1), pos(1, 1)));
    }
}
