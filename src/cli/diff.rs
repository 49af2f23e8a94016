//! Unified diffs of a text and its text as fixed, for `check --diff`.

use std::io::{self, Write};

/// How long a diff may seek the smallest set of changes before it settles
/// for a larger one.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// A unified diff (three lines of context) from `old` to `new`, both
/// labelled `name`; empty when they are equal.
///
/// Patience diff, for its cost follows the lines, not their product with
/// the changes: Myers' takes hours for 473,000 changed lines among 1.9 M
/// (a fix of each of as many resources), patience a few seconds, matching
/// each resource on its unique name line. Where no line is unique it
/// falls back on Myers' in between, which the time limit cuts short with
/// a diff that is still whole, if less small.
pub(crate) fn diff(name: &str, old: &str, new: &str) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` does not fail.
    let _ = write_diff(name, old, new, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes [`diff`] to `out` as it is made: the diff of a fix of each of a
/// million lines is larger than the file.
///
/// # Errors
///
/// A write to `out` that fails.
pub(crate) fn write_diff(name: &str, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    write_diff_in(name, old, new, CHUNK_LINES, out)
}

/// How many lines of each text are diffed at once. `similar` holds a table
/// of every line of both texts and a list of its operations, 200 MB beside
/// two texts of 64 MiB with a change every four lines; a diff of up to
/// this many lines costs a few megabytes.
const CHUNK_LINES: usize = 1 << 16;

/// [`write_diff`], diffing `chunk` lines of each text at a time. Each
/// chunk's diff is kept up to the last stretch of equal lines that starts
/// in its first three quarters, and the next chunk starts there, where the
/// texts are matched again: a text that fits a chunk gets `similar`'s own
/// diff, and a longer one a diff as whole, if not always as small.
fn write_diff_in(
    name: &str,
    old: &str,
    new: &str,
    chunk: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if old == new {
        return Ok(());
    }
    let (skipped, old, new) = around_changes(old, new);
    writeln!(out, "--- {name}\n+++ {name}")?;
    let mut hunks = Hunks::new(old, new, skipped, out);
    // One limit for the whole diff: past it, each chunk settles at once.
    let deadline = std::time::Instant::now() + DIFF_TIME;
    let (mut o, mut n) = (0, 0);
    loop {
        let (old_end, new_end) = (after_lines(old, o, chunk), after_lines(new, n, chunk));
        let last = old_end == old.len() && new_end == new.len();
        let diff = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Patience)
            .deadline(deadline)
            .diff_lines(&old[o..old_end], &new[n..new_end]);
        let ops = diff.ops();
        let cut = diff.old_slices().len() * 3 / 4;
        let taken = match last {
            true => ops.len(),
            false => ops
                .iter()
                .rposition(|op| op.tag() == similar::DiffTag::Equal && op.old_range().start < cut)
                .map_or(ops.len(), |i| i + 1),
        };
        let bytes = |lines: &[&str]| lines.iter().map(|line| line.len()).sum::<usize>();
        for op in &ops[..taken] {
            o += bytes(&diff.old_slices()[op.old_range()]);
            n += bytes(&diff.new_slices()[op.new_range()]);
            hunks.push(op.tag(), op.old_range().len(), op.new_range().len())?;
        }
        if last {
            return hunks.finish();
        }
    }
}

/// The offset after `count` line feeds from `from` in `text`, or its end.
fn after_lines(text: &str, from: usize, count: usize) -> usize {
    let mut at = from;
    for _ in 0..count {
        match text.as_bytes()[at..].iter().position(|&b| b == b'\n') {
            Some(i) => at += i + 1,
            None => return text.len(),
        }
    }
    at
}

/// A run of lines of one kind: equal, or changed from `old` lines to `new`.
#[derive(Clone, Copy)]
struct Run {
    tag: similar::DiffTag,
    old: usize,
    new: usize,
}

/// Groups runs into hunks with [`CONTEXT`] lines around their changes, as
/// `similar` groups its operations, and writes each hunk as it closes.
/// Runs of equal lines are joined first: chunks may end and start in one.
struct Hunks<'t, 'o> {
    old: Lines<'t>,
    new: Lines<'t>,
    skipped: usize,
    out: &'o mut dyn Write,
    /// The open hunk's runs, and the lines before it in each text.
    group: Vec<Run>,
    group_at: (usize, usize),
    /// Where the next run starts, in lines of each text.
    at: (usize, usize),
    /// Equal lines not yet placed, from `at`.
    equal: usize,
    /// Whether a run was placed: the first, if equal, keeps only its last
    /// lines of context.
    placed: bool,
}

impl<'t, 'o> Hunks<'t, 'o> {
    fn new(old: &'t str, new: &'t str, skipped: usize, out: &'o mut dyn Write) -> Hunks<'t, 'o> {
        Hunks {
            old: Lines::new(old),
            new: Lines::new(new),
            skipped,
            out,
            group: Vec::new(),
            group_at: (0, 0),
            at: (0, 0),
            equal: 0,
            placed: false,
        }
    }

    fn push(&mut self, tag: similar::DiffTag, old: usize, new: usize) -> io::Result<()> {
        if tag == similar::DiffTag::Equal {
            self.equal += old;
            return Ok(());
        }
        self.place_equal(false)?;
        self.place(Run { tag, old, new });
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.place_equal(true)?;
        if self
            .group
            .iter()
            .any(|run| run.tag != similar::DiffTag::Equal)
        {
            self.write_group()?;
        }
        Ok(())
    }

    /// Places the equal lines held: the first run keeps the last
    /// [`CONTEXT`] of them, the last the first ones; more than twice that
    /// in between closes the hunk.
    fn place_equal(&mut self, last: bool) -> io::Result<()> {
        let mut len = std::mem::take(&mut self.equal);
        if len == 0 {
            return Ok(());
        }
        if !self.placed {
            let skip = len.saturating_sub(CONTEXT);
            self.at = (self.at.0 + skip, self.at.1 + skip);
            len -= skip;
        }
        if last {
            len = len.min(CONTEXT);
        }
        let equal = |len| Run {
            tag: similar::DiffTag::Equal,
            old: len,
            new: len,
        };
        if len > 2 * CONTEXT {
            self.place(equal(CONTEXT));
            self.write_group()?;
            let skip = len - 2 * CONTEXT;
            self.at = (self.at.0 + skip, self.at.1 + skip);
            self.place(equal(CONTEXT));
        } else {
            self.place(equal(len));
        }
        Ok(())
    }

    fn place(&mut self, run: Run) {
        if self.group.is_empty() {
            self.group_at = self.at;
        }
        self.group.push(run);
        self.at = (self.at.0 + run.old, self.at.1 + run.new);
        self.placed = true;
    }

    /// Writes the open hunk, and empties it.
    fn write_group(&mut self) -> io::Result<()> {
        let group = std::mem::take(&mut self.group);
        let (old_len, new_len) = group
            .iter()
            .fold((0, 0), |(o, n), run| (o + run.old, n + run.new));
        let (old_at, new_at) = self.group_at;
        writeln!(
            self.out,
            "@@ -{} +{} @@",
            hunk_range(old_at + self.skipped, old_len),
            hunk_range(new_at + self.skipped, new_len)
        )?;
        self.old.skip_to(old_at);
        self.new.skip_to(new_at);
        for run in group {
            let (old, new) = match run.tag {
                similar::DiffTag::Equal => {
                    for _ in 0..run.old {
                        let line = self.old.next_line();
                        self.new.next_line();
                        write_line(self.out, ' ', line)?;
                    }
                    continue;
                }
                _ => (run.old, run.new),
            };
            for _ in 0..old {
                write_line(self.out, '-', self.old.next_line())?;
            }
            for _ in 0..new {
                write_line(self.out, '+', self.new.next_line())?;
            }
        }
        Ok(())
    }
}

/// A hunk header's range of `len` lines after `before` lines, as `similar`
/// writes it: `5`, `5,3`, or `4,0` for none (after line 4).
fn hunk_range(before: usize, len: usize) -> String {
    match len {
        0 => format!("{before},0"),
        1 => format!("{}", before + 1),
        _ => format!("{},{len}", before + 1),
    }
}

/// Writes one line of a hunk; a last line with no line break gets the
/// marker `patch` reads.
fn write_line(out: &mut dyn Write, tag: char, line: &str) -> io::Result<()> {
    write!(out, "{tag}{line}")?;
    if !line.ends_with(['\n', '\r']) {
        writeln!(out, "\n\\ No newline at end of file")?;
    }
    Ok(())
}

/// The lines of a text one after another, as `similar` splits them: after
/// a line feed, a carriage return and line feed, or a lone carriage
/// return.
struct Lines<'t> {
    text: &'t str,
    line: usize,
    at: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            line: 0,
            at: 0,
        }
    }

    fn next_line(&mut self) -> &'t str {
        let rest = &self.text.as_bytes()[self.at..];
        let len = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let line = &self.text[self.at..self.at + len];
        self.at += len;
        self.line += 1;
        line
    }

    fn skip_to(&mut self, line: usize) {
        while self.line < line && self.at < self.text.len() {
            self.next_line();
        }
    }
}

/// The lines of context around each change in a diff.
const CONTEXT: usize = 3;

/// The parts of `old` and `new` from [`CONTEXT`] lines before their first
/// difference to as many after their last, and how many lines come before
/// them. The lines they share outside those would be no part of the diff,
/// but a diff of the whole texts costs a table of their every line: one
/// fix in a file of a million lines is a diff of a few.
fn around_changes<'t>(old: &'t str, new: &'t str) -> (usize, &'t str, &'t str) {
    let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
    let common = old_bytes
        .iter()
        .zip(new_bytes)
        .take_while(|(a, b)| a == b)
        .count();
    // The line of the first difference, then `CONTEXT` lines back; each
    // line feed found is a shared one.
    let line_start = |at: usize| {
        old_bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    };
    let mut start = line_start(common);
    for _ in 0..CONTEXT {
        start = line_start(start.saturating_sub(1));
    }
    let skipped = old_bytes[..start].iter().filter(|&&b| b == b'\n').count();
    let (old, new) = (&old[start..], &new[start..]);
    let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
    // The shared end, which does not reach back into the shared start.
    let most = old.len().min(new.len()) - (common - start);
    let same = old_bytes
        .iter()
        .rev()
        .zip(new_bytes.iter().rev())
        .take(most)
        .take_while(|(a, b)| a == b)
        .count();
    // After the first line feed of the shared end, then `CONTEXT` lines
    // on: each line feed found is a shared one, so the texts are cut at
    // the start of the same line.
    let after_line_feed = |from: usize| {
        old_bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(old.len(), |i| from + i + 1)
    };
    let mut end = after_line_feed(old.len() - same);
    for _ in 0..CONTEXT {
        end = after_line_feed(end);
    }
    let cut = old.len() - end;
    (skipped, &old[..end], &new[..new.len() - cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_is_unified_and_empty_for_equal_texts() {
        assert_eq!(diff("a.json", "x\n", "x\n"), "");
        assert_eq!(
            diff("a.json", "{\r\n\"a\": 1\r\n}\r\n", "{\r\n\"a\": 2\r\n}\r\n"),
            "--- a.json\n+++ a.json\n@@ -1,3 +1,3 @@\n {\r\n-\"a\": 1\r\n+\"a\": 2\r\n }\r\n"
        );
    }

    #[test]
    fn a_diff_of_the_lines_around_the_changes_is_the_diff_of_the_whole_texts() {
        let whole = |old: &str, new: &str| {
            similar::TextDiff::configure()
                .algorithm(similar::Algorithm::Patience)
                .diff_lines(old, new)
                .unified_diff()
                .context_radius(CONTEXT)
                .header("a", "a")
                .to_string()
        };
        let lines: Vec<String> = (0..40).map(|i| format!("line {i} é\n")).collect();
        let text = lines.concat();
        let at = |i: usize| lines[..i].concat().len();
        let mut cases: Vec<(String, String)> = Vec::new();
        // A change on each line, at its start, middle and end; lines
        // removed and added; changes at both ends and far apart.
        for i in [0, 1, 2, 3, 4, 5, 10, 20, 35, 36, 37, 38, 39] {
            let line = at(i);
            cases.push((text.clone(), format!("{}X{}", &text[..line], &text[line..])));
            cases.push((
                text.clone(),
                format!("{}{}", &text[..line], &text[line + lines[i].len()..]),
            ));
            cases.push((
                text.clone(),
                format!("{}new\n{}", &text[..line], &text[line..]),
            ));
            let end = line + lines[i].len() - 1;
            cases.push((text.clone(), format!("{}Y{}", &text[..end], &text[end..])));
            // Inside the two-byte `é`: the texts share its first byte.
            let e = line + lines[i].len() - 2;
            cases.push((
                text.clone(),
                format!("{}ê{}", &text[..e - 1], &text[e + 1..]),
            ));
        }
        let far = format!("X{}Y", &text[1..text.len() - 1]);
        cases.push((text.clone(), far));
        cases.push((text.clone(), text.trim_end().to_string()));
        cases.push((
            text.replace('\n', "\r\n"),
            text.replace('\n', "\r\n")
                .replacen("line 20", "line twenty", 1),
        ));
        cases.push((text.clone(), format!("{text}more")));
        cases.push(("a\nb".to_string(), "a\nc".to_string()));
        cases.push(("".to_string(), "a\n".to_string()));
        // Two changes some equal lines apart: one hunk up to six, two after.
        for gap in 1..=8 {
            let (first, second) = (at(10), at(11 + gap));
            let changed = format!(
                "{}X{}Y{}",
                &text[..first],
                &text[first..second],
                &text[second..]
            );
            cases.push((text.clone(), changed));
        }
        // Lines that end in a lone carriage return.
        cases.push(("a\rb\rc\rd\r".to_string(), "a\rB\rc\rd".to_string()));
        cases.push(("a\r\nb\rc".to_string(), "a\nb\r\nc\r".to_string()));
        for (old, new) in &cases {
            assert_ne!(old, new);
            assert_eq!(diff("a", old, new), whole(old, new), "{new:?}");
            // Diffed a few lines at a time, the diff still makes `new`.
            for chunk in [1, 2, 3, 5, 8, 13] {
                let mut out = Vec::new();
                write_diff_in("a", old, new, chunk, &mut out).unwrap();
                let patch = String::from_utf8(out).unwrap();
                assert_eq!(&patched(old, &patch), new, "{chunk} lines: {patch}");
            }
        }
    }

    #[test]
    fn a_diff_in_chunks_is_the_whole_diff_where_lines_match_alike() {
        // Resources, each on its unique name line, and a change in every
        // other: each chunk ends in a stretch of equal lines.
        let resource = |i: usize, value: &str| {
            format!("resource \"r\" \"r{i}\" {{\n  a = \"{value}\"\n  b = 1\n}}\n")
        };
        let old: String = (0..2_000).map(|i| resource(i, "1d")).collect();
        let new: String = (0..2_000)
            .map(|i| resource(i, if i % 2 == 0 { "24h" } else { "1d" }))
            .collect();
        let whole = diff("main.tf", &old, &new);
        for chunk in [7, 100, 1_000] {
            let mut out = Vec::new();
            write_diff_in("main.tf", &old, &new, chunk, &mut out).unwrap();
            assert!(out == whole.as_bytes(), "{chunk} lines");
        }
    }

    /// `old` with the unified diff `patch` applied, lines split as
    /// `similar` splits them.
    fn patched(old: &str, patch: &str) -> String {
        let mut old_lines = Lines::new(old);
        let mut out = String::new();
        let mut lines = Lines::new(patch);
        let mut copied = 0;
        let mut last_tag = "";
        while lines.at < patch.len() {
            let line = lines.next_line();
            if line.starts_with("---") || line.starts_with("+++") {
                continue;
            }
            if let Some(ranges) = line.strip_prefix("@@ -") {
                let old_range = ranges.split(' ').next().unwrap();
                let (start, len) = old_range.split_once(',').unwrap_or((old_range, "1"));
                let start: usize = start.parse().unwrap();
                let before = if len == "0" { start } else { start - 1 };
                while copied < before {
                    out.push_str(old_lines.next_line());
                    copied += 1;
                }
                continue;
            }
            if line.starts_with('\\') {
                // The line before had no line break: the diff added one.
                if last_tag != "-" {
                    assert_eq!(out.pop(), Some('\n'));
                }
                continue;
            }
            let (tag, text) = line.split_at(1);
            last_tag = tag;
            match tag {
                " " | "-" => {
                    let was = old_lines.next_line();
                    copied += 1;
                    assert_eq!(was.trim_end_matches('\n'), text.trim_end_matches('\n'));
                    if tag == " " {
                        out.push_str(was);
                    }
                }
                "+" => out.push_str(text),
                _ => panic!("{line:?}"),
            }
        }
        while old_lines.at < old.len() {
            out.push_str(old_lines.next_line());
        }
        out
    }
}
