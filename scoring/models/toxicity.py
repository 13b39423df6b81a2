"""Safety / toxicity of a text with any Hub sequence classifier (default s-nlp/roberta_toxicity_classifier).

The score is the probability of the toxic class: labels whose name says toxic/offensive/hate/unsafe/
harmful (and not "non-"/"not ") unless `toxic_labels` names them. Single-label models use softmax (the
toxic labels' probabilities summed), multi-label models sigmoid (the highest toxic label). Long texts
are windowed (`window` tokens with special tokens, no overlap, each window re-encoded with the
model's special tokens) and the text scores as its most toxic window: a toxic
passage anywhere makes the text toxic.
"""
from __future__ import annotations

import re

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer, ScorerSpec
from scoring.models.loading import length_sorted_batches, load_model, pad_batch
from scoring.registry import register

TOXIC = re.compile(r"toxic|offensive|hate|unsafe|harm|obscene|insult|threat", re.I)
NEGATED = re.compile(r"^(non|not|no)[-_ ]|neutral|safe$|benign", re.I)


@register
class Toxicity(PointwiseScorer):
    spec = ScorerSpec(
        name="toxicity", version="1", category="model-based", kind="pointwise",
        description="Probability that the text is toxic under a sequence classifier (max over windows).",
        dimensions=(Dimension("toxicity", "probability of the toxic class", False, (0, 1)),),
        sides=("A", "Q"), model="any Hub sequence classifier, e.g. s-nlp/roberta_toxicity_classifier", wants_gpu=True,
    )

    def __init__(self, side=None, model: str = "s-nlp/roberta_toxicity_classifier", window: int = 512,
                 batch_size: int = 16, toxic_labels: list[str] | None = None):
        super().__init__(side, model=model, window=window)
        self.model_name = model
        self.window = window
        self.batch_size = batch_size
        self.toxic_label_names = toxic_labels
        self.tokens_scored = 0

    def setup(self):
        self.tok, self.model = load_model("sequence-classification", self.model_name)
        id2label = {int(k): v for k, v in self.model.config.id2label.items()}
        if self.toxic_label_names:
            idx = [i for i, name in id2label.items() if name in self.toxic_label_names]
        else:
            idx = [i for i, name in id2label.items() if TOXIC.search(name) and not NEGATED.search(name)]
        if not idx:
            raise ValueError(f"toxicity model '{self.model_name}' has no toxic label among {id2label}; "
                             "pass toxic_labels=[...]")
        self.toxic_idx = idx
        self.multi_label = self.model.config.problem_type == "multi_label_classification"
        self.inner = self.window - self.tok.num_special_tokens_to_add()

    def probabilities(self, rows: list[list[int]]) -> np.ndarray:
        import torch

        out = np.zeros(len(rows))
        for idx in length_sorted_batches([len(r) for r in rows], self.batch_size):
            ids, mask, _ = pad_batch([rows[i] for i in idx], self.tok.pad_token_id)
            with torch.inference_mode():
                logits = self.model(input_ids=ids.to(self.model.device),
                                    attention_mask=mask.to(self.model.device)).logits.float()
            self.tokens_scored += int(mask.sum())
            if self.multi_label:
                p = torch.sigmoid(logits)[:, self.toxic_idx].max(-1).values
            else:
                p = torch.softmax(logits, -1)[:, self.toxic_idx].sum(-1)
            out[idx] = p.cpu().numpy()
        return out

    def score(self, batch, stats):
        self.ensure_ready()
        texts = stats.text(self.side)
        rows, owner, windows = [], [], np.ones(len(texts), dtype=np.int32)
        for i, ids in enumerate(self.tok(list(texts), add_special_tokens=False)["input_ids"] if texts else []):
            chunks = [self.tok.decode(ids[s:s + self.inner]) for s in range(0, len(ids), self.inner)] or [""]
            windows[i] = len(chunks)
            rows += self.tok(chunks, truncation=True, max_length=self.window)["input_ids"]
            owner += [i] * len(chunks)
        probs = self.probabilities(rows) if rows else np.zeros(0)
        out = np.zeros(len(texts))
        np.maximum.at(out, np.asarray(owner, dtype=np.intp), probs) if rows else None
        return PointwiseResult({"toxicity": out}, windows=windows)
