"""Reward-model scoring of (instruction, response) pairs with any sequence-classification reward model.

Input format follows the model: with a chat template (Skywork-Reward, Athene-RM and most modern RMs)
the conversation is rendered through it; without one (OpenAssistant DeBERTa RMs) Q and A are encoded
as a text pair. The reward is the logit of `label_index` (0; single-logit RMs have only that).

Long responses are windowed, not cut (ODA cut at 1k tokens): the response is split into windows of
`window` tokens, each scored after the instruction, and the reward is the mean over windows
(`windows` is recorded). If the instruction alone exceeds its budget (`max_length - window`) it is cut
from the left, keeping the end closest to the answer, and the sample is flagged `truncated`.
"""
from __future__ import annotations

import math

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer, ScorerSpec
from scoring.models.loading import length_sorted_batches, load_model, pad_batch
from scoring.registry import register


@register
class RewardModel(PointwiseScorer):
    spec = ScorerSpec(
        name="reward_model", version="1", category="model-based", kind="pointwise",
        description="Reward-model logit for the response given the instruction (windowed for long answers).",
        dimensions=(Dimension("reward", "reward logit (model-specific scale)", True, (-math.inf, math.inf)),),
        sides=("QA",), model="any Hub sequence-classification RM, e.g. Skywork/Skywork-Reward-V2-Llama-3.1-8B",
        wants_gpu=True,
    )

    def __init__(self, side=None, model: str = "OpenAssistant/reward-model-deberta-v3-large-v2",
                 max_length: int = 2048, window: int | None = None, batch_size: int = 8, label_index: int = 0):
        super().__init__(side, model=model, max_length=max_length)
        self.model_name = model
        self.max_length = max_length
        self.window = window or max_length // 2
        if not 0 < self.window < max_length:
            raise ValueError("window must be in (0, max_length)")
        self.batch_size = batch_size
        self.label_index = label_index
        self.tokens_scored = 0

    def setup(self):
        self.tok, self.model = load_model("sequence-classification", self.model_name)
        self.use_template = bool(getattr(self.tok, "chat_template", None))

    def encode(self, q: str, a: str) -> tuple[list[int], list[int] | None]:
        """(input_ids, token_type_ids or None): pair models (BERT/DeBERTa RMs) need the segment ids."""
        if self.use_template:
            ids = self.tok.apply_chat_template([{"role": "user", "content": q}, {"role": "assistant", "content": a}],
                                               tokenize=True)
            return list(ids["input_ids"] if hasattr(ids, "keys") else ids), None
        enc = self.tok(q, a)
        return list(enc["input_ids"]), (list(enc["token_type_ids"]) if "token_type_ids" in enc else None)

    def pieces(self, q: str, a: str) -> tuple[list[tuple[list[int], list[int] | None]], bool]:
        """Token rows to score for one pair, and whether the instruction had to be cut."""
        whole = self.encode(q, a)
        if len(whole[0]) <= self.max_length:
            return [whole], False
        a_ids = self.tok(a, add_special_tokens=False)["input_ids"]
        q_ids = self.tok(q, add_special_tokens=False)["input_ids"]
        q_budget = self.max_length - self.window - 16            # room for template / special tokens
        truncated = len(q_ids) > q_budget
        q_text = self.tok.decode(q_ids[-q_budget:]) if truncated else q
        rows = []
        for s in range(0, len(a_ids), self.window):
            ids, types = self.encode(q_text, self.tok.decode(a_ids[s:s + self.window]))
            if len(ids) > self.max_length:        # re-tokenization can add a few tokens: cut from the left
                ids, types = ids[-self.max_length:], (types[-self.max_length:] if types else None)
                truncated = True
            rows.append((ids, types))
        return rows, truncated

    def logits(self, rows: list[tuple[list[int], list[int] | None]]) -> np.ndarray:
        import torch

        out = np.zeros(len(rows))
        for idx in length_sorted_batches([len(r[0]) for r in rows], self.batch_size):
            ids, mask, _ = pad_batch([rows[i][0] for i in idx], self.tok.pad_token_id)
            extra = {}
            if rows[idx[0]][1] is not None:
                types, _, _ = pad_batch([rows[i][1] for i in idx], 0)
                extra["token_type_ids"] = types.to(self.model.device)
            with torch.inference_mode():
                logits = self.model(input_ids=ids.to(self.model.device),
                                    attention_mask=mask.to(self.model.device), **extra).logits.float()
            self.tokens_scored += int(mask.sum())
            out[idx] = logits[:, self.label_index].cpu().numpy()
        return out

    def score(self, batch, stats):
        self.ensure_ready()
        n = len(batch)
        rows, owner = [], []
        truncated, windows = np.zeros(n, dtype=bool), np.ones(n, dtype=np.int32)
        for i, (q, a) in enumerate(zip(batch.instruction_text, batch.response_text)):
            pieces, cut = self.pieces(q, a)
            truncated[i], windows[i] = cut, len(pieces)
            rows += pieces
            owner += [i] * len(pieces)
        values = self.logits(rows) if rows else np.zeros(0)
        sums = np.bincount(np.asarray(owner, dtype=np.intp), weights=values, minlength=n) if rows else np.zeros(n)
        return PointwiseResult({"reward": sums / windows}, truncated=truncated, windows=windows)
