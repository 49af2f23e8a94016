//! The table itself. One entry per field, objects before their fields,
//! alphabetical within each object. Adding a field to the API is one entry
//! here, plus its tests.

use super::{
    Confidence, DurationRange, Endpoints, Evidence, Field, Format, Kind, Limit, RenamedValue,
    Status,
};

const MINUTE: i64 = 60_000_000_000;
const HOUR: i64 = 60 * MINUTE;

const fn h(fact: &'static str, source: &'static str) -> Evidence {
    Evidence {
        fact,
        source,
        confidence: Confidence::High,
    }
}

const fn m(fact: &'static str, source: &'static str) -> Evidence {
    Evidence {
        fact,
        source,
        confidence: Confidence::Medium,
    }
}

const fn l(fact: &'static str, source: &'static str) -> Evidence {
    Evidence {
        fact,
        source,
        confidence: Confidence::Low,
    }
}

// The sources, named once.
const SPEC: &str = "Cloudflare API schema (cloudflare/api-schemas), the organizations request body";
const SEED: &str = "Cloudflare API description of the update call (the seed)";
const SDK: &str = "cloudflare-typescript `OrganizationUpdateParams`";
const TF5: &str = "terraform-provider-cloudflare v5 `zero_trust_organization` schema";
const DOCS: &str = "Cloudflare Zero Trust docs";
const FACTS: &str = "ztlint's gathered facts (shared/cloudflare-facts.md)";
const REFERENCE: &str = "Cloudflare API reference, Zero Trust organizations (2026-12)";
const DOCS_MFA: &str = "Cloudflare docs, independent MFA";
const GO_V0: &str = "cloudflare-go v0 `AccessOrganization` (no `omitempty`)";

/// A field with the defaults: a plain string-free shape taken by both
/// account-level endpoints, current, optional.
const fn field(path: &'static [&'static str], kind: Kind, description: &'static str) -> Field {
    Field {
        path,
        kind,
        format: Format::Plain,
        strings: &[],
        integers: &[],
        renamed_values: &[],
        range: None,
        endpoints: Endpoints::ACCOUNT,
        required: Endpoints::NONE,
        status: Status::Current,
        nullable: false,
        unsettled: false,
        default: None,
        description,
        evidence: &[],
    }
}

impl Field {
    const fn format(mut self, format: Format) -> Field {
        self.format = format;
        self
    }
    const fn one_of(mut self, strings: &'static [&'static str]) -> Field {
        self.strings = strings;
        self
    }
    const fn one_of_integers(mut self, integers: &'static [i64]) -> Field {
        self.integers = integers;
        self
    }
    const fn renames(mut self, renamed: &'static [RenamedValue]) -> Field {
        self.renamed_values = renamed;
        self
    }
    const fn range(mut self, min: i64, max: i64) -> Field {
        self.range = Some((min, max));
        self
    }
    const fn endpoints(mut self, endpoints: Endpoints) -> Field {
        self.endpoints = endpoints;
        self
    }
    const fn required(mut self, on: Endpoints) -> Field {
        self.required = on;
        self
    }
    const fn now(mut self, status: Status) -> Field {
        self.status = status;
        self
    }
    const fn nullable(mut self) -> Field {
        self.nullable = true;
        self
    }
    const fn unsettled(mut self) -> Field {
        self.unsettled = true;
        self
    }
    const fn defaults_to(mut self, json: &'static str) -> Field {
        self.default = Some(json);
        self
    }
    const fn because(mut self, evidence: &'static [Evidence]) -> Field {
        self.evidence = evidence;
        self
    }
}

const fn duration(
    minutes_hours_only: bool,
    zero_allowed: bool,
    min: Option<Limit>,
    max: Option<Limit>,
    range_source: &'static str,
) -> Format {
    Format::Duration(DurationRange {
        minutes_hours_only,
        zero_allowed,
        min,
        max,
        range_source,
    })
}

const fn limit(nanos: i64, confidence: Confidence) -> Option<Limit> {
    Some(Limit { nanos, confidence })
}

/// The two `mfa_config` durations take the same units and range.
const MFA_DURATION: Format = duration(
    true,
    true,
    limit(0, Confidence::High),
    limit(720 * HOUR, Confidence::High),
    "Cloudflare accepts MFA session durations from 0m to 720h",
);
const MFA_DURATION_EVIDENCE: &[Evidence] = &[h(
    "minutes (m) or hours (h) only, 0m to 720h",
    "Cloudflare API schema `access_mfa_config`, field descriptions",
)];

/// Both PIV key requirement objects, today's and the renamed one, hold
/// these fields; the renamed one is validated as if it were today's.
const PIV_KEY_EVIDENCE: &[Evidence] = &[h(
    "added as `mfa_ssh_piv_key_requirements` 2026-04, renamed 2026-06-17",
    "Cloudflare API schema changelog; cloudflare-typescript `OrganizationUpdateParams`",
)];

pub(super) const FIELDS: &[Field] = &[
    field(
        &["allow_authenticate_via_warp"],
        Kind::Boolean,
        "When set to true, users can authenticate via WARP for any application in your organization. Application settings will take precedence over this value.",
    )
    .because(&[m(
        "refused while the account has no WARP auth session duration",
        FACTS,
    )]),
    field(
        &["auth_domain"],
        Kind::String,
        "The unique subdomain assigned to your Zero Trust organization.",
    )
    .format(Format::TeamDomain)
    .endpoints(Endpoints::ALL)
    .required(Endpoints::CREATE)
    .because(&[
        h("`<team>.cloudflareaccess.com`; required on create", SPEC),
        l("the server may not enforce the suffix", FACTS),
    ]),
    field(
        &["auto_redirect_to_identity"],
        Kind::Boolean,
        "When set to `true`, users skip the identity provider selection step during login.",
    )
    .defaults_to("false")
    .because(&[h("boolean, default false", SPEC)]),
    field(
        &["created_at"],
        Kind::String,
        "When the organization was created. Responses carry it; requests should not.",
    )
    .endpoints(Endpoints::ALL)
    .now(Status::ResponseOnly)
    .because(&[
        h("read-only, in responses only", SPEC),
        l("the live API rejects it in a request", "one user report"),
    ]),
    field(&["custom_pages"], Kind::Object, "Custom pages shown when access is denied.")
        .endpoints(Endpoints::ACCOUNT_UPDATE)
        .because(&[h("not taken when creating an organization", SPEC)]),
    field(
        &["custom_pages", "forbidden"],
        Kind::String,
        "The uid of the custom page to use when a user is denied access after failing a non-identity rule.",
    )
    .format(Format::CustomPageUid)
    .because(&[h(
        "a custom page's uid: 32 hex characters in examples, a 36-character UUID on the page itself",
        SPEC,
    )]),
    field(
        &["custom_pages", "identity_denied"],
        Kind::String,
        "The uid of the custom page to use when a user is denied access.",
    )
    .format(Format::CustomPageUid)
    .because(&[h(
        "a custom page's uid: 32 hex characters in examples, a 36-character UUID on the page itself",
        SPEC,
    )]),
    field(
        &["deny_unmatched_requests"],
        Kind::Boolean,
        "Determines whether to deny all requests to Cloudflare-protected resources that lack an associated Access application.",
    )
    .because(&[h("boolean", SPEC)]),
    field(
        &["deny_unmatched_requests_exempted_zone_names"],
        Kind::StringArray,
        "Contains zone names to exempt from `deny_unmatched_requests`.",
    )
    .format(Format::ZoneName)
    .because(&[
        h("an array of zone names", SPEC),
        m("each a DNS zone name of the account", DOCS),
    ]),
    field(
        &["is_ui_read_only"],
        Kind::Boolean,
        "Lock all settings as Read-Only in the Dashboard, regardless of user permission. Updates may only be made via the API or Terraform for this account when enabled.",
    )
    .endpoints(Endpoints::ALL)
    .defaults_to("false")
    .because(&[
        h("a boolean; the seed's example gives it as a string by mistake", SEED),
        m("Terraform v5 always sends it, false by default", TF5),
    ]),
    field(&["login_design"], Kind::Object, "The look of your login page.")
        .endpoints(Endpoints::ALL)
        .because(&[m("cloudflare-go v0 sends `\"\"` for each unset field", GO_V0)]),
    field(
        &["login_design", "background_color"],
        Kind::String,
        "The background color on your login page.",
    )
    .format(Format::Color)
    .because(&[
        h("hex colors in the examples (`#c5ed1b`) and provider tests (`#FFFFFF`); no pattern is published", SPEC),
        m("`\"\"` when unset, from cloudflare-go v0", GO_V0),
    ]),
    field(
        &["login_design", "footer_text"],
        Kind::String,
        "The text at the bottom of your login page.",
    )
    .format(Format::Text)
    .because(&[h("free text, no documented length limit", SPEC)]),
    field(
        &["login_design", "header_text"],
        Kind::String,
        "The text at the top of your login page.",
    )
    .format(Format::Text)
    .because(&[h("free text, no documented length limit", SPEC)]),
    field(
        &["login_design", "logo_path"],
        Kind::String,
        "The URL of the logo on your login page.",
    )
    .format(Format::LogoUrl)
    .because(&[
        h("a URL that browsers load on the login page; no format is published", SPEC),
        m("`\"\"` when unset, from cloudflare-go v0", GO_V0),
    ]),
    field(
        &["login_design", "text_color"],
        Kind::String,
        "The text color on your login page.",
    )
    .format(Format::Color)
    .because(&[
        h("hex colors in the examples (`#c5ed1b`) and provider tests (`#FFFFFF`); no pattern is published", SPEC),
        m("`\"\"` when unset, from cloudflare-go v0", GO_V0),
    ]),
    field(
        &["mfa_config"],
        Kind::Object,
        "Configures multi-factor authentication (MFA) settings for an organization.",
    )
    .unsettled()
    .because(&[h("added 2026-02", SPEC)]),
    field(
        &["mfa_config", "allowed_authenticators"],
        Kind::StringArray,
        "Lists the MFA methods that users can authenticate with.",
    )
    .one_of(&["totp", "biometrics", "security_key", "piv_key", "ssh_fido2_key"])
    .renames(&[RenamedValue {
        from: "ssh_piv_key",
        to: "piv_key",
        on: "2026-06-17",
    }])
    .because(&[
        h("enum totp, biometrics, security_key, piv_key, ssh_fido2_key", SDK),
        h("`ssh_piv_key` renamed to `piv_key` 2026-06-17; `ssh_fido2_key` added 2026-08-14", SPEC),
        m("released Terraform v5.22.0 still sends `ssh_piv_key`", TF5),
    ]),
    field(
        &["mfa_config", "amr_matching_session_duration"],
        Kind::String,
        "Allows a user to skip MFA via Authentication Method Reference (AMR) matching when the AMR claim provided by the IdP the user used to authenticate contains \"mfa\". Must be in minutes (m) or hours (h). Minimum: 0m. Maximum: 720h (30 days).",
    )
    .format(MFA_DURATION)
    .because(MFA_DURATION_EVIDENCE),
    field(
        &["mfa_config", "required_aaguids"],
        Kind::String,
        "A UUID of a Cloudflare List of FIDO2 authenticator AAGUIDs that users are required to use. A single string despite the plural name.",
    )
    .format(Format::Uuid)
    .nullable()
    .because(&[
        h("`format: uuid`", SPEC),
        h("\"To remove the restriction, set `required_aaguids` to `null`\"", DOCS_MFA),
    ]),
    field(
        &["mfa_config", "session_duration"],
        Kind::String,
        "Defines the duration of an MFA session. Must be in minutes (m) or hours (h). Minimum: 0m. Maximum: 720h (30 days).",
    )
    .format(MFA_DURATION)
    .because(MFA_DURATION_EVIDENCE),
    field(
        &["mfa_configuration_allowed"],
        Kind::Boolean,
        "Whether MFA may be configured for the organization. Briefly in the API schema in 2026; the Terraform provider still models it.",
    )
    .now(Status::Removed { on: "2026-03-05" })
    .because(&[
        h("in the API schema only from 2026-02-20 to 2026-03-05", SPEC),
        m("modelled by the Terraform provider up to v5.22", TF5),
    ]),
    field(
        &["mfa_piv_key_requirements"],
        Kind::Object,
        "Configures PIV key requirements for MFA using hardware security keys.",
    )
    .unsettled()
    .because(PIV_KEY_EVIDENCE),
    field(
        &["mfa_piv_key_requirements", "pin_policy"],
        Kind::String,
        "Defines when a PIN is required to use the SSH key.",
    )
    .one_of(&["never", "once", "always"])
    .because(&[h("enum never, once, always", SDK)]),
    field(
        &["mfa_piv_key_requirements", "require_fips_device"],
        Kind::Boolean,
        "Requires that the SSH key be stored on a FIPS 140-2 certified security key.",
    )
    .because(&[h("boolean", SDK)]),
    field(
        &["mfa_piv_key_requirements", "ssh_key_size"],
        Kind::IntegerArray,
        "Defines the allowed SSH key sizes in bits.",
    )
    .one_of_integers(&[256, 384, 521, 2048, 3072, 4096])
    .because(&[h("each one of 256, 384, 521, 2048, 3072, 4096", SDK)]),
    field(
        &["mfa_piv_key_requirements", "ssh_key_type"],
        Kind::StringArray,
        "Defines the allowed SSH key types.",
    )
    .one_of(&["ecdsa", "ed25519", "rsa"])
    .because(&[h("each one of ecdsa, ed25519, rsa", SDK)]),
    field(
        &["mfa_piv_key_requirements", "touch_policy"],
        Kind::String,
        "Defines when physical touch is required to use the SSH key.",
    )
    .one_of(&["never", "always", "cached"])
    .because(&[h("enum never, always, cached", SDK)]),
    field(
        &["mfa_required_for_all_apps"],
        Kind::Boolean,
        "Determines whether global MFA settings apply to applications by default. The organization must have MFA enabled with at least one authentication method and a session duration configured.",
    )
    .because(&[h("needs MFA with at least one authenticator and a session duration", SPEC)]),
    field(
        &["mfa_ssh_piv_key_requirements"],
        Kind::Object,
        "The former name of `mfa_piv_key_requirements`.",
    )
    .now(Status::Renamed {
        to: "mfa_piv_key_requirements",
        on: "2026-06-17",
    })
    .because(&[
        h("renamed to `mfa_piv_key_requirements` 2026-06-17", SPEC),
        m("released Terraform v5.22.0 still sends the old name", TF5),
        m(
            "the API silently drops the old name: the live PIV settings were wiped on every apply",
            "terraform-provider-cloudflare PR #7337 (2026-08-25)",
        ),
    ]),
    field(&["name"], Kind::String, "The name of your Zero Trust organization.")
        .format(Format::Text)
        .endpoints(Endpoints::ALL)
        .required(Endpoints::CREATE)
        .because(&[h("required on create; no documented limits", SPEC)]),
    field(
        &["service_token_inactivity"],
        Kind::Object,
        "Configures automatic action on service tokens that have not been used for a set number of days.",
    )
    .unsettled()
    .because(&[
        h("added 2026-10", SPEC),
        h("`action`, `enabled` and `inactivity_threshold_days` are required members: the API reference marks none of them optional", REFERENCE),
        m("Cloudflare's CLI refuses a partial set; Terraform 5.27 marks all three required", TF5),
    ]),
    field(
        &["service_token_inactivity", "action"],
        Kind::String,
        "The action to take on an inactive service token.",
    )
    .one_of(&["disable", "delete"])
    .required(Endpoints::ALL)
    .because(&[h("enum disable, delete", SDK)]),
    field(
        &["service_token_inactivity", "enabled"],
        Kind::Boolean,
        "Whether the inactivity action is enabled.",
    )
    .required(Endpoints::ALL)
    .because(&[h("boolean", SDK)]),
    field(
        &["service_token_inactivity", "inactivity_threshold_days"],
        Kind::Integer,
        "The number of days without use after which the action is taken.",
    )
    .range(30, 365)
    .required(Endpoints::ALL)
    .because(&[h("an integer from 30 to 365", SDK)]),
    field(
        &["session_duration"],
        Kind::String,
        "The amount of time that tokens issued for applications will be valid. Must be in the format `300ms` or `2h45m`. Valid time units are: ns, us (or µs), ms, s, m, h.",
    )
    .format(duration(
        false,
        false,
        limit(15 * MINUTE, Confidence::Medium),
        limit(730 * HOUR, Confidence::Medium),
        "Cloudflare documents a session duration from 15 minutes to one month (730h)",
    ))
    .because(&[
        h("a Go duration; units ns, us (or µs), ms, s, m, h", SPEC),
        h("Terraform v4 validated it with Go's time.ParseDuration", "terraform-provider-cloudflare v4"),
        m("the docs' range, 15 minutes to one month (730h), is enforced by the API", DOCS),
        m("Terraform v4 sends `\"\"` when unset", GO_V0),
    ]),
    field(
        &["strict_service_token_auth"],
        Kind::Boolean,
        "Enforces that service tokens authenticate only with their headers. Organizations created on or after 2026-10-05 cannot turn it off.",
    )
    .because(&[h("boolean; cannot be turned off for organizations created on or after 2026-10-05", DOCS)]),
    field(
        &["ui_read_only_toggle_reason"],
        Kind::String,
        "A description of the reason why the UI read only field is being toggled.",
    )
    .format(Format::Text)
    .endpoints(Endpoints::ALL)
    .because(&[
        h("why the lock is toggled, either way; optional", SEED),
        m("nothing to explain when `is_ui_read_only` is not in the same body", SEED),
    ]),
    field(
        &["updated_at"],
        Kind::String,
        "When the organization was last updated. Responses carry it; requests should not.",
    )
    .endpoints(Endpoints::ALL)
    .now(Status::ResponseOnly)
    .because(&[
        h("read-only, in responses only", SPEC),
        l("the live API rejects it in a request", "one user report"),
    ]),
    field(
        &["user_seat_expiration_inactive_time"],
        Kind::String,
        "The amount of time a user seat is inactive before it expires. When the user seat exceeds the set time of inactivity, the user is removed as an active seat and no longer counts against your Teams seat count. Minimum value for this setting is 1 month (730h). Must be in the format `300ms` or `2h45m`. Valid time units are: `ns`, `us` (or `µs`), `ms`, `s`, `m`, `h`.",
    )
    .format(duration(
        false,
        false,
        limit(730 * HOUR, Confidence::High),
        limit(8760 * HOUR, Confidence::Medium),
        "Cloudflare requires at least one month (730h) of inactivity and documents at most one year (8760h)",
    ))
    .endpoints(Endpoints::ALL)
    .because(&[
        h("minimum 1 month (730h), since August 2024", SPEC),
        m("at most one year (8760h)", DOCS),
    ]),
    field(
        &["warp_auth_non_browser_401"],
        Kind::Boolean,
        "Whether WARP authentication answers non-browser requests with 401 instead of a login redirect.",
    )
    .because(&[h("boolean, added 2026-08-02", SPEC)]),
    field(
        &["warp_auth_session_duration"],
        Kind::String,
        "The amount of time that tokens issued for applications will be valid. Must be in the format `30m` or `2h45m`. Valid time units are: m, h.",
    )
    .format(duration(
        true,
        false,
        None,
        limit(2160 * HOUR, Confidence::High),
        "Cloudflare allows a WARP authentication session of at most 90 days (2160h)",
    ))
    .because(&[
        h("units m and h only", SPEC),
        h("at most 90 days", "cloudflare-docs PR #33320, merged 2026-09-08"),
        m("Terraform v4 sends `\"\"` when unset", GO_V0),
    ]),
];
