"""Shared set-up of the browser suite: termlint's HTML reports, opened in Chromium.

The binary is `target/debug/termlint` (under CARGO_TARGET_DIR when that is set)
unless TERMLINT_BIN (or TERMLINT) names another; build it first (`cargo build`).  The browser is Debian's Chromium at
/usr/bin/chromium (CHROMIUM names another): Playwright's own browser download is
never used, and these machines have no network to fetch one.

A report page is tested by one test file: write its input under `tmp_path`, build
the page with `termlint(...)`, then `open_report(path)`.  Opening fails the test on
any console error, page error or request that leaves the file (a report must be
self-contained), and `screenshot(...)` keeps a picture of what the reader sees.
"""

import os
import pathlib
import subprocess
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

REPO = pathlib.Path(__file__).resolve().parents[2]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
BINARY = (
    os.environ.get("TERMLINT_BIN")
    or os.environ.get("TERMLINT")
    or str(TARGET.resolve() / "debug" / "termlint")
)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Headless, and nothing that reaches for the network on its own: the machines that
# run this suite have none, and a report must not need one.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def termlint(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """Runs the command line; LANG=C so a report's language is the one asked for."""
    return subprocess.run(
        [BINARY, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "LANG": "C"},
        check=False,
    )


def write_report(path: pathlib.Path, *args: str, expect_code: int | None = None, cwd=None) -> pathlib.Path:
    """Writes what `termlint ARGS…` prints to `path` (an HTML report) and returns it."""
    run = termlint(*args, cwd=cwd)
    assert run.returncode in (0, 1), f"termlint {' '.join(args)} failed: {run.stderr}"
    if expect_code is not None:
        assert run.returncode == expect_code, run.stderr
    assert run.stdout, f"termlint {' '.join(args)} printed nothing: {run.stderr}"
    path.write_text(run.stdout, encoding="utf-8")
    return path


@dataclass
class OpenedReport:
    """A report open in the browser, and what went wrong while it was."""

    page: Page
    url: str
    problems: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.problems, "the page reported problems:\n" + "\n".join(self.problems)

    def screenshot(self, path: pathlib.Path) -> pathlib.Path:
        """A full-page PNG at `path`, checked to be a non-empty PNG."""
        self.page.screenshot(path=str(path), full_page=True)
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{path} is not a PNG"
        assert len(data) > 1000, f"{path} is only {len(data)} bytes"
        return path


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"no browser at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)")
    if not pathlib.Path(BINARY).exists():
        pytest.fail(f"no termlint at {BINARY}: run `cargo build` first (or set TERMLINT_BIN)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def open_report(browser: Browser):
    """`open_report(path)`: the HTML file at `path`, loaded, with its problems collected.

    Every page opened is checked again when the test ends, so an error raised while
    the test clicks around fails it too.
    """
    contexts = []
    opened: list[OpenedReport] = []

    def open_(path: pathlib.Path) -> OpenedReport:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        contexts.append(context)
        page = context.new_page()
        report = OpenedReport(page=page, url=path.resolve().as_uri())
        opened.append(report)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                report.problems.append(f"console error: {message.text}")

        def on_request(route: Route, request: Request) -> None:
            # The page itself is the one file allowed; anything else (a font, a
            # stylesheet, a tracker) would break a report mailed to procurement.
            if request.url == report.url:
                route.continue_()
            else:
                report.problems.append(f"request outside the page: {request.url}")
                route.abort()

        page.on("console", on_console)
        page.on("pageerror", lambda error: report.problems.append(f"page error: {error}"))
        context.route("**/*", on_request)
        response = page.goto(report.url, wait_until="load")
        assert response is None or response.ok, f"{report.url} did not load"
        report.assert_clean()
        return report

    yield open_
    try:
        for report in opened:
            report.assert_clean()
    finally:
        for context in contexts:
            context.close()
