"""The lineage job: edges, graph analysis, contamination scan and risk over every ingested dataset."""
import dagster as dg

lineage_job = dg.define_asset_job(
    "lineage", selection=dg.AssetSelection.groups("lineage") - dg.AssetSelection.assets("lineage_signatures"),
    description="Lineage edges (declared, ODA graph, content overlap), graph analysis, contamination scan and risk.")

lineage_agent_job = dg.define_asset_job(
    "lineage_agent", selection=dg.AssetSelection.groups("lineage_agent"),
    description="Trace upstream datasets with the LLM lineage agent from dataset cards (needs an endpoint).")
