from heuristic_cases import run


def test_refusals_and_ai_self_references():
    assert run("refusal", a="I'm sorry, but I cannot help with that.")["refusal"] == 1
    assert run("refusal", a="As an AI language model, I think so.")["ai_self_reference"] == 1
    assert run("refusal", a="Sure, here it is.") == {"refusal": 0, "ai_self_reference": 0}
