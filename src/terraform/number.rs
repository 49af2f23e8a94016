//! Numbers as Terraform holds them: exact decimals, written back without
//! an exponent.

/// The canonical text of the number `text` (HCL or JSON number syntax,
/// with an optional leading `-`): the exact decimal without exponent,
/// leading or trailing zeros, as Terraform writes a number it converts to a
/// string (`1.50` is `1.5`, `1e3` is `1000`). `None` when `text` is not a
/// number, or its exponent is too large to write out.
pub(crate) fn canonical(text: &str) -> Option<String> {
    /// Past this many digits an exponent is not written out: no field of
    /// the body takes such a number, and the text stays bounded.
    const MAX_DIGITS: i64 = 400;

    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => {
            let exp = &rest[at + 1..];
            let exp = exp.strip_prefix('+').unwrap_or(exp);
            let digits = exp.strip_prefix('-').unwrap_or(exp);
            if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            (&rest[..at], exp.parse::<i64>().ok()?)
        }
        None => (rest, 0),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (mantissa, ""),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if mantissa.contains('.') && frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // All digits, and where the decimal point falls among them.
    let digits: String = format!("{int}{frac}");
    let point = i64::try_from(int.len()).ok()? + exponent;
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        // Terraform keeps the sign of a negative zero: `-0.0` is `-0`.
        return Some(if negative { "-0" } else { "0" }.to_string());
    }
    let leading = i64::try_from(digits.len() - significant.len()).ok()?;
    let significant = significant.trim_end_matches('0');
    let point = point - leading;
    let len = i64::try_from(significant.len()).ok()?;
    if !(-MAX_DIGITS..=MAX_DIGITS).contains(&point) {
        return None;
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-point).ok()?));
        out.push_str(significant);
    } else if point >= len {
        out.push_str(significant);
        out.extend(std::iter::repeat_n('0', usize::try_from(point - len).ok()?));
    } else {
        let at = usize::try_from(point).ok()?;
        out.push_str(&significant[..at]);
        out.push('.');
        out.push_str(&significant[at..]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn numbers_are_written_as_exact_decimals() {
        let cases = [
            ("42", "42"),
            ("007", "7"),
            ("1.50", "1.5"),
            ("1e3", "1000"),
            ("1.5E+3", "1500"),
            ("15e-1", "1.5"),
            ("0.000", "0"),
            ("-0.0", "-0"),
            ("-0.25", "-0.25"),
            ("123e-5", "0.00123"),
            ("30.0", "30"),
            ("-1", "-1"),
        ];
        for (text, want) in cases {
            assert_eq!(canonical(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_number_or_too_large_is_none() {
        for text in [
            "",
            "-",
            "1.",
            ".5",
            "1e",
            "abc",
            "1e999",
            "1e-999",
            "1e1234567",
            "--1",
        ] {
            assert_eq!(canonical(text), None, "{text}");
        }
    }
}
