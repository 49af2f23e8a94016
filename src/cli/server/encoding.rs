//! Positions in the encoding negotiated with the client.
//!
//! LSP positions are a 0-based line and a 0-based character offset within
//! the line, counted in the code units of the negotiated encoding: UTF-8
//! bytes when the client offers `utf-8` in `general.positionEncodings`,
//! otherwise UTF-16 code units, which every client must understand. Lines
//! end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use std::cell::Cell;

use ls_types::{Position, PositionEncodingKind, Range};
use ztlint::Span;

/// The code units a position's `character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The encoding's name in the `initialize` result.
    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Converts between byte offsets of one text and LSP positions.
///
/// Building the map is one pass over the text. A byte offset's position
/// costs a binary search over line starts, plus (for UTF-16) a count of the
/// line's code units before it; consecutive offsets on one line, as sorted
/// diagnostics give, continue the count from the previous one, so even a
/// minified one-line document converts in a single pass.
pub(crate) struct LineMap<'a> {
    text: &'a str,
    /// The byte offset of each line's first byte.
    starts: Vec<usize>,
    encoding: Encoding,
    /// The last UTF-16 count: line, byte offset, character.
    last: Cell<(usize, usize, u32)>,
}

impl<'a> LineMap<'a> {
    /// The position encoding the map converts to.
    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Indexes the lines of `text`.
    pub(crate) fn new(text: &'a str, encoding: Encoding) -> LineMap<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineMap {
            text,
            starts,
            encoding,
            last: Cell::new((0, 0, 0)),
        }
    }

    /// The position of byte `offset`. An offset past the end is the end; an
    /// offset inside a character is that character's start.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = floor_boundary(self.text, offset);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => saturate(offset - start),
            Encoding::Utf16 => {
                let (last_line, last_offset, last_character) = self.last.get();
                let (from, base) = if last_line == line && last_offset <= offset {
                    (last_offset, last_character)
                } else {
                    (start, 0)
                };
                let character =
                    base.saturating_add(saturate(utf16_units(&self.text.as_bytes()[from..offset])));
                self.last.set((line, offset, character));
                character
            }
        };
        Position {
            line: saturate(line),
            character,
        }
    }

    /// The range of `span`.
    pub(crate) fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start()),
            end: self.position(span.end()),
        }
    }

    /// The byte offset of `position`. A line past the last is the end of the
    /// text; a character past the end of its line is the line's end (before
    /// its line break); a character inside a multi-unit character is that
    /// character's start.
    pub(crate) fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.content_end(line);
        let wanted = position.character as usize;
        match self.encoding {
            Encoding::Utf8 => floor_boundary(self.text, start.saturating_add(wanted).min(end)),
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in self.text[start..end].char_indices() {
                    units += c.len_utf16();
                    if units > wanted {
                        return start + i;
                    }
                }
                end
            }
        }
    }

    /// The byte offset `range` spans, start first.
    pub(crate) fn span(&self, range: Range) -> Span {
        Span::new(self.offset(range.start), self.offset(range.end))
    }

    /// Where `line`'s text ends, before its line break.
    fn content_end(&self, line: usize) -> usize {
        match self.starts.get(line + 1) {
            None => self.text.len(),
            Some(&next) if self.text.as_bytes()[..next].ends_with(b"\r\n") => next - 2,
            Some(&next) => next - 1,
        }
    }
}

/// The UTF-16 code units of UTF-8 `bytes`: one per character, two for a
/// character of four bytes (outside the Basic Multilingual Plane).
fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
}

/// `offset`, clamped into `text` and moved back onto a character boundary.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn negotiation_prefers_utf8_and_falls_back_to_utf16() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        let utf32 = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&utf32)), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    #[test]
    fn columns_count_the_encodings_units() {
        // `ü` is 2 bytes and 1 UTF-16 unit, `😀` 4 bytes and 2 units.
        let text = "{\"a\": \"Grüße 😀\", \"b\": 1}";
        let b = text.find("\"b\"").unwrap();
        assert_eq!(b, 22);
        assert_eq!(LineMap::new(text, Encoding::Utf8).position(b), pos(0, 22));
        assert_eq!(LineMap::new(text, Encoding::Utf16).position(b), pos(0, 18));
        assert_eq!(LineMap::new(text, Encoding::Utf8).offset(pos(0, 22)), b);
        assert_eq!(LineMap::new(text, Encoding::Utf16).offset(pos(0, 18)), b);
    }

    #[test]
    fn every_line_break_the_protocol_names_ends_a_line() {
        let text = "a\r\nb\rc\nd";
        let map = LineMap::new(text, Encoding::Utf16);
        assert_eq!(map.position(3), pos(1, 0));
        assert_eq!(map.position(5), pos(2, 0));
        assert_eq!(map.position(7), pos(3, 0));
        assert_eq!(map.position(99), pos(3, 1));
        // Past the end of a line: its end, before `\r\n`.
        assert_eq!(map.offset(pos(0, 40)), 1);
        assert_eq!(map.offset(pos(1, 40)), 4);
        assert_eq!(map.offset(pos(9, 0)), text.len());
    }

    #[test]
    fn positions_inside_a_character_fall_back_to_its_start() {
        let text = "x😀y";
        let utf16 = LineMap::new(text, Encoding::Utf16);
        // Between the surrogates of `😀`.
        assert_eq!(utf16.offset(pos(0, 2)), 1);
        assert_eq!(utf16.offset(pos(0, 3)), 5);
        let utf8 = LineMap::new(text, Encoding::Utf8);
        assert_eq!(utf8.offset(pos(0, 3)), 1);
        assert_eq!(utf8.position(3), pos(0, 1));
    }

    #[test]
    fn counting_on_from_the_last_offset_agrees_with_counting_afresh() {
        let text = "é😀a\nb😀😀c";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let map = LineMap::new(text, Encoding::Utf16);
        for &a in &offsets {
            for &b in &offsets {
                let first = map.position(a);
                let second = map.position(b);
                assert_eq!(first, LineMap::new(text, Encoding::Utf16).position(a));
                assert_eq!(second, LineMap::new(text, Encoding::Utf16).position(b));
            }
        }
    }
}
