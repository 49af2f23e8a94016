//! The first parse: the syntax, the skeleton, and the keys.

use std::borrow::Cow;

use super::keys::Keys;
use super::Container;
use crate::json::{self, Key, Member, Opening, Value, ValueKind};
use crate::rules;
use crate::span::Span;

/// What the first parse gathers of a container open at `depth`, the
/// value of the member whose key starts at `address` and whose bracket is
/// at `bracket` (the root's: `ROOT`, both).
pub(super) struct Gathering<'a> {
    depth: usize,
    address: usize,
    bracket: usize,
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
        bracket: usize,
        renamed: &'static [crate::fields::RenamedValue],
    ) -> Gathering<'a> {
        Gathering {
            depth,
            address,
            bracket,
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
    pub(super) keys: Keys<'a>,
    /// What is gathered of the open containers, the root's first.
    pub(super) open: Vec<Gathering<'a>>,
    /// The containers read, but the root.
    pub(super) found: Vec<Container<'a>>,
}

impl<'a> json::Stream<'a> for Survey<'a> {
    fn opens(&mut self, path: &[Cow<'_, str>], key: &str, at: usize, bracket: usize) -> Opening {
        // Every container kept is a field's, in a handed object: the
        // first check is for safety.
        let field = rules::field_at(path, key);
        match field {
            Some(field) if self.open.last().is_some_and(|g| g.depth == path.len()) => {
                let renamed = field.renamed_values();
                self.open
                    .push(Gathering::new(path.len() + 1, at, bracket, renamed));
                Opening::Handed
            }
            _ => Opening::Pruned,
        }
    }

    fn prunes_elements(&self) -> bool {
        true
    }

    fn takes_pruned_keys(&self) -> bool {
        true
    }

    fn pruned_key(&mut self, object: usize, key: &Key<'a>, _: bool, _: &json::PrunedPath<'_, 'a>) {
        self.keys.note(object, key.as_str(), key.span().start());
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
        self.keys.note(gathering.bracket, member.key().as_str(), at);
        let key = member.key().as_str();
        let kept = if depth == 0 {
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
