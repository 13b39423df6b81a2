"""Read plain CSV results (one row per score) into the results contract.

Required columns: base_model, benchmark, domain, value; optional: protocol_id, dataset_id (empty for
a baseline), model_role (default 'finetuned' with a dataset, else it must be given), metric (default
'score'), stderr, n_items, run_id, is_primary (default true). Values are on a 0-100 scale.
"""
from __future__ import annotations

import csv
from pathlib import Path

from results.oda import ImportedResults
from results.schema import DOMAINS, MODEL_ROLES, ResultsFormatError, slug

REQUIRED = ("base_model", "benchmark", "domain", "value")


def _float(row: dict, col: str, where: str) -> float | None:
    raw = (row.get(col) or "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise ResultsFormatError(f"{where}: {col} {raw!r} is not a number") from None


def read_results_csv(path: Path, source: str) -> ImportedResults:
    out = ImportedResults()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ResultsFormatError(f"{path}: missing column(s) {', '.join(missing)}")
        for i, row in enumerate(reader, start=2):
            where = f"{path}: line {i}"
            dataset_id = (row.get("dataset_id") or "").strip() or None
            role = (row.get("model_role") or "").strip() or ("finetuned" if dataset_id else "")
            if role not in MODEL_ROLES:
                raise ResultsFormatError(f"{where}: model_role {role!r} must be one of {', '.join(MODEL_ROLES)}")
            if (role == "finetuned") != (dataset_id is not None):
                raise ResultsFormatError(f"{where}: a finetuned row needs a dataset_id and a baseline none")
            domain = row["domain"].strip().lower()
            if domain not in DOMAINS:
                raise ResultsFormatError(f"{where}: domain {domain!r} must be one of {', '.join(DOMAINS)}")
            value = _float(row, "value", where)
            if value is None or not 0 <= value <= 100:
                raise ResultsFormatError(f"{where}: value must be a number on a 0-100 scale")
            base_model = row["base_model"].strip()
            protocol = (row.get("protocol_id") or "").strip() or f"{source}:{slug(base_model)}"
            n_items = _float(row, "n_items", where)
            primary = (row.get("is_primary") or "true").strip().lower() not in ("false", "0", "no")
            out.scores.append(dict(
                source=source, base_model=base_model, protocol_id=protocol, dataset_id=dataset_id, model_role=role,
                benchmark=slug(row["benchmark"]), domain=domain, metric=slug(row.get("metric") or "score"),
                value=value, stderr=_float(row, "stderr", where), n_items=int(n_items) if n_items is not None else None,
                run_id=(row.get("run_id") or "").strip() or f"{source}:{base_model}:{dataset_id or role}",
                is_primary=primary))
    if not out.scores:
        raise ResultsFormatError(f"{path}: no rows")
    return out
