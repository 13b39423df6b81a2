"""The Domains and Predicted value pages on a snapshot built by dbt from constructed lake tables:
mismatches flagged, the model's error beside the baseline's, predictions marked as predicted."""
from pathlib import Path

import duckdb
from tests.app.test_pages import _page



def _snapshot(home: Path, sql: str) -> None:
    serving = home / "serving"
    serving.mkdir()
    con = duckdb.connect(str(serving / "warehouse-t.duckdb"))
    con.execute(sql)
    con.close()
    (serving / "CURRENT").write_text("warehouse-t.duckdb")


def test_domains_page_flags_the_contradicted_dataset(arena_home):
    _snapshot(arena_home, """
        create table fct_dataset_domain_mix as select * from (values
            ('a', 'A', 'train', 'math', 'math', 'code', 8, 0.8, 0.9, 0.7, 10, 0.85, 'code', 0.8, 0.2, true),
            ('a', 'A', 'train', 'math', 'math', 'math', 2, 0.2, 0.6, 0.3, 10, 0.85, 'code', 0.8, 0.2, true),
            ('b', 'B', 'benchmark', 'science', 'science', 'science', 5, 1.0, 0.8, 0.4, 5, 0.8, 'science', 1.0, 1.0, false)
        ) t(dataset_id, dataset_name, role, declared_domain, declared_class, domain, samples, share, mean_confidence,
            keyword_share, dataset_samples, dataset_mean_confidence, top_domain, top_share, declared_share, is_mismatch)""")
    at = _page("domains")
    assert any("1 contradict their declared domain" in str(m.delta) for m in at.metric)
    table = at.dataframe[0].value
    assert table.iloc[0].dataset_id == "a" and bool(table.iloc[0].is_mismatch)
    assert any(m.label == "Held-out accuracy" for m in at.metric)   # from the shipped model's provenance


def test_predicted_value_page_shows_error_beside_the_baseline(arena_home):
    _snapshot(arena_home, """
        create table dim_datasets as select 'x' as dataset_id, 'Dataset X' as dataset_name;
        create table fct_predicted_value_error as select 's' as source, 'm' as base_model, 'p' as protocol_id,
            'arena_fingerprint' as feature_space, 4 as n_datasets, 3 as n_features, 1.5 as model_mae,
            2.0 as baseline_mae, 1.8 as model_rmse, 2.4 as baseline_rmse, 0.25 as skill, 0.75 as interval_coverage,
            0.9 as interval_level, 2.0 as interval_halfwidth;
        create table fct_predicted_value as select * from (values
            ('s', 'm', 'p', 'w', 1.0, 1.5, 2.0, -0.5, 3.5, false),
            ('s', 'm', 'p', 'x', null, 4.0, 2.0, 2.0, 6.0, true),
            ('s', 'm', 'p', 'y', 3.0, 2.0, 1.0, 0.0, 4.0, false),
            ('s', 'm', 'p', 'z', 2.0, 2.5, 2.0, 0.5, 4.5, false)
        ) t(source, base_model, protocol_id, dataset_id, observed_gain, predicted_gain, baseline_gain, interval_low,
            interval_high, is_predicted)""")
    at = _page("predicted_value")
    values = {m.label: m.value for m in at.metric}
    assert values["Model error (MAE, leave-one-out)"] == "1.50 pts"
    assert values["Predict-the-mean error (MAE)"] == "2.00 pts"
    listing = at.dataframe[-1].value
    assert listing.set_index("dataset_id").loc["x", "kind"] == "predicted"
    assert listing.set_index("dataset_id").loc["x", "dataset_name"] == "Dataset X"
    assert any("Predicted, not measured" in c.value for c in at.caption)
