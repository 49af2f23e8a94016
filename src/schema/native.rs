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

mod lookup;

use lookup::{tag, Lookup};

/// One compiled schema object.
#[derive(Debug, Default)]
pub(crate) struct Node<'s> {
    types: Option<Types>,
    /// The kinds of value (as [`Types::of`] gives them) that this node
    /// accepts with no check beyond their type: most properties only state a
    /// type, so their values are accepted with one mask test and no call.
    plain: Types,
    /// Sorted by name.
    properties: Vec<Property<'s>>,
    /// Finds a property by name, see [`Lookup`].
    lookup: Lookup,
    /// `additionalProperties: false`.
    closed: bool,
    required: Vec<&'s str>,
    enumeration: Option<&'s [serde_json::Value]>,
    /// The options of `enumeration` when all are strings, which a value
    /// equals only if it is a string with the same text: checked without
    /// the general JSON equality.
    string_options: Option<Vec<&'s str>>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    items: Option<Box<Node<'s>>>,
}

/// One entry of `properties`.
#[derive(Debug)]
struct Property<'s> {
    /// See [`tag`]: compared before the name, so that a miss rarely reads it.
    tag: u32,
    name: &'s str,
    node: Node<'s>,
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
                        node.properties.push(Property {
                            tag: tag(name),
                            name: name.as_str(),
                            node: Node::compile_at(sub, depth + 1)?,
                        });
                    }
                    node.properties.sort_by(|a, b| a.name.cmp(b.name));
                    node.lookup = Lookup::new(&node.properties);
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
        node.string_options = node
            .enumeration
            .and_then(|options| options.iter().map(serde_json::Value::as_str).collect());
        node.plain = node.plain_types();
        Ok(node)
    }

    /// The kinds of value no keyword but `type` applies to, among those the
    /// type accepts. Numbers count only as `number`, so an `integer` node
    /// always looks at its numbers.
    fn plain_types(&self) -> Types {
        if self.enumeration.is_some() {
            return Types::default();
        }
        let mut plain = self.types.unwrap_or(Types::ANY);
        if self.minimum.is_some() || self.maximum.is_some() {
            plain = plain.without(Types::NUMBER);
        }
        if !self.properties.is_empty() || self.closed || !self.required.is_empty() {
            plain = plain.without(Types::OBJECT);
        }
        if self.items.is_some() {
            plain = plain.without(Types::ARRAY);
        }
        plain
    }

    /// The property names, sorted.
    pub(crate) fn property_names(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.properties.iter().map(|p| p.name)
    }

    /// The subschema of property `name`.
    pub(crate) fn property(&self, name: &str) -> Option<&Node<'s>> {
        self.lookup
            .find(&self.properties, name)
            .and_then(|i| self.properties.get(i))
            .map(|p| &p.node)
    }

    /// Validates `value`, whose path is `path`, handing each problem to
    /// `sink` as it is found: a value's type problem before its others.
    #[inline]
    pub(crate) fn validate<'d, 'a>(
        &self,
        value: &'d Value<'a>,
        path: &mut Path<'d>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        // The usual case, a value of the right type with nothing else to
        // check, costs a mask test wherever this is inlined.
        if !self.plain.intersects(Types::of(value)) {
            self.validate_fully(value, path, sink);
        }
    }

    /// [`Node::validate`] past its fast path. Kept out of line so that the
    /// fast path stays small at each call site.
    #[inline(never)]
    fn validate_fully<'d, 'a>(
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
            let listed = match (&self.string_options, value.kind()) {
                (Some(strings), ValueKind::String(s)) => strings.iter().any(|o| o == s),
                (Some(_), _) => false,
                (None, _) => options.iter().any(|o| super::problem::json_equal(value, o)),
            };
            if !listed {
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
                        if sub.plain.intersects(Types::of(item)) {
                            continue;
                        }
                        path.push(Seg::Index(path.index(value, i)));
                        sub.validate_fully(item, path, sink);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// Validates the members of `object` against their properties, only the
    /// last of duplicate keys.
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
        if members.len() > SMALL || self.properties.len() > 64 {
            self.validate_many_members(object, members, path, sink);
            return;
        }
        // The usual object: each key a different property. One forward
        // pass accepts the members whose value needs no more than a type
        // test and keeps the others, in order, for after; any other key
        // (unknown or repeated) sends the whole object the careful way.
        // Nothing has been reported by then, so the order of problems is
        // the same either way.
        let mut pending = [(0u8, 0u8); SMALL];
        let mut count = 0;
        let mut seen: u64 = 0;
        let mut usual = true;
        for (index, member) in members.iter().enumerate() {
            let Some(p) = self.lookup.find(&self.properties, member.key().as_str()) else {
                usual = false;
                break;
            };
            let bit = 1u64 << (p & 63);
            if seen & bit != 0 {
                usual = false;
                break;
            }
            seen |= bit;
            let plain = self
                .properties
                .get(p)
                .is_some_and(|property| property.node.plain.intersects(Types::of(member.value())));
            if !plain {
                if let Some(slot) = pending.get_mut(count) {
                    *slot = (index as u8, p as u8);
                    count += 1;
                }
            }
        }
        if usual {
            for &(index, p) in pending.get(..count).unwrap_or_default() {
                let (Some(member), Some(property)) = (
                    members.get(usize::from(index)),
                    self.properties.get(usize::from(p)),
                ) else {
                    continue;
                };
                path.push(Seg::Key(member.key().as_str()));
                property.node.validate_fully(member.value(), path, sink);
                path.pop();
            }
            return;
        }
        let targets = self.member_targets(members);
        for ((index, member), target) in members.iter().enumerate().zip(targets) {
            match target {
                SHADOWED => {}
                UNKNOWN => self.unexpected(object, index, member, path, sink),
                property => {
                    let Some(property) = self.properties.get(usize::from(property)) else {
                        continue;
                    };
                    let value = member.value();
                    if property.node.plain.intersects(Types::of(value)) {
                        continue;
                    }
                    path.push(Seg::Key(member.key().as_str()));
                    property.node.validate_fully(value, path, sink);
                    path.pop();
                }
            }
        }
    }

    /// What each member of a small object validates against: the index of
    /// its property, [`UNKNOWN`], or [`SHADOWED`] for all but the last of
    /// duplicate keys. One backwards pass with a bit set of the properties
    /// already seen, so that no key is compared with another key.
    fn member_targets(&self, members: &[Member<'_>]) -> [u8; SMALL] {
        let mut targets = [SHADOWED; SMALL];
        let mut seen: u64 = 0;
        for (index, member) in members.iter().enumerate().rev() {
            let key = member.key().as_str();
            let target = match self.lookup.find(&self.properties, key) {
                Some(p) => {
                    let bit = 1u64 << (p & 63);
                    if seen & bit != 0 {
                        SHADOWED
                    } else {
                        seen |= bit;
                        p as u8
                    }
                }
                // Unknown keys are rare: compare them with the later keys.
                None if members
                    .get(index + 1..)
                    .is_some_and(|later| later.iter().any(|m| m.key().as_str() == key)) =>
                {
                    SHADOWED
                }
                None => UNKNOWN,
            };
            if let Some(slot) = targets.get_mut(index) {
                *slot = target;
            }
        }
        targets
    }

    /// [`Node::validate_members`] for objects too large for a bit set or a
    /// table on the stack: a map finds the last of duplicate keys.
    #[inline(never)]
    fn validate_many_members<'d, 'a>(
        &self,
        object: &'d Value<'a>,
        members: &'d [Member<'a>],
        path: &mut Path<'d>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        let last = LastKeys::new(members);
        for (index, member) in members.iter().enumerate() {
            if !last.is_last(index) {
                continue;
            }
            match self.property(member.key().as_str()) {
                Some(sub) => {
                    path.push(Seg::Key(member.key().as_str()));
                    sub.validate(member.value(), path, sink);
                    path.pop();
                }
                None => self.unexpected(object, index, member, path, sink),
            }
        }
    }

    /// Reports `member`, which no property describes, if the object is
    /// closed.
    fn unexpected<'d, 'a>(
        &self,
        object: &'d Value<'a>,
        index: usize,
        member: &'d Member<'a>,
        path: &mut Path<'d>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        if !self.closed {
            return;
        }
        path.push(Seg::Key(member.key().as_str()));
        sink(&problem(
            path,
            ProblemKind::Unexpected {
                keyword: "additionalProperties",
                object,
                index,
                known: self.property_names().collect(),
            },
        ));
        path.pop();
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
        // An integer in range needs no detour through serde_json: it
        // converts to the same `f64`.
        let n = match number.as_i64() {
            Some(i) => i as f64,
            None => number.to_serde().as_f64().unwrap_or(f64::NAN),
        };
        let bounds = Bounds {
            minimum: self.minimum,
            maximum: self.maximum,
            ..Bounds::default()
        };
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

/// A member whose key no property has.
const UNKNOWN: u8 = u8::MAX - 1;

/// A member that a later member with the same key overrides.
const SHADOWED: u8 = u8::MAX;

fn problem<'p, 's, 'd, 'a>(
    path: &'p Path<'d>,
    kind: ProblemKind<'s, 'd, 'a>,
) -> Problem<'p, 's, 'd, 'a> {
    Problem {
        path: path.as_slice(),
        kind,
    }
}

/// The index in the whole document of element `i` of the array that
/// starts at `start`, by `items_from`: the arrays that hold some of their
/// elements, each with the indices of those it holds.
pub(crate) fn element_index(items_from: &[(usize, Vec<usize>)], start: usize, i: usize) -> usize {
    items_from
        .iter()
        .find(|(s, _)| *s == start)
        .and_then(|(_, indices)| indices.get(i).copied())
        .unwrap_or(i)
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
    /// The arrays that hold some of their elements: see
    /// [`crate::rules::Context::items_from`].
    items_from: Vec<(usize, Vec<usize>)>,
}

impl<'d> Path<'d> {
    pub(crate) fn new(items_from: &[(usize, Vec<usize>)]) -> Path<'d> {
        Path {
            segs: [Seg::Index(0); MAX_DEPTH],
            len: 0,
            items_from: items_from.to_vec(),
        }
    }

    /// The index of element `i` of the array `array`.
    fn index(&self, array: &Value<'_>, i: usize) -> usize {
        element_index(&self.items_from, array.span().start(), i)
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
        node.validate(&doc, &mut Path::new(&[]), &mut |p| {
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

    /// Every object node of every built-in profile, with its path.
    fn objects<'n, 's>(node: &'n Node<'s>, path: String, out: &mut Vec<(String, &'n Node<'s>)>) {
        if !node.properties.is_empty() {
            out.push((path.clone(), node));
        }
        for p in &node.properties {
            objects(&p.node, format!("{path}/{}", p.name), out);
        }
        if let Some(items) = &node.items {
            objects(items, format!("{path}/items"), out);
        }
    }

    #[test]
    fn the_builtin_schema_looks_properties_up_in_one_probe() {
        for (profile, json) in crate::Profile::ALL
            .iter()
            .zip(super::super::BUILTIN_JSON.iter())
        {
            let root = Node::compile(json).unwrap();
            let mut found = Vec::new();
            objects(&root, String::new(), &mut found);
            assert!(found.len() >= 2, "{profile}");
            for (path, node) in found {
                assert!(node.lookup.perfect, "{profile} {path}");
                for (i, p) in node.properties.iter().enumerate() {
                    assert_eq!(node.lookup.find(&node.properties, p.name), Some(i));
                }
                assert_eq!(node.lookup.find(&node.properties, "no_such_field"), None);
                assert_eq!(node.lookup.find(&node.properties, ""), None);
            }
        }
    }

    #[test]
    fn names_that_share_a_tag_are_probed_for() {
        // Same length, first, next-to-last and last byte: one tag, so no
        // perfect table.
        let schema = serde_json::json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "axyb": {"type": "string"},
                "ayyb": {"type": "integer"},
                "azyb": {"type": "boolean"}
            }
        });
        let node = Node::compile(&schema).unwrap();
        assert!(!node.lookup.perfect);
        for name in ["axyb", "ayyb", "azyb"] {
            assert!(node.property(name).is_some(), "{name}");
        }
        assert!(node.property("awyb").is_none());
        let found = findings(
            &schema,
            r#"{"azyb": 1, "axyb": "x", "ayyb": "y", "awyb": 2}"#,
        );
        assert_eq!(
            found,
            vec![
                ("/azyb".to_string(), Some("type".to_string())),
                ("/ayyb".to_string(), Some("type".to_string())),
                (
                    "/awyb".to_string(),
                    Some("additionalProperties".to_string())
                ),
            ]
        );
    }

    #[test]
    fn only_values_with_more_to_check_leave_the_fast_path() {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {
                "plain": {"type": "string"},
                "listed": {"type": "string", "enum": ["a"]},
                "bounded": {"type": ["integer", "string"], "minimum": 1}
            }
        });
        let node = Node::compile(&schema).unwrap();
        let plain = |name| node.property(name).unwrap().plain;
        assert_eq!(plain("plain"), Types::STRING);
        assert_eq!(plain("listed"), Types::default());
        assert_eq!(plain("bounded"), Types::STRING.with(Types::INTEGER));
        assert_eq!(node.plain, Types::default());
        let found = findings(&schema, r#"{"listed": "b", "bounded": 0, "plain": 1}"#);
        assert_eq!(
            found,
            vec![
                ("/listed".to_string(), Some("enum".to_string())),
                ("/bounded".to_string(), Some("minimum".to_string())),
                ("/plain".to_string(), Some("type".to_string())),
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
