"""Read a leaderboard file in OpenDataArena's JSON layout into the results contract.

The layout (as served by ODA's site): a JSON object whose keys are base-model families ('llama',
'qwen', ...), each a list of entries. An entry has `name`, `domain` ('base' and 'instruct' mark the
two baselines; otherwise the dataset's domain), per-domain averages `<domain>_avg`, `overall_avg`,
efficiencies `<domain>_efficiency`, the task list `task_details.<domain>_tasks[]` with
`task_name` and `metrics[{metric, score}]`, and a card (`year`, `size_precise`, `link` to the Hub,
`paper_link`, `affiliation`, `tag`). Keys that are not lists (comments) are ignored.

Averages are kept as the file states them (in `published_aggregates`) and recomputed by the marts
from the task scores, so an import is checked against its own arithmetic.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from results.schema import DOMAINS, ResultsFormatError, hub_dataset_id, slug

BASELINE_ROLES = {"base": "base", "instruct": "instruct"}


@dataclass
class ImportedResults:
    """Rows for the three results tables, from one file."""
    scores: list[dict] = field(default_factory=list)
    aggregates: list[dict] = field(default_factory=list)
    datasets: list[dict] = field(default_factory=list)


MISSING = {"", "-", "\u2014", "n/a", "na", "nan", "none", "null"}


def _number(value: Any, where: str) -> float | None:
    """A number, or None for the markers leaderboards use for a missing score ('', '-', 'N/A')."""
    if value is None or (isinstance(value, str) and value.strip().lower() in MISSING):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ResultsFormatError(f"{where}: expected a number, got {value!r}")
    try:
        return float(value)
    except ValueError:
        raise ResultsFormatError(f"{where}: expected a number, got {value!r}") from None


def _dataset_id(entry: dict) -> str:
    link = str(entry.get("link") or "")
    marker = "huggingface.co/datasets/"
    if marker in link:
        return hub_dataset_id(link.split(marker, 1)[1].split("?")[0])
    return slug(str(entry["name"]))


def _year(entry: dict, where: str) -> int | None:
    raw = str(entry.get("year") or "").strip()
    if not raw:
        return None
    if not raw[:4].isdigit():
        raise ResultsFormatError(f"{where}: year {raw!r} is not a year")
    return int(raw[:4])


def parse_oda(data: dict, source: str, origin: str = "<data>") -> ImportedResults:
    """Convert a parsed ODA leaderboard object. `source` is 'published:<name>'."""
    if not isinstance(data, dict):
        raise ResultsFormatError(f"{origin}: expected a JSON object keyed by base-model family")
    out = ImportedResults()
    families = {k: v for k, v in data.items() if isinstance(v, list)}
    if not families:
        raise ResultsFormatError(f"{origin}: no base-model family (a key holding a list of entries)")
    for family, entries in families.items():
        base_names = [e.get("name") for e in entries if isinstance(e, dict) and e.get("domain") == "base"]
        if len(base_names) != 1:
            raise ResultsFormatError(f"{origin}: family '{family}' needs exactly one entry with domain 'base', "
                                     f"found {len(base_names)}")
        base_model = str(base_names[0])
        protocol_id = f"oda:{family}"
        for i, entry in enumerate(entries):
            where = f"{origin}: {family}[{i}]"
            if not isinstance(entry, dict) or "name" not in entry:
                raise ResultsFormatError(f"{where}: an entry must be an object with a 'name'")
            where = f"{where} ('{entry['name']}')"
            role = BASELINE_ROLES.get(str(entry.get("domain")), "finetuned")
            dataset_id = None if role != "finetuned" else _dataset_id(entry)
            run_id = f"{source}:{family}:{entry.get('id', i)}"
            key = dict(source=source, base_model=base_model, protocol_id=protocol_id, dataset_id=dataset_id,
                       model_role=role)
            details = entry.get("task_details")
            if not isinstance(details, dict) or not details:
                raise ResultsFormatError(f"{where}: no task_details")
            for group, tasks in details.items():
                domain = group.removesuffix("_tasks")
                if domain not in DOMAINS:
                    raise ResultsFormatError(f"{where}: task group '{group}' is not one of "
                                             f"{', '.join(d + '_tasks' for d in DOMAINS)}")
                for t, task in enumerate(tasks or []):
                    name = task.get("task_name")
                    metrics = task.get("metrics") or []
                    if not name or not metrics:
                        raise ResultsFormatError(f"{where}: {group}[{t}] needs task_name and metrics")
                    for m, metric in enumerate(metrics):
                        value = _number(metric.get("score"), f"{where}: {group}[{t}] '{name}' score")
                        if value is None:
                            continue
                        if not 0 <= value <= 100:
                            raise ResultsFormatError(f"{where}: {group}[{t}] '{name}' score {value} is not on a 0-100 scale")
                        out.scores.append(dict(key, benchmark=slug(name), domain=domain,
                                               metric=slug(str(metric.get("metric") or "score")), value=value,
                                               stderr=None, n_items=None, run_id=run_id, is_primary=m == 0))
            for scope in (*DOMAINS, "overall"):
                for kind in ("avg", "efficiency"):
                    value = _number(entry.get(f"{scope}_{kind}"), f"{where}: {scope}_{kind}")
                    if value is not None:
                        out.aggregates.append(dict(key, scope=scope, kind=kind, value=value))
            if role == "finetuned":
                size = _number(entry.get("size_precise"), f"{where}: size_precise")
                link = str(entry.get("link") or "") or None
                hub = link.split("huggingface.co/datasets/", 1)[1] if link and "huggingface.co/datasets/" in link else None
                out.datasets.append(dict(source=source, dataset_id=dataset_id, dataset_name=str(entry["name"]),
                                         domain=str(entry.get("domain") or "") or None, release_year=_year(entry, where),
                                         samples=int(size) if size is not None else None, hub_id=hub, homepage=link,
                                         paper=str(entry.get("paper_link") or "") or None,
                                         affiliation=str(entry.get("affiliation") or "") or None,
                                         tag=str(entry.get("tag") or "") or None))
    # one card per dataset, even when it appears under several base models
    seen: dict[str, dict] = {}
    for d in out.datasets:
        seen.setdefault(d["dataset_id"], d)
    out.datasets = list(seen.values())
    return out


def read_oda_file(path: Path, source: str) -> ImportedResults:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ResultsFormatError(f"{path}: not valid JSON ({e})") from None
    return parse_oda(data, source, origin=str(path))
