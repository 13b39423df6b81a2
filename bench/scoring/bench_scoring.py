"""Scoring benchmark: throughput per scorer (samples/s per core) and peak memory on real samples.

    python bench/scoring/bench_scoring.py                 # 10k real samples, writes RESULTS.md + results.json
    python bench/scoring/bench_scoring.py --samples 2000 --no-models

Everything runs in ONE process pinned to one thread (BLAS, tokenizers and torch), and throughput is
samples per CPU-second of this process (`time.process_time`), so "per core" holds on a shared machine
where wall time depends on the neighbours; wall time is reported too.

What is measured, on the same samples in the same run:
- the full pointwise heuristic suite (every pointwise heuristic of the `demo` suite, both sides as
  configured there), end to end through `SuiteRunner.process` including building the long table;
- two baselines for it: "no sharing" (each scorer tokenizes and counts on its own, the usual
  one-operator-one-pass design) and "per sample" (the same scorers called on one sample at a time, as a
  row-wise map does);
- each scorer alone (its standalone cost, paying for the shared features it needs) and its marginal
  cost inside the suite (features already computed by earlier scorers);
- peak memory: traced Python allocations (tracemalloc) per scorer alone, and the process's max RSS;
- setwise scorers over the whole sample;
- model-based scorers on a small slice: tokens/s of SmolLM2 perplexity/IFD (batched by token budget)
  against a plain batched forward pass of the same model over the same token rows (fixed batches of 8
  in arrival order, right-padded, logits for every position: what a straightforward implementation
  does), and MiniLM embeddings, with the device used (a GPU when one is visible, else the CPU threads);
- Data-Juicer (the named peer) on the same response texts, for the operators both have: each DJ filter
  run as DJ runs it (`op.run` over its dataset, num_proc=1, its worker process counted) against the arena scorer(s) computing the
  same statistic. Data-Juicer is a bench-only dependency: installing it into the project's venv would
  downgrade dill and multiprocess (which `datasets` uses), so install it beside the venv and name the
  folder: `pip install --target DIR --no-deps py-data-juicer==1.6.1 loguru jsonargparse jsonlines
  emoji==2.2.0 wget lz4 zstandard typeshed_client dep-logic tomli_w mwparserfromhell beautifulsoup4
  soupsieve httpx httpcore`, then `--data-juicer DIR`.
Scorers under the target get a cProfile excerpt showing where their time goes.
"""
from __future__ import annotations

import argparse
import os

for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# ARENA_BENCH_CODE runs this file against another checkout's scoring code (the same-run baseline)
sys.path.insert(0, os.environ.get("ARENA_BENCH_CODE", str(ROOT)))

from scoring.batch import SampleBatch  # noqa: E402
from scoring.files import iter_file_batches  # noqa: E402
from scoring.runner import SuiteRunner  # noqa: E402
from scoring.suites import build_suite  # noqa: E402
from scoring.textstats import TextStats  # noqa: E402

if os.environ.get("ARENA_BENCH_SHARED"):    # set for the baseline checkout, which may predate shared_data_dir
    SHARED = Path(os.environ["ARENA_BENCH_SHARED"])
else:
    from warehouse.paths import shared_data_dir
    SHARED = shared_data_dir()
SOURCES = ["sdft/alpaca/alpaca_train.json", "sdft/dolly/dolly_train.json", "codealpaca/code_alpaca_2k.json",
           "sdft/gsm8k/gsm8k_train.json", "sdft/lima/lima_train.json", "sdft/alpaca/distilled_alpaca.json"]
TARGET = 3000.0
REPEATS = 5         # suite runs (this code and the baseline checkout): best and median reported
BASELINE_DATA_JUICER = 1400.0  # Data-Juicer's published cluster rate, samples/s per core (for context only)


def load_samples(n: int) -> list[SampleBatch]:
    """Up to n real samples, drawn round-robin from the sources so every kind of data is represented."""
    per_source = []
    for rel in SOURCES:
        path = SHARED / rel
        if not path.exists():
            raise SystemExit(f"{path} is missing: the benchmark needs ../shared/data")
        rows = []
        for b in iter_file_batches(path, batch_size=5000):
            rows.append(b)
        per_source.append(SampleBatch(**{k: sum((getattr(b, k) for b in rows), []) for k in
                                         SampleBatch.__dataclass_fields__}))
    take = [min(len(s), n // len(per_source)) for s in per_source]
    i = 0
    while sum(take) < n and any(t < len(s) for t, s in zip(take, per_source)):
        if take[i] < len(per_source[i]):
            take[i] += 1
        i = (i + 1) % len(per_source)
    merged = SampleBatch(**{k: sum((getattr(s, k)[:t] for s, t in zip(per_source, take)), [])
                            for k in SampleBatch.__dataclass_fields__})
    return merged, {rel: t for rel, t in zip(SOURCES, take)}


def batches_of(samples: SampleBatch, size: int) -> list[SampleBatch]:
    return [samples.slice(i, i + size) for i in range(0, len(samples), size)]


def timed(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - w0


def timed_with_children(fn):
    """Like `timed`, with the CPU time of child processes added: Data-Juicer runs model-backed ops
    (its tokenizer count) in a worker process even with num_proc=1, which process_time never sees."""
    def cpu():
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    c0, w0 = cpu(), time.perf_counter()
    out = fn()
    return out, cpu() - c0, time.perf_counter() - w0


def run_suite(scorers, batches, share=True) -> tuple[SuiteRunner, float, float]:
    runner = SuiteRunner(scorers, share_features=share)

    def go():
        for b in batches:
            runner.process(b)
    _, cpu, wall = timed(go)
    return runner, cpu, wall


def standalone(scorer, batches) -> tuple[float, float]:
    def go():
        for b in batches:
            stats = TextStats(b)
            if scorer.spec.kind == "pointwise":
                scorer.score(b, stats)
            else:
                state = scorer.init_state()
                scorer.update(state, b, stats)
    _, cpu, wall = timed(go)
    return cpu, wall


def traced_peak(fn) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def profile_excerpt(fn, lines: int = 8) -> str:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(lines)
    # file paths relative to the code measured, so the results name no folder of this machine
    text = out.getvalue().replace(str(Path(sys.path[0]).resolve()) + os.sep, "").replace(str(ROOT) + os.sep, "")
    start = text.find("ncalls")
    return text[start:].strip() if start >= 0 else text.strip()


def plain_forward(model, rows: list[list[int]], pad_id: int, batch_size: int = 8) -> tuple[int, float, float]:
    """Baseline: the same token rows through the model in fixed batches of `batch_size`, in arrival
    order, right-padded, logits for every position and nothing else computed. (real tokens, cpu s, wall s)"""
    import torch

    from scoring.models.loading import pad_batch

    def go():
        for a in range(0, len(rows), batch_size):
            ids, mask, _ = pad_batch(rows[a:a + batch_size], pad_id)
            with torch.inference_mode():
                model(input_ids=ids, attention_mask=mask).logits.sum()
    _, cpu, wall = timed(go)
    return sum(len(r) for r in rows), cpu, wall


def bench_models(samples: SampleBatch, n: int, max_length: int = 512) -> list[dict]:
    import torch

    from scoring import registry

    device = "cuda" if torch.cuda.is_available() else "cpu"
    threads = torch.get_num_threads()
    results = []
    subset = samples.take(list(range(0, len(samples), max(1, len(samples) // n)))[:n])
    lm = registry.create("lm_perplexity", max_length=max_length)
    _, load_cpu, load_wall = timed(lm.ensure_ready)
    # the token rows the scorer forwards (both passes, windows included), for the baseline
    rows = []
    targets = lm.tok(list(subset.response_text), add_special_tokens=False)["input_ids"]
    for q, target in zip(subset.instruction_text, targets):
        if target:
            rows += [ids for ids, _ in lm.windows_for(lm.prefix_ids(q), target)[0] + lm.windows_for(lm.empty_prefix, target)[0]]
    base_tokens, base_cpu, base_wall = plain_forward(lm.model, rows, lm.tok.pad_token_id)
    (res, cpu, wall) = timed(lambda: lm.score(subset, TextStats(subset)))
    assert lm.tokens_scored == base_tokens, (lm.tokens_scored, base_tokens)
    results.append({"scorer": "plain batched forward pass (baseline: batches of 8 in order, all logits)",
                    "samples": len(subset), "tokens": base_tokens, "tokens_per_s_wall": base_tokens / base_wall,
                    "tokens_per_cpu_s": base_tokens / base_cpu, "samples_per_s_wall": len(subset) / base_wall,
                    "cpu_s": base_cpu, "wall_s": base_wall, "load_s": 0.0, "device": device, "threads": threads})
    results.append({"scorer": f"qa_lm_perplexity (SmolLM2-135M, token budget {lm.max_batch_tokens})",
                    "samples": len(subset), "tokens": lm.tokens_scored,
                    "tokens_per_s_wall": lm.tokens_scored / wall, "tokens_per_cpu_s": lm.tokens_scored / cpu,
                    "samples_per_s_wall": len(subset) / wall,
                    "cpu_s": cpu, "wall_s": wall, "load_s": load_wall, "device": device, "threads": threads,
                    "windowed": int((res.windows > 1).sum()), "truncated": int(res.truncated.sum()),
                    "vs_plain_forward": (lm.tokens_scored / cpu) / (base_tokens / base_cpu)})
    from scoring.setwise.embedders import load_sentence_model, model_embeddings

    _, _, load_wall = timed(lambda: load_sentence_model("minilm"))
    texts = subset.instruction_text
    st = load_sentence_model("minilm")
    n_tokens = sum(min(len(x), st.max_seq_length) for x in st.tokenizer(texts, add_special_tokens=True)["input_ids"])
    _, cpu, wall = timed(lambda: model_embeddings(texts))
    results.append({"scorer": "embed_* (MiniLM-L6 embeddings, Q side)", "samples": len(texts), "tokens": n_tokens,
                    "tokens_per_s_wall": n_tokens / wall, "tokens_per_cpu_s": n_tokens / cpu,
                    "samples_per_s_wall": len(texts) / wall, "cpu_s": cpu,
                    "wall_s": wall, "load_s": load_wall, "device": device, "threads": threads})
    return results


# Data-Juicer filter -> (arena scorers computing the same statistic, how the values compare)
# Data-Juicer filter (bounds wide open, so every sample keeps its stats) -> the arena scorer(s) computing
# the same statistic; the last two fields name a statistic both define identically, compared value by value
DJ_PAIRS = [
    ("text_length_filter", "TextLengthFilter", {"min_len": 0}, ["char_length"], "text_len", "chars"),
    ("words_num_filter", "WordsNumFilter", {"lang": "en", "min_num": 0}, ["word_length"], None, None),
    ("special_characters_filter", "SpecialCharactersFilter", {"max_ratio": 1.0}, ["char_classes"], None, None),
    ("alphanumeric_filter", "AlphanumericFilter", {"min_ratio": 0.0}, ["char_classes"], None, None),
    ("character_repetition_filter (10-grams)", "CharacterRepetitionFilter", {"rep_len": 10, "max_ratio": 1.0},
     ["repetition"], None, None),
    ("word_repetition_filter (3-grams)", "WordRepetitionFilter", {"lang": "en", "rep_len": 3, "max_ratio": 1.0},
     ["repetition"], None, None),
    ("token_num_filter (SmolLM2 tokenizer)", "TokenNumFilter", {"hf_tokenizer": "smollm2", "min_num": 0},
     ["token_length"], "num_token", "tokens"),
]


def bench_data_juicer(samples: SampleBatch, batch_size: int, site: str) -> dict:
    """Each Data-Juicer filter as DJ runs it (op.run over a NestedDataset, num_proc=1, stats computed
    and the filter applied) beside the arena scorer(s) for the same statistic on the same response
    texts, both in samples per CPU-second of this process. Where both define the statistic the same
    way (characters, tokens), the share of equal values is reported too."""
    import logging

    sys.path.insert(0, site)
    os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")
    from datasets.utils.logging import disable_progress_bar
    disable_progress_bar()
    import data_juicer
    from data_juicer.core.data import NestedDataset
    from data_juicer.ops import filter as dj_filter
    from loguru import logger
    logger.remove()
    logging.getLogger("datasets").setLevel(logging.ERROR)

    from scoring import registry
    from common.local_models import smollm2_tokenizer_dir

    texts = samples.response_text
    batches = batches_of(samples, batch_size)
    # warm-up: Data-Juicer's first op pays one-time costs (dataset fingerprinting, lazy imports)
    dj_filter.TextLengthFilter(num_proc=1, min_len=0).run(NestedDataset.from_list([{"text": t} for t in texts[:200]]))
    rows = []
    for label, cls_name, kwargs, ours, dj_key, our_dim in DJ_PAIRS:
        kwargs = {k: (str(smollm2_tokenizer_dir()) if v == "smollm2" else v) for k, v in kwargs.items()}
        op = getattr(dj_filter, cls_name)(num_proc=1, **kwargs)
        ds = NestedDataset.from_list([{"text": t} for t in texts])
        out, dj_cpu, dj_wall = timed_with_children(lambda: op.run(ds))
        scorers = [registry.create(name, side="A") for name in ours]
        for sc in scorers:
            sc.ensure_ready()
        our_cpu = sum(standalone(sc, batches)[0] for sc in scorers)
        row = {"operator": label, "arena": ", ".join(sc.key for sc in scorers), "samples": len(texts),
               "dj_per_core": len(texts) / dj_cpu, "arena_per_core": len(texts) / our_cpu,
               "dj_kept": len(out)}
        if dj_key and len(out) == len(texts):
            theirs = [r[dj_key] for r in out["__dj__stats__"]]
            mine = [float(v) for b in batches for v in scorers[0].score(b, TextStats(b)).values[our_dim]]
            row["equal_share"] = sum(float(a) == b for a, b in zip(theirs, mine)) / len(mine)
        rows.append(row)
        print(f"  DJ {label:42s} {row['dj_per_core']:>9.0f}/s   arena {row['arena_per_core']:>9.0f}/s", file=sys.stderr)
    return {"version": data_juicer.__version__, "rows": rows}


def cli_wall(tree: Path, small: Path, out_dir: Path, runs: int = 3) -> float:
    """Fastest of `runs` wall times of `python -m scoring.cli score SMALL` from `tree` (a fresh process
    each time: imports, suite build, tokenizer load, scoring, writing)."""
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(tree)}
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scoring.cli", "score", str(small), "--out-dir", str(out_dir)],
                       cwd=tree, env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


class BaselineSuite:
    """The full pointwise suite of another checkout (e.g. the commit before this work) on the same
    samples, kept loaded in a subprocess that imports that checkout's code and runs the suite once per
    request: its runs interleave with this checkout's, so both see the same phases of a shared machine
    (whose speed drifts by tens of percent over minutes)."""

    CODE = ("import sys; sys.argv = ['x']; import bench_scoring as B\n"
            "s, _ = B.load_samples({n}); b = B.batches_of(s, {batch_size})\n"
            "p = [x for x in B.build_suite('demo') if x.spec.kind == 'pointwise']\n"
            "[x.ensure_ready() for x in p]; B.run_suite(p, b[:1]); print('ready', flush=True)\n"
            "for _ in sys.stdin:\n"
            "    print(B.run_suite(p, b)[1], flush=True)\n")

    def __init__(self, tree: Path, n: int, batch_size: int):
        import subprocess

        env = {**os.environ, "ARENA_BENCH_CODE": str(tree), "ARENA_BENCH_SHARED": str(SHARED),
               "PYTHONPATH": str(Path(__file__).parent)}
        self.tree = tree
        self.proc = subprocess.Popen([sys.executable, "-c", self.CODE.format(n=n, batch_size=batch_size)], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._read()

    def _read(self) -> str:
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the baseline checkout {self.tree} failed:\n{self.proc.stderr.read()[-3000:]}")
        return line.strip()

    def run(self) -> float:
        """CPU seconds of one suite run over all samples."""
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        return float(self._read())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--model-samples", type=int, default=16)
    ap.add_argument("--model-max-length", type=int, default=512)
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--data-juicer", metavar="DIR", help="folder where py-data-juicer is installed (see above)")
    ap.add_argument("--baseline-tree", metavar="DIR", help="another checkout (e.g. `git worktree add DIR <commit>`): "
                    "its suite rate and CLI wall time are measured in the same run")
    ap.add_argument("--out", default=str(Path(__file__).with_name("RESULTS.md")))
    args = ap.parse_args(argv)

    samples, mix = load_samples(args.samples)
    n = len(samples)
    batches = batches_of(samples, args.batch_size)
    demo = build_suite("demo")
    pointwise = [s for s in demo if s.spec.kind == "pointwise"]
    setwise = [s for s in demo if s.spec.kind == "setwise"]
    for s in pointwise:
        s.ensure_ready()                       # tokenizer loads are not throughput
    print(f"{n} samples from {len(mix)} sources; {len(pointwise)} pointwise heuristic scorers "
          f"({sum(len(s.spec.dimensions) for s in pointwise)} dimensions)", file=sys.stderr)

    load_before = os.getloadavg()
    run_suite(pointwise, batches[:1])          # warm caches (regexes, first allocations)
    no_tok = [s for s in pointwise if s.spec.name != "token_length"]
    base_suite = BaselineSuite(Path(args.baseline_tree), n, args.batch_size) if args.baseline_tree else None
    # several rounds, each running this suite, the suite without token_length and the baseline
    # checkout's suite back to back: the best run is the machine's cost of the code, the median what
    # a busy shared machine gave, and the per-round ratio to the baseline holds whatever the phase
    runs, notok_cpus, base_cpus = [], [], []
    for _ in range(REPEATS):
        runs.append(run_suite(pointwise, batches))
        notok_cpus.append(run_suite(no_tok, batches)[1])
        if base_suite:
            base_cpus.append(base_suite.run())
    if base_suite:
        base_suite.close()
    suite_runner, suite_cpu, suite_wall = min(runs, key=lambda r: r[1])
    suite_median_cpu = sorted(r[1] for r in runs)[len(runs) // 2]
    notok_cpu = min(notok_cpus)
    alpaca = [b for b in batches_of(samples.take(list(range(mix[SOURCES[0]]))), args.batch_size)]
    _, alpaca_cpu, _ = run_suite(pointwise, alpaca)
    _, noshare_cpu, noshare_wall = run_suite(pointwise, batches, share=False)
    per_sample_n = min(n, 2000)
    one_by_one = batches_of(samples.slice(0, per_sample_n), 1)
    _, ps_cpu, ps_wall = run_suite(pointwise, one_by_one)
    suite_peak = traced_peak(lambda: run_suite(pointwise, batches[:2]))

    rows = []
    for s in pointwise + setwise:
        cpu, wall = standalone(s, batches)
        peak = traced_peak(lambda s=s: standalone(s, batches[:1]))
        rows.append({"scorer": s.key, "kind": s.spec.kind, "dims": len(s.spec.dimensions),
                     "standalone_per_core": n / cpu if cpu else float("inf"),
                     "in_suite_per_core": (n / suite_runner.seconds[s.key]) if s.key in suite_runner.seconds else None,
                     "peak_mib_per_1k": peak / 2 ** 20, "cpu_s": cpu, "wall_s": wall})
        print(f"  {s.key:28s} {rows[-1]['standalone_per_core']:>12.0f} samples/s/core", file=sys.stderr)
    set_runner, set_cpu, set_wall = run_suite(setwise, batches)
    set_values = set_runner.set_table("bench").to_pylist()

    slow = [r for r in rows if r["kind"] == "pointwise" and r["standalone_per_core"] < TARGET]
    profiles = {}
    for r in slow:
        scorer = next(s for s in pointwise if s.key == r["scorer"])
        profiles[r["scorer"]] = profile_excerpt(lambda scorer=scorer: standalone(scorer, batches[:2]))

    if n / suite_cpu < TARGET:
        profiles["full pointwise suite (2 batches)"] = profile_excerpt(lambda: run_suite(pointwise, batches[:2]), 12)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.jsonl"
        src = (SHARED / "gsm8k" / "train.jsonl").read_text().splitlines()[:20]
        small.write_text("\n".join(src) + "\n")
        cli = {"this": cli_wall(ROOT, small, Path(tmp) / "out")}
        if args.baseline_tree:
            cli["baseline"] = cli_wall(Path(args.baseline_tree), small, Path(tmp) / "out_base")
    baseline = None
    if base_cpus:
        ratios = sorted(b / r[1] for b, r in zip(base_cpus, runs))
        baseline = {"per_core": n / min(base_cpus), "per_core_median": n / sorted(base_cpus)[len(base_cpus) // 2],
                    "cpu_s": min(base_cpus), "speedup_median_round": ratios[len(ratios) // 2]}
    dj = bench_data_juicer(samples, args.batch_size, args.data_juicer) if args.data_juicer else None
    models = [] if args.no_models else bench_models(samples, args.model_samples, args.model_max_length)
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    result = {
        "machine": {"python": platform.python_version(), "cpu": _cpu_name(),
                    "cores_visible": os.cpu_count(), "threads": 1},
        "samples": n, "mix": mix, "batch_size": args.batch_size,
        "suite": {"scorers": len(pointwise), "dimensions": sum(len(s.spec.dimensions) for s in pointwise),
                  "per_core": n / suite_cpu, "wall_per_s": n / suite_wall, "cpu_s": suite_cpu,
                  "per_core_median": n / suite_median_cpu, "repeats": REPEATS,
                  "peak_traced_mib_2k": suite_peak / 2 ** 20,
                  "without_token_length_per_core": n / notok_cpu,
                  "alpaca_only_per_core": mix[SOURCES[0]] / alpaca_cpu, "alpaca_only_n": mix[SOURCES[0]]},
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "baselines": {"no_sharing_per_core": n / noshare_cpu, "per_sample_per_core": per_sample_n / ps_cpu,
                      "per_sample_n": per_sample_n, "data_juicer_published_per_core": BASELINE_DATA_JUICER},
        "scorers": rows, "setwise": {"per_core": n / set_cpu, "values": set_values},
        "models": models, "max_rss_mib": maxrss_mib, "profiles": profiles,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cli_wall_s": cli, "data_juicer": dj,
        "baseline_tree": {"path_name": Path(args.baseline_tree).name, **baseline} if baseline else None,
    }
    Path(args.out).with_suffix(".json").write_text(json.dumps(result, indent=1, default=str))
    Path(args.out).write_text(render(result))
    print(render(result))
    return 0


def render(r: dict) -> str:
    s, b = r["suite"], r["baselines"]
    lines = [
        "# Scoring benchmark",
        "",
        f"`python bench/scoring/bench_scoring.py --samples {r['samples']}` on {r['date']}, {r['machine']['cpu']} "
        f"({r['machine']['cores_visible']} cores visible, one thread used), Python {r['machine']['python']}"
        + (f"; baseline checkout `{r['baseline_tree']['path_name']}` measured in the same run" if r.get("baseline_tree") else "")
        + ".",
        f"{r['samples']} real samples, normalized by the arena's ingest, from: "
        + ", ".join(f"`{k}` ({v})" for k, v in r["mix"].items()) + f"; batches of {r['batch_size']}.",
        "Throughput is samples per CPU-second of the benchmark process (per core); wall-clock rates depend on",
        f"the other load on the machine (load average {r['load_average']['before'][0]:.1f} before, "
        f"{r['load_average']['after'][0]:.1f} after, on {r['machine']['cores_visible']} cores: CPU time inflates too "
        "when cores and caches are shared, so these are lower bounds).",
        "",
        "## Full pointwise heuristic suite",
        "",
        "| run | samples/s per core |",
        "|---|---:|",
        f"| **suite, shared features** ({s['scorers']} scorers, {s['dimensions']} dimensions, long table included; "
        f"best of {s.get('repeats', 1)} runs) | **{s['per_core']:,.0f}** |",
        f"| the same, median of the {s.get('repeats', 1)} runs | {s.get('per_core_median', s['per_core']):,.0f} |",
        f"| suite without the tokenizer-bound `token_length` (Q and A), best of {s.get('repeats', 1)} | "
        f"{s['without_token_length_per_core']:,.0f} |",
        f"| suite on the Alpaca samples only ({s['alpaca_only_n']}, the first source) | {s['alpaca_only_per_core']:,.0f} |",
        f"| baseline: no feature sharing (each scorer tokenizes on its own) | {b['no_sharing_per_core']:,.0f} |",
        f"| baseline: one sample at a time ({b['per_sample_n']} samples) | {b['per_sample_per_core']:,.0f} |",
        f"| reference: Data-Juicer published cluster rate | {b['data_juicer_published_per_core']:,.0f} |",
    ]
    if r.get("baseline_tree"):
        bt = r["baseline_tree"]
        lines.append(f"| baseline: the same suite in checkout `{bt['path_name']}` (before this work), same samples, "
                     f"same run, best / median of {s.get('repeats', 1)} | {bt['per_core']:,.0f} / "
                     f"{bt.get('per_core_median', bt['per_core']):,.0f} |")
        if "speedup_median_round" in bt:
            lines.append(f"| speed-up over `{bt['path_name']}`, median over rounds (each round runs both back to back) | "
                         f"{bt['speedup_median_round']:.2f}x |")
    lines += [
        "",
        f"Target {TARGET:,.0f} samples/s per core: {'met' if s['per_core'] >= TARGET else 'NOT met'} "
        f"({s['per_core'] / TARGET:.2f}x). Speed-up over the no-sharing baseline: "
        f"{s['per_core'] / b['no_sharing_per_core']:.2f}x; over one-at-a-time: {s['per_core'] / b['per_sample_per_core']:.2f}x.",
        f"Peak traced Python memory for 2 batches of the suite: {s['peak_traced_mib_2k']:.1f} MiB; "
        f"process max RSS over the whole benchmark (models included): {r['max_rss_mib']:.0f} MiB.",
        "",
        "## Per scorer",
        "",
        "Standalone = the scorer alone, paying for every feature it needs; in suite = its marginal time in the",
        "suite run above (shared features already computed). Peak = traced allocations scoring 1 batch alone.",
        "",
        "| scorer | kind | dims | standalone samples/s/core | in-suite samples/s/core | peak MiB / batch |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for x in sorted(r["scorers"], key=lambda x: x["standalone_per_core"]):
        ins = f"{x['in_suite_per_core']:,.0f}" if x["in_suite_per_core"] else "-"
        lines.append(f"| {x['scorer']} | {x['kind']} | {x['dims']} | {x['standalone_per_core']:,.0f} | {ins} | "
                     f"{x['peak_mib_per_1k']:.1f} |")
    lines += ["", f"Setwise scorers together (one shared hashed embedding): {r['setwise']['per_core']:,.0f} samples/s per core.",
              "", "| setwise dimension | value | samples | used | method |", "|---|---:|---:|---:|---|"]
    for v in r["setwise"]["values"]:
        val = "NULL" if v["value"] is None else f"{v['value']:.4f}"
        lines.append(f"| {v['dimension']} | {val} | {v['n_samples']} | {v['n_used']} | {v['method']} |")
    cli = r.get("cli_wall_s")
    if cli:
        lines += ["", "## `python -m scoring.cli score` on a small file", "",
                  "20 GSM8K samples, `--suite demo` (41 scorers), a fresh process each time, fastest of 3 wall times "
                  "(imports, suite, tokenizer, scoring, writing the three output files); both checkouts run in this "
                  "benchmark's environment (one BLAS, OpenMP and tokenizer thread). The baseline spends most of its "
                  "time importing transformers and loading SmolLM2's tokenizer through it; what is left here is "
                  "Python, pyarrow (which imports pandas on its first conversion) and the ingest readers; the "
                  "tiktoken ranks rebuilt from the tokenizer's merges come from the model cache (the first run "
                  "ever writes them, about 0.1 s more).", "",
                  "| code | wall s |", "|---|---:|", f"| this checkout | {cli['this']:.2f} |"]
        if "baseline" in cli:
            lines.append(f"| baseline checkout `{r['baseline_tree']['path_name']}` | {cli['baseline']:.2f} |")
    dj = r.get("data_juicer")
    if dj:
        lines += ["", f"## Data-Juicer {dj['version']} side by side (same {dj['rows'][0]['samples']} response texts)", "",
                  "Each Data-Juicer filter as Data-Juicer runs it (`op.run` on its dataset with num_proc=1: stats computed, "
                  "filter applied, bounds wide open; CPU time of the worker process it starts for its tokenizer op "
                  "included) against the arena scorer(s) computing the same statistic "
                  "(standalone, paying for every feature they need; the arena scorers often compute more "
                  "dimensions in the same pass). Samples per CPU-second of this process. Perplexity is left out: "
                  "Data-Juicer's perplexity filter needs a KenLM model downloaded from its hub, not possible offline.", "",
                  "| Data-Juicer operator | DJ samples/s/core | arena scorer | arena samples/s/core | arena / DJ | equal values |",
                  "|---|---:|---|---:|---:|---:|"]
        for x in dj["rows"]:
            eq = f"{x['equal_share']:.1%}" if "equal_share" in x else "-"
            lines.append(f"| {x['operator']} | {x['dj_per_core']:,.0f} | {x['arena']} | {x['arena_per_core']:,.0f} | "
                         f"{x['arena_per_core'] / x['dj_per_core']:.1f}x | {eq} |")
    if r["models"]:
        lines += ["", "## Model-based scorers", "",
                  "| run | samples | tokens | tokens per CPU-s | tokens/s wall | device | threads | load s |",
                  "|---|---:|---:|---:|---:|---|---:|---:|"]
        for m in r["models"]:
            lines.append(f"| {m['scorer']} | {m['samples']} | {m['tokens']} | {m.get('tokens_per_cpu_s', 0):,.0f} | "
                         f"{m['tokens_per_s_wall']:,.0f} | {m['device']} | {m['threads']} | {m['load_s']:.1f} |")
        ratio = next((m["vs_plain_forward"] for m in r["models"] if "vs_plain_forward" in m), None)
        if ratio is not None:
            lines += ["", f"Perplexity/IFD (both passes, windows, log-softmax and entropy over the response tokens) runs at "
                      f"{ratio:.2f}x the tokens per CPU-second of the plain batched forward pass over the very same token "
                      f"rows (target: at least 0.5x). Tokens count real (unpadded) tokens in both rows."]
    if r["profiles"]:
        lines += ["", "## Where the time goes (cProfile, 2 batches, by own time)", "",
                  "`token_length` counts SmolLM2's byte-level BPE with tiktoken (`CoreBPE.encode`), rebuilt from the",
                  "tokenizer's own merges: the same counts as the Rust `tokenizers` library (tested), about 6x faster",
                  "than its `encode_batch_fast`. What remains is mostly per-word Python: MTLD's segment walk (two",
                  "passes per text), the word regex, zlib for the compression ratio, and the sorts behind n-gram",
                  "statistics.", ""]
        for name, prof in r["profiles"].items():
            lines += [f"### {name}", "", "```", prof, "```", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
