//! Putting quotes on one footing: one currency and one tax basis.
//!
//! A quote in another currency is converted at a rate the client gives
//! (`--rate USD=150JPY`): termlint knows no exchange rates.  A quote that states its
//! prices with tax is taken out of tax (or the other way round) at the given rate; a
//! quote that does not say is taken as written, and the comparison says so.

use crate::units::{Currency, Unit};

use super::money::{decimal_micros, minor_digits, Micros, MICROS};
use super::plan::{Gap, Note, Plan, Ppm, Tax, WHOLE};

/// One exchange rate: one unit of `from` is `per_unit` micros of `to`'s minor unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rate {
    pub from: Currency,
    pub to: Currency,
    pub per_unit: i128,
    /// As written after `=`, for the note (`150 JPY`).
    pub written: String,
}

impl Rate {
    /// Reads `USD=150JPY` or `USD=150 JPY`.
    ///
    /// # Errors
    /// A sentence saying what is wrong, with the form to write.
    pub fn parse(text: &str) -> Result<Rate, String> {
        let form = "write it as CURRENCY=AMOUNT CURRENCY, e.g. USD=150JPY";
        let (from, amount) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not a rate: {form}"))?;
        let currency = |word: &str| match Unit::parse(word.trim()) {
            Some(Unit::Money(c)) => Ok(c),
            _ => Err(format!("`{}` is not a currency: {form}", word.trim())),
        };
        let from = currency(from)?;
        let amount = amount.trim();
        let split = amount
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
            .ok_or_else(|| format!("`{text}` names no currency to convert to: {form}"))?;
        let to = currency(&amount[split..])?;
        // A rate above a million (1 KRW = 1,000,000 JPY) is a typo, and would carry
        // amounts beyond what the comparison computes with.
        let per_unit = decimal_micros(&amount[..split], minor_digits(to))
            .filter(|&n| n > 0 && n <= 1_000_000 * 10i128.pow(minor_digits(to)) * MICROS)
            .ok_or_else(|| {
                format!(
                    "`{}` is not a positive amount up to 1,000,000: {form}",
                    &amount[..split]
                )
            })?;
        if from == to {
            return Err(format!("`{text}` converts a currency to itself"));
        }
        Ok(Rate {
            from,
            to,
            per_unit,
            written: format!("{} {}", &amount[..split], to.code()),
        })
    }
}

/// The currency, tax basis and rates every quote is brought to.
#[derive(Clone, Debug)]
pub struct Footing {
    pub currency: Currency,
    pub basis: Tax,
    /// Consumption tax, in ppm (10 % is 100,000).
    pub tax_rate: Ppm,
    pub rates: Vec<Rate>,
}

impl Footing {
    /// The plan in this footing's currency and tax basis, with notes on what was done.
    ///
    /// # Errors
    /// [`Gap::NoRate`] for a currency with no rate given.
    pub fn bring(&self, mut plan: Plan) -> Result<Plan, Gap> {
        if plan.currency != self.currency {
            let rate = self
                .rates
                .iter()
                .find(|r| r.from == plan.currency && r.to == self.currency)
                .ok_or(Gap::NoRate {
                    from: plan.currency.code(),
                    to: self.currency.code(),
                })?;
            let one_unit = 10i128.pow(minor_digits(plan.currency)) * MICROS;
            scale(&mut plan, rate.per_unit, one_unit);
            plan.notes.push(Note::Converted {
                from: plan.currency.code(),
                rate: rate.written.clone(),
            });
            plan.currency = self.currency;
        }
        match plan.tax {
            None => plan.notes.push(Note::TaxUnstated),
            Some(tax) if tax != self.basis => {
                let with_tax = WHOLE + self.tax_rate;
                match tax {
                    Tax::Included => scale(&mut plan, WHOLE, with_tax),
                    Tax::Excluded => scale(&mut plan, with_tax, WHOLE),
                }
                plan.notes.push(Note::TaxConverted {
                    from: tax,
                    rate: self.tax_rate,
                });
                plan.tax = Some(self.basis);
            }
            Some(_) => {}
        }
        Ok(plan)
    }
}

/// Every amount of the plan times `num / den`, each rounded once.
fn scale(plan: &mut Plan, num: i128, den: i128) {
    let s = |m: &mut Micros| *m = m.scaled(num, den);
    for one_off in &mut plan.one_off {
        s(&mut one_off.amount);
    }
    for charge in &mut plan.charges {
        s(&mut charge.fixed);
        s(&mut charge.per_contact);
        s(&mut charge.above_included);
    }
    if let Some(minimum) = &mut plan.minimum {
        s(minimum);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_read_with_or_without_a_space() {
        let rate = Rate::parse("USD=150JPY").unwrap();
        assert_eq!((rate.from, rate.to), (Currency::Usd, Currency::Jpy));
        assert_eq!(rate.per_unit, 150 * MICROS);
        assert_eq!(
            Rate::parse("EUR = 162.5 JPY").unwrap().per_unit,
            162_500_000
        );
        assert!(Rate::parse("USD150JPY").unwrap_err().contains("USD=150JPY"));
        assert!(Rate::parse("USD=150").is_err());
        assert!(Rate::parse("USD=0JPY").is_err());
        assert!(Rate::parse("XYZ=1JPY")
            .unwrap_err()
            .contains("not a currency"));
        assert!(Rate::parse("JPY=1JPY").is_err());
    }
}
