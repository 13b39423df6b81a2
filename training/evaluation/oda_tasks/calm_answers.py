"""Reading and scoring CaLM answers, per answer type.

CaLM (OpenCausaLab/CaLM, calm/evaluation) labels a reply with long per-task lists of answer phrases
and scores accuracy per task: yes/no and option tasks by label, the effect tasks' `ANSWER` and the
probability tasks' `PROB` from the first JSON object of the reply that has the key (a probability
counts when it equals the gold once both are rounded to 4 decimals), and the explanation task by
ROUGE-L recall. The same rules are restated here, with patterns instead of phrase lists:

- yes/no: a reply that opens with its answer (after any echo of the `Answer (Yes or No ?):` cue) is
  read from its opening (yes/true/是/有 against no/false/否/不/没有/无); otherwise the earliest
  explicit statement counts ("the answer is no", "答案是：是", "there is a causal relationship",
  "cannot be identified", ...); otherwise an English reply using only one of the words yes/no;
- options: an opening `Option 2.` / `选项二：` / bare option number; a reply that is one option's text;
  else the earliest explicit choice ("the answer is option 3", "答案：选项一"), else the only
  option the reply names;
- JSON answers and probabilities: as CaLM, from the first `{...}` with the key (quotes and unquoted
  values repaired);
- explanations: recall of the longest common subsequence of the reference's tokens (lowercase
  words; Chinese characters one by one, where CaLM segments Chinese words with jieba).

A reply read as no answer scores 0.
"""
from __future__ import annotations

import json
import re

from training.evaluation.oda_tasks.replies import drop_reasoning

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "“": '"', "”": '"', "‘": "'", "’": "'",
                             "？": "?", "！": "!", "。": ".", "；": ";", "「": '"', "」": '"'})
# an echoed answer cue: "Answer (Yes or No ?):", "答案（选项一或选项二？）：", ...
_CUE = re.compile(r"(answer|答案)\s*\((?:yes|是|option|选项)[^)]*\)\s*:?")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "一": 1, "二": 2, "三": 3, "四": 4}

_LEAD_YES = re.compile(r"(yes|true)\b|是(?!否)|有(?!没有)")
_LEAD_NO = re.compile(r"(no|false)\b|否|不|没有|无")
_ANSWER_IS = r"(?:answer|答案)\W{0,4}(?:is|would be|should be|will be|是|为|应该是|应为|应该为)?\W{0,6}"
_YES_STATEMENTS = [re.compile(p) for p in (
    _ANSWER_IS + r"(?:yes\b|是(?!否)|有|对|肯定)",
    r"there (?:is|exists) a (?:direct )?caus(?:al|e)[- ]\w*", r"(?:is|are|can be) identif(?:ied|iable)",
    r"does cause", r"(?:存在|有)因果关系", r"(?:可以|能)被识别",
)]
_NO_STATEMENTS = [re.compile(p) for p in (
    _ANSWER_IS + r"(?:no\b|否|不|没有|无)",
    r"there is no (?:direct )?caus(?:al|e)[- ]\w*", r"(?:not|cannot be|can't be) identif(?:ied|iable)",
    r"does not cause", r"(?:不存在|没有|无)因果关系", r"(?:不能|无法|不可以)被识别",
)]
_OPTION_MENTION = re.compile(r"(?:option|选项)\s*#?\s*([1-4]|one|two|three|four|一|二|三|四)(?![0-9a-z])")
_OPENING_OPTION = re.compile(_OPTION_MENTION.pattern + r"(?=\s*(?:$|[.:)\n]))")
_CHOICE_WORDS = re.compile(r"(answer|correct|choose|chose|select|pick|答案|选择|应选|正确)[^\n]{0,40}$")
_JSON_OBJECT = re.compile(r"\{[^{}]*\}")


def normalize(reply: str) -> str:
    """The reply's answer part in lower case with full-width punctuation as ASCII, no markdown."""
    text = drop_reasoning(reply).strip().lower().translate(_FULL_WIDTH)
    return re.sub(r"\*\*|`|#+ ", "", text).strip()


def _opening(text: str) -> str:
    """The reply from its first word, past an echoed cue and leading marks."""
    m = _CUE.match(text)
    text = text[m.end():] if m else text
    return text.lstrip(" \t\n-–—:\"'>*([")


def _earliest(text: str, labelled: list[tuple[object, list[re.Pattern]]]):
    """The label of the pattern matching earliest in `text` (the longer match on a tie), or None."""
    best = None
    for label, patterns in labelled:
        for p in patterns:
            m = p.search(text)
            if m and (best is None or (m.start(), -len(m.group())) < best[0]):
                best = ((m.start(), -len(m.group())), label)
    return None if best is None else best[1]


def read_yes_no(reply: str) -> str | None:
    """'yes', 'no' or None."""
    text = normalize(reply)
    opening = _opening(text)
    if not re.match(r"(yes\s*(or|/)\s*no|是或否)", opening):
        if _LEAD_NO.match(opening):
            return "no"
        if _LEAD_YES.match(opening):
            return "yes"
    found = _earliest(_CUE.sub("answer:", text), [("yes", _YES_STATEMENTS), ("no", _NO_STATEMENTS)])
    if found:
        return found
    words = set(re.findall(r"\b(yes|no)\b", text))
    return words.pop() if len(words) == 1 else None


def _option_number(token: str) -> int:
    return int(token) if token.isdigit() else _WORD_NUMBERS[token]


def read_option(reply: str, options: list[str]) -> int | None:
    """The 1-based option chosen, or None."""
    text = normalize(reply)
    opening = _opening(text)
    # an opening choice stands alone ("Option 2.", "选项二：..."), not as the subject of a sentence
    m = _OPENING_OPTION.match(opening) or re.fullmatch(r"([1-4])\W*", opening)
    if m and _option_number(m.group(1)) <= len(options):
        return _option_number(m.group(1))
    first_line = opening.split("\n")[0].strip().rstrip(".")
    for n, option in enumerate(options, 1):
        if first_line and first_line == option.strip().lower().translate(_FULL_WIDTH).rstrip("."):
            return n
    text = _CUE.sub("answer:", text)
    mentions = [(m.start(), _option_number(m.group(1))) for m in _OPTION_MENTION.finditer(text)]
    mentions = [(at, n) for at, n in mentions if n <= len(options)]
    chosen = [n for at, n in mentions if _CHOICE_WORDS.search(text[max(0, at - 40):at])]
    if chosen:
        return chosen[0]
    named = {n for _, n in mentions}
    return named.pop() if len(named) == 1 else None


def _json_objects(reply: str):
    for m in _JSON_OBJECT.finditer(drop_reasoning(reply)):
        raw = m.group()
        for candidate in (raw, _repaired(raw)):
            try:
                obj = json.loads(candidate)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                yield {str(k).strip().lower(): v for k, v in obj.items()}
                break


def _repaired(raw: str) -> str:
    """A JSON-like object with curly or single quotes and unquoted values made parseable."""
    text = raw.translate(_FULL_WIDTH).replace("'", '"')
    return re.sub(r'(?<=[:,{])\s*([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.\-]*)\s*(?=[,:}])', r' "\1" ', text)


def read_json_field(reply: str, key: str):
    """The value of `key` in the reply's first JSON object that has it, or None."""
    for obj in _json_objects(reply):
        if key in obj:
            return obj[key]
    return None


def read_probability(reply: str) -> float | None:
    value = read_json_field(reply, "prob")
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]|[a-z0-9]+", text.lower())


def rouge_l_recall(reply: str, reference: str) -> float:
    """Share of the reference's tokens in the longest common subsequence with the reply."""
    ref, hyp = _tokens(reference), _tokens(drop_reasoning(reply))
    if not ref or not hyp:
        return 0.0
    previous = [0] * (len(hyp) + 1)
    for r in ref:
        current = [0]
        for j, h in enumerate(hyp, 1):
            current.append(previous[j - 1] + 1 if r == h else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1] / len(ref)


def score(doc: dict, reply: str) -> float:
    """The reply's score on one CaLM item (doc fields: answer_type, gold, options)."""
    kind, gold = doc["answer_type"], doc["gold"]
    if kind == "yes_no":
        return float(read_yes_no(reply) == gold)
    if kind == "option":
        return float(read_option(reply, doc["options"]) == int(gold))
    if kind == "json_answer":
        value = read_json_field(reply, "answer")
        return float(value is not None and str(value).strip().lower().rstrip(".") == gold)
    if kind == "probability":
        value = read_probability(reply)
        return float(value is not None and round(value, 4) == round(float(gold), 4))
    if kind == "open":
        return rouge_l_recall(reply, gold)
    raise ValueError(f"unknown CaLM answer type {kind!r}")
