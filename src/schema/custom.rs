//! User-supplied schemas: a JSON Schema or an OpenAPI 3 document, compiled
//! once with the `jsonschema` crate, never fetching anything.

use std::borrow::Cow;
use std::collections::HashSet;
use std::rc::Rc;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::Value as J;

use crate::json::Value;

use super::native::Sink;
use super::pointer::{self, push_token, Seg};
use super::problem::{Bounds, Problem, ProblemKind, Types};
use super::SchemaError;

mod windows;

/// A compiled custom schema and the document it was compiled from.
pub(crate) struct Custom {
    /// The schema as compiled: for an OpenAPI document, the request body
    /// schema with the document's `components` beside it.
    root: J,
    validator: Validator,
    /// Whether it judges a large body a window at a time as it judges it
    /// whole: see [`windows`].
    judges_windows: bool,
}

/// The path suffix of the operation whose request body is the schema.
const OPERATION_PATH: &str = "/access/organizations";

/// Keywords whose values are data, not schemas: a `$ref` inside them is not
/// a reference.
const DATA_KEYWORDS: &[&str] = &["enum", "const", "default", "example", "examples"];

impl Custom {
    pub(crate) fn load(text: &str) -> Result<Custom, SchemaError> {
        let document: J = serde_json::from_str(text)
            .map_err(|e| SchemaError::new(format!("the schema is not valid JSON: {e}")))?;
        let (root, base, draft) = match document.get("openapi") {
            Some(version) => openapi_body_schema(&document, version)?,
            None => (document, String::new(), None),
        };
        check_refs(&root, &base)?;
        let mut options = jsonschema::options().offline();
        if let Some(draft) = draft {
            options = options.with_draft(draft);
        }
        let validator = options
            .build(&root)
            .map_err(|e| SchemaError::new(format!("the schema is invalid: {e}")))?;
        let judges_windows = windows::judges_windows(&root);
        Ok(Custom {
            root,
            validator,
            judges_windows,
        })
    }

    pub(crate) fn judges_windows(&self) -> bool {
        self.judges_windows
    }

    pub(crate) fn as_json(&self) -> &J {
        &self.root
    }

    /// Validates the document with the `jsonschema` crate, locates each
    /// error in the span-carrying tree, and hands the problems to `sink` in
    /// source order, a value's type problem before its others.
    ///
    /// The arrays of `items_from` hold some of their elements (see
    /// [`crate::rules::Context::items_from`]): paths index the whole
    /// document's.
    pub(crate) fn validate<'s, 'd, 'a>(
        &'s self,
        root: &'d Value<'a>,
        items_from: &[(usize, Vec<usize>)],
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        let instance = root.to_serde();
        let mut found = Vec::new();
        let mut keys = pointer::KeyIndex::default();
        for error in self.validator.iter_errors(&instance) {
            self.locate(root, &error, &mut keys, items_from, &mut found);
        }
        found.sort_by_key(|(_, kind)| (kind.span().start(), kind.rank()));
        for (path, kind) in found {
            sink(&Problem { path: &path, kind });
        }
    }

    fn locate<'s, 'd, 'a>(
        &'s self,
        root: &'d Value<'a>,
        error: &ValidationError<'_>,
        keys: &mut pointer::KeyIndex<'d, 'a>,
        items_from: &[(usize, Vec<usize>)],
        out: &mut Vec<(Vec<Seg<'d>>, ProblemKind<'s, 'd, 'a>)>,
    ) {
        let tokens = pointer::tokens(error.instance_path().as_str()).unwrap_or_default();
        let Some((path, value)) = pointer::resolve(root, &tokens, keys, items_from) else {
            return;
        };
        let kind = match error.kind() {
            ValidationErrorKind::Type { kind } => ProblemKind::Type {
                value,
                expected: types_of(kind),
            },
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let keyword = if matches!(
                    error.kind(),
                    ValidationErrorKind::AdditionalProperties { .. }
                ) {
                    "additionalProperties"
                } else {
                    "unevaluatedProperties"
                };
                let known = self.known_properties(error.schema_path().as_str());
                let indices = unexpected.iter().filter_map(|name| keys.last(value, name));
                push_unexpected(out, &path, value, keyword, &known, indices);
                return;
            }
            // `additionalProperties: false` with no `properties` beside it
            // comes as one false-schema error on the object: every member
            // is unexpected.
            ValidationErrorKind::FalseSchema
                if self.closes_every_property(error.schema_path().as_str()) =>
            {
                let members = value.as_object().unwrap_or_default();
                // The last of duplicate keys, once.
                let indices = (0..members.len())
                    .filter(|&i| keys.last(value, members[i].key().as_str()) == Some(i));
                let none: Rc<[&str]> = Rc::from([]);
                push_unexpected(out, &path, value, "additionalProperties", &none, indices);
                return;
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default().to_string();
                out.push((
                    path,
                    ProblemKind::Required {
                        object: value,
                        property: Cow::Owned(name),
                    },
                ));
                return;
            }
            ValidationErrorKind::Enum { options } => ProblemKind::Enum {
                keyword: "enum",
                value,
                options: Cow::Owned(options.as_array().cloned().unwrap_or_default()),
            },
            ValidationErrorKind::Constant { expected_value } => ProblemKind::Enum {
                keyword: "const",
                value,
                options: Cow::Owned(vec![J::clone(expected_value)]),
            },
            ValidationErrorKind::Minimum { limit } => range("minimum", value, limit),
            ValidationErrorKind::Maximum { limit } => range("maximum", value, limit),
            ValidationErrorKind::ExclusiveMinimum { limit } => {
                range("exclusiveMinimum", value, limit)
            }
            ValidationErrorKind::ExclusiveMaximum { limit } => {
                range("exclusiveMaximum", value, limit)
            }
            other => ProblemKind::Other {
                keyword: other.keyword().to_string(),
                value,
                message: error.to_string(),
            },
        };
        out.push((path, kind));
    }

    /// The property names of the schema object that holds the keyword at
    /// `schema_path`, following local `$ref`s on the way.
    fn known_properties(&self, schema_path: &str) -> Rc<[&str]> {
        self.holder(schema_path)
            .and_then(|node| node.get("properties"))
            .and_then(J::as_object)
            .map(|props| props.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether the keyword at `schema_path` is an `additionalProperties`
    /// that refuses every member: no `properties` or `patternProperties`
    /// beside it lets any through.
    fn closes_every_property(&self, schema_path: &str) -> bool {
        schema_path.ends_with("/additionalProperties")
            && self.holder(schema_path).is_some_and(|node| {
                node.get("properties").is_none() && node.get("patternProperties").is_none()
            })
    }

    /// The schema object that holds the keyword at `schema_path`, following
    /// local `$ref`s on the way.
    fn holder(&self, schema_path: &str) -> Option<&J> {
        let mut tokens = pointer::tokens(schema_path)?;
        tokens.pop();
        let mut node = &self.root;
        for token in &tokens {
            node = match node.get(token.as_str()) {
                Some(J::String(reference)) if token == "$ref" => {
                    resolve_local(&self.root, reference)?
                }
                Some(next) => next,
                None => token.parse::<usize>().ok().and_then(|i| node.get(i))?,
            };
        }
        Some(node)
    }
}

/// One unexpected-property problem for each member of `object` at
/// `indices`.
fn push_unexpected<'s, 'd, 'a>(
    out: &mut Vec<(Vec<Seg<'d>>, ProblemKind<'s, 'd, 'a>)>,
    path: &[Seg<'d>],
    object: &'d Value<'a>,
    keyword: &'static str,
    known: &Rc<[&'s str]>,
    indices: impl Iterator<Item = usize>,
) {
    let members = object.as_object().unwrap_or_default();
    for index in indices {
        let mut member_path = path.to_vec();
        if let Some(m) = members.get(index) {
            member_path.push(Seg::Key(m.key().as_str()));
        }
        out.push((
            member_path,
            ProblemKind::Unexpected {
                keyword,
                object,
                index,
                known: Rc::clone(known),
            },
        ));
    }
}

fn range<'s, 'd, 'a>(
    keyword: &'static str,
    value: &'d Value<'a>,
    limit: &J,
) -> ProblemKind<'s, 'd, 'a> {
    let limit = limit.as_f64();
    let mut bounds = Bounds::default();
    match keyword {
        "minimum" => bounds.minimum = limit,
        "maximum" => bounds.maximum = limit,
        "exclusiveMinimum" => bounds.exclusive_minimum = limit,
        _ => bounds.exclusive_maximum = limit,
    }
    ProblemKind::Range {
        keyword,
        value,
        bounds,
    }
}

fn types_of(kind: &TypeKind) -> Types {
    let names: Vec<&str> = match kind {
        TypeKind::Single(t) => vec![t.as_str()],
        TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
    };
    names
        .into_iter()
        .filter_map(Types::from_name)
        .fold(Types::default(), Types::with)
}

/// Finds the request body schema of the `PUT` on a path that ends in
/// `/access/organizations`, preferring the account-level path. Returns it
/// with the document's `components` beside it, so that `#/components/...`
/// references still resolve; its pointer in the document, for messages; and
/// the dialect: OpenAPI 3.0's schema objects are closest to draft 4, 3.1's
/// are draft 2020-12.
fn openapi_body_schema(
    document: &J,
    version: &J,
) -> Result<(J, String, Option<Draft>), SchemaError> {
    let version = version.as_str().unwrap_or_default();
    if !version.starts_with("3.") {
        return Err(SchemaError::new(format!(
            "unsupported OpenAPI version `{version}`: ztlint reads OpenAPI 3 documents"
        )));
    }
    let draft = if version.starts_with("3.0") {
        Draft::Draft4
    } else {
        Draft::Draft202012
    };
    let paths = document.get("paths").and_then(J::as_object);
    let candidates = || {
        paths
            .into_iter()
            .flatten()
            .filter(|(p, item)| p.ends_with(OPERATION_PATH) && item.get("put").is_some())
    };
    let (path, item) = candidates()
        .find(|(p, _)| p.starts_with("/accounts/"))
        .or_else(|| candidates().next())
        .ok_or_else(|| {
            SchemaError::new(format!(
                "the OpenAPI document has no `put` operation on a path ending in `{OPERATION_PATH}`"
            ))
        })?;
    let mut base = String::from("/paths");
    push_token(&mut base, path);
    base.push_str("/put/requestBody");
    let mut body = item.get("put").and_then(|put| put.get("requestBody"));
    // A request body may itself be a reference to `#/components/requestBodies`.
    for _ in 0..8 {
        match body.and_then(|b| b.get("$ref")).and_then(J::as_str) {
            Some(reference) => {
                body = resolve_local(document, reference);
                base = reference.trim_start_matches('#').to_string();
            }
            None => break,
        }
    }
    let schema = body
        .and_then(|b| b.get("content"))
        .and_then(|c| c.get("application/json"))
        .and_then(|m| m.get("schema"))
        .ok_or_else(|| {
            SchemaError::new(format!(
                "`put {path}` has no `application/json` request body schema"
            ))
        })?;
    base.push_str("/content/application~1json/schema");
    let mut root = match schema {
        J::Object(map) => map.clone(),
        _ => {
            return Err(SchemaError::new(format!(
                "the request body schema of `put {path}` is not a schema object"
            )))
        }
    };
    if let Some(components) = document.get("components") {
        root.entry("components")
            .or_insert_with(|| components.clone());
    }
    Ok((J::Object(root), base, Some(draft)))
}

/// Rejects every reference that is not local, and every local one that
/// points nowhere, before the `jsonschema` crate sees the schema. Walks what
/// is reachable from the root (not the `components` of an OpenAPI document
/// wholesale), so unrelated parts of a large document do not matter.
fn check_refs(root: &J, base: &str) -> Result<(), SchemaError> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut work: Vec<(String, &J)> = Vec::new();
    match root {
        J::Object(map) => {
            for (k, v) in map {
                if k != "components" && !DATA_KEYWORDS.contains(&k.as_str()) {
                    let mut at = base.to_string();
                    push_token(&mut at, k);
                    work.push((at, v));
                }
            }
            check_ref_here(root, base, root, &mut seen, &mut work)?;
        }
        other => work.push((base.to_string(), other)),
    }
    while let Some((at, node)) = work.pop() {
        match node {
            J::Object(map) => {
                check_ref_here(root, &at, node, &mut seen, &mut work)?;
                for (k, v) in map {
                    if !DATA_KEYWORDS.contains(&k.as_str()) {
                        let mut child = at.clone();
                        push_token(&mut child, k);
                        work.push((child, v));
                    }
                }
            }
            J::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    work.push((format!("{at}/{i}"), v));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_ref_here<'r>(
    root: &'r J,
    at: &str,
    node: &J,
    seen: &mut HashSet<String>,
    work: &mut Vec<(String, &'r J)>,
) -> Result<(), SchemaError> {
    for keyword in ["$ref", "$dynamicRef", "$recursiveRef"] {
        let Some(reference) = node.get(keyword).and_then(J::as_str) else {
            continue;
        };
        let shown = if at.is_empty() { "/" } else { at };
        if !reference.starts_with('#') {
            return Err(SchemaError::new(format!(
                "`{keyword}` `{reference}` at `{shown}` points outside the schema; \
                 ztlint never fetches schemas, so inline it or move it under `$defs`"
            )));
        }
        if reference.starts_with("#/") || reference == "#" {
            let target = resolve_local(root, reference).ok_or_else(|| {
                SchemaError::new(format!(
                    "`{keyword}` `{reference}` at `{shown}` does not resolve within the schema"
                ))
            })?;
            if seen.insert(reference.to_string()) {
                work.push((reference.trim_start_matches('#').to_string(), target));
            }
        }
    }
    Ok(())
}

/// Resolves `#/a/b` (percent-encoded, as URI fragments are) in `root`.
fn resolve_local<'r>(root: &'r J, reference: &str) -> Option<&'r J> {
    let fragment = reference.strip_prefix('#')?;
    root.pointer(&percent_decode(fragment)?)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
