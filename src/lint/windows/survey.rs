//! The first parse: the syntax, the skeleton, and the keys.

use std::borrow::Cow;

use super::keys::Keys;
use super::Container;
use crate::json::{self, Member, Value, ValueKind};
use crate::rules::{self, structure};
use crate::span::Span;

/// What the first parse gathers of a container open at `depth`, the
/// value of the member whose key starts at `address`.
pub(super) struct Gathering<'a> {
    depth: usize,
    address: usize,
    /// An object's last member of each field (the root's: of each key a
    /// rule reads).
    pub(super) kept: Vec<Member<'a>>,
    /// An array's first element, and the first of each new name of its
    /// field's renamed values, with their indices.
    representatives: Vec<(usize, Value<'a>)>,
    count: usize,
    /// An array's field's renamed values, looked up once.
    renamed: &'static [crate::fields::RenamedValue],
}

impl<'a> Gathering<'a> {
    pub(super) fn new(
        depth: usize,
        address: usize,
        renamed: &'static [crate::fields::RenamedValue],
    ) -> Gathering<'a> {
        Gathering {
            depth,
            address,
            kept: Vec::new(),
            representatives: Vec::new(),
            count: 0,
            renamed,
        }
    }

    /// The skeleton's members of an object, and what the second parse
    /// needs of it, at `way`, whose span is `span`.
    pub(super) fn into_container(
        mut self,
        way: Vec<usize>,
        span: Span,
    ) -> (Vec<Member<'a>>, Container<'a>) {
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
pub(super) struct Survey<'a> {
    pub(super) keys: Keys,
    /// What is gathered of the open containers, the root's first.
    pub(super) open: Vec<Gathering<'a>>,
    /// The containers read, but the root.
    pub(super) found: Vec<Container<'a>>,
    /// Whether the value of an envelope key has a repeated key in it.
    pub(super) envelope_repeats: bool,
}

/// The field whose value, the member `key` of the object at `path`, is a
/// container the parses hand over, if it is one.
fn handed(path: &[Cow<'_, str>], key: &str) -> Option<&'static crate::fields::Field> {
    match path.first() {
        Some(top) if structure::is_envelope_key(top) => None,
        _ => rules::field_at(path, key),
    }
}

impl<'a> json::Stream<'a> for Survey<'a> {
    fn streams(&mut self, path: &[Cow<'_, str>], key: &str, at: usize) -> bool {
        if self.open.last().is_none_or(|g| g.depth != path.len()) {
            return false;
        }
        let Some(field) = handed(path, key) else {
            return false;
        };
        let renamed = field.renamed_values();
        self.open.push(Gathering::new(path.len() + 1, at, renamed));
        true
    }

    fn element(&mut self, _: &[Cow<'a, str>], value: Value<'a>) {
        let Some(gathering) = self.open.last_mut() else {
            return;
        };
        let index = gathering.count;
        gathering.count += 1;
        let renamed_to = value
            .as_str()
            .and_then(|text| gathering.renamed.iter().find(|r| r.to == text));
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
        if self
            .open
            .last()
            .is_some_and(|g| g.depth == depth + 1 && g.address == at)
        {
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
