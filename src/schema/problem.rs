//! What a schema check finds, before it becomes a diagnostic: the same shape
//! whether the built-in validator or the `jsonschema` crate found it.

use std::borrow::Cow;
use std::rc::Rc;

use crate::json::{Member, Value, ValueKind};

use super::pointer::Seg;

/// A set of JSON Schema type names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Types(u8);

impl Types {
    pub(crate) const NULL: Types = Types(1);
    pub(crate) const BOOLEAN: Types = Types(2);
    pub(crate) const OBJECT: Types = Types(4);
    pub(crate) const ARRAY: Types = Types(8);
    pub(crate) const NUMBER: Types = Types(16);
    pub(crate) const STRING: Types = Types(32);
    pub(crate) const INTEGER: Types = Types(64);
    /// Every type: what a schema without `type` accepts.
    pub(crate) const ANY: Types = Types(127);

    /// In the order messages list them.
    const ALL: [(Types, &'static str); 7] = [
        (Types::OBJECT, "object"),
        (Types::ARRAY, "array"),
        (Types::STRING, "string"),
        (Types::INTEGER, "integer"),
        (Types::NUMBER, "number"),
        (Types::BOOLEAN, "boolean"),
        (Types::NULL, "null"),
    ];

    pub(crate) fn from_name(name: &str) -> Option<Types> {
        Types::ALL.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
    }

    pub(crate) fn with(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }

    pub(crate) fn without(self, other: Types) -> Types {
        Types(self.0 & !other.0)
    }

    pub(crate) fn has(self, other: Types) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Whether the sets share a type.
    pub(crate) fn intersects(self, other: Types) -> bool {
        self.0 & other.0 != 0
    }

    /// The type of `value`, a number being a `number` whether or not it is
    /// integral.
    #[inline]
    pub(crate) fn of(value: &Value<'_>) -> Types {
        match value.kind() {
            ValueKind::Null => Types::NULL,
            ValueKind::Bool(_) => Types::BOOLEAN,
            ValueKind::Number(_) => Types::NUMBER,
            ValueKind::String(_) => Types::STRING,
            ValueKind::Array(_) => Types::ARRAY,
            ValueKind::Object(_) => Types::OBJECT,
        }
    }

    pub(crate) fn names(self) -> impl Iterator<Item = &'static str> {
        Types::ALL
            .into_iter()
            .filter(move |(t, _)| self.has(*t))
            .map(|(_, n)| n)
    }

    /// Whether `value` is of one of the types, with JSON Schema's meaning of
    /// `integer`: any number without a fractional part, `1.0` included.
    pub(crate) fn accepts(self, value: &Value<'_>) -> bool {
        match value.kind() {
            ValueKind::Null => self.has(Types::NULL),
            ValueKind::Bool(_) => self.has(Types::BOOLEAN),
            ValueKind::String(_) => self.has(Types::STRING),
            ValueKind::Array(_) => self.has(Types::ARRAY),
            ValueKind::Object(_) => self.has(Types::OBJECT),
            ValueKind::Number(n) => {
                // Digits alone are integral: no need to convert them.
                self.has(Types::NUMBER)
                    || (self.has(Types::INTEGER) && (n.is_integer() || is_integral(&n.to_serde())))
            }
        }
    }
}

/// JSON Schema's `integer`: an integer, or a float without fraction.
pub(crate) fn is_integral(n: &serde_json::Number) -> bool {
    n.is_u64() || n.is_i64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// The bounds a number broke. Only the ones the schema states are set.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Bounds {
    pub(crate) minimum: Option<f64>,
    pub(crate) maximum: Option<f64>,
    pub(crate) exclusive_minimum: Option<f64>,
    pub(crate) exclusive_maximum: Option<f64>,
}

/// One schema finding, located in the document.
#[derive(Debug)]
pub(crate) struct Problem<'p, 's, 'd, 'a> {
    /// Where: the value's path; for an unexpected property, the member's
    /// path; for a missing property, the object's path.
    pub(crate) path: &'p [Seg<'d>],
    pub(crate) kind: ProblemKind<'s, 'd, 'a>,
}

#[derive(Debug)]
pub(crate) enum ProblemKind<'s, 'd, 'a> {
    /// `type`: the value is none of `expected`.
    Type {
        value: &'d Value<'a>,
        expected: Types,
    },
    /// Not a JSON Schema violation: an `integer` written with a fraction or
    /// exponent (`30.0`, `3e1`), which Go's encoding/json refuses for an
    /// integer field.
    GoInteger { value: &'d Value<'a> },
    /// `additionalProperties` (or `unevaluatedProperties`): a member the
    /// schema does not allow.
    Unexpected {
        keyword: &'static str,
        object: &'d Value<'a>,
        index: usize,
        /// The property names the schema does allow there, shared by the
        /// problems of one object: a custom schema's are all held at once.
        known: Rc<[&'s str]>,
    },
    /// `required`: a property the object lacks.
    Required {
        object: &'d Value<'a>,
        property: Cow<'s, str>,
    },
    /// `enum` or `const`.
    Enum {
        keyword: &'static str,
        value: &'d Value<'a>,
        options: Cow<'s, [serde_json::Value]>,
    },
    /// `minimum`, `maximum`, `exclusiveMinimum` or `exclusiveMaximum`.
    Range {
        keyword: &'static str,
        value: &'d Value<'a>,
        bounds: Bounds,
    },
    /// Any other keyword (custom schemas only).
    Other {
        keyword: String,
        value: &'d Value<'a>,
        message: String,
    },
}

impl<'s, 'd, 'a> Problem<'_, 's, 'd, 'a> {
    /// The JSON Schema keyword, or `None` for checks JSON Schema cannot
    /// express.
    pub(crate) fn keyword(&self) -> Option<&str> {
        match &self.kind {
            ProblemKind::Type { .. } => Some("type"),
            ProblemKind::GoInteger { .. } => None,
            ProblemKind::Unexpected { keyword, .. }
            | ProblemKind::Enum { keyword, .. }
            | ProblemKind::Range { keyword, .. } => Some(keyword),
            ProblemKind::Required { .. } => Some("required"),
            ProblemKind::Other { keyword, .. } => Some(keyword),
        }
    }

    /// The member an unexpected-property problem is about.
    pub(crate) fn unexpected_member(&self) -> Option<&'d Member<'a>> {
        self.kind.unexpected_member()
    }

    /// Where a diagnostic points: the key of an unexpected member, the `{`
    /// of an object that lacks a property, else the value.
    pub(crate) fn span(&self) -> crate::Span {
        self.kind.span()
    }
}

impl<'s, 'd, 'a> ProblemKind<'s, 'd, 'a> {
    pub(crate) fn unexpected_member(&self) -> Option<&'d Member<'a>> {
        match *self {
            ProblemKind::Unexpected { object, index, .. } => object.as_object()?.get(index),
            _ => None,
        }
    }

    pub(crate) fn span(&self) -> crate::Span {
        match self {
            ProblemKind::Unexpected { object, .. } => self
                .unexpected_member()
                .map_or(object.span(), |m| m.key().span()),
            ProblemKind::Required { object, .. } => {
                crate::Span::new(object.span().start(), object.span().start() + 1)
            }
            ProblemKind::Type { value, .. }
            | ProblemKind::GoInteger { value }
            | ProblemKind::Enum { value, .. }
            | ProblemKind::Range { value, .. }
            | ProblemKind::Other { value, .. } => value.span(),
        }
    }

    /// Type problems first, so that a value's type problem comes before its
    /// enum or range problems, which the lint then leaves out.
    pub(crate) fn rank(&self) -> u8 {
        u8::from(!matches!(self, ProblemKind::Type { .. }))
    }
}

/// JSON Schema equality between a parsed value and a schema constant:
/// numbers compare by value (`1` equals `1.0`), objects by their effective
/// members (the last of duplicate keys).
pub(crate) fn json_equal(value: &Value<'_>, constant: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (value.kind(), constant) {
        (ValueKind::Null, J::Null) => true,
        (ValueKind::Bool(a), J::Bool(b)) => a == b,
        (ValueKind::String(a), J::String(b)) => a == b,
        (ValueKind::Number(a), J::Number(b)) => numbers_equal(&a.to_serde(), b),
        (ValueKind::Array(a), J::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| json_equal(x, y))
        }
        (ValueKind::Object(members), J::Object(map)) => {
            let last = LastKeys::new(members);
            let distinct = (0..members.len()).filter(|i| last.is_last(*i)).count();
            distinct == map.len()
                && map
                    .iter()
                    .all(|(k, v)| value.get(k).is_some_and(|x| json_equal(x, v)))
        }
        _ => false,
    }
}

fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

/// Which members of an object count: Go and serde_json keep only the last
/// of duplicate keys, so only the last is validated. Small objects are
/// scanned; large ones get a map, so a hostile object with many keys stays
/// linear.
pub(crate) struct LastKeys<'m, 'a> {
    members: &'m [Member<'a>],
    last: Option<std::collections::HashMap<&'m str, usize>>,
}

impl<'m, 'a> LastKeys<'m, 'a> {
    const SCAN_LIMIT: usize = 32;

    pub(crate) fn new(members: &'m [Member<'a>]) -> LastKeys<'m, 'a> {
        let last = (members.len() > Self::SCAN_LIMIT).then(|| {
            members
                .iter()
                .enumerate()
                .map(|(i, m)| (m.key().as_str(), i))
                .collect()
        });
        LastKeys { members, last }
    }

    /// The index of the last member named `key`.
    pub(crate) fn last(&self, key: &str) -> Option<usize> {
        match &self.last {
            Some(map) => map.get(key).copied(),
            None => self.members.iter().rposition(|m| m.key().as_str() == key),
        }
    }

    /// Whether `members[i]` is the last member with its key.
    pub(crate) fn is_last(&self, i: usize) -> bool {
        let Some(member) = self.members.get(i) else {
            return false;
        };
        let key = member.key().as_str();
        match &self.last {
            Some(map) => map.get(key) == Some(&i),
            None => self
                .members
                .get(i + 1..)
                .is_none_or(|later| later.iter().all(|m| m.key().as_str() != key)),
        }
    }
}
