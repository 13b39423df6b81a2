"""Screenshots of every dashboard page in a real browser, to look at what stakeholders see.

    python -m app.screenshots docs/screenshots [--port 8599]

Serves the app on loopback over `$ARENA_HOME`'s published snapshot and drives Debian's headless
Chromium with Playwright (never `playwright install`: it downloads a browser), one full-page PNG per
page, named after the page's URL.
"""
from __future__ import annotations

import argparse
import socket
import tempfile
import sys
import time
import urllib.request
from pathlib import Path

from app.serve import start

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = {"overview": ("", "DataArena"), "leaderboard": ("leaderboard", "Leaderboard"),
         "findings": ("findings", "Findings"), "dataset": ("dataset", "Dataset"),
         "compare": ("compare", "Compare datasets"), "lineage": ("lineage", "Lineage explorer"),
         "trends": ("trends", "Trends"), "correlations": ("correlations", "Correlations"),
         "domains": ("domains", "Domains"), "predicted_value": ("predicted_value", "Predicted value"),
         "experiments": ("experiments", "Experiments")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    raise RuntimeError("the dashboard did not come up")


def settle(page) -> None:
    """Wait until Streamlit has finished the script run and the charts have drawn."""
    page.wait_for_timeout(500)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    page.wait_for_timeout(1500)


def capture(out: Path, port: int | None = None, width: int = 1400, height: int = 2600) -> list[Path]:
    """One PNG per page. Streamlit scrolls inside its own container, so a full-page screenshot shows
    only the viewport: the viewport is made tall enough for a whole page instead."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(Path(tempfile.gettempdir()) / "arena-screenshots-streamlit.log", "wb")
    proc = start(port, stdout=log, stderr=log)
    written = []
    try:
        wait_healthy(url, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, (path, title) in PAGES.items():
                page.goto(f"{url}/{path}")
                page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
                settle(page)
                target = out / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.screenshots", description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--port", type=int)
    args = p.parse_args(argv)
    for path in capture(args.out, args.port):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
