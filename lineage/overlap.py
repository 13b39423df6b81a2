"""Content-overlap evidence: derivations found from the data alone, with MinHash LSH.

Every sample gets two MinHash signatures (word 3-gram shingles of its instruction side and of its
response side) and exact hashes of both. LSH banding proposes candidate pairs across datasets
without comparing all pairs; inside a bucket each sample is checked against a few representatives of
every *other* dataset, so a text repeated thousands of times costs linear, not quadratic, work.
Verified pairs are classified per sample:
- `same`: instruction and response both near-duplicates (or both identical after normalization);
- `prompt`: same instruction, different response (responses regenerated);
- `response`: same response, different instruction (prompts rewritten).
Per dataset pair, the shares of each side's samples found in the other decide the relationship
(copy, reformatting, subset, mixture, response_regeneration, prompt_rewriting) and release dates
orient the edge (containment when dates are missing). Edges explained by others are pruned: a
shortcut A->C when A->B->C explains it, and an overlap between two siblings of one common parent.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import xxhash

from lineage.model import Edge, date_is_after, parse_date
from lineage.text import TokenHasher, batch_ngrams, iter_sample_batches, tokenize
from warehouse.tables import LINEAGE_OVERLAP_PAIRS

_MAX32 = np.uint32(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass
class OverlapConfig:
    num_perm: int = 64
    bands: int = 16                 # 16 bands x 4 rows: pairs at Jaccard 0.7 are proposed with p ~ 0.99
    shingle_n: int = 3
    threshold: float = 0.7          # estimated Jaccard for two texts to be near-duplicates
    loose_threshold: float = 0.3    # the other side of a matched pair at this Jaccard is reformatted, not new
    containment: float = 0.9        # ...or when the smaller text's shingles are this contained in the larger
    min_contained_shingles: int = 8  # (only for texts with at least this many shingles)
    min_lsh_tokens: int = 5         # shorter texts (an answer letter, a number) never propose pairs
    reps_per_dataset: int = 2       # representatives of each other dataset checked inside one bucket
    min_share: float = 0.05         # an edge needs this share of one side's samples matched...
    min_matched: int = 3            # ...and at least this many samples
    contained: float = 0.8          # share above which one side counts as contained in the other
    changed: float = 0.2            # share of new responses (prompts) that makes a shared prompt set regenerated
    seed: int = 1


@dataclass
class DatasetMeta:
    id: str
    role: str = "train"
    release_date: object = None

    def date(self):
        return parse_date(self.release_date)


@dataclass
class Signatures:
    """MinHash signatures of many samples (rows aligned across the arrays)."""
    dataset_ids: list[str] = field(default_factory=list)        # dataset of each row
    sample_ids: list[str] = field(default_factory=list)
    inst: np.ndarray = None
    resp: np.ndarray = None
    inst_exact: np.ndarray = None
    resp_exact: np.ndarray = None
    inst_tokens: np.ndarray = None
    resp_tokens: np.ndarray = None
    inst_nums: np.ndarray = None       # 64-bit mask of the numbers a text contains (see _number_mask)
    resp_nums: np.ndarray = None

    def __len__(self) -> int:
        return len(self.sample_ids)

    def to_table(self) -> pa.Table:
        k = self.inst.shape[1]
        return pa.table({
            "dataset_id": pa.array(self.dataset_ids, pa.string()),
            "sample_id": pa.array(self.sample_ids, pa.string()),
            "inst_sig": pa.FixedSizeListArray.from_arrays(pa.array(self.inst.ravel(), pa.uint32()), k),
            "resp_sig": pa.FixedSizeListArray.from_arrays(pa.array(self.resp.ravel(), pa.uint32()), k),
            "inst_exact": pa.array(self.inst_exact, pa.uint64()),
            "resp_exact": pa.array(self.resp_exact, pa.uint64()),
            "inst_tokens": pa.array(self.inst_tokens, pa.int32()),
            "resp_tokens": pa.array(self.resp_tokens, pa.int32()),
            "inst_nums": pa.array(self.inst_nums, pa.uint64()),
            "resp_nums": pa.array(self.resp_nums, pa.uint64()),
        })

    @classmethod
    def from_table(cls, table: pa.Table) -> "Signatures":
        def mat(col):
            arr = table.column(col).combine_chunks()
            k = arr.type.list_size
            return arr.values.to_numpy(zero_copy_only=False).reshape(-1, k)
        return cls(table.column("dataset_id").to_pylist(), table.column("sample_id").to_pylist(),
                   mat("inst_sig"), mat("resp_sig"),
                   table.column("inst_exact").to_numpy(), table.column("resp_exact").to_numpy(),
                   table.column("inst_tokens").to_numpy(), table.column("resp_tokens").to_numpy(),
                   table.column("inst_nums").to_numpy(), table.column("resp_nums").to_numpy())

    @classmethod
    def concat(cls, parts: list["Signatures"]) -> "Signatures":
        parts = [p for p in parts if len(p)]
        if not parts:
            raise ValueError("no signatures to combine")
        return cls([d for p in parts for d in p.dataset_ids], [s for p in parts for s in p.sample_ids],
                   *(np.concatenate([getattr(p, f) for p in parts]) for f in
                     ("inst", "resp", "inst_exact", "resp_exact", "inst_tokens", "resp_tokens", "inst_nums",
                      "resp_nums")))


def _number_mask(tokens: list[str]) -> int:
    """A 64-bit set sketch of the numbers in a text (one bit per number). Two texts whose number
    sets are not nested (neither contains the other) state different facts: another problem, or a
    changed answer, never a reformatted copy."""
    mask = 0
    for t in tokens:
        if t[0].isdigit():
            mask |= 1 << (xxhash.xxh64_intdigest(t.encode()) & 63)
    return mask


class MinHasher:
    """Vectorized MinHash: for each permutation, one multiply-shift hash of every shingle of the batch
    and a segmented minimum per text (np.minimum.reduceat), never a Python loop over shingles."""

    def __init__(self, config: OverlapConfig | None = None):
        self.config = config or OverlapConfig()
        rng = np.random.default_rng(self.config.seed)
        self.a = rng.integers(1, 2**63, self.config.num_perm, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 2**63, self.config.num_perm, dtype=np.uint64)
        self.hasher = TokenHasher()

    def _sig(self, token_hashes: list[np.ndarray]) -> np.ndarray:
        n = len(token_hashes)
        sig = np.full((n, self.config.num_perm), _MAX32, np.uint32)
        grams, owner = batch_ngrams(token_hashes, self.config.shingle_n, short="whole")
        if len(grams) == 0:
            return sig
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        present = owner[starts]
        for k in range(self.config.num_perm):
            h = ((grams * self.a[k] + self.b[k]) >> np.uint64(32)).astype(np.uint32)
            sig[present, k] = np.minimum.reduceat(h, starts)
        return sig

    def _side(self, texts: list[str | None]):
        toks = [tokenize(t, drop_letters=True) for t in texts]
        hashes = [self.hasher.hash_tokens(t) for t in toks]
        exact = np.fromiter((xxhash.xxh64_intdigest(" ".join(t).encode("utf-8")) for t in toks), np.uint64, len(toks))
        nums = np.fromiter((_number_mask(t) for t in toks), np.uint64, len(toks))
        return self._sig(hashes), exact, np.fromiter((len(t) for t in toks), np.int32, len(toks)), nums

    def signatures(self, samples, batch_size: int = 5_000) -> Signatures:
        parts = []
        for batch in iter_sample_batches(samples, batch_size):
            for d, s in zip(batch["dataset_id"], batch["sample_id"]):
                if not d or s is None:
                    raise ValueError(f"sample without dataset_id or sample_id (dataset={d!r}, sample={s!r})")
            inst, inst_exact, inst_tok, inst_nums = self._side(batch["instruction_text"])
            resp, resp_exact, resp_tok, resp_nums = self._side(batch["response_text"])
            parts.append(Signatures(list(batch["dataset_id"]), list(batch["sample_id"]), inst, resp,
                                    inst_exact, resp_exact, inst_tok, resp_tok, inst_nums, resp_nums))
        return Signatures.concat(parts)


def _candidates(sig: np.ndarray, ds: np.ndarray, eligible: np.ndarray, cfg: OverlapConfig) -> np.ndarray:
    """Cross-dataset candidate pairs (i, j), i < j, from LSH bands; linear in the number of rows."""
    rows = cfg.num_perm // cfg.bands
    idx_all = np.flatnonzero(eligible)
    found = []
    for b in range(cfg.bands):
        block = sig[idx_all, b * rows:(b + 1) * rows].astype(np.uint64)
        key = block[:, 0].copy()
        for j in range(1, rows):
            key = key * _MIX + block[:, j]
        order = np.argsort(key, kind="stable")
        key, idx = key[order], idx_all[order]
        d = ds[idx]
        bounds = np.flatnonzero(np.r_[True, key[1:] != key[:-1], True])
        starts, ends = bounds[:-1], bounds[1:]
        sizes = ends - starts
        dmin = np.minimum.reduceat(d, starts)
        dmax = np.maximum.reduceat(d, starts)
        cross = (sizes >= 2) & (dmin != dmax)
        pair2 = cross & (sizes == 2)
        s2 = starts[pair2]
        if len(s2):
            found.append(np.stack([idx[s2], idx[s2 + 1]], axis=1))
        for s, e in zip(starts[cross & (sizes > 2)], ends[cross & (sizes > 2)]):
            members, md = idx[s:e], d[s:e]
            reps = []
            for dd in np.unique(md):
                reps.append(members[md == dd][: cfg.reps_per_dataset])
            reps = np.concatenate(reps)
            rep_d = ds[reps]
            a = np.repeat(members, len(reps))
            r = np.tile(reps, len(members))
            keep = ds[a] != np.tile(rep_d, len(members))
            found.append(np.stack([a[keep], r[keep]], axis=1))
    if not found:
        return np.empty((0, 2), np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    pairs = np.sort(pairs, axis=1)
    return np.unique(pairs, axis=0)


def _similar(sig: np.ndarray, exact: np.ndarray, ntok: np.ndarray, nums: np.ndarray, a: np.ndarray,
             b: np.ndarray, cfg: OverlapConfig) -> dict[str, np.ndarray]:
    """Per pair: near (near-duplicate), loose (reformatted), exact, short (both sides too short to
    compare by shingles: an answer letter, a number), empty (both sides empty)."""
    same_exact = exact[a] == exact[b]
    jac = (sig[a] == sig[b]).mean(axis=1) if len(a) else np.empty(0)
    short = (ntok[a] < cfg.min_lsh_tokens) & (ntok[b] < cfg.min_lsh_tokens)
    tiny = (ntok[a] < cfg.shingle_n) | (ntok[b] < cfg.shingle_n)
    # containment of the smaller shingle set in the larger, from Jaccard and the set sizes: a copy
    # that only added a template or the answer options is contained, though its Jaccard is lower
    na = np.maximum(ntok[a] - cfg.shingle_n + 1, 1).astype(np.float64)
    nb = np.maximum(ntok[b] - cfg.shingle_n + 1, 1).astype(np.float64)
    contained = jac * (na + nb) / ((1 + jac) * np.minimum(na, nb))
    contained_ok = (np.minimum(na, nb) >= cfg.min_contained_shingles) & (contained >= cfg.containment)
    na_, nb_ = nums[a], nums[b]
    nested = ((na_ & nb_) == na_) | ((na_ & nb_) == nb_)
    near = (np.where(tiny, same_exact, (jac >= cfg.threshold) | contained_ok) & nested) | same_exact
    loose = near | (~tiny & nested & (jac >= cfg.loose_threshold))
    return {"near": near, "loose": loose, "exact": same_exact, "short": short,
            "empty": (ntok[a] == 0) & (ntok[b] == 0)}


def pair_statistics(sigs: Signatures, config: OverlapConfig | None = None) -> tuple[pd.DataFrame, dict[str, int]]:
    """Per unordered dataset pair: the share of each side's samples matched in the other, by category."""
    cfg = config or OverlapConfig()
    names, ds = np.unique(np.array(sigs.dataset_ids, dtype=object), return_inverse=True)
    ds = ds.astype(np.int64)
    sizes = {str(n): int(c) for n, c in zip(names, np.bincount(ds))}
    cand = np.concatenate([
        _candidates(sigs.inst, ds, sigs.inst_tokens >= cfg.min_lsh_tokens, cfg),
        _candidates(sigs.resp, ds, sigs.resp_tokens >= cfg.min_lsh_tokens, cfg),
    ])
    if len(cand) == 0:
        return pd.DataFrame(columns=LINEAGE_OVERLAP_PAIRS.schema.names), sizes
    cand = np.unique(cand, axis=0)
    a, b = cand[:, 0], cand[:, 1]
    i = _similar(sigs.inst, sigs.inst_exact, sigs.inst_tokens, sigs.inst_nums, a, b, cfg)
    r = _similar(sigs.resp, sigs.resp_exact, sigs.resp_tokens, sigs.resp_nums, a, b, cfg)
    # category rank: 3 same, 2 prompt, 1 response, 0 none. One side matching and the other reformatted
    # (loose) or too short to tell (two different answer letters) is still the same sample; a short side
    # alone never makes a match.
    same = (i["near"] & (r["loose"] | r["short"])) | (r["near"] & ~r["short"] & i["loose"])
    prompt = i["near"] & ~i["short"]
    response = r["near"] & ~r["short"] & ~r["empty"]
    cat = np.where(same, 3, np.where(prompt, 2, np.where(response, 1, 0)))
    exact = i["exact"] & r["exact"]
    keep = cat > 0
    a, b, cat, exact = a[keep], b[keep], cat[keep], exact[keep]
    # each matched pair counts for both of its samples (sample -> other dataset)
    frame = pd.DataFrame({
        "sample": np.concatenate([a, b]), "own": np.concatenate([ds[a], ds[b]]),
        "other": np.concatenate([ds[b], ds[a]]), "cat": np.concatenate([cat, cat]),
        "exact": np.concatenate([exact, exact]),
    })
    best = frame.groupby(["sample", "own", "other"], sort=False).agg(cat=("cat", "max"), exact=("exact", "max")).reset_index()
    counts = best.groupby(["own", "other"]).agg(
        same=("cat", lambda c: int((c == 3).sum())), prompt=("cat", lambda c: int((c == 2).sum())),
        response=("cat", lambda c: int((c == 1).sum())), exact=("exact", "sum"), matched=("cat", "size")).reset_index()
    by = {(int(r.own), int(r.other)): r for r in counts.itertuples()}
    rows = []
    for (x, y) in sorted({(min(k), max(k)) for k in by}):
        rx, ry = by.get((x, y)), by.get((y, x))
        nx_, ny_ = sizes[str(names[x])], sizes[str(names[y])]
        def share(r, f, n):
            return float(getattr(r, f)) / n if r is not None else 0.0
        rows.append({
            "dataset_a": str(names[x]), "dataset_b": str(names[y]), "n_a": nx_, "n_b": ny_,
            "a_same_in_b": share(rx, "same", nx_), "a_prompt_in_b": share(rx, "prompt", nx_),
            "a_response_in_b": share(rx, "response", nx_),
            "b_same_in_a": share(ry, "same", ny_), "b_prompt_in_a": share(ry, "prompt", ny_),
            "b_response_in_a": share(ry, "response", ny_),
            "a_exact_in_b": share(rx, "exact", nx_), "b_exact_in_a": share(ry, "exact", ny_),
            "matched_pairs": int((rx.matched if rx is not None else 0) + (ry.matched if ry is not None else 0)),
        })
    return pd.DataFrame(rows, columns=LINEAGE_OVERLAP_PAIRS.schema.names), sizes


@dataclass
class _Side:
    id: str
    n: int
    same: float
    prompt: float
    response: float
    exact: float

    @property
    def any(self) -> float:
        return self.same + self.prompt + self.response


def _orient(x: _Side, y: _Side, meta: dict[str, DatasetMeta], default_source: str) -> tuple[str, str]:
    """(source, oriented_by): a seed set is the source; else the older; without dates `default_source`."""
    seeds = [s.id for s in (x, y) if s.id in meta and meta[s.id].role == "seed"]
    if len(seeds) == 1:
        return seeds[0], "role"
    dx, px = meta[x.id].date() if x.id in meta else (None, None)
    dy, py = meta[y.id].date() if y.id in meta else (None, None)
    if date_is_after(dy, py, dx, px):
        return x.id, "dates"
    if date_is_after(dx, px, dy, py):
        return y.id, "dates"
    return default_source, "containment"


def classify_pairs(pairs: pd.DataFrame, meta: dict[str, DatasetMeta], config: OverlapConfig | None = None,
                   collected_at: dt.datetime | None = None) -> list[Edge]:
    """Turn pair statistics into directed, typed edges (before pruning)."""
    cfg = config or OverlapConfig()
    collected_at = collected_at or dt.datetime.now(dt.timezone.utc)
    edges = []
    for r in pairs.itertuples():
        x = _Side(r.dataset_a, r.n_a, r.a_same_in_b, r.a_prompt_in_b, r.a_response_in_b, r.a_exact_in_b)
        y = _Side(r.dataset_b, r.n_b, r.b_same_in_a, r.b_prompt_in_a, r.b_response_in_a, r.b_exact_in_a)
        best = max(x, y, key=lambda s: s.any)
        if best.any < cfg.min_share or best.any * best.n < cfg.min_matched:
            continue
        # which kind of match dominates among matched samples (over both sides)
        tot = {k: getattr(x, k) * x.n + getattr(y, k) * y.n for k in ("same", "prompt", "response")}
        kind = max(tot, key=tot.get)
        x_in, y_in = x.same >= cfg.contained, y.same >= cfg.contained
        same_prompts = min(x.same + x.prompt, y.same + y.prompt) >= cfg.contained
        same_responses = min(x.same + x.response, y.same + y.response) >= cfg.contained
        if same_prompts and max(x.prompt, y.prompt) >= cfg.changed:
            kind = "prompt"       # one prompt set, part of the responses new: regenerated (or corrupted)
        elif same_responses and max(x.response, y.response) >= cfg.changed:
            kind = "response"
        if kind == "same" and x_in and y_in:
            exact = min(x.exact, y.exact) / max(min(x.same, y.same), 1e-9)
            relationship = "copy" if exact >= 0.9 else "reformatting"
            source, oriented = _orient(x, y, meta, min(x.id, y.id))
            if oriented == "containment":
                oriented = "undetermined"
        elif kind == "same" and (x_in or y_in):
            small, big = (x, y) if x_in else (y, x)
            # the contained side is a subset of the bigger one, unless it is older: then the bigger one
            # includes it (a mixture or extension built on it)
            source, oriented = _orient(small, big, meta, big.id)
            relationship = "subset" if source == big.id else "mixture"
        elif kind == "same":
            # partial both ways: one of them took part of the other; the side with the larger share
            # inside the other is the target (a mixture containing a slice of the source)
            tgt, src = (x, y) if x.same >= y.same else (y, x)
            source, oriented = _orient(src, tgt, meta, src.id)
            relationship = "mixture"
        else:
            relationship = "response_regeneration" if kind == "prompt" else "prompt_rewriting"
            # the side whose prompts (responses) are more completely found in the other is the derived one
            tgt, src = (x, y) if x.any >= y.any else (y, x)
            source, oriented = _orient(src, tgt, meta, src.id)
        target = y.id if source == x.id else x.id
        s, t = (x, y) if source == x.id else (y, x)
        if source in meta and meta[source].role == "seed" and relationship not in ("copy", "reformatting"):
            relationship = "synthetic_from_seeds"
        if oriented == "containment" and relationship in ("response_regeneration", "prompt_rewriting") \
                and abs(x.any - y.any) < 0.05:
            oriented = "undetermined"
        matched_t = t.any * t.n
        strength = max(s.any, t.any)
        confidence = round(min(0.99, (0.5 + 0.49 * strength) * min(1.0, matched_t / 20) ** 0.25), 3)
        if oriented in ("containment", "undetermined"):
            confidence = round(confidence * 0.9, 3)
        edges.append(Edge(
            source_id=source, target_id=target, relationship=relationship, evidence_kind="content_overlap",
            collector="content_overlap", confidence=confidence, original_label=kind, collected_at=collected_at,
            oriented_by=oriented, ov_source_samples=s.n, ov_target_samples=t.n, ov_target_in_source=t.same,
            ov_source_in_target=s.same, ov_target_prompt_only=t.prompt, ov_target_response_only=t.response,
            ov_source_prompt_in_target=s.same + s.prompt, ov_exact_share=t.exact / t.any if t.any else 0.0,
            ov_matched_samples=int(round(matched_t)), ov_jaccard_threshold=cfg.threshold,
            evidence_origin="minhash_lsh"))
    return edges


def _preferred(b: str, a: str, n_b: int | None, n_a: int | None, meta: dict[str, DatasetMeta]) -> bool:
    """Is B a better explanation than A for a shared target (equal statistics)?"""
    if n_b is not None and n_a is not None and n_b != n_a:
        return n_b < n_a
    db, pb = meta[b].date() if b in meta else (None, None)
    da, pa_ = meta[a].date() if a in meta else (None, None)
    return not date_is_after(db, pb, da, pa_) and (db is not None or da is None)


def mark_mixtures(edges: list[Edge], min_share: float = 0.05) -> int:
    """A target drawn from several sources (each giving at least min_share of it) is a mixture of them,
    even where one source alone covers most of it. Returns the number of edges relabelled."""
    incoming = defaultdict(list)
    copies = set()
    for e in edges:
        if e.relationship in ("subset", "mixture"):
            incoming[e.target_id].append(e)
        if e.relationship in ("copy", "reformatting"):
            copies |= {(e.source_id, e.target_id), (e.target_id, e.source_id)}
    changed = 0
    for group in incoming.values():
        parts = []
        for e in sorted(group, key=lambda e: -(e.ov_target_in_source or 0)):
            # copies of one source give the same samples: count one of them
            if (e.ov_target_in_source or 0) >= min_share and not any((e.source_id, p.source_id) in copies for p in parts):
                parts.append(e)
        if len(parts) < 2:
            continue
        shares = sorted((e.ov_target_in_source for e in parts), reverse=True)
        if sum(shares) - shares[0] < min_share:
            continue
        for e in parts:
            if e.relationship != "mixture":
                e.original_label = f"{e.original_label}; was {e.relationship}"
                e.relationship = "mixture"
                changed += 1
    return changed


def prune_explained(edges: list[Edge], eps: float = 0.05, meta: dict[str, DatasetMeta] | None = None
                    ) -> tuple[list[Edge], list[tuple[Edge, str]]]:
    """Drop edges the others explain: A->C when A->B->C with C at least as contained in B as in A
    (C came through B), and a partial 'mixture' between two datasets that are both subsets (or
    copies) of one common source (siblings, not parent and child). Returns (kept, [(dropped, why)])."""
    out = {(e.source_id, e.target_id): e for e in edges}
    children = defaultdict(set)
    parents = defaultdict(set)
    for e in edges:
        children[e.source_id].add(e.target_id)
        parents[e.target_id].add(e.source_id)
    dropped = []
    for e in sorted(edges, key=lambda e: e.confidence):
        key = (e.source_id, e.target_id)
        if key not in out:
            continue
        if e.relationship in ("copy", "reformatting"):
            continue
        why = None
        for mid in children[e.source_id] & parents[e.target_id]:
            via = out.get((mid, e.target_id))
            first = out.get((e.source_id, mid))
            if via is None or first is None:
                continue
            # C came through B only if B holds C's samples at least as completely, match kind by kind,
            # and as exactly (a reformatted copy of A explains nothing that A does not). When A and B
            # explain C equally well, B wins only if it is smaller (more specific) or, at equal size,
            # not younger than A: a regenerated sibling of A is not C's parent.
            fields_ = ("ov_target_in_source", "ov_target_prompt_only", "ov_target_response_only", "ov_exact_share")
            if all((getattr(via, f) or 0) + eps >= (getattr(e, f) or 0) for f in fields_):
                tie = all(abs((getattr(via, f) or 0) - (getattr(e, f) or 0)) <= eps for f in fields_)
                if tie and not _preferred(mid, e.source_id, via.ov_source_samples, e.ov_source_samples, meta or {}):
                    continue
                why = f"explained by {e.source_id} -> {mid} -> {e.target_id}"
                break
        if why is None:
            for common in parents[e.source_id] & parents[e.target_id]:
                a, b = out.get((common, e.source_id)), out.get((common, e.target_id))
                if a is None or b is None:
                    continue
                # both drawn from `common` at least as fully as they overlap each other
                cover = lambda x: (x.ov_target_in_source or 0) + (x.ov_target_prompt_only or 0) + (x.ov_target_response_only or 0)
                # a subset edge is a sibling only when its source is a copy of the common parent
                # (a real chain A -> B -> C of subsets must survive here)
                if min(cover(a), cover(b)) + eps >= cover(e) and (
                        e.relationship != "subset" or a.relationship in ("copy", "reformatting")):
                    why = f"siblings: both drawn from {common}"
                    break
        if why:
            del out[key]
            children[e.source_id].discard(e.target_id)
            parents[e.target_id].discard(e.source_id)
            dropped.append((e, why))
    return [e for e in edges if (e.source_id, e.target_id) in out], dropped


@dataclass
class OverlapResult:
    edges: list[Edge]
    dropped: list[tuple[Edge, str]]
    pairs: pd.DataFrame
    sizes: dict[str, int]


def find_derivations(samples_or_signatures, meta: dict[str, DatasetMeta] | list[DatasetMeta] | None = None,
                     config: OverlapConfig | None = None) -> OverlapResult:
    """The whole collector: signatures (or precomputed ones), LSH, pair statistics, typed edges, pruning."""
    cfg = config or OverlapConfig()
    if isinstance(meta, list):
        meta = {m.id: m for m in meta}
    meta = meta or {}
    sigs = samples_or_signatures if isinstance(samples_or_signatures, Signatures) \
        else MinHasher(cfg).signatures(samples_or_signatures)
    pairs, sizes = pair_statistics(sigs, cfg)
    edges = classify_pairs(pairs, meta, cfg)
    kept, dropped = prune_explained(edges, meta=meta)
    mark_mixtures(kept, cfg.min_share)
    return OverlapResult(kept, dropped, pairs, sizes)
