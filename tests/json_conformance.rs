//! Data-driven conformance test of `ztlint::json::parse` against RFC 8259,
//! over the table in `tests/data/json_conformance.txt`.
//!
//! # Table format
//!
//! Cases are blocks of lines separated by blank lines; `#` lines are
//! comments. A block is
//!
//! ```text
//! json: <input>
//! accept: <the value, as serde_json writes it compactly>
//! serde_json: rejects: number out of range      (optional)
//! ```
//!
//! or
//!
//! ```text
//! json: <input>
//! reject: <start>..<end> <exact message>
//! help: <exact help>                  (absent: the error has no help)
//! opened: <start>..<end>              (absent: no "opened here" span)
//! ```
//!
//! In `json:`, `accept:`, `reject:` and `help:` lines, `<U+XXXX>` stands for
//! that character, so that control characters, unusual whitespace and
//! significant spaces at the end of a line stay visible. Spans are byte
//! ranges into the decoded input.
//!
//! Every case is also run through `serde_json::from_str::<serde_json::Value>`,
//! which must accept and reject the same inputs, with the same value, except
//! where a case says `serde_json: rejects: number out of range` (ztlint keeps
//! numbers outside the range of `f64`).

use std::fmt::Write as _;

use ztlint::json;

const TABLE: &str = include_str!("data/json_conformance.txt");

#[derive(Debug)]
enum Expected {
    Accept {
        value: String,
        serde_rejects: Option<String>,
    },
    Reject {
        span: (usize, usize),
        message: String,
        help: Option<String>,
        opened: Option<(usize, usize)>,
    },
}

#[derive(Debug)]
struct Case {
    line: usize,
    input: String,
    expected: Expected,
}

/// Replaces every `<U+XXXX>` with its character.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<U+") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map(|i| at + i).expect("unclosed <U+");
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex after <U+");
        out.push(char::from_u32(code).expect("a scalar value"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn span(text: &str) -> (usize, usize) {
    let (start, end) = text.split_once("..").expect("a span start..end");
    (
        start.parse().expect("span start"),
        end.parse().expect("span end"),
    )
}

fn parse_table(table: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    let lines = table.lines().enumerate().map(|(i, l)| (i + 1, l));
    for (number, line) in lines.chain([(0, "")]) {
        if line.starts_with('#') {
            continue;
        }
        if !line.is_empty() {
            block.push((number, line));
            continue;
        }
        if block.is_empty() {
            continue;
        }
        cases.push(parse_case(&block));
        block.clear();
    }
    cases
}

fn parse_case(block: &[(usize, &str)]) -> Case {
    let line = block[0].0;
    let field = |name: &str| {
        block
            .iter()
            .find_map(|(_, l)| l.strip_prefix(name))
            .map(|v| v.strip_prefix(' ').unwrap_or(v))
    };
    let input = decode(field("json:").unwrap_or_else(|| panic!("line {line}: no `json:`")));
    let expected = if let Some(value) = field("accept:") {
        Expected::Accept {
            value: decode(value),
            serde_rejects: field("serde_json: rejects:").map(str::to_string),
        }
    } else {
        let reject = field("reject:").unwrap_or_else(|| panic!("line {line}: no outcome"));
        let (at, message) = reject.split_once(' ').expect("reject: span message");
        Expected::Reject {
            span: span(at),
            message: decode(message),
            help: field("help:").map(decode),
            opened: field("opened:").map(span),
        }
    };
    Case {
        line,
        input,
        expected,
    }
}

fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Runs one case; returns what went wrong, if anything.
fn run(case: &Case) -> Result<(), String> {
    let input = &case.input;
    let ours = json::parse(input);
    let theirs = serde_json::from_str::<serde_json::Value>(input);
    match (&case.expected, ours) {
        (
            Expected::Accept {
                value,
                serde_rejects,
            },
            Ok(doc),
        ) => {
            let got = serde_json::to_string(&doc.to_serde()).map_err(|e| e.to_string())?;
            if &got != value {
                return Err(format!("value: expected {value}, got {got}"));
            }
            let trimmed = input.trim_matches(is_json_whitespace);
            let start = input.len() - input.trim_start_matches(is_json_whitespace).len();
            if doc.span().range() != (start..start + trimmed.len()) {
                return Err(format!("root span {} is not the value", doc.span()));
            }
            match (serde_rejects, theirs) {
                (None, Ok(v)) if serde_json::to_string(&v).ok().as_ref() == Some(&got) => Ok(()),
                (None, Ok(v)) => Err(format!("serde_json reads {v}")),
                (None, Err(e)) => Err(format!("serde_json rejects: {e}")),
                (Some(why), Err(e)) if e.to_string().starts_with(why.as_str()) => Ok(()),
                (Some(why), Err(e)) => Err(format!("serde_json rejects with {e}, not {why}")),
                (Some(_), Ok(_)) => Err("serde_json accepts".to_string()),
            }
        }
        (Expected::Accept { .. }, Err(e)) => Err(format!(
            "rejected: {} {} (help: {:?})",
            e.span(),
            e.message(),
            e.help()
        )),
        (Expected::Reject { .. }, Ok(doc)) => Err(format!("accepted: {:?}", doc.to_serde())),
        (
            Expected::Reject {
                span,
                message,
                help,
                opened,
            },
            Err(e),
        ) => {
            let mut problems = String::new();
            if e.span().range() != (span.0..span.1) || e.message() != message {
                let _ = write!(
                    problems,
                    "\n  error: expected {}..{} {message}\n            got {} {}",
                    span.0,
                    span.1,
                    e.span(),
                    e.message()
                );
            }
            if e.help() != help.as_deref() {
                let _ = write!(problems, "\n  help: expected {help:?}, got {:?}", e.help());
            }
            if e.opened().map(|s| (s.start(), s.end())) != *opened {
                let _ = write!(
                    problems,
                    "\n  opened: expected {opened:?}, got {:?}",
                    e.opened()
                );
            }
            if theirs.is_ok() {
                problems.push_str("\n  serde_json accepts");
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems)
            }
        }
    }
}

#[test]
fn conformance_table() {
    let cases = parse_table(TABLE);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run(case)
                .err()
                .map(|why| format!("line {}: {:?}: {why}", case.line, case.input))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    let rejects = cases
        .iter()
        .filter(|c| matches!(c.expected, Expected::Reject { .. }))
        .count();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    assert!(
        rejects >= 100 && cases.len() - rejects >= 50,
        "{rejects} rejects"
    );
}

#[test]
fn the_table_reader_reads_escapes_and_fields() {
    let cases = parse_table(
        "# c\njson: [<U+0009>1<U+0020>]\naccept: [1]\n\njson: \nreject: 0..0 expected a JSON value, found end of input\nhelp: a<U+000A>\nopened: 1..2\n",
    );
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].input, "[\t1 ]");
    assert_eq!(cases[0].line, 2);
    assert!(
        matches!(&cases[0].expected, Expected::Accept { value, serde_rejects: None } if value == "[1]")
    );
    assert_eq!(cases[1].input, "");
    assert!(matches!(
        &cases[1].expected,
        Expected::Reject { span: (0, 0), message, help: Some(help), opened: Some((1, 2)) }
            if message == "expected a JSON value, found end of input" && help == "a\n"
    ));
}
