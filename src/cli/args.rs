//! The command line: subcommands, options and their help.

use std::path::PathBuf;

use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand, ValueEnum};
use ztlint::{Profile, Severity};

const ABOUT: &str = "Lint Cloudflare Zero Trust organization payloads \
(PUT /accounts/{account_id}/access/organizations) before you send them";

const EXAMPLES: &str = "\
Examples:
  ztlint check org.json                     Lint one payload
  ztlint check cloudflare/                  Lint every *.json under a directory
  curl ... | ztlint check -                 Lint standard input
  ztlint check --fix org.json               Apply safe fixes in place
  ztlint check --diff org.json              Show what --fix would change
  ztlint check --format sarif cloudflare/   Write SARIF for code scanning
  ztlint explain duration-syntax            Explain a rule
  ztlint rules                              List every rule
  ztlint schema > org.schema.json           The body's JSON Schema, for editors
  ztlint server                             Serve editors over LSP (stdio)

Exit status: 0 no finding at or above --fail-on; 1 findings (or, with --diff,
changes to show); 2 usage, configuration, I/O or internal error.

Documentation: docs/cli.md";

const CHECK_AFTER: &str = "\
Precedence: settings come from the command line, then from the first
ztlint.toml or .ztlint.toml found walking up from each file's directory (from
the --stdin-filename's directory, or the current one, for standard input),
then from the defaults. --config FILE uses FILE for every input; --no-config
uses none. A list given on the command line (--select) replaces the file's;
per-rule levels (--ignore, --allow, --info, --warn, --deny) are applied after
the file's [rules] table, and a later flag beats an earlier one.

Examples:
  ztlint check org.json other.json
  ztlint check --fail-on warning --ignore logo cloudflare/access/
  ztlint check --stdin-filename org.json - < org.json
  ztlint check --fix --unsafe-fixes org.json
  ztlint check --profile create --account-id 023e105f4ecef8ad9ca31a8372d0c353 new-org.json";

const SCHEMA_AFTER: &str = "\
The schema is generated from ztlint's field table: every field of today's API
with its type, enum and range, renamed fields marked `deprecated`, and
response-only ones `readOnly`. Point an editor's JSON language server at it
(for VS Code, `json.schemas` in settings.json).

Examples:
  ztlint schema > org.schema.json
  ztlint schema --profile create";

/// The `ztlint` command line.
#[derive(Debug, Parser)]
#[command(
    name = "ztlint",
    version,
    about = ABOUT,
    after_help = EXAMPLES,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint payload files, directories of them, or standard input
    #[command(after_help = CHECK_AFTER)]
    Check(Box<CheckArgs>),
    /// Print a rule's explanation, with an example and its fix
    Explain {
        /// The rule's code, e.g. `duration-syntax`
        code: String,
    },
    /// List every rule with its default severity and summary
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print the JSON Schema of an endpoint's body, for editors
    #[command(after_help = SCHEMA_AFTER)]
    Schema {
        /// The endpoint: `account-update`, `zone-update`, `create` or
        /// `zone-create`
        #[arg(long, value_parser = parse_profile, default_value = "account-update")]
        profile: Profile,
    },
    /// Run a Language Server Protocol server over stdio, for editors
    /// (see docs/editors.md)
    #[cfg(feature = "server")]
    Server,
    /// Print a shell completion script to standard output
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
}

/// How `ztlint rules` prints the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RulesFormat {
    /// An aligned table
    Text,
    /// A JSON array of `{code, severity, summary, explanation}`
    Json,
}

/// The report formats of `ztlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Annotated source snippets and a summary line
    Human,
    /// One line per finding: `file:line:col: severity[code] message`
    Concise,
    /// A JSON document of every file and finding
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

/// When to colour the human report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    /// When writing to a terminal and `NO_COLOR` is unset or empty
    Auto,
    /// Always, even when `NO_COLOR` is set
    Always,
    /// Never
    Never,
}

/// A severity as a command-line value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Level {
    /// Fail on errors only
    Error,
    /// Fail on warnings and errors
    Warning,
    /// Fail on any finding
    Info,
}

impl Level {
    pub(crate) fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// The options of `ztlint check`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("fixing").args(["fix", "diff"]).multiple(true)))]
pub(crate) struct CheckArgs {
    /// Files and directories to lint (directories: every *.json, *.tf and
    /// *.tf.json below them but variable files, skipping hidden
    /// directories, target/ and node_modules/); `-` is standard input
    #[arg(value_name = "PATHS", required_unless_present = "stdin_filename")]
    pub(crate) paths: Vec<PathBuf>,

    /// The name to report standard input under; with no PATHS, lint
    /// standard input
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,

    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Human, help_heading = "Output")]
    pub(crate) format: Format,

    /// When to colour the human report; `always` beats `NO_COLOR`
    #[arg(long, value_enum, default_value_t = Color::Auto, help_heading = "Output")]
    pub(crate) color: Color,

    /// Exit 1 when a finding is at least this severe [default: error]
    #[arg(long, value_enum, value_name = "LEVEL", help_heading = "Output")]
    pub(crate) fail_on: Option<Level>,

    /// Apply safe fixes in place (for standard input: print the fixed text)
    #[arg(long, help_heading = "Fixes")]
    pub(crate) fix: bool,

    /// Also apply fixes that need review; use with --fix or --diff
    #[arg(long, requires = "fixing", help_heading = "Fixes")]
    pub(crate) unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and write nothing
    #[arg(long, help_heading = "Fixes")]
    pub(crate) diff: bool,

    /// Run only these rules (codes or prefixes, comma-separated; `all`)
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Append, help_heading = "Rules")]
    pub(crate) select: Vec<String>,

    /// Turn these rules off (same as --allow)
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Append, help_heading = "Rules")]
    pub(crate) ignore: Vec<String>,

    /// Report these rules as errors
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Append, help_heading = "Rules")]
    pub(crate) deny: Vec<String>,

    /// Report these rules as warnings
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Append, help_heading = "Rules")]
    pub(crate) warn: Vec<String>,

    /// Report these rules as info
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Append, help_heading = "Rules")]
    pub(crate) info: Vec<String>,

    /// Turn these rules off
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Append, help_heading = "Rules")]
    pub(crate) allow: Vec<String>,

    /// The endpoint the payload is for: account-update (the default),
    /// zone-update or create
    #[arg(long, value_name = "PROFILE", value_parser = parse_profile, help_heading = "Rules")]
    pub(crate) profile: Option<Profile>,

    /// Validate against this JSON Schema (or OpenAPI document) instead of
    /// the profile's built-in schema
    #[arg(long, value_name = "FILE", help_heading = "Rules")]
    pub(crate) schema: Option<PathBuf>,

    /// Check the account identifier of the request path
    #[arg(long, value_name = "ID", help_heading = "Rules")]
    pub(crate) account_id: Option<String>,

    /// A Terraform variable file to take `var.NAME` values from, after
    /// terraform.tfvars and *.auto.tfvars (repeatable)
    #[arg(long, value_name = "FILE", action = ArgAction::Append, help_heading = "Terraform")]
    pub(crate) var_file: Vec<PathBuf>,

    /// Use this configuration file for every input
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "no_config",
        help_heading = "Configuration"
    )]
    pub(crate) config: Option<PathBuf>,

    /// Ignore configuration files
    #[arg(long, help_heading = "Configuration")]
    pub(crate) no_config: bool,
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    s.parse().map_err(|_| {
        let names: Vec<String> = Profile::ALL.iter().map(|p| format!("`{p}`")).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// The argument ids of the per-rule level flags, with the level each sets.
pub(crate) const LEVEL_FLAGS: [(&str, Option<Severity>); 5] = [
    ("ignore", None),
    ("allow", None),
    ("info", Some(Severity::Info)),
    ("warn", Some(Severity::Warning)),
    ("deny", Some(Severity::Error)),
];
