//! `ztlint explain`, `ztlint rules` and `ztlint schema`: the rule registry
//! and the field table, printed.

use ztlint::rules;

use super::args::RulesFormat;
use super::{output, Exit, Failure};

/// Prints the rule's code, default severity and summary, then its Markdown
/// explanation. The whole output is Markdown.
pub(crate) fn explain(code: &str) -> Result<Exit, Failure> {
    let rule = rules::find(code).ok_or_else(|| Failure(unknown_rule(code, "")))?;
    let explanation = rule.explanation().trim_end();
    output::stdout(&format!(
        "# {}\n\n{}\n\nDefault severity: {}\n\n{explanation}\n",
        rule.code(),
        rule.summary(),
        rule.default_severity(),
    ))?;
    Ok(Exit::Clean)
}

/// Prints the JSON Schema of `profile`'s body, generated from the field
/// table.
pub(crate) fn schema(profile: ztlint::Profile) -> Result<Exit, Failure> {
    let mut text = serde_json::to_string_pretty(&ztlint::fields::schema(profile))
        .map_err(|e| Failure(format!("cannot encode the schema: {e}")))?;
    text.push('\n');
    output::stdout(&text)?;
    Ok(Exit::Clean)
}

/// Lists every rule as an aligned table or a JSON array.
pub(crate) fn rules(format: RulesFormat) -> Result<Exit, Failure> {
    let text = match format {
        RulesFormat::Text => table(),
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules::all()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code(),
                        "severity": r.default_severity().as_str(),
                        "summary": r.summary(),
                        "explanation": r.explanation(),
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list)
                .map_err(|e| Failure(format!("cannot encode the rule list: {e}")))?;
            text.push('\n');
            text
        }
    };
    output::stdout(&text)?;
    Ok(Exit::Clean)
}

fn table() -> String {
    const HEADER: (&str, &str) = ("CODE", "SEVERITY");
    let code_width = rules::all()
        .map(|r| r.code().len())
        .chain([HEADER.0.len()])
        .max()
        .unwrap_or(0);
    let severity_width = "warning".len().max(HEADER.1.len());
    let mut out = format!(
        "{:code_width$}  {:severity_width$}  SUMMARY\n",
        HEADER.0, HEADER.1
    );
    for rule in rules::all() {
        out.push_str(&format!(
            "{:code_width$}  {:severity_width$}  {}\n",
            rule.code(),
            rule.default_severity().as_str(),
            rule.summary()
        ));
    }
    out
}

/// "unknown rule `x`{context}", with the closest rule code when one is
/// close.
pub(crate) fn unknown_rule(code: &str, context: &str) -> String {
    match closest_code(code) {
        Some(near) => format!("unknown rule `{code}`{context}; did you mean `{near}`?"),
        None => format!("unknown rule `{code}`{context}"),
    }
}

/// The rule code most like `name`, if any is alike enough to be a typo.
fn closest_code(name: &str) -> Option<&'static str> {
    rules::all()
        .map(|r| (strsim::jaro_winkler(name, r.code()), r.code()))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion_and_nonsense_does_not() {
        assert_eq!(closest_code("json-sytnax"), Some("json-syntax"));
        assert_eq!(closest_code("byte-order"), Some("byte-order-mark"));
        assert_eq!(closest_code("zzzz"), None);
    }

    #[test]
    fn the_table_is_aligned_and_lists_every_rule() {
        let table = table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), rules::all().count() + 1);
        let summary_at = lines[0].find("SUMMARY").unwrap();
        for (line, rule) in lines[1..].iter().zip(rules::all()) {
            assert!(line.starts_with(rule.code()), "{line}");
            assert_eq!(&line[summary_at..], rule.summary(), "{line}");
        }
    }
}
