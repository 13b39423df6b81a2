"""Script share of letters: Latin, CJK (Han, kana, Hangul), Cyrillic, Arabic and other scripts.

A language-mix signal that needs no language-ID model: shares of alphabetic characters by Unicode
block; a text without letters has NaN shares. Pure-ASCII texts take a fast path (all Latin). In a
mixed text the ASCII letters (exactly the ASCII characters every class below can match) are counted by
a bytes deletion in C, and the regexes scan only the non-ASCII characters: most non-ASCII texts are
English with a few curly quotes or accents, and scanning them whole dominated this scorer.
"""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"),
    "cjk": re.compile(r"[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]"),
    "cyrillic": re.compile(r"[\u0400-\u04FF]"),
    "arabic": re.compile(r"[\u0600-\u06FF\u0750-\u077F]"),
}
LETTER = re.compile(r"[^\W\d_]")
ASCII_LETTERS = re.compile(r"[A-Za-z]")
ASCII_RUN = re.compile(r"[\x00-\x7f]+")
ASCII_LETTER_BYTES = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


@register
class ScriptShare(PointwiseScorer):
    spec = heuristic_spec("script_share", "Share of letters per writing system.", [
        Dimension(f"{s}_share", f"{s} letters / letters", None, (0, 1)) for s in (*SCRIPTS, "other_script")
    ])

    def score(self, batch, stats):
        cols = {f"{s}_share": [] for s in (*SCRIPTS, "other_script")}
        for text in stats.text(self.side):
            if text.isascii():
                has = ASCII_LETTERS.search(text) is not None
                for s in SCRIPTS:
                    cols[f"{s}_share"].append((1.0 if s == "latin" else 0.0) if has else NAN)
                cols["other_script_share"].append(0.0 if has else NAN)
                continue
            raw = text.encode("ascii", "ignore")
            ascii_letters = len(raw) - len(raw.translate(None, ASCII_LETTER_BYTES))
            rest = ASCII_RUN.sub("", text)
            letters = ascii_letters + len(LETTER.findall(rest))
            if not letters:
                for k in cols:
                    cols[k].append(NAN)
                continue
            known = 0
            for s, rx in SCRIPTS.items():
                c = len(rx.findall(rest)) + (ascii_letters if s == "latin" else 0)
                known += c
                cols[f"{s}_share"].append(c / letters)
            cols["other_script_share"].append(max(letters - known, 0) / letters)
        return PointwiseResult({k: arr(v) for k, v in cols.items()})
