//! Rule evaluation: the whole built-in catalogue on one validated contract, and a
//! whole `check_bytes` (decode, parse, validate, evaluate, waivers, sort) of one
//! contract of about 2 KB.  Rules are compiled once, outside the timed loop.
//!
//! ```text
//! cargo bench --bench evaluate
//! ```

use std::sync::atomic::AtomicBool;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use termlint::check::{check_bytes, CheckOptions, DEFAULT_MAX_FILE_SIZE};
use termlint::lang::Lang;
use termlint::rules::{load, EvalContext, RuleConfig, RuleSet};
use termlint::value::Date;

fn main() {
    divan::main();
}

/// A realistic signed contract on which no built-in rule fires.
const CLEAN: &str = r#"// A signed inbound order line, written out in full.
contract "sakura-order-line-2026" {
  title     "Inbound order line for the spring catalogue"
  client    "Example Client K.K."
  status    signed
  signed_on 2026-01-15
  start     2026-02-01
  end       2028-01-31

  vendor "さくらコンタクト株式会社" {
    certifications iso27001 privacy_mark
    sites          2
    staff {
      operators   24
      dedicated   yes
      supervisors 3
      training    40 hours
      turnover    18% / year
      specialists yes
      languages   ja en
    }
    recruiting {
      postings      6 / year
      always_hiring no
    }
    subcontracting with_consent
  }

  service inbound order_taking {
    hours    mon-fri 09:00-18:00
    hours    sat 10:00-17:00
    holidays no
    channels phone email form
    volume   12_000 calls / month
    manual   client
  }

  service inbound support {
    hours    mon-fri 09:00-18:00
    channels phone chat
    volume   3_000 calls / month
    manual   joint
  }

  pricing {
    model           monthly_fixed
    initial_fee     300_000 JPY
    base_fee        1_800_000 JPY / month
    included        15_000 calls / month
    overage         150 JPY / call
    holiday_premium 25%
    price_increase  3% / year
    fee "monthly report" 30_000 JPY / month
  }

  kpi {
    answer_rate   >= 90%
    service_level 80% within 20 s
    abandon_rate  <= 5%
    fcr           >= 70%
    report        monthly
    metrics       cpc aht answer_rate service_level
    credits       10%
  }

  term {
    minimum         12 months
    renewal         manual
    notice          60 days
    for_convenience yes
    exit_assistance yes
  }

  data {
    personal_data      yes
    recording          yes
    retention          1 year
    owner              client
    return_on_exit     yes
    knowledge_transfer yes
    breach_notice      24 hours
  }
}
"#;

/// The same size of contract, written so that many rules fire (messages rendered).
const MESSY: &str = r#"// A quote with many open points.
contract "nightjar-outbound-quote" {
  title  "Outbound appointment setting, night and weekend shifts"
  client "Example Client K.K."
  status quote
  start  2024-04-01
  end    2025-03-31

  vendor "Nightjar Contact" {
    sites 1
    staff {
      operators   30
      supervisors 1
      training    8 hours
      turnover    45% / year
    }
    recruiting {
      postings      60 / year
      always_hiring yes
      hiring_bonus  50_000 JPY
      no_experience yes
    }
    subcontracting allowed
  }

  service outbound appointment_setting {
    hours    daily 00:00-24:00
    channels phone
    volume   1_000 calls / month
    manual   vendor
  }

  service inbound help_desk {
    channels email
  }

  pricing {
    model       outcome
    outcome_fee 15_000 JPY / acquisition
    per_call    tbd
    overage     tbd
  }

  kpi {
    answer_rate   >= 70%
    service_level 60% within 60 s
    abandon_rate  <= 12%
    report        none
  }

  term {
    minimum         36 months
    renewal         auto 24 months
    notice          180 days
    for_convenience no
  }

  data {
    personal_data yes
    card_payments yes
    recording     yes
    owner         vendor
    retention     5 years
  }
}
"#;

const CONTRACTS: &[(&str, &str)] = &[("clean", CLEAN), ("messy", MESSY)];

fn builtin() -> RuleSet {
    load(&RuleConfig {
        builtin: true,
        files: vec![],
    })
    .unwrap_or_else(|errors| panic!("built-in rules: {} errors", errors.len()))
}

fn today() -> Date {
    Date::parse("2026-11-29").expect("date")
}

fn text(name: &str) -> &'static str {
    CONTRACTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("known contract")
}

/// `RuleSet::evaluate` of every built-in rule on one validated contract.
#[divan::bench(args = ["clean", "messy"])]
fn evaluate_catalogue(bencher: Bencher, name: &str) {
    let text = text(name);
    let rules = builtin();
    let validated = termlint::schema::read_and_validate(text);
    assert!(validated.problems.is_empty(), "{:?}", validated.problems);
    let contract = &validated.contracts[0];
    assert!(contract.auditable);
    let clash = AtomicBool::new(false);
    let cx = EvalContext {
        today: today(),
        lang: Lang::En,
        text,
        currency_clash: &clash,
    };
    let found = rules.evaluate(contract, &cx).len();
    match name {
        "clean" => assert_eq!(found, 0, "the clean contract has findings"),
        _ => assert!(found >= 30, "only {found} findings on the messy contract"),
    }
    bencher.bench(|| rules.evaluate(black_box(contract), black_box(&cx)));
}

/// A whole `check_bytes` of one ~2 KB contract.
#[divan::bench(args = ["clean", "messy"])]
fn check_bytes_one_contract(bencher: Bencher, name: &str) {
    let text = text(name);
    let rules = builtin();
    let options = CheckOptions {
        today: today(),
        lang: Lang::En,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let clash = AtomicBool::new(false);
    let report = check_bytes("bench.terms", text.as_bytes(), &rules, &options, &clash);
    assert_eq!(report.not_audited, 0);
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        check_bytes(
            "bench.terms",
            black_box(text.as_bytes()),
            &rules,
            &options,
            &clash,
        )
    });
}
