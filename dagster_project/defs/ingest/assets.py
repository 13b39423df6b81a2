"""Catalog and ingest assets: catalog -> raw_datasets -> normalized_samples (per dataset partition).

Each partition writes its own Parquet partitions in the lake (atomic replace), so partitions run in
parallel under the multiprocess executor without touching the DuckDB file, and rematerializing a
partition replaces it whole.
"""

import dagster as dg
import pyarrow as pa

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.resources import ArenaLakeResource
from ingest import catalog as cat
from ingest.pipeline import (DEFAULT_MAX_REJECT_SHARE, IngestError, account, normalize_dataset, read_dataset)
from ingest.readers import DEFAULT_MAX_RECORD_BYTES
from warehouse.lake import write_partition
from warehouse.tables import CATALOG, DEMO_GROUND_TRUTH, HUB_CARDS, SAMPLES


class CatalogConfig(dg.Config):
    """Which catalogs to register as dataset partitions (names of files in catalogs/), and whether to
    fetch the Hub cards of entries that state no licence (needs the network; answers are cached and
    the cache is read either way)."""
    catalogs: list[str] = ["demo"]
    fetch_hub_cards: bool = False


def _hub_card_rows(catalog: cat.Catalog, cache, fetch: bool) -> list[dict]:
    from dataclasses import asdict

    from ingest.hub_cards import cached_card, fetch_card

    rows = []
    for e in catalog.datasets:
        if e.license or not e.hub_id:
            continue
        card = fetch_card(e.hub_id, cache) if fetch else cached_card(e.hub_id, cache)
        if card is not None:
            rows.append({"dataset_id": e.id, **asdict(card)})
    return rows


class IngestConfig(dg.Config):
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    max_records: int = 0       # read only the first N records (a sample); 0: the catalog entry's own bound


def _catalog_rows(catalog: cat.Catalog) -> list[dict]:
    rows = []
    for e in catalog.datasets:
        src = e.source
        rows.append({
            "catalog": catalog.name, "dataset_id": e.id, "name": e.name, "domain": e.domain, "role": e.role,
            "license": e.license, "release_date": e.release_date, "homepage": e.homepage, "paper": e.paper,
            "parents": e.parents, "declared_size": e.size, "tags": e.tags, "source_kind": src.kind,
            "source": src.model_dump_json(exclude_none=True), "hub_id": e.hub_id, "format": e.format,
            "description": e.description,
        })
    return rows


@dg.asset(group_name="catalog", kinds={"python", "parquet"})
def dataset_catalog(context: dg.AssetExecutionContext, config: CatalogConfig, lake: ArenaLakeResource) -> dg.MaterializeResult:
    """The catalogued datasets, validated; registers one `dataset` partition per dataset id."""
    total = 0
    for name in config.catalogs:
        catalog = cat.load_catalog(name)
        rows = pa.Table.from_pylist(_catalog_rows(catalog), schema=CATALOG.schema)
        write_partition(lake.paths, CATALOG.name, catalog.name, rows)
        existing = set(context.instance.get_dynamic_partitions(dataset_partitions.name))
        new = [i for i in catalog.ids if i not in existing]
        if new:
            context.instance.add_dynamic_partitions(dataset_partitions.name, new)
        context.log.info(f"catalog '{name}': {len(catalog.ids)} datasets, {len(new)} new partitions")
        cards = _hub_card_rows(catalog, lake.paths.cache / "hub_cards", config.fetch_hub_cards)
        write_partition(lake.paths, HUB_CARDS.name, catalog.name, pa.Table.from_pylist(cards, schema=HUB_CARDS.schema))
        failed = [c for c in cards if c["error"]]
        if cards:
            context.log.info(f"catalog '{name}': {len(cards) - len(failed)} Hub card licences, {len(failed)} failures"
                             + (f" (first: {failed[0]['hub_id']}: {failed[0]['error']})" if failed else ""))
        total += len(catalog.ids)
    return dg.MaterializeResult(metadata={"catalogs": ", ".join(config.catalogs), "datasets": total})


def _entry(dataset_id: str) -> cat.DatasetEntry:
    entries = cat.load_catalogs(cat.available_catalogs())
    if dataset_id not in entries:
        raise dg.Failure(f"dataset '{dataset_id}' is in no catalog ({', '.join(cat.available_catalogs())})")
    return entries[dataset_id]


@dg.multi_asset(
    group_name="ingest", partitions_def=dataset_partitions,
    specs=[
        dg.AssetSpec("raw_datasets", deps=[dataset_catalog], kinds={"python", "parquet"},
                     description="A snapshot of each dataset's source, one row per parsed record (lake table raw_records)."),
        dg.AssetSpec("rejects_read", deps=[dataset_catalog], kinds={"parquet"},
                     description="Source records that could not be parsed, with dataset, record index, reason and excerpt."),
    ])
def read_source(context: dg.AssetExecutionContext, config: IngestConfig, lake: ArenaLakeResource):
    """Read one dataset's source record by record into the lake."""
    entry = _entry(context.partition_key)
    if config.max_records:
        entry = entry.model_copy(update={"max_records": config.max_records})
    context.log.info(f"reading '{entry.id}' from {entry.source.kind}"
                     + (f", first {entry.max_records} records" if entry.max_records else ""))
    try:
        stats = read_dataset(entry, lake.paths, max_record_bytes=config.max_record_bytes, progress=False)
    except IngestError as e:
        raise dg.Failure(str(e)) from None
    context.log.info(f"'{entry.id}': {stats.records} records read, {stats.rejected} rejected")
    yield dg.MaterializeResult(asset_key="raw_datasets", metadata={
        "records": stats.records, "parsed": stats.parsed, "bytes": stats.bytes,
        "files": dg.MetadataValue.json(stats.files),
    })
    yield dg.MaterializeResult(asset_key="rejects_read", metadata={
        "rejected": stats.rejected, "reject_reasons": dg.MetadataValue.json(stats.reject_reasons),
    })


@dg.multi_asset(
    group_name="ingest", partitions_def=dataset_partitions,
    specs=[
        dg.AssetSpec("normalized_samples", deps=["raw_datasets", "rejects_read"], kinds={"python", "parquet"},
                     description="One row per conversation in the arena's sample schema (lake table samples)."),
        dg.AssetSpec("rejects_normalize", deps=["raw_datasets"], kinds={"parquet"},
                     description="Parsed records that do not normalize, with their reason."),
    ],
    check_specs=[dg.AssetCheckSpec("records_accounted_for", asset="normalized_samples",
                                   description="source records = samples + read rejects + normalize rejects")])
def normalize_source(context: dg.AssetExecutionContext, config: IngestConfig, lake: ArenaLakeResource):
    """Normalize one dataset's raw snapshot; fails when the reject share is over the bound."""
    entry = _entry(context.partition_key)
    try:
        stats = normalize_dataset(entry, lake.paths, max_reject_share=config.max_reject_share, progress=False)
    except IngestError as e:
        raise dg.Failure(str(e)) from None
    counts = account(lake.paths, entry.id)
    accounted = counts["samples"] + counts["rejects_read"] + counts["rejects_normalize"]
    source = counts["raw_records"] + counts["rejects_read"]
    context.log.info(f"'{entry.id}': {stats.samples} samples ({stats.duplicates} exact duplicates), "
                     f"{stats.rejected} rejected, format {stats.format}")
    yield dg.MaterializeResult(asset_key="normalized_samples", metadata={
        "samples": stats.samples, "duplicates": stats.duplicates, "format": stats.format,
        "reject_share": round(stats.reject_share, 6),
        "lake_path": str(lake.paths.partition_dir(SAMPLES.name, entry.id)),
    })
    yield dg.MaterializeResult(asset_key="rejects_normalize", metadata={
        "rejected": stats.rejected, "reject_reasons": dg.MetadataValue.json(stats.reject_reasons),
    })
    yield dg.AssetCheckResult(asset_key="normalized_samples", check_name="records_accounted_for",
                              passed=accounted == source,
                              metadata={"source_records": source, "accounted": accounted, **counts})


@dg.asset(group_name="demo", kinds={"python", "parquet"})
def demo_ground_truth(lake: ArenaLakeResource) -> dg.MaterializeResult:
    """The demo arena's planted truth (which set should win, derivations, leaks) as lake tables, so
    that SQL can validate every later stage against it."""
    from demo.arena import generate, ground_truth

    generate()
    truth = ground_truth()
    rows = [{"kind": "better_than", "source": a, "target": b, "relationship": None, "benchmark": truth["benchmark"],
             "items": None} for a, b in truth["better_than"]]
    rows += [{"kind": "derivation", "source": d["source"], "target": d["target"], "relationship": d["relationship"],
              "benchmark": None, "items": None} for d in truth["derivations"]]
    for leak in truth["leaks"]:
        for kind in ("verbatim_items", "number_swapped_items"):
            rows.append({"kind": f"leak_{kind.removesuffix('_items')}", "source": leak["benchmark"],
                         "target": leak["dataset"], "relationship": None, "benchmark": leak["benchmark"],
                         "items": leak[kind]})
    table = pa.Table.from_pylist(rows, schema=DEMO_GROUND_TRUTH.schema)
    write_partition(lake.paths, DEMO_GROUND_TRUTH.name, f"v{truth['version']}", table)
    return dg.MaterializeResult(metadata={"rows": len(rows), "version": truth["version"]})
