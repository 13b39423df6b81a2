"""Deterministic planting of benchmark leaks into training samples, for recall/precision tests.

Four kinds: the item verbatim (wrapped in a prompt template), the item with every number replaced,
a light paraphrase (about one word in eight replaced by a synonym, names swapped, numbers kept), and
`solution`: the prompt reworded beyond recognition (a short request naming no part of the item) with
the item's reference solution as the response, verbatim.
"""
from __future__ import annotations

import random
import re

SYNONYMS = {
    "how": "in what way", "many": "numerous", "total": "overall", "each": "every", "buy": "purchase",
    "bought": "purchased", "find": "determine", "calculate": "compute", "number": "count", "has": "owns",
    "have": "own", "gets": "receives", "get": "receive", "makes": "earns", "make": "earn", "wants": "wishes",
    "want": "wish", "needs": "requires", "need": "require", "more": "additional", "used": "utilized",
    "uses": "utilizes", "use": "utilize", "gave": "handed", "give": "hand", "starts": "begins", "start": "begin",
    "large": "big", "small": "little", "quickly": "rapidly", "shows": "displays", "show": "display",
    "best": "most suitable", "describes": "characterizes", "likely": "probably", "following": "subsequent",
    "write": "create", "function": "routine", "return": "give back", "returns": "gives back", "given": "provided",
    "list": "sequence", "people": "persons", "happens": "occurs", "true": "correct", "called": "named",
    "example": "instance", "answer": "response", "question": "query", "value": "amount", "days": "days' time",
    "week": "seven days", "money": "cash", "spent": "paid", "left": "remaining", "after": "following",
}
NAMES = ["Priya", "Tomasz", "Aiko", "Mateo", "Zanele", "Oskar", "Leila", "Ravi"]
_NUM = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z]+")


def swap_numbers(text: str, rng: random.Random) -> str:
    def repl(m):
        old = m.group(0)
        if "." in old:
            return f"{float(old) + rng.randint(1, 9) + 0.5:.2f}"
        new = int(old) + rng.randint(1, 9)
        return str(new)
    return _NUM.sub(repl, text)


def paraphrase(text: str, rng: random.Random, rate: float = 0.125) -> str:
    """Replace about `rate` of the words that have a synonym (and capitalized names) — a light edit."""
    words = list(_WORD.finditer(text))
    budget = max(1, int(len(words) * rate))
    def is_name(m):  # a capitalized word in mid-sentence (after a lower-case word), not an option letter
        before = text[max(0, m.start() - 2):m.start()]
        return len(m.group(0)) > 1 and m.group(0)[0].isupper() and re.match(r"[a-z,] ", before) is not None
    candidates = [m for m in words if m.group(0).lower() in SYNONYMS or is_name(m)]
    rng.shuffle(candidates)
    chosen = sorted(candidates[:budget], key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        w = m.group(0)
        rep = SYNONYMS.get(w.lower()) or rng.choice(NAMES)
        out.append(text[last:m.start()])
        out.append(rep)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


REWORDED = ["Solve the exercise from my homework sheet.", "Can you show the worked answer?",
            "Here is how I would do this one:", "Write the reference solution.", "Answer it step by step."]
TEMPLATES = ["{item}", "Question: {item}\nAnswer:", "Solve the following problem.\n\n{item}",
             "{item}\nThink step by step."]


def plant(clean: list[dict], items: list[dict], kind: str, rng: random.Random, dataset_id: str) -> list[dict]:
    """One training sample per item, carrying it in the chosen kind; sample_id says what was planted."""
    out = []
    for k, item in enumerate(items):
        text = item["instruction_text"]
        if kind == "number_swap":
            text = swap_numbers(text, rng)
        elif kind == "paraphrase":
            text = paraphrase(text, rng)
        host = clean[rng.randrange(len(clean))]
        if kind == "solution":
            prompt, response = rng.choice(REWORDED), item["response_text"]
        else:
            prompt, response = rng.choice(TEMPLATES).format(item=text), host["response_text"]
        out.append({"dataset_id": dataset_id, "sample_id": f"planted-{kind}-{k}-{item['sample_id']}",
                    "instruction_text": prompt, "response_text": response})
    return out
