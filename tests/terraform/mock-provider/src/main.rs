//! A stand-in for `registry.terraform.io/cloudflare/cloudflare` that only
//! declares the Zero Trust organization resources, so that a real `terraform`
//! binary can validate and plan ztlint's fixtures without any download.
//!
//! It serves plugin protocol v6 through the `tf-provider` crate:
//!
//! - `cloudflare_zero_trust_organization`: the provider v5 shape (plugin
//!   framework, nested object attributes such as `login_design = { ... }`);
//! - `cloudflare_access_organization` and
//!   `cloudflare_zero_trust_access_organization`: the provider v4 shape
//!   (SDKv2, `login_design { ... }` list blocks).
//!
//! Only validation and planning matter (tests/terraform/README.md); apply
//! fills the computed attributes with fixed values so that a local apply does
//! not fail, and nothing ever leaves the machine.

use std::collections::HashMap;

use anyhow::Result;
use async_trait::async_trait;
use rmpv::Value as Mp;
use serde::{Deserialize, Serialize};
use tf_provider::schema::{
    Attribute, AttributeConstraint, AttributeType, Block, Description, NestedBlock, Schema,
};
use tf_provider::value::ValueEmpty;
use tf_provider::{
    serve, AttributePath, Diagnostic, Diagnostics, DynamicResource, Provider, Resource,
};

/// An object value exactly as Terraform sent it (MessagePack), passed through
/// untouched except for the attributes a real provider would compute. A typed
/// state would have to re-encode numbers, nulls and unknowns; this cannot
/// alter them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
struct State(Mp);

/// cty's MessagePack encoding of an unknown value: extension 0, one zero byte.
fn unknown() -> Mp {
    Mp::Ext(0, vec![0])
}

fn is_unknown(value: &Mp) -> bool {
    matches!(value, Mp::Ext(0, _))
}

impl State {
    fn get(&self, key: &str) -> Option<&Mp> {
        self.0
            .as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// True when the attribute is set to a value (known or not), not null.
    fn is_set(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| !v.is_nil())
    }

    fn set(&mut self, key: &str, value: Mp) {
        if let Mp::Map(entries) = &mut self.0 {
            match entries.iter_mut().find(|(k, _)| k.as_str() == Some(key)) {
                Some(entry) => entry.1 = value,
                None => entries.push((Mp::from(key), value)),
            }
        }
    }

    /// What a provider does at plan time for an attribute it computes when
    /// the configuration leaves it null.
    fn plan_null_as(&mut self, key: &str, value: Mp) {
        if !self.is_set(key) {
            self.set(key, value);
        }
    }

    /// At apply time, an unknown computed attribute gets a (fixed) value.
    fn apply_unknown_as(&mut self, key: &str, value: &str) {
        if self.get(key).is_some_and(is_unknown) {
            self.set(key, Mp::from(value));
        }
    }
}

fn attribute(attr_type: AttributeType, constraint: AttributeConstraint) -> Attribute {
    Attribute {
        attr_type,
        constraint,
        description: Description::plain(""),
        ..Default::default()
    }
}

fn optional(attr_type: AttributeType) -> Attribute {
    attribute(attr_type, AttributeConstraint::Optional)
}

fn string_list() -> AttributeType {
    AttributeType::List(Box::new(AttributeType::String))
}

/// `names` as optional string attributes.
fn optional_strings(names: &[&str]) -> HashMap<String, Attribute> {
    names
        .iter()
        .map(|name| (name.to_string(), optional(AttributeType::String)))
        .collect()
}

fn block(attributes: HashMap<String, Attribute>, blocks: HashMap<String, NestedBlock>) -> Block {
    Block {
        version: 0,
        attributes,
        blocks,
        description: Description::plain(""),
        deprecated: false,
    }
}

/// The provider v5 resource, after terraform-provider-cloudflare
/// `internal/services/zero_trust_organization/schema.go`.
struct OrganizationV5;

/// Bools with `Default: booldefault.StaticBool(false)` in the latest v5
/// schema: optional and computed, planned as `false` when the configuration
/// omits them.
const V5_DEFAULT_FALSE: [&str; 4] = [
    "allow_authenticate_via_warp",
    "auto_redirect_to_identity",
    "is_ui_read_only",
    "mfa_required_for_all_apps",
];

/// Attributes only the API sets (unknown until apply).
const V5_COMPUTED: [&str; 3] = ["id", "created_at", "updated_at"];

#[async_trait]
impl Resource for OrganizationV5 {
    type State<'a> = State;
    type PrivateState<'a> = ValueEmpty;
    type ProviderMetaState<'a> = ValueEmpty;

    fn schema(&self, _diags: &mut Diagnostics) -> Option<Schema> {
        use AttributeType::{AttributeSingle, Bool, List, Number, String};
        // `name` and `auth_domain` are optional in every v5 schema.go we read.
        let mut attributes = optional_strings(&[
            "account_id",
            "zone_id",
            "name",
            "auth_domain",
            "session_duration",
            "ui_read_only_toggle_reason",
            "user_seat_expiration_inactive_time",
            "warp_auth_session_duration",
        ]);
        for name in V5_DEFAULT_FALSE {
            attributes.insert(
                name.into(),
                attribute(Bool, AttributeConstraint::OptionalComputed),
            );
        }
        for name in V5_COMPUTED {
            attributes.insert(
                name.into(),
                attribute(String, AttributeConstraint::Computed),
            );
        }
        attributes.insert("deny_unmatched_requests".into(), optional(Bool));
        attributes.insert(
            "deny_unmatched_requests_exempted_zone_names".into(),
            optional(string_list()),
        );
        // SingleNestedAttribute: assigned as `custom_pages = { ... }`; every
        // member is optional, so a partial object is accepted.
        attributes.insert(
            "custom_pages".into(),
            optional(AttributeSingle(optional_strings(&[
                "forbidden",
                "identity_denied",
            ]))),
        );
        attributes.insert(
            "login_design".into(),
            optional(AttributeSingle(optional_strings(&[
                "background_color",
                "footer_text",
                "header_text",
                "logo_path",
                "text_color",
            ]))),
        );
        let mut mfa_config =
            optional_strings(&["amr_matching_session_duration", "session_duration"]);
        mfa_config.insert("allowed_authenticators".into(), optional(string_list()));
        // A single string despite the plural (the v5 schema's StringAttribute).
        mfa_config.insert("required_aaguids".into(), optional(String));
        attributes.insert("mfa_config".into(), optional(AttributeSingle(mfa_config)));
        let mut piv = optional_strings(&["pin_policy", "touch_policy"]);
        piv.insert("require_fips_device".into(), optional(Bool));
        piv.insert("ssh_key_size".into(), optional(List(Box::new(Number))));
        piv.insert("ssh_key_type".into(), optional(string_list()));
        attributes.insert(
            "mfa_piv_key_requirements".into(),
            optional(AttributeSingle(piv)),
        );
        Some(Schema {
            version: 0,
            block: block(attributes, HashMap::new()),
        })
    }

    async fn read<'a>(
        &self,
        _diags: &mut Diagnostics,
        state: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        Some((state, private_state))
    }

    async fn plan_create<'a>(
        &self,
        _diags: &mut Diagnostics,
        proposed: State,
        _config: State,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        let mut planned = proposed;
        for name in V5_DEFAULT_FALSE {
            planned.plan_null_as(name, Mp::Boolean(false));
        }
        for name in V5_COMPUTED {
            planned.set(name, unknown());
        }
        Some((planned, ValueEmpty::Null))
    }

    async fn plan_update<'a>(
        &self,
        _diags: &mut Diagnostics,
        prior: State,
        proposed: State,
        _config: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty, Vec<AttributePath>)> {
        let mut planned = proposed;
        for name in V5_DEFAULT_FALSE {
            planned.plan_null_as(name, Mp::Boolean(false));
        }
        // `RequiresReplace` on both identifiers in the real schema.
        let replace = ["account_id", "zone_id"]
            .into_iter()
            .filter(|name| prior.get(name) != planned.get(name))
            .map(AttributePath::new)
            .collect();
        Some((planned, private_state, replace))
    }

    async fn plan_destroy<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<ValueEmpty> {
        Some(private_state)
    }

    async fn create<'a>(
        &self,
        _diags: &mut Diagnostics,
        planned: State,
        _config: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        let mut state = planned;
        state.apply_unknown_as("id", "mock-organization");
        state.apply_unknown_as("created_at", "2014-01-01T05:20:00.12345Z");
        state.apply_unknown_as("updated_at", "2014-01-01T05:20:00.12345Z");
        Some((state, private_state))
    }

    async fn update<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        planned: State,
        _config: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        Some((planned, private_state))
    }

    async fn destroy<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        _private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<()> {
        Some(())
    }
}

/// The provider v4 resources (`cloudflare_access_organization` and its alias
/// `cloudflare_zero_trust_access_organization`), after
/// terraform-provider-cloudflare
/// `internal/sdkv2provider/schema_cloudflare_access_organization.go`.
struct OrganizationV4;

/// `Optional + Computed` in the SDKv2 schema (`id` is added that way by the
/// SDK itself): unknown in a create plan when the configuration omits them.
const V4_COMPUTED: [&str; 3] = ["id", "account_id", "zone_id"];

#[async_trait]
impl Resource for OrganizationV4 {
    type State<'a> = State;
    type PrivateState<'a> = ValueEmpty;
    type ProviderMetaState<'a> = ValueEmpty;

    fn schema(&self, _diags: &mut Diagnostics) -> Option<Schema> {
        use AttributeType::{Bool, String};
        let mut attributes = optional_strings(&[
            "name",
            "ui_read_only_toggle_reason",
            "user_seat_expiration_inactive_time",
            "session_duration",
            "warp_auth_session_duration",
        ]);
        for name in V4_COMPUTED {
            attributes.insert(
                name.into(),
                attribute(String, AttributeConstraint::OptionalComputed),
            );
        }
        attributes.insert(
            "auth_domain".into(),
            attribute(String, AttributeConstraint::Required),
        );
        for name in [
            "is_ui_read_only",
            "auto_redirect_to_identity",
            "allow_authenticate_via_warp",
        ] {
            attributes.insert(name.into(), optional(Bool));
        }
        // `schema.TypeList` with a `schema.Resource` element and no MaxItems:
        // repeatable `login_design { ... }` blocks.
        let blocks = HashMap::from([
            (
                "login_design".to_string(),
                NestedBlock::List(block(
                    optional_strings(&[
                        "background_color",
                        "text_color",
                        "logo_path",
                        "header_text",
                        "footer_text",
                    ]),
                    HashMap::new(),
                )),
            ),
            (
                "custom_pages".to_string(),
                NestedBlock::List(block(
                    optional_strings(&["identity_denied", "forbidden"]),
                    HashMap::new(),
                )),
            ),
        ]);
        Some(Schema {
            version: 0,
            block: block(attributes, blocks),
        })
    }

    /// SDKv2's `ConflictsWith` between `account_id` and `zone_id`, with its
    /// wording: each attribute that is set (and known) while the other one is
    /// set (and known) gets its own error.
    async fn validate<'a>(&self, diags: &mut Diagnostics, config: State) -> Option<()> {
        let known = |key: &str| {
            config
                .get(key)
                .is_some_and(|v| !v.is_nil() && !is_unknown(v))
        };
        for (key, other) in [("account_id", "zone_id"), ("zone_id", "account_id")] {
            if known(key) && known(other) {
                // A struct literal: `Diagnostic::new` appends a backtrace to
                // the detail whenever RUST_BACKTRACE is set.
                diags.add_error(Diagnostic {
                    summary: "Conflicting configuration arguments".into(),
                    detail: format!("\"{key}\": conflicts with {other}").into(),
                    attribute: AttributePath::new(key),
                });
            }
        }
        Some(())
    }

    async fn read<'a>(
        &self,
        _diags: &mut Diagnostics,
        state: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        Some((state, private_state))
    }

    async fn plan_create<'a>(
        &self,
        _diags: &mut Diagnostics,
        proposed: State,
        _config: State,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        let mut planned = proposed;
        for name in V4_COMPUTED {
            planned.plan_null_as(name, unknown());
        }
        Some((planned, ValueEmpty::Null))
    }

    async fn plan_update<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        proposed: State,
        _config: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty, Vec<AttributePath>)> {
        Some((proposed, private_state, vec![]))
    }

    async fn plan_destroy<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<ValueEmpty> {
        Some(private_state)
    }

    async fn create<'a>(
        &self,
        _diags: &mut Diagnostics,
        planned: State,
        _config: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        let mut state = planned;
        state.apply_unknown_as("id", "mock-organization");
        state.apply_unknown_as("account_id", "");
        state.apply_unknown_as("zone_id", "");
        Some((state, private_state))
    }

    async fn update<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        planned: State,
        _config: State,
        private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<(State, ValueEmpty)> {
        Some((planned, private_state))
    }

    async fn destroy<'a>(
        &self,
        _diags: &mut Diagnostics,
        _prior: State,
        _private_state: ValueEmpty,
        _meta: ValueEmpty,
    ) -> Option<()> {
        Some(())
    }
}

struct Cloudflare;

#[async_trait]
impl Provider for Cloudflare {
    type Config<'a> = State;
    type MetaState<'a> = ValueEmpty;

    /// The v5 provider's own arguments, all optional, so that a fixture may
    /// carry a `provider "cloudflare" { api_token = ... }` block.
    fn schema(&self, _diags: &mut Diagnostics) -> Option<Schema> {
        let mut attributes = optional_strings(&[
            "api_key",
            "api_token",
            "api_user_service_key",
            "base_url",
            "email",
            "user_agent_operator_suffix",
        ]);
        for secret in ["api_key", "api_token", "api_user_service_key"] {
            if let Some(attribute) = attributes.get_mut(secret) {
                attribute.sensitive = true;
            }
        }
        Some(Schema {
            version: 0,
            block: block(attributes, HashMap::new()),
        })
    }

    fn get_resources(
        &self,
        _diags: &mut Diagnostics,
    ) -> Option<HashMap<String, Box<dyn DynamicResource>>> {
        // tf-provider prefixes each name with `cloudflare_`.
        let resources: [(&str, Box<dyn DynamicResource>); 3] = [
            ("zero_trust_organization", Box::new(OrganizationV5)),
            ("access_organization", Box::new(OrganizationV4)),
            ("zero_trust_access_organization", Box::new(OrganizationV4)),
        ];
        Some(
            resources
                .into_iter()
                .map(|(name, resource)| (name.to_string(), resource))
                .collect(),
        )
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    serve("cloudflare", Cloudflare).await
}
