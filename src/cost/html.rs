//! `compare --format html`: the comparison as one self-contained page for people who
//! do not use a terminal — the table, the chart, the break-evens in words.
//!
//! Written through maud, which escapes every value it interpolates: vendor names and
//! contract ids are untrusted text.  No network: the style is inline, there is no
//! script, and the chart is inline SVG.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::chart;
use super::compare::Comparison;
use super::report::{break_even, label, money};
use super::words;
use crate::lang::Lang;

/// The page's style: plain, readable in print, Japanese fonts first where present.
const STYLE: &str = r#"
body { font-family: system-ui, "Hiragino Sans", "IPAGothic", "Noto Sans CJK JP", sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid #e3e3e3; text-align: right; }
th:first-child, td:first-child, td.name { text-align: left; }
td:not(.name):not(:first-child) { white-space: nowrap; }
tr.cheapest { background: #eaf6ee; font-weight: 600; }
.badge { background: #1f7a3a; color: #fff; border-radius: .3rem; padding: 0 .4rem; font-size: .8rem; }
.warning { background: #fff4e0; border-left: 4px solid #e69f00; padding: .5rem .8rem; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.swatch { display: inline-block; width: 1.5rem; height: .3rem; vertical-align: middle; margin-right: .4rem; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; }
.muted { color: #555; }
"#;

/// The whole page.
#[must_use]
pub fn page(c: &Comparison, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let t = |en: &'static str, ja_text: &'static str| if ja { ja_text } else { en };
    let at = words::volume(c.forecast, lang);
    let svg = chart::svg(c, lang).unwrap_or_default();
    let markup: Markup = html! {
        (DOCTYPE)
        html lang=(if ja { "ja" } else { "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (t("Quote comparison", "見積比較")) " — termlint" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (t("Quote comparison", "見積比較")) }
                p.muted #footing {
                    @if ja {
                        (at) "で比較（" (words::basis(c.tax, lang)) "、単位 " (c.currency) "）"
                    } @else {
                        "Compared at " (at) " (" (words::basis(c.tax, lang)) ", in " (c.currency) ")"
                    }
                }
                @for w in &c.warnings {
                    p.warning { (words::warning(w, lang)) }
                }
                (table(c, lang))
                h2 { (t("Monthly cost against volume", "件数ごとの月額")) }
                figure #chart {
                    (PreEscaped(svg))
                    figcaption {
                        ul.legend {
                            @for (n, q) in c.quotes.iter().enumerate() {
                                @if q.costs.is_some() {
                                    li data-quote=(q.id) data-colour=(chart::colour(n)) {
                                        span.swatch style=(format!("background:{}", chart::colour(n))) {}
                                        (label(q))
                                    }
                                }
                            }
                        }
                    }
                }
                @if !c.break_evens.is_empty() {
                    h2 { (t("Break-evens", "損益分岐点")) }
                    ul #break-evens {
                        @for b in &c.break_evens {
                            li.break-even data-above=(b.above) { (break_even(c, b, lang)) }
                        }
                    }
                }
                h2 { (t("If the forecast is wrong", "想定件数が外れた場合")) }
                (scenarios(c, lang))
                h2 { (t("The month's bill at the forecast", "想定件数での月額の内訳")) }
                (bills(c, lang))
                @if c.quotes.iter().any(|q| q.costs.is_none()) {
                    h2 { (t("Not costed", "試算できない見積")) }
                    ul #not-costed {
                        @for q in c.quotes.iter().filter(|q| q.costs.is_none()) {
                            @for g in &q.gaps {
                                li data-quote=(q.id) { strong { (label(q)) } ": " (words::gap(g, lang)) }
                            }
                        }
                    }
                }
                @if c.quotes.iter().any(|q| !q.notes.is_empty()) {
                    h2 { (t("Notes", "注記")) }
                    ul #notes {
                        @for q in &c.quotes {
                            @for n in &q.notes {
                                li { strong { (label(q)) } ": " (words::note(n, c.tax, lang)) }
                            }
                        }
                    }
                }
                p.muted { (t("Made by termlint compare.", "termlint compare で作成しました。")) }
            }
        }
    };
    markup.into_string()
}

fn table(c: &Comparison, lang: Lang) -> Markup {
    let ja = lang == Lang::Ja;
    let t = |en: &'static str, ja_text: &'static str| if ja { ja_text } else { en };
    html! {
        table #quotes {
            thead {
                tr {
                    th { (t("Quote", "見積")) }
                    th { (t("Vendor", "委託先")) }
                    th { (t("Initial", "初期費用")) }
                    th { (t("Monthly", "月額")) }
                    th { (t("Per contact", "1 件あたり")) }
                    th { (t("12 months", "12 か月")) }
                    th { (t("24 months", "24 か月")) }
                    th { (t("36 months", "36 か月")) }
                    th { (t("Minimum term", "最低契約期間")) }
                }
            }
            tbody {
                @for (i, q) in c.quotes.iter().enumerate() {
                    tr.quote.cheapest[c.cheapest == Some(i)] data-quote=(q.id) {
                        td {
                            (q.id)
                            @if c.cheapest == Some(i) {
                                " " span.badge { (t("cheapest", "最安")) }
                            }
                        }
                        td.name { (q.vendor.as_deref().unwrap_or("")) }
                        @if let Some(k) = &q.costs {
                            td { (money(k.initial, c, lang)) }
                            td.monthly { (money(k.monthly, c, lang)) }
                            td { (k.cpc.map_or("-".to_string(), |v| money(v, c, lang))) }
                            @for total in &k.totals {
                                td { (money(total.amount, c, lang)) }
                            }
                            td {
                                @if let Some(term) = k.minimum_term {
                                    (term.months) (t(" months: ", " か月: ")) (money(term.amount, c, lang))
                                } @else { "-" }
                            }
                        } @else {
                            td.name colspan="7" { (t("not costed (see below)", "試算できません（下記参照）")) }
                        }
                    }
                }
            }
        }
    }
}

fn scenarios(c: &Comparison, lang: Lang) -> Markup {
    let ja = lang == Lang::Ja;
    html! {
        table #scenarios {
            thead {
                tr {
                    th { (if ja { "想定との差" } else { "Change" }) }
                    th { (if ja { "件数" } else { "Volume" }) }
                    th { (if ja { "最も安い見積" } else { "Cheapest" }) }
                    th { (if ja { "月額" } else { "Monthly" }) }
                }
            }
            tbody {
                @for s in &c.scenarios {
                    tr {
                        td { (s.change) }
                        td { (words::volume(s.volume, lang)) }
                        @if let Some(i) = s.cheapest {
                            td.name { (label(&c.quotes[i])) }
                            td { (money(s.monthly[i].unwrap_or(0), c, lang)) }
                        } @else {
                            td { "-" } td { "-" }
                        }
                    }
                }
            }
        }
    }
}

fn bills(c: &Comparison, lang: Lang) -> Markup {
    html! {
        @for q in c.quotes.iter() {
            @if let Some(k) = &q.costs {
                details.bill data-quote=(q.id) open {
                    summary { (label(q)) ": " (money(k.monthly, c, lang)) }
                    table {
                        @for line in k.breakdown.iter().filter(|l| l.amount != 0) {
                            tr { td { (words::line(&line.kind, lang)) } td { (money(line.amount, c, lang)) } }
                        }
                        @if let Some(cpa) = k.cpa {
                            tr { td { (if lang == Lang::Ja { "成果 1 件あたり" } else { "per result" }) } td { (money(cpa, c, lang)) } }
                        }
                    }
                }
            }
        }
    }
}
