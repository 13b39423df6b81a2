"""Helpers for the judge scorers' tests: a scripted flaky plan, judged rows, a judge on the loopback server."""
from scoring_fixtures import sample_row

from scoring import registry
from scoring.batch import SampleBatch
from scoring.runner import SuiteRunner

N = 30


def flaky_plan(item, attempt):
    script = {0: ["429"], 1: ["500"], 2: ["slow"], 3: ["malformed", "out_of_range"], 4: ["503", "429"]}
    steps = script.get(item % 6, [])
    return steps[attempt - 1] if attempt <= len(steps) else "ok"


def rows(n=N, dataset="judged"):
    out = []
    for i in range(n):
        q = f"Question item-{i}: what is {i} + {i}?"
        out.append(sample_row(q, f"It is {2 * i}.", i, dataset))
    if n > 5:
        out.append({**out[5], "record_index": n})      # a duplicate record: judged once, scored twice
    return out


def make_judge(name, server, cache, **kw):
    return registry.create(name, base_url=server.base_url, model="loopback-judge", api_key="k",
                           cache_path=str(cache), concurrency=4, timeout_s=0.5, backoff_s=0.01, max_attempts=4, **kw)


def score(judge, data):
    runner = SuiteRunner([judge])
    return runner.process(SampleBatch.from_rows(data)).to_pandas()
