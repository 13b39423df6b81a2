"""Regenerate catalogs/oda.yaml from the public OpenDataArena lineage files.

    python -m catalogs.build_oda [--lineage-dir ../shared/data/oda_lineage]

The catalog lists the 105 datasets of ODA's leaderboard by their Hugging Face ids, with the domain,
month and summary ODA's lineage nodes give. 24 leaderboard ids have no lineage node: their domain is
assigned from the dataset's name (tagged `domain:assigned`) and their release date left empty rather
than guessed. Each entry's format or column mapping, and the config or split that holds the data, come
from `catalogs/oda_schemas.py`; an entry whose schema is unknown keeps `format: auto`, says why in
`format_note` and is tagged `schema:unknown`.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import yaml

from catalogs.oda_schemas import SCHEMAS, UNKNOWN
from ingest.identity import dataset_key

HERE = Path(__file__).resolve().parent
# Leaderboard ids with no node in ODA's lineage file: domain assigned from the dataset's name and Hub
# card (tagged `domain:assigned` in the catalog so it is never mistaken for ODA's own label).
ASSIGNED_DOMAIN = {
    "nomic-ai/gpt4all-j-prompt-generations": "general", "hakurei/open-instruct-v1": "general",
    "cyzhh/MMOS": "math", "qwedsacf/competition_math": "math", "gretelai/gretel-math-gsm8k-v1": "math",
    "ajibawa-2023/Maths-College": "math", "ajibawa-2023/Maths-Grade-School": "math", "Vezora/Open-Critic-GPT": "code",
    "iamtarun/code_instructions_120k_alpaca": "code", "iamtarun/python_code_instructions_18k_alpaca": "code",
    "smcleod/golang-coder": "code", "gretelai/synthetic_text_to_sql": "code", "arviii/sql-create-context": "code",
    "argilla/apigen-function-calling": "tool_use", "Tensoic/FrontendCookbook": "code",
    "Nan-Do/instructional_code-search-net-python": "code", "ServiceNow-AI/R1-Distill-SFT": "math",
    "KingNish/reasoning-base-20k": "reasoning", "FreedomIntelligence/medical-o1-reasoning-SFT": "science",
    "olegshulyakov/doocs-leetcode-solutions": "code", "sequelbox/DAG-Reasoning-DeepSeek-R1-0528": "reasoning",
    "allenai/omega-explorative": "math", "GAIR/LIMO-v2": "math", "open-r1/codeforces-cots": "code",
}
DOMAIN = {"math": "math", "code": "code", "general": "general", "science": "science", "reasoning": "reasoning"}


def build(lineage_dir: Path) -> dict:
    nodes = {}
    for line in (lineage_dir / "lineage_data.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            node = json.loads(line)
            nodes[node["name"]] = node
    items = [json.loads(line) for line in (lineage_dir / "id2name.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    shared_hub_ids = {i["target"] for i in items if sum(j["target"] == i["target"] for j in items) > 1}
    datasets = []
    for item in items:
        hub_id = item["target"]
        node = nodes.get(hub_id, {})
        categories = [c.lower() for c in node.get("categories") or []]
        if hub_id not in SCHEMAS and hub_id not in UNKNOWN:
            raise ValueError(f"{hub_id}: not in catalogs/oda_schemas.py; declare its format, or list it in UNKNOWN "
                             "with the reason")
        schema = SCHEMAS.get(hub_id, {})
        hub = {"id": hub_id, "split": "train", **schema.get("source", {})}
        dataset_id = dataset_key(hub_id)
        if hub_id in shared_hub_ids:
            # one Hub repo, several leaderboard rows (e.g. AM-Thinking-v1-Distilled -code / -math):
            # each row is the repo's config named by the suffix
            suffix = item["origin"].rsplit("-", 1)[-1].lower()
            hub["config"] = suffix
            dataset_id = dataset_key(hub_id, suffix)
            categories = [suffix] if suffix in DOMAIN else categories
        entry = {
            "id": dataset_id,
            "name": item["origin"],
            "source": {"hub": hub},
            "domain": next((DOMAIN[c] for c in categories if c in DOMAIN), "unknown"),
            "homepage": f"https://huggingface.co/datasets/{hub_id}",
            "tags": ["oda-leaderboard", *(f"category:{c}" for c in categories)],
        }
        if "format" in schema:
            entry["format"] = schema["format"]
            if schema.get("columns"):
                entry["columns"] = schema["columns"]
        else:
            entry["format_note"] = f"schema unknown: {UNKNOWN[hub_id]}"
            entry["tags"].append("schema:unknown")
        if entry["domain"] == "unknown" and hub_id in ASSIGNED_DOMAIN:
            entry["domain"] = ASSIGNED_DOMAIN[hub_id]
            entry["tags"].append("domain:assigned")
        year = node.get("year") or node.get("hf_year")
        if year and re.fullmatch(r"\d{4}-\d{2}", year):
            entry["release_date"] = year
        if node.get("paper_url"):
            entry["paper"] = node["paper_url"]
        if node.get("summary"):
            entry["description"] = node["summary"]
        datasets.append(entry)
    return {"datasets": datasets}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lineage-dir", type=Path, default=HERE.parent.parent / "shared" / "data" / "oda_lineage")
    args = parser.parse_args()
    doc = build(args.lineage_dir)
    header = ("# OpenDataArena's leaderboard datasets by Hugging Face id (needs network to ingest).\n"
              "# Generated by catalogs/build_oda.py from ODA's public lineage files; do not edit by hand.\n")
    (HERE / "oda.yaml").write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120),
                                   encoding="utf-8")
    print(f"wrote {len(doc['datasets'])} datasets to {HERE / 'oda.yaml'}")


if __name__ == "__main__":
    main()
