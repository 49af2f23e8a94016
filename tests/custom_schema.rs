//! Custom schemas: plain JSON Schemas, OpenAPI documents, and the
//! references that are refused rather than fetched.

use ztlint::schema::Schema;
use ztlint::{Diagnostic, Linter, Severity, Span};

fn lint_with(schema: &str, source: &str) -> Vec<Diagnostic> {
    Linter::new()
        .schema(Schema::from_json(schema).unwrap())
        .lint(source)
}

fn summary(diagnostics: &[Diagnostic]) -> Vec<(&'static str, Span, String)> {
    diagnostics
        .iter()
        .map(|d| (d.code(), d.span(), d.message().to_string()))
        .collect()
}

fn load_error(schema: &str) -> String {
    Schema::from_json(schema).unwrap_err().to_string()
}

const PLAIN: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["name"],
  "additionalProperties": false,
  "$defs": {"color": {"type": "string", "pattern": "^#[0-9a-f]{6}$"}},
  "properties": {
    "name": {"type": "string"},
    "session_duration": {"type": "string"},
    "is_ui_read_only": {"type": "boolean"},
    "login_design": {
      "type": "object",
      "additionalProperties": false,
      "properties": {"text_color": {"$ref": "#/$defs/color"}}
    }
  }
}"##;

#[test]
fn a_plain_schema_maps_every_error_onto_spans_and_rules() {
    let source = r##"{"is_ui_read_only": "false", "sesion_duration": "24h", "login_design": {"text_color": "#FFF", "colour": 1}}"##;
    let found = lint_with(PLAIN, source);
    assert_eq!(
        summary(&found),
        [
            ("missing-field", Span::new(0, 1), "`name` is required".to_string()),
            (
                "wrong-type",
                Span::new(20, 27),
                "`is_ui_read_only` must be a boolean, found the string `\"false\"`".to_string()
            ),
            ("unknown-field", Span::new(29, 46), "unknown field `sesion_duration`".to_string()),
            (
                "schema-violation",
                Span::new(86, 92),
                "`login_design.text_color` does not match the schema's `pattern`: \"#FFF\" does not match \"^#[0-9a-f]{6}$\""
                    .to_string()
            ),
            ("unknown-field", Span::new(94, 102), "unknown field `login_design.colour`".to_string()),
        ]
    );
    // Suggestions come from the custom schema's own properties, leaving out
    // those the object already has.
    assert_eq!(found[2].help(), Some("did you mean `session_duration`?"));
    assert_eq!(
        found[4].help(),
        Some("remove it, or check its spelling against Cloudflare's API reference")
    );
}

#[test]
fn structure_rules_that_need_no_schema_still_run() {
    let source = r#"{"name": "A", "name": "B", "created_at": "x"}"#;
    let codes: Vec<_> = lint_with(PLAIN, source).iter().map(|d| d.code()).collect();
    // `created_at` is reported as read-only only, not also as unknown.
    assert_eq!(codes, ["duplicate-key", "read-only-field"]);
}

const OPENAPI_30: &str = r##"{
  "openapi": "3.0.3",
  "info": {"title": "Cloudflare", "version": "4"},
  "paths": {
    "/zones/{zone_id}/access/organizations": {
      "put": {"requestBody": {"content": {"application/json": {"schema": {"type": "string"}}}}}
    },
    "/accounts/{account_id}/access/organizations": {
      "get": {"responses": {}},
      "put": {"requestBody": {"$ref": "#/components/requestBodies/Org"}}
    },
    "/accounts/{account_id}/other": {
      "put": {"requestBody": {"$ref": "https://example.com/unrelated.json"}}
    }
  },
  "components": {
    "requestBodies": {
      "Org": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Org"}}}}
    },
    "schemas": {
      "Org": {
        "type": "object",
        "properties": {
          "name": {"$ref": "#/components/schemas/Name"},
          "inactivity_threshold_days": {"type": "integer", "minimum": 30, "exclusiveMaximum": true, "maximum": 366},
          "action": {"type": "string", "enum": ["disable", "delete"]},
          "nickname": {"type": "string", "nullable": true}
        },
        "additionalProperties": false
      },
      "Name": {"type": "string", "maxLength": 10}
    }
  }
}"##;

#[test]
fn an_openapi_30_document_uses_the_account_put_body_and_resolves_components() {
    let source = r#"{"name": "Widget Corps Internal", "inactivity_threshold_days": 366, "action": "Delete", "extra": true}"#;
    let found = lint_with(OPENAPI_30, source);
    assert_eq!(
        summary(&found),
        [
            (
                "schema-violation",
                Span::new(9, 32),
                "`name` does not match the schema's `maxLength`: \"Widget Corps Internal\" is longer than 10 characters"
                    .to_string()
            ),
            (
                "number-range",
                Span::new(63, 66),
                "`inactivity_threshold_days` is `366`, which is not less than 366".to_string()
            ),
            (
                "enum-value",
                Span::new(78, 86),
                "`action` is `\"Delete\"`, which is not one of `disable`, `delete`".to_string()
            ),
            ("unknown-field", Span::new(88, 95), "unknown field `extra`".to_string()),
        ]
    );
    // Draft 4 semantics: `exclusiveMaximum: true` turned `maximum` exclusive.
    let schema = Schema::from_json(OPENAPI_30).unwrap();
    assert_eq!(schema.as_json()["$ref"], "#/components/schemas/Org");
}

#[test]
fn openapi_nullable_is_not_json_schema_so_null_is_reported_as_null() {
    let found = lint_with(OPENAPI_30, r#"{"nickname": null}"#);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "null-value");
    assert_eq!(found[0].severity(), Severity::Info);
}

#[test]
fn an_openapi_31_document_is_draft_2020_12() {
    let doc = r##"{
      "openapi": "3.1.0",
      "paths": {"/accounts/{id}/access/organizations": {"put": {"requestBody": {"content": {"application/json": {"schema": {
        "type": "object",
        "properties": {"days": {"type": "integer", "exclusiveMaximum": 366}}
      }}}}}}}
    }"##;
    let found = lint_with(doc, r#"{"days": 366}"#);
    assert_eq!(
        summary(&found),
        [(
            "number-range",
            Span::new(9, 12),
            "`days` is `366`, which is not less than 366".to_string()
        )]
    );
}

#[test]
fn network_references_are_refused_not_fetched() {
    assert_eq!(
        load_error(r#"{"properties": {"login_design": {"$ref": "https://example.com/login.json"}}}"#),
        "`$ref` `https://example.com/login.json` at `/properties/login_design` points outside the schema; ztlint never fetches schemas, so inline it or move it under `$defs`"
    );
    assert_eq!(
        load_error(r#"{"$ref": "http://example.com/org.json#/x"}"#),
        "`$ref` `http://example.com/org.json#/x` at `/` points outside the schema; ztlint never fetches schemas, so inline it or move it under `$defs`"
    );
    assert_eq!(
        load_error(r#"{"allOf": [{"$ref": "common.json"}]}"#),
        "`$ref` `common.json` at `/allOf/0` points outside the schema; ztlint never fetches schemas, so inline it or move it under `$defs`"
    );
}

#[test]
fn a_network_reference_inside_openapi_components_is_refused_with_its_location() {
    let doc = r##"{
      "openapi": "3.0.0",
      "paths": {"/accounts/{id}/access/organizations": {"put": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Org"}}}}}}},
      "components": {"schemas": {"Org": {"properties": {"name": {"$ref": "https://example.com/name.json"}}}}}
    }"##;
    assert_eq!(
        load_error(doc),
        "`$ref` `https://example.com/name.json` at `/components/schemas/Org/properties/name` points outside the schema; ztlint never fetches schemas, so inline it or move it under `$defs`"
    );
}

#[test]
fn other_load_errors_say_what_is_wrong() {
    assert_eq!(
        load_error(r##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##),
        "`$ref` `#/$defs/missing` at `/properties/a` does not resolve within the schema"
    );
    assert_eq!(
        load_error("{"),
        "the schema is not valid JSON: EOF while parsing an object at line 1 column 1"
    );
    assert_eq!(
        load_error(r#"{"openapi": "3.0.0", "paths": {}}"#),
        "the OpenAPI document has no `put` operation on a path ending in `/access/organizations`"
    );
    assert_eq!(
        load_error(r#"{"openapi": "2.0", "paths": {}}"#),
        "unsupported OpenAPI version `2.0`: ztlint reads OpenAPI 3 documents"
    );
    assert!(load_error(r#"{"type": "no-such-type"}"#).starts_with("the schema is invalid: "));
}

#[test]
fn refs_inside_data_keywords_are_data() {
    let schema = r#"{"enum": [{"$ref": "https://example.com/x"}], "default": {"$ref": "y"}}"#;
    let loaded = Schema::from_json(schema);
    assert!(loaded.is_ok(), "{loaded:?}");
}

#[test]
fn recursive_local_references_load() {
    let schema = r##"{"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}}, "$ref": "#/$defs/node"}"##;
    let found = lint_with(schema, r#"{"next": {"next": 5}}"#);
    assert_eq!(
        summary(&found),
        [(
            "wrong-type",
            Span::new(18, 19),
            "`next.next` must be an object, found the number `5`".to_string()
        )]
    );
}

#[test]
fn an_unknown_meta_schema_is_not_fetched() {
    assert_eq!(
        load_error(r#"{"$schema": "https://example.com/meta", "type": "object"}"#),
        "the schema is invalid: Unknown meta-schema: 'https://example.com/meta'. Custom meta-schemas must be registered in the registry before use"
    );
}

#[test]
fn additional_properties_false_alone_reports_every_member() {
    // The `jsonschema` crate reports this case as one false-schema error on
    // the object, naming no key: each member is still found, the last of
    // duplicates once.
    let schema = r#"{"type": "object", "properties": {"a": {"type": "object", "additionalProperties": false}}}"#;
    let source = r#"{"a": {"x": 1, "x": 2, "y": 3}}"#;
    let found = lint_with(schema, source);
    assert_eq!(
        summary(&found),
        [
            (
                "duplicate-key",
                Span::new(15, 18),
                "duplicate key `a.x`".to_string()
            ),
            (
                "unknown-field",
                Span::new(15, 18),
                "unknown field `a.x`".to_string()
            ),
            (
                "unknown-field",
                Span::new(23, 26),
                "unknown field `a.y`".to_string()
            ),
        ]
    );
    // With `patternProperties` beside it the crate names the keys itself.
    let patterns =
        r#"{"type": "object", "patternProperties": {"^k": {}}, "additionalProperties": false}"#;
    let found = lint_with(patterns, r#"{"k1": 1, "x": 2}"#);
    assert_eq!(
        summary(&found),
        [(
            "unknown-field",
            Span::new(10, 13),
            "unknown field `x`".to_string()
        )]
    );
}
