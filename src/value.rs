//! The values a contract states and rules compare: amounts with units, bounds,
//! dates and daily time ranges.  The `.terms` readers produce them, the schema
//! checks them and the rules evaluate them; none of them depends on how they were
//! read.

use crate::units::Unit;

/// A number with an optional percent sign, unit and per-unit, as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub amount: f64,
    pub percent: bool,
    pub unit: Option<Unit>,
    pub per: Option<Unit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundOp {
    Ge,
    Le,
    Gt,
    Lt,
}

impl BoundOp {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ge => ">=",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Lt => "<",
        }
    }

    /// Whether the bound sets a minimum (`>=`, `>`).
    #[must_use]
    pub const fn is_minimum(self) -> bool {
        matches!(self, Self::Ge | Self::Gt)
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date if it exists in the proleptic Gregorian calendar.
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`; `None` when malformed or impossible.
    #[must_use]
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = text[0..4].parse().ok()?;
        let month = text[5..7].parse().ok()?;
        let day = text[8..10].parse().ok()?;
        Date::new(year, month, day)
    }
}

impl Date {
    /// Days from 1970-01-01 (negative before it), for the days between two dates.
    #[must_use]
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil: years start in March, so the leap day
        // is the last day of the year.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A daily time range in minutes since midnight (`end` may be 1440 for `24:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub start: u16,
    pub end: u16,
}

impl TimeRange {
    /// The minute intervals of one day this range covers, the part past midnight
    /// counted on the same day (so `22:00-06:00` covers [0, 360) and [1320, 1440)).
    #[must_use]
    pub fn intervals(self) -> [(u16, u16); 2] {
        if self.end > self.start {
            [(self.start, self.end), (0, 0)]
        } else {
            [(self.start, 1440), (0, self.end)]
        }
    }
}

#[cfg(test)]
mod day_number_tests {
    use super::Date;

    #[test]
    fn days_are_counted_across_months_leap_days_and_years() {
        let day = |s: &str| Date::parse(s).unwrap().day_number();
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("2000-03-01") - day("2000-02-28"), 2);
        assert_eq!(day("2100-03-01") - day("2100-02-28"), 1);
        assert_eq!(day("2026-12-20") - day("2026-11-29"), 21);
        assert_eq!(day("2027-01-01") - day("2026-01-01"), 365);
        assert_eq!(day("1969-12-31"), -1);
    }
}
