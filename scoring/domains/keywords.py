"""The keyword baseline: a domain from counts of subject words, what a classifier must beat to be
worth its model. A sample with no keyword hit is `general`; ties go to the class listed first."""
from __future__ import annotations

import re

import numpy as np

from scoring.domains.labels import DOMAINS

KEYWORDS = {
    "code": [r"\bdef\b", r"\bfunction\b", r"\bpython\b", r"\bjava(script)?\b", r"\bsql\b", r"```", r"\bclass\b",
             r"\breturn\b", r"\bcode\b", r"\bprogram\b", r"\barray\b", r"\bimplement\b", r"\bc\+\+", r"\bhtml\b",
             r"\bstring\b", r"\bloop\b", r"\bcompile", r"\bprint\("],
    "math": [r"\bcalculate\b", r"\bhow many\b", r"\bhow much\b", r"\bsolve\b", r"\bequation\b", r"\binteger\b",
             r"\bsum\b", r"\\frac", r"\$", r"\bpercent", r"\btotal\b", r"\bprobability\b", r"\bremainder\b",
             r"\bdivided\b", r"\bmultipl", r"\bnumbers?\b", r"\d+\s*[-+*/=]\s*\d+"],
    "science": [r"\bphysics\b", r"\bchemi", r"\bbiolog", r"\bcells?\b", r"\benergy\b", r"\batoms?\b",
                r"\bplants?\b", r"\banimals?\b", r"\btemperature\b", r"\bmolecul", r"\bspecies\b", r"\borganism",
                r"\bgravity\b", r"\bexperiment\b", r"\bscientist", r"\bearth\b", r"\bforce\b"],
    "knowledge": [r"\bhistory\b", r"\blaw\b", r"\bcountry\b", r"\bpresident\b", r"\bwar\b", r"\beconom",
                  r"\bphilosoph", r"\bwhich of the following\b", r"\bgovernment\b", r"\bcentury\b",
                  r"\bcourt\b", r"\bmarket\b", r"\bmoral", r"\bwhat happens if\b"],
    "tool_use": [r"\bapi\b", r"\bfunction call", r"\btools?\b", r"\bparameters\b", r"\barguments\b",
                 r"\bjson\b", r"\bendpoint\b", r"\brequests?\.", r"\bcall the\b"],
}
_ORDER = [d for d in DOMAINS if d in KEYWORDS]
_PATTERNS = {d: [re.compile(p, re.IGNORECASE) for p in KEYWORDS[d]] for d in _ORDER}


def keyword_counts(text: str) -> np.ndarray:
    return np.array([sum(len(p.findall(text)) for p in _PATTERNS[d]) for d in _ORDER])


def keyword_domain(text: str) -> str:
    counts = keyword_counts(text)
    return _ORDER[int(np.argmax(counts))] if counts.max() > 0 else "general"


def keyword_domains(texts: list[str]) -> list[str]:
    return [keyword_domain(t) for t in texts]
