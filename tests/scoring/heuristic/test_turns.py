from scoring_fixtures import sample_row

from scoring import registry
from scoring.batch import SampleBatch
from scoring.textstats import TextStats


def test_turns_and_system():
    rows = [sample_row("hi", "yo", messages=[{"role": "system", "content": "be nice"},
                                             {"role": "user", "content": "hi"},
                                             {"role": "assistant", "content": "yo"},
                                             {"role": "user", "content": "again"},
                                             {"role": "assistant", "content": "yo"}])]
    batch = SampleBatch.from_rows(rows)
    res = registry.create("turns").score(batch, TextStats(batch))
    assert res.values["user_turns"][0] == 2 and res.values["messages"][0] == 5 and res.values["has_system"][0] == 1
