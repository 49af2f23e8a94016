//! Replays every fuzz target's check over its committed seeds and minimised
//! regressions, on stable Rust, so that `cargo test` guards what fuzzing
//! found. The checks are the fuzz crate's own (`fuzz/src/checks.rs`).

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

/// Runs `check` on every file under `fuzz/seeds/<target>` and
/// `fuzz/regressions/<target>`, and returns how many it ran.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["seeds", "regressions"] {
        let dir = root.join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            if path.file_name().is_some_and(|n| n == ".gitkeep") {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target} fails on {}", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn json_parse() {
    assert!(replay("json_parse", checks::json_parse) >= 10);
}

#[test]
fn json_differential() {
    assert!(replay("json_differential", checks::json_differential) >= 10);
}

#[test]
fn lint() {
    assert!(replay("lint", checks::lint) >= 10);
}

#[test]
fn renderers() {
    assert!(replay("renderers", checks::renderers) >= 10);
}

#[test]
fn duration() {
    assert!(replay("duration", checks::duration) >= 10);
}

#[test]
fn fix() {
    assert!(replay("fix", checks::fix) >= 10);
}

#[cfg(feature = "arbitrary")]
#[test]
fn structured() {
    assert!(replay("structured", checks::structured) >= 4);
}

#[test]
fn terraform() {
    assert!(replay("terraform", checks::terraform) >= 10);
}
