//! ztlint: a linter for Cloudflare Zero Trust organization update payloads.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod diagnostic;
pub mod duration;
pub mod span;

pub use diagnostic::{apply_fixes, Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use span::{LineIndex, Position, Span};
