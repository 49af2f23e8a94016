//! `warp-auth-without-duration`: WARP authentication is turned on without
//! a WARP session duration.

use crate::diagnostic::Severity;
use crate::json::Value;
use crate::rules::{Context, Rule};

pub(crate) const WARP_AUTH_WITHOUT_DURATION: Rule = Rule::new(
    "warp-auth-without-duration",
    Severity::Warning,
    "WARP authentication is enabled without warp_auth_session_duration",
    include_str!("warp_auth_without_duration.md"),
);

const ALLOW: &str = "allow_authenticate_via_warp";
const DURATION: &str = "warp_auth_session_duration";

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(allow) = root.get(ALLOW) else {
        return;
    };
    // An empty duration is how Terraform v4 sends it unset.
    let has_duration = root
        .get(DURATION)
        .is_some_and(|d| d.as_str().is_none_or(|text| !text.is_empty()));
    if allow.as_bool() != Some(true) || has_duration {
        return;
    }
    cx.emit(
        WARP_AUTH_WITHOUT_DURATION
            .at(
                allow.span(),
                format!("`{ALLOW}` is `true`, but the payload sets no `{DURATION}`"),
            )
            .with_label("needs a WARP session duration")
            .with_help(format!(
                "add `\"{DURATION}\"`, e.g. `\"24h\"`, unless the account already has one; Cloudflare refuses WARP authentication without it"
            )),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "warp-auth-without-duration";

    #[test]
    fn enabling_without_a_duration() {
        let source = r#"{"allow_authenticate_via_warp": true}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(32, 36));
        assert_eq!(
            d.message(),
            "`allow_authenticate_via_warp` is `true`, but the payload sets no `warp_auth_session_duration`"
        );
        assert_eq!(d.primary().text(), Some("needs a WARP session duration"));
        assert_eq!(
            d.help(),
            Some("add `\"warp_auth_session_duration\"`, e.g. `\"24h\"`, unless the account already has one; Cloudflare refuses WARP authentication without it")
        );
    }

    #[test]
    fn a_duration_or_disabling_passes() {
        for source in [
            r#"{"allow_authenticate_via_warp": true, "warp_auth_session_duration": "24h"}"#,
            r#"{"allow_authenticate_via_warp": false}"#,
            r#"{"allow_authenticate_via_warp": "true"}"#,
        ] {
            assert!(only(CODE, source).is_empty(), "{source}");
        }
    }
}
