//! Terraform: the bodies that `cloudflare_zero_trust_organization`
//! resources send, linted where the configuration writes them.
//!
//! # Inputs
//!
//! - **`.tf` files** ([`Linter::lint_terraform`]), in Terraform's native
//!   syntax, read with `hcl-edit`. The resource types are the provider
//!   v5's `cloudflare_zero_trust_organization`, whose `login_design`,
//!   `custom_pages`, `mfa_config` and `mfa_piv_key_requirements` are object
//!   attributes (`login_design = { ... }`), and the v4 provider's
//!   `cloudflare_access_organization` and
//!   `cloudflare_zero_trust_access_organization`, whose `login_design` and
//!   `custom_pages` are blocks (`login_design { ... }`).
//! - **`.tf.json` files**, the same in Terraform's JSON syntax, read with
//!   ztlint's own JSON parser.
//! - **Plans** ([`Linter::lint_plan`]), as `terraform show -json` writes
//!   them: each create or update is linted as the body rebuilt from
//!   `change.after`, and its `account_id` and `zone_id` as a
//!   configuration's.
//!
//! A file that names none of the three resource types costs one scan of its
//! text and yields nothing. A large file is linted a resource at a time,
//! and holds the tree and findings of one resource at a time:
//! - a `.tf` file over 1 MiB is parsed a run of its top-level items at a
//!   time for its syntax, keeping as a tree only its variables, locals and
//!   top-level attributes; then each organization resource is parsed alone
//!   and linted (one over 256 KiB is parsed in runs too, but keeps its
//!   organization resources in the tree);
//! - a `.tf.json` file over 1 MiB is read for its syntax and what it
//!   defines, with no tree of its resources, then again, each organization
//!   resource linted as it is read;
//! - a plan keeps no tree of what is not read, and its changes are linted
//!   one at a time, as each is read.
//!
//! [`Linter::lint_terraform_each`] and [`Linter::lint_plan_each`] hand the
//! findings over as they come.
//!
//! # The body
//!
//! Attribute names are the body's JSON keys. `account_id` and `zone_id`
//! are the request path's: each is checked to be 32 lowercase hex
//! characters (`identifier-invalid`), and setting both, or in v5 neither,
//! is a finding (`terraform-account-and-zone`). The account endpoint's
//! profile is used when `account_id` is set (the v5 provider tries it
//! first), the zone's when only `zone_id` is. Creates are linted as
//! updates: the v5 provider creates with the same `PUT`, and a field left
//! to its default is not missing. Meta-arguments (`count`, `for_each`,
//! `provider`, `depends_on`, `lifecycle`, ...) are not body fields.
//!
//! Before the rules run, each value is converted to its attribute's type as
//! Terraform does before the provider sees it: `"false"` for a bool is
//! `false`, `42` for a string is `"42"`, `1.50` is `1.5`. A value
//! Terraform cannot convert is left as written, for `wrong-type`.
//!
//! # Values
//!
//! - A literal is linted fully, at its span in the file; a fix edits the
//!   file, in its own syntax (HCL escapes, `$${` in templates).
//! - `var.NAME` takes the value a variable file sets (see [`Module`]),
//!   else the variable's literal default; `local.NAME` takes the local's
//!   value, itself resolved the same way; `"${var.NAME}"` alone is the same
//!   as `var.NAME`. The finding is at the reference, with a second label at
//!   the definition, which may be in another file; it has no fix, since
//!   the definition may be used elsewhere.
//! - Anything else (interpolation with other text, function calls,
//!   conditionals, references to resources, data sources or modules, a
//!   `dynamic` block) is unknown: left out, never guessed. A resource with
//!   an unknown part gets no finding that a field is missing
//!   (`missing-field`, `toggle-without-reason`, ...), since the unknown
//!   part may be it.
//!
//! # How it is written
//!
//! - A block where v5 takes an object attribute (`login_design { ... }`),
//!   or an attribute where v4 takes a block, is `terraform-block-syntax`,
//!   with a fix where it is safe.
//! - A v4 block given twice: the provider sends only the first
//!   (`terraform-repeated-block`).
//! - A `.tf` file that does not parse is `terraform-syntax`; a `.tf.json`
//!   file that is not JSON is `json-syntax`.
//!
//! # Suppression
//!
//! A comment line `# ztlint-ignore: CODE, CODE` (or `//`) turns the named
//! rules off for the resource, attribute or block on the next code line.
//! JSON has no comments; in `.tf.json`, a resource body's `"//"` property,
//! which Terraform ignores, does it for the whole resource:
//! `"//": "ztlint-ignore: CODE"`.
//!
//! [`Linter::lint_terraform`]: crate::Linter::lint_terraform
//! [`Linter::lint_plan`]: crate::Linter::lint_plan
//! [`Linter::lint_terraform_each`]: crate::Linter::lint_terraform_each
//! [`Linter::lint_plan_each`]: crate::Linter::lint_plan_each

mod body;
mod convert;
mod expr;
mod hcl;
mod items;
mod json_syntax;
mod module;
mod number;
mod plan;
mod resource;
mod suppress;

pub use module::Module;

pub(crate) use plan::{changes_read, lint_changes, lint_plan};

use crate::diagnostic::Diagnostic;
use crate::encoding::Replaced;
use crate::lint::Linter;
use crate::profile::Profile;
use crate::rules::terraform as rules;
use crate::span::Span;
use body::Body;
use expr::{Expr, ExprValue, Item};
use module::Definitions;
use resource::Resource;
use suppress::Suppression;

/// The resource types whose bodies are linted: the v5 provider's, then
/// the two names of the v4 provider's.
const RESOURCE_TYPES: [&str; 3] = [
    "cloudflare_zero_trust_organization",
    "cloudflare_zero_trust_access_organization",
    "cloudflare_access_organization",
];

/// Attributes of the resource that are not body fields.
const NOT_IN_BODY: [&str; 3] = ["account_id", "zone_id", "id"];

/// The rules whose findings say that a field is absent, or that another
/// is present without it: an unknown value could be the absent one.
const ABSENCE_RULES: [&str; 6] = [
    "missing-field",
    "empty-body",
    "toggle-without-reason",
    "toggle-reason-without-toggle",
    "mfa-required-without-authenticator",
    "warp-auth-without-duration",
];

/// The v4 provider's nested blocks: lists of which it sends the first
/// (`login_design.0`).
const V4_BLOCKS: [&str; 2] = ["login_design", "custom_pages"];

/// Rules that do not apply to a configuration's body: neither provider
/// ever sends an empty one (v5 sends its defaults, such as
/// `auto_redirect_to_identity`; v4 sends every field, unset ones as `""`
/// and `false`).
const NOT_FOR_CONFIGURATION: [&str; 1] = ["empty-body"];

/// Rules that do not apply to a v5 configuration's body: v5 releases plan
/// `is_ui_read_only = false` when it is not set, so a reason is never sent
/// without it (a plan shows what a given release sends).
const NOT_FOR_V5_CONFIGURATION: [&str; 1] = ["toggle-reason-without-toggle"];

/// The provider major version a resource type belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProviderVersion {
    V4,
    V5,
}

impl ProviderVersion {
    /// The version of resource type `kind`, if it is an organization.
    pub(crate) fn of(kind: &str) -> Option<ProviderVersion> {
        match kind {
            "cloudflare_zero_trust_organization" => Some(ProviderVersion::V5),
            "cloudflare_zero_trust_access_organization" | "cloudflare_access_organization" => {
                Some(ProviderVersion::V4)
            }
            _ => None,
        }
    }

    /// Whether a resource with `zone_id` set goes to the zone endpoint:
    /// in v5 only without `account_id`, which the provider tries first; v4
    /// refuses both.
    pub(crate) fn zone_endpoint(self, account_set: bool) -> bool {
        match self {
            ProviderVersion::V4 => true,
            ProviderVersion::V5 => !account_set,
        }
    }
}

/// Panics unless a large `.tf` file's way of parsing, a run of its items
/// at a time, reads from `source` what a parse of it whole reads, in runs
/// of one of a few sizes, picked by the length of `source`: over a
/// campaign each size reads every kind of input, and an input costs one
/// reading in runs. Only in builds with `--cfg fuzzing`, as cargo-fuzz
/// makes them, for the `terraform` target.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn fuzz_runs_read_as_whole(source: &str) {
    let run = hcl::RUNS[source.len() % hcl::RUNS.len()];
    hcl::assert_runs_read_as_whole(source, &[run]);
}

/// Panics unless `bytes`, as a `.tf` file and as a `.tf.json` file, has
/// the same findings linted a resource at a time as linted whole, and
/// unless each resource's findings come after the last's. For the tests
/// (the `terraform` fuzz target holds the two to each other through
/// `Linter::fuzz_lint_terraform_apart`). Returns how many findings each
/// reading has.
#[cfg(test)]
pub(crate) fn assert_apart_lints_as_whole(bytes: &[u8]) -> [usize; 2] {
    let (source, replaced) = crate::encoding::utf8_lossy(bytes);
    let source = source.as_ref();
    let module = Module::new();
    let linter = Linter::new();
    let lint = |name, apart_above| {
        let mut parts = Vec::new();
        let file = ConfigFile {
            name,
            source,
            replaced: &replaced,
            module: &module,
        };
        lint_config_each(&linter, file, apart_above, &mut |part| parts.push(part));
        parts
    };
    let sorted = |parts: Vec<Vec<Diagnostic>>| {
        let mut found: Vec<Diagnostic> = parts.into_iter().flatten().collect();
        found.sort_by_key(|d| {
            (
                d.span().start(),
                d.span().end(),
                d.code(),
                d.message().to_string(),
            )
        });
        found
    };
    ["main.tf", "main.tf.json"].map(|name| {
        let parts = lint(name, 0);
        let mut last_start = 0;
        for part in &parts {
            let first = part.iter().map(|d| d.span().start()).min();
            assert!(
                first.is_none_or(|first| first >= last_start),
                "{name}: parts out of order in {source:?}"
            );
            last_start = part
                .iter()
                .map(|d| d.span().start())
                .max()
                .unwrap_or(last_start);
        }
        let apart = sorted(parts);
        assert_eq!(apart, sorted(lint(name, usize::MAX)), "{name}: {source:?}");
        apart.len()
    })
}

/// [`assert_apart_lints_as_whole`], and how many findings the readings
/// that take resources apart have: `None` when neither does (the file is
/// read whole, or has no organization resource).
#[cfg(test)]
pub(crate) fn apart_findings(bytes: &[u8]) -> Option<usize> {
    let [hcl_found, json_found] = assert_apart_lints_as_whole(bytes);
    let source = String::from_utf8_lossy(bytes);
    let hcl_apart = matches!(
        hcl::parse_apart(&source, defines_values, is_organization, 0, &mut |_, _| {}),
        Some(Ok(read)) if !read.apart.is_empty()
    );
    let json_apart = json_syntax::read_apart(&source).is_ok_and(|read| read.has_resources());
    let found = [(hcl_apart, hcl_found), (json_apart, json_found)];
    (hcl_apart || json_apart).then(|| {
        found
            .iter()
            .filter(|(apart, _)| *apart)
            .map(|(_, n)| n)
            .sum()
    })
}

/// Whether `source` names an organization resource type at all: the cheap
/// scan that spares every other file a parse. A file for which it is
/// `false` has no finding from [`Linter::lint_terraform`], so a caller
/// need not gather its module's files.
///
/// ```
/// use ztlint::terraform::mentions_organization;
///
/// assert!(mentions_organization("resource \"cloudflare_zero_trust_organization\" \"o\" {}"));
/// assert!(!mentions_organization("resource \"aws_s3_bucket\" \"b\" {}"));
/// ```
///
/// [`Linter::lint_terraform`]: crate::Linter::lint_terraform
pub fn mentions_organization(source: &str) -> bool {
    source.contains("_organization") && RESOURCE_TYPES.iter().any(|t| source.contains(t))
}

/// How large a `.tf` or `.tf.json` file must be to be linted a resource
/// at a time. It reads the file twice (for its syntax, then each
/// resource), which takes about 1.7 times as long as a whole lint
/// (`benches/terraform.rs`): a smaller file's trees and findings are few
/// enough to hold.
pub(crate) const APART_ABOVE: usize = 1 << 20;

/// A Terraform configuration file as its lint reads it.
#[derive(Clone, Copy)]
pub(crate) struct ConfigFile<'a> {
    /// Its name, which says how it is read: `.tf.json` as JSON, any other
    /// as HCL.
    pub(crate) name: &'a str,
    pub(crate) source: &'a str,
    /// Where `source` has U+FFFD for bytes that were not UTF-8: Terraform
    /// refuses those in a `.tf` file's strings.
    pub(crate) replaced: &'a [Replaced],
    /// The module whose variables and locals its references resolve into.
    pub(crate) module: &'a Module,
}

/// Every finding in the Terraform configuration `file`, before selection
/// and severity overrides, handed to `each` a part of the file at a time,
/// in order: each part's findings lie in its text, after the last part's.
/// A file over `apart_above` bytes ([`APART_ABOVE`] but in tests) is
/// linted a resource at a time, so that its resources' trees and findings
/// are never held together.
pub(crate) fn lint_config_each(
    linter: &Linter,
    file: ConfigFile<'_>,
    apart_above: usize,
    each: &mut dyn FnMut(Vec<Diagnostic>),
) {
    let source = file.source;
    if !mentions_organization(source) {
        return;
    }
    let json = file.name.ends_with(".json");
    if json && source.len() > apart_above {
        return lint_json_apart(linter, file, each);
    }
    if !json && lint_hcl_apart(linter, file, apart_above, each) {
        return;
    }
    let read = if json {
        // Go's JSON decoder, which reads `.tf.json`, reads a bad sequence
        // as U+FFFD, and Terraform takes the file.
        read_json(source)
    } else {
        read_hcl(source, file.replaced)
    };
    let read = match read {
        Ok(read) => read,
        Err(finding) => return each(vec![*finding]),
    };
    if read.resources.is_empty() {
        return each(read.not_utf8.into_iter().collect());
    }
    let definitions = Definitions::read(file.module, file.name, read.definitions);
    let mut found = lint_resources(
        linter,
        file,
        read.resources,
        &definitions,
        &read.suppressions,
    );
    // Terraform refuses the file whatever a comment says.
    found.extend(read.not_utf8);
    each(found);
}

/// Lints the `.tf` file `source` a resource at a time, as
/// [`hcl::parse_apart`] reads it, handing each resource's findings to
/// `each`; `false`, and nothing handed over, when it is to be read whole.
fn lint_hcl_apart(
    linter: &Linter,
    file: ConfigFile<'_>,
    apart_above: usize,
    each: &mut dyn FnMut(Vec<Diagnostic>),
) -> bool {
    let (source, replaced) = (file.source, file.replaced);
    // The first bad UTF-8 sequence in a string, of those in every tree the
    // parse makes.
    let mut not_utf8: Option<Replaced> = None;
    let mut trees = |tree: &hcl_edit::structure::Body, base: usize| {
        let after = replaced.partition_point(|r| r.at < base);
        let in_text = hcl::first_in_text(tree, replaced[after..].iter().copied(), |r| r.at - base);
        if let Some(found) = in_text.filter(|r| not_utf8.is_none_or(|first| r.at < first.at)) {
            not_utf8 = Some(found);
        }
    };
    let trees: &mut dyn FnMut(&hcl_edit::structure::Body, usize) = if replaced.is_empty() {
        &mut |_, _| {}
    } else {
        &mut trees
    };
    let parsed = hcl::parse_apart(source, defines_values, is_organization, apart_above, trees);
    let read = match parsed {
        None => return false,
        Some(Err(e)) => {
            each(vec![rules::syntax_error(source, e.at, &e.message)]);
            return true;
        }
        Some(Ok(read)) => read,
    };
    // Terraform refuses the file whatever a comment says: the finding goes
    // with the part it comes before, after the suppressions.
    let mut not_utf8 = not_utf8.map(crate::rules::syntax::invalid_utf8_in_terraform);
    let own = hcl::definitions(&read.kept, hcl::Text::whole(source));
    drop(read.kept);
    let definitions = Definitions::read(file.module, file.name, own);
    // Where the lines that may hold the next resource's ignore comments
    // start: after the last resource's last line.
    let mut lines_from = 0;
    for item in read.apart {
        let text = hcl::Text {
            source,
            base: item.start,
        };
        let Some(tree) = hcl::parse_item(&read.text, item.clone()) else {
            continue;
        };
        let resources = hcl::resources(&tree, text);
        drop(tree);
        let suppressions = suppressions(source, lines_from..item.end, &resources);
        lines_from = source[item.end..]
            .find('\n')
            .map_or(source.len(), |at| item.end + at + 1);
        let mut found = lint_resources(linter, file, resources, &definitions, &suppressions);
        if not_utf8
            .as_ref()
            .is_some_and(|d| d.span().start() < item.end)
        {
            found.extend(not_utf8.take());
        }
        each(found);
    }
    if let Some(last) = not_utf8 {
        each(vec![last]);
    }
    true
}

/// The findings of `resources`, of `file`, that `suppressions` leave.
fn lint_resources(
    linter: &Linter,
    file: ConfigFile<'_>,
    resources: Vec<Resource>,
    definitions: &Definitions,
    suppressions: &[Suppression],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for resource in resources {
        found.extend(lint_resource(linter, file, resource, definitions));
    }
    suppress::apply(found, suppressions)
}

/// Lints the `.tf.json` file `source` a resource at a time, as
/// [`json_syntax::each_resource`] reads it, handing each resource's
/// findings to `each`.
fn lint_json_apart(linter: &Linter, file: ConfigFile<'_>, each: &mut dyn FnMut(Vec<Diagnostic>)) {
    let source = file.source;
    let mut apart = match json_syntax::read_apart(source) {
        Ok(apart) => apart,
        Err(e) => return each(vec![e.to_diagnostic()]),
    };
    let own = std::mem::take(&mut apart.definitions);
    let definitions = Definitions::read(file.module, file.name, own);
    json_syntax::each_resource(source, &apart, &mut |(resource, comments)| {
        let suppressions = comment_suppressions(&resource, comments);
        each(lint_resources(
            linter,
            file,
            vec![resource],
            &definitions,
            &suppressions,
        ));
    });
}

/// What a configuration file holds for the lint.
struct Read {
    resources: Vec<Resource>,
    /// The file's own variables and locals.
    definitions: Vec<(expr::Reference, Expr)>,
    suppressions: Vec<Suppression>,
    /// The first bad UTF-8 sequence where Terraform reads characters.
    not_utf8: Option<Diagnostic>,
}

/// What the `.tf` file `source` holds, or the finding that it does not
/// parse.
fn read_hcl(source: &str, replaced: &[Replaced]) -> Result<Read, Box<Diagnostic>> {
    // The visit for bad bytes below needs every string of the file.
    let body = if replaced.is_empty() {
        hcl::parse_keeping(source, is_linted_item)
    } else {
        hcl::parse(source)
    };
    let body = body.map_err(|e| Box::new(rules::syntax_error(source, e.at, &e.message)))?;
    // Most files have no bad byte: the visit is spared them.
    let not_utf8 = if replaced.is_empty() {
        None
    } else {
        hcl::first_in_text(&body, replaced.iter().copied(), |r| r.at)
            .map(crate::rules::syntax::invalid_utf8_in_terraform)
    };
    let resources = hcl::resources(&body, hcl::Text::whole(source));
    Ok(Read {
        not_utf8,
        suppressions: suppressions(source, 0..source.len(), &resources),
        definitions: hcl::definitions(&body, hcl::Text::whole(source)),
        resources,
    })
}

/// The ignore comments on the lines of `source` in `lines` that apply to
/// `resources` or to what is in them.
fn suppressions(
    source: &str,
    lines: std::ops::Range<usize>,
    resources: &[Resource],
) -> Vec<Suppression> {
    let mut constructs = Vec::new();
    let mut values = Vec::new();
    for resource in resources {
        constructs.push(resource.whole);
        for block in &resource.body.blocks {
            constructs.push(block.whole);
            collect_spans(&block.items, &mut constructs, &mut values);
        }
        collect_spans(&resource.body.items, &mut constructs, &mut values);
    }
    suppress::hcl(source, lines, &constructs, &values)
}

/// Whether the top-level item `text` of a `.tf` file is one the lint
/// reads: an organization resource, a variable or the locals. Any other
/// is parsed for syntax only.
fn is_linted_item(text: &str) -> bool {
    defines_values(text) || is_organization(text)
}

/// Whether the top-level item `text` of a `.tf` file is an organization
/// resource.
fn is_organization(text: &str) -> bool {
    let header = text.split('{').next().unwrap_or(text);
    items::first_word(text) == "resource" && RESOURCE_TYPES.iter().any(|t| header.contains(t))
}

/// Whether the top-level item `text` of a `.tf` file is a `variable` or
/// `locals` block, which define what `var.NAME` and `local.NAME` are.
pub(crate) fn defines_values(text: &str) -> bool {
    matches!(items::first_word(text), "variable" | "locals")
}

/// The spans of `items` and of their nested items, and of their string
/// values.
fn collect_spans(items: &[Item], constructs: &mut Vec<Span>, values: &mut Vec<Span>) {
    for item in items {
        constructs.push(item.whole.unwrap_or(item.key_span.to(item.value.span)));
        match &item.value.value {
            ExprValue::Object(nested) => collect_spans(nested, constructs, values),
            ExprValue::String(_) | ExprValue::Unknown => values.push(item.value.span),
            _ => {}
        }
    }
}

/// What the `.tf.json` file `source` holds, or the finding that it is
/// not JSON.
fn read_json(source: &str) -> Result<Read, Box<Diagnostic>> {
    let root = crate::json::parse_reading(source, json_syntax::reads)
        .map_err(|e| Box::new(e.to_diagnostic()))?;
    let mut resources = Vec::new();
    let mut suppressions = Vec::new();
    for (resource, comments) in json_syntax::resources(&root, source) {
        suppressions.extend(comment_suppressions(&resource, comments));
        resources.push(resource);
    }
    Ok(Read {
        not_utf8: None,
        resources,
        definitions: json_syntax::definitions(&root, source),
        suppressions,
    })
}

/// The ignore comments of a `.tf.json` resource, the `"//"` properties
/// of its body: each for the whole resource.
fn comment_suppressions(resource: &Resource, comments: Vec<(Span, String)>) -> Vec<Suppression> {
    comments
        .into_iter()
        .filter_map(|(_, text)| suppress::selectors(&text))
        .map(|selectors| Suppression {
            selectors,
            target: resource.whole,
        })
        .collect()
}

/// The findings of one resource.
fn lint_resource(
    linter: &Linter,
    file: ConfigFile<'_>,
    resource: Resource,
    definitions: &Definitions,
) -> Vec<Diagnostic> {
    let (source, module) = (file.source, file.module);
    let version = resource.version;
    let header = resource.header;
    let mut shaped = resource.shape(source);
    for item in &mut shaped.fields {
        item.value = definitions.resolve(&item.value);
    }
    let path_parameter = |e: &Expr| {
        let mut e = definitions.resolve(e);
        convert::string(&mut e);
        e
    };
    let account = shaped.account_id.as_ref().map(path_parameter);
    let zone = shaped.zone_id.as_ref().map(path_parameter);
    convert::body(&mut shaped.fields);

    let mut found = std::mem::take(&mut shaped.findings);
    found.extend(path_findings(
        version,
        header,
        account.as_ref(),
        zone.as_ref(),
        module,
    ));
    let profile = endpoint(version, account.as_ref(), zone.as_ref());
    let body = Body::write(&shaped.fields, header);
    let Ok(root) = crate::json::parse(&body.json) else {
        return found;
    };
    let has_unknown = body.has_unknown || shaped.has_dynamic;
    found.extend(
        linter
            .check(&body.json, &root, profile)
            .into_iter()
            .filter(|d| !(has_unknown && ABSENCE_RULES.contains(&d.code())))
            .filter(|d| !NOT_FOR_CONFIGURATION.contains(&d.code()))
            .filter(|d| {
                version != ProviderVersion::V5 || !NOT_FOR_V5_CONFIGURATION.contains(&d.code())
            })
            .map(|d| body.move_finding(d, source, module)),
    );
    found
}

/// The endpoint the body goes to: the account's when `account_id` is set
/// (v5 tries it first; v4 refuses both) or unknown, the zone's when only
/// `zone_id` is.
fn endpoint(version: ProviderVersion, account: Option<&Expr>, zone: Option<&Expr>) -> Profile {
    let set = |e: Option<&Expr>| e.is_some_and(|e| !matches!(e.value, ExprValue::Null));
    if set(zone) && version.zone_endpoint(set(account)) {
        Profile::ZoneUpdate
    } else {
        Profile::AccountUpdate
    }
}

/// The findings on `account_id` and `zone_id`: each an identifier, and
/// one of them set.
fn path_findings(
    version: ProviderVersion,
    header: Span,
    account: Option<&Expr>,
    zone: Option<&Expr>,
    module: &Module,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Known and set; an unknown value is neither (Terraform defers its own
    // check of the conflict until the value is known).
    let is_set = |e: Option<&Expr>| {
        e.is_some_and(|e| !matches!(e.value, ExprValue::Null) && !e.has_unknown())
    };
    let is_unknown = |e: Option<&Expr>| e.is_some_and(Expr::has_unknown);
    for (name, expr) in [("account_id", account), ("zone_id", zone)] {
        let Some(expr) = expr else { continue };
        if let ExprValue::String(id) = &expr.value {
            if let Err(error) = crate::account_id::check(id) {
                let mut d = rules::identifier_invalid(expr.span, name, id, &error);
                if let Some(origin) = &expr.origin {
                    d = d.with_secondary_label(body::origin_label(origin, module));
                }
                found.push(d);
            }
        }
    }
    match (is_set(account), is_set(zone)) {
        (true, true) => found.push(rules::account_and_zone(
            version,
            zone.map_or(header, |z| z.span),
            account.map(|a| a.span),
        )),
        (false, false)
            if version == ProviderVersion::V5 && !is_unknown(account) && !is_unknown(zone) =>
        {
            found.push(rules::neither_account_nor_zone(header));
        }
        _ => {}
    }
    found
}

#[cfg(test)]
mod tests;
