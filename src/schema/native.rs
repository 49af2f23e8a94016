//! The built-in validator: the embedded schema compiled once into a tree
//! that validates the span-carrying document directly, with no conversion
//! to `serde_json` and no JSON Pointer strings unless something is wrong.
//!
//! It supports exactly the keywords the embedded schema uses, with the
//! `jsonschema` crate's semantics (`tests/schema_differential.rs` holds the
//! two to the same findings); compiling a schema with any other keyword
//! fails, so an edit to the schema cannot be silently ignored.

use std::borrow::Cow;

use crate::json::{Member, Number, Value, ValueKind};

use super::pointer::Seg;
use super::problem::{Bounds, LastKeys, Problem, ProblemKind, Types};

/// One compiled schema object.
#[derive(Debug, Default)]
pub(crate) struct Node<'s> {
    types: Option<Types>,
    /// Sorted by name. Each has a tag of its length and end bytes, so that a
    /// lookup compares integers and calls `memcmp` only on a likely match.
    properties: Vec<(u32, &'s str, Node<'s>)>,
    /// An open-addressing table of indexes into `properties` by a hash of
    /// their tags, at most half full: a lookup usually takes one probe and
    /// one string comparison. Free slots hold [`FREE`].
    slots: Vec<u32>,
    /// `additionalProperties: false`.
    closed: bool,
    required: Vec<&'s str>,
    enumeration: Option<&'s [serde_json::Value]>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    items: Option<Box<Node<'s>>>,
}

/// Keywords that only annotate and never fail validation.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "examples",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
];

impl<'s> Node<'s> {
    /// Compiles a schema that uses only the supported keywords.
    pub(crate) fn compile(schema: &'s serde_json::Value) -> Result<Node<'s>, String> {
        Node::compile_at(schema, 0)
    }

    fn compile_at(schema: &'s serde_json::Value, depth: usize) -> Result<Node<'s>, String> {
        if depth >= MAX_DEPTH {
            return Err(format!("schemas may nest at most {MAX_DEPTH} levels"));
        }
        let map = schema
            .as_object()
            .ok_or_else(|| "a schema must be an object".to_string())?;
        let mut node = Node::default();
        for (keyword, value) in map {
            match keyword.as_str() {
                "type" => node.types = Some(compile_types(value)?),
                "properties" => {
                    let props = value
                        .as_object()
                        .ok_or_else(|| "`properties` must be an object".to_string())?;
                    for (name, sub) in props {
                        node.properties.push((
                            tag(name),
                            name.as_str(),
                            Node::compile_at(sub, depth + 1)?,
                        ));
                    }
                    node.properties.sort_by(|a, b| a.1.cmp(b.1));
                    node.slots = slots(&node.properties);
                }
                "additionalProperties" => match value {
                    serde_json::Value::Bool(allowed) => node.closed = !allowed,
                    _ => return Err("only `additionalProperties: false` is supported".into()),
                },
                "required" => {
                    for name in value.as_array().into_iter().flatten() {
                        let name = name
                            .as_str()
                            .ok_or_else(|| "`required` lists strings".to_string())?;
                        node.required.push(name);
                    }
                }
                "enum" => {
                    node.enumeration = Some(
                        value
                            .as_array()
                            .ok_or_else(|| "`enum` must be an array".to_string())?,
                    );
                }
                "minimum" => node.minimum = value.as_f64(),
                "maximum" => node.maximum = value.as_f64(),
                "items" => node.items = Some(Box::new(Node::compile_at(value, depth + 1)?)),
                k if ANNOTATIONS.contains(&k) => {}
                k => return Err(format!("keyword `{k}` is not supported")),
            }
        }
        Ok(node)
    }

    /// The property names, sorted.
    pub(crate) fn property_names(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.properties.iter().map(|(_, name, _)| *name)
    }

    /// The subschema of property `name`.
    pub(crate) fn property(&self, name: &str) -> Option<&Node<'s>> {
        self.property_index(name)
            .and_then(|i| self.properties.get(i))
            .map(|(_, _, node)| node)
    }

    /// The index of property `name` in `properties`.
    fn property_index(&self, name: &str) -> Option<usize> {
        let wanted = tag(name);
        let mut slot = home_slot(wanted, self.slots.len());
        // Half the slots are free, so a probe ends at one well within this.
        for _ in 0..self.slots.len() {
            // A free slot indexes no property: the name is not one.
            let index = usize::try_from(*self.slots.get(slot)?).ok()?;
            let (t, n, _) = self.properties.get(index)?;
            if *t == wanted && *n == name {
                return Some(index);
            }
            slot = (slot + 1) % self.slots.len();
        }
        None
    }

    /// Validates `value`, whose path is `path`, handing each problem to
    /// `sink` as it is found: a value's type problem before its others.
    pub(crate) fn validate<'d, 'a>(
        &self,
        value: &'d Value<'a>,
        path: &mut Path<'d>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        if let Some(types) = self.types {
            if !types.accepts(value) {
                sink(&problem(
                    path,
                    ProblemKind::Type {
                        value,
                        expected: types,
                    },
                ));
            } else if let ValueKind::Number(n) = value.kind() {
                if !types.has(Types::NUMBER) && !n.is_integer() {
                    sink(&problem(path, ProblemKind::GoInteger { value }));
                }
            }
        }
        if let Some(options) = self.enumeration {
            if !options.iter().any(|o| super::problem::json_equal(value, o)) {
                sink(&problem(
                    path,
                    ProblemKind::Enum {
                        keyword: "enum",
                        value,
                        options: Cow::Borrowed(options),
                    },
                ));
            }
        }
        match value.kind() {
            ValueKind::Number(n) => self.check_bounds(value, *n, path, sink),
            ValueKind::Object(members) => self.validate_members(value, members, path, sink),
            ValueKind::Array(items) => {
                if let Some(sub) = &self.items {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        sub.validate(item, path, sink);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// Validates the members of `object` against their properties, only the
    /// last of duplicate keys. Kept out of [`Node::validate`], which runs for
    /// every value, so that a scalar's validation stays a small call.
    #[inline(never)]
    fn validate_members<'d, 'a>(
        &self,
        object: &'d Value<'a>,
        members: &'d [Member<'a>],
        path: &mut Path<'d>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        for name in &self.required {
            if object.member(name).is_none() {
                sink(&problem(
                    path,
                    ProblemKind::Required {
                        object,
                        property: Cow::Borrowed(name),
                    },
                ));
            }
        }
        let targets = self.member_targets(members);
        for (index, member) in members.iter().enumerate() {
            let target = match &targets {
                Targets::Small(found) => match found.get(index) {
                    Some(Target::Shadowed) | None => continue,
                    Some(Target::Property(p)) => {
                        self.properties.get(usize::from(*p)).map(|(_, _, n)| n)
                    }
                    Some(Target::Unknown) => None,
                },
                Targets::Large(last) => {
                    if !last.is_last(index) {
                        continue;
                    }
                    self.property(member.key().as_str())
                }
            };
            let key = member.key().as_str();
            path.push(Seg::Key(key));
            match target {
                Some(sub) => sub.validate(member.value(), path, sink),
                None if self.closed => sink(&problem(
                    path,
                    ProblemKind::Unexpected {
                        keyword: "additionalProperties",
                        object,
                        index,
                        known: self.property_names().collect(),
                    },
                )),
                None => {}
            }
            path.pop();
        }
    }

    /// What each member of an object validates against, skipping all but
    /// the last of duplicate keys. For the usual small object this is one
    /// backwards pass with a bit set of the properties already seen, so
    /// that no key is compared with another key.
    fn member_targets<'m, 'a>(&self, members: &'m [Member<'a>]) -> Targets<'m, 'a> {
        if members.len() > SMALL || self.properties.len() > 64 {
            return Targets::Large(LastKeys::new(members));
        }
        let mut found = [Target::Unknown; SMALL];
        let mut seen: u64 = 0;
        for (index, member) in members.iter().enumerate().rev() {
            let key = member.key().as_str();
            let property = self.property_index(key);
            let target = match property {
                Some(p) if seen & (1 << p) != 0 => Target::Shadowed,
                Some(p) => {
                    seen |= 1 << p;
                    Target::Property(p as u8)
                }
                // Unknown keys are rare: compare them with the later keys.
                None if members
                    .get(index + 1..)
                    .is_some_and(|later| later.iter().any(|m| m.key().as_str() == key)) =>
                {
                    Target::Shadowed
                }
                None => Target::Unknown,
            };
            if let Some(slot) = found.get_mut(index) {
                *slot = target;
            }
        }
        Targets::Small(found)
    }

    fn check_bounds<'d, 'a>(
        &self,
        value: &'d Value<'a>,
        number: Number<'_>,
        path: &Path<'d>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        if self.minimum.is_none() && self.maximum.is_none() {
            return;
        }
        let number = number.to_serde();
        let bounds = Bounds {
            minimum: self.minimum,
            maximum: self.maximum,
            ..Bounds::default()
        };
        let n = number.as_f64().unwrap_or(f64::NAN);
        if self.minimum.is_some_and(|min| n < min) {
            sink(&problem(
                path,
                ProblemKind::Range {
                    keyword: "minimum",
                    value,
                    bounds,
                },
            ));
        }
        if self.maximum.is_some_and(|max| n > max) {
            sink(&problem(
                path,
                ProblemKind::Range {
                    keyword: "maximum",
                    value,
                    bounds,
                },
            ));
        }
    }
}

/// Objects with at most this many members are handled without allocating.
const SMALL: usize = 32;

#[derive(Clone, Copy)]
enum Target {
    /// The index of the property in `Node::properties`.
    Property(u8),
    Unknown,
    /// A later member has the same key.
    Shadowed,
}

enum Targets<'m, 'a> {
    Small([Target; SMALL]),
    Large(LastKeys<'m, 'a>),
}

/// What a free slot of [`Node::slots`] holds.
const FREE: u32 = u32::MAX;

/// The lookup table for `properties`: twice as many slots as properties,
/// rounded up to a power of two, each property in the first free slot from
/// its home slot on.
fn slots(properties: &[(u32, &str, Node<'_>)]) -> Vec<u32> {
    let len = (properties.len() * 2).next_power_of_two();
    let mut slots = vec![FREE; len];
    for (index, (tag, _, _)) in properties.iter().enumerate() {
        let mut slot = home_slot(*tag, len);
        while slots.get(slot).is_some_and(|s| *s != FREE) {
            slot = (slot + 1) % len;
        }
        if let (Some(free), Ok(index)) = (slots.get_mut(slot), u32::try_from(index)) {
            *free = index;
        }
    }
    slots
}

/// Where the search for a property with `tag` starts in a table of `len`
/// slots: the tag hashed (Fibonacci hashing), scaled to the table.
fn home_slot(tag: u32, len: usize) -> usize {
    let hash = u64::from(tag.wrapping_mul(0x9E37_79B9));
    ((hash * len as u64) >> 32) as usize
}

/// A property name's length and first and last bytes, packed.
fn tag(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    ((name.len() as u32) << 16) | (u32::from(first) << 8) | u32::from(last)
}

fn problem<'p, 's, 'd, 'a>(
    path: &'p Path<'d>,
    kind: ProblemKind<'s, 'd, 'a>,
) -> Problem<'p, 's, 'd, 'a> {
    Problem {
        path: path.as_slice(),
        kind,
    }
}

/// Where found problems go.
pub(crate) type Sink<'f, 's, 'd, 'a> = dyn FnMut(&Problem<'_, 's, 'd, 'a>) + 'f;

/// The deepest path the built-in validator tracks; [`Node::compile`]
/// refuses deeper schemas, and the validator only descends where the
/// schema does.
const MAX_DEPTH: usize = 16;

/// The path to the value being validated, kept on the stack.
pub(crate) struct Path<'d> {
    segs: [Seg<'d>; MAX_DEPTH],
    len: usize,
}

impl<'d> Path<'d> {
    pub(crate) fn new() -> Path<'d> {
        Path {
            segs: [Seg::Index(0); MAX_DEPTH],
            len: 0,
        }
    }

    fn push(&mut self, seg: Seg<'d>) {
        if let Some(slot) = self.segs.get_mut(self.len) {
            *slot = seg;
            self.len += 1;
        }
    }

    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }

    fn as_slice(&self) -> &[Seg<'d>] {
        self.segs.get(..self.len).unwrap_or_default()
    }
}

fn compile_types(value: &serde_json::Value) -> Result<Types, String> {
    let names: Vec<&serde_json::Value> = match value {
        serde_json::Value::Array(items) => items.iter().collect(),
        single => vec![single],
    };
    names.into_iter().try_fold(Types::default(), |acc, name| {
        name.as_str()
            .and_then(Types::from_name)
            .map(|t| acc.with(t))
            .ok_or_else(|| format!("unknown type {name}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;
    use crate::schema::pointer::to_pointer;

    fn findings(schema: &serde_json::Value, src: &str) -> Vec<(String, Option<String>)> {
        let node = Node::compile(schema).unwrap();
        let doc = parse(src).unwrap();
        let mut out = Vec::new();
        node.validate(&doc, &mut Path::new(), &mut |p| {
            out.push((to_pointer(p.path), p.keyword().map(str::to_string)))
        });
        out
    }

    #[test]
    fn unsupported_keywords_fail_to_compile() {
        let schema = serde_json::json!({"type": "string", "pattern": "^a"});
        assert_eq!(
            Node::compile(&schema).unwrap_err(),
            "keyword `pattern` is not supported"
        );
        let schema = serde_json::json!({"additionalProperties": {"type": "string"}});
        assert_eq!(
            Node::compile(&schema).unwrap_err(),
            "only `additionalProperties: false` is supported"
        );
    }

    #[test]
    fn only_the_last_duplicate_is_validated() {
        let schema = serde_json::json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {"a": {"type": "integer", "minimum": 1}}
        });
        let found = findings(&schema, r#"{"a": "x", "a": 0, "b": 1, "b": 2}"#);
        assert_eq!(
            found,
            vec![
                ("/a".to_string(), Some("minimum".to_string())),
                ("/b".to_string(), Some("additionalProperties".to_string())),
            ]
        );
    }

    #[test]
    fn integers_follow_json_schema_and_go_is_reported_apart() {
        let schema = serde_json::json!({"type": "integer", "maximum": 365});
        assert_eq!(findings(&schema, "30.0"), vec![("".to_string(), None)]);
        assert_eq!(
            findings(&schema, "30.5"),
            vec![("".to_string(), Some("type".to_string()))]
        );
        assert_eq!(
            findings(&schema, "1e3"),
            vec![
                ("".to_string(), None),
                ("".to_string(), Some("maximum".to_string()))
            ]
        );
    }
}
