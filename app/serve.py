"""Serve the dashboard: `serve(port)` runs `streamlit run app/streamlit_app.py` on loopback.

`arena app` calls this; tests start it with `start()` and stop the process. The toolbar is in viewer
mode: readers get no "Deploy" or developer menu.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "streamlit_app.py"


def command(port: int = 8501, address: str = "127.0.0.1") -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
            "--server.address", address, "--server.port", str(port), "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"]


def start(port: int = 8501, env: dict | None = None, **popen) -> subprocess.Popen:
    """Start the app in a child process (returns at once)."""
    return subprocess.Popen(command(port), cwd=APP.parent.parent, env={**os.environ, **(env or {})}, **popen)


def serve(port: int = 8501) -> int:
    """Serve until interrupted; returns streamlit's exit code."""
    print(f"DataArena dashboard on http://127.0.0.1:{port}", file=sys.stderr)
    return subprocess.call(command(port), cwd=APP.parent.parent)


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8501))
