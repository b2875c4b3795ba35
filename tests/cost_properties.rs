//! Properties of the cost model over generated bills: the cheapest quote at a volume
//! is the one that costs least there, and a break-even is where two bills are equal
//! and the cheaper one changes.

use proptest::prelude::*;
use termlint::cost::compare::cheapest_at;
use termlint::cost::curve::{crossings, Curve, Ratio};
use termlint::cost::money::{Micros, MICROS};

/// A bill as quotes write them: a base fee, a price per call, a plan volume with a
/// call-over price, and a minimum charge, in whole yen (or a fraction of a yen per
/// call, as a per-minute price over a handle time gives).
fn curve() -> impl Strategy<Value = Curve> {
    (
        0i128..2_000_000,
        0i128..1_500_000_000,
        0i128..10_000,
        0i128..600,
        prop_oneof![Just(0i128), 0i128..500_000],
    )
        .prop_map(|(fixed, rate_micros, included, above, minimum)| Curve {
            fixed: Micros(fixed * MICROS),
            rate: Micros(rate_micros),
            included,
            above: Micros(above * MICROS),
            minimum: Micros(minimum * MICROS),
        })
}

/// A bill anywhere within `Curve::within_limits`, up to its edges.
fn extreme_curve() -> impl Strategy<Value = Curve> {
    let amount = prop_oneof![Just(0i128), 0i128..=1_000_000_000_000_000_000_000];
    let price = prop_oneof![Just(0i128), 0i128..=100_000_000_000_000];
    (
        amount.clone(),
        price.clone(),
        0i128..=100_000_000,
        price,
        amount,
    )
        .prop_map(|(fixed, rate, included, above, minimum)| Curve {
            fixed: Micros(fixed),
            rate: Micros(rate),
            included,
            above: Micros(above),
            minimum: Micros(minimum),
        })
}

/// Which of two bills is lower at `v` (−1: the first, 1: the second, 0: equal).
fn lower(a: &Curve, b: &Curve, v: Ratio) -> i32 {
    match a.scaled_at(v).cmp(&b.scaled_at(v)) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_cheapest_quote_costs_least_at_that_volume(
        curves in proptest::collection::vec(curve(), 1..8),
        volume in 0i128..30_000,
    ) {
        let given: Vec<Option<Curve>> = curves.iter().copied().map(Some).collect();
        let cheapest = cheapest_at(&given, volume).expect("a quote");
        let least = curves.iter().map(|c| c.at(volume)).min().unwrap();
        prop_assert_eq!(curves[cheapest].at(volume), least);
        // The first of equals is named.
        prop_assert!(curves[..cheapest].iter().all(|c| c.at(volume) > least));
    }

    #[test]
    fn at_a_break_even_both_bills_are_equal_within_one_yen(a in curve(), b in curve()) {
        for crossing in crossings(&a, &b) {
            let v = crossing.volume;
            // |a − b| ≤ 1 yen at v: both bills times v's denominator, in micros.
            let gap = (a.scaled_at(v) - b.scaled_at(v)).abs();
            prop_assert!(gap <= MICROS * v.den, "{:?} vs {:?}", a.at_ratio(v), b.at_ratio(v));
            prop_assert!(crossing.volume > Ratio::whole(0));
        }
    }

    #[test]
    fn between_break_evens_the_cheaper_quote_does_not_change(
        a in curve(),
        b in curve(),
        volume in 1i128..40_000,
    ) {
        // Which is cheaper at `volume` follows from the crossings below it: the
        // last one's `cheaper_above`, or (with none) what the bills say near zero.
        let found = crossings(&a, &b);
        let v = Ratio::whole(volume);
        let side = lower(&a, &b, v);
        if side == 0 || found.iter().any(|c| c.volume == v) {
            return Ok(());
        }
        let expected = match found.iter().rev().find(|c| c.volume < v) {
            Some(c) => if c.cheaper_above == 0 { -1 } else { 1 },
            None => {
                // No crossing below: the same side as just above zero, unless the
                // bills are equal there and part later (then the first crossing
                // decides).
                match lower(&a, &b, Ratio::new(1, 1_000_000)) {
                    0 => return Ok(()),
                    s => s,
                }
            }
        };
        prop_assert_eq!(side, expected, "crossings {:?}", found);
    }

    #[test]
    fn within_the_limits_break_evens_are_exact_and_never_overflow(
        a in extreme_curve(),
        b in extreme_curve(),
    ) {
        prop_assert!(a.within_limits() && b.within_limits());
        // Overflow panics in a test build: reaching the end is the property.
        for crossing in crossings(&a, &b) {
            let v = crossing.volume;
            prop_assert_eq!(a.scaled_at(v), b.scaled_at(v));
        }
    }
}

/// A number as a contract may write it: small, large, fractional, grouped, or far
/// beyond any contract's.
fn written_number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..5_000).prop_map(|n| n.to_string()),
        (0u64..100_000_000).prop_map(|n| n.to_string()),
        (0u32..1000, 1u32..99).prop_map(|(a, b)| format!("{a}.{b}")),
        Just("1_200_000".to_string()),
        Just("0".to_string()),
        "[1-9][0-9]{20,45}",
    ]
}

/// A quote with any mix of charges and forecasts, every figure drawn from
/// [`written_number`].
fn quote_text() -> impl Strategy<Value = String> {
    let line = |field: &'static str, unit: &'static str| {
        proptest::option::of(written_number())
            .prop_map(move |n| n.map_or(String::new(), |n| format!("    {field} {n}{unit}\n")))
    };
    (
        (
            line("base_fee", " JPY / month"),
            line("included", " calls / month"),
            line("overage", " JPY / call"),
            line("per_call", " USD / call"),
            line("per_minute", " JPY / minute"),
            line("minimum_charge", " JPY / month"),
        ),
        (
            line("seat_rate", " JPY / month"),
            line("seats", ""),
            line("outcome_fee", " JPY / sale"),
            line("night_premium", "%"),
            line("initial_fee", " JPY"),
        ),
        (
            line("volume", " calls / month"),
            line("handle_time", " min"),
            line("outcome_rate", "%"),
            line("night_share", "%"),
        ),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k), (v, w, x, y))| {
            format!(
                "contract \"q\" {{\n  status quote\n  service inbound support {{\n    hours daily 08:00-23:00\n{v}{w}{x}{y}  }}\n  pricing {{\n{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{k}  }}\n}}\n"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever a quote writes, checking it (TL110 and TL111 cost it) and comparing
    /// it with others never panics, and a quote either has figures or says why not.
    #[test]
    fn any_quote_is_checked_and_compared_without_panicking(
        texts in proptest::collection::vec(quote_text(), 1..4),
    ) {
        use termlint::cost::compare::{compare, Volumes};
        use termlint::cost::footing::{Footing, Rate};
        use termlint::cost::plan::{Assumptions, Tax};
        use termlint::units::Currency;

        let rules = termlint::rules::load(&termlint::rules::RuleConfig {
            builtin: true,
            files: vec![],
        })
        .expect("the built-in rules load");
        let options = termlint::check::CheckOptions {
            today: termlint::value::Date::parse("2026-11-29").expect("date"),
            lang: termlint::lang::Lang::En,
            max_file_size: u64::MAX,
        };
        let clash = std::sync::atomic::AtomicBool::new(false);
        let mut quotes = Vec::new();
        for text in &texts {
            let report =
                termlint::check::check_bytes("q.terms", text.as_bytes(), &rules, &options, &clash);
            prop_assert_eq!(report.contracts, 1);
            for contract in termlint::schema::validate::read_and_validate(text).contracts {
                quotes.push(termlint::cost::quotes::quote("q.terms", &contract, text, &Assumptions::default()));
            }
        }
        let footing = Footing {
            currency: Currency::Jpy,
            basis: Tax::Excluded,
            tax_rate: 100_000,
            rates: vec![Rate::parse("USD=150JPY").expect("a rate")],
        };
        let volumes = Volumes { forecast: Some(4_000), range: None, points: 20 };
        let comparison = compare(quotes, &footing, &volumes).expect("a comparison");
        for q in &comparison.quotes {
            prop_assert!(q.costs.is_some() == q.gaps.is_empty(), "{:?}", q);
        }
    }
}
