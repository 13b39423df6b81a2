"""Lineage explorer: the graph around a focus dataset, with edge evidence and human review.

Click an edge's midpoint (or pick it in the list) to read its evidence, then verify or reject it.
Reviews go to an append-only store beside the warehouse (app.reviews), never into the DuckDB file
dbt writes; a decision shows at once in the session that made it and reaches the snapshot (everyone's
view) on the next build.
"""
import altair as alt
import pandas as pd
import streamlit as st

from app import db
from app.reviews import record_review
from warehouse.paths import ArenaPaths

st.title("Lineage explorer")
db.require("fct_lineage_explorer_edges", "fct_lineage_explorer_nodes")

nodes = db.query("select * from fct_lineage_explorer_nodes order by dataset_id")
if db.empty_notice(nodes, "No datasets in the lineage graph yet."):
    st.stop()

if "ln_pending_focus" in st.session_state:
    st.session_state["ln_focus"] = st.session_state.pop("ln_pending_focus")

c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
search = c1.text_input("Search datasets", key="ln_search", placeholder="id or name")
matches = nodes[nodes.dataset_id.str.contains(search, case=False, regex=False)
                | nodes.dataset_name.str.contains(search, case=False, regex=False)] if search else nodes
if matches.empty:
    st.info(f"No dataset matches '{search}'.")
    st.stop()
ranked = matches.assign(degree=matches.n_parents + matches.n_children).sort_values(["degree", "dataset_id"],
                                                                                  ascending=[False, True])
options = ranked.dataset_id.tolist()
if st.session_state.get("ln_focus") not in options:
    st.session_state["ln_focus"] = options[0]
focus = c2.selectbox("Focus dataset", options, key="ln_focus")
up_depth = c3.slider("Upstream depth", 0, 6, 2, key="ln_up")
down_depth = c4.slider("Downstream depth", 0, 6, 2, key="ln_down")
colour_by = st.radio("Colour nodes by", ["domain", "contamination"], horizontal=True, key="ln_colour")

levels = db.query("""
    with recursive
    up(node, depth) as (
        select ?::varchar, 0
        union
        select e.source_dataset_id, up.depth + 1
        from fct_lineage_explorer_edges as e join up on e.target_dataset_id = up.node
        where up.depth < ?
    ),
    down(node, depth) as (
        select ?::varchar, 0
        union
        select e.target_dataset_id, down.depth + 1
        from fct_lineage_explorer_edges as e join down on e.source_dataset_id = down.node
        where down.depth < ?
    ),
    levelled as (
        select node, -min(depth) as level from up group by node
        union all
        select node, min(depth) from down where depth > 0 group by node
    )
    select node as dataset_id, min(level) as level from levelled group by node""",
    (focus, up_depth, focus, down_depth))
sub_nodes = levels.merge(nodes, on="dataset_id", how="left")
edges = db.query("""select edge_id, source_dataset_id, target_dataset_id, relationships, confidence, evidence,
                           lineage_edge_ids, review_status, reviewer, reviewed_at, review_note
                    from fct_lineage_explorer_edges
                    where list_contains(?::varchar[], source_dataset_id) and list_contains(?::varchar[], target_dataset_id)
                    order by source_dataset_id, target_dataset_id""",
                 (sub_nodes.dataset_id.tolist(), sub_nodes.dataset_id.tolist()))

paths = ArenaPaths.from_env()
# decisions this session recorded since the snapshot was built: pair id -> review
recorded = st.session_state.setdefault("ln_recorded", {})
for column in ("review_status", "reviewer", "reviewed_at", "review_note") if not edges.empty else ():
    edges[column] = [recorded[e][column] if e in recorded else v for e, v in zip(edges.edge_id, edges[column])]

# layout: upstream to the left, downstream to the right, one column per generation
sub_nodes = sub_nodes.sort_values(["level", "dataset_id"])
sub_nodes["x"] = sub_nodes.level.astype(float)
sub_nodes["y"] = sub_nodes.groupby("level").cumcount().astype(float)
sub_nodes["y"] -= sub_nodes.groupby("level").y.transform("mean")
sub_nodes["is_focus"] = sub_nodes.dataset_id == focus
sub_nodes["contaminated"] = sub_nodes.contaminated_benchmarks.fillna(0) > 0
pos = sub_nodes.set_index("dataset_id")[["x", "y"]]
if not edges.empty:
    edges = edges.join(pos.rename(columns={"x": "x1", "y": "y1"}), on="source_dataset_id")
    edges = edges.join(pos.rename(columns={"x": "x2", "y": "y2"}), on="target_dataset_id")
    edges["mx"] = (edges.x1 + edges.x2) / 2
    edges["my"] = (edges.y1 + edges.y2) / 2
    edges["relationship"] = edges.relationships.map(lambda r: ", ".join(r))

st.caption(f"{len(sub_nodes)} datasets, {len(edges)} edges around **{focus}** "
           f"(upstream {up_depth}, downstream {down_depth}). Arrows point downstream, left to right.")
x_axis = alt.Axis(title="generation (upstream < 0 < downstream)", tickMinStep=1)
# a hidden axis rather than axis=None: with None, Streamlit's chart selections fail in the browser
y_axis = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
node_colour = (alt.Color("domain:N", title="domain") if colour_by == "domain" else
               alt.Color("contaminated:N", title="contaminated", scale=alt.Scale(domain=[False, True], range=["#4c78a8", "#e45756"])))
node_pick = alt.selection_point(name="node", fields=["dataset_id"], on="click")
edge_pick = alt.selection_point(name="edge", fields=["edge_id"], on="click")
# charts get flat columns only: list columns (evidence, relationships) break the browser's Arrow reader
edge_data = edges[["edge_id", "source_dataset_id", "target_dataset_id", "relationship", "confidence", "review_status",
                   "x1", "y1", "x2", "y2", "mx", "my"]] if not edges.empty else edges
node_data = sub_nodes[["dataset_id", "dataset_name", "domain", "role", "release_quarter", "contaminated_benchmarks",
                       "contaminated", "is_focus", "x", "y"]]
layers = []
status_colour = alt.Color("review_status:N", title="review", scale=alt.Scale(
    domain=["proposed", "verified", "rejected"], range=["#9e9e9e", "#2e7d32", "#c62828"]))
if not edges.empty:
    layers.append(alt.Chart(edge_data).mark_rule(strokeWidth=2).encode(
        x=alt.X("x1:Q", axis=x_axis), y=alt.Y("y1:Q", axis=y_axis), x2="x2:Q", y2="y2:Q", color=status_colour))
    layers.append(alt.Chart(edge_data).mark_point(shape="triangle-right", size=160, filled=True).encode(
        x="mx:Q", y="my:Q", color=status_colour,
        tooltip=["source_dataset_id", "target_dataset_id", "relationship", "confidence", "review_status"]
    ).add_params(edge_pick))
layers.append(alt.Chart(node_data).mark_circle(size=500, stroke="black").encode(
    x=alt.X("x:Q", axis=x_axis), y=alt.Y("y:Q", axis=y_axis), color=node_colour,
    strokeWidth=alt.condition("datum.is_focus", alt.value(3), alt.value(0)),
    tooltip=["dataset_id", "dataset_name", "domain", "role", "release_quarter", "contaminated_benchmarks"]
).add_params(node_pick))
layers.append(alt.Chart(node_data).mark_text(dy=-18, fontSize=11).encode(x="x:Q", y="y:Q", text="dataset_id:N"))
chart = alt.layer(*layers).resolve_scale(color="independent").properties(height=max(260, 90 * int(sub_nodes.groupby("level").size().max())))
event = st.altair_chart(chart, width="stretch", on_select="rerun", key="ln_graph")

selection = getattr(event, "selection", None) or {}
clicked_nodes = [p.get("dataset_id") for p in selection.get("node", []) if p.get("dataset_id")]
if clicked_nodes and clicked_nodes[0] != focus:
    st.session_state["ln_pending_focus"] = clicked_nodes[0]
    st.rerun()

st.subheader("Edge evidence and review")
if edges.empty:
    st.info("No edges around this dataset at these depths.")
    st.stop()
flash = st.session_state.pop("ln_flash", None)
if flash:
    st.success(flash)
edge_ids = edges.edge_id.tolist()
clicked_edges = [p.get("edge_id") for p in selection.get("edge", []) if p.get("edge_id") in edge_ids]
labels = {r.edge_id: f"{r.source_dataset_id} → {r.target_dataset_id} ({r.review_status})" for r in edges.itertuples()}
if clicked_edges:
    st.session_state["ln_edge"] = clicked_edges[0]
if st.session_state.get("ln_edge") not in edge_ids:
    st.session_state["ln_edge"] = edge_ids[0]
edge_id = st.selectbox("Edge", edge_ids, format_func=labels.__getitem__, key="ln_edge")
edge = edges.set_index("edge_id").loc[edge_id]
st.markdown(f"**{edge.source_dataset_id} → {edge.target_dataset_id}** · {edge.relationship} · "
            f"confidence {edge.confidence:.2f} · review status: **{edge.review_status}**")
st.dataframe(pd.DataFrame(list(edge.evidence)), hide_index=True, width="stretch")
if edge.review_status != "proposed" and pd.notna(edge.reviewed_at):
    st.caption(f"Last review: {edge.review_status} by {edge.reviewer} at {pd.Timestamp(edge.reviewed_at):%Y-%m-%d %H:%M} UTC"
               + (f" — {edge.review_note}" if pd.notna(edge.review_note) and edge.review_note else ""))
r1, r2 = st.columns([2, 3])
reviewer = r1.text_input("Reviewer", key="ln_reviewer")
note = r2.text_input("Note (optional)", key="ln_note")
b1, b2, _ = st.columns([1, 1, 4])
for column, status, label in ((b1, "verified", "Verify edge"), (b2, "rejected", "Reject edge")):
    if column.button(label, key=f"ln_{status}", type="primary" if status == "verified" else "secondary"):
        record_review(paths, list(edge.lineage_edge_ids), status, reviewer, note)
        recorded[edge_id] = {"review_status": status, "reviewer": reviewer.strip() or "anonymous",
                             "reviewed_at": pd.Timestamp.now(tz="UTC"), "review_note": note or None}
        st.session_state["ln_flash"] = f"Edge {edge.source_dataset_id} → {edge.target_dataset_id} marked {status}."
        st.rerun()

st.subheader("Edges in view")
st.dataframe(edges[["source_dataset_id", "target_dataset_id", "relationship", "confidence", "review_status"]],
             hide_index=True, width="stretch")

if "fct_lineage_agent_errors" in db.tables():
    agent_errors = db.query("""select dataset_id, documents_not_fetched, model_requests_given_up, model_retries,
                                      error_kinds, example_message, example_url
                               from fct_lineage_agent_errors order by dataset_id""")
    if not agent_errors.empty:
        st.subheader("What the lineage agent could not read")
        st.caption("Per dataset in the agent's last run: documents not fetched (Hub card, GitHub README, arXiv "
                   "abstract) and model requests given up on. A dataset here may be missing edges.")
        st.dataframe(agent_errors, hide_index=True, width="stretch")
