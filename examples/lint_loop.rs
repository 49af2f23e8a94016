//! Lints one payload many times, with ztlint or with the baseline of
//! `benches/lint.rs` (serde_json plus a precompiled jsonschema validator),
//! so that a profiler can count what one lint costs. Wall-clock benches are
//! in `benches/`; this is for instruction counts, which do not move with
//! the machine's load:
//!
//! ```sh
//! cargo build --release --example lint_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/lint_loop examples/seed-example.json ztlint 20000
//! ```
//!
//! Divide valgrind's "Collected" count by the number of lints.

use std::hint::black_box;
use std::process::ExitCode;

use ztlint::schema::Schema;
use ztlint::{Linter, Profile};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, side, count] = args.as_slice() else {
        eprintln!("usage: lint_loop <payload.json> <ztlint|baseline> <count>");
        return ExitCode::from(2);
    };
    let (Ok(source), Ok(count)) = (std::fs::read_to_string(path), count.parse::<usize>()) else {
        eprintln!("lint_loop: cannot read {path} or the count {count}");
        return ExitCode::from(2);
    };
    let findings: usize = match side.as_str() {
        "ztlint" => {
            let linter = Linter::new();
            (0..count)
                .map(|_| linter.lint(black_box(&source)).len())
                .sum()
        }
        "baseline" => {
            let schema = Schema::builtin(Profile::AccountUpdate);
            let Ok(validator) = jsonschema::validator_for(schema.as_json()) else {
                eprintln!("lint_loop: the embedded schema does not compile");
                return ExitCode::from(2);
            };
            let mut errors = 0;
            for _ in 0..count {
                match serde_json::from_str::<serde_json::Value>(black_box(&source)) {
                    Ok(value) => errors += validator.iter_errors(&value).count(),
                    Err(_) => errors += 1,
                }
            }
            errors
        }
        _ => {
            eprintln!("lint_loop: the side is `ztlint` or `baseline`, not `{side}`");
            return ExitCode::from(2);
        }
    };
    println!("{findings} findings in {count} lints");
    ExitCode::SUCCESS
}
