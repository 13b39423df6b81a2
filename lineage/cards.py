"""Dataset cards (README.md with YAML front matter) from a local folder or from the Hugging Face Hub.

The lineage collectors read cards through `CardSource.get(dataset_id)`, so tests and offline runs use
`LocalCards` (files named `<owner>__<name>.md` or `<owner>/<name>/README.md`); online, the lineage
agent reads the Hub card and the documents it links through `lineage.web_documents`. A `Card` is one
document of a dataset (its origin says which: a card, a README, an abstract). Its text is untrusted.
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
    origin: str           # 'local:README' | 'hub:README' | 'github:README' | 'arxiv:abstract'

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
