"""The scoring assets on a hand-written samples partition (no ingest): lake tables written, reruns
replace partitions, the judge asset records scores, errors and usage against a loopback server."""
import os

import dagster as dg
import pyarrow as pa

from warehouse.tables import SAMPLES
from judge_server import JudgeServer
from scoring.judge.rubrics import Q_RUBRIC
from scoring_fixtures import ROOT, sample_row
from warehouse import lake


def _write_samples(paths, dataset_id, n=25):
    rows = []
    for i in range(n):
        r = sample_row(f"Question item-{i}: add {i} and {i}.", f"{i} + {i} = {2 * i}.\n#### {2 * i}", i, dataset_id)
        r.update(messages=[{"role": "user", "content": r["instruction_text"]},
                           {"role": "assistant", "content": r["response_text"]}],
                 n_turns=1, n_messages=2, instruction_chars=0, response_chars=0, instruction_words=0,
                 response_words=0, is_duplicate=False, source_format="alpaca", extra=None)
        rows.append(r)
    lake.write_partition(paths, "samples", dataset_id, pa.Table.from_pylist(rows, schema=SAMPLES.schema))


def _materialize(assets, arena_home, pk, run_config):
    from dagster_project.defs.ingest.partitions import dataset_partitions
    from dagster_project.resources import ArenaLakeResource, EngineResource

    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(dataset_partitions.name, [pk])
    return dg.materialize(assets, partition_key=pk, instance=instance, run_config=run_config,
                          resources={"lake": ArenaLakeResource(home=str(arena_home)), "engine": EngineResource()}, raise_on_error=False)


def test_sample_and_set_scores_assets_write_the_lake(arena_home, paths):
    from dagster_project.defs.scoring.assets import sample_scores, set_scores

    _write_samples(paths, "tiny")
    cfg = {"suite": "demo", "only": ["a_word_length", "a_math_answer_format", "vendi_score", "near_duplicate_rate"]}
    run_config = {"ops": {"sample_scores": {"config": cfg}, "set_scores": {"config": cfg}}}
    for _ in range(2):                                    # a rerun replaces the partitions
        assert _materialize([sample_scores, set_scores], arena_home, "tiny", run_config).success
    scores = lake.read_partition(paths, "sample_scores", "tiny").to_pandas()
    assert len(scores) == 25 * 4 and not scores.duplicated(["record_index", "dimension"]).any()
    assert (scores[scores.dimension == "a_final_answer_marker"].value == 1).all()
    sets = {r["dimension"]: r for r in lake.read_partition(paths, "set_scores", "tiny").to_pylist()}
    assert set(sets) == {"q_vendi_score", "qa_near_duplicate_rate", "qa_exact_duplicate_rate"}
    dims = lake.read_partition(paths, "score_dimensions", "tiny").to_pylist()
    assert {d["dimension"] for d in dims} == {"a_words", "a_final_answer_marker", "a_boxed_answers", "a_latex_commands"}


def test_missing_samples_and_unknown_suite_fail_with_the_dataset_name(arena_home, paths):
    from dagster_project.defs.scoring.assets import sample_scores

    result = _materialize([sample_scores], arena_home, "absent", {})
    assert not result.success
    _write_samples(paths, "present", 3)
    bad = _materialize([sample_scores], arena_home, "present",
                       {"ops": {"sample_scores": {"config": {"suite": "dmeo"}}}})
    assert not bad.success


def test_judge_asset_records_scores_errors_and_usage(arena_home, paths, monkeypatch):
    from dagster_project.defs.scoring.assets import judge_scores

    _write_samples(paths, "judged", 12)
    monkeypatch.setenv("ARENA_JUDGE_API_KEY", "k")
    plan = {0: ["429"], 1: ["500"], 2: ["malformed"]}
    with JudgeServer(Q_RUBRIC.dimensions, lambda i, a: (plan.get(i, []) + ["ok"] * 9)[a - 1]) as server:
        monkeypatch.setenv("ARENA_JUDGE_BASE_URL", server.base_url)
        cfg = {"ops": {"judge_scores": {"config": {"model": "loopback", "rubrics": ["Q"]}}}}
        monkeypatch.setattr("scoring.judge.client.JudgeConfig.backoff_s", 0.01)
        assert _materialize([judge_scores], arena_home, "judged", cfg).success
        first = len(server.requests)
        assert _materialize([judge_scores], arena_home, "judged", cfg).success
        assert len(server.requests) == first                    # the rerun is served from the cache
    scores = lake.read_partition(paths, "judge_scores", "judged").to_pandas()
    assert len(scores) == 12 * len(Q_RUBRIC.dimensions) and scores.value.notna().all()
    usage = lake.read_partition(paths, "judge_usage", "judged").to_pylist()
    assert len(usage) == 2 and usage[0]["run_id"] != usage[1]["run_id"]     # one row per run, history kept
    assert usage[0]["requests"] == first and usage[0]["judged"] == 12 and usage[0]["prompt_tokens"] > 0
    assert usage[1]["cache_hits"] == 12 and usage[1]["requests"] == 0
    errors = lake.read_partition(paths, "judge_errors", "judged").to_pylist()
    assert sorted(e["error_kind"] for e in errors) == ["malformed_output", "rate_limited", "server_error"]
    assert {e["run_id"] for e in errors} == {usage[0]["run_id"]} and not any(e["final"] for e in errors)
    _dbt_build_scoring_models(arena_home)
    import duckdb

    con = duckdb.connect(str(arena_home / "warehouse.duckdb"), read_only=True)
    spend = con.execute("select runs, requests, cache_hits, failed_attempts, rate_limited, total_tokens "
                        "from fct_judge_spend where dataset_id = 'judged'").fetchone()
    assert spend[:5] == (2, first, 12, 3, 1) and spend[5] > 0
    fp = dict(con.execute("select dimension, mean from fct_dataset_fingerprint where dataset_id = 'judged'").fetchall())
    assert set(fp) == {f"q_judge_{c}" for c in Q_RUBRIC.dimensions}
    con.close()


def _dbt_build_scoring_models(arena_home):
    import os
    import subprocess
    import sys

    from dagster_project.defs.warehouse.project import DBT_DIR

    env = {**os.environ, "ARENA_HOME": str(arena_home), "ARENA_WAREHOUSE": str(arena_home / "warehouse.duckdb")}
    out = subprocess.run([sys.executable, "-m", "dbt.cli.main", "build", "--project-dir", str(DBT_DIR),
                          "--profiles-dir", str(DBT_DIR), "--target-path", str(arena_home / "dbt_target"),
                          "--select", "path:models/staging/scoring path:models/intermediate/scoring "
                          "path:models/marts/scoring",
                          # the domain mix joins dim_datasets (core marts), which this build leaves out
                          "--exclude", "fct_dataset_domain_mix"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]


def test_scoring_job_runs_on_the_multiprocess_executor(arena_home, paths, monkeypatch):
    """sample_scores and set_scores of one partition run as separate processes (the job's executor)."""
    import scoring_job_defs

    from dagster_project.defs.ingest.partitions import dataset_partitions

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [os.path.dirname(scoring_job_defs.__file__),
                                                                     str(ROOT), os.environ.get("PYTHONPATH")])))
    _write_samples(paths, "mp", 30)
    (arena_home / "dagster_home").mkdir(exist_ok=True)
    instance = dg.DagsterInstance.get()
    instance.add_dynamic_partitions(dataset_partitions.name, ["mp"])
    cfg = {"suite": "demo", "only": ["a_word_length", "vendi_score"]}
    with dg.execute_job(dg.reconstructable(scoring_job_defs.scoring_job_def), instance=instance,
                        tags={"dagster/partition": "mp"},
                        run_config={"ops": {"sample_scores": {"config": cfg}, "set_scores": {"config": cfg}}}) as result:
        assert result.success
        pids = {e.pid for e in result.all_events if e.step_key}
    assert len(pids) >= 2                                  # one process per step
    assert lake.read_partition(paths, "sample_scores", "mp").num_rows == 30
    assert lake.read_partition(paths, "set_scores", "mp").to_pylist()[0]["n_samples"] == 30
