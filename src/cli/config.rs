//! Configuration files: finding the `ztlint.toml` that governs a file, and
//! reading one.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use ztlint::{LineIndex, Profile, Severity, Span};

use super::{display_path, io_message, Failure};

/// The names looked for in each directory, in order: the first one present
/// wins.
pub(crate) const NAMES: [&str; 2] = ["ztlint.toml", ".ztlint.toml"];

/// A configuration file as written. Unknown keys are an error, so a typo
/// cannot silently do nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    profile: Option<String>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    fail_on: Option<String>,
    schema: Option<PathBuf>,
    account_id: Option<String>,
    rules: Option<BTreeMap<String, String>>,
}

/// A configuration file, checked and with paths resolved.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// The file, as shown in messages.
    pub(crate) shown: String,
    pub(crate) profile: Option<Profile>,
    pub(crate) select: Option<Vec<String>>,
    pub(crate) ignore: Vec<String>,
    pub(crate) fail_on: Option<Severity>,
    /// Resolved against the configuration file's directory.
    pub(crate) schema: Option<PathBuf>,
    pub(crate) account_id: Option<String>,
    /// `[rules]`, `all` first and then by name, so that a longer (more
    /// specific) selector comes after its prefix and wins.
    pub(crate) rules: Vec<(String, Option<Severity>)>,
}

impl Config {
    /// Reads and checks the configuration file at `path`.
    pub(crate) fn load(path: &Path) -> Result<Config, Failure> {
        let shown = display_path(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("cannot read `{shown}`: {}", io_message(&e))))?;
        Config::parse(&text, shown, path.parent().unwrap_or(Path::new("")))
    }

    fn parse(text: &str, shown: String, dir: &Path) -> Result<Config, Failure> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| LineIndex::new(text).position(Span::from(s).start()))
                .map(|p| format!(":{}:{}", p.line, p.column))
                .unwrap_or_default();
            // toml's messages can span lines; one line is easier to read.
            let message = e.message().trim().replace('\n', "; ");
            Failure(format!("`{shown}`{at}: {message}"))
        })?;
        let bad = |key: &str, value: &str, expected: &str| {
            Failure(format!(
                "`{shown}`: `{key}` is `{value}`; expected {expected}"
            ))
        };
        let profile =
            match raw.profile {
                None => None,
                Some(p) => Some(p.parse::<Profile>().map_err(|_| {
                    bad("profile", &p, "`account-update`, `zone-update` or `create`")
                })?),
            };
        let fail_on = match raw.fail_on {
            None => None,
            Some(f) => Some(
                parse_level(&f)
                    .flatten()
                    .ok_or_else(|| bad("fail-on", &f, "`error`, `warning` or `info`"))?,
            ),
        };
        let mut rules = Vec::new();
        for (code, level) in raw.rules.unwrap_or_default() {
            let Some(level) = parse_level(&level) else {
                return Err(bad(
                    &format!("rules.{code}"),
                    &level,
                    "`error`, `warning`, `info` or `off`",
                ));
            };
            rules.push((code, level));
        }
        rules.sort_by(|(a, _), (b, _)| (a != "all", a).cmp(&(b != "all", b)));
        Ok(Config {
            shown,
            profile,
            select: raw.select,
            ignore: raw.ignore.unwrap_or_default(),
            fail_on,
            schema: raw.schema.map(|s| dir.join(s)),
            account_id: raw.account_id,
            rules,
        })
    }
}

/// `error`, `warning`, `info`, or `off` (as `Some(None)`).
pub(crate) fn parse_level(s: &str) -> Option<Option<Severity>> {
    match s {
        "error" => Some(Some(Severity::Error)),
        "warning" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        "off" => Some(None),
        _ => None,
    }
}

/// Finds the configuration file for each directory, remembering every
/// directory already walked through.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    found: HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// The first configuration file in `dir` or its ancestors. `dir` must be
    /// absolute.
    pub(crate) fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut walked = Vec::new();
        let mut result = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = self.found.get(ancestor) {
                result = known.clone();
                break;
            }
            walked.push(ancestor.to_path_buf());
            if let Some(file) = NAMES
                .iter()
                .map(|name| ancestor.join(name))
                .find(|candidate| candidate.is_file())
            {
                result = Some(file);
                break;
            }
        }
        for dir in walked {
            self.found.insert(dir, result.clone());
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, "ztlint.toml".into(), Path::new("conf")).map_err(|f| f.0)
    }

    #[test]
    fn reads_every_setting() {
        let config = parse(
            r#"
profile = "create"
select = ["duration", "json-syntax"]
ignore = ["logo"]
fail-on = "warning"
schema = "schemas/org.json"
account-id = "023e105f4ecef8ad9ca31a8372d0c353"

[rules]
duration-syntax = "error"
all = "warning"
duration = "off"
"#,
        )
        .unwrap();
        assert_eq!(config.profile, Some(Profile::Create));
        assert_eq!(
            config.select,
            Some(vec!["duration".to_string(), "json-syntax".to_string()])
        );
        assert_eq!(config.ignore, vec!["logo".to_string()]);
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert_eq!(
            config.schema,
            Some(Path::new("conf").join("schemas/org.json"))
        );
        assert_eq!(
            config.account_id.as_deref(),
            Some("023e105f4ecef8ad9ca31a8372d0c353")
        );
        assert_eq!(
            config.rules,
            vec![
                ("all".to_string(), Some(Severity::Warning)),
                ("duration".to_string(), None),
                ("duration-syntax".to_string(), Some(Severity::Error)),
            ]
        );
    }

    #[test]
    fn unknown_keys_are_named_with_their_position() {
        let err = parse("profile = \"create\"\nfail_on = \"warning\"\n").unwrap_err();
        assert!(
            err.starts_with("`ztlint.toml`:2:1: unknown field `fail_on`, expected one of"),
            "{err}"
        );
    }

    #[test]
    fn bad_values_are_named() {
        assert_eq!(
            parse("fail-on = \"fatal\"").unwrap_err(),
            "`ztlint.toml`: `fail-on` is `fatal`; expected `error`, `warning` or `info`"
        );
        assert_eq!(
            parse("profile = \"zone\"").unwrap_err(),
            "`ztlint.toml`: `profile` is `zone`; expected `account-update`, `zone-update` or `create`"
        );
        assert_eq!(
            parse("[rules]\njson-syntax = \"fatal\"").unwrap_err(),
            "`ztlint.toml`: `rules.json-syntax` is `fatal`; expected `error`, `warning`, `info` or `off`"
        );
        assert_eq!(
            parse("fail-on = \"off\"").unwrap_err(),
            "`ztlint.toml`: `fail-on` is `off`; expected `error`, `warning` or `info`"
        );
    }

    #[test]
    fn discovery_takes_the_nearest_file_and_prefers_the_plain_name() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::create_dir_all(root.join("a/b/c")).unwrap();
        std::fs::write(root.join("a/.ztlint.toml"), "").unwrap();
        std::fs::write(root.join("a/b/.ztlint.toml"), "").unwrap();
        std::fs::write(root.join("a/b/ztlint.toml"), "").unwrap();
        let mut discovery = Discovery::default();
        assert_eq!(
            discovery.find(&root.join("a/b/c")),
            Some(root.join("a/b/ztlint.toml"))
        );
        assert_eq!(
            discovery.find(&root.join("a")),
            Some(root.join("a/.ztlint.toml"))
        );
        // Served from the cache the second time.
        assert_eq!(
            discovery.find(&root.join("a/b/c")),
            Some(root.join("a/b/ztlint.toml"))
        );
    }
}
