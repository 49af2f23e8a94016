//! Linting a large body a window of its members and elements at a time.
//!
//! A body with a finding for each of millions of keys (unknown ones, or one
//! key repeated) or array elements would otherwise hold a tree node and a
//! finding for each until the report is sorted: some 500 bytes apiece, 24
//! to 260 times the size of the file. Instead:
//!
//! 1. A first parse checks the syntax and keeps the *skeleton*: of the
//!    root and of each object of a field in it (`login_design`,
//!    `mfa_config`, ...), the last member of each field (Go's decoder, and
//!    so every rule, takes the last of repeated keys); of each array of a
//!    field, its first element and the first of each new name of a renamed
//!    value (the rules that read an array whole ask whether it is empty and
//!    whether it lists the new name). Envelope keys are in the root's only
//!    when the body is a response envelope.
//! 2. Only the values of fields are read: every other value (of an unknown
//!    key, of an envelope key, an element that is an array or an object,
//!    an earlier copy of a field) is *pruned*, read for its syntax only.
//!    No rule but `duplicate-key` reads inside one.
//! 3. A second parse hands the other members and every element over one at
//!    a time, gathered in windows. Each window is linted with the skeleton,
//!    its children put in place; the findings inside its children are the
//!    window's. Those elsewhere (the skeleton's, the body's own) are the
//!    same in every window, and are kept from the first; they are merged
//!    in by position.
//! 4. A repeated key is found across windows by [`keys::Keys`]: the first
//!    parse notes every key of every object, handed or pruned, in a Bloom
//!    filter, and those it has seen before in a table that then learns each
//!    one's first, last and latest member. The last tells which copies
//!    Go's decoder ignores; those have no finding but their repeat, so they
//!    join no window. A pruned value with a key the table knows is read a
//!    third time once its member or element is in a window, its repeats
//!    then joining the window: they come after that child's own findings.
//!
//! A custom schema judges each window as the built-in one does, when its
//! keywords judge each member alone and read no pruned value's insides
//! (`schema/custom/windows.rs` says which); a body checked against any
//! other is linted whole.
//!
//! The findings are the whole lint's, in the same order: the test
//! `windows_lint_as_the_whole_body` holds it over every test payload with
//! windows of one to three children (with the built-in schemas and with
//! custom ones), and so does the `lint` fuzz target for every input. What
//! makes that so: a removal finds a member's neighbours in the text, for
//! they may be in another window; paths name an element by its index in
//! the whole array
//! ([`Context::items_from`](crate::rules::Context::items_from)); the "did
//! you mean" count goes on from window to window.

mod keys;
mod survey;
mod windowing;

use std::borrow::Cow;

use super::Linter;
use crate::diagnostic::Diagnostic;
use crate::json::{self, Member, Value, ValueKind};
use crate::rules::{self, structure};
use crate::span::Span;
use keys::Keys;
use survey::{Gathering, Survey};
use windowing::Windows;

/// How many members a window holds: enough that the skeleton, linted with
/// each window, costs little; few enough that a window's tree and findings
/// stay a few megabytes.
pub(super) const WINDOW: usize = 4096;

/// Bodies from this size up are linted in windows; a smaller one costs
/// little as a whole tree. Up to `MAX_WINDOWED`, so that offsets fit the
/// map of repeated keys.
pub(super) const WINDOWED_FROM: usize = 1 << 20;
const MAX_WINDOWED: usize = (1 << 31) - 1;

/// Whether a body of `len` bytes is linted in windows.
pub(super) fn is_large(len: usize) -> bool {
    (WINDOWED_FROM..=MAX_WINDOWED).contains(&len)
}

/// Lints `source` in windows of `size` members, handing each finding to
/// `each` in position order. `before` are the findings made before the
/// parse (a byte order mark, how the bytes were read). When the body is
/// not an object, nothing is handed over and `before` comes back, for a
/// whole lint.
pub(super) fn lint(
    linter: &Linter,
    source: &str,
    mut before: Vec<Diagnostic>,
    size: usize,
    each: &mut dyn FnMut(Diagnostic),
) -> Result<(), Vec<Diagnostic>> {
    if source.len() > MAX_WINDOWED {
        return Err(before);
    }
    let mut survey = Survey {
        keys: Keys::new(source),
        open: vec![Gathering::new(0, ROOT, ROOT, &[])],
        found: Vec::new(),
    };
    let braces = match json::parse_handing(source, reads_field_value_of_member, &mut survey) {
        Err(error) => {
            before.push(error.to_diagnostic());
            for diagnostic in linter.configure(before) {
                each(diagnostic);
            }
            return Ok(());
        }
        Ok(root) if root.as_object().is_some() => root.span(),
        Ok(_) => return Err(before),
    };
    let Survey { keys, open, found } = survey;
    let Some(mut root) = open.into_iter().next() else {
        return Err(before);
    };
    // In a body that is no envelope, the envelope keys are unknown fields.
    if !structure::is_envelope(|key| root.kept.iter().any(|m| m.key().as_str() == key)) {
        root.kept
            .retain(|m| crate::fields::find(&[m.key().as_str()]).is_some());
    }
    let (members, root) = root.into_container(Vec::new(), braces);
    let skeleton = Value::new(ValueKind::Object(members), braces);
    // Only the containers of the skeleton are handed over again; an
    // earlier copy of a key is read whole, as the rules read it.
    let mut containers = vec![root];
    containers.extend(found.into_iter().filter(|c| reaches(&skeleton, &c.way)));
    let skeleton = Skeleton {
        root: skeleton,
        containers,
        keys,
    };
    let mut windows = Windows::new(linter, source, skeleton, size, before, each);
    // The first parse found no error, and the second reads the same text.
    let _ = json::parse_handing(source, reads_field_value_of_member, &mut windows);
    windows.finish();
    Ok(())
}

/// What the first parse makes for the second: the skeleton, its
/// containers (the root's first), and the keys of their objects.
struct Skeleton<'a> {
    root: Value<'a>,
    containers: Vec<Container<'a>>,
    keys: Keys<'a>,
}

/// What the parses keep whole or hand over: the values of the field
/// table's fields. Inside the rest, which is pruned, the only findings are
/// repeated keys, which [`Keys`] finds.
fn reads_field_value_of_member(path: &[Cow<'_, str>], key: &str) -> bool {
    rules::field_at(path, key).is_some()
}

/// Whether the skeleton has a container at the end of `way`.
fn reaches(skeleton: &Value<'_>, way: &[usize]) -> bool {
    container_of(skeleton, way).is_some()
}

/// The container at the end of `way` in `skeleton`.
fn container_of<'t, 'a>(skeleton: &'t Value<'a>, way: &[usize]) -> Option<&'t Value<'a>> {
    let mut node = skeleton;
    for &at in way {
        node = node
            .as_object()?
            .iter()
            .find(|m| m.key().span().start() == at)?
            .value();
    }
    Some(node)
}

/// The keys of the members on `way` in `skeleton`: the path of the
/// container at its end.
fn keys_on<'t>(skeleton: &'t Value<'_>, way: &[usize]) -> Vec<&'t str> {
    let mut keys = Vec::with_capacity(way.len());
    let mut node = skeleton;
    for &at in way {
        let Some(member) = node
            .as_object()
            .and_then(|members| members.iter().find(|m| m.key().span().start() == at))
        else {
            break;
        };
        keys.push(member.key().as_str());
        node = member.value();
    }
    keys
}

/// [`container_of`], to change it.
fn container_mut<'t, 'a>(skeleton: &'t mut Value<'a>, way: &[usize]) -> Option<&'t mut Value<'a>> {
    let mut node = skeleton;
    for &at in way {
        let ValueKind::Object(members) = node.kind_mut() else {
            return None;
        };
        node = members
            .iter_mut()
            .find(|m| m.key().span().start() == at)?
            .value_mut();
    }
    Some(node)
}

/// A container whose children the parses hand over one at a time: the
/// root, and the objects and arrays of the field table's fields in it.
struct Container<'a> {
    /// Where the keys of the members down to it start, from the root's.
    way: Vec<usize>,
    span: Span,
    array: bool,
    /// Where the keys of an object's members in the skeleton start, in
    /// order.
    kept: Vec<usize>,
    /// The elements of an array in the skeleton, with their indices: the
    /// first, and the first of each new name of a renamed value, so that
    /// the rules that read the array whole (is it empty, does it list the
    /// new name) read it alike in every window.
    representatives: Vec<(usize, Value<'a>)>,
    /// In the second parse: the index of an array's next element, and
    /// whether its member was noted (at its first child, for its repeat to
    /// come before its children's findings).
    next: usize,
    noted: bool,
}

impl Container<'_> {
    /// Where the key of its member starts; the root's is `ROOT`.
    fn address(&self) -> usize {
        self.way.last().copied().unwrap_or(ROOT)
    }

    /// What [`Keys`] knows its object by: where its `{` is, as for the
    /// pruned objects; the root's is `ROOT`.
    fn keys_address(&self) -> usize {
        if self.way.is_empty() {
            ROOT
        } else {
            self.span.start()
        }
    }
}

const ROOT: usize = usize::MAX;

/// The members of `a` and `b`, each in source order, in source order.
fn merge_by_start<'a>(a: Vec<Member<'a>>, b: Vec<Member<'a>>) -> Vec<Member<'a>> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for member in a {
        while let Some(next) = b.next_if(|n| n.span().start() < member.span().start()) {
            out.push(next);
        }
        out.push(member);
    }
    out.extend(b);
    out
}

/// Whether `start..end` lies inside one of `spans`, which are in order and
/// do not overlap.
fn inside(spans: &[Span], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.start() <= start);
    i.checked_sub(1)
        .and_then(|i| spans.get(i))
        .is_some_and(|s| end <= s.end())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::lint;
    use crate::schema::Schema;
    use crate::{Diagnostic, Linter, Profile, Severity};

    /// Every JSON text of the repository's examples, tests and fuzz seeds,
    /// and of the rules' explanations.
    fn payloads() -> Vec<String> {
        fn walk(dir: &Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    if text.trim_start().starts_with(['{', '\u{feff}']) {
                        out.push(text);
                    }
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["examples", "tests", "fuzz/seeds", "fuzz/regressions"] {
            walk(&root.join(dir), &mut out);
        }
        for rule in crate::rules::all() {
            let mut rest = rule.explanation();
            while let Some(at) = rest.find("```json\n") {
                let block = &rest[at + 8..];
                let end = block.find("```").unwrap_or(block.len());
                out.push(block[..end].to_string());
                rest = &block[end..];
            }
        }
        out
    }

    /// Bodies whose findings cross windows: repeated keys, known and
    /// unknown, around the fields the rules read together.
    fn crossing() -> Vec<String> {
        let mut out = vec![
            r#"{"a": 1, "name": "", "a": {"x": 1}, "b": 2, "name": "W", "a": 3, "session_duration": "1d", "b": 4}"#.to_string(),
            r#"{"x": 1, "is_ui_read_only": true, "y": 2, "is_ui_read_only": "true", "z": 3}"#.to_string(),
            "{\n  \"nmae\": 1,\n  \"auth_domian\": \"a\",\n  \"result\": {},\n  \"success\": true\n}".to_string(),
            r#"{"success": true, "x": 1, "errors": [], "name": null}"#.to_string(),
            r#"{"login_design": {"txt_color": "red", "x": 1}, "y": 1, "logindesign": 2, "NAME": "a"}"#.to_string(),
            r#"{"a":1,"a":2,"a":3}"#.to_string(),
            "\u{feff}{\"a\": 1, \"b\": [1, {\"c\": 2, \"c\": 3}], \"allowed_idps\": [1]}".to_string(),
            r#"{"q": 1, "q": {"r": 1}, "q": {"s": 1}, "q": 2}"#.to_string(),
            r#"{"a\u0062": 1, "ab": 2, "x": {"ab": 1}, "ab": 3}"#.to_string(),
            r#"{"is_ui_read_only": true, "k": 1, "ui_read_only_toggle_reason": "", "k": 2}"#.to_string(),
            r#"{"x": 1, "deny_unmatched_requests_exempted_zone_names": ["a.com", 1, {"b": 1, "b": 2}, null, "http://x/", "bad_zone", [], "c.org"], "y": 2, "deny_unmatched_requests": true}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": [1, 2], "q": 1, "deny_unmatched_requests_exempted_zone_names": ["a", "b_", "c"]}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": ["a_", "b_", "c_", "d_"], "deny_unmatched_requests_exempted_zone_names": [1]}"#.to_string(),
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": ["totp", "x", 3, "y"]}, "z": 1, "zz": 2}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": [], "a": 1}"#.to_string(),
            r##"{"login_design": {"text_color": "red", "x": 1, "y": [1, {"a": 1, "a": 2}], "x": 2, "logo_path": "http://a/b.png", "TEXT_COLOR": "#fff"}, "k": 1, "login_design": {"z": 1, "footer_text": "", "z": {}, "z": 3}}"##.to_string(),
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": ["ssh_piv_key", "totp", 7, "ssh_piv_key", "piv_key", null, "x"], "sesion_duration": "1h", "q": 1, "q": 2}}"#.to_string(),
            r#"{"mfa_config": {"allowed_authenticators": ["ssh_piv_key", "ssh_piv_key", "totp"]}, "mfa_config": {"allowed_authenticators": []}}"#.to_string(),
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": []}, "custom_pages": {"forbidden": "x", "a": 1, "b": 2}}"#.to_string(),
            r#"{"mfa_piv_key_requirements": {"ssh_key_size": [256, 1, "x", 4096], "ssh_key_type": ["rsa", "dsa"], "u": 1}, "result": {"a": 1}}"#.to_string(),
            r#"{"success": true, "errors": [{"a": 1, "a": 2}], "result": {"name": "", "x": [1, 2]}}"#.to_string(),
            // Repeats inside values no rule reads: of unknown keys, of an
            // envelope, of elements, of earlier copies of a field.
            r#"{"q": {"a": [{"b": 1, "b": 2}, [{"c": 1, "c": {}, "c": 3}]], "a": 2}, "name": "x", "q": 3}"#.to_string(),
            r#"{"success": true, "errors": [{"code": 1, "code": 2, "x": [{"a": 1, "a": 1}]}], "result": {"x": 1, "x": 2, "login_design": {"y": 1, "y": 2}}, "messages": {"a": 1, "a": 2}}"#.to_string(),
            r#"{"login_design": {"x": 1, "text_color": "red", "x": 2, "y": {"z": 1, "z": 2}}, "k": 1, "login_design": {"x": 1, "x": {}, "x": 2}}"#.to_string(),
            r#"{"deny_unmatched_requests_exempted_zone_names": ["a.com", [1, {"a": 1, "a": 2}], {"b": [1, 1], "b": 2}, [[{"c": 1, "c": 2}]], "b.com"]}"#.to_string(),
            r#"{"mfa_config": {"allowed_authenticators": [{"a": 1, "a": 2}], "q": {"r": 1, "r": 2}}, "mfa_config": {"allowed_authenticators": ["totp", {"a": 1, "a": 2}]}}"#.to_string(),
            r#"{"q": [{"a": 1}, {"a": 2}], "r": {"a": 1, "s": {"a": 1}}, "t": {"a\u0062": 1, "ab": 2}}"#.to_string(),
            r#"{"q": {"a": 1, "a": 2}, "q": {"b": 1, "b": 2}, "name": "x"}"#.to_string(),
            r#"{"result": {"a": 1}, "result": {"a": 1, "a": 2}}"#.to_string(),
            // A repeat whose value has repeats in it comes before them.
            r#"{"q": {"a": {"x": 1, "x": 2}, "a": {"y": [{"z": 1, "z": 2}], "y": 2}}}"#.to_string(),
            // Removals of the latest copy run past values of every kind.
            "{\"a\": [1, \"]\", {\"x\": \"}\"}] ,\n \"b\": 1, \"a\": \"x\\\",]\"\t, \"a\": -1.5e3 , \"a\": {}, \"q\": {\"c\": [[]], \"c\": true,\"c\":null}}".to_string(),
            "{}".to_string(),
            "[]".to_string(),
            r#"{"a": 1,}"#.to_string(),
        ];
        // The 200th unknown field gets a "did you mean", the 201st none.
        let distinct: Vec<String> = (0..198).map(|i| format!("\"x{i}\": 1")).collect();
        out.push(format!(
            "{{\"sesion_duration\": \"1h\", {}, \"nmae\": 1, \"auth_domian\": \"a\"}}",
            distinct.join(", ")
        ));
        let keys: Vec<String> = (0..230).map(|i| format!("\"x{}\": {i}", i % 7)).collect();
        out.push(format!(
            "{{\"sesion_duration\": \"1h\", {}, \"nmae\": 1, \"auth_domian\": \"a\", \"login_design\": {{\"bg_color\": 1, \"txt\": 2}}}}",
            keys.join(", ")
        ));
        out
    }

    fn windowed(linter: &Linter, source: &str, size: usize) -> Option<Vec<Diagnostic>> {
        let mut out = Vec::new();
        let before = linter.find_unparsed(source);
        lint(linter, source, before, size, &mut |d| out.push(d))
            .ok()
            .map(|()| out)
    }

    #[test]
    fn keys_know_repeats_whatever_the_filter_takes_for_one() {
        let source = r#"{"a": 1, "b": 2, "a": 3, "c": {}, "b": {}, "b": 4, "d": 5}"#;
        let doc = crate::json::parse(source).unwrap();
        let members = doc.as_object().unwrap();
        // 64 bits: most keys look seen before; and a filter of its own size.
        for mut keys in [super::Keys::with_bits(source, 64), super::Keys::new(source)] {
            for member in members {
                keys.note(
                    super::ROOT,
                    member.key().as_str(),
                    member.key().span().start(),
                );
            }
            let visits: Vec<_> = members
                .iter()
                .map(|m| {
                    let is_object = m.value().as_object().is_some();
                    let visit = keys.visit(super::ROOT, m.key(), is_object);
                    let repeat = visit
                        .repeat
                        .map(|(first, latest, object)| (first, &source[latest.range()], object));
                    (m.key().as_str(), visit.shadowed, repeat)
                })
                .collect();
            assert_eq!(
                visits,
                [
                    ("a", true, None),
                    ("b", true, None),
                    ("a", false, Some((1, r#""a": 1, "#, false))),
                    ("c", false, None),
                    ("b", true, Some((9, r#""b": 2, "#, false))),
                    ("b", false, Some((9, r#""b": {}, "#, true))),
                    ("d", false, None),
                ]
            );
        }
        // Another object's `a` is another key.
        let source = r#"{"a": {"a": 1}}"#;
        let doc = crate::json::parse(source).unwrap();
        let outer = &doc.as_object().unwrap()[0];
        let inner = &outer.value().as_object().unwrap()[0];
        // 64 bits: the filter takes the second `a` for the first.
        let mut keys = super::Keys::with_bits(source, 64);
        keys.note(super::ROOT, "a", 1);
        keys.note(6, "a", 7);
        for (address, member) in [(super::ROOT, outer), (6, inner)] {
            let is_object = member.value().as_object().is_some();
            let visit = keys.visit(address, member.key(), is_object);
            assert!(!visit.shadowed && visit.repeat.is_none());
        }
    }

    /// Custom schemas that judge a body a window at a time: the generated
    /// one, and one with every kind of keyword that may.
    fn custom_schemas() -> Vec<Schema> {
        let generated =
            serde_json::to_string(&crate::fields::schema(Profile::AccountUpdate)).unwrap();
        let by_hand = r##"{
            "type": "object",
            "required": ["name", "auth_domain"],
            "properties": {
                "name": {"type": "string", "maxLength": 3, "pattern": "^W"},
                "session_duration": {"allOf": [{"$ref": "#/$defs/duration"}]},
                "login_design": {
                    "type": "object",
                    "required": ["text_color"],
                    "properties": {"text_color": {"enum": ["#fff", "#000", null]}},
                    "additionalProperties": {"type": ["string", "integer"], "minimum": 2}
                },
                "deny_unmatched_requests_exempted_zone_names": {
                    "type": "array",
                    "items": {"type": "string", "minLength": 4, "format": "hostname"}
                },
                "mfa_config": {"properties": {"allowed_authenticators": {"items": {"const": "totp"}}}},
                "q": {"type": "number", "exclusiveMaximum": 2, "multipleOf": 0.5},
                "result": {"type": "object", "x-note": "pruned"}
            },
            "additionalProperties": {"type": ["integer", "string", "boolean"], "maximum": 2},
            "$defs": {"duration": {"type": "string", "pattern": "^[0-9]+[hm]$"}}
        }"##;
        let patterns = r#"{
            "allOf": [{"properties": {"name": {"type": "string"}}}],
            "patternProperties": {"^x": {"type": "integer"}, "_(color|path)$": {"minLength": 3}},
            "properties": {"login_design": {"patternProperties": {"color$": {"pattern": "^#"}}, "additionalProperties": false}},
            "additionalProperties": {"type": ["number", "object"]}
        }"#;
        [
            generated.as_str(),
            by_hand,
            r#"{"additionalProperties": false}"#,
            patterns,
        ]
        .into_iter()
        .map(|text| {
            let schema = Schema::from_json(text).unwrap();
            assert!(schema.judges_windows(), "{text}");
            schema
        })
        .collect()
    }

    #[test]
    fn a_schema_whose_members_are_judged_together_would_lint_windows_otherwise() {
        // Under `allOf`, `q`'s failure leaves `r` unevaluated: in the
        // window without `q`, `r` would pass.
        let schema = Schema::from_json(
            r#"{"allOf": [{"properties": {"q": {"type": "string"}, "r": true}}], "unevaluatedProperties": false}"#,
        )
        .unwrap();
        assert!(!schema.judges_windows());
        let linter = Linter::new().schema(schema);
        let source = r#"{"q": 1, "r": 1}"#;
        let codes = |found: &[Diagnostic]| found.iter().map(Diagnostic::code).collect::<Vec<_>>();
        assert_eq!(
            codes(&linter.lint(source)),
            ["unknown-field", "wrong-type", "unknown-field"]
        );
        let windows = windowed(&linter, source, 1).unwrap();
        assert_eq!(codes(&windows), ["unknown-field", "wrong-type"]);
    }

    #[test]
    fn windows_lint_as_the_whole_body() {
        let schemas = custom_schemas();
        let linters = [
            Linter::new().schema(schemas[0].clone()),
            Linter::new().schema(schemas[1].clone()),
            Linter::new().schema(schemas[2].clone()),
            Linter::new().schema(schemas[3].clone()),
            Linter::new(),
            Linter::new().profile(Profile::Create),
            Linter::new().profile(Profile::ZoneUpdate),
            Linter::new().ignore("duplicate-key").unwrap(),
            Linter::new()
                .select("unknown-field")
                .unwrap()
                .select("duplicate-key")
                .unwrap()
                .severity("unknown-field", Some(Severity::Error))
                .unwrap(),
        ];
        let mut texts = payloads();
        texts.extend(crossing());
        assert!(texts.len() > 150, "{} payloads", texts.len());
        let mut windowed_count = 0;
        for text in &texts {
            for (i, linter) in linters.iter().enumerate() {
                let whole = linter.lint(text);
                // A custom schema that judges windows reads nothing the
                // parse drops.
                if i < schemas.len() {
                    assert_eq!(whole, linter.lint_whole_tree(text), "{text}");
                }
                // Only a body that is no object is left to the whole lint.
                let object = text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with('{');
                for size in [1, 2, 3, super::WINDOW] {
                    let found = windowed(linter, text, size);
                    assert_eq!(found.is_some(), object, "{text}");
                    if let Some(found) = found {
                        windowed_count += 1;
                        assert_eq!(found, whole, "window of {size} on {text}");
                    }
                }
            }
        }
        assert!(windowed_count > 6000, "{windowed_count}");
    }
}
