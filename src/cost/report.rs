//! The comparison as a table for people (`--format human`) and as CSV.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::compare::{Comparison, QuoteCost};
use super::money::{Micros, Shown, MICROS};
use super::words;
use crate::lang::Lang;

/// How a quote is named in sentences: its vendor, else its contract id.
#[must_use]
pub fn label(quote: &QuoteCost) -> &str {
    quote.vendor.as_deref().unwrap_or(&quote.id)
}

/// An amount in whole minor units, shown with its currency.
#[must_use]
pub fn money(minor: i128, comparison: &Comparison, lang: Lang) -> String {
    Shown {
        amount: Micros(minor * MICROS),
        currency: comparison.currency,
        lang,
    }
    .to_string()
}

/// An amount in whole minor units, digits grouped, without the currency (a column
/// whose heading names it).
fn figure(minor: i128, comparison: &Comparison) -> String {
    super::money::figure(minor, comparison.currency)
}

/// Pads `text` to `width` terminal columns (kanji count two).
fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// The table and what follows it, for a terminal.
#[must_use]
pub fn human(c: &Comparison, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let at = words::volume(c.forecast, lang);
    let _ = writeln!(
        out,
        "{}",
        if ja {
            format!(
                "{at}で比較（{}、単位 {}）",
                words::basis(c.tax, lang),
                c.currency
            )
        } else {
            format!(
                "Quotes compared at {at} ({}, in {})",
                words::basis(c.tax, lang),
                c.currency
            )
        }
    );
    out.push('\n');
    table(c, lang, &mut out);

    if let Some(i) = c.cheapest {
        let q = &c.quotes[i];
        let monthly = q.costs.as_ref().map_or(0, |k| k.monthly);
        let _ = writeln!(
            out,
            "\n{}",
            if ja {
                format!(
                    "* {at}で最も安いのは {}（月額 {}）",
                    label(q),
                    money(monthly, c, lang)
                )
            } else {
                format!(
                    "* cheapest at {at}: {} ({} a month)",
                    label(q),
                    money(monthly, c, lang)
                )
            }
        );
    }
    bills(c, lang, &mut out);
    if !c.break_evens.is_empty() {
        let _ = writeln!(out, "\n{}", if ja { "損益分岐点" } else { "Break-evens" });
        for b in &c.break_evens {
            let _ = writeln!(out, "  {}", break_even(c, b, lang));
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if ja {
            "想定件数が外れた場合"
        } else {
            "If the forecast is wrong"
        }
    );
    for s in &c.scenarios {
        let cheapest = s.cheapest.map(|i| {
            let cost = s.monthly[i].unwrap_or(0);
            (label(&c.quotes[i]), money(cost, c, lang))
        });
        let line = match (lang, cheapest) {
            (Lang::En, Some((name, cost))) => format!(
                "  {} ({}): cheapest is {name} ({cost} a month)",
                s.change,
                words::volume(s.volume, lang)
            ),
            (Lang::Ja, Some((name, cost))) => format!(
                "  {}（{}）: 最も安いのは {name}（月額 {cost}）",
                s.change,
                words::volume(s.volume, lang)
            ),
            (_, None) => format!("  {}: -", s.change),
        };
        let _ = writeln!(out, "{line}");
    }
    let uncosted: Vec<&QuoteCost> = c.quotes.iter().filter(|q| q.costs.is_none()).collect();
    if !uncosted.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if ja {
                "試算できない見積"
            } else {
                "Not costed"
            }
        );
        for q in uncosted {
            for g in &q.gaps {
                let _ = writeln!(out, "  {}: {}", q.id, words::gap(g, lang));
            }
        }
    }
    let noted: Vec<&QuoteCost> = c.quotes.iter().filter(|q| !q.notes.is_empty()).collect();
    if !noted.is_empty() {
        let _ = writeln!(out, "\n{}", if ja { "注記" } else { "Notes" });
        for q in noted {
            for n in &q.notes {
                let _ = writeln!(out, "  {}: {}", q.id, words::note(n, c.tax, lang));
            }
        }
    }
    for w in &c.warnings {
        let _ = writeln!(
            out,
            "\n{} {}",
            if ja { "注意:" } else { "warning:" },
            words::warning(w, lang)
        );
    }
    out
}

/// "B is cheaper than A above 5,400 contacts a month."
#[must_use]
pub fn break_even(c: &Comparison, b: &super::compare::BreakEven, lang: Lang) -> String {
    let (cheaper, dearer) = (label(&c.quotes[b.cheaper]), label(&c.quotes[b.dearer]));
    match lang {
        Lang::En => format!(
            "{cheaper} is cheaper than {dearer} above {}.",
            words::volume(b.above, lang)
        ),
        Lang::Ja => format!(
            "{}を超えると {cheaper} のほうが {dearer} より安くなります。",
            words::volume(b.above, lang)
        ),
    }
}

/// The quotes, one row each.
fn table(c: &Comparison, lang: Lang, out: &mut String) {
    let ja = lang == Lang::Ja;
    let headings: Vec<String> = [
        ("quote", "見積"),
        ("initial", "初期費用"),
        ("monthly", "月額"),
        ("per contact", "1 件あたり"),
        ("12 months", "12 か月"),
        ("24 months", "24 か月"),
        ("36 months", "36 か月"),
        ("minimum term", "最低契約期間"),
    ]
    .iter()
    .map(|(en, j)| if ja { *j } else { *en }.to_string())
    .collect();
    let mut rows: Vec<Vec<String>> = vec![headings];
    // The heading of the name column stands over the names, not their marks.
    rows[0][0] = format!("  {}", rows[0][0]);
    for (i, q) in c.quotes.iter().enumerate() {
        let mark = if c.cheapest == Some(i) { "* " } else { "  " };
        let mut row = vec![format!("{mark}{}", q.id)];
        match &q.costs {
            Some(k) => {
                row.push(figure(k.initial, c));
                row.push(figure(k.monthly, c));
                row.push(k.cpc.map_or("-".into(), |v| figure(v, c)));
                for t in &k.totals {
                    row.push(figure(t.amount, c));
                }
                row.push(k.minimum_term.map_or("-".into(), |t| {
                    if ja {
                        format!("{} か月 {}", t.months, figure(t.amount, c))
                    } else {
                        format!("{} mo {}", t.months, figure(t.amount, c))
                    }
                }));
            }
            None => row.push(
                if ja {
                    "試算できません"
                } else {
                    "not costed"
                }
                .to_string(),
            ),
        }
        rows.push(row);
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|col| {
            rows.iter()
                .filter(|r| col == 0 || r.len() > 2)
                .filter_map(|r| r.get(col))
                .map(|t| t.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            if col > 0 {
                line.push_str("  ");
            }
            // Names read left to right; figures line up on the right.  A quote that
            // is not costed says so in one cell after its name.
            let figure_column = col > 0 && row.len() > 2;
            line.push_str(&pad(cell, widths[col], figure_column));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// Each costed quote's bill at the forecast, line by line.
fn bills(c: &Comparison, lang: Lang, out: &mut String) {
    let ja = lang == Lang::Ja;
    let _ = writeln!(
        out,
        "\n{}",
        if ja {
            format!("{}の月額の内訳", words::volume(c.forecast, lang))
        } else {
            format!("The month's bill at {}", words::volume(c.forecast, lang))
        }
    );
    for q in &c.quotes {
        let Some(k) = &q.costs else { continue };
        let mut parts: Vec<String> = k
            .breakdown
            .iter()
            .filter(|l| l.amount != 0)
            .map(|l| {
                format!(
                    "{} {}",
                    words::line(&l.kind, lang),
                    money(l.amount, c, lang)
                )
            })
            .collect();
        if parts.is_empty() {
            parts.push(money(0, c, lang));
        }
        let mut extra = String::new();
        if let Some(cpa) = k.cpa {
            extra = if ja {
                format!("（成果 1 件あたり {}）", money(cpa, c, lang))
            } else {
                format!(" (per result {})", money(cpa, c, lang))
            };
        }
        let _ = writeln!(
            out,
            "  {}: {}{}",
            q.id,
            parts.join(if ja { "、" } else { ", " }),
            extra
        );
    }
}

/// The quotes as CSV, one row each: figures in whole minor units, an empty cell for
/// what a quote does not have.  A cell that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) is prefixed with `'`: a vendor name is untrusted text.
#[must_use]
pub fn csv(c: &Comparison, lang: Lang) -> String {
    let mut out = String::from(
        "quote,vendor,file,currency,forecast,cheapest,initial,monthly,cost_per_contact,cost_per_result,minimum_term_months,minimum_term_total,total_12_months,total_24_months,total_36_months,not_costed_because\n",
    );
    for (i, q) in c.quotes.iter().enumerate() {
        let n = |v: Option<i128>| v.map(|v| v.to_string()).unwrap_or_default();
        let k = q.costs.as_ref();
        let total = |months| {
            k.and_then(|k| k.totals.iter().find(|t| t.months == months))
                .map(|t| t.amount)
        };
        let gaps: Vec<String> = q.gaps.iter().map(|g| words::gap(g, lang)).collect();
        let cells = [
            q.id.clone(),
            q.vendor.clone().unwrap_or_default(),
            q.file.clone(),
            c.currency.to_string(),
            c.forecast.to_string(),
            (c.cheapest == Some(i)).to_string(),
            n(k.map(|k| k.initial)),
            n(k.map(|k| k.monthly)),
            n(k.and_then(|k| k.cpc)),
            n(k.and_then(|k| k.cpa)),
            n(k.and_then(|k| k.minimum_term).map(|t| t.months)),
            n(k.and_then(|k| k.minimum_term).map(|t| t.amount)),
            n(total(12)),
            n(total(24)),
            n(total(36)),
            gaps.join("; "),
        ];
        let row: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// One CSV cell, quoted when it must be (RFC 4180), defused when a spreadsheet would
/// read it as a formula.
fn csv_cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@']) && text.parse::<i128>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1500"), "-1500");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    }
}
