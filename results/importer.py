"""Land published results files in the lake, one partition per source, through `warehouse.lake`.

A file's source is 'published:<stem>' unless named; re-importing a file replaces its partitions
whole (never duplicates). Formats: ODA's leaderboard JSON (both layouts) and score-summary JSON
(`.json`), ODA's raw workbook (`.xlsx`), plain CSV (`.csv`) and the project's own snapshots
(`.json.gz`, `results.snapshot`). A URL is downloaded first (`fetch_url`) and imported the same way.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pyarrow as pa

from results.csv_results import read_results_csv
from results.oda import ImportedResults, read_oda_file
from results.benchmarks import SUITE
from results.oda_xlsx import read_oda_xlsx
from results.schema import ResultsFormatError, source_partition
from warehouse.tables import (BENCHMARK_SCORES, BENCHMARK_SUITE, PUBLISHED_AGGREGATES, PUBLISHED_DATASETS,
                              PUBLISHED_SCORE_SUMMARIES, RESULTS_IMPORT_ISSUES)
from results.snapshot import read_snapshot, snapshot_source
from warehouse.lake import write_partition
from warehouse.paths import ArenaPaths

READERS = {".json.gz": read_snapshot, ".json": read_oda_file, ".xlsx": read_oda_xlsx, ".csv": read_results_csv}
TABLES = {  # ImportedResults field -> (lake table, schema)
    "scores": (BENCHMARK_SCORES.name, BENCHMARK_SCORES.schema),
    "aggregates": (PUBLISHED_AGGREGATES.name, PUBLISHED_AGGREGATES.schema),
    "datasets": (PUBLISHED_DATASETS.name, PUBLISHED_DATASETS.schema),
    "summaries": (PUBLISHED_SCORE_SUMMARIES.name, PUBLISHED_SCORE_SUMMARIES.schema),
    "issues": (RESULTS_IMPORT_ISSUES.name, RESULTS_IMPORT_ISSUES.schema),
}
MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024


def _format(path: Path) -> str | None:
    name = path.name.lower()
    return next((suffix for suffix in READERS if name.endswith(suffix)), None)


def default_source(path: Path) -> str:
    if _format(path) == ".json.gz":
        return snapshot_source(path)
    return f"published:{path.name[: -len(_format(path) or path.suffix)] or path.stem}"


def read_results_file(path: Path, source: str | None = None) -> ImportedResults:
    path = Path(path)
    fmt = _format(path)
    if fmt is None:
        raise ResultsFormatError(f"{path}: unknown results format (expected {', '.join(READERS)})")
    if not path.exists():
        raise ResultsFormatError(f"{path}: no such file")
    return READERS[fmt](path, source or default_source(path))


def write_benchmark_suite(paths: ArenaPaths) -> int:
    """The suite table (results.benchmarks) beside the results, so the marts group benchmarks by it."""
    rows = [dict(benchmark=b.id, benchmark_name=b.name, domain=b.domain) for b in SUITE]
    return write_partition(paths, BENCHMARK_SUITE.name, "oda", pa.Table.from_pylist(rows, BENCHMARK_SUITE.schema))


def write_results(paths: ArenaPaths, imported: ImportedResults, source: str) -> dict[str, int]:
    """Replace the source's partitions of every results table (an empty table clears the partition)."""
    part = source_partition(source)
    written = {table: write_partition(paths, table, part, pa.Table.from_pylist(getattr(imported, field), schema))
               for field, (table, schema) in TABLES.items()}
    write_benchmark_suite(paths)
    return written


def import_results_file(paths: ArenaPaths, path: Path, source: str | None = None) -> dict[str, int]:
    source = source or default_source(Path(path))
    if not source.startswith("published:"):
        raise ResultsFormatError(f"{path}: a published source must be named 'published:<name>', got {source!r}")
    return write_results(paths, read_results_file(path, source), source)


def is_url(text: str) -> bool:
    return urlparse(str(text)).scheme in ("http", "https")


def fetch_url(url: str, folder: Path, timeout: float = 60.0) -> Path:
    """Download a results file over HTTP(S) into `folder`, named after the URL's last path segment.

    The format is told by that name (as for a local file); the download is written to a temporary
    name and renamed, so an interrupted download never leaves a half file to import."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(urlparse(url).path).name) or "results.json"
    if _format(Path(name)) is None:
        raise ResultsFormatError(f"{url}: cannot tell the format from the name {name!r} "
                                 f"(expected {', '.join(READERS)})")
    folder.mkdir(parents=True, exist_ok=True)
    target, partial = folder / name, folder / f".{name}.partial"
    request = urllib.request.Request(url, headers={"User-Agent": "dataarena-results-importer"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, open(partial, "wb") as f:
            total = 0
            while chunk := response.read(1 << 20):
                total += len(chunk)
                if total > MAX_DOWNLOAD_BYTES:
                    raise ResultsFormatError(f"{url}: larger than {MAX_DOWNLOAD_BYTES >> 20} MiB")
                f.write(chunk)
    except urllib.error.HTTPError as e:
        partial.unlink(missing_ok=True)
        raise ResultsFormatError(f"{url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        partial.unlink(missing_ok=True)
        raise ResultsFormatError(f"{url}: download failed ({getattr(e, 'reason', e)})") from None
    except ResultsFormatError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def import_results(paths: ArenaPaths, file_or_url: str, source: str | None = None) -> tuple[Path, str, dict[str, int]]:
    """Import a local file or a URL; returns the file imported, its source and rows per table."""
    path = fetch_url(file_or_url, paths.home / "results" / "downloads") if is_url(file_or_url) else Path(file_or_url)
    source = source or default_source(path)
    return path, source, import_results_file(paths, path, source)


def results_files(folder: Path) -> list[Path]:
    """The results files in a folder (the asset's inbox), sorted for stable runs."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and _format(p) is not None)


def main(argv: list[str] | None = None) -> int:
    """`python -m results.importer FILE_OR_URL [--source published:NAME]`: import into $ARENA_HOME's lake;
    `arena import-results` does the same and rebuilds the warehouse."""
    import argparse
    import sys

    p = argparse.ArgumentParser(prog="python -m results.importer", description="Import a published results file.")
    p.add_argument("file")
    p.add_argument("--source", help="'published:<name>' (default: published:<file stem>)")
    args = p.parse_args(argv)
    try:
        _, source, written = import_results(ArenaPaths.from_env(), args.file, args.source)
    except ResultsFormatError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{source}: " + ", ".join(f"{table}: {n} rows" for table, n in written.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
