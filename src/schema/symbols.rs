//! The symbol sets of the schema (`pricing.model` is one of `monthly_fixed`,
//! `per_call`, …), and each symbol's Japanese name for messages in Japanese.

// ------------------------------------------------------------------------------------
//  Symbol sets
// ------------------------------------------------------------------------------------

pub const STATUS: &[&str] = &["quote", "draft", "signed"];
pub const CERTIFICATIONS: &[&str] = &[
    "iso27001",
    "privacy_mark",
    "pci_dss",
    "iso18295",
    "copc",
    "soc2",
    "iso9001",
];
pub const LANGUAGES: &[&str] = &["ja", "en", "zh", "ko", "es", "pt", "vi", "tl", "other"];
pub const SUBCONTRACTING: &[&str] = &["prohibited", "with_consent", "allowed"];
pub const DIRECTION: &[&str] = &["inbound", "outbound"];
pub const TASK: &[&str] = &[
    "order_taking",
    "support",
    "help_desk",
    "first_response",
    "reservations",
    "telemarketing",
    "appointment_setting",
    "market_research",
    "survey",
    "collections",
    "other",
];
pub const CHANNELS: &[&str] = &["phone", "email", "chat", "sms", "fax", "form", "social"];
pub const PARTY: &[&str] = &["client", "vendor", "joint"];
pub const MODEL: &[&str] = &[
    "monthly_fixed",
    "per_call",
    "per_minute",
    "per_seat",
    "per_hour",
    "outcome",
    "hybrid",
];
pub const REPORT: &[&str] = &["daily", "weekly", "monthly", "quarterly", "none"];
pub const METRICS: &[&str] = &[
    "cpc",
    "cpa",
    "aht",
    "answer_rate",
    "service_level",
    "abandon_rate",
    "fcr",
    "csat",
    "occupancy",
];
pub const RENEWAL_MODE: &[&str] = &["auto", "manual"];
pub const TAX: &[&str] = &["included", "excluded"];

/// Each symbol of the sets above in Japanese, for values in Japanese messages.
const SYMBOLS_JA: &[(&str, &str)] = &[
    ("quote", "見積"),
    ("draft", "草案"),
    ("signed", "締結済み"),
    ("iso27001", "ISO 27001"),
    ("privacy_mark", "プライバシーマーク"),
    ("pci_dss", "PCI DSS"),
    ("iso18295", "ISO 18295"),
    ("copc", "COPC"),
    ("soc2", "SOC 2"),
    ("iso9001", "ISO 9001"),
    ("ja", "日本語"),
    ("en", "英語"),
    ("zh", "中国語"),
    ("ko", "韓国語"),
    ("es", "スペイン語"),
    ("pt", "ポルトガル語"),
    ("vi", "ベトナム語"),
    ("tl", "タガログ語"),
    ("prohibited", "再委託禁止"),
    ("with_consent", "承諾を得た再委託のみ可"),
    ("allowed", "再委託可"),
    ("inbound", "インバウンド"),
    ("outbound", "アウトバウンド"),
    ("order_taking", "受注"),
    ("support", "カスタマーサポート"),
    ("help_desk", "ヘルプデスク"),
    ("first_response", "一次受付"),
    ("reservations", "予約受付"),
    ("telemarketing", "テレマーケティング"),
    ("appointment_setting", "アポイント獲得"),
    ("market_research", "市場調査"),
    ("survey", "アンケート調査"),
    ("collections", "督促・回収"),
    ("other", "その他"),
    ("phone", "電話"),
    ("email", "メール"),
    ("chat", "チャット"),
    ("sms", "SMS"),
    ("fax", "FAX"),
    ("form", "Webフォーム"),
    ("social", "SNS"),
    ("client", "委託元"),
    ("vendor", "委託先"),
    ("joint", "委託元・委託先の共有"),
    ("monthly_fixed", "月額固定"),
    ("per_call", "従量課金（1件単価）"),
    ("per_minute", "従量課金（1分単価）"),
    ("per_seat", "席単価"),
    ("per_hour", "時間単価"),
    ("outcome", "成果報酬"),
    ("hybrid", "併用型"),
    ("daily", "毎日"),
    ("weekly", "毎週"),
    ("monthly", "毎月"),
    ("quarterly", "四半期ごと"),
    ("none", "なし"),
    ("cpc", "CPC（1件あたりコスト）"),
    ("cpa", "CPA（獲得単価）"),
    ("aht", "AHT（平均処理時間）"),
    ("answer_rate", "応答率"),
    ("service_level", "サービスレベル"),
    ("abandon_rate", "放棄率"),
    ("fcr", "一次解決率"),
    ("csat", "顧客満足度"),
    ("occupancy", "稼働率"),
    ("auto", "自動更新"),
    ("manual", "都度合意で更新"),
    ("included", "税込"),
    ("excluded", "税別"),
];

/// A symbol of the schema in Japanese (`order_taking` → 受注).
#[must_use]
pub fn symbol_ja(symbol: &str) -> Option<&'static str> {
    SYMBOLS_JA
        .iter()
        .find(|(s, _)| *s == symbol)
        .map(|(_, ja)| *ja)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_has_a_japanese_name() {
        for set in [
            STATUS,
            CERTIFICATIONS,
            LANGUAGES,
            SUBCONTRACTING,
            DIRECTION,
            TASK,
            CHANNELS,
            PARTY,
            MODEL,
            REPORT,
            METRICS,
            RENEWAL_MODE,
        ] {
            for symbol in set {
                assert!(symbol_ja(symbol).is_some(), "{symbol}");
            }
        }
    }
}
