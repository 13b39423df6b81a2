import json

from heuristic_cases import run
from tokenizers import Tokenizer

from common.local_models import minilm_dir, smollm2_tokenizer_dir
from scoring.heuristic.token_length import cached_encoding, tiktoken_encoding, token_counter


def test_token_length_matches_the_tokenizers_library_directly():
    text = "Tokenize me: naïve café, 12345 tokens?"
    raw = Tokenizer.from_file(str(smollm2_tokenizer_dir() / "tokenizer.json"))
    expected = len(raw.encode(text, add_special_tokens=False).ids)
    assert run("token_length", a=text)["tokens"] == expected > 5
    minilm = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    minilm.no_truncation()
    minilm.no_padding()
    long_text = text * 40        # past MiniLM's 128-token truncation baked into its tokenizer.json: counts never cut
    expected = len(minilm.encode(long_text, add_special_tokens=False).ids)
    assert run("token_length", a=long_text, tokenizer="minilm")["tokens"] == expected > 128


def test_token_counts_through_tiktoken_equal_the_tokenizers_library():
    """SmolLM2's BPE is counted by tiktoken rebuilt from its merges: every count must equal the Rust
    tokenizer's, on text that exercises the pre-tokenizer (contractions, digits, whitespace runs,
    code, non-Latin scripts, emoji) and the added tokens written inside a text."""
    spec = json.loads((smollm2_tokenizer_dir() / "tokenizer.json").read_text())
    assert tiktoken_encoding(spec) is not None
    assert tiktoken_encoding(json.loads((minilm_dir() / "tokenizer.json").read_text())) is None   # WordPiece
    texts = ["", " ", "I'm sure they'll've gone; it's 3.14159 or 1,000,000?", "def f(x):\n\treturn x**2  # sq\n\n\n",
             "   leading and trailing   ", "naïve café Ünïcödé", "日本語のテキストと中文", "emoji 🙂👍🏽 and ∑∫√",
             "<|im_start|>user\nhi<|im_end|>", "a\r\nb\u00a0c\u2003d", "x" * 500, "$$\\frac{a}{b}$$ 12345678901234"]
    raw = Tokenizer.from_file(str(smollm2_tokenizer_dir() / "tokenizer.json"))
    expected = [len(e.ids) for e in raw.encode_batch(texts, add_special_tokens=False)]
    assert token_counter("smollm2")(texts) == expected
    assert expected[8] < len(raw.encode("<| im_start |>user hi", add_special_tokens=False).ids)  # added tokens count as one


def test_the_rebuilt_vocabulary_is_cached_and_an_unreadable_cache_is_rebuilt(tmp_path, monkeypatch):
    """The ranks rebuilt from SmolLM2's merges are cached on disk: a second build reads them back and
    counts the same; a corrupt cache file is rebuilt, never trusted; a WordPiece tokenizer is cached
    as 'not a byte-level BPE'."""
    monkeypatch.setenv("ARENA_MODEL_CACHE", str(tmp_path))
    text = (smollm2_tokenizer_dir() / "tokenizer.json").read_text()
    texts = ["I'm sure they'll've gone; 3.14159", "<|im_start|>user\nhi<|im_end|>", "日本語 🙂"]
    built = cached_encoding(text)
    files = list((tmp_path / "tiktoken").glob("*.pickle"))
    assert len(files) == 1
    expected = [len(built.encode(t, allowed_special="all")) for t in texts]
    again = cached_encoding(text)
    assert [len(again.encode(t, allowed_special="all")) for t in texts] == expected
    files[0].write_bytes(b"not a pickle")
    rebuilt = cached_encoding(text)
    assert [len(rebuilt.encode(t, allowed_special="all")) for t in texts] == expected
    assert files[0].read_bytes() != b"not a pickle"
    minilm_text = (minilm_dir() / "tokenizer.json").read_text()
    assert cached_encoding(minilm_text) is None and cached_encoding(minilm_text) is None
    assert len(list((tmp_path / "tiktoken").glob("*.pickle"))) == 2
