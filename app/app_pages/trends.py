"""Trends: how the value of datasets moves with their release date, per domain."""
import altair as alt
import streamlit as st

from app import db

st.title("Trends")
db.require("fct_dataset_trends", "dim_datasets")

trends = db.query("""select l.setup_label as setup, t.release_period, t.release_year, t.dataset_domain, t.n_datasets,
                            t.mean_own_domain_score, t.mean_own_domain_gain, t.mean_overall, t.mean_overall_gain,
                            t.datasets
                     from fct_dataset_trends as t
                     join (select distinct source, base_model, protocol_id, setup_label from fct_leaderboard) as l
                         using (source, base_model, protocol_id)
                     order by setup, release_period""")
releases = db.query("""select coalesce(release_quarter, 'unknown') as release_quarter, domain, count(*) as datasets,
                              sum(samples) as samples
                       from dim_datasets where role = 'train' group by all order by release_quarter""")
st.subheader("Datasets released per quarter")
st.altair_chart(alt.Chart(releases).mark_bar().encode(
    x=alt.X("release_quarter:O", title="release quarter"), y="datasets:Q", color="domain:N",
    tooltip=["release_quarter", "domain", "datasets", "samples"]), width="stretch")

st.subheader("Value over time")
if db.empty_notice(trends, "No benchmark results with release dates yet: trends of value appear once results exist."):
    st.stop()
setup = st.selectbox("Setup", sorted(trends.setup.unique()), key="tr_setup")
measure = st.radio("Measure", ["mean_own_domain_score", "mean_own_domain_gain", "mean_overall", "mean_overall_gain"],
                   horizontal=True, key="tr_measure",
                   format_func=lambda m: {"mean_own_domain_score": "score in own domain",
                                          "mean_own_domain_gain": "gain over base in own domain",
                                          "mean_overall": "overall score", "mean_overall_gain": "overall gain"}[m])
view = trends[trends.setup == setup]
st.altair_chart(alt.Chart(view).mark_line(point=True).encode(
    x=alt.X("release_period:O", title="release period (quarter where the catalog dates it, else year)"),
    y=alt.Y(f"{measure}:Q", scale=alt.Scale(zero=False), title=measure.replace("_", " ")),
    color="dataset_domain:N", tooltip=["release_period", "dataset_domain", "n_datasets",
                                       alt.Tooltip(f"{measure}:Q", format=".2f")]), width="stretch")
st.dataframe(view.drop(columns=["setup"]).round(2), hide_index=True, width="stretch")
