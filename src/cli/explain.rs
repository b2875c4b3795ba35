//! `termlint explain RULE` and `termlint rules`.

use super::error::CommandResult;
use serde::Serialize;

use super::{exit, load_rules, Io, RuleArgs};
use unicode_width::UnicodeWidthStr;

use crate::codes::DocCode;
use crate::lang::Lang;
use crate::rules::Rule;
use crate::suggest::closest;

pub(super) fn explain(name: &str, args: &RuleArgs, lang: Lang, io: &mut Io<'_>) -> CommandResult {
    let rules = match load_rules(args, io) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let mut out = String::new();
    if let Some(code) = DocCode::lookup(name) {
        out.push_str(&format!(
            "{} {} ({})\n\n{}\n\n{}\n",
            code.id(),
            code.slug(),
            code.severity().name(lang),
            code.summary(),
            lang.pick(
                "A document check: it is reported by the parser and schema, and cannot be waived.",
                "文書自体の検査です。構文と項目の検査で報告され、適用除外にはできません。",
            )
        ));
    } else if let Some(rule) = rules.find(name) {
        out.push_str(&describe(rule, lang));
    } else {
        let help = closest(name, rules.names()).map_or_else(
            || "`termlint rules` lists every rule".to_string(),
            |s| format!("did you mean `{s}`?"),
        );
        let _ = writeln!(
            io.stderr,
            "error: no rule `{name}` is loaded\n  help: {help}"
        );
        return Ok(exit::USAGE);
    }
    io.stdout.write_all(out.as_bytes())?;
    Ok(exit::CLEAN)
}

/// The labels of `explain`, padded to one column in each language.
struct Labels {
    severity: &'static str,
    category: &'static str,
    each: &'static str,
    when: &'static str,
    at: &'static str,
    message: &'static str,
    help: &'static str,
    defined: &'static str,
}

const ENGLISH: Labels = Labels {
    severity: "severity  ",
    category: "category  ",
    each: "each      ",
    when: "when      ",
    at: "at        ",
    message: "message   ",
    help: "help      ",
    defined: "defined   ",
};

// Each label is 10 columns wide, as the English ones (a kanji is two).
const JAPANESE: Labels = Labels {
    severity: "重大度    ",
    category: "分類      ",
    each: "対象      ",
    when: "条件      ",
    at: "指摘箇所  ",
    message: "文言      ",
    help: "対処      ",
    defined: "定義      ",
};

fn describe(rule: &Rule, lang: Lang) -> String {
    let labels = lang.pick(&ENGLISH, &JAPANESE);
    let severity = rule
        .severity
        .map_or(lang.pick("off", "無効"), |s| s.name(lang));
    let mut out = format!("{} {}\n\n", rule.id, rule.slug);
    out.push_str(&format!("  {}{severity}\n", labels.severity));
    out.push_str(&format!(
        "  {}{}\n",
        labels.category,
        category(&rule.category, lang)
    ));
    if let Some(each) = &rule.each_text {
        out.push_str(&format!("  {}{each}\n", labels.each));
    }
    out.push_str(&format!("  {}{}\n", labels.when, rule.when_text));
    if !rule.at_text.is_empty() {
        out.push_str(&format!("  {}{}\n", labels.at, rule.at_text));
    }
    let (message, help) = match lang {
        Lang::En => (Some(&rule.message_source), rule.help_source.as_ref()),
        Lang::Ja => (
            rule.ja_message_source
                .as_ref()
                .or(Some(&rule.message_source)),
            rule.ja_help_source.as_ref().or(rule.help_source.as_ref()),
        ),
    };
    if let Some(message) = message {
        out.push_str(&format!("  {}{message}\n", labels.message));
    }
    if let Some(help) = help {
        out.push_str(&format!("  {}{help}\n", labels.help));
    }
    out.push_str(&format!(
        "  {}{}:{}\n",
        labels.defined, rule.origin, rule.line
    ));
    if let Some(doc) = &rule.doc {
        out.push('\n');
        if lang == Lang::Ja {
            out.push_str("（以下の解説は英語のみです）\n\n");
        }
        out.push_str(doc);
        out.push('\n');
    }
    out
}

/// A category in the words of `lang`: the built-in ones have Japanese names, a
/// custom rule set's own categories are shown as written.
fn category(category: &str, lang: Lang) -> String {
    let ja = match category {
        "pricing" => "料金",
        "security" => "情報セキュリティ",
        "service" => "業務範囲",
        "staffing" => "人員体制",
        "recruiting" => "採用",
        "kpi" => "KPI",
        "term" => "契約期間",
        "data" => "データ",
        "custom" => "独自ルール",
        _ => return category.to_string(),
    };
    match lang {
        Lang::En => category.to_string(),
        Lang::Ja => format!("{ja} ({category})"),
    }
}

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    slug: &'a str,
    severity: &'a str,
    default_severity: &'a str,
    category: &'a str,
    message: &'a str,
    origin: &'a str,
}

pub(super) fn list(json: bool, args: &RuleArgs, lang: Lang, io: &mut Io<'_>) -> CommandResult {
    let rules = match load_rules(args, io) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let out = if json {
        let listed: Vec<Listed<'_>> = rules
            .rules()
            .iter()
            .map(|r| Listed {
                id: &r.id,
                slug: &r.slug,
                severity: r.severity.map_or("off", |s| s.as_str()),
                default_severity: r.default_severity.map_or("off", |s| s.as_str()),
                category: &r.category,
                message: match lang {
                    Lang::En => &r.message_source,
                    Lang::Ja => r.ja_message_source.as_ref().unwrap_or(&r.message_source),
                },
                origin: &r.origin,
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&listed)?;
        text.push('\n');
        text
    } else {
        let mut text = String::new();
        for r in rules.rules() {
            let severity = r
                .severity
                .map_or(lang.pick("off", "無効"), |s| s.name(lang));
            // Padded by display width: a kanji takes two columns.
            let pad = 8usize.saturating_sub(UnicodeWidthStr::width(severity));
            text.push_str(&format!(
                "{:<8} {:<36} {severity}{:pad$} {}\n",
                r.id,
                r.slug,
                "",
                category(&r.category, lang)
            ));
        }
        let count = rules.rules().len();
        text.push_str(&lang.pick(format!("{count} rules\n"), format!("{count} 件のルール\n")));
        text
    };
    io.stdout.write_all(out.as_bytes())?;
    Ok(exit::CLEAN)
}
