//! 100,000 findings in one file lint and render in every format, complete
//! where the format is complete and capped where the human report caps.
//! (Speed is measured in `benches/scale.rs`, not here.)

mod scale_support;

use ztlint::render::{self, FileReport, HumanStyle};

const COUNT: usize = 100_000;

fn check_every_format(source: &str, first: &str, last: (usize, usize)) {
    let diagnostics = ztlint::lint(source);
    assert_eq!(diagnostics.len(), COUNT);
    assert!(diagnostics.iter().all(|d| d.code() == "unknown-field"));
    let files = [FileReport {
        name: "scale.json",
        source,
        diagnostics: &diagnostics,
    }];

    let concise = render::concise(&files);
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), COUNT);
    assert_eq!(
        lines[0],
        format!("scale.json:{first}: warning[unknown-field] unknown field `unknown_0`")
    );
    assert_eq!(
        lines[COUNT - 1],
        format!(
            "scale.json:{}:{}: warning[unknown-field] unknown field `unknown_99999`",
            last.0, last.1
        )
    );

    assert_eq!(render::github(&files).lines().count(), COUNT);

    let json: serde_json::Value = serde_json::from_str(&render::json(&files)).unwrap();
    let all = json["diagnostics"].as_array().unwrap();
    assert_eq!(all.len(), COUNT);
    assert_eq!(all[COUNT - 1]["line"], last.0);
    assert_eq!(all[COUNT - 1]["column"], last.1);
    assert_eq!(json["summary"]["warnings"], COUNT);

    // SARIF keeps GitHub's 25,000 results per run.
    let sarif: serde_json::Value = serde_json::from_str(&render::sarif(&files)).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        25_000
    );

    let human = render::human(&files[0], &HumanStyle::default());
    assert_eq!(
        human.matches("unknown-field\n\n  ⚠ unknown field").count(),
        100
    );
    assert!(human.ends_with(
        "\n… and 99900 more findings in scale.json, not drawn: this report stops after 100; \
         the concise, json and sarif formats list every one\n"
    ));
    assert!(!human.contains("internal error"));
    assert_eq!(render::summary(&files), "100000 warnings in 1 file");

    // The writers stream exactly the same bytes, and stop at a writer's
    // first error.
    let streams: [(Render, Write); 4] = [
        (render::concise, |f, w| render::write_concise(f, w)),
        (render::github, |f, w| render::write_github(f, w)),
        (render::json, |f, w| render::write_json(f, w)),
        (render::sarif, |f, w| render::write_sarif(f, w)),
    ];
    for (whole, write) in streams {
        let mut out = Vec::new();
        write(&files, &mut out).unwrap();
        assert!(out == whole(&files).as_bytes());
        let mut full = DiskFull {
            room: 4096,
            written: Vec::new(),
        };
        let error = write(&files, &mut full).unwrap_err();
        assert_eq!(error.to_string(), "no space left");
        assert!(out.starts_with(&full.written) && full.written.len() <= 4096);
    }
}

#[test]
fn a_custom_schema_locates_every_finding() {
    let closed = r#"{"type": "object", "additionalProperties": false}"#;
    let strings = r#"{"type": "object", "additionalProperties": {"type": "string"}}"#;
    for (schema, source, code, last) in [
        (
            closed,
            scale_support::unknown_keys(COUNT, false),
            "unknown-field",
            "\"unknown_99999\"",
        ),
        (
            strings,
            scale_support::null_values(COUNT),
            "null-value",
            "null\n}",
        ),
    ] {
        let schema = ztlint::schema::Schema::from_json(schema).unwrap();
        let found = ztlint::Linter::new().schema(schema).lint(&source);
        assert_eq!(found.len(), COUNT);
        assert!(found.iter().all(|d| d.code() == code), "{:?}", found[0]);
        let start = source.rfind(last).unwrap();
        assert_eq!(found[COUNT - 1].span().start(), start);
    }
}

type Render = fn(&[FileReport<'_>]) -> String;
type Write = fn(&[FileReport<'_>], &mut dyn std::io::Write) -> std::io::Result<()>;

/// A writer that takes `room` bytes, then fails.
struct DiskFull {
    room: usize,
    written: Vec<u8>,
}

impl std::io::Write for DiskFull {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.room - self.written.len());
        if n == 0 && !buf.is_empty() {
            return Err(std::io::Error::other("no space left"));
        }
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn one_key_per_line() {
    let source = scale_support::unknown_keys(COUNT, false);
    check_every_format(&source, "2:1", (100_001, 1));
}

#[test]
fn every_key_on_one_line() {
    let source = scale_support::unknown_keys(COUNT, true);
    let last = source.find("\"unknown_99999\"").unwrap();
    check_every_format(&source, "1:2", (1, last + 1));
}

#[test]
fn duplicates_on_one_line() {
    let source = scale_support::duplicate_keys(COUNT + 1);
    let diagnostics = ztlint::lint(&source);
    assert_eq!(diagnostics.len(), COUNT);
    assert!(diagnostics.iter().all(|d| d.code() == "duplicate-key"));
    let file = FileReport {
        name: "dup.json",
        source: &source,
        diagnostics: &diagnostics,
    };
    let human = render::human(&file, &HumanStyle::default());
    assert_eq!(
        human
            .matches("duplicate-key\n\n  ⚠ duplicate key `name`")
            .count(),
        100
    );
    assert!(human.contains("… and 99900 more findings in dup.json"));
    assert_eq!(render::concise(&[file]).lines().count(), COUNT);
}
