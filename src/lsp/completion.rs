//! Completion: the fields a block takes, the symbols of a symbol field, units after
//! a number, rule ids and slugs after `waiver` (and `set`), paths in a rule's
//! condition.

use crate::cost::figures::FIGURES;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, Range, TextEdit,
};

use super::context;
use super::documents::Document;
use super::hover::rule_message;
use crate::fmt::Language;
use crate::lang::Lang;
use crate::rules::{compile::function_names, RuleSet};
use crate::schema::{self, Base, Field, Ty};

/// Units a number of each kind is written with, in the spelling the examples use.
const MONEY: &[&str] = &["JPY", "USD", "EUR", "GBP", "CNY", "KRW"];
const TIME: &[&str] = &[
    "seconds", "minutes", "hours", "days", "weeks", "months", "years",
];
const COUNTS: &[&str] = &[
    "calls",
    "contacts",
    "seats",
    "operators",
    "acquisitions",
    "appointments",
    "sales",
    "leads",
    "orders",
    "postings",
    "people",
];

/// The completions at byte `offset` of `doc`.
#[must_use]
pub fn at(doc: &Document, offset: usize, rules: &RuleSet, lang: Lang) -> Vec<CompletionItem> {
    let items = match doc.language {
        Language::Terms => in_contract(&doc.text, offset, rules, lang),
        Language::Rules => in_rule_file(&doc.text, offset, rules, lang),
    };
    let (start, partial) = items.1;
    let range = Range::new(
        doc.lines.position(&doc.text, start),
        doc.lines.position(&doc.text, offset),
    );
    items
        .0
        .into_iter()
        .filter(|item| item.label.starts_with(partial.as_str()))
        .map(|mut item| {
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                item.label.clone(),
            )));
            item
        })
        .collect()
}

/// Candidates and the word they replace (where it starts, what is typed of it).
type Candidates = (Vec<CompletionItem>, (usize, String));

fn in_contract(text: &str, offset: usize, rules: &RuleSet, lang: Lang) -> Candidates {
    let cursor = context::at(text, offset);
    let replaced = (cursor.partial_start, cursor.partial.to_string());
    if cursor.in_text {
        return (Vec::new(), replaced);
    }
    let Some(block) = block_field(&cursor.blocks) else {
        return (Vec::new(), replaced);
    };
    let items = match cursor.words.as_slice() {
        [] => block.children.iter().map(|f| field_item(f, lang)).collect(),
        [name, written @ ..] => match block.child(name) {
            Some((_, field)) => values(field, written, rules, lang),
            None => Vec::new(),
        },
    };
    (items, replaced)
}

/// The schema field of the innermost block (the top of the file: the schema's
/// root, whose one child is `contract`).
fn block_field(blocks: &[&str]) -> Option<&'static Field> {
    match blocks {
        [] => Some(&schema::SCHEMA),
        ["contract", inner @ ..] => schema::lookup(&inner.join(".")),
        _ => None,
    }
}

/// What may follow `written`, the values already written after a field's name.
fn values(field: &Field, written: &[&str], rules: &RuleSet, lang: Lang) -> Vec<CompletionItem> {
    let after_number = written
        .last()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    match (field.value_ty(), written.len()) {
        (Some(Ty::RuleRef), 0) => rule_items(rules, lang),
        (Some(Ty::Sym(set)), 0) => symbol_items(set),
        (Some(Ty::List(set)), _) => symbol_items(set)
            .into_iter()
            .filter(|item| !written.contains(&item.label.as_str()))
            .collect(),
        (Some(Ty::Bool), 0) => symbol_items(&["yes", "no"]),
        (Some(Ty::Num(base, _) | Ty::Bound { base, .. }), _) if after_number => unit_items(*base),
        _ => Vec::new(),
    }
}

fn field_item(field: &Field, lang: Lang) -> CompletionItem {
    let kind = if field.children.is_empty() {
        CompletionItemKind::FIELD
    } else {
        CompletionItemKind::MODULE
    };
    CompletionItem {
        label: field.name.to_string(),
        kind: Some(kind),
        detail: Some(field.signature()).filter(|s| !s.is_empty()),
        documentation: Some(Documentation::String(
            lang.pick(field.en, field.ja).to_string(),
        )),
        ..CompletionItem::default()
    }
}

fn symbol_items(set: &[&str]) -> Vec<CompletionItem> {
    set.iter()
        .map(|s| CompletionItem {
            label: (*s).to_string(),
            kind: Some(CompletionItemKind::ENUM_MEMBER),
            detail: crate::schema::symbols::symbol_ja(s).map(str::to_string),
            ..CompletionItem::default()
        })
        .collect()
}

fn unit_items(base: Base) -> Vec<CompletionItem> {
    let units: &[&str] = match base {
        Base::Money => MONEY,
        Base::Duration => TIME,
        Base::Count => COUNTS,
        Base::Percent => &["%"],
    };
    units
        .iter()
        .map(|u| CompletionItem {
            label: (*u).to_string(),
            kind: Some(CompletionItemKind::UNIT),
            ..CompletionItem::default()
        })
        .collect()
}

/// Every rule's id and slug, each with what the rule reports.
fn rule_items(rules: &RuleSet, lang: Lang) -> Vec<CompletionItem> {
    rules
        .rules()
        .iter()
        .flat_map(|rule| {
            let doc = Documentation::String(rule_message(rule, lang).to_string());
            [
                (rule.id.to_string(), rule.slug.to_string()),
                (rule.slug.to_string(), rule.id.to_string()),
            ]
            .map(|(label, other)| CompletionItem {
                label,
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(other),
                documentation: Some(doc.clone()),
                ..CompletionItem::default()
            })
        })
        .collect()
}

/// In a rule file: rule ids after `set`, else the next step of a path (`pricing.` →
/// `overage`, …), else the contract's fields and the built-in functions.
fn in_rule_file(text: &str, offset: usize, rules: &RuleSet, lang: Lang) -> Candidates {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let is_path = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '*' | '-');
    let word_len: usize = line
        .chars()
        .rev()
        .take_while(|c| is_path(*c))
        .map(char::len_utf8)
        .sum();
    let word = &line[line.len() - word_len..];
    let before = line[..line.len() - word_len].split_whitespace().last();
    if before == Some("set") {
        return (
            rule_items(rules, lang),
            (offset - word_len, word.to_string()),
        );
    }
    if let Some(typed) = word.strip_prefix("cost.") {
        // The cost model's figures: computed, not written, but typed like fields.
        let items = FIGURES
            .iter()
            .map(|(_, name, en, ja)| CompletionItem {
                label: (*name).to_string(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(lang.pick(*en, *ja).to_string()),
                ..CompletionItem::default()
            })
            .collect();
        return (items, (offset - typed.len(), typed.to_string()));
    }
    if let Some(dot) = word.rfind('.') {
        let parent: Vec<&str> = word[..dot].split('.').filter(|s| *s != "*").collect();
        let items = schema::lookup(&parent.join("."))
            .map(|f| f.children.iter().map(|c| field_item(c, lang)).collect())
            .unwrap_or_default();
        let typed = &word[dot + 1..];
        return (items, (offset - typed.len(), typed.to_string()));
    }
    let mut items: Vec<CompletionItem> = schema::table::contract()
        .children
        .iter()
        .map(|f| field_item(f, lang))
        .collect();
    items.push(CompletionItem {
        label: "cost".to_string(),
        kind: Some(CompletionItemKind::MODULE),
        detail: Some(
            lang.pick(
                "figures the cost model computes: cost.cpc, cost.monthly_at_forecast, …",
                "料金から計算した値: cost.cpc、cost.monthly_at_forecast など",
            )
            .to_string(),
        ),
        ..CompletionItem::default()
    });
    items.extend(function_names().map(|name| CompletionItem {
        label: name.to_string(),
        kind: Some(CompletionItemKind::FUNCTION),
        ..CompletionItem::default()
    }));
    (items, (offset - word_len, word.to_string()))
}
