//! The `ztlint` binary: argument parsing, configuration, files, fixes and
//! output around the library's `Linter` and renderers.

mod args;
mod check;
mod config;
mod diff;
mod explain;
mod fix;
mod inputs;
mod output;
#[cfg(feature = "server")]
mod server;
mod settings;
mod terraform;

use std::io;
use std::panic;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command};

/// How a run ends. The numbers are the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exit {
    /// Nothing at or above the failure level.
    Clean = 0,
    /// Findings at or above the failure level, or (with `--diff`) changes.
    Findings = 1,
    /// A usage, configuration, I/O or internal error.
    Trouble = 2,
}

/// A problem that stops the run with exit status 2, printed as
/// `ztlint: error: {0}`.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

/// Runs the command line and maps every outcome, even a panic, to exit
/// status 0, 1 or 2: never Rust's 101.
pub(crate) fn main() -> ExitCode {
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        // `payload_as_str` is newer than the crate's rust-version.
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("panic");
        output::error(&format!(
            "internal error{at}: {what}; this is a bug in ztlint, please report it"
        ));
    }));
    let exit = panic::catch_unwind(run).unwrap_or(Exit::Trouble);
    ExitCode::from(exit as u8)
}

fn run() -> Exit {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(err) => return clap_exit(&err),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err),
    };
    let result = match cli.command {
        Command::Check(args) => {
            let levels = settings::level_flags(matches.subcommand_matches("check"));
            check::run(&args, levels)
        }
        Command::Explain { code } => explain::explain(&code),
        Command::Rules { format } => explain::rules(format),
        Command::Schema { profile } => explain::schema(profile),
        #[cfg(feature = "server")]
        Command::Server => Ok(server::run()),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "ztlint", &mut script);
            output::stdout(&String::from_utf8_lossy(&script)).map(|()| Exit::Clean)
        }
    };
    result.unwrap_or_else(|Failure(message)| {
        output::error(&message);
        Exit::Trouble
    })
}

/// Prints clap's own message (usage errors to stderr, `--help` and
/// `--version` to stdout) and returns its status: 2 for usage errors.
fn clap_exit(err: &clap::Error) -> Exit {
    // A closed stream is no reason to fail differently.
    let _ = err.print();
    if err.exit_code() == 0 {
        Exit::Clean
    } else {
        Exit::Trouble
    }
}

/// A path as the user would recognise it: relative to the current
/// directory when it lies below it.
pub(crate) fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// An I/O error in the words of a one-line message, without Rust's
/// "(os error N)" suffix.
pub(crate) fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}
