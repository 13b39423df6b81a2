"""ODA's benchmark suite: each benchmark's id, display name and domain as the paper groups them.

One table for every importer: published files name benchmarks in their own spelling ('GSM8k',
'LCB(v5)', 'mmlu pro') and group them in their own way (the July 2025 website file lists HumanEval
among its math tasks and ARC-C among its code tasks). Importers keep the file's grouping as
`stated_domain` and take `domain` from here, so averages are recomputed under the paper's grouping
and the difference stays visible. A benchmark missing here keeps the file's grouping and is listed
in the import's rejects as 'unmapped_benchmark'.
"""
from __future__ import annotations

from dataclasses import dataclass

from results.schema import slug


@dataclass(frozen=True)
class Benchmark:
    id: str
    name: str
    domain: str
    aliases: tuple[str, ...] = ()


SUITE = (
    Benchmark("drop", "DROP", "general"),
    Benchmark("ifeval", "IFEval", "general"),
    Benchmark("agieval", "AGIEval", "general"),
    Benchmark("mmlu_pro", "MMLU-Pro", "general"),
    Benchmark("gsm8k", "GSM8K", "math"),
    Benchmark("math500", "MATH-500", "math", ("math_500",)),
    Benchmark("math", "MATH", "math"),
    Benchmark("omni_math", "Omni-MATH", "math"),
    Benchmark("olympiadbench_math", "OlympiadBench-Math", "math", ("olympiadbenchmath", "olp")),
    Benchmark("aime2024", "AIME 2024", "math", ("aime24",)),
    Benchmark("aime2025", "AIME 2025", "math", ("aime25",)),
    Benchmark("cmimc2025", "CMIMC 2025", "math"),
    Benchmark("hmmt2025", "HMMT 2025", "math"),
    Benchmark("brumo2025", "BRUMO 2025", "math"),
    Benchmark("humaneval", "HumanEval", "code"),
    Benchmark("humaneval_plus", "HumanEval+", "code"),
    Benchmark("mbpp", "MBPP", "code"),
    Benchmark("livecodebench_v5", "LiveCodeBench v5", "code", ("lcb_v5", "livecodebench")),
    Benchmark("arc_c", "ARC-Challenge", "reasoning", ("arc_challenge",)),
    Benchmark("bbh", "BBH", "reasoning"),
    Benchmark("gpqa", "GPQA-Diamond", "reasoning", ("gpqa_diamond",)),
    Benchmark("calm", "CaLM", "reasoning"),
    Benchmark("kor_bench", "KOR-Bench", "reasoning"),
)

_BY_ALIAS = {alias: b for b in SUITE for alias in (b.id, *b.aliases)}


def lookup(name: str) -> Benchmark | None:
    """The suite benchmark a file's spelling names ('LCB(v5)' -> livecodebench_v5), or None."""
    return _BY_ALIAS.get(slug(name))
