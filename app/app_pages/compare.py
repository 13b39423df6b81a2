"""Compare two to four datasets side by side: cards, scores per domain, fingerprints."""
import altair as alt
import streamlit as st

from app import db

st.title("Compare datasets")
db.require("dim_datasets", "fct_dataset_profile", "fct_leaderboard_domains")

datasets = db.query("select dataset_id from dim_datasets order by dataset_id").dataset_id.tolist()
default = datasets[:2] if len(datasets) >= 2 else datasets
chosen = st.multiselect("Datasets (2 to 4)", datasets, default=default, max_selections=4, key="cmp_ids")
if len(chosen) < 2:
    st.info("Choose at least two datasets.")
    st.stop()

cards = db.query("""
    select dataset_id, dataset_name, domain, role, license, release_quarter, samples, size_bucket, reject_share,
           duplicate_share, avg_instruction_words, avg_response_words, multi_turn_samples, format
    from dim_datasets where list_contains(?::varchar[], dataset_id) order by dataset_id""", (chosen,))
st.dataframe(cards.set_index("dataset_id").T.astype(str), width="stretch")

st.header("Scores per domain")
scores = db.query("""
    select source || ' · ' || base_model || ' · ' || protocol_id as setup, model_key as dataset_id, domain, domain_avg,
           ci_low, ci_high, delta_base
    from fct_leaderboard_domains where list_contains(?::varchar[], model_key) order by setup, domain""", (chosen,))
if not db.empty_notice(scores, "None of these datasets has benchmark results yet."):
    setups = sorted(scores.setup.unique())
    setup = st.selectbox("Setup", setups, key="cmp_setup")
    view = scores[scores.setup == setup]
    bars = alt.Chart(view).mark_bar().encode(
        x=alt.X("dataset_id:N", title=None), y=alt.Y("domain_avg:Q", title="domain average"), color="dataset_id:N",
        column=alt.Column("domain:N", title=None),
        tooltip=["dataset_id", "domain", alt.Tooltip("domain_avg:Q", format=".2f"), alt.Tooltip("delta_base:Q", format="+.2f")])
    st.altair_chart(bars)
    st.dataframe(view.pivot_table(index="domain", columns="dataset_id", values="domain_avg"), width="stretch")

st.header("Fingerprints")
profile = db.query("""select dataset_id, dimension, value, percentile from fct_dataset_profile
                      where list_contains(?::varchar[], dataset_id) order by dimension, dataset_id""", (chosen,))
if not db.empty_notice(profile, "No fingerprints for these datasets (not ingested yet)."):
    st.altair_chart(alt.Chart(profile).mark_circle(size=120).encode(
        x=alt.X("percentile:Q", scale=alt.Scale(domain=[0, 100])), y=alt.Y("dimension:N", title=None),
        color="dataset_id:N", tooltip=["dataset_id", "dimension", alt.Tooltip("value:Q", format=".3f")]),
        width="stretch")
