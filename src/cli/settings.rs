//! Settings for one group of files: the command line laid over a
//! configuration file, laid over the defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::ArgMatches;
use ztlint::schema::Schema;
use ztlint::{account_id, Linter, Profile, Severity};

use super::args::{CheckArgs, LEVEL_FLAGS};
use super::config::Config;
use super::explain::unknown_rule;
use super::{display_path, io_message, Failure};

/// A per-rule level given on the command line (`--warn logo`) or in the
/// editor settings of `ztlint server`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LevelFlag {
    /// The flag's or setting's name, for messages: `ignore`, `deny`, …
    pub(crate) flag: &'static str,
    pub(crate) selector: String,
    pub(crate) level: Option<Severity>,
}

/// Where the settings laid over a configuration file come from, for
/// messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Origin {
    /// `ztlint check`'s flags: `--select`, `--account-id`, …
    #[default]
    CommandLine,
    /// The initialization options or configuration of `ztlint server`.
    Editor,
}

impl Origin {
    /// How the setting `key` is named in a message.
    pub(crate) fn name(self, key: &str) -> String {
        match self {
            Origin::CommandLine => format!("`--{key}`"),
            Origin::Editor => {
                // The editor settings spell keys in camelCase: `accountId`.
                let mut camel = String::with_capacity(key.len());
                let mut upper = false;
                for c in key.chars() {
                    match c {
                        '-' => upper = true,
                        c if upper => {
                            camel.push(c.to_ascii_uppercase());
                            upper = false;
                        }
                        c => camel.push(c),
                    }
                }
                format!("`{camel}` of the editor settings")
            }
        }
    }
}

/// The settings that beat a configuration file: `ztlint check`'s flags, or
/// the editor settings of `ztlint server`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Overrides {
    pub(crate) origin: Origin,
    pub(crate) profile: Option<Profile>,
    /// Replaces the file's `select` when not empty.
    pub(crate) select: Vec<String>,
    /// Applied after the file's `ignore` and `[rules]`, in order.
    pub(crate) levels: Vec<LevelFlag>,
    pub(crate) schema: Option<PathBuf>,
    pub(crate) account_id: Option<String>,
    pub(crate) fail_on: Option<Severity>,
}

impl Overrides {
    /// The overrides of `ztlint check`'s flags.
    pub(crate) fn from_check(args: &CheckArgs, levels: &[LevelFlag]) -> Overrides {
        Overrides {
            origin: Origin::CommandLine,
            profile: args.profile,
            select: args.select.clone(),
            levels: levels.to_vec(),
            schema: args.schema.clone(),
            account_id: args.account_id.clone(),
            fail_on: args.fail_on.map(|l| l.severity()),
        }
    }
}

/// The per-rule level flags of `ztlint check`, in command-line order, so
/// that a later flag beats an earlier one.
pub(crate) fn level_flags(matches: Option<&ArgMatches>) -> Vec<LevelFlag> {
    let Some(matches) = matches else {
        return Vec::new();
    };
    let mut flags: Vec<(usize, LevelFlag)> = Vec::new();
    for (flag, level) in LEVEL_FLAGS {
        let (Some(values), Some(indices)) =
            (matches.get_many::<String>(flag), matches.indices_of(flag))
        else {
            continue;
        };
        for (selector, index) in values.zip(indices) {
            let selector = selector.clone();
            flags.push((
                index,
                LevelFlag {
                    flag,
                    selector,
                    level,
                },
            ));
        }
    }
    flags.sort_by_key(|(index, _)| *index);
    flags.into_iter().map(|(_, flag)| flag).collect()
}

/// Everything needed to lint the files one configuration governs.
#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) linter: Linter,
    pub(crate) fail_on: Severity,
}

/// Lays the command line (or the editor settings) over `config` over the
/// defaults.
///
/// Scalars (`--profile`, `--fail-on`, `--schema`, `--account-id`) and
/// `--select` replace the file's value. Per-rule levels add up in order:
/// the file's `ignore`, its `[rules]`, then the flags, the last matching one
/// winning for each rule.
///
/// # Errors
///
/// An unknown rule, an unreadable or invalid schema, or an invalid account
/// identifier.
pub(crate) fn resolve(
    args: &Overrides,
    config: Option<&Config>,
    schemas: &mut Schemas,
) -> Result<Settings, Failure> {
    let origin = args.origin;
    let profile = args
        .profile
        .or(config.and_then(|c| c.profile))
        .unwrap_or_default();
    let mut linter = Linter::new().profile(profile);

    if !args.select.is_empty() {
        for selector in &args.select {
            linter = linter.select(selector).map_err(|_| {
                Failure(unknown_rule(
                    selector,
                    &format!(" in {}", origin.name("select")),
                ))
            })?;
        }
    } else if let Some(config) = config {
        for selector in config.select.iter().flatten() {
            linter = linter
                .select(selector)
                .map_err(|_| in_config(config, "select", selector))?;
        }
    }

    if let Some(config) = config {
        for selector in &config.ignore {
            linter = linter
                .severity(selector, None)
                .map_err(|_| in_config(config, "ignore", selector))?;
        }
        for (selector, level) in &config.rules {
            linter = linter
                .severity(selector, *level)
                .map_err(|_| in_config(config, "[rules]", selector))?;
        }
    }
    for flag in &args.levels {
        linter = linter.severity(&flag.selector, flag.level).map_err(|_| {
            Failure(unknown_rule(
                &flag.selector,
                &format!(" in {}", origin.name(flag.flag)),
            ))
        })?;
    }

    match (&args.schema, config.and_then(|c| c.schema.as_ref())) {
        (Some(path), _) | (None, Some(path)) => linter = linter.schema(schemas.load(path)?),
        (None, None) => {}
    }

    // The identifier is a setting, not part of the payload: a wrong one is a
    // usage or configuration error, not a finding (it has no rule code to
    // select, ignore or explain).
    if let Some(id) = &args.account_id {
        account_id::check(id)
            .map_err(|e| Failure(format!("{}: {e}", origin.name("account-id"))))?;
    } else if let Some(c) = config {
        if let Some(id) = &c.account_id {
            account_id::check(id)
                .map_err(|e| Failure(format!("`{}`: `account-id`: {e}", c.shown)))?;
        }
    }

    Ok(Settings {
        linter,
        fail_on: args
            .fail_on
            .or(config.and_then(|c| c.fail_on))
            .unwrap_or(Severity::Error),
    })
}

fn in_config(config: &Config, key: &str, selector: &str) -> Failure {
    Failure(format!(
        "`{}`: {}",
        config.shown,
        unknown_rule(selector, &format!(" in `{key}`"))
    ))
}

/// Schemas already loaded, by path: files that share a schema but not a
/// configuration compile it once.
#[derive(Default)]
pub(crate) struct Schemas(HashMap<PathBuf, Schema>);

impl Schemas {
    pub(crate) fn load(&mut self, path: &Path) -> Result<Schema, Failure> {
        if let Some(schema) = self.0.get(path) {
            return Ok(schema.clone());
        }
        let shown = display_path(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("cannot read schema `{shown}`: {}", io_message(&e))))?;
        let schema =
            Schema::from_json(&text).map_err(|e| Failure(format!("schema `{shown}`: {e}")))?;
        self.0.insert(path.to_path_buf(), schema.clone());
        Ok(schema)
    }
}
