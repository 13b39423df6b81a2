"""Findings: the paper's headline analyses recomputed from the warehouse, each with n, method and a
bootstrap interval beside the value the paper states, and the scatter behind every correlation."""
import altair as alt
import pandas as pd
import streamlit as st

from app import db

st.title("Findings")
db.require("fct_findings", "fct_findings_correlations", "fct_findings_pairs", "fct_findings_quality_by_year",
           "fct_efficiency_frontier")

findings = db.query("""select finding, n, estimate, ci_low, ci_high, paper_value, verdict, method, paper_note, source
                       from fct_findings order by sort_key, finding""")
if db.empty_notice(findings, "No findings yet: they need published results (run `arena demo`, or "
                             "`arena import-results FILE`)."):
    st.stop()

findings["95% interval"] = ["" if pd.isna(r.ci_low) else f"[{r.ci_low:.3f}, {r.ci_high:.3f}]" for r in findings.itertuples()]
findings["paper"] = ["" if pd.isna(v) else f"{v:g}" for v in findings.paper_value]
findings["n"] = ["" if pd.isna(v) else str(int(v)) for v in findings.n]
findings["estimate"] = ["—" if pd.isna(v) else f"{v:.3f}" for v in findings.estimate]
findings["paper_note"] = findings.paper_note.fillna("")
st.dataframe(findings[["finding", "n", "estimate", "95% interval", "paper", "verdict", "paper_note", "method"]],
             hide_index=True, width="stretch", height=36 * (len(findings) + 1) + 4,
             column_config={"paper_note": st.column_config.TextColumn("note"),
                            "method": st.column_config.TextColumn("method", width="large")})
st.caption("Intervals: percentile bootstrap over datasets (200 resamples, seeded). The paper's Qwen2.5 vs Qwen3 "
           "figures need the December 2025 leaderboard: import it with `arena import-results llm.json`.")

st.header("The scatter behind a number")
groups = db.query("""select group_id, finding, setup_x, setup_y, scope, n, spearman, spearman_ci_low, spearman_ci_high,
                            pearson, kendall
                     from fct_findings_correlations
                     order by finding <> 'rank_consistency', finding, scope <> 'overall', scope <> 'math', setup_y, scope""")
if db.empty_notice(groups, "No correlation to plot yet: they need published results with at least three datasets."):
    st.stop()
labels = {r.group_id: f"{r.finding.replace('_', ' ')}: {r.setup_x} vs {r.setup_y} ({r.scope})" for r in groups.itertuples()}
group = st.selectbox("Correlation", list(labels), format_func=labels.get, key="fi_group")
g = groups.set_index("group_id").loc[group]
c1, c2, c3, c4 = st.columns(4)
c1.metric("datasets (n)", int(g.n))
c2.metric("Spearman ρ", f"{g.spearman:.3f}", help=f"95% bootstrap interval [{g.spearman_ci_low:.3f}, {g.spearman_ci_high:.3f}]")
c3.metric("Pearson r", f"{g.pearson:.3f}")
c4.metric("Kendall τ-b", f"{g.kendall:.3f}")
st.caption(f"Spearman 95% interval: [{g.spearman_ci_low:.3f}, {g.spearman_ci_high:.3f}]")
points = db.query("select dataset_name, item, x, y from fct_findings_pairs where group_id = ?", (group,))
points["dataset_name"] = points.dataset_name.fillna(points.item)
if g.finding == "rank_consistency":
    x_title, y_title = f"{g.scope} score, fine-tuned from {g.setup_x}", f"{g.scope} score, fine-tuned from {g.setup_y}"
else:
    x_title, y_title = g.setup_x, f"{g.scope} gain over the base model, {g.setup_y}"
st.altair_chart(alt.Chart(points).mark_circle(size=70, opacity=0.75).encode(
    x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False)),
    y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False)),
    tooltip=["dataset_name", alt.Tooltip("x:Q", format=".2f"), alt.Tooltip("y:Q", format=".2f")]).properties(height=420),
    width="stretch")

st.header("Dataset quality by release year")
quality = db.query("""select base_model, dataset_domain, release_year, n_datasets, mean_own_score, score_ci_low,
                             score_ci_high from fct_findings_quality_by_year order by all""")
if db.empty_notice(quality, "No release years on the published cards to plot."):
    st.stop()
domains = sorted(quality.dataset_domain.unique())
domain = st.selectbox("Dataset domain", domains, key="fi_domain", index=domains.index("math") if "math" in domains else 0)
view = quality[quality.dataset_domain == domain]
base = alt.Chart(view).encode(x=alt.X("release_year:O", title="release year"), color=alt.Color("base_model:N", title="base model"))
st.altair_chart((base.mark_line(point=True).encode(y=alt.Y("mean_own_score:Q", title=f"mean {domain} score",
                                                              scale=alt.Scale(zero=False)),
                                                   tooltip=["base_model", "release_year", "n_datasets",
                                                            alt.Tooltip("mean_own_score:Q", format=".1f")])
                 + base.mark_errorbar().encode(y=alt.Y("score_ci_low:Q", title=f"mean {domain} score"),
                                               y2="score_ci_high:Q")).properties(height=320),
                width="stretch")
st.caption("Mean score in the dataset's own domain of the models fine-tuned on that year's datasets, with 95% "
           "bootstrap intervals; published cards carry the year only.")

st.header("Efficiency frontier")
frontier = db.query("""select base_model, dataset_name, samples, gain, gain_per_k_samples, is_on_frontier
                       from fct_efficiency_frontier where source like 'published:%' order by base_model, samples""")
if not db.empty_notice(frontier, "No published sizes to draw the frontier from."):
    model = st.selectbox("Base model", sorted(frontier.base_model.unique()), key="fi_model")
    view = frontier[frontier.base_model == model]
    dots = alt.Chart(view).mark_circle(size=60).encode(
        x=alt.X("samples:Q", scale=alt.Scale(type="log"), title="samples (log scale)"),
        y=alt.Y("gain:Q", title="overall gain over the base model"),
        color=alt.Color("is_on_frontier:N", title="on the frontier"),
        tooltip=["dataset_name", "samples", alt.Tooltip("gain:Q", format="+.2f"),
                 alt.Tooltip("gain_per_k_samples:Q", format="+.4f")])
    line = alt.Chart(view[view.is_on_frontier]).mark_line(strokeDash=[4, 3]).encode(x="samples:Q", y="gain:Q")
    st.altair_chart((dots + line).properties(height=380), width="stretch")
