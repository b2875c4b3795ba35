"""`termlint check --format html`, opened in Chromium as a reader would open it."""

import pathlib

from conftest import write_report

# A contract whose own strings hold markup, as a vendor's name or a pasted quote
# may: the report must show them as text and run none of it.  Its findings are one
# of each severity (TL102 error, TL501 warning, TL207 info) and one waived (TL601).
HOSTILE = """\
// A contract whose strings hold markup.
contract "hostile-2026" {
  title     "Night desk <script>window.__pwned=1</script> & \\"quotes\\" 'too'"
  client    "Client K.K."
  status    signed
  signed_on 2026-02-20
  start     2026-04-01

  vendor "<script>window.__pwned=1</script>" {
    sites 1
    staff { operators 12; supervisors 1; dedicated yes; training 40h; turnover 18% / year; languages ja }
    subcontracting prohibited
  }

  service inbound order_taking {
    hours    mon-fri 09:00-20:00
    channels phone
    volume   6_000 calls / month
    manual   client
  }

  pricing {  // <img src=x onerror="window.__pwned=2">
    model    monthly_fixed
    base_fee 900_000 JPY / month
    included 6_000 calls / month
  }

  term {
    minimum         24 months
    renewal         manual
    notice          60 days
    for_convenience yes
    exit_assistance yes
  }

  waiver long-lock-in {
    reason      "accepted for a 10% lower seat rate <img src=x onerror=window.__pwned=3>"
    approved_by "IT Procurement Board"
    expires     2027-09-30
  }
}
"""

SCRIPT_TEXT = "<script>window.__pwned=1</script>"


def check_report(tmp_path: pathlib.Path, *args: str) -> pathlib.Path:
    contract = tmp_path / "hostile.terms"
    contract.write_text(HOSTILE, encoding="utf-8")
    name = "report-" + "-".join(a.strip("-") for a in args) + ".html" if args else "report.html"
    return write_report(
        tmp_path / name,
        "check",
        "--format",
        "html",
        "--show-waived",
        "--today",
        "2026-09-01",
        *args,
        str(contract),
        expect_code=1,  # TL102 is an error: the run fails, the page is still written
    )


def rules_in(page, selector: str) -> set[str]:
    return set(page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.rule)"))


def test_the_report_shows_every_finding_of_the_contract(tmp_path, open_report):
    report = open_report(check_report(tmp_path))
    page = report.page
    report.screenshot(tmp_path / "check-en.png")

    assert page.locator("html").get_attribute("lang") == "en"
    contract = page.locator('.contract[data-contract="hostile-2026"]')
    assert contract.count() == 1
    assert rules_in(page, '.finding[data-severity="error"]:not(.waived)') == {"TL102"}
    assert {"TL501", "TL706"} <= rules_in(page, '.finding[data-severity="warning"]:not(.waived)')
    assert {"TL207", "TL105"} <= rules_in(page, '.finding[data-severity="info"]:not(.waived)')
    # Errors come first in the contract, then warnings, infos and what was waived.
    groups = contract.locator(".group").evaluate_all("els => els.map(e => e.dataset.group)")
    assert groups == ["error", "warning", "info", "waived"]

    # TL102 points at the `pricing` section: its line is the excerpt, numbered.
    overage = page.locator('.finding[data-rule="TL102"]')
    assert overage.locator(".excerpt").get_attribute("data-line") == "22"
    assert "pricing {" in overage.locator(".excerpt pre").inner_text()
    assert overage.locator(".help").is_visible()
    assert page.locator("#summary .summary-line").inner_text().startswith("1 file checked")


def test_markup_in_the_contract_is_shown_as_text_and_never_run(tmp_path, open_report):
    report = open_report(check_report(tmp_path))
    page = report.page

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert page.locator(".excerpt img").count() == 0
    assert '<img src=x onerror="window.__pwned=2">' in page.locator('.finding[data-rule="TL102"] pre').inner_text()
    # The vendor's name is the excerpt of TL207 (no certifications, at `vendor`).
    vendor = page.locator('.finding[data-rule="TL207"] .excerpt')
    assert SCRIPT_TEXT in vendor.inner_text()
    assert page.get_by_text(SCRIPT_TEXT).first.is_visible()


def test_an_id_with_quotes_and_markup_is_the_contract_s_id_in_the_page(tmp_path, open_report):
    contract_id = """id "&' <b>bold</b>"""
    contract = tmp_path / "quoted.terms"
    contract.write_text(
        'contract "id \\"&\' <b>bold</b>" {\n  title "Quoted"\n  term { minimum 24 months }\n}\n',
        encoding="utf-8",
    )
    path = write_report(tmp_path / "quoted.html", "check", "--format", "html", str(contract))
    page = open_report(path).page

    ids = page.eval_on_selector_all(".contract", "els => els.map(e => e.dataset.contract)")
    assert ids == [contract_id]
    assert page.locator(".contract h3 .contract-id").inner_text() == contract_id
    assert page.locator(".contract h3 b").count() == 0


def test_a_waived_finding_shows_its_reason_approver_and_expiry(tmp_path, open_report):
    page = open_report(check_report(tmp_path)).page

    waived = page.locator('.finding.waived[data-rule="TL601"]')
    assert waived.count() == 1
    assert "10% lower seat rate <img" in waived.locator(".reason").inner_text()
    assert waived.locator(".approved-by").inner_text() == "IT Procurement Board"
    assert waived.locator(".expires time").get_attribute("datetime") == "2027-09-30"


def test_the_japanese_report_has_japanese_headings(tmp_path, open_report):
    report = open_report(check_report(tmp_path, "--lang", "ja"))
    page = report.page
    report.screenshot(tmp_path / "check-ja.png")

    assert page.locator("html").get_attribute("lang") == "ja"
    headings = page.locator(".contract h4").all_inner_texts()
    assert [h.split("（")[0] for h in headings] == ["エラー", "警告", "情報", "適用除外"]
    waiver = page.locator(".finding.waived .waiver").inner_text()
    for word in ["理由", "承認者", "期限"]:
        assert word in waiver
    # The messages themselves are the rules' Japanese ones.
    assert "コールオーバー料金" in page.locator('.finding[data-rule="TL102"] .message').inner_text()
