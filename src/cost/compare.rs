//! The comparison of several quotes at the client's volume (相見積): what each costs
//! at the forecast and over the term, across a range of volumes, where one becomes
//! cheaper than another, and which is cheapest if the forecast is wrong.

use rayon::prelude::*;

use super::curve::{crossings, Curve, Ratio};
use super::footing::Footing;
use super::money::{round_div, Micros, MICROS};
use super::plan::{ChargeKind, Gap, Note, Plan, WHOLE};

/// One quote as given to the comparison.
#[derive(Clone, Debug)]
pub struct Quote {
    pub file: String,
    pub id: String,
    pub vendor: Option<String>,
    pub title: Option<String>,
    pub plan: Result<Plan, Vec<Gap>>,
}

/// The volumes to compare at.
#[derive(Clone, Debug, Default)]
pub struct Volumes {
    /// Contacts a month to compare at, instead of the quotes' own forecasts.
    pub forecast: Option<i128>,
    /// The range of the sweep, instead of zero to twice the forecast.
    pub range: Option<(i128, i128)>,
    /// Volumes in the sweep (at least 2).
    pub points: usize,
}

/// The months the totals are given over, beside each quote's minimum term.
pub const HORIZONS: [i128; 3] = [12, 24, 36];

/// What was compared and found.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Comparison {
    /// Every amount is in this currency's minor unit.
    pub currency: crate::units::Currency,
    pub tax: super::plan::Tax,
    pub tax_rate_percent: String,
    /// Contacts a month everything is compared at.
    pub forecast: i128,
    pub quotes: Vec<QuoteCost>,
    /// Index into `quotes` of the cheapest at the forecast.
    pub cheapest: Option<usize>,
    pub break_evens: Vec<BreakEven>,
    pub scenarios: Vec<Scenario>,
    pub sweep: Sweep,
    pub warnings: Vec<Warning>,
}

/// One quote's figures, or why there are none.
#[derive(Clone, Debug, serde::Serialize)]
pub struct QuoteCost {
    pub id: String,
    pub file: String,
    pub vendor: Option<String>,
    pub title: Option<String>,
    pub costs: Option<Costs>,
    pub gaps: Vec<Gap>,
    pub notes: Vec<Note>,
    #[serde(skip)]
    pub curve: Option<Curve>,
}

/// A costed quote's figures at the forecast, in whole minor units.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Costs {
    pub initial: i128,
    pub monthly: i128,
    /// The month's bill line by line; a minimum charge's top-up is its own line.
    pub breakdown: Vec<Line>,
    /// Effective cost per contact.
    pub cpc: Option<i128>,
    /// Effective cost per priced result, where results are priced.
    pub cpa: Option<i128>,
    pub minimum_term: Option<Total>,
    pub totals: Vec<Total>,
}

/// One line of a month's bill.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Line {
    #[serde(flatten)]
    pub kind: LineKind,
    pub amount: i128,
}

/// What a line of the bill is for.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(untagged)]
pub enum LineKind {
    Charge(ChargeKind),
    /// What the minimum charge adds to a smaller bill.
    Minimum {
        kind: &'static str,
    },
}

/// The cost over a number of months, the initial cost included.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Total {
    pub months: i128,
    pub amount: i128,
}

/// Two quotes' bills cross: above `above` contacts a month (exactly `exact`), the
/// quote `cheaper` costs less than `dearer`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BreakEven {
    pub cheaper: usize,
    pub dearer: usize,
    pub above: i128,
    /// The crossing as a fraction `[numerator, denominator]` of contacts a month.
    pub exact: [i128; 2],
}

/// The forecast off by a share: the costs there and the cheapest.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Scenario {
    /// `-30%`, `+50%`.
    pub change: &'static str,
    pub volume: i128,
    /// Per quote, `None` when it is not costed.
    pub monthly: Vec<Option<i128>>,
    pub cheapest: Option<usize>,
}

/// Monthly costs across a range of volumes.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Sweep {
    pub volumes: Vec<i128>,
    /// Per quote, one cost per volume (`None` for a quote not costed).
    pub monthly: Vec<Option<Vec<i128>>>,
}

/// Something about the comparison as a whole.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "warning")]
pub enum Warning {
    /// Fewer than three quotes: the seed advises at least three (G01).
    FewQuotes {
        quotes: usize,
    },
    /// The quotes state different forecasts; compared at the largest.
    ForecastsDiffer {
        lowest: i128,
        highest: i128,
    },
    NoneCosted,
}

/// The change of the forecast in each scenario, in ppm of the forecast.
const SCENARIOS: [(&str, i128); 2] = [("-30%", 700_000), ("+50%", 1_500_000)];

/// Why a comparison could not be made at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No quote states a forecast volume and none was given.
    NoForecast,
    NoQuotes,
}

/// Compares the quotes at the client's volume.
///
/// # Errors
/// When there is nothing to compare, or no volume to compare at.
pub fn compare(
    quotes: Vec<Quote>,
    footing: &Footing,
    volumes: &Volumes,
) -> Result<Comparison, Refusal> {
    if quotes.is_empty() {
        return Err(Refusal::NoQuotes);
    }
    let mut warnings = Vec::new();
    if quotes.len() < 3 {
        warnings.push(Warning::FewQuotes {
            quotes: quotes.len(),
        });
    }
    let forecast = match volumes.forecast {
        Some(v) => v,
        None => {
            let stated: Vec<i128> = quotes
                .iter()
                .filter_map(|q| q.plan.as_ref().ok()?.forecast)
                .collect();
            let (lowest, highest) = (stated.iter().min(), stated.iter().max());
            let (Some(&lowest), Some(&highest)) = (lowest, highest) else {
                return Err(Refusal::NoForecast);
            };
            if lowest != highest {
                warnings.push(Warning::ForecastsDiffer { lowest, highest });
            }
            highest
        }
    };

    let mut costed: Vec<QuoteCost> = quotes
        .into_iter()
        .map(|q| cost_quote(q, footing, forecast))
        .collect();
    let curves: Vec<Option<Curve>> = costed.iter().map(|q| q.curve).collect();
    if curves.iter().all(Option::is_none) {
        warnings.push(Warning::NoneCosted);
    }
    let cheapest = cheapest_at(&curves, forecast);
    let scenarios = SCENARIOS
        .iter()
        .map(|&(change, ppm)| {
            let volume = round_div(forecast * ppm, WHOLE);
            Scenario {
                change,
                volume,
                monthly: curves
                    .iter()
                    .map(|c| c.map(|c| c.at(volume).minor()))
                    .collect(),
                cheapest: cheapest_at(&curves, volume),
            }
        })
        .collect();
    let sweep = sweep(&curves, volumes, forecast);
    let break_evens = break_evens(&curves);
    for quote in &mut costed {
        quote.notes.dedup();
    }
    Ok(Comparison {
        currency: footing.currency,
        tax: footing.basis,
        tax_rate_percent: super::words::percent(footing.tax_rate),
        forecast,
        quotes: costed,
        cheapest,
        break_evens,
        scenarios,
        sweep,
        warnings,
    })
}

/// The index of the quote with the smallest bill at `volume` (the first of equals).
#[must_use]
pub fn cheapest_at(curves: &[Option<Curve>], volume: i128) -> Option<usize> {
    curves
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.as_ref()?.at(volume), i)))
        .min()
        .map(|(_, i)| i)
}

fn cost_quote(quote: Quote, footing: &Footing, forecast: i128) -> QuoteCost {
    let mut out = QuoteCost {
        id: quote.id,
        file: quote.file,
        vendor: quote.vendor,
        title: quote.title,
        costs: None,
        gaps: Vec::new(),
        notes: Vec::new(),
        curve: None,
    };
    let plan = match quote.plan.map(|p| footing.bring(p).map_err(|g| vec![g])) {
        Ok(Ok(plan)) => plan,
        Ok(Err(gaps)) | Err(gaps) => {
            out.gaps = gaps;
            return out;
        }
    };
    let curve = Curve::of(&plan);
    // A rate can make a bill that was within the limits in its own currency too large.
    if !curve.within_limits() {
        out.gaps = vec![Gap::TooLarge];
        return out;
    }
    out.costs = Some(costs_at(&plan, &curve, forecast));
    out.curve = Some(curve);
    out.notes = plan.notes;
    out
}

/// The figures of a plan at the forecast.
#[must_use]
pub fn costs_at(plan: &Plan, curve: &Curve, forecast: i128) -> Costs {
    let initial: Micros = plan
        .one_off
        .iter()
        .fold(Micros::ZERO, |sum, o| sum + o.amount);
    let monthly = curve.at(forecast);
    let above = (forecast - curve.included).max(0);
    let mut breakdown: Vec<Line> = plan
        .charges
        .iter()
        .map(|c| Line {
            kind: LineKind::Charge(c.kind.clone()),
            amount: (c.fixed + c.per_contact.times(forecast) + c.above_included.times(above))
                .minor(),
        })
        .collect();
    let base = curve.fixed + curve.rate.times(forecast) + curve.above.times(above);
    if monthly > base {
        breakdown.push(Line {
            kind: LineKind::Minimum {
                kind: "minimum_charge",
            },
            amount: (monthly - base).minor(),
        });
    }
    let cpc = (forecast > 0).then(|| round_div(monthly.0, forecast * MICROS));
    let cpa = plan.outcome_rate.and_then(|rate| {
        // Results a month = contacts × the outcome rate, as a fraction.
        let results_ppm = forecast * rate;
        (results_ppm > 0).then(|| round_div(monthly.0 * WHOLE, results_ppm * MICROS))
    });
    let total = |months: i128| Total {
        months,
        amount: (initial + monthly.times(months)).minor(),
    };
    Costs {
        initial: initial.minor(),
        monthly: monthly.minor(),
        breakdown,
        cpc,
        cpa,
        minimum_term: plan.minimum_term.map(total),
        totals: HORIZONS.iter().map(|&m| total(m)).collect(),
    }
}

/// The bills across the range, at evenly spaced whole volumes.
fn sweep(curves: &[Option<Curve>], volumes: &Volumes, forecast: i128) -> Sweep {
    let (low, high) = volumes.range.unwrap_or((0, (forecast * 2).max(1)));
    let points = volumes.points.max(2) as i128;
    let at: Vec<i128> = (0..points)
        .map(|i| low + round_div((high - low) * i, points - 1))
        .collect();
    let monthly = curves
        .iter()
        .map(|c| c.map(|c| at.iter().map(|&v| c.at(v).minor()).collect()))
        .collect();
    Sweep {
        volumes: at,
        monthly,
    }
}

/// Every crossing of every pair of costed quotes, by volume.
fn break_evens(curves: &[Option<Curve>]) -> Vec<BreakEven> {
    let mut found: Vec<BreakEven> = (0..curves.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let a = curves[i];
            (i + 1..curves.len()).flat_map(move |j| {
                let pair = a.zip(curves[j]);
                pair.into_iter().flat_map(move |(a, b)| {
                    crossings(&a, &b).into_iter().map(move |c| {
                        let (cheaper, dearer) = if c.cheaper_above == 0 { (i, j) } else { (j, i) };
                        BreakEven {
                            cheaper,
                            dearer,
                            above: c.volume.floor(),
                            exact: [c.volume.num, c.volume.den],
                        }
                    })
                })
            })
        })
        .collect();
    found.sort_by(|a, b| {
        // Fractions compare by cross-multiplying: no need to reduce them (again).
        let volume = |e: &BreakEven| Ratio {
            num: e.exact[0],
            den: e.exact[1],
        };
        volume(a)
            .cmp(&volume(b))
            .then(a.cheaper.cmp(&b.cheaper))
            .then(a.dearer.cmp(&b.dearer))
    });
    found
}
