//! `logo-url-credentials`: a user name or password in the logo URL.

use super::parts::Parts;

use super::name;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::StrField;
use crate::rules::Rule;

pub(crate) const LOGO_URL_CREDENTIALS: Rule = Rule::new(
    "logo-url-credentials",
    Severity::Warning,
    "The logo URL embeds a user name or password",
    include_str!("logo_url_credentials.md"),
);

pub(super) fn finding(field: StrField<'_>, url: &Parts<'_>) -> Option<Diagnostic> {
    let what = match (!url.has_username, url.has_password) {
        (true, false) => return None,
        (false, false) => "a user name",
        (true, true) => "a password",
        (false, true) => "a user name and password",
    };
    // Not shown: the message would repeat the secret.
    Some(
        LOGO_URL_CREDENTIALS
            .at(field.span, format!("`{}` embeds {what}", name()))
            .with_label("credentials in the URL")
            .with_help("remove the `user:password@` part; every visitor of the login page can read it, and browsers do not send it for images")
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "logo-url-credentials";

    #[test]
    fn user_and_password_are_flagged_without_repeating_them() {
        let source =
            r#"{"login_design": {"logo_path": "https://admin:hunter2@example.com/logo.png"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(31, 75));
        assert_eq!(
            d.message(),
            "`login_design.logo_path` embeds a user name and password"
        );
        assert!(!d.message().contains("hunter2"));
        assert_eq!(d.primary().text(), Some("credentials in the URL"));
        assert_eq!(
            d.help(),
            Some("remove the `user:password@` part; every visitor of the login page can read it, and browsers do not send it for images")
        );
        assert!(d.fixes().is_empty());
        let user = only(
            CODE,
            r#"{"login_design": {"logo_path": "https://admin@example.com/logo.png"}}"#,
        );
        assert_eq!(
            user[0].message(),
            "`login_design.logo_path` embeds a user name"
        );
        let password = only(
            CODE,
            r#"{"login_design": {"logo_path": "https://:pw@example.com/logo.png"}}"#,
        );
        assert_eq!(
            password[0].message(),
            "`login_design.logo_path` embeds a password"
        );
    }

    #[test]
    fn an_at_sign_in_the_path_is_fine() {
        let source = r#"{"login_design": {"logo_path": "https://example.com/@team/logo.png"}}"#;
        assert!(only(CODE, source).is_empty());
    }
}
