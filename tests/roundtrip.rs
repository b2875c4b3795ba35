//! Round trips: a value written into a contract and read back keeps its meaning.
//!
//! Every kind of value of LANGUAGE.md §1 is generated at random (numbers with `_`
//! groups and decimals, percents with and without a per-unit, quantities of every unit
//! spelling, dates that exist, day sets, time ranges past midnight, bounds, strings
//! with every escape and Japanese text), written as text, parsed, and compared with
//! what was generated:
//!
//! - raw values in `x_` extension fields are compared as the parser reads them
//!   (`syntax::tree::Value`), and as the schema passes them on (`TValue::Raw`);
//! - typed values in real schema fields are compared after `schema::validate`, in base
//!   units (`3 months` is `90 days`), with the conversions of `termlint::units`;
//! - the span of every argument covers exactly the text written for it;
//! - the same contract laid out five ways (aligned lines with comments and one-line
//!   blocks, one field per line, every block on one line with `;`, blank lines and
//!   comment lines everywhere with CRLF and a BOM, no optional space at all:
//!   `a 1{b 2;c 3}`) validates to the same typed tree;
//! - a file with a syntax error in another contract is read by the pest grammar
//!   instead of the fast path: the valid contract's tree must not change, spans
//!   included.

#[path = "../examples/gen.rs"]
#[allow(dead_code, clippy::all)]
mod generator;

use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use generator::{render, Layout, Node};
use proptest::prelude::*;
use proptest::sample::select;
use termlint::check::{check_bytes, CheckOptions, DEFAULT_MAX_FILE_SIZE};
use termlint::lang::Lang;
use termlint::rules::{self, RuleConfig, RuleSet};
use termlint::schema::model::{Contract, DaySet, Num, TNode, TValue};
use termlint::schema::validate;
use termlint::syntax::tree::Value;
use termlint::syntax::{self, tree};
use termlint::units::{self, Currency, Dim, Unit};
use termlint::value::{BoundOp, Date, Quantity, TimeRange};

// ------------------------------------------------------------------------------------
//  Independent tables of the closed unit set (§1), so the test does not read the
//  spelling of a unit with the code it tests.
// ------------------------------------------------------------------------------------

const MONEY: &[(&str, Currency)] = &[
    ("JPY", Currency::Jpy),
    ("円", Currency::Jpy),
    ("yen", Currency::Jpy),
    ("USD", Currency::Usd),
    ("EUR", Currency::Eur),
    ("GBP", Currency::Gbp),
    ("CNY", Currency::Cny),
    ("KRW", Currency::Krw),
];

/// Time spellings with their length in seconds (1 month = 30 days, 1 year = 12 months).
const TIME: &[(&str, f64)] = &[
    ("s", 1.0),
    ("sec", 1.0),
    ("secs", 1.0),
    ("second", 1.0),
    ("seconds", 1.0),
    ("min", 60.0),
    ("mins", 60.0),
    ("minute", 60.0),
    ("minutes", 60.0),
    ("h", 3_600.0),
    ("hour", 3_600.0),
    ("hours", 3_600.0),
    ("day", 86_400.0),
    ("days", 86_400.0),
    ("week", 604_800.0),
    ("weeks", 604_800.0),
    ("month", 2_592_000.0),
    ("months", 2_592_000.0),
    ("year", 31_104_000.0),
    ("years", 31_104_000.0),
];

const COUNT: &[(&str, &str)] = &[
    ("call", "call"),
    ("calls", "call"),
    ("contact", "contact"),
    ("contacts", "contact"),
    ("seat", "seat"),
    ("seats", "seat"),
    ("operator", "operator"),
    ("operators", "operator"),
    ("posting", "posting"),
    ("postings", "posting"),
    ("person", "person"),
    ("persons", "person"),
    ("people", "person"),
];

/// The results an outcome fee is paid per: count units too, but refused per call.
const OUTCOME: &[(&str, &str)] = &[
    ("acquisition", "acquisition"),
    ("acquisitions", "acquisition"),
    ("appointment", "appointment"),
    ("appointments", "appointment"),
    ("sale", "sale"),
    ("sales", "sale"),
    ("lead", "lead"),
    ("leads", "lead"),
    ("order", "order"),
    ("orders", "order"),
];

/// A unit word as written, with the unit it means.
#[derive(Debug, Clone, Copy)]
struct Spelled {
    text: &'static str,
    unit: Unit,
}

fn money_unit() -> impl Strategy<Value = Spelled> {
    select(MONEY).prop_map(|(text, c)| Spelled {
        text,
        unit: Unit::Money(c),
    })
}

fn time_unit() -> impl Strategy<Value = Spelled> {
    select(TIME).prop_map(|(text, secs)| Spelled {
        text,
        unit: Unit::Time(secs),
    })
}

/// A count unit that is not a result (`call`, `seat`, …).
fn call_unit() -> impl Strategy<Value = Spelled> {
    select(COUNT).prop_map(|(text, label)| Spelled {
        text,
        unit: Unit::Count(label),
    })
}

fn outcome_unit() -> impl Strategy<Value = Spelled> {
    select(OUTCOME).prop_map(|(text, label)| Spelled {
        text,
        unit: Unit::Count(label),
    })
}

fn count_unit() -> impl Strategy<Value = Spelled> {
    prop_oneof![call_unit(), outcome_unit()]
}

fn any_unit() -> impl Strategy<Value = Spelled> {
    prop_oneof![money_unit(), time_unit(), count_unit()]
}

fn per_unit() -> impl Strategy<Value = Spelled> {
    prop_oneof![time_unit(), count_unit()]
}

fn is_unit_word(w: &str) -> bool {
    MONEY.iter().any(|(t, _)| *t == w)
        || TIME.iter().any(|(t, _)| *t == w)
        || COUNT.iter().any(|(t, _)| *t == w)
}

fn secs(unit: Unit) -> f64 {
    match unit {
        Unit::Time(s) => s,
        _ => 1.0,
    }
}

// ------------------------------------------------------------------------------------
//  Written values
// ------------------------------------------------------------------------------------

/// Optional space between tokens of one value (`40h`, `40 h`, `40\th`).
fn gap() -> impl Strategy<Value = &'static str> {
    select(&["", " ", "  ", "\t"][..])
}

/// A number as written (`_` groups, optional decimals) and the number it means.
fn number() -> impl Strategy<Value = (String, f64)> {
    let int = prop_oneof![
        0u64..10,
        0u64..1_000,
        0u64..1_000_000,
        0u64..1_000_000_000_000,
        0u64..=u64::MAX,
    ];
    let frac = prop::option::of(prop_oneof!["[0-9]{1,4}", "[0-9]{5,20}"]);
    // 0: plain, 1: groups of three, 2: `_` anywhere between digits.
    let style = (0u8..3, prop::collection::vec(any::<bool>(), 20));
    (int, frac, style).prop_map(|(int, frac, (style, mask))| {
        let digits = int.to_string();
        let mut text = String::new();
        for (i, c) in digits.chars().enumerate() {
            let underscore = match style {
                1 => i > 0 && (digits.len() - i) % 3 == 0,
                2 => i > 0 && mask[i],
                _ => false,
            };
            if underscore {
                text.push('_');
            }
            text.push(c);
        }
        let canonical = match &frac {
            Some(f) => format!("{int}.{f}"),
            None => int.to_string(),
        };
        if let Some(f) = &frac {
            text.push('.');
            text.push_str(f);
        }
        (text, canonical.parse::<f64>().expect("a number"))
    })
}

/// A quantity as written: number, optional `%`, unit and per-unit.
#[derive(Debug, Clone)]
struct Q {
    text: String,
    q: Quantity,
}

fn with_per(
    base: impl Strategy<Value = Q>,
    per: impl Strategy<Value = Spelled>,
) -> impl Strategy<Value = Q> {
    (base, gap(), gap(), per).prop_map(|(mut b, g1, g2, per)| {
        b.text = format!("{}{g1}/{g2}{}", b.text, per.text);
        b.q.per = Some(per.unit);
        b
    })
}

fn plain(number: (String, f64)) -> Q {
    Q {
        text: number.0,
        q: Quantity {
            amount: number.1,
            percent: false,
            unit: None,
            per: None,
        },
    }
}

fn bare_number() -> impl Strategy<Value = Q> {
    number().prop_map(plain)
}

fn percent() -> impl Strategy<Value = Q> {
    number().prop_map(|n| {
        let mut q = plain(n);
        q.text.push('%');
        q.q.percent = true;
        q
    })
}

fn with_unit(unit: impl Strategy<Value = Spelled>) -> impl Strategy<Value = Q> {
    (number(), gap(), unit).prop_map(|(n, g, u)| {
        let mut q = plain(n);
        q.text = format!("{}{g}{}", q.text, u.text);
        q.q.unit = Some(u.unit);
        q
    })
}

fn maybe_per<S: Strategy<Value = Q> + 'static>(base: fn() -> S) -> BoxedStrategy<Q> {
    prop_oneof![base(), with_per(base(), per_unit())].boxed()
}

fn unit_quantity() -> impl Strategy<Value = Q> {
    with_unit(any_unit())
}

/// Any number, percent or quantity of §1.
fn quantity() -> BoxedStrategy<Q> {
    prop_oneof![
        maybe_per(bare_number),
        maybe_per(percent),
        maybe_per(unit_quantity),
    ]
    .boxed()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date that exists, leap days included.
fn date() -> impl Strategy<Value = (String, Date)> {
    let year = prop_oneof![1u16..=9999, select(&[1900u16, 2000, 2024, 2100, 2400][..])];
    (year, 1u8..=12, 1u8..=31, any::<bool>()).prop_map(|(y, m, d, leap_day)| {
        let d = if leap_day && m == 2 {
            days_in_month(y, 2)
        } else {
            d.min(days_in_month(y, m))
        };
        (
            format!("{y:04}-{m:02}-{d:02}"),
            Date {
                year: y,
                month: m,
                day: d,
            },
        )
    })
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A day set and its bits (0–6 Monday–Sunday, 7 public holidays).
fn dayset() -> impl Strategy<Value = (String, u8)> {
    let single = (0usize..7).prop_map(|d| (DAYS[d].to_string(), 1u8 << d));
    let range = (0usize..7, 1usize..7).prop_map(|(from, len)| {
        let to = (from + len) % 7;
        let mut bits = 0u8;
        for k in 0..=len {
            bits |= 1 << ((from + k) % 7);
        }
        (format!("{}-{}", DAYS[from], DAYS[to]), bits)
    });
    let named = select(
        &[
            ("daily", 0b0111_1111u8),
            ("weekdays", 0b0001_1111),
            ("weekends", 0b0110_0000),
            ("holidays", 0b1000_0000),
        ][..],
    )
    .prop_map(|(t, b)| (t.to_string(), b));
    prop_oneof![single, range, named]
}

/// A time range: start ≠ end, an end before the start runs past midnight, `24:00` ends.
fn time_range() -> impl Strategy<Value = (String, TimeRange)> {
    let minute = prop_oneof![0u16..1440, (0u16..48).prop_map(|h| h * 30)];
    let end = prop_oneof![minute.clone(), Just(1440u16)];
    (minute, end)
        .prop_filter("start = end is TL003", |(s, e)| s != e)
        .prop_map(|(start, end)| {
            let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
            (
                format!("{}-{}", clock(start), clock(end)),
                TimeRange { start, end },
            )
        })
}

fn bound_op() -> impl Strategy<Value = (&'static str, BoundOp)> {
    select(
        &[
            (">=", BoundOp::Ge),
            ("<=", BoundOp::Le),
            (">", BoundOp::Gt),
            ("<", BoundOp::Lt),
        ][..],
    )
}

/// Characters a string may hold: ASCII, Japanese, emoji, and every character the
/// lexer treats specially (quote, backslash, line ends, braces, `;`, `//`, BOM, …).
fn string_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range(' ', '~'),
        3 => select(&[
            'あ', '受', '注', '代', '行', '株', '式', '会', '社', '（', '）', '、', '。', 'ー',
            'ｶ', '円', '＂', '＼', '😀', '𠮷',
        ][..]),
        3 => select(&[
            '"', '\\', '\n', '\t', '\r', ' ', '{', '}', ';', '/', '%', '\0', '\u{7f}',
            '\u{85}', '\u{2028}', '\u{feff}', '\u{1b}',
        ][..]),
        1 => any::<char>(),
    ]
}

/// A string literal with the text it means.  Each character is written literally or
/// as an escape (`\" \\ \n \t \u{…}`), at random.
fn string() -> impl Strategy<Value = (String, String)> {
    prop::collection::vec((string_char(), 0u8..6), 0..24).prop_map(|chars| {
        let mut text = String::from("\"");
        let mut meaning = String::new();
        for (c, how) in chars {
            meaning.push(c);
            let unicode = |upper: bool| {
                if upper {
                    format!("\\u{{{:X}}}", u32::from(c))
                } else {
                    format!("\\u{{{:04x}}}", u32::from(c))
                }
            };
            let written = match (c, how) {
                (_, 0) => unicode(false),
                (_, 1) => unicode(true),
                ('"', _) => "\\\"".to_string(),
                ('\\', _) => "\\\\".to_string(),
                ('\n', _) => "\\n".to_string(),
                ('\t', 2) => "\t".to_string(),
                ('\t', _) => "\\t".to_string(),
                ('\r', _) => unicode(false),
                (c, _) => c.to_string(),
            };
            text.push_str(&written);
        }
        text.push('"');
        (text, meaning)
    })
}

/// Raw values in a row.  A word right after a bare number would be read as its unit
/// (docs/language.md, "Units"), so no word follows one.
fn raw_values() -> impl Strategy<Value = Vec<(String, Value<'static>)>> {
    prop::collection::vec(raw_value(), 1..10).prop_filter("a word after a bare number", |values| {
        values.windows(2).all(|pair| {
            let bare = matches!(&pair[0].1, Value::Num(q) | Value::Bound(_, q)
                if q.unit.is_none() && q.per.is_none() && !q.percent);
            !(bare && matches!(pair[1].1, Value::Word(_)))
        })
    })
}

/// A raw value of any kind, as written, with the value the parser must read.
fn raw_value() -> BoxedStrategy<(String, Value<'static>)> {
    prop_oneof![
        quantity().prop_map(|q| (q.text, Value::Num(q.q))),
        date().prop_map(|(t, d)| (t, Value::Date(d))),
        dayset().prop_map(|(t, _)| (t.clone(), Value::Word(t.into()))),
        time_range().prop_map(|(t, r)| (t, Value::TimeRange(r))),
        (bound_op(), gap(), quantity()).prop_map(|((op_text, op), g, q)| {
            (format!("{op_text}{g}{}", q.text), Value::Bound(op, q.q))
        }),
        string().prop_map(|(t, s)| (t, Value::Str(s.into()))),
        // A word that is a unit would join the number before it (`12 calls`).
        "[a-z][a-z0-9_]{0,10}"
            .prop_filter("not a unit word", |w| !is_unit_word(w))
            .prop_map(|w| (w.clone(), Value::Word(w.into()))),
        select(
            &[
                "tbd",
                "yes",
                "no",
                "true",
                "false",
                "TL101",
                "ACME-7",
                "high-turnover"
            ][..]
        )
        .prop_map(|w| (w.to_string(), Value::Word(w.into()))),
    ]
    .boxed()
}

// ------------------------------------------------------------------------------------
//  Typed values: what `schema::validate` must make of a value in a real field
// ------------------------------------------------------------------------------------

/// An argument as written, with the typed value it must validate to.
#[derive(Debug, Clone)]
struct Typed {
    text: String,
    value: TValue,
}

fn typed(text: String, value: TValue) -> Typed {
    Typed { text, value }
}

fn num(value: f64, dim: Dim) -> TValue {
    TValue::Num(Num { value, dim })
}

const fn dim(money: i8, time: i8, percent: i8, currency: Option<Currency>) -> Dim {
    Dim {
        money,
        time,
        percent,
        currency,
    }
}

/// A count: a number, or a number with a count unit (`12 operators`).
fn t_count() -> BoxedStrategy<Typed> {
    prop_oneof![bare_number(), with_unit(count_unit())]
        .prop_map(|q| typed(q.text, num(q.q.amount, Dim::NONE)))
        .boxed()
}

/// `count / P` for a field per a time unit: any time per-unit, converted.
fn t_count_per_time() -> BoxedStrategy<Typed> {
    with_per(
        prop_oneof![bare_number(), with_unit(count_unit())],
        time_unit(),
    )
    .prop_map(|q| {
        let per = q.q.per.expect("per");
        typed(q.text, num(q.q.amount / secs(per), dim(0, -1, 0, None)))
    })
    .boxed()
}

fn t_percent() -> BoxedStrategy<Typed> {
    percent()
        .prop_map(|q| typed(q.text, num(q.q.amount / 100.0, Dim::PERCENT)))
        .boxed()
}

fn t_percent_per_time() -> BoxedStrategy<Typed> {
    with_per(percent(), time_unit())
        .prop_map(|q| {
            let per = q.q.per.expect("per");
            typed(
                q.text,
                num(q.q.amount / 100.0 / secs(per), dim(0, -1, 1, None)),
            )
        })
        .boxed()
}

fn currency(q: &Q) -> Currency {
    match q.q.unit {
        Some(Unit::Money(c)) => c,
        _ => unreachable!("a money unit"),
    }
}

fn t_money() -> BoxedStrategy<Typed> {
    with_unit(money_unit())
        .prop_map(|q| {
            let c = currency(&q);
            typed(q.text, num(q.q.amount, Dim::money(Some(c))))
        })
        .boxed()
}

fn t_money_per_time() -> BoxedStrategy<Typed> {
    with_per(with_unit(money_unit()), time_unit())
        .prop_map(|q| {
            let c = currency(&q);
            let per = q.q.per.expect("per");
            typed(q.text, num(q.q.amount / secs(per), dim(1, -1, 0, Some(c))))
        })
        .boxed()
}

fn t_money_per_call() -> BoxedStrategy<Typed> {
    t_money_per(call_unit().boxed())
}

fn t_money_per_outcome() -> BoxedStrategy<Typed> {
    t_money_per(outcome_unit().boxed())
}

fn t_money_per_count() -> BoxedStrategy<Typed> {
    t_money_per(count_unit().boxed())
}

fn t_money_per(unit: BoxedStrategy<Spelled>) -> BoxedStrategy<Typed> {
    with_per(with_unit(money_unit()), unit)
        .prop_map(|q| {
            let c = currency(&q);
            typed(q.text, num(q.q.amount, Dim::money(Some(c))))
        })
        .boxed()
}

/// `fee` amounts: money with any per-unit or none.
fn t_money_any_per() -> BoxedStrategy<Typed> {
    prop_oneof![t_money(), t_money_per_time(), t_money_per_count()].boxed()
}

fn t_duration() -> BoxedStrategy<Typed> {
    with_unit(time_unit())
        .prop_map(|q| {
            let s = secs(q.q.unit.expect("unit"));
            typed(q.text, num(q.q.amount * s, Dim::TIME))
        })
        .boxed()
}

/// `bound-or-percent` (`minimum` says which way) and `bound-or-duration`.
fn t_bound(minimum: bool, duration: bool) -> BoxedStrategy<Typed> {
    let ops: &'static [&'static str] = if minimum { &[">=", ">"] } else { &["<=", "<"] };
    let value = if duration { t_duration() } else { t_percent() };
    (prop::option::of(select(ops)), gap(), value)
        .prop_map(|(op, g, v)| match op {
            Some(op) => typed(format!("{op}{g}{}", v.text), v.value),
            None => v,
        })
        .boxed()
}

fn t_string() -> BoxedStrategy<Typed> {
    string().prop_map(|(t, s)| typed(t, TValue::Str(s))).boxed()
}

fn t_date() -> BoxedStrategy<Typed> {
    date().prop_map(|(t, d)| typed(t, TValue::Date(d))).boxed()
}

fn t_bool() -> BoxedStrategy<Typed> {
    select(
        &[
            ("yes", true),
            ("no", false),
            ("true", true),
            ("false", false),
        ][..],
    )
    .prop_map(|(t, b)| typed(t.to_string(), TValue::Bool(b)))
    .boxed()
}

fn t_sym(set: &'static [&'static str]) -> BoxedStrategy<Typed> {
    select(set)
        .prop_map(|s| typed(s.to_string(), TValue::Sym(s)))
        .boxed()
}

/// What a field's arguments are.
#[derive(Clone, Copy)]
enum Kind {
    One(fn() -> BoxedStrategy<Typed>),
    Sym(&'static [&'static str]),
    List(&'static [&'static str]),
    Hours,
    ServiceLevel,
    Renewal,
    Fee,
}

use termlint::schema::symbols as t;

/// Every field of §2.2 with a value, by block.
const CONTRACT_FIELDS: &[(&str, Kind)] = &[
    ("title", Kind::One(t_string)),
    ("client", Kind::One(t_string)),
    ("status", Kind::Sym(t::STATUS)),
    ("signed_on", Kind::One(t_date)),
    ("start", Kind::One(t_date)),
    ("end", Kind::One(t_date)),
];
const VENDOR_FIELDS: &[(&str, Kind)] = &[
    ("certifications", Kind::List(t::CERTIFICATIONS)),
    ("sites", Kind::One(t_count)),
    ("subcontracting", Kind::Sym(t::SUBCONTRACTING)),
];
const STAFF_FIELDS: &[(&str, Kind)] = &[
    ("operators", Kind::One(t_count)),
    ("dedicated", Kind::One(t_bool)),
    ("supervisors", Kind::One(t_count)),
    ("training", Kind::One(t_duration)),
    ("turnover", Kind::One(t_percent_per_time)),
    ("specialists", Kind::One(t_bool)),
    ("languages", Kind::List(t::LANGUAGES)),
];
const RECRUITING_FIELDS: &[(&str, Kind)] = &[
    ("postings", Kind::One(t_count_per_time)),
    ("always_hiring", Kind::One(t_bool)),
    ("hiring_bonus", Kind::One(t_money)),
    ("no_experience", Kind::One(t_bool)),
    ("advertised_wage", Kind::One(t_money_per_time)),
];
const SERVICE_FIELDS: &[(&str, Kind)] = &[
    ("hours", Kind::Hours),
    ("hours", Kind::Hours),
    ("holidays", Kind::One(t_bool)),
    ("channels", Kind::List(t::CHANNELS)),
    ("volume", Kind::One(t_count_per_time)),
    ("callback", Kind::One(t_duration)),
    ("manual", Kind::Sym(t::PARTY)),
];
const PRICING_FIELDS: &[(&str, Kind)] = &[
    ("model", Kind::Sym(t::MODEL)),
    ("initial_fee", Kind::One(t_money)),
    ("base_fee", Kind::One(t_money_per_time)),
    ("included", Kind::One(t_count_per_time)),
    ("per_call", Kind::One(t_money_per_call)),
    ("per_minute", Kind::One(t_money_per_time)),
    ("seat_rate", Kind::One(t_money_per_time)),
    ("seats", Kind::One(t_count)),
    ("hourly_rate", Kind::One(t_money_per_time)),
    ("overage", Kind::One(t_money_per_call)),
    ("outcome_fee", Kind::One(t_money_per_outcome)),
    ("minimum_charge", Kind::One(t_money_per_time)),
    ("night_premium", Kind::One(t_percent)),
    ("holiday_premium", Kind::One(t_percent)),
    ("price_increase", Kind::One(t_percent_per_time)),
    ("fee", Kind::Fee),
    ("fee", Kind::Fee),
];
fn t_min_percent() -> BoxedStrategy<Typed> {
    t_bound(true, false)
}
fn t_max_percent() -> BoxedStrategy<Typed> {
    t_bound(false, false)
}
fn t_max_duration() -> BoxedStrategy<Typed> {
    t_bound(false, true)
}
const KPI_FIELDS: &[(&str, Kind)] = &[
    ("answer_rate", Kind::One(t_min_percent)),
    ("service_level", Kind::ServiceLevel),
    ("abandon_rate", Kind::One(t_max_percent)),
    ("asa", Kind::One(t_max_duration)),
    ("fcr", Kind::One(t_min_percent)),
    ("csat", Kind::One(t_min_percent)),
    ("report", Kind::Sym(t::REPORT)),
    ("metrics", Kind::List(t::METRICS)),
    ("credits", Kind::One(t_percent)),
];
const TERM_FIELDS: &[(&str, Kind)] = &[
    ("minimum", Kind::One(t_duration)),
    ("renewal", Kind::Renewal),
    ("notice", Kind::One(t_duration)),
    ("for_convenience", Kind::One(t_bool)),
    ("termination_fee", Kind::One(t_money)),
    ("exit_assistance", Kind::One(t_bool)),
];
const DATA_FIELDS: &[(&str, Kind)] = &[
    ("personal_data", Kind::One(t_bool)),
    ("card_payments", Kind::One(t_bool)),
    ("recording", Kind::One(t_bool)),
    ("retention", Kind::One(t_duration)),
    ("owner", Kind::Sym(t::PARTY)),
    ("return_on_exit", Kind::One(t_bool)),
    ("knowledge_transfer", Kind::One(t_bool)),
    ("breach_notice", Kind::One(t_duration)),
];
const WAIVER_FIELDS: &[(&str, Kind)] = &[
    ("reason", Kind::One(t_string)),
    ("approved_by", Kind::One(t_string)),
    ("expires", Kind::One(t_date)),
];

/// The arguments of one field.  Single-value fields are sometimes a lone `tbd`.
fn field_args(kind: Kind) -> BoxedStrategy<Vec<Typed>> {
    let tbd = || Just(vec![typed("tbd".into(), TValue::Tbd)]);
    match kind {
        Kind::One(f) => prop_oneof![19 => f().prop_map(|v| vec![v]), 1 => tbd()].boxed(),
        Kind::Sym(set) => t_sym(set).prop_map(|v| vec![v]).boxed(),
        Kind::List(set) => prop::sample::subsequence(set, 1..=set.len().min(4))
            .prop_shuffle()
            .prop_map(|items| {
                items
                    .into_iter()
                    .map(|s| typed(s.to_string(), TValue::Sym(s)))
                    .collect()
            })
            .boxed(),
        Kind::Hours => (dayset(), time_range())
            .prop_map(|((dt, bits), (rt, r))| {
                vec![
                    typed(dt, TValue::DaySet(DaySet(bits))),
                    typed(rt, TValue::TimeRange(r)),
                ]
            })
            .boxed(),
        Kind::ServiceLevel => (t_percent(), t_duration())
            .prop_map(|(p, d)| vec![p, typed("within".into(), TValue::Keyword), d])
            .boxed(),
        Kind::Renewal => (t_sym(t::RENEWAL_MODE), prop::option::of(t_duration()))
            .prop_map(|(mode, period)| {
                let mut args = vec![mode];
                args.extend(period);
                args
            })
            .boxed(),
        Kind::Fee => (t_string(), t_money_any_per())
            .prop_map(|(n, a)| vec![n, a])
            .boxed(),
    }
}

/// A node to write and what each of its arguments must validate to.
#[derive(Debug, Clone)]
struct Field {
    name: &'static str,
    args: Vec<Typed>,
}

fn fields(table: &'static [(&'static str, Kind)]) -> BoxedStrategy<Vec<Field>> {
    let each: Vec<_> = table
        .iter()
        .map(|&(name, kind)| {
            (any::<bool>(), field_args(kind))
                .prop_map(move |(keep, args)| (keep, Field { name, args }))
        })
        .collect();
    // Each field is written or left out (repeatable ones independently).
    each.prop_map(|all| {
        all.into_iter()
            .filter_map(|(keep, f)| keep.then_some(f))
            .collect()
    })
    .boxed()
}

/// A whole contract of random typed values, every field present or not.
#[derive(Debug, Clone)]
struct Spec {
    id: Typed,
    top: Vec<Field>,
    vendor_name: Typed,
    vendor: Vec<Field>,
    staff: Vec<Field>,
    recruiting: Vec<Field>,
    direction: Typed,
    task: Typed,
    service: Vec<Field>,
    pricing: Vec<Field>,
    kpi: Vec<Field>,
    term: Vec<Field>,
    data: Vec<Field>,
    waiver_rule: Typed,
    waiver: Vec<Field>,
    raw: Vec<(String, Value<'static>)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let rule = select(&["TL101", "ACME-7", "high-turnover", "TL705"][..])
        .prop_map(|r| typed(r.to_string(), TValue::RuleRef(r.to_string())));
    (
        (
            t_string(),
            fields(CONTRACT_FIELDS),
            t_string(),
            fields(VENDOR_FIELDS),
        ),
        (fields(STAFF_FIELDS), fields(RECRUITING_FIELDS)),
        (t_sym(t::DIRECTION), t_sym(t::TASK), fields(SERVICE_FIELDS)),
        (
            fields(PRICING_FIELDS),
            fields(KPI_FIELDS),
            fields(TERM_FIELDS),
        ),
        (fields(DATA_FIELDS), rule, fields(WAIVER_FIELDS)),
        raw_values(),
    )
        .prop_map(
            |(
                (id, top, vendor_name, vendor),
                (staff, recruiting),
                (direction, task, service),
                (pricing, kpi, term),
                (data, waiver_rule, mut waiver),
                raw,
            )| {
                // A waiver needs its reason; keep one (a `tbd` reason is not a string).
                waiver.retain(|f| f.name != "reason");
                waiver.insert(
                    0,
                    Field {
                        name: "reason",
                        args: vec![typed("\"agreed\"".into(), TValue::Str("agreed".into()))],
                    },
                );
                Spec {
                    id,
                    top,
                    vendor_name,
                    vendor,
                    staff,
                    recruiting,
                    direction,
                    task,
                    service,
                    pricing,
                    kpi,
                    term,
                    data,
                    waiver_rule,
                    waiver,
                    raw,
                }
            },
        )
}

/// Where an argument sits: child indices from the contract node, then its position.
#[derive(Debug, Clone)]
struct Expect {
    path: Vec<usize>,
    arg: usize,
    what: String,
    typed: Typed,
}

/// Builds a node and records the expectations of its arguments at `path`.
fn leaf(field: &Field, path: Vec<usize>, expect: &mut Vec<Expect>, comment: bool) -> Node {
    for (i, a) in field.args.iter().enumerate() {
        expect.push(Expect {
            path: path.clone(),
            arg: i,
            what: field.name.to_string(),
            typed: a.clone(),
        });
    }
    Node::leaf(field.name, field.args.iter().map(|a| a.text.clone()))
        .with_comment(comment.then_some("note: \"quoted\" { } ; // 受注"))
}

fn block_of(
    name: &str,
    head: &[&Typed],
    kids: &[Field],
    path: Vec<usize>,
    expect: &mut Vec<Expect>,
) -> Node {
    for (i, a) in head.iter().enumerate() {
        expect.push(Expect {
            path: path.clone(),
            arg: i,
            what: name.to_string(),
            typed: (*a).clone(),
        });
    }
    let children = kids
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut p = path.clone();
            p.push(i);
            leaf(f, p, expect, i % 3 == 1)
        })
        .collect();
    Node::block(
        name,
        head.iter().map(|a| a.text.clone()).collect(),
        children,
    )
}

/// The contract as nodes, with every argument's expectation.
fn build(spec: &Spec) -> (Vec<Node>, Vec<Expect>) {
    let mut expect = Vec::new();
    let mut kids = Vec::new();
    for f in &spec.top {
        kids.push(leaf(f, vec![kids.len()], &mut expect, false));
    }
    // vendor { …, staff { … }, recruiting { … } }
    let v = kids.len();
    let mut vendor = block_of(
        "vendor",
        &[&spec.vendor_name],
        &spec.vendor,
        vec![v],
        &mut expect,
    );
    let s = vendor.children.len();
    let mut staff = block_of("staff", &[], &spec.staff, vec![v, s], &mut expect);
    staff.one_line = true;
    vendor.children.push(staff);
    let r = vendor.children.len();
    let mut recruiting = block_of("recruiting", &[], &spec.recruiting, vec![v, r], &mut expect);
    recruiting.one_line = true;
    vendor.children.push(recruiting);
    kids.push(vendor);
    let blocks: [(&str, Vec<&Typed>, &Vec<Field>); 6] = [
        ("service", vec![&spec.direction, &spec.task], &spec.service),
        ("pricing", vec![], &spec.pricing),
        ("kpi", vec![], &spec.kpi),
        ("term", vec![], &spec.term),
        ("data", vec![], &spec.data),
        ("waiver", vec![&spec.waiver_rule], &spec.waiver),
    ];
    for (name, head, fields) in blocks {
        let mut b = block_of(name, &head, fields, vec![kids.len()], &mut expect);
        b.one_line = name == "term";
        b.note = Some(format!("the {name} block"));
        if name == "pricing" {
            b.comment = Some("料金 { \"tbd\" }".into());
        }
        kids.push(b);
    }
    // Raw values in an extension field, at the contract's level and nested.
    let raw_args: Vec<Typed> = spec
        .raw
        .iter()
        .map(|(t, v)| typed(t.clone(), TValue::Raw(v.clone())))
        .collect();
    let raw = Field {
        name: "x_raw",
        args: raw_args,
    };
    let x = kids.len();
    kids.push(leaf(&raw, vec![x], &mut expect, true));
    let nested = Field {
        name: "x_inner",
        args: raw.args.clone(),
    };
    let outer = Node::block(
        "x_outer",
        vec![],
        vec![leaf(&nested, vec![x + 1, 0], &mut expect, false)],
    );
    kids.push(outer);
    let id = spec.id.clone();
    expect.push(Expect {
        path: vec![],
        arg: 0,
        what: "contract".into(),
        typed: id.clone(),
    });
    let mut root = Node::block("contract", vec![id.text], kids);
    root.note = Some("generated by tests/roundtrip.rs".into());
    (vec![root], expect)
}

// ------------------------------------------------------------------------------------
//  Reading back
// ------------------------------------------------------------------------------------

fn empty_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        rules::load(&RuleConfig {
            builtin: false,
            files: vec![],
        })
        .expect("no rules load")
    })
}

fn options() -> CheckOptions {
    CheckOptions {
        today: Date::new(2026, 11, 29).expect("date"),
        lang: Lang::En,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    }
}

/// The validated contracts of `text`, which must have no problem at all.
fn validated(text: &str) -> Result<Vec<Contract>, TestCaseError> {
    let report = check_bytes(
        "roundtrip.terms",
        text.as_bytes(),
        empty_rules(),
        &options(),
        &AtomicBool::new(false),
    );
    // With no rules loaded a waiver names no known rule (TL008), and may have expired
    // (TL006); what matters here is that the document itself is valid.
    let document: Vec<_> = report
        .findings
        .iter()
        .filter(|f| matches!(&*f.rule, "TL001" | "TL002" | "TL003" | "TL004" | "TL005"))
        .map(|f| (&f.rule, &f.message, f.span))
        .collect();
    prop_assert!(
        document.is_empty(),
        "findings on valid text:\n{}\n---\n{:#?}",
        text,
        document
    );
    let parsed = syntax::parse(text);
    prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let v = validate(&parsed.document, parsed.problems, text);
    prop_assert!(v.problems.is_empty(), "{:?}", v.problems);
    Ok(v.contracts)
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn same_value(got: &TValue, want: &TValue) -> bool {
    match (got, want) {
        (TValue::Num(g), TValue::Num(w)) => g.dim == w.dim && close(g.value, w.value),
        _ => got == want,
    }
}

/// Follows child indices from a node.
fn at<'a>(root: &'a TNode, path: &[usize]) -> &'a TNode {
    path.iter().fold(root, |n, &i| &n.children[i])
}

fn syntax_at<'a, 't>(root: &'a tree::Node<'t>, path: &[usize]) -> &'a tree::Node<'t> {
    path.iter().fold(root, |n, &i| &n.children()[i])
}

/// Checks every expectation against the syntax tree and the validated contract.
fn check_expectations(text: &str, expect: &[Expect]) -> Result<(), TestCaseError> {
    let contracts = validated(text)?;
    prop_assert_eq!(contracts.len(), 1);
    let contract = &contracts[0];
    let parsed = syntax::parse(text);
    let root = &parsed.document.nodes[0];
    for e in expect {
        // The syntax tree: the argument's span is the text written for it.
        let node = syntax_at(root, &e.path);
        let arg = &node.args[e.arg];
        prop_assert_eq!(
            arg.span.text(text),
            e.typed.text.as_str(),
            "span of argument {} of `{}`",
            e.arg,
            e.what
        );
        if let TValue::Raw(want) = &e.typed.value {
            prop_assert!(
                raw_equal(&arg.value, want),
                "`{}` {}: read {:?}, wrote {:?}",
                e.what,
                e.typed.text,
                arg.value,
                want
            );
        }
        // The validated tree: the typed value, with the same span.
        let tnode = at(&contract.root, &e.path);
        prop_assert_eq!(tnode.name.to_string(), node.name.to_string());
        let targ = &contract.args_of(tnode)[e.arg];
        prop_assert!(
            same_value(&targ.value, &e.typed.value),
            "`{}` {}: validated to {:?}, expected {:?}",
            e.what,
            e.typed.text,
            targ.value,
            e.typed.value
        );
        prop_assert_eq!(targ.span.text(text), e.typed.text.as_str());
    }
    Ok(())
}

fn raw_equal(got: &Value, want: &Value) -> bool {
    // Amounts are compared exactly: both are the correctly rounded f64 of the digits.
    got == want
}

/// A validated tree without spans, for comparing layouts.
#[derive(Debug, PartialEq)]
struct Bare {
    slot: u16,
    name: String,
    args: Vec<TValue>,
    children: Vec<Bare>,
}

/// `node`, one of contract `c`'s, without spans.
fn bare(c: &Contract, node: &TNode) -> Bare {
    Bare {
        slot: node.slot,
        name: node.name.to_string(),
        args: c.args_of(node).iter().map(|a| a.value.clone()).collect(),
        children: node.children.iter().map(|child| bare(c, child)).collect(),
    }
}

type BareContract = (
    String,
    bool,
    Bare,
    Vec<(String, Option<String>, Option<Date>, bool)>,
);

fn bare_contract(c: &Contract) -> BareContract {
    (
        c.id.to_string(),
        c.auditable,
        bare(c, &c.root),
        c.waivers
            .iter()
            .map(|w| (w.rule.clone(), w.reason.clone(), w.expires, w.valid))
            .collect(),
    )
}

/// A file with a syntax error anywhere is read by the pest grammar rather than the
/// fast path.  A broken contract appended after valid text must leave the valid
/// contract's tree as it was, spans included.
fn same_through_the_grammar(text: &str) -> Result<(), TestCaseError> {
    let alone = syntax::parse(text);
    let alone = validate(&alone.document, alone.problems, text);
    let broken = format!("{text}\ncontract \"broken\" {{ title @@ }}\n");
    let both = syntax::parse(&broken);
    prop_assert!(!both.problems.is_empty(), "`@@` is a syntax error");
    let both = validate(&both.document, both.problems, &broken);
    prop_assert_eq!(both.contracts.len(), alone.contracts.len() + 1);
    for (a, b) in alone.contracts.iter().zip(&both.contracts) {
        prop_assert_eq!(
            &a.root,
            &b.root,
            "the grammar reads the valid contract differently"
        );
        prop_assert_eq!(&a.args, &b.args);
        prop_assert_eq!(&a.waivers, &b.waivers);
    }
    Ok(())
}

const LAYOUTS: [Layout; 5] = [
    Layout::Natural,
    Layout::Lines,
    Layout::Semicolons,
    Layout::Spacious,
    Layout::Tight,
];

/// The nodes in `layout`; the spacious layout also starts with a BOM.
fn text_in(nodes: &[Node], layout: Layout) -> String {
    let text = render(nodes, layout);
    if layout == Layout::Spacious {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

// ------------------------------------------------------------------------------------
//  Properties
// ------------------------------------------------------------------------------------

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Raw values in an `x_` field read back as written, each span exactly its text.
    #[test]
    fn raw_values_round_trip(values in raw_values(), sep in gap()) {
        let args: Vec<&str> = values.iter().map(|(t, _)| t.as_str()).collect();
        let sep = if sep.is_empty() { " " } else { sep };
        let line = format!("x_values{sep}{}", args.join(sep));
        let text = format!("{line}\ncontract \"c\" {{\n  {line}\n  x_block {{ {line}; {line} }}\n}}\n");
        let parsed = syntax::parse(&text);
        prop_assert!(parsed.problems.is_empty(), "{}\n{:?}", text, parsed.problems);
        let doc = &parsed.document;
        prop_assert_eq!(doc.nodes.len(), 2);
        let contract = &doc.nodes[1];
        let block = &contract.children()[1];
        let places = [&doc.nodes[0], &contract.children()[0], &block.children()[0], &block.children()[1]];
        for node in places {
            prop_assert_eq!(node.name, "x_values");
            prop_assert_eq!(node.args.len(), values.len(), "{}", text);
            for (arg, (written, value)) in node.args.iter().zip(&values) {
                prop_assert_eq!(arg.span.text(&text), written.as_str());
                prop_assert!(raw_equal(&arg.value, value), "{}: read {:?}, wrote {:?}", written, arg.value, value);
            }
        }
        same_through_the_grammar(&text)?;
        // The schema passes extension values on unchanged.
        let contracts = validated(&text)?;
        let x = contracts[0].args_of(&contracts[0].root.children[0]);
        prop_assert_eq!(x.len(), values.len());
        for (arg, (written, value)) in x.iter().zip(&values) {
            prop_assert_eq!(&arg.value, &TValue::Raw(value.clone()));
            prop_assert_eq!(arg.span.text(&text), written.as_str());
        }
    }
}

proptest! {
    #![proptest_config(config(192))]

    /// Typed values in every schema field validate to the generated value, in base
    /// units, whichever of five layouts the contract is written in; the five layouts
    /// validate to the same tree.
    #[test]
    fn typed_values_round_trip_in_every_layout(spec in spec()) {
        let (nodes, expect) = build(&spec);
        let mut first: Option<(Layout, Vec<BareContract>)> = None;
        for layout in LAYOUTS {
            let text = text_in(&nodes, layout);
            check_expectations(&text, &expect)
                .map_err(|e| TestCaseError::fail(format!("{layout:?} layout:\n{text}\n{e}")))?;
            let contracts: Vec<BareContract> = validated(&text)?.iter().map(bare_contract).collect();
            same_through_the_grammar(&text)
                .map_err(|e| TestCaseError::fail(format!("{layout:?} layout:\n{text}\n{e}")))?;
            match &first {
                None => first = Some((layout, contracts)),
                Some((l0, c0)) => prop_assert_eq!(c0, &contracts, "{:?} and {:?} differ", l0, layout),
            }
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// Generated corpus contracts validate to the same tree in every layout.
    #[test]
    fn generated_contracts_are_layout_independent(seed in any::<u64>(), index in 1u64..10_000) {
        let mut rng = generator::Rng::new(seed ^ index);
        let mut nodes = generator::to_nodes(&generator::contract(seed, index), &mut rng);
        nodes.extend(generator::to_nodes(&generator::contract(seed, index + 1), &mut rng));
        let mut first: Option<Vec<BareContract>> = None;
        for layout in LAYOUTS {
            let text = text_in(&nodes, layout);
            let contracts: Vec<BareContract> = validated(&text)
                .map_err(|e| TestCaseError::fail(format!("{layout:?}:\n{text}\n{e}")))?
                .iter()
                .map(bare_contract)
                .collect();
            prop_assert_eq!(contracts.len(), 2);
            same_through_the_grammar(&text)
                .map_err(|e| TestCaseError::fail(format!("{layout:?}:\n{text}\n{e}")))?;
            match &first {
                None => first = Some(contracts),
                Some(c0) => prop_assert_eq!(c0, &contracts, "{:?} differs:\n{}", layout, text),
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Equal durations in different units are equal numbers: `3 months` is `90 days`,
    /// `1 year` is `12 months` (and 360 days), `2 h` is `120 min`.
    #[test]
    fn equivalent_durations_are_equal(n in 0u32..10_000, pair in 0usize..6) {
        let (a, b, factor) = [
            ("months", "days", 30),
            ("years", "months", 12),
            ("years", "days", 360),
            ("weeks", "days", 7),
            ("hours", "minutes", 60),
            ("days", "h", 24),
        ][pair];
        let read = |text: String| -> Result<TValue, TestCaseError> {
            let contracts = validated(&format!("contract \"c\" {{ term {{ notice {text} }} }}\n"))?;
            let c = &contracts[0];
            Ok(c.args_of(&c.root.children[0].children[0])[0].value.clone())
        };
        let big = read(format!("{n} {a}"))?;
        let small = read(format!("{} {b}", u64::from(n) * factor))?;
        prop_assert_eq!(&big, &small);
        // Per-units convert the same way: `30n calls / month` is `n calls / day`.
        let volume = |text: String| -> Result<TValue, TestCaseError> {
            let contracts = validated(&format!("contract \"c\" {{ service inbound support {{ volume {text} }} }}\n"))?;
            let c = &contracts[0];
            Ok(c.args_of(&c.root.children[0].children[0])[0].value.clone())
        };
        let per_month = volume(format!("{} calls / month", u64::from(n) * 30))?;
        let per_day = volume(format!("{n} calls / day"))?;
        let (TValue::Num(m), TValue::Num(d)) = (&per_month, &per_day) else {
            return Err(TestCaseError::fail("volume is a number"));
        };
        prop_assert_eq!(m.dim, d.dim);
        prop_assert!(close(m.value, d.value), "{:?} vs {:?}", m, d);
    }
}

// ------------------------------------------------------------------------------------
//  Examples: the spec's own values, as fixed cases
// ------------------------------------------------------------------------------------

fn typed_value(text: &str, path: &[usize]) -> TValue {
    let parsed = syntax::parse(text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let v = validate(&parsed.document, parsed.problems, text);
    assert!(v.problems.is_empty(), "{text}\n{:?}", v.problems);
    let c = &v.contracts[0];
    c.args_of(at(&c.root, path))[0].value.clone()
}

#[test]
fn the_spec_examples_mean_what_they_say() {
    let cases: &[(&str, TValue)] = &[
        (
            "contract \"c\" { term { minimum 3 months } }",
            num(90.0 * units::DAY, Dim::TIME),
        ),
        (
            "contract \"c\" { term { minimum 1 year } }",
            num(12.0 * units::MONTH, Dim::TIME),
        ),
        (
            "contract \"c\" { vendor \"v\" { staff { training 40h } } }",
            num(40.0 * units::HOUR, Dim::TIME),
        ),
        (
            "contract \"c\" { pricing { overage 250 円 / call } }",
            num(250.0, Dim::money(Some(Currency::Jpy))),
        ),
        (
            "contract \"c\" { pricing { base_fee 450_000 JPY / month } }",
            num(450_000.0 / units::MONTH, dim(1, -1, 0, Some(Currency::Jpy))),
        ),
        (
            "contract \"c\" { service inbound support { volume 100 calls / day } }",
            num(3_000.0 / units::MONTH, dim(0, -1, 0, None)),
        ),
        (
            "contract \"c\" { vendor \"v\" { staff { turnover 35% / year } } }",
            num(0.35 / units::YEAR, dim(0, -1, 1, None)),
        ),
        (
            "contract \"c\" { kpi { abandon_rate <= 5% } }",
            num(0.05, Dim::PERCENT),
        ),
        (
            "contract \"c\" { kpi { asa < 30 s } }",
            num(30.0, Dim::TIME),
        ),
    ];
    for (text, want) in cases {
        let path: &[usize] = if text.contains("staff") {
            &[0, 0, 0]
        } else {
            &[0, 0]
        };
        let got = typed_value(text, path);
        assert!(same_value(&got, want), "{text}: {got:?}, expected {want:?}");
    }
}

#[test]
fn escapes_resolve() {
    let text = "contract \"c\" { title \"a\\\"b\\\\c\\nd\\te\\u{3042}\" }";
    assert_eq!(
        typed_value(text, &[0]),
        TValue::Str("a\"b\\c\nd\te\u{3042}".into())
    );
}

/// The first value of the field at `path` (names from the contract node).
/// The first value of the field at `path` in contract `c`.
fn field<'a>(c: &'a Contract, path: &[&str]) -> &'a TValue {
    let node = path.iter().fold(&c.root, |n, step| {
        n.children
            .iter()
            .find(|c| c.name == *step)
            .unwrap_or_else(|| panic!("no `{step}` in `{}`", n.name))
    });
    &c.args_of(node)[0].value
}

fn number_of(value: &TValue) -> f64 {
    match value {
        TValue::Num(n) => n.value,
        other => panic!("not a number: {other:?}"),
    }
}

/// The corpus files validate, and say what their JSON twins say.
#[test]
fn generated_files_are_valid_and_match_their_json() {
    for i in 1..=200 {
        let (text, facts) = generator::file(1, i, true);
        let contracts = validated(&text).unwrap_or_else(|e| panic!("{text}\n{e}"));
        assert_eq!(contracts.len(), 1);
        let c = &contracts[0];
        let root = &c.root;
        let json = serde_json::to_value(&facts).expect("json");
        let json = &json;
        let s = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
        let f = |v: &serde_json::Value| v.as_f64().expect("a number");
        assert_eq!(&*c.id, s(&json["id"]));
        assert_eq!(field(c, &["title"]), &TValue::Str(s(&json["title"])));
        assert_eq!(field(c, &["client"]), &TValue::Str(s(&json["client"])));
        assert_eq!(
            field(c, &["vendor"]),
            &TValue::Str(s(&json["vendor"]["name"]))
        );
        let staff = &json["vendor"]["staff"];
        assert_eq!(
            number_of(field(c, &["vendor", "staff", "operators"])),
            f(&staff["operators"])
        );
        let turnover = number_of(field(c, &["vendor", "staff", "turnover"]));
        assert!(close(
            turnover,
            f(&staff["turnover_percent_per_year"]) / 100.0 / units::YEAR
        ));
        assert_eq!(
            field(c, &["pricing", "model"]),
            &TValue::Sym(
                t::MODEL
                    .iter()
                    .find(|m| **m == s(&json["pricing"]["model"]))
                    .expect("a model")
            )
        );
        let notice = &json["term"]["notice"];
        let unit = TIME
            .iter()
            .find(|(t, _)| *t == s(&notice["unit"]))
            .map(|(_, secs)| *secs)
            .expect("a time unit");
        assert!(close(
            number_of(field(c, &["term", "notice"])),
            f(&notice["amount"]) * unit
        ));
        let services = root.children.iter().filter(|n| n.name == "service").count();
        assert_eq!(json["services"].as_array().map(Vec::len), Some(services));
        assert_eq!(
            json["waivers"].as_array().map(Vec::len),
            Some(c.waivers.len())
        );
        for (w, jw) in c
            .waivers
            .iter()
            .zip(json["waivers"].as_array().expect("waivers"))
        {
            assert_eq!(w.rule.to_string(), s(&jw["rule"]));
            assert_eq!(
                w.reason.as_deref().map(str::to_string),
                Some(s(&jw["reason"]))
            );
        }
    }
}
