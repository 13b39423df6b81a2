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
how many windows were used.

Batching, for throughput (one forward pass per batch, on CPU or GPU): rows (windows of both passes)
are sorted by length and packed longest first into batches of at most `max_batch_tokens` padded
tokens (padding-aware: the batch's width times its rows), with no fixed row count unless `batch_size`
is given. Rows are LEFT-padded with position ids from the attention mask, so every row ends at the
last column and the response tokens of a batch lie in its last columns: the LM head runs only there
(`logits_to_keep`), not over instructions and padding (its vocabulary-wide logits were most of the
memory traffic). Batched values equal unbatched ones up to float rounding (tests check it).
"""
from __future__ import annotations

import math

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer, ScorerSpec
from scoring.models.loading import length_sorted_batches, load_model
from scoring.registry import register

LN2 = math.log(2.0)


@register
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
                 batch_size: int | None = None, max_batch_tokens: int = 4096, chat_template: bool = True):
        super().__init__(side, model=model, max_length=max_length, stride=stride, batch_size=batch_size)
        if max_length < 16:
            raise ValueError("max_length must be at least 16 tokens")
        self.model_name = model
        self.max_length = max_length
        self.stride = stride or max_length // 2
        if not 0 < self.stride < max_length:
            raise ValueError(f"stride must be in (0, max_length), got {self.stride}")
        if max_batch_tokens < max_length:
            raise ValueError(f"max_batch_tokens ({max_batch_tokens}) must hold one row of max_length ({max_length})")
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
        import inspect

        self._keep_arg = "logits_to_keep" in inspect.signature(self.model.forward).parameters

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
        pad = self.tok.pad_token_id
        for idx in batches:
            width = max(len(rows[i][0]) for i in idx)
            ids = torch.full((len(idx), width), pad, dtype=torch.long)
            mask = torch.zeros((len(idx), width), dtype=torch.long)
            n_t = torch.tensor([rows[i][1] for i in idx])
            for j, i in enumerate(idx):                      # left padding: every row ends at `width`
                ids[j, width - len(rows[i][0]):] = torch.tensor(rows[i][0])
                mask[j, width - len(rows[i][0]):] = 1
            positions = (mask.cumsum(1) - 1).clamp(min=0)
            keep = int(n_t.max()) + 1                        # the columns predicting any row's targets
            kwargs = {"logits_to_keep": keep} if self._keep_arg else {}
            with torch.inference_mode():
                logits = self.model(input_ids=ids.to(dev), attention_mask=mask.to(dev), position_ids=positions.to(dev),
                                    **kwargs).logits[:, -keep:-1]
                # column c of `logits` predicts token width - keep + 1 + c; row j's targets are its last n_t
                cols = torch.arange(keep - 1)
                sel = cols[None, :] >= (keep - 1 - n_t)[:, None]
                nxt = ids[:, width - keep + 1:][sel].to(dev)
                owner = torch.arange(len(idx))[:, None].expand_as(sel)[sel]
                picked = logits[sel.to(dev)]
                nll = torch.empty(len(nxt), device=dev)
                ent = torch.empty(len(nxt), device=dev)
                for a in range(0, len(nxt), 1024):          # bounded vocabulary-wide temporaries
                    logp = torch.log_softmax(picked[a:a + 1024].float(), dim=-1)
                    nll[a:a + 1024] = -logp.gather(-1, nxt[a:a + 1024, None]).squeeze(-1)
                    ent[a:a + 1024] = -(logp.exp() * logp).sum(-1)
                del logits, picked
            sums = torch.zeros((len(idx), 2), dtype=torch.float64)
            sums.index_add_(0, owner, torch.stack([nll, ent], 1).double().cpu())
            for j, i in enumerate(idx):
                results[i] = (float(sums[j, 0]), float(sums[j, 1]), rows[i][1])
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
