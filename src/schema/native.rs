//! The built-in validator: the embedded schema compiled once into a tree
//! that validates the span-carrying document directly, with no conversion
//! to `serde_json` and no JSON Pointer strings unless something is wrong.
//!
//! It supports exactly the keywords the embedded schema uses, with the
//! `jsonschema` crate's semantics (`tests/schema_differential.rs` holds the
//! two to the same findings); compiling a schema with any other keyword
//! fails, so an edit to the schema cannot be silently ignored.

use std::borrow::Cow;

use crate::json::{Value, ValueKind};

use super::pointer::Seg;
use super::problem::{Bounds, LastKeys, Problem, ProblemKind, Types};

/// One compiled schema object.
#[derive(Debug, Default)]
pub(crate) struct Node<'s> {
    types: Option<Types>,
    /// Sorted by name, for binary search.
    properties: Vec<(&'s str, Node<'s>)>,
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
                        node.properties.push((name.as_str(), Node::compile(sub)?));
                    }
                    node.properties.sort_by(|a, b| a.0.cmp(b.0));
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
                "items" => node.items = Some(Box::new(Node::compile(value)?)),
                k if ANNOTATIONS.contains(&k) => {}
                k => return Err(format!("keyword `{k}` is not supported")),
            }
        }
        Ok(node)
    }

    /// The property names, sorted.
    pub(crate) fn property_names(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.properties.iter().map(|(name, _)| *name)
    }

    /// The subschema of property `name`.
    pub(crate) fn property(&self, name: &str) -> Option<&Node<'s>> {
        self.properties
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .and_then(|i| self.properties.get(i))
            .map(|(_, node)| node)
    }

    /// Validates `value`, whose path is `path`, appending what is wrong.
    pub(crate) fn validate<'d, 'a>(
        &self,
        value: &'d Value<'a>,
        path: &mut Vec<Seg<'d>>,
        out: &mut Vec<Problem<'s, 'd, 'a>>,
    ) {
        if let Some(types) = self.types {
            if !types.accepts(value) {
                out.push(problem(
                    path,
                    ProblemKind::Type {
                        value,
                        expected: types,
                    },
                ));
            } else if let ValueKind::Number(n) = value.kind() {
                if !types.has(Types::NUMBER) && !n.is_integer() {
                    out.push(problem(path, ProblemKind::GoInteger { value }));
                }
            }
        }
        if let Some(options) = self.enumeration {
            if !options.iter().any(|o| super::problem::json_equal(value, o)) {
                out.push(problem(
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
            ValueKind::Number(n) => self.check_bounds(value, n.to_serde(), path, out),
            ValueKind::Object(members) => {
                for name in &self.required {
                    if value.member(name).is_none() {
                        out.push(problem(
                            path,
                            ProblemKind::Required {
                                object: value,
                                property: Cow::Borrowed(name),
                            },
                        ));
                    }
                }
                let last = LastKeys::new(members);
                for (index, member) in members.iter().enumerate() {
                    if !last.is_last(index) {
                        continue;
                    }
                    let key = member.key().as_str();
                    path.push(Seg::Key(key));
                    match self.property(key) {
                        Some(sub) => sub.validate(member.value(), path, out),
                        None if self.closed => out.push(problem(
                            path,
                            ProblemKind::Unexpected {
                                keyword: "additionalProperties",
                                object: value,
                                index,
                                known: self.property_names().collect(),
                            },
                        )),
                        None => {}
                    }
                    path.pop();
                }
            }
            ValueKind::Array(items) => {
                if let Some(sub) = &self.items {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        sub.validate(item, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    fn check_bounds<'d, 'a>(
        &self,
        value: &'d Value<'a>,
        number: serde_json::Number,
        path: &[Seg<'d>],
        out: &mut Vec<Problem<'s, 'd, 'a>>,
    ) {
        if self.minimum.is_none() && self.maximum.is_none() {
            return;
        }
        let bounds = Bounds {
            minimum: self.minimum,
            maximum: self.maximum,
            ..Bounds::default()
        };
        let n = number.as_f64().unwrap_or(f64::NAN);
        if self.minimum.is_some_and(|min| n < min) {
            out.push(problem(
                path,
                ProblemKind::Range {
                    keyword: "minimum",
                    value,
                    bounds,
                },
            ));
        }
        if self.maximum.is_some_and(|max| n > max) {
            out.push(problem(
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

fn problem<'s, 'd, 'a>(path: &[Seg<'d>], kind: ProblemKind<'s, 'd, 'a>) -> Problem<'s, 'd, 'a> {
    Problem {
        path: path.to_vec(),
        kind,
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
        node.validate(&doc, &mut Vec::new(), &mut out);
        out.iter()
            .map(|p| (to_pointer(&p.path), p.keyword().map(str::to_string)))
            .collect()
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
