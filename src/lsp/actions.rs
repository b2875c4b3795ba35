//! Code actions and formatting: the did-you-mean quick fixes, a waiver for a
//! finding, and the whole document in `termlint fmt`'s layout.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Range, TextEdit, WorkspaceEdit,
};

use super::documents::Document;
use crate::fmt::{self, Language};
use crate::syntax;
use crate::value::Date;

/// The actions for `diagnostics` (the client's, with the data this server gave them).
#[must_use]
pub fn at(doc: &Document, diagnostics: &[Diagnostic], today: Date) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for diagnostic in diagnostics {
        let Some(data) = &diagnostic.data else {
            continue;
        };
        if let (Some(replacement), Some(range)) = (
            data.get("replacement").and_then(|r| r.as_str()),
            data.get("range")
                .and_then(|r| serde_json::from_value::<Range>(r.clone()).ok()),
        ) {
            actions.push(action(
                doc,
                format!("Replace with `{replacement}`"),
                CodeActionKind::QUICKFIX,
                vec![TextEdit::new(range, replacement.to_string())],
                Some(diagnostic),
            ));
        }
        if let Some(rule) = data.get("waivable").and_then(|r| r.as_str()) {
            if let Some(edit) = waiver(doc, diagnostic, rule, today) {
                actions.push(action(
                    doc,
                    format!("Add a waiver for {rule} to this contract"),
                    CodeActionKind::QUICKFIX,
                    vec![edit],
                    Some(diagnostic),
                ));
            }
        }
    }
    if let Some(edits) = formatting(doc).filter(|e| !e.is_empty()) {
        actions.push(action(
            doc,
            "Format document (termlint fmt)".to_string(),
            CodeActionKind::SOURCE,
            edits,
            None,
        ));
    }
    actions
}

fn action(
    doc: &Document,
    title: String,
    kind: CodeActionKind,
    edits: Vec<TextEdit>,
    diagnostic: Option<&Diagnostic>,
) -> CodeActionOrCommand {
    let is_quick_fix = kind == CodeActionKind::QUICKFIX;
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(
            is_quick_fix
                && diagnostic.is_some_and(|d| {
                    d.data
                        .as_ref()
                        .is_some_and(|data| data.get("replacement").is_some())
                }),
        ),
        ..CodeAction::default()
    })
}

/// A `waiver` block for `rule`, placed last in the contract the finding is in, with
/// placeholders to fill in: the reason, who approved it, and an expiry a year on.
fn waiver(doc: &Document, diagnostic: &Diagnostic, rule: &str, today: Date) -> Option<TextEdit> {
    let text = &doc.text;
    let at = doc.lines.offset(text, diagnostic.range.start);
    let parsed = syntax::parse(text);
    let contract = parsed
        .document
        .nodes
        .iter()
        .find(|n| n.name_span.start <= at && at <= n.end())?;
    let block = contract.block.as_ref()?;
    let close = block
        .end
        .checked_sub(1)
        .filter(|&i| text.as_bytes()[i] == b'}')?;
    let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..close].trim().is_empty() {
        // `}` shares its line with a node: no line to put the waiver on.
        return None;
    }
    let outer = &text[line_start..close];
    let inner = block
        .children
        .first()
        .map(|child| {
            let start = text[..child.name_span.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            &text[start..child.name_span.start]
        })
        .filter(|indent| indent.trim().is_empty())
        .map_or_else(|| format!("{outer}  "), str::to_string);
    let expires = Date::new(today.year + 1, today.month, today.day)
        .or_else(|| Date::new(today.year + 1, today.month, 28))?;
    let waiver = format!(
        "{inner}waiver {rule} {{\n\
         {inner}  reason      \"TODO: why this finding is accepted\"\n\
         {inner}  approved_by \"TODO: who accepted it\"\n\
         {inner}  expires     {expires}\n\
         {inner}}}\n"
    );
    let position = doc.lines.position(text, line_start);
    Some(TextEdit::new(Range::new(position, position), waiver))
}

/// The edits that put the document in `termlint fmt`'s layout: one edit of the whole
/// text, none when it is formatted, `None` when it does not parse.
#[must_use]
pub fn formatting(doc: &Document) -> Option<Vec<TextEdit>> {
    let formatted = match doc.language {
        Language::Terms => fmt::terms(&doc.text).ok()?,
        Language::Rules => fmt::rules(&doc.name(), &doc.text).ok()?,
    };
    if formatted == doc.text {
        return Some(Vec::new());
    }
    let whole = Range::new(
        doc.lines.position(&doc.text, 0),
        doc.lines.position(&doc.text, doc.text.len()),
    );
    Some(vec![TextEdit::new(whole, formatted)])
}
