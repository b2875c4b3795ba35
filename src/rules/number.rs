//! A number computed for a message (`{pricing.base_fee / pricing.included}`), written
//! as a contract would write it: `150 JPY`, `450_000 JPY / month`, `35%`, `2`.
//!
//! Rules compute in `f64`; money becomes an integer count of the currency's minor
//! unit (yen, cents) here, rounded to the nearest with halves away from zero, so a
//! message never shows `224.99999 JPY`.  A rule that needs a direction says so with
//! `floor` or `ceil` (an "at most" price is floored).  A Japanese message writes the
//! result in Japanese words through `crate::japanese`, as it does values as written.

use crate::schema::model::Num;
use crate::units::{group_digits, Currency, Dim, DAY, HOUR, MINUTE, MONTH, WEEK, YEAR};

use super::eval::RELATIVE_TOLERANCE;
use super::ir::Rounding;

/// `floor`, `ceil` and `round` of the rules language: to a whole number of the unit
/// the value is shown in (yen or dollars, yen a month for a rate, percent points,
/// seconds, things counted).
#[must_use]
pub fn round(num: Num, rounding: Rounding) -> Num {
    let scale = shown_per_base_unit(num.dim);
    let scaled = num.value * scale;
    // A value a conversion left a hair off a whole number is that number, as it
    // compares equal to it: 1.5 × 150 yen floors to 225, not 224.
    let nearest = scaled.round();
    let whole = match rounding {
        _ if (scaled - nearest).abs() <= scaled.abs().max(1.0) * RELATIVE_TOLERANCE => nearest,
        Rounding::Down => scaled.floor(),
        Rounding::Up => scaled.ceil(),
        Rounding::Nearest => scaled.round(),
    };
    Num {
        value: whole / scale,
        dim: num.dim,
    }
}

/// How many of the unit a value is shown in make one base unit: a percent is held as
/// a fraction and shown in points, a rate is held per second and shown per month.
fn shown_per_base_unit(dim: Dim) -> f64 {
    match (dim.money, dim.time, dim.percent) {
        (0, 0, 1) => 100.0,
        (_, -1, _) => MONTH,
        _ => 1.0,
    }
}

/// The number in contract syntax, or `None` when it is too large to be a real one.
#[must_use]
pub fn written(num: Num) -> Option<String> {
    let Dim {
        money,
        time,
        percent,
        currency,
    } = num.dim;
    let text = match (money, time, percent) {
        (1, 0, _) => money_text(num.value, currency?)?,
        // A rate in money is shown per month, as contracts state fees.
        (1, -1, _) => format!("{} / month", money_text(num.value * MONTH, currency?)?),
        (0, 0, 1) => format!("{}%", decimal(num.value * 100.0)?),
        (0, 0, 0) => decimal(num.value)?,
        (0, -1, 0) => format!("{} / month", decimal(num.value * MONTH)?),
        (0, 1, 0) => duration(num.value)?,
        _ => decimal(num.value)?,
    };
    Some(text)
}

/// Money: whole minor units (no cents for yen and won), halves away from zero.
fn money_text(value: f64, currency: Currency) -> Option<String> {
    let decimals = match currency {
        Currency::Jpy | Currency::Krw => 0,
        Currency::Usd | Currency::Eur | Currency::Gbp | Currency::Cny => 2,
    };
    let minor = whole(half_away(value * 10f64.powi(decimals)))?;
    let divisor = 10i64.pow(decimals.unsigned_abs());
    let mut text = grouped(minor / divisor);
    let cents = (minor % divisor).abs();
    if cents != 0 {
        text.push_str(&format!(
            ".{cents:0width$}",
            width = decimals.unsigned_abs() as usize
        ));
    }
    Some(format!("{text} {}", currency.code()))
}

/// A plain number: whole when it is, else to two decimals.
fn decimal(value: f64) -> Option<String> {
    let hundredths = whole(half_away(value * 100.0))?;
    let mut text = grouped(hundredths / 100);
    let fraction = (hundredths % 100).abs();
    if fraction != 0 {
        let digits = format!("{fraction:02}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    Some(text)
}

/// A duration in the largest unit that holds it whole (`3 months`, `36 hours`).
fn duration(seconds: f64) -> Option<String> {
    const UNITS: [(f64, &str, &str); 6] = [
        (YEAR, "year", "years"),
        (MONTH, "month", "months"),
        (WEEK, "week", "weeks"),
        (DAY, "day", "days"),
        (HOUR, "hour", "hours"),
        (MINUTE, "minute", "minutes"),
    ];
    for (length, one, many) in UNITS {
        let count = seconds / length;
        if count >= 1.0 && (count - count.round()).abs() < 1e-9 {
            let n = whole(count.round())?;
            return Some(format!(
                "{} {}",
                grouped(n),
                if n == 1 { one } else { many }
            ));
        }
    }
    Some(format!("{} s", decimal(seconds)?))
}

/// To the nearest whole number, halves away from zero, a half read as the decimal
/// the value stands for: `1.005 * 100` is 100.49999999999999 in binary, and a price
/// of 1.005 USD is still 1.01 USD.  The nudge is the comparisons' tolerance, far
/// below any amount of money.
fn half_away(scaled: f64) -> f64 {
    (scaled + scaled.signum() * scaled.abs().max(1.0) * RELATIVE_TOLERANCE).round()
}

/// An integral `f64` as an integer; `None` past what any contract holds.
#[allow(clippy::cast_possible_truncation)] // checked to be integral and in range
fn whole(value: f64) -> Option<i64> {
    (value.is_finite() && value.abs() < 1e15).then_some(value as i64)
}

/// `300000` → `300_000`, as contracts group digits.
fn grouped(n: i64) -> String {
    let digits = group_digits(&n.unsigned_abs().to_string(), '_');
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(value: f64) -> Num {
        Num {
            value,
            dim: Dim::money(Some(Currency::Jpy)),
        }
    }

    #[test]
    fn money_is_whole_minor_units_rounded_half_away_from_zero() {
        assert_eq!(written(money(225.0)).unwrap(), "225 JPY");
        assert_eq!(written(money(224.5)).unwrap(), "225 JPY");
        assert_eq!(written(money(224.49)).unwrap(), "224 JPY");
        assert_eq!(written(money(300_000.0)).unwrap(), "300_000 JPY");
        let usd = Num {
            value: 1.005,
            dim: Dim::money(Some(Currency::Usd)),
        };
        assert_eq!(written(usd).unwrap(), "1.01 USD");
        let per_month = Num {
            value: 450_000.0 / MONTH,
            dim: Dim::money(Some(Currency::Jpy)).per(crate::units::Unit::Time(MONTH)),
        };
        assert_eq!(written(per_month).unwrap(), "450_000 JPY / month");
    }

    #[test]
    fn rounding_goes_the_way_the_rule_asks_in_whole_units() {
        assert_eq!(round(money(224.7), Rounding::Down).value, 224.0);
        assert_eq!(
            round(money(1.5 * 450_000.0 / 3_000.0 - 1e-11), Rounding::Down).value,
            225.0
        );
        assert_eq!(round(money(225.000_000_000_01), Rounding::Up).value, 225.0);
        let operators = Num {
            value: 25.0 / 15.0,
            dim: Dim::NONE,
        };
        assert_eq!(written(round(operators, Rounding::Up)).unwrap(), "2");
        let share = Num {
            value: 0.354,
            dim: Dim::PERCENT,
        };
        assert_eq!(written(round(share, Rounding::Nearest)).unwrap(), "35%");
    }

    #[test]
    fn counts_rates_and_durations_read_as_contracts_write_them() {
        assert_eq!(
            written(Num {
                value: 1.5,
                dim: Dim::NONE
            })
            .unwrap(),
            "1.5"
        );
        assert_eq!(
            written(Num {
                value: 96.0,
                dim: Dim::NONE
            })
            .unwrap(),
            "96"
        );
        let three_months = Num {
            value: 3.0 * MONTH,
            dim: Dim::TIME,
        };
        assert_eq!(written(three_months).unwrap(), "3 months");
        let huge = Num {
            value: 1e300,
            dim: Dim::NONE,
        };
        assert_eq!(written(huge), None);
    }
}
