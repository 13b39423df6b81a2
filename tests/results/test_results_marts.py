"""The results marts on the fixture arena: an imported ODA-format file reproduces its own averages
and lands beside local runs; rank statistics agree with scipy."""
import duckdb
import pytest
from scipy import stats

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con(analytics_arena):
    c = duckdb.connect(str(analytics_arena), read_only=True)
    yield c
    c.close()


def test_imported_file_reproduces_its_domain_and_overall_averages(con):
    rows = con.execute("select scope, reproduces, abs_diff from fct_published_average_check "
                       "where source = 'published:oda_leaderboard_fixture' and kind = 'avg'").fetchall()
    # 2 families x 7 entries x (4 domains + overall)
    assert len(rows) == 70
    assert all(r[1] for r in rows), [r for r in rows if not r[1]]
    assert {r[0] for r in rows} == {"general", "math", "code", "reasoning", "overall"}


def test_efficiency_differs_only_where_the_ingested_size_differs_from_the_card(con):
    bad = con.execute("""
        select c.model_key, p.samples as card, z.samples as used
        from fct_published_average_check c
        join stg_results__published_datasets p on p.dataset_id = c.model_key and p.source = c.source
        join int_results__dataset_sizes z on z.dataset_id = c.model_key
        where c.kind = 'efficiency' and not c.reproduces""").fetchall()
    assert bad and all(card != used for _, card, used in bad)


def test_published_and_local_runs_side_by_side(con):
    sources = {r[0] for r in con.execute("select distinct source from fct_leaderboard").fetchall()}
    assert sources == {"published:oda_leaderboard_fixture", "published:csv_results_fixture", "local"}
    # the fixture's first local setup (a second, seed-replicated protocol has no base-model run)
    local = dict(con.execute("""select model_key, overall_avg from fct_leaderboard
                                where source = 'local' and protocol_id = 'test-fixture-protocol'""").fetchall())
    # local values are fractions scaled to 0-100; two seeds of the clean set are averaged:
    # math (40+45)/2 = 42.5, code (1.2+1.8)/2 = 1.5 -> overall 22.0
    assert local["demo_math_clean"] == pytest.approx(22.0)
    clean = con.execute("select uncertainty_basis, overall_se, rank_best, rank_worst, delta_base "
                        "from fct_leaderboard where source = 'local' and model_key = 'demo_math_clean' "
                        "and protocol_id = 'test-fixture-protocol'").fetchone()
    assert "seeds" in clean[0] and clean[1] > 0 and clean[2] <= clean[3]
    assert clean[4] == pytest.approx(22.0 - (10 + 0.6) / 2)
    both = con.execute("select count(distinct source) from fct_leaderboard where dataset_id = 'demo_math_clean'").fetchone()[0]
    assert both == 3


def test_rank_consistency_matches_scipy(con):
    rows = con.execute("""
        select a.model_key, a.domain_avg, b.domain_avg from fct_leaderboard_domains a
        join fct_leaderboard_domains b using (model_key, domain)
        where a.base_model = 'Llama-3.1-8B' and b.base_model = 'Qwen2.5-7B' and a.domain = 'code'
          and a.model_role = 'finetuned' and a.source = b.source""").fetchall()
    rho, tau = con.execute("""select spearman_rho, kendall_tau_b from fct_rank_consistency
        where domain = 'code' and base_model_a = 'Llama-3.1-8B' and base_model_b = 'Qwen2.5-7B'""").fetchone()
    x, y = [r[1] for r in rows], [r[2] for r in rows]
    assert rho == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-6)
    assert tau == pytest.approx(stats.kendalltau(x, y).statistic, abs=1e-6)


def test_trends_and_correlations_have_rows(con):
    assert con.execute("select count(*) from fct_dataset_trends").fetchone()[0] > 0
    r = con.execute("select count(*), count(*) filter (where pearson_r between -1 and 1) "
                    "from fct_score_gain_correlations").fetchone()
    assert r[0] > 0 and r[0] == r[1]


def test_readme_analyst_examples_run_as_written(con):
    """The SQL examples given for the README (tests/results/analyst_examples.sql) run on the warehouse."""
    from pathlib import Path

    statements = [s for s in (Path(__file__).parent / "analyst_examples.sql").read_text().split(";") if s.strip()]
    results = [con.execute(s).fetchall() for s in statements]
    top, _contaminated, ancestors, checks = results
    assert top and all(r[6] for r in top)
    assert ancestors == [("demo_math_clean", 1)]
    assert ("published:oda_leaderboard_fixture", "avg", 70, 70) == checks[0][:4]
