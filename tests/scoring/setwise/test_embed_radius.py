from embedded_cases import check_is_the_hashed_scorer_on_minilm


def test_is_radius_on_minilm_embeddings():
    check_is_the_hashed_scorer_on_minilm("embed_radius")
