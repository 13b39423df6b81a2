"""Compact, provenance-stamped snapshots of published results, shipped with the project.

A fresh clone has no copy of ODA's files, yet its dashboard should show ODA's real leaderboard. A
snapshot is the imported rows of one or more published files (scores, stated aggregates, cards,
score summaries, import issues) in column-wise gzipped JSON, with a `provenance` block naming each
input file's repository, commit, path, size and SHA-256, so every figure can be traced to its source.

    python -m results.snapshot build OUT.json.gz --source published:oda-2025-07 \
        --provenance ../shared/data/oda_leaderboard/PROVENANCE.txt FILE [FILE ...]
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from results.oda import ImportedResults
from results.schema import ResultsFormatError

FORMAT = "dataarena-results-snapshot/1"
PARTS = ("scores", "aggregates", "datasets", "summaries", "issues")
SNAPSHOT_DIR = Path(__file__).parent / "snapshots"


def shipped_snapshots() -> list[Path]:
    """The snapshots that ship with the project (imported by `arena demo`)."""
    return sorted(SNAPSHOT_DIR.glob("*.json.gz"))


def _columns(rows: list[dict]) -> dict:
    keys = list(rows[0]) if rows else []
    return {"columns": keys, "rows": [[r[k] for k in keys] for r in rows]}


def _rows(block: dict) -> list[dict]:
    return [dict(zip(block["columns"], r)) for r in block["rows"]]


def _upstream(provenance_text: str) -> dict:
    """Repository and commit as a PROVENANCE.txt states them ('Repository: ...', '... commit <sha>')."""
    repo = re.search(r"Repository:\s*(\S+)", provenance_text)
    commit = re.search(r"commit\s+([0-9a-f]{40})", provenance_text)
    return {"repository": repo.group(1) if repo else None, "commit": commit.group(1) if commit else None}


def build_snapshot(files: list[Path], source: str, provenance_file: Path | None, out: Path) -> dict:
    """Import `files` as one source and write them as a snapshot; returns the provenance block."""
    from results.importer import read_results_file

    merged = ImportedResults()
    inputs = []
    for path in files:
        path = Path(path)
        merged.extend(read_results_file(path, source))
        data = path.read_bytes()
        inputs.append({"file": path.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    upstream = _upstream(Path(provenance_file).read_text(encoding="utf-8")) if provenance_file else {}
    provenance = {"source": source, **upstream, "inputs": inputs,
                  "built": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
                  "license": "none stated upstream; published benchmark scores (facts and figures)",
                  "counts": {part: len(getattr(merged, part)) for part in PARTS}}
    doc = {"format": FORMAT, "provenance": provenance, **{part: _columns(getattr(merged, part)) for part in PARTS}}
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(doc, f, separators=(",", ":"))
    return provenance


def read_snapshot(path: Path, source: str | None = None) -> ImportedResults:
    """The rows of a snapshot; `source` must match the one it was built with, when given."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ResultsFormatError(f"{path}: not a readable results snapshot ({e})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ResultsFormatError(f"{path}: not a {FORMAT} file")
    built_for = doc["provenance"]["source"]
    if source and source != built_for:
        raise ResultsFormatError(f"{path}: snapshot of source {built_for!r}, asked to import as {source!r}")
    return ImportedResults(**{part: _rows(doc[part]) for part in PARTS})


def snapshot_source(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)["provenance"]["source"]


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m results.snapshot")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="import published files and write them as one snapshot")
    b.add_argument("out", type=Path)
    b.add_argument("files", nargs="+", type=Path)
    b.add_argument("--source", required=True, help="'published:<name>'")
    b.add_argument("--provenance", type=Path, help="the input folder's PROVENANCE.txt (repository, commit)")
    args = p.parse_args(argv)
    provenance = build_snapshot(args.files, args.source, args.provenance, args.out)
    print(json.dumps(provenance, indent=1))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
