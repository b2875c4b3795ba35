//! A contract's prices read into a [`Plan`]: what it charges once, every month, per
//! contact and per contact above the plan's volume — or why it cannot be costed.
//!
//! Amounts are read from their written digits (see [`super::money`]); a price per
//! year or per week is turned into a price per month with the language's month of
//! 30 days (LANGUAGE.md §1).  Nothing unknown becomes a silent zero: a `tbd` charge,
//! an outcome fee with no expected outcome rate, a per-minute price with no handle
//! time are each a [`Gap`], and a quote with a gap is not costed.

use crate::rules::hours::{open_at_night, open_on_weekends, weekly_minutes};
use crate::schema::model::{Contract, TArg, TNode, TValue, EXTENSION};
use crate::units::{Currency, Unit, MONTH};

use super::money::{decimal_micros, minor_digits, round_div, Micros};

/// Seconds in the language's month (30 days), as an exact integer.
const MONTH_SECONDS: i128 = MONTH as i128;

/// A share (a percent) in parts per million: 5 % is 50,000.
pub type Ppm = i128;

/// The largest figures the cost model reads, far above any contract's and small
/// enough that the exact products of counts, shares and amounts it forms never
/// overflow: ten billion for a count or a duration in seconds, 1,000 % for a share,
/// 10^16 of a currency's minor unit for an amount.  Beyond them a quote is
/// [`Gap::TooLarge`]; `Curve::within_limits` bounds the bill itself.
pub const LIMIT_COUNT: i128 = 10_000_000_000;
const LIMIT_SHARE: Ppm = 10 * WHOLE;
const LIMIT_MICROS: i128 = 10_000_000_000_000_000 * super::money::MICROS;

/// Parts per million in a whole.
pub const WHOLE: Ppm = 1_000_000;

/// What the client supplies beside its contracts: figures a quote's price needs
/// that only the client can forecast.  Each overrides what the contracts state.
#[derive(Clone, Debug, Default)]
pub struct Assumptions {
    /// Average handling time per contact, in seconds (for per-minute prices).
    pub handle_time: Option<i128>,
    /// Expected share of contacts that end in a priced result.
    pub outcome_rate: Option<Ppm>,
}

/// Whether a quote's prices include consumption tax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tax {
    Included,
    Excluded,
}

/// What one line of the bill is for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum ChargeKind {
    BaseFee,
    Seats,
    Hours,
    PerCall,
    PerMinute,
    Outcome,
    Overage,
    NightPremium,
    HolidayPremium,
    /// A named `fee`.
    Fee(String),
}

/// One line of the monthly bill, as a function of the month's contacts `v`:
/// `fixed + per_contact × v + above_included × max(0, v − included)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    pub kind: ChargeKind,
    pub fixed: Micros,
    pub per_contact: Micros,
    pub above_included: Micros,
}

/// A one-off charge: the initial fee or a named fee with no period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOff {
    /// `None` for `initial_fee`, the fee's name otherwise.
    pub name: Option<String>,
    pub amount: Micros,
}

/// A quote's prices, in its own currency and tax basis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub currency: Currency,
    /// `None` when the quote does not say.
    pub tax: Option<Tax>,
    pub one_off: Vec<OneOff>,
    pub charges: Vec<Charge>,
    /// Contacts a month the base fee covers.
    pub included: Option<i128>,
    /// The least the month's bill can be.
    pub minimum: Option<Micros>,
    /// Expected share of contacts that end in a priced result, when outcomes are priced.
    pub outcome_rate: Option<Ppm>,
    /// The client's forecast: contacts a month over all its services.
    pub forecast: Option<i128>,
    /// The minimum commitment in whole months (rounded up).
    pub minimum_term: Option<i128>,
    /// What the figures leave out or assume.
    pub notes: Vec<Note>,
}

/// Why a quote cannot be costed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "gap")]
pub enum Gap {
    /// The contract has errors that make its prices unreliable (TL001–TL005).
    NotAudited,
    NoPrices,
    /// A charge written `tbd`: the field's path (`pricing.overage`, `pricing.fee "GDS"`).
    Tbd {
        field: String,
    },
    /// A plan with an included volume and no call-over charge.
    NoOverage {
        included: i128,
    },
    /// A call-over charge with no included volume to count from.
    OverageWithoutIncluded,
    OutcomeWithoutRate,
    PerMinuteWithoutHandleTime,
    SeatsUnknown,
    HoursUnknown,
    /// A named fee per something that is neither time nor contacts (`/ posting`).
    FeeUnit {
        name: String,
        per: String,
    },
    MixedCurrencies,
    /// An amount or a volume far beyond any call-centre contract's, which exact
    /// arithmetic cannot carry through a comparison (see [`LIMIT_COUNT`] and
    /// `Curve::within_limits`).
    TooLarge,
    /// Another currency than the comparison's, with no `--rate` for it.
    NoRate {
        from: &'static str,
        to: &'static str,
    },
}

/// Something the figures assume or leave out, shown beside them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "note")]
pub enum Note {
    /// The quote does not say whether tax is included; taken as the comparison's basis.
    TaxUnstated,
    /// Prices taken out of (or into) tax at this rate, in ppm.
    TaxConverted { from: Tax, rate: Ppm },
    /// Converted from another currency at `rate` (as written: `150 JPY`).
    Converted { from: &'static str, rate: String },
    /// A premium is stated and the service opens then, but no share of the volume
    /// falls in those hours: the premium is not in the figures.
    PremiumShareUnknown { premium: &'static str },
    /// Prices may rise by up to this much a year (as written); not in the figures.
    PriceIncrease { written: String },
    /// The service states no forecast volume.
    ForecastMissing,
}

/// Reads the plan of a checked contract.  `text` is its file's text.
///
/// # Errors
/// Every [`Gap`] found, in the contract's order.
pub fn read(contract: &Contract, text: &str, assume: &Assumptions) -> Result<Plan, Vec<Gap>> {
    let (plan, gaps) = read_partly(contract, text, assume);
    if gaps.is_empty() {
        Ok(plan)
    } else {
        Err(gaps)
    }
}

/// The plan as far as it can be read, and every gap that stops it being costed: the
/// forecast and the included volume mean something even when a charge is `tbd`.
#[must_use]
pub fn read_partly(contract: &Contract, text: &str, assume: &Assumptions) -> (Plan, Vec<Gap>) {
    let mut reader = Reader {
        contract,
        text,
        currency: None,
        gaps: Vec::new(),
    };
    let plan = reader.plan(assume);
    if !contract.auditable {
        reader.gaps.insert(0, Gap::NotAudited);
    }
    (plan, reader.gaps)
}

/// The contract's node of this name among `node`'s children (schema fields only).
fn child<'c>(node: &'c TNode, name: &str) -> Option<&'c TNode> {
    node.children
        .iter()
        .find(|c| c.slot != EXTENSION && c.name == name)
}

/// The nodes of this name among `node`'s children.
fn children<'c>(node: &'c TNode, name: &'c str) -> impl Iterator<Item = &'c TNode> + 'c {
    node.children
        .iter()
        .filter(move |c| c.slot != EXTENSION && c.name == name)
}

/// A number as written before its unit (`1_200_000` of `1_200_000 JPY / month`), and
/// the per-unit after its `/`, if any.
fn written_parts(written: &str) -> (&str, Option<Unit>) {
    let end = written
        .find(|c: char| !(c.is_ascii_digit() || c == '_' || c == '.'))
        .unwrap_or(written.len());
    let per = written
        .rsplit_once('/')
        .and_then(|(_, per)| Unit::parse(per.trim()));
    (&written[..end], per)
}

/// Seconds of a time unit, as an exact integer.
fn seconds(unit_seconds: f64) -> i128 {
    unit_seconds as i128
}

struct Reader<'c> {
    contract: &'c Contract,
    text: &'c str,
    /// The currency of the first amount read: the plan's.
    currency: Option<Currency>,
    gaps: Vec<Gap>,
}

impl<'c> Reader<'c> {
    fn args(&self, node: &'c TNode) -> &'c [TArg] {
        self.contract.args_of(node)
    }

    /// The one money argument of `node` at `index`: its amount and per-unit as
    /// written.  A `tbd` is a gap named `field`.
    fn money_arg(
        &mut self,
        node: &'c TNode,
        index: usize,
        field: impl Fn() -> String,
    ) -> Option<(Micros, Option<Unit>)> {
        let arg = self.args(node).get(index)?;
        let num = match &arg.value {
            TValue::Tbd => {
                self.gaps.push(Gap::Tbd { field: field() });
                return None;
            }
            TValue::Num(num) => num,
            _ => return None,
        };
        let currency = num.dim.currency?;
        match self.currency {
            None => self.currency = Some(currency),
            Some(c) if c != currency => {
                if !self.gaps.contains(&Gap::MixedCurrencies) {
                    self.gaps.push(Gap::MixedCurrencies);
                }
                return None;
            }
            Some(_) => {}
        }
        let (number, per) = written_parts(arg.span.text(self.text));
        let read = decimal_micros(number, minor_digits(currency)).filter(|m| *m <= LIMIT_MICROS);
        let Some(micros) = read else {
            self.too_large();
            return None;
        };
        Some((Micros(micros), per))
    }

    /// A pricing field's amount.  A price per time is brought to the field's own
    /// period (`period` seconds): `base_fee 5_400_000 JPY / year` is 450,000 a
    /// month, `hourly_rate 60 JPY / minute` 3,600 an hour.
    fn money(&mut self, pricing: &'c TNode, name: &'static str) -> Option<Micros> {
        let period = match name {
            "per_minute" => 60,
            "hourly_rate" => 3_600,
            _ => MONTH_SECONDS,
        };
        let node = child(pricing, name)?;
        let (amount, per) = self.money_arg(node, 0, || format!("pricing.{name}"))?;
        Some(match per {
            Some(Unit::Time(secs)) if seconds(secs) != period => {
                amount.scaled(period, seconds(secs))
            }
            _ => amount,
        })
    }

    /// A count, percent or duration field as a number of base units (contacts a
    /// month, ppm, seconds), `tbd` as a gap.
    fn number(&mut self, node: Option<&'c TNode>, field: &str, scale: f64) -> Option<i128> {
        let arg = self.args(node?).first()?;
        match &arg.value {
            TValue::Num(num) if (num.value * scale).abs() <= LIMIT_COUNT as f64 => {
                Some((num.value * scale).round() as i128)
            }
            TValue::Num(_) => {
                self.too_large();
                None
            }
            TValue::Tbd => {
                self.gaps.push(Gap::Tbd {
                    field: field.to_string(),
                });
                None
            }
            _ => None,
        }
    }

    /// A percent as written, in ppm: `12.5%` is 125,000, exactly.  `field` names a
    /// `tbd` gap; it is only built for one (every contract is read, few have gaps).
    fn share(&mut self, node: Option<&'c TNode>, field: impl Fn() -> String) -> Option<Ppm> {
        let arg = self.args(node?).first()?;
        if arg.value == TValue::Tbd {
            self.gaps.push(Gap::Tbd { field: field() });
            return None;
        }
        let TValue::Num(_) = arg.value else {
            return None;
        };
        let (number, _) = written_parts(arg.span.text(self.text));
        // Millionths of a percent point, a hundred to a ppm.
        match decimal_micros(number, 0).map(|m| round_div(m, 100)) {
            Some(ppm) if ppm <= LIMIT_SHARE => Some(ppm),
            _ => {
                self.too_large();
                None
            }
        }
    }

    /// Records that a figure is beyond what the cost model computes with, once.
    fn too_large(&mut self) {
        if !self.gaps.contains(&Gap::TooLarge) {
            self.gaps.push(Gap::TooLarge);
        }
    }

    fn plan(&mut self, assume: &Assumptions) -> Plan {
        let root = &self.contract.root;
        let services: Vec<&TNode> = children(root, "service").collect();
        let volumes: Vec<Option<i128>> = services
            .iter()
            .map(|s| self.number(child(s, "volume"), "service.volume", MONTH))
            .collect();
        let forecast = volumes.iter().flatten().copied().reduce(|a, b| a + b);
        let mut notes = Vec::new();
        if forecast.is_none() {
            notes.push(Note::ForecastMissing);
        }
        let minimum_term = child(root, "term")
            .and_then(|t| self.number(child(t, "minimum"), "term.minimum", 1.0))
            .map(|secs| (secs + MONTH_SECONDS - 1) / MONTH_SECONDS);

        let mut plan = Plan {
            currency: Currency::Jpy,
            tax: None,
            one_off: Vec::new(),
            charges: Vec::new(),
            included: None,
            minimum: None,
            outcome_rate: None,
            forecast,
            minimum_term,
            notes,
        };
        let Some(pricing) = child(root, "pricing") else {
            self.gaps.push(Gap::NoPrices);
            return plan;
        };
        plan.tax = child(pricing, "tax").and_then(|t| match self.args(t).first()?.value {
            TValue::Sym("included") => Some(Tax::Included),
            TValue::Sym("excluded") => Some(Tax::Excluded),
            _ => None,
        });
        if let Some(rise) = child(pricing, "price_increase") {
            if let Some(arg) = self.args(rise).first() {
                plan.notes.push(Note::PriceIncrease {
                    written: arg.span.text(self.text).to_string(),
                });
            }
        }

        // The client's forecasts per service, as one figure each for the contract.
        let mean = |reader: &mut Self, field: &'static str| -> Option<Ppm> {
            let shares: Vec<(Ppm, Option<i128>)> = services
                .iter()
                .zip(&volumes)
                .filter_map(|(s, v)| {
                    Some((
                        reader.share(child(s, field), || format!("service.{field}"))?,
                        *v,
                    ))
                })
                .collect();
            weighted_mean(&shares)
        };
        let outcome_rate = assume.outcome_rate.or_else(|| mean(self, "outcome_rate"));
        let handle_time = assume.handle_time.or_else(|| {
            let times: Vec<(Ppm, Option<i128>)> = services
                .iter()
                .zip(&volumes)
                .filter_map(|(s, v)| {
                    Some((
                        self.number(child(s, "handle_time"), "service.handle_time", 1.0)?,
                        *v,
                    ))
                })
                .collect();
            weighted_mean(&times)
        });
        let night_share = mean(self, "night_share");
        let holiday_share = mean(self, "holiday_share");

        if let Some(amount) = self.money(pricing, "initial_fee") {
            plan.one_off.push(OneOff { name: None, amount });
        }
        let mut push = |kind, fixed, per_contact, above_included| {
            plan.charges.push(Charge {
                kind,
                fixed,
                per_contact,
                above_included,
            });
        };
        let zero = Micros::ZERO;
        if let Some(base) = self.money(pricing, "base_fee") {
            push(ChargeKind::BaseFee, base, zero, zero);
        }
        let seats = self
            .number(child(pricing, "seats"), "pricing.seats", 1.0)
            .or_else(|| {
                let staff = child(child(root, "vendor")?, "staff")?;
                self.number(child(staff, "operators"), "vendor.staff.operators", 1.0)
            });
        if let Some(rate) = self.money(pricing, "seat_rate") {
            match seats {
                Some(seats) => push(ChargeKind::Seats, rate.times(seats), zero, zero),
                None => self.gaps.push(Gap::SeatsUnknown),
            }
        }
        if let Some(rate) = self.money(pricing, "hourly_rate") {
            // The rate is per operator hour: every seat, every opening hour.
            let weekly: i128 = services
                .iter()
                .map(|s| i128::from(weekly_minutes(s, &self.contract.args)))
                .sum();
            match (seats, weekly) {
                (None, _) => self.gaps.push(Gap::SeatsUnknown),
                (_, 0) => self.gaps.push(Gap::HoursUnknown),
                // Hours a month = minutes a week × 30 days ÷ 7 days ÷ 60 minutes.
                (Some(seats), weekly) => push(
                    ChargeKind::Hours,
                    rate.times(seats).scaled(weekly * 30, 7 * 60),
                    zero,
                    zero,
                ),
            }
        }
        let per_call = self.money(pricing, "per_call");
        if let Some(price) = per_call {
            push(ChargeKind::PerCall, zero, price, zero);
        }
        let per_minute = match (self.money(pricing, "per_minute"), handle_time) {
            (Some(price), Some(secs)) => {
                let price = price.scaled(secs, 60);
                push(ChargeKind::PerMinute, zero, price, zero);
                Some(price)
            }
            (Some(_), None) => {
                self.gaps.push(Gap::PerMinuteWithoutHandleTime);
                None
            }
            (None, _) => None,
        };
        let mut outcome_priced = false;
        if let Some(fee) = self.money(pricing, "outcome_fee") {
            outcome_priced = true;
            match outcome_rate {
                Some(rate) => push(ChargeKind::Outcome, zero, fee.scaled(rate, WHOLE), zero),
                None => self.gaps.push(Gap::OutcomeWithoutRate),
            }
        }
        plan.included = self.number(child(pricing, "included"), "pricing.included", MONTH);
        let overage = self.money(pricing, "overage");
        match (plan.included, overage) {
            (Some(_), Some(price)) => push(ChargeKind::Overage, zero, zero, price),
            (Some(included), None) if child(pricing, "overage").is_none() => {
                self.gaps.push(Gap::NoOverage { included });
            }
            (None, Some(_)) => self.gaps.push(Gap::OverageWithoutIncluded),
            _ => {}
        }
        plan.minimum = self.money(pricing, "minimum_charge");

        for fee in children(pricing, "fee") {
            let name = match self.args(fee).first().map(|a| &a.value) {
                Some(TValue::Str(name)) => name.clone(),
                _ => continue,
            };
            let Some((amount, per)) = self.money_arg(fee, 1, || format!("pricing.fee \"{name}\""))
            else {
                continue;
            };
            let kind = ChargeKind::Fee(name.clone());
            match per {
                None => plan.one_off.push(OneOff {
                    name: Some(name),
                    amount,
                }),
                Some(Unit::Time(secs)) => {
                    push(
                        kind,
                        amount.scaled(MONTH_SECONDS, seconds(secs)),
                        zero,
                        zero,
                    );
                }
                Some(unit @ Unit::Count(_)) if unit.is_outcome() => {
                    outcome_priced = true;
                    match outcome_rate {
                        Some(rate) => push(kind, zero, amount.scaled(rate, WHOLE), zero),
                        None => {
                            if !self.gaps.contains(&Gap::OutcomeWithoutRate) {
                                self.gaps.push(Gap::OutcomeWithoutRate);
                            }
                        }
                    }
                }
                Some(Unit::Count("call" | "contact")) => push(kind, zero, amount, zero),
                Some(Unit::Count(word)) => self.gaps.push(Gap::FeeUnit {
                    name,
                    per: word.to_string(),
                }),
                // The schema reads no money unit after a `/`.
                Some(Unit::Money(_)) => {}
            }
        }
        if outcome_priced {
            plan.outcome_rate = outcome_rate;
        }

        // Premiums on what is charged per contact, for the share of contacts in
        // their hours.
        let contact_price = per_call.unwrap_or(zero) + per_minute.unwrap_or(zero);
        let overage_price = overage.unwrap_or(zero);
        let args = &self.contract.args;
        let opens: [(&str, ChargeKind, Option<Ppm>, OpensThen); 2] = [
            (
                "night_premium",
                ChargeKind::NightPremium,
                night_share,
                open_at_night,
            ),
            (
                "holiday_premium",
                ChargeKind::HolidayPremium,
                holiday_share,
                open_on_weekends,
            ),
        ];
        for (field, kind, share, opens_then) in opens {
            let premium = self.share(child(pricing, field), || format!("pricing.{field}"));
            match (premium, share) {
                (Some(premium), Some(share)) => {
                    let part = |price: Micros| price.scaled(premium * share, WHOLE * WHOLE);
                    push(kind, zero, part(contact_price), part(overage_price));
                }
                // Asked only here: the hours are walked for a premium with no share.
                (Some(_), None) if services.iter().any(|s| opens_then(s, args)) => {
                    plan.notes
                        .push(Note::PremiumShareUnknown { premium: field });
                }
                _ => {}
            }
        }

        if plan.charges.is_empty() {
            self.gaps.push(Gap::NoPrices);
        }
        if !super::curve::Curve::of(&plan).within_limits() {
            self.too_large();
        }
        plan.currency = self.currency.unwrap_or(Currency::Jpy);
        plan
    }
}

/// Whether a service opens in a premium's hours (at night, at weekends).
type OpensThen = fn(&TNode, &[TArg]) -> bool;

/// The mean of per-service figures, weighted by each service's volume when every
/// one states a volume, else plain.
fn weighted_mean(figures: &[(i128, Option<i128>)]) -> Option<i128> {
    if figures.is_empty() {
        return None;
    }
    let volumes: Option<Vec<i128>> = figures.iter().map(|(_, v)| *v).collect();
    match volumes {
        Some(volumes) if volumes.iter().sum::<i128>() > 0 => {
            let total: i128 = volumes.iter().sum();
            let sum: i128 = figures.iter().zip(&volumes).map(|((f, _), v)| f * v).sum();
            Some(round_div(sum, total))
        }
        _ => {
            let sum: i128 = figures.iter().map(|(f, _)| f).sum();
            Some(round_div(sum, figures.len() as i128))
        }
    }
}
