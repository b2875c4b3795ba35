//! Generates realistic `.terms` contracts, with the same facts as JSON beside them.
//!
//! ```text
//! cargo run --release --example gen -- N DIR [--seed S] [--no-waivers]
//! ```
//!
//! writes `DIR/contract-000001.terms` … and `DIR/json/contract-000001.json` …, about
//! 2 KB of terms each.  The output depends only on the seed (default 1) and the file's
//! number, so the first 100 files of a run of 1,000 are the files of a run of 100.
//!
//! About a third of the contracts are clean (no built-in rule finds anything in them);
//! the rest carry one to four of the flaws real contracts have (outcome-only pricing, a
//! fixed plan without an overage fee, `tbd` fees, personal data without ISO 27001,
//! high turnover, a vendor always hiring, a long notice period, no knowledge transfer,
//! outbound calls at night, …), some of them accepted by a `waiver` with its reason.
//! Every file is valid terms: no TL001–TL005.  A waiver names a built-in rule, so under
//! `check --no-builtin` it is a TL008 (no such rule); `--no-waivers` leaves them out,
//! for a corpus on which `check --no-builtin` says nothing at all.
//!
//! The bench `benches/check.rs` and the test `tests/roundtrip.rs` include this file as
//! a module, so the generator is written as functions; `main` only parses arguments.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use serde::Serialize;
use termlint::schema::symbols;

// ------------------------------------------------------------------------------------
//  A tiny deterministic PRNG (xorshift64*)
// ------------------------------------------------------------------------------------

/// xorshift64*: small, fast and good enough to vary test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`; every seed (0 included) gives a usable, distinct state.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        // splitmix64 of the seed, so nearby seeds start far apart and 0 is fine.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        (self.next_u64() >> 11) % n
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + u32::try_from(self.below(u64::from(hi - lo) + 1)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items[i].clone()
    }

    /// Between `lo` and `hi` distinct items of `items`, in the order of `items`.
    pub fn some<T: Copy>(&mut self, items: &[T], lo: u32, hi: u32) -> Vec<T> {
        let k = self.range(lo, hi) as usize;
        self.subset(items, k)
    }

    /// `k` distinct items of `items`, in the order of `items`.
    pub fn subset<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut chosen = vec![false; items.len()];
        let mut left = k.min(items.len());
        while left > 0 {
            let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
            if !chosen[i] {
                chosen[i] = true;
                left -= 1;
            }
        }
        items
            .iter()
            .zip(chosen)
            .filter_map(|(x, c)| c.then_some(*x))
            .collect()
    }
}

// ------------------------------------------------------------------------------------
//  The facts of one contract (rendered as terms and as JSON)
// ------------------------------------------------------------------------------------

/// An amount of money, optionally per a unit.
#[derive(Debug, Clone, Serialize)]
pub struct Money {
    pub amount: u64,
    pub currency: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<&'static str>,
}

/// A charge that is either an amount or `tbd`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Charge {
    Money(Money),
    /// Always `"tbd"`.
    Tbd(&'static str),
}

/// A duration in one unit (`24 hours`, `3 months`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Dur {
    pub amount: u32,
    /// Plural spelling: `seconds`, `hours`, `days`, `months`, `years`.
    pub unit: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Staff {
    pub operators: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dedicated: Option<bool>,
    pub supervisors: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training: Option<Dur>,
    pub turnover_percent_per_year: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specialists: Option<bool>,
    pub languages: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recruiting {
    pub postings_per_year: u32,
    pub always_hiring: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hiring_bonus: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_experience: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Vendor {
    pub name: String,
    pub certifications: Vec<&'static str>,
    pub sites: u32,
    pub staff: Staff,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recruiting: Option<Recruiting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcontracting: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hours {
    pub days: &'static str,
    pub time: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub direction: &'static str,
    pub task: &'static str,
    pub hours: Vec<Hours>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holidays: Option<bool>,
    pub channels: Vec<&'static str>,
    pub volume_per_month: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback: Option<Dur>,
    pub manual: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fee {
    pub name: String,
    pub amount: Charge,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Pricing {
    pub model: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_fee: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_fee: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included_per_month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_call: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat_rate: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overage: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome_fee: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_charge: Option<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub night_premium_percent: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday_premium_percent: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_increase_percent_per_year: Option<u32>,
    pub fees: Vec<Fee>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceLevel {
    pub target_percent: u32,
    pub within_seconds: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kpi {
    /// A minimum, written `>= N%`.
    pub answer_rate_percent: u32,
    pub service_level: ServiceLevel,
    /// A maximum, written `<= N%`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abandon_rate_percent: Option<u32>,
    /// A maximum, written `<= N s`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asa_seconds: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fcr_percent: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat_percent: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<&'static str>,
    pub metrics: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits_percent: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Renewal {
    pub mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Dur>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub minimum: Dur,
    pub renewal: Renewal,
    pub notice: Dur,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_convenience: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_fee: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_assistance: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Data {
    pub personal_data: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_payments: Option<bool>,
    pub recording: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<Dur>,
    pub owner: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_on_exit: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knowledge_transfer: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breach_notice: Option<Dur>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiver {
    pub rule: String,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// Everything a generated contract says.  Serialised as the JSON twin of the file.
#[derive(Debug, Clone, Serialize)]
pub struct Contract {
    pub id: String,
    pub title: String,
    pub client: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<String>,
    pub start: String,
    pub end: String,
    pub vendor: Vendor,
    pub services: Vec<Service>,
    pub pricing: Pricing,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kpi: Option<Kpi>,
    pub term: Term,
    pub data: Data,
    pub waivers: Vec<Waiver>,
    /// `x_ringi_no`: the client's internal approval number (an extension field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ringi_no: Option<String>,
    /// The flaws written into the contract (empty for a clean one), by name.
    pub flaws: Vec<&'static str>,
    /// The built-in rules those flaws are meant to trip (before waivers).
    pub expected_rules: Vec<&'static str>,
    /// Whether money is written with `円` rather than `JPY`.
    #[serde(skip)]
    pub yen_sign: bool,
    /// Whether the file's comments are in Japanese.
    #[serde(skip)]
    pub japanese: bool,
}

// ------------------------------------------------------------------------------------
//  Vocabulary
// ------------------------------------------------------------------------------------

const VENDORS_JA: &[&str] = &[
    "株式会社ひまわりコンタクト",
    "さくらテレサービス株式会社",
    "株式会社みなとコールセンター",
    "北星コミュニケーションズ株式会社",
    "株式会社あおばサポート",
    "東海テレマーケティング株式会社",
    "株式会社しおかぜＣＸ",
    "琉球コンタクトブリッジ株式会社",
];
const VENDORS_EN: &[&str] = &[
    "Kuroshio Contact Co., Ltd.",
    "Harbor Line Services",
    "Northwind Teleservices K.K.",
    "Bluebell Contact Partners",
    "Okinawa Call Bridge Inc.",
    "Summit CX Solutions",
    "Maple Leaf Response Ltd.",
];
const CLIENTS_JA: &[&str] = &[
    "さくら通販株式会社",
    "株式会社みどり保険サービス",
    "株式会社ほくと旅行",
    "株式会社つばめ不動産",
    "こだま電力株式会社",
    "株式会社いろは化粧品",
];
const CLIENTS_EN: &[&str] = &[
    "Acme Kitchenware Co., Ltd.",
    "Citrus Telecom K.K.",
    "Evergreen Card Services",
    "Blue Ocean Utilities",
    "Lantern Travel Inc.",
    "Pinecone Software K.K.",
];
const APPROVERS: &[&str] = &[
    "調達部 佐藤",
    "法務部 鈴木",
    "CS本部長 高橋",
    "K. Tanaka (procurement)",
    "M. Ito (legal)",
    "J. Smith (CX director)",
];

const INBOUND_TASKS: &[&str] = &[
    "order_taking",
    "support",
    "help_desk",
    "first_response",
    "reservations",
];
const OUTBOUND_TASKS: &[&str] = &[
    "telemarketing",
    "appointment_setting",
    "market_research",
    "survey",
    "collections",
];
// Symbol sets taken from the schema, so the generator cannot write a symbol the
// schema does not know.  The slices leave out what a contract always has or gets on
// a condition (`phone`, `iso27001`, `privacy_mark`, `pci_dss`, `ja`, `cpc`), `cpa`
// (an outcome metric some rules read), and the rarely used `tl` and `other`.
const CHANNELS: &[&str] = symbols::CHANNELS;
const EXTRA_CERTS: &[&str] = symbols::CERTIFICATIONS.split_at(3).1;
const LANGUAGES: &[&str] = symbols::LANGUAGES.split_at(1).1.split_at(6).0;
const EXTRA_METRICS: &[&str] = symbols::METRICS.split_at(2).1;

fn task_title(task: &str, japanese: bool) -> &'static str {
    match (task, japanese) {
        ("order_taking", true) => "受注窓口",
        ("order_taking", false) => "order desk",
        ("support", true) => "カスタマーサポート",
        ("support", false) => "customer support line",
        ("help_desk", true) => "ヘルプデスク",
        ("help_desk", false) => "technical help desk",
        ("first_response", true) => "一次受付",
        ("first_response", false) => "first-response desk",
        ("reservations", true) => "予約センター",
        ("reservations", false) => "reservations line",
        ("telemarketing", true) => "テレマーケティング",
        ("telemarketing", false) => "telemarketing campaign",
        ("appointment_setting", true) => "アポイント獲得",
        ("appointment_setting", false) => "appointment setting",
        ("market_research", true) => "市場調査",
        ("market_research", false) => "market research calls",
        ("survey", true) => "顧客満足度調査",
        ("survey", false) => "customer survey",
        ("collections", true) => "督促業務",
        ("collections", false) => "collections calls",
        (_, true) => "コールセンター業務",
        (_, false) => "call-centre services",
    }
}

// ------------------------------------------------------------------------------------
//  Flaws: what goes wrong in real contracts, and the rule each one trips
// ------------------------------------------------------------------------------------

/// (name, the rule it trips, its slug).
pub const FLAWS: &[(&str, &str, &str)] = &[
    ("outcome_only_pricing", "TL101", "pure-outcome-fees"),
    ("fixed_plan_without_overage", "TL102", "unclear-overage"),
    ("tbd_fee", "TL104", "undecided-charge"),
    (
        "personal_data_without_iso27001",
        "TL201",
        "personal-data-without-isms",
    ),
    ("high_turnover", "TL301", "high-turnover"),
    ("always_hiring", "TL302", "always-hiring"),
    ("long_notice", "TL603", "long-notice"),
    ("no_knowledge_transfer", "TL705", "no-knowledge-transfer"),
    ("night_outbound", "TL406", "night-outbound"),
    ("thin_training", "TL305", "thin-training"),
    ("vendor_owned_scripts", "TL407", "vendor-owned-scripts"),
    ("long_lock_in", "TL601", "long-lock-in"),
    ("no_exit_assistance", "TL605", "no-exit-assistance"),
    ("no_service_credits", "TL508", "kpis-without-credits"),
];

/// Reasons a procurement team writes on a waiver, per flaw.
fn waiver_reason(flaw: &str, japanese: bool) -> &'static str {
    match (flaw, japanese) {
        ("outcome_only_pricing", true) => {
            "試験導入の3か月間のみ成果報酬型とし、品質は週次レビューで確認する"
        }
        ("outcome_only_pricing", false) => {
            "pilot quarter only; quality reviewed weekly with the vendor"
        }
        ("fixed_plan_without_overage", true) => {
            "予測件数を大きく下回る見込みのため、超過料金は次回更新時に定める"
        }
        ("fixed_plan_without_overage", false) => {
            "volume far below the plan; overage to be agreed at renewal"
        }
        ("tbd_fee", true) => "金額は見積依頼中（来月の稟議で確定）",
        ("tbd_fee", false) => "quote requested; amount settled in next month's approval",
        ("personal_data_without_iso27001", true) => {
            "プライバシーマーク取得済み、ISMS認証は来年度取得予定"
        }
        ("personal_data_without_iso27001", false) => {
            "ISO 27001 audit booked; on-site security review passed"
        }
        ("high_turnover", true) => "繁忙期の短期要員を含む数値のため",
        ("high_turnover", false) => "figure includes seasonal staff; core team is stable",
        ("always_hiring", true) => "新拠点立ち上げに伴う募集であることを確認済み",
        ("always_hiring", false) => "hiring for a new site, confirmed with the vendor",
        ("long_notice", true) => "専任チーム維持のため解約予告期間の延長に合意",
        ("long_notice", false) => "longer notice agreed in exchange for a dedicated team",
        ("no_knowledge_transfer", true) => "FAQは当社システム上で管理しているため不要",
        ("no_knowledge_transfer", false) => "scripts and FAQ live in our own knowledge base",
        ("night_outbound", true) => "海外顧客向けの架電で、現地時間は日中",
        ("night_outbound", false) => "calls go to overseas customers in their daytime",
        ("thin_training", true) => "経験者のみを配置することを確認済み",
        ("thin_training", false) => "only experienced agents are assigned",
        ("vendor_owned_scripts", true) => "スクリプトは委託先の標準を利用し、当社が承認する",
        ("vendor_owned_scripts", false) => "vendor's standard scripts, approved by us",
        ("long_lock_in", true) => "長期契約による単価割引と引き換え",
        ("long_lock_in", false) => "long commitment traded for a lower unit price",
        ("no_exit_assistance", true) => "業務は社内に戻す予定がないため",
        ("no_exit_assistance", false) => "no plan to bring the work back in-house",
        (_, true) => "委託元と協議の上で承認",
        (_, false) => "accepted after review with the vendor",
    }
}

// ------------------------------------------------------------------------------------
//  Generating the facts
// ------------------------------------------------------------------------------------

fn yen(amount: u64) -> Money {
    Money {
        amount,
        currency: "JPY",
        per: None,
    }
}

fn yen_per(amount: u64, per: &'static str) -> Charge {
    Charge::Money(Money {
        amount,
        currency: "JPY",
        per: Some(per),
    })
}

fn dur(amount: u32, unit: &'static str) -> Dur {
    Dur { amount, unit }
}

/// Rounds to a price a person would write (two significant digits).
fn round_price(x: u64) -> u64 {
    let mut scale = 1;
    while x / scale >= 100 {
        scale *= 10;
    }
    (x / scale).max(1) * scale
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Contract `index` (1-based) of the corpus generated with `seed`.
#[must_use]
pub fn contract(seed: u64, index: u64) -> Contract {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
    let r = &mut rng;
    let japanese = r.chance(50);
    let yen_sign = japanese && r.chance(70);

    // Parties and dates.
    let vendor_name = if r.chance(55) {
        r.pick(VENDORS_JA)
    } else {
        r.pick(VENDORS_EN)
    };
    let client = if japanese {
        r.pick(CLIENTS_JA)
    } else {
        r.pick(CLIENTS_EN)
    };
    let start_year = r.range(2026, 2028);
    let start_month = r.range(1, 12);
    // Contracts run one to three years and end in 2028 or later, so none has ended yet
    // (TL606) for a while after this generator was written.
    let years = r.range(1, 3).max(2028 - start_year + 1).min(3);
    let (end_year, end_month) = if start_month == 1 {
        (start_year + years - 1, 12)
    } else {
        (start_year + years, start_month - 1)
    };
    let start = format!("{start_year}-{start_month:02}-01");
    let end = format!(
        "{end_year}-{end_month:02}-{:02}",
        days_in_month(end_year, end_month)
    );
    let status = r.pick(&["quote", "draft", "signed", "signed", "signed"]);
    let signed_on = (status == "signed").then(|| {
        let (y, m) = if start_month == 1 {
            (start_year - 1, 12)
        } else {
            (start_year, start_month - 1)
        };
        format!("{y}-{m:02}-{:02}", r.range(1, days_in_month(y, m)))
    });

    // Services: the first one inbound, sometimes an outbound campaign besides.
    let mut services = Vec::new();
    let n_services = r.pick(&[1, 1, 2, 2, 3]);
    for k in 0..n_services {
        let outbound = k > 0 && r.chance(40);
        services.push(service(r, outbound));
    }
    let weekend = services.iter().any(|s| {
        s.hours
            .iter()
            .any(|h| matches!(h.days, "sat" | "mon-sat" | "daily" | "sat-sun"))
    });
    let night = services
        .iter()
        .any(|s| s.hours.iter().any(|h| h.time.ends_with("24:00")));
    let help_desk = services.iter().any(|s| s.task == "help_desk");

    // Vendor.
    let operators = r.range(6, 80);
    let supervisors = operators.div_ceil(r.range(8, 15));
    let personal_data = r.chance(80);
    let card_payments = personal_data && r.chance(20);
    let mut certifications = vec!["iso27001"];
    if personal_data || r.chance(50) {
        certifications.push("privacy_mark");
    }
    if card_payments {
        certifications.push("pci_dss");
    }
    certifications.extend(r.some(EXTRA_CERTS, 0, 2));
    let mut languages = vec!["ja"];
    languages.extend(r.some(LANGUAGES, 0, 2));
    let vendor = Vendor {
        name: vendor_name.to_string(),
        certifications,
        sites: r.range(1, 4),
        staff: Staff {
            operators,
            dedicated: r.chance(70).then(|| r.chance(70)),
            supervisors,
            training: Some(dur(r.pick(&[16, 20, 24, 32, 40, 60, 80]), "hours")),
            turnover_percent_per_year: r.range(8, 28),
            specialists: if help_desk {
                Some(true)
            } else {
                r.chance(50).then(|| r.chance(50))
            },
            languages,
        },
        recruiting: r.chance(70).then(|| Recruiting {
            postings_per_year: r.range(1, operators.min(24)),
            always_hiring: false,
            hiring_bonus: None,
            no_experience: r.chance(40).then_some(false),
        }),
        subcontracting: Some(r.pick(&["prohibited", "with_consent", "with_consent"])),
    };

    // Pricing.
    let volume: u32 = services.iter().map(|s| s.volume_per_month).sum();
    let mut pricing = Pricing {
        initial_fee: Some(Charge::Money(yen(u64::from(r.range(5, 60)) * 10_000))),
        ..Pricing::default()
    };
    match r.below(4) {
        0 | 1 => {
            // A fixed plan: base fee for an included volume, overage above it.
            let included = round_price(u64::from(volume * r.range(80, 110) / 100).max(500));
            let unit = u64::from(r.range(110, 220));
            pricing.model = "monthly_fixed";
            pricing.base_fee = Some(yen_per(round_price(included * unit), "month"));
            pricing.included_per_month = Some(u32::try_from(included).unwrap_or(u32::MAX));
            pricing.overage = Some(yen_per(unit * u64::from(r.range(100, 130)) / 100, "call"));
        }
        2 => {
            pricing.model = "per_call";
            pricing.per_call = Some(yen_per(u64::from(r.range(12, 45)) * 10, "call"));
            if r.chance(50) {
                pricing.minimum_charge =
                    Some(yen_per(u64::from(r.range(10, 50)) * 10_000, "month"));
            }
        }
        _ => {
            pricing.model = "per_seat";
            pricing.seats = Some(operators);
            pricing.seat_rate = Some(yen_per(u64::from(r.range(35, 70)) * 10_000, "month"));
        }
    }
    if weekend {
        pricing.holiday_premium_percent = Some(r.pick(&[25, 30, 35]));
    }
    if night {
        pricing.night_premium_percent = Some(r.pick(&[25, 50]));
    }
    let auto_renewal = r.chance(60);
    if auto_renewal || r.chance(50) {
        pricing.price_increase_percent_per_year = Some(r.range(1, 5));
    }
    for _ in 0..r.range(0, 2) {
        let (name, amount) = if japanese {
            r.pick(&[
                ("月次レポート作成", yen_per(20_000, "month")),
                ("受注データ入力", yen_per(30, "call")),
                ("専用フリーダイヤル", yen_per(1_500, "month")),
                ("FAQ更新", yen_per(50_000, "month")),
            ])
        } else {
            r.pick(&[
                ("monthly report", yen_per(20_000, "month")),
                ("data entry", yen_per(30, "call")),
                ("dedicated toll-free number", yen_per(1_500, "month")),
                ("script translation", Charge::Money(yen(80_000))),
            ])
        };
        if !pricing.fees.iter().any(|f| f.name == name) {
            pricing.fees.push(Fee {
                name: name.to_string(),
                amount,
            });
        }
    }

    // KPIs: realistic targets that no built-in rule objects to.
    let mut metrics = vec!["cpc"];
    metrics.extend(r.some(EXTRA_METRICS, 1, 3));
    let kpi = Kpi {
        answer_rate_percent: r.range(80, 95),
        service_level: ServiceLevel {
            target_percent: r.pick(&[80, 80, 85, 90]),
            within_seconds: r.pick(&[15, 20, 20, 30]),
        },
        abandon_rate_percent: r.chance(70).then(|| r.range(3, 8)),
        asa_seconds: r.chance(30).then(|| r.pick(&[20, 30, 45])),
        fcr_percent: r.chance(40).then(|| r.range(65, 85)),
        csat_percent: r.chance(30).then(|| r.range(80, 92)),
        report: Some(r.pick(&["daily", "weekly", "monthly", "monthly"])),
        metrics,
        credits_percent: Some(r.pick(&[5, 10, 15])),
    };

    let term = Term {
        minimum: r.pick(&[
            dur(6, "months"),
            dur(12, "months"),
            dur(1, "years"),
            dur(3, "months"),
        ]),
        renewal: if auto_renewal {
            Renewal {
                mode: "auto",
                period: Some(r.pick(&[dur(6, "months"), dur(3, "months"), dur(180, "days")])),
            }
        } else {
            Renewal {
                mode: "manual",
                period: None,
            }
        },
        notice: r.pick(&[
            dur(30, "days"),
            dur(60, "days"),
            dur(90, "days"),
            dur(1, "months"),
            dur(3, "months"),
        ]),
        for_convenience: r.chance(60).then_some(true),
        termination_fee: r
            .chance(20)
            .then(|| yen(u64::from(r.range(10, 50)) * 10_000)),
        exit_assistance: Some(true),
    };
    let recording = r.chance(85);
    let data = Data {
        personal_data,
        card_payments: (card_payments || r.chance(40)).then_some(card_payments),
        recording,
        retention: recording.then(|| {
            r.pick(&[
                dur(90, "days"),
                dur(6, "months"),
                dur(1, "years"),
                dur(2, "years"),
            ])
        }),
        owner: r.pick(&["client", "client", "joint"]),
        return_on_exit: Some(true),
        knowledge_transfer: Some(true),
        breach_notice: Some(r.pick(&[
            dur(24, "hours"),
            dur(48, "hours"),
            dur(72, "hours"),
            dur(1, "days"),
        ])),
    };

    let slug = task_slug(services[0].task);
    let mut c = Contract {
        id: format!("{slug}-{start_year}-{index:06}"),
        title: if japanese {
            format!(
                "{} 業務委託契約（{}）",
                task_title(services[0].task, true),
                start_year
            )
        } else {
            let t = task_title(services[0].task, false);
            format!(
                "{}{} outsourcing {}",
                t[..1].to_uppercase(),
                &t[1..],
                start_year
            )
        },
        client: client.to_string(),
        status,
        signed_on,
        start,
        end,
        vendor,
        services,
        pricing,
        kpi: Some(kpi),
        term,
        data,
        waivers: Vec::new(),
        ringi_no: (japanese && r.chance(50))
            .then(|| format!("稟議-{start_year}-{:03}", r.range(1, 400))),
        flaws: Vec::new(),
        expected_rules: Vec::new(),
        yen_sign,
        japanese,
    };

    // A third stay clean; the rest get one to four flaws.
    if !r.chance(33) {
        let n = r.pick(&[1, 1, 2, 2, 3, 4]);
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < n {
            let i = usize::try_from(r.below(FLAWS.len() as u64)).unwrap_or(0);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        for i in chosen {
            let (name, rule, _) = FLAWS[i];
            if apply_flaw(&mut c, r, name) {
                c.flaws.push(name);
                c.expected_rules.push(rule);
            }
        }
        // Some flaws are accepted on paper: a waiver with its reason.
        if !c.flaws.is_empty() && r.chance(35) {
            let k = usize::try_from(r.below(c.flaws.len() as u64)).unwrap_or(0);
            let flaw = c.flaws[k];
            let (_, id, slug) = FLAWS
                .iter()
                .find(|f| f.0 == flaw)
                .copied()
                .unwrap_or(FLAWS[0]);
            c.waivers.push(Waiver {
                rule: if r.chance(50) { id } else { slug }.to_string(),
                reason: waiver_reason(flaw, c.japanese).to_string(),
                approved_by: r.chance(70).then(|| r.pick(APPROVERS).to_string()),
                expires: r.chance(70).then(|| {
                    format!(
                        "{}-{:02}-{:02}",
                        r.range(2028, 2030),
                        r.range(1, 12),
                        r.range(1, 28)
                    )
                }),
            });
        }
    }
    // Outcome fees bring their two companions unless the KPIs cover them.
    if c.pricing.outcome_fee.is_some() {
        let kpi = c.kpi.as_ref();
        if kpi.is_none_or(|k| k.csat_percent.is_none() && k.fcr_percent.is_none()) {
            c.expected_rules.push("TL107");
        }
        if kpi.is_none_or(|k| !k.metrics.contains(&"cpa")) {
            c.expected_rules.push("TL507");
        }
    }
    c
}

fn task_slug(task: &str) -> &'static str {
    match task {
        "order_taking" => "order-desk",
        "support" => "support-line",
        "help_desk" => "help-desk",
        "first_response" => "first-response",
        "reservations" => "reservations",
        "telemarketing" => "telesales",
        "appointment_setting" => "appointments",
        "market_research" => "research",
        "survey" => "survey",
        _ => "call-centre",
    }
}

fn service(r: &mut Rng, outbound: bool) -> Service {
    let task = if outbound {
        r.pick(OUTBOUND_TASKS)
    } else {
        r.pick(INBOUND_TASKS)
    };
    let mut hours = Vec::new();
    let round_the_clock = !outbound && r.chance(10);
    if round_the_clock {
        hours.push(Hours {
            days: "daily",
            time: "00:00-24:00",
        });
    } else if outbound {
        hours.push(Hours {
            days: r.pick(&["mon-fri", "weekdays", "tue-fri"]),
            time: r.pick(&["10:00-19:00", "10:00-20:00", "09:30-18:30", "13:00-21:00"]),
        });
    } else {
        hours.push(Hours {
            days: r.pick(&["mon-fri", "weekdays", "mon-fri", "mon-sat"]),
            time: r.pick(&[
                "09:00-18:00",
                "09:00-20:00",
                "08:30-17:30",
                "10:00-19:00",
                "09:00-21:00",
            ]),
        });
        if r.chance(35) {
            hours.push(Hours {
                days: r.pick(&["sat", "sat-sun"]),
                time: r.pick(&["10:00-17:00", "10:00-18:00", "09:00-15:00"]),
            });
        }
    }
    let mut channels = vec!["phone"];
    channels.extend(r.some(&CHANNELS[1..], 0, 3));
    Service {
        direction: if outbound { "outbound" } else { "inbound" },
        task,
        hours,
        holidays: r.chance(40).then(|| round_the_clock || r.chance(20)),
        channels,
        volume_per_month: if round_the_clock {
            r.range(30, 120) * 100
        } else {
            r.range(5, 150) * 100
        },
        callback: (task == "first_response")
            .then(|| r.pick(&[dur(2, "hours"), dur(4, "hours"), dur(24, "hours")])),
        manual: r.pick(&["client", "client", "joint"]),
    }
}

/// Writes one flaw into the contract; false when it does not fit this contract.
fn apply_flaw(c: &mut Contract, r: &mut Rng, flaw: &str) -> bool {
    match flaw {
        "outcome_only_pricing" => {
            let p = &mut c.pricing;
            if p.model == "monthly_fixed" && c.flaws.contains(&"fixed_plan_without_overage") {
                return false;
            }
            let fees = std::mem::take(&mut p.fees);
            let initial = p.initial_fee.take();
            *p = Pricing {
                model: "outcome",
                initial_fee: initial,
                outcome_fee: Some(yen_per(u64::from(r.range(3, 30)) * 1_000, "acquisition")),
                price_increase_percent_per_year: p.price_increase_percent_per_year,
                night_premium_percent: p.night_premium_percent,
                holiday_premium_percent: p.holiday_premium_percent,
                fees,
                ..Pricing::default()
            };
            true
        }
        "fixed_plan_without_overage" => {
            let p = &mut c.pricing;
            if p.model == "outcome" {
                return false;
            }
            if p.model != "monthly_fixed" {
                let included = round_price(u64::from(c.services[0].volume_per_month));
                *p = Pricing {
                    model: "monthly_fixed",
                    initial_fee: p.initial_fee.take(),
                    base_fee: Some(yen_per(round_price(included * 150), "month")),
                    included_per_month: Some(u32::try_from(included).unwrap_or(u32::MAX)),
                    night_premium_percent: p.night_premium_percent,
                    holiday_premium_percent: p.holiday_premium_percent,
                    price_increase_percent_per_year: p.price_increase_percent_per_year,
                    fees: std::mem::take(&mut p.fees),
                    ..Pricing::default()
                };
            }
            p.overage = None;
            true
        }
        "tbd_fee" => {
            let p = &mut c.pricing;
            match r.below(3) {
                0 if p.overage.is_some() => p.overage = Some(Charge::Tbd("tbd")),
                1 => p.initial_fee = Some(Charge::Tbd("tbd")),
                _ => p.fees.push(Fee {
                    name: if c.japanese {
                        "システム連携費"
                    } else {
                        "CRM integration"
                    }
                    .to_string(),
                    amount: Charge::Tbd("tbd"),
                }),
            }
            true
        }
        "personal_data_without_iso27001" => {
            c.data.personal_data = true;
            c.vendor.certifications.retain(|x| *x != "iso27001");
            if !c.vendor.certifications.contains(&"privacy_mark") {
                c.vendor.certifications.insert(0, "privacy_mark");
            }
            true
        }
        "high_turnover" => {
            c.vendor.staff.turnover_percent_per_year = r.range(35, 65);
            true
        }
        "always_hiring" => {
            let rec = c.vendor.recruiting.get_or_insert(Recruiting {
                postings_per_year: 4,
                always_hiring: false,
                hiring_bonus: None,
                no_experience: None,
            });
            rec.always_hiring = true;
            true
        }
        "long_notice" => {
            c.term.notice = r.pick(&[
                dur(6, "months"),
                dur(120, "days"),
                dur(180, "days"),
                dur(4, "months"),
            ]);
            true
        }
        "no_knowledge_transfer" => {
            c.data.knowledge_transfer = if r.chance(50) { Some(false) } else { None };
            true
        }
        "night_outbound" => {
            let task = r.pick(OUTBOUND_TASKS);
            let mut s = service(r, true);
            s.task = task;
            s.hours = vec![Hours {
                days: r.pick(&["mon-fri", "weekdays"]),
                time: r.pick(&["18:00-23:00", "19:00-22:30", "20:00-23:30"]),
            }];
            c.services.push(s);
            c.pricing.night_premium_percent = Some(25);
            true
        }
        "thin_training" => {
            c.vendor.staff.training =
                Some(r.pick(&[dur(8, "hours"), dur(4, "hours"), dur(12, "hours")]));
            true
        }
        "vendor_owned_scripts" => {
            c.services[0].manual = "vendor";
            true
        }
        "long_lock_in" => {
            c.term.minimum = r.pick(&[dur(24, "months"), dur(3, "years"), dur(2, "years")]);
            true
        }
        "no_exit_assistance" => {
            c.term.exit_assistance = if r.chance(50) { Some(false) } else { None };
            true
        }
        "no_service_credits" => {
            if let Some(kpi) = &mut c.kpi {
                kpi.credits_percent = None;
            }
            true
        }
        _ => false,
    }
}

// ------------------------------------------------------------------------------------
//  Rendering: facts → a tree of nodes → text in one of several layouts
// ------------------------------------------------------------------------------------

/// A node to write: `name args… { children }` with an optional trailing comment.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub name: String,
    pub args: Vec<String>,
    pub children: Vec<Node>,
    /// Whether the node has a block (possibly empty).
    pub block: bool,
    /// In the natural layout, write the block on one line with `;` between children.
    pub one_line: bool,
    /// A comment after the node's head (never inside a one-line block).
    pub comment: Option<String>,
    /// A comment line and a blank line before the node, in the natural layout.
    pub note: Option<String>,
}

impl Node {
    pub fn leaf(name: &str, args: impl IntoIterator<Item = String>) -> Node {
        Node {
            name: name.to_string(),
            args: args.into_iter().collect(),
            ..Node::default()
        }
    }

    pub fn block(name: &str, args: Vec<String>, children: Vec<Node>) -> Node {
        Node {
            name: name.to_string(),
            args,
            children,
            block: true,
            ..Node::default()
        }
    }

    pub fn with_comment(mut self, comment: Option<&str>) -> Node {
        self.comment = comment.map(str::to_string);
        self
    }
}

/// How to lay the same nodes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// As a person writes it: aligned values, some short blocks on one line with `;`,
    /// comments here and there.
    Natural,
    /// One field per line, no one-line blocks, no comments.
    Lines,
    /// Every block on one line, children separated by `;`.
    Semicolons,
    /// Blank lines and comment lines between all nodes, tabs, CRLF line ends.
    Spacious,
    /// Every block on one line with no space that is not needed: `a 1{b 2;c 3}`.
    Tight,
}

/// A quoted string with `"` and `\` escaped.
#[must_use]
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A whole number as people write it in contracts: `_` groups from 10,000 up (and
/// sometimes from 1,000).
fn number(n: u64, group_thousands: bool) -> String {
    let digits = n.to_string();
    if n < 1_000 || (n < 10_000 && !group_thousands) {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    out
}

struct Style {
    yen_sign: bool,
    group: bool,
    tight_hours: bool,
}

impl Style {
    fn money(&self, m: &Money) -> String {
        let currency = if self.yen_sign && m.currency == "JPY" {
            "円"
        } else {
            m.currency
        };
        let mut s = format!("{} {currency}", number(m.amount, self.group));
        if let Some(per) = m.per {
            let _ = write!(s, " / {per}");
        }
        s
    }

    fn charge(&self, c: &Charge) -> String {
        match c {
            Charge::Money(m) => self.money(m),
            Charge::Tbd(_) => "tbd".to_string(),
        }
    }

    fn dur(&self, d: Dur) -> String {
        let unit = if d.amount == 1 {
            d.unit.trim_end_matches('s')
        } else {
            d.unit
        };
        if self.tight_hours && d.unit == "hours" {
            format!("{}h", d.amount)
        } else {
            format!("{} {unit}", d.amount)
        }
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn opt<T>(out: &mut Vec<Node>, value: Option<T>, f: impl FnOnce(T) -> Node) {
    if let Some(v) = value {
        out.push(f(v));
    }
}

/// The contract as nodes, with the stylistic choices (one-line blocks, comments,
/// unit spellings) drawn from `r`.
#[must_use]
pub fn to_nodes(c: &Contract, r: &mut Rng) -> Vec<Node> {
    let st = Style {
        yen_sign: c.yen_sign,
        group: r.chance(60),
        tight_hours: r.chance(25),
    };
    let ja = c.japanese;
    let mut top = vec![
        Node::leaf("title", [quote(&c.title)]),
        Node::leaf("client", [quote(&c.client)]).with_comment(ja.then_some("委託元")),
        Node::leaf("status", [c.status.to_string()]),
    ];
    opt(&mut top, c.signed_on.as_ref(), |d| {
        Node::leaf("signed_on", [d.clone()])
    });
    top.push(Node::leaf("start", [c.start.clone()]));
    top.push(Node::leaf("end", [c.end.clone()]));

    // Vendor.
    let v = &c.vendor;
    let s = &v.staff;
    let mut staff = vec![Node::leaf("operators", [s.operators.to_string()])];
    opt(&mut staff, s.dedicated, |b| {
        Node::leaf("dedicated", [yes(b)])
    });
    staff.push(Node::leaf("supervisors", [s.supervisors.to_string()]));
    opt(&mut staff, s.training, |d| {
        Node::leaf("training", [st.dur(d)])
    });
    staff.push(Node::leaf(
        "turnover",
        [format!("{}% / year", s.turnover_percent_per_year)],
    ));
    opt(&mut staff, s.specialists, |b| {
        Node::leaf("specialists", [yes(b)])
    });
    staff.push(Node::leaf(
        "languages",
        s.languages.iter().map(|l| (*l).to_string()),
    ));
    let mut staff = Node::block("staff", vec![], staff);
    staff.one_line = r.chance(35);
    let mut vendor = Vec::new();
    if !v.certifications.is_empty() {
        vendor.push(Node::leaf(
            "certifications",
            v.certifications.iter().map(|x| (*x).to_string()),
        ));
    }
    vendor.push(Node::leaf("sites", [v.sites.to_string()]));
    vendor.push(staff);
    if let Some(rec) = &v.recruiting {
        let mut kids = vec![Node::leaf(
            "postings",
            [format!("{} / year", rec.postings_per_year)],
        )];
        if rec.always_hiring || r.chance(60) {
            kids.push(Node::leaf("always_hiring", [yes(rec.always_hiring)]));
        }
        opt(&mut kids, rec.hiring_bonus.as_ref(), |m| {
            Node::leaf("hiring_bonus", [st.money(m)])
        });
        opt(&mut kids, rec.no_experience, |b| {
            Node::leaf("no_experience", [yes(b)])
        });
        let mut rec = Node::block("recruiting", vec![], kids);
        rec.one_line = r.chance(60);
        vendor.push(rec);
    }
    opt(&mut vendor, v.subcontracting, |x| {
        Node::leaf("subcontracting", [x.to_string()]).with_comment(match (ja, x) {
            (true, "with_consent") => Some("再委託は事前の書面承諾が必要"),
            (false, "with_consent") => Some("only with our written consent"),
            (true, "prohibited") => Some("再委託禁止"),
            _ => None,
        })
    });
    top.push(Node::block("vendor", vec![quote(&v.name)], vendor));

    // Services.
    for (k, sv) in c.services.iter().enumerate() {
        let mut kids: Vec<Node> = sv
            .hours
            .iter()
            .map(|h| {
                let days = match h.days {
                    "mon-fri" if r.chance(20) => "weekdays",
                    d => d,
                };
                Node::leaf("hours", [days.to_string(), h.time.to_string()])
            })
            .collect();
        opt(&mut kids, sv.holidays, |b| Node::leaf("holidays", [yes(b)]));
        kids.push(Node::leaf(
            "channels",
            sv.channels.iter().map(|x| (*x).to_string()),
        ));
        kids.push(
            Node::leaf(
                "volume",
                [format!(
                    "{} calls / month",
                    number(u64::from(sv.volume_per_month), st.group)
                )],
            )
            .with_comment((k == 0 && r.chance(40)).then_some(if ja {
                "前年同期の実績から"
            } else {
                "forecast from last year's actuals"
            })),
        );
        opt(&mut kids, sv.callback, |d| {
            Node::leaf("callback", [st.dur(d)])
        });
        kids.push(Node::leaf("manual", [sv.manual.to_string()]));
        let mut node = Node::block(
            "service",
            vec![sv.direction.to_string(), sv.task.to_string()],
            kids,
        );
        node.one_line = sv.hours.len() == 1 && r.chance(15);
        if r.chance(30) {
            node.note = Some(if ja {
                format!(
                    "{}（{}）",
                    task_title(sv.task, true),
                    if sv.direction == "inbound" {
                        "インバウンド"
                    } else {
                        "アウトバウンド"
                    }
                )
            } else {
                format!("{} {}", sv.direction, task_title(sv.task, false))
            });
        }
        top.push(node);
    }

    // Pricing.
    let p = &c.pricing;
    let mut kids = vec![Node::leaf("model", [p.model.to_string()])];
    opt(&mut kids, p.initial_fee.as_ref(), |x| {
        Node::leaf("initial_fee", [st.charge(x)])
            .with_comment(ja.then_some("初期費用（研修を含む）"))
    });
    opt(&mut kids, p.base_fee.as_ref(), |x| {
        Node::leaf("base_fee", [st.charge(x)]).with_comment(ja.then_some("月額基本料金"))
    });
    opt(&mut kids, p.included_per_month, |n| {
        Node::leaf(
            "included",
            [format!("{} calls / month", number(u64::from(n), st.group))],
        )
    });
    opt(&mut kids, p.per_call.as_ref(), |x| {
        Node::leaf("per_call", [st.charge(x)])
    });
    opt(&mut kids, p.seat_rate.as_ref(), |x| {
        Node::leaf("seat_rate", [st.charge(x)])
    });
    opt(&mut kids, p.seats, |n| Node::leaf("seats", [n.to_string()]));
    opt(&mut kids, p.hourly_rate.as_ref(), |x| {
        Node::leaf("hourly_rate", [st.charge(x)])
    });
    opt(&mut kids, p.overage.as_ref(), |x| {
        Node::leaf("overage", [st.charge(x)]).with_comment(ja.then_some("コールオーバー料金"))
    });
    opt(&mut kids, p.outcome_fee.as_ref(), |x| {
        Node::leaf("outcome_fee", [st.charge(x)]).with_comment(ja.then_some("成果報酬"))
    });
    opt(&mut kids, p.minimum_charge.as_ref(), |x| {
        Node::leaf("minimum_charge", [st.charge(x)])
    });
    opt(&mut kids, p.night_premium_percent, |n| {
        Node::leaf("night_premium", [format!("{n}%")])
    });
    opt(&mut kids, p.holiday_premium_percent, |n| {
        Node::leaf("holiday_premium", [format!("{n}%")])
    });
    opt(&mut kids, p.price_increase_percent_per_year, |n| {
        Node::leaf("price_increase", [format!("{n}% / year")])
    });
    for fee in &p.fees {
        kids.push(Node::leaf(
            "fee",
            [quote(&fee.name), st.charge(&fee.amount)],
        ));
    }
    top.push(Node::block("pricing", vec![], kids));

    // KPIs.
    if let Some(k) = &c.kpi {
        let mut kids = vec![
            Node::leaf("answer_rate", [format!(">= {}%", k.answer_rate_percent)])
                .with_comment(ja.then_some("応答率")),
            Node::leaf(
                "service_level",
                [
                    format!("{}%", k.service_level.target_percent),
                    "within".to_string(),
                    format!("{} s", k.service_level.within_seconds),
                ],
            ),
        ];
        opt(&mut kids, k.abandon_rate_percent, |n| {
            Node::leaf("abandon_rate", [format!("<= {n}%")]).with_comment(ja.then_some("放棄呼率"))
        });
        opt(&mut kids, k.asa_seconds, |n| {
            Node::leaf("asa", [format!("<= {n} s")])
        });
        opt(&mut kids, k.fcr_percent, |n| {
            Node::leaf("fcr", [format!(">= {n}%")])
        });
        opt(&mut kids, k.csat_percent, |n| {
            Node::leaf("csat", [format!(">= {n}%")])
        });
        opt(&mut kids, k.report, |x| {
            Node::leaf("report", [x.to_string()])
        });
        kids.push(Node::leaf(
            "metrics",
            k.metrics.iter().map(|x| (*x).to_string()),
        ));
        opt(&mut kids, k.credits_percent, |n| {
            Node::leaf("credits", [format!("{n}%")])
        });
        top.push(Node::block("kpi", vec![], kids));
    }

    // Term.
    let t = &c.term;
    let mut kids = vec![Node::leaf("minimum", [st.dur(t.minimum)])];
    let mut renewal = vec![t.renewal.mode.to_string()];
    if let Some(period) = t.renewal.period {
        renewal.push(st.dur(period));
    }
    kids.push(Node::leaf("renewal", renewal));
    kids.push(Node::leaf("notice", [st.dur(t.notice)]).with_comment(ja.then_some("解約予告期間")));
    opt(&mut kids, t.for_convenience, |b| {
        Node::leaf("for_convenience", [yes(b)])
    });
    opt(&mut kids, t.termination_fee.as_ref(), |m| {
        Node::leaf("termination_fee", [st.money(m)])
    });
    opt(&mut kids, t.exit_assistance, |b| {
        Node::leaf("exit_assistance", [yes(b)])
    });
    let mut term = Node::block("term", vec![], kids);
    term.one_line = r.chance(20);
    top.push(term);

    // Data.
    let d = &c.data;
    let mut kids = vec![Node::leaf("personal_data", [yes(d.personal_data)])];
    opt(&mut kids, d.card_payments, |b| {
        Node::leaf("card_payments", [yes(b)])
    });
    kids.push(Node::leaf("recording", [yes(d.recording)]));
    opt(&mut kids, d.retention, |x| {
        Node::leaf("retention", [st.dur(x)])
    });
    kids.push(Node::leaf("owner", [d.owner.to_string()]));
    opt(&mut kids, d.return_on_exit, |b| {
        Node::leaf("return_on_exit", [yes(b)])
    });
    opt(&mut kids, d.knowledge_transfer, |b| {
        Node::leaf("knowledge_transfer", [yes(b)]).with_comment(ja.then_some("ノウハウの引継ぎ"))
    });
    opt(&mut kids, d.breach_notice, |x| {
        Node::leaf("breach_notice", [st.dur(x)])
    });
    top.push(Node::block("data", vec![], kids));

    for w in &c.waivers {
        let mut kids = vec![Node::leaf("reason", [quote(&w.reason)])];
        opt(&mut kids, w.approved_by.as_ref(), |x| {
            Node::leaf("approved_by", [quote(x)])
        });
        opt(&mut kids, w.expires.as_ref(), |x| {
            Node::leaf("expires", [x.clone()])
        });
        let mut node = Node::block("waiver", vec![w.rule.clone()], kids);
        node.note = Some(if ja {
            "承認済みの例外".to_string()
        } else {
            "accepted exception".to_string()
        });
        top.push(node);
    }
    opt(&mut top, c.ringi_no.as_ref(), |x| {
        Node::leaf("x_ringi_no", [quote(x)]).with_comment(Some("社内稟議番号"))
    });

    let mut root = Node::block("contract", vec![quote(&c.id)], top);
    root.note = Some(if ja {
        format!("{} と {} の契約", c.client, c.vendor.name)
    } else {
        format!("{} with {}", c.client, c.vendor.name)
    });
    vec![root]
}

/// Writes `nodes` as terms text in `layout`.
#[must_use]
pub fn render(nodes: &[Node], layout: Layout) -> String {
    let mut out = String::new();
    for node in nodes {
        if let Some(note) = &node.note {
            if !matches!(layout, Layout::Semicolons | Layout::Tight) {
                let _ = writeln!(out, "// {note}");
            }
        }
        match layout {
            Layout::Semicolons => {
                inline(&mut out, node);
                out.push('\n');
            }
            Layout::Tight => {
                tight(&mut out, node);
                out.push('\n');
            }
            _ => lines(&mut out, node, 0, 0, layout),
        }
    }
    if layout == Layout::Spacious {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn head(out: &mut String, node: &Node, width: usize) {
    out.push_str(&node.name);
    if !node.args.is_empty() {
        // Values of fields line up; the heads of blocks do not.
        let width = if node.block { 0 } else { width };
        for _ in node.name.chars().count()..width {
            out.push(' ');
        }
        for arg in &node.args {
            out.push(' ');
            out.push_str(arg);
        }
    }
}

fn inline(out: &mut String, node: &Node) {
    head(out, node, 0);
    if node.block {
        out.push_str(" {");
        for (i, child) in node.children.iter().enumerate() {
            out.push_str(if i == 0 { " " } else { "; " });
            inline(out, child);
        }
        out.push_str(" }");
    }
}

fn tight(out: &mut String, node: &Node) {
    head(out, node, 0);
    if node.block {
        out.push('{');
        for (i, child) in node.children.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            tight(out, child);
        }
        out.push('}');
    }
}

fn lines(out: &mut String, node: &Node, depth: usize, width: usize, layout: Layout) {
    let (indent, width) = match layout {
        Layout::Spacious => ("\t".repeat(depth), 0),
        _ => ("  ".repeat(depth), width),
    };
    if layout == Layout::Spacious {
        let _ = write!(out, "\n{indent}// {}\n\n", node.name);
    } else if depth > 0 && node.block && node.note.is_some() && layout == Layout::Natural {
        let _ = writeln!(out, "\n{indent}// {}", node.note.as_deref().unwrap_or(""));
    } else if depth == 1 && node.block && layout == Layout::Natural {
        out.push('\n');
    }
    out.push_str(&indent);
    head(out, node, width);
    let simple = node
        .children
        .iter()
        .all(|c| !c.block && c.comment.is_none());
    if node.block && layout == Layout::Natural && node.one_line && simple {
        out.push_str(" {");
        for (i, child) in node.children.iter().enumerate() {
            out.push_str(if i == 0 { " " } else { "; " });
            inline(out, child);
        }
        out.push_str(" }");
    } else if node.block {
        out.push_str(" {");
        if let Some(c) = &node.comment {
            if layout != Layout::Lines {
                let _ = write!(out, "  // {c}");
            }
        }
        out.push('\n');
        let w = node
            .children
            .iter()
            .filter(|c| !c.block)
            .map(|c| c.name.chars().count())
            .max()
            .unwrap_or(0);
        for child in &node.children {
            lines(out, child, depth + 1, w, layout);
        }
        let _ = writeln!(out, "{indent}}}");
        return;
    }
    if let Some(c) = &node.comment {
        if layout != Layout::Lines {
            let _ = write!(out, "  // {c}");
        }
    }
    out.push('\n');
}

/// The text of contract `index` of the corpus of `seed`, with its facts.  Without
/// `waivers`, the same contract with its waivers left out.
#[must_use]
pub fn file(seed: u64, index: u64, waivers: bool) -> (String, Contract) {
    let mut c = contract(seed, index);
    if !waivers {
        c.waivers.clear();
    }
    let mut r = Rng::new(seed.wrapping_add(index).rotate_left(17) ^ 0x5EED);
    let nodes = to_nodes(&c, &mut r);
    (render(&nodes, Layout::Natural), c)
}

/// Sizes of a generated corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub files: usize,
    pub terms_bytes: usize,
    pub json_bytes: usize,
}

/// Writes contracts `1..=n` of `seed` into `dir` (`.terms`) and `dir/json` (`.json`).
///
/// # Errors
/// Any I/O error creating the folders or writing a file.
pub fn write_corpus(n: u64, dir: &Path, seed: u64, waivers: bool) -> std::io::Result<Written> {
    let json_dir = dir.join("json");
    std::fs::create_dir_all(&json_dir)?;
    let mut written = Written::default();
    for i in 1..=n {
        let (text, facts) = file(seed, i, waivers);
        let json = serde_json::to_string_pretty(&facts).map_err(std::io::Error::other)? + "\n";
        std::fs::write(dir.join(format!("contract-{i:06}.terms")), &text)?;
        std::fs::write(json_dir.join(format!("contract-{i:06}.json")), &json)?;
        written.files += 1;
        written.terms_bytes += text.len();
        written.json_bytes += json.len();
    }
    Ok(written)
}

fn usage() -> ! {
    let _ = writeln!(
        std::io::stderr(),
        "usage: cargo run --release --example gen -- N DIR [--seed S] [--no-waivers]"
    );
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut waivers = true;
    while let Some(arg) = args.next() {
        if arg == "--no-waivers" {
            waivers = false;
        } else if arg == "--seed" {
            seed = args
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| usage());
        } else if let Some(s) = arg.strip_prefix("--seed=") {
            seed = s.parse().unwrap_or_else(|_| usage());
        } else {
            positional.push(arg);
        }
    }
    let [n, dir] = positional.as_slice() else {
        usage();
    };
    let n: u64 = n.parse().unwrap_or_else(|_| usage());
    let dir = Path::new(dir);
    match write_corpus(n, dir, seed, waivers) {
        Ok(w) => {
            let _ = writeln!(
                std::io::stdout(),
                "wrote {} contracts to {} (seed {seed}): {} bytes of .terms (avg {} B), {} bytes of JSON",
                w.files,
                dir.display(),
                w.terms_bytes,
                w.terms_bytes / w.files.max(1),
                w.json_bytes
            );
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
}
