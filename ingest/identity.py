"""One identity per dataset: the canonical key every catalog, published file and lineage graph uses.

Hugging Face ids are case-insensitive on the Hub ('O1-OPEN/OpenO1-SFT' and 'o1-open/openo1-sft' are
one repo), so the key lowercases them: 'org/name' -> 'org__name'. A leaderboard row trained on one
file of a repo (a link such as '.../AM-Thinking-v1-Distilled/blob/main/math.jsonl') is a different
dataset from its siblings: the file's stem becomes a variant suffix ('...__math'), the same suffix the
ODA catalog gives the repo's configs. Names that are not Hub ids are keyed by their slug.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

HUB_HOSTS = ("huggingface.co", "hf.co")
_KEY_CHARS = re.compile(r"[^a-z0-9_.\-]")


def _part(text: str) -> str:
    return _KEY_CHARS.sub("-", text.strip().lower())


def dataset_key(hub_id: str, variant: str | None = None) -> str:
    """'O1-OPEN/OpenO1-SFT' -> 'o1-open__openo1-sft'; with variant 'math' -> '...__math'."""
    key = "__".join(_part(p) for p in hub_id.strip().strip("/").split("/") if p)
    if variant:
        key = f"{key}__{_part(variant)}"
    return key[:128]


def name_key(name: str) -> str:
    """The key of a dataset known only by its display name ('Alpaca_GPT4' -> 'alpaca_gpt4')."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def parse_hub_link(url: str) -> tuple[str, str | None] | None:
    """(hub id, file variant) of a Hub dataset link, or None when the link is not one.

    'https://huggingface.co/datasets/org/name' -> ('org/name', None);
    '.../datasets/org/name/blob/main/sub/math.jsonl' -> ('org/name', 'math');
    '.../datasets/org/name/tree/main' -> ('org/name', None).
    """
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.netloc.lower().removeprefix("www.") not in HUB_HOSTS:
        return None
    parts = [unquote(p) for p in parsed.path.split("/") if p]
    if len(parts) < 3 or parts[0] != "datasets":
        return None
    hub_id = f"{parts[1]}/{parts[2]}"
    rest = parts[3:]
    variant = None
    if len(rest) >= 3 and rest[0] in ("blob", "resolve"):
        variant = rest[-1].split(".", 1)[0] or None
    return hub_id, variant


def key_from_link_or_name(link: str | None, name: str) -> tuple[str, str | None]:
    """The canonical key of a published dataset (from its Hub link, else its name) and its Hub id."""
    parsed = parse_hub_link(link or "")
    if parsed:
        hub_id, variant = parsed
        return dataset_key(hub_id, variant), hub_id
    return name_key(name), None
