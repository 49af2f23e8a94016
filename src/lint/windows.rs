//! Linting a large body a window of its members and elements at a time.
//!
//! A body with a finding for each of millions of keys (unknown ones, or one
//! key repeated) or array elements would otherwise hold a tree node and a
//! finding for each until the report is sorted: some 500 bytes apiece, 24
//! to 260 times the size of the file. Instead:
//!
//! 1. A first parse checks the syntax and keeps the *skeleton*: of the
//!    root and of each object of a field in it (`login_design`,
//!    `mfa_config`, ...), the last member of each field (Go's decoder, and
//!    so every rule, takes the last of repeated keys); of each array of a
//!    field, its first element and the first of each new name of a renamed
//!    value (the rules that read an array whole ask whether it is empty and
//!    whether it lists the new name). Envelope keys are in the root's only
//!    when the body is a response envelope. Values that no rule reads are
//!    not kept at all.
//! 2. A second parse hands the other members and every element over one at
//!    a time, gathered in windows. Each window is linted with the skeleton,
//!    its children put in place; the findings inside its children are the
//!    window's. Those elsewhere (the skeleton's, the body's own) are the
//!    same in every window, and are kept from the first; they are merged
//!    in by position.
//! 3. A repeated key is found across windows by a map, for each object, from
//!    each key's hash to its first, last and latest member: the last tells
//!    which copies Go's decoder ignores, and those have no finding but
//!    their repeat, so they join no window.
//!
//! The findings are the whole lint's, in the same order: the test
//! `windows_lint_as_the_whole_body` holds it over every test payload with
//! windows of one to three children, and so does the `lint` fuzz target for
//! every input. What makes that so: a removal finds a member's neighbours
//! in the text, for they may be in another window; paths name an element
//! by its index in the whole array ([`Context::items_from`]); the "did you
//! mean" count goes on from window to window.

use std::borrow::Cow;
use std::collections::hash_map::{HashMap, RandomState};
use std::collections::VecDeque;
use std::hash::BuildHasher;

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
    let mut survey = Survey {
        keys: Keys::new(source.len()),
        open: vec![Gathering::new(0, ROOT)],
        found: Vec::new(),
        envelope_repeats: false,
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
        open,
        found,
        envelope_repeats,
    } = survey;
    let Some(mut root) = open.into_iter().next() else {
        return Err(before);
    };
    let envelope = structure::is_envelope(|key| root.kept.iter().any(|m| m.key().as_str() == key));
    // In a body that is no envelope, the envelope keys are unknown fields,
    // whose values no rule reads: but a repeated key in one is reported,
    // and only the whole tree holds it.
    let keeps: json::Keeps = if envelope {
        rules::reads_value_of_member
    } else if envelope_repeats {
        return Err(before);
    } else {
        root.kept
            .retain(|m| crate::fields::find(&[m.key().as_str()]).is_some());
        reads_field_value_of_member
    };
    let (members, root) = root.into_container(Vec::new(), braces);
    let skeleton = Value::new(ValueKind::Object(members), braces);
    // Only the containers of the skeleton are handed over again; an
    // earlier copy of a key is read whole, as the rules read it.
    let mut containers = vec![root];
    containers.extend(found.into_iter().filter(|c| reaches(&skeleton, &c.way)));
    let disabled = linter.disabled();
    let mut windows = Windows {
        linter,
        source,
        keys,
        repeats: !disabled.contains(&"duplicate-key"),
        disabled,
        skeleton,
        by_address: containers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.address(), i))
            .collect(),
        containers,
        open: Vec::new(),
        window: Vec::new(),
        spans: Vec::new(),
        size: size.max(1),
        pending: Vec::new(),
        placeholder: None,
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
fn reads_field_value_of_member(path: &[Cow<'_, str>], key: &str) -> bool {
    rules::field_at(path, key).is_some()
}

/// Whether the skeleton has a container at the end of `way`.
fn reaches(skeleton: &Value<'_>, way: &[usize]) -> bool {
    container_of(skeleton, way).is_some()
}

/// The container at the end of `way` in `skeleton`.
fn container_of<'t, 'a>(skeleton: &'t Value<'a>, way: &[usize]) -> Option<&'t Value<'a>> {
    let mut node = skeleton;
    for &at in way {
        node = node
            .as_object()?
            .iter()
            .find(|m| m.key().span().start() == at)?
            .value();
    }
    Some(node)
}

/// The keys of the members on `way` in `skeleton`: the path of the
/// container at its end.
fn keys_on<'t>(skeleton: &'t Value<'_>, way: &[usize]) -> Vec<&'t str> {
    let mut keys = Vec::with_capacity(way.len());
    let mut node = skeleton;
    for &at in way {
        let Some(member) = node
            .as_object()
            .and_then(|members| members.iter().find(|m| m.key().span().start() == at))
        else {
            break;
        };
        keys.push(member.key().as_str());
        node = member.value();
    }
    keys
}

/// [`container_of`], to change it.
fn container_mut<'t, 'a>(skeleton: &'t mut Value<'a>, way: &[usize]) -> Option<&'t mut Value<'a>> {
    let mut node = skeleton;
    for &at in way {
        let ValueKind::Object(members) = node.kind_mut() else {
            return None;
        };
        node = members
            .iter_mut()
            .find(|m| m.key().span().start() == at)?
            .value_mut();
    }
    Some(node)
}

/// A container whose children the parses hand over one at a time: the
/// root, and the objects and arrays of the field table's fields in it.
struct Container<'a> {
    /// Where the keys of the members down to it start, from the root's.
    way: Vec<usize>,
    span: Span,
    array: bool,
    /// In the second parse, the [`Keys`] entry of an object's member read
    /// last, whose removal ends where the next member starts.
    previous: Option<u128>,
    /// Where the keys of an object's members in the skeleton start, in
    /// order.
    kept: Vec<usize>,
    /// The elements of an array in the skeleton, with their indices: the
    /// first, and the first of each new name of a renamed value, so that
    /// the rules that read the array whole (is it empty, does it list the
    /// new name) read it alike in every window.
    representatives: Vec<(usize, Value<'a>)>,
    /// In the second parse: the index of an array's next element, and
    /// whether its member was noted (at its first child, for its repeat to
    /// come before its children's findings).
    next: usize,
    noted: bool,
}

impl Container<'_> {
    /// Where the key of its member starts; the root's is `ROOT`.
    fn address(&self) -> usize {
        self.way.last().copied().unwrap_or(ROOT)
    }
}

const ROOT: usize = usize::MAX;

/// What the first parse gathers of a container open at `depth`, the
/// value of the member whose key starts at `address`.
struct Gathering<'a> {
    depth: usize,
    address: usize,
    /// An object's last member of each field (the root's: of each key a
    /// rule reads).
    kept: Vec<Member<'a>>,
    /// An array's first element, and the first of each new name of its
    /// field's renamed values, with their indices.
    representatives: Vec<(usize, Value<'a>)>,
    count: usize,
}

impl<'a> Gathering<'a> {
    fn new(depth: usize, address: usize) -> Gathering<'a> {
        Gathering {
            depth,
            address,
            kept: Vec::new(),
            representatives: Vec::new(),
            count: 0,
        }
    }

    /// The skeleton's members of an object, and what the second parse
    /// needs of it, at `way`, whose span is `span`.
    fn into_container(mut self, way: Vec<usize>, span: Span) -> (Vec<Member<'a>>, Container<'a>) {
        self.kept.sort_by_key(|m| m.key().span().start());
        let kept = self.kept.iter().map(|m| m.key().span().start()).collect();
        let container = Container {
            way,
            span,
            array: false,
            previous: None,
            kept,
            representatives: Vec::new(),
            next: 0,
            noted: false,
        };
        (self.kept, container)
    }
}

/// The state of the first parse.
struct Survey<'a> {
    keys: Keys,
    /// What is gathered of the open containers, the root's first.
    open: Vec<Gathering<'a>>,
    /// The containers read, but the root.
    found: Vec<Container<'a>>,
    /// Whether the value of an envelope key has a repeated key in it.
    envelope_repeats: bool,
}

/// Whether the value of the member `key` of the object at `path` is a
/// container the parses hand over.
fn is_handed(path: &[Cow<'_, str>], key: &str) -> bool {
    match path.first() {
        Some(top) if structure::is_envelope_key(top) => false,
        _ => rules::field_at(path, key).is_some(),
    }
}

impl<'a> json::Stream<'a> for Survey<'a> {
    fn streams(&mut self, path: &[Cow<'_, str>], key: &str, at: usize) -> bool {
        let handed =
            self.open.last().is_some_and(|g| g.depth == path.len()) && is_handed(path, key);
        if handed {
            self.open.push(Gathering::new(path.len() + 1, at));
        }
        handed
    }

    fn element(&mut self, path: &[Cow<'a, str>], value: Value<'a>) {
        let Some(gathering) = self.open.last_mut() else {
            return;
        };
        let index = gathering.count;
        gathering.count += 1;
        let renamed_to = value.as_str().and_then(|text| {
            crate::fields::find(path)?
                .renamed_values()
                .iter()
                .find(|r| r.to == text)
        });
        let new_name = renamed_to.is_some_and(|r| {
            !gathering
                .representatives
                .iter()
                .any(|(_, v)| v.as_str() == Some(r.to))
        });
        if index == 0 || new_name {
            gathering.representatives.push((index, value));
        }
    }

    fn takes_members(&self) -> bool {
        true
    }

    fn member(&mut self, path: &[Cow<'a, str>], mut member: Member<'a>) {
        let depth = path.len();
        let at = member.key().span().start();
        if self.open.last().is_some_and(|g| g.depth == depth + 1) {
            if let Some(gathering) = self.open.pop() {
                // The containers open above it are on its way.
                let mut way: Vec<usize> = self.open.iter().skip(1).map(|g| g.address).collect();
                way.push(at);
                let span = member.value().span();
                let container = if member.value().as_array().is_some() {
                    let items = gathering
                        .representatives
                        .iter()
                        .map(|(_, v)| v.clone())
                        .collect();
                    member.replace_value(Value::new(ValueKind::Array(items), span));
                    Container {
                        way,
                        span,
                        array: true,
                        previous: None,
                        kept: Vec::new(),
                        representatives: gathering.representatives,
                        next: 0,
                        noted: false,
                    }
                } else {
                    let (members, container) = gathering.into_container(way, span);
                    member.replace_value(Value::new(ValueKind::Object(members), span));
                    container
                };
                self.found.push(container);
            }
        }
        let Some(gathering) = self.open.last_mut() else {
            return;
        };
        let address = gathering.address;
        self.keys.note(address, member.key().as_str(), at);
        let key = member.key().as_str();
        let kept = if depth == 0 {
            if structure::is_envelope_key(key) {
                self.envelope_repeats |= has_repeated_key(member.value());
            }
            rules::reads_value_of(key)
        } else {
            rules::field_at(path, key).is_some()
        };
        if !kept {
            return;
        }
        match gathering.kept.iter_mut().find(|m| m.key().as_str() == key) {
            Some(earlier) => *earlier = member,
            None => gathering.kept.push(member),
        }
    }
}

/// A child of a container in a window: a member, or an element and its
/// index.
enum Child<'a> {
    Member(Member<'a>),
    Element(usize, Value<'a>),
}

/// A container's children in a window: its index, its members, its
/// elements with their indices.
type Group<'a> = (usize, Vec<Member<'a>>, Vec<(usize, Value<'a>)>);

/// The state of the second parse.
struct Windows<'l, 'a, 'e> {
    linter: &'l Linter,
    source: &'a str,
    disabled: Vec<&'static str>,
    /// Whether `duplicate-key` is on.
    repeats: bool,
    /// The root with the skeleton's members of each container in it.
    skeleton: Value<'a>,
    containers: Vec<Container<'a>>,
    /// Each container's index by its address.
    by_address: HashMap<usize, usize>,
    keys: Keys,
    /// The containers open now, innermost last.
    open: Vec<usize>,
    /// The window: children with their containers, and their spans, in
    /// order.
    window: Vec<(usize, Child<'a>)>,
    spans: Vec<Span>,
    size: usize,
    /// The repeated keys found since the last window was linted.
    pending: Vec<Diagnostic>,
    /// The latest earlier copy of an unknown root key: were the first
    /// window linted with no root member, the body would look empty, so
    /// this one stands in, its findings left out.
    placeholder: Option<Member<'a>>,
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
    fn streams(&mut self, _: &[Cow<'_, str>], _: &str, at: usize) -> bool {
        match self.by_address.get(&at) {
            Some(&c) if c != 0 => {
                self.open.push(c);
                true
            }
            _ => false,
        }
    }

    fn element(&mut self, _: &[Cow<'a, str>], value: Value<'a>) {
        let Some(&c) = self.open.last() else {
            return;
        };
        self.note(c);
        let Some(container) = self.containers.get_mut(c) else {
            return;
        };
        let index = container.next;
        container.next += 1;
        let end = value.span().end();
        self.spans.push(value.span());
        self.window.push((c, Child::Element(index, value)));
        self.fill(end);
    }

    fn takes_members(&self) -> bool {
        true
    }

    fn member(&mut self, path: &[Cow<'a, str>], member: Member<'a>) {
        let at = member.key().span().start();
        // The member whose value is the innermost open container closes it.
        if self.open.last().is_some_and(|&inner| {
            self.containers
                .get(inner)
                .is_some_and(|c| c.address() == at)
        }) {
            self.open.pop();
        }
        let c = self.open.last().copied().unwrap_or(0);
        self.note(c);
        let own = self.by_address.get(&at).copied();
        let shadowed = if own.is_some_and(|i| self.containers.get(i).is_some_and(|o| o.noted)) {
            false
        } else {
            let path: Vec<&str> = path.iter().map(|k| k.as_ref()).collect();
            self.visit(c, &path, &member)
        };
        let Some(container) = self.containers.get(c) else {
            return;
        };
        if container.kept.binary_search(&at).is_ok() {
            return;
        }
        // An earlier copy of a key the rules ignore, whose value none reads,
        // has no finding but its repeat. (That of a skeleton key stays: its
        // last copy, in the skeleton, shadows it in the window too.)
        if shadowed && !self.is_skeleton_key(c, member.key().as_str()) {
            let end = member.span().end();
            if c == 0 {
                self.placeholder = Some(member);
            }
            self.fill(end);
            return;
        }
        let end = member.span().end();
        self.spans.push(member.span());
        self.window.push((c, Child::Member(member)));
        self.fill(end);
    }
}

impl<'a> Windows<'_, 'a, '_> {
    /// Notes `member` in the keys of container `c`, whose path is `path`,
    /// keeping its repeat; whether a later member has its key.
    fn visit(&mut self, c: usize, path: &[&str], member: &Member<'_>) -> bool {
        let Some(container) = self.containers.get_mut(c) else {
            return false;
        };
        let address = container.address();
        let visit = self.keys.visit(&mut container.previous, address, member);
        if let Some(repeat) = visit.repeat.filter(|_| self.repeats) {
            self.pending
                .push(repeated(self.source, path, member, repeat));
        }
        visit.shadowed
    }

    /// At the first child of container `c`: notes its member, from the
    /// skeleton, in its parent's keys, so that its repeat comes before its
    /// children's findings. Its parent's first.
    fn note(&mut self, c: usize) {
        let Some(container) = self.containers.get(c) else {
            return;
        };
        if c == 0 || container.noted {
            return;
        }
        let way = container.way.clone();
        let Some((&at, above)) = way.split_last() else {
            return;
        };
        let parent = above
            .last()
            .and_then(|a| self.by_address.get(a).copied())
            .unwrap_or(0);
        self.note(parent);
        if let Some(container) = self.containers.get_mut(c) {
            container.noted = true;
        }
        let skeleton = std::mem::replace(
            &mut self.skeleton,
            Value::new(ValueKind::Null, Span::new(0, 0)),
        );
        let path = keys_on(&skeleton, above);
        let member = container_of(&skeleton, above)
            .and_then(Value::as_object)
            .and_then(|members| members.iter().find(|m| m.key().span().start() == at));
        if let Some(member) = member {
            self.visit(parent, &path, member);
        }
        self.skeleton = skeleton;
    }

    /// Whether `key` is one of the skeleton's keys in container `c`.
    fn is_skeleton_key(&self, c: usize, key: &str) -> bool {
        let Some(container) = self.containers.get(c) else {
            return false;
        };
        container_of(&self.skeleton, &container.way)
            .and_then(Value::as_object)
            .is_some_and(|members| members.iter().any(|m| m.key().as_str() == key))
    }

    /// Lints the window once it is full, counting the repeats found since
    /// the last (an earlier copy of an unknown key is one, and no child);
    /// `end` is where the last child read ends.
    fn fill(&mut self, end: usize) {
        if self.spans.len() + self.pending.len() >= self.size {
            self.flush(end);
        }
    }

    /// Lints what is left after the last member.
    fn finish(&mut self) {
        self.flush(usize::MAX);
    }

    /// Lints the window, or hands over the repeats alone when the window
    /// has no child and the first window was linted.
    fn flush(&mut self, boundary: usize) {
        if self.context.is_none() || !self.spans.is_empty() {
            self.lint_window(boundary);
        } else {
            let pending = self.linter.configure(std::mem::take(&mut self.pending));
            self.hand_over(pending, boundary);
        }
    }

    /// Lints the window with the skeleton and hands over every finding
    /// before `boundary`, where the next child can start at the earliest.
    fn lint_window(&mut self, boundary: usize) {
        let spans = std::mem::take(&mut self.spans);
        let mut keys: Vec<usize> = Vec::new();
        // Each container's children in the window, in order.
        let mut groups: Vec<Group<'a>> = Vec::new();
        for (c, child) in std::mem::take(&mut self.window) {
            let at = match groups.iter().position(|(g, _, _)| *g == c) {
                Some(at) => at,
                None => {
                    groups.push((c, Vec::new(), Vec::new()));
                    groups.len() - 1
                }
            };
            if let Some((_, members, elements)) = groups.get_mut(at) {
                match child {
                    Child::Member(member) => {
                        keys.push(member.key().span().start());
                        members.push(member);
                    }
                    Child::Element(index, value) => elements.push((index, value)),
                }
            }
        }
        // Every array holds some of its elements: their indices, for paths.
        let mut items_from: Vec<(usize, Vec<usize>)> = self
            .containers
            .iter()
            .filter(|c| c.array)
            .map(|c| {
                (
                    c.span.start(),
                    c.representatives.iter().map(|(i, _)| *i).collect(),
                )
            })
            .collect();
        let first = self.context.is_none();
        let root_is_empty = self.skeleton.as_object().is_some_and(<[_]>::is_empty)
            && !groups
                .iter()
                .any(|(c, members, _)| *c == 0 && !members.is_empty());
        let mut stand_in = None;
        if first && root_is_empty {
            if let Some(placeholder) = self.placeholder.take() {
                stand_in = Some(placeholder.span());
                groups.push((0, vec![placeholder], Vec::new()));
            }
        }
        for (c, members, elements) in groups {
            if let Some(indices) = self.put(c, members, elements) {
                let start = self.containers.get(c).map_or(0, |c| c.span.start());
                if let Some(entry) = items_from.iter_mut().find(|(s, _)| *s == start) {
                    entry.1 = indices;
                }
            }
        }
        for container in self.containers.iter().filter(|c| !c.array) {
            keys.extend(&container.kept);
        }
        keys.sort_unstable();

        let mut cx =
            Context::new(self.source, self.linter.profile).with_disabled(self.disabled.clone());
        cx.suggested = self.suggested;
        cx.suggest_log = Some(Vec::new());
        cx.items_from = items_from;
        rules::check(&self.skeleton, &mut cx);
        let log = cx.suggest_log.take().unwrap_or_default();
        self.suggested += log.iter().filter(|&&at| inside(&spans, at, at)).count();
        self.restore();

        // Inside an array, the elements not in the window are another's.
        let arrays: Vec<Span> = self
            .containers
            .iter()
            .filter(|c| c.array)
            .map(|c| Span::new(c.span.start() + 1, c.span.end().saturating_sub(1)))
            .collect();
        let mut found = std::mem::take(&mut self.pending);
        let mut context = Vec::new();
        for diagnostic in cx.into_diagnostics() {
            let span = diagnostic.span();
            // The keys of handed objects are their maps' to report repeats
            // of, across windows.
            if diagnostic.code() == "duplicate-key" && keys.binary_search(&span.start()).is_ok() {
                continue;
            }
            if inside(&spans, span.start(), span.end()) {
                found.push(diagnostic);
            } else if first
                && !arrays
                    .iter()
                    .chain(&stand_in)
                    .any(|a| inside(&[*a], span.start(), span.end()))
            {
                context.push(diagnostic);
            }
        }
        if first {
            context.append(&mut self.before);
            self.context = Some(self.linter.configure(context).into());
        }
        let found = self.linter.configure(found);
        self.hand_over(found, boundary);
    }

    /// Puts the window's `members` or `elements` of container `c` into the
    /// skeleton, each in place; for an array, the indices of what it then
    /// holds.
    fn put(
        &mut self,
        c: usize,
        members: Vec<Member<'a>>,
        elements: Vec<(usize, Value<'a>)>,
    ) -> Option<Vec<usize>> {
        let container = self.containers.get(c)?;
        let value = container_mut(&mut self.skeleton, &container.way)?;
        match value.kind_mut() {
            ValueKind::Object(kept) => {
                let kept = std::mem::take(kept);
                *value.kind_mut() = ValueKind::Object(merge_by_start(kept, members));
                None
            }
            ValueKind::Array(items) => {
                // The representatives, but those in the window, and the
                // window's elements, by index.
                let taken: Vec<usize> = elements.iter().map(|(i, _)| *i).collect();
                let mut merged: Vec<(usize, Value<'a>)> = container
                    .representatives
                    .iter()
                    .map(|(i, _)| *i)
                    .zip(std::mem::take(items))
                    .filter(|(i, _)| !taken.contains(i))
                    .chain(elements)
                    .collect();
                merged.sort_by_key(|(i, _)| *i);
                let indices = merged.iter().map(|(i, _)| *i).collect();
                *value.kind_mut() = ValueKind::Array(merged.into_iter().map(|(_, v)| v).collect());
                Some(indices)
            }
            _ => None,
        }
    }

    /// Takes the window's children back out of the skeleton.
    fn restore(&mut self) {
        for container in &self.containers {
            let Some(value) = container_mut(&mut self.skeleton, &container.way) else {
                continue;
            };
            match value.kind_mut() {
                ValueKind::Object(members) => {
                    members.retain(|m| {
                        container
                            .kept
                            .binary_search(&m.key().span().start())
                            .is_ok()
                    });
                }
                ValueKind::Array(items) => {
                    *items = container
                        .representatives
                        .iter()
                        .map(|(_, v)| v.clone())
                        .collect();
                }
                _ => {}
            }
        }
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

/// The keys of the handed objects that come more than once. The first
/// parse notes every key in a Bloom filter, and a key the filter has seen
/// (again, or so it seems) in a map, with where it is last: so millions of
/// keys that each come once cost two bits each, not a map entry. In the
/// second parse a key not in the map comes once; one in it learns where it
/// is first, and its latest member. Keys are known by a 128-bit hash of
/// their object and text: two share one with a chance of about 10^-24
/// among ten million keys.
struct Keys {
    hashers: [RandomState; 2],
    /// The Bloom filter: two bits per key, of a power of two.
    once: Vec<u64>,
    again: HashMap<u128, Seen>,
}

/// What [`Keys`] knows of a key that may come more than once. Offsets are
/// below 2^31, so a top bit says whether a member's value is an object.
#[derive(Clone, Copy)]
struct Seen {
    /// Where its first key starts; `NOT_YET` before the second parse
    /// reaches it.
    first: u32,
    /// Where its last key starts.
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
    /// When the key was seen before: where first, the latest member's
    /// removal (to the next member), and whether its value is an object.
    repeat: Option<(u32, Span, bool)>,
}

impl Keys {
    /// Keys for a body of `len` bytes: its members are at most a fifth as
    /// many, so two bits per byte keep the filter's false positives to a
    /// few in a hundred.
    fn new(len: usize) -> Keys {
        Keys::with_bits(len.saturating_mul(2).next_power_of_two().max(1 << 16))
    }

    fn with_bits(bits: usize) -> Keys {
        Keys {
            hashers: [RandomState::new(), RandomState::new()],
            once: vec![0; bits.div_ceil(64).max(1)],
            again: HashMap::new(),
        }
    }

    /// The hash of `key` in the object at `address`.
    fn hash(&self, address: usize, key: &str) -> u128 {
        let [a, b] = &self.hashers;
        (u128::from(a.hash_one((address, key))) << 64) | u128::from(b.hash_one((address, key)))
    }

    /// Notes the member `key` of the object at `address`, whose key starts
    /// at `at`, in the first parse.
    fn note(&mut self, address: usize, key: &str, at: usize) {
        let hash = self.hash(address, key);
        let bits = self.once.len() * 64;
        let mut seen = true;
        for half in [hash >> 64, hash & u128::from(u64::MAX)] {
            let bit = (half as usize) & (bits - 1);
            if let Some(word) = self.once.get_mut(bit / 64) {
                seen &= *word & (1 << (bit % 64)) != 0;
                *word |= 1 << (bit % 64);
            }
        }
        if seen {
            let entry = self.again.entry(hash).or_insert(Seen {
                first: NOT_YET,
                last: 0,
                latest: NOT_YET,
                latest_next: NOT_YET,
            });
            entry.last = offset(at);
        }
    }

    /// Takes `member` of the object at `address` in the second parse;
    /// `previous` is the entry of the member before it there.
    fn visit(&mut self, previous: &mut Option<u128>, address: usize, member: &Member<'_>) -> Visit {
        let at = offset(member.key().span().start());
        if let Some(seen) = previous.take().and_then(|p| self.again.get_mut(&p)) {
            seen.latest_next = at;
        }
        let hash = self.hash(address, member.key().as_str());
        let Some(seen) = self.again.get_mut(&hash) else {
            return Visit {
                shadowed: false,
                repeat: None,
            };
        };
        let object = if member.value().as_object().is_some() {
            OBJECT_BIT
        } else {
            0
        };
        let repeat = if seen.first == NOT_YET {
            seen.first = at;
            None
        } else {
            let start = (seen.latest & !OBJECT_BIT) as usize;
            Some((
                seen.first,
                Span::new(start, seen.latest_next as usize),
                seen.latest & OBJECT_BIT != 0,
            ))
        };
        seen.latest = at | object;
        let shadowed = seen.last != at;
        *previous = Some(hash);
        Visit { shadowed, repeat }
    }
}

/// The finding for `member`, whose key was first at `first` and last
/// before in the member `latest` (whose value is an object or not).
fn repeated(
    source: &str,
    path: &[&str],
    member: &Member<'_>,
    (first, latest, object): (u32, Span, bool),
) -> Diagnostic {
    let mut segs: Vec<Seg<'_>> = path.iter().map(|k| Seg::Key(k)).collect();
    segs.push(Seg::Key(member.key().as_str()));
    let name = structure::subject(&segs).to_string();
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

#[cfg(test)]
mod tests {
    use std::path::Path;

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
            r##"{"login_design": {"text_color": "red", "x": 1, "y": [1, {"a": 1, "a": 2}], "x": 2, "logo_path": "http://a/b.png", "TEXT_COLOR": "#fff"}, "k": 1, "login_design": {"z": 1, "footer_text": "", "z": {}, "z": 3}}"##.to_string(),
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": ["ssh_piv_key", "totp", 7, "ssh_piv_key", "piv_key", null, "x"], "sesion_duration": "1h", "q": 1, "q": 2}}"#.to_string(),
            r#"{"mfa_config": {"allowed_authenticators": ["ssh_piv_key", "ssh_piv_key", "totp"]}, "mfa_config": {"allowed_authenticators": []}}"#.to_string(),
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": []}, "custom_pages": {"forbidden": "x", "a": 1, "b": 2}}"#.to_string(),
            r#"{"mfa_piv_key_requirements": {"ssh_key_size": [256, 1, "x", 4096], "ssh_key_type": ["rsa", "dsa"], "u": 1}, "result": {"a": 1}}"#.to_string(),
            r#"{"success": true, "errors": [{"a": 1, "a": 2}], "result": {"name": "", "x": [1, 2]}}"#.to_string(),
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
    fn keys_know_repeats_whatever_the_filter_takes_for_one() {
        let source = r#"{"a": 1, "b": 2, "a": 3, "c": {}, "b": {}, "b": 4, "d": 5}"#;
        let doc = crate::json::parse(source).unwrap();
        let members = doc.as_object().unwrap();
        // 64 bits: most keys look seen before; and a filter of its own size.
        for mut keys in [super::Keys::with_bits(64), super::Keys::new(source.len())] {
            for member in members {
                keys.note(
                    super::ROOT,
                    member.key().as_str(),
                    member.key().span().start(),
                );
            }
            let mut previous = None;
            let visits: Vec<_> = members
                .iter()
                .map(|m| {
                    let visit = keys.visit(&mut previous, super::ROOT, m);
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
                    ("c", false, None),
                    ("b", true, Some((9, r#""b": 2, "#, false))),
                    ("b", false, Some((9, r#""b": {}, "#, true))),
                    ("d", false, None),
                ]
            );
        }
        // Another object's `a` is another key.
        let mut keys = super::Keys::new(64);
        keys.note(super::ROOT, "a", 1);
        keys.note(7, "a", 20);
        assert!(keys.again.is_empty());
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
