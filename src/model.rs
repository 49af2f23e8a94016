//! Typed serde models of the request body and the responses.
//!
//! Build a body in Rust, check it with the same rules as a JSON file, and
//! get each finding located by a JSON Pointer:
//!
//! ```
//! use ztlint::model::{LoginDesign, OrganizationUpdate};
//!
//! let update = OrganizationUpdate {
//!     name: Some("Widget Corps".into()),
//!     session_duration: Some("24h".into()),
//!     login_design: Some(LoginDesign {
//!         text_color: Some("#c5ed1b".into()),
//!         ..LoginDesign::default()
//!     }),
//!     ..OrganizationUpdate::default()
//! };
//! let json = serde_json::to_string(&update)?;
//! assert_eq!(
//!     json,
//!     r##"{"login_design":{"text_color":"#c5ed1b"},"name":"Widget Corps","session_duration":"24h"}"##
//! );
//! assert!(update.validate().is_empty());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Durations are `String`s: they are Go duration strings such as `"24h"`,
//! checked by the duration rules rather than parsed here. Fields whose
//! names Cloudflare may still change (`mfa_config`,
//! `service_token_inactivity`) are modelled as the live API names them
//! today.

use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Linter;

/// The body of `PUT /accounts/{account_id}/access/organizations`. Every
/// field is optional; an absent field is not serialized and keeps its
/// current value.
///
/// ```
/// use ztlint::model::OrganizationUpdate;
///
/// let update: OrganizationUpdate =
///     serde_json::from_str(r#"{"name": "Widget Corps", "is_ui_read_only": true}"#)?;
/// assert_eq!(update.name.as_deref(), Some("Widget Corps"));
/// assert_eq!(update.session_duration, None);
///
/// let findings = update.validate();
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].code(), "toggle-without-reason");
/// assert_eq!(findings[0].pointer(), "/is_ui_read_only");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct OrganizationUpdate {
    /// Whether users may authenticate via WARP. Needs a WARP auth session
    /// duration on the account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_authenticate_via_warp: Option<bool>,
    /// The team domain, `<team>.cloudflareaccess.com`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_domain: Option<String>,
    /// Skip the identity provider selection step during login.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_redirect_to_identity: Option<bool>,
    /// Custom pages shown when access is denied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_pages: Option<CustomPages>,
    /// Deny requests that match no Access application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deny_unmatched_requests: Option<bool>,
    /// Zone names exempted from `deny_unmatched_requests`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deny_unmatched_requests_exempted_zone_names: Option<Vec<String>>,
    /// Lock all settings as read-only in the dashboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_ui_read_only: Option<bool>,
    /// The look of the login page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_design: Option<LoginDesign>,
    /// Multi-factor authentication settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_config: Option<MfaConfig>,
    /// What PIV keys used for MFA must be (formerly
    /// `mfa_ssh_piv_key_requirements`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_piv_key_requirements: Option<MfaPivKeyRequirements>,
    /// Require MFA for every application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_required_for_all_apps: Option<bool>,
    /// The organization's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What happens to service tokens that go unused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_token_inactivity: Option<ServiceTokenInactivity>,
    /// How long application tokens are valid: a Go duration such as `"24h"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_duration: Option<String>,
    /// Require strict service token authentication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_service_token_auth: Option<bool>,
    /// Why the read-only lock is being toggled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ui_read_only_toggle_reason: Option<String>,
    /// How long a user seat may be inactive before it expires: a Go
    /// duration, at least `"730h"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_seat_expiration_inactive_time: Option<String>,
    /// Answer non-browser requests that need WARP authentication with 401.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warp_auth_non_browser_401: Option<bool>,
    /// How long a WARP authentication session lasts: a Go duration in `m`
    /// or `h` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warp_auth_session_duration: Option<String>,
}

/// The look of the login page.
///
/// ```
/// use ztlint::model::{LoginDesign, OrganizationUpdate};
///
/// let update = OrganizationUpdate {
///     login_design: Some(LoginDesign {
///         logo_path: Some("http://example.com/logo.png".into()),
///         ..LoginDesign::default()
///     }),
///     ..OrganizationUpdate::default()
/// };
/// let findings = update.validate();
/// assert_eq!(findings[0].code(), "logo-url-insecure");
/// assert_eq!(findings[0].pointer(), "/login_design/logo_path");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct LoginDesign {
    /// A hex color, `#RGB` or `#RRGGBB`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// The text at the bottom of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer_text: Option<String>,
    /// The text at the top of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_text: Option<String>,
    /// The URL of the logo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_path: Option<String>,
    /// A hex color, `#RGB` or `#RRGGBB`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_color: Option<String>,
}

/// The custom pages shown when access is denied, by uid.
///
/// ```
/// use ztlint::model::{CustomPages, OrganizationUpdate};
///
/// let update = OrganizationUpdate {
///     custom_pages: Some(CustomPages {
///         forbidden: Some("forbidden-page".into()),
///         identity_denied: Some("699d98642c564d2e855e9661899b7252".into()),
///     }),
///     ..OrganizationUpdate::default()
/// };
/// let findings = update.validate();
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].code(), "custom-page-uid");
/// assert_eq!(findings[0].pointer(), "/custom_pages/forbidden");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct CustomPages {
    /// Shown after failing a non-identity rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<String>,
    /// Shown when the user is denied access.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_denied: Option<String>,
}

/// Multi-factor authentication settings.
///
/// ```
/// use ztlint::model::{MfaConfig, OrganizationUpdate};
///
/// let update = OrganizationUpdate {
///     mfa_config: Some(MfaConfig {
///         session_duration: Some("1000h".into()),
///         ..MfaConfig::default()
///     }),
///     ..OrganizationUpdate::default()
/// };
/// let findings = update.validate();
/// assert_eq!(findings[0].code(), "duration-range");
/// assert_eq!(findings[0].pointer(), "/mfa_config/session_duration");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MfaConfig {
    /// The methods users may authenticate with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_authenticators: Option<Vec<Authenticator>>,
    /// How long MFA may be skipped when the identity provider's AMR claim
    /// says `mfa`: `m` or `h` units, `0m` to `720h`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amr_matching_session_duration: Option<String>,
    /// The UUID of a Cloudflare List of required FIDO2 authenticator
    /// AAGUIDs: one string, despite the plural name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_aaguids: Option<String>,
    /// How long an MFA session lasts: `m` or `h` units, `0m` to `720h`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_duration: Option<String>,
}

/// An MFA method.
///
/// ```
/// use ztlint::model::Authenticator;
///
/// assert_eq!(serde_json::to_string(&Authenticator::SecurityKey)?, r#""security_key""#);
/// let read: Vec<Authenticator> = serde_json::from_str(r#"["totp", "ssh_fido2_key"]"#)?;
/// assert_eq!(read, [Authenticator::Totp, Authenticator::SshFido2Key]);
/// // The name before the 2026-06-17 rename is not a variant.
/// assert!(serde_json::from_str::<Authenticator>(r#""ssh_piv_key""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum Authenticator {
    /// `totp`: a one-time password app.
    Totp,
    /// `biometrics`: a platform authenticator.
    Biometrics,
    /// `security_key`: a FIDO2 security key.
    SecurityKey,
    /// `piv_key`: a PIV smart card.
    PivKey,
    /// `ssh_fido2_key`: a FIDO2 key used over SSH.
    SshFido2Key,
}

/// What PIV keys used for MFA must be.
///
/// ```
/// use ztlint::model::{MfaPivKeyRequirements, OrganizationUpdate};
///
/// let update = OrganizationUpdate {
///     mfa_piv_key_requirements: Some(MfaPivKeyRequirements {
///         ssh_key_size: Some(vec![1024]),
///         ..MfaPivKeyRequirements::default()
///     }),
///     ..OrganizationUpdate::default()
/// };
/// let findings = update.validate();
/// assert_eq!(findings[0].code(), "enum-value");
/// assert_eq!(findings[0].pointer(), "/mfa_piv_key_requirements/ssh_key_size/0");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MfaPivKeyRequirements {
    /// When the key's PIN is asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin_policy: Option<PinPolicy>,
    /// Require a FIPS 140-2 certified key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_fips_device: Option<bool>,
    /// The allowed key sizes in bits: 256, 384, 521, 2048, 3072 or 4096.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssh_key_size: Option<Vec<u16>>,
    /// The allowed key types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssh_key_type: Option<Vec<SshKeyType>>,
    /// When a touch of the key is required.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touch_policy: Option<TouchPolicy>,
}

/// When a PIV key's PIN is asked for.
///
/// ```
/// use ztlint::model::PinPolicy;
///
/// assert_eq!(serde_json::to_string(&PinPolicy::Once)?, r#""once""#);
/// assert_eq!(serde_json::from_str::<PinPolicy>(r#""always""#)?, PinPolicy::Always);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum PinPolicy {
    /// `never`.
    Never,
    /// `once` per session.
    Once,
    /// `always`.
    Always,
}

/// When a PIV key must be touched.
///
/// ```
/// use ztlint::model::TouchPolicy;
///
/// assert_eq!(serde_json::to_string(&TouchPolicy::Cached)?, r#""cached""#);
/// assert_eq!(serde_json::from_str::<TouchPolicy>(r#""never""#)?, TouchPolicy::Never);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum TouchPolicy {
    /// `never`.
    Never,
    /// `always`.
    Always,
    /// `cached`: once, then not again for a while.
    Cached,
}

/// An SSH key type.
///
/// ```
/// use ztlint::model::SshKeyType;
///
/// assert_eq!(serde_json::to_string(&SshKeyType::Ed25519)?, r#""ed25519""#);
/// assert!(serde_json::from_str::<SshKeyType>(r#""dsa""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum SshKeyType {
    /// `ecdsa`.
    Ecdsa,
    /// `ed25519`.
    Ed25519,
    /// `rsa`.
    Rsa,
}

/// What happens to service tokens that go unused.
///
/// ```
/// use ztlint::model::{InactivityAction, OrganizationUpdate, ServiceTokenInactivity};
///
/// let update = OrganizationUpdate {
///     service_token_inactivity: Some(ServiceTokenInactivity {
///         action: Some(InactivityAction::Delete),
///         ..ServiceTokenInactivity::default()
///     }),
///     ..OrganizationUpdate::default()
/// };
/// assert_eq!(
///     serde_json::to_string(&update)?,
///     r#"{"service_token_inactivity":{"action":"delete"}}"#
/// );
/// // The object must come whole.
/// let messages: Vec<_> = update.validate().iter().map(|f| f.message().to_string()).collect();
/// assert_eq!(
///     messages,
///     [
///         "`service_token_inactivity` requires `enabled`",
///         "`service_token_inactivity` requires `inactivity_threshold_days`",
///     ]
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ServiceTokenInactivity {
    /// What to do with an inactive token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<InactivityAction>,
    /// Whether inactive tokens are acted on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Days without use after which a token is inactive, 30 to 365.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inactivity_threshold_days: Option<u32>,
}

/// What to do with an inactive service token.
///
/// ```
/// use ztlint::model::InactivityAction;
///
/// assert_eq!(serde_json::to_string(&InactivityAction::Disable)?, r#""disable""#);
/// assert_eq!(serde_json::from_str::<InactivityAction>(r#""delete""#)?, InactivityAction::Delete);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum InactivityAction {
    /// `disable` the token.
    Disable,
    /// `delete` the token.
    Delete,
}

/// The organization as responses return it: the body fields and the
/// read-only timestamps.
///
/// Sending one back as an update is a mistake the linter reports:
///
/// ```
/// use ztlint::model::{Organization, OrganizationUpdate};
///
/// let saved = Organization {
///     settings: OrganizationUpdate { name: Some("Widget Corps".into()), ..Default::default() },
///     created_at: Some("2014-01-01T05:20:00.12345Z".into()),
///     updated_at: None,
/// };
/// let findings = saved.validate();
/// assert_eq!(findings[0].code(), "read-only-field");
/// assert_eq!(findings[0].pointer(), "/created_at");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Organization {
    /// The settings.
    #[serde(flatten)]
    pub settings: OrganizationUpdate,
    /// When the organization was created (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When it was last updated (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// Cloudflare's response envelope.
///
/// ```
/// use ztlint::model::Envelope;
///
/// let text = r#"{"success": true, "errors": [], "messages": [], "result": ["a", "b"]}"#;
/// let envelope: Envelope<Vec<String>> = serde_json::from_str(text)?;
/// assert!(envelope.success);
/// assert!(envelope.errors.is_empty());
/// assert_eq!(envelope.result, Some(vec!["a".to_string(), "b".to_string()]));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Envelope<T> {
    /// Whether the call succeeded.
    pub success: bool,
    /// What went wrong; empty on success.
    pub errors: Vec<ResponseMessage>,
    /// Other messages.
    pub messages: Vec<ResponseMessage>,
    /// The result; `null` on failure.
    pub result: Option<T>,
}

/// The 200 response of an update: the organization as saved.
///
/// ```
/// use ztlint::model::UpdateResponse;
///
/// let text = r#"{"success": true, "errors": [], "messages": [],
///     "result": {"name": "Widget Corps", "created_at": "2014-01-01T05:20:00.12345Z"}}"#;
/// let response: UpdateResponse = serde_json::from_str(text)?;
/// let saved = response.result.unwrap();
/// assert_eq!(saved.settings.name.as_deref(), Some("Widget Corps"));
/// assert_eq!(saved.created_at.as_deref(), Some("2014-01-01T05:20:00.12345Z"));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub type UpdateResponse = Envelope<Organization>;

/// A 4XX response: `success` is false, `errors` says why, `result` is
/// `null`.
///
/// ```
/// use ztlint::model::ErrorResponse;
///
/// let text = r#"{"success": false, "errors": [{"code": 10000, "message": "Authentication error"}],
///     "messages": [], "result": null}"#;
/// let response: ErrorResponse = serde_json::from_str(text)?;
/// assert!(!response.success);
/// assert_eq!(response.errors[0].code, 10000);
/// assert_eq!(response.errors[0].message, "Authentication error");
/// assert!(response.result.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub type ErrorResponse = Envelope<Organization>;

/// One error or message of a response.
///
/// ```
/// use ztlint::model::ResponseMessage;
///
/// let m: ResponseMessage = serde_json::from_str(r#"{"code": 7003, "message": "No route for the URI"}"#)?;
/// assert_eq!(m.code, 7003);
/// assert!(serde_json::from_str::<ResponseMessage>(r#"{"code": 42, "message": "x"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ResponseMessage {
    /// Cloudflare's code, at least 1000.
    #[serde(deserialize_with = "message_code")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = arbitrary_code))]
    pub code: u32,
    /// What happened.
    pub message: String,
    /// Where the documentation explains it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// The part of the request it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<MessageSource>,
}

/// The part of the request a response message is about.
///
/// ```
/// use ztlint::model::ResponseMessage;
///
/// let text = r#"{"code": 12130, "message": "access.api.error.invalid_request",
///     "source": {"pointer": "/session_duration"}}"#;
/// let m: ResponseMessage = serde_json::from_str(text)?;
/// let source = m.source.unwrap();
/// assert_eq!(source.pointer.as_deref(), Some("/session_duration"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MessageSource {
    /// A JSON Pointer into the request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// The lowest code Cloudflare uses.
const MIN_CODE: u32 = 1000;

fn message_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let code = u32::deserialize(deserializer)?;
    if code < MIN_CODE {
        return Err(serde::de::Error::custom(format!(
            "message code {code} is below {MIN_CODE}"
        )));
    }
    Ok(code)
}

#[cfg(feature = "arbitrary")]
fn arbitrary_code(u: &mut arbitrary::Unstructured<'_>) -> arbitrary::Result<u32> {
    u.int_in_range(MIN_CODE..=u32::MAX)
}

/// A finding about a typed value, located by JSON Pointer.
///
/// ```
/// use ztlint::model::OrganizationUpdate;
/// use ztlint::Severity;
///
/// let update = OrganizationUpdate { session_duration: Some("1d".into()), ..Default::default() };
/// let finding = &update.validate()[0];
/// assert_eq!(finding.pointer(), "/session_duration");
/// assert_eq!(finding.code(), "duration-syntax");
/// assert_eq!(finding.severity(), Severity::Error);
/// assert_eq!(
///     finding.message(),
///     r#"`session_duration` is `1d`, which Go's time.ParseDuration rejects: time: unknown unit "d" in duration "1d""#
/// );
/// assert_eq!(
///     finding.help(),
///     Some("write `24h`; Go durations take no spaces and only the units ns, us (or µs), ms, s, m and h")
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pointer: String,
    diagnostic: Diagnostic,
}

impl Finding {
    /// The JSON Pointer of the field it is about, e.g.
    /// `/login_design/text_color`; `""` for the body as a whole.
    ///
    /// ```
    /// use ztlint::model::OrganizationUpdate;
    ///
    /// let findings = OrganizationUpdate::default().validate();
    /// assert_eq!(findings[0].code(), "empty-body");
    /// assert_eq!(findings[0].pointer(), "");
    /// ```
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The rule code, e.g. `read-only-field`.
    ///
    /// ```
    /// use ztlint::model::OrganizationUpdate;
    ///
    /// let update = OrganizationUpdate { mfa_required_for_all_apps: Some(true), ..Default::default() };
    /// assert_eq!(update.validate()[0].code(), "mfa-required-without-authenticator");
    /// ```
    pub fn code(&self) -> &'static str {
        self.diagnostic.code()
    }

    /// How serious it is.
    ///
    /// ```
    /// use ztlint::model::OrganizationUpdate;
    /// use ztlint::Severity;
    ///
    /// let update = OrganizationUpdate { is_ui_read_only: Some(true), ..Default::default() };
    /// assert_eq!(update.validate()[0].severity(), Severity::Info);
    /// ```
    pub fn severity(&self) -> Severity {
        self.diagnostic.severity()
    }

    /// What is wrong.
    ///
    /// ```
    /// use ztlint::model::OrganizationUpdate;
    ///
    /// let update = OrganizationUpdate { name: Some(String::new()), ..Default::default() };
    /// assert_eq!(update.validate()[0].message(), "`name` is empty");
    /// ```
    pub fn message(&self) -> &str {
        self.diagnostic.message()
    }

    /// What to do about it.
    ///
    /// ```
    /// use ztlint::model::OrganizationUpdate;
    ///
    /// let findings = OrganizationUpdate::default().validate();
    /// assert_eq!(findings[0].help(), Some("add the fields to change, or do not send the request"));
    /// ```
    pub fn help(&self) -> Option<&str> {
        self.diagnostic.help()
    }
}

impl OrganizationUpdate {
    /// Lints the body for the account update endpoint with every rule at
    /// its default severity: the same findings as linting its JSON.
    ///
    /// ```
    /// use ztlint::model::{InactivityAction, OrganizationUpdate, ServiceTokenInactivity};
    ///
    /// let update = OrganizationUpdate {
    ///     service_token_inactivity: Some(ServiceTokenInactivity {
    ///         action: Some(InactivityAction::Disable),
    ///         enabled: Some(true),
    ///         inactivity_threshold_days: Some(7),
    ///     }),
    ///     ..Default::default()
    /// };
    /// let findings = update.validate();
    /// assert_eq!(findings[0].code(), "number-range");
    /// assert_eq!(findings[0].pointer(), "/service_token_inactivity/inactivity_threshold_days");
    /// ```
    pub fn validate(&self) -> Vec<Finding> {
        self.validate_with(&Linter::new())
    }

    /// Like [`OrganizationUpdate::validate`], with a configured linter
    /// (profile, rule selection, custom schema).
    ///
    /// ```
    /// use ztlint::model::OrganizationUpdate;
    /// use ztlint::{Linter, Profile};
    ///
    /// let update = OrganizationUpdate { name: Some("Widget Corps".into()), ..Default::default() };
    /// assert!(update.validate().is_empty());
    ///
    /// let findings = update.validate_with(&Linter::new().profile(Profile::ZoneCreate));
    /// assert_eq!(findings.len(), 1);
    /// assert_eq!(findings[0].message(), "`auth_domain` is required when creating an organization");
    /// ```
    pub fn validate_with(&self, linter: &Linter) -> Vec<Finding> {
        validate_serialized(self, linter)
    }
}

impl Organization {
    /// Lints the organization as an update body, as if a saved response
    /// were sent back: the timestamps are reported as read-only.
    ///
    /// ```
    /// use ztlint::model::{Organization, OrganizationUpdate};
    ///
    /// let saved = Organization {
    ///     settings: OrganizationUpdate { name: Some("Widget Corps".into()), ..Default::default() },
    ///     created_at: None,
    ///     updated_at: Some("2014-01-01T05:20:00.12345Z".into()),
    /// };
    /// let findings = saved.validate();
    /// assert_eq!(findings.len(), 1);
    /// assert_eq!(
    ///     findings[0].message(),
    ///     "`updated_at` is read-only: Cloudflare sets it and only returns it in responses"
    /// );
    /// ```
    pub fn validate(&self) -> Vec<Finding> {
        self.validate_with(&Linter::new())
    }

    /// Like [`Organization::validate`], with a configured linter.
    ///
    /// ```
    /// use ztlint::model::{Organization, OrganizationUpdate};
    /// use ztlint::Linter;
    ///
    /// let saved = Organization {
    ///     settings: OrganizationUpdate { name: Some("Widget Corps".into()), ..Default::default() },
    ///     created_at: Some("2014-01-01T05:20:00.12345Z".into()),
    ///     updated_at: None,
    /// };
    /// assert_eq!(saved.validate().len(), 1);
    /// let linter = Linter::new().ignore("read-only-field")?;
    /// assert!(saved.validate_with(&linter).is_empty());
    /// # Ok::<(), ztlint::UnknownName>(())
    /// ```
    pub fn validate_with(&self, linter: &Linter) -> Vec<Finding> {
        validate_serialized(self, linter)
    }
}

/// Serializes, lints, and locates each diagnostic by the pointer of the
/// deepest member or element that holds its primary span.
fn validate_serialized<T: Serialize>(value: &T, linter: &Linter) -> Vec<Finding> {
    // The model has only string keys and plain data, so serializing cannot
    // fail; if it ever did, the empty text yields a visible syntax finding.
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let diagnostics = linter.lint(&text);
    let root = crate::json::parse(&text).ok();
    diagnostics
        .into_iter()
        .map(|diagnostic| Finding {
            pointer: root
                .as_ref()
                .map(|root| crate::schema::pointer::pointer_at(root, diagnostic.span()))
                .unwrap_or_default(),
            diagnostic,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_response_sent_back_is_located_by_pointer() {
        let saved = Organization {
            settings: OrganizationUpdate {
                name: Some("Widget Corps".into()),
                ..OrganizationUpdate::default()
            },
            created_at: Some("2014-01-01T05:20:00.12345Z".into()),
            updated_at: Some("2014-01-01T05:20:00.12345Z".into()),
        };
        let found: Vec<_> = saved
            .validate()
            .iter()
            .map(|f| (f.pointer().to_string(), f.code(), f.severity()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/created_at".to_string(),
                    "read-only-field",
                    Severity::Warning
                ),
                (
                    "/updated_at".to_string(),
                    "read-only-field",
                    Severity::Warning
                ),
            ]
        );
    }

    #[test]
    fn profile_findings_are_located_too() {
        let update = OrganizationUpdate {
            custom_pages: Some(CustomPages {
                forbidden: Some("699d98642c564d2e855e9661899b7252".into()),
                identity_denied: None,
            }),
            ..OrganizationUpdate::default()
        };
        let findings = update.validate_with(&Linter::new().profile(crate::Profile::ZoneUpdate));
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.pointer(), f.code(), f.message()))
            .collect();
        assert_eq!(
            found,
            [(
                "/custom_pages",
                "unknown-field",
                "`custom_pages` is not a field of the zone-level endpoint"
            )]
        );
        let create = Linter::new().profile(crate::Profile::Create);
        let missing: Vec<_> = OrganizationUpdate::default()
            .validate_with(&create)
            .iter()
            .map(|f| (f.pointer().to_string(), f.code()))
            .collect();
        assert_eq!(
            missing,
            [
                (String::new(), "empty-body"),
                (String::new(), "missing-field"),
                (String::new(), "missing-field"),
            ]
        );
    }

    #[test]
    fn a_bad_color_and_a_bad_duration_are_located_by_pointer() {
        let update = OrganizationUpdate {
            login_design: Some(LoginDesign {
                text_color: Some("red".into()),
                ..LoginDesign::default()
            }),
            mfa_config: Some(MfaConfig {
                session_duration: Some("1d".into()),
                ..MfaConfig::default()
            }),
            ..OrganizationUpdate::default()
        };
        let found: Vec<_> = update
            .validate()
            .iter()
            .map(|f| (f.pointer().to_string(), f.code()))
            .collect();
        assert_eq!(
            found,
            [
                ("/login_design/text_color".to_string(), "color-not-hex"),
                (
                    "/mfa_config/session_duration".to_string(),
                    "duration-syntax"
                ),
            ]
        );
    }

    #[test]
    fn custom_schema_findings_are_located_too() {
        let schema = crate::schema::Schema::from_json(
            r#"{"properties": {"login_design": {"properties": {"header_text": {"maxLength": 5}}}}}"#,
        )
        .unwrap();
        let update = OrganizationUpdate {
            login_design: Some(LoginDesign {
                header_text: Some("Welcome to Widget Corps".into()),
                ..LoginDesign::default()
            }),
            ..OrganizationUpdate::default()
        };
        let found: Vec<_> = update
            .validate_with(&Linter::new().schema(schema))
            .iter()
            .map(|f| (f.pointer().to_string(), f.code()))
            .collect();
        assert_eq!(
            found,
            [("/login_design/header_text".to_string(), "schema-violation")]
        );
    }

    #[test]
    fn responses_round_trip() {
        let text = r#"{"success": false, "errors": [{"code": 7003, "message": "No route for the URI", "source": {"pointer": "/name"}}], "messages": [], "result": null}"#;
        let response: ErrorResponse = serde_json::from_str(text).unwrap();
        assert!(!response.success);
        assert_eq!(response.errors[0].code, 7003);
        assert_eq!(
            response.errors[0]
                .source
                .as_ref()
                .and_then(|s| s.pointer.as_deref()),
            Some("/name")
        );
        assert!(response.result.is_none());
        let again: ErrorResponse =
            serde_json::from_str(&serde_json::to_string(&response).unwrap()).unwrap();
        assert_eq!(again, response);

        let ok = r#"{"success": true, "errors": [], "messages": [], "result": {"name": "Widget", "mfa_config": {"allowed_authenticators": ["totp", "ssh_fido2_key"]}, "service_token_inactivity": {"action": "delete", "inactivity_threshold_days": 90}, "created_at": "2014-01-01T05:20:00.12345Z"}}"#;
        let response: UpdateResponse = serde_json::from_str(ok).unwrap();
        let org = response.result.unwrap();
        assert_eq!(org.settings.name.as_deref(), Some("Widget"));
        assert_eq!(
            org.settings.mfa_config.unwrap().allowed_authenticators,
            Some(vec![Authenticator::Totp, Authenticator::SshFido2Key])
        );
        assert_eq!(
            org.settings.service_token_inactivity.unwrap().action,
            Some(InactivityAction::Delete)
        );
        assert_eq!(
            org.created_at.as_deref(),
            Some("2014-01-01T05:20:00.12345Z")
        );
    }

    #[test]
    fn every_field_serializes_to_what_the_schema_accepts() {
        let full = OrganizationUpdate {
            allow_authenticate_via_warp: Some(true),
            auth_domain: Some("widget.cloudflareaccess.com".into()),
            auto_redirect_to_identity: Some(false),
            custom_pages: Some(CustomPages {
                forbidden: Some("699d98642c564d2e855e9661899b7252".into()),
                identity_denied: Some("699d98642c564d2e855e9661899b7252".into()),
            }),
            deny_unmatched_requests: Some(true),
            deny_unmatched_requests_exempted_zone_names: Some(vec!["example.com".into()]),
            is_ui_read_only: Some(false),
            login_design: Some(LoginDesign {
                background_color: Some("#c5ed1b".into()),
                footer_text: Some("Footer".into()),
                header_text: Some("Header".into()),
                logo_path: Some("https://example.com/logo.png".into()),
                text_color: Some("#c5ed1b".into()),
            }),
            mfa_config: Some(MfaConfig {
                allowed_authenticators: Some(vec![Authenticator::Totp, Authenticator::PivKey]),
                amr_matching_session_duration: Some("12h".into()),
                required_aaguids: Some("2fc0579f-8113-47ea-b116-bb5a8db9202a".into()),
                session_duration: Some("24h".into()),
            }),
            mfa_piv_key_requirements: Some(MfaPivKeyRequirements {
                pin_policy: Some(PinPolicy::Once),
                require_fips_device: Some(true),
                ssh_key_size: Some(vec![256, 4096]),
                ssh_key_type: Some(vec![SshKeyType::Ed25519, SshKeyType::Rsa]),
                touch_policy: Some(TouchPolicy::Cached),
            }),
            mfa_required_for_all_apps: Some(false),
            name: Some("Widget Corps".into()),
            service_token_inactivity: Some(ServiceTokenInactivity {
                action: Some(InactivityAction::Disable),
                enabled: Some(true),
                inactivity_threshold_days: Some(90),
            }),
            session_duration: Some("24h".into()),
            strict_service_token_auth: Some(true),
            ui_read_only_toggle_reason: Some("Maintenance".into()),
            user_seat_expiration_inactive_time: Some("730h".into()),
            warp_auth_non_browser_401: Some(true),
            warp_auth_session_duration: Some("24h".into()),
        };
        let text = serde_json::to_string(&full).unwrap();
        let doc = crate::json::parse(&text).unwrap();
        let schema = crate::schema::Schema::builtin(crate::Profile::AccountUpdate);
        assert_eq!(schema.violations(&doc), []);
        // Every member the model writes, at any depth, is a current field of
        // the table: the model may lag behind the table, never disagree.
        let mut stack = vec![(Vec::<String>::new(), &doc)];
        let mut seen = 0;
        while let Some((path, value)) = stack.pop() {
            for member in value.as_object().unwrap_or_default() {
                let mut path = path.clone();
                path.push(member.key().as_str().to_string());
                let field = crate::fields::find(&path)
                    .unwrap_or_else(|| panic!("the model writes {path:?}, which the table lacks"));
                assert_eq!(field.status(), crate::fields::Status::Current, "{path:?}");
                seen += 1;
                stack.push((path, member.value()));
            }
        }
        assert_eq!(seen, 38);
    }
}
