//! The closing summary line.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};

/// The closing line of a run: the findings per severity and the number of
/// files linted, without a trailing newline.
///
/// Severities without findings are left out; with no findings at all the
/// line says so. Counts of one take the singular.
///
/// ```
/// use ztlint::render::{summary, FileReport};
/// use ztlint::{Diagnostic, Severity, Span};
///
/// let found = [
///     Diagnostic::new("json-syntax", Severity::Error, "trailing comma", Span::new(1, 2)),
///     Diagnostic::new("unknown-field", Severity::Warning, "`x` is not a field", Span::new(3, 6)),
/// ];
/// let report = FileReport { name: "a.json", source: "{}", diagnostics: &found };
/// let clean = FileReport { name: "b.json", source: "{}", diagnostics: &[] };
/// assert_eq!(summary(&[report, clean]), "1 error, 1 warning in 2 files");
/// assert_eq!(summary(&[clean]), "no problems found in 1 file");
/// ```
pub fn summary(files: &[FileReport<'_>]) -> String {
    let mut tally = Tally {
        files: files.len(),
        ..Tally::default()
    };
    files
        .iter()
        .flat_map(|f| f.diagnostics)
        .for_each(|d| tally.add(d));
    tally.summary()
}

/// Running counts of a run: the findings per severity and the files
/// linted, from which [`summary`]'s line is made without holding the
/// findings.
///
/// ```
/// use ztlint::render::Tally;
/// use ztlint::{Diagnostic, Severity, Span};
///
/// let mut tally = Tally::default();
/// tally.files += 2;
/// tally.add(&Diagnostic::new("json-syntax", Severity::Error, "trailing comma", Span::new(1, 2)));
/// assert_eq!((tally.errors, tally.warnings, tally.infos), (1, 0, 0));
/// assert_eq!(tally.summary(), "1 error in 2 files");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// The findings of severity error.
    pub errors: usize,
    /// The findings of severity warning.
    pub warnings: usize,
    /// The findings of severity info.
    pub infos: usize,
    /// The files linted, with findings or without.
    pub files: usize,
}

impl Tally {
    /// Counts `d` under its severity.
    ///
    /// ```
    /// use ztlint::render::Tally;
    ///
    /// let mut tally = Tally::default();
    /// ztlint::lint(r#"{"session_duration": "1d", "x": 1}"#).iter().for_each(|d| tally.add(d));
    /// assert_eq!((tally.errors, tally.warnings), (1, 1));
    /// ```
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity() {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// The closing line, as [`summary`] makes it: the findings per
    /// severity and the number of files, without a trailing newline.
    ///
    /// ```
    /// use ztlint::render::Tally;
    ///
    /// let tally = Tally { warnings: 3, infos: 1, files: 1, ..Tally::default() };
    /// assert_eq!(tally.summary(), "3 warnings, 1 info in 1 file");
    /// assert_eq!(Tally::default().summary(), "no problems found in 0 files");
    /// ```
    pub fn summary(&self) -> String {
        let found: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
        ]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        let files = plural(self.files, "file", "files");
        if found.is_empty() {
            format!("no problems found in {files}")
        } else {
            format!("{} in {files}", found.join(", "))
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Severity, Span};

    fn d(severity: Severity) -> Diagnostic {
        Diagnostic::new("some-rule", severity, "message", Span::new(0, 1))
    }

    fn file(diagnostics: &[Diagnostic]) -> FileReport<'_> {
        FileReport {
            name: "org.json",
            source: "{}",
            diagnostics,
        }
    }

    #[test]
    fn pluralisation_is_exact() {
        use Severity::*;
        let none: [Diagnostic; 0] = [];
        let error = [d(Error)];
        let warning = [d(Warning)];
        let two_infos = [d(Info), d(Info)];
        let mixed = [d(Info), d(Error), d(Warning), d(Error)];
        let three_errors = [d(Error), d(Error), d(Error)];
        let warnings_and_info = [d(Warning), d(Warning), d(Info)];
        let cases: Vec<(Vec<FileReport<'_>>, &str)> = vec![
            (vec![], "no problems found in 0 files"),
            (vec![file(&none)], "no problems found in 1 file"),
            (
                vec![file(&none), file(&none)],
                "no problems found in 2 files",
            ),
            (vec![file(&error)], "1 error in 1 file"),
            (vec![file(&warning), file(&none)], "1 warning in 2 files"),
            (vec![file(&two_infos)], "2 infos in 1 file"),
            (vec![file(&mixed)], "2 errors, 1 warning, 1 info in 1 file"),
            (
                vec![file(&three_errors), file(&warning)],
                "3 errors, 1 warning in 2 files",
            ),
            (
                vec![file(&warnings_and_info)],
                "2 warnings, 1 info in 1 file",
            ),
        ];
        for (files, expected) in cases {
            assert_eq!(summary(&files), expected);
        }
    }
}
