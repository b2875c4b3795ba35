//! Problems found in a `.terms` document (TL001–TL008), with their wording.
//!
//! A [`Problem`] records *what* is wrong as data; its English and Japanese text is
//! produced only when it is reported ([`Problem::text`]), so the same run can print
//! either language and tests can match on the kind.

use crate::codes::DocCode;
use crate::lang::Lang;
use crate::span::Span;

/// A bilingual piece of text computed by the schema (a type description, a place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub en: String,
    pub ja: String,
}

impl Words {
    #[must_use]
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            ja: ja.into(),
        }
    }

    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
    }
}

/// A document problem: its code, where it is, and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: DocCode,
    pub span: Span,
    pub kind: Kind,
    /// A second place worth showing (the first of two duplicates, …).
    pub related: Option<Span>,
}

impl Problem {
    #[must_use]
    pub fn new(span: Span, kind: Kind) -> Self {
        Problem {
            code: kind.code(),
            span,
            kind,
            related: None,
        }
    }

    #[must_use]
    pub fn with_related(mut self, span: Span) -> Self {
        self.related = Some(span);
        self
    }

    /// The message, the label at the span, and the help, in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> Text {
        self.kind.text(lang)
    }

    /// The did-you-mean fix, when there is one: what an editor's quick fix writes
    /// (TL002's field name, TL003's unit or symbol, TL008's rule id) and where.
    #[must_use]
    pub fn replacement(&self) -> Option<(Span, &str)> {
        match &self.kind {
            Kind::UnknownField { suggestion, .. }
            | Kind::UnknownUnit { suggestion, .. }
            | Kind::BadSymbol { suggestion, .. } => Some((self.span, suggestion.as_deref()?)),
            // The problem covers the waiver's head, `waiver TL1O1`: the id ends it.
            Kind::UnknownWaiver { rule, suggestion } => {
                let start = self.span.end.checked_sub(rule.len())?.max(self.span.start);
                Some((Span::new(start, self.span.end), suggestion.as_deref()?))
            }
            _ => None,
        }
    }
}

/// The words of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// The label of the related span, if any.
    pub related_label: Option<String>,
}

/// Why a problem is a problem.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    // ---- TL001 syntax -------------------------------------------------------------
    InvalidUtf8,
    FileTooLarge {
        size: u64,
        limit: u64,
    },
    TooDeep {
        limit: usize,
    },
    TooManyErrors {
        hidden: usize,
    },
    StringTooLong {
        limit: usize,
    },
    /// A `{` with no `}`: `name` is the node it belongs to, `before_line` the line
    /// its block was cut at when indentation shows where it ends.
    UnclosedBlock {
        name: Option<String>,
        before_line: Option<usize>,
    },
    /// A `}` with no `{`: `after` names the block closed just before it.
    StrayClose {
        after: Option<String>,
    },
    BlockOnOwnLine,
    ExpectedFieldName {
        found: String,
    },
    NotAValue {
        found: String,
    },
    UnterminatedString,
    BadEscape {
        escape: String,
    },
    // ---- TL002 unknown field ------------------------------------------------------
    UnknownField {
        name: String,
        /// Where it stands: "`pricing`", "the top of the file".
        place: Words,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    // ---- TL003 bad value ----------------------------------------------------------
    ImpossibleDate {
        text: String,
    },
    EmptyTimeRange {
        text: String,
    },
    BadClock {
        text: String,
    },
    UnknownUnit {
        found: String,
        suggestion: Option<String>,
    },
    WrongKind {
        field: String,
        expected: Words,
        found: Words,
    },
    MissingPer {
        field: String,
        fix: String,
    },
    WrongPer {
        field: String,
        expected: Words,
        found: String,
    },
    BadSymbol {
        field: String,
        found: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    BoundDirection {
        field: String,
        found: String,
        expected: &'static str,
    },
    ExtraArgument {
        field: String,
        max: usize,
    },
    ExpectedKeyword {
        field: String,
        keyword: &'static str,
    },
    BadRuleRef {
        found: String,
    },
    // ---- TL004 duplicate ----------------------------------------------------------
    Duplicate {
        field: String,
    },
    // ---- TL005 missing ------------------------------------------------------------
    MissingArgument {
        field: String,
        argument: String,
        example: String,
    },
    MissingChild {
        field: String,
        child: String,
        example: String,
    },
    // ---- TL006–TL008 waivers ------------------------------------------------------
    WaiverExpired {
        rule: String,
        expires: String,
        today: String,
    },
    UnusedWaiver {
        rule: String,
    },
    UnknownWaiver {
        rule: String,
        suggestion: Option<String>,
    },
    WaiverOfDocCode {
        rule: String,
    },
}

fn did_you_mean(lang: Lang, suggestion: Option<&String>) -> String {
    match suggestion {
        Some(s) => lang.pick(
            format!("did you mean `{s}`? "),
            format!("`{s}` の書き誤りではありませんか。"),
        ),
        None => String::new(),
    }
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Kind {
    /// The document code of this kind of problem.
    #[must_use]
    pub fn code(&self) -> DocCode {
        use Kind::*;
        match self {
            InvalidUtf8
            | FileTooLarge { .. }
            | TooDeep { .. }
            | TooManyErrors { .. }
            | StringTooLong { .. }
            | UnclosedBlock { .. }
            | StrayClose { .. }
            | BlockOnOwnLine
            | ExpectedFieldName { .. }
            | NotAValue { .. }
            | UnterminatedString
            | BadEscape { .. } => DocCode::Syntax,
            UnknownField { .. } => DocCode::UnknownField,
            ImpossibleDate { .. }
            | EmptyTimeRange { .. }
            | BadClock { .. }
            | UnknownUnit { .. }
            | WrongKind { .. }
            | MissingPer { .. }
            | WrongPer { .. }
            | BadSymbol { .. }
            | BoundDirection { .. }
            | ExtraArgument { .. }
            | ExpectedKeyword { .. }
            | BadRuleRef { .. } => DocCode::BadValue,
            Duplicate { .. } => DocCode::DuplicateField,
            MissingArgument { .. } | MissingChild { .. } => DocCode::MissingValue,
            WaiverExpired { .. } => DocCode::WaiverExpired,
            UnusedWaiver { .. } => DocCode::UnusedWaiver,
            UnknownWaiver { .. } | WaiverOfDocCode { .. } => DocCode::UnknownWaiver,
        }
    }

    fn text(&self, lang: Lang) -> Text {
        // The wording is grouped by the code's family so each function stays readable;
        // `code` is the one exhaustive list that sorts a kind into its family.
        use Kind::*;
        let (message, label, help, related_label) = match self.code() {
            DocCode::Syntax => match self {
                InvalidUtf8
                | FileTooLarge { .. }
                | TooDeep { .. }
                | StringTooLong { .. }
                | TooManyErrors { .. } => limit_text(self, lang),
                _ => syntax_text(self, lang),
            },
            DocCode::BadValue => value_text(self, lang),
            _ => field_text(self, lang),
        };
        Text {
            message,
            label,
            help,
            related_label,
        }
    }
}

/// A diagnostic's words before they become a [`Text`]: message, label, help, related label.
type Parts = (String, String, Option<String>, Option<String>);

/// TL001 before parsing: a file that is no text, or beyond a limit the reader keeps.
fn limit_text(kind: &Kind, lang: Lang) -> Parts {
    use Kind::*;
    let t = |en: String, ja: String| lang.pick(en, ja);
    match kind {
        InvalidUtf8 => (
                t("the file is not valid UTF-8 text".into(), "ファイルが UTF-8 のテキストではありません".into()),
                t("invalid byte here".into(), "ここに不正なバイトがあります".into()),
                Some(t(
                    "save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)".into(),
                    "UTF-8 で保存し直してください（Shift_JIS などで保存されている可能性があります）".into(),
                )),
                None,
            ),
            FileTooLarge { size, limit } => (
                t(format!("the file is {size} bytes, above the limit of {limit} bytes"),
                  format!("ファイルが {size} バイトあり、上限の {limit} バイトを超えています")),
                t("not read".into(), "読み込んでいません".into()),
                Some(t("split it into smaller files, or raise the limit with `--max-file-size`".into(),
                       "ファイルを分割するか、`--max-file-size` で上限を引き上げてください".into())),
                None,
            ),
            TooDeep { limit } => (
                t(format!("blocks nest deeper than {limit} levels"),
                  format!("ブロックの入れ子が {limit} 段を超えています")),
                t("this block is too deep".into(), "この `{` で上限を超えました".into()),
                Some(t("a contract nests 4 or 5 levels; check for a missing `}`".into(),
                       "契約の入れ子は通常 4〜5 段です。`}` の閉じ忘れがないか確認してください".into())),
                None,
            ),
            StringTooLong { limit } => (
                t(format!("this string is longer than {limit} characters"),
                  format!("文字列が {limit} 文字を超えています")),
                t("too long".into(), "長すぎます".into()),
                Some(t("a clause is far shorter: check for a quote that was never closed, or move long text to a document the contract refers to".into(),
                       "条項としては長すぎます。閉じ忘れの引用符がないか確認するか、長文は別文書に移して参照してください".into())),
                None,
            ),
            TooManyErrors { hidden } => (
                t(format!("{hidden} more syntax errors from here on are not shown"),
                  format!("ここから先の構文エラー {hidden} 件は表示を省略しました")),
                t("more errors from here".into(), "ここから先も誤りがあります".into()),
                Some(t("fix the errors above and run termlint again; is this really a .terms file?".into(),
                       "上のエラーを直してから再実行してください（.terms ファイルで間違いありませんか）".into())),
                None,
            ),
            other => unreachable!("{other:?} is not a limit problem"),
    }
}

/// TL001 while parsing: blocks, names, values and strings written wrong.
fn syntax_text(kind: &Kind, lang: Lang) -> Parts {
    use Kind::*;
    let t = |en: String, ja: String| lang.pick(en, ja);
    match kind {
            UnclosedBlock { name, before_line } => {
                let block = name.as_deref().map_or_else(
                    || t("this block".into(), "このブロック".into()),
                    |n| t(format!("`{n}`"), format!("`{n}` のブロック")),
                );
                (
                    t(format!("{block} is never closed"), format!("{block}が閉じられていません")),
                    t("opened here, no `}` closes it".into(), "ここで開いたまま、対応する `}` がありません".into()),
                    Some(match before_line {
                        Some(line) => t(
                            format!("add a line with `}}` before line {line}, indented like the line that opens {block}"),
                            format!("{line} 行目の前に、{block}の開始行と同じ字下げで `}}` だけの行を追加してください"),
                        ),
                        None => t("add `}` after the block's last field".into(),
                                  "ブロックの最後の項目の後に `}` を追加してください".into()),
                    }),
                    before_line.map(|_| t(format!("{block} should end before this line"),
                                          format!("{block}はこの行の前で閉じるはずです"))),
                )
            }
            StrayClose { after } => (
                t("this `}` closes nothing".into(), "対応する `{` のない `}` があります".into()),
                t("unmatched `}`".into(), "対応のない `}`".into()),
                Some(match after {
                    Some(n) => t(format!("delete it: `{n}` is already closed by the `}}` above"),
                                 format!("削除してください（`{n}` のブロックは上の `}}` で閉じています）")),
                    None => t("remove it, or check that the block above closes where you meant".into(),
                              "削除するか、直前のブロックの閉じ位置を確認してください".into()),
                }),
                Some(match after {
                    Some(n) => t(format!("`{n}` closes here"), format!("`{n}` はここで閉じています")),
                    None => t("the last block closes here".into(), "直前のブロックはここで閉じています".into()),
                }),
            ),
            BlockOnOwnLine => (
                t("a block must open on the same line as its field".into(),
                  "ブロックの `{` は項目名と同じ行に書きます".into()),
                t("`{` on a line of its own".into(), "`{` だけの行".into()),
                Some(t("move `{` to the end of the line above, e.g. `pricing {`".into(),
                       "`{` を前の行の末尾に移してください（例: `pricing {`）".into())),
                None,
            ),
            ExpectedFieldName { found } => (
                t(format!("expected a field name, found `{found}`"),
                  format!("項目名が来るべき位置に `{found}` があります")),
                t("not a field name".into(), "項目名ではありません".into()),
                Some(t("each line starts with a lowercase field name such as `pricing` or `overage`".into(),
                       "各行は `pricing` や `overage` のような小文字の項目名で始めてください".into())),
                None,
            ),
            NotAValue { found } => {
                let (hint_en, hint_ja) = value_hint(found);
                (
                    t(format!("`{found}` is not a value"), format!("`{found}` は値として読めません")),
                    t("not a value".into(), "値ではありません".into()),
                    Some(t(hint_en, hint_ja)),
                    None,
                )
            }
            UnterminatedString => (
                t("this string is not closed".into(), "文字列が閉じられていません".into()),
                t("missing closing `\"`".into(), "閉じる `\"` がありません".into()),
                Some(t("add `\"` at the end of the text; a string cannot span lines (write `\\n` for a line break)".into(),
                       "文字列の終わりに `\"` を付けてください。文字列は行をまたげません（改行は `\\n` と書きます）".into())),
                None,
            ),
            BadEscape { escape } => (
                t(format!("unknown escape `{escape}` in a string"), format!("文字列に未知のエスケープ `{escape}` があります")),
                t("unknown escape".into(), "未知のエスケープ".into()),
                Some(t("escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{3042}`; write `\\\\` for a backslash".into(),
                       "使えるエスケープは `\\\"`、`\\\\`、`\\n`、`\\t`、`\\u{3042}` です。バックスラッシュは `\\\\` と書きます".into())),
                None,
            ),
        other => unreachable!("{other:?} is not a syntax problem"),
    }
}

/// TL003: a value of the wrong form for its field.
fn value_text(kind: &Kind, lang: Lang) -> Parts {
    use Kind::*;
    let t = |en: String, ja: String| lang.pick(en, ja);
    match kind {
            ImpossibleDate { text } => (
                t(format!("`{text}` is not a real date"), format!("`{text}` は存在しない日付です")),
                t("no such day".into(), "存在しない日".into()),
                Some(t("check the month and day; dates are written YYYY-MM-DD".into(),
                       "月と日を確認してください（日付は YYYY-MM-DD 形式）".into())),
                None,
            ),
            EmptyTimeRange { text } => (
                t(format!("the time range `{text}` starts and ends at the same time"),
                  format!("時間帯 `{text}` の開始と終了が同じです")),
                t("empty range".into(), "長さ 0 の時間帯".into()),
                Some(t("for round-the-clock service write `00:00-24:00`".into(),
                       "24 時間対応なら `00:00-24:00` と書いてください".into())),
                None,
            ),
            BadClock { text } => (
                t(format!("`{text}` is not a time of day"), format!("`{text}` は時刻として読めません")),
                t("hours run 00–24, minutes 00–59".into(), "時は 00〜24、分は 00〜59 です".into()),
                Some(t("write 24-hour times such as `09:00-18:00`; `24:00` may only end a range".into(),
                       "`09:00-18:00` のように 24 時間表記で書いてください（`24:00` は終了時刻のみ）".into())),
                None,
            ),
            UnknownUnit { found, suggestion } => (
                t(format!("`{found}` is not a unit"), format!("`{found}` は単位として使えません")),
                t("unknown unit".into(), "未知の単位".into()),
                Some(format!("{}{}", did_you_mean(lang, suggestion.as_ref()), t(
                    "units are JPY (円, yen), USD, EUR, GBP, CNY, KRW, s, min, h, day, week, month, year, call, contact, seat, operator, posting, person, and for outcome fees acquisition, appointment, sale, lead, order".into(),
                    "使える単位: JPY（円、yen）、USD、EUR、GBP、CNY、KRW、s、min、h、day、week、month、year、call、contact、seat、operator、posting、person、成果報酬には acquisition、appointment、sale、lead、order".into()))),
                None,
            ),
            WrongKind { field, expected, found } => (
                t(format!("`{field}` takes {}, not {}", expected.en, found.en),
                  format!("`{field}` には{}を書きます（{}は書けません）", expected.ja, found.ja)),
                t(format!("this is {}", found.en), format!("これは{}です", found.ja)),
                Some(t(format!("write {}", expected.en), format!("{}を書いてください", expected.ja))),
                None,
            ),
            MissingPer { field, fix } => (
                t(format!("`{field}` needs a per-unit"), format!("`{field}` には「/ 単位」が必要です")),
                t("no per-unit".into(), "「/ 単位」がありません".into()),
                Some(t(format!("write `{fix}`"), format!("`{fix}` のように書いてください"))),
                None,
            ),
            WrongPer { field, expected, found } => (
                t(format!("`{field}` is {}, not per {found}", expected.en),
                  format!("`{field}` は{}で書きます（/ {found} は使えません）", expected.ja)),
                t("wrong per-unit".into(), "「/ 単位」が違います".into()),
                Some(t(format!("write {}", expected.en), format!("{}で書いてください", expected.ja))),
                None,
            ),
            BadSymbol { field, found, allowed, suggestion } => (
                t(format!("`{found}` is not allowed for `{field}`"), format!("`{field}` に `{found}` は指定できません")),
                t("not one of the allowed words".into(), "指定できる語ではありません".into()),
                Some(format!("{}{}", did_you_mean(lang, suggestion.as_ref()), t(
                    format!("allowed: {}", list(allowed)),
                    format!("指定できる語: {}", list(allowed))))),
                None,
            ),
            BoundDirection { field, found, expected } => (
                t(format!("`{field}` is a {} and cannot be bounded with `{found}`",
                          if expected.starts_with('>') { "minimum" } else { "maximum" }),
                  format!("`{field}` は{}なので `{found}` では書けません",
                          if expected.starts_with('>') { "下限" } else { "上限" })),
                t("bound points the wrong way".into(), "不等号の向きが逆です".into()),
                Some(t(format!("write `{expected}` (or the bare value)"), format!("`{expected}` を使うか、値だけを書いてください"))),
                None,
            ),
            ExtraArgument { field, max } => (
                t(format!("`{field}` takes at most {max} argument{}", if *max == 1 { "" } else { "s" }),
                  format!("`{field}` に書ける値は {max} 個までです")),
                t("one too many".into(), "余分な値".into()),
                Some(t("remove it, or move it to a field of its own".into(), "削除するか、別の項目に分けてください".into())),
                None,
            ),
            ExpectedKeyword { field, keyword } => (
                t(format!("`{field}` expects the word `{keyword}` here"), format!("`{field}` のこの位置には `{keyword}` が必要です")),
                t(format!("expected `{keyword}`"), format!("`{keyword}` がありません")),
                Some(t("for example `service_level 80% within 20 s`".into(), "例: `service_level 80% within 20 s`".into())),
                None,
            ),
            BadRuleRef { found } => (
                t(format!("`{found}` is not a rule id or slug"), format!("`{found}` はルールの ID でもスラッグでもありません")),
                t("not a rule reference".into(), "ルール参照ではありません".into()),
                Some(t("write a rule id such as `TL101` or a slug such as `pure-outcome-fees`".into(),
                       "`TL101` のような ID か `pure-outcome-fees` のようなスラッグを書いてください".into())),
                None,
            ),
        other => unreachable!("{other:?} is not a bad value"),
    }
}

/// TL002, TL004–TL008: fields unknown, repeated or missing, and waivers.
fn field_text(kind: &Kind, lang: Lang) -> Parts {
    use Kind::*;
    let t = |en: String, ja: String| lang.pick(en, ja);
    match kind {
            UnknownField { name, place, suggestion, allowed } => (
                t(format!("`{name}` is not a field of {}", place.en), format!("{} に `{name}` という項目はありません", place.ja)),
                t("unknown field".into(), "未知の項目".into()),
                Some(match suggestion {
                    Some(_) => did_you_mean(lang, suggestion.as_ref()),
                    None => t(
                        format!("fields allowed here: {}; extension fields start with `x_`", list(allowed)),
                        format!("ここで使える項目: {}。独自項目は `x_` で始めてください", list(allowed)),
                    ),
                }.trim_end().to_string()),
                None,
            ),
            Duplicate { field } => (
                t(format!("`{field}` is written twice"), format!("`{field}` が 2 回書かれています")),
                t("second definition".into(), "2 回目".into()),
                Some(t("keep one of them; this field cannot repeat".into(), "どちらか一方を残してください（この項目は繰り返せません）".into())),
                Some(t("first defined here".into(), "1 回目はここ".into())),
            ),
            MissingArgument { field, argument, example } => (
                t(format!("`{field}` is missing its {argument}"), format!("`{field}` に {argument} がありません")),
                t(format!("{argument} expected"), format!("{argument} が必要です")),
                Some(t(format!("write `{example}`"), format!("`{example}` のように書いてください"))),
                None,
            ),
            MissingChild { field, child, example } => (
                t(format!("`{field}` needs `{child}`"), format!("`{field}` には `{child}` が必要です")),
                t(format!("no `{child}` in this block"), format!("このブロックに `{child}` がありません")),
                Some(t(format!("add `{example}`"), format!("`{example}` を追加してください"))),
                None,
            ),
            WaiverExpired { rule, expires, today } => (
                t(format!("the waiver for `{rule}` expired on {expires}"), format!("`{rule}` の適用除外は {expires} に期限が切れています")),
                t("expired waiver".into(), "期限切れの適用除外".into()),
                Some(t(format!("renew it with a new `expires` date after {today}, or remove it and fix the finding"),
                       format!("{today} より後の `expires` で更新するか、削除して指摘事項に対応してください"))),
                None,
            ),
            UnusedWaiver { rule } => (
                t(format!("the waiver for `{rule}` matches no finding"), format!("`{rule}` の適用除外に該当する指摘がありません")),
                t("nothing to waive".into(), "除外対象なし".into()),
                Some(t("the issue it accepted is gone: remove the waiver".into(),
                       "対象の問題は解消済みです。適用除外を削除してください".into())),
                None,
            ),
            UnknownWaiver { rule, suggestion } => (
                t(format!("the waiver names `{rule}`, which is no known rule"), format!("適用除外の `{rule}` というルールは存在しません")),
                t("unknown rule".into(), "未知のルール".into()),
                Some(format!("{}{}", did_you_mean(lang, suggestion.as_ref()),
                    t("`termlint rules` lists the rule ids and slugs".into(), "ルールの一覧は `termlint rules` で確認できます".into()))),
                None,
            ),
            WaiverOfDocCode { rule } => (
                t(format!("`{rule}` is a document check and cannot be waived"), format!("`{rule}` は文書自体の検査なので適用除外にできません")),
                t("cannot be waived".into(), "除外できません".into()),
                Some(t("fix the contract text instead".into(), "契約書の記述を修正してください".into())),
                None,
            ),
        other => unreachable!("{other:?} is not a field or waiver problem"),
    }
}

/// A hint for a token that is no value: the commonest near misses first.
fn value_hint(found: &str) -> (String, String) {
    if let Some(sign) = found.chars().next().filter(|c| matches!(c, '-' | '+')) {
        return (
            format!("numbers have no sign in a contract; write the amount without `{sign}`"),
            format!("契約書の数値には符号を付けません。`{sign}` を外してください"),
        );
    }
    if found.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !found.is_ascii()
        && !found.ends_with('円')
    {
        return (
            "a note such as （税抜） belongs in a comment: write the amount with its unit, then `//`, e.g. `overage 250 円 / call // 税抜`".into(),
            "（税抜）などの注記は `//` の後にコメントとして書いてください（例: `overage 250 円 / call // 税抜`）".into(),
        );
    }
    if found.chars().next().is_some_and(|c| c.is_ascii_digit()) && found.contains(['/', '-', ':']) {
        return (
            "dates are `2027-03-31`, time ranges `09:00-18:00`, rates `300 JPY / call` (with spaces around `/`)".into(),
            "日付は `2027-03-31`、時間帯は `09:00-18:00`、単価は `300 JPY / call` のように書きます".into(),
        );
    }
    if found.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return (
            "a number is followed by a unit from the closed set: `300_000 JPY`, `90 days`, `35%`"
                .into(),
            "数値の後には決められた単位を書きます（例: `300_000 JPY`、`90 days`、`35%`）".into(),
        );
    }
    (
        "values are strings in quotes (`\"Acme\"`), numbers with units (`250 JPY / call`), dates (`2027-03-31`), day sets (`mon-fri`), time ranges (`09:00-18:00`), bounds (`>= 90%`) or words (`monthly_fixed`)".into(),
        "値は引用符付きの文字列（`\"Acme\"`）、単位付きの数値（`250 JPY / call`）、日付（`2027-03-31`）、曜日（`mon-fri`）、時間帯（`09:00-18:00`）、不等式（`>= 90%`）、語（`monthly_fixed`）のいずれかです".into(),
    )
}
