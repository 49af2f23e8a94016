//! The JSON Schema a payload is checked against: the embedded one for each
//! endpoint [`Profile`], or one you supply.
//!
//! The built-in schemas (draft 2020-12) are generated from the field table,
//! [`crate::fields`], one per endpoint: Cloudflare's published request
//! schema brought up to the live API, with `additionalProperties: false` at
//! every level. `organization.schema.json` beside this file is the account
//! update's, committed for editors and kept equal to the generated one by a
//! test.
//!
//! The embedded schema is compiled once into a validator that walks the
//! span-carrying document directly, so the default lint never converts the
//! document or runs a general-purpose validator. A custom schema is compiled
//! once with the `jsonschema` crate when it is loaded, and never fetches
//! anything.
//!
//! ```
//! use ztlint::schema::Schema;
//! use ztlint::{json, Profile};
//!
//! let doc = json::parse(r#"{"custom_pages": {}, "is_ui_read_only": "false"}"#)?;
//! let found: Vec<_> = Schema::builtin(Profile::ZoneUpdate)
//!     .violations(&doc)
//!     .iter()
//!     .map(|v| (v.pointer().to_string(), v.keyword().to_string()))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("/custom_pages".to_string(), "additionalProperties".to_string()),
//!         ("/is_ui_read_only".to_string(), "type".to_string()),
//!     ]
//! );
//! # Ok::<(), json::Error>(())
//! ```

mod custom;
mod native;
pub(crate) mod pointer;
pub(crate) mod problem;

use std::fmt;
use std::sync::{Arc, LazyLock};

use crate::json::Value;
use crate::profile::Profile;
use crate::span::Span;

use self::custom::Custom;
use self::native::{Node, Path, Sink};
use self::pointer::{push_token, Seg};
use self::problem::{Problem, ProblemKind};

/// The profile schemas as JSON, in [`Profile::ALL`] order, generated from
/// the field table.
static BUILTIN_JSON: LazyLock<[serde_json::Value; 4]> =
    LazyLock::new(|| Profile::ALL.map(crate::fields::schema));

/// The profile schemas compiled, in [`Profile::ALL`] order.
static BUILTIN_NODES: LazyLock<[Node<'static>; 4]> = LazyLock::new(|| {
    let [account, zone, create, zone_create] = &*BUILTIN_JSON;
    [account, zone, create, zone_create].map(|json| {
        // The table's own tests compile every profile, so this cannot fail
        // at run time.
        Node::compile(json).expect("the generated schema uses supported keywords")
    })
});

/// Whether the account-level schema has a property at `path` (keys only):
/// what tells "not accepted by this endpoint" from "unknown".
pub(crate) fn account_has_field(path: &[Seg<'_>]) -> bool {
    let mut node = &BUILTIN_NODES[0];
    for seg in path {
        let Seg::Key(key) = seg else {
            return false;
        };
        match node.property(key) {
            Some(next) => node = next,
            None => return false,
        }
    }
    !path.is_empty()
}

/// A JSON Schema to check payloads against: built in for a [`Profile`], or
/// loaded with [`Schema::from_json`]. Cheap to clone.
///
/// ```
/// use ztlint::schema::Schema;
/// use ztlint::Linter;
///
/// let schema = Schema::from_json(r#"{
///     "type": "object",
///     "properties": {"name": {"type": "string", "maxLength": 8}}
/// }"#)?;
/// let diagnostics = Linter::new().schema(schema).lint(r#"{"name": "Widget Corps"}"#);
/// assert_eq!(diagnostics[0].code(), "schema-violation");
/// assert_eq!(diagnostics[0].span().range(), 9..23);
/// # Ok::<(), ztlint::schema::SchemaError>(())
/// ```
#[derive(Clone)]
pub struct Schema {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    Builtin(Profile),
    Custom(Arc<Custom>),
}

impl fmt::Debug for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Builtin(profile) => f.debug_tuple("Schema::builtin").field(profile).finish(),
            Inner::Custom(_) => f.write_str("Schema::from_json(..)"),
        }
    }
}

impl Schema {
    /// The embedded schema for `profile`'s endpoint.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    /// use ztlint::Profile;
    ///
    /// let create = Schema::builtin(Profile::Create);
    /// assert_eq!(create.as_json()["required"], serde_json::json!(["auth_domain", "name"]));
    /// ```
    pub fn builtin(profile: Profile) -> Schema {
        Schema {
            inner: Inner::Builtin(profile),
        }
    }

    /// Loads a schema: either a JSON Schema (its `$schema` picks the draft;
    /// 2020-12 by default), or an OpenAPI 3 document, whose schema is the
    /// `application/json` request body of the `put` operation on the path
    /// that ends in `/access/organizations` (the account-level one if there
    /// are several). Local references (`#/components/...`, `#/$defs/...`)
    /// resolve within the document.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    ///
    /// let err = Schema::from_json(r#"{"$ref": "https://example.com/org.json"}"#).unwrap_err();
    /// assert!(err.to_string().contains("never fetches"));
    /// ```
    ///
    /// # Errors
    ///
    /// [`SchemaError`] when the text is not JSON, is an OpenAPI document
    /// without that operation, has a reference that is not local (such as
    /// `https://...`, which is never fetched) or does not resolve, or is not
    /// a valid schema.
    pub fn from_json(text: &str) -> Result<Schema, SchemaError> {
        Ok(Schema {
            inner: Inner::Custom(Arc::new(Custom::load(text)?)),
        })
    }

    /// The schema as JSON: the derived profile schema for a built-in one; for
    /// an OpenAPI document, the request body schema with the document's
    /// `components` beside it.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    /// use ztlint::Profile;
    ///
    /// let zone = Schema::builtin(Profile::ZoneUpdate);
    /// assert_eq!(zone.as_json()["additionalProperties"], false);
    /// assert!(zone.as_json()["properties"].get("session_duration").is_none());
    ///
    /// let custom = Schema::from_json(r#"{"type": "object", "maxProperties": 1}"#)?;
    /// assert_eq!(custom.as_json(), &serde_json::json!({"type": "object", "maxProperties": 1}));
    /// # Ok::<(), ztlint::schema::SchemaError>(())
    /// ```
    pub fn as_json(&self) -> &serde_json::Value {
        match &self.inner {
            Inner::Builtin(profile) => &BUILTIN_JSON[profile.index()],
            Inner::Custom(custom) => custom.as_json(),
        }
    }

    /// Validates a parsed document and returns each violation with its
    /// keyword, instance location and span. [`crate::lint`] turns these into
    /// diagnostics; this is the raw view.
    ///
    /// As in Go and serde_json, only the last of duplicate keys counts.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    /// use ztlint::{json, Profile};
    ///
    /// let doc = json::parse(r#"{"is_ui_read_only": "false", "is_ui_read_only": true}"#)?;
    /// assert!(Schema::builtin(Profile::AccountUpdate).violations(&doc).is_empty());
    ///
    /// let doc = json::parse(r#"{"is_ui_read_only": "false"}"#)?;
    /// let violations = Schema::builtin(Profile::AccountUpdate).violations(&doc);
    /// assert_eq!(violations.len(), 1);
    /// assert_eq!(violations[0].keyword(), "type");
    /// assert_eq!(violations[0].span().range(), 20..27);
    /// # Ok::<(), json::Error>(())
    /// ```
    pub fn violations(&self, document: &Value<'_>) -> Vec<Violation> {
        let mut out = Vec::new();
        self.validate(document, &mut |problem| {
            out.extend(Violation::from_problem(problem));
        });
        out
    }

    /// Hands each problem of `document` to `sink`, a value's type problem
    /// before its enum or range problems.
    pub(crate) fn validate<'s, 'd, 'a>(
        &'s self,
        document: &'d Value<'a>,
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        self.validate_from(document, &[], sink);
    }

    /// Whether the schema judges a large body a window of its members at a
    /// time as it judges it whole: every built-in one does, and a custom
    /// one whose keywords judge each member alone (see `custom/windows.rs`).
    pub(crate) fn judges_windows(&self) -> bool {
        match &self.inner {
            Inner::Builtin(_) => true,
            Inner::Custom(custom) => custom.judges_windows(),
        }
    }

    /// [`Schema::validate`], where the arrays of `items_from` hold some of
    /// their elements: see [`crate::rules::Context::items_from`].
    pub(crate) fn validate_from<'s, 'd, 'a>(
        &'s self,
        document: &'d Value<'a>,
        items_from: &[(usize, Vec<usize>)],
        sink: &mut Sink<'_, 's, 'd, 'a>,
    ) {
        match &self.inner {
            Inner::Builtin(profile) => {
                BUILTIN_NODES[profile.index()].validate(document, &mut Path::new(items_from), sink);
            }
            Inner::Custom(custom) => custom.validate(document, items_from, sink),
        }
    }
}

/// One way a document breaks a schema, as [`Schema::violations`] reports it.
///
/// ```
/// use ztlint::schema::Schema;
/// use ztlint::{json, Profile};
///
/// let doc = json::parse(r#"{"name": "Widget Corps"}"#)?;
/// let violations = Schema::builtin(Profile::Create).violations(&doc);
/// let found: Vec<_> = violations.iter().map(|v| (v.pointer(), v.keyword(), v.span())).collect();
/// assert_eq!(found, [("/auth_domain", "required", ztlint::Span::new(0, 1))]);
/// # Ok::<(), json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pointer: String,
    keyword: String,
    span: Span,
}

impl Violation {
    fn from_problem(problem: &Problem<'_, '_, '_, '_>) -> Option<Violation> {
        let keyword = problem.keyword()?.to_string();
        let mut pointer = pointer::to_pointer(problem.path);
        if let ProblemKind::Required { property, .. } = &problem.kind {
            push_token(&mut pointer, property);
        }
        Some(Violation {
            pointer,
            keyword,
            span: problem.span(),
        })
    }

    /// The JSON Pointer of the offending value. For `additionalProperties`
    /// it is the unexpected property's own pointer, and for `required` the
    /// missing property's, where JSON Schema output would name the object:
    /// one violation per property.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    /// use ztlint::{json, Profile};
    ///
    /// let doc = json::parse(r##"{"login_design": {"text_colour": "#c5ed1b"}}"##)?;
    /// let violations = Schema::builtin(Profile::AccountUpdate).violations(&doc);
    /// assert_eq!(violations[0].pointer(), "/login_design/text_colour");
    /// # Ok::<(), json::Error>(())
    /// ```
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The JSON Schema keyword that failed, e.g. `type` or `required`.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    /// use ztlint::{json, Profile};
    ///
    /// let doc = json::parse(r#"{"mfa_piv_key_requirements": {"pin_policy": "sometimes"}}"#)?;
    /// let violations = Schema::builtin(Profile::AccountUpdate).violations(&doc);
    /// assert_eq!(violations[0].keyword(), "enum");
    /// # Ok::<(), json::Error>(())
    /// ```
    pub fn keyword(&self) -> &str {
        &self.keyword
    }

    /// Where the lint points: the value, the key of an unexpected property,
    /// or the `{` of an object that lacks a required one.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    /// use ztlint::{json, Profile};
    ///
    /// let source = r#"{"custom_pages": {}}"#;
    /// let doc = json::parse(source)?;
    /// let violations = Schema::builtin(Profile::ZoneUpdate).violations(&doc);
    /// assert_eq!(violations[0].span().range(), 1..15);
    /// assert_eq!(&source[violations[0].span().range()], r#""custom_pages""#);
    /// # Ok::<(), json::Error>(())
    /// ```
    pub fn span(&self) -> Span {
        self.span
    }
}

/// Why a schema could not be loaded.
///
/// ```
/// use ztlint::schema::Schema;
///
/// let err = Schema::from_json(r##"{"$ref": "#/$defs/organization"}"##).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "`$ref` `#/$defs/organization` at `/` does not resolve within the schema"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    message: String,
}

impl SchemaError {
    fn new(message: String) -> SchemaError {
        SchemaError { message }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SchemaError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_compiles() {
        for profile in Profile::ALL {
            let json = Schema::builtin(profile).as_json().clone();
            assert!(Node::compile(&json).is_ok(), "{profile}");
        }
    }

    #[test]
    fn account_fields_are_known_by_path() {
        assert!(account_has_field(&[Seg::Key("custom_pages")]));
        assert!(account_has_field(&[
            Seg::Key("mfa_config"),
            Seg::Key("session_duration")
        ]));
        assert!(account_has_field(&[Seg::Key("created_at")]));
        assert!(!account_has_field(&[Seg::Key("nope")]));
        assert!(!account_has_field(&[]));
    }
}
