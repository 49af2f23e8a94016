#![no_main]
//! The `terraform` target; its body is `ztlint_fuzz::checks::terraform`,
//! which the replay test in `tests/fuzz_replay.rs` also runs over the seeds.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ztlint_fuzz::checks::terraform(data));
