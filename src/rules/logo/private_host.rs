//! `logo-url-private-host`: the logo is on a host only your own network
//! can reach.

use std::net::{Ipv4Addr, Ipv6Addr};

use url::Host;

use super::parts::Parts;

use super::name;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::StrField;
use crate::rules::Rule;

pub(crate) const LOGO_URL_PRIVATE_HOST: Rule = Rule::new(
    "logo-url-private-host",
    Severity::Warning,
    "The logo URL points at a local or private host",
    include_str!("logo_url_private_host.md"),
);

pub(super) fn finding(field: StrField<'_>, url: &Parts<'_>) -> Option<Diagnostic> {
    // The host is written out only for a finding.
    let (host, why) = match url.host.clone()? {
        Host::Domain(domain) => {
            let why = private_name(domain)?;
            (domain.to_owned(), why)
        }
        Host::Ipv4(ip) => {
            let why = private_v4(ip)?;
            (ip.to_string(), why)
        }
        Host::Ipv6(ip) => {
            let why = private_v6(ip)?;
            (format!("[{ip}]"), why)
        }
    };
    Some(
        LOGO_URL_PRIVATE_HOST
            .at(
                field.span,
                format!("`{}` is on `{host}`, {why}", name()),
            )
            .with_label("not reachable from the internet")
            .with_help("host the logo where every user's browser can reach it, e.g. a public website or CDN"),
    )
}

fn private_name(domain: &str) -> Option<&'static str> {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    let under = |zone: &str| {
        domain == zone
            || domain
                .strip_suffix(zone)
                .is_some_and(|head| head.ends_with('.'))
    };
    if under("localhost") {
        Some("a name for the visitor's own machine")
    } else if under("local") {
        Some("a multicast DNS name that resolves only on the local network")
    } else if under("internal") {
        Some("a name reserved for private networks")
    } else {
        None
    }
}

fn private_v4(ip: Ipv4Addr) -> Option<&'static str> {
    if ip.is_loopback() {
        Some("a loopback address")
    } else if ip.is_private() {
        Some("a private (RFC 1918) address")
    } else if ip.is_link_local() {
        Some("a link-local address")
    } else if ip.is_unspecified() {
        Some("the unspecified address")
    } else {
        None
    }
}

fn private_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return private_v4(v4);
    }
    let first = ip.segments()[0];
    if ip.is_loopback() {
        Some("a loopback address")
    } else if ip.is_unspecified() {
        Some("the unspecified address")
    } else if first & 0xfe00 == 0xfc00 {
        Some("a unique local (fc00::/7) address")
    } else if first & 0xffc0 == 0xfe80 {
        Some("a link-local address")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "logo-url-private-host";

    fn message(logo: &str) -> Option<String> {
        let source = format!(r#"{{"login_design": {{"logo_path": "{logo}"}}}}"#);
        let found = only(CODE, &source);
        assert!(found.len() <= 1);
        found.first().map(|d| d.message().to_owned())
    }

    #[test]
    fn localhost_is_flagged() {
        let source = r#"{"login_design": {"logo_path": "http://localhost:8080/logo.png"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Warning);
        assert_eq!(d.span(), Span::new(31, 63));
        assert_eq!(
            d.message(),
            "`login_design.logo_path` is on `localhost`, a name for the visitor's own machine"
        );
        assert_eq!(d.primary().text(), Some("not reachable from the internet"));
        assert_eq!(
            d.help(),
            Some("host the logo where every user's browser can reach it, e.g. a public website or CDN")
        );
    }

    #[test]
    fn private_names_and_addresses() {
        let cases = [
            (
                "https://app.localhost/l.png",
                "`app.localhost`, a name for the visitor's own machine",
            ),
            (
                "https://nas.local/l.png",
                "`nas.local`, a multicast DNS name that resolves only on the local network",
            ),
            (
                "https://files.corp.internal/l.png",
                "`files.corp.internal`, a name reserved for private networks",
            ),
            ("https://127.0.0.1/l.png", "`127.0.0.1`, a loopback address"),
            (
                "https://10.1.2.3/l.png",
                "`10.1.2.3`, a private (RFC 1918) address",
            ),
            (
                "https://172.16.0.1/l.png",
                "`172.16.0.1`, a private (RFC 1918) address",
            ),
            (
                "https://192.168.1.10/l.png",
                "`192.168.1.10`, a private (RFC 1918) address",
            ),
            (
                "https://169.254.169.254/l.png",
                "`169.254.169.254`, a link-local address",
            ),
            (
                "https://0.0.0.0/l.png",
                "`0.0.0.0`, the unspecified address",
            ),
            ("https://[::1]/l.png", "`[::1]`, a loopback address"),
            (
                "https://[fd00::1]/l.png",
                "`[fd00::1]`, a unique local (fc00::/7) address",
            ),
            (
                "https://[fe80::1]/l.png",
                "`[fe80::1]`, a link-local address",
            ),
            ("https://[::]/l.png", "`[::]`, the unspecified address"),
            (
                "https://[::ffff:192.168.0.1]/l.png",
                "`[::ffff:192.168.0.1]`, a private (RFC 1918) address",
            ),
            // WHATWG URL parsing reads these as IPv4, as browsers do.
            ("https://0x7f.1/l.png", "`127.0.0.1`, a loopback address"),
        ];
        for (logo, tail) in cases {
            assert_eq!(
                message(logo),
                Some(format!("`login_design.logo_path` is on {tail}")),
                "{logo}"
            );
        }
    }

    #[test]
    fn public_hosts_pass() {
        for logo in [
            "https://example.com/l.png",
            "https://8.8.8.8/l.png",
            "https://[2606:4700::1111]/l.png",
            "https://local.example.com/l.png",
            "https://mylocalhost.com/l.png",
        ] {
            assert_eq!(message(logo), None, "{logo}");
        }
    }
}
