//! "Did you mean": the known names close to a misspelled one.

/// How alike two names must be, by normalized Damerau-Levenshtein distance
/// over their folded forms.
const EDIT_THRESHOLD: f64 = 0.7;

/// Or by Jaro-Winkler, which favours a shared prefix (`background` for
/// `background_color`).
const PREFIX_THRESHOLD: f64 = 0.9;

/// Lowercase, without `_`, `-` and spaces: `sessionDuration`,
/// `Session-Duration` and `session_duration` fold alike.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The candidates close to `name`, best first. A candidate that differs only
/// in case or separators wins alone.
pub(super) fn similar<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<&'c str> {
    let folded = fold(name);
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter(|c| *c != name)
        .filter_map(|c| {
            let other = fold(c);
            if other == folded {
                return Some((2.0, c));
            }
            let edit = strsim::normalized_damerau_levenshtein(&folded, &other);
            let prefix = strsim::jaro_winkler(&folded, &other);
            (edit >= EDIT_THRESHOLD || prefix >= PREFIX_THRESHOLD).then_some((edit.max(prefix), c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    if scored.first().is_some_and(|(score, _)| *score >= 2.0) {
        scored.truncate(1);
    }
    scored.into_iter().map(|(_, c)| c).collect()
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
pub(super) fn or_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[&str] = &[
        "auth_domain",
        "background_color",
        "name",
        "session_duration",
        "text_color",
        "warp_auth_session_duration",
        "user_seat_expiration_inactive_time",
    ];

    #[test]
    fn finds_typos_case_and_separator_slips() {
        assert_eq!(
            similar("sesion_duration", FIELDS.iter().copied()),
            ["session_duration"]
        );
        assert_eq!(
            similar("sessionDuration", FIELDS.iter().copied()),
            ["session_duration"]
        );
        assert_eq!(
            similar("auth_domian", FIELDS.iter().copied()),
            ["auth_domain"]
        );
        assert_eq!(
            similar("text_colour", FIELDS.iter().copied()),
            ["text_color"]
        );
        assert_eq!(
            similar("background", FIELDS.iter().copied()),
            ["background_color"]
        );
    }

    #[test]
    fn ignores_what_is_far() {
        assert!(similar("logo", FIELDS.iter().copied()).is_empty());
        assert!(similar("enabled", FIELDS.iter().copied()).is_empty());
        assert!(similar("created_at", FIELDS.iter().copied()).is_empty());
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(or_list(&["a"]), "`a`");
        assert_eq!(or_list(&["a", "b"]), "`a` or `b`");
        assert_eq!(or_list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
