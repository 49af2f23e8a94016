//! ztlint's findings as LSP diagnostics.

use ls_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, TextEdit, Uri,
};
use serde::{Deserialize, Serialize};
use ztlint::{Applicability, Diagnostic, Severity};

use super::encoding::LineMap;

/// The `source` of every diagnostic the server sends.
pub(crate) const SOURCE: &str = "ztlint";

/// Rules whose findings mark text that has no effect, which editors fade
/// out (`DiagnosticTag::UNNECESSARY`): an empty body changes nothing, a null
/// field reads as absent, a read-only field is ignored.
const UNNECESSARY: [&str; 3] = ["empty-body", "null-value", "read-only-field"];

/// Where a rule is documented: its section of `docs/rules.md`, the same
/// address the SARIF renderer gives as `helpUri`.
pub(crate) fn rule_url(code: &str) -> String {
    format!("https://github.com/ztlint/ztlint/blob/main/docs/rules.md#{code}")
}

/// What a diagnostic carries in `data`: its fixes, already in the
/// document's positions, and the document version they apply to. A code
/// action request hands them back, so fixes are never recomputed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Data {
    /// The document version the edits were computed for.
    pub(crate) version: i32,
    /// The finding's fixes, in order.
    pub(crate) fixes: Vec<FixData>,
}

/// One fix in a diagnostic's `data`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FixData {
    /// What the fix does, e.g. "Replace with `false`".
    pub(crate) title: String,
    /// Whether it is safe to apply without review.
    pub(crate) safe: bool,
    /// The edits.
    pub(crate) edits: Vec<TextEdit>,
}

/// The location of a label in another file (a Terraform variable file,
/// named by its absolute path), in the client's position encoding: the
/// file is read for it. `None` when it cannot be.
fn elsewhere(file: &str, span: ztlint::Span, map: &LineMap<'_>) -> Option<Location> {
    let text = std::fs::read_to_string(file).ok()?;
    let other = LineMap::new(&text, map.encoding());
    Some(Location {
        uri: Uri::from_file_path(file)?,
        range: other.range(span),
    })
}

/// The LSP severity of a ztlint severity.
fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Converts the findings of one document (at `version`) for the client.
///
/// The message is the finding's message, then its help on a second line.
/// Secondary labels become `relatedInformation`; fixes go in `data`.
pub(crate) fn convert(
    uri: &Uri,
    map: &LineMap<'_>,
    version: i32,
    findings: &[Diagnostic],
) -> Vec<ls_types::Diagnostic> {
    findings
        .iter()
        .map(|d| {
            let mut message = d.message().to_string();
            if let Some(help) = d.help() {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let related: Vec<DiagnosticRelatedInformation> = d
                .secondary()
                .iter()
                .filter_map(|label| {
                    let location = match label.file() {
                        None => Location {
                            uri: uri.clone(),
                            range: map.range(label.span()),
                        },
                        Some(file) => elsewhere(file, label.span(), map)?,
                    };
                    Some(DiagnosticRelatedInformation {
                        location,
                        message: label.text().unwrap_or(d.message()).to_string(),
                    })
                })
                .collect();
            let fixes: Vec<FixData> = d
                .fixes()
                .iter()
                .map(|fix| FixData {
                    title: fix.message().to_string(),
                    safe: fix.applicability() == Applicability::Safe,
                    edits: fix
                        .edits()
                        .iter()
                        .map(|e| TextEdit {
                            range: map.range(e.span()),
                            new_text: e.replacement().to_string(),
                        })
                        .collect(),
                })
                .collect();
            ls_types::Diagnostic {
                range: map.range(d.span()),
                severity: Some(severity(d.severity())),
                code: Some(NumberOrString::String(d.code().to_string())),
                code_description: rule_url(d.code())
                    .parse()
                    .ok()
                    .map(|href| CodeDescription { href }),
                source: Some(SOURCE.to_string()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                tags: UNNECESSARY
                    .contains(&d.code())
                    .then(|| vec![DiagnosticTag::UNNECESSARY]),
                data: (!fixes.is_empty())
                    .then(|| serde_json::to_value(Data { version, fixes }).ok())
                    .flatten(),
            }
        })
        .collect()
}
