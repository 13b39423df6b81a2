"""Correlations: which dataset properties predict value, and whether base models agree on rankings."""
import altair as alt
import streamlit as st

from app import db

st.title("Correlations")
db.require("fct_score_gain_correlations", "fct_rank_consistency")

st.header("Which properties predict a dataset's gain?")
corr = db.query("""select source || ' · ' || base_model || ' · ' || protocol_id as setup, gain_domain, dimension,
                          dimension_source, n_datasets, pearson_r, spearman_rho
                   from fct_score_gain_correlations order by setup, gain_domain, dimension""")
if not db.empty_notice(corr, "No correlations yet: they need benchmark results for at least three ingested datasets "
                             "of one setup."):
    setup = st.selectbox("Setup", sorted(corr.setup.unique()), key="co_setup")
    stat = st.radio("Statistic", ["spearman_rho", "pearson_r"], horizontal=True, key="co_stat")
    view = corr[corr.setup == setup]
    st.altair_chart(alt.Chart(view).mark_rect().encode(
        x=alt.X("gain_domain:N", title="gain over base in"), y=alt.Y("dimension:N", title=None),
        color=alt.Color(f"{stat}:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1])),
        tooltip=["dimension", "gain_domain", "n_datasets", alt.Tooltip(f"{stat}:Q", format=".2f")]),
        width="stretch")
    st.caption("Dimensions from ingest (lengths, duplicates, turns) and, once merged, the scoring pillar's "
               "quality dimensions. Small n: read as hints, not findings.")
    st.dataframe(view.drop(columns=["setup"]), hide_index=True, width="stretch")

st.header("Do base models rank datasets alike?")
cons = db.query("""select domain, setup_a, setup_b, n_datasets, spearman_rho, kendall_tau_b, concordant, discordant
                   from fct_rank_consistency order by setup_a, setup_b, domain""")
if not db.empty_notice(cons, "Rank consistency needs two setups that evaluated at least three common datasets."):
    cons["pair"] = cons.setup_a + "  vs  " + cons.setup_b
    st.altair_chart(alt.Chart(cons).mark_rect().encode(
        x=alt.X("domain:N"), y=alt.Y("pair:N", title=None),
        color=alt.Color("spearman_rho:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1])),
        tooltip=["pair", "domain", "n_datasets", alt.Tooltip("spearman_rho:Q", format=".3f"),
                 alt.Tooltip("kendall_tau_b:Q", format=".3f")]), width="stretch")
    st.dataframe(cons.drop(columns=["pair"]), hide_index=True, width="stretch")
