//! Parse throughput of `.terms` text: `syntax::parse` alone, and parsing with
//! validation (`schema::read_and_validate`), on 1 MB and 20 MB of valid contracts
//! generated in-process.
//!
//! ```text
//! cargo bench --bench parse                       # divan reports MB/s per size
//! cargo bench --bench parse -- --sample-count 10  # quicker
//! ```

use std::fmt::Write as _;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const MB: usize = 1024 * 1024;

/// Sizes of the generated file.
const SIZES: &[usize] = &[MB, 20 * MB];

const TASKS: &[&str] = &[
    "order_taking",
    "support",
    "help_desk",
    "reservations",
    "survey",
];
const MODELS: &[&str] = &["monthly_fixed", "hybrid", "per_call", "per_seat"];
const DAYS: &[&str] = &["mon-fri", "weekdays", "mon-sat", "daily"];

/// One valid contract (about 1.5 KB), its id and values varied by `i`.
fn contract(out: &mut String, i: usize) {
    let task = TASKS[i % TASKS.len()];
    let model = MODELS[i % MODELS.len()];
    let days = DAYS[i % DAYS.len()];
    let operators = 10 + i % 90;
    let supervisors = 1 + operators / 12;
    let turnover = 10 + i % 40;
    let volume = 1_000 + (i * 37) % 50_000;
    let base_fee = 300_000 + (i % 100) * 10_000;
    let included = 1_000 + (i % 30) * 500;
    let overage = 150 + i % 200;
    let open = 8 + i % 3;
    let close = 17 + i % 6;
    let year = 2026 + i % 3;
    let month = 1 + i % 12;
    let day = 1 + i % 28;
    write!(
        out,
        r#"// generated contract {i}
contract "bench-{i:07}" {{
  title     "Inbound {task} line no. {i}"
  client    "Client {i} K.K."
  status    signed
  signed_on {year}-{month:02}-{day:02}
  start     {year}-{month:02}-{day:02}
  end       2030-03-31

  vendor "Vendor {i} Co., Ltd." {{
    certifications iso27001 privacy_mark
    sites          {sites}
    staff {{
      operators   {operators}
      dedicated   yes
      supervisors {supervisors}
      training    {training} hours
      turnover    {turnover}% / year
      specialists yes
      languages   ja en
    }}
    recruiting {{
      postings      {postings} / year
      always_hiring no
    }}
    subcontracting with_consent
  }}

  service inbound {task} {{
    hours    {days} {open:02}:00-{close:02}:00
    holidays no
    channels phone email chat
    volume   {volume} calls / month
    manual   client
  }}

  pricing {{
    model          {model}
    initial_fee    {initial}_000 JPY
    base_fee       {base_fee} JPY / month
    included       {included} calls / month
    overage        {overage} JPY / call
    price_increase 3% / year
    fee "reporting" 20_000 JPY / month
  }}

  kpi {{
    answer_rate   >= {answer}%
    service_level 80% within 20 s
    abandon_rate  <= 5%
    report        monthly
    metrics       cpc aht answer_rate
    credits       10%
  }}

  term {{
    minimum         12 months
    renewal         auto 12 months
    notice          {notice} days
    for_convenience yes
    exit_assistance yes
  }}

  data {{
    personal_data      yes
    recording          yes
    retention          1 year
    owner              client
    return_on_exit     yes
    knowledge_transfer yes
    breach_notice      72 hours
  }}
}}

"#,
        sites = 1 + i % 4,
        training = 16 + i % 40,
        postings = 4 + i % 20,
        initial = 100 + i % 400,
        answer = 80 + i % 15,
        notice = 30 + i % 60,
    )
    .expect("write to a String");
}

/// At least `size` bytes of valid contracts.
fn corpus(size: usize) -> String {
    let mut text = String::with_capacity(size + 4096);
    let mut i = 0;
    while text.len() < size {
        contract(&mut text, i);
        i += 1;
    }
    // The input must be what real users write: no problem at all.
    let parsed = termlint::syntax::parse(&text);
    let validated = termlint::schema::validate(&parsed.document, parsed.problems, &text);
    assert!(
        validated.problems.is_empty(),
        "generated contracts have problems: {:?}",
        validated.problems.first()
    );
    assert_eq!(validated.contracts.len(), i);
    text
}

/// `syntax::parse` only.  One parse per sample, so at most one tree is alive.
#[divan::bench(args = SIZES, sample_size = 1)]
fn parse(bencher: Bencher, size: usize) {
    let text = corpus(size);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| termlint::syntax::parse(black_box(&text)));
}

/// `schema::read_and_validate`: what `check` does before rules run (the fast
/// reader feeding the validator, no syntax tree).
#[divan::bench(args = SIZES, sample_size = 1)]
fn parse_and_validate(bencher: Bencher, size: usize) {
    let text = corpus(size);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| termlint::schema::read_and_validate(black_box(text.as_str())));
}
