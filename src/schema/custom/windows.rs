//! Whether a custom schema judges a large body as the windows lint reads
//! it ([`crate::lint`]'s `windows`): a window of the members and elements
//! of the root and of the field table's objects and arrays at a time, with
//! the last member of each field, and every other value *pruned* (an
//! object or array of a key that is no field, or inside an array, keeps
//! its kind and span but not its insides).
//!
//! Such a schema's problems with the body are those it has with each
//! window: each member's or element's problems are found in the window
//! that holds it, and those of a container (its type, a required field)
//! are the same in every window. A schema is read so only when each of its
//! keywords, wherever it applies, is one of these:
//!
//! - annotations (`title`, `description`, `default`, `examples`, `x-…`
//!   and the like), and the keywords of one value alone: `type`, `enum` and
//!   `const` of scalars, and those of strings and numbers (`pattern`,
//!   `minLength`, `maximum`, `format`, ...). These are all that may apply
//!   to a pruned value: they read its kind, or a scalar kept whole;
//! - on the root or a field's value: `properties` (the schema of a field
//!   read by these rules again, that of any other key as a pruned value),
//!   `patternProperties`, `additionalProperties` and `items` whose schemas
//!   are of a pruned value's (each judges one member or element at a
//!   time), and `required` of fields only (the last of each field is in
//!   every window);
//! - `allOf` and local `$ref`s of schemas that are so.
//!
//! Anything else (`minProperties`, `anyOf`, `propertyNames`, which judges
//! each key but reports on the object, `unevaluatedProperties`, whose keys
//! are those no valid subschema evaluated, so that one member's failure
//! under `allOf` makes another's unevaluated, an unknown keyword) may judge
//! members together, or a value's insides: the body is then validated
//! whole.

use std::borrow::Cow;

use serde_json::Value as J;

use super::resolve_local;

/// Keywords that judge nothing, or one value that is no container.
const OF_ONE_VALUE: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$defs",
    "definitions",
    // An OpenAPI document's, beside its body schema: reached by `$ref`.
    "components",
    "title",
    "description",
    "default",
    "examples",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "externalDocs",
    "xml",
    "contentEncoding",
    "contentMediaType",
    "type",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// How deep `$ref`s and subschemas are followed before the schema is
/// taken to be validated whole: a recursive schema ends here.
const MAX_DEPTH: usize = 64;

/// Whether `root`, the schema as compiled, judges a body a window at a
/// time as it judges it whole.
pub(super) fn judges_windows(root: &J) -> bool {
    fits(root, root, Some(&[]), 0)
}

/// Whether `schema` judges a value as the windows lint reads it: a kept
/// field's at `field` (the root's at `[]`), or a value that may be pruned
/// at `None`. What is kept is what the windows lint keeps:
/// [`crate::rules::field_at`].
fn fits(root: &J, schema: &J, field: Option<&[Cow<'_, str>]>, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let keywords = match schema {
        J::Bool(_) => return true,
        J::Object(keywords) => keywords,
        _ => return false,
    };
    keywords
        .iter()
        .all(|(keyword, value)| match keyword.as_str() {
            k if OF_ONE_VALUE.contains(&k) || k.starts_with("x-") => true,
            "enum" => value
                .as_array()
                .is_some_and(|all| all.iter().all(is_scalar)),
            "const" => is_scalar(value),
            "$ref" => value
                .as_str()
                .and_then(|reference| resolve_local(root, reference))
                .is_some_and(|target| fits(root, target, field, depth + 1)),
            "allOf" => value
                .as_array()
                .is_some_and(|all| all.iter().all(|s| fits(root, s, field, depth + 1))),
            "properties" => field.is_some_and(|path| {
                value.as_object().is_some_and(|properties| {
                    properties.iter().all(|(name, schema)| {
                        match crate::rules::field_at(path, name) {
                            Some(_) => {
                                let mut inner = path.to_vec();
                                inner.push(Cow::Borrowed(name.as_str()));
                                fits(root, schema, Some(&inner), depth + 1)
                            }
                            None => fits(root, schema, None, depth + 1),
                        }
                    })
                })
            }),
            "additionalProperties" | "items" => {
                field.is_some() && fits(root, value, None, depth + 1)
            }
            // A key it matches may be a field's or another's: either way,
            // its schemas read the value's kind or scalar only.
            "patternProperties" => {
                field.is_some()
                    && value.as_object().is_some_and(|patterns| {
                        patterns.values().all(|s| fits(root, s, None, depth + 1))
                    })
            }
            "required" => field.is_some_and(|path| {
                value.as_array().is_some_and(|names| {
                    names.iter().all(|name| {
                        name.as_str()
                            .is_some_and(|name| crate::rules::field_at(path, name).is_some())
                    })
                })
            }),
            _ => false,
        })
}

fn is_scalar(value: &J) -> bool {
    !matches!(value, J::Array(_) | J::Object(_))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::judges_windows;

    #[test]
    fn the_generated_schemas_judge_windows() {
        for profile in crate::Profile::ALL {
            assert!(
                judges_windows(&crate::fields::schema(profile)),
                "{profile:?}"
            );
        }
    }

    #[test]
    fn an_openapi_body_schema_judges_windows_through_its_components() {
        let document = r##"{
            "openapi": "3.0.3",
            "paths": {"/accounts/{id}/access/organizations": {"put": {"requestBody":
                {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Org"}}}}}}},
            "components": {"schemas": {
                "Org": {"type": "object", "additionalProperties": false,
                        "properties": {"name": {"type": "string", "nullable": true}}},
                "Other": {"anyOf": [{"minProperties": 1}]}
            }}
        }"##;
        let schema = crate::schema::Schema::from_json(document).unwrap();
        assert!(schema.judges_windows());
        let anyof = document.replace("schemas/Org\"}", "schemas/Other\"}");
        let schema = crate::schema::Schema::from_json(&anyof).unwrap();
        assert!(!schema.judges_windows());
    }

    #[test]
    fn keywords_that_read_members_together_or_pruned_insides_do_not() {
        let fits = [
            json!(true),
            json!({"type": "object", "additionalProperties": false}),
            json!({"properties": {"name": {"type": "string", "maxLength": 8}}, "required": ["name"]}),
            json!({"properties": {"login_design": {"properties": {"text_color": {"pattern": "^#"}}, "additionalProperties": {"type": "string"}}}}),
            json!({"properties": {"x": {"type": "object", "enum": [1, "a", null]}}}),
            json!({"allOf": [{"$ref": "#/$defs/a"}], "$defs": {"a": {"additionalProperties": false}}}),
            json!({"properties": {"deny_unmatched_requests_exempted_zone_names": {"items": {"type": "string"}}}}),
            json!({"x-cloudflare": {"anything": [1]}, "items": true}),
            json!({"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}),
        ];
        for schema in fits {
            assert!(judges_windows(&schema), "{schema}");
        }
        let whole = [
            json!({"minProperties": 1}),
            json!({"required": ["x"]}),
            json!({"properties": {"x": {"required": ["a"]}}}),
            json!({"properties": {"x": {"properties": {"a": true}}}}),
            json!({"properties": {"login_design": {"required": ["text_colour"]}}}),
            json!({"additionalProperties": {"properties": {}}}),
            json!({"items": {"additionalProperties": false}}),
            json!({"items": [{"type": "string"}]}),
            json!({"properties": {"x": {"enum": [{"a": 1}]}}}),
            json!({"properties": {"x": {"const": [1]}}}),
            json!({"anyOf": [{"type": "object"}]}),
            json!({"propertyNames": {"maxLength": 3}}),
            json!({"patternProperties": {"^x": {"required": ["a"]}}}),
            json!({"properties": {"x": {"patternProperties": {"^x": true}}}}),
            json!({"unevaluatedProperties": false}),
            json!({"allOf": [{"properties": {"q": {"type": "string"}, "r": true}}], "unevaluatedProperties": false}),
            json!({"$ref": "#/nowhere"}),
            json!({"$ref": "#", "type": "object"}),
            json!({"additionalProperties": {"$ref": "#/$defs/a"}, "$defs": {"a": {"$ref": "#/$defs/a"}}}),
            json!(1),
        ];
        for schema in whole {
            assert!(!judges_windows(&schema), "{schema}");
        }
    }
}
