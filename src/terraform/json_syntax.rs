//! The JSON syntax of `.tf.json` and `.tfvars.json` files, read with
//! ztlint's own JSON parser, which keeps a byte span for every key and
//! value.
//!
//! In `.tf.json`, a string is a template: `"${var.NAME}"` is the variable,
//! `$${` an escaped `${`. A block's body may hold `"//"` properties, which
//! Terraform ignores as comments. Where the syntax takes a block, the value
//! may be one object or an array of them.

use std::borrow::Cow;

use super::expr::{Expr, ExprValue, Item, KeyForm, Reference, ReferenceKind, Syntax};
use super::resource::{BlockUse, Resource, ResourceBody};
use super::{number, ProviderVersion};
use crate::json::{self, Member, Value, ValueKind};
use crate::rules::structure::remove_member_edit;
use crate::span::Span;

/// The property Terraform ignores in a block body, as a comment.
pub(crate) const COMMENT_KEY: &str = "//";

/// A resource and the `"//"` comments of its body.
pub(crate) type Commented = (Resource, Vec<(Span, String)>);

/// The organization resources of a `.tf.json` document, and the `"//"`
/// comments of each one's body.
pub(crate) fn resources(root: &Value<'_>, source: &str) -> Vec<Commented> {
    let mut out = Vec::new();
    for kind in organization_kinds(root) {
        for (name, body) in labelled_values(kind.value()) {
            out.extend(resource(kind.key().as_str(), name, body, source));
        }
    }
    out
}

/// The members of a document's `resource` blocks whose keys are the
/// organization resource types.
fn organization_kinds<'v, 'a>(root: &'v Value<'a>) -> Vec<&'v Member<'a>> {
    blocks(root, "resource")
        .into_iter()
        .flat_map(labelled)
        .filter(|kind| ProviderVersion::of(kind.key().as_str()).is_some())
        .collect()
}

/// The resource of type `kind` labelled `name`, whose body is `body`.
fn resource(kind: &str, name: &Member<'_>, body: &Value<'_>, source: &str) -> Option<Commented> {
    let version = ProviderVersion::of(kind)?;
    let header = name.key().span();
    let address = format!("{kind}.{}", name.key().as_str());
    let whole = name.key().span().to(body.span());
    let (body, comments) = resource_body(body, version, source);
    Some((
        Resource {
            version,
            address,
            header,
            whole,
            body,
            syntax: Syntax::Json,
        },
        comments,
    ))
}

/// A large `.tf.json` document, read for what its resources are linted
/// with before they are read one at a time by [`each_resource`].
pub(crate) struct Apart {
    /// What the document defines.
    pub(crate) definitions: Vec<(Reference, Expr)>,
    /// Where the values of the organization resource types start, in
    /// order: the objects (or arrays of them) of their resources.
    kinds: Vec<usize>,
}

/// Reads the `.tf.json` document `source` without a tree of its resources:
/// what it defines, and where the resources a whole reading reads are. The
/// error when it is not JSON.
pub(crate) fn read_apart(source: &str) -> Result<Apart, json::Error> {
    // The resource types' values are read for syntax only.
    let keeps = |path: &[Cow<'_, str>], key: &str| match path {
        [] => matches!(key, "resource" | "variable" | "locals"),
        [block] => block != "resource",
        _ => true,
    };
    let root = json::parse_reading(source, keeps)?;
    Ok(Apart {
        definitions: definitions(&root, source),
        kinds: organization_kinds(&root)
            .iter()
            .map(|kind| kind.value().span().start())
            .collect(),
    })
}

impl Apart {
    /// Whether the document has an organization resource type's value.
    #[cfg(test)]
    pub(crate) fn has_resources(&self) -> bool {
        !self.kinds.is_empty()
    }
}

/// Hands `each` the organization resources of the `.tf.json` document
/// `source`, which [`read_apart`] read as `apart`, as each is read: a
/// document of many resources holds one at a time.
pub(crate) fn each_resource(source: &str, apart: &Apart, each: &mut dyn FnMut(Commented)) {
    /// The values of the resource types at `kinds` are handed over, a
    /// label (or an object of labels) at a time.
    struct Kinds<'k, 's> {
        kinds: &'k [usize],
        source: &'s str,
        each: &'k mut dyn FnMut(Commented),
    }
    impl<'a> json::Stream<'a> for Kinds<'_, '_> {
        fn opens(
            &mut self,
            path: &[Cow<'_, str>],
            _: &str,
            _: usize,
            bracket: usize,
        ) -> json::Opening {
            // Only where a whole reading reads resources: under `resource`
            // too are the objects of arrays in arrays, which it does not.
            let kind = path.len() == 1 && self.kinds.binary_search(&bracket).is_ok();
            if kind {
                json::Opening::Handed
            } else {
                json::Opening::Kept
            }
        }
        fn element(&mut self, path: &[Cow<'a, str>], labels: Value<'a>) {
            let (Some(kind), Some(members)) = (path.last(), labels.as_object()) else {
                return;
            };
            for name in members {
                self.member_of(kind, name);
            }
        }
        fn member(&mut self, path: &[Cow<'a, str>], name: Member<'a>) {
            if let Some(kind) = path.last() {
                self.member_of(kind, &name);
            }
        }
    }
    impl Kinds<'_, '_> {
        fn member_of(&mut self, kind: &str, name: &Member<'_>) {
            for body in objects(name.value()) {
                if let Some(read) = resource(kind, name, body, self.source) {
                    (self.each)(read);
                }
            }
        }
    }
    let keeps = |path: &[Cow<'_, str>], key: &str| match path {
        [] => key == "resource",
        [block] if block == "resource" => ProviderVersion::of(key).is_some(),
        _ => true,
    };
    let mut kinds = Kinds {
        kinds: &apart.kinds,
        source,
        each,
    };
    // The document parsed when `read_apart` read it.
    let _ = json::parse_handing(source, keeps, &mut kinds);
}

/// The objects under `key` of `root`: one object, or each of an array.
fn blocks<'v, 'a>(root: &'v Value<'a>, key: &str) -> Vec<&'v Value<'a>> {
    root.as_object()
        .unwrap_or_default()
        .iter()
        .filter(|m| m.key().as_str() == key)
        .flat_map(|m| objects(m.value()))
        .collect()
}

/// `value` if it is an object, or the objects of an array.
fn objects<'v, 'a>(value: &'v Value<'a>) -> Vec<&'v Value<'a>> {
    match value.kind() {
        ValueKind::Object(_) => vec![value],
        ValueKind::Array(items) => items.iter().filter(|v| v.as_object().is_some()).collect(),
        _ => Vec::new(),
    }
}

/// The members of every object of `value`: a level of labels.
fn labelled<'v, 'a>(value: &'v Value<'a>) -> Vec<&'v Member<'a>> {
    objects(value)
        .into_iter()
        .flat_map(|o| o.as_object().unwrap_or_default())
        .collect()
}

/// Each label's member, paired with each body object under it.
fn labelled_values<'v, 'a>(value: &'v Value<'a>) -> Vec<(&'v Member<'a>, &'v Value<'a>)> {
    labelled(value)
        .into_iter()
        .flat_map(|m| objects(m.value()).into_iter().map(move |body| (m, body)))
        .collect()
}

/// A resource's attributes and blocks, and its `"//"` comments.
fn resource_body(
    body: &Value<'_>,
    version: ProviderVersion,
    source: &str,
) -> (ResourceBody, Vec<(Span, String)>) {
    let mut out = ResourceBody::default();
    let mut comments = Vec::new();
    let members = body.as_object().unwrap_or_default();
    for (index, member) in members.iter().enumerate() {
        let key = member.key().as_str();
        let value = member.value();
        if key == COMMENT_KEY {
            if let Some(text) = value.as_str() {
                comments.push((member.key().span(), text.to_string()));
            }
            continue;
        }
        let v4_block = version == ProviderVersion::V4
            && matches!(key, "login_design" | "custom_pages")
            && (value.as_object().is_some() || value.as_array().is_some());
        if v4_block || matches!(key, "dynamic" | "lifecycle" | "provisioner" | "connection") {
            for block in objects(value) {
                out.blocks.push(block_use(member, block, source));
            }
            continue;
        }
        out.items
            .push(member_item(source, body, index, member, true));
    }
    (out, comments)
}

/// A block of `member`, whose body is `block`.
fn block_use(member: &Member<'_>, block: &Value<'_>, source: &str) -> BlockUse {
    let items = block
        .as_object()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, m)| m.key().as_str() != COMMENT_KEY)
        .map(|(index, m)| member_item(source, block, index, m, true))
        .collect();
    BlockUse {
        ident: member.key().as_str().to_string(),
        ident_span: member.key().span(),
        labels: Vec::new(),
        whole: member.span(),
        braces: block.span(),
        items,
        has_nested_blocks: false,
    }
}

/// Member `index` of `object` as an item; `template` says whether its
/// strings are templates.
fn member_item(
    source: &str,
    object: &Value<'_>,
    index: usize,
    member: &Member<'_>,
    template: bool,
) -> Item {
    Item {
        key: member.key().as_str().to_string(),
        key_span: member.key().span(),
        key_form: Some(KeyForm::Json),
        value: expr(member.value(), template, source),
        whole: Some(member.span()),
        removal: remove_member_edit(source, object, index).map(|edit| edit.span()),
    }
}

/// The value of `value`; with `template`, its strings are read as
/// Terraform templates.
pub(crate) fn expr(value: &Value<'_>, template: bool, source: &str) -> Expr {
    let span = value.span();
    let literal = |v| Expr::literal(v, span, Syntax::Json);
    match value.kind() {
        ValueKind::Null => literal(ExprValue::Null),
        ValueKind::Bool(b) => literal(ExprValue::Bool(*b)),
        ValueKind::Number(n) => match number::canonical(n.as_str()) {
            Some(text) => literal(ExprValue::Number(text)),
            None => Expr::fixed(ExprValue::Unknown, span),
        },
        ValueKind::String(s) if template => match template_value(s) {
            Some(value) => match value {
                ExprValue::Reference(_) => Expr::fixed(value, span),
                other => literal(other),
            },
            None => Expr::fixed(ExprValue::Unknown, span),
        },
        ValueKind::String(s) => literal(ExprValue::String(s.to_string())),
        ValueKind::Array(items) => literal(ExprValue::List(
            items
                .iter()
                .map(|item| expr(item, template, source))
                .collect(),
        )),
        ValueKind::Object(_) => literal(ExprValue::Object(
            value
                .as_object()
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(index, m)| member_item(source, value, index, m, template))
                .collect(),
        )),
    }
}

/// A template string's value: its text with `$${` and `%%{` unescaped, a
/// lone `${var.NAME}` or `${local.NAME}`, or `None` for anything that is
/// evaluated.
fn template_value(text: &str) -> Option<ExprValue> {
    if let Some(inner) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
        let inner = inner.trim();
        let (kind, name) = if let Some(name) = inner.strip_prefix("var.") {
            (ReferenceKind::Var, name)
        } else if let Some(name) = inner.strip_prefix("local.") {
            (ReferenceKind::Local, name)
        } else {
            return None;
        };
        let is_ident = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && !name.starts_with(|c: char| c.is_ascii_digit() || c == '-');
        return is_ident.then(|| {
            ExprValue::Reference(Reference {
                kind,
                name: name.to_string(),
            })
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['$', '%']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("$${") || tail.starts_with("%%{") {
            out.push_str(&tail[1..3]);
            rest = &tail[3..];
        } else if tail[1..].starts_with('{') {
            // An interpolation or a directive: evaluated.
            return None;
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Some(ExprValue::String(out))
}

/// Whether the lint of a `.tf.json` file reads the value of the member
/// `key` at `path`: the organization resources, the variables and the
/// locals. The rest of a large file is read for syntax only, and costs no
/// tree.
pub(crate) fn reads(path: &[Cow<'_, str>], key: &str) -> bool {
    match path {
        [] => matches!(key, "resource" | "variable" | "locals"),
        [block] if block == "resource" => ProviderVersion::of(key).is_some(),
        _ => true,
    }
}

/// What the `.tf.json` file `source` defines, as [`definitions`] reads
/// it; nothing when it is not JSON.
pub(crate) fn definitions_in(source: &str) -> Vec<(Reference, Expr)> {
    let defines =
        |path: &[Cow<'_, str>], key: &str| !path.is_empty() || matches!(key, "variable" | "locals");
    match json::parse_reading(source, defines) {
        Ok(root) => definitions(&root, source),
        Err(_) => Vec::new(),
    }
}

/// What a `.tf.json` document defines: each `variable`'s default (a
/// literal) and each local (a template).
pub(crate) fn definitions(root: &Value<'_>, source: &str) -> Vec<(Reference, Expr)> {
    let mut out = Vec::new();
    for variables in blocks(root, "variable") {
        for (name, body) in labelled_values(variables) {
            if let Some(default) = body.get("default") {
                out.push((
                    Reference {
                        kind: ReferenceKind::Var,
                        name: name.key().as_str().to_string(),
                    },
                    expr(default, false, source),
                ));
            }
        }
    }
    for locals in blocks(root, "locals") {
        for member in locals.as_object().unwrap_or_default() {
            out.push((
                Reference {
                    kind: ReferenceKind::Local,
                    name: member.key().as_str().to_string(),
                },
                expr(member.value(), true, source),
            ));
        }
    }
    out
}

/// The values a `.tfvars.json` file sets: literal JSON.
pub(crate) fn assignments(source: &str) -> Vec<(String, Expr)> {
    let Ok(root) = json::parse(source) else {
        return Vec::new();
    };
    root.as_object()
        .unwrap_or_default()
        .iter()
        .map(|m| (m.key().as_str().to_string(), expr(m.value(), false, source)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_strings_unescape_and_unwrap_lone_references() {
        assert!(
            matches!(template_value("a $${b} %%{c}"), Some(ExprValue::String(s)) if s == "a ${b} %{c}")
        );
        assert!(matches!(template_value("50%"), Some(ExprValue::String(s)) if s == "50%"));
        assert!(
            matches!(template_value("${var.x}"), Some(ExprValue::Reference(r)) if r.shown() == "var.x")
        );
        assert!(
            matches!(template_value("${ local.y }"), Some(ExprValue::Reference(r)) if r.shown() == "local.y")
        );
        for evaluated in [
            "${var.x}h",
            "${upper(var.x)}",
            "%{if true}x%{endif}",
            "${var.x.y}",
        ] {
            assert!(template_value(evaluated).is_none(), "{evaluated}");
        }
    }

    #[test]
    fn resources_come_from_objects_and_arrays_alike() {
        let source = r#"{"resource": [
            {"cloudflare_zero_trust_organization": {"a": {"name": "A"}}},
            {"cloudflare_access_organization": [{"b": [{"auth_domain": "b.cloudflareaccess.com", "//": "ztlint-ignore: name-blank"}]}]},
            {"aws_s3_bucket": {"c": {}}}
        ]}"#;
        let root = json::parse(source).unwrap();
        let found = resources(&root, source);
        let addresses: Vec<_> = found.iter().map(|(r, _)| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            [
                "cloudflare_zero_trust_organization.a",
                "cloudflare_access_organization.b"
            ]
        );
        assert_eq!(found[1].1[0].1, "ztlint-ignore: name-blank");
        assert_eq!(&source[found[0].0.header.range()], r#""a""#);
    }
}
