"""Fetching a benchmark's raw data files from where its authors publish them (a GitHub repository
pinned to a commit), for benchmarks with no Hub dataset to name in `dataset_path`.

The download goes through `datasets`' own downloader, so the files land in (and are reused from)
the datasets cache like any other task's data, and an offline run fails with datasets' offline
error instead of hanging. Loaders take the base URL as a parameter: a mirror (or a test's loopback
server) serves the same layout.
"""
from __future__ import annotations

import json
from pathlib import Path


def download(urls: list[str], cache_dir: str | None = None) -> list[Path]:
    """Local copies of `urls` (cached by `datasets`), in order."""
    from datasets import DownloadConfig, DownloadManager

    manager = DownloadManager(download_config=DownloadConfig(cache_dir=cache_dir))
    return [Path(p) for p in manager.download(list(urls))]


def read_json_lines(path: Path) -> list[dict]:
    """The records of a JSON-lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
