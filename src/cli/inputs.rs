//! Turning the PATHS of `ztlint check` into the list of inputs to lint.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::io_message;

/// Directories never searched, besides hidden ones: build output and
/// vendored packages hold JSON that is not a payload.
const SKIPPED_DIRS: [&str; 2] = ["target", "node_modules"];

/// One thing to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Input {
    /// The name shown in reports: the path as given or as found below a
    /// given directory, or the standard input's name.
    pub(crate) name: String,
    /// The file to read, absolute; `None` for standard input.
    pub(crate) path: Option<PathBuf>,
    /// Where configuration discovery starts (absolute).
    pub(crate) config_dir: PathBuf,
}

/// Expands `paths`: files as given, directories to every payload or
/// Terraform file below them (see [`is_lintable`]) in sorted order, `-` to standard input. Each input appears once,
/// at its first place. Problems (a missing path, an unreadable or empty
/// directory) are returned as messages beside the inputs that were found.
pub(crate) fn expand(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    cwd: &Path,
) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let stdin_only = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin_only } else { paths };

    for path in paths {
        if path.as_os_str() == "-" {
            if seen.insert(PathBuf::from("-")) {
                let name = stdin_name.unwrap_or("<stdin>").to_string();
                // Configuration for standard input is looked up from where
                // its stand-in name says it lives.
                let config_dir = match stdin_name.map(Path::new).and_then(Path::parent) {
                    Some(dir) => cwd.join(dir),
                    None => cwd.to_path_buf(),
                };
                inputs.push(Input {
                    name,
                    path: None,
                    config_dir,
                });
            }
            continue;
        }
        let shown = path.display().to_string();
        let metadata = match fs::metadata(cwd.join(path)) {
            Ok(m) => m,
            Err(e) => {
                problems.push(format!("`{shown}`: {}", io_message(&e)));
                continue;
            }
        };
        if metadata.is_dir() {
            let mut found = Vec::new();
            // `ztlint check .` reports `a.json`, not `./a.json`.
            let base = path.strip_prefix(".").unwrap_or(path);
            walk(&cwd.join(path), base, &mut found, &mut problems);
            if found.is_empty() {
                problems.push(format!(
                    "`{shown}`: no `*.json`, `*.tf` or `*.tf.json` files in this directory"
                ));
            }
            for file in found {
                push_file(&mut inputs, &mut seen, file, cwd);
            }
        } else {
            push_file(&mut inputs, &mut seen, path.clone(), cwd);
        }
    }
    (inputs, problems)
}

fn push_file(inputs: &mut Vec<Input>, seen: &mut HashSet<PathBuf>, shown: PathBuf, cwd: &Path) {
    let absolute = cwd.join(&shown);
    let identity = fs::canonicalize(&absolute).unwrap_or_else(|_| absolute.clone());
    if !seen.insert(identity) {
        return;
    }
    let config_dir = absolute
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
    inputs.push(Input {
        name: shown.display().to_string(),
        path: Some(absolute),
        config_dir,
    });
}

/// Depth-first, entries in byte order of their names, so the order is the
/// same on every machine. Symbolic links to directories are not followed
/// (no cycles); links to files are linted. `dir` is read; the paths found
/// are pushed below `shown`, the directory as the user named it.
fn walk(dir: &Path, shown: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(format!("`{}`: {}", shown.display(), io_message(&e)));
            return;
        }
    };
    let mut entries: Vec<fs::DirEntry> = entries
        .filter_map(|entry| match entry {
            Ok(entry) => Some(entry),
            Err(e) => {
                problems.push(format!("`{}`: {}", shown.display(), io_message(&e)));
                None
            }
        })
        .collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) {
                walk(&path, &shown.join(&file_name), found, problems);
            }
        } else if is_lintable(&path) && (kind.is_file() || path.is_file()) {
            found.push(shown.join(&file_name));
        }
    }
}

/// Whether a directory walk lints `path`: a `*.json` payload or plan, or
/// a `*.tf` or `*.tf.json` Terraform file; not a variable file
/// (`*.tfvars.json`), which holds values for the configuration.
fn is_lintable(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    (name.ends_with(".json") || name.ends_with(".tf")) && !name.ends_with(".tfvars.json")
}

/// What an input is, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A JSON payload, or a Terraform plan.
    Payload,
    /// A `.tf` or `.tf.json` Terraform configuration file.
    Terraform,
    /// A `.tfvars` or `.tfvars.json` file: values, nothing to lint.
    VarFile,
}

impl Kind {
    pub(crate) fn of(name: &str) -> Kind {
        let name = name.to_ascii_lowercase();
        if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
            Kind::VarFile
        } else if name.ends_with(".tf") || name.ends_with(".tf.json") {
            Kind::Terraform
        } else {
            Kind::Payload
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_expand_in_sorted_order_skipping_hidden_and_build_dirs() {
        let root = tempfile::tempdir().unwrap();
        let cwd = root.path();
        for dir in ["p/b", "p/a", "p/.git", "p/target", "p/node_modules"] {
            fs::create_dir_all(cwd.join(dir)).unwrap();
        }
        for file in [
            "p/z.json",
            "p/b/x.JSON",
            "p/a/y.json",
            "p/a/main.tf",
            "p/a/main.tf.json",
            "p/a/terraform.tfvars",
            "p/a/prod.tfvars.json",
            "p/a/notes.txt",
            "p/.hidden.json",
            "p/.git/config.json",
            "p/target/out.json",
            "p/node_modules/package.json",
        ] {
            fs::write(cwd.join(file), "{}").unwrap();
        }
        let (inputs, problems) =
            expand(&[PathBuf::from("p"), PathBuf::from("p/z.json")], None, cwd);
        assert_eq!(problems, Vec::<String>::new());
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "p/a/main.tf",
                "p/a/main.tf.json",
                "p/a/y.json",
                "p/b/x.JSON",
                "p/z.json"
            ]
        );
        assert_eq!(inputs[0].config_dir, cwd.join("p/a"));
        assert_eq!(inputs[2].path, Some(cwd.join("p/a/y.json")));
    }

    #[test]
    fn the_current_directory_is_not_repeated_in_names() {
        let root = tempfile::tempdir().unwrap();
        let cwd = root.path();
        fs::create_dir(cwd.join("sub")).unwrap();
        fs::write(cwd.join("sub/b.json"), "{}").unwrap();
        fs::write(cwd.join("a.json"), "{}").unwrap();
        let (inputs, _) = expand(&[PathBuf::from(".")], None, cwd);
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a.json", "sub/b.json"]);
        let (inputs, _) = expand(&[PathBuf::from("./sub")], None, cwd);
        assert_eq!(inputs[0].name, "sub/b.json");
    }

    #[test]
    fn missing_paths_and_empty_directories_are_problems() {
        let root = tempfile::tempdir().unwrap();
        let cwd = root.path();
        fs::create_dir(cwd.join("empty")).unwrap();
        let (inputs, problems) = expand(
            &[PathBuf::from("nope.json"), PathBuf::from("empty")],
            None,
            cwd,
        );
        assert!(inputs.is_empty());
        assert_eq!(
            problems,
            [
                "`nope.json`: no such file or directory",
                "`empty`: no `*.json`, `*.tf` or `*.tf.json` files in this directory",
            ]
        );
    }

    #[test]
    fn kinds_come_from_the_name() {
        assert_eq!(Kind::of("org.json"), Kind::Payload);
        assert_eq!(Kind::of("plan.json"), Kind::Payload);
        assert_eq!(Kind::of("infra/main.tf"), Kind::Terraform);
        assert_eq!(Kind::of("main.TF.JSON"), Kind::Terraform);
        assert_eq!(Kind::of("terraform.tfvars"), Kind::VarFile);
        assert_eq!(Kind::of("prod.tfvars.json"), Kind::VarFile);
    }

    #[test]
    fn stdin_takes_its_name_and_config_dir_from_the_stand_in_name() {
        let cwd = Path::new("/work/project");
        let (inputs, problems) = expand(&[], Some("org/payload.json"), cwd);
        assert!(problems.is_empty());
        assert_eq!(
            inputs,
            [Input {
                name: "org/payload.json".to_string(),
                path: None,
                config_dir: cwd.join("org"),
            }]
        );
    }
}
