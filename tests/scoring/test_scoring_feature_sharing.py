"""Features shared between scorers through `TextStats` (words, n-gram runs, sentences) change no value."""
from scoring_fixtures import sample_row, zipf_text

from scoring.batch import SampleBatch
from scoring.runner import SuiteRunner
from scoring.suites import build_suite


def test_sharing_features_does_not_change_any_value():
    rows = [sample_row(zipf_text(60, 30, i), zipf_text(80 + i, 50, i + 100) + "\n```python\nx=1\n```", i)
            for i in range(20)]
    scorers = [s for s in build_suite("demo") if s.spec.kind == "pointwise" and s.spec.name != "token_length"]
    a = SuiteRunner(scorers).process(SampleBatch.from_rows(rows)).to_pandas()
    b = SuiteRunner(scorers, share_features=False).process(SampleBatch.from_rows(rows)).to_pandas()
    assert a.equals(b)
