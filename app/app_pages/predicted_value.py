"""Predicted value: can a dataset's fingerprint stand in for fine-tuning on it? Per setup, the
leave-one-dataset-out error of a ridge model on the fingerprint beside the predict-the-mean
baseline's, the held-out predictions against the measured gains, and predicted gains with their
intervals for datasets that have no training run (marked as predicted)."""
import altair as alt
import streamlit as st

from app import db

st.title("Predicted value")
db.require("fct_predicted_value", "fct_predicted_value_error", "dim_datasets")

errors = db.query("""
    select case when source like 'published:%'
            then 'Published (' || replace(source, 'published:', '') || ') · ' || base_model
            else 'Arena run · ' || base_model || ' · ' || protocol_id end as setup, *
    from fct_predicted_value_error order by setup""")
if db.empty_notice(errors, "No setup has the four datasets with a measured gain and a fingerprint that a "
                           "prediction needs yet."):
    st.stop()

setup = st.selectbox("Setup", errors.setup.tolist(), key="pv_setup")
e = errors[errors.setup == setup].iloc[0]
cols = st.columns(4)
cols[0].metric("Model error (MAE, leave-one-out)", f"{e.model_mae:.2f} pts")
cols[1].metric("Predict-the-mean error (MAE)", f"{e.baseline_mae:.2f} pts")
cols[2].metric("Skill", f"{e.skill:+.2f}", "fingerprint helps" if e.skill > 0 else "no better than the mean",
               delta_color="normal" if e.skill > 0 else "inverse")
cols[3].metric(f"{e.interval_level:.0%} interval coverage",
               "n/a" if e.interval_coverage != e.interval_coverage else f"{e.interval_coverage:.0%}")
st.caption(f"{int(e.n_datasets)} datasets with a measured gain, {int(e.n_features)} fingerprint dimensions "
           f"({e.feature_space.replace('_', ' ')}). Each dataset's gain is predicted by a model fitted without it; "
           f"the baseline predicts the mean gain of the other datasets. RMSE: model {e.model_rmse:.2f}, "
           f"baseline {e.baseline_rmse:.2f}.")
PTS = "%.2f"
st.dataframe(errors.drop(columns=["source", "base_model", "protocol_id"]), hide_index=True, width="stretch",
             column_config={"setup": "Setup", "feature_space": "Fingerprint", "n_datasets": "Datasets",
                            "n_features": "Dimensions",
                            "model_mae": st.column_config.NumberColumn("Model MAE (pts)", format=PTS),
                            "baseline_mae": st.column_config.NumberColumn("Mean-baseline MAE (pts)", format=PTS),
                            "model_rmse": st.column_config.NumberColumn("Model RMSE (pts)", format=PTS),
                            "baseline_rmse": st.column_config.NumberColumn("Mean-baseline RMSE (pts)", format=PTS)})

preds = db.query("""
    select p.dataset_id, coalesce(d.dataset_name, p.dataset_id) as dataset_name, p.observed_gain, p.predicted_gain,
        p.baseline_gain, p.interval_low, p.interval_high, p.is_predicted
    from fct_predicted_value as p
    left join dim_datasets as d using (dataset_id)
    where p.source = ? and p.base_model = ? and p.protocol_id = ?
    order by p.predicted_gain desc""", (e.source, e.base_model, e.protocol_id))
measured = preds[~preds.is_predicted]
st.subheader("Held-out predictions against measured gains")
lo, hi = float(min(measured.observed_gain.min(), measured.predicted_gain.min())), \
    float(max(measured.observed_gain.max(), measured.predicted_gain.max()))
diagonal = alt.Chart(alt.Data(values=[{"v": lo}, {"v": hi}])).mark_line(color="gray", strokeDash=[4, 4]).encode(
    x="v:Q", y="v:Q")
points = alt.Chart(measured).mark_circle(size=70).encode(
    x=alt.X("observed_gain:Q", title="measured gain over base (pts)"),
    y=alt.Y("predicted_gain:Q", title="predicted without it (pts)"),
    tooltip=["dataset_name", alt.Tooltip("observed_gain:Q", format=".2f"), alt.Tooltip("predicted_gain:Q", format=".2f"),
             alt.Tooltip("baseline_gain:Q", format=".2f", title="mean of the others")])
st.altair_chart(diagonal + points, width="stretch")

st.subheader("Predicted gains")
predicted = preds[preds.is_predicted]
if predicted.empty:
    st.info("Every fingerprinted dataset of this setup has a measured gain: nothing left to predict.")
else:
    bars = alt.Chart(predicted).encode(y=alt.Y("dataset_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300)))
    chart = bars.mark_point(filled=True, size=80).encode(
        x=alt.X("predicted_gain:Q", title="predicted gain over base (pts), with interval"),
        tooltip=["dataset_name", alt.Tooltip("predicted_gain:Q", format=".2f"),
                 alt.Tooltip("interval_low:Q", format=".2f"), alt.Tooltip("interval_high:Q", format=".2f")])
    if predicted.interval_low.notna().any():
        chart = bars.mark_rule().encode(x="interval_low:Q", x2="interval_high:Q") + chart
    st.altair_chart(chart.properties(height=28 * len(predicted) + 40), width="stretch")
    st.caption(f"Predicted, not measured: these datasets have no training run in this setup. Intervals hold "
               f"{e.interval_level:.0%} of the held-out gains' errors (split-conformal on the leave-one-out residuals).")
st.subheader("Every dataset of this setup")
st.caption("Measured datasets show their gain and the held-out prediction made without them; predicted ones "
           "show the prediction and its interval only.")
# an interval exists for predicted gains only: one text column, blank for measured ones (not "None" cells)
has_interval = preds.interval_low.notna() & preds.interval_high.notna()
interval = [f"[{lo:+.2f}, {hi:+.2f}]" if ok else ""
            for lo, hi, ok in zip(preds.interval_low, preds.interval_high, has_interval)]
st.dataframe(preds.assign(kind=preds.is_predicted.map({True: "predicted", False: "measured"}), interval=interval)
             .drop(columns=["is_predicted"]), hide_index=True, width="stretch",
             column_order=["dataset_name", "kind", "observed_gain", "predicted_gain"]
             + (["interval"] if has_interval.any() else []) + ["baseline_gain"],   # no all-blank column
             column_config={"dataset_name": "Dataset", "kind": "Gain is",
                            "observed_gain": st.column_config.NumberColumn("Measured gain (pts)", format=PTS),
                            "predicted_gain": st.column_config.NumberColumn("Predicted gain (pts)", format=PTS),
                            "baseline_gain": st.column_config.NumberColumn("Mean of the others (pts)", format=PTS),
                            "interval": f"{e.interval_level:.0%} interval (pts)"})
