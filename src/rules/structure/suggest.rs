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
            let score = if other == folded {
                2.0
            } else {
                closeness(&folded, &other)?
            };
            Some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    if scored.first().is_some_and(|(score, _)| *score >= 2.0) {
        scored.truncate(1);
    }
    scored.into_iter().map(|(_, c)| c).collect()
}

/// How alike two folded names are, if alike enough to suggest one for the
/// other: the better of the two measures, when either passes its threshold.
fn closeness(folded: &str, other: &str) -> Option<f64> {
    let reach = Reach::of(folded, other);
    if !reach.prefix {
        return None;
    }
    let prefix = strsim::jaro_winkler(folded, other);
    // Under the edit threshold when out of its reach: no finer value counts.
    let edit = if reach.edit {
        strsim::normalized_damerau_levenshtein(folded, other)
    } else {
        0.0
    };
    (edit >= EDIT_THRESHOLD || prefix >= PREFIX_THRESHOLD).then_some(edit.max(prefix))
}

/// Which of the two measures could reach its threshold, judged by lengths
/// alone, so that a name far longer or shorter than a candidate (a long key,
/// say) costs no quadratic comparison. With `s` the shorter length and `l`
/// the longer, in characters: the edit distance is at least `l - s`, so the
/// normalized one is at most `s / l`, under 0.7 when `10 s < 7 l`; Jaro
/// counts at most `s` matches, so it is at most `(2 + s / l) / 3`, and
/// Winkler's prefix bonus (at most four characters at 0.1, `j + 0.4 (1 -
/// j)`) lifts it to at most `0.8 + 0.2 s / l`, under 0.9 when `2 s < l`.
/// The second implies the first: the candidate is out. When only the edit
/// measure cannot pass, the score is Jaro-Winkler's, which passes at 0.9 or
/// not at all.
struct Reach {
    edit: bool,
    prefix: bool,
}

// The bounds in `Reach::of` are worked out for these thresholds.
const _: () = assert!(EDIT_THRESHOLD == 0.7 && PREFIX_THRESHOLD == 0.9);

impl Reach {
    fn of(a: &str, b: &str) -> Reach {
        let (a, b) = (a.chars().count(), b.chars().count());
        let (short, long) = (a.min(b), a.max(b));
        Reach {
            edit: 10 * short >= 7 * long,
            prefix: 2 * short >= long,
        }
    }
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

    /// [`closeness`] without the length bounds of [`Reach`].
    fn closeness_unbounded(folded: &str, other: &str) -> Option<f64> {
        let edit = strsim::normalized_damerau_levenshtein(folded, other);
        let prefix = strsim::jaro_winkler(folded, other);
        (edit >= EDIT_THRESHOLD || prefix >= PREFIX_THRESHOLD).then_some(edit.max(prefix))
    }

    #[test]
    fn length_bounds_change_no_score() {
        // Every prefix and suffix of the field names, and of each with a
        // few letters added, against them all: lengths on both sides of
        // each bound, with and without a shared prefix.
        let mut names = vec![String::new(), "x".repeat(300)];
        for field in FIELDS {
            for cut in 0..=field.len() {
                names.push(field[..cut].to_owned());
                names.push(field[cut..].to_owned());
                names.push(format!("{}{}", &field[..cut], "zq".repeat(cut)));
            }
        }
        // And each field name after up to 15 random edits (a letter dropped,
        // added or changed), near either threshold or past it.
        let mut state = 0x2545_f491_u64;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize % below
        };
        for _ in 0..3_000 {
            let mut name: Vec<u8> = FIELDS[next(FIELDS.len())].bytes().collect();
            for _ in 0..next(16) {
                let at = next(name.len() + 1);
                let letter = b"abcdeilnorstu_"[next(14)];
                match next(3) {
                    0 if at < name.len() => drop(name.remove(at)),
                    1 if at < name.len() => name[at] = letter,
                    _ => name.insert(at, letter),
                }
            }
            names.push(String::from_utf8(name).expect("ASCII"));
        }
        let mut suggested = 0;
        for name in &names {
            for field in FIELDS {
                let (name, field) = (fold(name), fold(field));
                let close = closeness(&name, &field);
                assert_eq!(
                    close,
                    closeness_unbounded(&name, &field),
                    "{name:?} {field:?}"
                );
            }
            suggested += usize::from(!similar(name, FIELDS.iter().copied()).is_empty());
        }
        // Not a vacuous comparison: over a third of them (1,264) have one.
        assert!(suggested > 1_000, "{suggested} of {}", names.len());
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(or_list(&["a"]), "`a`");
        assert_eq!(or_list(&["a", "b"]), "`a` or `b`");
        assert_eq!(or_list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
