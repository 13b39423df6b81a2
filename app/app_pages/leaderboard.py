"""Leaderboard: datasets ranked by the score of the model fine-tuned on them, per setup."""
import altair as alt
import pandas as pd
import streamlit as st

from app import db

st.title("Leaderboard")
db.require("fct_leaderboard", "fct_leaderboard_domains", "fct_leaderboard_rank_intervals", "dim_datasets")

setups = db.query("""select source, base_model, protocol_id, any_value(setup_label) as setup_label
                      from fct_leaderboard group by source, base_model, protocol_id
                      order by source like 'published:%' desc, source, base_model, protocol_id""")
if db.empty_notice(setups, "No benchmark results yet: import a published leaderboard (asset `published_results`) "
                           "or run the train-evaluate pipeline, then rebuild the warehouse."):
    st.stop()

labels = setups.setup_label.tolist()
col1, col2 = st.columns([3, 1])
choice = col1.selectbox("Setup (source · base model)", range(len(labels)), format_func=labels.__getitem__,
                        key="lb_setup")
setup = setups.iloc[choice]
domain = col2.selectbox("Domain", ["overall", "general", "math", "code", "reasoning", "science"], key="lb_domain")

facets = db.query("""
    select list(distinct size_bucket order by size_bucket) filter (where size_bucket is not null) as buckets,
           list(distinct license_label order by license_label) as licenses,
           flatten(list(tags)) as tags
    from fct_leaderboard where source = ? and base_model = ? and protocol_id = ? and model_role = 'finetuned'
""", (setup.source, setup.base_model, setup.protocol_id)).iloc[0]
as_list = lambda v: [] if v is None else list(v)  # noqa: E731  (a null list arrives as None)
all_tags = sorted(set(as_list(facets.tags)))
f1, f2, f3, f4 = st.columns(4)
buckets = f1.multiselect("Size", as_list(facets.buckets), key="lb_size")
licenses = f2.multiselect("License", as_list(facets.licenses), key="lb_license")
tags = f3.multiselect("Tags", all_tags, key="lb_tags")
show_baselines = f4.checkbox("Show base / instruct rows", value=True, key="lb_baselines")

SORTS = {"rank": "rank_ asc nulls last", "score": "score desc", "gain over base": "delta_base desc nulls last",
         "gain per 1k samples": "gain_per_k_samples desc nulls last", "gain per 1M tokens": "gain_per_m_tokens desc nulls last",
         "size": "samples desc nulls last", "name": "dataset_name asc"}
sort = st.selectbox("Sort by", list(SORTS), key="lb_sort")

board = db.query(f"""
    select
        l.model_role as role,
        l.dataset_name as dataset,
        l.dataset_id,
        coalesce(d.domain_avg, l.overall_avg) as score,
        coalesce(d.ci_low, l.ci_low) as ci_low,
        coalesce(d.ci_high, l.ci_high) as ci_high,
        case when ? = 'overall' then l.overall_rank else d.domain_rank end as rank_,
        case when ? = 'overall' then l.rank_best else d.domain_rank_best end as rank_best,
        case when ? = 'overall' then l.rank_worst else d.domain_rank_worst end as rank_worst,
        coalesce(d.delta_base, l.delta_base) as delta_base,
        coalesce(d.delta_instruct, l.delta_instruct) as delta_instruct,
        l.gain_per_k_samples, l.gain_per_m_tokens,
        l.overall_avg, l.micro_avg, l.general_avg, l.math_avg, l.code_avg, l.reasoning_avg, l.science_avg,
        l.samples, l.size_bucket, l.license_label as license, l.tags, l.release_period, l.uncertainty_basis,
        l.contaminated_items, l.contaminated_benchmarks,
        b.rank_p025, b.rank_p975, b.share_ranked_first
    from fct_leaderboard as l
    left join fct_leaderboard_rank_intervals as b
        on ? = 'overall' and b.source = l.source and b.base_model = l.base_model
        and b.protocol_id = l.protocol_id and b.model_key = l.model_key
    left join fct_leaderboard_domains as d
        on ? <> 'overall' and d.source = l.source and d.base_model = l.base_model
        and d.protocol_id = l.protocol_id and d.model_key = l.model_key and d.domain = ?
    where l.source = ? and l.base_model = ? and l.protocol_id = ?
      and (? = 'overall' or d.domain is not null)
      and (l.model_role <> 'finetuned' or (
            (len(?::varchar[]) = 0 or list_contains(?::varchar[], l.size_bucket))
        and (len(?::varchar[]) = 0 or list_contains(?::varchar[], l.license_label))
        and (len(?::varchar[]) = 0 or list_has_any(?::varchar[], l.tags))))
      and (? or l.model_role = 'finetuned')
    order by {SORTS[sort]}
""", (domain, domain, domain, domain, domain, domain, setup.source, setup.base_model, setup.protocol_id, domain,
      buckets, buckets, licenses, licenses, tags, tags, show_baselines))

if db.empty_notice(board, f"No results in the {domain} domain for this setup and these filters."):
    st.stop()

board["bootstrap rank 95%"] = [
    "" if pd.isna(r.rank_p025) else
    (f"{int(r.rank_p025)}" if r.rank_p025 == r.rank_p975 else f"{int(r.rank_p025)}–{int(r.rank_p975)}")
    for r in board.itertuples()]
board["rank band"] = [
    "" if r.role != "finetuned" or pd.isna(r.rank_best) else
    (f"{int(r.rank_best)}" if r.rank_best == r.rank_worst else f"{int(r.rank_best)}–{int(r.rank_worst)}")
    for r in board.itertuples()]
st.caption(f"{len(board[board.role == 'finetuned'])} datasets · score = "
           + ("mean of the domain averages (ODA's rule)" if domain == "overall" else f"mean of the {domain} tasks")
           + " · intervals: " + ", ".join(sorted(set(board[board.role == "finetuned"].uncertainty_basis.dropna()))) +
           " · a rank band wider than one rank means the dataset is statistically tied with its neighbours"
           + (" · bootstrap rank: 2.5-97.5% of ranks over redraws of every benchmark score" if domain == "overall" else ""))

board["95% interval"] = ["one run: no interval" if pd.isna(r.ci_low) or r.ci_low == r.ci_high
                         else f"{r.ci_low:.2f} – {r.ci_high:.2f}" for r in board.itertuples()]
board["flags"] = [
    " ".join(f for f in (
        f"⚠ contaminated: {', '.join(r.contaminated_benchmarks)}" if r.contaminated_items else "",
        "licence unknown" if r.role == "finetuned" and r.license == "unknown" else "",
        "non-commercial licence" if "nc" in str(r.license).lower().replace("-", " ").split() else "") if f)
    for r in board.itertuples()]
board["release_period"] = board.release_period.fillna("")
board["size_bucket"] = board.size_bucket.where(board.role == "finetuned", "")
board["license"] = board.license.where(board.role == "finetuned", "")
board["dataset_id"] = board.dataset_id.fillna("")

shown = [c for c in ["rank_", "rank band", "bootstrap rank 95%", "dataset", "role", "score", "95% interval",
                      "delta_base", "delta_instruct", "flags", "gain_per_k_samples", "gain_per_m_tokens", "micro_avg",
                      "samples", "size_bucket", "license", "release_period", "dataset_id"]
         if board[c].notna().any()]  # a column this setup never fills (e.g. tokens of published sets) is left out
st.dataframe(
    board[shown],
    hide_index=True, width="stretch",
    column_config={
        "rank_": st.column_config.NumberColumn("rank", format="%d"),
        "score": st.column_config.NumberColumn(format="%.2f"),
        "ci_low": st.column_config.NumberColumn("95% low", format="%.2f"),
        "ci_high": st.column_config.NumberColumn("95% high", format="%.2f"),
        "delta_base": st.column_config.NumberColumn("Δ base", format="%+.2f"),
        "delta_instruct": st.column_config.NumberColumn("Δ instruct", format="%+.2f"),
        "gain_per_k_samples": st.column_config.NumberColumn("gain / 1k samples", format="%+.4f"),
        "gain_per_m_tokens": st.column_config.NumberColumn("gain / 1M tokens (≈chars/4)", format="%+.3f"),
        "micro_avg": st.column_config.NumberColumn("micro avg", format="%.2f"),
    })

finetuned = board[board.role == "finetuned"].sort_values("score", ascending=False)
if len(finetuned) > 40:
    top = st.slider("Datasets in the chart (best first)", 10, len(finetuned), 40, step=5, key="lb_top")
    finetuned = finetuned.head(top)
baselines = board[board.role != "finetuned"][["dataset", "score"]]
order = finetuned.dataset.tolist()
base = alt.Chart(finetuned).encode(
    y=alt.Y("dataset:N", sort=order, title=None, axis=alt.Axis(labelLimit=280, labelOverlap=False)))
chart = (base.mark_rule(color="#555").encode(
             x=alt.X("ci_low:Q", title=f"{domain} score (95% interval)", scale=alt.Scale(zero=False)), x2="ci_high:Q")
         + base.mark_point(filled=True, size=70, stroke="#333", strokeWidth=0.6).encode(
             x="score:Q", color=alt.Color("delta_base:Q", scale=alt.Scale(scheme="redblue", domainMid=0), title="Δ base"),
             tooltip=["dataset", alt.Tooltip("score:Q", format=".2f"), alt.Tooltip("delta_base:Q", format="+.2f"), "rank band"]))
if not baselines.empty:
    chart = chart + alt.Chart(baselines).mark_rule(strokeDash=[4, 4], color="gray").encode(
        x="score:Q", tooltip=["dataset", alt.Tooltip("score:Q", format=".2f")])
st.altair_chart(chart.properties(height=max(200, 20 * len(finetuned))), width="stretch")
st.caption("Dashed lines: the base and instruct models of this setup.")
