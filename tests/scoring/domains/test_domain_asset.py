"""`sample_domains` as a Dagster asset with its coverage check, and the classifier on real held-out
sources against the keyword baseline (slow: MiniLM on a few hundred real samples)."""
import numpy as np
import pyarrow as pa
import pytest

from scoring.domains import runner
from tests.conftest import requires_shared


def _write_samples(paths, dataset_id, texts):
    rows = pa.table({"dataset_id": [dataset_id] * len(texts), "sample_id": [f"s{i}" for i in range(len(texts))],
                     "record_index": list(range(len(texts))), "instruction_text": [t for t, _ in texts],
                     "response_text": [r for _, r in texts]})
    from warehouse import lake

    lake.write_partition(paths, "samples", dataset_id, rows, schema=rows.schema)


def test_sample_domains_asset_and_check(paths, monkeypatch):
    import dagster as dg

    from dagster_project.defs.scoring.checks import domains_cover_samples
    from dagster_project.defs.scoring.domains import sample_domains
    from dagster_project.resources import ArenaLakeResource
    from scoring.domains import model as domain_model

    monkeypatch.setattr(runner, "embed", lambda texts: np.array([[float("def" in t), 1.0] for t in texts]))
    toy = domain_model.fit(runner.features(["def f", "say hi"] * 5), ["code", "general"] * 5)
    toy.provenance.update({"trained_at": "t0", "held_out": {"classifier": {"accuracy": 0.9, "macro_f1": 0.8}}})
    toy.save(runner.cached_model_path(paths))     # the cached model wins over the shipped one
    _write_samples(paths, "d", [("def f(): pass", "ok"), ("Say hi", "hi"), ("def g(): pass", "ok")])
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("dataset", ["d"])
    result = dg.materialize([sample_domains, domains_cover_samples], partition_key="d", instance=instance,
                            resources={"lake": ArenaLakeResource(home=str(paths.home))})
    assert result.success
    meta = result.asset_materializations_for_node("sample_domains")[0].metadata
    assert meta["samples"].value == 3 and meta["model_trained_at"].value == "t0"
    assert meta["mix"].data == {"code": round(2 / 3, 4), "general": round(1 / 3, 4)}
    check = result.get_asset_check_evaluations()[0]
    assert check.passed


@pytest.mark.slow
@pytest.mark.shared_data
@requires_shared
def test_held_out_sources_beat_the_keyword_baseline(paths):
    """Real sources, each family held out in turn: the MiniLM classifier is right more often than
    the keywords, and on more classes (macro-F1)."""
    from ingest.catalog import load_catalog
    from ingest.pipeline import normalize_dataset, read_dataset
    from scoring.domains import model as domain_model
    from scoring.domains.evaluation import leave_one_family_out
    from scoring.domains.keywords import keyword_domains

    chosen = ["dolly_sdft", "lima_sdft", "gsm8k_test", "math500", "mbpp", "humaneval_shared",
              "arc_challenge_test", "arc_easy_test"]
    entries = {e.id: e for e in load_catalog("local").datasets}
    for ds in chosen:
        read_dataset(entries[ds], paths, progress=False)
        normalize_dataset(entries[ds], paths, progress=False)
    data = runner.labelled_set(paths, {ds: entries[ds].domain for ds in chosen}, per_source=50)
    held = leave_one_family_out(data.features, data.labels, data.sources, data.families, data.texts,
                                domain_model.fit, keyword_domains).summary()
    assert held["families"] == 8
    assert held["classifier"]["accuracy"] > held["keyword_baseline"]["accuracy"] + 0.1
    assert held["classifier"]["macro_f1"] > held["keyword_baseline"]["macro_f1"]
