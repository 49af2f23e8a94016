//! ztlint lints the JSON body of Cloudflare's "Update your Zero Trust
//! organization" call, `PUT /accounts/{identifier}/access/organizations`,
//! for what the API really accepts: Go durations exactly as Go's
//! `time.ParseDuration` reads them, hex colors, logo URLs, 32-character
//! identifiers, the read-only toggle and its reason, and every other field.
//!
//! It is pure and network-free: it reads only the text you hand it.
//!
//! # The front door
//!
//! [`lint`] takes the payload's text and returns every [`Diagnostic`], each
//! with a stable rule code, a [`Severity`], a message, a [`Span`] into the
//! text, a help line and, where one is safe, a [`Fix`]:
//!
//! ```
//! let source = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;
//! let diagnostics = ztlint::lint(source);
//!
//! let codes: Vec<_> = diagnostics.iter().map(|d| d.code()).collect();
//! assert_eq!(codes, ["duration-syntax", "wrong-type"]);
//!
//! let first = &diagnostics[0];
//! assert_eq!(&source[first.span().range()], r#""1d""#);
//! assert_eq!(first.fixes()[0].edits()[0].replacement(), r#""24h""#);
//!
//! // Apply the safe fixes.
//! let (fixed, applied) =
//!     ztlint::apply_fixes(source, &diagnostics, ztlint::Applicability::Safe);
//! assert_eq!(fixed, r#"{"session_duration": "24h", "is_ui_read_only": false}"#);
//! assert_eq!(applied, 2);
//! ```
//!
//! [`Linter`] configures a run: the endpoint [`Profile`], rule selection and
//! severities, a custom [`schema::Schema`]. [`Linter::lint_bytes`] takes raw
//! bytes and reports text that is not UTF-8; [`Linter::lint_terraform`]
//! reads a Terraform `.tf` or `.tf.json` file, and [`Linter::lint_plan`] a
//! Terraform plan ([`terraform`]), as the bodies they send; each has a
//! `_bytes` form for a file as read. [`LineIndex`] turns spans into 1-based
//! lines and columns, and [`render`] writes diagnostics as concise
//! lines, JSON, SARIF 2.1.0 or GitHub Actions annotations.
//!
//! # The pieces
//!
//! Data flows one way: bytes → [`json`] (a strict RFC 8259 parser that keeps
//! spans) → [`rules`] (with [`schema`] and [`duration`]) → [`Diagnostic`] →
//! [`render`]. [`model`] holds typed serde models of the body and the
//! responses, whose `validate` reports the same findings by JSON Pointer.
//! [`account_id`] checks the identifier of the request path.
//!
//! # Features
//!
//! - `cli` (default): the `ztlint` binary, clap and miette's graphical
//!   renderer ([`render::human`]). Libraries that link ztlint can turn it
//!   off with `default-features = false`.
//! - `arbitrary`: `arbitrary::Arbitrary` for the [`model`] types, for
//!   structure-aware fuzzing.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod account_id;
pub mod diagnostic;
pub mod duration;
mod encoding;
pub mod fields;
pub mod json;
mod lint;
pub mod model;
mod profile;
pub mod render;
pub mod rules;
pub mod schema;
pub mod span;
pub mod terraform;

pub use diagnostic::{apply_fixes, Applicability, Diagnostic, Edit, Fix, Fixes, Label, Severity};
#[cfg(fuzzing)]
#[doc(hidden)]
pub use lint::fuzz_windows_lint_as_whole;
pub use lint::{lint, Decoded, Linted, Linter};
pub use profile::{Profile, UnknownName};
pub use span::{LineIndex, Position, Span};

/// The README's Rust examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
