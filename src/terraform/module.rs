//! The files of a Terraform module, and resolving `var.NAME` and
//! `local.NAME` from them as Terraform would before apply.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use super::expr::{Expr, ExprValue, Item, Origin, Reference, ReferenceKind};
use super::{hcl, json_syntax};

/// The files of a Terraform module (one directory): where the values of
/// `var.NAME` and `local.NAME` come from.
///
/// Hand it the module's `.tf` and `.tf.json` files, which declare variables
/// and locals, and its variable files. As Terraform does, the files named
/// `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars` and
/// `*.auto.tfvars.json` set variables in that order (the `auto` ones in
/// lexical order), and [`Module::var_file`] adds one that Terraform would
/// read from `-var-file`, which wins over them. Files of other names are
/// ignored.
///
/// ```
/// use ztlint::terraform::Module;
///
/// let module = Module::new()
///     .file("variables.tf", "variable \"session\" {\n  default = \"1d\"\n}\n")
///     .file("terraform.tfvars", "session = \"2d\"\n");
/// assert_eq!(module.len(), 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Module {
    files: Vec<ModuleFile>,
}

#[derive(Clone, Debug)]
struct ModuleFile {
    name: String,
    source: String,
    role: Role,
}

/// What a module file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// `.tf` or `.tf.json`: variables and locals.
    Config,
    /// Variable values read automatically, in precedence order: rank 0 for
    /// `terraform.tfvars`, 1 for `terraform.tfvars.json`, 2 for the
    /// `*.auto.tfvars(.json)` files.
    AutoVars(u8),
    /// A `-var-file`, which wins over every automatic one.
    VarFile,
}

impl Module {
    /// An empty module: only what the linted file itself defines resolves.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let tf = r#"resource "cloudflare_zero_trust_organization" "main" {
    ///   account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
    ///   session_duration = var.session
    /// }"#;
    /// let module = Module::new();
    /// assert!(module.is_empty());
    /// // `var.session` is not known, so there is nothing to check.
    /// assert!(ztlint::Linter::new().lint_terraform("main.tf", tf, &module).is_empty());
    /// ```
    pub fn new() -> Module {
        Module::default()
    }

    /// Adds a file by its name (a path, of which the last part decides its
    /// role) and text.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let tf = r#"resource "cloudflare_zero_trust_organization" "main" {
    ///   account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
    ///   session_duration = var.session
    /// }"#;
    /// let module = Module::new()
    ///     .file("variables.tf", "variable \"session\" {\n  default = \"24h\"\n}\n")
    ///     .file("terraform.tfvars", "session = \"2d\"\n")
    ///     .file("README.md", "Not read by Terraform.");
    /// assert_eq!(module.len(), 2);
    /// let diagnostics = ztlint::Linter::new().lint_terraform("main.tf", tf, &module);
    /// let set = &diagnostics[0].secondary()[0];
    /// assert_eq!(set.file(), Some("terraform.tfvars"));
    /// assert_eq!(set.text(), Some("`var.session` is set here"));
    /// ```
    pub fn file(mut self, name: impl Into<String>, source: impl Into<String>) -> Module {
        let name = name.into();
        if let Some(role) = role_of(&name) {
            let mut source = source.into();
            // A configuration file that names no variable and no local
            // defines nothing that is read: most of a module is such
            // files, and a large one then costs nothing to keep.
            if role == Role::Config && !source.contains("variable") && !source.contains("locals") {
                source = String::new();
            }
            self.files.push(ModuleFile { name, source, role });
        }
        self
    }

    /// Adds a variable file that Terraform would read with `-var-file`:
    /// later ones win over earlier ones and over the automatic ones.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let tf = r#"resource "cloudflare_zero_trust_organization" "main" {
    ///   account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
    ///   session_duration = var.session
    /// }"#;
    /// let module = Module::new()
    ///     .file("terraform.tfvars", "session = \"24h\"\n")
    ///     .var_file("prod.tfvars", "session = \"3d\"\n");
    /// let diagnostics = ztlint::Linter::new().lint_terraform("main.tf", tf, &module);
    /// assert_eq!(diagnostics.len(), 1);
    /// assert_eq!(diagnostics[0].secondary()[0].file(), Some("prod.tfvars"));
    /// ```
    pub fn var_file(mut self, name: impl Into<String>, source: impl Into<String>) -> Module {
        self.files.push(ModuleFile {
            name: name.into(),
            source: source.into(),
            role: Role::VarFile,
        });
        self
    }

    /// How many files the module has.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let module = Module::new()
    ///     .file("main.tf", "")
    ///     .file("notes.txt", "")
    ///     .var_file("prod.tfvars", "");
    /// // `notes.txt` is no module file.
    /// assert_eq!(module.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the module has no file.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// assert!(Module::new().is_empty());
    /// assert!(Module::new().file("plan.out", "").is_empty());
    /// assert!(!Module::new().file("variables.tf.json", "{}").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The name and text of file `index`.
    pub(crate) fn get(&self, index: usize) -> Option<(&str, &str)> {
        self.files
            .get(index)
            .map(|f| (f.name.as_str(), f.source.as_str()))
    }
}

/// The role of a file named `name`, if it has one.
fn role_of(name: &str) -> Option<Role> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if base.ends_with(".tf") || base.ends_with(".tf.json") {
        Some(Role::Config)
    } else if base == "terraform.tfvars" {
        Some(Role::AutoVars(0))
    } else if base == "terraform.tfvars.json" {
        Some(Role::AutoVars(1))
    } else if base.ends_with(".auto.tfvars") || base.ends_with(".auto.tfvars.json") {
        Some(Role::AutoVars(2))
    } else {
        None
    }
}

/// At most this many references deep: a longer chain, or a cycle, is
/// unknown.
const MAX_DEPTH: usize = 16;

/// At most this many values are made by resolving references in one file:
/// locals that refer to others many times over could otherwise multiply
/// without bound. Past it, what is left is unknown. Real modules resolve
/// hundreds.
const MAX_RESOLVED: usize = 100_000;

/// One definition: its value and where it is.
#[derive(Clone, Debug)]
struct Definition {
    value: Expr,
    /// The module file, by index; `None` for the linted file.
    file: Option<usize>,
    label: String,
}

/// Everything the module defines, read once per linted file.
#[derive(Debug, Default)]
pub(crate) struct Definitions {
    defined: HashMap<Reference, Definition>,
    budget: Cell<usize>,
}

impl Definitions {
    /// The definitions of `module` and of the linted file, `linted` (its
    /// name, and its definitions read by the caller).
    pub(crate) fn read(
        module: &Module,
        linted_name: &str,
        linted: Vec<(Reference, Expr)>,
    ) -> Definitions {
        let mut defined = HashMap::new();
        let mut define = |reference: Reference, value: Expr, file: Option<usize>| {
            let label = match reference.kind {
                ReferenceKind::Var => format!("`{}` defaults to this", reference.shown()),
                ReferenceKind::Local => format!("`{}` is defined here", reference.shown()),
            };
            defined.insert(reference, Definition { value, file, label });
        };
        for (reference, value) in linted {
            define(reference, value, None);
        }
        let mut var_files: Vec<(Role, &str, usize)> = Vec::new();
        for (index, file) in module.files.iter().enumerate() {
            if file.name == linted_name {
                continue;
            }
            match file.role {
                // Those that define nothing are kept empty.
                Role::Config if file.source.is_empty() => {}
                Role::Config => {
                    for (reference, value) in config_definitions(&file.name, &file.source) {
                        define(reference, value, Some(index));
                    }
                }
                role => var_files.push((role, &file.name, index)),
            }
        }
        // Later files win: sort by precedence, keeping the given order of
        // `-var-file`s and the lexical order of the automatic ones.
        var_files.sort_by(|a, b| match (a.0, b.0) {
            (Role::VarFile, Role::VarFile) => a.2.cmp(&b.2),
            (Role::AutoVars(x), Role::AutoVars(y)) if x == y => a.1.cmp(b.1),
            _ => a.0.cmp(&b.0),
        });
        for (_, name, index) in var_files {
            let source = &module.files[index].source;
            for (name_of_var, value) in var_values(name, source) {
                let reference = Reference {
                    kind: ReferenceKind::Var,
                    name: name_of_var,
                };
                let label = format!("`{}` is set here", reference.shown());
                defined.insert(
                    reference,
                    Definition {
                        value,
                        file: Some(index),
                        label,
                    },
                );
            }
        }
        Definitions {
            defined,
            budget: Cell::new(MAX_RESOLVED),
        }
    }

    /// `expr` with every reference replaced by its value, which keeps
    /// `expr`'s span and records where it is defined; unknown where there
    /// is no literal value, where a reference leads back to itself (which
    /// Terraform refuses as a cycle), or past the file's budget.
    pub(crate) fn resolve(&self, expr: &Expr) -> Expr {
        self.resolve_within(expr, &mut Vec::new())
    }

    /// `expr` resolved while the references on `resolving` are being
    /// resolved, outermost first.
    fn resolve_within(&self, expr: &Expr, resolving: &mut Vec<Reference>) -> Expr {
        match &expr.value {
            // Only references spend the budget: what is written in the
            // file is read once, whatever happens to the budget.
            ExprValue::Reference(reference) => {
                let Some(definition) = self.defined.get(reference) else {
                    return Expr::fixed(ExprValue::Unknown, expr.span);
                };
                if !self.spend(1) || resolving.len() >= MAX_DEPTH || resolving.contains(reference) {
                    return Expr::fixed(ExprValue::Unknown, expr.span);
                }
                resolving.push(reference.clone());
                let value = self.resolve_within(&definition.value, resolving);
                resolving.pop();
                // Moving the value to the use site copies it: a value used
                // many times over is paid for each time.
                if !self.spend(value.size()) {
                    return Expr::fixed(ExprValue::Unknown, expr.span);
                }
                let origin = Rc::new(Origin {
                    file: definition.file,
                    span: definition.value.span,
                    label: definition.label.clone(),
                });
                value.moved_to(expr.span, &origin)
            }
            ExprValue::List(items) => Expr {
                value: ExprValue::List(
                    items
                        .iter()
                        .map(|e| self.resolve_within(e, resolving))
                        .collect(),
                ),
                ..expr.clone_shallow()
            },
            ExprValue::Object(items) => Expr {
                value: ExprValue::Object(
                    items
                        .iter()
                        .map(|item| Item {
                            value: self.resolve_within(&item.value, resolving),
                            ..item.clone_shallow()
                        })
                        .collect(),
                ),
                ..expr.clone_shallow()
            },
            _ => expr.clone(),
        }
    }

    /// Takes `cost` values from the budget, if it has them.
    fn spend(&self, cost: usize) -> bool {
        let left = self.budget.get();
        if left < cost {
            self.budget.set(0);
            return false;
        }
        self.budget.set(left - cost);
        true
    }
}

/// The variables and locals a configuration file defines; nothing when it
/// does not parse (Terraform would refuse it, and the lint of that file
/// says so).
fn config_definitions(name: &str, source: &str) -> Vec<(Reference, Expr)> {
    if name.ends_with(".json") {
        json_syntax::definitions_in(source)
    } else {
        hcl::parse_keeping(source, super::defines_values)
            .map(|body| hcl::definitions(&body, hcl::Text::whole(source)))
            .unwrap_or_default()
    }
}

/// The values a variable file sets.
fn var_values(name: &str, source: &str) -> Vec<(String, Expr)> {
    if name.ends_with(".json") {
        json_syntax::assignments(source)
    } else {
        hcl::parse(source)
            .map(|body| hcl::assignments(&body, hcl::Text::whole(source)))
            .unwrap_or_default()
    }
}

impl Expr {
    /// The expression without its value, for rebuilding it with another.
    fn clone_shallow(&self) -> Expr {
        Expr {
            value: ExprValue::Null,
            span: self.span,
            literal: self.literal,
            origin: self.origin.clone(),
        }
    }
}

impl Item {
    fn clone_shallow(&self) -> Item {
        Item {
            key: self.key.clone(),
            key_span: self.key_span,
            key_form: self.key_form,
            value: self.value.clone_shallow(),
            whole: self.whole,
            removal: self.removal,
        }
    }
}
