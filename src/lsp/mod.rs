//! `termlint lsp`: a language server for `.terms` and `.rules` files, over stdio.
//!
//! Built on `lsp-server` and `lsp-types`, as rust-analyzer and ruff's server are: a
//! synchronous loop over the client's messages, no async runtime.  Each capability
//! is one module over the pipeline `check` uses:
//!
//! - [`diagnostics`]: `check_bytes` on the editor's text, with the project's rules
//!   compiled once ([`workspace`]) and reloaded when a rule file is saved;
//! - [`hover`], [`completion`] ([`context`] reads a half-typed prefix),
//!   [`actions`] (quick fixes, waivers, formatting through `crate::fmt`),
//!   [`symbols`], [`definition`];
//! - [`position`]: byte offsets ↔ UTF-16 (or UTF-8, when the client offers it).
//!
//! Editor set-up: docs/editors.md.

mod actions;
mod completion;
mod context;
mod definition;
mod diagnostics;
mod documents;
mod hover;
mod position;
mod server;
mod symbols;
mod workspace;

use std::panic::{catch_unwind, AssertUnwindSafe};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    RegisterCapability, Request as _,
};
use lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    InitializeResult, PublishDiagnosticsParams, Registration, RegistrationParams, ServerInfo, Uri,
};

pub use documents::{path_of, uri_of};
pub use server::Server;

use crate::lang::Lang;

/// An error that ends the server: the connection broke, or the client broke the
/// protocol's start-up.
pub type ServerError = Box<dyn std::error::Error + Send + Sync>;

/// Serves a client on standard input and output until it says `exit`.
///
/// # Errors
/// The connection failed.
pub fn run_stdio(lang: Lang) -> Result<(), ServerError> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection, lang)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// Serves one client on `connection`: the `initialize` handshake, then every
/// message until `shutdown`.
///
/// # Errors
/// The connection failed.
pub fn serve(connection: &Connection, lang: Lang) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let mut server = Server::new(&params, lang);
    let result = InitializeResult {
        capabilities: server.capabilities(),
        server_info: Some(ServerInfo {
            name: "termlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    if watches_files(&params) {
        watch_rule_files(connection)?;
    }
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = answer(&mut server, request);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(notification) => {
                for uri in notice(&mut server, notification) {
                    publish(connection, &mut server, &uri)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// Answers one request.  A handler that panics answers an internal error instead
/// of taking the server down with the user's unsaved work in the editor.
fn answer(server: &mut Server, request: Request) -> Response {
    let id = request.id.clone();
    let result = catch_unwind(AssertUnwindSafe(|| dispatch(server, request)));
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
        Err(_) => Response::new_err(
            id,
            ErrorCode::InternalError as i32,
            "termlint failed on this request; please report it with the document".into(),
        ),
    }
}

type Answer = Result<serde_json::Value, (ErrorCode, String)>;

fn dispatch(server: &mut Server, request: Request) -> Answer {
    match request.method.as_str() {
        HoverRequest::METHOD => handle::<HoverRequest>(request, |p| {
            let at = p.text_document_position_params;
            server.hover(&at.text_document.uri, at.position)
        }),
        Completion::METHOD => handle::<Completion>(request, |p| {
            let at = p.text_document_position;
            let items = server.completion(&at.text_document.uri, at.position);
            Some(lsp_types::CompletionResponse::Array(items))
        }),
        CodeActionRequest::METHOD => handle::<CodeActionRequest>(request, |p| {
            Some(server.code_actions(&p.text_document.uri, &p.context.diagnostics))
        }),
        Formatting::METHOD => {
            handle::<Formatting>(request, |p| server.formatting(&p.text_document.uri))
        }
        DocumentSymbolRequest::METHOD => handle::<DocumentSymbolRequest>(request, |p| {
            Some(lsp_types::DocumentSymbolResponse::Nested(
                server.symbols(&p.text_document.uri),
            ))
        }),
        GotoDefinition::METHOD => handle::<GotoDefinition>(request, |p| {
            let at = p.text_document_position_params;
            server
                .definition(&at.text_document.uri, at.position)
                .map(lsp_types::GotoDefinitionResponse::Scalar)
        }),
        method => Err((
            ErrorCode::MethodNotFound,
            format!("termlint does not answer `{method}`"),
        )),
    }
}

/// Reads a request's parameters, runs `f`, and writes its result.
fn handle<R: lsp_types::request::Request>(
    request: Request,
    f: impl FnOnce(R::Params) -> R::Result,
) -> Answer {
    let params: R::Params = serde_json::from_value(request.params)
        .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
    serde_json::to_value(f(params)).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// Applies a notification; returns the documents whose diagnostics changed.
fn notice(server: &mut Server, notification: Notification) -> Vec<Uri> {
    fn params<N: lsp_types::notification::Notification>(n: Notification) -> Option<N::Params> {
        serde_json::from_value(n.params).ok()
    }
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Some(p) = params::<DidOpenTextDocument>(notification) else {
                return Vec::new();
            };
            let doc = p.text_document;
            server.open(doc.uri.clone(), doc.text, doc.version, &doc.language_id);
            vec![doc.uri]
        }
        DidChangeTextDocument::METHOD => {
            let Some(p) = params::<DidChangeTextDocument>(notification) else {
                return Vec::new();
            };
            // Full sync: the last change holds the whole text.
            let Some(change) = p.content_changes.into_iter().last() else {
                return Vec::new();
            };
            server.change(&p.text_document.uri, change.text, p.text_document.version);
            vec![p.text_document.uri]
        }
        DidCloseTextDocument::METHOD => {
            let Some(p) = params::<DidCloseTextDocument>(notification) else {
                return Vec::new();
            };
            server.close(&p.text_document.uri);
            Vec::new()
        }
        DidSaveTextDocument::METHOD => {
            let Some(p) = params::<DidSaveTextDocument>(notification) else {
                return Vec::new();
            };
            changed_files(server, [p.text_document.uri])
        }
        DidChangeWatchedFiles::METHOD => {
            let Some(p) = params::<DidChangeWatchedFiles>(notification) else {
                return Vec::new();
            };
            changed_files(server, p.changes.into_iter().map(|c| c.uri))
        }
        _ => Vec::new(),
    }
}

/// Files changed on disk: when a rule file or configuration is among them, every
/// open document is checked again with the reloaded rules.
fn changed_files(server: &mut Server, uris: impl IntoIterator<Item = Uri>) -> Vec<Uri> {
    let mut reload = false;
    for uri in uris {
        if let Some(path) = path_of(&uri) {
            reload |= server.file_changed(&path);
        }
    }
    if reload {
        server.documents().map(|(uri, _)| uri.clone()).collect()
    } else {
        Vec::new()
    }
}

fn publish(connection: &Connection, server: &mut Server, uri: &Uri) -> Result<(), ServerError> {
    let version = server.documents().find(|(u, _)| *u == uri).map(|(_, v)| v);
    let Some(diagnostics) = server.diagnostics(uri) else {
        return Ok(());
    };
    let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
    let notification = Notification::new(PublishDiagnostics::METHOD.into(), params);
    connection
        .sender
        .send(Message::Notification(notification))?;
    Ok(())
}

fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
}

/// Asks the client to report changes to rule files and configurations made outside
/// the editor (a `git pull`, another tool).
fn watch_rule_files(connection: &Connection) -> Result<(), ServerError> {
    let watchers = ["**/*.rules", "**/termlint.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "termlint-rule-files".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: Some(serde_json::to_value(options)?),
        }],
    };
    let request = Request::new(
        "termlint/watch".to_string().into(),
        RegisterCapability::METHOD.into(),
        params,
    );
    connection.sender.send(Message::Request(request))?;
    Ok(())
}
