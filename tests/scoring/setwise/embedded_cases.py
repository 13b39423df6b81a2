"""The check every `embed_*` scorer shares: it is its hashed twin on MiniLM, so given the hashed
embedder instead it must reproduce the twin's value exactly, and it declares the MiniLM model."""
from __future__ import annotations

from setwise_fixtures import synthetic_rows

from scoring import registry
from scoring.batch import SampleBatch
from scoring.runner import SuiteRunner
from scoring.setwise.embedders import HASHED_NGRAMS, MINILM


def check_is_the_hashed_scorer_on_minilm(name: str) -> None:
    twin = name.removeprefix("embed_")
    spec = registry.spec(name)
    assert spec.category == "model-based" and spec.model == "minilm" and spec.kind == "setwise"
    assert [d.name for d in spec.dimensions] == [name]
    assert registry.create(name).embedder == MINILM and registry.create(twin).embedder == HASHED_NGRAMS
    rows = synthetic_rows(120, seed=4)
    values = {}
    for scorer in (registry.create(name, side="A", embedder=HASHED_NGRAMS), registry.create(twin, side="A")):
        runner = SuiteRunner([scorer])
        runner.process(SampleBatch.from_rows(rows))
        (row,) = runner.set_table("d").to_pylist()
        values[scorer.spec.name] = (row["value"], row["n_samples"], row["n_used"])
    assert values[name] == values[twin] and values[name][0] is not None
