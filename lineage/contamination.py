"""Benchmark contamination: an index of benchmark items checked against every training sample.

Two signals per (training sample, benchmark item), both measured as the share of the *item's* n-grams
found in the sample (so a long training text that quotes a question in full scores 1.0):
- long n-grams, GPT-3 style: 13-grams, or 8/5-grams for short items (items under `min_item_tokens`
  words are too short to call and are counted as untestable);
- word 3-grams, which survive light paraphrase (a few words replaced or reordered) where 13-grams break.
Numbers are masked in both, so number-swapped copies of an item match; a flagged pair is then labelled
`verbatim` (the raw long n-grams match too), `number_swap`, or `paraphrase` (only the 3-gram signal).
A third signal indexes each item's reference solution / gold answer (the benchmark sample's response)
with the same long n-grams and checks it against the *response* of training samples: a training
answer reproducing a benchmark's solution is labelled `solution` even when its prompt was reworded or
is too short for n-grams (short gold answers such as "B" or "18" are untestable, like short items).
n-grams shared by more than `max_gram_items` index items (boilerplate such as "which of the following")
are ignored, which is what keeps precision on clean sets. Lookups are sorted-array searches over whole
batches, so the cost is linear in the training tokens and independent of the number of items.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from lineage.text import NUMBER_TOKEN, TokenHasher, batch_ngrams, iter_sample_batches, joined_text, tokenize, unique_per_owner
from warehouse.tables import CONTAMINATION_MATCHES, CONTAMINATION_MATRIX

# The shape of the lineage risk table the dbt Python model int_lineage__contamination_risk returns.
RISK_SCHEMA = pa.schema([
    ("dataset_id", pa.string()),
    ("benchmark_id", pa.string()),
    ("via_id", pa.string()),            # the contaminated ancestor (or the benchmark itself, when an ancestor)
    ("path", pa.list_(pa.string())),    # via -> ... -> dataset along lineage edges
    ("hops", pa.int32()),
    ("via_share", pa.float64()),        # the ancestor's own contaminated share (1.0 when it is the benchmark)
    ("own_share", pa.float64()),        # the dataset's measured share, null when it was not scanned
])


@dataclass
class ContaminationConfig:
    long_n: int = 13
    mid_n: int = 8
    short_n: int = 5
    min_item_tokens: int = 5          # words (numbers not counted) an item needs to be testable
    min_near_tokens: int = 12         # tokens an item needs for the paraphrase (3-gram) signal
    near_n: int = 3
    long_threshold: float = 0.5       # share of an item's 13-grams (GPT-3 flags any one)
    short_threshold: float = 0.8      # share of a short item's 8-/5-grams
    verbatim_threshold: float = 0.8   # share of long n-grams matching with numbers unmasked
    near_threshold: float = 0.6       # idf-weighted share of an item's word 3-grams
    max_gram_items: int = 50
    check_response: bool = True       # check the response side of training samples too
    check_solutions: bool = True      # index items' solutions, checked against training responses
    min_solution_tokens: int = 12     # words (numbers, single letters not counted) a solution needs:
                                      # shorter gold answers (an ARC option's text) recur as plain facts
    solution_threshold: float = 0.8   # share of a solution's long n-grams (numbers kept): textbook code
                                      # (a bubble sort) shares about 0.6-0.7 with a solution using it
    n_examples: int = 3
    excerpt_chars: int = 200

    def item_n(self, n_tokens: int) -> int | None:
        if n_tokens < self.min_item_tokens:
            return None
        if n_tokens >= self.long_n:
            return self.long_n
        return self.mid_n if n_tokens >= self.mid_n else self.short_n


@dataclass
class _GramTable:
    keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64))
    items: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    weights: np.ndarray = field(default_factory=lambda: np.empty(0, np.float64))

    def lookup(self, grams: np.ndarray, owner: np.ndarray, with_weights: bool = False):
        """(owner, item[, weight]) for every sample gram found in the table, one row per occurrence."""
        empty = (np.empty(0, np.int64), np.empty(0, np.int64)) + ((np.empty(0),) if with_weights else ())
        if len(self.keys) == 0 or len(grams) == 0:
            return empty
        left = np.searchsorted(self.keys, grams, "left")
        right = np.searchsorted(self.keys, grams, "right")
        cnt = right - left
        hit = cnt > 0
        if not hit.any():
            return empty
        left, cnt, own = left[hit], cnt[hit], owner[hit]
        total = int(cnt.sum())
        base = np.repeat(left - (np.cumsum(cnt) - cnt), cnt)
        idx = base + np.arange(total)
        if with_weights:
            return np.repeat(own, cnt), self.items[idx], self.weights[idx]
        return np.repeat(own, cnt), self.items[idx]


def _wordy_grams(hashes: np.ndarray, is_num: np.ndarray, n: int) -> np.ndarray:
    """The item's distinct n-grams, without those made mostly of weak tokens (numbers, single
    letters), which would match any arithmetic or multiple-choice text once numbers are masked."""
    if len(hashes) < n:
        return np.empty(0, np.uint64)
    grams, _ = batch_ngrams([hashes], n)
    csum = np.concatenate([[0], np.cumsum(is_num)])
    num_in_gram = csum[n:] - csum[:-n]
    return np.unique(grams[num_in_gram * 2 <= n])


def _build_table(item_grams: dict[int, np.ndarray], max_items: int, weighted: bool = False
                 ) -> tuple[_GramTable, np.ndarray]:
    """Sorted gram -> item table without stop-grams, and each item's denominator: its gram count, or
    (weighted) the sum of its grams' idf = log(items / items having the gram). Stop-grams stay in the
    denominator, so boilerplate alone never makes a match; with idf a template's shared grams weigh
    almost nothing and the grams that identify the item decide."""
    if not item_grams:
        return _GramTable(), np.zeros(0, np.float64)
    keys = np.concatenate(list(item_grams.values()))
    items = np.concatenate([np.full(len(g), i, np.int64) for i, g in item_grams.items()])
    order = np.argsort(keys, kind="stable")
    keys, items = keys[order], items[order]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    df = counts[inverse]
    weights = np.log(len(item_grams) / df) + 1e-3 if weighted else np.ones(len(keys))
    n_items = max(item_grams) + 1
    per_item = np.bincount(items, weights=weights, minlength=n_items)
    keep = df <= max_items
    return _GramTable(keys[keep], items[keep], weights[keep]), per_item


class BenchmarkIndex:
    """The items of every benchmark, indexed by long and 3-gram hashes (numbers masked)."""

    def __init__(self, config: ContaminationConfig | None = None):
        self.config = config or ContaminationConfig()
        self.hasher = TokenHasher()
        self.benchmark_ids: list[str] = []
        self.item_ids: list[str] = []
        self.item_benchmark: list[str] = []
        self.item_text: list[str] = []
        self.item_n: list[int | None] = []
        self._long: dict[int, _GramTable] = {}
        self._long_count: dict[int, np.ndarray] = {}
        self._near = _GramTable()
        self._near_count = np.zeros(0, np.float64)
        self._sol: dict[int, _GramTable] = {}
        self._sol_count: dict[int, np.ndarray] = {}
        self._has_solution: set[int] = set()
        self._raw_tokens: dict[int, set[str]] = {}

    @classmethod
    def build(cls, benchmark_samples, config: ContaminationConfig | None = None) -> "BenchmarkIndex":
        """Index benchmark samples (samples-table rows; dataset_id names the benchmark).

        The item text is the instruction side (the question a model is asked); its response side (the
        reference solution or gold answer) is indexed as the item's solution."""
        index = cls(config)
        cfg = index.config
        long_grams: dict[int, dict[int, np.ndarray]] = defaultdict(dict)
        near_grams: dict[int, np.ndarray] = {}
        sol_grams: dict[int, dict[int, np.ndarray]] = defaultdict(dict)
        for batch in iter_sample_batches(benchmark_samples):
            for bench, sid, text, solution in zip(batch["dataset_id"], batch["sample_id"], batch["instruction_text"],
                                                  batch["response_text"]):
                if not bench:
                    raise ValueError(f"benchmark sample {sid}: empty dataset_id")
                i = len(index.item_ids)
                toks = tokenize(text, mask_numbers=True)
                # numbers and single letters (option labels, variables) carry no identity of their own
                is_num = np.array([t == NUMBER_TOKEN or len(t) == 1 for t in toks], dtype=bool)
                hashes = index.hasher.hash_tokens(toks)
                n = cfg.item_n(int((~is_num).sum()))
                index.item_ids.append(sid)
                index.item_benchmark.append(bench)
                index.item_text.append(text or "")
                index.item_n.append(n)
                if bench not in index.benchmark_ids:
                    index.benchmark_ids.append(bench)
                if cfg.check_solutions:
                    # numbers unmasked: a worked solution's numbers are what identify it (the templated
                    # steps of two different problems match once numbers are masked)
                    s_toks = tokenize(solution)
                    s_words = sum(1 for t in s_toks if len(t) > 1 and not t[0].isdigit())
                    if s_words >= cfg.min_solution_tokens:
                        s_n = cfg.item_n(s_words)
                        s_grams = np.unique(batch_ngrams([index.hasher.hash_tokens(s_toks)], s_n)[0])
                        if len(s_grams):
                            sol_grams[s_n][i] = s_grams
                            index._has_solution.add(i)
                if n is None:
                    continue
                long_grams[n][i] = _wordy_grams(hashes, is_num, n)
                if len(toks) >= cfg.min_near_tokens:
                    near_grams[i] = _wordy_grams(hashes, is_num, cfg.near_n)
        for n, grams in long_grams.items():
            index._long[n], counts = _build_table(grams, cfg.max_gram_items)
            index._long_count[n] = np.pad(counts, (0, len(index.item_ids) - len(counts)))
        for n, grams in sol_grams.items():
            index._sol[n], counts = _build_table(grams, cfg.max_gram_items)
            index._sol_count[n] = np.pad(counts, (0, len(index.item_ids) - len(counts)))
        index._near, counts = _build_table(near_grams, cfg.max_gram_items, weighted=True)
        index._near_count = np.pad(counts, (0, len(index.item_ids) - len(counts)))
        return index

    def __len__(self) -> int:
        return len(self.item_ids)

    def testable_items(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for i, (b, n) in enumerate(zip(self.item_benchmark, self.item_n)):
            if n is not None or i in self._has_solution:
                out[b] += 1
        return {b: out.get(b, 0) for b in self.benchmark_ids}

    # --- scanning -----------------------------------------------------------------------------
    def scan(self, samples, batch_size: int = 20_000) -> Iterable[pa.RecordBatch]:
        """Yield batches of the contamination_matches schema for every (training sample, item) pair over the thresholds.

        A benchmark scanned against the index never matches its own items (dataset_id == benchmark)."""
        for batch in iter_sample_batches(samples, batch_size):
            rows = self._scan_batch(batch)
            if rows:
                yield pa.RecordBatch.from_pylist(rows, schema=CONTAMINATION_MATCHES.schema)

    def _long_scores(self, tables: dict[int, _GramTable], counts: dict[int, np.ndarray], token_hashes
                     ) -> tuple[dict[int, float], dict[int, int]]:
        """(owner * n_items + item) -> share of the item's long n-grams in the text, and the n used."""
        cfg, n_items = self.config, len(self.item_ids)
        score: dict[int, float] = {}
        n_of: dict[int, int] = {}
        for n, table in tables.items():
            g, o = unique_per_owner(*batch_ngrams(token_hashes, n))
            own, item = table.lookup(g, o)
            if len(own) == 0:
                continue
            keys, hits = np.unique(own * n_items + item, return_counts=True)
            total = counts[n][keys % n_items]
            share = hits / np.maximum(total, 1)
            if n < cfg.long_n:  # short items: nearly all of the item must be there, and more than one gram
                share = np.where((share >= cfg.short_threshold) & (total >= 2), share, 0.0)
            for k, v in zip(keys.tolist(), share.tolist()):
                score[k] = v
                n_of[k] = n
        return score, n_of

    def _scan_batch(self, batch: dict[str, list]) -> list[dict]:
        cfg = self.config
        # instruction and response tokenized apart: their concatenation is the joined text's tokens,
        # and the response alone is what a solution is checked against
        q_hashes = [self.hasher.hash_tokens(tokenize(t, mask_numbers=True)) for t in batch["instruction_text"]]
        a_tokens = [tokenize(t) for t in batch["response_text"]]
        a_hashes = [self.hasher.hash_tokens([NUMBER_TOKEN if t[0].isdigit() else t for t in toks]) for toks in a_tokens]
        token_hashes = [np.concatenate([q, a]) for q, a in zip(q_hashes, a_hashes)] if cfg.check_response else q_hashes
        texts = [joined_text(i, r) if cfg.check_response else (i or "")
                 for i, r in zip(batch["instruction_text"], batch["response_text"])]
        n_items = len(self.item_ids)
        long_score, long_n_of_pair = self._long_scores(self._long, self._long_count, token_hashes)
        sol_score: dict[int, float] = {}
        if self._sol:
            sol_score, _ = self._long_scores(self._sol, self._sol_count, [self.hasher.hash_tokens(t) for t in a_tokens])
        g, o = unique_per_owner(*batch_ngrams(token_hashes, cfg.near_n))
        own, item, weight = self._near.lookup(g, o, with_weights=True)
        near_score: dict[int, float] = {}
        if len(own):
            keys, inverse = np.unique(own * n_items + item, return_inverse=True)
            matched = np.bincount(inverse, weights=weight)
            share = matched / np.maximum(self._near_count[keys % n_items], 1e-9)
            near_score = dict(zip(keys.tolist(), share.tolist()))
        rows = []
        flagged = {k for k, s in long_score.items() if s >= cfg.long_threshold}
        flagged |= {k for k, s in near_score.items() if s >= cfg.near_threshold}
        flagged |= {k for k, s in sol_score.items() if s >= cfg.solution_threshold}
        for k in sorted(flagged):
            owner, item = divmod(k, n_items)
            bench = self.item_benchmark[item]
            if batch["dataset_id"][owner] == bench:
                continue
            ls, ns, ss = long_score.get(k, 0.0), near_score.get(k, 0.0), sol_score.get(k, 0.0)
            if ls >= cfg.long_threshold:
                kind = "verbatim" if self._raw_long_share(texts[owner], item) >= cfg.verbatim_threshold else "number_swap"
            elif ss >= cfg.solution_threshold:
                kind = "solution"
            else:
                kind = "paraphrase"
            rows.append({
                "dataset_id": batch["dataset_id"][owner], "sample_id": batch["sample_id"][owner],
                "benchmark_id": bench, "item_id": self.item_ids[item], "match_kind": kind,
                "long_n": long_n_of_pair.get(k, self.item_n[item]), "long_containment": ls, "near_containment": ns,
                "solution_containment": ss, "exact_overlap": self._exact_overlap(texts[owner], item),
                "sample_excerpt": texts[owner][: cfg.excerpt_chars], "item_excerpt": self.item_text[item][: cfg.excerpt_chars],
            })
        return rows

    def _exact_overlap(self, sample_text: str, item: int) -> float:
        """Share of the item's distinct words and numbers (unmasked) found in the sample: what tells
        apart benchmark items that differ only in their numbers, names or objects."""
        words = self._raw_tokens.get(item)
        if words is None:
            words = self._raw_tokens[item] = set(tokenize(self.item_text[item]))
        return len(words & set(tokenize(sample_text))) / len(words) if words else 0.0

    def _raw_long_share(self, sample_text: str, item: int) -> float:
        """Share of the item's long n-grams present with their numbers unmasked (verbatim test)."""
        n = self.item_n[item]
        it = tokenize(self.item_text[item])
        st = tokenize(sample_text)
        grams = {tuple(it[i:i + n]) for i in range(len(it) - n + 1)}
        if not grams:
            return 0.0
        have = {tuple(st[i:i + n]) for i in range(len(st) - n + 1)}
        return len(grams & have) / len(grams)


_KIND_RANK = {"verbatim": 0, "number_swap": 1, "solution": 2, "paraphrase": 3}


def _strength(row: dict) -> tuple:
    """Sort key of a match, strongest first: its kind, then its containment."""
    score = max(row["long_containment"], row["near_containment"], row.get("solution_containment") or 0.0)
    return _KIND_RANK[row["match_kind"]], -score


def credit_items(rows: list[dict]) -> dict[str, dict]:
    """sample_id -> its best match, with the one benchmark item it is credited to (`item_id`).

    Why: a number-swapped copy matches every item sharing its text up to numbers as well as its
    origin, and counting all of them inflates the leaked items (the demo's 60 planted items read 79).
    A sample is credited to one item among those it matches best (kind, then containment). Items
    that tie are the same text up to numbers, which a swapped copy cannot tell apart: the strongest
    samples choose first, and each takes a tied item not yet credited (the one sharing the most exact
    words and numbers), so two copies of two twin items count two items and two copies of one item
    (same strength, one best item) count one."""
    by_sample: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_sample[r["sample_id"]].append(r)
    best: dict[str, list[dict]] = {}
    for sid, rs in by_sample.items():
        top = min(_strength(r) for r in rs)
        best[sid] = sorted((r for r in rs if _strength(r) == top),
                           key=lambda r: (-(r.get("exact_overlap") or 0.0), r["item_id"]))
    credited: set[str] = set()
    out: dict[str, dict] = {}
    for sid in sorted(best, key=lambda s: (_strength(best[s][0]), len(best[s]), s)):
        tied = best[sid]
        pick = next((r for r in tied if r["item_id"] not in credited), tied[0])
        credited.add(pick["item_id"])
        out[sid] = pick
    return out


def contamination_matrix(matches: pa.Table, dataset_sizes: dict[str, int], index: BenchmarkIndex,
                         n_examples: int | None = None) -> pa.Table:
    """Per dataset x benchmark: contaminated samples, share, kinds, items leaked, examples.

    A sample's kind is that of its best match; each leaked item is counted once (`credit_items`).
    Every scanned dataset gets a row for every benchmark (zeros included) so the matrix is complete."""
    n_examples = n_examples if n_examples is not None else index.config.n_examples
    testable = index.testable_items()
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in matches.to_pylist():
        by_pair[(row["dataset_id"], row["benchmark_id"])].append(row)
    out = []
    for dataset, size in sorted(dataset_sizes.items()):
        for bench in index.benchmark_ids:
            if dataset == bench:
                continue
            samples = credit_items(by_pair.get((dataset, bench), []))
            kinds = defaultdict(int)
            for s in samples.values():
                kinds[s["match_kind"]] += 1
            items = {s["item_id"] for s in samples.values()}
            examples = sorted(samples.values(), key=lambda s: (_strength(s), s["sample_id"]))
            out.append({
                "dataset_id": dataset, "benchmark_id": bench, "n_samples": size,
                "n_contaminated": len(samples), "share": len(samples) / size if size else 0.0,
                "n_verbatim": kinds["verbatim"], "n_number_swap": kinds["number_swap"],
                "n_paraphrase": kinds["paraphrase"], "n_solution": kinds["solution"],
                "n_items": testable.get(bench, 0), "n_items_leaked": len(items),
                "items_leaked_share": len(items) / testable[bench] if testable.get(bench) else 0.0,
                "examples": [{"sample_id": e["sample_id"], "item_id": e["item_id"], "match_kind": e["match_kind"],
                              "score": -_strength(e)[1], "sample_excerpt": e["sample_excerpt"],
                              "item_excerpt": e["item_excerpt"]} for e in examples[:n_examples]],
            })
    return pa.Table.from_pylist(out, schema=CONTAMINATION_MATRIX.schema)


def propagate_risk(matrix: pa.Table, lineage, benchmark_ids: Iterable[str], min_share: float = 0.0) -> pa.Table:
    """Datasets at risk through the lineage: every descendant of a contaminated dataset (share >
    min_share) or of a benchmark itself, with the shortest path. `lineage` is a LineageGraph."""
    g = lineage.graph
    measured: dict[tuple[str, str], float] = {}
    for r in matrix.to_pylist():
        measured[(r["dataset_id"], r["benchmark_id"])] = r["share"]
    sources: dict[str, dict[str, float]] = defaultdict(dict)   # benchmark -> {via: share}
    for (dataset, bench), share in measured.items():
        if share > min_share:
            sources[bench][dataset] = share
    for bench in benchmark_ids:
        if bench in g:
            sources[bench][bench] = 1.0
    rows = []
    import networkx as nx
    for bench, vias in sources.items():
        best: dict[str, tuple[int, str, list[str]]] = {}
        for via in vias:
            if via not in g:
                continue
            for target, path in nx.single_source_shortest_path(g, via).items():
                if target == via:
                    continue
                cand = (len(path) - 1, via, path)
                if target not in best or cand[:2] < best[target][:2]:
                    best[target] = cand
        for target, (hops, via, path) in sorted(best.items()):
            if target == bench:
                continue
            rows.append({"dataset_id": target, "benchmark_id": bench, "via_id": via, "path": path, "hops": hops,
                         "via_share": vias[via], "own_share": measured.get((target, bench))})
    return pa.Table.from_pylist(rows, schema=RISK_SCHEMA)


def benchmark_redundancy(benchmark_samples, index: BenchmarkIndex) -> pa.Table:
    """Benchmarks scanned against each other: the matrix rows where both sides are benchmarks."""
    table = benchmark_samples if isinstance(benchmark_samples, pa.Table) else None
    batches = list(index.scan(benchmark_samples))
    matches = CONTAMINATION_MATCHES.from_batches(batches)
    sizes: dict[str, int] = defaultdict(int)
    if table is not None:
        for d in table.column("dataset_id").to_pylist():
            sizes[d] += 1
    else:
        for b in index.item_benchmark:
            sizes[b] += 1
    return contamination_matrix(matches, dict(sizes), index)
