//! `termlint compare`: the bundled quotes costed and compared, every figure checked
//! against a value worked out by hand in the comment beside it.

mod common;

use common::termlint;
use serde_json::Value;

/// The three bundled quotes for Kotobuki Mail Order, at their forecast of 4,000
/// calls a month, without tax:
/// - Bayside (fixed plan): 600,000 for 3,500 calls, 250 a call above.
/// - Himawari (per call): 350 a call, at least 100,000 a month.
/// - Northstar (seats, prices with 10 % tax): 3 × 420,000 + 30,000 = 1,290,000 with
///   tax, 1,290,000 / 1.1 = 1,172,727.27 without.
const QUOTES: &str = "contracts/quotes/";

fn json(args: &[&str]) -> Value {
    let run = termlint(&[&["compare", "--format", "json"], args].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The quote of this contract id in a JSON comparison.
fn quote<'a>(comparison: &'a Value, id: &str) -> &'a Value {
    comparison["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no quote {id}"))
}

/// A run that could not be done: exit 2, and stderr says `why`.
fn refused(args: &[&str], why: &str) {
    let run = termlint(args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains(why), "{}", run.stderr);
}

const BAYSIDE: &str = "kotobuki-bayside-quote-2026-11";
const HIMAWARI: &str = "kotobuki-himawari-quote-2026-11";
const NORTHSTAR: &str = "kotobuki-northstar-quote-2026-11";

#[test]
fn the_bundled_quotes_cost_what_the_hand_computation_says() {
    let c = json(&[QUOTES]);
    assert_eq!(c["forecast"], 4000);
    assert_eq!(c["currency"], "JPY");
    assert_eq!(c["tax"], "excluded");

    let bayside = &quote(&c, BAYSIDE)["costs"];
    // 600,000 + (4,000 − 3,500) × 250 = 725,000; per call 725,000 / 4,000 = 181.25.
    assert_eq!(bayside["monthly"], 725_000);
    assert_eq!(bayside["cpc"], 181);
    assert_eq!(bayside["initial"], 150_000);
    assert_eq!(bayside["breakdown"][0]["amount"], 600_000);
    assert_eq!(bayside["breakdown"][1]["kind"], "overage");
    assert_eq!(bayside["breakdown"][1]["amount"], 125_000);
    // 150,000 + 12 × 725,000 = 8,850,000; 24 months 17,550,000; 36 months 26,250,000.
    assert_eq!(bayside["minimum_term"]["months"], 12);
    assert_eq!(bayside["minimum_term"]["amount"], 8_850_000);
    let totals: Vec<i64> = bayside["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(totals, [8_850_000, 17_550_000, 26_250_000]);

    let himawari = &quote(&c, HIMAWARI)["costs"];
    // 4,000 × 350 = 1,400,000 (above the 100,000 minimum); 6 months: 50,000 + 6 ×
    // 1,400,000 = 8,450,000.
    assert_eq!(himawari["monthly"], 1_400_000);
    assert_eq!(himawari["cpc"], 350);
    assert_eq!(himawari["minimum_term"]["amount"], 8_450_000);

    let northstar = &quote(&c, NORTHSTAR)["costs"];
    // 1,290,000 / 1.1 = 1,172,727.27…; initial 300,000 / 1.1 = 272,727.27…;
    // 12 months (300,000 + 12 × 1,290,000) / 1.1 = 14,345,454.5…; per call
    // 1,172,727.27 / 4,000 = 293.18.
    assert_eq!(northstar["monthly"], 1_172_727);
    assert_eq!(northstar["initial"], 272_727);
    assert_eq!(northstar["cpc"], 293);
    assert_eq!(northstar["minimum_term"]["amount"], 14_345_455);
    assert_eq!(
        quote(&c, NORTHSTAR)["notes"][0]["note"],
        "tax_converted",
        "the quote's prices with tax were taken out of tax"
    );

    // The cheapest at 4,000 calls is Bayside.
    let cheapest = c["cheapest"].as_u64().unwrap() as usize;
    assert_eq!(c["quotes"][cheapest]["id"], BAYSIDE);
}

#[test]
fn break_evens_are_exact_and_in_order_of_volume() {
    let c = json(&[QUOTES]);
    let ids: Vec<&str> = c["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    let found: Vec<(String, String, i64, [i64; 2])> = c["break_evens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let name = |key: &str| ids[b[key].as_u64().unwrap() as usize].to_string();
            let exact = [
                b["exact"][0].as_i64().unwrap(),
                b["exact"][1].as_i64().unwrap(),
            ];
            (
                name("cheaper"),
                name("dearer"),
                b["above"].as_i64().unwrap(),
                exact,
            )
        })
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    // 350 v = 600,000  ⇒  v = 12,000 / 7 = 1,714.29: Bayside is cheaper above it.
    assert_eq!(
        found[0],
        (BAYSIDE.into(), HIMAWARI.into(), 1_714, [12_000, 7])
    );
    // 350 v = 1,172,727.27…  ⇒  v = 3,350.65: Northstar is cheaper than Himawari above.
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        (NORTHSTAR, HIMAWARI)
    );
    assert_eq!(found[1].2, 3_350);
    // 600,000 + 250 (v − 3,500) = 1,172,727.27…  ⇒  v = 5,790.91.
    assert_eq!(
        (found[2].0.as_str(), found[2].1.as_str()),
        (NORTHSTAR, BAYSIDE)
    );
    assert_eq!(found[2].2, 5_790);
}

#[test]
fn the_cheapest_changes_when_the_forecast_is_wrong() {
    let c = json(&[QUOTES]);
    let scenarios = c["scenarios"].as_array().unwrap();
    let cheapest = |s: &Value| c["quotes"][s["cheapest"].as_u64().unwrap() as usize]["id"].clone();
    // −30 %: 2,800 calls, Bayside at its base fee of 600,000.
    assert_eq!(scenarios[0]["change"], "-30%");
    assert_eq!(scenarios[0]["volume"], 2_800);
    assert_eq!(cheapest(&scenarios[0]), BAYSIDE);
    // +50 %: 6,000 calls; Bayside 600,000 + 2,500 × 250 = 1,225,000 > Northstar.
    assert_eq!(scenarios[1]["volume"], 6_000);
    assert_eq!(cheapest(&scenarios[1]), NORTHSTAR);
}

#[test]
fn the_table_names_the_cheapest_and_says_the_break_evens_in_words() {
    let run = termlint(&["compare", QUOTES]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("compare_human_en", run.stdout);
    let ja = termlint(&["compare", QUOTES, "--lang", "ja"]);
    insta::assert_snapshot!("compare_human_ja", ja.stdout);
}

#[test]
fn csv_has_a_row_per_quote_in_whole_yen() {
    let run = termlint(&["compare", QUOTES, "--format", "csv"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("compare_csv", run.stdout);
}

#[test]
fn a_quote_that_cannot_be_costed_says_why_and_is_never_zero() {
    // The Harbor quote leaves the call-over, a holiday premium and a fee `tbd`, and
    // states no forecast; the other three give the volume.
    let c = json(&[QUOTES, "contracts/harbor-travel-quote.terms"]);
    let harbor = quote(&c, "harbor-travel-quote-2026-11");
    assert!(harbor["costs"].is_null());
    let gaps: Vec<String> = harbor["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| format!("{} {}", g["gap"], g["field"]))
        .collect();
    assert_eq!(
        gaps,
        [
            "\"tbd\" \"pricing.overage\"",
            "\"tbd\" \"pricing.fee \\\"GDS booking tool licence\\\"\"",
            "\"tbd\" \"pricing.holiday_premium\"",
        ]
    );
    let human = termlint(&["compare", QUOTES, "contracts/harbor-travel-quote.terms"]);
    assert!(human.stdout.contains(
        "harbor-travel-quote-2026-11: `pricing.overage` is to be decided (tbd): ask the vendor for the amount before comparing"
    ), "{}", human.stdout);
}

/// A folder with these quotes, each a contract with a forecast of 1,000 calls.
fn quotes_dir(quotes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (id, pricing) in quotes {
        let text = format!(
            "contract \"{id}\" {{\n  status quote\n  vendor \"{id} Co.\" {{ staff {{ operators 2 }} }}\n  service inbound support {{\n    hours mon-fri 09:00-18:00\n    hours sat 10:00-16:00\n    volume 1_000 calls / month\n    handle_time 4 min\n    outcome_rate 2%\n    holiday_share 10%\n  }}\n  pricing {{\n{pricing}\n  }}\n}}\n"
        );
        std::fs::write(dir.path().join(format!("{id}.terms")), text).unwrap();
    }
    dir
}

#[test]
fn per_minute_outcome_and_premium_charges_follow_the_forecasts() {
    let dir = quotes_dir(&[(
        "mixed",
        "    tax excluded\n    per_minute 60 JPY / minute\n    outcome_fee 10_000 JPY / acquisition\n    holiday_premium 25%",
    )]);
    let c = json(&[dir.path().to_str().unwrap()]);
    let costs = &quote(&c, "mixed")["costs"];
    // Per minute: 60 × 4 minutes = 240 a call.  Outcomes: 2 % × 10,000 = 200 a call.
    // Holiday premium: 25 % on the 240 charged per call, for the 10 % of calls at
    // weekends: 6 a call.  (240 + 200 + 6) × 1,000 = 446,000.
    assert_eq!(costs["monthly"], 446_000);
    // Results: 2 % of 1,000 = 20 a month, 446,000 / 20 = 22,300 each.
    assert_eq!(costs["cpa"], 22_300);
    // The handle time given on the command line wins: 60 × 5 = 300 a call, and the
    // premium 25 % × 10 % × 300 = 7.50: (300 + 200 + 7.50) × 1,000 = 507,500.
    let c = json(&[dir.path().to_str().unwrap(), "--handle-time", "5min"]);
    assert_eq!(quote(&c, "mixed")["costs"]["monthly"], 507_500);
}

#[test]
fn another_currency_needs_a_rate_and_is_converted_with_it() {
    let dir = quotes_dir(&[
        ("yen", "    tax excluded\n    per_call 300 JPY / call"),
        ("dollars", "    tax excluded\n    per_call 2.40 USD / call"),
    ]);
    let path = dir.path().to_str().unwrap();
    // One quote in each currency: the comparison's is chosen, not guessed.
    let c = json(&[path, "--currency", "JPY"]);
    let dollars = quote(&c, "dollars");
    assert!(dollars["costs"].is_null());
    assert_eq!(dollars["gaps"][0]["gap"], "no_rate");
    // 2.40 USD × 150 = 360 JPY a call, 360,000 a month.
    let c = json(&[path, "--currency", "JPY", "--rate", "USD=150JPY"]);
    assert_eq!(quote(&c, "dollars")["costs"]["monthly"], 360_000);
    assert_eq!(quote(&c, "dollars")["notes"][0]["rate"], "150 JPY");
    refused(
        &["compare", path, "--rate", "USD:150"],
        "write it as CURRENCY=AMOUNT CURRENCY",
    );
}

#[test]
fn prices_are_brought_to_one_tax_basis_and_an_unstated_one_is_flagged() {
    let dir = quotes_dir(&[
        ("with-tax", "    tax included\n    per_call 330 JPY / call"),
        (
            "without-tax",
            "    tax excluded\n    per_call 300 JPY / call",
        ),
        ("unstated", "    per_call 300 JPY / call"),
    ]);
    let path = dir.path().to_str().unwrap();
    let c = json(&[path]);
    // 330 with 10 % tax is 300 without.
    assert_eq!(quote(&c, "with-tax")["costs"]["monthly"], 300_000);
    assert_eq!(quote(&c, "unstated")["notes"][0]["note"], "tax_unstated");
    // Compared with tax: 300 × 1.08 = 324 at 8 %.
    let c = json(&[path, "--tax-basis", "included", "--tax-rate", "8%"]);
    assert_eq!(quote(&c, "without-tax")["costs"]["monthly"], 324_000);
    let human = termlint(&["compare", path]);
    assert!(human.stdout.contains(
        "unstated: the quote does not say whether its prices include tax: taken as without tax (add `pricing.tax`)"
    ), "{}", human.stdout);
}

#[test]
fn fewer_than_three_quotes_is_pointed_out() {
    let dir = quotes_dir(&[
        ("a", "    tax excluded\n    per_call 300 JPY / call"),
        ("b", "    tax excluded\n    base_fee 250_000 JPY / month\n    included 1_000 calls / month\n    overage 200 JPY / call"),
    ]);
    let run = termlint(&["compare", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(
        "warning: only 2 quotes compared: take quotes from at least three vendors (相見積) so prices can be judged"
    ), "{}", run.stdout);
    // a = 300 v, b = 250,000 up to 1,000 calls: they cross at 833.33.
    assert!(
        run.stdout
            .contains("b Co. is cheaper than a Co. above 833 contacts a month."),
        "{}",
        run.stdout
    );
}

#[test]
fn the_volume_and_the_sweep_can_be_given() {
    let c = json(&[QUOTES, "--volume", "6000calls/month"]);
    assert_eq!(c["forecast"], 6000);
    let cheapest = c["cheapest"].as_u64().unwrap() as usize;
    assert_eq!(c["quotes"][cheapest]["id"], NORTHSTAR);
    // Repeated once per service, the volumes add up.
    let c = json(&[
        QUOTES,
        "--volume",
        "2000 calls/month",
        "--volume",
        "100 calls/day",
    ]);
    assert_eq!(c["forecast"], 5000);
    let c = json(&[
        QUOTES,
        "--volume",
        "1000..10000calls/month",
        "--points",
        "10",
    ]);
    let volumes: Vec<i64> = c["sweep"]["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(
        volumes,
        [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]
    );
    refused(
        &["compare", QUOTES, "--volume", "lots"],
        "`lots` is not a volume",
    );
}

#[test]
fn no_forecast_and_no_quotes_stop_the_run_with_a_hint() {
    refused(
        &["compare", "contracts/harbor-travel-quote.terms"],
        "help: pass the client's forecast",
    );
    let empty = tempfile::tempdir().unwrap();
    refused(
        &["compare", empty.path().to_str().unwrap()],
        "no contracts found",
    );
    refused(
        &["compare", "no/such/folder"],
        "no/such/folder does not exist",
    );
}

#[test]
fn the_html_report_escapes_every_contract_string() {
    let dir = quotes_dir(&[
        ("x", "    tax excluded\n    per_call 300 JPY / call"),
        ("y", "    tax excluded\n    per_call 200 JPY / call"),
    ]);
    let evil = dir.path().join("evil.terms");
    std::fs::write(
        &evil,
        "contract \"<b>id</b>\" {\n  vendor \"<script>alert(1)</script> & Co.\"\n  service inbound support { volume 1_000 calls / month }\n  pricing { tax excluded; base_fee 100_000 JPY / month }\n}\n",
    )
    .unwrap();
    let run = termlint(&["compare", dir.path().to_str().unwrap(), "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script>"), "a vendor name ran as a script");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co."));
    assert!(page.contains("&lt;b&gt;id&lt;/b&gt;"));
    // Nothing is fetched: no script, no stylesheet or image from elsewhere (the only
    // address is the SVG namespace, which names and fetches nothing).
    assert!(!page.contains("src=") && !page.contains("href=") && !page.contains("@import"));
    // The chart: one thick line per costed quote, in the colour its legend entry
    // shows, as SVG inside the page.
    assert_eq!(page.matches("stroke-width=\"3\"").count(), 3);
    for colour in ["#0072B2", "#D55E00", "#009E73"] {
        assert!(
            page.contains(&format!("data-colour=\"{colour}\"")),
            "{colour} in the legend"
        );
        assert!(
            page.contains(&format!("stroke=\"{colour}\" stroke-width=\"3\"")),
            "{colour} line"
        );
    }
}

#[test]
fn a_custom_rule_can_use_the_cost_figures() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("team.rules");
    std::fs::write(
        &rules,
        "rule ACME-20 dear-at-our-volume {\n  severity warning\n  when     status == quote and cost.monthly_at_forecast > 1_000_000 JPY / month\n  message  \"At our forecast this quote costs {cost.monthly_at_forecast}\"\n}\n",
    )
    .unwrap();
    let run = termlint(&[
        "check",
        QUOTES,
        "--no-builtin",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let found: Value = serde_json::from_str(&run.stdout).unwrap();
    let messages: Vec<(&str, &str)> = found["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["contract"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    // Each quote's own figure, as it writes its prices: Northstar's with tax,
    // 3 × 420,000 + 30,000 = 1,290,000.
    assert_eq!(
        messages,
        [
            (
                HIMAWARI,
                "At our forecast this quote costs 1_400_000 JPY / month"
            ),
            (
                NORTHSTAR,
                "At our forecast this quote costs 1_290_000 JPY / month"
            ),
        ]
    );

    // A misspelt figure is a rule-file error with a did-you-mean; a figure is no field.
    std::fs::write(
        &rules,
        "rule ACME-21 x {\n  severity warning\n  when     cost.monthly > 1 JPY / month or present(cost.cpc)\n  message  \"m\"\n}\n",
    )
    .unwrap();
    let args = [
        "check",
        QUOTES,
        "--no-builtin",
        "--rules",
        rules.to_str().unwrap(),
    ];
    for why in [
        "unknown cost value `cost.monthly`",
        "did you mean `cost.monthly_at_forecast`?",
        "`present` takes a field, and `cost.cpc` is computed, not written",
    ] {
        refused(&args, why);
    }
}

#[test]
fn absurd_figures_are_not_costed_and_nothing_overflows() {
    // 10^30 calls a month and a 10^25 yen fee: a typo, not a contract.
    let dir = quotes_dir(&[
        ("sane", "    tax excluded\n    per_call 300 JPY / call"),
        ("absurd", "    tax excluded\n    base_fee 10_000_000_000_000_000_000_000_000 JPY / month\n    per_call 300 JPY / call"),
    ]);
    let huge = dir.path().join("huge.terms");
    std::fs::write(
        &huge,
        "contract \"huge\" {\n  service inbound support { volume 1_000_000_000_000_000_000_000_000_000_000 calls / month }\n  pricing { tax excluded; per_call 300 JPY / call }\n}\n",
    )
    .unwrap();
    let c = json(&[dir.path().to_str().unwrap(), "--volume", "1000"]);
    assert_eq!(quote(&c, "absurd")["gaps"][0]["gap"], "too_large");
    assert_eq!(quote(&c, "huge")["gaps"][0]["gap"], "too_large");
    assert_eq!(quote(&c, "sane")["costs"]["monthly"], 300_000);
    // `check` costs every contract for TL110/TL111: it must not stumble either.
    let run = termlint(&["check", dir.path().to_str().unwrap()]);
    assert!(run.code <= 1, "{}", run.stderr);
}
