"""The scorer registry: names mapped to lazy "module:attr" references.

Nothing is imported until a scorer is asked for by name, so listing the registry, importing the
Dagster definitions or running the heuristic suite never imports torch or loads a model (the
anti-pattern of importing every plugin eagerly). Unknown names fail with "did you mean" suggestions.

Adding a scorer: write one module with a `PointwiseScorer`/`SetwiseScorer` subclass (and its test),
then add one line below. Third-party packages can register scorers without touching this file
through the `dataarena.scorers` entry-point group (`name = "package.module:Class"`).
"""
from __future__ import annotations

import difflib
import functools
import importlib
from importlib.metadata import entry_points

from scoring.api import Scorer, ScorerSpec

BUILTIN: dict[str, str] = {
    # --- pointwise heuristics: lengths and structure
    "token_length": "scoring.heuristic.token_length:TokenLength",
    "char_length": "scoring.heuristic.lengths:CharLength",
    "word_length": "scoring.heuristic.lengths:WordLength",
    "mean_word_length": "scoring.heuristic.lengths:MeanWordLength",
    "sentence_stats": "scoring.heuristic.sentences:SentenceStats",
    "line_structure": "scoring.heuristic.markdown:LineStructure",
    "turns": "scoring.heuristic.turns:Turns",
    "qa_length_ratio": "scoring.heuristic.qa_relation:QALengthRatio",
    # --- lexical diversity and information
    "mtld": "scoring.heuristic.mtld:MTLD",
    "hd_d": "scoring.heuristic.hdd:HDD",
    "vocd_d": "scoring.heuristic.vocd:VocdD",
    "word_entropy": "scoring.heuristic.entropy:WordEntropy",
    "ngram_entropy": "scoring.heuristic.entropy:NgramEntropy",
    "unique_ngrams": "scoring.heuristic.unique_ngrams:UniqueNgrams",
    "compression_ratio": "scoring.heuristic.compression:CompressionRatio",
    "repetition": "scoring.heuristic.repetition:Repetition",
    "stopword_ratio": "scoring.heuristic.stopwords:StopwordRatio",
    "readability": "scoring.heuristic.readability:Readability",
    # --- characters and scripts
    "char_classes": "scoring.heuristic.char_classes:CharClasses",
    "script_share": "scoring.heuristic.scripts:ScriptShare",
    "url_count": "scoring.heuristic.urls:UrlCount",
    # --- reasoning, code, math
    "reasoning_words": "scoring.heuristic.reasoning:ReasoningWords",
    "think_tags": "scoring.heuristic.think_tags:ThinkTags",
    "code_blocks": "scoring.heuristic.code:CodeBlocks",
    "python_syntax": "scoring.heuristic.code:PythonSyntax",
    "math_answer_format": "scoring.heuristic.math_format:MathAnswerFormat",
    # --- pair relations and assistant behaviour
    "qa_overlap": "scoring.heuristic.qa_relation:QAOverlap",
    "refusal": "scoring.heuristic.refusal:Refusal",
    # --- setwise diversity (hashed n-gram embeddings: no model)
    "vendi_score": "scoring.setwise.diversity:VendiScore",
    "logdet_diversity": "scoring.setwise.diversity:LogDetDiversity",
    "pairwise_distance": "scoring.setwise.diversity:PairwiseDistance",
    "radius": "scoring.setwise.diversity:Radius",
    "knn_novelty": "scoring.setwise.diversity:KnnNovelty",
    "cluster_inertia": "scoring.setwise.diversity:ClusterInertia",
    "partition_entropy": "scoring.setwise.diversity:PartitionEntropy",
    "near_duplicate_rate": "scoring.setwise.near_duplicates:NearDuplicateRate",
    # --- setwise diversity on MiniLM sentence embeddings (model-based)
    "embed_vendi_score": "scoring.setwise.diversity:EmbedVendiScore",
    "embed_logdet_diversity": "scoring.setwise.diversity:EmbedLogDetDiversity",
    "embed_pairwise_distance": "scoring.setwise.diversity:EmbedPairwiseDistance",
    "embed_radius": "scoring.setwise.diversity:EmbedRadius",
    "embed_knn_novelty": "scoring.setwise.diversity:EmbedKnnNovelty",
    "embed_cluster_inertia": "scoring.setwise.diversity:EmbedClusterInertia",
    "embed_partition_entropy": "scoring.setwise.diversity:EmbedPartitionEntropy",
    # --- model-based pointwise
    "lm_perplexity": "scoring.models.causal_lm:LMPerplexity",
    "reward_model": "scoring.models.reward:RewardModel",
    "deita_complexity": "scoring.models.deita:DeitaComplexity",
    "deita_quality": "scoring.models.deita:DeitaQuality",
    "toxicity": "scoring.models.toxicity:Toxicity",
    # --- LLM-as-judge (any OpenAI-compatible endpoint)
    "judge_q": "scoring.judge.scorer:JudgeQ",
    "judge_qa": "scoring.judge.scorer:JudgeQA",
}

ENTRY_POINT_GROUP = "dataarena.scorers"


class UnknownScorerError(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0])


@functools.lru_cache(maxsize=1)
def _plugin_entries() -> tuple[tuple[str, str], ...]:
    """Installed plugins' entry points, read once per process: scanning every installed package's
    metadata costs about 20 ms, and building a suite resolves ~40 names."""
    return tuple((ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP))


def _all_entries() -> dict[str, str]:
    entries = dict(BUILTIN)
    for name, value in _plugin_entries():
        entries.setdefault(name, value)
    return entries


def names() -> list[str]:
    return sorted(_all_entries())


def resolve(name: str) -> type[Scorer]:
    """Import and return the scorer class registered as `name`."""
    entries = _all_entries()
    if name not in entries:
        close = difflib.get_close_matches(name, entries, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownScorerError(f"unknown scorer '{name}'{hint} (known: `python -m scoring.cli list`)")
    module_name, _, attr = entries[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ImportError(f"scorer '{name}' -> {entries[name]}: cannot import {module_name}: {exc}") from exc
    try:
        cls = getattr(module, attr)
    except AttributeError as exc:
        raise ImportError(f"scorer '{name}' -> {entries[name]}: {module_name} has no '{attr}'") from exc
    if not (isinstance(cls, type) and issubclass(cls, Scorer)):
        raise TypeError(f"scorer '{name}' -> {entries[name]} is not a Scorer subclass")
    if cls.spec.name != name:
        raise TypeError(f"scorer '{name}' -> {entries[name]} declares spec.name '{cls.spec.name}'")
    return cls


def spec(name: str) -> ScorerSpec:
    return resolve(name).spec


def create(name: str, side: str | None = None, **params) -> Scorer:
    """Instantiate a registered scorer (cheap: models load later, in `setup()`)."""
    return resolve(name)(side=side, **params)
