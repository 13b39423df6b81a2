"""Land published results files in the lake, one partition per source, through `warehouse.lake`.

A file's source is 'published:<stem>' unless named; re-importing a file replaces its partitions
whole (never duplicates). Formats: ODA's leaderboard JSON (`.json`) and plain CSV (`.csv`).
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from results.csv_results import read_results_csv
from results.oda import ImportedResults, read_oda_file
from results.schema import (AGGREGATES_SCHEMA, AGGREGATES_TABLE, DATASETS_SCHEMA, DATASETS_TABLE, SCORES_SCHEMA,
                            SCORES_TABLE, ResultsFormatError, source_partition)
from warehouse.lake import write_partition
from warehouse.paths import ArenaPaths

READERS = {".json": read_oda_file, ".csv": read_results_csv}


def read_results_file(path: Path, source: str | None = None) -> ImportedResults:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ResultsFormatError(f"{path}: unknown results format (expected {', '.join(READERS)})")
    if not path.exists():
        raise ResultsFormatError(f"{path}: no such file")
    return reader(path, source or f"published:{path.stem}")


def write_results(paths: ArenaPaths, imported: ImportedResults, source: str) -> dict[str, int]:
    """Replace the source's partitions of the three results tables."""
    part = source_partition(source)
    return {
        SCORES_TABLE: write_partition(paths, SCORES_TABLE, part, pa.Table.from_pylist(imported.scores, SCORES_SCHEMA)),
        AGGREGATES_TABLE: write_partition(paths, AGGREGATES_TABLE, part,
                                          pa.Table.from_pylist(imported.aggregates, AGGREGATES_SCHEMA)),
        DATASETS_TABLE: write_partition(paths, DATASETS_TABLE, part,
                                        pa.Table.from_pylist(imported.datasets, DATASETS_SCHEMA)),
    }


def import_results_file(paths: ArenaPaths, path: Path, source: str | None = None) -> dict[str, int]:
    source = source or f"published:{Path(path).stem}"
    if not source.startswith("published:"):
        raise ResultsFormatError(f"{path}: a published source must be named 'published:<name>', got {source!r}")
    return write_results(paths, read_results_file(path, source), source)


def results_files(folder: Path) -> list[Path]:
    """The results files in a folder (the asset's inbox), sorted for stable runs."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in READERS and p.is_file())


def main(argv: list[str] | None = None) -> int:
    """`python -m results.importer FILE [--source published:NAME]`: import one file into $ARENA_HOME's lake
    (the lead's `arena import-results` can call this); rebuild the warehouse afterwards."""
    import argparse
    import sys

    p = argparse.ArgumentParser(prog="python -m results.importer", description="Import a published results file.")
    p.add_argument("file", type=Path)
    p.add_argument("--source", help="'published:<name>' (default: published:<file stem>)")
    args = p.parse_args(argv)
    try:
        written = import_results_file(ArenaPaths.from_env(), args.file, args.source)
    except ResultsFormatError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(", ".join(f"{table}: {n} rows" for table, n in written.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
