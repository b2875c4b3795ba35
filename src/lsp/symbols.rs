//! Document symbols: a contract file's outline (each contract, its sections and
//! their fields), a rule file's rules, `set`s and `use`s.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::documents::Document;
use crate::fmt::Language;
use crate::rules::syntax::{outline, Written};
use crate::rules::RuleSource;
use crate::span::Span;
use crate::syntax::{self, tree::Node};

/// The outline of `doc` (empty for a rule file that does not parse).
#[must_use]
pub fn of(doc: &Document) -> Vec<DocumentSymbol> {
    match doc.language {
        Language::Terms => {
            let parsed = syntax::parse(&doc.text);
            parsed.document.nodes.iter().map(|n| node(doc, n)).collect()
        }
        Language::Rules => {
            let source = RuleSource::new(doc.name(), doc.text.as_str());
            outline(&source)
                .map(|items| items.iter().map(|i| rule_item(doc, i)).collect())
                .unwrap_or_default()
        }
    }
}

#[allow(deprecated)] // `deprecated` is a field the protocol keeps for old clients
fn symbol(
    doc: &Document,
    name: String,
    kind: SymbolKind,
    whole: Span,
    head: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range: doc.lines.range(&doc.text, whole),
        selection_range: doc.lines.range(&doc.text, head),
        children: (!children.is_empty()).then_some(children),
    }
}

/// A node: `contract "acme-2026"`, `service inbound order_taking`, `overage`.
fn node(doc: &Document, n: &Node<'_>) -> DocumentSymbol {
    let head = n.head();
    let kind = match (n.name, &n.block) {
        ("contract", _) => SymbolKind::NAMESPACE,
        ("waiver", _) => SymbolKind::EVENT,
        (_, Some(_)) => SymbolKind::STRUCT,
        (_, None) => SymbolKind::FIELD,
    };
    let children = n.children().iter().map(|c| node(doc, c)).collect();
    let name = head.text(&doc.text).to_string();
    symbol(
        doc,
        name,
        kind,
        Span::new(n.name_span.start, n.end()),
        head,
        children,
    )
}

fn rule_item(doc: &Document, item: &Written) -> DocumentSymbol {
    let text = &doc.text;
    let keyword = item.keyword.text(text);
    let heads: Vec<&str> = match keyword {
        // A rule's id and slug; a set's target and severity; a use's path.
        "rule" | "set" | "use" => item.args.iter().take(2).map(|a| a.text(text)).collect(),
        _ => Vec::new(),
    };
    let kind = match keyword {
        "rule" => SymbolKind::FUNCTION,
        "set" => SymbolKind::PROPERTY,
        _ => SymbolKind::FILE,
    };
    let head = item
        .args
        .first()
        .map_or(item.keyword, |a| item.keyword.join(*a));
    symbol(
        doc,
        format!("{keyword} {}", heads.join(" ")),
        kind,
        Span::new(item.keyword.start, item.end()),
        head,
        Vec::new(),
    )
}
