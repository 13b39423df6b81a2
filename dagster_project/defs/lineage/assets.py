"""Lineage and contamination assets: evidence collectors -> edges, graph nodes, contamination scan.

Every output is a lake table written through `warehouse.lake` (one partition per dataset or per
collector), never the DuckDB file; dbt models under `dbt/models/*/lineage/` read them. Each collector
writes its own partition of `lineage_edges`, so re-running one never touches another's edges, and
people's reviews live in `lineage_reviews` (one partition per batch, never replaced). Reviews are
applied in one place, the dbt model `int_lineage__edges_reviewed`; the graph statistics and the
lineage contamination risk are dbt Python models on top of it (`dbt/models/intermediate/lineage/`).
"""

import os

import dagster as dg
import pyarrow as pa
import pyarrow.parquet as pq

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.resources import ArenaLakeResource, EngineResource
from warehouse.lake import iter_partition, list_partitions, partition_files, write_partition
from warehouse.tables import (CONTAMINATION_MATCHES, CONTAMINATION_MATRIX, LINEAGE_AGENT_ERRORS, LINEAGE_EDGES,
                              LINEAGE_NODES, LINEAGE_ODA_NODES,
                              LINEAGE_OVERLAP_PAIRS, LINEAGE_REVIEWS, LINEAGE_SIGNATURES, NODE_SCHEMA, SAMPLES)


GROUP = "lineage"


# --- content overlap -----------------------------------------------------------------------------
@dg.asset(group_name=GROUP, partitions_def=dataset_partitions, deps=["normalized_samples"], kinds={"python", "parquet"})
def lineage_signatures(context: dg.AssetExecutionContext, lake: ArenaLakeResource,
                       engine: EngineResource) -> dg.MaterializeResult:
    """MinHash signatures (instruction and response sides) of one dataset's samples, for overlap search
    (sharded across Ray tasks on the `ray` engine, identical rows)."""
    from lineage.overlap import MinHasher

    paths = lake.paths
    if engine.is_ray:
        from engine.lineage import signatures

        engine.connect()
        sigs = signatures(paths, context.partition_key)
    else:
        batches = iter_partition(paths, SAMPLES.name, context.partition_key,
                                 columns=["dataset_id", "sample_id", "instruction_text", "response_text"])
        sigs = MinHasher().signatures(batches)
    write_partition(paths, LINEAGE_SIGNATURES.name, context.partition_key, sigs.to_table())
    return dg.MaterializeResult(metadata={"samples": len(sigs)})


class EdgesConfig(dg.Config):
    overlap_threshold: float = 0.7   # estimated Jaccard for near-duplicate texts
    overlap_min_share: float = 0.05  # share of one side's samples an overlap edge needs
    cards_dir: str = ""              # folder of local dataset cards (<owner>__<name>.md); empty: catalog only
    oda_folder: str = ""             # ODA's lineage folder; empty: <shared data>/oda_lineage; "none": skip


@dg.multi_asset(
    group_name=GROUP,
    specs=[dg.AssetSpec("lineage_edges", deps=[lineage_signatures, "dataset_catalog"], kinds={"python", "parquet"},
                        description="Lineage edges with structured evidence; one lake partition per collector "
                                    "(oda_import, declared, content_overlap; llm_agent from lineage_agent_edges)."),
           dg.AssetSpec("lineage_overlap_pairs", deps=[lineage_signatures, "dataset_catalog"], kinds={"parquet"},
                        description="Content-overlap statistics of every dataset pair sharing samples.")])
def collect_lineage_edges(context: dg.AssetExecutionContext, config: EdgesConfig, lake: ArenaLakeResource):
    """Run the collectors that need no model: ODA's graph imported whole, declared parents, and the
    content-overlap collector. Each writes only its own partition of lineage_edges."""
    from lineage.model import edges_table, nodes_table

    from lineage.lake_inputs import declared_edges, oda_graph, overlap_edges

    paths = lake.paths
    counts = {}
    try:
        oda = oda_graph(config.oda_folder)
    except FileNotFoundError as e:
        raise dg.Failure(str(e)) from None
    if oda is not None:
        write_partition(paths, LINEAGE_EDGES.name, "oda_import", edges_table(oda.edges), schema=LINEAGE_EDGES.schema)
        write_partition(paths, LINEAGE_ODA_NODES.name, "oda", nodes_table(oda.nodes), schema=NODE_SCHEMA)
        counts["oda_import"] = len(oda.edges)
    declared = declared_edges(paths, config.cards_dir)
    write_partition(paths, LINEAGE_EDGES.name, "declared", edges_table(declared), schema=LINEAGE_EDGES.schema)
    counts["declared"] = len(declared)
    overlap, pairs = overlap_edges(paths, config.overlap_threshold, config.overlap_min_share, context.log.info)
    write_partition(paths, LINEAGE_EDGES.name, "content_overlap", edges_table(overlap), schema=LINEAGE_EDGES.schema)
    counts["content_overlap"] = len(overlap)
    pair_table = pa.Table.from_pandas(pairs, schema=LINEAGE_OVERLAP_PAIRS.schema, preserve_index=False) if pairs is not None \
        else LINEAGE_OVERLAP_PAIRS.schema.empty_table()
    write_partition(paths, LINEAGE_OVERLAP_PAIRS.name, "all", pair_table, schema=LINEAGE_OVERLAP_PAIRS.schema)
    yield dg.MaterializeResult(asset_key="lineage_edges", metadata={
        **{f"edges_{k}": v for k, v in counts.items()},
        "overlap_edges": dg.MetadataValue.md("\n".join(f"- {e.source_id} -> {e.target_id}: {e.relationship} "
                                                       f"({e.confidence})" for e in overlap) or "none")})
    yield dg.MaterializeResult(asset_key="lineage_overlap_pairs", metadata={"pairs": pair_table.num_rows})


class AgentConfig(dg.Config):
    base_url: str = ""         # OpenAI-compatible endpoint; default env ARENA_LINEAGE_LLM_URL
    model: str = ""            # default env ARENA_LINEAGE_LLM_MODEL
    cards_dir: str = ""        # local cards; empty: read the web (Hub card, linked GitHub READMEs, arXiv abstracts)
    max_depth: int = 2
    seeds: list[str] = []      # Hub ids to start from; empty: the catalog's hub_ids
    hub_url: str = ""          # default env HF_ENDPOINT, else https://huggingface.co
    github_api_url: str = ""   # default env ARENA_GITHUB_API_URL, else https://api.github.com
    arxiv_api_url: str = ""    # default env ARENA_ARXIV_API_URL, else https://export.arxiv.org
    max_linked: int = 3        # GitHub READMEs and arXiv abstracts read per dataset (each)
    fetch_timeout_s: float = 20.0


def _agent_documents(config: AgentConfig, paths, catalog: dict[str, dict]):
    """Where the agent reads: a local card folder, or the web with every answer cached under
    $ARENA_HOME/cache/lineage_agent/web (the catalog's homepage and paper count as links of the entry)."""
    from common.http_cache import CachedHttp
    from lineage.cards import LocalCards
    from lineage.web_documents import WebDocuments

    if config.cards_dir:
        return LocalCards(config.cards_dir)
    links: dict[str, list[str]] = {}
    for row in catalog.values():
        if row["hub_id"]:
            links.setdefault(row["hub_id"], []).extend(u for u in (row["homepage"], row["paper"]) if u)
    http = CachedHttp(paths.cache / "lineage_agent" / "web", timeout_s=config.fetch_timeout_s)
    return WebDocuments(http, hub=config.hub_url or None, github=config.github_api_url or None,
                        arxiv=config.arxiv_api_url or None, links=links, max_linked=config.max_linked,
                        github_token=os.environ.get("GITHUB_TOKEN") or None)


@dg.asset(group_name="lineage_agent", deps=["dataset_catalog"], kinds={"python", "openai"})
def lineage_agent_edges(context: dg.AssetExecutionContext, config: AgentConfig,
                        lake: ArenaLakeResource) -> dg.MaterializeResult:
    """Upstream sources proposed by an LLM from dataset documentation (Hub card, linked GitHub READMEs
    and arXiv abstracts), each with a quote verified in the document it came from, followed
    breadth-first to a bounded depth. Replies are cached by model and prompt, so a rerun asks nothing
    again. What fails for a dataset (a fetch, the endpoint, an unreadable reply) is written to
    lineage_agent_errors and the run goes on. Needs an endpoint: not part of the default jobs."""
    from lineage.agent import LineageAgent, errors_table
    from lineage.model import edges_table
    from lineage.reply_cache import ReplyCache

    from lineage.lake_inputs import catalog_rows

    paths = lake.paths
    catalog = catalog_rows(paths)
    documents = _agent_documents(config, paths, catalog)
    try:
        agent = LineageAgent.from_endpoint(config.base_url, config.model, documents, max_depth=config.max_depth,
                                           cache=ReplyCache(paths.cache / "lineage_agent" / "replies"))
    except ValueError as exc:
        raise dg.Failure(f"the lineage agent needs an OpenAI-compatible endpoint: {exc}") from exc
    seeds = config.seeds or list(dict.fromkeys(r["hub_id"] for r in catalog.values() if r["hub_id"]))
    run = agent.trace(seeds)
    write_partition(paths, LINEAGE_EDGES.name, "llm_agent", edges_table(run.edges), schema=LINEAGE_EDGES.schema)
    write_partition(paths, LINEAGE_AGENT_ERRORS.name, "llm_agent",
                    errors_table(run.errors, context.run_id, agent.model), schema=LINEAGE_AGENT_ERRORS.schema)
    given_up = [e for e in run.errors if e.final]
    for e in given_up:
        context.log.warning(f"lineage agent: {e.dataset_id}: {e.stage} {e.source} {e.kind}: {e.message[:200]}")
    return dg.MaterializeResult(metadata={
        "edges": len(run.edges), "rejected": len(run.rejected), "visited": len(run.visited),
        "errors": len(given_up), "failed_attempts": len(run.errors),
        "requests": agent.usage["requests"], "cache_hits": agent.usage["cache_hits"],
        "prompt_tokens": agent.usage["prompt_tokens"], "completion_tokens": agent.usage["completion_tokens"],
        "rejections": dg.MetadataValue.md("\n".join(f"- {p.dataset_id} <- {p.source}: {p.reason}" for p in run.rejected) or "none")})


# --- graph -----------------------------------------------------------------------------------------------
@dg.asset(group_name=GROUP, kinds={"parquet"})
def lineage_reviews(lake: ArenaLakeResource) -> dg.MaterializeResult:
    """People's decisions on edges (lake table lineage_reviews, one partition per batch, written by
    `lineage.reviews.record_reviews`). Materializing never changes a review: it reports what the log
    holds; dbt's `int_lineage__edges_reviewed` applies it."""
    from lineage.reviews import read_reviews

    reviews = read_reviews(lake.paths)
    return dg.MaterializeResult(metadata={"reviews": reviews.num_rows,
                                          "batches": len(list_partitions(lake.paths, LINEAGE_REVIEWS.name))})


@dg.asset(group_name=GROUP, deps=["dataset_catalog", "lineage_edges"], kinds={"parquet"})
def lineage_nodes(context: dg.AssetExecutionContext, lake: ArenaLakeResource) -> dg.MaterializeResult:
    """Datasets of the graph: catalogued, ODA's nodes, and every edge endpoint, with release dates."""
    from lineage.lake_inputs import all_edges, graph_nodes
    from lineage.model import nodes_table

    nodes = graph_nodes(lake.paths, all_edges(lake.paths))
    write_partition(lake.paths, LINEAGE_NODES.name, "all", nodes_table(nodes), schema=NODE_SCHEMA)
    context.log.info(f"lineage graph: {len(nodes)} nodes")
    return dg.MaterializeResult(metadata={"nodes": len(nodes)})


# --- contamination ----------------------------------------------------------------------------------------
@dg.multi_asset(
    group_name=GROUP,
    specs=[dg.AssetSpec("contamination_matches", deps=["normalized_samples", "dataset_catalog"], kinds={"parquet"},
                        description="Training samples matching benchmark items, one partition per scanned dataset."),
           dg.AssetSpec("contamination_matrix", deps=["normalized_samples", "dataset_catalog"], kinds={"parquet"},
                        description="Dataset x benchmark contaminated counts and shares, with examples.")])
def contamination_scan(context: dg.AssetExecutionContext, lake: ArenaLakeResource, engine: EngineResource):
    """Every ingested dataset against an index of every benchmark's items: matches per dataset
    (lake contamination_matches/<dataset>) and the dataset x benchmark matrix (benchmark rows are the
    benchmarks' redundancy with each other). On the `ray` engine the index is built here and every
    (dataset, shard) is matched in a Ray task; the merged matches are the same rows."""
    from lineage.contamination import BenchmarkIndex, contamination_matrix

    from lineage.lake_inputs import catalog_rows, ingested_datasets

    paths = lake.paths
    catalog = catalog_rows(paths)
    ingested = ingested_datasets(paths)
    benchmarks = [d for d in ingested if catalog.get(d, {}).get("role") == "benchmark"]
    cols = ["dataset_id", "sample_id", "instruction_text", "response_text"]
    if not benchmarks:
        context.log.info("no benchmark ingested: nothing to check against")
        write_partition(paths, CONTAMINATION_MATRIX.name, "all", CONTAMINATION_MATRIX.schema.empty_table(), schema=CONTAMINATION_MATRIX.schema)
        yield dg.MaterializeResult(asset_key="contamination_matches", metadata={"matches": 0})
        yield dg.MaterializeResult(asset_key="contamination_matrix", metadata={"benchmarks": 0})
        return
    index = BenchmarkIndex.build(b for d in benchmarks for b in iter_partition(paths, SAMPLES.name, d, columns=cols))
    remote = None
    if engine.is_ray:
        from engine.lineage import scan_contamination

        engine.connect()
        remote = scan_contamination(paths, ingested, index)
    all_matches, sizes = [], {}
    for d in ingested:
        sizes[d] = sum(pq.read_metadata(f).num_rows for f in partition_files(paths, SAMPLES.name, d))
        if remote is not None:
            table = remote[d]
        else:
            batches = list(index.scan(iter_partition(paths, SAMPLES.name, d, columns=cols)))
            table = CONTAMINATION_MATCHES.from_batches(batches)
        write_partition(paths, CONTAMINATION_MATCHES.name, d, table, schema=CONTAMINATION_MATCHES.schema)
        all_matches.append(table)
    matrix = contamination_matrix(pa.concat_tables(all_matches), sizes, index)
    write_partition(paths, CONTAMINATION_MATRIX.name, "all", matrix, schema=CONTAMINATION_MATRIX.schema)
    hot = [r for r in matrix.to_pylist() if r["n_contaminated"]]
    yield dg.MaterializeResult(asset_key="contamination_matches", metadata={
        "matches": sum(t.num_rows for t in all_matches)})
    yield dg.MaterializeResult(asset_key="contamination_matrix", metadata={
        "benchmarks": len(benchmarks), "benchmark_items": len(index), "datasets_scanned": len(ingested),
        "contaminated_cells": len(hot),
        "top": dg.MetadataValue.md("\n".join(f"- {r['dataset_id']} x {r['benchmark_id']}: {r['n_contaminated']} "
                                             f"({r['share']:.2%})" for r in sorted(hot, key=lambda r: -r['share'])[:20]) or "none")})
