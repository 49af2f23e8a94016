//! TEMPORARY: stand-ins with the documented signatures of library APIs that
//! land from other branches (`render`, `schema`, `values`). Removed when
//! `main` has them.

pub(crate) mod render {
    use ztlint::{Diagnostic, LineIndex};

    pub struct FileReport<'a> {
        pub name: &'a str,
        pub source: &'a str,
        pub diagnostics: &'a [Diagnostic],
    }

    pub struct HumanStyle {
        pub color: bool,
        pub width: usize,
    }

    pub fn concise(files: &[FileReport]) -> String {
        let mut out = String::new();
        for f in files {
            let index = LineIndex::new(f.source);
            for d in f.diagnostics {
                let (p, _) = d.positions(&index);
                out.push_str(&format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    f.name,
                    p.line,
                    p.column,
                    d.severity(),
                    d.code(),
                    d.message()
                ));
            }
        }
        out
    }

    pub fn json(files: &[FileReport]) -> String {
        let v: Vec<_> = files
            .iter()
            .map(|f| {
                serde_json::json!({"file": f.name, "diagnostics": f.diagnostics.iter().map(|d| serde_json::json!({"code": d.code(), "message": d.message()})).collect::<Vec<_>>()})
            })
            .collect();
        format!("{}\n", serde_json::Value::from(v))
    }

    pub fn sarif(files: &[FileReport]) -> String {
        json(files)
    }

    pub fn github(files: &[FileReport]) -> String {
        concise(files)
    }

    pub fn summary(files: &[FileReport]) -> String {
        let n: usize = files.iter().map(|f| f.diagnostics.len()).sum();
        format!("{n} problems in {} files", files.len())
    }

    pub fn human(file: &FileReport, style: &HumanStyle) -> String {
        let theme = if style.color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(style.width);
        let mut out = String::new();
        for d in file.diagnostics {
            let report = miette::Report::new(d.clone())
                .with_source_code(miette::NamedSource::new(file.name, file.source.to_string()));
            let _ = handler.render_report(&mut out, report.as_ref());
        }
        out
    }
}

pub(crate) mod schema {
    pub struct Schema;
    impl Schema {
        pub fn from_json(_: &str) -> Result<Schema, String> {
            Err("schema support is not merged yet".into())
        }
    }
}

pub(crate) trait LinterSchema {
    fn schema(self, schema: schema::Schema) -> Self;
}

impl LinterSchema for ztlint::Linter {
    fn schema(self, _: schema::Schema) -> Self {
        self
    }
}

pub(crate) mod account_id {
    pub fn check(id: &str) -> Result<(), String> {
        if id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(())
        } else {
            Err(format!(
                "account identifier must be 32 lowercase hex characters, found {}",
                id.chars().count()
            ))
        }
    }
}
