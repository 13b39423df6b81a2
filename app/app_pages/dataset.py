"""Dataset: card, size and license, fingerprint against all datasets, score distributions, a sample
browser, results, lineage neighbourhood and contamination of one dataset."""
import altair as alt
import pandas as pd
import streamlit as st

from app import db

st.title("Dataset")
db.require("dim_datasets", "stg_arena__samples", "fct_dataset_profile", "fct_dataset_length_histograms", "fct_lineage_explorer_edges",
           "fct_contamination_summary", "fct_leaderboard")

datasets = db.query("select dataset_id, dataset_name, role from dim_datasets order by role desc, dataset_id")
if db.empty_notice(datasets, "No datasets catalogued yet."):
    st.stop()
ids = datasets.dataset_id.tolist()
wanted = st.query_params.get("dataset")
dataset_id = st.selectbox("Dataset", ids, index=ids.index(wanted) if wanted in ids else 0, key="ds_id",
                          format_func=lambda i: f"{i} — {datasets.set_index('dataset_id').dataset_name[i]}")
st.query_params["dataset"] = dataset_id

card = db.query("select * from dim_datasets where dataset_id = ?", (dataset_id,)).iloc[0]


def shown(value, missing: str = "unknown") -> str:
    """A card value for display: missing values (None, NaN, pandas NA) read as `missing`."""
    return missing if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else str(value)


def joined(values) -> str:
    """A list column for display ('' when missing)."""
    return ", ".join(str(v) for v in values) if hasattr(values, "__iter__") and not isinstance(values, str) else ""


st.subheader(card.dataset_name)
c = st.columns(5)
c[0].metric("Samples", "—" if pd.isna(card.samples) else f"{int(card.samples):,}")
c[1].metric("Size bucket", shown(card.size_bucket))
c[2].metric("Domain", shown(card.domain))
c[3].metric("License", shown(card.license))
c[4].metric("Released", shown(card.release_quarter, shown(card.release_year)))
c = st.columns(4)
c[0].metric("Rejected records", "—" if pd.isna(card.rejected_records) else f"{int(card.rejected_records):,}")
c[1].metric("Duplicate share", "—" if pd.isna(card.duplicate_share) else f"{card.duplicate_share:.1%}")
c[2].metric("Avg response words", "—" if pd.isna(card.avg_response_words) else f"{card.avg_response_words:.0f}")
c[3].metric("Role", shown(card.role))
details = {"format": shown(card.format, ""), "homepage": shown(card.homepage, ""), "paper": shown(card.paper, ""),
           "hub id": shown(card.hub_id, ""), "affiliation": shown(card.affiliation, ""),
           "published size": "" if pd.isna(card.published_samples) else f"{int(card.published_samples):,} samples",
           "published in": joined(card.published_in), "declared parents": joined(card.declared_parents),
           "tags": joined(card.tags), "catalogs": joined(card.catalogs)}
st.table({k: [v] for k, v in details.items() if v})

st.header("Fingerprint against all datasets")
profile = db.query("""select dimension, dimension_source, value, percentile from fct_dataset_profile
                      where dataset_id = ? order by dimension_source, dimension""", (dataset_id,))
if not db.empty_notice(profile, "No fingerprint for this dataset (it is not ingested yet)."):
    st.altair_chart(alt.Chart(profile).mark_bar().encode(
        x=alt.X("percentile:Q", scale=alt.Scale(domain=[0, 100]), title="percentile among all datasets"),
        y=alt.Y("dimension:N", title=None), color="dimension_source:N",
        tooltip=["dimension", alt.Tooltip("value:Q", format=".3f"), alt.Tooltip("percentile:Q", format=".0f")]),
        width="stretch")
    if "scoring" not in set(profile.dimension_source):
        st.caption("Quality dimensions (reward models, judges, complexity) appear here once the dataset is "
                   "scored (`arena materialize`); shown: the shape measured at ingest.")

st.header("Score distributions")
metric = st.radio("Per-sample measure", ["response_words", "instruction_words", "n_turns"], horizontal=True,
                  key="ds_metric")
dist = db.query("""
    with pooled as (
        select bin, bin_low, bin_high, case when dataset_id = ? then ? else 'all other datasets' end as population,
               sum(n) as n
        from fct_dataset_length_histograms where measure = ? group by all
    )
    select *, bin_low || '-' || bin_high as bin_range, n / sum(n) over (partition by population) as share
    from pooled order by bin""", (dataset_id, dataset_id, metric))
if not db.empty_notice(dist, "No samples ingested for this dataset."):
    st.altair_chart(alt.Chart(dist).mark_bar(opacity=0.6).encode(
        x=alt.X("bin_range:N", sort=alt.SortField("bin"), title=f"{metric} (power-of-two bins)"),
        y=alt.Y("share:Q", axis=alt.Axis(format="%"), stack=None), color="population:N",
        xOffset="population:N", tooltip=["population", "bin_range", "n", alt.Tooltip("share:Q", format=".1%")]),
        width="stretch")
has_sample_scores = "stg_scoring__sample_scores" in db.tables()

st.header("Sample browser")
f1, f2, f3, f4 = st.columns([3, 1, 1, 1])
text = f1.text_input("Text contains (instruction or response)", key="ds_text")
min_words = f2.number_input("Min response words", min_value=0, value=0, step=10, key="ds_min_words")
multi = f3.checkbox("Multi-turn only", key="ds_multi")
dups = f4.checkbox("Duplicates only", key="ds_dups")
page_size = 20
page = st.number_input("Page", min_value=1, value=1, step=1, key="ds_page")
score_join = ("left join (select sample_id, map_from_entries(list(struct_pack(k := scorer || '.' || dimension, "
              "v := round(value, 3)) order by scorer, dimension)) as scores "
              "from stg_scoring__sample_scores where dataset_id = ? group by sample_id) as sc using (sample_id)"
              if has_sample_scores else "")
params = ([dataset_id] if has_sample_scores else []) + [dataset_id, text, f"%{text}%", f"%{text}%", min_words, multi,
                                                       dups, page_size, (page - 1) * page_size]
samples = db.query(f"""
    select s.record_index, s.n_turns, s.instruction_words, s.response_words, s.is_duplicate,
           left(s.instruction_text, 160) as instruction, left(s.response_text, 160) as response, s.sample_id
           {', sc.scores' if has_sample_scores else ''}
    from stg_arena__samples as s {score_join}
    where s.dataset_id = ?
      and (? = '' or s.instruction_text ilike ? or s.response_text ilike ?)
      and s.response_words >= ?
      and (not ? or s.n_turns > 1)
      and (not ? or s.is_duplicate)
    order by s.record_index
    limit ? offset ?""", params)
if not db.empty_notice(samples, "No samples match these filters."):
    st.dataframe(samples, hide_index=True, width="stretch")
    if not has_sample_scores:
        st.caption("Per-sample scores appear as a column once the dataset is scored (`arena materialize`).")
    record = st.selectbox("Show a record in full", samples.record_index.tolist(), key="ds_record")
    full = db.query("select messages, extra from stg_arena__samples where dataset_id = ? and record_index = ?",
                    (dataset_id, int(record))).iloc[0]
    for m in full.messages:
        with st.chat_message("user" if m["role"] in ("user", "system") else "assistant"):
            st.caption(m["role"])
            st.text(m["content"])
    if full.extra:
        st.caption(f"extra: {full.extra}")

st.header("Results")
results = db.query("""select setup_label as setup, overall_avg, delta_base, delta_instruct, overall_rank,
                             rank_best || case when rank_worst > rank_best then '–' || rank_worst else '' end as rank_band,
                             gain_per_k_samples
                      from fct_leaderboard where dataset_id = ? order by source, base_model""", (dataset_id,))
if not db.empty_notice(results, "No benchmark results for this dataset yet."):
    st.dataframe(results, hide_index=True, width="stretch", column_config={
        "overall_avg": st.column_config.NumberColumn("overall", format="%.2f"),
        "delta_base": st.column_config.NumberColumn("Δ base", format="%+.2f"),
        "delta_instruct": st.column_config.NumberColumn("Δ instruct", format="%+.2f"),
        "overall_rank": st.column_config.NumberColumn("rank", format="%d"),
        "rank_band": st.column_config.TextColumn("rank band"),
        "gain_per_k_samples": st.column_config.NumberColumn("gain / 1k samples", format="%+.4f")})

st.header("Lineage neighbourhood")
edges = db.query("""select source_dataset_id as upstream, target_dataset_id as downstream, relationships, confidence,
                           review_status
                    from fct_lineage_explorer_edges where source_dataset_id = ? or target_dataset_id = ?
                    order by upstream, downstream""", (dataset_id, dataset_id))
if not db.empty_notice(edges, "No known lineage edges touch this dataset."):
    st.dataframe(edges, hide_index=True, width="stretch")
    st.page_link("app_pages/lineage.py", label="Open in the lineage explorer", icon=":material/account_tree:")

st.header("Contamination")
contamination = db.query("""select benchmark_id, benchmark_name, contaminated_items, benchmark_items,
                                   contamination_share, method
                            from fct_contamination_summary where dataset_id = ? order by contamination_share desc""",
                         (dataset_id,))
if contamination.empty:
    st.info("No contamination findings for this dataset: either it is clean or the contamination scan "
            "(`fct_contamination`) has not run on it yet.")
else:
    st.dataframe(contamination, hide_index=True, width="stretch",
                 column_config={"contamination_share": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1)})
