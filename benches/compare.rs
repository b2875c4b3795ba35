//! `termlint compare` over 1,000 quotes: the goal of issue 13 is a comparison of
//! 1,000 quotes with a 100-point volume sweep and break-evens for every pair in well
//! under a second.
//!
//! The quotes are generated here (a deterministic mix of per-call plans with and
//! without a minimum charge, fixed monthly plans with an included volume and a
//! call-over price, seat plans with a monthly fee beside them, initial fees, prices
//! with and without tax, forecasts from 1,000 to 20,000 calls a month) and written
//! once into a temporary folder.
//!
//! - `cli_compare_json`: `termlint compare DIR --format json` through
//!   `termlint::cli::run` (walk, read, validate, cost, compare, JSON), output into a
//!   buffer;
//! - `compare_only`: `termlint::cost::compare::compare` on the quotes already read.
//!
//! ```text
//! cargo bench --bench compare
//! ```

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use termlint::cost::compare::{compare, Quote, Volumes};
use termlint::cost::footing::Footing;
use termlint::cost::plan::{Assumptions, Tax};
use termlint::cost::quotes;
use termlint::units::Currency;

fn main() {
    divan::main();
}

/// Quotes in the folder.
const QUOTES: usize = 1_000;

/// Volumes in the sweep: `compare`'s default `--points`.
const POINTS: usize = 100;

struct Folder {
    /// Kept alive so the folder outlives every bench.
    _dir: tempfile::TempDir,
    path: PathBuf,
    /// The quotes as `compare` reads them.
    quotes: Vec<Quote>,
}

fn folder() -> &'static Folder {
    static FOLDER: OnceLock<Folder> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("quotes");
        std::fs::create_dir_all(&path).expect("the quotes' folder");
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for i in 1..=QUOTES {
            let text = quote_text(i, &mut rng);
            std::fs::write(path.join(format!("quote-{i:04}.terms")), text).expect("write");
        }
        let loaded = quotes::load(std::slice::from_ref(&path), &Assumptions::default())
            .expect("the folder exists");
        assert!(loaded.unread.is_empty(), "{:?}", loaded.unread);
        assert_eq!(loaded.quotes.len(), QUOTES);
        let costed = loaded.quotes.iter().filter(|q| q.plan.is_ok()).count();
        assert_eq!(costed, QUOTES, "every generated quote can be costed");
        Folder {
            _dir: dir,
            path,
            quotes: loaded.quotes,
        }
    })
}

/// xorshift64*: the same quotes on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `low..=high`, in steps of `step`.
    fn pick(&mut self, low: u64, high: u64, step: u64) -> u64 {
        low + self.next() % ((high - low) / step + 1) * step
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next() % n == 0
    }
}

/// An amount as the language writes it: `1_250_000`.
fn amount(n: u64) -> String {
    termlint::units::group_digits(&n.to_string(), '_')
}

/// The `i`th quote: one of three plan shapes, with the optional parts varied.
fn quote_text(i: usize, rng: &mut Rng) -> String {
    let volume = rng.pick(1_000, 20_000, 250);
    let yen = if rng.one_in(4) { "円" } else { "JPY" };
    let tax = if rng.one_in(3) {
        "included"
    } else {
        "excluded"
    };
    let mut pricing = String::new();
    let p = &mut pricing;
    let operators;
    match i % 3 {
        0 => {
            operators = rng.pick(2, 20, 1);
            let _ = writeln!(p, "    model          per_call");
            let _ = writeln!(p, "    tax            {tax}");
            let price = rng.pick(150, 900, 5);
            let _ = writeln!(p, "    per_call       {price} {yen} / call");
            if rng.one_in(2) {
                let minimum = rng.pick(50_000, 2_000_000, 10_000);
                let _ = writeln!(p, "    minimum_charge {} {yen} / month", amount(minimum));
            }
        }
        1 => {
            operators = rng.pick(3, 25, 1);
            let _ = writeln!(p, "    model          monthly_fixed");
            let _ = writeln!(p, "    tax            {tax}");
            let base = rng.pick(200_000, 3_000_000, 10_000);
            let included = rng.pick(500, 15_000, 100);
            let overage = rng.pick(80, 400, 5);
            let _ = writeln!(p, "    base_fee       {} {yen} / month", amount(base));
            let _ = writeln!(p, "    included       {} calls / month", amount(included));
            let _ = writeln!(p, "    overage        {overage} {yen} / call");
            if rng.one_in(4) {
                let minimum = base + rng.pick(0, 500_000, 10_000);
                let _ = writeln!(p, "    minimum_charge {} {yen} / month", amount(minimum));
            }
        }
        _ => {
            operators = rng.pick(1, 30, 1);
            let _ = writeln!(p, "    model          per_seat");
            let _ = writeln!(p, "    tax            {tax}");
            let rate = rng.pick(250_000, 600_000, 5_000);
            let _ = writeln!(p, "    seat_rate      {} {yen} / month", amount(rate));
            let _ = writeln!(p, "    seats          {operators}");
            if rng.one_in(2) {
                let fee = rng.pick(10_000, 100_000, 5_000);
                let _ = writeln!(
                    p,
                    "    fee            \"IVR licence\" {} {yen} / month",
                    amount(fee)
                );
            }
        }
    }
    if !rng.one_in(5) {
        let fee = rng.pick(0, 500_000, 10_000);
        let _ = writeln!(p, "    initial_fee    {} {yen}", amount(fee));
    }
    let months = [6, 12, 24, 36][(rng.next() % 4) as usize];
    format!(
        r#"contract "bench-quote-{i:04}" {{
  title  "Order desk outsourcing (quote {i})"
  client "Kotobuki Mail Order K.K."
  status quote

  vendor "Vendor {i} K.K." {{
    certifications iso27001 privacy_mark
    staff {{ operators {operators}; supervisors 1; training 24 hours; turnover 20% / year }}
    subcontracting with_consent
  }}

  service inbound order_taking {{
    hours    mon-fri 09:00-18:00
    channels phone email
    volume   {volume} calls / month
    manual   client
  }}

  pricing {{
{pricing}  }}

  term {{
    minimum         {months} months
    notice          2 months
    exit_assistance yes
  }}

  data {{
    personal_data      yes
    owner              client
    return_on_exit     yes
    knowledge_transfer yes
    breach_notice      48 hours
  }}
}}
"#,
        volume = amount(volume),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// `termlint compare DIR --format json`; returns the exit code.
fn cli_compare(dir: &Path, stdout: &mut Vec<u8>) -> i32 {
    common::termlint(&["compare", path(dir), "--format", "json"], stdout)
}

/// The whole command on 1,000 quotes, 100 volumes, every pair's break-evens.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn cli_compare_json(bencher: Bencher) {
    let folder = folder();
    // Once outside the timing: every quote costed, the sweep and break-evens there.
    let mut out = Vec::new();
    assert_eq!(cli_compare(&folder.path, &mut out), 0);
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON output");
    let quotes = json["quotes"].as_array().expect("quotes");
    assert_eq!(quotes.len(), QUOTES);
    assert!(quotes.iter().all(|q| q["costs"].is_object()));
    assert_eq!(
        json["sweep"]["volumes"].as_array().expect("sweep").len(),
        POINTS
    );
    assert!(!json["break_evens"]
        .as_array()
        .expect("break-evens")
        .is_empty());
    let capacity = out.len();
    bencher
        .counter(ItemsCount::new(QUOTES))
        .with_inputs(|| Vec::with_capacity(capacity))
        .bench_local_values(|mut out| {
            cli_compare(black_box(&folder.path), &mut out);
            out
        });
}

/// `compare` alone on the quotes already read: costs, sweep, scenarios, break-evens.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn compare_only(bencher: Bencher) {
    let folder = folder();
    let footing = Footing {
        currency: Currency::Jpy,
        basis: Tax::Excluded,
        tax_rate: 100_000,
        rates: Vec::new(),
    };
    let volumes = Volumes {
        points: POINTS,
        ..Volumes::default()
    };
    bencher
        .counter(ItemsCount::new(QUOTES))
        .with_inputs(|| folder.quotes.clone())
        .bench_local_values(|quotes| compare(quotes, &footing, &volumes).expect("compared"));
}
