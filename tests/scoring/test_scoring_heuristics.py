"""Each heuristic scorer against values worked out by hand or by an independent implementation."""
import math
import random
import zlib

import numpy as np
import pytest
from scipy.optimize import curve_fit
from scipy.stats import hypergeom

from scoring import registry
from scoring.batch import SampleBatch
from scoring.heuristic.mtld import mtld
from scoring.textstats import TextStats, words_of
from scoring_fixtures import sample_row


def run(name, q="", a="", side=None, **kw):
    """Score one sample with scorer `name`; returns {dimension: value}."""
    scorer = registry.create(name, side=side, **kw)
    scorer.ensure_ready()
    batch = SampleBatch.from_rows([sample_row(q, a)])
    res = scorer.score(batch, TextStats(batch))
    return {k: float(v[0]) for k, v in res.values.items()}


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-12)


def test_lengths():
    assert run("char_length", a="Hello, world!")["chars"] == 13
    assert run("word_length", a="Hello, world! It's 42.")["words"] == 4      # hello world it's 42
    assert run("word_length", q="two words", side="Q")["words"] == 2
    assert run("mean_word_length", a="ab abcd")["mean_word_length"] == 3
    assert math.isnan(run("mean_word_length", a="...")["mean_word_length"])


def test_sentences():
    r = run("sentence_stats", a="One two. Three four five! Six?")
    assert r == {"sentences": 3, "mean_sentence_words": 2}


def test_line_structure():
    r = run("line_structure", a="# Title\n\n- a\n- b\n1. c\nplain")
    assert r == {"lines": 5, "list_items": 3, "md_headers": 1}


def test_turns_and_system():
    rows = [sample_row("hi", "yo", messages=[{"role": "system", "content": "be nice"},
                                             {"role": "user", "content": "hi"},
                                             {"role": "assistant", "content": "yo"},
                                             {"role": "user", "content": "again"},
                                             {"role": "assistant", "content": "yo"}])]
    batch = SampleBatch.from_rows(rows)
    res = registry.create("turns").score(batch, TextStats(batch))
    assert res.values["user_turns"][0] == 2 and res.values["messages"][0] == 5 and res.values["has_system"][0] == 1


def test_qa_relations():
    r = run("qa_overlap", q="the cat sat", a="the cat ran away")
    assert r["word_jaccard"] == approx(2 / 5) and r["q_coverage"] == approx(2 / 3)
    assert run("qa_length_ratio", q="a b c", a="a b c d")["log_length_ratio"] == approx(math.log(5 / 4))


def test_mtld_hand_computed():
    # a b a b: TTR hits 2/3 <= 0.72 at the 3rd word -> 1 factor, remainder "b" has TTR 1 (no partial)
    assert mtld(["a", "b", "a", "b"]) == approx(4.0)
    # a b c a: TTR ends at 0.75 -> partial factor 0.25 / 0.28 both ways
    assert mtld(["a", "b", "c", "a"]) == approx(4 / (0.25 / 0.28))
    assert math.isnan(mtld(["a", "b", "c"]))        # nothing repeats: undefined
    assert run("mtld", a="a b a b")["mtld"] == approx(4.0)


def _text(n_words, vocab, seed):
    rnd = random.Random(seed)
    weights = [1 / (i + 1) for i in range(vocab)]          # Zipf-like word frequencies
    return " ".join(f"w{i}" for i in rnd.choices(range(vocab), weights, k=n_words))


def test_hdd_matches_scipy_hypergeometric():
    text = _text(120, 40, 1)
    words = words_of(text)
    n = len(words)
    expected = sum((1 - hypergeom.pmf(0, n, words.count(t), 42)) / 42 for t in set(words))
    assert run("hd_d", a=text)["hd_d"] == pytest.approx(expected, rel=1e-9)
    assert math.isnan(run("hd_d", a=_text(30, 10, 2))["hd_d"])


def test_vocd_matches_the_original_monte_carlo_procedure():
    text = _text(300, 150, 3)
    words = words_of(text)
    rng = np.random.default_rng(0)
    sizes = np.arange(35, 51)
    mc = [np.mean([len(set(rng.choice(words, n, replace=False))) / n for _ in range(2000)]) for n in sizes]

    def model(n, d):
        d = np.abs(d)
        return (d / n) * (np.sqrt(1 + 2 * n / d) - 1)

    (d_mc,), _ = curve_fit(model, sizes.astype(float), np.array(mc), p0=[50.0])
    got = run("vocd_d", a=text)["vocd_d"]
    assert 10 < got == pytest.approx(abs(d_mc), rel=0.03)
    assert math.isnan(run("vocd_d", a=_text(40, 20, 4))["vocd_d"])


def test_entropies_and_distinct_ngrams():
    assert run("word_entropy", a="a a b b")["word_entropy"] == approx(1.0)
    r = run("ngram_entropy", a="a a b b")
    assert r["bigram_entropy"] == approx(math.log2(3)) and r["trigram_entropy"] == approx(1.0)
    r = run("unique_ngrams", a="a b a b")
    assert r == {"distinct_1": 0.5, "distinct_2": approx(2 / 3), "distinct_3": 1.0}


def test_compression_ratio():
    text = "the same sentence again. " * 40
    assert run("compression_ratio", a=text)["compression_ratio"] == approx(
        len(zlib.compress(text.encode(), 6)) / len(text.encode()))
    assert run("compression_ratio", a=text)["compression_ratio"] < 0.1


def test_repetition():
    r = run("repetition", a="x y z x y z")
    assert r["word_trigram_repetition"] == approx(2 / 4)
    assert run("repetition", a="abcdefghijabcdefghij")["char_10gram_repetition"] == approx(2 / 11)
    assert run("repetition", a="a\nb\na")["duplicate_line_ratio"] == approx(2 / 3)


def test_stopwords_and_readability():
    assert run("stopword_ratio", a="the cat is on the mat")["stopword_ratio"] == approx(4 / 6)
    assert run("readability", a="The cat sat.")["flesch_reading_ease"] == approx(206.835 - 1.015 * 3 - 84.6)


def test_char_classes_and_scripts():
    r = run("char_classes", a="Ab1 !é")
    assert r == {"digit_ratio": approx(1 / 6), "uppercase_ratio": approx(1 / 6), "punctuation_ratio": approx(1 / 6),
                 "whitespace_ratio": approx(1 / 6), "non_ascii_ratio": approx(1 / 6)}
    r = run("script_share", a="abc Привет 你好!")
    assert r["latin_share"] == approx(3 / 11) and r["cyrillic_share"] == approx(6 / 11)
    assert r["cjk_share"] == approx(2 / 11) and r["other_script_share"] == 0
    assert math.isnan(run("script_share", a="123")["latin_share"])


def test_urls_reasoning_think():
    assert run("url_count", a="see https://x.org/a and www.y.com, mail a@b.co") == {"urls": 2, "emails": 1}
    assert run("reasoning_words", a="First, we add. Therefore x.") == {"reasoning_words": 2, "reasoning_density": 40}
    text = "<think>abc</think>answer"
    r = run("think_tags", a=text)
    assert r == {"think_blocks": 1, "think_well_formed": 1, "think_share": approx(3 / len(text))}
    assert run("think_tags", a="<think>a<think>b</think>")["think_well_formed"] == 0
    assert math.isnan(run("think_tags", a="no tags")["think_well_formed"])


def test_code_and_python_syntax():
    text = "Here:\n```python\nx = 1\n```\ntext\n```py\ndef f(:\n```\n```bash\nls\n```"
    assert run("code_blocks", a=text)["code_blocks"] == 3
    assert run("python_syntax", a=text) == {"python_snippets": 2, "python_valid_ratio": 0.5}
    assert run("python_syntax", a="def f():\n    return 1") == {"python_snippets": 1, "python_valid_ratio": 1.0}
    assert math.isnan(run("python_syntax", a="plain prose")["python_valid_ratio"])


def test_math_format_and_refusal():
    assert run("math_answer_format", a="so 6*7\n#### 42")["final_answer_marker"] == 1
    r = run("math_answer_format", a="thus $\\frac{1}{2}$ and \\boxed{3}")
    assert r == {"final_answer_marker": 1, "boxed_answers": 1, "latex_commands": 2}
    assert run("math_answer_format", a="The answer is 5.")["final_answer_marker"] == 1
    assert run("math_answer_format", a="five")["final_answer_marker"] == 0
    assert run("refusal", a="I'm sorry, but I cannot help with that.")["refusal"] == 1
    assert run("refusal", a="As an AI language model, I think so.")["ai_self_reference"] == 1
    assert run("refusal", a="Sure, here it is.") == {"refusal": 0, "ai_self_reference": 0}


def test_token_length_matches_the_tokenizers_library_directly():
    from tokenizers import Tokenizer

    from common.local_models import minilm_dir, smollm2_tokenizer_dir

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
    import json

    from tokenizers import Tokenizer

    from scoring.heuristic.token_length import tiktoken_encoding, token_counter
    from common.local_models import minilm_dir, smollm2_tokenizer_dir

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


def test_sharing_features_does_not_change_any_value():
    from scoring.runner import SuiteRunner
    from scoring.suites import build_suite

    rows = [sample_row(_text(60, 30, i), _text(80 + i, 50, i + 100) + "\n```python\nx=1\n```", i) for i in range(20)]
    scorers = [s for s in build_suite("demo") if s.spec.kind == "pointwise" and s.spec.name != "token_length"]
    a = SuiteRunner(scorers).process(SampleBatch.from_rows(rows)).to_pandas()
    b = SuiteRunner(scorers, share_features=False).process(SampleBatch.from_rows(rows)).to_pandas()
    assert a.equals(b)


def test_vectorized_char_repetition_equals_the_counter_definition():
    from scoring.heuristic.repetition import char_ngram_counts, char_ngram_repeated_share, repeated_share

    rnd = random.Random(7)
    alphabet = "ab c\né中д"
    # n-grams differing only in their last code point (j/k, 0/1) must stay distinct: a polynomial hash
    # differs only in its low bits there, which a hash that keeps only the top bits would merge
    near = ["abcdefghij abcdefghik", "counting 1234567890 and 1234567891", "x" * 9 + "a" + " " + "x" * 9 + "b"]
    texts = ["", "short", "abcdefghijabcdefghij"] + near + [
        "".join(rnd.choices(alphabet, k=rnd.randint(0, 80))) for _ in range(200)]
    got = char_ngram_repeated_share(texts)
    want = np.array([repeated_share(char_ngram_counts(t)) for t in texts])
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.allclose(got[~np.isnan(got)], want[~np.isnan(want)], rtol=0, atol=1e-15)


def test_batch_vectorized_word_statistics_equal_per_text_counters():
    """The NumPy batch path against the plain Counter definitions, on texts of every length."""
    from collections import Counter

    from scoring.heuristic.entropy import entropy_bits
    from scoring.heuristic.hdd import hdd
    from scoring.heuristic.repetition import repeated_share
    from scoring.heuristic.stopwords import STOPWORDS

    rnd = random.Random(11)
    vocab = ["the", "a", "cat", "is", "on", "mat", "dog", "ran", "x", "y", "z"] + [f"w{i}" for i in range(60)]
    rows = [sample_row(" ".join(rnd.choices(vocab, k=rnd.randint(0, 12))),
                       " ".join(rnd.choices(vocab[: rnd.randint(2, len(vocab))], k=rnd.randint(0, 120))), i)
            for i in range(150)]
    batch = SampleBatch.from_rows(rows)
    stats = TextStats(batch)

    def values(name, side=None):
        return registry.create(name, side=side).score(batch, stats).values

    def close(got, want):
        want = np.array(want, dtype=float)
        assert np.array_equal(np.isnan(got), np.isnan(want))
        assert np.allclose(got[~np.isnan(got)], want[~np.isnan(want)], rtol=1e-12, atol=1e-12)

    words = [words_of(r["response_text"]) for r in rows]
    qwords = [words_of(r["instruction_text"]) for r in rows]
    grams = {n: [Counter(zip(*(w[i:] for i in range(n)))) for w in words] for n in (1, 2, 3)}
    nan = float("nan")
    close(values("word_entropy")["word_entropy"], [entropy_bits(c) for c in grams[1]])
    close(values("ngram_entropy")["trigram_entropy"], [entropy_bits(c) for c in grams[3]])
    for n in (1, 2, 3):
        close(values("unique_ngrams")[f"distinct_{n}"],
              [len(c) / sum(c.values()) if c else nan for c in grams[n]])
    close(values("repetition")["word_trigram_repetition"], [repeated_share(c) for c in grams[3]])
    close(values("hd_d")["hd_d"], [hdd(c) for c in grams[1]])
    close(values("stopword_ratio")["stopword_ratio"],
          [sum(w in STOPWORDS for w in ws) / len(ws) if ws else nan for ws in words])
    jac, cov = [], []
    for q, a in zip(qwords, words):
        inter = len(set(q) & set(a))
        union = len(set(q) | set(a))
        jac.append(inter / union if union else nan)
        cov.append(inter / len(set(q)) if q else nan)
    res = values("qa_overlap")
    close(res["word_jaccard"], jac)
    close(res["q_coverage"], cov)


def test_batch_readability_equals_the_per_text_formula():
    from scoring.heuristic.readability import flesch

    texts = ["The cat sat. It ran away!", "", "Extraordinary circumstances necessitate unconventional approaches.",
             "one", "Rhythm 42 nth. Queue the make-believe stories.\n\nAnother paragraph here"]
    rows = [sample_row("q", t, i) for i, t in enumerate(texts)]
    got = run_many("readability", rows)["flesch_reading_ease"]
    want = np.array([flesch(t, words_of(t)) for t in texts], dtype=float)
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.allclose(got[~np.isnan(got)], want[~np.isnan(want)])


def run_many(name, rows, side=None):
    batch = SampleBatch.from_rows(rows)
    return registry.create(name, side=side).score(batch, TextStats(batch)).values
