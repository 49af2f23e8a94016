//! How a Terraform configuration writes an organization resource: its
//! syntax, the provider's form for each object, and the request path's
//! identifiers. [`crate::terraform`] reports these while it reads the
//! configuration; the body's own rules run on the body it rebuilds.

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::terraform::ProviderVersion;

pub(crate) const TERRAFORM_SYNTAX: Rule = Rule::new(
    "terraform-syntax",
    Severity::Error,
    "A Terraform file with an organization resource is not valid HCL",
    include_str!("terraform_syntax.md"),
);

pub(crate) const BLOCK_SYNTAX: Rule = Rule::new(
    "terraform-block-syntax",
    Severity::Error,
    "An object is written as a block where the provider takes an attribute, or the reverse",
    include_str!("block_syntax.md"),
);

pub(crate) const REPEATED_BLOCK: Rule = Rule::new(
    "terraform-repeated-block",
    Severity::Warning,
    "A v4 resource repeats a block of which the provider sends only the first",
    include_str!("repeated_block.md"),
);

pub(crate) const ACCOUNT_AND_ZONE: Rule = Rule::new(
    "terraform-account-and-zone",
    Severity::Error,
    "A resource sets both account_id and zone_id, or neither",
    include_str!("account_and_zone.md"),
);

pub(crate) const IDENTIFIER_INVALID: Rule = Rule::new(
    "identifier-invalid",
    Severity::Error,
    "An account or zone identifier is not 32 lowercase hex characters",
    include_str!("identifier_invalid.md"),
);

pub(crate) const RULES: &[&Rule] = &[
    &TERRAFORM_SYNTAX,
    &BLOCK_SYNTAX,
    &REPEATED_BLOCK,
    &ACCOUNT_AND_ZONE,
    &IDENTIFIER_INVALID,
];

/// A `.tf` file that does not parse, at byte `at` of `source`.
pub(crate) fn syntax_error(source: &str, at: usize, message: &str) -> Diagnostic {
    let at = (0..=at.min(source.len()))
        .rev()
        .find(|&i| source.is_char_boundary(i))
        .unwrap_or(0);
    let end = source[at..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(at, |c| at + c.len_utf8());
    TERRAFORM_SYNTAX
        .at(
            Span::new(at, end),
            format!("the file is not valid HCL: {}", message.trim()),
        )
        .with_label("HCL stops reading here")
        .with_help("Terraform refuses the whole module while this file does not parse; fix the syntax first")
}

/// An object in the provider's other form.
pub(crate) fn block_syntax(
    span: Span,
    message: String,
    label: &'static str,
    help: String,
) -> Diagnostic {
    BLOCK_SYNTAX
        .at(span, message)
        .with_label(label)
        .with_help(help)
}

/// A v4 block given again after its `first`.
pub(crate) fn repeated_block(span: Span, ident: &str, first: Span) -> Diagnostic {
    REPEATED_BLOCK
        .at(
            span,
            format!("a second `{ident}` block: the v4 provider sends only the first one, so this one is ignored"),
        )
        .with_label("ignored")
        .with_secondary(first, "the one the provider sends")
        .with_help(format!("merge the two into one `{ident}` block"))
}

/// `account_id` and `zone_id` both set: at `zone_id`, `account_id`
/// labelled.
pub(crate) fn account_and_zone(
    version: ProviderVersion,
    zone: Span,
    account: Option<Span>,
) -> Diagnostic {
    let d = match version {
        ProviderVersion::V4 => ACCOUNT_AND_ZONE
            .at(
                zone,
                "both `account_id` and `zone_id` are set, and provider v4 refuses them together",
            )
            .with_help("keep `account_id` for the account's organization, or `zone_id` for the zone's"),
        ProviderVersion::V5 => ACCOUNT_AND_ZONE
            .at(
                zone,
                "both `account_id` and `zone_id` are set: provider v5 updates the account's organization and ignores `zone_id`",
            )
            .with_severity(Severity::Warning)
            .with_help("remove `zone_id`, or remove `account_id` to update the zone's organization"),
    };
    let d = d.with_label("`zone_id`");
    match account {
        Some(account) => d.with_secondary(account, "`account_id`"),
        None => d,
    }
}

/// A v5 resource with neither identifier.
pub(crate) fn neither_account_nor_zone(header: Span) -> Diagnostic {
    ACCOUNT_AND_ZONE
        .at(
            header,
            "neither `account_id` nor `zone_id` is set: provider v5 sends the request to `/zones//access/organizations`",
        )
        .with_label("no account or zone")
        .with_help("set `account_id` (or `zone_id` for a zone's organization)")
}

/// `name` (`account_id` or `zone_id`) is `id`, which `error` says is not
/// an identifier.
pub(crate) fn identifier_invalid(
    span: Span,
    name: &str,
    id: &str,
    error: &crate::account_id::Error,
) -> Diagnostic {
    let (kind, a) = if name == "zone_id" {
        ("zone", "a")
    } else {
        ("account", "an")
    };
    let d = IDENTIFIER_INVALID
        .at(
            span,
            format!(
                "`{name}` is `{}`, not {a} {kind} identifier: it {}",
                super::support::shown(id),
                error.problem()
            ),
        )
        .with_label(format!("not {a} {kind} identifier"))
        .with_help(format!(
            "use the {kind}'s 32-character identifier from the dashboard's overview page"
        ));
    if error.is_uppercase() {
        d.with_severity(Severity::Warning)
    } else {
        d
    }
}
