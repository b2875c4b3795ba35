//! What a user sees for small `.terms` documents: the human report and the JSON of
//! `termlint check`, pinned as insta snapshots (one test per case, both formats).
//!
//! Every case is checked with `--no-builtin` (so only the document codes TL001–TL008
//! can appear), `--lang en`, `--color never` and a fixed `--today`.  The input is written
//! to a fresh temporary folder as `contract.terms`; the folder is replaced by `<tmp>` in
//! the output so the snapshots do not depend on where the folder was made.  Each
//! snapshot's description is the input, so a snapshot reads on its own.
//!
//! Valid inputs also have their values read back through `termlint::syntax::parse`, so
//! "0 errors" is not the only thing pinned: `300_000` must be 300000, `\u{3042}` must be
//! `あ`, and so on.

mod common;

use termlint::syntax::tree::{Document, Node, Value};
use termlint::units::{Currency, Unit};
use termlint::value::{BoundOp, Date, Quantity, TimeRange};

const FILE: &str = "contract.terms";
const TODAY: &str = "2026-11-29";

/// The output of one case, in both formats.
struct Case {
    code: i32,
    human: String,
    json: String,
}

/// Checks `input` with `--no-builtin`.
fn check(input: impl AsRef<[u8]>) -> Case {
    check_with(input.as_ref(), &["--no-builtin"])
}

/// Checks `input` as `<tmp>/contract.terms` in both formats.
fn check_with(input: &[u8], extra: &[&str]) -> Case {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(FILE);
    std::fs::write(&path, input).expect("write the input");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let prefix = dir.path().to_str().expect("a UTF-8 temporary path");
    let in_format = |format: &str| {
        let mut args = vec![
            "check", "--today", TODAY, "--lang", "en", "--color", "never", "--format", format,
        ];
        args.extend_from_slice(extra);
        args.push(path);
        let (code, stdout, stderr) = common::termlint_parts(&args);
        (
            code,
            stdout.replace(prefix, "<tmp>"),
            stderr.replace(prefix, "<tmp>"),
        )
    };
    let (code, human, human_err) = in_format("human");
    let (json_code, json, json_err) = in_format("json");
    assert_eq!(code, json_code, "both formats exit alike");
    assert_eq!(human_err, "", "the human format prints nothing on stderr");
    // The JSON format prints the human summary line on stderr.
    let summary = human.lines().last().unwrap_or_default();
    assert_eq!(
        json_err.trim_end(),
        summary,
        "JSON's stderr is the summary line"
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["version"], 1);
    Case {
        code,
        human: format!("exit code: {code}\n\n{human}"),
        json,
    }
}

/// Snapshots both formats of one case under `name__human` and `name__json`.
fn snapshot(name: &str, input: &[u8], case: &Case) {
    let description = String::from_utf8_lossy(input).into_owned();
    insta::with_settings!({ description => description, omit_expression => true }, {
        insta::assert_snapshot!(format!("{name}__human"), case.human);
        insta::assert_snapshot!(format!("{name}__json"), case.json);
    });
}

/// A valid document: exit 0, "0 errors", no diagnostics, snapshotted.
fn valid<'t>(name: &str, input: &'t str) -> Document<'t> {
    let case = check(input);
    assert_eq!(case.code, 0, "{name}: {}", case.human);
    assert!(case.human.contains(", 0 errors, "), "{}", case.human);
    assert!(!case.human.contains("not audited"), "{}", case.human);
    let json: serde_json::Value = serde_json::from_str(&case.json).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    snapshot(name, input.as_bytes(), &case);
    let parsed = termlint::syntax::parse(input);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    parsed.document
}

/// A document with errors: exit 1, snapshotted; returns the JSON diagnostics.
fn invalid(name: &str, input: impl AsRef<[u8]>) -> Vec<serde_json::Value> {
    let input = input.as_ref();
    let case = check(input);
    assert_eq!(case.code, 1, "{name}: {}", case.human);
    snapshot(name, input, &case);
    diagnostics(&case)
}

fn diagnostics(case: &Case) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&case.json).unwrap();
    json["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// The rule ids of the diagnostics, in order.
fn rules(diagnostics: &[serde_json::Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect()
}

/// The text a diagnostic's span covers in `input`.
fn spanned<'a>(input: &'a str, diagnostic: &serde_json::Value) -> &'a str {
    let offset = usize::try_from(diagnostic["span"]["offset"].as_u64().unwrap()).unwrap();
    let length = usize::try_from(diagnostic["span"]["length"].as_u64().unwrap()).unwrap();
    &input[offset..offset + length]
}

// ---- reading the tree back ----------------------------------------------------------

/// The first node reached by `path` of names, from the top of the document.
fn node<'a, 't>(document: &'a Document<'t>, path: &[&str]) -> &'a Node<'t> {
    let mut nodes: &[Node<'t>] = &document.nodes;
    let mut found = None;
    for name in path {
        let n = nodes
            .iter()
            .find(|n| n.name == *name)
            .unwrap_or_else(|| panic!("no `{name}` on the way to {path:?}"));
        nodes = n.children();
        found = Some(n);
    }
    found.expect("a non-empty path")
}

/// Every child named `name` of `parent`.
fn all<'a, 't>(parent: &'a Node<'t>, name: &str) -> Vec<&'a Node<'t>> {
    parent
        .children()
        .iter()
        .filter(|n| n.name == name)
        .collect()
}

fn values<'a, 't>(node: &'a Node<'t>) -> Vec<&'a Value<'t>> {
    node.args.iter().map(|a| &a.value).collect()
}

fn first<'a, 't>(node: &'a Node<'t>) -> &'a Value<'t> {
    &node
        .args
        .first()
        .unwrap_or_else(|| panic!("`{}` has no argument", node.name))
        .value
}

fn quantity(value: &Value) -> Quantity {
    match value {
        Value::Num(q) => *q,
        other => panic!("not a quantity: {other:?}"),
    }
}

fn word<'a>(value: &'a Value<'_>) -> &'a str {
    match value {
        Value::Word(w) => w,
        other => panic!("not a word: {other:?}"),
    }
}

fn string<'a>(value: &'a Value<'_>) -> &'a str {
    match value {
        Value::Str(s) => s,
        other => panic!("not a string: {other:?}"),
    }
}

fn date(y: u16, m: u8, d: u8) -> Value<'static> {
    Value::Date(Date::new(y, m, d).expect("a real date"))
}

fn range(start: u16, end: u16) -> Value<'static> {
    Value::TimeRange(TimeRange { start, end })
}

const JPY: Option<Unit> = Some(Unit::Money(Currency::Jpy));

// =====================================================================================
//  Every value kind of §1, accepted
// =====================================================================================

#[test]
fn valid_strings_with_every_escape() {
    let input = r#"contract "strings" {
  title  "quote \" backslash \\ newline \n tab \t hiragana \u{3042} end"
  client "受注代行株式会社 // not a comment"
  vendor "" {
    sites 1
  }
}
"#;
    let doc = valid("valid_strings_with_every_escape", input);
    assert_eq!(
        string(first(node(&doc, &["contract", "title"]))),
        "quote \" backslash \\ newline \n tab \t hiragana あ end"
    );
    assert_eq!(
        string(first(node(&doc, &["contract", "client"]))),
        "受注代行株式会社 // not a comment"
    );
    assert_eq!(string(first(node(&doc, &["contract", "vendor"]))), "");
}

#[test]
fn valid_numbers_with_digit_groups_and_decimals() {
    let input = r#"contract "numbers" {
  vendor "Kuroshio" {
    sites 2
    staff {
      operators   1_200
      supervisors 12
    }
  }
  pricing {
    base_fee 300_000 JPY / month
    per_call 1.5 USD / call
    seats    1_0_0
  }
}
"#;
    let doc = valid("valid_numbers_with_digit_groups_and_decimals", input);
    let amount = |path: &[&str]| quantity(first(node(&doc, path))).amount;
    assert_eq!(amount(&["contract", "vendor", "sites"]), 2.0);
    assert_eq!(
        amount(&["contract", "vendor", "staff", "operators"]),
        1200.0
    );
    assert_eq!(amount(&["contract", "pricing", "base_fee"]), 300_000.0);
    assert_eq!(amount(&["contract", "pricing", "per_call"]), 1.5);
    assert_eq!(amount(&["contract", "pricing", "seats"]), 100.0);
}

#[test]
fn valid_percents_with_and_without_per_unit() {
    let input = r#"contract "percents" {
  vendor "V" {
    staff { turnover 35% / year }
  }
  pricing {
    night_premium   25%
    holiday_premium 12.5%
    price_increase  3% / year
  }
  kpi {
    answer_rate 90%
    credits     5%
  }
}
"#;
    let doc = valid("valid_percents_with_and_without_per_unit", input);
    let turnover = quantity(first(node(
        &doc,
        &["contract", "vendor", "staff", "turnover"],
    )));
    assert_eq!(turnover.amount, 35.0);
    assert!(turnover.percent);
    assert_eq!(turnover.unit, None);
    assert!(matches!(turnover.per, Some(Unit::Time(_))));
    let premium = quantity(first(node(
        &doc,
        &["contract", "pricing", "holiday_premium"],
    )));
    assert_eq!(
        (premium.amount, premium.percent, premium.per),
        (12.5, true, None)
    );
}

#[test]
fn valid_quantities_of_every_unit_family() {
    let input = r#"contract "units" {
  vendor "V" {
    staff {
      operators 12 operators
      training  40h
    }
    recruiting {
      postings        6 postings / year
      hiring_bonus    30_000 円
      advertised_wage 1_300 yen / hour
    }
  }
  service inbound support {
    volume   100 calls / day
    callback 30 min
  }
  pricing {
    included    2_000 contacts / month
    overage     250 円 / call
    per_minute  40 JPY / minute
    outcome_fee 5_000 JPY / acquisition
    seats       10
    fee "usd"   100 USD
    fee "eur"   100 EUR / month
    fee "gbp"   100 GBP / seat
    fee "cny"   100 CNY / person
    fee "krw"   100 KRW / operator
  }
  kpi {
    service_level 80% within 20 seconds
    asa           <= 30 sec
  }
  term {
    minimum 6 months
    renewal auto 1 year
    notice  2 weeks
  }
  data {
    retention     90 days
    breach_notice 24 hours
  }
}
"#;
    let doc = valid("valid_quantities_of_every_unit_family", input);
    let training = quantity(first(node(
        &doc,
        &["contract", "vendor", "staff", "training"],
    )));
    assert_eq!(training.amount, 40.0);
    assert_eq!(training.unit, Some(Unit::Time(3600.0)), "`40h` is 40 hours");
    let overage = quantity(first(node(&doc, &["contract", "pricing", "overage"])));
    assert_eq!(overage.unit, JPY, "`円` is JPY");
    assert_eq!(overage.per, Some(Unit::Count("call")));
    let bonus = quantity(first(node(
        &doc,
        &["contract", "vendor", "recruiting", "hiring_bonus"],
    )));
    assert_eq!(bonus.unit, JPY);
    let wage = quantity(first(node(
        &doc,
        &["contract", "vendor", "recruiting", "advertised_wage"],
    )));
    assert_eq!(wage.unit, JPY, "`yen` is JPY");
    let pricing = node(&doc, &["contract", "pricing"]);
    let currencies: Vec<Option<Unit>> = all(pricing, "fee")
        .iter()
        .map(|fee| quantity(&fee.args[1].value).unit)
        .collect();
    assert_eq!(
        currencies,
        [
            Currency::Usd,
            Currency::Eur,
            Currency::Gbp,
            Currency::Cny,
            Currency::Krw
        ]
        .map(|c| Some(Unit::Money(c)))
    );
    let postings = quantity(first(node(
        &doc,
        &["contract", "vendor", "recruiting", "postings"],
    )));
    assert_eq!(postings.unit, Some(Unit::Count("posting")));
}

#[test]
fn valid_dates_including_a_leap_day() {
    let input = r#"contract "dates" {
  signed_on 2026-02-20
  start     2026-04-01
  end       2028-02-29
}
"#;
    let doc = valid("valid_dates_including_a_leap_day", input);
    assert_eq!(
        first(node(&doc, &["contract", "signed_on"])),
        &date(2026, 2, 20)
    );
    assert_eq!(first(node(&doc, &["contract", "start"])), &date(2026, 4, 1));
    assert_eq!(first(node(&doc, &["contract", "end"])), &date(2028, 2, 29));
}

#[test]
fn valid_day_sets() {
    let input = r#"contract "days" {
  service inbound support {
    hours mon      09:00-18:00
    hours mon-fri  09:00-18:00
    hours sat-sun  10:00-17:00
    hours daily    08:00-09:00
    hours weekdays 18:00-20:00
    hours weekends 07:00-08:00
    hours holidays 10:00-15:00
  }
}
"#;
    let doc = valid("valid_day_sets", input);
    let service = node(&doc, &["contract", "service"]);
    let days: Vec<&str> = all(service, "hours")
        .iter()
        .map(|h| word(first(h)))
        .collect();
    assert_eq!(
        days,
        ["mon", "mon-fri", "sat-sun", "daily", "weekdays", "weekends", "holidays"]
    );
}

#[test]
fn valid_time_ranges_including_past_midnight() {
    let input = r#"contract "times" {
  service inbound support {
    hours mon-fri 09:00-18:00
    hours sat     00:00-24:00
    hours sun     22:00-06:00
    hours mon     23:59-00:00
  }
}
"#;
    let doc = valid("valid_time_ranges_including_past_midnight", input);
    let service = node(&doc, &["contract", "service"]);
    let ranges: Vec<&Value> = all(service, "hours")
        .iter()
        .map(|h| &h.args[1].value)
        .collect();
    assert_eq!(
        ranges,
        [
            &range(540, 1080),
            &range(0, 1440),
            &range(1320, 360),
            &range(1439, 0)
        ]
    );
}

#[test]
fn valid_bounds_in_every_direction() {
    let input = r#"contract "bounds" {
  kpi {
    answer_rate  >= 90%
    fcr          > 70%
    csat         >=80%
    abandon_rate <= 5%
    asa          < 30 s
  }
}
"#;
    let doc = valid("valid_bounds_in_every_direction", input);
    let op = |name: &str| match first(node(&doc, &["contract", "kpi", name])) {
        Value::Bound(op, q) => (*op, q.amount),
        other => panic!("not a bound: {other:?}"),
    };
    assert_eq!(op("answer_rate"), (BoundOp::Ge, 90.0));
    assert_eq!(op("fcr"), (BoundOp::Gt, 70.0));
    assert_eq!(
        op("csat"),
        (BoundOp::Ge, 80.0),
        "no space after the operator"
    );
    assert_eq!(op("abandon_rate"), (BoundOp::Le, 5.0));
    assert_eq!(op("asa"), (BoundOp::Lt, 30.0));
}

#[test]
fn valid_symbols_booleans_and_lists() {
    let input = r#"contract "symbols" {
  status signed
  vendor "V" {
    certifications iso27001 privacy_mark pci_dss
    staff {
      dedicated   yes
      specialists no
      languages   ja en zh
    }
    recruiting {
      always_hiring true
      no_experience false
    }
    subcontracting with_consent
  }
  service outbound appointment_setting {
    channels phone email chat
    holidays no
    manual   joint
  }
  pricing { model hybrid }
  kpi {
    report  monthly
    metrics cpc cpa aht answer_rate
  }
  data { owner client }
}
"#;
    let doc = valid("valid_symbols_booleans_and_lists", input);
    let certs: Vec<&str> = values(node(&doc, &["contract", "vendor", "certifications"]))
        .into_iter()
        .map(word)
        .collect();
    assert_eq!(certs, ["iso27001", "privacy_mark", "pci_dss"]);
    assert_eq!(word(first(node(&doc, &["contract", "status"]))), "signed");
}

#[test]
fn valid_tbd_wherever_a_value_is() {
    let input = r#"contract "undecided" {
  title     tbd
  status    tbd
  signed_on tbd
  vendor tbd {
    sites tbd
    staff { turnover tbd; languages tbd }
  }
  service inbound support {
    hours mon-fri tbd
  }
  pricing {
    model   tbd
    overage tbd
    fee "setup" tbd
  }
  kpi {
    answer_rate   tbd
    service_level tbd within 20 s
  }
}
"#;
    let doc = valid("valid_tbd_wherever_a_value_is", input);
    assert_eq!(
        word(first(node(&doc, &["contract", "pricing", "overage"]))),
        "tbd"
    );
}

#[test]
fn valid_lone_tbd_for_a_multi_argument_field() {
    let input = r#"contract "lone-tbd" {
  service tbd {
    hours tbd
  }
  pricing {
    fee tbd
  }
  kpi {
    service_level tbd
  }
  term {
    renewal tbd
  }
}
"#;
    // No TL005 "missing argument": one `tbd` stands for every argument.
    let doc = valid("valid_lone_tbd_for_a_multi_argument_field", input);
    let service = node(&doc, &["contract", "service"]);
    assert_eq!(values(service), [&Value::Word("tbd".into())]);
}

#[test]
fn valid_byte_order_mark() {
    let input = "\u{FEFF}contract \"bom\" {\n  title \"with a BOM\"\n}\n";
    let doc = valid("valid_byte_order_mark", input);
    assert_eq!(doc.nodes.len(), 1);
    assert_eq!(doc.nodes[0].name, "contract");
}

#[test]
fn valid_crlf_line_ends() {
    let input = "// Saved on Windows\r\ncontract \"crlf\" {\r\n  title \"CRLF\" // comment\r\n  pricing {\r\n    overage 200 JPY / call\r\n  }\r\n}\r\n";
    let doc = valid("valid_crlf_line_ends", input);
    assert_eq!(string(first(node(&doc, &["contract", "title"]))), "CRLF");
    assert_eq!(
        quantity(first(node(&doc, &["contract", "pricing", "overage"]))).amount,
        200.0
    );
}

#[test]
fn valid_tabs_between_and_before_tokens() {
    let input = "contract\t\"tabs\"\t{\n\ttitle\t\"indented with tabs\"\n\tpricing\t{\n\t\toverage\t200\tJPY\t/\tcall\n\t}\n}\n";
    let doc = valid("valid_tabs_between_and_before_tokens", input);
    let overage = quantity(first(node(&doc, &["contract", "pricing", "overage"])));
    assert_eq!((overage.amount, overage.unit), (200.0, JPY));
}

#[test]
fn valid_semicolons_and_one_line_blocks() {
    let input = r#"contract "one-line" { title "a"; client "b"; status draft; }
contract "blocks" {
  vendor "V" { staff { operators 12; supervisors 1; dedicated yes }; sites 2 }
  pricing { model per_call; per_call 300 JPY / call };
  kpi {}
  term { };;
}
"#;
    let doc = valid("valid_semicolons_and_one_line_blocks", input);
    assert_eq!(doc.nodes.len(), 2);
    assert_eq!(doc.nodes[0].children().len(), 3);
    let blocks = &doc.nodes[1];
    assert_eq!(blocks.children().len(), 4);
    let vendor = &blocks.children()[0];
    assert_eq!(vendor.children().len(), 2);
    assert_eq!(
        vendor.children()[0].children().len(),
        3,
        "staff has 3 fields"
    );
}

#[test]
fn valid_comments_everywhere() {
    let input = r#"// A file may start with a comment { " that holds braces and quotes
contract "comments" { // after an opening brace
  // on a line of its own
  title "http://example.com/a//b" // a `//` inside a string is text
      // indented further
  pricing {
    overage 200 JPY / call // after a value
  } // after a closing brace

  // before the end
}
// at the end, with no newline"#;
    let doc = valid("valid_comments_everywhere", input);
    assert_eq!(
        string(first(node(&doc, &["contract", "title"]))),
        "http://example.com/a//b"
    );
}

#[test]
fn valid_several_contracts_in_one_file() {
    let input = r#"contract "first" {
  title "one"
}

contract "second" {
  title "two"
}
contract "third" { title "three" }
"#;
    let doc = valid("valid_several_contracts_in_one_file", input);
    let ids: Vec<&str> = doc.nodes.iter().map(|n| string(first(n))).collect();
    assert_eq!(ids, ["first", "second", "third"]);
    let case = check(input);
    assert!(
        case.human.contains("3 contracts, 0 errors"),
        "{}",
        case.human
    );
}

#[test]
fn valid_extension_fields_with_children() {
    let input = r#"contract "extensions" {
  x_procurement {
    ref            "PR-2026-0142"
    quotes         3
    anything       goes here >= 5 2026-01-01 09:00-18:00 {
      deeper { not_in_the_schema 12 JPY / call }
    }
  }
  vendor "V" {
    x_contact "Sato" { phone "03-0000-0000" }
  }
  pricing {
    x_note "negotiated"
    overage 200 JPY / call
  }
}
"#;
    let doc = valid("valid_extension_fields_with_children", input);
    let procurement = node(&doc, &["contract", "x_procurement"]);
    assert_eq!(procurement.children().len(), 3);
}

/// Every spelling of the closed unit set reads as that unit after a number, with a
/// space or without one (`40h`).
#[test]
fn every_unit_spelling_reads_as_its_unit() {
    let mut unread = Vec::new();
    for spelling in Unit::SPELLINGS {
        let expected = Unit::parse(spelling);
        assert!(expected.is_some(), "{spelling}");
        for text in [
            format!("x_a 10 {spelling}\n"),
            format!("x_a 10{spelling}\n"),
        ] {
            let parsed = termlint::syntax::parse(&text);
            let args = values(&parsed.document.nodes[0]);
            let read = match args.as_slice() {
                [Value::Num(q)] if parsed.problems.is_empty() => q.unit,
                _ => None,
            };
            if read != expected {
                unread.push(text.trim_end().to_string());
            }
        }
    }
    assert!(unread.is_empty(), "not read as their unit: {unread:?}");
}

/// LANGUAGE.md §1 lists `seat` among the count units, and §2.2 gives `included` as
/// `count / month`, so `included 100 seats / month` is valid.
#[test]
fn seats_is_a_count_unit() {
    let input = "contract \"c\" {\n  pricing {\n    seats 10 seats\n    included 100 seats / month\n  }\n}\n";
    let case = check(input);
    assert_eq!(case.code, 0, "{}", case.human);
}

// =====================================================================================
//  TL001 syntax
// =====================================================================================

#[test]
fn tl001_stray_token() {
    let input = r#"contract "c" {
  status signed!
  pricing { base_fee 300_000 JPY / month + 20_000 JPY }
}
"#;
    let found = invalid("tl001_stray_token", input);
    assert_eq!(found[0]["rule"], "TL001");
    assert_eq!(spanned(input, &found[0]), "signed!");
    assert_eq!(found[1]["rule"], "TL001");
    assert_eq!(spanned(input, &found[1]), "+");
    // One mistake, one diagnostic: `20_000 JPY` after the stray `+` is not also
    // reported as one argument too many.
    assert_eq!(found.len(), 2);
}

/// A Japanese note glued to an amount (`250円（税抜）`) is one TL001 whose help says
/// to move the note into a comment.
#[test]
fn tl001_note_glued_to_an_amount() {
    let input = "contract \"c\" {\n  pricing { overage 250円（税抜）/ call }\n}\n";
    let case = check(input);
    let found = diagnostics(&case);
    assert_eq!(found.len(), 1, "{}", case.json);
    assert_eq!(found[0]["rule"], "TL001");
    assert!(found[0]["help"]
        .as_str()
        .unwrap()
        .contains("`overage 250 円 / call // 税抜`"));
}

#[test]
fn tl001_unterminated_string() {
    let input = "contract \"c\" {\n  title \"Acme order desk\n  client \"Acme\"\n}\n";
    let found = invalid("tl001_unterminated_string", input);
    assert_eq!(rules(&found), ["TL001"]);
    assert_eq!(spanned(input, &found[0]), "\"Acme order desk");
}

#[test]
fn tl001_unknown_escape() {
    let input = r#"contract "c" {
  title "C:\share\contracts"
  client "ok \u{3042}"
}
"#;
    let found = invalid("tl001_unknown_escape", input);
    assert_eq!(rules(&found), ["TL001", "TL001"]);
    assert_eq!(spanned(input, &found[0]), r"\s");
    assert_eq!(spanned(input, &found[1]), r"\c");
}

#[test]
fn tl001_unclosed_block() {
    let input = r#"contract "c" {
  title "a"
  pricing {
    overage 200 JPY / call

"#;
    let found = invalid("tl001_unclosed_block", input);
    assert_eq!(rules(&found), ["TL001", "TL001"]);
    assert_eq!(spanned(input, &found[0]), "{");
    assert_eq!(found[0]["span"]["line"], 1);
    assert_eq!(found[1]["span"]["line"], 3);
}

#[test]
fn tl001_stray_closing_brace() {
    let input = r#"contract "c" {
  title "a"
  pricing {
    overage 200 JPY / call
  }
  }
}
"#;
    let found = invalid("tl001_stray_closing_brace", input);
    assert_eq!(rules(&found), ["TL001"]);
    // The `}` indented like `pricing`'s, after `pricing` has closed: the one too many.
    assert_eq!(found[0]["span"]["line"], 6);
}

/// Two contracts, the first with one `}` too many after its `staff` block (the case
/// seen in issue 15): one TL001 at that brace, nothing about the fields after it,
/// and both contracts read.
const EXTRA_BRACE: &str = r#"contract "first" {
  vendor "V" {
    staff {
      operators 25
    }
    }
    recruiting { always_hiring yes }
    subcontracting prohibited
  }
  pricing { model per_call; per_call 300 JPY / call }
}

contract "second" {
  pricing { model per_call; per_call 300 JPY / call }
}
"#;

#[test]
fn tl001_extra_brace_is_reported_where_it_stands_without_a_cascade() {
    let found = invalid("tl001_extra_brace", EXTRA_BRACE);
    assert_eq!(rules(&found), ["TL001"], "{found:?}");
    assert_eq!(found[0]["span"]["line"], 6);
    assert_eq!(found[0]["contract"], "first");
    let case = check(EXTRA_BRACE);
    assert!(case.human.contains("`staff` closes here"), "{}", case.human);
    assert!(
        case.human.contains("1 file checked: 2 contracts, 1 error"),
        "{}",
        case.human
    );
}

/// A `vendor` block left open: one TL001 at its `{`, labelled with where it should
/// have closed, and the second contract is still its own.
const MISSING_BRACE: &str = r#"contract "first" {
  vendor "V" {
    staff {
      operators 25
    recruiting { always_hiring yes }
  }
  pricing { model per_call; per_call 300 JPY / call }
}

contract "second" {
  pricing { model per_call; per_call 300 JPY / call }
"#;

#[test]
fn tl001_missing_brace_is_reported_at_the_block_left_open() {
    let found = invalid("tl001_missing_brace", MISSING_BRACE);
    assert_eq!(rules(&found), ["TL001", "TL001"], "{found:?}");
    assert_eq!(spanned(MISSING_BRACE, &found[0]), "{");
    assert_eq!(found[0]["span"]["line"], 3);
    assert_eq!(found[0]["contract"], "first");
    // The second contract's own `{` is open at the end of the file.
    assert_eq!(found[1]["span"]["line"], 10);
    assert_eq!(found[1]["contract"], "second");
    let case = check(MISSING_BRACE);
    assert!(
        case.human.contains("`staff` should end before this line"),
        "{}",
        case.human
    );
    assert!(
        case.human.contains("2 contracts, 2 errors"),
        "{}",
        case.human
    );
}

/// With the built-in rules on, a brace error in one contract leaves the next one
/// audited exactly as it would be alone.
#[test]
fn a_brace_error_in_one_contract_leaves_the_next_audited() {
    let second =
        "contract \"second\" {\n  pricing { model per_call; per_call 300 JPY / call }\n}\n";
    let alone = check_with(second.as_bytes(), &[]);
    let broken = MISSING_BRACE.replace(
        "contract \"second\" {\n  pricing { model per_call; per_call 300 JPY / call }\n",
        second,
    );
    let with_broken = check_with(broken.as_bytes(), &[]);
    let second_rules = |case: &Case| -> Vec<String> {
        diagnostics(case)
            .iter()
            .filter(|d| d["contract"] == "second")
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!second_rules(&alone).is_empty());
    assert_eq!(second_rules(&with_broken), second_rules(&alone));
    assert!(
        with_broken.human.contains("1 contract not audited"),
        "{}",
        with_broken.human
    );
}

#[test]
fn tl001_brace_on_its_own_line() {
    let input = r#"contract "c" {
  pricing
  {
    overage 200 JPY / call
  }
}
"#;
    let found = invalid("tl001_brace_on_its_own_line", input);
    assert_eq!(rules(&found), ["TL001"]);
    assert_eq!(found[0]["span"]["line"], 3);
    assert_eq!(spanned(input, &found[0]), "{");
}

#[test]
fn tl001_invalid_utf8() {
    // "受注" saved as Shift_JIS inside an otherwise ASCII file.
    let input: &[u8] = b"contract \"c\" {\n  title \"\x8e\xf3\x92\x8d\"\n}\n";
    let found = invalid("tl001_invalid_utf8", input);
    assert_eq!(rules(&found), ["TL001"]);
    assert_eq!(found[0]["span"]["offset"], 24, "the first invalid byte");
    assert_eq!(found[0]["span"]["line"], 2);
}

#[test]
fn tl001_nesting_deeper_than_64() {
    let mut input = String::from("contract \"deep\" {\n");
    input.push_str(&"x_level {\n".repeat(65));
    input.push_str(&"}\n".repeat(66));
    let found = invalid("tl001_nesting_deeper_than_64", &input);
    assert_eq!(rules(&found), ["TL001"]);
    // `contract {` is level 1, so the 64th `x_level {` (line 65) opens level 65.
    assert_eq!(found[0]["span"]["line"], 65);
    assert_eq!(spanned(&input, &found[0]), "{");
}

#[test]
fn nesting_of_exactly_64_is_accepted() {
    let mut input = String::from("contract \"deep\" {\n");
    for _ in 1..64 {
        input.push_str("x_level {\n");
    }
    input.push_str(&"}\n".repeat(64));
    let case = check(&input);
    assert_eq!(case.code, 0, "{}", case.human);
}

// =====================================================================================
//  TL002 unknown field
// =====================================================================================

#[test]
fn tl002_did_you_mean() {
    let input = r#"contract "c" {
  vendor "Kuroshio" {
    certifcations iso27001 privacy_mark
  }
}
"#;
    let found = invalid("tl002_did_you_mean", input);
    assert_eq!(rules(&found), ["TL002"]);
    assert_eq!(spanned(input, &found[0]), "certifcations");
    assert_eq!(found[0]["help"], "did you mean `certifications`?");
}

#[test]
fn tl002_without_suggestion() {
    let input = r#"contract "c" {
  budget 300_000 JPY
}
"#;
    let found = invalid("tl002_without_suggestion", input);
    assert_eq!(rules(&found), ["TL002"]);
    assert_eq!(spanned(input, &found[0]), "budget");
    let help = found[0]["help"].as_str().unwrap();
    assert!(!help.contains("did you mean"), "{help}");
    assert!(
        help.contains("`pricing`"),
        "lists the allowed fields: {help}"
    );
}

// =====================================================================================
//  TL003 bad value
// =====================================================================================

#[test]
fn tl003_impossible_date() {
    let input = "contract \"c\" {\n  end 2027-02-30\n}\n";
    let found = invalid("tl003_impossible_date", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "2027-02-30");
}

#[test]
fn tl003_empty_time_range() {
    let input =
        "contract \"c\" {\n  service inbound support {\n    hours mon-fri 09:00-09:00\n  }\n}\n";
    let found = invalid("tl003_empty_time_range", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "09:00-09:00");
}

#[test]
fn tl003_symbol_did_you_mean() {
    let input = "contract \"c\" {\n  pricing {\n    model outcom\n  }\n}\n";
    let found = invalid("tl003_symbol_did_you_mean", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "outcom");
    assert!(found[0]["help"]
        .as_str()
        .unwrap()
        .starts_with("did you mean `outcome`?"));
}

#[test]
fn tl003_wrong_unit() {
    let input = "contract \"c\" {\n  pricing {\n    overage 250 JPY / month\n  }\n}\n";
    let found = invalid("tl003_wrong_unit", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "250 JPY / month");
}

#[test]
fn tl003_missing_per_unit() {
    let input = "contract \"c\" {\n  vendor \"V\" {\n    staff { turnover 35% }\n  }\n}\n";
    let found = invalid("tl003_missing_per_unit", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "35%");
    assert_eq!(found[0]["help"], "write `turnover 35% / year`");
}

#[test]
fn tl003_string_where_money_is_expected() {
    let input = "contract \"c\" {\n  pricing {\n    initial_fee \"150,000 yen\"\n  }\n}\n";
    let found = invalid("tl003_string_where_money_is_expected", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "\"150,000 yen\"");
}

#[test]
fn tl003_bound_in_the_wrong_direction() {
    let input = "contract \"c\" {\n  kpi {\n    abandon_rate >= 5%\n  }\n}\n";
    let found = invalid("tl003_bound_in_the_wrong_direction", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), ">= 5%");
    assert_eq!(found[0]["help"], "write `<=` (or the bare value)");
}

#[test]
fn tl003_one_argument_too_many() {
    let input = "contract \"c\" {\n  vendor \"V\" {\n    sites 2 3\n  }\n}\n";
    let found = invalid("tl003_one_argument_too_many", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "3");
}

#[test]
fn tl003_missing_within() {
    let input = "contract \"c\" {\n  kpi {\n    service_level 80% 20 s\n  }\n}\n";
    let found = invalid("tl003_missing_within", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "20 s");
}

#[test]
fn tl003_unknown_per_unit() {
    let input = "contract \"c\" {\n  pricing {\n    base_fee 300_000 JPY / mnth\n  }\n}\n";
    let found = invalid("tl003_unknown_per_unit", input);
    assert_eq!(rules(&found), ["TL003"]);
    assert_eq!(spanned(input, &found[0]), "mnth");
    assert!(found[0]["help"]
        .as_str()
        .unwrap()
        .starts_with("did you mean `month`?"));
}

/// Units people write that are not in the set each get the unit to write instead,
/// as one TL003 on the word itself, after a number or after `/` (issue 15, item 6).
#[test]
fn tl003_familiar_units_get_the_unit_meant() {
    let cases = [
        ("base_fee 300_000 ¥ / month", "¥", "円"),
        ("initial_fee 1_000 ￥", "￥", "円"),
        ("initial_fee 1_000 $", "$", "USD"),
        ("initial_fee 1_000 jpy", "jpy", "JPY"),
        ("base_fee 300_000 JPY / yr", "yr", "year"),
        ("base_fee 300_000 JPY / 月", "月", "month"),
    ];
    let staff_cases = [
        ("training 20 hr", "hr", "h"),
        ("training 20 hrs", "hrs", "h"),
        ("training 20hrs", "hrs", "h"),
        ("training 6 時間", "時間", "h"),
        ("training 3 wks", "wks", "week"),
    ];
    let mut inputs = Vec::new();
    for (line, word, meant) in cases {
        inputs.push((
            format!("contract \"c\" {{\n  pricing {{\n    {line}\n  }}\n}}\n"),
            word,
            meant,
        ));
    }
    for (line, word, meant) in staff_cases {
        inputs.push((
            format!("contract \"c\" {{\n  vendor \"v\" {{\n    staff {{ {line} }}\n  }}\n}}\n"),
            word,
            meant,
        ));
    }
    inputs.push((
        "contract \"c\" {\n  service inbound support {\n    hours weekday 09:00-18:00\n  }\n}\n"
            .to_string(),
        "weekday",
        "weekdays",
    ));
    for (input, word, meant) in &inputs {
        let found = diagnostics(&check(input));
        assert_eq!(rules(&found), ["TL003"], "{input}: {found:?}");
        assert_eq!(spanned(input, &found[0]), *word, "{input}");
        let help = found[0]["help"].as_str().unwrap();
        assert!(
            help.starts_with(&format!("did you mean `{meant}`?")),
            "{input}: {help}"
        );
    }
    invalid("tl003_familiar_unit", &inputs[0].0);
}

/// An outcome fee is paid per result: `/ call` is refused with the units that are
/// results, and a per-call price per sale is refused the other way round.
#[test]
fn tl003_outcome_fees_are_per_result() {
    let input = "contract \"c\" {\n  pricing {\n    outcome_fee 12_000 円 / call\n    per_call 300 JPY / sale\n  }\n}\n";
    let found = invalid("tl003_outcome_fee_per_call", input);
    assert_eq!(rules(&found), ["TL003", "TL003"], "{found:?}");
    assert_eq!(spanned(input, &found[0]), "12_000 円 / call");
    assert!(
        found[0]["message"].as_str().unwrap().contains("per result"),
        "{found:?}"
    );
    assert_eq!(spanned(input, &found[1]), "300 JPY / sale");
    for unit in ["acquisition", "appointments", "sale", "leads", "order"] {
        let input =
            format!("contract \"c\" {{\n  pricing {{ outcome_fee 12_000 円 / {unit} }}\n}}\n");
        let case = check(&input);
        assert_eq!(case.code, 0, "{input}: {}", case.human);
    }
}

// =====================================================================================
//  TL004 duplicate, TL005 missing
// =====================================================================================

#[test]
fn tl004_duplicate_points_at_the_second() {
    let input = r#"contract "c" {
  pricing {
    overage 200 JPY / call
    model   per_call
    overage 250 JPY / call
  }
}
"#;
    let found = invalid("tl004_duplicate_points_at_the_second", input);
    assert_eq!(rules(&found), ["TL004"]);
    assert_eq!(spanned(input, &found[0]), "overage 250 JPY / call");
    assert_eq!(found[0]["span"]["line"], 5);
}

#[test]
fn tl005_service_without_task() {
    let input = r#"contract "c" {
  service inbound {
    hours mon-fri 09:00-18:00
  }
}
"#;
    let found = invalid("tl005_service_without_task", input);
    assert_eq!(rules(&found), ["TL005"]);
    assert_eq!(spanned(input, &found[0]), "service inbound");
}

#[test]
fn tl005_waiver_without_reason() {
    let input = r#"contract "c" {
  waiver TL102 {
    approved_by "Procurement"
  }
}
"#;
    let found = invalid("tl005_waiver_without_reason", input);
    assert_eq!(rules(&found), ["TL005"]);
    assert_eq!(spanned(input, &found[0]), "waiver TL102");
}

// =====================================================================================
//  Many errors, and what is audited
// =====================================================================================

#[test]
fn every_error_of_a_file_is_reported() {
    let input = r#"contract "many" {
  titel "typo"
  status signd
  signed_on 2026-02-30
  vendor "V" {
    staff { turnover 35%; operators 12 ; operators 13 }
  }
  service outbound {
    hours mon-fri 09:00-09:00
  }
  pricing {
    overage "two hundred"
    base_fee 300_000 JPY / mnth
  }
  kpi { abandon_rate >= 5% }
  waiver TL101 { }
}
"#;
    let found = invalid("every_error_of_a_file_is_reported", input);
    assert_eq!(
        rules(&found),
        [
            "TL002", "TL003", "TL003", "TL003", "TL004", "TL005", "TL003", "TL003", "TL003",
            "TL003", "TL005"
        ]
    );
    // Sorted by offset.
    let offsets: Vec<u64> = found
        .iter()
        .map(|d| d["span"]["offset"].as_u64().unwrap())
        .collect();
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "{offsets:?}");
}

#[test]
fn a_broken_contract_is_not_audited_but_its_neighbour_is() {
    let input = r#"contract "broken" {
  pricing {
    model monthly_fixed
    base_fee 900_000 JPY / mnth
  }
}

contract "fine" {
  pricing {
    model    monthly_fixed
    base_fee 900_000 JPY / month
  }
}
"#;
    // The built-in rules, for this one case.
    let case = check_with(input.as_bytes(), &[]);
    assert_eq!(case.code, 1);
    snapshot(
        "a_broken_contract_is_not_audited_but_its_neighbour_is",
        input.as_bytes(),
        &case,
    );
    let found = diagnostics(&case);
    let of = |id: &str| -> Vec<&str> {
        found
            .iter()
            .filter(|d| d["contract"] == id)
            .map(|d| d["rule"].as_str().unwrap())
            .collect()
    };
    assert_eq!(
        of("broken"),
        ["TL003"],
        "no rule findings for a broken contract"
    );
    let fine = of("fine");
    assert!(!fine.is_empty(), "the valid contract is audited");
    assert!(fine.iter().all(|r| !r.starts_with("TL00")), "{fine:?}");
    assert!(fine.contains(&"TL102"), "{fine:?}");
    let json: serde_json::Value = serde_json::from_str(&case.json).unwrap();
    assert_eq!(json["summary"]["contracts"], 2);
    assert_eq!(json["summary"]["not_audited"], 1);
    assert!(
        case.human
            .contains("; 1 contract not audited because of errors in the contract text"),
        "{}",
        case.human
    );
}

// =====================================================================================
//  Fixed bugs: each test states the behaviour LANGUAGE.md asks for (they were found
//  by these tests and fixed since).
// =====================================================================================

/// A BOM is ignored (§1), so it must not count as a column: `bogus` starts at 1:1.
/// Today JSON says column 2 and the human header says `:1:4` (the BOM's 3 bytes).
#[test]
fn a_bom_does_not_shift_columns() {
    let input = "\u{FEFF}bogus \"c\" {\n}\n";
    let case = check(input);
    let found = diagnostics(&case);
    assert_eq!(found[0]["span"]["column"], 1, "{}", case.json);
    assert!(case.human.contains("contract.terms:1:1]"), "{}", case.human);
}

/// §2.1: `x_` fields are "accepted anywhere", the top of the file included; the
/// TL002 raised today even says "extension fields start with `x_`".
#[test]
fn extension_fields_are_accepted_at_the_top_of_the_file() {
    let input = "x_meta \"exported 2026-11-01\" { x_by \"procurement\" }\ncontract \"c\" {\n  title \"a\"\n}\n";
    let case = check(input);
    assert_eq!(case.code, 0, "{}", case.human);
}

/// A token that is no value is TL001; the schema should skip it (`Value::Invalid`:
/// "one mistake gives one diagnostic"), not also call it "one too many" (TL003).
#[test]
fn a_stray_token_gives_one_diagnostic() {
    let input = "contract \"c\" {\n  vendor \"V\" {\n    sites 2 @@\n  }\n}\n";
    let case = check(input);
    assert_eq!(rules(&diagnostics(&case)), ["TL001"], "{}", case.human);
}

/// `service_level 80%` omits `within 20 s`: one omission, one TL005.  Today it is
/// two (`missing its value` and `missing its `within``), both suggesting
/// `service_level 80% within 30 days`.
#[test]
fn a_missing_within_clause_gives_one_diagnostic() {
    let input = "contract \"c\" {\n  kpi {\n    service_level 80%\n  }\n}\n";
    let case = check(input);
    assert_eq!(rules(&diagnostics(&case)), ["TL005"], "{}", case.human);
}

/// The hint for a signed number names the sign the user wrote.
#[test]
fn the_sign_hint_names_the_sign_written() {
    let input = "contract \"c\" {\n  pricing {\n    initial_fee +100 JPY\n  }\n}\n";
    let case = check(input);
    let found = diagnostics(&case);
    let help = found[0]["help"].as_str().unwrap();
    assert!(!help.contains('-'), "{help}");
}

/// JSON spans are byte offsets into the file (§5.1).  For one invalid byte the span
/// is 1 byte long; today it is 3 (the length of U+FFFD in the lossy text).
#[test]
fn an_invalid_byte_spans_one_byte() {
    let input: &[u8] = b"contract \"c\" {\n  title \"a\xffb\"\n}\n";
    let case = check(input);
    let found = diagnostics(&case);
    assert_eq!(found[0]["span"]["offset"], 25);
    assert_eq!(found[0]["span"]["length"], 1, "{}", case.json);
}
