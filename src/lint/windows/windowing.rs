//! The second parse: the other children, gathered in windows, each linted
//! with the skeleton.

use std::borrow::Cow;
use std::collections::hash_map::HashMap;
use std::collections::VecDeque;

use super::keys::{repeated, Keys};
use super::{container_mut, container_of, inside, keys_on, merge_by_start, Container, Skeleton};
use crate::diagnostic::Diagnostic;
use crate::json::{self, Key, Member, Opening, Value, ValueKind};
use crate::lint::Linter;
use crate::rules::{self, Context};
use crate::schema::pointer::Seg;
use crate::span::Span;

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
pub(super) struct Windows<'l, 'a, 'e> {
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
    keys: Keys<'a>,
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
    /// Whether the pruned value read now has a key that may be repeated:
    /// then it is read again, once handed, for its repeats.
    interior: bool,
    each: &'e mut dyn FnMut(Diagnostic),
}

/// A step to a child whose value is pruned: its container's keys, then
/// its own key or index.
enum Step<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

impl<'l, 'a, 'e> Windows<'l, 'a, 'e> {
    /// The second parse of `source` for `linter`, in windows of `size`
    /// children, over the first's `skeleton`; `before` are the findings
    /// made before the parse, and the findings go to `each`.
    pub(super) fn new(
        linter: &'l Linter,
        source: &'a str,
        skeleton: Skeleton<'a>,
        size: usize,
        before: Vec<Diagnostic>,
        each: &'e mut dyn FnMut(Diagnostic),
    ) -> Windows<'l, 'a, 'e> {
        let Skeleton {
            root: skeleton,
            containers,
            keys,
        } = skeleton;
        let disabled = linter.disabled();
        Windows {
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
            interior: false,
            each,
        }
    }
}

impl<'a> json::Stream<'a> for Windows<'_, 'a, '_> {
    fn opens(&mut self, _: &[Cow<'_, str>], _: &str, at: usize, _: usize) -> Opening {
        match self.by_address.get(&at) {
            Some(&c) if c != 0 => {
                self.open.push(c);
                Opening::Handed
            }
            // An earlier copy of a field, whose insides no rule reads.
            _ => Opening::Pruned,
        }
    }

    fn element(&mut self, path: &[Cow<'a, str>], value: Value<'a>) {
        let Some(&c) = self.open.last() else {
            return;
        };
        self.note(c);
        let Some(container) = self.containers.get_mut(c) else {
            return;
        };
        let index = container.next;
        container.next += 1;
        let span = value.span();
        self.spans.push(span);
        self.window.push((c, Child::Element(index, value)));
        if std::mem::take(&mut self.interior) {
            self.read_interior(path, Step::Index(index), span);
        }
        self.fill(span.end());
    }

    fn takes_members(&self) -> bool {
        true
    }

    fn prunes_elements(&self) -> bool {
        true
    }

    fn takes_pruned_keys(&self) -> bool {
        true
    }

    fn pruned_key(&mut self, object: usize, key: &Key<'a>, _: bool, _: &json::PrunedPath<'_, 'a>) {
        if self.repeats && !self.interior {
            self.interior = self.keys.may_repeat(object, key.as_str());
        }
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
            self.visit(c, path, &member)
        };
        let Some(container) = self.containers.get(c) else {
            return;
        };
        let interior = std::mem::take(&mut self.interior).then(|| {
            (
                Step::Key(member.key().text().clone()),
                member.value().span(),
            )
        });
        let end = member.span().end();
        if container.kept.binary_search(&at).is_ok() {
            if let Some((key, value)) = interior {
                self.read_interior(path, key, value);
            }
            return;
        }
        // An earlier copy of a key the rules ignore, whose value none reads,
        // has no finding but its repeat. (That of a skeleton key stays: its
        // last copy, in the skeleton, shadows it in the window too.)
        if shadowed && !self.is_skeleton_key(c, member.key().as_str()) {
            if c == 0 {
                self.placeholder = Some(member);
            }
        } else {
            self.spans.push(member.span());
            self.window.push((c, Child::Member(member)));
        }
        if let Some((key, value)) = interior {
            self.read_interior(path, key, value);
        }
        self.fill(end);
    }
}

/// The second parse's reading again of a pruned value, for the repeated
/// keys in it.
struct Interior<'w, 'l, 'a, 'e> {
    windows: &'w mut Windows<'l, 'a, 'e>,
    place: Vec<Step<'a>>,
}

impl<'a> json::Stream<'a> for Interior<'_, '_, 'a, '_> {
    fn opens(&mut self, _: &[Cow<'_, str>], _: &str, _: usize, _: usize) -> Opening {
        Opening::Pruned
    }

    fn element(&mut self, _: &[Cow<'a, str>], _: Value<'a>) {}

    fn takes_pruned_keys(&self) -> bool {
        true
    }

    fn pruned_key(
        &mut self,
        object: usize,
        key: &Key<'a>,
        is_object: bool,
        path: &json::PrunedPath<'_, 'a>,
    ) {
        let windows = &mut *self.windows;
        let Some(repeat) = windows.keys.visit(object, key, is_object).repeat else {
            return;
        };
        let mut segs: Vec<Seg<'_>> = self
            .place
            .iter()
            .map(|step| match step {
                Step::Key(key) => Seg::Key(key),
                Step::Index(index) => Seg::Index(*index),
            })
            .collect();
        segs.extend(path.steps().into_iter().map(|step| match step {
            json::Step::Key(key) => Seg::Key(key),
            json::Step::Index(index) => Seg::Index(index),
        }));
        windows
            .pending
            .push(repeated(windows.source, segs, key, is_object, repeat));
        windows.fill(key.span().end());
    }
}

impl<'l, 'a, 'e> Windows<'l, 'a, 'e> {
    /// Notes `member` in the keys of container `c`, whose path is `path`,
    /// keeping its repeat; whether a later member has its key.
    fn visit<S: AsRef<str>>(&mut self, c: usize, path: &[S], member: &Member<'_>) -> bool {
        let Some(address) = self.containers.get(c).map(Container::keys_address) else {
            return false;
        };
        let is_object = member.value().as_object().is_some();
        let visit = self.keys.visit(address, member.key(), is_object);
        if let Some(repeat) = visit.repeat.filter(|_| self.repeats) {
            let segs = path.iter().map(|k| Seg::Key(k.as_ref())).collect();
            self.pending
                .push(repeated(self.source, segs, member.key(), is_object, repeat));
        }
        visit.shadowed
    }

    /// Once a child whose pruned value, at `value`, may have a repeated key
    /// in it is placed (its container's keys `path`, its own key or index
    /// `step`): reads the value again, finding its repeats. They come after
    /// the child's own findings, so that the window may be linted as they
    /// fill it. `interior` says which child.
    fn read_interior(&mut self, path: &[Cow<'a, str>], step: Step<'a>, value: Span) {
        let mut place: Vec<Step<'a>> = path.iter().cloned().map(Step::Key).collect();
        place.push(step);
        let source = self.source;
        let mut interior = Interior {
            windows: self,
            place,
        };
        // The first parse found no error in it.
        let _ = json::read_pruned_value(source, value.start(), Some(&mut interior));
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
    pub(super) fn finish(&mut self) {
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
        if let Some(schema) = &self.linter.schema {
            cx = cx.with_schema(schema);
        }
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
                .is_some_and(|c| crate::lint::position(c) <= crate::lint::position(&diagnostic))
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
