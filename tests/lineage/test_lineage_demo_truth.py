"""The demo arena's planted truth (main's demo generator, ingested by main's pipeline) recovered."""
import pyarrow as pa
import pytest

from lineage.contamination import BenchmarkIndex, contamination_matrix, credit_items
from warehouse.tables import CONTAMINATION_MATCHES
from lineage.overlap import DatasetMeta, find_derivations


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from demo.arena import ground_truth
    from ingest.catalog import load_catalog
    from ingest.pipeline import normalize_dataset, read_dataset
    from warehouse.lake import read_partition
    from warehouse.paths import ArenaPaths

    paths = ArenaPaths(tmp_path_factory.mktemp("demo_arena"))
    import os
    old = os.environ.get("ARENA_HOME")
    os.environ["ARENA_HOME"] = str(paths.home)   # the demo generator writes its files under ARENA_HOME
    try:
        catalog = load_catalog("demo")
        for e in catalog.datasets:
            read_dataset(e, paths, progress=False)
            normalize_dataset(e, paths, progress=False)
    finally:
        if old is None:
            os.environ.pop("ARENA_HOME")
        else:
            os.environ["ARENA_HOME"] = old
    tables = {e.id: read_partition(paths, "samples", e.id) for e in catalog.datasets}
    meta = [DatasetMeta(e.id, e.role, e.release_date) for e in catalog.datasets]
    return tables, meta, ground_truth()


def test_demo_derivations_are_recovered(demo):
    tables, meta, truth = demo
    edges = {(e.source_id, e.target_id): e for e in find_derivations(pa.concat_tables(tables.values()), meta).edges}
    accepted = {}
    for d in truth["derivations"]:
        key = (d["source"], d["target"])
        assert key in edges, (key, sorted(edges))
        assert edges[key].relationship in accepted.get(d["relationship"], {d["relationship"]}), (key, edges[key])
    # and the leak shows as an edge from the benchmark itself
    assert (truth["benchmark"], "demo_math_leaky") in edges


def test_demo_leaks_are_found(demo):
    tables, _, truth = demo
    bench = tables[truth["benchmark"]]
    index = BenchmarkIndex.build(bench)
    train = [t for d, t in tables.items() if d not in (truth["benchmark"], "humaneval")]
    matches = pa.Table.from_batches(list(index.scan(pa.concat_tables(train))), schema=CONTAMINATION_MATCHES.schema)
    leak = truth["leaks"][0]
    record_of = dict(zip(bench.column("sample_id").to_pylist(), bench.column("record_index").to_pylist()))
    found = {}
    for r in matches.to_pylist():
        if r["dataset_id"] == leak["dataset"]:
            found.setdefault(record_of[r["item_id"]], set()).add(r["match_kind"])
    assert all("verbatim" in found.get(i, set()) for i in leak["verbatim_items"])
    assert sum(bool(found.get(i)) for i in leak["number_swapped_items"]) / len(leak["number_swapped_items"]) >= 0.8
    matrix = {(r["dataset_id"], r["benchmark_id"]): r for r in
              contamination_matrix(matches, {d: t.num_rows for d, t in tables.items() if d != truth["benchmark"]},
                                   index).to_pylist()}
    for clean in truth["clean_of_benchmark"]:
        # the benchmark has its own wording, names and items: a clean set matches none of its items
        cell = matrix.get((clean, truth["benchmark"]))
        assert cell is None or (cell["n_verbatim"], cell["n_number_swap"], cell["n_paraphrase"], cell["n_solution"]) \
            == (0, 0, 0, 0), cell
    assert matrix[(leak["dataset"], truth["benchmark"])]["n_verbatim"] == len(leak["verbatim_items"])


def test_demo_leaked_items_are_counted_once(demo):
    """Each planted leak is one item: number-swapped copies also match the benchmark's other items with
    the same text up to numbers, and must not be counted as leaking those too."""
    tables, _, truth = demo
    bench = tables[truth["benchmark"]]
    index = BenchmarkIndex.build(bench)
    leak = truth["leaks"][0]
    matches = pa.Table.from_batches(list(index.scan(tables[leak["dataset"]])), schema=CONTAMINATION_MATCHES.schema)
    assert matches.num_rows > len(leak["verbatim_items"]) + len(leak["number_swapped_items"])  # the ambiguity is real
    cell = contamination_matrix(matches, {leak["dataset"]: tables[leak["dataset"]].num_rows}, index).to_pylist()[0]
    assert cell["n_items_leaked"] == len(leak["verbatim_items"]) + len(leak["number_swapped_items"]) == 60
    assert cell["n_contaminated"] == 60
    # a verbatim copy is credited to its own item
    record_of = dict(zip(bench.column("sample_id").to_pylist(), bench.column("record_index").to_pylist()))
    credited = {record_of[r["item_id"]] for r in credit_items(matches.to_pylist()).values()
                if r["match_kind"] == "verbatim"}
    assert credited == set(leak["verbatim_items"])
