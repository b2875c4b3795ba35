//! The computed cost values rules can use: `cost.monthly_at_forecast`, `cost.cpc`, …
//!
//! Each is one contract's own figure at its own forecast (the sum of its services'
//! `volume`), in its own currency and as its prices are written (with or without
//! tax): a rule judges one contract, so nothing is converted.  A figure the contract
//! cannot give — no forecast, a `tbd` charge, an outcome fee with no outcome rate —
//! is absent, and a comparison with it is false, like any absent value.

use crate::schema::model::{Contract, Num};
use crate::units::{Dim, Unit, MONTH};

use super::compare::{costs_at, Costs};
use super::curve::Curve;
use super::money::minor_digits;
use super::plan::{self, Assumptions, ChargeKind};

/// One computed value a rule path can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Figure {
    MonthlyAtForecast,
    Cpc,
    Cpa,
    Initial,
    OverageAtForecast,
    CallsOverPlan,
    Forecast,
}

/// Every figure with its name after `cost.` and its description (en, ja), for the
/// type checker, `explain`, hovers and completion.
pub const FIGURES: &[(Figure, &str, &str, &str)] = &[
    (
        Figure::MonthlyAtForecast,
        "monthly_at_forecast",
        "the month's bill at the forecast volume (money / month)",
        "想定件数での月額（金額 / 月）",
    ),
    (
        Figure::Cpc,
        "cpc",
        "effective cost per contact at the forecast (money per call)",
        "想定件数での 1 件あたりの実質単価（CPC）",
    ),
    (
        Figure::Cpa,
        "cpa",
        "effective cost per priced result at the forecast (money per result)",
        "想定件数での成果 1 件あたりの費用（CPA）",
    ),
    (
        Figure::Initial,
        "initial",
        "one-off charges: the initial fee and fees with no period (money)",
        "初期費用と一回限りの料金の合計（金額）",
    ),
    (
        Figure::OverageAtForecast,
        "overage_at_forecast",
        "the call-over part of the month's bill at the forecast (money / month)",
        "想定件数での月額のうちコールオーバー料金（金額 / 月）",
    ),
    (
        Figure::CallsOverPlan,
        "calls_over_plan",
        "contacts a month the forecast exceeds the plan's included volume (count / month)",
        "想定件数が基本料金の件数を超える分（件 / 月）",
    ),
    (
        Figure::Forecast,
        "forecast",
        "the forecast: contacts a month over all services (count / month)",
        "想定件数：全業務の月間件数の合計（件 / 月）",
    ),
];

impl Figure {
    /// The figure a `cost.` step names.
    #[must_use]
    pub fn named(name: &str) -> Option<Figure> {
        FIGURES.iter().find(|f| f.1 == name).map(|f| f.0)
    }

    /// The dimension the type checker gives it (any currency).
    #[must_use]
    pub fn dim(self) -> Dim {
        let per_month = |d: Dim| d.per(Unit::Time(MONTH));
        match self {
            Figure::MonthlyAtForecast | Figure::OverageAtForecast => per_month(Dim::money(None)),
            Figure::Cpc | Figure::Cpa | Figure::Initial => Dim::money(None),
            Figure::CallsOverPlan | Figure::Forecast => per_month(Dim::NONE),
        }
    }
}

/// One contract's figures, computed once for every rule that asks.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    currency: Option<crate::units::Currency>,
    costs: Option<Costs>,
    included: Option<i128>,
    forecast: Option<i128>,
    overage_at_forecast: Option<i128>,
}

impl Figures {
    /// The figures of a checked contract; `text` is its file's text.
    #[must_use]
    pub fn of(contract: &Contract, text: &str) -> Figures {
        let (plan, gaps) = plan::read_partly(contract, text, &Assumptions::default());
        let curve = Curve::of(&plan);
        let priced_overage = plan.charges.iter().any(|c| c.kind == ChargeKind::Overage);
        let overage_at_forecast = plan
            .forecast
            .filter(|_| priced_overage)
            .map(|f| curve.above.times((f - curve.included).max(0)).minor());
        Figures {
            currency: Some(plan.currency),
            costs: plan
                .forecast
                .filter(|_| gaps.is_empty())
                .map(|f| costs_at(&plan, &curve, f)),
            included: plan.included,
            forecast: plan.forecast,
            overage_at_forecast,
        }
    }

    /// The month's bill at the forecast in whole minor units with its currency, when
    /// the contract can be costed (what `termlint diff` compares).
    #[must_use]
    pub fn monthly(&self) -> Option<(i128, crate::units::Currency)> {
        Some((self.costs.as_ref()?.monthly, self.currency?))
    }

    /// A figure as a rule value, in the units rules compute in (currency units,
    /// per second), or `None` when the contract cannot give it.
    #[must_use]
    pub fn value(&self, figure: Figure) -> Option<Num> {
        let money = |minor: Option<i128>| -> Option<Num> {
            let currency = self.currency?;
            let scale = 10f64.powi(minor_digits(currency) as i32);
            Some(Num {
                value: minor? as f64 / scale,
                dim: Dim::money(Some(currency)),
            })
        };
        let per_month = |n: Option<Num>| {
            n.map(|n| Num {
                value: n.value / MONTH,
                dim: n.dim.per(Unit::Time(MONTH)),
            })
        };
        let count = |n: Option<i128>| {
            n.map(|n| Num {
                value: n as f64,
                dim: Dim::NONE,
            })
        };
        let costs = self.costs.as_ref();
        match figure {
            Figure::MonthlyAtForecast => per_month(money(costs.map(|c| c.monthly))),
            Figure::Cpc => money(costs.and_then(|c| c.cpc)),
            Figure::Cpa => money(costs.and_then(|c| c.cpa)),
            Figure::Initial => money(costs.map(|c| c.initial)),
            Figure::OverageAtForecast => per_month(money(self.overage_at_forecast)),
            Figure::CallsOverPlan => per_month(count(
                self.included
                    .zip(self.forecast)
                    .map(|(inc, f)| (f - inc).max(0)),
            )),
            Figure::Forecast => per_month(count(self.forecast)),
        }
    }
}
