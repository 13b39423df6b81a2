import random

import pytest

from lineage.overlap import DatasetMeta, MinHasher, OverlapConfig, Signatures, find_derivations
from lineage_testdata import needs_shared

_WORDS = ("river stone cloud market engine garden letter silver window basket orange planet doctor pencil "
          "harbor violin forest candle rocket ladder mirror tunnel island falcon meadow copper lantern "
          "canyon theory signal museum throne velvet glacier compass harvest blanket chimney").split()


def _sentence(rng, n):
    return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize() + "."


def _dataset(rng, name, n, start=0):
    return [{"dataset_id": name, "sample_id": f"{name}-{start + i}",
             "instruction_text": f"{_sentence(rng, rng.randint(8, 20))} Explain why in {rng.randint(2, 6)} steps.",
             "response_text": " ".join(_sentence(rng, rng.randint(6, 14)) for _ in range(3))} for i in range(n)]


def _derive(rows, name, how, rng):
    out = []
    for i, r in enumerate(rows):
        d = {**r, "dataset_id": name, "sample_id": f"{name}-{i}"}
        if how == "regenerate":
            d["response_text"] = " ".join(_sentence(rng, rng.randint(6, 14)) for _ in range(3))
        elif how == "reformat":
            d["instruction_text"] = f"### Instruction:\n{r['instruction_text']}\n\n### Input:\n"
            d["response_text"] = f"### Response:\n{r['response_text'].upper()}"
        out.append(d)
    return out


def _planted(rng, base, other, dated=True):
    """Plant the four derivations around `base`; returns (rows, meta, expected {(src, tgt): rel})."""
    b, o = base[0]["dataset_id"], other[0]["dataset_id"]
    sub = _derive(rng.sample(base, len(base) // 3), "planted_subset", "keep", rng)
    regen = _derive(base, "planted_regenerated", "regenerate", rng)
    reform = _derive(base, "planted_reformatted", "reformat", rng)
    mix = _derive(rng.sample(base, len(base) // 3) + rng.sample(other, len(other) // 2), "planted_mixture", "keep", rng)
    rows = base + other + sub + regen + reform + mix
    dates = {b: "2022-03", o: "2022-06", "planted_subset": "2023-01", "planted_regenerated": "2023-02",
             "planted_reformatted": "2023-03", "planted_mixture": "2023-04"}
    meta = [DatasetMeta(k, "train", v if dated else None) for k, v in dates.items()]
    expected = {(b, "planted_subset"): "subset", (b, "planted_regenerated"): "response_regeneration",
                (b, "planted_reformatted"): "reformatting", (b, "planted_mixture"): "mixture",
                (o, "planted_mixture"): "mixture"}
    return rows, meta, expected


def _edges(result):
    return {(e.source_id, e.target_id): e for e in result.edges}


def test_planted_derivations_in_generated_data_are_recovered_with_direction():
    rng = random.Random(3)
    base, other = _dataset(rng, "base", 1500), _dataset(rng, "other", 1200)
    rows, meta, expected = _planted(rng, base, other)
    result = find_derivations(rows, meta)
    edges = _edges(result)
    for (src, tgt), rel in expected.items():
        assert (src, tgt) in edges, (src, tgt, sorted(edges))
        assert edges[(src, tgt)].relationship == rel, (src, tgt, edges[(src, tgt)])
        assert edges[(src, tgt)].oriented_by == "dates"
    # nothing between the base and the unrelated set, and the derived siblings are not linked
    assert ("base", "other") not in edges and ("other", "base") not in edges
    assert not {k for k in edges if set(k) <= {"planted_subset", "planted_regenerated", "planted_reformatted"}}
    sub = edges[("base", "planted_subset")]
    assert sub.ov_target_in_source == pytest.approx(1.0) and sub.ov_source_in_target == pytest.approx(1 / 3, abs=0.02)
    assert sub.ov_exact_share == pytest.approx(1.0)
    regen = edges[("base", "planted_regenerated")]
    assert regen.ov_target_prompt_only >= 0.95 and regen.ov_target_in_source <= 0.05
    assert edges[("base", "planted_reformatted")].ov_exact_share == 0.0


def test_without_dates_containment_orients_subsets():
    rng = random.Random(4)
    base, other = _dataset(rng, "base", 900), _dataset(rng, "other", 600)
    rows, meta, _ = _planted(rng, base, other, dated=False)
    edges = _edges(find_derivations(rows, meta))
    assert edges[("base", "planted_subset")].relationship == "subset"
    assert edges[("base", "planted_subset")].oriented_by == "containment"
    assert edges[("base", "planted_subset")].confidence < 0.99


def test_signatures_round_trip_through_arrow_and_bad_rows_are_named():
    rng = random.Random(5)
    rows = _dataset(rng, "a", 50)
    sigs = MinHasher().signatures(rows)
    again = Signatures.from_table(sigs.to_table())
    assert (again.inst == sigs.inst).all() and again.sample_ids == sigs.sample_ids
    with pytest.raises(ValueError, match="sample without dataset_id"):
        MinHasher().signatures([{"dataset_id": "", "sample_id": "s", "instruction_text": "x", "response_text": "y"}])


def test_repeated_texts_do_not_blow_up_buckets():
    """One prompt repeated 3000 times across two datasets costs linear work (representatives)."""
    rows = [{"dataset_id": d, "sample_id": f"{d}{i}", "instruction_text": "Write a haiku about the sea in spring",
             "response_text": f"wave {i} " * 6} for d in ("x", "y") for i in range(1500)]
    result = find_derivations(rows, [], OverlapConfig(reps_per_dataset=2))
    assert result.pairs["matched_pairs"].sum() <= 4 * 3000 * 2


# --- real data ---------------------------------------------------------------------------------
@needs_shared
def test_planted_derivations_in_real_data():
    import shared_arena as A
    rng = random.Random(9)
    base = A.rows("dolly_sdft")
    other = A.rows("lima_sdft")
    rows, meta, expected = _planted(rng, base, other)
    # real regenerated responses: give the dolly prompts responses taken from alpaca
    alpaca = A.rows("alpaca_sdft")
    for r, a in zip([r for r in rows if r["dataset_id"] == "planted_regenerated"], alpaca):
        r["response_text"] = a["response_text"]
    meta = [m if m.id not in ("base", "other") else m for m in meta]
    edges = _edges(find_derivations(rows, meta))
    for (src, tgt), rel in expected.items():
        assert edges.get((src, tgt)) is not None and edges[(src, tgt)].relationship == rel, (src, tgt, rel, sorted(edges))


@needs_shared
@pytest.mark.slow
def test_overlap_over_all_shared_data_finds_the_known_relations():
    import shared_arena as A
    edges = _edges(find_derivations(A.samples(), A.meta()))
    assert edges[("math_test", "math500")].relationship == "subset"
    assert edges[("alpaca_sdft", "alpaca_distilled_sdft")].relationship == "response_regeneration"
    assert edges[("gsm8k_train", "gsm8k_train_sdft")].relationship == "reformatting"
    assert edges[("self_instruct_seed_tasks", "alpaca_seed_tasks")].relationship == "copy"
    assert edges[("humaneval_shared", "humaneval_python")].relationship == "copy"
    # ingest keeps MMLU's options in the prompt, Qwen's copy drops them: Jaccard ~0.4, LSH finds part
    assert edges[("mmlu_test", "qwen_mmlu_stem")].relationship in ("subset", "mixture")
    assert edges[("multiarith", "mawps")].relationship == "mixture"      # MAWPS includes MultiArith
    assert not {k for k in edges if set(k) <= {"dolly_sdft", "lima_sdft", "alpaca_sdft"}}
