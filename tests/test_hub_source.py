"""Hub sources go through `datasets.load_dataset(..., streaming=True)`. Offline, the same code path is
exercised with a local dataset folder in place of a Hub id (load_dataset accepts both)."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ingest.catalog import DatasetEntry
from ingest.pipeline import IngestError, normalize_dataset, read_dataset


def test_streams_a_dataset_folder_through_datasets(tmp_path, paths):
    folder = tmp_path / "my-org__my-set"
    (folder / "data").mkdir(parents=True)
    rows = [{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": f"q{i}"},
                          {"role": "assistant", "content": f"a{i}"}]} for i in range(25)]
    pq.write_table(pa.Table.from_pylist(rows), folder / "data" / "train-00000-of-00001.parquet")
    entry = DatasetEntry.model_validate({"id": "my-set", "name": "mine", "domain": "general",
                                         "source": {"hub": {"id": str(folder), "split": "train"}}})
    read = read_dataset(entry, paths, progress=False)
    norm = normalize_dataset(entry, paths, progress=False)
    assert (read.records, norm.samples, norm.format) == (25, 25, "openai")
    from warehouse import lake
    first = lake.read_partition(paths, "samples", "my-set").to_pylist()[0]
    assert first["system"] == "Be brief." and first["messages"][0]["role"] == "system"
    assert json.loads(json.dumps(first["messages"]))[1]["content"] == "q0"


def test_unreachable_hub_dataset_names_the_dataset(paths, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    entry = DatasetEntry.model_validate({"id": "nowhere", "name": "x", "domain": "general",
                                         "source": {"hub": {"id": "no-such-org/no-such-dataset-xyz"}}})
    with pytest.raises(IngestError, match="dataset 'nowhere': cannot open Hub dataset no-such-org/no-such-dataset-xyz"):
        read_dataset(entry, paths, progress=False)
