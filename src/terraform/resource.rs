//! An organization resource as a configuration declares it, and the body
//! the provider sends for it.

use std::collections::{HashMap, HashSet};

use super::expr::{Expr, ExprValue, Item, KeyForm, Syntax};
use super::{ProviderVersion, V4_BLOCKS};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::fields::{self, Kind};
use crate::rules::terraform as rules;
use crate::span::Span;

/// Meta-arguments and path parameters: attributes that are not body fields.
const NOT_IN_BODY: [&str; 7] = [
    "account_id",
    "zone_id",
    "id",
    "count",
    "for_each",
    "provider",
    "depends_on",
];

/// Blocks of every resource that are not body fields.
const META_BLOCKS: [&str; 3] = ["lifecycle", "provisioner", "connection"];

/// One `resource` of an organization type.
#[derive(Debug)]
pub(crate) struct Resource {
    pub(crate) version: ProviderVersion,
    /// `TYPE.NAME`.
    pub(crate) address: String,
    /// `resource "TYPE" "NAME"`, where findings on the whole resource go.
    pub(crate) header: Span,
    /// The whole resource.
    pub(crate) whole: Span,
    pub(crate) body: ResourceBody,
    pub(crate) syntax: Syntax,
}

/// The attributes and blocks of a resource, in source order each.
#[derive(Debug, Default)]
pub(crate) struct ResourceBody {
    pub(crate) items: Vec<Item>,
    pub(crate) blocks: Vec<BlockUse>,
}

/// A block inside a resource.
#[derive(Debug)]
pub(crate) struct BlockUse {
    pub(crate) ident: String,
    pub(crate) ident_span: Span,
    pub(crate) labels: Vec<String>,
    /// The whole block.
    pub(crate) whole: Span,
    /// The body's braces.
    pub(crate) braces: Span,
    pub(crate) items: Vec<Item>,
    pub(crate) has_nested_blocks: bool,
}

/// A resource turned into what its provider sends.
#[derive(Debug)]
pub(crate) struct Shaped {
    /// The body's fields, in source order.
    pub(crate) fields: Vec<Item>,
    /// The path parameters, as configured.
    pub(crate) account_id: Option<Expr>,
    pub(crate) zone_id: Option<Expr>,
    /// A dynamic block: part of the body is known only at apply.
    pub(crate) has_dynamic: bool,
    /// Findings on the resource's shape, not its values.
    pub(crate) findings: Vec<Diagnostic>,
}

impl Resource {
    /// The body's fields and the path parameters, with the findings on how
    /// the resource is written: blocks for attributes and the reverse,
    /// repeated v4 blocks.
    pub(crate) fn shape(self, source: &str) -> Shaped {
        let version = self.version;
        let mut shaped = Shaped {
            fields: Vec::new(),
            account_id: None,
            zone_id: None,
            has_dynamic: false,
            findings: Vec::new(),
        };
        for item in self.body.items {
            match item.key.as_str() {
                "account_id" => shaped.account_id = Some(item.value),
                "zone_id" => shaped.zone_id = Some(item.value),
                key if NOT_IN_BODY.contains(&key) => {}
                key => {
                    if version == ProviderVersion::V4
                        && V4_BLOCKS.contains(&key)
                        && self.syntax == Syntax::Hcl
                    {
                        shaped
                            .findings
                            .push(attribute_for_block(&item, &self.address, source));
                    }
                    shaped.fields.push(item);
                }
            }
        }
        // How many blocks of each name, and the attributes' names: what a
        // fix from block to attribute must not collide with.
        let mut blocks_named: HashMap<&str, usize> = HashMap::new();
        for block in &self.body.blocks {
            *blocks_named.entry(block.ident.as_str()).or_default() += 1;
        }
        let attributes: HashSet<String> = shaped.fields.iter().map(|f| f.key.clone()).collect();
        let mut first_block: HashMap<&str, Span> = HashMap::new();
        for block in &self.body.blocks {
            let ident = block.ident.as_str();
            if META_BLOCKS.contains(&ident) {
                continue;
            }
            if ident == "dynamic" {
                shaped.has_dynamic = true;
                continue;
            }
            if let Some(first) = first_block.get(ident) {
                if version == ProviderVersion::V4 {
                    shaped
                        .findings
                        .push(rules::repeated_block(block.ident_span, ident, *first));
                }
                continue;
            }
            first_block.insert(ident, block.ident_span);
            let is_object_field = fields::find(&[ident]).is_some_and(|f| f.kind() == Kind::Object);
            if version == ProviderVersion::V5 && is_object_field {
                // The `=` would make a second `login_design` attribute, or
                // leave a block of that name beside it: no fix then.
                let alone = blocks_named.get(ident) == Some(&1) && !attributes.contains(ident);
                shaped
                    .findings
                    .push(block_for_attribute(block, &self.address, alone));
            }
            shaped.fields.push(Item {
                key: block.ident.clone(),
                key_span: block.ident_span,
                key_form: None,
                value: Expr::fixed(ExprValue::Object(block.items.clone()), block.braces),
                whole: None,
                removal: None,
            });
        }
        shaped
    }
}

/// v5 takes `login_design = { ... }`; a `login_design { ... }` block is
/// rejected by Terraform. The fix adds the `=` when the block is `alone`
/// (no attribute or other block of its name), has no label and holds only
/// attributes, which an object constructor takes as they are.
fn block_for_attribute(block: &BlockUse, address: &str, alone: bool) -> Diagnostic {
    let ident = &block.ident;
    let mut d = rules::block_syntax(
        block.ident_span,
        format!(
            "`{ident}` is an attribute of `{}` in provider v5, not a block: Terraform rejects `{ident} {{ ... }}`",
            resource_type(address)
        ),
        "a block",
        format!("write `{ident} = {{ ... }}`: the provider takes an object attribute"),
    );
    if alone && block.labels.is_empty() && !block.has_nested_blocks {
        d = d.with_fix(Fix::safe(
            format!("Write `{ident} = {{`"),
            [Edit::replace(Span::empty(block.ident_span.end()), " =")],
        ));
    }
    d
}

/// v4 takes `login_design { ... }` blocks; `login_design = { ... }` is
/// rejected by Terraform. The fix removes the `=` when the object is
/// written as a block body would be: identifiers, `=`, one item a line.
fn attribute_for_block(item: &Item, address: &str, source: &str) -> Diagnostic {
    let key = &item.key;
    let mut d = rules::block_syntax(
        item.key_span,
        format!(
            "`{key}` is a block of `{}` in provider v4, not an attribute: Terraform rejects `{key} = {{ ... }}`",
            resource_type(address)
        ),
        "an attribute",
        format!("write `{key} {{ ... }}`: the v4 provider takes a block"),
    );
    let ExprValue::Object(items) = &item.value.value else {
        return d;
    };
    let between = Span::new(item.key_span.end(), item.value.span.start());
    let equals = source.get(between.range()).unwrap_or_default();
    let object = item.value.span;
    // A block body has one `key = value` a line, and its `}` on a line of
    // its own.
    let last_end = items
        .last()
        .and_then(|i| i.whole)
        .map_or(object.start(), |w| w.end());
    let closes_alone = source
        .get(last_end..object.end())
        .is_some_and(|tail| tail.contains('\n'));
    let one_a_line = items
        .iter()
        .all(|i| i.whole.is_some() && i.key_form == Some(KeyForm::Ident))
        && source
            .get(object.range())
            .is_some_and(|text| text == "{}" || (text.starts_with("{\n") && closes_alone));
    if item.value.literal.is_some() && one_a_line && equals.trim() == "=" {
        d = d.with_fix(Fix::safe(
            format!("Write `{key} {{`"),
            [Edit::replace(between, " ")],
        ));
    }
    d
}

/// The resource type of `TYPE.NAME`.
fn resource_type(address: &str) -> &str {
    address.split('.').next().unwrap_or(address)
}
