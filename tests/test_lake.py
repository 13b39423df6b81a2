"""Lake partitions are replaced atomically: a crash midway keeps the old version, a rerun replaces it."""
import pyarrow as pa
import pytest

from warehouse import lake

SCHEMA = pa.schema([("x", pa.int64())])


def _rows(paths, partition="p"):
    return lake.read_partition(paths, "t", partition).column("x").to_pylist()


def test_write_then_replace(paths):
    lake.write_partition(paths, "t", "p", pa.table({"x": [1, 2, 3]}))
    lake.write_partition(paths, "t", "p", pa.table({"x": [4]}))
    assert _rows(paths) == [4]
    assert lake.list_partitions(paths, "t") == ["p"]


def test_crash_midway_keeps_previous_version(paths):
    lake.write_partition(paths, "t", "p", pa.table({"x": [1, 2]}))
    with pytest.raises(RuntimeError):
        with lake.PartitionWriter(paths, "t", "p", SCHEMA) as w:
            w.write_rows([{"x": 9}])
            raise RuntimeError("killed")
    assert _rows(paths) == [1, 2]
    assert not [p for p in paths.table_dir("t").iterdir() if p.name.startswith(".")], "temporary folders left behind"


def test_empty_partition_is_written_with_schema(paths):
    with lake.PartitionWriter(paths, "t", "empty", SCHEMA):
        pass
    table = lake.read_partition(paths, "t", "empty")
    assert table.num_rows == 0 and table.schema.names == ["x"]


def test_large_partitions_roll_over_files(paths, monkeypatch):
    monkeypatch.setattr(lake, "ROWS_PER_FILE", 10)
    with lake.PartitionWriter(paths, "t", "big", SCHEMA) as w:
        for i in range(5):
            w.write_rows([{"x": i * 10 + j} for j in range(10)])
    assert len(lake.partition_files(paths, "t", "big")) == 5
    assert _rows(paths, "big") == list(range(50))
    assert sum(b.num_rows for b in lake.iter_partition(paths, "t", "big", batch_size=7)) == 50


def test_missing_partition_names_table_and_partition(paths):
    with pytest.raises(FileNotFoundError, match="'t' has no partition 'nope'"):
        lake.read_partition(paths, "t", "nope")
