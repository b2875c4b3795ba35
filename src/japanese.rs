//! Contract values as they read in a Japanese sentence: `12 months` → 12か月,
//! `8 / month` → 月8件, `180 JPY / call` → 1件あたり180円, `>= 90%` → 90%以上,
//! `mon-fri` → 月〜金曜, `order_taking` → 受注.
//!
//! A message hole is filled with the value as written; in Japanese messages that
//! text is read again with the project's one parser and written out in Japanese
//! words, so the sentence around it needs no English.  Money is shown with the
//! digits as written, grouped by thousands: nothing is computed here.

use std::fmt::Write as _;

use crate::schema::symbols::symbol_ja;
use crate::syntax::tree::{Arg, Value};
use crate::units::{group_digits, Currency, Unit, DAY, HOUR, MINUTE, MONTH, SECOND, WEEK, YEAR};
use crate::value::{BoundOp, Date, Quantity, TimeRange};

/// The Japanese for the arguments written as `written` (one value, or several, as
/// in `80% within 20 s`).  Text that does not read as values is returned as it is.
#[must_use]
pub fn values(written: &str) -> String {
    let line = format!("x {written}");
    let parsed = crate::syntax::parse(&line);
    let node = match parsed.document.nodes.as_slice() {
        [node] if parsed.problems.is_empty() => node,
        _ => return written.to_string(),
    };
    let text = |arg: &Arg<'_>| arg.span.text(&line).to_string();
    match node.args.as_slice() {
        // `80% within 20 s`: 20秒以内に80%.
        [target, Arg {
            value: Value::Word(w),
            ..
        }, within]
            if w == "within" =>
        {
            format!(
                "{}以内に{}",
                value(within, &text(within)),
                value(target, &text(target))
            )
        }
        args => {
            let words: Vec<String> = args.iter().map(|a| value(a, &text(a))).collect();
            words.join(" ")
        }
    }
}

/// One value in Japanese; `written` is its text.
fn value(arg: &Arg<'_>, written: &str) -> String {
    match &arg.value {
        Value::Str(s) => s.to_string(),
        Value::Num(q) => quantity(q, written),
        Value::Bound(op, q) => {
            let number = written.trim_start_matches(['>', '<', '=', ' ', '\t']);
            let suffix = match op {
                BoundOp::Ge => "以上",
                BoundOp::Le => "以下",
                BoundOp::Gt => "超",
                BoundOp::Lt => "未満",
            };
            format!("{}{suffix}", quantity(q, number))
        }
        Value::Date(d) => date(*d),
        Value::TimeRange(r) => time_range(*r),
        Value::Word(w) => word(w),
        Value::Invalid => written.to_string(),
    }
}

/// `300_000 JPY / month` → 月300,000円.
fn quantity(q: &Quantity, written: &str) -> String {
    let digits: String = written
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '_' || *c == '.')
        .collect();
    let mut amount = grouped(&digits);
    if q.percent {
        amount.push('%');
    }
    let unit = q.unit.map_or_else(
        // A bare count per time is a number of things: 月8件.
        || {
            if q.per.is_some_and(|p| matches!(p, Unit::Time(_))) && !q.percent {
                "件"
            } else {
                ""
            }
        },
        unit_ja,
    );
    let amount = format!("{amount}{unit}");
    match q.per {
        None => amount,
        Some(per) => format!("{}{amount}", per_ja(per)),
    }
}

/// `300_000` → `300,000`; `1234.5` → `1,234.5`.
fn grouped(digits: &str) -> String {
    let plain: String = digits.chars().filter(|c| *c != '_').collect();
    let (whole, fraction) = plain
        .split_once('.')
        .map_or((plain.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = group_digits(whole, ',');
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn unit_ja(unit: Unit) -> &'static str {
    match unit {
        Unit::Money(c) => match c {
            Currency::Jpy => "円",
            Currency::Usd => "米ドル",
            Currency::Eur => "ユーロ",
            Currency::Gbp => "英ポンド",
            Currency::Cny => "人民元",
            Currency::Krw => "ウォン",
        },
        Unit::Time(secs) => time_ja(secs).0,
        Unit::Count(label) => match label {
            "seat" => "席",
            "operator" | "person" => "人",
            _ => "件",
        },
    }
}

/// A time unit as a length (`か月`) and as what a rate is per (`月`, `1時間あたり`).
fn time_ja(secs: f64) -> (&'static str, &'static str) {
    const UNITS: [(f64, &str, &str); 7] = [
        (SECOND, "秒", "1秒あたり"),
        (MINUTE, "分", "1分あたり"),
        (HOUR, "時間", "1時間あたり"),
        (DAY, "日", "1日あたり"),
        (WEEK, "週間", "週"),
        (MONTH, "か月", "月"),
        (YEAR, "年", "年"),
    ];
    UNITS
        .iter()
        .find(|(s, ..)| (*s - secs).abs() < f64::EPSILON)
        .map_or(("", ""), |(_, length, per)| (*length, *per))
}

fn per_ja(per: Unit) -> &'static str {
    match per {
        Unit::Time(secs) => time_ja(secs).1,
        Unit::Count(label) => match label {
            "seat" => "1席あたり",
            "operator" | "person" => "1人あたり",
            "acquisition" => "成果1件あたり",
            "appointment" => "アポイント1件あたり",
            "sale" => "成約1件あたり",
            "lead" => "見込み客1件あたり",
            "order" => "受注1件あたり",
            "posting" => "求人1件あたり",
            _ => "1件あたり",
        },
        Unit::Money(_) => "",
    }
}

/// `2027-03-31` → 2027年3月31日.
fn date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// `09:00-18:00` → 9:00〜18:00; `22:00-06:00` → 22:00〜翌6:00.
fn time_range(r: TimeRange) -> String {
    let clock = |minutes: u16| format!("{}:{:02}", minutes / 60, minutes % 60);
    let next_day = if r.end <= r.start { "翌" } else { "" };
    format!("{}〜{next_day}{}", clock(r.start), clock(r.end))
}

/// A symbol, boolean, day set or `tbd` in Japanese; other words as written.
fn word(w: &str) -> String {
    if let Some(ja) = symbol_ja(w) {
        return ja.to_string();
    }
    match w {
        "yes" | "true" => return "あり".into(),
        "no" | "false" => return "なし".into(),
        "tbd" => return "未定".into(),
        "daily" => return "毎日".into(),
        "weekdays" => return "平日".into(),
        "weekends" => return "土日".into(),
        "holidays" => return "祝日".into(),
        _ => {}
    }
    let day = |d: &str| {
        Some(match d {
            "mon" => "月",
            "tue" => "火",
            "wed" => "水",
            "thu" => "木",
            "fri" => "金",
            "sat" => "土",
            "sun" => "日",
            _ => return None,
        })
    };
    let mut out = String::new();
    match w.split_once('-') {
        None => match day(w) {
            Some(d) => {
                let _ = write!(out, "{d}曜");
            }
            None => out.push_str(w),
        },
        Some((from, to)) => match (day(from), day(to)) {
            (Some(a), Some(b)) => {
                let _ = write!(out, "{a}〜{b}曜");
            }
            _ => out.push_str(w),
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::values;

    #[test]
    fn quantities_read_as_japanese_counts_and_rates() {
        for (written, ja) in [
            ("12 months", "12か月"),
            ("6 hours", "6時間"),
            ("40h", "40時間"),
            ("8 / month", "月8件"),
            ("60 / year", "年60件"),
            ("35% / year", "年35%"),
            ("300_000 JPY", "300,000円"),
            ("900000 円 / month", "月900,000円"),
            ("180 JPY / call", "1件あたり180円"),
            ("12_000 JPY / acquisition", "成果1件あたり12,000円"),
            ("2_000 JPY / hour", "1時間あたり2,000円"),
            ("6_000 calls / month", "月6,000件"),
            ("1.5 USD / minute", "1分あたり1.5米ドル"),
            ("25", "25"),
            ("90 days", "90日"),
            ("20 s", "20秒"),
        ] {
            assert_eq!(values(written), ja, "{written}");
        }
    }

    #[test]
    fn bounds_dates_times_and_words_read_as_japanese() {
        for (written, ja) in [
            (">= 90%", "90%以上"),
            ("<= 5%", "5%以下"),
            ("< 30 s", "30秒未満"),
            ("> 2 h", "2時間超"),
            ("80% within 20 s", "20秒以内に80%"),
            ("2027-03-31", "2027年3月31日"),
            ("09:00-18:00", "9:00〜18:00"),
            ("22:00-06:00", "22:00〜翌6:00"),
            ("mon-fri", "月〜金曜"),
            ("sat", "土曜"),
            ("weekdays", "平日"),
            ("order_taking", "受注"),
            ("inbound", "インバウンド"),
            ("tbd", "未定"),
            ("auto 12 months", "自動更新 12か月"),
        ] {
            assert_eq!(values(written), ja, "{written}");
        }
    }

    #[test]
    fn text_that_is_not_values_stays_as_written() {
        assert_eq!(values("\"Acme\""), "Acme");
        assert_eq!(values("{ broken"), "{ broken");
    }
}
