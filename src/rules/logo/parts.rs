//! What the logo checks read from a URL, and a fast path that reads it
//! from the text for the common plain `https://host/path.png` shape.
//!
//! Parsing with the `url` crate costs more than everything else the logo
//! rules do together (see `benches/lint.rs`). For a URL of the narrow shape
//! below, that parse provably returns the text's own pieces, so the fast
//! path takes them directly; anything else goes to `url`. A differential
//! test holds the two to the same parts.
//!
//! The fast path accepts exactly:
//!
//! ```text
//! url    = ("https" | "http") "://" host path?
//! host   = label ("." label)*         ; the last label starts with a-z
//! label  = [a-z0-9] ([a-z0-9-]* [a-z0-9])?  ; no "--" at its 3rd-4th bytes
//! path   = "/" [A-Za-z0-9._~/-]*      ; no "." or ".." segment
//! ```
//!
//! Why each limit: uppercase, `xn--` labels and other non-ASCII hosts go
//! through IDNA; a last label that starts with a digit may be an IPv4
//! address; `:`, `@`, `%`, `?`, `#`, `\`, spaces and controls mean a port,
//! credentials, escapes, a query or fragment, or characters `url` rewrites;
//! dot segments are removed by `url`.

use url::{Host, Url};

/// The pieces of an absolute http(s) URL that the checks read.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Parts<'u> {
    pub(super) scheme: &'u str,
    pub(super) has_username: bool,
    pub(super) has_password: bool,
    pub(super) host: Option<Host<&'u str>>,
    pub(super) path: &'u str,
}

impl<'u> Parts<'u> {
    /// The parts of a URL the `url` crate parsed.
    pub(super) fn of(url: &'u Url) -> Parts<'u> {
        Parts {
            scheme: url.scheme(),
            has_username: !url.username().is_empty(),
            has_password: url.password().is_some(),
            host: url.host(),
            path: url.path(),
        }
    }

    /// The parts of `text` when it has the plain shape in the module docs,
    /// without the `url` crate.
    pub(super) fn plain(text: &'u str) -> Option<Parts<'u>> {
        // Byte slices throughout: `str` pattern searches cost more here
        // than the whole check.
        let (scheme, rest) = if let Some(rest) = text.strip_prefix("https://") {
            ("https", rest)
        } else {
            ("http", text.strip_prefix("http://")?)
        };
        let host_end = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
        let (host, path) = rest.split_at(host_end);
        if !plain_host(host.as_bytes()) || !plain_path(path.as_bytes()) {
            return None;
        }
        Some(Parts {
            scheme,
            has_username: false,
            has_password: false,
            host: Some(Host::Domain(host)),
            // A special URL's empty path is `/`.
            path: if path.is_empty() { "/" } else { path },
        })
    }
}

/// One pass over the host: each label must be LDH without a hyphen at
/// either end or at its 3rd-4th bytes, and the last must start with a
/// letter.
fn plain_host(host: &[u8]) -> bool {
    let mut label_start = 0;
    for (i, &b) in host.iter().enumerate() {
        if b == b'.' {
            if !plain_label(&host[label_start..i]) {
                return false;
            }
            label_start = i + 1;
        } else if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return false;
        }
    }
    let last = &host[label_start..];
    plain_label(last) && last.first().is_some_and(u8::is_ascii_lowercase)
}

/// A label already known to be lowercase LDH bytes.
fn plain_label(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(&first), Some(&last)) => {
            first != b'-' && last != b'-' && label.get(2..4) != Some(b"--")
        }
        _ => false,
    }
}

/// One pass over the path: only unreserved bytes and `/`, and no segment
/// that is `.` or `..`.
fn plain_path(path: &[u8]) -> bool {
    let mut segment_start = 0;
    for (i, &b) in path.iter().enumerate() {
        if b == b'/' {
            if is_dot_segment(&path[segment_start..i]) {
                return false;
            }
            segment_start = i + 1;
        } else if !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-')) {
            return false;
        }
    }
    !is_dot_segment(&path[segment_start..])
}

fn is_dot_segment(segment: &[u8]) -> bool {
    segment == b"." || segment == b".."
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator, so the corpus is the same each run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "https://",
        "http://",
        "HTTPS://",
        "ftp://",
        "https:",
        "//",
        "/",
        ".",
        "..",
        "-",
        "--",
        "xn--",
        "a",
        "z",
        "0",
        "9",
        "0x1f",
        "127",
        "example",
        "com",
        "localhost",
        "logo.png",
        ":",
        "8443",
        "@",
        "user",
        "%2e",
        "%41",
        "?",
        "#",
        "\\",
        " ",
        "\t",
        "\n",
        "~",
        "_",
        "A",
        "é",
        "\u{ff0e}",
        "[::1]",
        "10.0.0.1",
        "1e",
        "exa--mple",
    ];

    fn agree(text: &str) -> bool {
        let Some(fast) = Parts::plain(text) else {
            return false;
        };
        let url =
            Url::parse(text).unwrap_or_else(|e| panic!("{text:?}: fast path took it, url: {e}"));
        assert_eq!(fast, Parts::of(&url), "{text:?}");
        true
    }

    #[test]
    fn the_fast_path_reads_what_url_reads() {
        for text in [
            "https://example.com/logo.png",
            "http://cdn.example.com",
            "https://a-b.c0/x_y~z/-/.hidden/logo.v2.PNG",
            "https://example.com/",
            "https://localhost/a.svg",
        ] {
            assert!(agree(text), "{text:?} should take the fast path");
        }
        // `url` does not limit DNS lengths, so neither does the fast path.
        let label = "a".repeat(100);
        assert!(agree(&format!("https://{label}.{label}.{label}/logo.png")));
        for text in [
            "https://Example.com/logo.png",
            "https://xn--nxasmq6b.com/",
            "https://ab--c.com/",
            "https://127.0.0.1/",
            "https://example.0x1f/",
            "https://example.com:8443/",
            "https://user@example.com/",
            "https://example.com/a/../b.png",
            "https://example.com/%41.png",
            "https://example.com/a b.png",
            "https://example..com/",
            "https://-example.com/",
            "https://example.com./",
            "https:/example.com/",
            " https://example.com/",
        ] {
            assert!(!agree(text), "{text:?} should go to the url crate");
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut taken = 0;
        for _ in 0..50_000 {
            let mut text = String::from(["https://", "http://"][rng.below(2)]);
            for _ in 0..rng.below(8) {
                text.push_str(PIECES[rng.below(PIECES.len())]);
            }
            taken += usize::from(agree(&text));
        }
        // The corpus must exercise the fast path, not only the fallback.
        assert!(
            taken > 2_000,
            "only {taken} generated URLs took the fast path"
        );
    }
}
