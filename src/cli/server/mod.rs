//! `ztlint server`: a Language Server Protocol server over stdio.
//!
//! It lints payload documents as the editor sends them (full-text sync)
//! and reports the findings as diagnostics, pushed with
//! `textDocument/publishDiagnostics` or pulled with
//! `textDocument/diagnostic` when the client offers it. Fixes become code
//! actions (a quick fix each, and `source.fixAll.ztlint` for every safe
//! one); hover shows a field's documentation on its key and a rule's
//! explanation on a finding. Configuration is the `ztlint.toml` discovery of
//! `ztlint check`, with the editor's settings in the place of the command
//! line. `docs/editors.md` shows how to hook it up.
//!
//! One file per concern: [`transport`] (framing over stdio), [`session`]
//! (the life cycle and dispatch), [`documents`], [`encoding`] (positions),
//! [`diagnostics`] (conversion), [`actions`], [`hover`] and [`config`].

mod actions;
mod config;
mod diagnostics;
mod documents;
mod encoding;
mod hover;
mod session;
mod transport;

#[cfg(test)]
mod tests;

use super::Exit;

/// Runs the server on stdin and stdout until the client says `exit` (or
/// closes stdin). The status is 0 after `shutdown` and 1 otherwise, as the
/// protocol asks.
pub(crate) fn run() -> Exit {
    let (connection, io) = transport::stdio();
    let ended = session::serve(&connection);
    drop(connection);
    io.join();
    match ended {
        session::Ended::Shutdown => Exit::Clean,
        session::Ended::Abruptly => Exit::Findings,
    }
}
