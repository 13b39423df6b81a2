"""What the written ODA tasks (LiveCodeBench, KOR-Bench, CaLM) read of a model's reply.

ODA's Qwen3 runs pass every prediction through OpenCompass's `extract_non_reasoning_content`
before any answer is looked for, so a draft answer inside the model's thinking is never scored.
The same is done here: the reply after its last `</think>`; a reply still thinking when the
generation stopped has no answer at all.
"""
from __future__ import annotations

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


def drop_reasoning(reply: str) -> str:
    """The part of `reply` after its reasoning: after the last `</think>`, nothing when a `<think>`
    was never closed, the whole reply when it has no thinking."""
    if THINK_CLOSE in reply:
        return reply.rsplit(THINK_CLOSE, 1)[1]
    if THINK_OPEN in reply:
        return ""
    return reply
