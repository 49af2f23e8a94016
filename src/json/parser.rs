//! The parser: one pass, no recursion. Open arrays and objects live on an
//! explicit stack, so nesting depth is bounded by the limit and by memory,
//! never by the thread's stack, whatever limit the caller sets.

use std::borrow::Cow;

use super::error::Error;
use super::value::{Key, Member, Number, Value, ValueKind};
use crate::span::Span;

pub(crate) struct Parser<'a> {
    src: &'a str,
    pos: usize,
    max_depth: usize,
    /// Set by [`Parser::pruning`]: whether the value of a member is read.
    keeps: Option<Keeps>,
    /// While pruning, the keys of the members whose values are the open
    /// containers, outermost first (array elements add none): the path
    /// [`Keeps`] is asked about.
    path: Vec<Cow<'a, str>>,
    /// While [`Parser::finding_pruned_repeats`], until one is found: the
    /// keys of the open pruned objects, innermost last.
    pruned_keys: Vec<Cow<'a, str>>,
    /// Set by [`Parser::finding_pruned_repeats`].
    finds_pruned_repeats: bool,
    /// Whether a pruned root array dropped an element.
    root_items_dropped: bool,
    /// Whether a pruned object had a duplicate key, which a full parse must
    /// then report.
    pruned_duplicate: bool,
    /// Whether the keys of pruned objects go to the stream, which then
    /// finds their repeats itself: see [`Stream::takes_pruned_keys`].
    hands_pruned: bool,
    /// While they do: the key of the member being read in each open pruned
    /// object, outermost first.
    pruned_current: Vec<Key<'a>>,
    /// Whether the containers that are elements of a handed array are
    /// pruned: see [`Stream::prunes_elements`].
    prunes_elements: bool,
    /// Whether the value read first is pruned too, and the parse ends with
    /// it: see [`Parser::one_pruned_value`].
    one_value: bool,
}

/// Whether the value of the member `key`, of an object that is the value
/// of the members `path` (array elements left out), is read: a refused
/// value is parsed for syntax only, and kept without children.
pub(crate) type Keeps = fn(path: &[Cow<'_, str>], key: &str) -> bool;

/// How a container that [`Keeps`] keeps is read: see [`Stream::opens`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Opening {
    /// Whole, in the tree.
    Kept,
    /// Its children go to [`Stream::element`] or [`Stream::member`].
    Handed,
    /// As if `Keeps` refused it: for syntax only.
    Pruned,
}

/// Where values go that are handed to the caller as each is read instead
/// of kept in the tree: a caller that reads them one at a time holds one
/// at a time.
pub(crate) trait Stream<'a> {
    /// How the array or object that is the value of the member `key`,
    /// whose key token starts at `at` and whose bracket is at `bracket`, of
    /// an object whose own path is `path` (keys, outermost first, array
    /// elements left out), is read. Only a container that is kept is asked.
    fn opens(&mut self, path: &[Cow<'_, str>], key: &str, at: usize, bracket: usize) -> Opening;
    /// Takes an element of such an array, whose path is `path`; the array
    /// stays in the tree without it.
    fn element(&mut self, path: &[Cow<'a, str>], value: Value<'a>);
    /// Whether the members of the root object go to [`Stream::member`].
    fn takes_members(&self) -> bool {
        false
    }
    /// Takes a member of the root object or of such an object, whose path
    /// is `path`, once its value is read; the object stays in the tree
    /// without it.
    fn member(&mut self, _path: &[Cow<'a, str>], _member: Member<'a>) {}
    /// Whether the arrays and objects that are elements of a handed array
    /// are pruned.
    fn prunes_elements(&self) -> bool {
        false
    }
    /// Whether the keys of pruned objects go to [`Stream::pruned_key`].
    /// The parser then does not look for their repeats: the stream does.
    fn takes_pruned_keys(&self) -> bool {
        false
    }
    /// Takes a key of the pruned object whose `{` is at `object` as it is
    /// read, before its value, and whether that value is an object (if it
    /// parses); `path` says where that object is. In source order.
    fn pruned_key(
        &mut self,
        _object: usize,
        _key: &Key<'a>,
        _value_is_object: bool,
        _path: &PrunedPath<'_, 'a>,
    ) {
    }
}

/// Where the object of a key handed to [`Stream::pruned_key`] is,
/// from the outermost pruned container: asked only when needed, for it
/// walks the open containers.
pub(crate) struct PrunedPath<'p, 'a> {
    stack: &'p OpenStack,
    keys: &'p [Key<'a>],
}

/// A step of a [`PrunedPath`]: a member's key or an element's index.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

impl<'p> PrunedPath<'p, '_> {
    /// The steps from the outermost pruned container down to the object.
    pub(crate) fn steps(&self) -> Vec<Step<'p>> {
        let pruned: Vec<&Open> = self.stack.iter().filter(|o| o.pruned).collect();
        let Some((_, outer)) = pruned.split_last() else {
            return Vec::new();
        };
        outer
            .iter()
            .map(|open| {
                if open.object {
                    Step::Key(self.keys.get(open.first).map_or("", Key::as_str))
                } else {
                    Step::Index(open.count)
                }
            })
            .collect()
    }
}

/// What [`Parser::parse_pruned`] made of a document.
pub(crate) enum Pruned<'a> {
    /// The document, every value the caller does not read cut short.
    Tree(Value<'a>),
    /// The same, but a value the caller does not read has a duplicate key:
    /// only the full tree tells where.
    WithDuplicate(Value<'a>),
}

/// An array or object whose closing bracket is still to come.
#[derive(Clone, Copy)]
struct Open {
    /// The offset of its `[` or `{`.
    bracket: usize,
    /// Its elements so far are `values[first..]`, or its members
    /// `members[first..]`, the last of which awaits its value. For a pruned
    /// object, its keys are `pruned_keys[first..]`.
    first: usize,
    object: bool,
    /// Whether its children are dropped as they are read: see
    /// [`Parser::pruning`].
    pruned: bool,
    /// Whether it is a member's value whose key is on the parser's `path`.
    keyed: bool,
    /// Whether its children go to the [`Stream`].
    streamed: bool,
    /// A pruned array's elements read so far.
    count: usize,
}

/// How many open containers live inline before the stack spills to the
/// heap: typical payloads nest two or three deep, so they never allocate here.
const INLINE_DEPTH: usize = 16;

/// The open containers. The innermost one, read after every value, is kept
/// apart from its ancestors.
struct OpenStack {
    top: Option<Open>,
    /// How many ancestors `top` has: the first `INLINE_DEPTH` of them, from
    /// the outermost, live in `inline`, the rest in `spill`.
    below: usize,
    inline: [Open; INLINE_DEPTH],
    spill: Vec<Open>,
}

impl OpenStack {
    fn new() -> OpenStack {
        OpenStack {
            top: None,
            below: 0,
            inline: [Open {
                bracket: 0,
                first: 0,
                object: false,
                pruned: false,
                keyed: false,
                streamed: false,
                count: 0,
            }; INLINE_DEPTH],
            spill: Vec::new(),
        }
    }

    #[inline]
    fn len(&self) -> usize {
        self.below + usize::from(self.top.is_some())
    }

    #[inline]
    fn push(&mut self, open: Open) {
        if let Some(parent) = self.top {
            match self.inline.get_mut(self.below) {
                Some(slot) => *slot = parent,
                None => self.spill.push(parent),
            }
            self.below += 1;
        }
        self.top = Some(open);
    }

    #[inline]
    fn last(&self) -> Option<Open> {
        self.top
    }

    /// Counts an element of the innermost container.
    #[inline]
    fn count_element(&mut self) {
        if let Some(top) = self.top.as_mut() {
            top.count += 1;
        }
    }

    /// The open containers, outermost first.
    fn iter(&self) -> impl Iterator<Item = &Open> {
        self.inline
            .iter()
            .take(self.below.min(INLINE_DEPTH))
            .chain(&self.spill)
            .chain(&self.top)
    }

    #[inline]
    fn pop(&mut self) {
        if self.below == 0 {
            self.top = None;
            return;
        }
        self.below -= 1;
        self.top = match self.inline.get(self.below) {
            Some(parent) => Some(*parent),
            None => self.spill.pop(),
        };
    }
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
            pos: start,
            max_depth,
            keeps: None,
            path: Vec::new(),
            pruned_keys: Vec::new(),
            finds_pruned_repeats: false,
            root_items_dropped: false,
            pruned_duplicate: false,
            hands_pruned: false,
            pruned_current: Vec::new(),
            prunes_elements: false,
            one_value: false,
        }
    }

    /// Makes the parser drop what its caller never reads, so that a large
    /// document of it costs no tree: the elements of a root array but a lone
    /// one, and the insides of the value of each member that `keeps`
    /// refuses. A dropped container is kept with its span and kind, and no
    /// children; the values in it are still read, so syntax errors are the
    /// same.
    pub(crate) fn pruning(mut self, keeps: Keeps) -> Parser<'a> {
        self.keeps = Some(keeps);
        self
    }

    /// Makes the parser look for a repeated key in the pruned objects (it
    /// keeps no member of them): see [`Pruned::WithDuplicate`].
    pub(crate) fn finding_pruned_repeats(mut self) -> Parser<'a> {
        self.finds_pruned_repeats = true;
        self
    }

    /// Whether the keys of pruned objects are kept, to find a repeat.
    fn tracks_pruned_keys(&self) -> bool {
        self.finds_pruned_repeats && !self.pruned_duplicate
    }

    /// Makes the parser read one value, pruned whole, and stop after it:
    /// for a stream that takes the members of its objects.
    pub(crate) fn one_pruned_value(mut self) -> Parser<'a> {
        self.keeps = Some(|_, _| false);
        self.one_value = true;
        self
    }

    /// Parses the document as [`Parser::pruning`] set, handing the elements
    /// of `stream`'s array to it as they are read.
    pub(crate) fn parse_pruned(
        self,
        stream: Option<&mut dyn Stream<'a>>,
    ) -> Result<Pruned<'a>, Error> {
        let mut parser = self;
        let value = parser.parse(stream)?;
        Ok(if parser.pruned_duplicate {
            Pruned::WithDuplicate(value)
        } else {
            Pruned::Tree(value)
        })
    }

    /// The container opened now, at `bracket`, inside `parent`, as it is to
    /// be read. `object` says which bracket opens it; `members` are those
    /// of the open objects; `stream` says which arrays' elements it takes.
    fn open_child<'s>(
        &mut self,
        bracket: usize,
        parent: Option<Open>,
        members: &[Member<'a>],
        object: bool,
        stream: Option<&mut (dyn Stream<'a> + 's)>,
    ) -> Open {
        let mut open = Open {
            bracket,
            first: 0,
            object,
            pruned: false,
            keyed: false,
            streamed: false,
            count: 0,
        };
        let Some(keeps) = self.keeps else {
            return open;
        };
        match parent {
            // The root array: `root-not-object` reads only a lone element.
            None => open.pruned = !object || self.one_value,
            Some(parent) if parent.pruned => open.pruned = true,
            Some(Open { object: true, .. }) => {
                if let Some(member) = members.last() {
                    let key = member.key().as_str();
                    let opening = if keeps(&self.path, key) {
                        let at = member.key().span().start();
                        stream.map_or(Opening::Kept, |s| s.opens(&self.path, key, at, bracket))
                    } else {
                        Opening::Pruned
                    };
                    match opening {
                        Opening::Pruned => open.pruned = true,
                        Opening::Kept | Opening::Handed => {
                            open.streamed = opening == Opening::Handed;
                            open.keyed = true;
                            self.path.push(member.key().text().clone());
                        }
                    }
                }
            }
            Some(parent) => open.pruned = parent.streamed && self.prunes_elements,
        }
        open
    }

    pub(crate) fn parse_document(mut self) -> Result<Value<'a>, Error> {
        self.parse(None)
    }

    /// The string whose opening quote is at the parser's start, once read
    /// without error.
    pub(crate) fn string(mut self) -> Option<Cow<'a, str>> {
        self.parse_string().ok().map(|(text, _)| text)
    }

    /// Parses the document, handing `stream` what it takes.
    pub(crate) fn parse_document_with(
        mut self,
        stream: Option<&mut dyn Stream<'a>>,
    ) -> Result<Value<'a>, Error> {
        self.parse(stream)
    }

    fn parse(&mut self, mut stream: Option<&mut dyn Stream<'a>>) -> Result<Value<'a>, Error> {
        let takes_members = stream.as_ref().is_some_and(|s| s.takes_members());
        self.hands_pruned = stream.as_ref().is_some_and(|s| s.takes_pruned_keys());
        self.prunes_elements = stream.as_ref().is_some_and(|s| s.prunes_elements());
        let mut stack = OpenStack::new();
        // Elements and members of every open container, innermost last; a
        // closing bracket moves its container's tail into an exactly sized
        // `Vec`. Both start empty so that a document without arrays (or
        // objects) never allocates that scratch.
        let mut values: Vec<Value<'a>> = Vec::new();
        let mut members: Vec<Member<'a>> = Vec::new();
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
                            let mut open = self.open_child(
                                bracket,
                                stack.last(),
                                &members,
                                false,
                                stream.as_deref_mut(),
                            );
                            if values.capacity() == 0 {
                                // Skip the 4, 8, 16 regrowth of a first push.
                                values = Vec::with_capacity(SCRATCH_CAPACITY);
                            }
                            open.first = values.len();
                            stack.push(open);
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
                        let mut open = self.open_child(
                            bracket,
                            stack.last(),
                            &members,
                            true,
                            stream.as_deref_mut(),
                        );
                        let key = self.parse_key(bracket, None)?;
                        if open.pruned {
                            if self.hands_pruned {
                                open.first = self.pruned_current.len();
                                self.pruned_current.push(key);
                                stack.push(open);
                                self.hand_pruned_key(&stack, bracket, open.first, &mut stream);
                            } else {
                                open.first = self.pruned_keys.len();
                                if self.tracks_pruned_keys() {
                                    self.pruned_keys.push(key.into_text());
                                }
                                stack.push(open);
                            }
                            continue 'value;
                        }
                        if members.capacity() == 0 {
                            members = Vec::with_capacity(SCRATCH_CAPACITY);
                        }
                        open.first = members.len();
                        stack.push(open);
                        members.push(Member::pending(key));
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
                        Some(Open {
                            bracket,
                            object: true,
                            ..
                        }) => self.unclosed("object", "a value", bracket),
                        _ => self.bad_value_start(),
                    });
                }
                Some(b) => return Err(self.bad_value(b, stack.last())),
            };
            // Hand the value to the innermost open container, and close every
            // container that ends right after it.
            loop {
                self.skip_whitespace();
                let Some(open) = stack.last() else {
                    if self.one_value {
                        return Ok(value);
                    }
                    return self.finish(value);
                };
                let bracket = open.bracket;
                if open.object {
                    // The last member is this object's, awaiting its value:
                    // a nested container's members have been moved out.
                    if !open.pruned {
                        if let Some(member) = members.last_mut() {
                            member.set_value(value);
                        }
                        let handed = open.streamed || (takes_members && stack.len() == 1);
                        if let (true, Some(stream)) = (handed, stream.as_mut()) {
                            if let Some(member) = members.pop() {
                                stream.member(&self.path, member);
                            }
                        }
                    }
                    match self.peek() {
                        Some(b',') => {
                            let comma = self.pos;
                            self.pos += 1;
                            self.skip_whitespace();
                            let key = self.parse_key(bracket, Some(comma))?;
                            if !open.pruned {
                                members.push(Member::pending(key));
                            } else if !self.hands_pruned {
                                if self.tracks_pruned_keys() {
                                    self.pruned_keys.push(key.into_text());
                                }
                            } else if let Some(slot) = self.pruned_current.get_mut(open.first) {
                                *slot = key;
                                self.hand_pruned_key(&stack, bracket, open.first, &mut stream);
                            }
                            continue 'value;
                        }
                        Some(b'}') => {
                            self.pos += 1;
                            let items = if open.pruned {
                                if self.hands_pruned {
                                    self.pruned_current.truncate(open.first);
                                } else {
                                    self.drop_pruned_keys(open.first);
                                }
                                Vec::new()
                            } else {
                                take_tail(&mut members, open.first, stack.len() == 1)
                            };
                            value =
                                Value::new(ValueKind::Object(items), Span::new(bracket, self.pos));
                            self.close(open);
                            stack.pop();
                        }
                        None => return Err(self.unclosed("object", "`,` or `}`", bracket)),
                        Some(_) => return Err(self.after_member(bracket)),
                    }
                } else {
                    if open.streamed {
                        if let Some(stream) = stream.as_mut() {
                            stream.element(&self.path, value);
                        }
                    } else if !open.pruned {
                        values.push(value);
                    } else if stack.len() == 1
                        && values.len() == open.first
                        && !self.root_items_dropped
                    {
                        // A root array keeps a lone element, for the fix
                        // that unwraps it.
                        values.push(value);
                    } else if stack.len() == 1 {
                        values.truncate(open.first);
                        self.root_items_dropped = true;
                    }
                    if open.pruned {
                        stack.count_element();
                    }
                    match self.peek() {
                        Some(b',') => {
                            let comma = self.pos;
                            self.pos += 1;
                            self.skip_whitespace();
                            match self.peek() {
                                Some(b']') => return Err(trailing_comma(comma)),
                                None => return Err(self.unclosed("array", "a value", bracket)),
                                Some(_) => continue 'value,
                            }
                        }
                        Some(b']') => {
                            self.pos += 1;
                            let items = take_tail(&mut values, open.first, stack.len() == 1);
                            value =
                                Value::new(ValueKind::Array(items), Span::new(bracket, self.pos));
                            self.close(open);
                            stack.pop();
                        }
                        None => return Err(self.unclosed("array", "`,` or `]`", bracket)),
                        Some(_) => return Err(self.after_element(bracket)),
                    }
                }
            }
        }
    }

    /// Hands `stream` the key just read, `pruned_current[first]`, of the
    /// pruned object whose `{` is at `object`, the innermost in `stack`;
    /// the parser is on its value.
    fn hand_pruned_key(
        &self,
        stack: &OpenStack,
        object: usize,
        first: usize,
        stream: &mut Option<&mut dyn Stream<'a>>,
    ) {
        if let (Some(stream), Some(key)) = (stream.as_mut(), self.pruned_current.get(first)) {
            let path = PrunedPath {
                stack,
                keys: &self.pruned_current,
            };
            stream.pruned_key(object, key, self.peek() == Some(b'{'), &path);
        }
    }

    /// Leaves the container `open`, which closes: its key leaves the path.
    #[inline]
    fn close(&mut self, open: Open) {
        if open.keyed {
            self.path.pop();
        }
    }

    /// Forgets the keys of a pruned object that closes, `pruned_keys[first..]`,
    /// noting whether two of them are the same.
    fn drop_pruned_keys(&mut self, first: usize) {
        if let Some(keys) = self.pruned_keys.get_mut(first..) {
            if keys.len() > 1 {
                keys.sort_unstable();
                if keys.windows(2).any(|pair| pair[0] == pair[1]) {
                    self.pruned_duplicate = true;
                }
            }
        }
        self.pruned_keys.truncate(first);
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
        self.src.as_bytes().get(self.pos).copied()
    }

    /// Skips whitespace between tokens. What is inlined into every caller
    /// is one comparison: most tokens are not followed by whitespace.
    #[inline(always)]
    fn skip_whitespace(&mut self) {
        if self.peek().is_some_and(|byte| byte <= b' ') {
            self.skip_whitespace_run();
        }
    }

    /// The whitespace from `self.pos` on. A line feed is usually followed by
    /// indentation, which it skips eight spaces at a time.
    #[inline]
    fn skip_whitespace_run(&mut self) {
        const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
        let bytes = self.src.as_bytes();
        let mut pos = self.pos;
        loop {
            match bytes.get(pos) {
                Some(b' ' | b'\t' | b'\r') => pos += 1,
                Some(b'\n') => {
                    pos += 1;
                    while let Some(chunk) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<8>) {
                        let not_spaces = u64::from_le_bytes(*chunk) ^ SPACES;
                        // Eight when all eight are spaces.
                        pos += (not_spaces.trailing_zeros() / 8) as usize;
                        if not_spaces != 0 {
                            break;
                        }
                    }
                }
                _ => break,
            }
        }
        self.pos = pos;
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
    #[inline(always)]
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
        // Usually the colon follows the key at once.
        if self.peek() != Some(b':') {
            self.skip_whitespace();
        }
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
        // Usually one space follows the colon.
        if self.peek() == Some(b' ') {
            self.pos += 1;
        }
        self.skip_whitespace();
        Ok(key)
    }

    #[inline]
    fn parse_literal(
        &mut self,
        word: &'static [u8],
        kind: ValueKind<'a>,
    ) -> Result<Value<'a>, Error> {
        let start = self.pos;
        let end = start + word.len();
        // `nulll` or `trueish` is one bad word, not a literal and junk.
        let word_continues = self
            .src
            .as_bytes()
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if self.src.as_bytes().get(start..end) == Some(word) && !word_continues {
            self.pos = end;
            return Ok(Value::new(kind, Span::new(start, end)));
        }
        Err(self.bad_value_start())
    }

    /// The error for `byte`, which cannot start a value, inside `open`: a
    /// closing bracket of the wrong kind also says which bracket is open.
    #[cold]
    fn bad_value(&self, byte: u8, open: Option<Open>) -> Error {
        let err = self.bad_value_start();
        match (byte, open) {
            (
                b'}',
                Some(Open {
                    bracket,
                    object: false,
                    ..
                }),
            ) => err
                .with_help("close the array with `]`")
                .opened_at(Span::new(bracket, bracket + 1)),
            (
                b']',
                Some(Open {
                    bracket,
                    object: true,
                    ..
                }),
            ) => err
                .with_help("close the object with `}`")
                .opened_at(Span::new(bracket, bracket + 1)),
            _ => err,
        }
    }

    /// The error for a token that cannot start a value, with a specific
    /// message for the usual JavaScript, JSON5 and Python habits.
    #[cold]
    fn bad_value_start(&self) -> Error {
        let start = self.pos;
        let rest = self.src.as_bytes().get(start..).unwrap_or_default();
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
            // What a byte that is not UTF-8 reads as: shown as `�`, it
            // says nothing.
            Some(char::REPLACEMENT_CHARACTER) => Error::new(
                format!("expected {what}, found U+FFFD, the replacement character"),
                Span::new(start, start + char::REPLACEMENT_CHARACTER.len_utf8()),
            )
            .with_help("a byte that is not UTF-8 reads as U+FFFD: save the file as UTF-8"),
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
        let rest = self.src.as_bytes().get(start..)?;
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
                None => self.src.len(),
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
                if let [b'.', b'0'..=b'9', ..] =
                    self.src.as_bytes().get(self.pos..).unwrap_or_default()
                {
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
            .src
            .as_bytes()
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
        let sign = if self.src.as_bytes().get(start) == Some(&b'-') {
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
    #[inline(always)]
    fn parse_string(&mut self) -> Result<(Cow<'a, str>, Span), Error> {
        let open = self.pos;
        let content = open + 1;
        let end = find_string_special(self.src.as_bytes(), content);
        // The common case, inlined into the callers: no escape.
        if self.src.as_bytes().get(end) == Some(&b'"') {
            self.pos = end + 1;
            let text = self.src.get(content..end).unwrap_or_default();
            return Ok((Cow::Borrowed(text), Span::new(open, end + 1)));
        }
        self.pos = end;
        self.parse_string_tail(open)
    }

    /// [`Parser::parse_string`] at a backslash, a control byte or the end.
    fn parse_string_tail(&mut self, open: usize) -> Result<(Cow<'a, str>, Span), Error> {
        let content = open + 1;
        match self.peek() {
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
                    let end = find_string_special(self.src.as_bytes(), self.pos);
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
                let low = match self.src.as_bytes().get(self.pos..self.pos + 2) {
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
        let digits = self.src.as_bytes().get(start + 2..).unwrap_or_default();
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
            Span::empty(self.src.len()),
        )
        .opened_at(Span::new(open, open + 1))
    }
}

/// The starting capacity of the element and member scratch: room for a
/// typical payload's open containers without regrowth.
const SCRATCH_CAPACITY: usize = 32;

/// A container with at least this many children that owns the whole
/// scratch buffer takes the buffer itself.
const TAKE_LIMIT: usize = 4096;

/// The children of a closing container: `scratch[first..]`, moved into a
/// `Vec` of their own. A container that holds the whole buffer takes it,
/// unless it is mostly slack, when it is the outermost or large: that
/// spares an allocation, and for a large container a copy that would
/// double the memory it takes. The buffer then grows afresh, which costs
/// no more than the children just taken.
fn take_tail<T>(scratch: &mut Vec<T>, first: usize, outermost: bool) -> Vec<T> {
    if first == 0 && (outermost || scratch.len() >= TAKE_LIMIT) {
        if scratch.capacity() > 2 * scratch.len() + SCRATCH_CAPACITY {
            scratch.shrink_to_fit();
        }
        return std::mem::take(scratch);
    }
    if first == 0 {
        // Not `split_off(0)`, which hands over the whole buffer and allocates
        // a new one as large: a small container after a huge one stays small.
        let mut items = Vec::with_capacity(scratch.len());
        items.append(scratch);
        return items;
    }
    scratch.split_off(first)
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
/// string-heavy document spends its time. Not inlined: inside the parser's
/// main loop it runs short of registers and reloads its constants.
#[inline(never)]
fn find_string_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while at + 8 <= bytes.len() {
        let Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) = bytes.get(at..at + 8) else {
            break;
        };
        let word = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        let quote = word ^ (ONES * b'"' as u64);
        let backslash = word ^ (ONES * b'\\' as u64);
        // The high bit of a byte is set when the byte is zero (a quote or a
        // backslash before the xor) or below 0x20. A borrow can flag a byte
        // above a flagged one, never below, so the lowest flag is exact.
        // `!word` stands for `!quote` and `!backslash` too: neither `"` nor
        // `\` has its high bit set, so the xors keep every high bit.
        let flagged = (quote.wrapping_sub(ONES)
            | backslash.wrapping_sub(ONES)
            | word.wrapping_sub(ONES * 0x20))
            & !word
            & HIGHS;
        if flagged != 0 {
            return at + (flagged.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let special = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
    special.map_or(bytes.len(), |n| at + n)
}

#[cfg(test)]
mod tests {
    use super::{find_string_special, take_tail, Open, OpenStack, Parser, INLINE_DEPTH};

    #[test]
    fn take_tail_moves_exactly_the_tail_and_keeps_small_containers_small() {
        let mut scratch: Vec<u32> = (0..1000).collect();
        scratch.truncate(3);
        let items = take_tail(&mut scratch, 0, false);
        assert_eq!(items, [0, 1, 2]);
        assert_eq!(items.capacity(), 3);
        assert!(scratch.is_empty() && scratch.capacity() >= 1000);

        scratch.extend([7, 8, 9]);
        assert_eq!(take_tail(&mut scratch, 1, false), [8, 9]);
        assert_eq!(scratch, [7]);

        // The outermost container takes the buffer, shrunk when mostly slack.
        let root = take_tail(&mut scratch, 0, true);
        assert_eq!(root, [7]);
        assert!(root.capacity() < 1000);
        assert_eq!(scratch.capacity(), 0);

        // So does a large container that holds the whole buffer: no copy.
        scratch.extend(0..super::TAKE_LIMIT as u32);
        let address = scratch.as_ptr();
        let large = take_tail(&mut scratch, 0, false);
        assert_eq!(large.len(), super::TAKE_LIMIT);
        assert_eq!(large.as_ptr(), address);
        assert_eq!(scratch.capacity(), 0);
    }

    #[test]
    fn the_open_stack_spills_and_unwinds_in_order() {
        let mut stack = OpenStack::new();
        assert!(stack.last().is_none());
        let depth = INLINE_DEPTH * 2 + 3;
        for bracket in 0..depth {
            stack.push(Open {
                bracket,
                first: bracket * 2,
                object: bracket % 2 == 1,
                pruned: false,
                keyed: false,
                streamed: false,
                count: bracket,
            });
            assert_eq!(stack.len(), bracket + 1);
        }
        // Outermost first, across the inline slots and the spill.
        let brackets: Vec<usize> = stack.iter().map(|o| o.bracket).collect();
        assert_eq!(brackets, (0..depth).collect::<Vec<_>>());
        for bracket in (0..depth).rev() {
            let open = stack.last().expect("still open");
            assert_eq!(
                (open.bracket, open.first, open.object),
                (bracket, bracket * 2, bracket % 2 == 1)
            );
            stack.pop();
            assert_eq!(stack.len(), bracket);
        }
        assert!(stack.last().is_none());
    }

    #[test]
    fn whitespace_runs_stop_at_the_first_other_byte() {
        for (src, from, end) in [
            ("\n    x", 0, 5),
            ("\n                   x", 0, 20),
            ("\n        \n  \t\r x", 0, 15),
            ("\n   ", 0, 4),
            ("a\n  ", 1, 4),
            (" \u{a0}", 0, 1),
        ] {
            let mut parser = Parser::new(src, from, 128);
            parser.skip_whitespace();
            assert_eq!(parser.pos, end, "{src:?}");
        }
    }

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
