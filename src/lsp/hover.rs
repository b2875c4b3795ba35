//! Hover: what a field means (from the schema, in the user's language) and what a
//! rule checks (its doc).

use crate::cost::figures::FIGURES;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::context::{self, Part};
use super::documents::Document;
use crate::fmt::Language;
use crate::lang::Lang;
use crate::rules::{Rule, RuleSet};
use crate::schema::{self, Field};
use crate::syntax;

/// The hover at byte `offset` of `doc`.
#[must_use]
pub fn at(doc: &Document, offset: usize, rules: &RuleSet, lang: Lang) -> Option<Hover> {
    let (markdown, span) = match doc.language {
        Language::Terms => in_contract(&doc.text, offset, rules, lang)?,
        Language::Rules => in_rule_file(&doc.text, offset, rules, lang)?,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(doc.lines.range(&doc.text, span)),
    })
}

fn in_contract(
    text: &str,
    offset: usize,
    rules: &RuleSet,
    lang: Lang,
) -> Option<(String, crate::span::Span)> {
    let parsed = syntax::parse(text);
    let (path, part) = context::node_at(&parsed.document, offset)?;
    let node = *path.last()?;
    if let (Part::Arg(0), "waiver") = (part, node.name) {
        let rule = rules.find(node.args[0].span.text(text))?;
        return Some((rule_doc(rule, lang), node.args[0].span));
    }
    let name = context::schema_path(&path);
    let field = schema::lookup(&name)?;
    let span = match part {
        Part::Name => node.name_span,
        Part::Arg(i) => node.args[i].span,
    };
    let shown = if name.is_empty() { "contract" } else { &name };
    Some((field_doc(shown, field, lang), span))
}

/// In a rule file: a rule id or slug (`set TL106 off`), or a path of a condition.
fn in_rule_file(
    text: &str,
    offset: usize,
    rules: &RuleSet,
    lang: Lang,
) -> Option<(String, crate::span::Span)> {
    let span = word_at(text, offset)?;
    let word = span.text(text);
    if let Some(rule) = rules.find(word) {
        return Some((rule_doc(rule, lang), span));
    }
    if let Some(name) = word.strip_prefix("cost.") {
        let (_, _, en, ja) = FIGURES.iter().find(|f| f.1 == name)?;
        return Some((format!("**`{word}`**: {}", lang.pick(*en, *ja)), span));
    }
    // `service.*.volume`: the schema path without its selectors.
    let path: Vec<&str> = word.split('.').filter(|s| *s != "*").collect();
    let field = schema::lookup(&path.join("."))?;
    Some((field_doc(word, field, lang), span))
}

/// The word of a rules path or id under `offset` (`pricing.overage`, `TL106`,
/// `steep-overage`).
#[must_use]
pub fn word_at(text: &str, offset: usize) -> Option<crate::span::Span> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '*' | '-');
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then(|| crate::span::Span::new(start, end))
}

fn field_doc(name: &str, field: &Field, lang: Lang) -> String {
    let mut out = format!("**{name}**");
    let signature = field.signature();
    if !signature.is_empty() {
        out.push_str(&format!(" `{signature}`"));
    }
    if !field.children.is_empty() {
        out.push_str(" `{ … }`");
    }
    out.push_str("\n\n");
    out.push_str(lang.pick(field.en, field.ja));
    let mut flags = Vec::new();
    if field.repeatable {
        flags.push(lang.pick("repeatable", "繰り返し可"));
    }
    if field.required {
        flags.push(lang.pick("required", "必須"));
    }
    if !flags.is_empty() {
        out.push_str(&format!(" ({})", flags.join(", ")));
    }
    if !field.children.is_empty() {
        let names: Vec<String> = field
            .children
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect();
        out.push_str(&format!(
            "\n\n{} {}",
            lang.pick("Fields:", "項目:"),
            names.join(" ")
        ));
    }
    out
}

fn rule_doc(rule: &Rule, lang: Lang) -> String {
    let severity = rule
        .severity
        .map_or(lang.pick("off", "無効"), |s| s.name(lang));
    let message = rule_message(rule, lang);
    let mut out = format!(
        "**{}** {} · {severity} · {}\n\n{}",
        rule.id, rule.slug, rule.category, message
    );
    if let Some(doc) = &rule.doc {
        out.push_str("\n\n");
        out.push_str(doc);
    }
    out
}

/// What a rule reports, as its file writes it, in `lang` where the rule has it.
#[must_use]
pub fn rule_message(rule: &Rule, lang: Lang) -> &str {
    let written = match lang {
        Lang::Ja => rule
            .ja_message_source
            .as_ref()
            .unwrap_or(&rule.message_source),
        Lang::En => &rule.message_source,
    };
    written.trim_matches('"')
}
