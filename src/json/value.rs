//! The span-carrying JSON value tree.

use std::borrow::Cow;

use crate::span::Span;

/// A JSON value and the span of its token (for arrays and objects, from the
/// opening to the closing bracket).
///
/// ```
/// let source = r#"{"name": "Widget", "deny_unmatched_requests": true}"#;
/// let doc = ztlint::json::parse(source)?;
/// assert_eq!(doc.type_name(), "object");
/// assert_eq!(doc.span().range(), 0..source.len());
/// let name = doc.get("name").unwrap();
/// assert_eq!(name.as_str(), Some("Widget"));
/// assert_eq!(&source[name.span().range()], r#""Widget""#);
/// assert_eq!(doc.get("deny_unmatched_requests").unwrap().as_bool(), Some(true));
/// # Ok::<(), ztlint::json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'a> {
    kind: ValueKind<'a>,
    span: Span,
}

/// What a [`Value`] holds.
///
/// ```
/// use ztlint::json::{self, ValueKind};
///
/// let doc = json::parse(r#"[null, false, 1.50, "a\u0062", []]"#)?;
/// let kinds: Vec<_> = doc.as_array().unwrap().iter().map(|v| v.kind()).collect();
/// assert_eq!(kinds[0], &ValueKind::Null);
/// assert_eq!(kinds[1], &ValueKind::Bool(false));
/// assert!(matches!(kinds[2], ValueKind::Number(n) if n.as_str() == "1.50"));
/// assert!(matches!(kinds[3], ValueKind::String(s) if s == "ab"));
/// assert_eq!(kinds[4], &ValueKind::Array(vec![]));
/// # Ok::<(), json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as its source text.
    Number(Number<'a>),
    /// A string, with escapes decoded. Borrowed from the source when it has
    /// no escapes.
    String(Cow<'a, str>),
    /// An array's elements, in order.
    Array(Vec<Value<'a>>),
    /// An object's members in source order, duplicate keys included.
    Object(Vec<Member<'a>>),
}

/// A JSON number, kept as its source text so that no precision is lost and
/// numbers outside the range of `f64` survive.
///
/// ```
/// let doc = ztlint::json::parse("[30, 30.0, 1e400]")?;
/// let numbers: Vec<_> = doc.as_array().unwrap().iter().map(|v| v.as_number().unwrap()).collect();
/// assert_eq!(numbers[0].as_i64(), Some(30));
/// assert_eq!(numbers[1].as_i64(), None);
/// assert_eq!(numbers[1].as_f64(), Some(30.0));
/// assert_eq!(numbers[2].as_str(), "1e400");
/// assert_eq!(numbers[2].as_f64(), None);
/// # Ok::<(), ztlint::json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Number<'a> {
    text: &'a str,
}

/// An object key: its decoded text and the span of its quoted token.
///
/// ```
/// let source = r#"{"na\u006de": "Widget"}"#;
/// let doc = ztlint::json::parse(source)?;
/// let key = doc.as_object().unwrap()[0].key();
/// assert_eq!(key.as_str(), "name");
/// assert_eq!(&source[key.span().range()], r#""na\u006de""#);
/// # Ok::<(), ztlint::json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key<'a> {
    text: Cow<'a, str>,
    span: Span,
}

/// One `"key": value` pair of an object.
///
/// ```
/// let source = r#"{"name": "Widget"}"#;
/// let doc = ztlint::json::parse(source)?;
/// let member = &doc.as_object().unwrap()[0];
/// assert_eq!(member.key().as_str(), "name");
/// assert_eq!(member.value().as_str(), Some("Widget"));
/// assert_eq!(&source[member.span().range()], r#""name": "Widget""#);
/// # Ok::<(), ztlint::json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    key: Key<'a>,
    value: Value<'a>,
}

impl<'a> Value<'a> {
    pub(crate) fn new(kind: ValueKind<'a>, span: Span) -> Value<'a> {
        Value { kind, span }
    }

    /// What the value holds, to change it.
    pub(crate) fn kind_mut(&mut self) -> &mut ValueKind<'a> {
        &mut self.kind
    }

    /// What the value holds.
    ///
    /// ```
    /// use ztlint::json::{self, ValueKind};
    ///
    /// let doc = json::parse(r#"{"is_ui_read_only": true}"#)?;
    /// assert_eq!(doc.get("is_ui_read_only").unwrap().kind(), &ValueKind::Bool(true));
    /// # Ok::<(), json::Error>(())
    /// ```
    pub fn kind(&self) -> &ValueKind<'a> {
        &self.kind
    }

    /// The span of the value's token in the source.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"ssh_key_size": [256, 4096]}"#)?;
    /// assert_eq!(doc.get("ssh_key_size").unwrap().span().range(), 17..28);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn span(&self) -> Span {
        self.span
    }

    /// The JSON type name: `null`, `boolean`, `number`, `string`, `array` or
    /// `object`, as JSON Schema spells them.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"[null, true, 1, "a", [], {}]"#)?;
    /// let names: Vec<_> = doc.as_array().unwrap().iter().map(|v| v.type_name()).collect();
    /// assert_eq!(names, ["null", "boolean", "number", "string", "array", "object"]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ValueKind::Null => "null",
            ValueKind::Bool(_) => "boolean",
            ValueKind::Number(_) => "number",
            ValueKind::String(_) => "string",
            ValueKind::Array(_) => "array",
            ValueKind::Object(_) => "object",
        }
    }

    /// Whether the value is `null`.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"mfa_config": {"required_aaguids": null}}"#)?;
    /// assert!(doc.pointer("/mfa_config/required_aaguids").unwrap().is_null());
    /// assert!(!doc.is_null());
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn is_null(&self) -> bool {
        matches!(self.kind, ValueKind::Null)
    }

    /// The boolean, if the value is one.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"a": false, "b": "false"}"#)?;
    /// assert_eq!(doc.get("a").unwrap().as_bool(), Some(false));
    /// assert_eq!(doc.get("b").unwrap().as_bool(), None);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            ValueKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The decoded string, if the value is one.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"a": "caf\u00e9", "b": 1}"#)?;
    /// assert_eq!(doc.get("a").unwrap().as_str(), Some("café"));
    /// assert_eq!(doc.get("b").unwrap().as_str(), None);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if the value is one.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"days": 90, "name": "90"}"#)?;
    /// assert_eq!(doc.get("days").unwrap().as_number().unwrap().as_u64(), Some(90));
    /// assert!(doc.get("name").unwrap().as_number().is_none());
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_number(&self) -> Option<Number<'a>> {
        match self.kind {
            ValueKind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The elements, if the value is an array.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"["totp", "piv_key"]"#)?;
    /// let items: Vec<_> = doc.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    /// assert_eq!(items, ["totp", "piv_key"]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match &self.kind {
            ValueKind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members in source order, if the value is an object.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"b": 1, "a": 2, "b": 3}"#)?;
    /// let keys: Vec<_> = doc.as_object().unwrap().iter().map(|m| m.key().as_str()).collect();
    /// assert_eq!(keys, ["b", "a", "b"]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match &self.kind {
            ValueKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member named `key`, if the value is an object that has one.
    ///
    /// When a key is repeated, the **last** occurrence wins, as in Go's
    /// `encoding/json` (and so on Cloudflare's servers) and serde_json.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"a": 1, "a": 2}"#)?;
    /// assert_eq!(doc.get("a").unwrap().as_number().unwrap().as_str(), "2");
    /// assert!(doc.get("b").is_none());
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.member(key).map(Member::value)
    }

    /// Like [`Value::get`], but returns the whole member, key span included.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"a": 1, "a": 2}"#)?;
    /// let member = doc.member("a").unwrap();
    /// assert_eq!(member.key().span().range(), 9..12);
    /// assert_eq!(member.value().as_number().unwrap().as_str(), "2");
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        self.as_object()?.iter().rev().find(|m| m.key.text == key)
    }

    /// The value that a JSON Pointer (RFC 6901) designates, if any.
    ///
    /// `""` is the value itself; `/name/0` is element 0 of member `name`.
    /// In a reference token `~1` stands for `/` and `~0` for `~`. An array
    /// index is `0` or a number without leading zeros; `-` (the element after
    /// the last) designates nothing. Where a key is repeated, the last
    /// occurrence wins, as in [`Value::get`]. A pointer that does not start
    /// with `/`, or that has a `~` followed by neither `0` nor `1`,
    /// designates nothing.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"login_design": {"a/b": [10, 20]}, "~": 1}"#)?;
    /// let twenty = doc.pointer("/login_design/a~1b/1").unwrap();
    /// assert_eq!(twenty.as_number().unwrap().as_str(), "20");
    /// assert_eq!(twenty.span().range(), 30..32);
    /// assert!(doc.pointer("/~0").is_some());
    /// assert!(doc.pointer("/login_design/a~1b/01").is_none());
    /// assert_eq!(doc.pointer(""), Some(&doc));
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn pointer(&self, json_pointer: &str) -> Option<&Value<'a>> {
        if json_pointer.is_empty() {
            return Some(self);
        }
        let tokens = json_pointer.strip_prefix('/')?;
        tokens
            .split('/')
            .try_fold(self, |value, token| match &value.kind {
                ValueKind::Object(_) => value.get(&unescape_pointer_token(token)?),
                ValueKind::Array(items) => items.get(array_index(token)?),
                _ => None,
            })
    }

    /// Converts to a `serde_json::Value`.
    ///
    /// Duplicate keys collapse to the last occurrence. A number outside the
    /// range of `f64` (which serde_json cannot hold) becomes `±f64::MAX`.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"a": 1, "a": [true, null], "b": -1e999}"#)?;
    /// assert_eq!(
    ///     doc.to_serde(),
    ///     serde_json::json!({"a": [true, null], "b": -f64::MAX})
    /// );
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.kind {
            ValueKind::Null => serde_json::Value::Null,
            ValueKind::Bool(b) => serde_json::Value::Bool(*b),
            ValueKind::Number(n) => serde_json::Value::Number(n.to_serde()),
            ValueKind::String(s) => serde_json::Value::String(s.to_string()),
            ValueKind::Array(items) => items.iter().map(Value::to_serde).collect(),
            ValueKind::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.text.to_string(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// Decodes `~1` to `/` and `~0` to `~`; `None` for any other `~`.
fn unescape_pointer_token(token: &str) -> Option<Cow<'_, str>> {
    if !token.contains('~') {
        return Some(Cow::Borrowed(token));
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        match c {
            '~' => match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(Cow::Owned(out))
}

/// An RFC 6901 array index: `0`, or digits without a leading zero.
fn array_index(token: &str) -> Option<usize> {
    let well_formed = token == "0"
        || (!token.starts_with('0')
            && !token.is_empty()
            && token.bytes().all(|b| b.is_ascii_digit()));
    if well_formed {
        token.parse().ok()
    } else {
        None
    }
}

impl<'a> Number<'a> {
    pub(crate) fn new(text: &'a str) -> Number<'a> {
        Number { text }
    }

    /// The number exactly as written.
    ///
    /// ```
    /// let doc = ztlint::json::parse("-0.50E+3")?;
    /// assert_eq!(doc.as_number().unwrap().as_str(), "-0.50E+3");
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// Whether the number is written without fraction or exponent.
    ///
    /// ```
    /// let doc = ztlint::json::parse("[30, 30.0, 3e1]")?;
    /// let integers: Vec<_> =
    ///     doc.as_array().unwrap().iter().map(|v| v.as_number().unwrap().is_integer()).collect();
    /// assert_eq!(integers, [true, false, false]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn is_integer(&self) -> bool {
        !self.text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// The value as an `i64`, if it is an integer in range.
    ///
    /// ```
    /// let doc = ztlint::json::parse("[-7, 9223372036854775808, 7.0]")?;
    /// let values: Vec<_> =
    ///     doc.as_array().unwrap().iter().map(|v| v.as_number().unwrap().as_i64()).collect();
    /// assert_eq!(values, [Some(-7), None, None]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.text.parse().ok()
        } else {
            None
        }
    }

    /// The value as a `u64`, if it is a non-negative integer in range.
    ///
    /// ```
    /// let doc = ztlint::json::parse("[9223372036854775808, -7]")?;
    /// let values: Vec<_> =
    ///     doc.as_array().unwrap().iter().map(|v| v.as_number().unwrap().as_u64()).collect();
    /// assert_eq!(values, [Some(9_223_372_036_854_775_808), None]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_u64(&self) -> Option<u64> {
        if self.is_integer() {
            self.text.parse().ok()
        } else {
            None
        }
    }

    /// The nearest `f64`, or `None` when the number is outside its range.
    ///
    /// ```
    /// let doc = ztlint::json::parse("[2.5e-1, 1e400]")?;
    /// let values: Vec<_> =
    ///     doc.as_array().unwrap().iter().map(|v| v.as_number().unwrap().as_f64()).collect();
    /// assert_eq!(values, [Some(0.25), None]);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_f64(&self) -> Option<f64> {
        let f: f64 = self.text.parse().ok()?;
        f.is_finite().then_some(f)
    }

    /// The number as serde_json would hold it: `u64`, then `i64`, then `f64`
    /// (with `-0` as the float negative zero, as serde_json reads it).
    ///
    /// ```
    /// let doc = ztlint::json::parse("[90, -1, 2.5, -0]")?;
    /// let numbers: Vec<_> =
    ///     doc.as_array().unwrap().iter().map(|v| v.as_number().unwrap().to_serde()).collect();
    /// assert_eq!(numbers[0].as_u64(), Some(90));
    /// assert_eq!(numbers[1].as_i64(), Some(-1));
    /// assert_eq!(numbers[2].as_f64(), Some(2.5));
    /// assert_eq!(numbers[3].to_string(), "-0.0");
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn to_serde(&self) -> serde_json::Number {
        if let Some(u) = self.as_u64() {
            return u.into();
        }
        match self.as_i64() {
            Some(0) => {}
            Some(i) => return i.into(),
            None => {}
        }
        let f = self.as_f64().unwrap_or(if self.text.starts_with('-') {
            f64::MIN
        } else {
            f64::MAX
        });
        serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into())
    }
}

impl<'a> Key<'a> {
    pub(crate) fn new(text: Cow<'a, str>, span: Span) -> Key<'a> {
        Key { text, span }
    }

    /// The decoded key, without its span.
    pub(crate) fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// The decoded key, borrowed from the source where it can be.
    pub(crate) fn text(&self) -> &Cow<'a, str> {
        &self.text
    }

    /// The decoded key.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"a\/b": 1}"#)?;
    /// assert_eq!(doc.as_object().unwrap()[0].key().as_str(), "a/b");
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The span of the quoted key token.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{ "name": "Widget"}"#)?;
    /// assert_eq!(doc.as_object().unwrap()[0].key().span().range(), 2..8);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn span(&self) -> Span {
        self.span
    }
}

impl<'a> Member<'a> {
    /// A member whose value is still being parsed: the parser pushes it when
    /// it has read the key and fills the value in with [`Member::set_value`].
    pub(crate) fn pending(key: Key<'a>) -> Member<'a> {
        Member {
            key,
            value: Value::new(ValueKind::Null, Span::empty(0)),
        }
    }

    /// A member of `key` and `value`, for trees rebuilt from parts of a
    /// parsed document (a Terraform plan's planned values).
    pub(crate) fn new(key: Key<'a>, value: Value<'a>) -> Member<'a> {
        Member { key, value }
    }

    /// The member's value, to change it.
    pub(crate) fn value_mut(&mut self) -> &mut Value<'a> {
        &mut self.value
    }

    /// Puts `value` in place of the member's value, and returns that.
    pub(crate) fn replace_value(&mut self, value: Value<'a>) -> Value<'a> {
        std::mem::replace(&mut self.value, value)
    }

    pub(crate) fn set_value(&mut self, value: Value<'a>) {
        debug_assert!(self.value.is_null());
        // The placeholder owns nothing: forgetting it spares a drop call.
        std::mem::forget(std::mem::replace(&mut self.value, value));
    }

    /// The key.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"name": "Widget"}"#)?;
    /// assert_eq!(doc.member("name").unwrap().key().span().range(), 1..7);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn key(&self) -> &Key<'a> {
        &self.key
    }

    /// The value.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"name": "Widget"}"#)?;
    /// let value = doc.member("name").unwrap().value();
    /// assert_eq!((value.as_str(), value.span().range()), (Some("Widget"), 9..17));
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn value(&self) -> &Value<'a> {
        &self.value
    }

    /// The span from the key's opening quote to the end of the value.
    ///
    /// ```
    /// let doc = ztlint::json::parse(r#"{"name" : "Widget" }"#)?;
    /// assert_eq!(doc.member("name").unwrap().span().range(), 1..18);
    /// # Ok::<(), ztlint::json::Error>(())
    /// ```
    pub fn span(&self) -> Span {
        self.key.span.to(self.value.span)
    }
}
