"""`termlint compare --format html`, opened in Chromium: the table, the chart and
the break-evens a procurement reader sees, and a vendor name that holds a script."""

import pathlib
import shutil

from conftest import REPO, write_report

SCRIPT_TEXT = "<script>window.__pwned=1</script>"

# A fourth quote from a vendor whose name holds markup: 500,000 JPY a month flat.
HOSTILE = """\
contract "hostile-quote" {
  status quote
  vendor "<script>window.__pwned=1</script> & Co." { certifications iso27001 }
  service inbound order_taking { volume 4_000 calls / month }
  pricing {
    model    monthly_fixed
    tax      excluded
    base_fee 500_000 JPY / month
    included 5_000 calls / month
    overage  200 JPY / call
  }
}
"""


def compare_report(tmp_path: pathlib.Path, *args: str) -> pathlib.Path:
    quotes = tmp_path / "quotes"
    quotes.mkdir(exist_ok=True)
    for quote in (REPO / "contracts" / "quotes").glob("*.terms"):
        shutil.copy(quote, quotes / quote.name)
    (quotes / "hostile.terms").write_text(HOSTILE, encoding="utf-8")
    name = "compare-" + "-".join(a.strip("-") for a in args) + ".html"
    return write_report(tmp_path / name, "compare", "--format", "html", *args, str(quotes), expect_code=0)


def test_the_page_shows_the_table_the_chart_and_the_break_evens(tmp_path, open_report):
    report = open_report(compare_report(tmp_path))
    page = report.page
    report.screenshot(tmp_path / "compare-en.png")
    report.assert_clean()

    rows = page.eval_on_selector_all("#quotes tr.quote", "els => els.map(e => e.dataset.quote)")
    assert len(rows) == 4
    # The hostile quote (500,000 a month) is the cheapest at 4,000 calls.
    cheapest = page.locator("#quotes tr.cheapest")
    assert cheapest.count() == 1
    assert cheapest.get_attribute("data-quote") == "hostile-quote"
    bayside = page.locator('#quotes tr[data-quote="kotobuki-bayside-quote-2026-11"] td.monthly')
    assert bayside.inner_text() == "725,000 JPY"

    # The chart: one line per quote in its legend colour, the forecast marked, and
    # its axes named.
    chart = page.locator("#chart svg")
    assert chart.count() == 1
    colours = page.eval_on_selector_all("#chart .legend li", "els => els.map(e => e.dataset.colour)")
    assert len(colours) == 4
    strokes = page.eval_on_selector_all(
        '#chart svg polyline[stroke-width="3"]', "els => els.map(e => e.getAttribute('stroke'))"
    )
    assert sorted(strokes) == sorted(colours)
    labels = page.eval_on_selector_all("#chart svg text", "els => els.map(e => e.textContent.trim())")
    assert "forecast 4,000" in labels
    assert "contacts a month" in labels
    assert any(label.startswith("monthly cost") for label in labels)
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 200

    # Break-evens in words, the chart ringing those inside its range.
    sentences = page.locator("#break-evens li").all_inner_texts()
    assert "Northstar BPO K.K. is cheaper than Bayside Contact Ltd. above 5,790 contacts a month." in sentences
    assert page.locator("#chart svg circle").count() >= 1


def test_a_vendor_name_holding_a_script_stays_text(tmp_path, open_report):
    report = open_report(compare_report(tmp_path))
    page = report.page
    report.assert_clean()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    legend = page.locator('#chart .legend li[data-quote="hostile-quote"]')
    assert legend.inner_text() == SCRIPT_TEXT + " & Co."
    assert page.get_by_text(SCRIPT_TEXT).first.is_visible()


def test_the_japanese_page_reads_in_japanese(tmp_path, open_report):
    report = open_report(compare_report(tmp_path, "--lang", "ja"))
    page = report.page
    report.screenshot(tmp_path / "compare-ja.png")
    report.assert_clean()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "見積比較"
    labels = page.eval_on_selector_all("#chart svg text", "els => els.map(e => e.textContent.trim())")
    assert "想定 4,000 件" in labels
    assert "月間件数" in labels
    assert page.locator('#quotes tr[data-quote="kotobuki-bayside-quote-2026-11"] td.monthly').inner_text() == "725,000円"
