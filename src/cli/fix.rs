//! Applying fixes until none is left, and writing the result atomically.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use ztlint::{Applicability, Diagnostic, Fixes};

/// `apply_fixes` skips a fix that overlaps one already taken; each further
/// pass picks those up. Real payloads settle in two or three passes; the
/// bound only guards against fixes that keep undoing each other.
const MAX_PASSES: usize = 10;

/// The codes of the findings that say a text was not read as it is (not
/// JSON or HCL, or not UTF-8): such a text is never fixed or rewritten.
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
    fixes_seen(allowed, |see| diagnostics.iter().for_each(see))
}

/// [`fixes_of`] the findings `lint` hands over one at a time, holding none
/// of them.
pub(crate) fn fixes_handed(
    allowed: Applicability,
    lint: impl FnOnce(&mut dyn FnMut(Diagnostic)),
) -> Option<Fixes> {
    fixes_seen(allowed, |see| lint(&mut |d| see(&d)))
}

/// The fixes `allowed` permits among the findings `findings` shows, or
/// `None` when one says the text was not read as it is.
fn fixes_seen(
    allowed: Applicability,
    findings: impl FnOnce(&mut dyn FnMut(&Diagnostic)),
) -> Option<Fixes> {
    let unparsed = Unparsed::new();
    let mut not_read = false;
    let mut fixes = Fixes::new(allowed);
    findings(&mut |d| {
        not_read |= unparsed.says(d);
        fixes.add(d);
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
}
