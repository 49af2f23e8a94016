//! Settings: the same `ztlint.toml` discovery as `ztlint check`, with the
//! editor's settings (`initializationOptions`, then
//! `workspace/didChangeConfiguration`) in the place of the command line.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;
use ztlint::{Linter, Profile};

use crate::cli::config::{parse_level, Config, Discovery};
use crate::cli::settings::{self, LevelFlag, Origin, Overrides, Schemas};
use crate::cli::Failure;

/// The editor settings, as the client sends them. Every key is optional;
/// unknown keys are an error, so that a typo does not silently do nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct EditorSettings {
    /// Use this configuration file for every document (`--config`).
    config: Option<PathBuf>,
    /// Use no configuration file (`--no-config`).
    no_config: bool,
    /// `account-update`, `zone-update` or `create` (`--profile`).
    profile: Option<String>,
    /// Run only these rules (`--select`).
    select: Vec<String>,
    /// Turn these rules off (`--ignore`).
    ignore: Vec<String>,
    /// Per-rule levels: `error`, `warning`, `info` or `off`, applied after
    /// the configuration file's `[rules]`.
    rules: BTreeMap<String, String>,
    /// Validate against this schema (`--schema`).
    schema: Option<PathBuf>,
    /// Check the request path's account identifier (`--account-id`).
    account_id: Option<String>,
}

impl EditorSettings {
    /// Reads settings from `initializationOptions` or the `settings` of
    /// `workspace/didChangeConfiguration`. `null` is no settings; an object
    /// with a single `ztlint` key, as clients that group settings by server
    /// send it, is unwrapped.
    pub(crate) fn from_json(value: &serde_json::Value) -> Result<EditorSettings, String> {
        let value = match value {
            serde_json::Value::Null => return Ok(EditorSettings::default()),
            serde_json::Value::Object(map) if map.len() == 1 && map.contains_key("ztlint") => {
                &map["ztlint"]
            }
            other => other,
        };
        if value.is_null() {
            return Ok(EditorSettings::default());
        }
        EditorSettings::deserialize(value).map_err(|e| format!("editor settings: {e}"))
    }

    /// The settings as overrides of a configuration file; relative paths
    /// are taken from `root`.
    fn overrides(&self, root: &Path) -> Result<Overrides, String> {
        let profile = match &self.profile {
            None => None,
            Some(p) => Some(p.parse::<Profile>().map_err(|_| {
                format!(
                    "{} is `{p}`; expected `account-update`, `zone-update` or `create`",
                    Origin::Editor.name("profile")
                )
            })?),
        };
        let mut levels: Vec<LevelFlag> = self
            .ignore
            .iter()
            .map(|selector| LevelFlag {
                flag: "ignore",
                selector: selector.clone(),
                level: None,
            })
            .collect();
        // `all` first, then by name, as in `[rules]`: a longer selector
        // comes after its prefix and wins.
        let mut rules: Vec<(&String, &String)> = self.rules.iter().collect();
        rules.sort_by(|(a, _), (b, _)| (*a != "all", a).cmp(&(*b != "all", b)));
        for (selector, level) in rules {
            let level = parse_level(level).ok_or_else(|| {
                format!(
                    "{} is `{level}` for `{selector}`; expected `error`, `warning`, `info` or `off`",
                    Origin::Editor.name("rules")
                )
            })?;
            levels.push(LevelFlag {
                flag: "rules",
                selector: selector.clone(),
                level,
            });
        }
        Ok(Overrides {
            origin: Origin::Editor,
            profile,
            select: self.select.clone(),
            levels,
            schema: self.schema.as_ref().map(|s| root.join(s)),
            account_id: self.account_id.clone(),
            fail_on: None,
        })
    }
}

/// When a configuration file was last seen changed: its modification time
/// and length.
type Stamp = Option<(SystemTime, u64)>;

/// The linter for each document, from its `ztlint.toml` and the editor
/// settings, cached per configuration file until the file changes.
pub(crate) struct Resolver {
    root: PathBuf,
    settings: EditorSettings,
    overrides: Result<Overrides, String>,
    schemas: Schemas,
    cache: HashMap<Option<PathBuf>, (Stamp, Linter, Option<String>)>,
}

impl Resolver {
    /// A resolver for a workspace at `root` (where relative paths in the
    /// editor settings start).
    pub(crate) fn new(root: PathBuf, settings: EditorSettings) -> Resolver {
        let overrides = settings.overrides(&root);
        Resolver {
            root,
            settings,
            overrides,
            schemas: Schemas::default(),
            cache: HashMap::new(),
        }
    }

    /// Replaces the editor settings; whether they changed. A changed schema
    /// file is read again.
    pub(crate) fn set(&mut self, settings: EditorSettings) -> bool {
        if settings == self.settings {
            return false;
        }
        *self = Resolver::new(std::mem::take(&mut self.root), settings);
        true
    }

    /// The linter for a document at `path` (`None` when the document is not
    /// a file), and a problem to show the user when a setting or the
    /// configuration file is wrong. A configuration that cannot be used is
    /// left out: the document is then linted with the editor settings
    /// alone, or with the defaults.
    pub(crate) fn linter(&mut self, path: Option<&Path>) -> (Linter, Option<String>) {
        let config = if self.settings.no_config {
            None
        } else if let Some(file) = &self.settings.config {
            Some(self.root.join(file))
        } else {
            let dir = path.and_then(Path::parent).unwrap_or(&self.root);
            Discovery::default().find(&self.root.join(dir))
        };
        let stamp = config.as_deref().and_then(stamp);
        if let Some((seen, linter, problem)) = self.cache.get(&config) {
            if *seen == stamp {
                return (linter.clone(), problem.clone());
            }
        }
        let (linter, problem) = self.build(config.as_deref());
        self.cache
            .insert(config, (stamp, linter.clone(), problem.clone()));
        (linter, problem)
    }

    fn build(&mut self, config: Option<&Path>) -> (Linter, Option<String>) {
        let overrides = match &self.overrides {
            Ok(overrides) => overrides.clone(),
            Err(problem) => return (Linter::new(), Some(problem.clone())),
        };
        let loaded = config.map(Config::load).transpose();
        let with_config = loaded
            .and_then(|loaded| settings::resolve(&overrides, loaded.as_ref(), &mut self.schemas));
        match with_config {
            Ok(settings) => (settings.linter, None),
            Err(Failure(problem)) => {
                let linter = settings::resolve(&overrides, None, &mut self.schemas)
                    .map(|s| s.linter)
                    .unwrap_or_default();
                (linter, Some(problem))
            }
        }
    }
}

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(linter: &Linter, source: &str) -> Vec<&'static str> {
        linter.lint(source).iter().map(|d| d.code()).collect()
    }

    const SOURCE: &str = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;

    #[test]
    fn settings_are_read_from_either_shape_and_typos_are_named() {
        let direct = EditorSettings::from_json(&json!({"ignore": ["duration"]})).unwrap();
        let grouped =
            EditorSettings::from_json(&json!({"ztlint": {"ignore": ["duration"]}})).unwrap();
        assert_eq!(direct, grouped);
        assert_eq!(
            EditorSettings::from_json(&serde_json::Value::Null).unwrap(),
            EditorSettings::default()
        );
        let err = EditorSettings::from_json(&json!({"ignroe": []})).unwrap_err();
        assert!(
            err.starts_with("editor settings: unknown field `ignroe`"),
            "{err}"
        );
    }

    #[test]
    fn the_nearest_ztlint_toml_governs_and_editor_settings_beat_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/ztlint.toml"), "ignore = [\"wrong-type\"]\n").unwrap();
        let doc = root.join("a/org.json");

        let mut resolver = Resolver::new(root.clone(), EditorSettings::default());
        let (linter, problem) = resolver.linter(Some(&doc));
        assert_eq!(problem, None);
        assert_eq!(codes(&linter, SOURCE), ["duration-syntax"]);

        let settings = EditorSettings::from_json(&json!({"rules": {"wrong-type": "warning"}}));
        assert!(resolver.set(settings.unwrap()));
        let (linter, _) = resolver.linter(Some(&doc));
        let found = linter.lint(SOURCE);
        assert_eq!(found[1].code(), "wrong-type");
        assert_eq!(found[1].severity(), ztlint::Severity::Warning);

        let no_config = EditorSettings::from_json(&json!({"noConfig": true})).unwrap();
        assert!(resolver.set(no_config));
        let (linter, _) = resolver.linter(Some(&doc));
        assert_eq!(codes(&linter, SOURCE), ["duration-syntax", "wrong-type"]);
    }

    #[test]
    fn a_broken_configuration_is_reported_and_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("ztlint.toml"), "fail_on = \"warning\"\n").unwrap();
        let mut resolver = Resolver::new(root.clone(), EditorSettings::default());
        let (linter, problem) = resolver.linter(Some(&root.join("org.json")));
        let problem = problem.unwrap();
        assert!(
            problem.ends_with("ztlint.toml`:1:1: unknown field `fail_on`, expected one of `profile`, `select`, `ignore`, `fail-on`, `schema`, `account-id`, `rules`"),
            "{problem}"
        );
        assert_eq!(codes(&linter, SOURCE), ["duration-syntax", "wrong-type"]);

        // Fixed on disk: picked up at the next lint, without a restart.
        std::fs::write(root.join("ztlint.toml"), "ignore = [\"duration\"]\n").unwrap();
        let (linter, problem) = resolver.linter(Some(&root.join("org.json")));
        assert_eq!(problem, None);
        assert_eq!(codes(&linter, SOURCE), ["wrong-type"]);
    }

    #[test]
    fn bad_editor_settings_are_named() {
        let root = PathBuf::from("/");
        let bad_level = EditorSettings::from_json(&json!({"rules": {"logo": "fatal"}})).unwrap();
        let (_, problem) = Resolver::new(root.clone(), bad_level).linter(None);
        assert_eq!(
            problem.unwrap(),
            "`rules` of the editor settings is `fatal` for `logo`; expected `error`, `warning`, `info` or `off`"
        );
        let bad_rule =
            EditorSettings::from_json(&json!({"noConfig": true, "select": ["json-syntx"]}));
        let (_, problem) = Resolver::new(root.clone(), bad_rule.unwrap()).linter(None);
        assert_eq!(
            problem.unwrap(),
            "unknown rule `json-syntx` in `select` of the editor settings; did you mean `json-syntax`?"
        );
        let bad_id = EditorSettings::from_json(&json!({"noConfig": true, "accountId": "abc"}));
        let (_, problem) = Resolver::new(root, bad_id.unwrap()).linter(None);
        assert_eq!(
            problem.unwrap(),
            "`accountId` of the editor settings: account identifier must be 32 lowercase hex characters, found 3"
        );
    }
}
