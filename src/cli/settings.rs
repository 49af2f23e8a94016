//! Settings for one group of files: the command line laid over a
//! configuration file, laid over the defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::ArgMatches;
use ztlint::schema::Schema;
use ztlint::{account_id, Linter, Severity};

use super::args::{CheckArgs, LEVEL_FLAGS};
use super::config::Config;
use super::explain::unknown_rule;
use super::{display_path, io_message, Failure};

/// A per-rule level given on the command line, e.g. `--warn logo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LevelFlag {
    /// The flag's name, for messages: `ignore`, `deny`, …
    flag: &'static str,
    selector: String,
    level: Option<Severity>,
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

/// Lays the command line over `config` over the defaults.
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
    args: &CheckArgs,
    levels: &[LevelFlag],
    config: Option<&Config>,
    schemas: &mut Schemas,
) -> Result<Settings, Failure> {
    let profile = args
        .profile
        .or(config.and_then(|c| c.profile))
        .unwrap_or_default();
    let mut linter = Linter::new().profile(profile);

    if !args.select.is_empty() {
        for selector in &args.select {
            linter = linter
                .select(selector)
                .map_err(|_| Failure(unknown_rule(selector, " in `--select`")))?;
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
    for flag in levels {
        linter = linter.severity(&flag.selector, flag.level).map_err(|_| {
            Failure(unknown_rule(
                &flag.selector,
                &format!(" in `--{}`", flag.flag),
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
        account_id::check(id).map_err(|e| Failure(format!("`--account-id`: {e}")))?;
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
            .map(|l| l.severity())
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
    fn load(&mut self, path: &Path) -> Result<Schema, Failure> {
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
