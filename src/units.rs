//! Units and dimensions of quantities (LANGUAGE.md §1).
//!
//! Every number is held in base units — seconds for time, the currency's own unit for
//! money, a fraction for percent — together with its [`Dim`], so that comparisons and
//! arithmetic in rules convert for free: `3 months` and `90 days` are the same number
//! of seconds, and `100 calls / day` is a rate per second like `3000 calls / month`.

use std::fmt;

use crate::suggest::closest;

/// Currencies of the closed unit set.  Money of different currencies never compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    Jpy,
    Usd,
    Eur,
    Gbp,
    Cny,
    Krw,
}

/// A currency shows, and serialises, as its ISO code.
impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl Currency {
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Jpy => "JPY",
            Self::Usd => "USD",
            Self::Eur => "EUR",
            Self::Gbp => "GBP",
            Self::Cny => "CNY",
            Self::Krw => "KRW",
        }
    }
}

pub const SECOND: f64 = 1.0;
pub const MINUTE: f64 = 60.0;
pub const HOUR: f64 = 3600.0;
pub const DAY: f64 = 86_400.0;
pub const WEEK: f64 = 7.0 * DAY;
/// 1 month = 30 days (§1).
pub const MONTH: f64 = 30.0 * DAY;
/// 1 year = 12 months, so a year compares as 360 days (§1).
pub const YEAR: f64 = 12.0 * MONTH;

/// One unit word of the closed set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    Money(Currency),
    /// A time unit, as its length in seconds.
    Time(f64),
    /// A count label (`call`, `seat`, …): all counts share one dimension.
    Count(&'static str),
}

impl Unit {
    /// Reads one spelling of the closed unit set (singular or plural).
    #[must_use]
    pub fn parse(word: &str) -> Option<Unit> {
        Some(match word {
            "JPY" | "円" | "yen" => Unit::Money(Currency::Jpy),
            "USD" => Unit::Money(Currency::Usd),
            "EUR" => Unit::Money(Currency::Eur),
            "GBP" => Unit::Money(Currency::Gbp),
            "CNY" => Unit::Money(Currency::Cny),
            "KRW" => Unit::Money(Currency::Krw),
            "s" | "sec" | "secs" | "second" | "seconds" => Unit::Time(SECOND),
            "min" | "mins" | "minute" | "minutes" => Unit::Time(MINUTE),
            "h" | "hour" | "hours" => Unit::Time(HOUR),
            "day" | "days" => Unit::Time(DAY),
            "week" | "weeks" => Unit::Time(WEEK),
            "month" | "months" => Unit::Time(MONTH),
            "year" | "years" => Unit::Time(YEAR),
            "call" | "calls" => Unit::Count("call"),
            "contact" | "contacts" => Unit::Count("contact"),
            "seat" | "seats" => Unit::Count("seat"),
            "operator" | "operators" => Unit::Count("operator"),
            "acquisition" | "acquisitions" => Unit::Count("acquisition"),
            "appointment" | "appointments" => Unit::Count("appointment"),
            "sale" | "sales" => Unit::Count("sale"),
            "lead" | "leads" => Unit::Count("lead"),
            "order" | "orders" => Unit::Count("order"),
            "posting" | "postings" => Unit::Count("posting"),
            "person" | "persons" | "people" => Unit::Count("person"),
            _ => return None,
        })
    }

    /// Whether this is a result an outcome fee is paid for (an acquisition, an
    /// appointment, a sale, a lead, an order), as opposed to a call or a seat.
    #[must_use]
    pub fn is_outcome(self) -> bool {
        matches!(self, Unit::Count(c) if OUTCOMES.contains(&c))
    }

    /// The unit to write instead of `found`, which is none: a spelling people
    /// commonly write (`¥`, `hrs`, `yr`, `時間`), the same unit in other letter case
    /// (`jpy`), or a near miss of one (`mnth`).
    #[must_use]
    pub fn suggest(found: &str) -> Option<String> {
        if let Some((_, unit)) = FAMILIAR.iter().find(|(spelling, _)| *spelling == found) {
            return Some((*unit).to_string());
        }
        if let Some(same) = Self::SPELLINGS
            .iter()
            .find(|s| s.eq_ignore_ascii_case(found))
        {
            return Some((*same).to_string());
        }
        closest(found, Self::SPELLINGS.iter().copied())
    }

    /// Every spelling, for "did you mean" on a misspelt unit.
    pub const SPELLINGS: &'static [&'static str] = &[
        "JPY",
        "USD",
        "EUR",
        "GBP",
        "CNY",
        "KRW",
        "円",
        "yen",
        "s",
        "sec",
        "second",
        "seconds",
        "min",
        "minute",
        "minutes",
        "h",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "call",
        "calls",
        "contact",
        "contacts",
        "seat",
        "seats",
        "operator",
        "operators",
        "acquisition",
        "acquisitions",
        "appointment",
        "appointments",
        "sale",
        "sales",
        "lead",
        "leads",
        "order",
        "orders",
        "posting",
        "postings",
        "person",
        "persons",
        "people",
    ];
}

/// The count units of results, which outcome fees are paid per (LANGUAGE.md §1, as
/// decided in docs/language.md): a per-call price is not a success fee.
pub const OUTCOMES: &[&str] = &["acquisition", "appointment", "sale", "lead", "order"];

/// Units people write that are not in the set, with the spelling to use: currency
/// signs, English abbreviations, and the Japanese words for the units.  The singular
/// is suggested: it reads right after `/` too, and a number takes either.
const FAMILIAR: &[(&str, &str)] = &[
    ("¥", "円"),
    ("￥", "円"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("hr", "h"),
    ("hrs", "h"),
    ("yr", "year"),
    ("yrs", "year"),
    ("mo", "month"),
    ("mos", "month"),
    ("mth", "month"),
    ("mths", "month"),
    ("wk", "week"),
    ("wks", "week"),
    ("d", "day"),
    ("秒", "s"),
    ("分", "min"),
    ("時間", "h"),
    ("日", "day"),
    ("週", "week"),
    ("週間", "week"),
    ("か月", "month"),
    ("ヶ月", "month"),
    ("カ月", "month"),
    ("ヵ月", "month"),
    ("箇月", "month"),
    ("年", "year"),
    ("月", "month"),
    ("件", "call"),
    ("コール", "call"),
    ("席", "seat"),
    ("人", "person"),
    ("名", "person"),
    ("ドル", "USD"),
    ("ユーロ", "EUR"),
    ("ポンド", "GBP"),
    ("元", "CNY"),
    ("ウォン", "KRW"),
];

/// The dimension of a number: exponents of money, time and percent.  Counts are
/// dimensionless (§1: count units are labels), so `calls / month ÷ calls / month` is a
/// plain number and money per call compares with money per contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Dim {
    pub money: i8,
    pub time: i8,
    pub percent: i8,
    /// The currency when `money != 0`.
    pub currency: Option<Currency>,
}

impl Dim {
    pub const NONE: Dim = Dim {
        money: 0,
        time: 0,
        percent: 0,
        currency: None,
    };
    pub const TIME: Dim = Dim {
        time: 1,
        ..Dim::NONE
    };
    pub const PERCENT: Dim = Dim {
        percent: 1,
        ..Dim::NONE
    };

    #[must_use]
    pub const fn money(currency: Option<Currency>) -> Dim {
        Dim {
            money: 1,
            currency,
            ..Dim::NONE
        }
    }

    /// The dimension of a unit word.
    #[must_use]
    pub const fn of_unit(unit: Unit) -> Dim {
        match unit {
            Unit::Money(c) => Dim::money(Some(c)),
            Unit::Time(_) => Dim::TIME,
            Unit::Count(_) => Dim::NONE,
        }
    }

    /// Divides by one per-unit (`/ month`, `/ call`).
    #[must_use]
    pub const fn per(self, unit: Unit) -> Dim {
        match unit {
            Unit::Time(_) => Dim {
                time: self.time - 1,
                ..self
            },
            _ => self,
        }
    }

    /// Dimension of a product.  A percent times anything dimensional is that thing
    /// (`20% * 1000 JPY` is money): percent is a fraction, so it is simply dropped.
    #[must_use]
    pub fn times(self, other: Dim) -> Option<Dim> {
        self.combine(other, 1)
    }

    /// Dimension of a quotient.
    #[must_use]
    pub fn over(self, other: Dim) -> Option<Dim> {
        self.combine(other, -1)
    }

    fn combine(self, other: Dim, sign: i8) -> Option<Dim> {
        let currency = match (self.currency, other.currency) {
            (Some(a), Some(b)) if a != b => return None,
            (a, b) => a.or(b),
        };
        let money = self.money + sign * other.money;
        let time = self.time + sign * other.time;
        let mut percent = self.percent + sign * other.percent;
        if percent != 0 && (money != 0 || time != 0) {
            percent = 0;
        }
        Some(Dim {
            money,
            time,
            percent,
            currency: if money == 0 { None } else { currency },
        })
    }

    /// Same dimension, ignoring which currency (checked at run time for literals).
    #[must_use]
    pub fn same_kind(self, other: Dim) -> bool {
        self.money == other.money && self.time == other.time && self.percent == other.percent
    }
}

impl fmt::Display for Dim {
    /// Plain words for diagnostics: "money", "money per month", "a duration", "a percent".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let base = match (self.money, self.percent, self.time) {
            (0, 0, 0) => return f.write_str("a plain number or count"),
            (0, 0, 1) => return f.write_str("a duration"),
            (0, 0, -1) => return f.write_str("a rate per time"),
            (0, p, t) if p != 0 => {
                if t == 0 {
                    return f.write_str("a percent");
                }
                "a percent"
            }
            (1, _, _) => match self.currency {
                Some(c) => {
                    return if self.time == 0 {
                        write!(f, "money ({})", c.code())
                    } else if self.time == -1 {
                        write!(f, "money ({}) per time", c.code())
                    } else {
                        write!(f, "money ({}) × time^{}", c.code(), self.time)
                    }
                }
                None => "money",
            },
            _ => "a mixed quantity",
        };
        match self.time {
            0 => f.write_str(base),
            -1 => write!(f, "{base} per time"),
            t => write!(f, "{base} × time^{t}"),
        }
    }
}

/// Whole-number digits in groups of three, as a contract (`300_000`, with `_`) or a
/// Japanese sentence (`300,000`, with `,`) writes them.
#[must_use]
pub fn group_digits(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}
