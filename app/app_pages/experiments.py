"""Experiments: what selecting samples by a score, mixing datasets, and repeating runs over seeds change,
and whether the demo's planted ordering comes out.

Gains come from fct_experiments (paired bootstrap over benchmark items and seed runs); the seed
stability of the arena's own ranking from fct_seed_stability."""
import json

import altair as alt
import streamlit as st

from app import db

st.title("Experiments")
db.require("fct_experiments", "fct_seed_stability")

gains = db.query("""select experiment_id, experiment_kind, protocol_id, seeds, comparison, arm, versus, benchmark,
                           metric, arm_samples, arm_approx_tokens, arm_score, versus_score, gain, ci_low, ci_high,
                           is_significant, n_items, arm_seeds, versus_seeds, spec_json
                    from fct_experiments order by experiment_id, arm, versus, benchmark, metric""")
st.subheader("Selection, mixture and the planted ordering")
st.caption("Gain = the arm's benchmark score minus the compared arm's (points), with its 95% paired-bootstrap "
           "interval over items and seed runs. Selection: top, bottom and random shares of a dataset ranked by a "
           "per-sample score; mixture: a weighted mix against each of its datasets at the same budget; planted: "
           "the demo's training sets compared along the pairs its ground truth orders (better vs worse).")
if not db.empty_notice(gains, "No experiment yet: `arena experiment demo` runs the demo's selection case "
                              "(`arena experiment select|mix` for others)."):
    ids = sorted(gains.experiment_id.unique())
    # open on the demo's planted ordering with the most seeds, where there is one: the arena's check of itself
    planted = gains[gains.experiment_kind == "planted"].sort_values(["seeds", "experiment_id"])
    first = ids.index(planted.experiment_id.iloc[-1]) if len(planted) else 0
    experiment = st.selectbox("Experiment", ids, index=first, key="ex_id")
    view = gains[gains.experiment_id == experiment]
    st.caption(f"Definition: `{view.spec_json.iloc[0]}` under `{view.protocol_id.iloc[0]}`, "
               f"{int(view.seeds.iloc[0])} seed(s) per arm")
    measures = sorted((view.benchmark + " · " + view.metric).unique())
    judged_on = " · ".join(json.loads(view.spec_json.iloc[0]).get("measure", []))
    measure = st.selectbox("Benchmark metric", measures, key="ex_measure",
                           index=measures.index(judged_on) if judged_on in measures else 0)
    shown = view[(view.benchmark + " · " + view.metric) == measure]
    base = alt.Chart(shown).encode(y=alt.Y("comparison:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)))
    bars = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("ci_low:Q", title="gain (points) with 95% interval"), x2="ci_high:Q",
        color=alt.Color("is_significant:N", title="interval excludes 0"))
    points = base.mark_point(filled=True, size=80, color="black").encode(
        x="gain:Q", tooltip=["comparison", alt.Tooltip("arm_score:Q", format=".1f"),
                             alt.Tooltip("versus_score:Q", format=".1f"), alt.Tooltip("gain:Q", format="+.2f"),
                             alt.Tooltip("ci_low:Q", format="+.2f"), alt.Tooltip("ci_high:Q", format="+.2f"),
                             "n_items", "arm_seeds", "versus_seeds"])
    zero = alt.Chart().mark_rule(strokeDash=[4, 4]).encode(x=alt.datum(0))
    st.altair_chart(alt.layer(bars, points, zero, data=shown), width="stretch")
    st.dataframe(shown.drop(columns=["experiment_id", "spec_json", "benchmark", "metric"]).round(3),
                 hide_index=True, width="stretch")

stability = db.query("""select protocol_id, base_model, dataset_id, n_seeds, mean_score, seed_sd, best_rank,
                               worst_rank, modal_rank, modal_rank_share, rank_is_stable, ranks_by_seed, scores_by_seed
                        from fct_seed_stability order by protocol_id, mean_score desc""")
st.subheader("Rank stability over seeds")
st.caption("Setups trained under several seeds (`--seeds N`): each dataset's overall score and rank in every "
           "seed. The leaderboard's intervals and rank bands use this seed-to-seed spread.")
if not db.empty_notice(stability, "No setup has several seeds yet: `arena validate demo --seeds 3` trains the "
                                  "demo's sets under three seeds."):
    setup = st.selectbox("Protocol", sorted(stability.protocol_id.unique()), key="ex_setup")
    seeds_view = stability[stability.protocol_id == setup]
    order = alt.EncodingSortField("mean_score", order="descending")
    y = alt.Y("dataset_id:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    ranks = alt.Chart(seeds_view).encode(y=y)
    span = ranks.mark_rule(strokeWidth=10, strokeCap="round", opacity=0.35).encode(
        x=alt.X("best_rank:Q", title="rank over seeds: range and modal rank (1 = best)",
                scale=alt.Scale(domain=[0.5, len(seeds_view) + 0.5]), axis=alt.Axis(tickMinStep=1)),
        x2="worst_rank:Q")
    modal = ranks.mark_point(filled=True, size=90, color="black").encode(
        x="modal_rank:Q", tooltip=["dataset_id", "n_seeds", alt.Tooltip("mean_score:Q", format=".1f"),
                                   alt.Tooltip("seed_sd:Q", format=".2f"), "best_rank", "worst_rank", "modal_rank",
                                   alt.Tooltip("modal_rank_share:Q", format=".0%"), "ranks_by_seed"])
    st.altair_chart(alt.layer(span, modal).properties(height=32 * len(seeds_view) + 40), width="stretch")
    st.dataframe(seeds_view.round(3), hide_index=True, width="stretch")
