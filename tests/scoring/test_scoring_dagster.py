"""Scoring through Dagster and dbt: ingest a catalog, score every partition, build the fingerprint mart."""
import duckdb
import pytest

from scoring_fixtures import SHARED

pytestmark = pytest.mark.slow

REAL_DATASETS = ["alpaca_sdft", "dolly_sdft", "lima_sdft", "codealpaca_2k", "gsm8k_test"]


def _score_partitions(arena_home, dataset_ids, suite="demo"):
    import dagster as dg

    from dagster_project.defs.scoring.assets import sample_scores, set_scores
    from dagster_project.resources import ArenaLakeResource, EngineResource

    instance = dg.DagsterInstance.get()
    for pk in dataset_ids:
        result = dg.materialize(
            [sample_scores, set_scores], partition_key=pk, instance=instance,
            resources={"lake": ArenaLakeResource(home=str(arena_home)), "engine": EngineResource()},
            run_config={"ops": {"sample_scores": {"config": {"suite": suite}},
                                "set_scores": {"config": {"suite": suite}}}})
        assert result.success, pk
    return instance


def _fingerprint(arena_home):
    from arena_cli import materialize as cli
    from warehouse.serving import current_snapshot
    from warehouse.paths import ArenaPaths

    assert cli.run_job("warehouse").success
    return duckdb.connect(str(current_snapshot(ArenaPaths.from_env().serving)), read_only=True)


def test_demo_catalog_fingerprints(arena_home):
    import dagster as dg

    from arena_cli import materialize as cli

    assert cli.materialize(["demo"], None, workers=2, build_warehouse=False) == 0
    ids = dg.DagsterInstance.get().get_dynamic_partitions("dataset")
    _score_partitions(arena_home, ids)
    con = _fingerprint(arena_home)
    dims = dict(con.execute("select dataset_id, count(distinct dimension) from fct_dataset_fingerprint "
                            "group by all").fetchall())
    assert set(dims) == set(ids) and min(dims.values()) >= 30
    # the planted differences show: terse answers are shorter and have fewer sentences than step-by-step ones
    means = dict(con.execute("select dataset_id, mean from fct_dataset_fingerprint where dimension = 'a_words'").fetchall())
    assert means["demo_math_terse"] < means["demo_math_clean"] / 3
    pct = dict(con.execute("select dataset_id, percentile from fct_dataset_fingerprint "
                           "where dimension = 'a_sentences'").fetchall())
    assert pct["demo_math_terse"] < pct["demo_math_clean"]
    sets = con.execute("select count(*) from fct_dataset_fingerprint where kind = 'setwise'").fetchone()[0]
    assert sets == 9 * len(ids)
    con.close()
    # rescoring a partition replaces it (no duplicate rows)
    _score_partitions(arena_home, ids[:1])
    con = _fingerprint(arena_home)
    assert con.execute("select count(*) from (select dataset_id, record_index, dimension, count(*) c "
                       "from stg_scoring__sample_scores group by all having c > 1)").fetchone()[0] == 0
    con.close()


@pytest.mark.shared_data
@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")
def test_real_datasets_fingerprints(arena_home):
    from arena_cli import materialize as cli

    assert cli.materialize(["local"], REAL_DATASETS, workers=2, build_warehouse=False) == 0
    _score_partitions(arena_home, REAL_DATASETS)
    con = _fingerprint(arena_home)
    rows = con.execute("select dataset_id, count(distinct dimension), max(n_datasets) from fct_dataset_fingerprint "
                       "group by all").fetchall()
    assert {r[0] for r in rows} == set(REAL_DATASETS)
    assert all(r[1] >= 30 and r[2] == 5 for r in rows)
    # GSM8K answers carry '#### <n>' final answers; Code Alpaca's Python mostly parses
    marker = dict(con.execute("select dataset_id, mean from fct_dataset_fingerprint "
                              "where dimension = 'a_final_answer_marker'").fetchall())
    assert marker["gsm8k_test"] > 0.99 and marker["alpaca_sdft"] < 0.05
    con.close()
