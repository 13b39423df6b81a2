"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright's Python API.

Serves the app on loopback over the fixture arena, opens every page, finds a leaderboard row,
renders the lineage graph, verifies an edge and finds the status persisted after a reload.
Screenshots are kept under the session's fixture arena (`<pytest tmp>/analytics_arena/artifacts/browser`).
Needs `/usr/bin/chromium` (`apt-get install -y chromium`); never `playwright install`.
"""
import os
import socket
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = {"": "DataArena",  # the overview, served at the root
         "leaderboard": "Leaderboard", "findings": "Findings", "dataset": "Dataset", "compare": "Compare datasets",
         "lineage": "Lineage explorer", "trends": "Trends", "correlations": "Correlations"}

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install -y chromium)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(analytics_arena):
    from app.serve import start

    home = Path(os.environ["ARENA_HOME"])
    port = _free_port()
    log = open(home / "streamlit.log", "wb")
    proc = start(port, env={"ARENA_HOME": str(home)}, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail(f"streamlit did not come up: {(home / 'streamlit.log').read_text()[-2000:]}")
        time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def shots():
    folder = Path(os.environ["ARENA_HOME"]) / "artifacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(page, url: str, title: str):
    page.goto(url)
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    _settle(page)


def _settle(page):
    """Wait until Streamlit has finished the script run (its status widget disappears)."""
    page.wait_for_timeout(500)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    page.wait_for_timeout(300)


def _choose(page, label: str, text: str):
    """Pick the option containing `text` in the Streamlit selectbox labelled `label`."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    _settle(page)


def test_every_page_renders(browser, app_url, shots):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for path, title in PAGES.items():
        _open(page, f"{app_url}/{path}", title)
        assert page.locator("[data-testid='stException']").count() == 0, f"/{path} shows an exception"
        assert page.get_by_text("Page not found").count() == 0, f"/{path} is not a page"
        page.screenshot(path=str(shots / f"{path or 'overview'}.png"), full_page=True)
    page.close()


def test_leaderboard_row(browser, app_url, shots):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _open(page, f"{app_url}/leaderboard", "Leaderboard")
    _choose(page, "Setup (source · base model)", "Arena run")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    # the data grid draws on a canvas and mirrors the visible cells in an accessible table inside it
    grid.locator("td[role='gridcell']", has_text="Demo math, clean step-by-step").first.wait_for(
        state="attached", timeout=30_000)
    assert page.get_by_role("dialog").count() == 0  # no 'page not found'
    page.screenshot(path=str(shots / "leaderboard_local.png"), full_page=True)
    page.close()


def test_lineage_graph_verify_edge_persists(browser, app_url, shots):
    from arena_cli import runs as cli
    from lineage.reviews import read_reviews
    from warehouse.paths import ArenaPaths

    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    _open(page, f"{app_url}/lineage", "Lineage explorer")
    _choose(page, "Focus dataset", "demo_math_clean")
    graph = page.locator("[data-testid='stVegaLiteChart'], .vega-embed").first
    graph.wait_for(timeout=30_000)
    assert graph.bounding_box()["height"] > 100
    _choose(page, "Edge", "demo_math_terse")
    page.get_by_role("textbox", name="Reviewer").fill("browser-test")
    page.keyboard.press("Enter")
    _settle(page)
    page.get_by_role("button", name="Verify edge").click()
    page.get_by_text("demo_math_clean → demo_math_terse marked verified").wait_for(timeout=30_000)
    page.screenshot(path=str(shots / "lineage_verified.png"), full_page=True)

    assert cli.run_job("warehouse").success  # the snapshot every session reads applies the review log
    page.reload()
    page.get_by_role("heading", name="Lineage explorer").first.wait_for(timeout=60_000)
    _settle(page)
    _choose(page, "Focus dataset", "demo_math_clean")
    _choose(page, "Edge", "demo_math_terse")
    # the stored review shows after a reload (waited for: the page may still be rendering on a loaded machine)
    page.get_by_text("review status: verified").first.wait_for(timeout=30_000)
    page.screenshot(path=str(shots / "lineage_after_reload.png"), full_page=True)
    page.close()
    stored = [r for r in read_reviews(ArenaPaths.from_env()).to_pylist() if r["reviewer"] == "browser-test"]
    assert stored and {r["status"] for r in stored} == {"verified"}
