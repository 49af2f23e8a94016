//! Code actions: a quick fix for each fix, and `source.fixAll.ztlint`.

use std::collections::HashMap;

use ls_types::{
    AnnotatedTextEdit, ChangeAnnotation, CodeAction, CodeActionKind, CodeActionOrCommand,
    CodeActionParams, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use ztlint::{Applicability, Linter, Span};

use super::diagnostics::{Data, SOURCE};
use super::documents::Document;
use super::encoding::LineMap;
use crate::cli::fix;

/// The kind of the action that applies every safe fix.
pub(crate) const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.ztlint");

/// The change annotation of fixes that need review.
const NEEDS_REVIEW: &str = "ztlint.needsReview";

/// What the client can do with a workspace edit.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct EditSupport {
    /// `documentChanges`, which carry the document version.
    pub(crate) document_changes: bool,
    /// Change annotations, which can ask the user to confirm an edit.
    pub(crate) annotations: bool,
}

/// Whether an action of `kind` passes the request's `only` filter: kinds
/// are hierarchical, so `source` lets `source.fixAll.ztlint` through.
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|filter| {
            let (filter, kind) = (filter.as_str(), kind.as_str());
            kind == filter
                || (kind.starts_with(filter) && kind.as_bytes().get(filter.len()) == Some(&b'.'))
        })
    })
}

/// The actions for a request on `doc`.
///
/// Quick fixes come from the `data` of the request's diagnostics when it is
/// for the current version, and otherwise from the server's own copy of
/// the diagnostics at the same place, so the fixes are never recomputed.
pub(crate) fn code_actions(
    params: &CodeActionParams,
    doc: &Document,
    map: &LineMap<'_>,
    linter: &Linter,
    support: EditSupport,
) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let only = params.context.only.as_deref();
    let mut actions = Vec::new();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        for sent in &params.context.diagnostics {
            if sent.source.as_deref() != Some(SOURCE) {
                continue;
            }
            let current = sent
                .data
                .as_ref()
                .and_then(|data| serde_json::from_value::<Data>(data.clone()).ok())
                .filter(|data| data.version == doc.version)
                .map(|data| (sent, data))
                .or_else(|| {
                    doc.sent
                        .iter()
                        .find(|d| d.range == sent.range && d.code == sent.code)
                        .and_then(|d| Some((d, serde_json::from_value(d.data.clone()?).ok()?)))
                });
            let Some((diagnostic, data)) = current else {
                continue;
            };
            for fix in data.fixes {
                let title = if fix.safe {
                    fix.title
                } else {
                    format!("{} (needs review)", fix.title)
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(
                        uri,
                        doc.version,
                        fix.edits,
                        !fix.safe,
                        support,
                    )),
                    is_preferred: Some(fix.safe),
                    ..CodeAction::default()
                }));
            }
        }
    }
    if wanted(only, &FIX_ALL) {
        let path = super::documents::file_path(uri);
        if let Some(edit) = fix_all(doc, map, linter, path.as_deref()) {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safely fixable ztlint findings".to_string(),
                kind: Some(FIX_ALL),
                edit: Some(workspace_edit(uri, doc.version, vec![edit], false, support)),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// The edit that applies every safe fix, as `ztlint check --fix` does
/// (re-linting between passes), as one replacement of the changed stretch.
fn fix_all(
    doc: &Document,
    map: &LineMap<'_>,
    linter: &Linter,
    path: Option<&std::path::Path>,
) -> Option<TextEdit> {
    if !doc.payload {
        return None;
    }
    let fixed = fix::fix(
        |text| {
            if doc.terraform {
                let (name, module) = super::session::terraform_module(path, text);
                linter.lint_terraform(&name, text, &module)
            } else {
                linter.lint(text)
            }
        },
        &doc.text,
        &doc.findings,
        Applicability::Safe,
    )?;
    let (old, new) = (doc.text.as_bytes(), fixed.text.as_bytes());
    let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    while !doc.text.is_char_boundary(prefix) || !fixed.text.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !doc.text.is_char_boundary(old.len() - suffix)
        || !fixed.text.is_char_boundary(new.len() - suffix)
    {
        suffix -= 1;
    }
    Some(TextEdit {
        range: map.range(Span::new(prefix, old.len() - suffix)),
        new_text: fixed.text[prefix..new.len() - suffix].to_string(),
    })
}

/// A workspace edit of one document at `version`. With `documentChanges`
/// the client can refuse edits for an older version; edits that need
/// review carry a change annotation that asks the user to confirm them.
fn workspace_edit(
    uri: &Uri,
    version: i32,
    edits: Vec<TextEdit>,
    needs_review: bool,
    support: EditSupport,
) -> WorkspaceEdit {
    if !support.document_changes {
        return WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
    }
    let annotate = needs_review && support.annotations;
    let edits = edits
        .into_iter()
        .map(|text_edit| {
            if annotate {
                OneOf::Right(AnnotatedTextEdit {
                    text_edit,
                    annotation_id: NEEDS_REVIEW.to_string(),
                })
            } else {
                OneOf::Left(text_edit)
            }
        })
        .collect();
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: Some(version),
            },
            edits,
        }])),
        change_annotations: annotate.then(|| {
            HashMap::from([(
                NEEDS_REVIEW.to_string(),
                ChangeAnnotation {
                    label: "Needs review".to_string(),
                    needs_confirmation: Some(true),
                    description: Some(
                        "ztlint marks this fix unsafe: it changes what the payload says"
                            .to_string(),
                    ),
                },
            )])
        }),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_filter_hierarchically() {
        let source = [CodeActionKind::SOURCE];
        assert!(wanted(Some(&source), &FIX_ALL));
        assert!(!wanted(Some(&source), &CodeActionKind::QUICKFIX));
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(Some(&fix_all), &FIX_ALL));
        let other = [CodeActionKind::new("source.fixAllOther")];
        assert!(!wanted(Some(&other), &FIX_ALL));
        assert!(wanted(None, &CodeActionKind::QUICKFIX));
    }
}
