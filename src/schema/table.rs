//! The terms schema (LANGUAGE.md §2.2) as one embedded, documented table.
//!
//! Every field carries an English and a Japanese one-line description, printed by
//! `termlint schema` and generated into docs/guide.md.  The nesting of this table *is*
//! where each field may appear; the order of `children` is the order
//! `termlint schema` prints.

use super::symbols::{
    CERTIFICATIONS, CHANNELS, DIRECTION, LANGUAGES, METRICS, MODEL, PARTY, RENEWAL_MODE, REPORT,
    STATUS, SUBCONTRACTING, TASK, TAX,
};
use super::types::{ArgSpec, Base, Field, Per, Ty};

// ------------------------------------------------------------------------------------
//  Builders, so each row of the table stays one readable line
// ------------------------------------------------------------------------------------

const fn pos(ty: Ty) -> ArgSpec {
    ArgSpec {
        name: "",
        ty,
        optional: false,
    }
}

const fn named(name: &'static str, ty: Ty) -> ArgSpec {
    ArgSpec {
        name,
        ty,
        optional: false,
    }
}

const fn leaf(
    name: &'static str,
    args: &'static [ArgSpec],
    en: &'static str,
    ja: &'static str,
) -> Field {
    Field {
        name,
        args,
        children: &[],
        repeatable: false,
        required: false,
        en,
        ja,
    }
}

const fn section(
    name: &'static str,
    children: &'static [Field],
    en: &'static str,
    ja: &'static str,
) -> Field {
    Field {
        name,
        args: &[],
        children,
        repeatable: false,
        required: false,
        en,
        ja,
    }
}

const fn repeatable(mut field: Field) -> Field {
    field.repeatable = true;
    field
}

const fn required(mut field: Field) -> Field {
    field.required = true;
    field
}

const STR: &[ArgSpec] = &[pos(Ty::Str)];
const DATE: &[ArgSpec] = &[pos(Ty::Date)];
const BOOL: &[ArgSpec] = &[pos(Ty::Bool)];
const COUNT: &[ArgSpec] = &[pos(Ty::Num(Base::Count, Per::None))];
const PERCENT: &[ArgSpec] = &[pos(Ty::Num(Base::Percent, Per::None))];
const MONEY: &[ArgSpec] = &[pos(Ty::Num(Base::Money, Per::None))];
const DURATION: &[ArgSpec] = &[pos(Ty::Num(Base::Duration, Per::None))];
const MONEY_PER_MONTH: &[ArgSpec] = &[pos(Ty::Num(Base::Money, Per::Time("month")))];
const COUNT_PER_MONTH: &[ArgSpec] = &[pos(Ty::Num(Base::Count, Per::Time("month")))];
const MIN_PERCENT: &[ArgSpec] = &[pos(Ty::Bound {
    minimum: true,
    base: Base::Percent,
})];
const MAX_PERCENT: &[ArgSpec] = &[pos(Ty::Bound {
    minimum: false,
    base: Base::Percent,
})];

// ------------------------------------------------------------------------------------
//  The table
// ------------------------------------------------------------------------------------

/// The root: what a file may hold at its top level.
pub static SCHEMA: Field = Field {
    name: "",
    args: &[],
    children: &[CONTRACT],
    repeatable: false,
    required: false,
    en: "a .terms file",
    ja: ".terms ファイル",
};

const CONTRACT: Field = repeatable(Field {
    name: "contract",
    args: &[named("id", Ty::Str)],
    children: &[
        leaf("title", STR, "the contract's title", "契約の件名"),
        leaf(
            "client",
            STR,
            "the company outsourcing the work",
            "委託元（発注する会社）",
        ),
        leaf(
            "status",
            &[pos(Ty::Sym(STATUS))],
            "where the deal stands: quote, draft (default) or signed",
            "契約の状態（見積・ドラフト・締結済み。既定はドラフト）",
        ),
        leaf(
            "signed_on",
            DATE,
            "the date the contract was signed",
            "契約締結日",
        ),
        leaf("start", DATE, "the date the service starts", "業務開始日"),
        leaf("end", DATE, "the date the contract ends", "契約終了日"),
        VENDOR,
        SERVICE,
        PRICING,
        KPI,
        TERM,
        DATA,
        WAIVER,
    ],
    repeatable: false,
    required: false,
    en: "one outsourcing deal; a file may hold several",
    ja: "外注契約 1 件（1 ファイルに複数書けます）",
});

const VENDOR: Field = Field {
    name: "vendor",
    args: &[named("name", Ty::Str)],
    children: &[
        leaf(
            "certifications",
            &[pos(Ty::List(CERTIFICATIONS))],
            "certifications the vendor holds",
            "委託先が取得している認証",
        ),
        leaf(
            "sites",
            COUNT,
            "number of operating centres",
            "運営拠点（センター）の数",
        ),
        section(
            "staff",
            &[
                leaf(
                    "operators",
                    COUNT,
                    "agents assigned to this contract",
                    "この契約に配置されるオペレーター数",
                ),
                leaf(
                    "dedicated",
                    BOOL,
                    "a dedicated team rather than shared seats",
                    "専任チームか（共有席ではないか）",
                ),
                leaf(
                    "supervisors",
                    COUNT,
                    "supervisors (SVs) assigned",
                    "配置されるスーパーバイザー（SV）数",
                ),
                leaf(
                    "training",
                    DURATION,
                    "initial training per operator",
                    "オペレーター 1 人あたりの初期研修時間",
                ),
                leaf(
                    "turnover",
                    &[pos(Ty::Num(Base::Percent, Per::Time("year")))],
                    "annual attrition of operators",
                    "オペレーターの年間離職率",
                ),
                leaf(
                    "specialists",
                    BOOL,
                    "domain specialists are available",
                    "専門知識を持つスタッフがいるか",
                ),
                leaf(
                    "languages",
                    &[pos(Ty::List(LANGUAGES))],
                    "languages the operators handle",
                    "対応言語",
                ),
            ],
            "the people who do the work",
            "業務にあたる人員",
        ),
        section(
            "recruiting",
            &[
                leaf(
                    "postings",
                    &[pos(Ty::Num(Base::Count, Per::Time("year")))],
                    "job ads the vendor publishes per year",
                    "年間の求人広告の掲載数",
                ),
                leaf(
                    "always_hiring",
                    BOOL,
                    "the vendor advertises jobs permanently",
                    "常に求人を出しているか",
                ),
                leaf(
                    "hiring_bonus",
                    MONEY,
                    "sign-on bonus advertised",
                    "求人で提示している入社祝い金",
                ),
                leaf(
                    "no_experience",
                    BOOL,
                    "\"no experience needed\" is advertised",
                    "「未経験歓迎」と募集しているか",
                ),
                leaf(
                    "advertised_wage",
                    &[pos(Ty::Num(Base::Money, Per::Time("hour")))],
                    "hourly wage in the vendor's job ads",
                    "求人広告の時給",
                ),
            ],
            "public hiring signals of the vendor",
            "委託先の求人の状況",
        ),
        leaf(
            "subcontracting",
            &[pos(Ty::Sym(SUBCONTRACTING))],
            "whether the vendor may pass the work on",
            "再委託の可否",
        ),
    ],
    repeatable: false,
    required: false,
    en: "the call-centre company doing the work",
    ja: "委託先のコールセンター会社",
};

const SERVICE: Field = repeatable(Field {
    name: "service",
    args: &[
        named("direction", Ty::Sym(DIRECTION)),
        named("task", Ty::Sym(TASK)),
    ],
    children: &[
        repeatable(leaf(
            "hours",
            &[named("days", Ty::DaySet), named("time", Ty::TimeRange)],
            "opening hours: days and a time range",
            "対応時間（曜日と時間帯）",
        )),
        leaf(
            "holidays",
            BOOL,
            "open on public holidays",
            "祝日も対応するか",
        ),
        leaf(
            "channels",
            &[pos(Ty::List(CHANNELS))],
            "channels handled",
            "対応チャネル",
        ),
        leaf(
            "volume",
            COUNT_PER_MONTH,
            "forecast contacts per month",
            "月間の想定件数",
        ),
        leaf(
            "handle_time",
            DURATION,
            "average handling time per contact (AHT), for per-minute prices",
            "1 件あたりの平均処理時間（AHT）。分単位の料金の試算に使う",
        ),
        leaf(
            "outcome_rate",
            PERCENT,
            "expected share of contacts that end in a priced result",
            "成果報酬の対象になる成果（受注・アポイントなど）が出る見込みの割合",
        ),
        leaf(
            "night_share",
            PERCENT,
            "expected share of the volume at night (22:00-05:00)",
            "夜間（22:00〜05:00）に対応する件数の見込みの割合",
        ),
        leaf(
            "holiday_share",
            PERCENT,
            "expected share of the volume on weekends and public holidays",
            "土日祝日に対応する件数の見込みの割合",
        ),
        leaf(
            "callback",
            DURATION,
            "promised call-back time (first response)",
            "一次受付後の折り返しまでの時間",
        ),
        leaf(
            "manual",
            &[pos(Ty::Sym(PARTY))],
            "who writes and owns the scripts and FAQ",
            "スクリプト・FAQ を作成し所有する者",
        ),
    ],
    repeatable: false,
    required: false,
    en: "one service line: inbound or outbound, and its task",
    ja: "業務 1 件（受電か架電か、業務の種類）",
});

const PRICING: Field = section(
    "pricing",
    &[
        leaf(
            "model",
            &[pos(Ty::Sym(MODEL))],
            "how the vendor is paid",
            "料金体系",
        ),
        leaf(
            "tax",
            &[pos(Ty::Sym(TAX))],
            "whether the prices include consumption tax: included or excluded",
            "価格が税込（included）か税別（excluded）か",
        ),
        leaf(
            "initial_fee",
            MONEY,
            "set-up and training fee",
            "初期費用（立ち上げ・研修）",
        ),
        leaf(
            "base_fee",
            MONEY_PER_MONTH,
            "monthly base fee",
            "月額基本料金",
        ),
        leaf(
            "included",
            COUNT_PER_MONTH,
            "contacts covered by the base fee",
            "基本料金に含まれる件数",
        ),
        leaf(
            "per_call",
            &[pos(Ty::Num(Base::Money, Per::Count("call")))],
            "price per call",
            "1 件あたりの料金",
        ),
        leaf(
            "per_minute",
            &[pos(Ty::Num(Base::Money, Per::Time("minute")))],
            "price per minute of talk",
            "通話 1 分あたりの料金",
        ),
        leaf(
            "seat_rate",
            MONEY_PER_MONTH,
            "monthly price per seat",
            "1 席あたりの月額料金",
        ),
        leaf("seats", COUNT, "number of seats billed", "契約席数"),
        leaf(
            "hourly_rate",
            &[pos(Ty::Num(Base::Money, Per::Time("hour")))],
            "price per operator hour",
            "1 時間あたりの料金",
        ),
        leaf(
            "overage",
            &[pos(Ty::Num(Base::Money, Per::Count("call")))],
            "call-over fee per call above `included`",
            "基本件数を超えた分の 1 件あたりの料金（コールオーバー料金）",
        ),
        leaf(
            "outcome_fee",
            &[pos(Ty::Num(Base::Money, Per::Outcome))],
            "fee per result (sale, appointment, …)",
            "成果 1 件あたりの成果報酬",
        ),
        leaf(
            "minimum_charge",
            MONEY_PER_MONTH,
            "minimum monthly charge",
            "月額の最低料金",
        ),
        leaf(
            "night_premium",
            PERCENT,
            "surcharge for night hours",
            "夜間の割増率",
        ),
        leaf(
            "holiday_premium",
            PERCENT,
            "surcharge for weekends and holidays",
            "土日祝日の割増率",
        ),
        leaf(
            "price_increase",
            &[pos(Ty::Num(Base::Percent, Per::Time("year")))],
            "maximum yearly price increase",
            "年間の値上げ上限",
        ),
        repeatable(leaf(
            "fee",
            &[
                named("name", Ty::Str),
                named("amount", Ty::Num(Base::Money, Per::Any)),
            ],
            "any other named fee",
            "その他の料金（名称と金額）",
        )),
    ],
    "what the client pays",
    "料金",
);

const KPI: Field = section(
    "kpi",
    &[
        leaf(
            "answer_rate",
            MIN_PERCENT,
            "share of calls answered, a minimum",
            "応答率（下限）",
        ),
        leaf(
            "service_level",
            &[
                named("target", Ty::Num(Base::Percent, Per::None)),
                pos(Ty::Keyword("within")),
                named("within", Ty::Num(Base::Duration, Per::None)),
            ],
            "share of calls answered within a time",
            "サービスレベル（何秒以内に何 % 応答するか）",
        ),
        leaf(
            "abandon_rate",
            MAX_PERCENT,
            "share of callers who hang up waiting, a maximum",
            "放棄呼率（上限）",
        ),
        leaf(
            "asa",
            &[pos(Ty::Bound {
                minimum: false,
                base: Base::Duration,
            })],
            "average speed of answer, a maximum",
            "平均応答時間（上限）",
        ),
        leaf(
            "fcr",
            MIN_PERCENT,
            "first-contact resolution, a minimum",
            "一次解決率（下限）",
        ),
        leaf(
            "csat",
            MIN_PERCENT,
            "customer satisfaction, a minimum",
            "顧客満足度（下限）",
        ),
        leaf(
            "report",
            &[pos(Ty::Sym(REPORT))],
            "how often the vendor reports",
            "報告の頻度",
        ),
        leaf(
            "metrics",
            &[pos(Ty::List(METRICS))],
            "figures the vendor reports",
            "報告される指標",
        ),
        leaf(
            "credits",
            PERCENT,
            "service credit of the monthly fee per breached month",
            "目標未達月の料金減額率（サービスクレジット）",
        ),
    ],
    "targets the vendor commits to",
    "委託先が約束する目標値（KPI）",
);

const TERM: Field = section(
    "term",
    &[
        leaf("minimum", DURATION, "minimum commitment", "最低契約期間"),
        leaf(
            "renewal",
            &[
                named("mode", Ty::Sym(RENEWAL_MODE)),
                ArgSpec {
                    name: "period",
                    ty: Ty::Num(Base::Duration, Per::None),
                    optional: true,
                },
            ],
            "how the contract renews, and for how long",
            "更新の方法と期間",
        ),
        leaf("notice", DURATION, "termination notice", "解約予告期間"),
        leaf(
            "for_convenience",
            BOOL,
            "the client may end the contract without cause",
            "委託元が理由なく中途解約できるか",
        ),
        leaf(
            "termination_fee",
            MONEY,
            "fee for ending early",
            "中途解約金",
        ),
        leaf(
            "exit_assistance",
            BOOL,
            "the vendor helps move the work on exit",
            "終了時に委託先が移管に協力するか",
        ),
    ],
    "duration, renewal and exit",
    "契約期間・更新・終了",
);

const DATA: Field = section(
    "data",
    &[
        leaf(
            "personal_data",
            BOOL,
            "customers' personal information is handled",
            "顧客の個人情報を扱うか",
        ),
        leaf(
            "card_payments",
            BOOL,
            "card numbers are taken by phone",
            "電話でカード番号を受け付けるか",
        ),
        leaf("recording", BOOL, "calls are recorded", "通話を録音するか"),
        leaf(
            "retention",
            DURATION,
            "how long recordings and records are kept",
            "録音・記録の保存期間",
        ),
        leaf(
            "owner",
            &[pos(Ty::Sym(PARTY))],
            "who owns recordings, logs and customer data",
            "録音・ログ・顧客データの所有者",
        ),
        leaf(
            "return_on_exit",
            BOOL,
            "data is returned or deleted at the end",
            "終了時にデータを返却・削除するか",
        ),
        leaf(
            "knowledge_transfer",
            BOOL,
            "scripts, FAQ and know-how are handed back",
            "スクリプト・FAQ・ノウハウを引き継ぐか",
        ),
        leaf(
            "breach_notice",
            DURATION,
            "the vendor must report an incident within",
            "事故発生時の報告期限",
        ),
    ],
    "personal data, recordings and know-how",
    "個人情報・録音・ノウハウの扱い",
);

const WAIVER: Field = repeatable(Field {
    name: "waiver",
    args: &[named("rule", Ty::RuleRef)],
    children: &[
        required(leaf(
            "reason",
            STR,
            "why the finding is accepted",
            "指摘を受け入れる理由",
        )),
        leaf("approved_by", STR, "who accepted it", "承認者"),
        leaf(
            "expires",
            DATE,
            "when the acceptance must be reviewed",
            "適用除外の有効期限",
        ),
    ],
    repeatable: false,
    required: false,
    en: "an accepted finding of one rule",
    ja: "ある指摘を受け入れる旨の記録（適用除外）",
});

/// The `contract` field.
#[must_use]
pub fn contract() -> &'static Field {
    &SCHEMA.children[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(field: &Field, out: &mut Vec<String>, prefix: &str) {
        for child in field.children {
            let path = if prefix.is_empty() {
                child.name.to_string()
            } else {
                format!("{prefix}.{}", child.name)
            };
            assert!(
                !child.en.is_empty() && !child.ja.is_empty(),
                "{path} lacks a description"
            );
            out.push(path.clone());
            walk(child, out, &path);
        }
    }

    #[test]
    fn every_field_is_described_and_names_are_unique_per_parent() {
        let mut paths = Vec::new();
        walk(&SCHEMA, &mut paths, "");
        let mut sorted = paths.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), paths.len());
        assert_eq!(
            paths.len(),
            84,
            "78 fields of docs/language.md §2.2, the five cost inputs of docs/language.md \
             (pricing.tax, service.handle_time, outcome_rate, night_share, holiday_share) \
             and `contract` itself"
        );
    }
}
