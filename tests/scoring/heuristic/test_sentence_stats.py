import random

from heuristic_cases import run
from scoring_fixtures import sample_row

from scoring.batch import SampleBatch
from scoring.heuristic.sentences import SENTENCE_SPLIT, WORD_CHAR, sentence_counts
from scoring.textstats import TextStats


def test_sentences_and_mean_words_per_sentence():
    r = run("sentence_stats", a="One two. Three four five! Six?")
    assert r == {"sentences": 3, "mean_sentence_words": 2}


def test_sentence_counts_follow_the_split_rule_on_tricky_texts():
    """The counting pattern drops the end mark with the break; the counts must equal the rule's."""
    rnd = random.Random(3)
    alphabet = ["a", "b", " ", "\n", "\n\n", ".", "!", "?", "。", "！", "…", "1", "-", "\t", " \n ", "é"]
    texts = ["", "a", "...", ".\n\n.", "a.\n\n.\nb", "a!!  b", "x.y. z", "\n\n\n"] + [
        "".join(rnd.choices(alphabet, k=rnd.randint(0, 40))) for _ in range(500)]
    batch = SampleBatch.from_rows([sample_row("", t) for t in texts])
    got = sentence_counts(TextStats(batch), "A")
    want = [sum(1 for seg in SENTENCE_SPLIT.split(t) if seg and WORD_CHAR.search(seg)) for t in texts]
    assert got == want
