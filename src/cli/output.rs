//! Writing to stdout and stderr without panicking, and how the human report
//! should look on the stream it goes to.

use std::io::{self, IsTerminal, Write};

use super::args::Color;
use super::Failure;

/// Where a report goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// Writes `text` to stdout. A closed pipe (`ztlint check … | head`) is
/// not an error: the reader has seen enough, so the rest is dropped quietly.
///
/// # Errors
///
/// Any other write error, e.g. a full disk behind a redirect.
pub(crate) fn stdout(text: &str) -> Result<(), Failure> {
    write(Stream::Stdout, text)
}

/// Writes `text` to `stream`; see [`stdout`].
pub(crate) fn write(stream: Stream, text: &str) -> Result<(), Failure> {
    write_bytes(stream, text.as_bytes())
}

/// Writes `bytes` to `stream`; see [`stdout`].
pub(crate) fn write_bytes(stream: Stream, bytes: &[u8]) -> Result<(), Failure> {
    write_with(stream, |out| out.write_all(bytes))
}

/// Runs `write` on a buffered `stream`, so that a renderer writes as it
/// goes instead of building its whole output first; see [`stdout`].
pub(crate) fn write_with(
    stream: Stream,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let result = match stream {
        Stream::Stdout => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write(&mut out).and_then(|()| out.flush())
        }
        Stream::Stderr => {
            let mut err = io::BufWriter::new(io::stderr().lock());
            write(&mut err).and_then(|()| err.flush())
        }
    };
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let name = match stream {
                Stream::Stdout => "stdout",
                Stream::Stderr => "stderr",
            };
            Err(Failure(format!(
                "cannot write to {name}: {}",
                super::io_message(&e)
            )))
        }
        _ => Ok(()),
    }
}

/// Prints `ztlint: error: {message}` to stderr.
pub(crate) fn error(message: &str) {
    complain("error", message);
}

/// Prints `ztlint: warning: {message}` to stderr.
pub(crate) fn warning(message: &str) {
    complain("warning", message);
}

/// Prints `ztlint: {level}: {message}` to stderr. Unlike `eprintln!`, never
/// panics when stderr is closed.
fn complain(level: &str, message: &str) {
    let _ = io::stderr()
        .lock()
        .write_all(format!("ztlint: {level}: {message}\n").as_bytes());
}

/// Whether to colour output on `stream`: `always` and `never` decide
/// outright (so `always` beats `NO_COLOR`); `auto` colours a terminal
/// unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
pub(crate) fn use_color(choice: Color, stream: Stream) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && is_terminal(stream)
        }
    }
}

/// The width to wrap the human report at: `COLUMNS` when set to a number,
/// else the terminal's width, else 80.
pub(crate) fn width(stream: Stream) -> usize {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return columns;
    }
    let size = match stream {
        Stream::Stdout => terminal_size::terminal_size_of(io::stdout()),
        Stream::Stderr => terminal_size::terminal_size_of(io::stderr()),
    };
    size.map_or(80, |(terminal_size::Width(w), _)| usize::from(w))
}

fn is_terminal(stream: Stream) -> bool {
    match stream {
        Stream::Stdout => io::stdout().is_terminal(),
        Stream::Stderr => io::stderr().is_terminal(),
    }
}
