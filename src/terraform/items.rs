//! The top-level items of a `.tf` file, found by a scan of its tokens, so
//! that a large file is parsed one run of items at a time and only the
//! items the lint reads are kept as a tree.
//!
//! The scan knows just enough of the native syntax to tell where the
//! newlines that end top-level items are: comments (`#`, `//`, `/* */`),
//! quoted templates with their escapes, heredocs, and `${ }` and `%{ }`
//! inside both, and bracket nesting. It does not check the syntax: that
//! is `hcl-edit`'s, over each run of items. Where the scan finds the text
//! unbalanced, it gives up, and the file is parsed whole.

use std::ops::Range;

/// The name the top-level item `item` starts with: its leading identifier
/// characters (`resource`, `locals`, the `a` of `a = 1`), or nothing when
/// it starts with another character.
pub(crate) fn first_word(item: &str) -> &str {
    let end = item
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(item.len());
    &item[..end]
}

/// The byte ranges of the top-level items of `text`, in order: each from
/// its first character to the end of its last token before the newline
/// that ends it at the top level (or the end of the text). Comments and
/// blank lines between items, and a comment after an item on its last
/// line, are in no range. `None` when a string, heredoc, comment or
/// bracket is not closed, or a bracket closes that was not opened.
pub(crate) fn top_level_items(text: &str) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut start = None;
    // Just after the last byte of code: where the open item ends so far.
    let mut code_end = 0;
    // Open brackets and templates: code inside a template is `${ }` or
    // `%{ }`, closed by the `}` that balances it.
    let mut stack: Vec<Open> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        // hcl-edit refuses deeper nesting, which a whole parse reports at
        // once: a scan of it would only hold a long stack.
        if stack.len() > MAX_DEPTH {
            return None;
        }
        let byte = bytes[at];
        match stack.last().copied() {
            None | Some(Open::Bracket | Open::Interpolation) => {
                match byte {
                    b'#' => {
                        at = line_end(bytes, at);
                        continue;
                    }
                    b'/' if bytes.get(at + 1) == Some(&b'/') => {
                        at = line_end(bytes, at);
                        continue;
                    }
                    b'/' if bytes.get(at + 1) == Some(&b'*') => {
                        at = find(bytes, at + 2, b"*/")? + 2;
                        continue;
                    }
                    b' ' | b'\t' | b'\r' => {}
                    b'\n' => {
                        if stack.is_empty() {
                            if let Some(first) = start.take() {
                                items.push(first..code_end);
                            }
                        }
                    }
                    _ => {
                        if stack.is_empty() && start.is_none() {
                            start = Some(at);
                        }
                        code_end = at + 1;
                        match byte {
                            b'"' => stack.push(Open::Quoted),
                            b'{' | b'[' | b'(' => stack.push(Open::Bracket),
                            b'}' | b']' | b')' => {
                                stack.pop()?;
                            }
                            b'<' if bytes.get(at + 1) == Some(&b'<') => {
                                if let Some((body, marker)) = heredoc_start(bytes, at)? {
                                    stack.push(Open::Heredoc {
                                        marker,
                                        line_start: true,
                                    });
                                    at = body;
                                    continue;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                at += 1;
            }
            Some(Open::Quoted) => match byte {
                b'"' => {
                    stack.pop();
                    at += 1;
                    code_end = at;
                }
                // An escape: the next character is not the string's end.
                b'\\' => at += 2,
                // Terraform ends no quoted string at a line break: the file
                // does not parse, which the whole parse reports.
                b'\n' => return None,
                _ => at = after_template_byte(bytes, at, &mut stack),
            },
            Some(Open::Heredoc { marker, line_start }) => {
                if line_start {
                    if let Some(after) = closing_marker(bytes, at, marker)? {
                        stack.pop();
                        at = after;
                        code_end = after;
                        continue;
                    }
                }
                let on_new_line = byte == b'\n';
                if let Some(Open::Heredoc { line_start, .. }) = stack.last_mut() {
                    *line_start = on_new_line;
                }
                at = if on_new_line {
                    at + 1
                } else {
                    after_template_byte(bytes, at, &mut stack)
                };
            }
        }
    }
    if !stack.is_empty() {
        return None;
    }
    if let Some(first) = start {
        items.push(first..code_end);
    }
    // A large file's list is held through its parse: not at twice its
    // length.
    items.shrink_to_fit();
    Some(items)
}

/// How deep brackets and templates may nest before the scan gives up:
/// past hcl-edit's limit of 64, a file does not parse.
const MAX_DEPTH: usize = 128;

/// What is open at a point of the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    /// `{`, `[` or `(` in code.
    Bracket,
    /// A quoted template.
    Quoted,
    /// `${` or `%{` in a template.
    Interpolation,
    /// A heredoc template, whose closing marker is `marker` of the text;
    /// `line_start` when the scan is at the start of one of its lines.
    Heredoc {
        marker: (usize, usize),
        line_start: bool,
    },
}

/// Where the scan goes on after the template byte at `at`: past `$${` and
/// `%%{`, which are text, or into the code of `${` and `%{`.
fn after_template_byte(bytes: &[u8], at: usize, stack: &mut Vec<Open>) -> usize {
    let next = |n: usize| bytes.get(at + n).copied();
    match (bytes[at], next(1), next(2)) {
        (b'$', Some(b'$'), Some(b'{')) | (b'%', Some(b'%'), Some(b'{')) => at + 3,
        (b'$' | b'%', Some(b'{'), _) => {
            stack.push(Open::Interpolation);
            at + 2
        }
        _ => at + 1,
    }
}

/// The offset of the line feed that ends the line of `at`, or the end.
fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| at + n)
}

/// The offset of the first `needle` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|n| from + n)
}

/// For `<<MARKER` or `<<-MARKER` and a line feed at `at`: the offset of
/// the heredoc's first line, and where its marker is; `Some(None)` where
/// `<<` starts no heredoc. `None`, for the scan to give up, where hcl-edit
/// reads a heredoc otherwise than the scan: a marker that starts with `_`
/// or holds a character past ASCII (`<<ŊOT`), or an empty heredoc, which
/// hcl-edit reads on to the next line that closes one of its name, in any
/// later item (`mended` rewrites those where an expression starts).
fn heredoc_start(bytes: &[u8], at: usize) -> Option<Option<(usize, (usize, usize))>> {
    let mut name = at + 2;
    if bytes.get(name) == Some(&b'-') {
        name += 1;
    }
    let end = name
        + bytes[name..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))
            .unwrap_or(bytes.len() - name);
    if bytes.get(name) == Some(&b'_') || bytes.get(end).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    if end == name || !bytes[name].is_ascii_alphabetic() {
        return Some(None);
    }
    let body = match bytes.get(end..end + 2) {
        Some([b'\n', ..]) => end + 1,
        Some(b"\r\n") => end + 2,
        _ => return Some(None),
    };
    if closing_marker(bytes, body, (name, end))?.is_some() {
        return None;
    }
    Some(Some((body, (name, end))))
}

/// For the heredoc line at `line`, if it closes the heredoc of `marker`
/// as hcl-edit reads it: the offset just after the marker, where the scan
/// goes on in the expression. hcl-edit closes a heredoc at the marker after
/// spaces or tabs and before anything that cannot continue an identifier:
/// a line break, the end, but also a space (which Terraform takes too: it
/// trims the line) or a `)` (which Terraform does not). `None`, for the
/// scan to give up, when a character past ASCII follows the marker:
/// whether it continues an identifier is Unicode's to say.
fn closing_marker(bytes: &[u8], line: usize, marker: (usize, usize)) -> Option<Option<usize>> {
    let marker = &bytes[marker.0..marker.1];
    let text = line
        + bytes[line..]
            .iter()
            .position(|b| *b != b' ' && *b != b'\t')
            .unwrap_or(bytes.len() - line);
    if !bytes[text..].starts_with(marker) {
        return Some(None);
    }
    let after = text + marker.len();
    match bytes.get(after) {
        Some(b) if !b.is_ascii() => None,
        Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-') => Some(None),
        _ => Some(Some(after)),
    }
}

#[cfg(test)]
mod tests {
    use super::{first_word, top_level_items};

    fn items(text: &str) -> Option<Vec<&str>> {
        top_level_items(text).map(|ranges| ranges.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn items_end_at_top_level_line_feeds() {
        let text = "a = 1\n\n# note\nb = {\n  c = [\n    2,\n  ]\n}\nresource \"x\" \"y\" {\n  d = (1 +\n 2)\n}\n";
        assert_eq!(
            items(text).unwrap(),
            [
                "a = 1",
                "b = {\n  c = [\n    2,\n  ]\n}",
                "resource \"x\" \"y\" {\n  d = (1 +\n 2)\n}"
            ]
        );
        assert_eq!(items("a = 1").unwrap(), ["a = 1"]);
        assert_eq!(
            items("a = x. # c\r\nb = 2 // d").unwrap(),
            ["a = x.", "b = 2"]
        );
        assert_eq!(items("").unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn the_first_word_is_the_leading_identifier() {
        assert_eq!(first_word("resource \"x\" \"y\" {}"), "resource");
        assert_eq!(first_word("resource\"x\" \"y\" {}"), "resource");
        assert_eq!(first_word("my-name_2 = 1"), "my-name_2");
        assert_eq!(first_word("locals{}"), "locals");
        assert_eq!(first_word("\"a\" = 1"), "");
        assert_eq!(first_word("é = 1"), "");
        assert_eq!(first_word(""), "");
    }

    #[test]
    fn comments_strings_and_templates_hide_brackets_and_line_feeds() {
        let text = concat!(
            "a = \"}{\\\" # ${ {b = \"}\"}.b } $${ %%{\" // c\n",
            "/* {\n */ d = 1 /* } */\n",
            "e = \"${ \"${\"x\"}\" }\"\n",
        );
        assert_eq!(
            items(text).unwrap(),
            [
                "a = \"}{\\\" # ${ {b = \"}\"}.b } $${ %%{\"",
                "d = 1",
                "e = \"${ \"${\"x\"}\" }\""
            ]
        );
    }

    #[test]
    fn heredocs_run_to_their_marker() {
        let text = "a = <<EOT\n}\n${ \"{\" }\n  EOTX\nEOT\nb = <<-EOT\n  {\n  EOT\r\nc = 1\n";
        assert_eq!(
            items(text).unwrap(),
            [
                "a = <<EOT\n}\n${ \"{\" }\n  EOTX\nEOT",
                "b = <<-EOT\n  {\n  EOT",
                "c = 1"
            ]
        );
    }

    #[test]
    fn heredoc_markers_close_where_hcl_edit_closes_them() {
        // Before a space or a `)`: closed. Before `-` or a letter: text.
        let text = "v {\n  u = <<EOT\nx\n EOT \n}\nlocals {\n  d = (<<EOT\nEOT-x\nEOT)\n}\n";
        assert_eq!(
            items(text).unwrap(),
            [
                "v {\n  u = <<EOT\nx\n EOT \n}",
                "locals {\n  d = (<<EOT\nEOT-x\nEOT)\n}"
            ]
        );
        // Whether `é` continues the marker is Unicode's to say: parsed whole.
        assert_eq!(top_level_items("a = <<EOT\nEOT\u{e9}\nEOT\n"), None);
    }

    #[test]
    fn nesting_past_what_hcl_edit_takes_gives_up() {
        let nested = |depth: usize| format!("a = {}{}\n", "(".repeat(depth), ")".repeat(depth));
        assert_eq!(items(&nested(128)).unwrap().len(), 1);
        assert_eq!(top_level_items(&nested(129)), None);
        assert_eq!(top_level_items(&"[\"${".repeat(100)), None);
    }

    #[test]
    fn what_is_not_closed_or_not_read_as_hcl_edit_reads_it_gives_up() {
        for text in [
            "a = {\n",
            "a = \"x\n\"\n",
            "a = <<EOT\nx\n",
            "/* x\n",
            "a = 1\n}\n",
            "a = \"${ x\"\n",
            "a = <<EOT\n${ \"x }\nEOT\n",
            "a = <<ŊOT\nx\nŊOT\n",
            "a = <<-EOŊ\nx\nEOŊ\n",
            "a = <<_EOT\nx\n_EOT\n",
            "a = [ # c\n<<EOT\nEOT\n]\n",
            "a = \"${<<-EOT\n  EOT\n}\"\n",
        ] {
            assert_eq!(top_level_items(text), None, "{text:?}");
        }
    }
}
