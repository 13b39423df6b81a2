"""Domains: what each dataset's samples are about, measured by the MiniLM domain classifier, beside
the domain its catalog declares; datasets whose top measured domain contradicts the declaration are
flagged. The classifier's held-out accuracy (whole sources held out) is shown with the keyword
baseline's, so a reader can judge how far to trust the mix."""
import altair as alt
import streamlit as st

from app import db

st.title("Domains")
db.require("fct_dataset_domain_mix", why="It is built from `sample_domains` (`arena materialize --domains`).")


def _held_out() -> dict:
    from scoring.domains.runner import load_model

    try:
        return load_model().provenance.get("held_out", {})
    except (OSError, ValueError, KeyError):
        return {}


held = _held_out()
if held.get("classifier"):
    c, b = held["classifier"], held["keyword_baseline"]
    cols = st.columns(4)
    cols[0].metric("Held-out accuracy", f"{100 * c['accuracy']:.1f}%",
                   f"{100 * (c['accuracy'] - b['accuracy']):+.1f} pts vs keywords")
    cols[1].metric("Held-out macro-F1", f"{c['macro_f1']:.3f}", f"{c['macro_f1'] - b['macro_f1']:+.3f} vs keywords")
    cols[2].metric("Keyword baseline accuracy", f"{100 * b['accuracy']:.1f}%")
    cols[3].metric("Held-out sources", f"{held.get('sources', '?')} in {held.get('families', '?')} families")
    st.caption("Each source family (copies and subsets of one upstream) was held out in turn and classified by a "
               "model fitted on the others; see bench/domains/RESULTS.md.")

mix = db.query("""
    select dataset_id, dataset_name, role, declared_domain, declared_class, domain, samples, share, mean_confidence,
        keyword_share, dataset_samples, dataset_mean_confidence, top_domain, top_share, declared_share, is_mismatch
    from fct_dataset_domain_mix order by dataset_id, share desc""")
if not db.empty_notice(mix, "No dataset has been classified yet: run `arena materialize --domains`."):
    datasets = mix.drop_duplicates("dataset_id")
    flagged = datasets[datasets.is_mismatch.fillna(False).astype(bool)]
    st.metric("Datasets classified", len(datasets),
              f"{len(flagged)} contradict their declared domain", delta_color="off")
    roles = st.multiselect("Role", sorted(datasets.role.dropna().unique()), key="dm_roles")
    view = mix[mix.role.isin(roles)] if roles else mix
    view = view.assign(label=view.dataset_id + " (declared " + view.declared_domain.fillna("?") + ")"
                       + view.is_mismatch.map({True: " ⚠", False: ""}).fillna(""))
    order = view.drop_duplicates("dataset_id").sort_values(["top_domain", "top_share"]).label.tolist()
    st.altair_chart(alt.Chart(view).mark_bar().encode(
        x=alt.X("share:Q", stack="normalize", title="share of samples", axis=alt.Axis(format="%")),
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("domain:N", title="measured domain"),
        tooltip=["dataset_id", "declared_domain", "domain", alt.Tooltip("samples:Q", format=","),
                 alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("mean_confidence:Q", format=".2f"),
                 alt.Tooltip("keyword_share:Q", format=".1%", title="keyword baseline share")])
        .properties(height=22 * len(order) + 40), width="stretch")
    st.caption("⚠: the most frequent measured domain is not the declared one (truthfulness reads as knowledge; a "
               "declared domain the classifier has no class for is never flagged).")
    st.subheader("Declared versus measured")
    table = datasets[["dataset_id", "role", "declared_domain", "top_domain", "top_share", "declared_share",
                      "dataset_mean_confidence", "dataset_samples", "is_mismatch"]]
    st.dataframe(table.sort_values(["is_mismatch", "declared_share"], ascending=[False, True]).round(3),
                 hide_index=True, width="stretch",
                 column_config={"top_share": st.column_config.NumberColumn("top share", format="percent"),
                                "declared_share": st.column_config.NumberColumn("declared share", format="percent"),
                                "dataset_mean_confidence": st.column_config.NumberColumn("mean confidence"),
                                "is_mismatch": st.column_config.CheckboxColumn("mismatch")})
