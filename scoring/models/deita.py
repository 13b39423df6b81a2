"""What the Deita complexity (Q) and quality (QA) scorers share (Liu et al., 2024: hkust-nlp/deita-*-scorer).

Deita's scorers are causal LMs fine-tuned to answer a fixed prompt with a score "1".."6". The score is
the expectation sum(i * p_i) over the model's next-token probabilities of the tokens "1".."6",
renormalized over those six, exactly as the Deita paper defines it. Any causal LM loads (the Deita
checkpoints by Hub id when there is network; the offline SmolLM2 stands in for tests). Inputs longer
than `max_length` are cut (the response first, from its end) and flagged `truncated`: a single
judgement cannot be windowed meaningfully.
"""
from __future__ import annotations

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer, ScorerSpec
from scoring.models.loading import length_sorted_batches, load_model, pad_batch

# The prompt formats the Deita scorers were trained on (from the model cards).
COMPLEXITY_PROMPT = ("You are a helpful assistant. Please identify the complexity score of the following user query. "
                     "\n##Query: {instruction}  \n##Complexity: ")
QUALITY_PROMPT = ("You are a helpful assistant. Please identify the quality score of the Response corresponding to "
                  "the Question. \n #Question#:\n{instruction}\n#Response#:\n{output} \n##Quality: ")


def deita_spec(name: str, what: str, higher_is_better: bool | None, side: str) -> ScorerSpec:
    """A Deita scorer's spec: one dimension named like the scorer, the hkust-nlp checkpoint of that name."""
    kind = what.split()[-1]
    return ScorerSpec(
        name=name, version="1", category="model-based", kind="pointwise",
        description=f"Deita {what}: expected score 1-6 from the scorer's next-token distribution.",
        dimensions=(Dimension(name, f"expected {kind} 1-6", higher_is_better, (1, 6)),),
        sides=(side,), model=f"hkust-nlp/{name.replace('_', '-')}-scorer", wants_gpu=True)


class DeitaScorer(PointwiseScorer):
    """`spec.model` is the default checkpoint; `model=` names another causal LM."""

    def __init__(self, side=None, model: str | None = None, max_length: int = 2048, batch_size: int = 4):
        super().__init__(side, model=model or self.spec.model, max_length=max_length)
        self.model_name = model or self.spec.model
        self.max_length = max_length
        self.batch_size = batch_size
        self.tokens_scored = 0

    def setup(self):
        self.tok, self.model = load_model("causal-lm", self.model_name)
        ids = []
        for digit in "123456":
            tid = self.tok.convert_tokens_to_ids(digit)      # the bare digit token (Llama: not "▁1")
            if tid is None or tid == self.tok.unk_token_id:
                enc = self.tok(digit, add_special_tokens=False)["input_ids"]
                if not enc:
                    raise ValueError(f"Deita scorer model '{self.model_name}': cannot encode '{digit}'")
                tid = enc[-1]
            ids.append(tid)
        if len(set(ids)) != 6:
            raise ValueError(f"Deita scorer model '{self.model_name}': digits 1-6 do not map to 6 tokens: {ids}")
        self.digit_ids = ids

    def prompt_ids(self, q: str, a: str) -> tuple[list[int], bool]:
        raise NotImplementedError

    def _encode(self, text: str) -> list[int]:
        return self.tok(text, add_special_tokens=True)["input_ids"]

    def expected_scores(self, rows: list[list[int]]) -> np.ndarray:
        import torch

        out = np.zeros(len(rows))
        weights = torch.arange(1, 7, dtype=torch.float32)
        for idx in length_sorted_batches([len(r) for r in rows], self.batch_size):
            ids, mask, _ = pad_batch([rows[i] for i in idx], self.tok.pad_token_id)
            with torch.inference_mode():
                logits = self.model(input_ids=ids.to(self.model.device),
                                    attention_mask=mask.to(self.model.device)).logits.float().cpu()
            last = mask.sum(1) - 1
            digit_logits = logits[torch.arange(len(idx)), last][:, self.digit_ids]
            out[idx] = (torch.softmax(digit_logits, -1) * weights).sum(-1).numpy()
            self.tokens_scored += int(mask.sum())
        return out

    def score(self, batch, stats):
        self.ensure_ready()
        pairs = [self.prompt_ids(q, a) for q, a in zip(batch.instruction_text, batch.response_text)]
        values = self.expected_scores([p[0] for p in pairs]) if pairs else np.zeros(0)
        return PointwiseResult({self.spec.name: values}, truncated=np.array([p[1] for p in pairs], dtype=bool))

    def _fit(self, template: str, q: str, a: str | None) -> tuple[list[int], bool]:
        text = template.format(instruction=q, output=a or "")
        ids = self._encode(text)
        if len(ids) <= self.max_length:
            return ids, False
        over = len(ids) - self.max_length
        if a:
            a_ids = self.tok(a, add_special_tokens=False)["input_ids"]
            a_cut = self.tok.decode(a_ids[: max(len(a_ids) - over - 8, 0)])
            ids = self._encode(template.format(instruction=q, output=a_cut))
            if len(ids) <= self.max_length:
                return ids, True
            over = len(ids) - self.max_length
            a = a_cut
        q_ids = self.tok(q, add_special_tokens=False)["input_ids"]
        q_cut = self.tok.decode(q_ids[: max(len(q_ids) - over - 8, 0)])
        ids = self._encode(template.format(instruction=q_cut, output=a or ""))
        return ids[: self.max_length - 1] + ids[-1:] if len(ids) > self.max_length else ids, True
