"""Read leaderboard files in OpenDataArena's JSON layouts into the results contract.

Both layouts ODA's website has served are a JSON object whose keys are base-model families
('llama', 'qwen', and from December 2025 'qwen3'), each a list of entries. An entry has `name`,
`domain` ('base' and 'instruct' mark the two baselines; otherwise the dataset's domain), per-domain
averages `<domain>_avg`, `overall_avg`, efficiencies `<domain>_efficiency`, the named task list
`task_details.<domain>_tasks[]` (`task_name`, `metrics[{metric, score}]`) and a card (`year`,
`size_precise`, `link` to the Hub, `paper_link`, `affiliation`, `tag`).

- July 2025 (`processed_leaderboard_data.json`): fine-tuned entries also carry `<domain>_scores`, the
  per-seed task scores laid out seed after seed; `task_details` holds their means. The seeds are
  imported as runs of their own (run ids ending ':seed<k>'), so intervals come from the seed spread.
- December 2025 (`llm.json`): `<domain>_task_scores` (one value per task, as in task_details),
  `improvement` (deltas the marts recompute) and a third family, Qwen3-8B, with 9 math tasks.

The file's grouping of benchmarks into domains is kept as `stated_domain`; `domain` comes from the
suite table (`results.benchmarks`). Averages are kept as the file states them (in
`published_aggregates`) and recomputed by the marts, so an import is checked against its own arithmetic.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.identity import key_from_link_or_name
from results.benchmarks import lookup
from results.schema import DOMAINS, ResultsFormatError, slug

BASELINE_ROLES = {"base": "base", "instruct": "instruct"}
MISSING = {"", "-", "\u2014", "n/a", "na", "nan", "none", "null"}


@dataclass
class ImportedResults:
    """Rows for the results tables, from one file."""
    scores: list[dict] = field(default_factory=list)
    aggregates: list[dict] = field(default_factory=list)
    datasets: list[dict] = field(default_factory=list)
    summaries: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)

    def extend(self, other: "ImportedResults") -> None:
        for name in ("scores", "aggregates", "datasets", "summaries", "issues"):
            getattr(self, name).extend(getattr(other, name))

    def issue(self, source: str, origin: str, record: str, field_: str, reason: str, action: str, detail: str):
        self.issues.append(dict(source=source, origin=origin, record=record, field=field_, reason=reason,
                                action=action, detail=detail))


def number(value: Any, where: str) -> float | None:
    """A number, or None for the markers leaderboards use for a missing score ('', '-', 'N/A')."""
    if value is None or (isinstance(value, str) and value.strip().lower() in MISSING):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ResultsFormatError(f"{where}: expected a number, got {value!r}")
    try:
        return float(value)
    except ValueError:
        raise ResultsFormatError(f"{where}: expected a number, got {value!r}") from None


def year_of(raw: Any, where: str) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not text[:4].isdigit():
        raise ResultsFormatError(f"{where}: year {text!r} is not a year")
    return int(text[:4])


def dataset_card(source: str, name: str, domain: str | None, card: dict, where: str) -> dict:
    """A published dataset card in the contract; the key comes from the Hub link (`ingest.identity`)."""
    link = str(card.get("link") or "").strip() or None
    key, hub_id = key_from_link_or_name(link, name)
    size = number(card.get("size_precise"), f"{where}: size_precise")
    return dict(source=source, dataset_id=key, dataset_name=name, domain=domain or None,
                release_year=year_of(card.get("year"), where), samples=int(size) if size is not None else None,
                hub_id=hub_id, homepage=link, paper=str(card.get("paper_link") or "").strip() or None,
                affiliation=str(card.get("affiliation") or "").strip() or None,
                tag=str(card.get("tag") or "").strip() or None)


def score_row(key: dict, task_name: str, stated_domain: str, metric: str, value: float, run_id: str,
              primary: bool) -> dict:
    bench = lookup(task_name)
    return dict(key, benchmark=bench.id if bench else slug(task_name), domain=bench.domain if bench else stated_domain,
                stated_domain=stated_domain, metric=slug(metric or "score"), value=value, stderr=None, n_items=None,
                run_id=run_id, is_primary=primary)


def _seed_values(entry: dict, domain: str, n_tasks: int) -> list[list[float | None]] | None:
    """Per-seed task scores of a July-layout entry (seed-major), or None when absent or ill-shaped."""
    values = entry.get(f"{domain}_scores")
    if not isinstance(values, list) or not values or n_tasks == 0 or len(values) % n_tasks:
        return None
    seeds = len(values) // n_tasks
    return [values[s * n_tasks:(s + 1) * n_tasks] for s in range(seeds)]


def _check_range(value: float, where: str) -> float:
    if not 0 <= value <= 100:
        raise ResultsFormatError(f"{where}: score {value} is not on a 0-100 scale")
    return value


def _entry_scores(out: ImportedResults, entry: dict, key: dict, run_id: str, where: str, origin: str) -> None:
    source = key["source"]
    details = entry.get("task_details")
    if not isinstance(details, dict) or not details:
        raise ResultsFormatError(f"{where}: no task_details")
    for group, tasks in details.items():
        stated = group.removesuffix("_tasks")
        if stated not in DOMAINS:
            raise ResultsFormatError(f"{where}: task group '{group}' is not one of "
                                     f"{', '.join(d + '_tasks' for d in DOMAINS)}")
        tasks = tasks or []
        for t, task in enumerate(tasks):
            if not isinstance(task, dict) or not task.get("task_name") or not task.get("metrics"):
                raise ResultsFormatError(f"{where}: {group}[{t}] needs task_name and metrics")
            if lookup(task["task_name"]) is None:
                out.issue(source, origin, where, f"{group}[{t}]", "unmapped_benchmark", "kept",
                          f"'{task['task_name']}' is not in the suite table: kept in the file's domain '{stated}'")
        seeds = _seed_values(entry, stated, len(tasks)) if key["model_role"] == "finetuned" else None
        if entry.get(f"{stated}_scores") is not None and key["model_role"] == "finetuned" and seeds is None:
            out.issue(source, origin, where, f"{stated}_scores", "seed_array_mismatch", "kept",
                      f"{len(entry[f'{stated}_scores'])} per-seed values for {len(tasks)} tasks: seeds not "
                      f"imported for this domain, task_details means used instead")
        for t, task in enumerate(tasks):
            name = task["task_name"]
            if seeds is not None:
                for s, seed in enumerate(seeds, start=1):
                    value = number(seed[t], f"{where}: {stated}_scores seed {s} '{name}'")
                    if value is None:
                        out.issue(source, origin, where, f"{stated}_scores", "missing_score", "dropped",
                                  f"seed {s} of '{name}' has no score")
                        continue
                    metric = str(task["metrics"][0].get("metric") or "score")
                    out.scores.append(score_row(key, name, stated, metric, _check_range(value, f"{where}: '{name}'"),
                                                f"{run_id}:seed{s}", True))
                continue
            for m, metric in enumerate(task["metrics"]):
                value = number(metric.get("score"), f"{where}: {group}[{t}] '{name}' score")
                if value is None:
                    out.issue(source, origin, where, f"{group}[{t}]", "missing_score", "dropped",
                              f"'{name}' {metric.get('metric')!r} has no score ({metric.get('score')!r})")
                    continue
                out.scores.append(score_row(key, name, stated, str(metric.get("metric") or "score"),
                                            _check_range(value, f"{where}: {group}[{t}] '{name}'"), run_id, m == 0))


def parse_oda(data: dict, source: str, origin: str = "<data>") -> ImportedResults:
    """Convert a parsed ODA leaderboard object (either layout). `source` is 'published:<name>'."""
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
        for i, entry in enumerate(entries):
            where = f"{family}[{i}]"
            if not isinstance(entry, dict) or not entry.get("name"):
                raise ResultsFormatError(f"{origin}: {where}: an entry must be an object with a 'name'")
            where = f"{where} ('{entry['name']}')"
            role = BASELINE_ROLES.get(str(entry.get("domain")), "finetuned")
            card = dataset_card(source, str(entry["name"]), entry.get("domain"), entry, f"{origin}: {where}") \
                if role == "finetuned" else None
            key = dict(source=source, base_model=base_model, protocol_id=f"oda:{family}",
                       dataset_id=card["dataset_id"] if card else None, model_role=role)
            run_id = f"{source}:{family}:{card['dataset_id'] if card else role}"
            try:
                _entry_scores(out, entry, key, run_id, where, origin)
            except ResultsFormatError as e:
                raise ResultsFormatError(f"{origin}: {e}") from None
            for scope in (*DOMAINS, "overall"):
                for kind in ("avg", "efficiency"):
                    value = number(entry.get(f"{scope}_{kind}"), f"{origin}: {where}: {scope}_{kind}")
                    if value is not None:
                        out.aggregates.append(dict(key, scope=scope, kind=kind, value=value))
            if card:
                out.datasets.append(card)
    # one card per dataset, even when it appears under several base models
    seen: dict[str, dict] = {}
    for d in out.datasets:
        seen.setdefault(d["dataset_id"], d)
    out.datasets = list(seen.values())
    return out


def parse_score_summaries(data: dict, source: str, origin: str = "<data>") -> ImportedResults:
    """ODA's data-scorer summaries (`processed_score_data.json`): per dataset name, Q_scores / QA_scores
    -> scorer family -> metric -> {mean, distribution, range} (or {min, avg, max}: then `bins` holds
    [min, max] and `distribution` is empty)."""
    out = ImportedResults()
    for name, sides in data.items():
        if not isinstance(sides, dict):
            raise ResultsFormatError(f"{origin}: '{name}': expected an object of Q_scores/QA_scores")
        for side_key, families in sides.items():
            side = side_key.removesuffix("_scores")
            if side not in ("Q", "QA") or not isinstance(families, dict):
                raise ResultsFormatError(f"{origin}: '{name}'.{side_key}: expected Q_scores or QA_scores objects")
            for family, metrics in families.items():
                for metric, summary in (metrics or {}).items():
                    where = f"{origin}: '{name}'.{side_key}.{family}.{metric}"
                    if not isinstance(summary, dict):
                        raise ResultsFormatError(f"{where}: expected an object with mean and distribution")
                    # a distribution ({mean, distribution, range}) or plain statistics ({min, avg, max})
                    mean = number(summary.get("mean", summary.get("avg")), f"{where}: mean")
                    if mean is None:
                        out.issue(source, origin, f"'{name}'", f"{side_key}.{family}.{metric}", "missing_score",
                                  "dropped", "no mean or avg")
                        continue
                    dist = [number(v, f"{where}: distribution") for v in summary.get("distribution") or []]
                    bins = [number(v, f"{where}: range") for v in summary.get("range") or []]
                    if not dist and "min" in summary and "max" in summary:
                        bins = [number(summary["min"], f"{where}: min"), number(summary["max"], f"{where}: max")]
                    out.summaries.append(dict(source=source, dataset_name=str(name), side=side, family=str(family),
                                              metric=str(metric), dimension=f"oda_{side.lower()}_{slug(str(metric))}",
                                              mean=mean, bins=bins, distribution=dist))
    if not out.summaries:
        raise ResultsFormatError(f"{origin}: no score summaries")
    return out


def is_score_summaries(data: Any) -> bool:
    return isinstance(data, dict) and bool(data) and all(
        isinstance(v, dict) and set(v) <= {"Q_scores", "QA_scores"} and v for v in data.values())


def read_oda_file(path: Path, source: str) -> ImportedResults:
    """A leaderboard file or a score-summary file, told apart by their shape."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ResultsFormatError(f"{path}: not valid JSON ({e})") from None
    if is_score_summaries(data):
        return parse_score_summaries(data, source, origin=str(path))
    return parse_oda(data, source, origin=str(path))
