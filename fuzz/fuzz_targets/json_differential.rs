#![no_main]
//! The `json_differential` target; its body is `ztlint_fuzz::checks::json_differential`, which the
//! replay test in `tests/fuzz_replay.rs` also runs over the seeds.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ztlint_fuzz::checks::json_differential(data));
