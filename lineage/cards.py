"""Dataset cards (README.md with YAML front matter) from a local folder or from the Hugging Face Hub.

The lineage collectors read cards through `CardSource.get(dataset_id)`, so tests and offline runs use
`LocalCards` (files named `<owner>__<name>.md` or `<owner>/<name>/README.md`) and a user with network
uses `HubCards`, which downloads the README of a dataset repository. Card text is untrusted input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml


@dataclass
class Card:
    dataset_id: str
    text: str
    url: str
    origin: str           # 'local:README' | 'hub:README'

    @property
    def metadata(self) -> dict:
        """The YAML front matter ({} when absent or unreadable: a broken card is still text)."""
        m = re.match(r"^---\s*\n(.*?)\n---\s*(\n|$)", self.text, re.S)
        if not m:
            return {}
        try:
            data = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            return {}
        return data if isinstance(data, dict) else {}


class CardSource(Protocol):
    def get(self, dataset_id: str) -> Card | None: ...


def hub_url(dataset_id: str) -> str:
    return f"https://huggingface.co/datasets/{dataset_id}"


class LocalCards:
    """Cards stored on disk (the offline mode of the agent and the tests)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def get(self, dataset_id: str) -> Card | None:
        for path in (self.folder / f"{dataset_id.replace('/', '__')}.md", self.folder / dataset_id / "README.md"):
            if path.is_file():
                return Card(dataset_id, path.read_text(encoding="utf-8", errors="replace"), hub_url(dataset_id),
                            "local:README")
        return None


class HubCards:
    """README of a Hub dataset repository, downloaded with huggingface_hub (needs network)."""

    def __init__(self, token: str | None = None):
        self.token = token

    def get(self, dataset_id: str) -> Card | None:
        from huggingface_hub import hf_hub_download
        from huggingface_hub.errors import EntryNotFoundError, RepositoryNotFoundError

        try:
            path = hf_hub_download(dataset_id, "README.md", repo_type="dataset", token=self.token)
        except (EntryNotFoundError, RepositoryNotFoundError):
            return None
        return Card(dataset_id, Path(path).read_text(encoding="utf-8", errors="replace"), hub_url(dataset_id),
                    "hub:README")


class ChainedCards:
    """Try sources in order (e.g. local cards first, then the Hub when reachable)."""

    def __init__(self, *sources: CardSource):
        self.sources = sources

    def get(self, dataset_id: str) -> Card | None:
        for source in self.sources:
            card = source.get(dataset_id)
            if card is not None:
                return card
        return None
