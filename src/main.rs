//! `ztlint`: lint Cloudflare Zero Trust organization payloads from the
//! command line. A thin shell over the `ztlint` library; see `docs/cli.md`.
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
