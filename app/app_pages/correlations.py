"""Correlations: which dataset properties predict value, and whether base models agree on rankings.
Every correlation comes with its n and a bootstrap 95% interval; the Findings page shows the scatter
behind the published ones."""
import altair as alt
import streamlit as st

from app import db

st.title("Correlations")
db.require("fct_score_gain_correlations", "fct_rank_consistency", "fct_leaderboard")

st.header("Which properties predict a dataset's gain?")
corr = db.query("""
    select any_value(l.setup_label) as setup, c.gain_domain, c.dimension, c.dimension_source, c.n_datasets,
        c.spearman_rho, c.spearman_ci_low, c.spearman_ci_high, c.pearson_r, c.pearson_ci_low, c.pearson_ci_high,
        c.kendall_tau_b
    from fct_score_gain_correlations as c
    join fct_leaderboard as l using (source, base_model, protocol_id)
    group by all order by setup, c.gain_domain, c.dimension""")
if not db.empty_notice(corr, "No correlations yet: they need benchmark results for at least three ingested datasets "
                             "of one setup."):
    setup = st.selectbox("Setup", sorted(corr.setup.unique()), key="co_setup")
    stat = st.radio("Statistic", ["spearman_rho", "pearson_r"], horizontal=True, key="co_stat")
    view = corr[corr.setup == setup]
    low, high = ("spearman_ci_low", "spearman_ci_high") if stat == "spearman_rho" else ("pearson_ci_low", "pearson_ci_high")
    st.altair_chart(alt.Chart(view).mark_rect().encode(
        x=alt.X("gain_domain:N", title="gain over base in", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("dimension:N", title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color(f"{stat}:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1])),
        tooltip=["dimension", "gain_domain", alt.Tooltip("n_datasets:Q", title="n"), alt.Tooltip(f"{stat}:Q", format=".2f"),
                 alt.Tooltip(f"{low}:Q", format=".2f", title="95% low"), alt.Tooltip(f"{high}:Q", format=".2f", title="95% high")]),
        width="stretch")
    st.caption(f"n = {int(view.n_datasets.max())} datasets at most: with so few, an interval that spans zero is the "
               "usual answer; read these as hints, not findings.")
    st.dataframe(view.drop(columns=["setup"]).round(3), hide_index=True, width="stretch",
                 column_config={"n_datasets": st.column_config.NumberColumn("n")})

st.header("Do base models rank datasets alike?")
cons = db.query("""select domain, setup_a, setup_b, base_model_a, base_model_b, n_datasets, spearman_rho, spearman_ci_low, spearman_ci_high,
                          kendall_tau_b, concordant, discordant
                   from fct_rank_consistency order by setup_a, setup_b, domain""")
if not db.empty_notice(cons, "Rank consistency needs two setups that evaluated at least three common datasets."):
    cons["pair"] = cons.base_model_a + "  vs  " + cons.base_model_b
    heat = alt.Chart(cons).encode(x=alt.X("domain:N", title=None, axis=alt.Axis(labelAngle=0)),
                              y=alt.Y("pair:N", title=None, axis=alt.Axis(labelLimit=320)))
    st.altair_chart((heat.mark_rect().encode(
        color=alt.Color("spearman_rho:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1]), title="Spearman ρ"),
        tooltip=["pair", "domain", alt.Tooltip("n_datasets:Q", title="n"), alt.Tooltip("spearman_rho:Q", format=".3f"),
                 alt.Tooltip("spearman_ci_low:Q", format=".3f", title="95% low"),
                 alt.Tooltip("spearman_ci_high:Q", format=".3f", title="95% high"),
                 alt.Tooltip("kendall_tau_b:Q", format=".3f")])
        + heat.mark_text(fontSize=13).encode(text=alt.Text("spearman_rho:Q", format=".2f")))
        .properties(height=60 * cons.pair.nunique() + 40), width="stretch")
    st.dataframe(cons[["pair", "domain", "n_datasets", "spearman_rho", "spearman_ci_low", "spearman_ci_high",
                       "kendall_tau_b", "concordant", "discordant"]].round(3), hide_index=True, width="stretch",
                 column_config={"n_datasets": st.column_config.NumberColumn("n"),
                                "spearman_ci_low": st.column_config.NumberColumn("95% low"),
                                "spearman_ci_high": st.column_config.NumberColumn("95% high")})
    st.caption("Intervals: bootstrap over the datasets both setups evaluated. The scatter behind each published "
               "number is on the Findings page.")
