#![no_main]
//! The `terraform_apart` target; its body is
//! `ztlint_fuzz::checks::terraform_apart`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ztlint_fuzz::checks::terraform_apart(data));
