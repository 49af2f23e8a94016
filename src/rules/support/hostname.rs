//! Hostname validation (RFC 1123 labels) and recovering the host from a
//! URL-like value.

use super::shown;

/// The longest hostname DNS can carry, in characters, without a final dot.
const MAX_HOSTNAME: usize = 253;
/// The longest DNS label.
const MAX_LABEL: usize = 63;

/// Checks that `name` is a bare hostname: two or more dot-separated labels
/// of 1 to 63 ASCII letters, digits and hyphens, no label starting or ending
/// with a hyphen, at most 253 characters, no final dot. Case does not
/// matter.
///
/// The error completes the sentence "... is not a valid hostname: ".
pub(crate) fn check_hostname(name: &str) -> Result<(), String> {
    // Most names are valid, and one pass over the bytes says so.
    if is_hostname(name) {
        Ok(())
    } else {
        explain(name)
    }
}

/// [`check_hostname`] rule by rule: what is wrong with `name`, if anything.
fn explain(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    let stray = name
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.'));
    // The bytes before the first stray one are ASCII: it starts a character.
    if let Some(c) = stray.and_then(|at| name.get(at..)?.chars().next()) {
        return Err(format!(
            "it contains `{}`, which hostnames do not allow",
            c.escape_debug()
        ));
    }
    let len = name.len();
    if len > MAX_HOSTNAME {
        return Err(format!(
            "it is {len} characters long; the limit is {MAX_HOSTNAME}"
        ));
    }
    if name.ends_with('.') {
        return Err("it ends with a dot".to_owned());
    }
    // The name is ASCII now: split it as bytes.
    let mut labels = 0;
    for label in name.as_bytes().split(|&b| b == b'.') {
        let text = || std::str::from_utf8(label).unwrap_or_default();
        if label.is_empty() {
            return Err("it has an empty label".to_owned());
        }
        if label.len() > MAX_LABEL {
            return Err(format!(
                "label `{}` is {} characters long; the limit is {MAX_LABEL}",
                shown(text()),
                label.len()
            ));
        }
        if label.first() == Some(&b'-') {
            return Err(format!("label `{}` starts with a hyphen", text()));
        }
        if label.last() == Some(&b'-') {
            return Err(format!("label `{}` ends with a hyphen", text()));
        }
        labels += 1;
    }
    if labels < 2 {
        return Err(
            "it has a single label; a hostname needs at least two, e.g. `example.com`".to_owned(),
        );
    }
    Ok(())
}

/// Whether [`check_hostname`] accepts `name`: at most 253 bytes, two or
/// more labels, each of 1 to 63 letters, digits and hyphens that neither
/// starts nor ends with a hyphen. One pass over the bytes.
fn is_hostname(name: &str) -> bool {
    if name.len() > MAX_HOSTNAME {
        return false;
    }
    let mut dots = 0;
    // The current label's length, and its last byte.
    let mut len = 0;
    let mut last = b'.';
    for &b in name.as_bytes() {
        match b {
            b'.' if len > 0 && last != b'-' => {
                dots += 1;
                len = 0;
            }
            b'-' if len == 0 => return false,
            b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' if len < MAX_LABEL => len += 1,
            _ => return false,
        }
        last = b;
    }
    dots > 0 && len > 0 && last != b'-'
}

/// A valid hostname recovered from a value that wraps it in URL parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BareHost {
    /// The hostname alone.
    pub(crate) host: String,
    /// What was around it, for messages: "a scheme", "a path"...
    pub(crate) extras: Vec<&'static str>,
}

impl BareHost {
    /// The extras as an English list: "a scheme, a path and a port".
    pub(crate) fn extras_list(&self) -> String {
        match self.extras.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// The hostname inside `value` when `value` is not itself a valid hostname
/// but becomes one once surrounding whitespace, a scheme, credentials, a
/// path, query or fragment, a port and a final dot are removed, as in
/// `https://team.cloudflareaccess.com/`. Such a value names its host
/// unambiguously, so replacing it with the host keeps its intent.
pub(crate) fn bare_host(value: &str) -> Option<BareHost> {
    if check_hostname(value).is_ok() {
        return None;
    }
    let mut extras = Vec::new();
    let mut rest = value.trim();
    if rest.len() != value.len() {
        extras.push("surrounding whitespace");
    }
    if let Some((scheme, after)) = rest.split_once("://") {
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            extras.push("a scheme");
            rest = after;
        }
    }
    if let Some(cut) = rest.find(['/', '?', '#']) {
        let tail = rest.get(cut..).unwrap_or_default();
        extras.push(match tail.chars().next() {
            Some('/') if tail == "/" => "a trailing slash",
            Some('/') => "a path",
            Some('?') => "a query",
            _ => "a fragment",
        });
        rest = rest.get(..cut).unwrap_or_default();
    }
    if let Some((_, host)) = rest.rsplit_once('@') {
        extras.push("credentials");
        rest = host;
    }
    if let Some((host, port)) = rest.rsplit_once(':') {
        if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
            extras.push("a port");
            rest = host;
        }
    }
    if let Some(host) = rest.strip_suffix('.') {
        extras.push("a final dot");
        rest = host;
    }
    if extras.is_empty() || check_hostname(rest).is_err() {
        return None;
    }
    Some(BareHost {
        host: rest.to_owned(),
        extras,
    })
}

/// The ASCII (punycode) form of an internationalised hostname, when `name`
/// has non-ASCII characters and its IDNA form is a valid hostname.
pub(crate) fn punycode(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    match url::Host::parse(name).ok()? {
        url::Host::Domain(ascii) if check_hostname(&ascii).is_ok() => Some(ascii),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_hostnames() {
        for name in [
            "team.cloudflareaccess.com",
            "Team.CloudflareAccess.COM",
            "a-b.c0.example",
            "xn--bcher-kva.example",
            &format!("{}.com", "a".repeat(63)),
        ] {
            assert_eq!(check_hostname(name), Ok(()), "{name}");
            assert!(is_hostname(name), "{name}");
        }
    }

    #[test]
    fn invalid_hostnames_say_why() {
        let cases = [
            ("", "it is empty"),
            (
                "team_x.example.com",
                "it contains `_`, which hostnames do not allow",
            ),
            ("a b.com", "it contains ` `, which hostnames do not allow"),
            (
                "bücher.example",
                "it contains `ü`, which hostnames do not allow",
            ),
            ("example.com.", "it ends with a dot"),
            ("a..com", "it has an empty label"),
            (".a.com", "it has an empty label"),
            ("-team.example.com", "label `-team` starts with a hyphen"),
            ("team-.example.com", "label `team-` ends with a hyphen"),
            (
                "localhost",
                "it has a single label; a hostname needs at least two, e.g. `example.com`",
            ),
        ];
        for (name, why) in cases {
            assert_eq!(check_hostname(name), Err(why.to_owned()), "{name}");
            assert!(!is_hostname(name), "{name}");
        }
        let long_label = format!("{}.com", "a".repeat(64));
        assert_eq!(
            check_hostname(&long_label),
            Err(format!(
                "label `{}` is 64 characters long; the limit is 63",
                "a".repeat(64)
            ))
        );
        let long = vec!["abcdefghi"; 26].join(".");
        assert_eq!(
            check_hostname(&long),
            Err("it is 259 characters long; the limit is 253".to_owned())
        );
    }

    #[test]
    fn the_one_pass_check_agrees_with_the_explanation() {
        // Every name of up to six characters over an alphabet that exercises
        // each rule.
        let alphabet = ['a', '0', '-', '.', '_'];
        let mut names = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = names
                .iter()
                .filter(|n| n.len() == names.last().map_or(0, String::len))
                .flat_map(|n| alphabet.iter().map(move |c| format!("{n}{c}")))
                .collect();
            names.extend(longer);
        }
        names.push(format!("{}.com", "a".repeat(63)));
        names.push(format!("{}.com", "a".repeat(64)));
        names.push(vec!["abcdefghi"; 26].join("."));
        for name in &names {
            assert_eq!(is_hostname(name), explain(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn bare_host_strips_url_parts() {
        let host = bare_host("https://team.cloudflareaccess.com/").unwrap();
        assert_eq!(host.host, "team.cloudflareaccess.com");
        assert_eq!(host.extras_list(), "a scheme and a trailing slash");
        let host = bare_host(" http://u:p@Team.example.com:8443/login?x#y ").unwrap();
        assert_eq!(host.host, "Team.example.com");
        assert_eq!(
            host.extras_list(),
            "surrounding whitespace, a scheme, a path, credentials and a port"
        );
        assert_eq!(
            bare_host("example.com.").unwrap().extras,
            vec!["a final dot"]
        );
        assert_eq!(bare_host("team.cloudflareaccess.com"), None);
        assert_eq!(bare_host("https://team_x.example.com/"), None);
        assert_eq!(bare_host("not a host"), None);
    }

    #[test]
    fn punycode_of_internationalised_names() {
        assert_eq!(
            punycode("bücher.example").as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(punycode("example.com"), None);
        assert_eq!(punycode("bü cher.example"), None);
    }
}
