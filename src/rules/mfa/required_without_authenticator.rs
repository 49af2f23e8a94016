//! `mfa-required-without-authenticator`: MFA is required for every
//! application, but the body configures no way to pass it.

use crate::diagnostic::Severity;
use crate::json::Value;
use crate::rules::support::value_at;
use crate::rules::{Context, Rule};

pub(crate) const MFA_REQUIRED_WITHOUT_AUTHENTICATOR: Rule = Rule::new(
    "mfa-required-without-authenticator",
    Severity::Warning,
    "MFA is required for all applications, but no authenticator is configured",
    include_str!("mfa_required_without_authenticator.md"),
);

const REQUIRED: &str = "mfa_required_for_all_apps";

pub(super) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(required) = root.get(REQUIRED) else {
        return;
    };
    if required.as_bool() != Some(true) {
        return;
    }
    let authenticators = value_at(root, &["mfa_config", "allowed_authenticators"]);
    let (message, label, help) = match authenticators.map(|a| a.as_array()) {
        // Not in this body: the account may have them already.
        None => (
            "`mfa_required_for_all_apps` is `true`, but the body configures no MFA authenticator",
            "needs MFA configured",
            "add `mfa_config` with at least one `allowed_authenticators` entry and a `session_duration`, unless the account already has them",
        ),
        Some(Some([])) => (
            "`mfa_required_for_all_apps` is `true`, but `mfa_config.allowed_authenticators` is empty",
            "needs an authenticator",
            "list at least one authenticator in `mfa_config.allowed_authenticators`, such as `\"totp\"`",
        ),
        // A list with entries, or a value of another type, which the
        // structure rules report.
        Some(_) => return,
    };
    cx.emit(
        MFA_REQUIRED_WITHOUT_AUTHENTICATOR
            .at(required.span(), message)
            .with_label(label)
            .with_help(help),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "mfa-required-without-authenticator";

    #[test]
    fn required_with_no_mfa_config() {
        let source = r#"{"mfa_required_for_all_apps": true}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(30, 34));
        assert_eq!(
            d.message(),
            "`mfa_required_for_all_apps` is `true`, but the body configures no MFA authenticator"
        );
        assert_eq!(d.primary().text(), Some("needs MFA configured"));
    }

    #[test]
    fn required_with_an_empty_list() {
        let source =
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": []}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message(),
            "`mfa_required_for_all_apps` is `true`, but `mfa_config.allowed_authenticators` is empty"
        );
    }

    #[test]
    fn configured_or_not_required() {
        for source in [
            r#"{"mfa_required_for_all_apps": true, "mfa_config": {"allowed_authenticators": ["totp"], "session_duration": "12h"}}"#,
            r#"{"mfa_required_for_all_apps": false}"#,
            r#"{"mfa_required_for_all_apps": "true"}"#,
            r#"{"mfa_config": {"allowed_authenticators": []}}"#,
        ] {
            assert!(only(CODE, source).is_empty(), "{source}");
        }
    }
}
