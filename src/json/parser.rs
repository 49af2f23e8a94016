//! The parser: one pass, no recursion. Open arrays and objects live on an
//! explicit stack, so nesting depth is bounded by the limit and by memory,
//! never by the thread's stack, whatever limit the caller sets.

use std::borrow::Cow;

use super::error::Error;
use super::value::{Key, Member, Number, Value, ValueKind};
use crate::span::Span;

pub(crate) struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
}

/// An array or object whose closing bracket is still to come.
enum Open<'a> {
    /// Its elements so far are `values[first..]`.
    Array { bracket: usize, first: usize },
    /// Its members so far are `members[first..]`; `key` is the key of the
    /// value being parsed.
    Object {
        bracket: usize,
        first: usize,
        key: Key<'a>,
    },
}

const VALID_ESCAPES: &str =
    "valid escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`";

const JSON_WHITESPACE: &str =
    "remove it: between tokens JSON allows only spaces, tabs, line feeds and carriage returns";

impl<'a> Parser<'a> {
    /// A parser over `src` that starts at byte `start`, so that spans of a
    /// document after a byte order mark still index the whole text.
    pub(crate) fn new(src: &'a str, start: usize, max_depth: usize) -> Parser<'a> {
        Parser {
            src,
            bytes: src.as_bytes(),
            pos: start,
            max_depth,
        }
    }

    pub(crate) fn parse_document(mut self) -> Result<Value<'a>, Error> {
        // Small starting capacities spare a typical payload most regrowth.
        let mut stack: Vec<Open<'a>> = Vec::with_capacity(8);
        // Elements and members of every open container, innermost last; a
        // closing bracket moves its container's tail into an exactly sized
        // `Vec`.
        let mut values: Vec<Value<'a>> = Vec::with_capacity(16);
        let mut members: Vec<Member<'a>> = Vec::with_capacity(16);
        self.skip_whitespace();
        'value: loop {
            // Here `self.pos` is at the first byte of a value.
            let mut value = match self.peek() {
                Some(b'"') => {
                    let (text, span) = self.parse_string()?;
                    Value::new(ValueKind::String(text), span)
                }
                Some(b'-' | b'0'..=b'9') => self.parse_number()?,
                Some(b'[') => {
                    let bracket = self.pos;
                    self.check_depth(stack.len(), "array")?;
                    self.pos += 1;
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            Value::new(ValueKind::Array(Vec::new()), Span::new(bracket, self.pos))
                        }
                        None => return Err(self.unclosed("array", "a value or `]`", bracket)),
                        Some(_) => {
                            stack.push(Open::Array {
                                bracket,
                                first: values.len(),
                            });
                            continue 'value;
                        }
                    }
                }
                Some(b'{') => {
                    let bracket = self.pos;
                    self.check_depth(stack.len(), "object")?;
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::new(ValueKind::Object(Vec::new()), Span::new(bracket, self.pos))
                    } else {
                        let key = self.parse_key(bracket, None)?;
                        stack.push(Open::Object {
                            bracket,
                            first: members.len(),
                            key,
                        });
                        continue 'value;
                    }
                }
                Some(b't') => self.parse_literal(b"true", ValueKind::Bool(true))?,
                Some(b'f') => self.parse_literal(b"false", ValueKind::Bool(false))?,
                Some(b'n') => self.parse_literal(b"null", ValueKind::Null)?,
                None => {
                    return Err(match stack.last() {
                        // Arrays catch the end of input before a value
                        // themselves; an object reaches here after `:`.
                        Some(Open::Object { bracket, .. }) => {
                            self.unclosed("object", "a value", *bracket)
                        }
                        _ => self.bad_value_start(),
                    });
                }
                Some(b) => return Err(self.bad_value(b, stack.last())),
            };
            // Hand the value to the innermost open container, and close every
            // container that ends right after it.
            loop {
                self.skip_whitespace();
                match stack.last_mut() {
                    None => return self.finish(value),
                    Some(Open::Array { bracket, first }) => {
                        values.push(value);
                        match self.peek() {
                            Some(b',') => {
                                let comma = self.pos;
                                self.pos += 1;
                                self.skip_whitespace();
                                match self.peek() {
                                    Some(b']') => return Err(trailing_comma(comma)),
                                    None => return Err(self.unclosed("array", "a value", *bracket)),
                                    Some(_) => continue 'value,
                                }
                            }
                            Some(b']') => {
                                self.pos += 1;
                                let items = values.split_off(*first);
                                value = Value::new(
                                    ValueKind::Array(items),
                                    Span::new(*bracket, self.pos),
                                );
                                stack.pop();
                            }
                            None => return Err(self.unclosed("array", "`,` or `]`", *bracket)),
                            Some(_) => return Err(self.after_element(*bracket)),
                        }
                    }
                    Some(Open::Object {
                        bracket,
                        first,
                        key,
                    }) => {
                        let member_key = std::mem::replace(key, Key::placeholder());
                        members.push(Member::new(member_key, value));
                        match self.peek() {
                            Some(b',') => {
                                let comma = self.pos;
                                self.pos += 1;
                                self.skip_whitespace();
                                *key = self.parse_key(*bracket, Some(comma))?;
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let items = members.split_off(*first);
                                value = Value::new(
                                    ValueKind::Object(items),
                                    Span::new(*bracket, self.pos),
                                );
                                stack.pop();
                            }
                            None => return Err(self.unclosed("object", "`,` or `}`", *bracket)),
                            Some(_) => return Err(self.after_member(*bracket)),
                        }
                    }
                }
            }
        }
    }

    /// After the top-level value and its trailing whitespace: only the end.
    fn finish(&self, value: Value<'a>) -> Result<Value<'a>, Error> {
        match self.peek() {
            None => Ok(value),
            Some(b @ (b']' | b'}')) => Err(self
                .unexpected("end of input after the JSON value")
                .with_help(format!("remove the unmatched `{}`", char::from(b)))),
            Some(b) if starts_value(b) => Err(self
                .unexpected("end of input after the JSON value")
                .with_help("a JSON document holds exactly one value; wrap several in an array")),
            Some(_) => Err(self.unexpected("end of input after the JSON value")),
        }
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

    /// Opening one more container inside `open` others must stay within
    /// the limit: serde_json's `recursion_limit` counts the same way.
    fn check_depth(&self, open: usize, what: &str) -> Result<(), Error> {
        if open + 1 >= self.max_depth {
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

    /// An object key and its `:`, with `self.pos` on the key (whitespace
    /// skipped). `comma` is the `,` before it, if any.
    fn parse_key(&mut self, bracket: usize, comma: Option<usize>) -> Result<Key<'a>, Error> {
        let key = match (self.peek(), comma) {
            (Some(b'"'), _) => {
                let (text, span) = self.parse_string()?;
                Key::new(text, span)
            }
            (Some(b'}'), Some(comma)) => return Err(trailing_comma(comma)),
            (None, None) => return Err(self.unclosed("object", "a key or `}`", bracket)),
            (None, Some(_)) => return Err(self.unclosed("object", "a key", bracket)),
            (Some(_), _) => return Err(self.bad_key()),
        };
        self.skip_whitespace();
        match self.peek() {
            Some(b':') => {}
            None => return Err(self.unclosed("object", "`:` after the key", bracket)),
            Some(b) if starts_value(b) => {
                return Err(self
                    .unexpected("`:` after object key")
                    .with_help("add a `:` between the key and its value"))
            }
            Some(b'=') => {
                return Err(self
                    .unexpected("`:` after object key")
                    .with_help("use `:` between a key and its value"))
            }
            Some(_) => return Err(self.unexpected("`:` after object key")),
        }
        self.pos += 1;
        self.skip_whitespace();
        Ok(key)
    }

    fn parse_literal(
        &mut self,
        word: &'static [u8],
        kind: ValueKind<'a>,
    ) -> Result<Value<'a>, Error> {
        let start = self.pos;
        let end = start + word.len();
        // `nulll` or `trueish` is one bad word, not a literal and junk.
        let word_continues = self
            .bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if self.bytes.get(start..end) == Some(word) && !word_continues {
            self.pos = end;
            return Ok(Value::new(kind, Span::new(start, end)));
        }
        Err(self.bad_value_start())
    }

    /// The error for `byte`, which cannot start a value, inside `open`: a
    /// closing bracket of the wrong kind also says which bracket is open.
    #[cold]
    fn bad_value(&self, byte: u8, open: Option<&Open<'a>>) -> Error {
        let err = self.bad_value_start();
        match (byte, open) {
            (b'}', Some(Open::Array { bracket, .. })) => err
                .with_help("close the array with `]`")
                .opened_at(Span::new(*bracket, bracket + 1)),
            (b']', Some(Open::Object { bracket, .. })) => err
                .with_help("close the object with `}`")
                .opened_at(Span::new(*bracket, bracket + 1)),
            _ => err,
        }
    }

    /// The error for a token that cannot start a value, with a specific
    /// message for the usual JavaScript, JSON5 and Python habits.
    #[cold]
    fn bad_value_start(&self) -> Error {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        if let Some(err) = self.comment_error() {
            return err;
        }
        if rest.starts_with(b"'") {
            return self.single_quote_error();
        }
        let word = self.word_at(start);
        let span = Span::new(start, start + word.len());
        match word {
            "NaN" | "Infinity" | "+Infinity" | "+NaN" => {
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
        match rest {
            [b'+', b'0'..=b'9' | b'.', ..] => {
                return Error::new(
                    "leading `+` is not allowed in JSON numbers",
                    Span::new(start, start + 1),
                )
                .with_help("remove the `+`");
            }
            [b'.', b'0'..=b'9', ..] => {
                return Error::new("a number must have a digit before the decimal point", span)
                    .with_help(format!("write `0{word}`"));
            }
            _ => {}
        }
        self.unexpected("a JSON value")
    }

    /// `expected {what}, found …` at the current position; comments and
    /// single quotes get their own message wherever they appear.
    #[cold]
    fn unexpected(&self, what: &str) -> Error {
        if let Some(err) = self.comment_error() {
            return err;
        }
        if self.peek() == Some(b'\'') {
            return self.single_quote_error();
        }
        let start = self.pos;
        match self.src.get(start..).and_then(|rest| rest.chars().next()) {
            None => Error::new(
                format!("expected {what}, found end of input"),
                Span::empty(start),
            ),
            Some('\u{feff}') if start == 0 => Error::new(
                "a byte order mark (U+FEFF) is not allowed at the start of JSON",
                Span::new(0, 3),
            )
            .with_help("save the file as UTF-8 without a byte order mark"),
            Some(c @ (' ' | '\t' | '\n' | '\r')) => Error::new(
                format!("expected {what}, found U+{:04X}", c as u32),
                Span::new(start, start + 1),
            ),
            Some(c) if is_invisible(c) => Error::new(
                format!("expected {what}, found U+{:04X}", c as u32),
                Span::new(start, start + c.len_utf8()),
            )
            .with_help(JSON_WHITESPACE),
            Some(c) => {
                let word = self.word_at(start);
                let span = Span::new(start, start + word.len().max(c.len_utf8()));
                let shown = if word.is_empty() {
                    c.to_string()
                } else {
                    word.to_string()
                };
                Error::new(format!("expected {what}, found `{shown}`"), span)
            }
        }
    }

    /// `,` or `]` was expected after an array element.
    #[cold]
    fn after_element(&self, bracket: usize) -> Error {
        let err = self.unexpected("`,` or `]` after array element");
        match self.peek() {
            Some(b'}') => err
                .with_help("close the array with `]`")
                .opened_at(Span::new(bracket, bracket + 1)),
            Some(b) if starts_value(b) => err.with_help("add a `,` between elements"),
            Some(b':') => err.with_help(
                "an array holds values, not `key: value` members; use `{}` for an object",
            ),
            _ => err,
        }
    }

    /// `,` or `}` was expected after an object member.
    #[cold]
    fn after_member(&self, bracket: usize) -> Error {
        let err = self.unexpected("`,` or `}` after object member");
        match self.peek() {
            Some(b']') => err
                .with_help("close the object with `}`")
                .opened_at(Span::new(bracket, bracket + 1)),
            Some(b'"') => err.with_help("add a `,` between members"),
            _ => err,
        }
    }

    /// A `//`, `/* */` or `#` comment at the current position.
    #[cold]
    fn comment_error(&self) -> Option<Error> {
        let start = self.pos;
        let rest = self.bytes.get(start..)?;
        let end = if rest.starts_with(b"//") || rest.starts_with(b"#") {
            let line = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            // A line comment ends before the `\r` of a CRLF line ending.
            if line > 0 && rest[line - 1] == b'\r' {
                start + line - 1
            } else {
                start + line
            }
        } else if rest.starts_with(b"/*") {
            match rest[2..].windows(2).position(|w| w == b"*/") {
                Some(i) => start + 2 + i + 2,
                None => self.bytes.len(),
            }
        } else {
            return None;
        };
        Some(
            Error::new("comments are not allowed in JSON", Span::new(start, end))
                .with_help("remove the comment"),
        )
    }

    #[cold]
    fn single_quote_error(&self) -> Error {
        let start = self.pos;
        let rest = self.src.get(start + 1..).unwrap_or_default();
        let end = rest
            .find(['\'', '\n'])
            .filter(|&i| rest.as_bytes()[i] == b'\'')
            .map_or(start + 1, |i| start + 1 + i + 1);
        let err = Error::new(
            "single quotes are not allowed in JSON",
            Span::new(start, end),
        );
        match self.src.get(start + 1..end.saturating_sub(1)) {
            Some(inner) if end > start + 1 && !inner.contains(['"', '\\']) => {
                err.with_help(format!("use double quotes: `\"{inner}\"`"))
            }
            _ => err.with_help("use double quotes"),
        }
    }

    /// The run of characters at `start` up to whitespace or punctuation, for
    /// messages. At most 32 bytes, cut on a character boundary; control
    /// characters stop it too, so that messages stay printable.
    fn word_at(&self, start: usize) -> &'a str {
        let rest = self.src.get(start..).unwrap_or_default();
        let mut end = rest
            .find(|c: char| c.is_whitespace() || c.is_control() || "{}[],:\"'".contains(c))
            .unwrap_or(rest.len());
        if end > 32 {
            end = 32;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
        }
        &rest[..end]
    }

    #[cold]
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

    #[cold]
    fn unclosed(&self, what: &str, expected: &str, bracket: usize) -> Error {
        Error::new(
            format!("unclosed {what}: expected {expected}, found end of input"),
            Span::empty(self.pos),
        )
        .opened_at(Span::new(bracket, bracket + 1))
    }

    fn parse_number(&mut self) -> Result<Value<'a>, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                match self.peek() {
                    Some(b'0'..=b'9') => return Err(self.leading_zeros(start)),
                    Some(b'x' | b'X') => return Err(self.hexadecimal(start)),
                    _ => {}
                }
            }
            Some(b'1'..=b'9') => {
                self.pos += 1;
                self.skip_digits();
            }
            _ => {
                let word = self.word_at(start);
                if let [b'.', b'0'..=b'9', ..] = self.bytes.get(self.pos..).unwrap_or_default() {
                    return Err(Error::new(
                        "a number must have a digit before the decimal point",
                        Span::new(start, start + word.len()),
                    )
                    .with_help(format!("write `-0{}`", &word[1..])));
                }
                if word == "-Infinity" || word == "-NaN" {
                    return Err(Error::new(
                        format!("`{word}` is not allowed in JSON"),
                        Span::new(start, start + word.len()),
                    )
                    .with_help("use `null`, or a string"));
                }
                return Err(self.unexpected("a digit after `-`"));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                let written = &self.src[start..self.pos];
                return Err(self
                    .unexpected("a digit after the decimal point")
                    .with_help(format!("write `{written}0`")));
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

    /// `self.pos` is on a digit after a leading `0`.
    #[cold]
    fn leading_zeros(&mut self, start: usize) -> Error {
        let digits_end = self.skip_digits();
        let text = &self.src[start..digits_end];
        let sign = if text.starts_with('-') { "-" } else { "" };
        let trimmed = text.trim_start_matches('-').trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        Error::new(
            "leading zeros are not allowed in JSON numbers",
            Span::new(start, digits_end),
        )
        .with_help(format!("write `{sign}{trimmed}`"))
    }

    /// `self.pos` is on the `x` of `0x`.
    #[cold]
    fn hexadecimal(&self, start: usize) -> Error {
        let digits = self
            .bytes
            .get(self.pos + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let end = self.pos + 1 + digits;
        let err = Error::new(
            "hexadecimal numbers are not allowed in JSON",
            Span::new(start, end),
        );
        let sign = if self.bytes.get(start) == Some(&b'-') {
            "-"
        } else {
            ""
        };
        match u64::from_str_radix(&self.src[self.pos + 1..end], 16) {
            Ok(n) => err.with_help(format!("write it in decimal: `{sign}{n}`")),
            Err(_) => err.with_help("write it in decimal"),
        }
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
        let content = open + 1;
        self.pos = find_string_special(self.bytes, content);
        match self.peek() {
            Some(b'"') => {
                let text = &self.src[content..self.pos];
                self.pos += 1;
                Ok((Cow::Borrowed(text), Span::new(open, self.pos)))
            }
            Some(b'\\') => {
                let mut owned = String::with_capacity(self.pos - content + 16);
                owned.push_str(&self.src[content..self.pos]);
                self.parse_escaped_string(open, owned)
            }
            Some(byte) => Err(self.control_character_error(byte)),
            None => Err(self.unterminated_string(open)),
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
                Some(b'\\') => self.parse_escape(open, &mut owned)?,
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

    fn parse_escape(&mut self, open: usize, out: &mut String) -> Result<(), Error> {
        let start = self.pos;
        let Some(escaped) = self.src.get(start + 1..).and_then(|s| s.chars().next()) else {
            return Err(self.unterminated_string(open));
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
                let message = if other.is_control() || is_invisible(other) {
                    format!(
                        "invalid escape in string: `\\` followed by U+{:04X}",
                        other as u32
                    )
                } else {
                    format!("invalid escape `\\{other}` in string")
                };
                return Err(Error::new(message, span).with_help(VALID_ESCAPES));
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
                let low = match self.bytes.get(self.pos..self.pos + 2) {
                    Some(b"\\u") => Some(self.hex4(self.pos)?),
                    _ => None,
                };
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        self.pos += 6;
                        let scalar = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(scalar)
                    }
                    _ => return Err(self.lone_surrogate(start)),
                }
            }
            0xDC00..=0xDFFF => return Err(self.lone_surrogate(start)),
            scalar => char::from_u32(scalar),
        };
        // Every value that reaches here is a scalar value; the fallback only
        // avoids a panic path.
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    /// The four hex digits of the `\u` escape at `start`.
    fn hex4(&self, start: usize) -> Result<u32, Error> {
        let digits = self.bytes.get(start + 2..).unwrap_or_default();
        let mut value = 0u32;
        for i in 0..4 {
            match digits.get(i).and_then(|&b| char::from(b).to_digit(16)) {
                Some(d) => value = value * 16 + d,
                None => {
                    // Show the escape up to and including the bad character,
                    // unless that is the closing quote or invisible.
                    let mut end = start + 2 + i;
                    let bad = self.src.get(end..).and_then(|s| s.chars().next());
                    if let Some(c) = bad.filter(|&c| c != '"' && !c.is_control()) {
                        end += c.len_utf8();
                    }
                    let span = Span::new(start, end);
                    return Err(Error::new(
                        format!(
                            "invalid unicode escape `{}`: expected four hex digits",
                            &self.src[span.range()]
                        ),
                        span,
                    ));
                }
            }
        }
        Ok(value)
    }

    #[cold]
    fn lone_surrogate(&self, start: usize) -> Error {
        let span = Span::new(start, start + 6);
        Error::new(
            format!("lone surrogate `{}` in string escape", &self.src[span.range()]),
            span,
        )
        .with_help(
            "a surrogate needs its pair: a high one (`\\uD800`–`\\uDBFF`) followed by a low one (`\\uDC00`–`\\uDFFF`)",
        )
    }

    #[cold]
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

    #[cold]
    fn unterminated_string(&self, open: usize) -> Error {
        Error::new(
            "unterminated string: expected `\"`, found end of input",
            Span::empty(self.bytes.len()),
        )
        .opened_at(Span::new(open, open + 1))
    }
}

/// Whether `byte` can start a JSON value.
fn starts_value(byte: u8) -> bool {
    matches!(
        byte,
        b'"' | b'[' | b'{' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
    )
}

#[cold]
fn literal_case_error(word: &str, literal: &str, span: Span) -> Error {
    Error::new(format!("expected a JSON value, found `{word}`"), span)
        .with_help(format!("JSON literals are lowercase: `{literal}`"))
}

#[cold]
fn trailing_comma(at: usize) -> Error {
    Error::new(
        "trailing comma is not allowed in JSON",
        Span::new(at, at + 1),
    )
    .with_help("remove the `,`")
}

/// Characters that are invisible or look like whitespace in an editor:
/// control characters, Unicode spaces, zero-width and bidirectional marks.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The index of the first `"`, `\` or control byte at or after `from`, or
/// the length of `bytes`. Tests eight bytes at a time: this loop is where a
/// string-heavy document spends its time.
#[inline]
fn find_string_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let quote = word ^ (ONES * b'"' as u64);
        let backslash = word ^ (ONES * b'\\' as u64);
        // The high bit of a byte is set when the byte is zero (a quote or a
        // backslash before the xor) or below 0x20. A borrow can flag a byte
        // above a flagged one, never below, so the lowest flag is exact.
        let flagged = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word))
            & HIGHS;
        if flagged != 0 {
            return from + n * 8 + (flagged.trailing_zeros() / 8) as usize;
        }
    }
    let tail = chunks.remainder();
    let at = tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(tail.len());
    bytes.len() - tail.len() + at
}

#[cfg(test)]
mod tests {
    use super::find_string_special;

    #[test]
    fn find_string_special_finds_the_first_special_byte_at_every_offset() {
        // Neighbours of the special bytes, and bytes whose borrow could
        // confuse the eight-byte test.
        let fillers = [b'a', b' ', b'!', b'#', b'[', b']', 0x21, 0x7f, 0x80, 0xff];
        for special in [b'"', b'\\', 0x00, 0x01, 0x0a, 0x1f] {
            for filler in fillers {
                for len in 0..24 {
                    for at in 0..=len {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = special;
                            // A second special byte later must not matter.
                            if at + 3 < len {
                                bytes[at + 3] = b'"';
                            }
                        }
                        for from in 0..=at.min(3) {
                            assert_eq!(
                                find_string_special(&bytes, from),
                                at,
                                "{special:#x} in {filler:#x} * {len} from {from}"
                            );
                        }
                    }
                }
            }
        }
        assert_eq!(find_string_special(b"abc", 7), 3);
    }
}
