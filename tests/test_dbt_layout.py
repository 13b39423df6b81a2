"""The dbt project follows dbt's layout conventions: staging models are `stg_<source>__<entity>` and read
only their own source group, and every model directory has one `_<dir>__models.yml` documenting each
of its models (intermediate ones `_int_<dir>__models.yml`)."""
import re
from pathlib import Path

import pytest
import yaml

from warehouse.tables import TABLES

MODELS = Path(__file__).resolve().parent.parent / "dbt" / "models"
MODEL_DIRS = sorted({p.parent for p in MODELS.rglob("*.sql")})


@pytest.mark.parametrize("path", sorted((MODELS / "staging").rglob("*.sql")), ids=lambda p: p.stem)
def test_staging_model_is_named_after_the_source_it_reads(path):
    group = path.parent.name
    assert re.fullmatch(rf"stg_{group}__[a-z0-9_]+", path.stem), path.stem
    read = re.findall(r"lake_source\('(\w+)'\)", path.read_text())
    assert read and {TABLES[t].source for t in read} == {group}
    assert "ref(" not in path.read_text()  # staging reads sources only


@pytest.mark.parametrize("folder", MODEL_DIRS, ids=lambda p: str(p.relative_to(MODELS)))
def test_each_model_directory_documents_its_models(folder):
    prefix = "int_" if folder.parent.name == "intermediate" else ""
    yml = folder / f"_{prefix}{folder.name}__models.yml"
    documented = {m["name"] for m in yaml.safe_load(yml.read_text())["models"]}
    assert documented == {p.stem for p in folder.glob("*.sql")}
    assert not [p.name for p in folder.glob("*.yml") if not p.name.startswith("_")]
