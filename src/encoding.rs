//! Bytes in the wide Unicode encodings, UTF-16 and UTF-32, which editors and
//! shells write when asked for "Unicode" (Windows PowerShell 5.1's `>` and
//! `Out-File` write UTF-16LE). Such a file is not JSON to Cloudflare's Go
//! decoder, which reads UTF-8 only, but its text is readable: it is decoded
//! here so that the rules can lint what the author wrote.
//!
//! The encoding is known by its byte order mark, or, with none, by the zero
//! bytes around the first two characters, which in JSON are ASCII
//! (RFC 4627, section 3):
//!
//! | first bytes   | encoding |
//! |---------------|----------|
//! | `FF FE 00 00` | UTF-32LE, with a byte order mark |
//! | `00 00 FE FF` | UTF-32BE, with a byte order mark |
//! | `FF FE`       | UTF-16LE, with a byte order mark |
//! | `FE FF`       | UTF-16BE, with a byte order mark |
//! | `xx 00 00 00` | UTF-32LE |
//! | `00 00 00 xx` | UTF-32BE |
//! | `xx 00 xx 00` | UTF-16LE (`xx 00` for a two-byte text) |
//! | `00 xx 00 xx` | UTF-16BE (`00 xx` for a two-byte text) |
//!
//! None of these starts a UTF-8 JSON text: `FE` and `FF` are never UTF-8,
//! and JSON has no raw zero byte, so reading them as wide text never hides a
//! finding from a UTF-8 file.

use std::borrow::Cow;
use std::fmt;

/// A wide Unicode encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wide {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl fmt::Display for Wide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Wide::Utf16Le => "UTF-16 (little-endian)",
            Wide::Utf16Be => "UTF-16 (big-endian)",
            Wide::Utf32Le => "UTF-32 (little-endian)",
            Wide::Utf32Be => "UTF-32 (big-endian)",
        })
    }
}

/// The wide encoding `bytes` are in, and whether they start with its byte
/// order mark; `None` for any other bytes.
pub(crate) fn detect(bytes: &[u8]) -> Option<(Wide, bool)> {
    let found = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => (Wide::Utf32Le, true),
        [0, 0, 0xFE, 0xFF, ..] => (Wide::Utf32Be, true),
        [0xFF, 0xFE, ..] => (Wide::Utf16Le, true),
        [0xFE, 0xFF, ..] => (Wide::Utf16Be, true),
        [a, 0, 0, 0, ..] if *a != 0 => (Wide::Utf32Le, false),
        [0, 0, 0, a, ..] if *a != 0 => (Wide::Utf32Be, false),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (Wide::Utf16Le, false),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (Wide::Utf16Be, false),
        [a, 0] if *a != 0 => (Wide::Utf16Le, false),
        [0, a] if *a != 0 => (Wide::Utf16Be, false),
        _ => return None,
    };
    Some(found)
}

/// The wide encoding of `bytes`, as [`detect`] knows it, and their text
/// as [`decode`] reads it; `None` for any other bytes.
pub(crate) fn decode_wide(bytes: &[u8]) -> Option<(Wide, String)> {
    let (encoding, bom) = detect(bytes)?;
    Some((encoding, decode(bytes, encoding, bom)))
}

/// The text of `bytes` in `encoding`, without its byte order mark. A unit
/// that is no character (a lone surrogate, a value past U+10FFFF, bytes
/// left over at the end) is read as U+FFFD, as UTF-8's bad sequences are.
pub(crate) fn decode(bytes: &[u8], encoding: Wide, bom: bool) -> String {
    let width = match encoding {
        Wide::Utf16Le | Wide::Utf16Be => 2,
        Wide::Utf32Le | Wide::Utf32Be => 4,
    };
    let body = bytes.get(if bom { width } else { 0 }..).unwrap_or_default();
    let units = body.chunks_exact(width);
    let partial = !units.remainder().is_empty();
    let mut text = String::with_capacity(body.len() / width);
    match encoding {
        Wide::Utf16Le | Wide::Utf16Be => {
            let little = encoding == Wide::Utf16Le;
            let units = units.map(|u| {
                let pair = [u[0], u[1]];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            });
            text.extend(
                char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
            );
        }
        Wide::Utf32Le | Wide::Utf32Be => {
            let little = encoding == Wide::Utf32Le;
            text.extend(units.map(|u| {
                let quad = [u[0], u[1], u[2], u[3]];
                let scalar = if little {
                    u32::from_le_bytes(quad)
                } else {
                    u32::from_be_bytes(quad)
                };
                char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER)
            }));
        }
    }
    if partial {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// A sequence of bytes that is not UTF-8, read as U+FFFD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Replaced {
    /// Its offset in the bytes.
    pub(crate) byte: usize,
    /// The offset of its U+FFFD in the decoded text.
    pub(crate) at: usize,
}

/// How many bad sequences [`utf8_lossy`] records: where each one is only
/// matters for the first few, and a binary file would otherwise cost
/// sixteen bytes for each of its bad bytes.
pub(crate) const REPLACED_KEPT: usize = 1024;

/// `bytes` read as UTF-8 with each bad sequence read as U+FFFD, as
/// `String::from_utf8_lossy` reads them, and where the first
/// [`REPLACED_KEPT`] of those sequences are.
pub(crate) fn utf8_lossy(bytes: &[u8]) -> (Cow<'_, str>, Vec<Replaced>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = Vec::new();
    let mut byte = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        byte += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            if replaced.len() < REPLACED_KEPT {
                replaced.push(Replaced {
                    byte,
                    at: text.len(),
                });
            }
            text.push(char::REPLACEMENT_CHARACTER);
            byte += chunk.invalid().len();
        }
    }
    (Cow::Owned(text), replaced)
}

#[cfg(test)]
mod tests {
    use super::{decode, detect, utf8_lossy, Replaced, Wide, REPLACED_KEPT};

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    fn utf32(text: &str, little: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let c = u32::from(c);
                if little {
                    c.to_le_bytes()
                } else {
                    c.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn every_row_of_the_table() {
        let body = "{\"name\": \"Café 🚀\"}";
        let cases = [
            (utf16(&format!("\u{feff}{body}"), true), Wide::Utf16Le, true),
            (
                utf16(&format!("\u{feff}{body}"), false),
                Wide::Utf16Be,
                true,
            ),
            (utf32(&format!("\u{feff}{body}"), true), Wide::Utf32Le, true),
            (
                utf32(&format!("\u{feff}{body}"), false),
                Wide::Utf32Be,
                true,
            ),
            (utf16(body, true), Wide::Utf16Le, false),
            (utf16(body, false), Wide::Utf16Be, false),
            (utf32(body, true), Wide::Utf32Le, false),
            (utf32(body, false), Wide::Utf32Be, false),
        ];
        for (bytes, encoding, bom) in cases {
            assert_eq!(detect(&bytes), Some((encoding, bom)), "{bytes:02x?}");
            assert_eq!(decode(&bytes, encoding, bom), body, "{encoding}");
        }
        assert_eq!(detect(&utf16("1", true)), Some((Wide::Utf16Le, false)));
        assert_eq!(detect(&utf16("1", false)), Some((Wide::Utf16Be, false)));
    }

    #[test]
    fn utf8_and_short_or_zero_texts_are_not_wide() {
        for bytes in [
            &b"{\"name\": \"Widget\"}"[..],
            b"\xef\xbb\xbf{}",
            b"{\"name\": \"Caf\xe9\"}",
            b"",
            b"{",
            b"\0",
            b"\0\0",
            b"\0\0\0\0",
            b"{\0\0",
        ] {
            assert_eq!(detect(bytes), None, "{bytes:02x?}");
        }
    }

    #[test]
    fn units_that_are_no_character_read_as_replacement() {
        // A lone high surrogate, then an odd byte at the end.
        let bytes = [0xFF, 0xFE, b'"', 0, 0x00, 0xD8, b'"', 0, b'x'];
        assert_eq!(decode(&bytes, Wide::Utf16Le, true), "\"\u{fffd}\"\u{fffd}");
        // Past U+10FFFF, then a three-byte tail.
        let bytes = [0, 0, 0, b'1', 0, 0x11, 0, 0, 0, 0, 0];
        assert_eq!(decode(&bytes, Wide::Utf32Be, false), "1\u{fffd}\u{fffd}");
        // A byte order mark alone is an empty text.
        assert_eq!(decode(&[0xFE, 0xFF], Wide::Utf16Be, true), "");
    }

    #[test]
    fn bad_utf8_is_read_as_from_utf8_lossy_reads_it_and_located() {
        // A lone Latin-1 byte, a truncated sequence and a surrogate.
        let bytes = b"a\xe9b\xe2\x82c\xed\xa0\x80";
        let (text, replaced) = utf8_lossy(bytes);
        assert_eq!(text, String::from_utf8_lossy(bytes));
        assert_eq!(text, "a\u{fffd}b\u{fffd}c\u{fffd}\u{fffd}\u{fffd}");
        let at = |byte, at| Replaced { byte, at };
        assert_eq!(
            replaced,
            [at(1, 1), at(3, 5), at(6, 9), at(7, 12), at(8, 15)]
        );
        for r in &replaced {
            assert_eq!(&text[r.at..r.at + 3], "\u{fffd}");
        }
        // UTF-8 is borrowed, with nothing to record.
        assert!(
            matches!(utf8_lossy("é".as_bytes()), (std::borrow::Cow::Borrowed("é"), ref r) if r.is_empty())
        );
        // Past REPLACED_KEPT sequences, the text is whole and the record is not.
        let many = vec![0xFFu8; REPLACED_KEPT + 5];
        let (text, replaced) = utf8_lossy(&many);
        assert_eq!(text.chars().count(), REPLACED_KEPT + 5);
        assert_eq!(replaced.len(), REPLACED_KEPT);
    }
}
