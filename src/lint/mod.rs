//! The front door: lint a payload, get every diagnostic.

mod windows;

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Severity};
use crate::profile::{Profile, UnknownName};
use crate::rules::{self, Context};
use crate::schema::Schema;

/// A configured linter. [`lint`] is `Linter::new().lint`.
///
/// Rule selectors name a rule code (`duration-syntax`) or a prefix of codes
/// that ends before a `-` (`duration` selects every `duration-*` rule).
///
/// ```
/// use ztlint::{Linter, Profile, Severity};
///
/// let linter = Linter::new()
///     .profile(Profile::Create)
///     .ignore("empty-body")?
///     .severity("unknown-field", Some(Severity::Warning))?;
/// let diagnostics = linter.lint(r#"{"name": "Widget Corps"}"#);
/// // `auth_domain` is required when creating an organization.
/// assert_eq!(diagnostics[0].code(), "missing-field");
/// # Ok::<(), ztlint::UnknownName>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Linter {
    profile: Profile,
    selected: Option<Vec<String>>,
    ignored: Vec<String>,
    severities: Vec<(String, Option<Severity>)>,
    schema: Option<Schema>,
}

/// The result of [`Linter::lint_bytes`]: the text the spans index, and the
/// findings.
///
/// ```
/// let linted = ztlint::Linter::new().lint_bytes(b"{\"name\": \"Caf\xe9\"}");
/// assert_eq!(linted.source, "{\"name\": \"Caf\u{fffd}\"}");
/// let d = &linted.diagnostics[0];
/// assert_eq!(d.code(), "invalid-utf8");
/// assert_eq!(&linted.source[d.span().range()], "\u{fffd}");
/// ```
#[derive(Clone, Debug)]
pub struct Linted<'a> {
    /// The decoded text. It is the input itself when the input is UTF-8;
    /// otherwise each invalid sequence is replaced by U+FFFD.
    pub source: Cow<'a, str>,
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Bytes read as text for linting: the text the spans index, and the
/// finding that says how the bytes were read, when they are not UTF-8 as
/// they are. [`Linter::lint_decoded_each`] lints it.
///
/// UTF-8 bytes are the text, without a copy. Other bytes are read as
/// [`Linter::lint_bytes`] reads them: UTF-16 and UTF-32 decoded, each
/// invalid UTF-8 sequence as U+FFFD.
///
/// ```
/// use ztlint::Decoded;
///
/// let utf16: Vec<u8> = "\u{feff}{}".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// assert_eq!(Decoded::new(&utf16).source(), "{}");
/// assert_eq!(Decoded::new(b"{}").into_source(), "{}");
/// ```
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    source: Cow<'a, str>,
    finding: Option<Diagnostic>,
    /// Of a Terraform file: where `source` has U+FFFD for bytes that were
    /// not UTF-8.
    replaced: Vec<crate::encoding::Replaced>,
}

impl<'a> Decoded<'a> {
    /// Reads `bytes` as text.
    ///
    /// ```
    /// let decoded = ztlint::Decoded::new(b"{\"name\": \"Caf\xe9\"}");
    /// assert_eq!(decoded.source(), "{\"name\": \"Caf\u{fffd}\"}");
    /// ```
    pub fn new(bytes: &'a [u8]) -> Decoded<'a> {
        if let Some(wide) = Decoded::wide(bytes, rules::syntax::wide_encoding) {
            return wide;
        }
        match std::str::from_utf8(bytes) {
            Ok(source) => Decoded {
                source: Cow::Borrowed(source),
                finding: None,
                replaced: Vec::new(),
            },
            // Go's decoder, like this, reads each invalid sequence as
            // U+FFFD and goes on: the rest is linted as the server reads it.
            Err(error) => Decoded {
                finding: Some(rules::syntax::invalid_utf8(
                    error,
                    char::REPLACEMENT_CHARACTER.len_utf8(),
                )),
                source: String::from_utf8_lossy(bytes),
                replaced: Vec::new(),
            },
        }
    }

    /// Reads the bytes of a Terraform configuration file as
    /// [`Linter::lint_terraform_bytes`] reads them: UTF-16 and UTF-32
    /// decoded (a `wide-encoding` error, which
    /// [`Linter::lint_terraform_decoded_each`] hands over), each invalid
    /// UTF-8 sequence as U+FFFD (a finding only where Terraform reads
    /// characters, which the lint finds).
    ///
    /// ```
    /// let decoded = ztlint::Decoded::terraform(b"# caf\xe9\n");
    /// assert_eq!(decoded.source(), "# caf\u{fffd}\n");
    /// ```
    pub fn terraform(bytes: &'a [u8]) -> Decoded<'a> {
        if let Some(wide) = Decoded::wide(bytes, rules::syntax::wide_encoding_in_terraform) {
            return wide;
        }
        let (source, replaced) = crate::encoding::utf8_lossy(bytes);
        Decoded {
            source,
            finding: None,
            replaced,
        }
    }

    /// `bytes` decoded, if they are UTF-16 or UTF-32, with the `finding`
    /// that says so.
    fn wide(
        bytes: &[u8],
        finding: fn(crate::encoding::Wide, &str) -> Diagnostic,
    ) -> Option<Decoded<'a>> {
        let (encoding, source) = crate::encoding::decode_wide(bytes)?;
        Some(Decoded {
            finding: Some(finding(encoding, &source)),
            source: Cow::Owned(source),
            replaced: Vec::new(),
        })
    }

    /// The text the findings' spans index.
    ///
    /// ```
    /// assert_eq!(ztlint::Decoded::new(b"{}").source(), "{}");
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The same reading, owning its text: a caller that holds it no
    /// longer needs the bytes. Copies the text when it is borrowed from
    /// them.
    ///
    /// ```
    /// let bytes = b"{\"name\": \"Caf\xe9\"}".to_vec();
    /// let decoded = ztlint::Decoded::new(&bytes).into_owned();
    /// drop(bytes);
    /// assert_eq!(decoded.source(), "{\"name\": \"Caf\u{fffd}\"}");
    /// ```
    pub fn into_owned(self) -> Decoded<'static> {
        Decoded {
            source: Cow::Owned(self.source.into_owned()),
            finding: self.finding,
            replaced: self.replaced,
        }
    }

    /// The text, borrowed from the bytes when they are UTF-8.
    ///
    /// ```
    /// use std::borrow::Cow;
    ///
    /// assert!(matches!(ztlint::Decoded::new(b"{}").into_source(), Cow::Borrowed("{}")));
    /// ```
    pub fn into_source(self) -> Cow<'a, str> {
        self.source
    }
}

impl Linter {
    /// A linter with every rule at its default severity, for the account
    /// update endpoint.
    ///
    /// ```
    /// let diagnostics = ztlint::Linter::new().lint(r#"{"name": ""}"#);
    /// assert_eq!(diagnostics.len(), 1);
    /// assert_eq!(diagnostics[0].code(), "name-blank");
    /// ```
    pub fn new() -> Linter {
        Linter::default()
    }

    /// Sets the endpoint profile.
    ///
    /// ```
    /// use ztlint::{Linter, Profile};
    ///
    /// let diagnostics = Linter::new().profile(Profile::Create).lint(r#"{"name": "Widget Corps"}"#);
    /// assert_eq!(diagnostics.len(), 1);
    /// assert_eq!(diagnostics[0].message(), "`auth_domain` is required when creating an organization");
    /// ```
    pub fn profile(mut self, profile: Profile) -> Linter {
        self.profile = profile;
        self
    }

    /// Checks payloads against `schema` instead of the profile's built-in
    /// one. The structure rules (`unknown-field`, `wrong-type`,
    /// `missing-field`, ...) then report what `schema` rejects; keywords
    /// with no rule of their own are reported as `schema-violation`.
    ///
    /// ```
    /// use ztlint::schema::Schema;
    ///
    /// let schema = Schema::from_json(r#"{"type": "object", "required": ["name"]}"#)?;
    /// let diagnostics = ztlint::Linter::new().schema(schema).lint("{}");
    /// assert!(diagnostics.iter().any(|d| d.code() == "missing-field"));
    /// # Ok::<(), ztlint::schema::SchemaError>(())
    /// ```
    pub fn schema(mut self, schema: Schema) -> Linter {
        self.schema = Some(schema);
        self
    }

    /// Runs only the rules that match `selector` (and those of earlier
    /// `select` calls). The rules that say the input could not be read
    /// always run: see [`Rule::always_runs`](crate::rules::Rule::always_runs).
    ///
    /// ```
    /// let source = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;
    /// let linter = ztlint::Linter::new().select("duration")?;
    /// let codes: Vec<_> = linter.lint(source).iter().map(|d| d.code()).collect();
    /// assert_eq!(codes, ["duration-syntax"]);
    ///
    /// let err = ztlint::Linter::new().select("durations").unwrap_err();
    /// assert_eq!(err.to_string(), "unknown rule `durations`");
    /// # Ok::<(), ztlint::UnknownName>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownName`] when the selector matches no rule.
    pub fn select(mut self, selector: &str) -> Result<Linter, UnknownName> {
        check_selector(selector)?;
        self.selected
            .get_or_insert_with(Vec::new)
            .push(selector.to_string());
        Ok(self)
    }

    /// Turns off the rules that match `selector`.
    ///
    /// ```
    /// let source = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;
    /// let linter = ztlint::Linter::new().ignore("duration")?;
    /// let codes: Vec<_> = linter.lint(source).iter().map(|d| d.code()).collect();
    /// assert_eq!(codes, ["wrong-type"]);
    /// # Ok::<(), ztlint::UnknownName>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownName`] when the selector matches no rule.
    pub fn ignore(mut self, selector: &str) -> Result<Linter, UnknownName> {
        check_selector(selector)?;
        self.ignored.push(selector.to_string());
        Ok(self)
    }

    /// Reports the rules that match `selector` at `severity`, or turns them
    /// off with `None`. Later calls win over earlier ones.
    ///
    /// ```
    /// use ztlint::{Linter, Severity};
    ///
    /// let source = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;
    /// let linter = Linter::new()
    ///     .severity("wrong-type", Some(Severity::Warning))?
    ///     .severity("duration", None)?;
    /// let found: Vec<_> = linter.lint(source).iter().map(|d| (d.code(), d.severity())).collect();
    /// assert_eq!(found, [("wrong-type", Severity::Warning)]);
    /// # Ok::<(), ztlint::UnknownName>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownName`] when the selector matches no rule.
    pub fn severity(
        mut self,
        selector: &str,
        severity: Option<Severity>,
    ) -> Result<Linter, UnknownName> {
        check_selector(selector)?;
        self.severities.push((selector.to_string(), severity));
        Ok(self)
    }

    /// Lints a payload and returns every finding, sorted by position.
    ///
    /// A text that is not JSON yields a single `json-syntax` finding. A
    /// leading byte order mark is reported and skipped; the rest is linted.
    ///
    /// ```
    /// let diagnostics = ztlint::Linter::new().lint(r#"{"session_duration": "1d"}"#);
    /// assert_eq!(diagnostics.len(), 1);
    /// assert_eq!(diagnostics[0].code(), "duration-syntax");
    /// ```
    pub fn lint(&self, source: &str) -> Vec<Diagnostic> {
        self.configure(self.find(source))
    }

    /// Every finding for `source`, before selection and severity overrides.
    fn find(&self, source: &str) -> Vec<Diagnostic> {
        let mut found = self.find_unparsed(source);
        let mut parsed = self.find_parsed(source);
        if found.is_empty() {
            found = parsed;
        } else {
            found.append(&mut parsed);
        }
        found
    }

    /// The findings for `source` that come before its parse: a byte order
    /// mark.
    fn find_unparsed(&self, source: &str) -> Vec<Diagnostic> {
        if source.starts_with('\u{feff}') {
            vec![rules::syntax::byte_order_mark()]
        } else {
            Vec::new()
        }
    }

    /// The findings of the parse of `source` and of the rules on its tree.
    fn find_parsed(&self, source: &str) -> Vec<Diagnostic> {
        self.find_in(source, self.parse(source))
    }

    /// The findings of `parsed`, a parse of `source`: its error, or those
    /// of the rules on its tree.
    fn find_in(
        &self,
        source: &str,
        parsed: Result<crate::json::Value<'_>, crate::json::Error>,
    ) -> Vec<Diagnostic> {
        match parsed {
            Err(error) => vec![error.to_diagnostic()],
            Ok(root) => self.check(source, &root, self.profile),
        }
    }

    /// [`Linter::lint`] of the whole tree, nothing dropped: what a lint of
    /// the tree [`Linter::parse`] makes is held to.
    #[cfg(test)]
    pub(crate) fn lint_whole_tree(&self, source: &str) -> Vec<Diagnostic> {
        let mut found = self.find_unparsed(source);
        found.extend(self.find_in(source, crate::json::parse_after_bom(source)));
        self.configure(found)
    }

    /// The tree the rules read. What no rule reads is dropped as it is
    /// parsed (values under unknown top-level keys, the elements of a root
    /// array), so that a large document of it costs no more than its text.
    /// A custom schema may read any value of an object, but for one that
    /// judges windows, which reads no value dropped here.
    fn parse<'a>(&self, source: &'a str) -> Result<crate::json::Value<'a>, crate::json::Error> {
        // No rule reads into a root that is no object (only
        // `root-not-object` reads it), so its repeats are not looked for.
        let object = source
            .trim_start_matches('\u{feff}')
            .trim_start_matches([' ', '\t', '\n', '\r'])
            .starts_with('{');
        if object && self.schema.as_ref().is_some_and(|s| !s.judges_windows()) {
            return crate::json::parse_after_bom(source);
        }
        match crate::json::parse_pruned(source, rules::reads_value_of_member, object)? {
            (root, false) => Ok(root),
            (_, true) => crate::json::parse_after_bom(source),
        }
    }

    /// Every finding of the rules on `body`, a tree whose spans index
    /// `source`, for `profile`; before selection and severity overrides.
    pub(crate) fn check(
        &self,
        source: &str,
        body: &crate::json::Value<'_>,
        profile: Profile,
    ) -> Vec<Diagnostic> {
        let mut cx = Context::new(source, profile).with_disabled(self.disabled());
        if let Some(schema) = &self.schema {
            cx = cx.with_schema(schema);
        }
        rules::check(body, &mut cx);
        cx.into_diagnostics()
    }

    /// Lints a Terraform plan, as `terraform show -json` writes it: every
    /// change that creates or updates a Zero Trust organization is linted
    /// as the body it sends, at positions in the plan. `None` when
    /// `source` is not a plan. The module [`crate::terraform`] says how
    /// the body is rebuilt.
    ///
    /// ```
    /// let plan = r#"{"format_version": "1.2", "resource_changes": [{
    ///   "address": "cloudflare_zero_trust_organization.main",
    ///   "mode": "managed", "type": "cloudflare_zero_trust_organization",
    ///   "change": {"actions": ["update"],
    ///     "after": {"account_id": "699d98642c564d2e855e9661899b7252",
    ///               "session_duration": "1d"},
    ///     "after_unknown": {}}}]}"#;
    /// let diagnostics = ztlint::Linter::new().lint_plan(plan).unwrap();
    /// assert_eq!(diagnostics.len(), 1);
    /// assert_eq!(diagnostics[0].code(), "duration-syntax");
    /// assert!(ztlint::Linter::new().lint_plan(r#"{"name": "Widget Corps"}"#).is_none());
    /// ```
    pub fn lint_plan(&self, source: &str) -> Option<Vec<Diagnostic>> {
        let found = crate::terraform::lint_plan(self, source)?;
        Some(self.configure(found))
    }

    /// Lints a Terraform plan as [`lint_plan`](Linter::lint_plan) does,
    /// handing each finding to `each` in position order, a change at a
    /// time, so that a plan of many changes never holds their findings
    /// together. `false`, and nothing handed over, when `source` is not a
    /// plan.
    ///
    /// ```
    /// let plan = r#"{"format_version": "1.2", "resource_changes": [{
    ///   "address": "cloudflare_zero_trust_organization.main",
    ///   "mode": "managed", "type": "cloudflare_zero_trust_organization",
    ///   "change": {"actions": ["update"],
    ///     "after": {"account_id": "699d98642c564d2e855e9661899b7252",
    ///               "session_duration": "1d"},
    ///     "after_unknown": {}}}]}"#;
    /// let mut codes = Vec::new();
    /// assert!(ztlint::Linter::new().lint_plan_each(plan, &mut |d| codes.push(d.code())));
    /// assert_eq!(codes, ["duration-syntax"]);
    /// assert!(!ztlint::Linter::new().lint_plan_each("{}", &mut |_| {}));
    /// ```
    pub fn lint_plan_each(&self, source: &str, each: &mut dyn FnMut(Diagnostic)) -> bool {
        let Some(within) = crate::terraform::changes_read(source) else {
            return false;
        };
        // A change's findings lie inside it, so sorting each change's
        // sorts them all.
        crate::terraform::lint_changes(self, source, within, &mut |found| {
            for diagnostic in self.configure(found) {
                each(diagnostic);
            }
        });
        true
    }

    /// Lints decoded bytes as a Terraform plan, as
    /// [`lint_plan_bytes`](Linter::lint_plan_bytes) reads them, handing
    /// each finding to `each` as [`lint_plan_each`](Linter::lint_plan_each)
    /// does. `false`, and nothing handed over, when they are not a plan, or
    /// not text in one of the encodings a plan may be in (invalid UTF-8 is
    /// none).
    ///
    /// ```
    /// use ztlint::{Decoded, Linter};
    ///
    /// let plan = r#"{"format_version": "1.2", "resource_changes": []}"#;
    /// let utf16: Vec<u8> = plan.encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// assert!(Linter::new().lint_plan_decoded_each(&Decoded::new(&utf16), &mut |_| {}));
    /// let latin1 = b"{\"format_version\": \"1.2\", \"resource_changes\": [], \"x\": \"\xe9\"}";
    /// assert!(!Linter::new().lint_plan_decoded_each(&Decoded::new(latin1), &mut |_| {}));
    /// ```
    pub fn lint_plan_decoded_each(
        &self,
        decoded: &Decoded<'_>,
        each: &mut dyn FnMut(Diagnostic),
    ) -> bool {
        let invalid = decoded
            .finding
            .as_ref()
            .is_some_and(|d| d.code() == rules::syntax::INVALID_UTF8.code());
        !invalid && self.lint_plan_each(&decoded.source, each)
    }

    /// Lints the bytes of a Terraform plan, as
    /// [`lint_plan`](Linter::lint_plan) lints its text. `terraform show
    /// -json` writes UTF-8, but in Windows PowerShell 5.1 `>` saves it as
    /// UTF-16: a plan in UTF-16 or UTF-32 (known as
    /// [`lint_bytes`](Linter::lint_bytes) knows it) is linted as decoded,
    /// and its encoding is no finding, for a plan is never sent to the API.
    /// `None` when `bytes` are not a plan, or not text in one of those
    /// encodings.
    ///
    /// ```
    /// let plan = r#"{"format_version": "1.2", "resource_changes": [{
    ///   "address": "cloudflare_zero_trust_organization.main",
    ///   "mode": "managed", "type": "cloudflare_zero_trust_organization",
    ///   "change": {"actions": ["create"],
    ///     "after": {"account_id": "699d98642c564d2e855e9661899b7252",
    ///               "auth_domain": "widget.cloudflareaccess.com",
    ///               "session_duration": "1d"},
    ///     "after_unknown": {}}}]}"#;
    /// let utf16: Vec<u8> = plan.encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// let linted = ztlint::Linter::new().lint_plan_bytes(&utf16).unwrap();
    /// assert_eq!(linted.source, plan);
    /// let codes: Vec<_> = linted.diagnostics.iter().map(|d| d.code()).collect();
    /// assert_eq!(codes, ["duration-syntax"]);
    /// assert!(ztlint::Linter::new().lint_plan_bytes(b"{\"name\": \"Widget Corps\"}").is_none());
    /// ```
    pub fn lint_plan_bytes<'a>(&self, bytes: &'a [u8]) -> Option<Linted<'a>> {
        let source = match crate::encoding::decode_wide(bytes) {
            Some((_, text)) => Cow::Owned(text),
            None => Cow::Borrowed(std::str::from_utf8(bytes).ok()?),
        };
        let diagnostics = self.lint_plan(&source)?;
        Some(Linted {
            source,
            diagnostics,
        })
    }

    /// Lints a Terraform configuration file: every
    /// `cloudflare_zero_trust_organization` resource (or the v4 provider's
    /// `cloudflare_access_organization`) in `source`, the text of the file
    /// `name`, is linted as the body it sends, at positions in the file.
    /// A name ending in `.json` is read in Terraform's JSON syntax, any
    /// other in its native syntax. `module` holds the module's other files,
    /// from which `var.NAME` and `local.NAME` take their values. The module
    /// [`crate::terraform`] says how the body is rebuilt.
    ///
    /// A file with no organization resource has no finding; one that does
    /// not parse has one, `terraform-syntax` (`json-syntax` for JSON).
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let tf = r#"
    /// resource "cloudflare_zero_trust_organization" "main" {
    ///   account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
    ///   session_duration = var.session
    /// }
    /// "#;
    /// let module = Module::new().file("variables.tf", "variable \"session\" {\n  default = \"1d\"\n}\n");
    /// let diagnostics = ztlint::Linter::new().lint_terraform("main.tf", tf, &module);
    /// assert_eq!(diagnostics.len(), 1);
    /// let d = &diagnostics[0];
    /// assert_eq!(d.code(), "duration-syntax");
    /// assert_eq!(&tf[d.span().range()], "var.session");
    /// assert_eq!(d.secondary()[0].file(), Some("variables.tf"));
    /// ```
    pub fn lint_terraform(
        &self,
        name: &str,
        source: &str,
        module: &crate::terraform::Module,
    ) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        self.lint_terraform_each(name, source, module, &mut |d| found.push(d));
        found
    }

    /// Lints the bytes of a Terraform configuration file, as
    /// [`lint_terraform`](Linter::lint_terraform) lints its text. `module`
    /// gives the module's other files; it is called only for a file that
    /// names an organization resource, so that a caller reads no other file
    /// for the rest.
    ///
    /// Terraform reads its files as UTF-8 only. A file in UTF-16 or UTF-32
    /// (known as [`lint_bytes`](Linter::lint_bytes) knows it) yields a
    /// `wide-encoding` error and is linted as decoded. In a `.tf` file, a
    /// byte that is not UTF-8 in a string, a heredoc or a block label
    /// yields an `invalid-utf8` error, at the first such byte; in a comment
    /// Terraform takes it, and in a `.tf.json` file Go's decoder reads it
    /// as U+FFFD. Each bad sequence is read as U+FFFD in
    /// [`Linted::source`], which the spans index.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let tf = b"resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  name       = \"Caf\xe9\" # caf\xe9\n}\n";
    /// let linted = ztlint::Linter::new().lint_terraform_bytes("main.tf", tf, Module::new);
    /// let d = &linted.diagnostics[0];
    /// assert_eq!((d.code(), d.severity()), ("invalid-utf8", ztlint::Severity::Error));
    /// assert_eq!(d.message(), "invalid UTF-8 at byte 124");
    /// assert_eq!(&linted.source[d.span().range()], "\u{fffd}");
    /// assert_eq!(linted.diagnostics.len(), 1, "the byte in the comment is no finding");
    /// ```
    pub fn lint_terraform_bytes<'a, M: std::borrow::Borrow<crate::terraform::Module>>(
        &self,
        name: &str,
        bytes: &'a [u8],
        module: impl FnOnce() -> M,
    ) -> Linted<'a> {
        let decoded = Decoded::terraform(bytes);
        let mut diagnostics = Vec::new();
        if crate::terraform::mentions_organization(decoded.source()) {
            self.lint_terraform_decoded_each(name, &decoded, module().borrow(), &mut |d| {
                diagnostics.push(d);
            });
        }
        Linted {
            diagnostics,
            source: decoded.source,
        }
    }

    /// Lints a Terraform configuration file as
    /// [`lint_terraform`](Linter::lint_terraform) does, handing each
    /// finding to `each` in position order. A large `.tf` file is linted a
    /// resource at a time, so that a file of many resources never holds
    /// their trees or findings together.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    ///
    /// let tf = r#"
    /// resource "cloudflare_zero_trust_organization" "main" {
    ///   account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
    ///   session_duration = "1d"
    /// }
    /// "#;
    /// let mut codes = Vec::new();
    /// ztlint::Linter::new().lint_terraform_each("main.tf", tf, &Module::new(), &mut |d| codes.push(d.code()));
    /// assert_eq!(codes, ["duration-syntax"]);
    /// ```
    pub fn lint_terraform_each(
        &self,
        name: &str,
        source: &str,
        module: &crate::terraform::Module,
        each: &mut dyn FnMut(Diagnostic),
    ) {
        let file = crate::terraform::ConfigFile {
            name,
            source,
            replaced: &[],
            module,
        };
        self.lint_terraform_found_each(file, None, crate::terraform::APART_ABOVE, each);
    }

    /// Lints a Terraform configuration file read by
    /// [`Decoded::terraform`], as
    /// [`lint_terraform_bytes`](Linter::lint_terraform_bytes) lints its
    /// bytes, handing each finding to `each` in position order, as
    /// [`lint_terraform_each`](Linter::lint_terraform_each) does. A file
    /// that names no organization resource type has no finding, whatever
    /// its encoding.
    ///
    /// ```
    /// use ztlint::terraform::Module;
    /// use ztlint::{Decoded, Linter};
    ///
    /// let tf = "resource \"cloudflare_zero_trust_organization\" \"main\" {\n  account_id = \"023e105f4ecef8ad9ca31a8372d0c353\"\n  session_duration = \"1d\"\n}\n";
    /// let utf16: Vec<u8> = tf.encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// let decoded = Decoded::terraform(&utf16);
    /// let mut codes = Vec::new();
    /// Linter::new().lint_terraform_decoded_each("main.tf", &decoded, &Module::new(), &mut |d| codes.push(d.code()));
    /// assert_eq!(codes, ["wide-encoding", "duration-syntax"]);
    /// ```
    pub fn lint_terraform_decoded_each(
        &self,
        name: &str,
        decoded: &Decoded<'_>,
        module: &crate::terraform::Module,
        each: &mut dyn FnMut(Diagnostic),
    ) {
        self.lint_terraform_decoded_over(
            name,
            decoded,
            module,
            crate::terraform::APART_ABOVE,
            each,
        );
    }

    /// [`lint_terraform_decoded_each`](Linter::lint_terraform_decoded_each),
    /// with a `.tf` or `.tf.json` file of any size linted a resource at a
    /// time, as a large one is. Only in builds with `--cfg fuzzing`, as
    /// cargo-fuzz makes them, for the `terraform` target to hold it to the
    /// whole lint.
    #[cfg(fuzzing)]
    #[doc(hidden)]
    pub fn fuzz_lint_terraform_apart(
        &self,
        name: &str,
        decoded: &Decoded<'_>,
        module: &crate::terraform::Module,
        each: &mut dyn FnMut(Diagnostic),
    ) {
        self.lint_terraform_decoded_over(name, decoded, module, 0, each);
    }

    /// [`lint_terraform_decoded_each`](Linter::lint_terraform_decoded_each),
    /// a file over `apart_above` bytes a resource at a time.
    fn lint_terraform_decoded_over(
        &self,
        name: &str,
        decoded: &Decoded<'_>,
        module: &crate::terraform::Module,
        apart_above: usize,
        each: &mut dyn FnMut(Diagnostic),
    ) {
        let file = crate::terraform::ConfigFile {
            name,
            source: &decoded.source,
            replaced: &decoded.replaced,
            module,
        };
        self.lint_terraform_found_each(file, decoded.finding.clone(), apart_above, each);
    }

    /// Lints a Terraform file after `finding`, which says how its bytes
    /// were read, a resource at a time if it is over `apart_above` bytes.
    fn lint_terraform_found_each(
        &self,
        file: crate::terraform::ConfigFile<'_>,
        finding: Option<Diagnostic>,
        apart_above: usize,
        each: &mut dyn FnMut(Diagnostic),
    ) {
        if !crate::terraform::mentions_organization(file.source) {
            return;
        }
        // The finding is at the file's start: it goes with the first part.
        let mut first = finding;
        let mut hand = |mut part: Vec<Diagnostic>| {
            part.extend(first.take());
            for diagnostic in self.configure(part) {
                each(diagnostic);
            }
        };
        crate::terraform::lint_config_each(self, file, apart_above, &mut hand);
        hand(Vec::new());
    }

    /// Lints raw bytes. Bytes that are not UTF-8 yield an `invalid-utf8`
    /// finding at the first bad sequence, and the rest is linted with each
    /// invalid sequence read as U+FFFD, as Go's decoder reads it.
    ///
    /// UTF-16 and UTF-32 text, known by a byte order mark or by the zero
    /// bytes of its first characters, yields a `wide-encoding` error; the
    /// decoded text, without its mark, is linted, and it is the
    /// [`Linted::source`] the spans index.
    ///
    /// ```
    /// let linted = ztlint::Linter::new().lint_bytes(b"{\"name\": \"Caf\xe9\"}");
    /// assert_eq!(linted.diagnostics[0].code(), "invalid-utf8");
    /// assert_eq!(linted.diagnostics[0].span().start(), 13);
    ///
    /// // `{"name": 1}` as Windows PowerShell 5.1 writes it: UTF-16LE.
    /// let utf16: Vec<u8> = "\u{feff}{\"name\": 1}".encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// let linted = ztlint::Linter::new().lint_bytes(&utf16);
    /// assert_eq!(linted.source, "{\"name\": 1}");
    /// let codes: Vec<_> = linted.diagnostics.iter().map(|d| d.code()).collect();
    /// assert_eq!(codes, ["wide-encoding", "wrong-type"]);
    /// ```
    pub fn lint_bytes<'a>(&self, bytes: &'a [u8]) -> Linted<'a> {
        let decoded = Decoded::new(bytes);
        let mut diagnostics = Vec::new();
        self.lint_decoded_each(&decoded, &mut |d| diagnostics.push(d));
        Linted {
            source: decoded.source,
            diagnostics,
        }
    }

    /// Lints `source` as [`lint`](Linter::lint) does, handing each finding
    /// to `each` in position order instead of returning them all. A large
    /// body with a finding for each of many keys or items is linted a
    /// window of them at a time, so its findings are never held together.
    ///
    /// ```
    /// let source = r#"{"session_duration": "1d", "is_ui_read_only": "false"}"#;
    /// let mut codes = Vec::new();
    /// ztlint::Linter::new().lint_each(source, &mut |d| codes.push(d.code()));
    /// assert_eq!(codes, ["duration-syntax", "wrong-type"]);
    /// ```
    pub fn lint_each(&self, source: &str, each: &mut dyn FnMut(Diagnostic)) {
        self.lint_found_each(source, None, each);
    }

    /// Lints decoded bytes as [`lint_bytes`](Linter::lint_bytes) does,
    /// handing each finding to `each` in position order, as
    /// [`lint_each`](Linter::lint_each) does. The finding about how the
    /// bytes were read, if any, comes in its place among them.
    ///
    /// ```
    /// use ztlint::{Decoded, Linter};
    ///
    /// let decoded = Decoded::new(b"{\"name\": \"Caf\xe9\", \"session_duration\": \"1d\"}");
    /// assert_eq!(decoded.source(), "{\"name\": \"Caf\u{fffd}\", \"session_duration\": \"1d\"}");
    /// let mut found = Vec::new();
    /// Linter::new().lint_decoded_each(&decoded, &mut |d| found.push((d.code(), d.span().start())));
    /// assert_eq!(found, [("invalid-utf8", 13), ("duration-syntax", 39)]);
    /// ```
    pub fn lint_decoded_each(&self, decoded: &Decoded<'_>, each: &mut dyn FnMut(Diagnostic)) {
        self.lint_found_each(&decoded.source, decoded.finding.clone(), each);
    }

    /// Lints `source` after `finding`, which says how its bytes were read.
    fn lint_found_each(
        &self,
        source: &str,
        finding: Option<Diagnostic>,
        each: &mut dyn FnMut(Diagnostic),
    ) {
        let mut found: Vec<Diagnostic> = finding.into_iter().collect();
        let windowed = self.schema.as_ref().is_none_or(Schema::judges_windows);
        if windowed && windows::is_large(source.len()) {
            found.extend(self.find_unparsed(source));
            match windows::lint(self, source, found, windows::WINDOW, each) {
                Ok(()) => return,
                Err(before) => found = before,
            }
            found.extend(self.find_parsed(source));
        } else {
            found.extend(self.find(source));
        }
        for diagnostic in self.configure(found) {
            each(diagnostic);
        }
    }

    /// The codes of the rules this linter does not report, for the rules to
    /// know before they run. Empty for a default linter, without a scan.
    fn disabled(&self) -> Vec<&'static str> {
        if !self.is_configured() {
            return Vec::new();
        }
        rules::all()
            .map(|rule| rule.code())
            .filter(|code| self.decide(code).is_none())
            .collect()
    }

    fn is_configured(&self) -> bool {
        self.selected.is_some() || !self.ignored.is_empty() || !self.severities.is_empty()
    }

    /// What becomes of a finding of `code`: dropped (`None`), or kept at
    /// the overridden severity, if any.
    fn decide(&self, code: &str) -> Option<Option<Severity>> {
        let always = rules::always_runs(code);
        let selected = self
            .selected
            .as_ref()
            .is_none_or(|s| s.iter().any(|sel| selector_matches(sel, code)));
        let ignored = self.ignored.iter().any(|sel| selector_matches(sel, code));
        if !always && (!selected || ignored) {
            return None;
        }
        match self
            .severities
            .iter()
            .rev()
            .find(|(sel, _)| selector_matches(sel, code))
        {
            None => Some(None),
            Some((_, None)) if always => Some(None),
            Some((_, None)) => None,
            Some((_, Some(severity))) => Some(Some(*severity)),
        }
    }

    /// Applies selection and severity overrides, then sorts.
    fn configure(&self, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let configured = self.is_configured();
        // A default linter keeps every finding as it is.
        let mut out = if configured {
            self.select_and_override(found)
        } else {
            found
        };
        out.sort_by(|a, b| position(a).cmp(&position(b)));
        out
    }

    /// Drops the findings of rules that are not selected or are ignored, and
    /// applies severity overrides.
    fn select_and_override(&self, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        found
            .into_iter()
            .filter_map(|d| match self.decide(d.code())? {
                None => Some(d),
                Some(severity) => Some(d.with_severity(severity)),
            })
            .collect()
    }
}

/// Lints a payload for the account update endpoint with every rule at its
/// default severity.
///
/// ```
/// let diagnostics = ztlint::lint(r#"{"is_ui_read_only": "false"}"#);
/// assert_eq!(diagnostics[0].code(), "wrong-type");
/// assert_eq!(diagnostics[0].span().range(), 20..27);
/// ```
pub fn lint(source: &str) -> Vec<Diagnostic> {
    Linter::new().lint(source)
}

/// Panics unless linting `source` in windows of one, two or three members
/// or elements (by its length) finds what the whole lint finds, in the
/// same order: with the built-in schema, or (for one length of input in
/// four, for it is slower) with the generated one given as a custom
/// schema. Only in builds with `--cfg fuzzing`, as cargo-fuzz makes them,
/// for the `lint` target: windows are otherwise for bodies of a megabyte
/// or more. One size an input keeps the target over 1,000 executions a
/// second under AddressSanitizer; the corpus holds each size to many.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn fuzz_windows_lint_as_whole(source: &str) {
    static CUSTOM: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(|| {
        let generated = crate::fields::schema(Profile::AccountUpdate).to_string();
        let schema = Schema::from_json(&generated).expect("the generated schema compiles");
        Linter::new().schema(schema)
    });
    let builtin = Linter::new();
    let linter = if source.len() % 4 == 1 {
        &*CUSTOM
    } else {
        &builtin
    };
    let whole = linter.lint(source);
    let size = 1 + source.len() / 4 % 3;
    let mut found = Vec::new();
    let before = linter.find_unparsed(source);
    if windows::lint(linter, source, before, size, &mut |d| found.push(d)).is_ok() {
        assert_eq!(found, whole, "windows of {size}");
    }
}

/// Where a finding sorts: by span, then code.
fn position(d: &Diagnostic) -> (usize, usize, &'static str) {
    (d.span().start(), d.span().end(), d.code())
}

pub(crate) fn selector_matches(selector: &str, code: &str) -> bool {
    selector == "all"
        || code == selector
        || (code.starts_with(selector) && code.as_bytes().get(selector.len()) == Some(&b'-'))
}

fn check_selector(selector: &str) -> Result<(), UnknownName> {
    if rules::all().any(|r| selector_matches(selector, r.code())) {
        Ok(())
    } else {
        Err(UnknownName::new("rule", selector))
    }
}

#[cfg(test)]
mod tests {
    use super::{windows, Linter};
    use crate::schema::Schema;

    #[test]
    fn a_repeat_in_a_dropped_value_asks_for_the_whole_tree_under_an_object_only() {
        let linter = Linter::new();
        // No rule reads into a root array: its lone element stays dropped.
        let root = linter.parse(r#"[{"a": 1, "a": 2}]"#).unwrap();
        let element = root.as_array().and_then(|items| items.first());
        assert_eq!(element.and_then(|e| e.as_object()).map(<[_]>::len), Some(0));
        // Under an object, `duplicate-key` reads it: the whole tree.
        let root = linter.parse(r#"{"x": {"a": 1, "a": 2}}"#).unwrap();
        let x = root.get("x").and_then(|x| x.as_object());
        assert_eq!(x.map(<[_]>::len), Some(2));
    }

    #[test]
    fn a_large_body_is_judged_whole_by_a_custom_schema_that_reads_pruned_insides() {
        // In windows, the value of `x`, which is no field, is read for its
        // syntax only: a schema of its members is judged on the whole tree.
        let padding: String = (0..100_000).map(|i| format!("\"k{i:05}\": 1, ")).collect();
        let source = format!(r#"{{{padding}"x": {{"a": 1}}}}"#);
        assert!(windows::is_large(source.len()));
        // The `1` of `"a": 1`.
        let at = source.len() - 3;
        for (schema, judges_windows) in [
            (
                r#"{"properties": {"x": {"properties": {"a": {"type": "string"}}}}}"#,
                false,
            ),
            (
                r#"{"properties": {"x": {"type": "object"}, "name": {"type": "string"}}}"#,
                true,
            ),
        ] {
            let schema = Schema::from_json(schema).unwrap();
            assert_eq!(schema.judges_windows(), judges_windows);
            let linter = Linter::new().schema(schema);
            let mut found = Vec::new();
            linter.lint_each(&source, &mut |d| found.push(d));
            assert_eq!(found, linter.lint(&source));
            let spans: Vec<_> = found.iter().map(|d| (d.code(), d.span().range())).collect();
            let expected = if judges_windows {
                vec![]
            } else {
                vec![("wrong-type", at..at + 1)]
            };
            assert_eq!(spans, expected);
        }
    }
}
