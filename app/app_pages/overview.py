"""Overview: what the arena holds and where to look, the landing page (every other page has its own URL)."""
import streamlit as st

from app import db

st.title("DataArena")
st.write("How much is a post-training dataset worth? Each setup fine-tunes one base model on each dataset under "
         "one protocol and evaluates it on a fixed benchmark suite, so the dataset is the only variable.")
db.require("fct_leaderboard", "dim_datasets")

setups = db.query("""
    select any_value(setup_label) as setup, count(*) filter (where model_role = 'finetuned') as datasets,
        max(n_benchmarks) as benchmarks,
        arg_max(dataset_name, overall_avg) filter (where model_role = 'finetuned') as best_dataset,
        max(overall_avg) filter (where model_role = 'finetuned') as best_overall,
        max(overall_avg) filter (where model_role = 'base') as base_overall,
        count(*) filter (where model_role = 'finetuned' and delta_base < 0) as below_base
    from fct_leaderboard group by source, base_model, protocol_id
    order by any_value(source) like 'published:%' desc, setup""")
if db.empty_notice(setups, "No benchmark results yet: run `arena demo`."):
    st.stop()
st.dataframe(setups, hide_index=True, width="stretch", column_config={
    "best_dataset": st.column_config.TextColumn("best dataset"),
    "best_overall": st.column_config.NumberColumn("its overall", format="%.2f"),
    "base_overall": st.column_config.NumberColumn("base model", format="%.2f"),
    "below_base": st.column_config.NumberColumn("below base", help="fine-tuned models scoring under the base model")})
datasets = db.query("select count(*) as n, count(*) filter (where is_ingested) as ingested from dim_datasets").iloc[0]
st.caption(f"{int(datasets.n)} datasets known, {int(datasets.ingested)} ingested and scored here. Published setups "
           "are ODA's leaderboard as published (see the README's provenance); arena runs are trained here.")
st.page_link("app_pages/leaderboard.py", label="Leaderboard: datasets ranked per setup, with intervals and flags", icon=":material/leaderboard:")
st.page_link("app_pages/findings.py", label="Findings: the paper's headline analyses recomputed", icon=":material/insights:")
st.page_link("app_pages/lineage.py", label="Lineage explorer: where datasets come from, and contamination", icon=":material/account_tree:")
