"""Every dashboard page under Streamlit's AppTest, on the fixture arena (real demo ingest + dbt,
imported published-results fixtures, a local-results fixture), and without a warehouse at all."""
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py")
PAGES = ["overview", "leaderboard", "findings", "dataset", "compare", "lineage", "trends", "correlations", "domains",
         "predicted_value", "experiments"]


def _page(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"app_pages/{name}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _frames(at):
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("page", PAGES)
def test_pages_explain_instead_of_crashing_without_a_warehouse(page, arena_home):
    at = _page(page)
    assert any("No warehouse snapshot" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_pages_explain_missing_marts(page, arena_home):
    serving = arena_home / "serving"
    serving.mkdir()
    duckdb.connect(str(serving / "warehouse-empty.duckdb")).close()
    (serving / "CURRENT").write_text("warehouse-empty.duckdb")
    at = _page(page)
    assert any("needs" in i.value and "not have yet" in i.value for i in at.info)





@pytest.mark.slow
def test_leaderboard_ranks_filters_and_shows_uncertainty(analytics_arena):
    at = _page("leaderboard")
    setups = at.selectbox(key="lb_setup")
    local = next(i for i, label in enumerate(setups.options) if label.startswith("Arena run"))
    setups.set_value(local).run()
    board = _frames(at)[0]
    assert "demo_math_clean" in set(board.dataset_id)
    clean = board[board.dataset_id == "demo_math_clean"].iloc[0]
    low, high = (float(v) for v in clean["95% interval"].split(" – "))
    assert clean.score == pytest.approx(22.0) and low < clean.score < high
    assert {"base"} <= set(board.role)  # the baseline row is shown for reference
    # the bootstrap rank interval of the close pair (terse 12.5, noisy 7.8 with binomial errors) spans two ranks
    bands = dict(zip(board.dataset_id, board["bootstrap rank 95%"]))
    assert bands["demo_math_leaky"] == "1" and "–" in bands["demo_math_noisy"]
    at.selectbox(key="lb_domain").set_value("math").run()
    math = _frames(at)[0]
    assert math[math.dataset_id == "demo_math_leaky"].score.iloc[0] == pytest.approx(60.0)
    assert math[math.role == "finetuned"].rank_.min() == 1
    at.checkbox(key="lb_baselines").uncheck().run()
    assert set(_frames(at)[0].role) == {"finetuned"}
    at.selectbox(key="lb_sort").set_value("name").run()
    names = _frames(at)[0].dataset.tolist()
    assert names == sorted(names)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")


@pytest.mark.slow
def test_leaderboard_published_fixture_with_tags_and_license_filters(analytics_arena):
    at = _page("leaderboard")
    setups = at.selectbox(key="lb_setup")
    oda = next(i for i, label in enumerate(setups.options) if "Llama-3.1-8B" in label)
    setups.set_value(oda).run()
    board = _frames(at)[0]
    assert {"instruct", "base", "finetuned"} <= set(board.role)
    assert "fixture-org__fixture-set" in set(board.dataset_id)
    at.multiselect(key="lb_license").set_value(["CC0-1.0"]).run()
    filtered = _frames(at)[0]
    assert "fixture-org__fixture-set" not in set(filtered.dataset_id)  # no license known: filtered out
    assert set(filtered[filtered.role == "finetuned"].license) == {"CC0-1.0"}


@pytest.mark.slow
def test_dataset_page_card_samples_results_lineage(analytics_arena):
    at = _page("dataset")
    at.selectbox(key="ds_id").set_value("demo_math_noisy").run()
    assert any(m.label == "Samples" and m.value == "400" for m in at.metric)
    frames = _frames(at)
    samples = frames[0]
    assert len(samples) == 20 and samples.record_index.tolist() == list(range(20))
    at.text_input(key="ds_text").input("####").run()
    assert len(_frames(at)[0]) > 0
    at.text_input(key="ds_text").input("no sample says this zzqx").run()
    assert any("No samples match" in i.value for i in at.info)
    frames = _frames(at)
    results = next(f for f in frames if "setup" in f.columns)
    lineage = next(f for f in frames if "upstream" in f.columns)
    setups = " | ".join(results.setup)
    assert "Arena run" in setups and "(oda_leaderboard_fixture)" in setups and "(csv_results_fixture)" in setups
    assert ("demo_math_clean", "demo_math_noisy") in set(zip(lineage.upstream, lineage.downstream))
    # the contamination scan checked the noisy set against the demo benchmark and found nothing
    contamination = next(f for f in _frames(at) if "contaminated_items" in f.columns)
    assert "demo_math_bench" in set(contamination.benchmark_id) and contamination.contaminated_items.sum() == 0


@pytest.mark.slow
def test_compare_two_to_four(analytics_arena):
    at = _page("compare")
    at.multiselect(key="cmp_ids").set_value(["demo_math_clean", "demo_math_noisy", "demo_math_terse"]).run()
    cards = _frames(at)[0]
    assert list(cards.columns) == ["demo_math_clean", "demo_math_noisy", "demo_math_terse"]
    at.multiselect(key="cmp_ids").set_value(["demo_math_clean"]).run()
    assert any("at least two" in i.value for i in at.info)


@pytest.mark.slow
def test_lineage_explorer_verify_edge_persists(analytics_arena):
    from arena_cli import runs as cli
    from lineage.reviews import read_reviews
    from warehouse.paths import ArenaPaths

    at = _page("lineage")
    at.selectbox(key="ln_focus").set_value("demo_math_clean").run()
    edges = _frames(at)[-1]
    assert {"demo_math_noisy", "demo_math_terse"} <= set(edges.target_dataset_id)
    edge = at.selectbox(key="ln_edge")
    noisy = next(e for e in edge.options if "demo_math_noisy" in e)
    edge.set_value(noisy).run()
    at.text_input(key="ln_reviewer").input("tester").run()
    at.button(key="ln_verified").click().run()
    assert not at.exception
    assert any("marked verified" in s.value for s in at.success)
    stored = [r for r in read_reviews(ArenaPaths.from_env()).to_pylist() if r["reviewer"] == "tester"]
    assert stored and {r["status"] for r in stored} == {"verified"}
    assert "verified" in set(_frames(at)[-1].review_status)
    # a fresh session (another user) sees it once the warehouse is rebuilt from the review log
    assert cli.run_job("warehouse").success
    again = _page("lineage")
    again.selectbox(key="ln_focus").set_value("demo_math_clean").run()
    assert "verified" in set(_frames(again)[-1].review_status)
    at.radio(key="ln_colour").set_value("contamination").run()
    assert not at.exception
    at.slider(key="ln_up").set_value(0).run()
    at.slider(key="ln_down").set_value(0).run()
    assert any("No edges" in i.value for i in at.info)


@pytest.mark.slow
def test_trends_and_correlations(analytics_arena):
    at = _page("trends")
    assert len(_frames(at)) == 1 and not _frames(at)[0].empty
    at = _page("correlations")
    corr, cons = _frames(at)
    assert not corr.empty and not cons.empty
    assert cons.spearman_rho.between(-1, 1).all()


@pytest.mark.slow
def test_app_follows_new_snapshots_while_old_readers_keep_theirs(analytics_arena):
    """A build publishes a new snapshot: the next render reads it; a connection to the old one still works."""
    from app import db
    from warehouse.serving import publish_snapshot
    from warehouse.paths import ArenaPaths

    first = _page("leaderboard")
    old = db.snapshot_path()
    assert any(old.name in m.value for m in first.caption)
    old_connection = db._connection(str(old))
    paths = ArenaPaths.from_env()
    time.sleep(1.1)  # snapshot names have one-second resolution per process (two publishes in one second collide)
    new = publish_snapshot(paths.warehouse, paths.serving)
    assert new != old
    second = _page("leaderboard")
    assert any(new.name in m.value for m in second.caption)
    assert old_connection.execute("select count(*) from fct_leaderboard").fetchone()[0] > 0


@pytest.mark.slow
def test_experiments_gains_and_seed_stability(analytics_arena):
    """The fixture's selection experiment charted with its intervals, its arms kept off the leaderboard,
    and the fixture's three seed replicas ranked per seed."""
    at = _page("experiments")
    gains = _frames(at)[0]
    assert set(gains.comparison) == {"top vs random", "top vs bottom", "random vs bottom"}
    top = gains[gains.comparison == "top vs random"].iloc[0]
    assert top.gain == pytest.approx(15.0) and top.ci_low == pytest.approx(10.0) and top.is_significant
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    stability = _frames(at)[1]
    clean = stability[stability.dataset_id == "demo_math_clean"].iloc[0]
    assert clean.n_seeds == 3 and clean.modal_rank == 1 and clean.modal_rank_share == pytest.approx(2 / 3, abs=1e-3)
    assert list(clean.ranks_by_seed) == [1, 2, 1] and not clean.rank_is_stable
    con = duckdb.connect(str(analytics_arena), read_only=True)
    try:
        seeded = con.execute("""select model_key, uncertainty_basis from fct_leaderboard
                                where protocol_id = 'test-fixture-seeded'""").fetchall()
    finally:
        con.close()
    # the seeds' spread is the interval's basis (each run reported a stderr too); the arm is not ranked
    assert dict(seeded) == {"demo_math_clean": "stderr from seeds", "demo_math_noisy": "stderr from seeds"}
