"""The domain classes and the labelled sources they are learned from.

A catalog entry's declared `domain` labels every one of its samples. Labels are per source, so the
classifier is judged on sources it has never seen: sources that are copies, subsets or re-formats of
one another form one family and are held out together, or the held-out score would measure recall of
near-duplicates instead of generalisation.
"""
from __future__ import annotations

DOMAINS = ("general", "math", "code", "science", "knowledge", "tool_use")

# declared catalog domains that name a class under another word
_DECLARED_ALIASES = {"truthfulness": "knowledge", "tool use": "tool_use", "tools": "tool_use",
                     "function_calling": "tool_use"}


def domain_class(declared: str | None) -> str | None:
    """The class a declared domain stands for, None when it names none (reasoning, mixed, unknown)."""
    if not declared:
        return None
    d = declared.strip().lower()
    d = _DECLARED_ALIASES.get(d, d)
    return d if d in DOMAINS else None


# Local-catalog sources that share an upstream (copies, subsets, re-formats, seeds and what grew
# from them). A source not listed is a family of its own.
SOURCE_FAMILIES = {
    "self_instruct_alpaca": ["self_instruct_seed_tasks", "alpaca_seed_tasks", "self_instruct_user_eval",
                             "alpaca_sdft", "alpaca_distilled_sdft", "llamafactory_alpaca_en_demo"],
    "gsm8k": ["gsm8k_train", "gsm8k_train_sdft", "gsm8k_test", "gsm_hard"],
    "hendrycks_math": ["math_test", "math500"],
    "competition_math": ["aime24", "amc23"],
    "mawps": ["mawps", "multiarith"],
    "codealpaca": ["codealpaca_seed_tasks", "codealpaca_2k", "new_codealpaca"],
    "mbpp": ["mbpp", "mbpp_test"],
    "openfunction": ["openfunction_train", "openfunction_distilled"],
    "truthfulqa": ["truthfulqa", "truthfulqa_817"],
    "lmsys_bench": ["mt_bench", "vicuna_bench"],
}
_FAMILY_OF = {source: family for family, sources in SOURCE_FAMILIES.items() for source in sources}


def source_family(dataset_id: str) -> str:
    return _FAMILY_OF.get(dataset_id, dataset_id)
