//! `--format html`: one self-contained page to hand to procurement — findings by
//! file, contract and severity, each with the clause it is about and the fix, and
//! the waivers that accepted a risk, with who accepted it and until when.
//!
//! Every contract string is untrusted text (a vendor writes its own name, a quote
//! is pasted in), so markup comes only from `maud` templates, which escape every
//! value they interpolate.  The page needs no network and no script: its style is
//! inline, its fonts the reader's own.
//!
//! Elements carry stable classes and `data-` attributes (`finding`,
//! `data-rule="TL102"`, `contract`, `data-contract="acme-2026"`) for tests and for
//! anyone who post-processes the page.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::{summary_line, Emitter, FileReport, RunReport, Summary};
use crate::diagnostic::{Finding, Waived};
use crate::lang::Lang;
use crate::severity::Severity;
use crate::span::LineIndex;

/// `--format html`.
#[derive(Debug, Clone, Copy)]
pub struct Html {
    pub lang: Lang,
    /// List the findings a waiver accepted, with the waiver (`--show-waived`).
    pub show_waived: bool,
    /// Only errors (`--quiet`).
    pub quiet: bool,
}

/// The most lines of a clause an excerpt shows: findings point at a clause's first
/// line, so more would be a whole section, not an excerpt.
const MAX_EXCERPT_LINES: usize = 4;

/// The page's style.  Fixed text, not a template: it holds no contract string.
/// The summary is written last (it is known only when every file has been
/// checked, and the run streams), and `order` shows it first.
const STYLE: &str = r#"
:root { color-scheme: light; --error: #b3261e; --warning: #8a5a00; --info: #1d5fa8; --waived: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "IPAGothic", "IPAPGothic", sans-serif; color: #1f1f1f; background: #f6f7f9; }
main { display: flex; flex-direction: column; gap: 1rem; max-width: 70rem; margin: 0 auto; padding: 1.5rem; }
main > h1 { order: -2; margin: 0; font-size: 1.6rem; }
.summary { order: -1; background: #fff; border: 1px solid #d9dce1; border-radius: 8px; padding: 1rem 1.25rem; }
.summary h2 { margin: 0 0 .5rem; font-size: 1.15rem; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0; }
.counts div { display: flex; flex-direction: column; }
.counts dt { font-size: .8rem; color: #5f6368; }
.counts dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
.count-error dd { color: var(--error); } .count-warning dd { color: var(--warning); } .count-info dd { color: var(--info); }
.file { background: #fff; border: 1px solid #d9dce1; border-radius: 8px; padding: 1rem 1.25rem; }
.file > h2 { margin: 0 0 .75rem; font-size: 1.1rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
.contract { border-top: 1px solid #e6e8eb; padding-top: .5rem; margin-top: .5rem; }
.contract > h3 { margin: .25rem 0 .5rem; font-size: 1.05rem; }
.group > h4 { margin: .75rem 0 .25rem; font-size: .95rem; }
.group.error > h4 { color: var(--error); } .group.warning > h4 { color: var(--warning); } .group.info > h4 { color: var(--info); } .group.waived > h4 { color: var(--waived); }
ol.findings { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .6rem; }
.finding { border-left: 4px solid var(--info); background: #fafbfc; border-radius: 4px; padding: .5rem .75rem; }
.finding[data-severity="error"] { border-color: var(--error); }
.finding[data-severity="warning"] { border-color: var(--warning); }
.finding.waived { border-color: var(--waived); }
.finding-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; font-size: .85rem; }
.severity { font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.finding[data-severity="error"] .severity { color: var(--error); }
.finding[data-severity="warning"] .severity { color: var(--warning); }
.finding[data-severity="info"] .severity { color: var(--info); }
.rule, .slug { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.slug { color: #5f6368; }
.message { margin: .25rem 0; font-weight: 600; }
.excerpt { margin: .25rem 0; }
.excerpt figcaption { font-size: .8rem; color: #5f6368; }
.excerpt pre { margin: .15rem 0 0; padding: .4rem .6rem; background: #f0f2f5; border-radius: 4px; overflow-x: auto; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK JP", "IPAGothic", monospace; }
.line-number { display: inline-block; min-width: 3ch; margin-right: 1ch; color: #80868b; text-align: right; user-select: none; }
.excerpt mark { background: #fde68a; color: inherit; }
.help { margin: .25rem 0 0; }
.message code, .help code { font: .9em ui-monospace, "DejaVu Sans Mono", "IPAGothic", monospace; background: #eef0f3; padding: 0 .25em; border-radius: 3px; }
.help strong, .waiver dt { font-weight: 600; }
.waiver { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .35rem 0 0; font-size: .9rem; }
.waiver dd { margin: 0; }
.none { color: #5f6368; font-style: italic; }
@media print { body { background: #fff; } .file, .summary { border: none; padding: 0; } }
"#;

/// The page's words in one language.
struct Words {
    title: &'static str,
    summary: &'static str,
    files: &'static str,
    contracts: &'static str,
    errors: &'static str,
    warnings: &'static str,
    infos: &'static str,
    waived: &'static str,
    contract: &'static str,
    outside_contract: &'static str,
    severity_heading: fn(Severity) -> &'static str,
    /// A group's count, after its heading.
    count: fn(usize) -> String,
    fix: &'static str,
    line: fn(usize) -> String,
    reason: &'static str,
    approved_by: &'static str,
    expires: &'static str,
    not_named: &'static str,
    no_expiry: &'static str,
    no_findings: &'static str,
    hidden_waived: fn(usize) -> String,
}

const EN: Words = Words {
    title: "Contract review: termlint findings",
    summary: "Summary",
    files: "Files",
    contracts: "Contracts",
    errors: "Errors",
    warnings: "Warnings",
    infos: "Infos",
    waived: "Waived",
    contract: "Contract",
    outside_contract: "Outside any contract",
    severity_heading: |s| match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Infos",
    },
    count: |n| format!(" ({n})"),
    fix: "How to fix:",
    line: |n| format!("line {n}"),
    reason: "Reason",
    approved_by: "Approved by",
    expires: "Expires",
    not_named: "not named in the waiver",
    no_expiry: "no expiry date",
    no_findings: "No findings: every contract checked passes.",
    hidden_waived: |n| {
        format!(
            "{n} waived finding{} not listed; run with --show-waived to list {} with the waiver's reason, approver and expiry.",
            if n == 1 { " is" } else { "s are" },
            if n == 1 { "it" } else { "them" }
        )
    },
};

const JA: Words = Words {
    title: "契約書の検査結果（termlint）",
    summary: "概要",
    files: "ファイル",
    contracts: "契約",
    errors: "エラー",
    warnings: "警告",
    infos: "情報",
    waived: "適用除外",
    contract: "契約",
    outside_contract: "契約の外の記述",
    severity_heading: |s| s.name(Lang::Ja),
    count: |n| format!("（{n} 件）"),
    fix: "対処：",
    line: |n| format!("{n} 行目"),
    reason: "理由",
    approved_by: "承認者",
    expires: "期限",
    not_named: "記載なし",
    no_expiry: "期限なし",
    no_findings: "指摘事項はありません。検査したすべての契約が基準を満たしています。",
    hidden_waived: |n| {
        format!("適用除外の {n} 件は表示していません。理由・承認者・期限とともに表示するには --show-waived を付けて実行してください。")
    },
};

fn words(lang: Lang) -> &'static Words {
    lang.pick(&EN, &JA)
}

impl Emitter for Html {
    fn begin(&self) -> String {
        let w = words(self.lang);
        let head = html! {
            (DOCTYPE)
            // maud writes whole elements only: the page's outer tags are opened
            // here and closed in `end`, around the files streamed between them.
            (PreEscaped(self.lang.pick(r#"<html lang="en">"#, r#"<html lang="ja">"#)))
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="termlint";
                title { (w.title) }
                style { (PreEscaped(STYLE)) }
            }
            "\n"
            (PreEscaped("<body><main>"))
            h1 { (w.title) }
            "\n"
        };
        head.into_string()
    }

    fn file(&self, file: &FileReport, out: &mut String) {
        let groups = contracts(file, |f| self.shows(f));
        if groups.is_empty() {
            return;
        }
        let lines = LineIndex::new(&file.text);
        let page = Page {
            lang: self.lang,
            words: words(self.lang),
            file,
            lines: &lines,
        };
        out.push_str(&page.file(&groups).into_string());
    }

    fn end(&self, summary: &Summary) -> String {
        let markup = html! {
            (summary_section(summary, self.lang, self.show_waived))
            (PreEscaped("</main></body></html>\n"))
        };
        markup.into_string()
    }
}

impl Html {
    /// Whether the page lists `finding`: as the human report chooses.
    fn shows(&self, finding: &Finding) -> bool {
        if finding.waived.is_some() && !self.show_waived {
            return false;
        }
        !(self.quiet && finding.severity < Severity::Error)
    }
}

/// The findings of one contract of a file (or of none: a syntax error outside
/// every contract), in the order the file gives them.
struct ContractGroup<'a> {
    id: Option<&'a str>,
    findings: Vec<&'a Finding>,
}

/// The findings `shown` of `file`, by contract, contracts in the order of their first
/// finding.  A file's findings are sorted by offset, so a contract's are nearly
/// always next to each other: the last group is tried first.
fn contracts<'a>(file: &'a FileReport, shown: impl Fn(&Finding) -> bool) -> Vec<ContractGroup<'a>> {
    let mut groups: Vec<ContractGroup<'a>> = Vec::new();
    for finding in file.findings.iter().filter(|f| shown(f)) {
        let id = finding.contract.as_deref();
        let at = match groups.last() {
            Some(last) if last.id == id => Some(groups.len() - 1),
            _ => groups.iter().position(|g| g.id == id),
        };
        match at {
            Some(i) => groups[i].findings.push(finding),
            None => groups.push(ContractGroup {
                id,
                findings: vec![finding],
            }),
        }
    }
    groups
}

/// What rendering one file needs.
struct Page<'a> {
    lang: Lang,
    words: &'static Words,
    file: &'a FileReport,
    lines: &'a LineIndex,
}

impl Page<'_> {
    // Line ends between block elements: nothing for the browser, but the page's
    // source reads a finding a line, for a diff or a `grep`.
    fn file(&self, groups: &[ContractGroup<'_>]) -> Markup {
        html! {
            section.file data-file=(self.file.path) {
                h2 { (self.file.path) }
                "\n"
                @for group in groups {
                    (self.contract(group))
                }
            }
            "\n"
        }
    }

    /// One contract: its open findings by severity, then the ones waived.
    fn contract(&self, group: &ContractGroup<'_>) -> Markup {
        let w = self.words;
        let open = |severity| -> Vec<&Finding> {
            group
                .findings
                .iter()
                .copied()
                .filter(|f| f.waived.is_none() && f.severity == severity)
                .collect()
        };
        let waived: Vec<&Finding> = group
            .findings
            .iter()
            .copied()
            .filter(|f| f.waived.is_some())
            .collect();
        html! {
            section.contract data-contract=[group.id] {
                h3 {
                    @if let Some(id) = group.id {
                        (w.contract) " " q.contract-id { (id) }
                    } @else {
                        (w.outside_contract)
                    }
                }
                "\n"
                @for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                    (self.group(severity.as_str(), (w.severity_heading)(severity), &open(severity)))
                }
                (self.group("waived", w.waived, &waived))
            }
            "\n"
        }
    }

    /// A heading and its findings; nothing when there are none.
    fn group(&self, class: &str, heading: &str, findings: &[&Finding]) -> Markup {
        html! {
            @if !findings.is_empty() {
                section class={ "group " (class) } data-group=(class) {
                    h4 { (heading) ((self.words.count)(findings.len())) }
                    "\n"
                    ol.findings {
                        @for finding in findings { (self.finding(finding)) "\n" }
                    }
                }
                "\n"
            }
        }
    }

    fn finding(&self, f: &Finding) -> Markup {
        let w = self.words;
        html! {
            li class={ "finding" @if f.waived.is_some() { " waived" } }
                data-rule=(&*f.rule) data-slug=(&*f.slug) data-severity=(f.severity.as_str())
                data-waived=[f.waived.is_some().then_some("true")] {
                div.finding-head {
                    span.severity { (f.severity.name(self.lang)) }
                    code.rule { (&*f.rule) }
                    span.slug { (&*f.slug) }
                }
                p.message { (prose(&f.message)) }
                (self.excerpt(f))
                @if let Some(help) = &f.help {
                    p.help { strong { (w.fix) } " " (prose(help)) }
                }
                @if let Some(waived) = &f.waived {
                    (waiver(w, waived))
                }
            }
        }
    }

    /// The source lines of the finding's span, numbered, the span marked.
    fn excerpt(&self, f: &Finding) -> Markup {
        let text = &*self.file.text;
        let first = self.lines.line_of(f.span.start.min(text.len()));
        let lines = excerpt_lines(text, f.span.start, f.span.end);
        html! {
            figure.excerpt data-line=(first) {
                figcaption { (self.file.path) " — " ((self.words.line)(first)) }
                pre {
                    code {
                        @for (i, line) in lines.iter().enumerate() {
                            span.line-number { (first + i) }
                            (line.before) mark { (line.marked) } (line.after) "\n"
                        }
                    }
                }
            }
        }
    }
}

/// Text that quotes contract syntax in backticks, as rule messages and helps do
/// (`overage 200 JPY / call`): the quoted parts in `<code>`.  A text with an unpaired
/// backtick is shown as it is.
fn prose(text: &str) -> Markup {
    let parts: Vec<&str> = text.split('`').collect();
    html! {
        @if parts.len() % 2 == 0 {
            (text)
        } @else {
            @for (i, part) in parts.iter().enumerate() {
                @if i % 2 == 1 { code { (part) } } @else { (part) }
            }
        }
    }
}

/// Why a finding was accepted, who accepted it and until when.
fn waiver(w: &Words, waived: &Waived) -> Markup {
    html! {
        dl.waiver {
            dt { (w.reason) }
            dd.reason { (waived.reason) }
            dt { (w.approved_by) }
            @match &waived.approved_by {
                Some(who) => dd.approved-by { (who) },
                None => dd.approved-by.none { (w.not_named) },
            }
            dt { (w.expires) }
            @match waived.expires {
                Some(date) => dd.expires { time datetime=(date.to_string()) { (date.to_string()) } },
                None => dd.expires.none { (w.no_expiry) },
            }
        }
    }
}

/// The summary: the counts, and what the page leaves out.
fn summary_section(summary: &Summary, lang: Lang, show_waived: bool) -> Markup {
    let w = words(lang);
    let counts = [
        ("files", w.files, summary.files),
        ("contracts", w.contracts, summary.contracts),
        ("error", w.errors, summary.error),
        ("warning", w.warnings, summary.warning),
        ("info", w.infos, summary.info),
        ("waived", w.waived, summary.waived),
    ];
    let nothing = summary.error + summary.warning + summary.info + summary.waived == 0;
    html! {
        section.summary #summary {
            h2 { (w.summary) }
            dl.counts {
                @for (key, label, n) in counts {
                    div class={ "count-" (key) } data-count=(key) {
                        dt { (label) }
                        dd { (n) }
                    }
                }
            }
            p.summary-line { (summary_line(summary, lang)) }
            @if nothing {
                p.no-findings { (w.no_findings) }
            }
            @if summary.waived > 0 && !show_waived {
                p.hidden-waived { ((w.hidden_waived)(summary.waived)) }
            }
        }
        "\n"
    }
}

/// One line of an excerpt, split around the part the finding's span covers.
#[derive(Debug, PartialEq, Eq)]
struct ExcerptLine<'a> {
    before: &'a str,
    marked: &'a str,
    after: &'a str,
}

/// The lines of `text` that `start..end` touches (at most [`MAX_EXCERPT_LINES`]),
/// without line ends or a leading byte-order mark.
fn excerpt_lines(text: &str, start: usize, end: usize) -> Vec<ExcerptLine<'_>> {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let mut line_start = text[..floor_boundary(text, start)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut out = Vec::new();
    while out.len() < MAX_EXCERPT_LINES {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        out.push(split_line(text, line_start, line_end, start, end));
        if line_end >= end || line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    out
}

/// The line `line_start..line_end` of `text`, split at the span `start..end`.  A span
/// that does not fall on character boundaries (a file that was not UTF-8, shown
/// with replacement characters) marks nothing.
fn split_line(
    text: &str,
    line_start: usize,
    line_end: usize,
    start: usize,
    end: usize,
) -> ExcerptLine<'_> {
    let content_start = if line_start == 0 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        line_start
    };
    let line = &text[content_start..line_end];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let content_end = content_start + line.len();
    let a = start.clamp(content_start, content_end) - content_start;
    let b = end.clamp(content_start, content_end) - content_start;
    match (line.get(..a), line.get(a..b), line.get(b..)) {
        (Some(before), Some(marked), Some(after)) => ExcerptLine {
            before,
            marked,
            after,
        },
        _ => ExcerptLine {
            before: line,
            marked: "",
            after: "",
        },
    }
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Renders a whole run as one page.
#[must_use]
pub fn render(report: &RunReport, html: Html) -> String {
    super::render(&html, report)
}

#[cfg(test)]
mod tests {
    use super::{excerpt_lines, ExcerptLine};

    fn line<'a>(before: &'a str, marked: &'a str, after: &'a str) -> ExcerptLine<'a> {
        ExcerptLine {
            before,
            marked,
            after,
        }
    }

    #[test]
    fn an_excerpt_is_the_spanned_line_with_the_span_marked() {
        let text = "a {\n  overage tbd\n}\n";
        let at = text.find("tbd").unwrap();
        assert_eq!(
            excerpt_lines(text, at, at + 3),
            vec![line("  overage ", "tbd", "")]
        );
    }

    #[test]
    fn an_excerpt_spans_lines_drops_line_ends_and_stops_at_four_lines() {
        let text = "\u{feff}one\r\ntwo\r\nthree\nfour\nfive\nsix\n";
        assert_eq!(
            excerpt_lines(text, 3, text.find("two").unwrap() + 1),
            vec![line("", "one", ""), line("", "t", "wo")]
        );
        assert_eq!(excerpt_lines(text, 3, text.len()).len(), 4);
    }

    #[test]
    fn a_span_past_the_end_or_inside_a_character_marks_nothing_and_does_not_panic() {
        let text = "受注 x";
        assert_eq!(excerpt_lines(text, 1, 2), vec![line("受注 x", "", "")]);
        assert_eq!(excerpt_lines(text, 99, 120), vec![line("受注 x", "", "")]);
        assert_eq!(excerpt_lines("", 0, 0), vec![line("", "", "")]);
    }
}
