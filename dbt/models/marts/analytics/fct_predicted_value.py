"""Predicted value: each fingerprinted dataset's gain over the base model, predicted from its
fingerprint, per setup (results/predicted_value.py holds the model and says how it is fitted).

One row per setup and dataset. Where a gain was measured, `predicted_gain` is the leave-one-dataset-out
prediction and `baseline_gain` the mean of the other datasets' gains, so fct_predicted_value_error
compares the two honestly; where none was (`is_predicted`), the prediction of the model fitted on
every measured dataset, with its interval. Setups with fewer than four measured datasets get no rows.
"""
import pyarrow as pa

SCHEMA = pa.schema([
    ("source", pa.string()), ("base_model", pa.string()), ("protocol_id", pa.string()),
    ("feature_space", pa.string()), ("dataset_id", pa.string()), ("observed_gain", pa.float64()),
    ("predicted_gain", pa.float64()), ("baseline_gain", pa.float64()), ("interval_low", pa.float64()),
    ("interval_high", pa.float64()), ("interval_level", pa.float64()), ("is_predicted", pa.bool_()),
    ("n_train", pa.int64()), ("n_features", pa.int64()), ("ridge_alpha", pa.float64()),
])


def model(dbt, session):
    from results.predicted_value import predictions_table

    dbt.config(materialized="table")
    rows = dbt.ref("int_results__value_observations").fetch_arrow_table().to_pylist()
    return pa.Table.from_pylist(predictions_table(rows), schema=SCHEMA)
