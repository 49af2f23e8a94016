//! A Terraform file's module: the files beside it, which define its
//! variables and locals and set variable values, read only for a file that
//! names an organization resource.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ztlint::terraform::Module;

/// The modules read so far, by directory: a directory with several files
/// that name an organization is read once.
#[derive(Debug, Default)]
pub(crate) struct Modules(Mutex<HashMap<(PathBuf, PathBuf), Arc<Module>>>);

impl Modules {
    /// The module of the Terraform file `name` in `dir` (see
    /// [`module_for`]), read once per directory.
    pub(crate) fn get(
        &self,
        name: &str,
        dir: &Path,
        var_files: &[PathBuf],
        cwd: &Path,
    ) -> Arc<Module> {
        // The key includes the directory as shown: module file names are
        // shown as the linted file's are.
        let shown = Path::new(name)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        let key = (dir.to_path_buf(), shown);
        if let Some(module) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return module;
        }
        let module = Arc::new(module_for(name, dir, var_files, cwd));
        if let Ok(mut modules) = self.0.lock() {
            modules.insert(key, Arc::clone(&module));
        }
        module
    }
}

/// The module of the Terraform file `name` (as reports show it), whose
/// directory is `dir`, with the `--var-file`s `var_files`. The file itself
/// is in it too: the lint leaves out the module file of the linted file's
/// name. Files that cannot be read or are not UTF-8 are left out: their
/// values are then unknown, which is never reported.
pub(crate) fn module_for(name: &str, dir: &Path, var_files: &[PathBuf], cwd: &Path) -> Module {
    let shown_dir = Path::new(name).parent().unwrap_or(Path::new(""));
    let mut module = Module::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).collect())
        .unwrap_or_default();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let file_name = entry.file_name();
        if !is_module_file(&file_name.to_string_lossy()) {
            continue;
        }
        if let Some(text) = read_text(&entry.path()) {
            module = module.file(shown_dir.join(&file_name).display().to_string(), text);
        }
    }
    for path in var_files {
        if let Some(text) = read_text(&cwd.join(path)) {
            module = module.var_file(path.display().to_string(), text);
        }
    }
    module
}

/// Whether a file of that name is part of a module: configuration, or a
/// variable file Terraform reads by itself.
fn is_module_file(name: &str) -> bool {
    name.ends_with(".tf")
        || name.ends_with(".tf.json")
        || name == "terraform.tfvars"
        || name == "terraform.tfvars.json"
        || name.ends_with(".auto.tfvars")
        || name.ends_with(".auto.tfvars.json")
}

fn read_text(path: &Path) -> Option<String> {
    fs::read(path).ok().and_then(|b| String::from_utf8(b).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_is_the_directory_but_other_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("infra");
        fs::create_dir(&dir).unwrap();
        for (name, text) in [
            ("main.tf", "resource {}"),
            ("variables.tf", "variable \"a\" {}"),
            ("terraform.tfvars", "a = 1"),
            ("prod.tfvars", "a = 2"),
            ("notes.md", "#"),
        ] {
            fs::write(dir.join(name), text).unwrap();
        }
        fs::write(dir.join("bad.tf"), b"\xff").unwrap();
        let module = module_for("infra/main.tf", &dir, &[], root.path());
        assert_eq!(module.len(), 3);
        let module = module_for(
            "infra/main.tf",
            &dir,
            &[PathBuf::from("infra/prod.tfvars")],
            root.path(),
        );
        assert_eq!(module.len(), 4);
        // Read once per directory.
        let modules = Modules::default();
        let first = modules.get("infra/main.tf", &dir, &[], root.path());
        let again = modules.get("infra/variables.tf", &dir, &[], root.path());
        assert!(Arc::ptr_eq(&first, &again));
    }
}
