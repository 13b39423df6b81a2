"""ODA's July 2025 leaderboard imported end to end (`arena import-results`, then dbt build) on the
real files: counts, known values, one identity per dataset, findings with intervals, and stated
averages that do not reproduce shown as findings instead of failing the build."""
import duckdb
import pytest

from tests.conftest import SHARED, requires_shared

pytestmark = [pytest.mark.slow, requires_shared]
ODA = SHARED / "oda_leaderboard"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    import os

    from arena_cli import main as cli
    from arena_cli.materialize import materialize
    from warehouse.serving import current_snapshot
    from warehouse.paths import ArenaPaths

    saved = {k: os.environ.get(k) for k in ("ARENA_HOME", "DAGSTER_HOME")}
    home = tmp_path_factory.mktemp("real_leaderboard")
    os.environ["ARENA_HOME"] = str(home)
    os.environ.pop("DAGSTER_HOME", None)
    try:
        cli.setup_environment()
        # the demo ingested (the warehouse's sample tables), the ODA catalog registered (its cards)
        assert materialize(["demo"], None, workers=2, build_warehouse=False, register_only=["oda"]) == 0
        assert cli.import_results_command(str(ODA / "processed_score_data.json"), "published:oda-july-scores", False) == 0
        # the warehouse is built by this one: a stated average that does not reproduce must not fail it
        assert cli.import_results_command(str(ODA / "processed_leaderboard_data.json"), "published:oda-july", True) == 0
        c = duckdb.connect(str(current_snapshot(ArenaPaths.from_env().serving)), read_only=True)
        yield c
        c.close()
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def test_both_base_models_with_89_datasets_and_18_benchmarks(con):
    rows = con.execute("""select base_model, count(*) filter (where model_role = 'finetuned'),
                                 count(*) filter (where model_role <> 'finetuned'), max(n_benchmarks)
                          from fct_leaderboard group by base_model order by 1""").fetchall()
    assert rows == [("Llama-3.1-8B", 89, 2, 18), ("Qwen2.5-7B", 89, 2, 18)]


def test_known_values_reproduce_the_paper(con):
    gains = dict(con.execute("""select dataset_name, round(delta_base, 2) from fct_leaderboard
                                where base_model = 'Llama-3.1-8B' and dataset_name in ('Alpaca', 'Dolly')""").fetchall())
    assert gains == {"Alpaca": pytest.approx(-4.0, abs=0.02), "Dolly": pytest.approx(-4.21, abs=0.02)}
    # seeds give the intervals: Dolly's DROP is the mean of three seeds
    drop = con.execute("""select value, n_runs, stderr_basis from int_results__scores
                          where base_model = 'Llama-3.1-8B' and benchmark = 'drop'
                            and dataset_id = 'databricks__databricks-dolly-15k'""").fetchone()
    assert drop[0] == pytest.approx(63.17, abs=0.005) and drop[1] == 3 and drop[2] == "seeds"
    # HumanEval counts in code under the paper's grouping, in math under the file's
    assert con.execute("""select count(*) from fct_published_average_check where scope = 'code' and kind = 'avg'
                          and abs(regrouped_diff) > 0.01""").fetchone()[0] > 100


def test_every_published_dataset_joins_its_catalog_entry(con):
    unjoined = con.execute("""select distinct dataset_id from fct_leaderboard where model_role = 'finetuned'
                              and dataset_id not in (select dataset_id from stg_arena__datasets)""").fetchall()
    assert unjoined == []
    card = con.execute("""select affiliation, published_samples, release_year, hub_id from dim_datasets
                          where dataset_id = 'o1-open__openo1-sft'""").fetchone()
    assert card[0] and card[1] > 0 and card[2] == 2024 and card[3] == "O1-OPEN/OpenO1-SFT"
    variants = con.execute("""select dataset_id from dim_datasets where dataset_id like 'a-m-team__am-thinking%'
                              order by 1""").fetchall()
    assert variants == [("a-m-team__am-thinking-v1-distilled__code",), ("a-m-team__am-thinking-v1-distilled__math",)]


def test_stated_averages_that_do_not_reproduce_are_findings_not_failures(con):
    n, bad = con.execute("""select count(*), count(*) filter (where not reproduces) from fct_published_average_check
                            where kind = 'avg'""").fetchone()
    assert n == 178 * 5 + 4 * 5 and 0 < bad < 20


def test_rank_consistency_between_base_models_with_intervals(con):
    rows = {r[0]: r[1:] for r in con.execute("""
        select scope, n, spearman, spearman_ci_low, spearman_ci_high, kendall from fct_findings_correlations
        where finding = 'rank_consistency' and setup_x = 'Llama-3.1-8B' and setup_y = 'Qwen2.5-7B'""").fetchall()}
    assert set(rows) == {"overall", "general", "math", "code", "reasoning"}
    n, rho, low, high, tau = rows["overall"]
    assert n == 89 and low < rho < high and 0.45 < rho < 0.75 and 0 < tau < rho
    # the same number as the plain rank-consistency mart
    plain = con.execute("""select spearman_rho from fct_rank_consistency where domain = 'overall'""").fetchone()[0]
    assert plain == pytest.approx(rho, abs=1e-6)


def test_findings_table_has_the_papers_rows(con):
    findings = dict(con.execute("select finding, verdict from fct_findings").fetchall())
    assert findings["Rank consistency, Qwen2.5-7B vs Qwen3-8B (math)"] == "not computable"
    length = [v for f, v in findings.items() if f.startswith("Response length vs math gain")]
    assert len(length) == 2
    n = con.execute("select min(n) from fct_findings where finding like 'Response length vs math gain%'").fetchone()[0]
    assert n >= 30
