//! The bodies of ztlint's fuzz targets. They live in `checks.rs` so that the
//! main crate's replay test can include the same file and run every target
//! over the committed seeds and regressions on stable Rust.

#[path = "checks.rs"]
pub mod checks;
