//! Exact checks of every output format: positions with non-ASCII text and
//! CRLF line ends, the JSON document field by field, GitHub's escaping, and
//! that no input makes a renderer panic.

mod render_fixtures;

use render_fixtures::{hand_built, odd_fixture, reports, span_of, Rng};
use serde_json::{json, Value};
#[cfg(feature = "cli")]
use ztlint::render::HumanStyle;
use ztlint::render::{self, FileReport};
use ztlint::{Diagnostic, Edit, Fix, Severity, Span};

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("output is JSON")
}

#[test]
fn columns_count_characters_after_non_ascii_text_in_every_format() {
    // Line 2 of findings.json: `  "name": "Wïdget Cörps 🙂", "session_duration": "1d",`.
    // 48 characters (53 bytes: ï, ö take two, 🙂 four) come before `"1d"`.
    let fixtures = hand_built();
    let files = reports(&fixtures[1..2]);
    let source = &fixtures[1].source;
    let one_d = span_of(source, "\"1d\"", 0);
    assert_eq!(one_d, Span::new(55, 59));

    let concise = render::concise(&files);
    assert!(
        concise.starts_with("configs/findings.json:2:49: error[duration-syntax] "),
        "{concise}"
    );

    let doc = parse(&render::json(&files));
    let d = &doc["diagnostics"][0];
    assert_eq!(
        (
            &d["offset"],
            &d["length"],
            &d["line"],
            &d["column"],
            &d["end_line"],
            &d["end_column"]
        ),
        (
            &json!(55),
            &json!(4),
            &json!(2),
            &json!(49),
            &json!(2),
            &json!(53)
        )
    );

    let github = render::github(&files);
    assert!(
        github.starts_with(
            "::error file=configs/findings.json,line=2,col=49,endLine=2,endColumn=53,"
        ),
        "{github}"
    );

    let sarif = parse(&render::sarif(&files));
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    // `charOffset` counts code points from the start of the file: `{`, the
    // newline, then the 48 of line 2.
    assert_eq!(
        region,
        &json!({"startLine": 2, "startColumn": 49, "endLine": 2, "endColumn": 53, "charOffset": 50, "charLength": 4})
    );

    #[cfg(feature = "cli")]
    {
        let human = render::human(&fixtures[1].report(), &HumanStyle::default());
        assert!(human.contains("╭─[configs/findings.json:2:49]"), "{human}");
    }
}

#[test]
fn crlf_line_ends_count_as_one_line_break() {
    let fixtures = hand_built();
    let crlf = &fixtures[2];
    let files = [crlf.report()];
    let thirty = span_of(&crlf.source, "\"30 minutes\"", 0);
    assert_eq!(thirty, Span::new(52, 64));
    assert_eq!(
        render::concise(&files),
        "crlf.json:3:23: error[duration-syntax] `session_duration` is `30 minutes`, which Go's \
         time.ParseDuration rejects: unknown unit \" minutes\"\n"
    );
    let doc = parse(&render::json(&files));
    let d = &doc["diagnostics"][0];
    assert_eq!(
        (&d["line"], &d["column"], &d["end_column"]),
        (&json!(3), &json!(23), &json!(35))
    );
    let sarif = parse(&render::sarif(&files));
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    // `\r\n` is two characters: `{\r\n` (3) and line 2 (27) come first.
    assert_eq!(
        (&region["charOffset"], &region["charLength"]),
        (&json!(52), &json!(12))
    );
}

#[test]
fn a_byte_order_mark_takes_no_column() {
    let source = "\u{feff}{\"a\": 1,}";
    let diagnostics = ztlint::lint(source);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["byte-order-mark", "json-syntax"]);
    let files = [FileReport {
        name: "bom.json",
        source,
        diagnostics: &diagnostics,
    }];
    // The trailing comma is the 8th character after the mark.
    assert_eq!(diagnostics[1].span(), Span::new(10, 11));
    let concise = render::concise(&files);
    assert_eq!(
        concise,
        "bom.json:1:1: error[byte-order-mark] the payload starts with a byte order mark (U+FEFF)\n\
         bom.json:1:8: error[json-syntax] trailing comma is not allowed in JSON\n"
    );
    let doc = parse(&render::json(&files));
    assert_eq!(doc["diagnostics"][1]["offset"], 10);
    assert_eq!(doc["diagnostics"][1]["column"], 8);
    let sarif = parse(&render::sarif(&files));
    let region = &sarif["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startColumn"], &region["charOffset"]),
        (&json!(8), &json!(7))
    );
    #[cfg(feature = "cli")]
    {
        let human = render::human(&files[0], &HumanStyle::default());
        assert!(human.contains("╭─[bom.json:1:8]"), "{human}");
    }
}

#[test]
fn json_has_every_field_in_order() {
    let fixtures = hand_built();
    let out = render::json(&reports(&fixtures));
    assert!(out.ends_with("}\n"));
    let doc = parse(&out);
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(doc["version"], 1);
    assert_eq!(
        doc["summary"],
        json!({"errors": 3, "warnings": 2, "infos": 1, "files": 3})
    );
    let diagnostics = doc["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 6);

    let duplicate = &diagnostics[4];
    assert_eq!(
        duplicate,
        &json!({
            "file": "configs/findings.json",
            "code": "duplicate-key",
            "severity": "warning",
            "message": "`name` appears twice; Cloudflare keeps the last one",
            "offset": 194, "length": 6,
            "line": 6, "column": 3, "end_line": 6, "end_column": 9,
            "label": "kept",
            "help": null,
            "labels": [{
                "file": "configs/findings.json",
                "offset": 4, "length": 6,
                "line": 2, "column": 3, "end_line": 2, "end_column": 9,
                "message": "ignored"
            }],
            "fixes": [{
                "message": "Remove the first `name`",
                "applicability": "unsafe",
                "edits": [{
                    "offset": 4, "length": 31,
                    "line": 2, "column": 3, "end_line": 2, "end_column": 29,
                    "replacement": ""
                }]
            }]
        })
    );
    let info = &diagnostics[1];
    assert_eq!(
        (&info["severity"], &info["label"], &info["help"]),
        (&json!("info"), &Value::Null, &Value::Null)
    );
    assert_eq!((&info["labels"], &info["fixes"]), (&json!([]), &json!([])));

    // The field order is part of the format: check it in the text itself.
    let order = [
        "\"file\"",
        "\"code\"",
        "\"severity\"",
        "\"message\"",
        "\"offset\"",
        "\"length\"",
        "\"line\"",
        "\"column\"",
        "\"end_line\"",
        "\"end_column\"",
        "\"label\"",
        "\"help\"",
        "\"labels\"",
        "\"fixes\"",
    ];
    let first = &out[out.find("\"file\"").expect("a diagnostic")..];
    let positions: Vec<usize> = order.iter().map(|k| first.find(k).expect("key")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // `serde_json` without `preserve_order` sorts maps, so `keys` shows the
    // set of keys, not their order.
    assert_eq!(keys(&doc).len(), 3);
}

#[test]
fn a_clean_run_is_an_empty_document() {
    let fixtures = hand_built();
    let out = render::json(&reports(&fixtures[..1]));
    assert_eq!(
        parse(&out),
        json!({"version": 1, "diagnostics": [], "summary": {"errors": 0, "warnings": 0, "infos": 0, "files": 1}})
    );
    assert_eq!(render::concise(&reports(&fixtures[..1])), "");
    assert_eq!(render::github(&reports(&fixtures[..1])), "");
    #[cfg(feature = "cli")]
    assert_eq!(
        render::human(&fixtures[0].report(), &HumanStyle::default()),
        ""
    );
}

#[test]
fn github_escapes_exactly_like_the_toolkit() {
    let source = "{\"a\": 1}";
    let diagnostics = [
        Diagnostic::new(
            "rule-a",
            Severity::Error,
            "100% wrong\r\nreally: a, b",
            Span::new(1, 4),
        )
        .with_help("fix it: 50%\nnow"),
        Diagnostic::new("rule-b", Severity::Warning, "no help", Span::new(6, 7)),
        Diagnostic::new(
            "rule-c",
            Severity::Info,
            "%0A stays literal",
            Span::new(0, 8),
        ),
    ];
    let out = render::github(&[FileReport {
        name: "dir,x/a:b%.json",
        source,
        diagnostics: &diagnostics,
    }]);
    assert_eq!(
        out,
        "::error file=dir%2Cx/a%3Ab%25.json,line=1,col=2,endLine=1,endColumn=5,title=ztlint(rule-a)\
         ::100%25 wrong%0D%0Areally: a, b%0Afix it: 50%25%0Anow\n\
         ::warning file=dir%2Cx/a%3Ab%25.json,line=1,col=7,endLine=1,endColumn=8,title=ztlint(rule-b)\
         ::no help\n\
         ::notice file=dir%2Cx/a%3Ab%25.json,line=1,col=1,endLine=1,endColumn=9,title=ztlint(rule-c)\
         ::%250A stays literal\n"
    );
}

#[cfg(feature = "cli")]
#[test]
fn human_color_is_ansi_only_when_asked() {
    let fixtures = render_fixtures::end_to_end();
    let plain = render::human(&fixtures[0].report(), &HumanStyle::default());
    let colored = render::human(
        &fixtures[0].report(),
        &HumanStyle {
            color: true,
            width: 100,
            ..HumanStyle::default()
        },
    );
    assert!(!plain.contains('\u{1b}'));
    assert!(colored.contains("\u{1b}["));
}

#[cfg(feature = "cli")]
#[test]
fn human_shows_control_characters_harmlessly() {
    let source = "{\"a\u{1b}[2J\": 1}";
    let diagnostics = [Diagnostic::new(
        "rule",
        Severity::Error,
        "bad \u{1b}[2J key\nhere",
        Span::new(1, 8),
    )
    .with_label("l\u{7}")
    .with_help("h\r")
    .with_fix(Fix::safe("f\u{0}", vec![Edit::delete(Span::new(1, 8))]))];
    let out = render::human(
        &FileReport {
            name: "x\u{1b}.json",
            source,
            diagnostics: &diagnostics,
        },
        &HumanStyle::default(),
    );
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(out.contains("bad \\u{1b}[2J key\\nhere"), "{out}");
    assert!(out.contains("{\"a?[2J\": 1}"), "{out}");
    assert!(out.contains("[x\\u{1b}.json:1:2]"), "{out}");
}

#[test]
fn no_input_makes_a_renderer_panic() {
    let mut rng = Rng::new(0x2d_1f7e);
    #[cfg(feature = "cli")]
    let styles = [
        HumanStyle {
            color: false,
            width: 0,
            ..HumanStyle::default()
        },
        HumanStyle {
            color: true,
            width: 1,
            ..HumanStyle::default()
        },
        HumanStyle {
            color: false,
            width: 37,
            ..HumanStyle::default()
        },
        HumanStyle::default(),
    ];
    for case in 0..400 {
        let fixtures: Vec<_> = (0..1 + rng.below(3))
            .map(|_| odd_fixture(&mut rng))
            .collect();
        let files = reports(&fixtures);
        let findings: usize = files.iter().map(|f| f.diagnostics.len()).sum();

        let concise = render::concise(&files);
        assert_eq!(
            concise.lines().count(),
            findings,
            "case {case}: {concise:?}"
        );
        let github = render::github(&files);
        assert_eq!(github.lines().count(), findings, "case {case}: {github:?}");
        assert!(github.lines().all(|l| l.starts_with("::")), "case {case}");

        let doc = parse(&render::json(&files));
        assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(findings));
        let sarif = parse(&render::sarif(&files));
        assert_eq!(
            sarif["runs"][0]["results"].as_array().map(Vec::len),
            Some(findings)
        );

        let _ = render::summary(&files);
        #[cfg(feature = "cli")]
        for file in &files {
            let human = render::human(file, &styles[case % styles.len()]);
            assert_eq!(human.is_empty(), file.diagnostics.is_empty(), "case {case}");
        }
    }
}

#[test]
fn spans_past_the_end_and_empty_sources_are_clamped() {
    let diagnostics = [
        Diagnostic::new("far", Severity::Error, "far away", Span::new(1000, 2000))
            .with_secondary(Span::new(5000, 5001), "further")
            .with_fix(Fix::safe(
                "f",
                vec![Edit::replace(Span::new(900, 901), "x")],
            )),
        Diagnostic::new("inside", Severity::Warning, "inside é", Span::new(2, 2)),
    ];
    for source in ["", "é", "\n", "\u{feff}"] {
        let files = [FileReport {
            name: "odd.json",
            source,
            diagnostics: &diagnostics,
        }];
        let doc = parse(&render::json(&files));
        let far = &doc["diagnostics"][0];
        let len = source.len();
        assert_eq!(
            (&far["offset"], &far["length"]),
            (&json!(len), &json!(0)),
            "{source:?}"
        );
        assert_eq!(far["labels"][0]["offset"], json!(len));
        assert_eq!(far["fixes"][0]["edits"][0]["offset"], json!(len));
        // Offset 2 is inside `é` (bytes 0..2 would be its end) or past the
        // end; either way it lands on a character boundary.
        let inside = doc["diagnostics"][1]["offset"].as_u64().expect("offset") as usize;
        assert!(source.is_char_boundary(inside), "{source:?}: {inside}");
        let _ = render::concise(&files);
        let _ = render::github(&files);
        let _ = render::sarif(&files);
        #[cfg(feature = "cli")]
        let _ = render::human(&files[0], &HumanStyle::default());
    }
    let empty = [FileReport {
        name: "empty.json",
        source: "",
        diagnostics: &diagnostics[..1],
    }];
    assert_eq!(
        render::concise(&empty),
        "empty.json:1:1: error[far] far away\n"
    );
}
