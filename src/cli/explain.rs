//! `termlint explain RULE` and `termlint rules`.

use serde::Serialize;

use super::{exit, load_rules, Io, RuleArgs};
use crate::codes::DocCode;
use crate::rules::Rule;
use crate::suggest::closest;

pub(super) fn explain(name: &str, args: &RuleArgs, io: &mut Io<'_>) -> Result<i32, String> {
    let rules = match load_rules(args, io) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let mut out = String::new();
    if let Some(code) = DocCode::lookup(name) {
        out.push_str(&format!(
            "{} {} ({})\n\n{}\n\nA document check: it is reported by the parser and schema, and cannot be waived.\n",
            code.id(),
            code.slug(),
            code.severity(),
            code.summary()
        ));
    } else if let Some(rule) = rules.find(name) {
        out.push_str(&describe(rule));
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
    io.stdout
        .write_all(out.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(exit::CLEAN)
}

fn describe(rule: &Rule) -> String {
    let severity = rule.severity.map_or("off", |s| s.as_str());
    let mut out = format!("{} {}\n\n", rule.id, rule.slug);
    out.push_str(&format!(
        "  severity  {severity}\n  category  {}\n",
        rule.category
    ));
    if let Some(each) = &rule.each_text {
        out.push_str(&format!("  each      {each}\n"));
    }
    out.push_str(&format!("  when      {}\n", rule.when_text));
    if !rule.at_text.is_empty() {
        out.push_str(&format!("  at        {}\n", rule.at_text));
    }
    out.push_str(&format!("  message   {}\n", rule.message_source));
    if let Some(help) = &rule.help_source {
        out.push_str(&format!("  help      {help}\n"));
    }
    out.push_str(&format!("  defined   {}:{}\n", rule.origin, rule.line));
    if let Some(doc) = &rule.doc {
        out.push('\n');
        out.push_str(doc);
        out.push('\n');
    }
    out
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

pub(super) fn list(json: bool, args: &RuleArgs, io: &mut Io<'_>) -> Result<i32, String> {
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
                message: &r.message_source,
                origin: &r.origin,
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&listed).map_err(|e| e.to_string())?;
        text.push('\n');
        text
    } else {
        let mut text = String::new();
        for r in rules.rules() {
            let severity = r.severity.map_or("off", |s| s.as_str());
            text.push_str(&format!(
                "{:<8} {:<36} {:<8} {}\n",
                r.id, r.slug, severity, r.category
            ));
        }
        text.push_str(&format!("{} rules\n", rules.rules().len()));
        text
    };
    io.stdout
        .write_all(out.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(exit::CLEAN)
}
