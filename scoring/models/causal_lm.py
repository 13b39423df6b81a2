"""Perplexity, IFD, normalized loss and predictive entropy of the response under any causal LM.

For each sample the response tokens A are scored twice: after the instruction Q rendered with the
model's chat template as a user turn (generation prompt included), and after an EMPTY user turn in the
same template, so both passes are in the format the model knows and differ only by the instruction
(models without a chat template use "<start token> Q newline" and a lone start token).
- ppl_a_given_q = exp(mean NLL of A | Q); ppl_a = exp(mean NLL of A)
- ifd = ppl_a_given_q / ppl_a (Instruction-Following Difficulty, Li et al. 2023): below 1 the
  instruction helps predict the answer; near or above 1 it does not.
- loss_bits_per_token = mean NLL of A | Q in bits (normalized loss)
- token_entropy_bits = mean entropy (bits) of the model's next-token distribution over A | Q: its
  uncertainty, whatever the actual token.
Every response token is predicted exactly once. A sequence longer than `max_length` is scored in
windows of `stride` response tokens, each preceded by as much earlier text as fits (strided
perplexity): long answers are windowed, never cut. If the instruction itself does not fit in front
of the first window it is cut from the left and the sample is flagged `truncated`; `windows` records
how many windows were used. Rows are sorted by length before batching.
"""
from __future__ import annotations

import math

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer, ScorerSpec
from scoring.models.loading import length_sorted_batches, load_model, pad_batch

LN2 = math.log(2.0)


class LMPerplexity(PointwiseScorer):
    spec = ScorerSpec(
        name="lm_perplexity", version="1", category="model-based", kind="pointwise",
        description="Response perplexity with/without the instruction, IFD, bits/token and entropy under a causal LM.",
        dimensions=(
            Dimension("ppl_a_given_q", "perplexity of the response given the instruction", None, (1, math.inf)),
            Dimension("ppl_a", "perplexity of the response alone", None, (1, math.inf)),
            Dimension("ifd", "PPL(A|Q) / PPL(A): instruction-following difficulty", None, (0, math.inf)),
            Dimension("loss_bits_per_token", "mean negative log-likelihood of A|Q in bits per token", False,
                      (0, math.inf)),
            Dimension("token_entropy_bits", "mean predictive entropy over A|Q in bits", None, (0, math.inf)),
            Dimension("response_tokens", "response tokens scored", None, (0, math.inf)),
        ),
        sides=("QA",), model="smollm2 (HuggingFaceTB/SmolLM2-135M-Instruct, offline) or any Hub causal LM",
        wants_gpu=True,
    )

    def __init__(self, side=None, model: str = "smollm2", max_length: int = 1024, stride: int | None = None,
                 batch_size: int = 8, max_batch_tokens: int = 4096, chat_template: bool = True):
        super().__init__(side, model=model, max_length=max_length, stride=stride, batch_size=batch_size)
        if max_length < 16:
            raise ValueError("max_length must be at least 16 tokens")
        self.model_name = model
        self.max_length = max_length
        self.stride = stride or max_length // 2
        if not 0 < self.stride < max_length:
            raise ValueError(f"stride must be in (0, max_length), got {self.stride}")
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.chat_template = chat_template
        self.tokens_scored = 0

    def setup(self):
        self.tok, self.model = load_model("causal-lm", self.model_name)
        start = self.tok.bos_token_id if self.tok.bos_token_id is not None else self.tok.eos_token_id
        self.start_id = start
        self.empty_prefix = self.prefix_ids("") if self.chat_template and getattr(self.tok, "chat_template", None) \
            else [start]

    def prefix_ids(self, q: str) -> list[int]:
        if self.chat_template and getattr(self.tok, "chat_template", None):
            ids = self.tok.apply_chat_template([{"role": "user", "content": q}], add_generation_prompt=True,
                                               tokenize=True)
            return list(ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids)
        return [self.start_id] + self.tok(q + "\n", add_special_tokens=False)["input_ids"]

    def windows_for(self, context: list[int], target: list[int]) -> tuple[list[tuple[list[int], int]], bool]:
        """[(ids, n_target_at_end)], truncated. Each target token appears in exactly one window."""
        if len(context) + len(target) <= self.max_length:
            return [(context + target, len(target))], False
        out, truncated = [], False
        full = context + target
        for s in range(0, len(target), self.stride):
            e = min(s + self.stride, len(target))
            start = len(context) + s
            ctx_len = min(start, self.max_length - (e - s))
            if s == 0 and ctx_len < len(context):
                truncated = True
            out.append((full[start - ctx_len: len(context) + e], e - s))
        return out, truncated

    def _nll(self, rows: list[tuple[list[int], int]]):
        """Per row: (sum NLL nats, sum entropy nats, tokens) over its last n_target tokens."""
        import torch

        results = [None] * len(rows)
        batches = length_sorted_batches([len(r[0]) for r in rows], self.batch_size, self.max_batch_tokens)
        dev = self.model.device
        for idx in batches:
            ids, mask, _ = pad_batch([rows[i][0] for i in idx], self.tok.pad_token_id)
            with torch.inference_mode():
                logits = self.model(input_ids=ids.to(dev), attention_mask=mask.to(dev)).logits
                for j, i in enumerate(idx):
                    length, n_t = len(rows[i][0]), rows[i][1]
                    # only the target positions: no full (batch x length x vocab) log-softmax copies
                    logp = torch.log_softmax(logits[j, length - 1 - n_t: length - 1].float(), dim=-1)
                    nxt = ids[j, length - n_t: length].to(dev)
                    tok_lp = logp.gather(-1, nxt.unsqueeze(-1)).squeeze(-1)
                    ent = -(logp.exp() * logp).sum(-1)
                    results[i] = (float(-tok_lp.sum()), float(ent.sum()), n_t)
                del logits
            self.tokens_scored += int(mask.sum())
        return results

    def score(self, batch, stats):
        self.ensure_ready()
        n = len(batch)
        rows, owner, truncated, windows = [], [], np.zeros(n, dtype=bool), np.ones(n, dtype=np.int32)
        targets = self.tok(list(batch.response_text), add_special_tokens=False)["input_ids"] if n else []
        for i in range(n):
            target = targets[i]
            if not target:
                continue
            cond, cut = self.windows_for(self.prefix_ids(batch.instruction_text[i]), target)
            uncond, _ = self.windows_for(self.empty_prefix, target)
            truncated[i] = cut
            windows[i] = len(cond)
            rows += cond + uncond
            owner += [(i, 0)] * len(cond) + [(i, 1)] * len(uncond)
        acc = np.zeros((n, 2, 3))
        for (i, which), (nll, ent, k) in zip(owner, self._nll(rows) if rows else []):
            acc[i, which] += (nll, ent, k)
        out = {d.name: np.full(n, np.nan) for d in self.spec.dimensions}
        ok = acc[:, 0, 2] > 0
        cond_nll = np.divide(acc[:, 0, 0], acc[:, 0, 2], out=np.full(n, np.nan), where=ok)
        unc_nll = np.divide(acc[:, 1, 0], acc[:, 1, 2], out=np.full(n, np.nan), where=ok)
        out["ppl_a_given_q"] = np.exp(cond_nll)
        out["ppl_a"] = np.exp(unc_nll)
        out["ifd"] = out["ppl_a_given_q"] / out["ppl_a"]
        out["loss_bits_per_token"] = cond_nll / LN2
        out["token_entropy_bits"] = np.divide(acc[:, 0, 1], acc[:, 0, 2], out=np.full(n, np.nan), where=ok) / LN2
        out["response_tokens"] = np.array([len(t) for t in targets], dtype=np.float64) if n else np.zeros(0)
        return PointwiseResult(out, truncated=truncated, windows=windows)
