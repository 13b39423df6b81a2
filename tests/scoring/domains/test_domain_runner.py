"""`sample_domains` for a lake partition: one row per sample (duplicates included), the model's
domain and confidence, the keyword baseline beside it, and the coverage check that guards it."""
import numpy as np
import pyarrow as pa
import pytest

from scoring.domains import model as domain_model
from scoring.domains import runner
from warehouse import lake
from warehouse.accounting import row_coverage
from warehouse.paths import ArenaPaths

TEXTS = [("Write a Python function that reverses a list.", "def rev(xs): return list(reversed(xs))"),
         ("How many apples are left if you eat 3 of 10?", "10 - 3 = 7"),
         ("Write a Python function that reverses a list.", "def rev(xs): return list(reversed(xs))"),  # duplicate
         ("Tell me about your weekend.", "It was lovely.")]


def _fake_embed(texts):
    """Two-dimensional 'embeddings': code-ness and number-ness, enough for a fitted toy model."""
    return np.array([[float("def " in t or "function" in t), float(any(c.isdigit() for c in t))] for t in texts])


@pytest.fixture()
def paths(tmp_path, monkeypatch):
    monkeypatch.setenv("ARENA_HOME", str(tmp_path))
    monkeypatch.setattr(runner, "embed", _fake_embed)
    p = ArenaPaths.from_env()
    rows = pa.table({"dataset_id": ["d"] * 4, "sample_id": ["s0", "s1", "s0", "s3"], "record_index": [0, 1, 2, 3],
                     "instruction_text": [t[0] for t in TEXTS], "response_text": [t[1] for t in TEXTS]})
    lake.write_partition(p, "samples", "d", rows, schema=rows.schema)
    return p


def _toy_model():
    texts = ["def a function", "function def", "12 apples", "34 pears", "hello", "good day"]
    m = domain_model.fit(runner.features(texts), ["code", "code", "math", "math", "general", "general"], l2=1e-4)
    m.provenance["trained_at"] = "2026-01-01T00:00:00+00:00"
    return m


def test_classify_partition_writes_one_row_per_sample(paths):
    result = runner.classify_partition(paths, "d", _toy_model())
    table = lake.read_partition(paths, runner.SAMPLE_DOMAINS_TABLE, "d").sort_by("record_index")
    assert table.column("domain").to_pylist() == ["code", "math", "code", "general"]
    assert table.column("keyword_domain").to_pylist()[:2] == ["code", "math"]
    assert all(0.33 < c <= 1 for c in table.column("confidence").to_pylist())
    assert set(table.column("model_id").to_pylist()) == {"2026-01-01T00:00:00+00:00"}
    assert result.samples == 4 and result.mix == {"code": 0.5, "general": 0.25, "math": 0.25}
    assert row_coverage(paths, "d", runner.SAMPLE_DOMAINS_TABLE).passed


def test_coverage_fails_on_a_missing_or_doubled_row(paths):
    runner.classify_partition(paths, "d", _toy_model())
    table = lake.read_partition(paths, runner.SAMPLE_DOMAINS_TABLE, "d")
    lake.write_partition(paths, runner.SAMPLE_DOMAINS_TABLE, "d", table.slice(0, 3), schema=table.schema)
    missing = row_coverage(paths, "d", runner.SAMPLE_DOMAINS_TABLE)
    assert not missing.passed and "1 samples have no sample_domains row" in missing.problems
    doubled = pa.concat_tables([table, table.slice(0, 1)])
    lake.write_partition(paths, runner.SAMPLE_DOMAINS_TABLE, "d", doubled, schema=table.schema)
    assert not row_coverage(paths, "d", runner.SAMPLE_DOMAINS_TABLE).passed


def test_labelled_set_and_train_record_provenance(paths):
    data = runner.labelled_set(paths, {"d": "code", "unknown_ds": "math", "other": "reasoning"}, per_source=3)
    assert data.sources == ["d"] * 3 and data.labels == ["code"] * 3
    fitted = runner.train(runner.LabelledSet(_fake_embed(["def f", "12", "hi"]), ["def f", "12", "hi"],
                                             ["code", "math", "general"], ["a", "b", "c"]),
                          held_out={"classifier": {"accuracy": 0.5}})
    assert fitted.provenance["sources"]["b"] == {"samples": 1, "label": "math", "family": "b"}
    assert fitted.provenance["held_out"]["classifier"]["accuracy"] == 0.5
    assert fitted.provenance["text"] == runner.TEXT_RECIPE
    assert fitted.weights.shape == (2 + 5, 3)   # the embedding, then one keyword feature per keyword class
