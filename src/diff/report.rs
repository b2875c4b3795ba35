//! `termlint diff`'s output: for a terminal, for a pull-request comment (markdown),
//! and JSON.

use std::fmt::Write as _;

use super::changes::{ClauseChange, ContractDiff, CostChange, Diff, ExpiringWaiver, Shown, Status};
use crate::lang::Lang;
use crate::severity::Severity;

/// Totals over every contract.
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    introduced: usize,
    resolved: usize,
    waived: usize,
    severity: usize,
    unchanged: usize,
    changed: usize,
}

fn totals(diff: &Diff) -> Totals {
    let mut t = Totals {
        unchanged: diff.unchanged,
        ..Totals::default()
    };
    for c in &diff.contracts {
        t.introduced += c.introduced.len();
        t.resolved += c.resolved.len();
        t.waived += c.waived.len();
        t.severity += c.severity_changed.len();
        if c.status != Status::Unchanged {
            t.changed += 1;
        }
    }
    t
}

/// The last line of every format: what the change did, in one sentence.
fn summary(diff: &Diff, lang: Lang) -> String {
    let t = totals(diff);
    lang.pick(
        format!(
            "{} changed; findings: {} introduced, {} resolved, {} newly waived, {} changed severity, {} unchanged",
            plural(t.changed, "contract"),
            t.introduced,
            t.resolved,
            t.waived,
            t.severity,
            t.unchanged
        ),
        format!(
            "変更された契約 {} 件。指摘: 新規 {} 件、解消 {} 件、新たに免除 {} 件、重大度の変更 {} 件、変化なし {} 件",
            t.changed, t.introduced, t.resolved, t.waived, t.severity, t.unchanged
        ),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn status(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Added, Lang::En) => "added",
        (Status::Removed, Lang::En) => "removed",
        (Status::Changed, Lang::En) => "changed",
        (Status::Unchanged, Lang::En) => "moved or reformatted, nothing that counts changed",
        (Status::Added, Lang::Ja) => "追加",
        (Status::Removed, Lang::Ja) => "削除",
        (Status::Changed, Lang::Ja) => "変更",
        (Status::Unchanged, Lang::Ja) => "移動・整形のみ、内容の変更なし",
    }
}

/// What happened to a finding, for the formats to label.
#[derive(Clone, Copy)]
enum Change {
    New,
    Resolved,
    Waived,
    Severity(Severity),
}

/// A contract's findings that changed, in the order every format lists them.
fn changed_findings(c: &ContractDiff) -> impl Iterator<Item = (Change, &Shown)> {
    let introduced = c.introduced.iter().map(|f| (Change::New, f));
    let resolved = c.resolved.iter().map(|f| (Change::Resolved, f));
    let waived = c.waived.iter().map(|f| (Change::Waived, f));
    let severity = c
        .severity_changed
        .iter()
        .map(|s| (Change::Severity(s.old), &s.finding));
    introduced.chain(resolved).chain(waived).chain(severity)
}

/// `pricing.overage: tbd → 250 JPY / call`, `+ pricing.fee["GDS"]: tbd`.
fn clause_line(change: &ClauseChange) -> String {
    match (&change.old, &change.new) {
        (Some(old), Some(new)) => format!("~ {}: {old} → {new}", change.path),
        (None, Some(new)) => format!("+ {}: {new}", change.path),
        (Some(old), None) => format!("- {}: {old}", change.path),
        (None, None) => String::new(),
    }
}

/// `+ new error TL104 undecided-charge at harbor.terms:30 (`night_premium tbd`): …`;
/// in Japanese the place and the clause go in one pair of brackets,
/// `+ 新規 エラー TL104 undecided-charge（harbor.terms:30、`night_premium tbd`）：…`.
fn finding_line(sign: &str, f: &Shown, lang: Lang) -> String {
    let head = format!("{sign} {} {} {}", f.severity.name(lang), f.rule, f.slug);
    let (file, line, message) = (&f.file, f.line, &f.message);
    match lang {
        Lang::En => format!("{head} at {file}:{line}{}: {message}", clause_note(f)),
        Lang::Ja if f.clause.is_empty() => format!("{head}（{file}:{line}）：{message}"),
        Lang::Ja => format!("{head}（{file}:{line}、`{}`）：{message}", f.clause),
    }
}

/// ` (`night_premium tbd`)`: the clause a finding quotes, when it quotes one.
fn clause_note(f: &Shown) -> String {
    if f.clause.is_empty() {
        String::new()
    } else {
        format!(" (`{}`)", f.clause)
    }
}

/// For a terminal.
#[must_use]
pub fn human(diff: &Diff, lang: Lang) -> String {
    let mut out = String::new();
    for c in &diff.contracts {
        let status = status(c.status, lang);
        let _ = match lang {
            Lang::En => writeln!(out, "{} [{}] ({status})", c.file, c.id),
            Lang::Ja => writeln!(out, "{} [{}]（{status}）", c.file, c.id),
        };
        if !c.clauses.is_empty() {
            let _ = writeln!(out, "  {}", lang.pick("terms:", "条項:"));
            for change in &c.clauses {
                let _ = writeln!(out, "    {}", clause_line(change));
            }
        }
        if let Some(cost) = &c.cost {
            let _ = writeln!(out, "  {}", cost_line(cost, lang));
        }
        for w in &c.waivers_expiring {
            let _ = writeln!(out, "  {}", expiring_line(w, lang));
        }
        let any = !(c.introduced.is_empty()
            && c.resolved.is_empty()
            && c.waived.is_empty()
            && c.severity_changed.is_empty());
        if any {
            let _ = writeln!(out, "  {}", lang.pick("findings:", "指摘:"));
        }
        for (change, f) in changed_findings(c) {
            let sign = match change {
                Change::New => lang.pick("+ new", "+ 新規").to_string(),
                Change::Resolved => lang.pick("- resolved", "- 解消").to_string(),
                Change::Waived => lang.pick("- waived", "- 免除").to_string(),
                Change::Severity(old) => lang.pick(
                    format!("~ was {}, now", old.name(lang)),
                    format!("~ 重大度 {} →", old.name(lang)),
                ),
            };
            let _ = writeln!(out, "    {}", finding_line(&sign, f, lang));
        }
        out.push('\n');
    }
    out.push_str(&summary(diff, lang));
    out.push('\n');
    out
}

/// `monthly cost at the forecast: 725,000 JPY → 680,000 JPY (-45,000 JPY)`.
fn cost_line(cost: &CostChange, lang: Lang) -> String {
    let money = |minor: i128| {
        crate::cost::money::Shown {
            amount: crate::cost::money::Micros(minor * crate::cost::money::MICROS),
            currency: cost.currency,
            lang,
        }
        .to_string()
    };
    let side = |minor: Option<i128>| {
        minor.map_or_else(
            || lang.pick("not costed", "試算できません").to_string(),
            money,
        )
    };
    let change = match (cost.old, cost.new) {
        (Some(old), Some(new)) => {
            let sign = if new > old { "+" } else { "" };
            format!(" ({sign}{})", money(new - old))
        }
        _ => String::new(),
    };
    let (old, new) = (side(cost.old), side(cost.new));
    lang.pick(
        format!("monthly cost at the forecast: {old} → {new}{change}"),
        format!(
            "想定件数での月額: {old} → {new}{}",
            change.replace(" (", "（").replace(')', "）")
        ),
    )
}

/// `waiver long-lock-in expires 2027-01-31, in 12 days`.
fn expiring_line(w: &ExpiringWaiver, lang: Lang) -> String {
    lang.pick(
        format!(
            "waiver {} expires {}, in {}: extend it or fix the finding",
            w.rule,
            w.expires,
            plural(usize::try_from(w.days).unwrap_or(0), "day")
        ),
        format!(
            "免除 {} は {} に期限切れになります（あと {} 日）。延長するか指摘を解消してください",
            w.rule, w.expires, w.days
        ),
    )
}

/// For a pull-request comment: a table of what changed in the findings, one of what
/// changed in the terms, and the unchanged findings folded away.  Contract text is
/// escaped: a vendor name is untrusted and must not become markup.
#[must_use]
pub fn markdown(diff: &Diff, lang: Lang) -> String {
    let t = totals(diff);
    let mut out = String::new();
    let _ = writeln!(out, "### termlint diff\n");
    let _ = writeln!(out, "{}\n", escape(&summary(diff, lang)));
    if t.introduced + t.resolved + t.waived + t.severity > 0 {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "| | severity | rule | contract | finding |\n|---|---|---|---|---|",
                "| | 重大度 | ルール | 契約 | 指摘 |\n|---|---|---|---|---|"
            )
        );
        for c in &diff.contracts {
            let rows = changed_findings(c).map(|(change, f)| {
                let what = match change {
                    Change::New => lang.pick("🆕 new", "🆕 新規"),
                    Change::Resolved => lang.pick("✅ resolved", "✅ 解消"),
                    Change::Waived => lang.pick("☑️ waived", "☑️ 免除"),
                    Change::Severity(_) => lang.pick("⚠️ severity", "⚠️ 重大度"),
                };
                (what, f)
            });
            for (what, f) in rows {
                let _ = writeln!(
                    out,
                    "| {what} | {} | `{}` {} | {} | {}{} ({}:{}) |",
                    f.severity.name(lang),
                    f.rule,
                    escape(&f.slug),
                    escape(&c.id),
                    escape(&f.message),
                    escape(&clause_note(f)),
                    escape(&f.file),
                    f.line
                );
            }
        }
        out.push('\n');
    }
    let changed: Vec<&ContractDiff> = diff
        .contracts
        .iter()
        .filter(|c| !c.clauses.is_empty())
        .collect();
    if !changed.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "| contract | clause | before | after |\n|---|---|---|---|",
                "| 契約 | 条項 | 変更前 | 変更後 |\n|---|---|---|---|"
            )
        );
        for c in changed {
            for change in &c.clauses {
                let cell = |v: &Option<String>| {
                    v.as_deref()
                        .map_or_else(|| "—".to_string(), |v| format!("`{}`", escape(v)))
                };
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} |",
                    escape(&c.id),
                    escape(&change.path),
                    cell(&change.old),
                    cell(&change.new)
                );
            }
        }
        out.push('\n');
    }
    for c in &diff.contracts {
        if let Some(cost) = &c.cost {
            let _ = writeln!(
                out,
                "- {}: {}",
                escape(&c.id),
                escape(&cost_line(cost, lang))
            );
        }
        for w in &c.waivers_expiring {
            let _ = writeln!(
                out,
                "- {}: {}",
                escape(&c.id),
                escape(&expiring_line(w, lang))
            );
        }
    }
    if diff
        .contracts
        .iter()
        .any(|c| !c.waivers_expiring.is_empty() || c.cost.is_some())
    {
        out.push('\n');
    }
    if !diff.unchanged_findings.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{}</summary>\n",
            lang.pick(
                format!("{} unchanged", plural(diff.unchanged, "finding")),
                format!("変わらない指摘 {} 件", diff.unchanged)
            )
        );
        for f in &diff.unchanged_findings {
            let _ = writeln!(
                out,
                "- {} `{}` {}: {} ({}:{})",
                f.severity.name(lang),
                f.rule,
                escape(&f.slug),
                escape(&f.message),
                escape(&f.file),
                f.line
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    out
}

/// Text safe in a markdown table cell and in GitHub's HTML: no `|`, no tags, no
/// line breaks, no backticks that would close a code span.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' => out.push('\''),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// JSON: the contracts and their changes, and the totals.
#[must_use]
pub fn json(diff: &Diff) -> String {
    let mut text = serde_json::to_string_pretty(diff).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn contract_text_cannot_become_markup() {
        assert_eq!(
            escape("<script>alert(1)</script> | `x`\nnext"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\| 'x' next"
        );
    }
}
