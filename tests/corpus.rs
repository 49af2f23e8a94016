//! Real payload shapes, as Cloudflare's docs, SDK tests, the Terraform
//! provider (v4 through cloudflare-go v0, and v5) and other clients send
//! them. Each `tests/corpus/NAME.json` has a `NAME.source.md` that says
//! where it comes from and a `NAME.expected` with every finding ztlint must
//! report, one `LINE:COLUMN-END_LINE:END_COLUMN SEVERITY CODE` per line, after an optional
//! `profile: NAME` line. An error is listed only where the server refuses
//! the body; the test fails on any other.

use std::path::Path;

use ztlint::{LineIndex, Linter, Profile, Severity};

#[test]
fn every_real_payload_gets_exactly_its_expected_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{} payloads", names.len());
    let mut errors = 0;
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(
            path.with_extension("source.md").exists(),
            "{name}: no source.md"
        );
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name}: no .expected"));
        let mut profile = Profile::AccountUpdate;
        let mut want = Vec::new();
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            match line.strip_prefix("profile: ") {
                Some(p) => profile = p.parse().unwrap(),
                None => want.push(line.to_string()),
            }
        }
        let index = LineIndex::new(&source);
        let got: Vec<String> = Linter::new()
            .profile(profile)
            .lint(&source)
            .iter()
            .map(|d| {
                if d.severity() == Severity::Error {
                    errors += 1;
                }
                let (at, end) = (
                    index.position(d.span().start()),
                    index.position(d.span().end()),
                );
                format!(
                    "{}:{}-{}:{} {} {}",
                    at.line,
                    at.column,
                    end.line,
                    end.column,
                    d.severity(),
                    d.code()
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
    }
    // The one payload the server refuses: Cloudflare's CLI sends PIV key
    // sizes as strings, which Go cannot decode into integers.
    assert_eq!(errors, 2);
}
