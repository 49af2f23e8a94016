//! Writing a nanosecond count back as a short Go duration for fixes.

use std::fmt::Write;

use crate::duration;

const SECOND: u64 = 1_000_000_000;
const MINUTE: u64 = 60 * SECOND;
const HOUR: u64 = 60 * MINUTE;

/// `nanos` as hours, minutes and seconds with zero parts left out, e.g.
/// `36h`, `1h30m`, `1m0.5s`, `500ms`; below a second, Go's own form with
/// `us` for microseconds. Go reads the result back as exactly `nanos`.
pub(super) fn compact(nanos: i64) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let mag = nanos.unsigned_abs();
    if mag == 0 {
        return "0s".to_owned();
    }
    if mag < SECOND {
        // Below a second Go's String is already minimal: 500ms, 1.5µs, 3ns.
        let go = duration::GoDuration::from_nanos(nanos).to_string();
        return go.replace('\u{b5}', "u");
    }
    let mut out = String::with_capacity(24);
    out.push_str(sign);
    let (h, rest) = (mag / HOUR, mag % HOUR);
    let (m, rest) = (rest / MINUTE, rest % MINUTE);
    let (s, ns) = (rest / SECOND, rest % SECOND);
    // Writing to a `String` cannot fail.
    if h > 0 {
        let _ = write!(out, "{h}h");
    }
    if m > 0 {
        let _ = write!(out, "{m}m");
    }
    if ns > 0 {
        // The nine digits of the fraction without their trailing zeros.
        let mut digits = 9;
        let mut frac = ns;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let _ = write!(out, "{s}.{frac:0digits$}s");
    } else if s > 0 {
        let _ = write!(out, "{s}s");
    }
    out
}

/// The shortest text using only the `h` and `m` units that Go reads as
/// exactly `nanos`, e.g. `1h`, `90m`, `25h`, `2h5m` (on a tie with `125m`) or `0m`; `None` unless
/// `nanos` is a whole number of minutes.
pub(super) fn minutes_hours(nanos: i64) -> Option<String> {
    let mag = nanos.unsigned_abs();
    if mag % MINUTE != 0 {
        return None;
    }
    let sign = if nanos < 0 { "-" } else { "" };
    let minutes = mag / MINUTE;
    let (h, m) = (minutes / 60, minutes % 60);
    let mut candidates = Vec::new();
    if m == 0 && h > 0 {
        candidates.push(format!("{sign}{h}h"));
    }
    if m > 0 && h > 0 {
        candidates.push(format!("{sign}{h}h{m}m"));
    }
    candidates.push(format!("{sign}{minutes}m"));
    // Stable: on a tie the earlier, more readable form wins.
    candidates.into_iter().min_by_key(String::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_back(text: &str, nanos: i64) {
        assert_eq!(
            duration::parse(text).map(|d| d.as_nanos()),
            Ok(nanos),
            "{text}"
        );
    }

    #[test]
    fn compact_forms_read_back_exactly() {
        let h = HOUR as i64;
        for (nanos, text) in [
            (0, "0s"),
            (36 * h, "36h"),
            (h + 30 * MINUTE as i64, "1h30m"),
            (h + 30 * SECOND as i64, "1h30s"),
            (MINUTE as i64 + SECOND as i64 / 2, "1m0.5s"),
            (-(1_199_999_999_999), "-19m59.999999999s"),
            (500_000_000, "500ms"),
            (1_500, "1.5us"),
            (-3, "-3ns"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ] {
            assert_eq!(compact(nanos), text);
            reads_back(text, nanos);
        }
    }

    #[test]
    fn minutes_and_hours_pick_the_shortest() {
        let m = MINUTE as i64;
        for (nanos, text) in [
            (60 * m, "1h"),
            (90 * m, "90m"),
            (75 * m, "75m"),
            (25 * 60 * m, "25h"),
            (0, "0m"),
            (-120 * m, "-2h"),
            (10 * 60 * m + m, "601m"),
            (100 * 60 * m + 5 * m, "6005m"),
            (125 * m, "2h5m"),
        ] {
            assert_eq!(minutes_hours(nanos).as_deref(), Some(text));
            reads_back(text, nanos);
        }
        assert_eq!(minutes_hours(30 * SECOND as i64), None);
    }
}
