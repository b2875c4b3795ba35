//! `termlint check --format html`: the page's content, its escaping of contract
//! text, and its Japanese.  (tests/browser/ opens the page in a real browser.)

mod common;

use common::termlint;

/// The page from `<body>` on: the findings and the summary.  The head (the style
/// sheet) is checked on its own, so a change of colour does not rewrite snapshots.
fn body(page: &str) -> &str {
    &page[page.find("<body>").expect("the page has a body")..]
}

#[test]
fn the_page_lists_findings_by_file_contract_and_severity_with_waivers() {
    let run = termlint(&[
        "check",
        "--format",
        "html",
        "--show-waived",
        "--today",
        "2026-09-01",
        "tests/data/error.terms",
        "tests/data/warning-only.terms",
        "contracts/citrus-help-desk.terms",
    ]);
    // The exit code is the other formats': an error fails the run.
    assert_eq!(run.code, 1, "{}", run.stderr);
    // As for the other machine formats, the summary line is on stderr too.
    assert!(run.stderr.contains("3 files checked"), "{}", run.stderr);
    insta::assert_snapshot!(body(&run.stdout));
}

#[test]
fn the_page_is_one_self_contained_document() {
    let run = termlint(&["check", "--format", "html", "tests/data/error.terms"]);
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"));
    assert!(page.ends_with("</main></body></html>\n"));
    assert_eq!(page.matches("<style>").count(), 1);
    // Nothing fetched, nothing run: no links, stylesheets, fonts or scripts.
    for outside in [
        "<script", "<link", "@import", "url(", "http://", "https://", "src=",
    ] {
        assert!(!page.contains(outside), "the page holds {outside}");
    }
}

#[test]
fn a_clean_run_says_so_and_exits_0() {
    let run = termlint(&["check", "--format", "html", "tests/data/clean.terms"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains("No findings: every contract checked passes."));
    assert!(!run.stdout.contains("class=\"file\""));
}

#[test]
fn waived_findings_are_counted_but_listed_only_with_show_waived() {
    let args = [
        "check",
        "--format",
        "html",
        "--today",
        "2026-09-01",
        "contracts/citrus-help-desk.terms",
    ];
    let hidden = termlint(&args).stdout;
    assert!(!hidden.contains("data-rule=\"TL601\""));
    assert!(hidden.contains("1 waived finding is not listed; run with --show-waived"));
    let shown = termlint(&[&args[..], &["--show-waived"]].concat()).stdout;
    assert!(shown.contains(
        "<dd class=\"approved-by\">IT Procurement Board</dd><dt>Expires</dt><dd class=\"expires\"><time datetime=\"2027-09-30\">2027-09-30</time></dd>"
    ));
}

/// Markup where a vendor or a pasted quote may put it: the id, the title, the
/// vendor's name, a comment on a clause, a waiver's reason and approver.
const HOSTILE: &str = r#"contract "<script>alert(1)</script>\"&'" {
  title  "<script>alert(1)</script>\"&'"
  client "Client K.K."
  vendor "<script>alert(1)</script>\"&'" { sites 1 }  // <script>alert(1)</script>"&'
  term {
    minimum 24 months  // <script>alert(1)</script>"&'
    renewal manual
  }
  waiver long-lock-in {
    reason      "<script>alert(1)</script>\"&'"
    approved_by "<script>alert(1)</script>\"&'"
  }
}
"#;

/// A rule that repeats the contract's strings in its message and help.
const ECHO: &str = r#"rule XSS-1 echoed-strings {
  severity warning
  category test
  when     present(title)
  at       title
  message  "title {title}, vendor {vendor}"
  help     "the id is {contract.id}"
}
"#;

#[test]
fn contract_strings_are_escaped_wherever_they_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("hostile.terms");
    std::fs::write(&contract, HOSTILE).unwrap();
    let rules = dir.path().join("echo.rules");
    std::fs::write(&rules, ECHO).unwrap();
    let run = termlint(&[
        "check",
        "--format",
        "html",
        "--show-waived",
        "--rules",
        rules.to_str().unwrap(),
        contract.to_str().unwrap(),
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let page = &run.stdout;
    // Each place the strings reach: the contract (attribute and heading), the
    // message and help of the echoing rule, the excerpts, the waiver.
    for place in [
        "data-rule=\"XSS-1\"",
        "data-rule=\"TL207\"",
        "data-waived=\"true\"",
        "class=\"approved-by\"",
    ] {
        assert!(page.contains(place), "{place} is missing:\n{page}");
    }
    assert!(!page.contains("<script"), "markup got through:\n{page}");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'";
    assert!(page.contains(&format!("data-contract=\"{escaped}\"")));
    assert!(page.contains(&format!("title {escaped}, vendor {escaped}")));
    assert!(page.contains(&format!("the id is {escaped}")));
    assert!(page.contains(&format!("<dd class=\"reason\">{escaped}</dd>")));
    assert!(page.contains(&format!("<dd class=\"approved-by\">{escaped}</dd>")));
    // The comments are the contract's text, shown in the excerpts: a bare `"` is
    // escaped there too.
    assert!(page.contains("// &lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'"));
    // `'` needs no escape: every attribute is double-quoted, so it can end none.
    assert!(!page.contains("='"));
}

#[test]
fn the_japanese_page_has_japanese_headings() {
    let run = termlint(&[
        "check",
        "--format",
        "html",
        "--lang",
        "ja",
        "--show-waived",
        "--today",
        "2026-09-01",
        "tests/data/error.terms",
        "tests/data/warning-only.terms",
        "contracts/citrus-help-desk.terms",
    ]);
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"ja\">"));
    for heading in [
        "<title>契約書の検査結果（termlint）</title>",
        "<h4>エラー（1 件）</h4>",
        "<h4>警告（1 件）</h4>",
        "<h4>情報（1 件）</h4>",
        "<h4>適用除外（1 件）</h4>",
        "<dt>理由</dt>",
        "<dt>承認者</dt>",
        "<dt>期限</dt>",
        "<strong>対処：</strong>",
        "<h2>概要</h2>",
    ] {
        assert!(page.contains(heading), "{heading} is missing:\n{page}");
    }
    // The summary line is the one the other formats print in Japanese.
    assert!(page.contains(
        "3 ファイル・3 件の契約を検査: エラー 1 件、警告 1 件、情報 1 件、適用除外 1 件"
    ));
    // The rules' own Japanese messages.
    assert!(page.contains("コールオーバー料金が定められておらず"));
    assert!(!page.contains("How to fix"));
}
