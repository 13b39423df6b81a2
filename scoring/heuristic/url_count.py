"""URLs and e-mail addresses in a text (links in answers are often hallucinated or scraped residue)."""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+", re.I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")


@register
class UrlCount(PointwiseScorer):
    spec = heuristic_spec("url_count", "Counts of URLs and e-mail addresses.", [
        Dimension("urls", "URLs (http(s):// or www.)", None, (0, float("inf"))),
        Dimension("emails", "e-mail addresses", None, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        urls, emails = [], []
        for t in stats.text(self.side):
            urls.append(len(URL.findall(t)) if ("http" in t or "www" in t or "WWW" in t or "HTTP" in t) else 0)
            emails.append(len(EMAIL.findall(t)) if "@" in t else 0)
        return PointwiseResult({"urls": arr(urls), "emails": arr(emails)})
