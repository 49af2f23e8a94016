//! Applying fixes until none is left, writing the result atomically, and
//! showing it as a diff.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use ztlint::{Applicability, Diagnostic, Fixes};

/// `apply_fixes` skips a fix that overlaps one already taken; each further
/// pass picks those up. Real payloads settle in two or three passes; the
/// bound only guards against fixes that keep undoing each other.
const MAX_PASSES: usize = 10;

/// How long a diff may seek the smallest set of changes before it settles
/// for a larger one.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Whether `diagnostics` say the text was not read as it is (not JSON or
/// HCL, or not UTF-8): such a text is never fixed or rewritten.
pub(crate) fn unparsed(diagnostics: &[Diagnostic]) -> bool {
    let unparsed = Unparsed::new();
    diagnostics.iter().any(|d| unparsed.says(d))
}

/// The codes of the findings that say a text was not read as it is, for
/// [`unparsed`] and for a caller that sees the findings one at a time.
pub(crate) struct Unparsed(Vec<&'static str>);

impl Unparsed {
    pub(crate) fn new() -> Unparsed {
        // A few codes to compare, not a search of every rule per finding.
        Unparsed(
            ztlint::rules::all()
                .filter(|rule| rule.always_runs())
                .map(ztlint::rules::Rule::code)
                .collect(),
        )
    }

    /// Whether `d` says its text was not read as it is.
    pub(crate) fn says(&self, d: &Diagnostic) -> bool {
        self.0.contains(&d.code())
    }
}

/// The result of fixing a text.
#[derive(Debug)]
pub(crate) struct Fixed {
    /// The text after every pass.
    pub(crate) text: String,
    /// How many fixes were applied in all.
    pub(crate) applied: usize,
    /// The findings that remain in `text`.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Applies the fixes `allowed` permits to `source`, whose findings are
/// `diagnostics`, re-linting with `lint` after each pass until no fix
/// applies.
///
/// Returns `None` when there is nothing to do: `source` did not parse, or no
/// fix applies. Also `None` when the fixes would leave a text that does not
/// parse, so that a faulty fix can never break a file.
pub(crate) fn fix(
    lint: impl Fn(&str) -> Vec<Diagnostic>,
    source: &str,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> Option<Fixed> {
    let mut remaining = Vec::new();
    let (text, applied) = fix_passes(
        |text| {
            remaining = lint(text);
            fixes_of(&remaining, allowed)
        },
        source,
        fixes_of(diagnostics, allowed)?,
    )?;
    Some(Fixed {
        text,
        applied,
        diagnostics: remaining,
    })
}

/// The fixes `allowed` permits among `diagnostics`; `None` when one says
/// the text was not read as it is.
pub(crate) fn fixes_of(diagnostics: &[Diagnostic], allowed: Applicability) -> Option<Fixes> {
    if unparsed(diagnostics) {
        return None;
    }
    let mut fixes = Fixes::new(allowed);
    diagnostics.iter().for_each(|d| fixes.add(d));
    Some(fixes)
}

/// The fixes `allowed` permits among the findings `lint` hands over one at
/// a time, holding none of them; `None` when one says the text was not read
/// as it is.
pub(crate) fn fixes_handed(
    allowed: Applicability,
    lint: impl FnOnce(&mut dyn FnMut(Diagnostic)),
) -> Option<Fixes> {
    let unparsed = Unparsed::new();
    let mut not_read = false;
    let mut fixes = Fixes::new(allowed);
    lint(&mut |d| {
        not_read |= unparsed.says(&d);
        fixes.add(&d);
    });
    (!not_read).then_some(fixes)
}

/// Applies `fixes`, the fixes of `source`, re-linting with `lint` for the
/// fixes of the text after each pass until none applies: the text and how
/// many applied. `lint` says `None` of a text that was not read as it is.
///
/// Returns `None` when no fix applies, or when the fixes would leave a text
/// that does not parse.
pub(crate) fn fix_passes(
    mut lint: impl FnMut(&str) -> Option<Fixes>,
    source: &str,
    mut fixes: Fixes,
) -> Option<(String, usize)> {
    // The text is not copied before a fix applies: a large file would be
    // held twice.
    let mut text = Cow::Borrowed(source);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        if fixes.is_empty() {
            break;
        }
        let (next, count) = fixes.apply(&text);
        if count == 0 || next == *text {
            break;
        }
        // The fixes of the text before go before its successor is linted.
        drop(fixes);
        text = Cow::Owned(next);
        applied += count;
        fixes = lint(&text)?;
    }
    (applied > 0).then(|| (text.into_owned(), applied))
}

/// Replaces the file at `path` with `contents` atomically: a temporary file
/// in the same directory is written, flushed to disk, given the original's
/// permissions, then renamed over the original. A reader sees the old file
/// or the new one, never a mix; on any error the original is untouched.
/// A symbolic link is followed, so the link stays a link.
///
/// # Errors
///
/// Any I/O error on the way; the temporary file is then removed.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let metadata = fs::metadata(&target)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".ztlint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().set_permissions(metadata.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keeps the owner when run as root; otherwise the file is ours
        // already, or we may not give it away, and the new owner is us.
        let _ =
            std::os::unix::fs::fchown(temp.as_file(), Some(metadata.uid()), Some(metadata.gid()));
    }
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

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
    if old == new {
        return Ok(());
    }
    let (skipped, old, new) = around_changes(old, new);
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .timeout(DIFF_TIME)
        .diff_lines(old, new);
    let newline_terminated = diff.newline_terminated();
    writeln!(out, "--- {name}\n+++ {name}")?;
    for hunk in diff.unified_diff().context_radius(CONTEXT).iter_hunks() {
        writeln!(out, "{}", hunk_header(hunk.ops(), skipped))?;
        for change in hunk.iter_changes() {
            write!(out, "{}", change.tag())?;
            out.write_all(change.value().as_bytes())?;
            if !newline_terminated {
                writeln!(out)?;
            } else if change.missing_newline() {
                writeln!(out, "\n\\ No newline at end of file")?;
            }
        }
    }
    Ok(())
}

/// The header of a hunk of `ops` (`@@ -1,4 +1,5 @@`), its line numbers
/// moved on by the `skipped` lines before the texts diffed, as `similar`
/// writes it.
fn hunk_header(ops: &[similar::DiffOp], skipped: usize) -> String {
    let range = |start: usize, end: usize| {
        let len = end - start;
        match len {
            0 => format!("{},0", start + skipped),
            1 => format!("{}", start + skipped + 1),
            _ => format!("{},{len}", start + skipped + 1),
        }
    };
    let (Some(first), Some(last)) = (ops.first(), ops.last()) else {
        return String::new();
    };
    format!(
        "@@ -{} +{} @@",
        range(first.old_range().start, last.old_range().end),
        range(first.new_range().start, last.new_range().end)
    )
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
    use ztlint::Linter;

    #[test]
    fn a_bom_is_fixed_and_a_second_pass_changes_nothing() {
        let linter = Linter::new();
        let source = "\u{feff}{\"name\": \"Widget\"}\r\n";
        let fixed = fix(
            |t| linter.lint(t),
            source,
            &linter.lint(source),
            Applicability::Safe,
        )
        .unwrap();
        assert_eq!(fixed.text, "{\"name\": \"Widget\"}\r\n");
        assert_eq!(fixed.applied, 1);
        assert!(fixed.diagnostics.is_empty());
        let again = &fixed.text;
        assert!(fix(
            |t| linter.lint(t),
            again,
            &linter.lint(again),
            Applicability::Unsafe
        )
        .is_none());
    }

    #[test]
    fn text_that_does_not_parse_is_never_fixed() {
        let linter = Linter::new();
        let source = "\u{feff}{\"name\": }";
        let diagnostics = linter.lint(source);
        assert_eq!(diagnostics[0].code(), "byte-order-mark");
        assert!(fix(
            |t| linter.lint(t),
            source,
            &diagnostics,
            Applicability::Unsafe
        )
        .is_none());
    }

    #[test]
    fn atomic_write_replaces_contents_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.json");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new\r\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["org.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_follows_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

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
        for (old, new) in &cases {
            assert_ne!(old, new);
            assert_eq!(diff("a", old, new), whole(old, new), "{new:?}");
        }
    }
}
