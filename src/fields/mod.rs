//! The field table: every field of the organization body, with its type,
//! constraints, the endpoints that take it, its status and the evidence
//! behind each fact. It is the one source of field facts: the embedded
//! JSON Schema, the endpoint profiles, the duration, color and identifier
//! rules, the read-only and renamed fields, and the fields section of
//! `docs/rules.md` are all derived from it.
//!
//! ```
//! use ztlint::fields::{self, Confidence, Kind};
//! use ztlint::Profile;
//!
//! let field = fields::find(&["login_design", "text_color"]).unwrap();
//! assert_eq!(field.kind(), Kind::String);
//! assert_eq!(field.pointer(), "/login_design/text_color");
//! assert!(field.accepted_by(Profile::ZoneUpdate));
//! assert!(field.evidence().iter().any(|e| e.confidence() == Confidence::High));
//!
//! // Creating an organization requires its name.
//! assert!(fields::find(&["name"]).unwrap().required_by(Profile::Create));
//! ```
//!
//! # Status
//!
//! A field is [`Status::Current`], [`Status::Renamed`] (the API took it
//! under another name, and released clients still send the old one),
//! [`Status::Removed`] (the API took it once; clients still model it) or
//! [`Status::ResponseOnly`] (responses carry it; a request should not).
//! Every status but `Current` has a rule that says so.

mod schema;
mod table;

use std::fmt::Write;

use crate::profile::Profile;

pub use self::schema::schema;

/// How sure ztlint is of a fact, as `shared/cloudflare-facts.md` grades it.
///
/// Ordered from least to most sure.
///
/// ```
/// use ztlint::fields::{self, Confidence};
///
/// let field = fields::find(&["session_duration"]).unwrap();
/// let grades: Vec<_> = field.evidence().iter().map(|e| e.confidence()).collect();
/// assert_eq!(grades, [Confidence::High, Confidence::High, Confidence::Medium, Confidence::Medium]);
/// assert!(Confidence::Medium < Confidence::High);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Inferred from a single third-party source.
    Low,
    /// Inferred from Cloudflare's own code or tests.
    Medium,
    /// Stated by an official source: the API schema, the SDK types, the
    /// docs.
    High,
}

impl Confidence {
    /// `H`, `M` or `L`.
    ///
    /// ```
    /// assert_eq!(ztlint::fields::Confidence::High.letter(), 'H');
    /// ```
    pub const fn letter(self) -> char {
        match self {
            Confidence::High => 'H',
            Confidence::Medium => 'M',
            Confidence::Low => 'L',
        }
    }
}

/// Where a fact comes from, and how sure it is.
///
/// ```
/// use ztlint::fields::{self, Confidence};
///
/// let field = fields::find(&["mfa_config", "allowed_authenticators"]).unwrap();
/// let first = &field.evidence()[0];
/// assert_eq!(first.fact(), "enum totp, biometrics, security_key, piv_key, ssh_fido2_key");
/// assert_eq!(first.source(), "cloudflare-typescript `OrganizationUpdateParams`");
/// assert_eq!(first.confidence(), Confidence::High);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    fact: &'static str,
    source: &'static str,
    confidence: Confidence,
}

impl Evidence {
    /// What the source says, briefly.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["session_duration"]).unwrap();
    /// assert_eq!(field.evidence()[0].fact(), "a Go duration; units ns, us (or µs), ms, s, m, h");
    /// ```
    pub fn fact(&self) -> &'static str {
        self.fact
    }

    /// The source: a document, SDK type or code path, with its date or
    /// version where it matters.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["session_duration"]).unwrap();
    /// assert_eq!(field.evidence()[1].source(), "terraform-provider-cloudflare v4");
    /// ```
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// How sure the fact is.
    ///
    /// ```
    /// use ztlint::fields::Confidence;
    ///
    /// let field = ztlint::fields::find(&["session_duration"]).unwrap();
    /// assert_eq!(field.evidence()[2].confidence(), Confidence::Medium);
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
}

/// The JSON type of a field.
///
/// ```
/// use ztlint::fields::{self, Kind};
///
/// let kind = |path: &[&str]| fields::find(path).unwrap().kind();
/// assert_eq!(kind(&["is_ui_read_only"]), Kind::Boolean);
/// assert_eq!(kind(&["service_token_inactivity", "inactivity_threshold_days"]), Kind::Integer);
/// assert_eq!(kind(&["mfa_piv_key_requirements", "ssh_key_size"]), Kind::IntegerArray);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `true` or `false`.
    Boolean,
    /// A string.
    String,
    /// A number without fraction or exponent: Cloudflare's servers decode
    /// it into a Go integer, which refuses `30.0` and `3e1`.
    Integer,
    /// An object whose fields are in the table under its path.
    Object,
    /// An array of strings.
    StringArray,
    /// An array of integers.
    IntegerArray,
}

/// Where a field stands in today's API.
///
/// ```
/// use ztlint::fields::{self, Status};
///
/// let status = |name: &str| fields::find(&[name]).unwrap().status();
/// assert_eq!(status("name"), Status::Current);
/// assert_eq!(status("mfa_configuration_allowed"), Status::Removed { on: "2026-03-05" });
/// assert_eq!(status("created_at"), Status::ResponseOnly);
///
/// // Each status but `Current` has its rule.
/// let diagnostics = ztlint::lint(r#"{"mfa_configuration_allowed": true}"#);
/// assert_eq!(diagnostics[0].code(), "removed-field");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Taken by the API today.
    Current,
    /// Renamed: `to` is the field's name today, in the same object, since
    /// `on`.
    Renamed {
        /// The current name.
        to: &'static str,
        /// The date of the rename, `YYYY-MM-DD`.
        on: &'static str,
    },
    /// No longer in the API since `on`, with no replacement under another
    /// name.
    Removed {
        /// The date, `YYYY-MM-DD` or `YYYY-MM`.
        on: &'static str,
    },
    /// Only responses carry it.
    ResponseOnly,
}

/// A value of an enum field that the API has renamed.
///
/// ```
/// use ztlint::fields::{self, RenamedValue};
///
/// let field = fields::find(&["mfa_config", "allowed_authenticators"]).unwrap();
/// assert_eq!(
///     field.renamed_values(),
///     [RenamedValue { from: "ssh_piv_key", to: "piv_key", on: "2026-06-17" }]
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenamedValue {
    /// The old value, which released clients still send.
    pub from: &'static str,
    /// The value today.
    pub to: &'static str,
    /// The date of the rename, `YYYY-MM-DD`.
    pub on: &'static str,
}

/// What a value rule reads a string field as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// No format beyond the type.
    Plain,
    /// A Go duration, with Cloudflare's units and range for the field.
    Duration(DurationRange),
    /// A login page color.
    Color,
    /// The login page logo URL.
    LogoUrl,
    /// A custom page uid.
    CustomPageUid,
    /// A UUID.
    Uuid,
    /// The team domain.
    TeamDomain,
    /// Zone names (the items of an array).
    ZoneName,
    /// Free text shown to people or kept in logs: checked for invisible
    /// characters.
    Text,
}

/// One end of a duration field's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) nanos: i64,
    pub(crate) confidence: Confidence,
}

/// The units and range a duration field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DurationRange {
    /// Only the `m` and `h` units are allowed.
    pub(crate) minutes_hours_only: bool,
    /// Zero is in range (the MFA durations: "0m to 720h").
    pub(crate) zero_allowed: bool,
    pub(crate) min: Option<Limit>,
    pub(crate) max: Option<Limit>,
    /// Where the range comes from, for the help line.
    pub(crate) range_source: &'static str,
}

/// The endpoints that take a top-level field, as a set of [`Profile`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Endpoints(u8);

impl Endpoints {
    pub(crate) const NONE: Endpoints = Endpoints(0);
    /// Every endpoint: the zone-level fields.
    pub(crate) const ALL: Endpoints = Endpoints(0b1111);
    /// The account-level update and create.
    pub(crate) const ACCOUNT: Endpoints =
        Endpoints(1 << Profile::AccountUpdate.index() | 1 << Profile::Create.index());
    /// The account-level update only.
    pub(crate) const ACCOUNT_UPDATE: Endpoints = Endpoints(1 << Profile::AccountUpdate.index());
    /// Both creates.
    pub(crate) const CREATE: Endpoints =
        Endpoints(1 << Profile::Create.index() | 1 << Profile::ZoneCreate.index());

    pub(crate) const fn contains(self, profile: Profile) -> bool {
        self.0 & (1 << profile.index()) != 0
    }
}

/// One field of the body. See the [module docs](self).
///
/// ```
/// use ztlint::fields::{self, Kind, Status};
/// use ztlint::Profile;
///
/// let field = fields::find(&["mfa_piv_key_requirements", "pin_policy"]).unwrap();
/// assert_eq!(field.name(), "mfa_piv_key_requirements.pin_policy");
/// assert_eq!((field.kind(), field.status()), (Kind::String, Status::Current));
/// assert_eq!(field.options(), ["never", "once", "always"]);
/// assert!(field.accepted_by(Profile::Create));
/// assert!(!field.accepted_by(Profile::ZoneUpdate));
/// ```
#[derive(Debug)]
pub struct Field {
    pub(crate) path: &'static [&'static str],
    pub(crate) kind: Kind,
    pub(crate) format: Format,
    /// The values an enum field (or an enum array's items) takes.
    pub(crate) strings: &'static [&'static str],
    pub(crate) integers: &'static [i64],
    pub(crate) renamed_values: &'static [RenamedValue],
    /// An integer's range.
    pub(crate) range: Option<(i64, i64)>,
    /// Top-level fields only; nested fields go where their parent goes.
    pub(crate) endpoints: Endpoints,
    /// The endpoints that require the field; for a nested field, whether
    /// its object requires it, on the endpoints that take the object.
    pub(crate) required: Endpoints,
    pub(crate) status: Status,
    /// `null` is a value of the field, not only a reset.
    pub(crate) nullable: bool,
    /// An object whose field names still change between API versions.
    pub(crate) unsettled: bool,
    /// The default as JSON text.
    pub(crate) default: Option<&'static str>,
    pub(crate) description: &'static str,
    pub(crate) evidence: &'static [Evidence],
}

impl Field {
    /// The keys from the body's root to the field, outermost first.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["login_design", "logo_path"]).unwrap();
    /// assert_eq!(field.path(), ["login_design", "logo_path"]);
    /// ```
    pub fn path(&self) -> &'static [&'static str] {
        self.path
    }

    /// The field as messages name it: `login_design.text_color`.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["mfa_config", "session_duration"]).unwrap();
    /// assert_eq!(field.name(), "mfa_config.session_duration");
    /// ```
    pub fn name(&self) -> String {
        self.path.join(".")
    }

    /// The field's JSON Pointer: `/login_design/text_color`.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["mfa_config", "session_duration"]).unwrap();
    /// assert_eq!(field.pointer(), "/mfa_config/session_duration");
    /// ```
    pub fn pointer(&self) -> String {
        self.path.iter().fold(String::new(), |mut out, key| {
            out.push('/');
            out.push_str(key);
            out
        })
    }

    /// Its JSON type.
    ///
    /// ```
    /// use ztlint::fields::{self, Kind};
    ///
    /// assert_eq!(fields::find(&["login_design"]).unwrap().kind(), Kind::Object);
    /// assert_eq!(
    ///     fields::find(&["deny_unmatched_requests_exempted_zone_names"]).unwrap().kind(),
    ///     Kind::StringArray
    /// );
    /// ```
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Where it stands in today's API.
    ///
    /// ```
    /// use ztlint::fields::{self, Status};
    ///
    /// assert_eq!(fields::find(&["updated_at"]).unwrap().status(), Status::ResponseOnly);
    /// ```
    pub fn status(&self) -> Status {
        self.status
    }

    /// The values an enum field (or its items) takes; empty when any value
    /// of its type goes.
    ///
    /// ```
    /// use ztlint::fields;
    ///
    /// let sizes = fields::find(&["mfa_piv_key_requirements", "ssh_key_size"]).unwrap();
    /// assert_eq!(sizes.options(), ["256", "384", "521", "2048", "3072", "4096"]);
    /// assert!(fields::find(&["name"]).unwrap().options().is_empty());
    /// ```
    pub fn options(&self) -> Vec<String> {
        if self.integers.is_empty() {
            self.strings.iter().map(|s| s.to_string()).collect()
        } else {
            self.integers.iter().map(i64::to_string).collect()
        }
    }

    /// Renamed enum values, which released clients still send.
    ///
    /// ```
    /// use ztlint::fields;
    ///
    /// let field = fields::find(&["mfa_config", "allowed_authenticators"]).unwrap();
    /// let renamed: Vec<_> = field.renamed_values().iter().map(|r| (r.from, r.to)).collect();
    /// assert_eq!(renamed, [("ssh_piv_key", "piv_key")]);
    /// assert!(fields::find(&["name"]).unwrap().renamed_values().is_empty());
    /// ```
    pub fn renamed_values(&self) -> &'static [RenamedValue] {
        self.renamed_values
    }

    /// The default, as JSON text, where one is documented.
    ///
    /// ```
    /// use ztlint::fields;
    ///
    /// assert_eq!(fields::find(&["auto_redirect_to_identity"]).unwrap().default(), Some("false"));
    /// assert_eq!(fields::find(&["session_duration"]).unwrap().default(), None);
    /// ```
    pub fn default(&self) -> Option<&'static str> {
        self.default
    }

    /// What the field is for, from Cloudflare's description.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["mfa_config", "allowed_authenticators"]).unwrap();
    /// assert_eq!(field.description(), "Lists the MFA methods that users can authenticate with.");
    /// ```
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// Where the facts about the field come from.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["mfa_config", "allowed_authenticators"]).unwrap();
    /// assert_eq!(field.evidence().len(), 3);
    /// assert_eq!(field.evidence()[2].source(), "terraform-provider-cloudflare v5 `zero_trust_organization` schema");
    /// ```
    pub fn evidence(&self) -> &'static [Evidence] {
        self.evidence
    }

    /// Whether `profile`'s endpoint takes the field.
    ///
    /// ```
    /// use ztlint::Profile;
    ///
    /// let field = ztlint::fields::find(&["custom_pages", "forbidden"]).unwrap();
    /// let taken: Vec<_> = Profile::ALL.into_iter().filter(|&p| field.accepted_by(p)).collect();
    /// assert_eq!(taken, [Profile::AccountUpdate]);
    /// ```
    pub fn accepted_by(&self, profile: Profile) -> bool {
        self.top().endpoints.contains(profile)
    }

    /// Whether `profile`'s endpoint requires the field (a nested field:
    /// whether its object, when sent, must have it).
    ///
    /// ```
    /// use ztlint::Profile;
    ///
    /// let field = ztlint::fields::find(&["auth_domain"]).unwrap();
    /// assert!(field.required_by(Profile::ZoneCreate));
    /// assert!(!field.required_by(Profile::ZoneUpdate));
    /// let enabled = ztlint::fields::find(&["service_token_inactivity", "enabled"]).unwrap();
    /// assert!(enabled.required_by(Profile::AccountUpdate));
    /// ```
    pub fn required_by(&self, profile: Profile) -> bool {
        self.required.contains(profile)
    }

    /// Whether `null` is a value of the field rather than a reset: the
    /// docs clear `mfa_config.required_aaguids` with it.
    ///
    /// ```
    /// use ztlint::fields;
    ///
    /// assert!(fields::find(&["mfa_config", "required_aaguids"]).unwrap().is_nullable());
    /// assert!(!fields::find(&["name"]).unwrap().is_nullable());
    /// ```
    pub fn is_nullable(&self) -> bool {
        self.nullable
    }

    /// A value to show in a help line where the field is missing, as JSON:
    /// its default, its first option, the low end of its range, or a
    /// placeholder.
    pub(crate) fn example(&self) -> String {
        if let Some(default) = self.default {
            return default.to_string();
        }
        match (
            self.kind,
            self.strings.first(),
            self.integers.first(),
            self.range,
        ) {
            (Kind::String, Some(first), _, _) => format!("\"{first}\""),
            (Kind::StringArray, Some(first), _, _) => format!("[\"{first}\"]"),
            (Kind::IntegerArray, _, Some(first), _) => format!("[{first}]"),
            (Kind::Integer, _, _, Some((min, _))) => min.to_string(),
            (Kind::Boolean, ..) => "true".to_string(),
            (Kind::Object, ..) => "{}".to_string(),
            _ => "...".to_string(),
        }
    }

    /// The field's constraints in one line, for docs and hovers:
    /// `string, a Go duration in m or h, at most 2160h`.
    ///
    /// ```
    /// let field = ztlint::fields::find(&["service_token_inactivity", "action"]).unwrap();
    /// assert_eq!(field.constraints(), "string, one of `disable`, `delete`");
    /// ```
    pub fn constraints(&self) -> String {
        let mut out = String::from(match self.kind {
            Kind::Boolean => "boolean",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Object => "object",
            Kind::StringArray => "array of strings",
            Kind::IntegerArray => "array of integers",
        });
        let options = self.options();
        if !options.is_empty() {
            let each = matches!(self.kind, Kind::StringArray | Kind::IntegerArray);
            out.push_str(if each { ", each one of " } else { ", one of " });
            let quoted: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
            out.push_str(&quoted.join(", "));
        }
        if let Some((min, max)) = self.range {
            let _ = write!(out, ", from {min} to {max}");
        }
        match self.format {
            Format::Duration(range) => {
                out.push_str(if range.minutes_hours_only {
                    ", a Go duration in m or h"
                } else {
                    ", a Go duration"
                });
                let text = |limit: Limit| short_duration(limit.nanos);
                match (range.min, range.max) {
                    (Some(min), Some(max)) => {
                        let _ = write!(out, ", from {} to {}", text(min), text(max));
                    }
                    (None, Some(max)) => {
                        let _ = write!(out, ", at most {}", text(max));
                    }
                    (Some(min), None) => {
                        let _ = write!(out, ", at least {}", text(min));
                    }
                    (None, None) => {}
                }
            }
            Format::Color => out.push_str(", a hex color `#RGB` or `#RRGGBB`"),
            Format::LogoUrl => out.push_str(", an absolute https URL"),
            Format::CustomPageUid => out.push_str(", a custom page uid"),
            Format::Uuid => out.push_str(", a UUID"),
            Format::TeamDomain => out.push_str(", `<team>.cloudflareaccess.com`"),
            Format::ZoneName => out.push_str(", each a zone name"),
            Format::Plain | Format::Text => {}
        }
        if self.nullable {
            out.push_str(", or `null` to clear it");
        }
        let required: Vec<&str> = self
            .children()
            .filter(|child| child.required != Endpoints::NONE)
            .map(|child| child.path[child.path.len() - 1])
            .collect();
        if !required.is_empty() && required.len() == self.children().count() {
            out.push_str(", all of its fields together");
        }
        out
    }

    /// The top-level field this one is in (itself at the top level).
    fn top(&self) -> &'static Field {
        find(&self.path[..1]).expect("every nested field's parent is in the table")
    }

    /// The nested fields one level below this one, in table order.
    pub(crate) fn children(&self) -> impl Iterator<Item = &'static Field> + '_ {
        let depth = self.path.len();
        all().filter(move |f| f.path.len() == depth + 1 && f.path.starts_with(self.path))
    }

    /// The table entry whose object's fields this one's stand for: the
    /// current field of a renamed object.
    pub(crate) fn fields_from(&self) -> &Field {
        match self.status {
            Status::Renamed { to, .. } if self.kind == Kind::Object => {
                let mut path = self.path.to_vec();
                if let Some(last) = path.last_mut() {
                    *last = to;
                }
                find(&path).unwrap_or(self)
            }
            _ => self,
        }
    }
}

/// A whole number of hours or minutes as `730h` or `15m`; anything else as
/// Go writes it.
fn short_duration(nanos: i64) -> String {
    const MINUTE: i64 = 60_000_000_000;
    match nanos {
        0 => "0s".to_string(),
        n if n % (60 * MINUTE) == 0 => format!("{}h", n / (60 * MINUTE)),
        n if n % MINUTE == 0 => format!("{}m", n / MINUTE),
        n => crate::duration::GoDuration::from_nanos(n).to_string(),
    }
}

/// Every field, in table order: each object before its fields.
///
/// ```
/// let names: Vec<_> = ztlint::fields::all().map(|f| f.name()).collect();
/// assert!(names.contains(&"mfa_piv_key_requirements.pin_policy".to_string()));
/// ```
pub fn all() -> impl Iterator<Item = &'static Field> {
    table::FIELDS.iter()
}

/// The field at `path`, if the table has it.
///
/// ```
/// let field = ztlint::fields::find(&["mfa_ssh_piv_key_requirements"]).unwrap();
/// assert_eq!(
///     field.status(),
///     ztlint::fields::Status::Renamed { to: "mfa_piv_key_requirements", on: "2026-06-17" }
/// );
/// ```
pub fn find<S: AsRef<str>>(path: &[S]) -> Option<&'static Field> {
    table::FIELDS.iter().find(|f| {
        f.path.len() == path.len() && f.path.iter().zip(path).all(|(a, b)| *a == b.as_ref())
    })
}

/// The field that is the member `key` of the object at `path`: [`find`]
/// of the two joined, without joining them. The members of a renamed
/// object (`mfa_ssh_piv_key_requirements`) are its new name's fields, as
/// in its schema: their values are read as those fields' are.
pub(crate) fn find_member<S: AsRef<str>>(path: &[S], key: &str) -> Option<&'static Field> {
    find_member_of(path, key).or_else(|| {
        let (top, below) = path.split_first()?;
        let Status::Renamed { to, .. } = find(&[top.as_ref()])?.status else {
            return None;
        };
        let renamed: Vec<&str> = std::iter::once(to)
            .chain(below.iter().map(AsRef::as_ref))
            .collect();
        find_member_of(&renamed, key)
    })
}

/// [`find_member`] of the table's own paths.
fn find_member_of<S: AsRef<str>>(path: &[S], key: &str) -> Option<&'static Field> {
    table::FIELDS.iter().find(|f| {
        f.path.split_last().is_some_and(|(last, above)| {
            *last == key
                && above.len() == path.len()
                && above.iter().zip(path).all(|(a, b)| *a == b.as_ref())
        })
    })
}

/// The paths of the fields whose strings a value rule reads as `format`
/// (one without data: use [`with_format`] for durations).
pub(crate) fn paths_of(format: Format) -> impl Iterator<Item = &'static [&'static str]> {
    with_format()
        .filter(move |(_, f)| *f == format)
        .map(|(field, _)| field.path)
}

/// The fields whose strings a value rule reads as `format`, with the
/// format's data.
pub(crate) fn with_format() -> impl Iterator<Item = (&'static Field, Format)> {
    all()
        .filter(|f| f.status != Status::ResponseOnly)
        .map(|f| (f, f.format))
}

#[cfg(test)]
mod tests;
