//! The server's state and what it answers, without the transport: the open
//! documents, the compiled rules, and the client's choices (position encoding,
//! language).  [`super::serve`] feeds it the protocol's messages.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionProviderCapability,
    CompletionItem, CompletionOptions, Diagnostic, DocumentSymbol, HoverProviderCapability,
    InitializeParams, Location, OneOf, Position, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri,
};

use super::documents::Document;
use super::position::Encoding;
use super::workspace::{ProjectRules, Workspace};
use super::{actions, completion, definition, diagnostics, hover, symbols};
use crate::check::{CheckOptions, DEFAULT_MAX_FILE_SIZE};
use crate::fmt::Language;
use crate::lang::Lang;
use crate::value::Date;

/// The language server.
#[derive(Debug)]
pub struct Server {
    documents: HashMap<Uri, Document>,
    workspace: Workspace,
    encoding: Encoding,
    lang: Lang,
    today: Date,
}

impl Server {
    /// A server for the client that sent `params`; `lang` is the language to use
    /// when neither the client's locale nor its `lang` option names one.
    #[must_use]
    pub fn new(params: &InitializeParams, lang: Lang) -> Server {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        Server {
            documents: HashMap::new(),
            workspace: Workspace::default(),
            encoding: Encoding::negotiate(offered),
            lang: client_lang(params).unwrap_or(lang),
            today: crate::date::today(),
        }
    }

    /// What this server does, for the `initialize` answer.
    #[must_use]
    pub fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".into(), ".".into()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE]),
                ..CodeActionOptions::default()
            })),
            document_formatting_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            definition_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        }
    }

    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Sets the date waivers and `today()` are judged by (tests and benches).
    pub fn set_today(&mut self, today: Date) {
        self.today = today;
    }

    pub fn open(&mut self, uri: Uri, text: String, version: i32, language_id: &str) {
        let document = Document::new(uri.clone(), text, version, language_id, self.encoding);
        self.documents.insert(uri, document);
    }

    pub fn change(&mut self, uri: &Uri, text: String, version: i32) {
        if let Some(document) = self.documents.get_mut(uri) {
            document.change(text, version, self.encoding);
        }
    }

    pub fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri);
    }

    /// A file was saved or changed on disk.  Returns whether the rules in force
    /// changed, so that every open contract is to be checked again.
    pub fn file_changed(&mut self, path: &Path) -> bool {
        let rules_changed = super::workspace::is_rule_input(path);
        if rules_changed {
            self.workspace.reload();
        }
        rules_changed
    }

    /// The open documents, with their versions.
    pub fn documents(&self) -> impl Iterator<Item = (&Uri, i32)> {
        self.documents.iter().map(|(uri, d)| (uri, d.version))
    }

    /// The document's diagnostics: a contract's findings, a rule file's load errors.
    pub fn diagnostics(&mut self, uri: &Uri) -> Option<Vec<Diagnostic>> {
        let document = self.documents.get(uri)?;
        Some(match document.language {
            Language::Rules => diagnostics::of_rule_file(document),
            Language::Terms => {
                let project = self.workspace.rules_for(parent(document));
                let options = CheckOptions {
                    today: self.today,
                    lang: self.lang,
                    max_file_size: DEFAULT_MAX_FILE_SIZE,
                };
                diagnostics::of_contract(document, &project, &options)
            }
        })
    }

    pub fn hover(&mut self, uri: &Uri, position: Position) -> Option<lsp_types::Hover> {
        let lang = self.lang;
        let (document, project) = self.with_rules(uri)?;
        let offset = document.lines.offset(&document.text, position);
        hover::at(document, offset, &project.rules, lang)
    }

    pub fn completion(&mut self, uri: &Uri, position: Position) -> Vec<CompletionItem> {
        let lang = self.lang;
        let Some((document, project)) = self.with_rules(uri) else {
            return Vec::new();
        };
        let offset = document.lines.offset(&document.text, position);
        completion::at(document, offset, &project.rules, lang)
    }

    pub fn code_actions(&self, uri: &Uri, diagnostics: &[Diagnostic]) -> Vec<CodeActionOrCommand> {
        self.documents
            .get(uri)
            .map(|d| actions::at(d, diagnostics, self.today))
            .unwrap_or_default()
    }

    pub fn formatting(&self, uri: &Uri) -> Option<Vec<TextEdit>> {
        actions::formatting(self.documents.get(uri)?)
    }

    pub fn symbols(&self, uri: &Uri) -> Vec<DocumentSymbol> {
        self.documents.get(uri).map(symbols::of).unwrap_or_default()
    }

    pub fn definition(&mut self, uri: &Uri, position: Position) -> Option<Location> {
        let (document, project) = self.with_rules(uri)?;
        let offset = document.lines.offset(&document.text, position);
        definition::at(document, offset, &project.rules)
    }

    /// A document and the rules of its project.
    fn with_rules(&mut self, uri: &Uri) -> Option<(&Document, Arc<ProjectRules>)> {
        let document = self.documents.get(uri)?;
        let project = self.workspace.rules_for(parent(document));
        Some((document, project))
    }
}

fn parent(document: &Document) -> Option<&Path> {
    document.path.as_deref().and_then(Path::parent)
}

/// The language the client asks for: its `lang` initialization option (`"ja"`),
/// else its locale (`ja-JP`).
fn client_lang(params: &InitializeParams) -> Option<Lang> {
    let option = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("lang"))
        .and_then(|l| l.as_str());
    let locale = params.locale.as_deref();
    match option.or(locale)? {
        l if l.starts_with("ja") => Some(Lang::Ja),
        l if l.starts_with("en") => Some(Lang::En),
        _ => None,
    }
}
