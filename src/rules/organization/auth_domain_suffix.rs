//! `auth-domain-suffix`: `auth_domain` is not `<team>.cloudflareaccess.com`.

use crate::diagnostic::Severity;
use crate::rules::support::{replace_string, shown, StrField};
use crate::rules::{Context, Rule};

pub(crate) const AUTH_DOMAIN_SUFFIX: Rule = Rule::new(
    "auth-domain-suffix",
    Severity::Warning,
    "The team domain is not a <team>.cloudflareaccess.com domain",
    include_str!("auth_domain_suffix.md"),
);

const SUFFIX: &str = "cloudflareaccess.com";

/// Edit distance at which another registrable domain is taken for a typo of
/// `cloudflareaccess.com`.
const TYPO_DISTANCE: usize = 2;

/// Checks `auth_domain`; `is_hostname` is whether it is a valid hostname.
pub(super) fn check(field: StrField<'_>, is_hostname: bool, cx: &mut Context<'_>) {
    // Not a hostname at all: `auth-domain-invalid` says so.
    if !is_hostname {
        return;
    }
    // A valid hostname has at least two labels: the last two are the
    // registrable domain, the rest the team. Case does not matter.
    let (team, registrable) = split_registrable(field.text);
    let help = if registrable.eq_ignore_ascii_case(SUFFIX) {
        if team.is_empty() {
            "the team domain starts with your team name, e.g. `team.cloudflareaccess.com`"
                .to_owned()
        } else if team.contains('.') {
            format!(
                "the team name is one label; `{}` has a dot",
                team.to_ascii_lowercase()
            )
        } else {
            return;
        }
    } else {
        match typo_fix(team, registrable) {
            Some(fixed) => {
                let diagnostic = base(field.text, field.span)
                    .with_help(format!("did you mean `{fixed}`?"))
                    .with_fix(replace_string(field.span, &fixed, false));
                cx.emit(diagnostic);
                return;
            }
            None => "Cloudflare assigns team domains under `cloudflareaccess.com`; check the team domain in Zero Trust settings".to_owned(),
        }
    };
    cx.emit(base(field.text, field.span).with_help(help));
}

fn base(text: &str, span: crate::Span) -> crate::Diagnostic {
    AUTH_DOMAIN_SUFFIX
        .at(
            span,
            format!(
                "`auth_domain` is `{}`, not a `<team>.cloudflareaccess.com` domain",
                shown(text)
            ),
        )
        .with_label("not <team>.cloudflareaccess.com")
}

/// `host` split before its last two labels: the team part (empty for a
/// two-label host) and the registrable domain.
fn split_registrable(host: &str) -> (&str, &str) {
    let dot_before = |end: usize| {
        let head = host.as_bytes().get(..end)?;
        head.iter().rposition(|&b| b == b'.')
    };
    match dot_before(host.len()).and_then(dot_before) {
        Some(at) => (
            host.get(..at).unwrap_or_default(),
            host.get(at + 1..).unwrap_or_default(),
        ),
        None => ("", host),
    }
}

/// The domain with a misspelt `cloudflareaccess.com` corrected, when there
/// is a single-label team in front of it. Compared and written in
/// lowercase.
fn typo_fix(team: &str, registrable: &str) -> Option<String> {
    if team.is_empty() || team.contains('.') {
        return None;
    }
    let near =
        strsim::damerau_levenshtein(&registrable.to_ascii_lowercase(), SUFFIX) <= TYPO_DISTANCE;
    near.then(|| format!("{}.{SUFFIX}", team.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use crate::rules::support::{fixed, only};
    use crate::{Applicability, Severity, Span};

    const CODE: &str = "auth-domain-suffix";

    #[test]
    fn other_domains_are_warnings() {
        let source = r#"{"auth_domain": "login.example.com"}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(16, 35));
        assert_eq!(
            d.message(),
            "`auth_domain` is `login.example.com`, not a `<team>.cloudflareaccess.com` domain"
        );
        assert_eq!(d.primary().text(), Some("not <team>.cloudflareaccess.com"));
        assert_eq!(
            d.help(),
            Some("Cloudflare assigns team domains under `cloudflareaccess.com`; check the team domain in Zero Trust settings")
        );
        assert!(d.fixes().is_empty());
    }

    #[test]
    fn typos_get_a_fix_to_review() {
        let source = r#"{"auth_domain": "widgets.cloudflareacess.com"}"#;
        let found = only(CODE, source);
        assert_eq!(
            found[0].help(),
            Some("did you mean `widgets.cloudflareaccess.com`?")
        );
        assert_eq!(found[0].fixes()[0].applicability(), Applicability::Unsafe);
        assert_eq!(
            fixed(source, &found, Applicability::Unsafe),
            r#"{"auth_domain": "widgets.cloudflareaccess.com"}"#
        );
    }

    #[test]
    fn the_team_is_one_label() {
        let found = only(CODE, r#"{"auth_domain": "cloudflareaccess.com"}"#);
        assert_eq!(
            found[0].help(),
            Some("the team domain starts with your team name, e.g. `team.cloudflareaccess.com`")
        );
        let found = only(CODE, r#"{"auth_domain": "a.b.cloudflareaccess.com"}"#);
        assert_eq!(
            found[0].help(),
            Some("the team name is one label; `a.b` has a dot")
        );
    }

    #[test]
    fn team_domains_in_any_case_and_invalid_names_pass() {
        for domain in [
            "test.cloudflareaccess.com",
            "Widget-Corps.CloudflareAccess.COM",
            "https://x.example.com/",
        ] {
            let source = format!(r#"{{"auth_domain": "{domain}"}}"#);
            assert!(only(CODE, &source).is_empty(), "{domain}");
        }
    }
}
