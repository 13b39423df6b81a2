from heuristic_cases import run


def test_refusals_and_ai_self_references():
    assert run("refusal", a="I'm sorry, but I cannot help with that.")["refusal"] == 1
    assert run("refusal", a="As an AI language model, I think so.")["ai_self_reference"] == 1
    assert run("refusal", a="Sure, here it is.") == {"refusal": 0, "ai_self_reference": 0}


def test_word_prefilter_never_hides_a_match():
    """The regexes run only on texts holding one of their words: every text the plain regexes flag
    must still be flagged."""
    from heuristic_cases import run_many
    from scoring_fixtures import sample_row

    from scoring.heuristic.refusal import AI_SELF, REFUSAL

    texts = ["I CAN NOT help you there.", "Sorry, i must refused it", "i must declines", "As an AI.", "as a ai, ok",
             "AS AN ARTIFICIAL INTELLIGENCE model I think", "It would be inappropriate for me to say.",
             "it is not appropriate for me", "I am unable to assist", "i'm unable to do that", "i won't answer",
             "I can't comply.", "As an aim, I cannot say", "You can not help it", "plain text", ""]
    got = run_many("refusal", [sample_row("", t) for t in texts])
    assert list(got["refusal"]) == [float(REFUSAL.search(t) is not None) for t in texts]
    assert list(got["ai_self_reference"]) == [float(AI_SELF.search(t) is not None) for t in texts]
    assert sum(got["refusal"]) >= 8 and sum(got["ai_self_reference"]) == 3
