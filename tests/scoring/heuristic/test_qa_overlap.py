from heuristic_cases import WordStatsCase, approx, close, run


def test_jaccard_and_coverage_by_hand():
    r = run("qa_overlap", q="the cat sat", a="the cat ran away")
    assert r["word_jaccard"] == approx(2 / 5) and r["q_coverage"] == approx(2 / 3)


def test_batch_values_equal_per_text_word_sets():
    case = WordStatsCase()
    nan = float("nan")
    jac, cov = [], []
    for q, a in zip(case.qwords, case.words):
        inter = len(set(q) & set(a))
        union = len(set(q) | set(a))
        jac.append(inter / union if union else nan)
        cov.append(inter / len(set(q)) if q else nan)
    res = case.values("qa_overlap")
    close(res["word_jaccard"], jac)
    close(res["q_coverage"], cov)
