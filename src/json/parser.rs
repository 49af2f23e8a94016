//! The recursive-descent parser. Recursion depth is bounded by the nesting
//! limit, so hostile input cannot overflow the stack.

use std::borrow::Cow;

use super::error::Error;
use super::value::{Key, Member, Number, Value, ValueKind};
use crate::span::Span;

pub(crate) struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
}

const VALID_ESCAPES: &str =
    "valid escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`";

impl<'a> Parser<'a> {
    /// A parser over `src` that starts at byte `start`, so that spans of a
    /// document after a byte order mark still index the whole text.
    pub(crate) fn new(src: &'a str, start: usize, max_depth: usize) -> Parser<'a> {
        Parser {
            src,
            bytes: src.as_bytes(),
            pos: start,
            depth: 0,
            max_depth,
        }
    }

    pub(crate) fn parse_document(mut self) -> Result<Value<'a>, Error> {
        self.skip_whitespace();
        let value = self.parse_value()?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err(self
                .unexpected("end of input after the JSON value")
                .with_help("a JSON document holds exactly one value; wrap several in an array"));
        }
        Ok(value)
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn parse_value(&mut self) -> Result<Value<'a>, Error> {
        match self.peek() {
            Some(b'{') => self.parse_object(),
            Some(b'[') => self.parse_array(),
            Some(b'"') => {
                let (text, span) = self.parse_string()?;
                Ok(Value::new(ValueKind::String(text), span))
            }
            Some(b'-' | b'0'..=b'9') => self.parse_number(),
            Some(b't') => self.parse_literal("true", ValueKind::Bool(true)),
            Some(b'f') => self.parse_literal("false", ValueKind::Bool(false)),
            Some(b'n') => self.parse_literal("null", ValueKind::Null),
            _ => Err(self.bad_value_start()),
        }
    }

    fn parse_literal(&mut self, word: &str, kind: ValueKind<'a>) -> Result<Value<'a>, Error> {
        let start = self.pos;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            return Ok(Value::new(kind, Span::new(start, self.pos)));
        }
        Err(self.bad_value_start())
    }

    /// The error for a token that cannot start a value, with a specific
    /// message for the usual JavaScript, JSON5 and Python habits.
    fn bad_value_start(&self) -> Error {
        let start = self.pos;
        let rest = &self.src[start..];
        if let Some(err) = self.comment_error() {
            return err;
        }
        if rest.starts_with('\'') {
            return self.single_quote_error();
        }
        let word = self.word_at(start);
        let span = Span::new(start, start + word.len());
        match word {
            "NaN" | "Infinity" => {
                return Error::new(format!("`{word}` is not allowed in JSON"), span)
                    .with_help("use `null`, or a string");
            }
            "True" | "TRUE" => return literal_case_error(word, "true", span),
            "False" | "FALSE" => return literal_case_error(word, "false", span),
            "None" | "NULL" | "Null" | "nil" | "undefined" => {
                return Error::new(format!("expected a JSON value, found `{word}`"), span)
                    .with_help("JSON has `null`");
            }
            _ => {}
        }
        if rest.starts_with('+') {
            return Error::new(
                "leading `+` is not allowed in JSON numbers",
                Span::new(start, start + 1),
            )
            .with_help("remove the `+`");
        }
        if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return Error::new("a number must have a digit before the decimal point", span)
                .with_help(format!("write `0{word}`"));
        }
        self.unexpected("a JSON value")
    }

    /// `expected {what}, found …` at the current position; comments and
    /// single quotes get their own message wherever they appear.
    fn unexpected(&self, what: &str) -> Error {
        if let Some(err) = self.comment_error() {
            return err;
        }
        if self.peek() == Some(b'\'') {
            return self.single_quote_error();
        }
        let start = self.pos;
        match self.src[start..].chars().next() {
            None => Error::new(
                format!("expected {what}, found end of input"),
                Span::empty(start),
            ),
            Some('\u{feff}') if start == 0 => Error::new(
                "a byte order mark (U+FEFF) is not allowed at the start of JSON",
                Span::new(0, 3),
            )
            .with_help("save the file as UTF-8 without a byte order mark"),
            Some(c) => {
                let word = self.word_at(start);
                let span = Span::new(start, start + word.len().max(c.len_utf8()));
                Error::new(
                    format!("expected {what}, found {}", describe(word, c)),
                    span,
                )
            }
        }
    }

    /// A `//`, `/* */` or `#` comment at the current position.
    fn comment_error(&self) -> Option<Error> {
        let start = self.pos;
        let rest = &self.bytes[start..];
        let end = if rest.starts_with(b"//") || rest.starts_with(b"#") {
            start + rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            match rest[2..].windows(2).position(|w| w == b"*/") {
                Some(i) => start + 2 + i + 2,
                None => self.bytes.len(),
            }
        } else {
            return None;
        };
        // A line comment ends before a `\r` of a CRLF line ending.
        let end = if self.bytes[start..end].ends_with(b"\r") {
            end - 1
        } else {
            end
        };
        Some(
            Error::new("comments are not allowed in JSON", Span::new(start, end))
                .with_help("remove the comment"),
        )
    }

    fn single_quote_error(&self) -> Error {
        let start = self.pos;
        let rest = &self.src[start + 1..];
        let end = rest
            .find(['\'', '\n'])
            .filter(|&i| rest.as_bytes()[i] == b'\'')
            .map_or(start + 1, |i| start + 1 + i + 1);
        let err = Error::new(
            "single quotes are not allowed in JSON",
            Span::new(start, end),
        );
        if end > start + 1 && !self.src[start + 1..end - 1].contains(['"', '\\']) {
            err.with_help(format!(
                "use double quotes: `\"{}\"`",
                &self.src[start + 1..end - 1]
            ))
        } else {
            err.with_help("use double quotes")
        }
    }

    /// The run of characters at `start` up to whitespace or punctuation, for
    /// messages. At most 32 bytes, cut on a character boundary.
    fn word_at(&self, start: usize) -> &'a str {
        let rest = &self.src[start..];
        let mut end = rest
            .find(|c: char| c.is_whitespace() || "{}[],:\"'".contains(c))
            .unwrap_or(rest.len());
        if end > 32 {
            end = 32;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
        }
        &rest[..end]
    }

    fn enter(&mut self, what: &str) -> Result<(), Error> {
        self.depth += 1;
        if self.depth >= self.max_depth {
            return Err(Error::new(
                format!(
                    "{what} nested too deeply: JSON nesting is limited to {} levels",
                    self.max_depth - 1
                ),
                Span::new(self.pos, self.pos + 1),
            ));
        }
        Ok(())
    }

    fn parse_object(&mut self) -> Result<Value<'a>, Error> {
        let open = Span::new(self.pos, self.pos + 1);
        self.enter("object")?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::new(
                ValueKind::Object(members),
                open.to(Span::empty(self.pos)),
            ));
        }
        let mut comma: Option<usize> = None;
        loop {
            let key = match self.peek() {
                Some(b'"') => {
                    let (text, span) = self.parse_string()?;
                    Key::new(text, span)
                }
                Some(b'}') if comma.is_some() => return Err(trailing_comma(comma)),
                None => return Err(self.unclosed("object", "a key or `}`", open)),
                Some(_) => return Err(self.bad_key()),
            };
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:` after object key"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.parse_value()?;
            members.push(Member::new(key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::new(
                        ValueKind::Object(members),
                        open.to(Span::empty(self.pos)),
                    ));
                }
                None => return Err(self.unclosed("object", "`,` or `}`", open)),
                Some(b'"') => {
                    return Err(self
                        .unexpected("`,` or `}` after object member")
                        .with_help("add a `,` between members"))
                }
                Some(_) => return Err(self.unexpected("`,` or `}` after object member")),
            }
        }
    }

    fn bad_key(&self) -> Error {
        let start = self.pos;
        let word = self.word_at(start);
        let is_identifier = word
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$');
        if is_identifier {
            return Error::new(
                "object keys must be strings in double quotes",
                Span::new(start, start + word.len()),
            )
            .with_help(format!("write `\"{word}\"`"));
        }
        self.unexpected("a string key")
    }

    fn parse_array(&mut self) -> Result<Value<'a>, Error> {
        let open = Span::new(self.pos, self.pos + 1);
        self.enter("array")?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::new(
                ValueKind::Array(items),
                open.to(Span::empty(self.pos)),
            ));
        }
        let mut comma: Option<usize> = None;
        loop {
            match self.peek() {
                Some(b']') if comma.is_some() => return Err(trailing_comma(comma)),
                None => return Err(self.unclosed("array", "a value or `]`", open)),
                _ => {}
            }
            items.push(self.parse_value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::new(
                        ValueKind::Array(items),
                        open.to(Span::empty(self.pos)),
                    ));
                }
                None => return Err(self.unclosed("array", "`,` or `]`", open)),
                Some(_) => return Err(self.unexpected("`,` or `]` after array element")),
            }
        }
    }

    fn unclosed(&self, what: &str, expected: &str, open: Span) -> Error {
        Error::new(
            format!("unclosed {what}: expected {expected}, found end of input"),
            Span::empty(self.pos),
        )
        .opened_at(open)
    }

    fn parse_number(&mut self) -> Result<Value<'a>, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    let digits_end = self.skip_digits();
                    let text = &self.src[start..digits_end];
                    let sign = if text.starts_with('-') { "-" } else { "" };
                    let trimmed = text.trim_start_matches('-').trim_start_matches('0');
                    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
                    return Err(Error::new(
                        "leading zeros are not allowed in JSON numbers",
                        Span::new(start, digits_end),
                    )
                    .with_help(format!("write `{sign}{trimmed}`")));
                }
            }
            Some(b'1'..=b'9') => {
                self.skip_digits();
            }
            _ => {
                if self.src[self.pos..].starts_with("Infinity") {
                    return Err(Error::new(
                        "`-Infinity` is not allowed in JSON",
                        Span::new(start, self.pos + "Infinity".len()),
                    )
                    .with_help("use `null`, or a string"));
                }
                return Err(self.unexpected("a digit after `-`"));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self
                    .unexpected("a digit after the decimal point")
                    .with_help(format!("write `{}0`", &self.src[start..self.pos])));
            }
            self.skip_digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            self.skip_digits();
        }
        let span = Span::new(start, self.pos);
        Ok(Value::new(
            ValueKind::Number(Number::new(&self.src[span.range()])),
            span,
        ))
    }

    #[inline]
    fn skip_digits(&mut self) -> usize {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos
    }

    /// Parses a string token at `self.pos` (on its opening quote). Returns the
    /// decoded text, borrowed when there is no escape, and the token's span.
    fn parse_string(&mut self) -> Result<(Cow<'a, str>, Span), Error> {
        let open = self.pos;
        self.pos += 1;
        let content = self.pos;
        loop {
            self.pos = find_string_special(self.bytes, self.pos);
            match self.peek() {
                Some(b'"') => {
                    let text = &self.src[content..self.pos];
                    self.pos += 1;
                    return Ok((Cow::Borrowed(text), Span::new(open, self.pos)));
                }
                Some(b'\\') => {
                    let mut owned = String::with_capacity(self.pos - content + 16);
                    owned.push_str(&self.src[content..self.pos]);
                    return self.parse_escaped_string(open, owned);
                }
                Some(byte) => return Err(self.control_character_error(byte)),
                None => return Err(self.unterminated_string(open)),
            }
        }
    }

    /// The slow path of [`Parser::parse_string`], from the first backslash on.
    fn parse_escaped_string(
        &mut self,
        open: usize,
        mut owned: String,
    ) -> Result<(Cow<'a, str>, Span), Error> {
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((Cow::Owned(owned), Span::new(open, self.pos)));
                }
                Some(b'\\') => self.parse_escape(&mut owned)?,
                Some(byte) if byte < 0x20 => return Err(self.control_character_error(byte)),
                Some(_) => {
                    let end = find_string_special(self.bytes, self.pos);
                    owned.push_str(&self.src[self.pos..end]);
                    self.pos = end;
                }
                None => return Err(self.unterminated_string(open)),
            }
        }
    }

    fn parse_escape(&mut self, out: &mut String) -> Result<(), Error> {
        let start = self.pos;
        let Some(escaped) = self.src[start + 1..].chars().next() else {
            return Err(self.unterminated_string_from_escape());
        };
        let decoded = match escaped {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => return self.parse_unicode_escape(out),
            other => {
                let span = Span::new(start, start + 1 + other.len_utf8());
                return Err(Error::new(
                    format!(
                        "invalid escape `{}` in string",
                        escape_for_message(&self.src[span.range()])
                    ),
                    span,
                )
                .with_help(VALID_ESCAPES));
            }
        };
        out.push(decoded);
        self.pos += 2;
        Ok(())
    }

    fn parse_unicode_escape(&mut self, out: &mut String) -> Result<(), Error> {
        let start = self.pos;
        let first = self.hex4(start)?;
        self.pos += 6;
        let c = match first {
            0xD800..=0xDBFF => {
                let low = if self.bytes[self.pos..].starts_with(b"\\u") {
                    Some(self.hex4(self.pos)?)
                } else {
                    None
                };
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        self.pos += 6;
                        let scalar = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER)
                    }
                    _ => return Err(lone_surrogate(&self.src[start..start + 6], start)),
                }
            }
            0xDC00..=0xDFFF => return Err(lone_surrogate(&self.src[start..start + 6], start)),
            scalar => char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER),
        };
        out.push(c);
        Ok(())
    }

    /// The four hex digits of the `\u` escape at `start`.
    fn hex4(&self, start: usize) -> Result<u32, Error> {
        let digits = &self.bytes[start + 2..];
        let mut value = 0u32;
        for i in 0..4 {
            match digits.get(i).and_then(|&b| (b as char).to_digit(16)) {
                Some(d) => value = value * 16 + d,
                None => {
                    let mut end = start + 2 + i;
                    if let Some(c) = self.src[end..].chars().next().filter(|&c| c != '"') {
                        end += c.len_utf8();
                    }
                    let span = Span::new(start, end);
                    return Err(Error::new(
                        format!(
                            "invalid unicode escape `{}`: expected four hex digits",
                            escape_for_message(&self.src[span.range()])
                        ),
                        span,
                    ));
                }
            }
        }
        Ok(value)
    }

    fn control_character_error(&self, byte: u8) -> Error {
        let escape = match byte {
            b'\n' => "\\n".to_string(),
            b'\t' => "\\t".to_string(),
            b'\r' => "\\r".to_string(),
            _ => format!("\\u{byte:04x}"),
        };
        Error::new(
            format!("unescaped control character U+{byte:04X} in string"),
            Span::new(self.pos, self.pos + 1),
        )
        .with_help(format!("escape it as `{escape}`"))
    }

    fn unterminated_string(&self, open: usize) -> Error {
        Error::new(
            "unterminated string: expected `\"`, found end of input",
            Span::empty(self.bytes.len()),
        )
        .opened_at(Span::new(open, open + 1))
    }

    fn unterminated_string_from_escape(&self) -> Error {
        Error::new(
            "unterminated string: expected an escape, found end of input",
            Span::empty(self.bytes.len()),
        )
    }
}

fn literal_case_error(word: &str, literal: &str, span: Span) -> Error {
    Error::new(format!("expected a JSON value, found `{word}`"), span)
        .with_help(format!("JSON literals are lowercase: `{literal}`"))
}

fn trailing_comma(comma: Option<usize>) -> Error {
    let at = comma.unwrap_or_default();
    Error::new(
        "trailing comma is not allowed in JSON",
        Span::new(at, at + 1),
    )
    .with_help("remove the `,`")
}

fn lone_surrogate(escape: &str, start: usize) -> Error {
    Error::new(
        format!("lone surrogate `{escape}` in string escape"),
        Span::new(start, start + 6),
    )
    .with_help("a surrogate needs its pair: a high one (`\\uD800`–`\\uDBFF`) followed by a low one (`\\uDC00`–`\\uDFFF`)")
}

/// `` `x` `` for a visible token, `U+XXXX` for an invisible character.
fn describe(word: &str, first: char) -> String {
    if first.is_control() || first.is_whitespace() || is_invisible(first) {
        format!("U+{:04X}", first as u32)
    } else if word.is_empty() {
        format!("`{first}`")
    } else {
        format!("`{}`", escape_for_message(word))
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Control characters in a message would garble a terminal; show them
/// escaped.
fn escape_for_message(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The index of the first `"`, `\` or control byte at or after `from`, or
/// the length of `bytes`. Scans eight bytes at a time: this loop is where a
/// string-heavy document spends its time.
#[inline]
fn find_string_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let quote = word ^ (ONES * b'"' as u64);
        let backslash = word ^ (ONES * b'\\' as u64);
        // A byte is flagged when it is zero (quote, backslash) or below 0x20.
        let flagged = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        if flagged & HIGHS != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}
