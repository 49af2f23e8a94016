//! Linting a large body a window of its root members at a time.
//!
//! A body with a finding for each of millions of keys (unknown ones, or one
//! key repeated) would otherwise hold a tree member and a finding per key
//! until the report is sorted: some 500 bytes a key, 24 times the size of
//! the file. Instead:
//!
//! 1. A first parse checks the syntax and keeps, of the root's members, the
//!    last of each key a rule reads as a field: the *skeleton*, all that the
//!    rules know of the body beyond any one member. (Go's decoder, and so
//!    every rule, takes the last of repeated keys.) Envelope keys are in it
//!    only when the body is a response envelope.
//! 2. A second parse hands the members over one at a time. The others
//!    (unknown keys, earlier copies of repeated ones) are gathered in
//!    windows; each window is linted with the skeleton as one object. The
//!    findings inside its members are the window's. Those elsewhere (the
//!    skeleton's, the body's own) are the same in every window, and are
//!    kept from the first; they are merged in by position.
//! 3. A repeated root key is found across windows by a map from each key's
//!    hash to its first and its latest member.
//!
//! The findings are the whole lint's, in the same order: the test
//! `windows_lint_as_the_whole_body` holds it over every test payload with
//! windows of one to three members. What makes that so: a removal finds a
//! member's neighbours in the text, for they may be in another window, and
//! the "did you mean" count goes on from window to window.

use std::collections::hash_map::{Entry, HashMap, RandomState};
use std::collections::VecDeque;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use super::Linter;
use crate::diagnostic::{Diagnostic, Edit};
use crate::json::{self, Member, Value, ValueKind};
use crate::rules::{self, structure, Context};
use crate::schema::pointer::Seg;
use crate::span::Span;

/// How many members a window holds: enough that the skeleton, linted with
/// each window, costs little; few enough that a window's tree and findings
/// stay a few megabytes.
pub(super) const WINDOW: usize = 4096;

/// Bodies from this size up are linted in windows; a smaller one costs
/// little as a whole tree. Up to `MAX_WINDOWED`, so that offsets fit the
/// map of repeated keys.
pub(super) const WINDOWED_FROM: usize = 1 << 20;
const MAX_WINDOWED: usize = (1 << 31) - 1;

/// Whether a body of `len` bytes is linted in windows.
pub(super) fn is_large(len: usize) -> bool {
    (WINDOWED_FROM..=MAX_WINDOWED).contains(&len)
}

/// Lints `source` in windows of `size` members, handing each finding to
/// `each` in position order. `before` are the findings made before the
/// parse (a byte order mark, how the bytes were read). When the body is
/// not an object, or a value no rule reads has a repeated key (which only
/// the whole tree locates), nothing is handed over and `before` comes
/// back, for a whole lint.
pub(super) fn lint(
    linter: &Linter,
    source: &str,
    mut before: Vec<Diagnostic>,
    size: usize,
    each: &mut dyn FnMut(Diagnostic),
) -> Result<(), Vec<Diagnostic>> {
    if source.len() > MAX_WINDOWED {
        return Err(before);
    }
    let size = size.max(1);
    let mut survey = Survey {
        source,
        size,
        keys: Keys::default(),
        skeleton: Vec::new(),
        envelope_repeats: false,
        items: Vec::new(),
        count: 0,
        large: None,
    };
    let braces = match json::parse_handing(source, rules::reads_value_of_member, &mut survey) {
        Err(error) => {
            before.push(error.to_diagnostic());
            for diagnostic in linter.configure(before) {
                each(diagnostic);
            }
            return Ok(());
        }
        Ok(Some(root)) if root.as_object().is_some() => root.span(),
        Ok(_) => return Err(before),
    };
    let Survey {
        keys,
        mut skeleton,
        envelope_repeats,
        large,
        ..
    } = survey;
    let envelope = structure::is_envelope(|key| skeleton.iter().any(|m| m.key().as_str() == key));
    // In a body that is no envelope, the envelope keys are unknown fields,
    // whose values no rule reads: but a repeated key in one is reported,
    // and only the whole tree holds it.
    let keeps: json::Keeps = if envelope {
        rules::reads_value_of_member
    } else if envelope_repeats {
        return Err(before);
    } else {
        skeleton.retain(|m| crate::fields::find(&[m.key().as_str()]).is_some());
        reads_field_value_of_member
    };
    skeleton.sort_by_key(|m| m.key().span().start());
    let skeleton_keys: Vec<usize> = skeleton.iter().map(|m| m.key().span().start()).collect();
    // Only the skeleton's large array is linted in windows; an earlier
    // copy of its key is read whole, as the rules read it.
    let large = large.filter(|large| skeleton_keys.binary_search(&large.key).is_ok());
    let disabled = linter.disabled();
    let mut windows = Windows {
        linter,
        source,
        braces,
        repeats: !disabled.contains(&"duplicate-key"),
        disabled,
        skeleton,
        skeleton_keys,
        large,
        next_item: 0,
        bulk: Vec::new(),
        items: Vec::new(),
        spans: Vec::new(),
        size,
        keys,
        pending: Vec::new(),
        before,
        context: None,
        suggested: 0,
        each,
    };
    // The first parse found no error, and the second reads the same text.
    let _ = json::parse_handing(source, keeps, &mut windows);
    windows.finish();
    Ok(())
}

/// [`rules::reads_value_of_member`] in a body that is no response
/// envelope: the values of the field table's fields only.
fn reads_field_value_of_member(path: &[std::borrow::Cow<'_, str>], key: &str) -> bool {
    !path.is_empty() || crate::fields::find(&[key]).is_some()
}

/// Whether the elements of the array of the top-level `key` may be linted
/// in windows: the array of a field whose rules read each element alone.
/// (`renamed-value` reads an element with the others.)
fn windows_elements_of(key: &str) -> bool {
    crate::fields::find(&[key]).is_some_and(|field| field.renamed_values().is_empty())
}

/// The state of the first parse.
struct Survey<'a> {
    source: &'a str,
    size: usize,
    keys: Keys,
    /// The last member of each key a rule reads, so far.
    skeleton: Vec<Member<'a>>,
    /// Whether the value of an envelope key has a repeated key in it.
    envelope_repeats: bool,
    /// The elements of the array being read, while they are no more than
    /// `size`, and how many it has so far.
    items: Vec<Value<'a>>,
    count: usize,
    /// The last field array with more than `size` elements.
    large: Option<Large<'a>>,
}

/// A field array with more elements than a window holds, kept in the
/// skeleton with its first element only: the rules that read the array
/// whole see it has some.
struct Large<'a> {
    /// Where its member's key starts.
    key: usize,
    /// The array's span.
    span: Span,
    first: Value<'a>,
}

impl<'a> json::Stream<'a> for Survey<'a> {
    fn streams(&self, key: &str, _: usize) -> bool {
        windows_elements_of(key)
    }

    fn element(&mut self, value: Value<'a>) {
        self.count += 1;
        if self.count <= self.size || self.items.is_empty() {
            self.items.push(value);
        } else if self.count == self.size + 1 {
            self.items.truncate(1);
        }
    }

    fn takes_members(&self) -> bool {
        true
    }

    fn member(&mut self, mut member: Member<'a>) {
        self.keys.note(self.source, &member);
        let key = member.key().as_str();
        if !rules::reads_value_of(key) {
            return;
        }
        if structure::is_envelope_key(key) {
            self.envelope_repeats |= has_repeated_key(member.value());
        }
        let streamed = member.value().as_array().is_some() && windows_elements_of(key);
        if streamed {
            let span = member.value().span();
            let items = std::mem::take(&mut self.items);
            let count = std::mem::take(&mut self.count);
            if count > self.size {
                if let Some(first) = items.into_iter().next() {
                    self.large = Some(Large {
                        key: member.key().span().start(),
                        span,
                        first: first.clone(),
                    });
                    member.replace_value(Value::new(ValueKind::Array(vec![first]), span));
                }
            } else {
                member.replace_value(Value::new(ValueKind::Array(items), span));
            }
        }
        let key = member.key().as_str();
        match self
            .skeleton
            .iter_mut()
            .find(|kept| kept.key().as_str() == key)
        {
            Some(kept) => *kept = member,
            None => self.skeleton.push(member),
        }
    }
}

/// The state of the second parse.
struct Windows<'l, 'a, 'e> {
    linter: &'l Linter,
    source: &'a str,
    /// The root object's span.
    braces: Span,
    disabled: Vec<&'static str>,
    skeleton: Vec<Member<'a>>,
    /// Where the skeleton's keys start, in order.
    skeleton_keys: Vec<usize>,
    /// The skeleton's array linted in windows, if any, and the index of its
    /// next element.
    large: Option<Large<'a>>,
    next_item: usize,
    /// The window: root members, and elements of the large array with
    /// their indices; the spans of both, in order.
    bulk: Vec<Member<'a>>,
    items: Vec<(usize, Value<'a>)>,
    spans: Vec<Span>,
    size: usize,
    keys: Keys,
    /// Whether `duplicate-key` is on.
    repeats: bool,
    /// The repeated root keys found since the last window was linted.
    pending: Vec<Diagnostic>,
    /// The findings made before the parse, until the first window.
    before: Vec<Diagnostic>,
    /// The findings outside every window, sorted, until handed over; `None`
    /// until the first window is linted.
    context: Option<VecDeque<Diagnostic>>,
    /// How many unknown fields of earlier windows got a "did you mean".
    suggested: usize,
    each: &'e mut dyn FnMut(Diagnostic),
}

impl<'a> json::Stream<'a> for Windows<'_, 'a, '_> {
    fn streams(&self, _: &str, at: usize) -> bool {
        self.large.as_ref().is_some_and(|large| large.key == at)
    }

    fn element(&mut self, value: Value<'a>) {
        let index = self.next_item;
        if index == 0 {
            // The array's member is handed over once its elements are: its
            // repeat, at its key, comes before them.
            self.visit_large();
        }
        self.next_item += 1;
        let end = value.span().end();
        self.spans.push(value.span());
        self.items.push((index, value));
        self.fill(end);
    }

    fn takes_members(&self) -> bool {
        true
    }

    /// Takes the next member of the root.
    fn member(&mut self, member: Member<'a>) {
        let at = member.key().span().start();
        if self.large.as_ref().is_some_and(|large| large.key == at) {
            return;
        }
        let visit = self.keys.visit(self.source, &member);
        if let Some(repeat) = visit.repeat.filter(|_| self.repeats) {
            self.pending.push(repeated(self.source, &member, repeat));
        }
        if self.skeleton_keys.binary_search(&at).is_ok() {
            return;
        }
        // An earlier copy of a key the rules ignore, whose value none reads,
        // has no finding but its repeat. (That of a skeleton key stays: its
        // last copy, in the skeleton, shadows it in the window too.)
        let key = member.key().as_str();
        if visit.shadowed && !self.skeleton.iter().any(|m| m.key().as_str() == key) {
            return;
        }
        let end = member.span().end();
        self.spans.push(member.span());
        self.bulk.push(member);
        self.fill(end);
    }
}

impl Windows<'_, '_, '_> {
    /// Notes the member of the large array, from the skeleton.
    fn visit_large(&mut self) {
        let Some(large) = &self.large else {
            return;
        };
        let Some(member) = self
            .skeleton
            .iter()
            .find(|m| m.key().span().start() == large.key)
        else {
            return;
        };
        let visit = self.keys.visit(self.source, member);
        if let Some(repeat) = visit.repeat.filter(|_| self.repeats) {
            self.pending.push(repeated(self.source, member, repeat));
        }
    }

    /// Lints the window once it is full; `end` is where its last element
    /// ends.
    fn fill(&mut self, end: usize) {
        if self.spans.len() >= self.size {
            self.lint_window(end);
        }
    }

    /// Lints what is left after the last member.
    fn finish(&mut self) {
        if self.context.is_none() || !self.spans.is_empty() {
            self.lint_window(usize::MAX);
        } else {
            let pending = self.linter.configure(std::mem::take(&mut self.pending));
            self.hand_over(pending, usize::MAX);
        }
    }

    /// Lints the window with the skeleton and hands over every finding
    /// before `boundary`, where the next element can start at the earliest.
    fn lint_window(&mut self, boundary: usize) {
        let spans = std::mem::take(&mut self.spans);
        let mut skeleton = std::mem::take(&mut self.skeleton);
        // The large array holds the window's elements, or else its first.
        let mut items_from = None;
        if let Some(large) = &self.large {
            let items = std::mem::take(&mut self.items);
            if let Some(&(first, _)) = items.first() {
                items_from = Some((large.span.start(), first));
            }
            let elements: Vec<Value<'_>> = if items.is_empty() {
                vec![large.first.clone()]
            } else {
                items.into_iter().map(|(_, value)| value).collect()
            };
            if let Some(member) = skeleton
                .iter_mut()
                .find(|m| m.key().span().start() == large.key)
            {
                member.replace_value(Value::new(ValueKind::Array(elements), large.span));
            }
        }
        let members = merge_by_start(skeleton, std::mem::take(&mut self.bulk));
        let root = Value::new(ValueKind::Object(members), self.braces);
        let mut cx =
            Context::new(self.source, self.linter.profile).with_disabled(self.disabled.clone());
        cx.suggested = self.suggested;
        cx.suggest_log = Some(Vec::new());
        cx.items_from = items_from;
        rules::check(&root, &mut cx);
        let log = cx.suggest_log.take().unwrap_or_default();
        self.suggested += log.iter().filter(|&&at| inside(&spans, at, at)).count();
        let members = root.into_members();

        // Inside the large array, what is not in the window is another's.
        let elsewhere = self.large.as_ref().map_or(Span::new(0, 0), |large| {
            Span::new(large.span.start() + 1, large.span.end().saturating_sub(1))
        });
        let first = self.context.is_none();
        let mut found = std::mem::take(&mut self.pending);
        let mut context = Vec::new();
        for diagnostic in cx.into_diagnostics() {
            let span = diagnostic.span();
            // Repeated root keys are the map's to report, across windows.
            if diagnostic.code() == "duplicate-key" && is_key_of(&members, span) {
                continue;
            }
            if inside(&spans, span.start(), span.end()) {
                found.push(diagnostic);
            } else if first && !inside(&[elsewhere], span.start(), span.end()) {
                context.push(diagnostic);
            }
        }
        let skeleton_keys = &self.skeleton_keys;
        self.skeleton = members
            .into_iter()
            .filter(|m| skeleton_keys.binary_search(&m.key().span().start()).is_ok())
            .collect();
        if first {
            context.append(&mut self.before);
            self.context = Some(self.linter.configure(context).into());
        }
        let found = self.linter.configure(found);
        self.hand_over(found, boundary);
    }

    /// Hands over `found`, sorted, merged with the context findings that
    /// come before each, and then the context findings before `boundary`.
    fn hand_over(&mut self, found: Vec<Diagnostic>, boundary: usize) {
        let context = self.context.get_or_insert_with(VecDeque::new);
        for diagnostic in found {
            while context
                .front()
                .is_some_and(|c| super::position(c) <= super::position(&diagnostic))
            {
                if let Some(c) = context.pop_front() {
                    (self.each)(c);
                }
            }
            (self.each)(diagnostic);
        }
        while context.front().is_some_and(|c| c.span().start() < boundary) {
            if let Some(c) = context.pop_front() {
                (self.each)(c);
            }
        }
    }
}

/// The members of `a` and `b`, each in source order, in source order.
fn merge_by_start<'a>(a: Vec<Member<'a>>, b: Vec<Member<'a>>) -> Vec<Member<'a>> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for member in a {
        while let Some(next) = b.next_if(|n| n.span().start() < member.span().start()) {
            out.push(next);
        }
        out.push(member);
    }
    out.extend(b);
    out
}

/// Whether `start..end` lies inside one of `spans`, which are in order and
/// do not overlap.
fn inside(spans: &[Span], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.start() <= start);
    i.checked_sub(1)
        .and_then(|i| spans.get(i))
        .is_some_and(|s| end <= s.end())
}

/// Whether `span` is the key of one of `members`, which are in order.
fn is_key_of(members: &[Member<'_>], span: Span) -> bool {
    members
        .binary_search_by_key(&span.start(), |m| m.key().span().start())
        .ok()
        .and_then(|i| members.get(i))
        .is_some_and(|m| m.key().span() == span)
}

/// Every root key: where it is first and last, from the first parse; and
/// in the second, its latest member so far. Keyed by a hash of the key, so
/// that millions of distinct keys cost 24 bytes each; two keys with the
/// same hash are told apart by their text, the second kept by name.
#[derive(Default)]
struct Keys {
    hasher: RandomState,
    hashed: HashMap<u64, Seen, BuildHasherDefault<HashedAlready>>,
    named: HashMap<String, Seen>,
    /// The entry of the member read last, whose removal ends where the
    /// next member starts.
    previous: Option<Slot>,
}

/// Where a [`Keys`] entry is.
enum Slot {
    Hashed(u64),
    Named(String),
}

/// What [`Keys`] knows of one key. Offsets are below 2^31, so a top bit
/// says whether a member's value is an object.
#[derive(Clone, Copy)]
struct Seen {
    /// Where its first and last keys start.
    first: u32,
    last: u32,
    /// Where its latest member starts (its key), and its value's object
    /// bit; `NOT_YET` before the second parse reaches it.
    latest: u32,
    /// Where the member after the latest starts.
    latest_next: u32,
}

const OBJECT_BIT: u32 = 1 << 31;
const NOT_YET: u32 = u32::MAX;

/// `at` as stored: [`is_large`] bodies are under 2^31 bytes.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX) & !OBJECT_BIT
}

/// What the second parse learns of a member from [`Keys::visit`].
struct Visit {
    /// Whether a later member has the same key: Go's decoder, and so every
    /// rule, ignores this one.
    shadowed: bool,
    /// When the key was seen before: where first, where the latest member
    /// starts, and the removal of the latest member (to the next one).
    repeat: Option<(u32, Span, bool)>,
}

impl Keys {
    /// The entry for `key`, whose member's key starts at `at`: made when
    /// `insert`, else `None` for a key not seen.
    fn slot(&mut self, source: &str, key: &str, at: u32, insert: bool) -> Option<Slot> {
        let hash = self.hasher.hash_one(key);
        match self.hashed.entry(hash) {
            Entry::Vacant(slot) if insert => {
                slot.insert(Seen::new(at));
                return None;
            }
            Entry::Occupied(slot) if is_key(source, slot.get().first as usize, key) => {
                return Some(Slot::Hashed(hash));
            }
            _ => {}
        }
        if self.named.contains_key(key) {
            Some(Slot::Named(key.to_string()))
        } else {
            if insert {
                self.named.insert(key.to_string(), Seen::new(at));
            }
            None
        }
    }

    fn get(&mut self, slot: &Slot) -> Option<&mut Seen> {
        match slot {
            Slot::Hashed(hash) => self.hashed.get_mut(hash),
            Slot::Named(key) => self.named.get_mut(key),
        }
    }

    /// Notes `member`, in the first parse.
    fn note(&mut self, source: &str, member: &Member<'_>) {
        let at = offset(member.key().span().start());
        if let Some(slot) = self.slot(source, member.key().as_str(), at, true) {
            if let Some(seen) = self.get(&slot) {
                seen.last = at;
            }
        }
    }

    /// Takes `member` in the second parse.
    fn visit(&mut self, source: &str, member: &Member<'_>) -> Visit {
        let at = offset(member.key().span().start());
        if let Some(previous) = self.previous.take() {
            if let Some(seen) = self.get(&previous) {
                seen.latest_next = at;
            }
        }
        let object = if member.value().as_object().is_some() {
            OBJECT_BIT
        } else {
            0
        };
        let slot = self.slot(source, member.key().as_str(), at, false);
        let Some(seen) = slot.as_ref().and_then(|slot| self.get(slot)) else {
            // Every key was noted in the first parse.
            return Visit {
                shadowed: false,
                repeat: None,
            };
        };
        let repeat = (seen.latest != NOT_YET).then(|| {
            let start = (seen.latest & !OBJECT_BIT) as usize;
            (
                seen.first,
                Span::new(start, seen.latest_next as usize),
                seen.latest & OBJECT_BIT != 0,
            )
        });
        seen.latest = at | object;
        let shadowed = seen.last != at;
        self.previous = slot;
        Visit { shadowed, repeat }
    }
}

impl Seen {
    fn new(at: u32) -> Seen {
        Seen {
            first: at,
            last: at,
            latest: NOT_YET,
            latest_next: NOT_YET,
        }
    }
}

/// The finding for `member`, whose key was first at `first` and last
/// before in the member `latest` (whose value is an object or not).
fn repeated(
    source: &str,
    member: &Member<'_>,
    (first, latest, object): (u32, Span, bool),
) -> Diagnostic {
    let key = member.key().as_str();
    let name = structure::subject(&[Seg::Key(key)]).to_string();
    let first = Span::new(first as usize, key_end(source, first as usize));
    let objects = object || member.value().as_object().is_some();
    // The latest member is followed by this one, so its removal runs to the
    // next key, as `remove_member_edit` removes a member followed by another.
    let removal = (!objects).then(|| Edit::delete(latest));
    structure::duplicate_key_finding(&name, member.key().span(), first, objects, removal)
}

/// Where the key token that starts at `start` ends, after its closing quote.
fn key_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    source.len()
}

/// Whether the key token that starts at `start` of `source` reads as
/// `key`.
fn is_key(source: &str, start: usize, key: &str) -> bool {
    let Some(token) = source.get(start..key_end(source, start)) else {
        return false;
    };
    match token.get(1..token.len().saturating_sub(1)) {
        Some(inner) if !inner.contains('\\') => inner == key,
        _ => json::parse(token).is_ok_and(|value| value.as_str() == Some(key)),
    }
}

/// Whether some object inside `value` has a key twice.
fn has_repeated_key(value: &Value<'_>) -> bool {
    match value.kind() {
        ValueKind::Object(members) => {
            let mut keys: Vec<&str> = members.iter().map(|m| m.key().as_str()).collect();
            keys.sort_unstable();
            keys.windows(2).any(|pair| pair[0] == pair[1])
                || members.iter().any(|m| has_repeated_key(m.value()))
        }
        ValueKind::Array(items) => items.iter().any(has_repeated_key),
        _ => false,
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct HashedAlready(u64);

impl Hasher for HashedAlready {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use std::hash::BuildHasher;

    use super::lint;
    use crate::{Diagnostic, Linter, Profile, Severity};

    /// Every JSON text of the repository's examples, tests and fuzz seeds,
    /// and of the rules' explanations.
    fn payloads() -> Vec<String> {
        fn walk(dir: &Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    if text.trim_start().starts_with(['{', '\u{feff}']) {
                        out.push(text);
                    }
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["examples", "tests", "fuzz/seeds", "fuzz/regressions"] {
            walk(&root.join(dir), &mut out);
        }
        for rule in crate::rules::all() {
            let mut rest = rule.explanation();
            while let Some(at) = rest.find("```json\n") {
                let block = &rest[at + 8..];
                let end = block.find("```").unwrap_or(block.len());
                out.push(block[..end].to_string());
                rest = &block[end..];
            }
        }
        out
    }

    /// Bodies whose findings cross windows: repeated keys, known and
    /// unknown, around the fields the rules read together.
    fn crossing() -> Vec<String> {
        let mut out = vec![
            r#"{"a": 1, "name": "", "a": {"x": 1}, "b": 2, "name": "W", "a": 3, "session_duration": "1d", "b": 4}"#.to_string(),
            r#"{"x": 1, "is_ui_read_only": true, "y": 2, "is_ui_read_only": "true", "z": 3}"#.to_string(),
            "{\n  \"nmae\": 1,\n  \"auth_domian\": \"a\",\n  \"result\": {},\n  \"success\": true\n}".to_string(),
            r#"{"success": true, "x": 1, "errors": [], "name": null}"#.to_string(),
            r#"{"login_design": {"txt_color": "red", "x": 1}, "y": 1, "logindesign": 2, "NAME": "a"}"#.to_string(),
            r#"{"a":1,"a":2,"a":3}"#.to_string(),
            "\u{feff}{\"a\": 1, \"b\": [1, {\"c\": 2, \"c\": 3}], \"allowed_idps\": [1]}".to_string(),
            r#"{"q": 1, "q": {"r": 1}, "q": {"s": 1}, "q": 2}"#.to_string(),
            r#"{"a\u0062": 1, "ab": 2, "x": {"ab": 1}, "ab": 3}"#.to_string(),
            r#"{"is_ui_read_only": true, "k": 1, "ui_read_only_toggle_reason": "", "k": 2}"#.to_string(),
            r#"{"x": 1, "deny_unmatched_requests_exempted_zone_names": ["a.com", 1, {"b": 1, "b": 2}, null, "http://x/", "bad_zone", [], "c.org"], "y": 2, "deny_unmatched_requests": true}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": [1, 2], "q": 1, "deny_unmatched_requests_exempted_zone_names": ["a", "b_", "c"]}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": ["a_", "b_", "c_", "d_"], "deny_unmatched_requests_exempted_zone_names": [1]}"#.to_string(),
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": ["totp", "x", 3, "y"]}, "z": 1, "zz": 2}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": [], "a": 1}"#.to_string(),
            "{}".to_string(),
            "[]".to_string(),
            r#"{"a": 1,}"#.to_string(),
        ];
        // The 200th unknown field gets a "did you mean", the 201st none.
        let distinct: Vec<String> = (0..198).map(|i| format!("\"x{i}\": 1")).collect();
        out.push(format!(
            "{{\"sesion_duration\": \"1h\", {}, \"nmae\": 1, \"auth_domian\": \"a\"}}",
            distinct.join(", ")
        ));
        let keys: Vec<String> = (0..230).map(|i| format!("\"x{}\": {i}", i % 7)).collect();
        out.push(format!(
            "{{\"sesion_duration\": \"1h\", {}, \"nmae\": 1, \"auth_domian\": \"a\", \"login_design\": {{\"bg_color\": 1, \"txt\": 2}}}}",
            keys.join(", ")
        ));
        out
    }

    fn windowed(linter: &Linter, source: &str, size: usize) -> Option<Vec<Diagnostic>> {
        let mut out = Vec::new();
        let before = linter.find_unparsed(source);
        lint(linter, source, before, size, &mut |d| out.push(d))
            .ok()
            .map(|()| out)
    }

    #[test]
    fn keys_with_the_same_hash_are_told_apart_by_their_text() {
        let source = r#"{"a": 1, "b": 2, "a": 3, "b": {}, "b": 4}"#;
        let doc = crate::json::parse(source).unwrap();
        let members = doc.as_object().unwrap();
        let mut keys = super::Keys::default();
        // `b` hashes as `a` does, as if the two collided.
        let hash_b = keys.hasher.hash_one("b");
        keys.hashed.insert(hash_b, super::Seen::new(1));
        for member in members {
            keys.note(source, member);
        }
        assert_eq!(keys.named.len(), 1, "`b` is kept by name");
        let visits: Vec<_> = members
            .iter()
            .map(|m| {
                let visit = keys.visit(source, m);
                let repeat = visit
                    .repeat
                    .map(|(first, latest, object)| (first, &source[latest.range()], object));
                (m.key().as_str(), visit.shadowed, repeat)
            })
            .collect();
        assert_eq!(
            visits,
            [
                ("a", true, None),
                ("b", true, None),
                ("a", false, Some((1, r#""a": 1, "#, false))),
                ("b", true, Some((9, r#""b": 2, "#, false))),
                ("b", false, Some((9, r#""b": {}, "#, true))),
            ]
        );
    }

    #[test]
    fn windows_lint_as_the_whole_body() {
        let linters = [
            Linter::new(),
            Linter::new().profile(Profile::Create),
            Linter::new().profile(Profile::ZoneUpdate),
            Linter::new().ignore("duplicate-key").unwrap(),
            Linter::new()
                .select("unknown-field")
                .unwrap()
                .select("duplicate-key")
                .unwrap()
                .severity("unknown-field", Some(Severity::Error))
                .unwrap(),
        ];
        let mut texts = payloads();
        texts.extend(crossing());
        assert!(texts.len() > 150, "{} payloads", texts.len());
        let mut windowed_count = 0;
        for text in &texts {
            for linter in &linters {
                let whole = linter.lint(text);
                for size in [1, 2, 3, super::WINDOW] {
                    if let Some(found) = windowed(linter, text, size) {
                        windowed_count += 1;
                        assert_eq!(found, whole, "window of {size} on {text}");
                    }
                }
            }
        }
        assert!(windowed_count > 3000, "{windowed_count}");
    }
}
