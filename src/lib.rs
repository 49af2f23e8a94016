//! ztlint: a linter for Cloudflare Zero Trust organization update payloads.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod account_id;
pub mod diagnostic;
pub mod duration;
pub mod json;
mod lint;
pub mod model;
pub mod render;
pub mod rules;
pub mod schema;
pub mod span;

pub use diagnostic::{apply_fixes, Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use lint::{lint, Linted, Linter, Profile, UnknownName};
pub use span::{LineIndex, Position, Span};
