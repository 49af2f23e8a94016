//! A Terraform file's module: the files beside it, which define its
//! variables and locals and set variable values, read only for a file that
//! names an organization resource.

use std::fs;
use std::path::{Path, PathBuf};

use ztlint::terraform::Module;

/// The module of the Terraform file `name` (as reports show it), whose
/// directory is `dir`, with the `--var-file`s `var_files`; the file itself
/// is left out. Files that cannot be read or are not UTF-8 are left out
/// too: their values are then unknown, which is never reported.
pub(crate) fn module_for(name: &str, dir: &Path, var_files: &[PathBuf], cwd: &Path) -> Module {
    let shown_dir = Path::new(name).parent().unwrap_or(Path::new(""));
    let own = Path::new(name).file_name();
    let mut module = Module::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).collect())
        .unwrap_or_default();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let file_name = entry.file_name();
        if Some(file_name.as_os_str()) == own || !is_module_file(&file_name.to_string_lossy()) {
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
    fn a_module_is_the_directory_but_the_file_itself_and_other_files() {
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
        assert_eq!(module.len(), 2);
        let module = module_for(
            "infra/main.tf",
            &dir,
            &[PathBuf::from("infra/prod.tfvars")],
            root.path(),
        );
        assert_eq!(module.len(), 3);
    }
}
