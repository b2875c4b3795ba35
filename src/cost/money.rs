//! Money for the cost model: exact integers, never a float.
//!
//! An amount is held as [`Micros`], millionths of its currency's minor unit (yen for
//! JPY, cents for USD).  A price read from a contract is read from its written
//! digits, so `12.50 USD / call` is exactly 1,250,000,000 micros; rates multiplied by
//! volumes, shares and time stay exact, and the only rounding is the explicit kind:
//! [`round_div`], half away from zero, where a quotient must become a whole number
//! (a per-minute price over a handle time in seconds, an amount taken out of tax, a
//! bill shown in whole yen).

use std::fmt;

use crate::lang::Lang;
use crate::units::Currency;

/// Millionths of a minor unit in one minor unit.
pub const MICROS: i128 = 1_000_000;

/// An exact amount of money in millionths of its currency's minor unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Micros(pub i128);

impl Micros {
    pub const ZERO: Micros = Micros(0);

    /// Whole minor units (yen, cents), rounded half away from zero.
    #[must_use]
    pub fn minor(self) -> i128 {
        round_div(self.0, MICROS)
    }

    /// This amount times a whole number.
    #[must_use]
    pub fn times(self, n: i128) -> Micros {
        Micros(self.0 * n)
    }

    /// This amount times `num / den`, rounded once, half away from zero.
    #[must_use]
    pub fn scaled(self, num: i128, den: i128) -> Micros {
        Micros(round_div(self.0 * num, den))
    }
}

impl std::ops::Add for Micros {
    type Output = Micros;
    fn add(self, other: Micros) -> Micros {
        Micros(self.0 + other.0)
    }
}

impl std::ops::AddAssign for Micros {
    fn add_assign(&mut self, other: Micros) {
        self.0 += other.0;
    }
}

impl std::ops::Sub for Micros {
    type Output = Micros;
    fn sub(self, other: Micros) -> Micros {
        Micros(self.0 - other.0)
    }
}

/// `num / den` rounded to the nearest whole number, halves away from zero.
///
/// # Panics
/// When `den` is zero: every caller divides by a constant or a checked count.
#[must_use]
pub fn round_div(num: i128, den: i128) -> i128 {
    assert!(den != 0, "division by zero in the cost model");
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    if num >= 0 {
        (num + den / 2) / den
    } else {
        -((-num + den / 2) / den)
    }
}

/// Decimal places of a currency's minor unit (ISO 4217).
#[must_use]
pub const fn minor_digits(currency: Currency) -> u32 {
    match currency {
        Currency::Jpy | Currency::Krw => 0,
        Currency::Usd | Currency::Eur | Currency::Gbp | Currency::Cny => 2,
    }
}

/// A decimal number as written (`1_200_000`, `12.50`, `0.125`) in millionths of
/// `10^-digits` of a unit: `decimal_micros("12.50", 2)` is 1,250,000,000.  Digits
/// past what that can hold are rounded half up.  None for anything but digits, `_`
/// and one `.`.
#[must_use]
pub fn decimal_micros(written: &str, digits: u32) -> Option<i128> {
    let (whole, fraction) = written.split_once('.').unwrap_or((written, ""));
    let places = digits + 6;
    let mut value: i128 = 0;
    let mut seen = false;
    for b in whole.bytes().filter(|&b| b != b'_') {
        if !b.is_ascii_digit() {
            return None;
        }
        seen = true;
        value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    let mut kept = 0;
    let mut round_up = false;
    for (i, b) in fraction.bytes().filter(|&b| b != b'_').enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        seen = true;
        if (i as u32) < places {
            value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
            kept += 1;
        } else if i as u32 == places {
            round_up = b >= b'5';
        }
    }
    if !seen {
        return None;
    }
    value = value.checked_mul(10i128.checked_pow(places - kept)?)?;
    Some(value + i128::from(round_up))
}

/// An amount with its currency, for showing: whole minor units, digits grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub amount: Micros,
    pub currency: Currency,
    pub lang: Lang,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = figure(self.amount.minor(), self.currency);
        if self.lang == Lang::Ja && self.currency == Currency::Jpy {
            write!(f, "{number}円")
        } else {
            write!(f, "{number} {}", self.currency.code())
        }
    }
}

/// Whole minor units as the currency's figure, digits grouped, without its code:
/// `1,234,567`, `12.50`, `-1`.
#[must_use]
pub fn figure(minor: i128, currency: Currency) -> String {
    let digits = minor_digits(currency);
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    let scale = 10u128.pow(digits);
    let whole = grouped(minor / scale);
    if digits == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{:0width$}",
            minor % scale,
            width = digits as usize
        )
    }
}

/// A whole number with its digits grouped by commas: `1,200,000`.
#[must_use]
pub fn grouped(n: u128) -> String {
    crate::units::group_digits(&n.to_string(), ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_decimals_are_read_exactly() {
        assert_eq!(decimal_micros("1_200_000", 0), Some(1_200_000 * MICROS));
        assert_eq!(decimal_micros("12.50", 2), Some(1_250 * MICROS));
        assert_eq!(decimal_micros("0.1", 2), Some(10 * MICROS));
        assert_eq!(decimal_micros("202.5", 0), Some(202_500_000));
        // Past a millionth of a minor unit, half up.
        assert_eq!(decimal_micros("0.0000005", 0), Some(1));
        assert_eq!(decimal_micros("0.0000004", 0), Some(0));
        assert_eq!(decimal_micros("", 0), None);
        assert_eq!(decimal_micros("1.2.3", 0), None);
        assert_eq!(decimal_micros("12a", 0), None);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_div(5, 2), 3);
        assert_eq!(round_div(-5, 2), -3);
        assert_eq!(round_div(4, 3), 1);
        assert_eq!(round_div(5, -2), -3);
    }

    #[test]
    fn amounts_show_in_whole_minor_units() {
        let show = |micros, currency, lang| {
            Shown {
                amount: Micros(micros),
                currency,
                lang,
            }
            .to_string()
        };
        assert_eq!(
            show(1_234_567 * MICROS, Currency::Jpy, Lang::En),
            "1,234,567 JPY"
        );
        assert_eq!(
            show(1_234_567 * MICROS, Currency::Jpy, Lang::Ja),
            "1,234,567円"
        );
        assert_eq!(show(1_250 * MICROS, Currency::Usd, Lang::En), "12.50 USD");
        assert_eq!(show(-499_999, Currency::Jpy, Lang::En), "0 JPY");
        assert_eq!(show(-500_000, Currency::Jpy, Lang::En), "-1 JPY");
    }
}
