//! What a configuration sets, as far as Terraform knows it before apply:
//! the form the `.tf` and `.tf.json` readers produce, whatever the syntax.

use std::rc::Rc;

use crate::span::Span;

/// One value of the configuration and where it is written.
#[derive(Clone, Debug)]
pub(crate) struct Expr {
    pub(crate) value: ExprValue,
    /// Where the value is written in the linted file: the literal, or the
    /// reference that stands for it.
    pub(crate) span: Span,
    /// How the value is written at `span`, when it is a literal there that
    /// a fix may replace; `None` for a reference and what it resolves to.
    pub(crate) literal: Option<Syntax>,
    /// Where the value of a reference comes from.
    pub(crate) origin: Option<Rc<Origin>>,
}

/// What a value is.
#[derive(Clone, Debug)]
pub(crate) enum ExprValue {
    Null,
    Bool(bool),
    /// A number, as canonical JSON number text.
    Number(String),
    String(String),
    List(Vec<Expr>),
    Object(Vec<Item>),
    /// `var.NAME` or `local.NAME`, until it is resolved.
    Reference(Reference),
    /// Known only at apply: an interpolation, a function call, a reference
    /// to a resource, ... Never guessed.
    Unknown,
}

/// One `key = value` of an object or a block body.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub(crate) key: String,
    pub(crate) key_span: Span,
    /// How the key is written, for a fix that renames it; `None` when it is
    /// not written in the linted file.
    pub(crate) key_form: Option<KeyForm>,
    pub(crate) value: Expr,
    /// The whole item in the linted file, when it is written as plain
    /// `key = value` (HCL) or a JSON member.
    pub(crate) whole: Option<Span>,
    /// What a fix deletes to remove the item and leave tidy text, when
    /// there is such a span.
    pub(crate) removal: Option<Span>,
}

/// The two syntaxes of Terraform configuration files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// The native syntax of `.tf` files.
    Hcl,
    /// The JSON syntax of `.tf.json` files, whose strings are templates.
    Json,
}

/// How an item's key is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyForm {
    /// A bare identifier: `text_color = ...`.
    Ident,
    /// A quoted string in an HCL object: `"text_color" = ...`.
    Quoted,
    /// A JSON property name.
    Json,
}

/// A reference a value may be resolved from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Reference {
    pub(crate) kind: ReferenceKind,
    pub(crate) name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ReferenceKind {
    Var,
    Local,
}

impl Reference {
    /// `var.NAME` or `local.NAME`.
    pub(crate) fn shown(&self) -> String {
        let prefix = match self.kind {
            ReferenceKind::Var => "var",
            ReferenceKind::Local => "local",
        };
        format!("{prefix}.{}", self.name)
    }
}

/// Where a referenced value is defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The module file it is in, by index; `None` for the linted file.
    pub(crate) file: Option<usize>,
    pub(crate) span: Span,
    /// The label there, e.g. "`var.session` defaults to this".
    pub(crate) label: String,
}

impl Expr {
    /// A value written as a literal at `span`.
    pub(crate) fn literal(value: ExprValue, span: Span, syntax: Syntax) -> Expr {
        Expr {
            value,
            span,
            literal: Some(syntax),
            origin: None,
        }
    }

    /// A value that no fix may replace: a reference, or what is unknown.
    pub(crate) fn fixed(value: ExprValue, span: Span) -> Expr {
        Expr {
            value,
            span,
            literal: None,
            origin: None,
        }
    }

    /// Whether any part of the value is unknown.
    pub(crate) fn has_unknown(&self) -> bool {
        match &self.value {
            ExprValue::Unknown | ExprValue::Reference(_) => true,
            ExprValue::List(items) => items.iter().any(Expr::has_unknown),
            ExprValue::Object(items) => items.iter().any(|i| i.value.has_unknown()),
            _ => false,
        }
    }

    /// How many values `self` holds, itself included.
    pub(crate) fn size(&self) -> usize {
        1 + match &self.value {
            ExprValue::List(items) => items.iter().map(Expr::size).sum(),
            ExprValue::Object(items) => items.iter().map(|i| i.value.size()).sum(),
            _ => 0,
        }
    }

    /// The value as it stands at `span`, with `origin`: every part of it is
    /// moved to the use site, since its own spans index another place.
    pub(crate) fn moved_to(&self, span: Span, origin: &Rc<Origin>) -> Expr {
        let value = match &self.value {
            ExprValue::List(items) => {
                ExprValue::List(items.iter().map(|e| e.moved_to(span, origin)).collect())
            }
            ExprValue::Object(items) => ExprValue::Object(
                items
                    .iter()
                    .map(|item| Item {
                        key: item.key.clone(),
                        key_span: span,
                        key_form: None,
                        value: item.value.moved_to(span, origin),
                        whole: None,
                        removal: None,
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        Expr {
            value,
            span,
            literal: None,
            // The innermost definition is where the literal is written.
            origin: self.origin.clone().or_else(|| Some(Rc::clone(origin))),
        }
    }
}
