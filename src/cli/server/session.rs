//! The message loop: the protocol's life cycle and the dispatch of
//! requests and notifications.

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use ls_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use ls_types::request::{
    CodeActionRequest, DocumentDiagnosticRequest, HoverRequest, Request as _,
    WorkspaceDiagnosticRefresh,
};
use ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, HoverParams, HoverProviderCapability, MessageType,
    PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, UnchangedDocumentDiagnosticReport, Uri,
};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::actions::{self, EditSupport, FIX_ALL};
use super::config::{EditorSettings, Resolver};
use super::diagnostics;
use super::documents::{self, Document, Documents};
use super::encoding::{Encoding, LineMap};
use super::hover;

/// How the session ended, for the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ended {
    /// `exit` after `shutdown`: status 0.
    Shutdown,
    /// `exit` without `shutdown`, or the input ended: status 1.
    Abruptly,
}

/// Where the session is in the protocol's life cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests get `ServerNotInitialized`.
    Uninitialized,
    Running,
    /// After `shutdown`: requests get `InvalidRequest`; only `exit` counts.
    ShutDown,
}

/// What the client said it can do.
#[derive(Clone, Copy, Debug, Default)]
struct Client {
    encoding: Encoding,
    /// `textDocument/diagnostic`: the client pulls, the server does not push.
    pull: bool,
    /// `workspace/diagnostic/refresh`.
    refresh: bool,
    /// Markdown in hovers.
    markdown: bool,
    edits: EditSupport,
}

/// The server's state.
struct Session<'c> {
    connection: &'c Connection,
    phase: Phase,
    client: Client,
    documents: Documents,
    resolver: Resolver,
    /// Problems already shown to the user, so each is shown once.
    shown: HashSet<String>,
    next_id: i32,
}

/// Serves `connection` until `exit` or the end of the input.
///
/// A handler that panics (a bug) answers its request with an internal error
/// and the server goes on serving.
pub(crate) fn serve(connection: &Connection) -> Ended {
    let root = std::env::current_dir().unwrap_or_default();
    let mut session = Session {
        connection,
        phase: Phase::Uninitialized,
        client: Client::default(),
        documents: Documents::default(),
        resolver: Resolver::new(root, EditorSettings::default()),
        shown: HashSet::new(),
        next_id: 0,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| session.request(request)));
                let response = outcome.unwrap_or_else(|_| {
                    Err(Response::new_err(
                        id.clone(),
                        ErrorCode::InternalError as i32,
                        "internal error in ztlint; see its standard error".to_string(),
                    ))
                });
                session.send(Message::Response(response.unwrap_or_else(|e| e)));
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return if session.phase == Phase::ShutDown {
                        Ended::Shutdown
                    } else {
                        Ended::Abruptly
                    };
                }
                let _ =
                    panic::catch_unwind(AssertUnwindSafe(|| session.notification(notification)));
            }
            // Answers to the server's own requests (`workspace/diagnostic/
            // refresh`) need no handling.
            Message::Response(_) => {}
        }
    }
    Ended::Abruptly
}

/// The error response to `id`.
fn error(id: RequestId, code: ErrorCode, message: impl Into<String>) -> Response {
    Response::new_err(id, code as i32, message.into())
}

/// A request's params, or an `InvalidParams` response.
fn params<P: DeserializeOwned>(request: &Request) -> Result<P, Response> {
    serde_json::from_value(request.params.clone()).map_err(|e| {
        error(
            request.id.clone(),
            ErrorCode::InvalidParams,
            format!("invalid params for `{}`: {e}", request.method),
        )
    })
}

fn ok(id: RequestId, result: impl serde::Serialize) -> Result<Response, Response> {
    serde_json::to_value(result)
        .map(|value| Response {
            id: id.clone(),
            response_result: Ok(value),
        })
        .map_err(|e| error(id, ErrorCode::InternalError, e.to_string()))
}

impl Session<'_> {
    fn send(&self, message: Message) {
        // A closed connection ends the loop at the next receive.
        let _ = self.connection.sender.send(message);
    }

    fn notify<N: ls_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    /// Answers one request; `Err` is an error response.
    fn request(&mut self, request: Request) -> Result<Response, Response> {
        let id = request.id.clone();
        match (self.phase, request.method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(&request),
            (Phase::Uninitialized, _) => Err(error(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet",
            )),
            (Phase::ShutDown, _) => Err(error(
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            )),
            (Phase::Running, "initialize") => Err(error(
                id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                ok(id, Value::Null)
            }
            (Phase::Running, DocumentDiagnosticRequest::METHOD) => {
                let p: DocumentDiagnosticParams = params(&request)?;
                ok(id, self.pull(&p))
            }
            (Phase::Running, CodeActionRequest::METHOD) => {
                let p: CodeActionParams = params(&request)?;
                ok(id, self.code_actions(&p))
            }
            (Phase::Running, HoverRequest::METHOD) => {
                let p: HoverParams = params(&request)?;
                ok(id, self.hover(&p))
            }
            (Phase::Running, method) => Err(error(
                id,
                ErrorCode::MethodNotFound,
                format!("ztlint does not handle `{method}`"),
            )),
        }
    }

    fn notification(&mut self, notification: Notification) {
        if self.phase != Phase::Running {
            return;
        }
        fn decode<P: DeserializeOwned>(n: &Notification) -> Option<P> {
            match serde_json::from_value(n.params.clone()) {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!("ztlint server: ignored `{}`: invalid params: {e}", n.method);
                    None
                }
            }
        }
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(p) = decode::<DidOpenTextDocumentParams>(&notification) {
                    let doc = p.text_document;
                    let document = Document::new(&doc.uri, &doc.language_id, doc.version, doc.text);
                    self.documents.open(doc.uri.clone(), document);
                    self.lint(&doc.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = decode::<DidChangeTextDocumentParams>(&notification) {
                    self.change(p);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = decode::<DidCloseTextDocumentParams>(&notification) {
                    if self.documents.close(&p.text_document.uri) && !self.client.pull {
                        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                            uri: p.text_document.uri,
                            diagnostics: Vec::new(),
                            version: None,
                        });
                    }
                }
            }
            DidChangeConfiguration::METHOD => {
                if let Some(p) = decode::<DidChangeConfigurationParams>(&notification) {
                    self.configure(&p.settings);
                }
            }
            // `initialized`, `didSave`, `$/cancelRequest`, `$/setTrace` and
            // anything unknown need nothing.
            _ => {}
        }
    }

    fn initialize(&mut self, request: &Request) -> Result<Response, Response> {
        let p = &request.params;
        if !p.is_object() {
            return Err(error(
                request.id.clone(),
                ErrorCode::InvalidParams,
                "`initialize` takes an object of params",
            ));
        }
        let caps = &p["capabilities"];
        let offered: Option<Vec<ls_types::PositionEncodingKind>> =
            serde_json::from_value(caps["general"]["positionEncodings"].clone()).ok();
        let flag = |pointer: &str| caps.pointer(pointer).and_then(Value::as_bool) == Some(true);
        self.client = Client {
            encoding: Encoding::negotiate(offered.as_deref()),
            pull: caps
                .pointer("/textDocument/diagnostic")
                .is_some_and(Value::is_object),
            refresh: flag("/workspace/diagnostics/refreshSupport"),
            markdown: caps
                .pointer("/textDocument/hover/contentFormat")
                .and_then(Value::as_array)
                .is_some_and(|formats| formats.iter().any(|f| f == "markdown")),
            edits: EditSupport {
                document_changes: flag("/workspace/workspaceEdit/documentChanges"),
                annotations: caps
                    .pointer("/workspace/workspaceEdit/changeAnnotationSupport")
                    .is_some_and(Value::is_object),
            },
        };
        let root = [p.pointer("/workspaceFolders/0/uri"), p.pointer("/rootUri")]
            .into_iter()
            .flatten()
            .filter_map(|uri| uri.as_str()?.parse::<Uri>().ok())
            .find_map(|uri| documents::file_path(&uri))
            .or_else(|| p["rootPath"].as_str().map(PathBuf::from))
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let settings = match EditorSettings::from_json(&p["initializationOptions"]) {
            Ok(settings) => settings,
            Err(problem) => {
                self.show(problem);
                EditorSettings::default()
            }
        };
        self.resolver = Resolver::new(root, settings);
        self.phase = Phase::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.client.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            diagnostic_provider: self.client.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("ztlint".to_string()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..DiagnosticOptions::default()
                })
            }),
            ..ServerCapabilities::default()
        };
        ok(
            request.id.clone(),
            serde_json::json!({
                "capabilities": capabilities,
                "serverInfo": ServerInfo {
                    name: "ztlint".to_string(),
                    version: Some(env!("CARGO_PKG_VERSION").to_string()),
                },
            }),
        )
    }

    fn change(&mut self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.documents.get_mut(&uri) else {
            eprintln!(
                "ztlint server: ignored a change to `{}`, which is not open",
                uri.as_str()
            );
            return;
        };
        // Full sync: the last change without a range is the whole text.
        // A change with a range is applied in the server's encoding.
        for change in p.content_changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let span = LineMap::new(&doc.text, self.client.encoding).span(range);
                    doc.text.replace_range(span.range(), &change.text);
                }
            }
        }
        doc.version = p.text_document.version;
        self.lint(&uri);
    }

    /// Replaces the editor settings and lints every open document again.
    fn configure(&mut self, settings: &Value) {
        // Clients that have no settings for the server send `null` or `{}`:
        // that keeps what `initializationOptions` set.
        if settings.is_null() || settings.as_object().is_some_and(|m| m.is_empty()) {
            return;
        }
        match EditorSettings::from_json(settings) {
            Ok(settings) => {
                if self.resolver.set(settings) {
                    self.shown.clear();
                    for uri in self.documents.uris() {
                        self.lint(&uri);
                    }
                    if self.client.pull && self.client.refresh {
                        self.next_id += 1;
                        self.send(Message::Request(Request::new(
                            RequestId::from(format!("ztlint-{}", self.next_id)),
                            WorkspaceDiagnosticRefresh::METHOD.to_string(),
                            Value::Null,
                        )));
                    }
                }
            }
            Err(problem) => self.show(problem),
        }
    }

    /// Lints an open document, keeps the findings, and (unless the client
    /// pulls) publishes them with the document's version.
    fn lint(&mut self, uri: &Uri) {
        let path = documents::file_path(uri);
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let problem = if doc.payload {
            let (linter, problem) = self.resolver.linter(path.as_deref());
            // A Terraform file is linted with its module, read from disk; a
            // plan as the bodies it sends, as by `ztlint check`.
            let findings = if doc.terraform {
                let (name, module) = terraform_module(path.as_deref(), &doc.text);
                linter.lint_terraform(&name, &doc.text, &module)
            } else {
                linter
                    .lint_plan(&doc.text)
                    .unwrap_or_else(|| linter.lint(&doc.text))
            };
            let map = LineMap::new(&doc.text, self.client.encoding);
            let sent = diagnostics::convert(uri, &map, doc.version, &findings);
            if let Some(doc) = self.documents.get_mut(uri) {
                doc.findings = findings;
                doc.sent = sent;
            }
            problem
        } else {
            None
        };
        if let Some(problem) = problem {
            self.show(problem);
        }
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        doc.generation += 1;
        if !self.client.pull {
            let params = PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: doc.sent.clone(),
                version: Some(doc.version),
            };
            self.notify::<PublishDiagnostics>(params);
        }
    }

    /// Shows a configuration problem once, and logs it.
    fn show(&mut self, problem: String) {
        eprintln!("ztlint server: {problem}");
        if self.shown.insert(problem.clone()) {
            self.notify::<ShowMessage>(ShowMessageParams {
                typ: MessageType::ERROR,
                message: format!("ztlint: {problem}"),
            });
        }
    }

    /// `textDocument/diagnostic`. A document that is not open has no
    /// findings.
    fn pull(&self, p: &DocumentDiagnosticParams) -> DocumentDiagnosticReportResult {
        let Some(doc) = self.documents.get(&p.text_document.uri) else {
            return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                RelatedFullDocumentDiagnosticReport::default(),
            ));
        };
        let result_id = doc.generation.to_string();
        let report = if p.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: doc.sent.clone(),
                },
            })
        };
        DocumentDiagnosticReportResult::Report(report)
    }

    /// `textDocument/codeAction`; `null` for a document that is not open.
    fn code_actions(&mut self, p: &CodeActionParams) -> Option<Vec<ls_types::CodeActionOrCommand>> {
        let uri = &p.text_document.uri;
        let path = documents::file_path(uri);
        self.documents.get(uri)?;
        let (linter, _) = self.resolver.linter(path.as_deref());
        let doc = self.documents.get(uri)?;
        let map = LineMap::new(&doc.text, self.client.encoding);
        Some(actions::code_actions(
            p,
            doc,
            &map,
            &linter,
            self.client.edits,
        ))
    }

    /// `textDocument/hover`; `null` where there is nothing to show.
    fn hover(&self, p: &HoverParams) -> Option<ls_types::Hover> {
        let at = &p.text_document_position_params;
        let doc = self.documents.get(&at.text_document.uri)?;
        let map = LineMap::new(&doc.text, self.client.encoding);
        let offset = map.offset(at.position);
        hover::hover(doc, &map, offset, self.client.markdown)
    }
}

/// The name a Terraform document is linted under (its path, so that labels
/// in the other files of its module are absolute paths) and its module, the
/// other files of its directory as they are on disk. Read only when the
/// text names an organization resource.
pub(crate) fn terraform_module(
    path: Option<&std::path::Path>,
    text: &str,
) -> (String, ztlint::terraform::Module) {
    let name = path.map_or_else(|| "untitled.tf".to_string(), |p| p.display().to_string());
    match path.and_then(std::path::Path::parent) {
        Some(dir) if ztlint::terraform::mentions_organization(text) => {
            let module = super::super::terraform::module_for(&name, dir, &[], dir);
            (name, module)
        }
        _ => (name, ztlint::terraform::Module::new()),
    }
}
