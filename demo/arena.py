"""The offline demo arena: training sets with planted, recorded differences in value.

Everything here is generated deterministically from a seed, so the demo needs no network and its
ground truth is known exactly. The sets are arithmetic word problems (short enough that a 135M model
fine-tuned on a CPU for minutes learns from them):

- `demo_math_clean`: step-by-step solutions ending in `#### <answer>`: the set that should win;
- `demo_math_noisy`: the same prompts, with wrong arithmetic in a share of the solutions;
- `demo_math_terse`: the same prompts, bare final answers with no steps;
- `demo_math_rephrased`: a subset of clean with every prompt reworded (same responses);
- `demo_unit_conversions`: an unrelated set of unit conversion exercises;
- `demo_mixture`: half of a clean subset, half of the unit conversions;
- `demo_math_leaky`: clean problems plus items of the demo benchmark, some verbatim and some
  with the numbers swapped (contamination the lineage stage must find);
- `demo_math_bench`: the held-out benchmark (gold answer in `extra.answer`), worded in its own
  phrasing with its own names and items, so no training set shares it except by planted leaks.

`ground_truth()` records which set should beat which, which derives from which (with the
relationship), and exactly which benchmark items leak where.
"""
from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from warehouse.paths import ArenaPaths

VERSION = 2
SEED = 20261128

N_CLEAN = 400
N_BENCH = 200
NOISY_WRONG_SHARE = 0.6
N_REPHRASED = 200
N_UNITS = 200
N_MIXTURE_EACH = 150
N_LEAK_VERBATIM = 40
N_LEAK_SWAPPED = 20
N_LEAKY_CLEAN = 240

NAMES = ["Ava", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Iris", "Jonah", "Kira", "Liam", "Maya",
         "Noah", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yara", "Zane"]
ITEMS = ["apples", "marbles", "stickers", "books", "pencils", "cookies", "shells", "stamps", "cards", "coins"]


@dataclass(frozen=True)
class Problem:
    template: int
    name: str
    item: str
    a: int
    b: int
    c: int

    def question(self, style: int = 0) -> str:
        return TEMPLATES[self.template][1 + style](self)

    def steps(self) -> tuple[list[str], int]:
        return TEMPLATES[self.template][0](self)


def _t0_solve(p: Problem):
    s1 = p.a + p.b
    ans = s1 - p.c
    return [f"{p.name} starts with {p.a} {p.item}.", f"After getting {p.b} more: {p.a} + {p.b} = {s1}.",
            f"After giving away {p.c}: {s1} - {p.c} = {ans}."], ans


def _t1_solve(p: Problem):
    s1 = p.a * p.b
    ans = s1 + p.c
    return [f"{p.a} packs of {p.b} {p.item} make {p.a} * {p.b} = {s1}.",
            f"Adding the {p.c} {p.item} already there: {s1} + {p.c} = {ans}."], ans


def _t2_solve(p: Problem):
    cost = p.a * p.b
    ans = p.c - cost
    return [f"{p.b} notebooks at ${p.a} each cost {p.b} * {p.a} = ${cost}.",
            f"The change from ${p.c} is {p.c} - {cost} = ${ans}."], ans


def _t3_solve(p: Problem):
    total = p.a * p.b
    ans = p.a + p.c
    return [f"{total} {p.item} shared among {p.b} friends gives {total} / {p.b} = {p.a} each.",
            f"With {p.c} more each: {p.a} + {p.c} = {ans}."], ans


def _t4_solve(p: Problem):
    s1 = p.a * p.b
    ans = s1 + p.c
    return [f"At {p.a} km per hour for {p.b} hours the distance is {p.a} * {p.b} = {s1} km.",
            f"Adding the last {p.c} km: {s1} + {p.c} = {ans} km."], ans


TEMPLATES = [
    (_t0_solve,
     lambda p: f"{p.name} has {p.a} {p.item}. {p.name} gets {p.b} more and then gives {p.c} away. How many {p.item} does {p.name} have now?",
     lambda p: f"Starting with {p.a} {p.item}, {p.name} receives another {p.b} and hands {p.c} to a friend. What is the number of {p.item} {p.name} ends up with?",
     lambda p: f"On Monday {p.name}'s box held {p.a} {p.item}; a neighbour added {p.b}, after which {p.c} were lost. Count what remains in the box."),
    (_t1_solve,
     lambda p: f"{p.name} buys {p.a} packs of {p.item} with {p.b} in each pack and already has {p.c} {p.item}. How many {p.item} does {p.name} have in total?",
     lambda p: f"There are {p.b} {p.item} in every pack. If {p.name}, who owns {p.c} {p.item}, purchases {p.a} packs, what is the total number of {p.item}?",
     lambda p: f"A shop sells {p.item} in bundles of {p.b}. {p.name} owned {p.c} beforehand and brings home {p.a} bundles. Find the collection's new size."),
    (_t2_solve,
     lambda p: f"A notebook costs ${p.a}. {p.name} buys {p.b} notebooks and pays with ${p.c}. How much change does {p.name} get?",
     lambda p: f"{p.name} hands over ${p.c} for {p.b} notebooks priced at ${p.a} apiece. What change should {p.name} receive?",
     lambda p: f"Each notebook is ${p.a} at the stationer. {p.name} picks {p.b} of them and offers a ${p.c} payment; determine the money returned."),
    (_t3_solve,
     lambda p: f"{p.name} shares {p.a * p.b} {p.item} equally among {p.b} friends. Then each friend finds {p.c} more. How many {p.item} does each friend have?",
     lambda p: f"{p.b} friends split {p.a * p.b} {p.item} evenly, courtesy of {p.name}, and later every friend picks up {p.c} extra. How many {p.item} per friend?",
     lambda p: f"{p.name} deals {p.a * p.b} {p.item} into {p.b} equal piles, then tops up every pile with {p.c}. What does a single pile contain?"),
    (_t4_solve,
     lambda p: f"A train travels at {p.a} km per hour for {p.b} hours and then {p.c} km more. How far does it travel in total?",
     lambda p: f"Moving {p.b} hours at a speed of {p.a} km per hour, then covering a further {p.c} km, what total distance does the train go?",
     lambda p: f"{p.name} cycles {p.b} hours at {p.a} km each hour before a final {p.c} km stretch. Give the whole trip's length."),
]
BENCH_STYLE = 2  # benchmark items have their own wording: training sets never share it by construction
def _random_problem(rng: random.Random, template: int | None = None, bench: bool = False) -> Problem:
    """A random problem; benchmark problems draw names and items from their own halves of the lists."""
    t = rng.randrange(len(TEMPLATES)) if template is None else template
    name, item = rng.choice(NAMES[bench::2]), rng.choice(ITEMS[bench::2])
    if t == 0:
        a, b = rng.randint(5, 60), rng.randint(2, 40)
        c = rng.randint(1, a + b - 1)
    elif t == 1:
        a, b, c = rng.randint(2, 9), rng.randint(3, 12), rng.randint(1, 30)
    elif t == 2:
        a, b = rng.randint(2, 9), rng.randint(2, 8)
        c = a * b + rng.randint(1, 40)
    elif t == 3:
        a, b, c = rng.randint(2, 12), rng.randint(2, 8), rng.randint(1, 9)
    else:
        a, b, c = rng.randint(20, 90), rng.randint(2, 6), rng.randint(5, 60)
    return Problem(t, name, item, a, b, c)


def _swap_numbers(rng: random.Random, p: Problem) -> Problem:
    """Same template, name and item; new numbers (a number-swapped paraphrase of a benchmark item)."""
    while True:
        q = _random_problem(rng, p.template, bench=True)
        q = Problem(p.template, p.name, p.item, q.a, q.b, q.c)
        if (q.a, q.b, q.c) != (p.a, p.b, p.c):
            return q


def _solution(p: Problem) -> str:
    steps, ans = p.steps()
    return "\n".join(steps) + f"\n#### {ans}"


def _wrong_solution(rng: random.Random, p: Problem) -> str:
    """Plausible but wrong: the last step's arithmetic is off, so the final answer is wrong."""
    steps, ans = p.steps()
    wrong = ans + rng.choice([-1, 1]) * rng.randint(1, 9)
    last = steps[-1]
    head, _, _ = last.rpartition("= ")
    steps[-1] = f"{head}= {wrong}" + (" km." if last.endswith(" km.") else ".")
    return "\n".join(steps) + f"\n#### {wrong}"


def _alpaca(question: str, answer: str) -> dict:
    return {"instruction": question, "input": "", "output": answer}


UNITS = [("km", "m", 1000), ("m", "cm", 100), ("kg", "g", 1000), ("hours", "minutes", 60), ("minutes", "seconds", 60),
         ("liters", "milliliters", 1000), ("days", "hours", 24), ("weeks", "days", 7)]


def _unit_conversion(rng: random.Random) -> dict:
    big, small, factor = rng.choice(UNITS)
    n = rng.randint(2, 50)
    return {"conversations": [
        {"from": "system", "value": "You are a careful assistant who shows the conversion factor."},
        {"from": "human", "value": f"Convert {n} {big} to {small}."},
        {"from": "gpt", "value": f"One {big[:-1] if big.endswith('s') else big} is {factor} {small}, so {n} {big} = {n} * {factor} = {n * factor} {small}.\n#### {n * factor}"},
    ]}


def build() -> dict[str, list[dict]]:
    """All demo sets as lists of source records (the formats differ on purpose: Alpaca, ShareGPT, JSONL QA)."""
    rng = random.Random(SEED)
    seen: set[tuple] = set()

    def fresh(n: int, bench: bool = False) -> list[Problem]:
        out = []
        while len(out) < n:
            p = _random_problem(rng, bench=bench)
            key = (p.template, p.a, p.b, p.c)
            if key not in seen:
                seen.add(key)
                out.append(p)
        return out

    bench = fresh(N_BENCH, bench=True)
    train = fresh(N_CLEAN)
    sets: dict[str, list[dict]] = {}
    sets["demo_math_bench"] = [{"question": p.question(BENCH_STYLE), "answer": _solution(p)} for p in bench]
    sets["demo_math_clean"] = [_alpaca(p.question(), _solution(p)) for p in train]
    noisy_rng = random.Random(SEED + 1)
    wrong = set(noisy_rng.sample(range(N_CLEAN), int(N_CLEAN * NOISY_WRONG_SHARE)))
    sets["demo_math_noisy"] = [_alpaca(p.question(), _wrong_solution(noisy_rng, p) if i in wrong else _solution(p))
                               for i, p in enumerate(train)]
    sets["demo_math_terse"] = [_alpaca(p.question(), f"#### {p.steps()[1]}") for p in train]
    sets["demo_math_rephrased"] = [{"messages": [{"role": "user", "content": p.question(style=1)},
                                                 {"role": "assistant", "content": _solution(p)}]}
                                   for p in train[:N_REPHRASED]]
    unit_rng = random.Random(SEED + 2)
    sets["demo_unit_conversions"] = [_unit_conversion(unit_rng) for _ in range(N_UNITS)]
    mixture = [{"conversations": [{"from": "human", "value": p.question()}, {"from": "gpt", "value": _solution(p)}]}
               for p in train[N_CLEAN - N_MIXTURE_EACH:]]
    mixture += sets["demo_unit_conversions"][:N_MIXTURE_EACH]
    random.Random(SEED + 3).shuffle(mixture)
    sets["demo_mixture"] = mixture
    leak_rng = random.Random(SEED + 4)
    leaked = leak_rng.sample(range(N_BENCH), N_LEAK_VERBATIM + N_LEAK_SWAPPED)
    verbatim, swapped = leaked[:N_LEAK_VERBATIM], leaked[N_LEAK_VERBATIM:]
    leaky = [_alpaca(p.question(), _solution(p)) for p in train[:N_LEAKY_CLEAN]]
    leaky += [_alpaca(bench[i].question(BENCH_STYLE), _solution(bench[i])) for i in verbatim]
    leaky += [_alpaca(q.question(BENCH_STYLE), _solution(q)) for q in (_swap_numbers(leak_rng, bench[i]) for i in swapped)]
    sets["demo_math_leaky"] = leaky
    _LEAKS.clear()
    _LEAKS.update({"verbatim": sorted(verbatim), "number_swapped": sorted(swapped)})
    return sets


_LEAKS: dict[str, list[int]] = {}

FILE_NAMES = {
    "demo_math_clean": "demo_math_clean.json",
    "demo_math_noisy": "demo_math_noisy.json",
    "demo_math_terse": "demo_math_terse.jsonl",
    "demo_math_rephrased": "demo_math_rephrased.jsonl",
    "demo_unit_conversions": "demo_unit_conversions.json",
    "demo_mixture": "demo_mixture.json",
    "demo_math_leaky": "demo_math_leaky.jsonl",
    "demo_math_bench": "demo_math_bench.jsonl",
}


# The pre-registered measure of the planted ordering: final-step accuracy on the benchmark (exact match
# sits near the floor at the demo's scale).
PRIMARY_MEASURE = ("demo_math_bench_final", "final_greedy")


def ground_truth() -> dict:
    """What later stages are validated against."""
    if not _LEAKS:
        build()
    return {
        "version": VERSION,
        "seed": SEED,
        "benchmark": "demo_math_bench",
        # (better, worse): fine-tuning on the first must score higher on the benchmark
        "better_than": [["demo_math_clean", "demo_math_noisy"], ["demo_math_clean", "demo_math_terse"]],
        "noisy_wrong_share": NOISY_WRONG_SHARE,
        "derivations": [
            {"source": "demo_math_clean", "target": "demo_math_noisy", "relationship": "response_regeneration",
             "note": "same prompts, new (partly wrong) responses"},
            {"source": "demo_math_clean", "target": "demo_math_terse", "relationship": "response_regeneration",
             "note": "same prompts, bare answers"},
            {"source": "demo_math_clean", "target": "demo_math_rephrased", "relationship": "prompt_rewriting",
             "note": f"first {N_REPHRASED} items, prompts reworded, responses kept, OpenAI messages format"},
            {"source": "demo_math_clean", "target": "demo_mixture", "relationship": "mixture",
             "note": f"last {N_MIXTURE_EACH} clean items"},
            {"source": "demo_unit_conversions", "target": "demo_mixture", "relationship": "mixture",
             "note": f"first {N_MIXTURE_EACH} items"},
            {"source": "demo_math_clean", "target": "demo_math_leaky", "relationship": "mixture",
             "note": f"first {N_LEAKY_CLEAN} items, mixed with benchmark items"},
        ],
        "leaks": [{"dataset": "demo_math_leaky", "benchmark": "demo_math_bench",
                   "verbatim_items": _LEAKS["verbatim"], "number_swapped_items": _LEAKS["number_swapped"]}],
        "clean_of_benchmark": ["demo_math_clean", "demo_math_noisy", "demo_math_terse", "demo_math_rephrased",
                               "demo_unit_conversions", "demo_mixture"],
    }


def _write(path: Path, records: list[dict]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        if path.suffix == ".jsonl":
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            json.dump(records, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def demo_dir(paths: ArenaPaths | None = None) -> Path:
    return (paths or ArenaPaths.from_env()).cache / "demo" / f"v{VERSION}"


def generate(out_dir: Path | None = None) -> Path:
    """Write every demo set and the ground truth (idempotent: same bytes every time)."""
    out_dir = Path(out_dir) if out_dir else demo_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, records in build().items():
        _write(out_dir / FILE_NAMES[name], records)
    (out_dir / "ground_truth.json").write_text(json.dumps(ground_truth(), indent=1), encoding="utf-8")
    return out_dir


def generated_file(name: str) -> Path:
    """The file of one demo set, generating the demo on first use."""
    if name not in FILE_NAMES:
        import difflib
        close = difflib.get_close_matches(name, FILE_NAMES, n=3)
        raise KeyError(f"unknown demo set '{name}'" + (f"; did you mean {', '.join(close)}?" if close else ""))
    path = demo_dir() / FILE_NAMES[name]
    if not path.exists():
        generate()
    return path
