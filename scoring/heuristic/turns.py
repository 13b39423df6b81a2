"""Conversation shape: user turns and messages (multi-turn data differs from single-turn data)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register


@register
class Turns(PointwiseScorer):
    spec = heuristic_spec("turns", "User turns and total messages (system and tool messages included).", [
        Dimension("user_turns", "number of user turns", None, (0, float("inf"))),
        Dimension("messages", "number of messages", None, (0, float("inf"))),
        Dimension("has_system", "1 if a system prompt is present", None, (0, 1)),
    ], sides=("QA",))

    def score(self, batch, stats):
        has_system = [1.0 if any(m["role"] == "system" and (m["content"] or "").strip() for m in msgs)
                      or (s or "").strip() else 0.0 for msgs, s in zip(batch.messages, batch.system)]
        return PointwiseResult({"user_turns": arr(batch.n_turns), "messages": arr(batch.n_messages),
                                "has_system": arr(has_system)})
