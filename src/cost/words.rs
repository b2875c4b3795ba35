//! What the cost model's findings say, in English and Japanese: one place for the
//! wording of gaps, notes, warnings and bill lines, used by every report format.

use super::compare::{LineKind, Warning};
use super::money::grouped;
use super::plan::{ChargeKind, Gap, Note, Tax};
use crate::lang::Lang;

/// A count of contacts, digits grouped.
#[must_use]
pub fn contacts(n: i128) -> String {
    let digits = grouped(n.unsigned_abs());
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// "4,000 contacts a month" / "月 4,000 件".
#[must_use]
pub fn volume(n: i128, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} contacts a month", contacts(n)),
        Lang::Ja => format!("月 {} 件", contacts(n)),
    }
}

/// The tax basis: "without tax" / "税別".
#[must_use]
pub fn basis(tax: Tax, lang: Lang) -> &'static str {
    match (tax, lang) {
        (Tax::Excluded, Lang::En) => "without tax",
        (Tax::Included, Lang::En) => "with tax",
        (Tax::Excluded, Lang::Ja) => "税別",
        (Tax::Included, Lang::Ja) => "税込",
    }
}

/// One line of the bill.
#[must_use]
pub fn line(kind: &LineKind, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let word = |en: &str, ja_word: &str| if ja { ja_word } else { en }.to_string();
    match kind {
        LineKind::Minimum { .. } => word("minimum charge top-up", "最低料金までの差額"),
        LineKind::Charge(charge) => match charge {
            ChargeKind::BaseFee => word("base fee", "月額基本料金"),
            ChargeKind::Seats => word("seats", "席料"),
            ChargeKind::Hours => word("operator hours", "稼働時間の料金"),
            ChargeKind::PerCall => word("per-call charges", "従量料金（1 件あたり）"),
            ChargeKind::PerMinute => word("per-minute charges", "通話時間の料金"),
            ChargeKind::Outcome => word("outcome fees", "成果報酬"),
            ChargeKind::Overage => word("call-over above the plan", "コールオーバー料金"),
            ChargeKind::NightPremium => word("night premium", "夜間割増"),
            ChargeKind::HolidayPremium => word("holiday premium", "土日祝日割増"),
            ChargeKind::Fee(name) => {
                if ja {
                    format!("{name}（その他の料金）")
                } else {
                    format!("{name} (fee)")
                }
            }
        },
    }
}

/// Why a quote cannot be costed, and what to ask the vendor.
#[must_use]
pub fn gap(gap: &Gap, lang: Lang) -> String {
    match lang {
        Lang::En => match gap {
            Gap::NotAudited => "the contract has errors that make its prices unreliable; run `termlint check` and fix them first".into(),
            Gap::NoPrices => "the quote states no prices (no `pricing` charges)".into(),
            Gap::Tbd { field } => format!("`{field}` is to be decided (tbd): ask the vendor for the amount before comparing"),
            Gap::NoOverage { included } => format!("the plan covers {} and states no call-over charge above that: the cost of a busier month is unknown; ask for `overage`", volume(*included, lang)),
            Gap::OverageWithoutIncluded => "a call-over charge is stated but not how many contacts the base fee covers (`included`)".into(),
            Gap::OutcomeWithoutRate => "outcome fees are priced but no expected outcome rate is known: add `outcome_rate` to the service or pass --outcome-rate".into(),
            Gap::PerMinuteWithoutHandleTime => "a per-minute price needs the average handling time: add `handle_time` to the service or pass --handle-time".into(),
            Gap::SeatsUnknown => "a seat or hourly price needs the number of seats: add `pricing.seats` or `vendor.staff.operators`".into(),
            Gap::HoursUnknown => "an hourly price needs the opening hours: add `hours` to the service".into(),
            Gap::FeeUnit { name, per } => format!("the fee \"{name}\" is charged per {per}, which the cost model cannot count; state it per month, per call or once"),
            Gap::MixedCurrencies => "the quote's prices are in more than one currency".into(),
            Gap::TooLarge => "an amount or a volume is far larger than any call-centre contract's (above 100 million contacts, or a price above 100 million a call or 10^15 a month): check the figures".into(),
            Gap::NoRate { from, to } => format!("its prices are in {from}: pass --rate {from}=…{to} to compare it with {to} quotes"),
        },
        Lang::Ja => match gap {
            Gap::NotAudited => "契約書の記述に誤りがあり、料金を正しく読めません。先に `termlint check` で修正してください".into(),
            Gap::NoPrices => "料金が記載されていません（`pricing` に料金がありません）".into(),
            Gap::Tbd { field } => format!("`{field}` が未定（tbd）です。比較の前に委託先へ金額を確認してください"),
            Gap::NoOverage { included } => format!("基本料金は{}までで、それを超えた分のコールオーバー料金がありません。件数が多い月の費用がわからないため、`overage` を確認してください", volume(*included, lang)),
            Gap::OverageWithoutIncluded => "コールオーバー料金はありますが、基本料金に含まれる件数（`included`）がありません".into(),
            Gap::OutcomeWithoutRate => "成果報酬がありますが、成果の見込み率がわかりません。業務に `outcome_rate` を書くか、--outcome-rate を指定してください".into(),
            Gap::PerMinuteWithoutHandleTime => "分単位の料金には平均処理時間が必要です。業務に `handle_time` を書くか、--handle-time を指定してください".into(),
            Gap::SeatsUnknown => "席単位・時間単位の料金には席数が必要です。`pricing.seats` か `vendor.staff.operators` を書いてください".into(),
            Gap::HoursUnknown => "時間単位の料金には対応時間が必要です。業務に `hours` を書いてください".into(),
            Gap::FeeUnit { name, per } => format!("料金「{name}」は {per} あたりの金額で、試算できません。月額・1 件あたり・一回限りのいずれかで記載してください"),
            Gap::MixedCurrencies => "料金が複数の通貨で書かれています".into(),
            Gap::TooLarge => "金額または件数がコールセンター契約としては桁違いに大きく（1 億件超、1 件あたり 1 億超、月額 10^15 超）、試算できません。数値を確認してください".into(),
            Gap::NoRate { from, to } => format!("料金が {from} 建てです。{to} の見積と比べるには --rate {from}=…{to} を指定してください"),
        },
    }
}

/// What a figure assumes or leaves out.
#[must_use]
pub fn note(note: &Note, basis_now: Tax, lang: Lang) -> String {
    match lang {
        Lang::En => match note {
            Note::TaxUnstated => format!("the quote does not say whether its prices include tax: taken as {} (add `pricing.tax`)", self::basis(basis_now, lang)),
            Note::TaxConverted { from, rate } => format!("its prices are {}; converted at {}% tax", self::basis(*from, lang), percent(*rate)),
            Note::Converted { from, rate } => format!("converted from {from} at 1 {from} = {rate}"),
            Note::PremiumShareUnknown { premium } => format!("`{premium}` is not in the figures: the service opens then, but no share of its volume is given (`night_share`, `holiday_share`)"),
            Note::PriceIncrease { written } => format!("prices may rise by up to {written}; the totals assume they do not"),
            Note::ForecastMissing => "the quote states no forecast volume".into(),
        },
        Lang::Ja => match note {
            Note::TaxUnstated => format!("税込か税別かの記載がないため、{}として扱いました（`pricing.tax` を書いてください）", self::basis(basis_now, lang)),
            Note::TaxConverted { from, rate } => format!("{}の価格を税率 {}% で換算しました", self::basis(*from, lang), percent(*rate)),
            Note::Converted { from, rate } => format!("{from} を 1 {from} = {rate} で換算しました"),
            Note::PremiumShareUnknown { premium } => format!("`{premium}` は試算に含めていません。該当する時間帯に対応しますが、その件数の割合（`night_share`、`holiday_share`）がありません"),
            Note::PriceIncrease { written } => format!("最大 {written} の値上げがありえますが、合計は値上げなしで計算しています"),
            Note::ForecastMissing => "想定件数（volume）の記載がありません".into(),
        },
    }
}

/// A warning about the comparison as a whole.
#[must_use]
pub fn warning(warning: &Warning, lang: Lang) -> String {
    match lang {
        Lang::En => match warning {
            Warning::FewQuotes { quotes } => format!("only {quotes} quote{} compared: take quotes from at least three vendors (相見積) so prices can be judged", if *quotes == 1 { "" } else { "s" }),
            Warning::ForecastsDiffer { lowest, highest } => format!("the quotes state different forecasts ({} to {}): compared at the highest; pass --volume to choose", contacts(*lowest), contacts(*highest)),
            Warning::NoneCosted => "no quote could be costed: see why below".into(),
        },
        Lang::Ja => match warning {
            Warning::FewQuotes { quotes } => format!("比較した見積は {quotes} 件だけです。価格の妥当性を判断するため、3 社以上から見積を取ってください（相見積）"),
            Warning::ForecastsDiffer { lowest, highest } => format!("見積ごとに想定件数が違います（{}〜{} 件）。最も多い件数で比較しました。--volume で指定できます", contacts(*lowest), contacts(*highest)),
            Warning::NoneCosted => "試算できた見積がありません。理由は下記のとおりです".into(),
        },
    }
}

/// A share in ppm as a percent: `10`, `8.5`.
#[must_use]
pub fn percent(ppm: i128) -> String {
    let whole = ppm / 10_000;
    let rest = ppm % 10_000;
    if rest == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{rest:04}").trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn shares_read_as_percents() {
        assert_eq!(percent(100_000), "10");
        assert_eq!(percent(85_000), "8.5");
        assert_eq!(percent(80_000), "8");
        assert_eq!(percent(12_345), "1.2345");
    }
}
