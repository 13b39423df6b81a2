"""Source formats: how a record of each known layout becomes a conversation.

Each format is one function from a record (dict) to `(messages, extra)`; it raises `RecordError` with
a stable code when the record does not fit (a missing field, a wrong type). Detection looks at a
dataset's first records and picks the format most of them fit, so a record that lacks a field is
reported as such instead of as an unknown format.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from ingest.answers import final_answer

Message = dict[str, str]


class RecordError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _text(record: dict, field: str, *, required: bool = True, numbers_ok: bool = False) -> str | None:
    """A string field; numbers are accepted for answer-like fields (e.g. MAWPS `target: 43.0`)."""
    if field not in record or record[field] is None:
        if required:
            raise RecordError("missing_field", f"field '{field}' is missing")
        return None
    value = record[field]
    if isinstance(value, str):
        return value
    if numbers_ok and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    raise RecordError("wrong_type", f"field '{field}' is {type(value).__name__}, expected a string")


def _first_present(record: dict, fields: Iterable[str]) -> str | None:
    return next((f for f in fields if f in record and record[f] is not None), None)


def _user_content(instruction: str, inp: str | None) -> str:
    return f"{instruction}\n\n{inp}" if inp and inp.strip() else instruction


def alpaca(record: dict) -> tuple[list[Message], dict]:
    instruction = _text(record, "instruction")
    inp = _text(record, "input", required=False)
    out_field = _first_present(record, ("output", "response")) or "output"
    output = _text(record, out_field, numbers_ok=True)
    messages: list[Message] = []
    system = _text(record, "system", required=False)
    if system:
        messages.append({"role": "system", "content": system})
    history = record.get("history") or []
    if not isinstance(history, list):
        raise RecordError("wrong_type", f"field 'history' is {type(history).__name__}, expected a list of [query, response] pairs")
    for i, turn in enumerate(history):
        if not (isinstance(turn, (list, tuple)) and len(turn) == 2 and all(isinstance(t, str) for t in turn)):
            raise RecordError("wrong_type", f"history turn {i} is not a [query, response] pair of strings")
        messages += [{"role": "user", "content": turn[0]}, {"role": "assistant", "content": turn[1]}]
    messages += [{"role": "user", "content": _user_content(instruction, inp)}, {"role": "assistant", "content": output}]
    return messages, {}


SHAREGPT_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant", "chatgpt": "assistant",
                  "bard": "assistant", "bing": "assistant", "model": "assistant", "system": "system",
                  "function_call": "assistant", "observation": "tool", "tool": "tool", "function_response": "tool"}


def sharegpt(record: dict) -> tuple[list[Message], dict]:
    turns = record.get("conversations")
    if turns is None:
        raise RecordError("missing_field", "field 'conversations' is missing")
    if not isinstance(turns, list):
        raise RecordError("wrong_type", f"field 'conversations' is {type(turns).__name__}, expected a list")
    messages: list[Message] = []
    system = _text(record, "system", required=False)
    if system:
        messages.append({"role": "system", "content": system})
    chosen = record.get("chosen")
    if isinstance(chosen, dict):  # preference data: the chosen answer is the response
        turns = turns + [chosen]
    if turns and all(isinstance(t, str) for t in turns):  # LIMA: plain strings, user and assistant alternating
        turns = [{"from": "user" if i % 2 == 0 else "assistant", "value": t} for i, t in enumerate(turns)]
    for i, turn in enumerate(turns):
        if not isinstance(turn, dict):
            raise RecordError("wrong_type", f"conversations[{i}] is {type(turn).__name__}, expected an object")
        speaker = turn.get("from", turn.get("role"))
        role = SHAREGPT_ROLES.get(str(speaker).lower())
        if role is None:
            raise RecordError("unknown_role", f"conversations[{i}] has unknown speaker '{speaker}'")
        content = turn.get("value", turn.get("content"))
        if not isinstance(content, str):
            raise RecordError("wrong_type", f"conversations[{i}].value is {type(content).__name__}, expected a string")
        messages.append({"role": role, "content": content})
    extra = {k: record[k] for k in ("tools", "rejected", "id") if k in record}
    return messages, extra


OPENAI_ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant",
                "tool": "tool", "function": "tool", "ipython": "tool"}


def _content_text(content, where: str) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text"|"value": ...}]
        parts = []
        for j, part in enumerate(content):
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and part.get("type", "text") == "text":
                text = part.get("text", part.get("value"))
                if not isinstance(text, str):
                    raise RecordError("wrong_type", f"{where}.content[{j}] has no text")
                parts.append(text)
            else:
                raise RecordError("unsupported_content", f"{where}.content[{j}] is a non-text part ({part.get('type') if isinstance(part, dict) else type(part).__name__})")
        return "".join(parts)
    if content is None:
        return ""
    raise RecordError("wrong_type", f"{where}.content is {type(content).__name__}, expected a string or parts")


def openai(record: dict) -> tuple[list[Message], dict]:
    raw = record.get("messages")
    if raw is None:
        raise RecordError("missing_field", "field 'messages' is missing")
    if not isinstance(raw, list):
        raise RecordError("wrong_type", f"field 'messages' is {type(raw).__name__}, expected a list")
    messages: list[Message] = []
    for i, m in enumerate(raw):
        if not isinstance(m, dict):
            raise RecordError("wrong_type", f"messages[{i}] is {type(m).__name__}, expected an object")
        role = OPENAI_ROLES.get(str(m.get("role")).lower())
        if role is None:
            raise RecordError("unknown_role", f"messages[{i}] has unknown role '{m.get('role')}'")
        text = _content_text(m.get("content"), f"messages[{i}]")
        if m.get("tool_calls") and not text:
            import json
            text = json.dumps(m["tool_calls"], ensure_ascii=False)
        messages.append({"role": role, "content": text})
    extra = {k: record[k] for k in ("tools",) if k in record}
    return messages, extra


def prompt_completion(record: dict) -> tuple[list[Message], dict]:
    prompt_field = _first_present(record, ("prompt", "query")) or "prompt"
    out_field = _first_present(record, ("completion", "response", "chosen")) or "completion"
    return [{"role": "user", "content": _text(record, prompt_field)},
            {"role": "assistant", "content": _text(record, out_field, numbers_ok=True)}], {}


def question_answer(record: dict) -> tuple[list[Message], dict]:
    q_field = _first_present(record, ("question", "Question", "query")) or "question"
    a_field = _first_present(record, ("answer", "Answer", "Best Answer")) or "answer"
    answer = _text(record, a_field, numbers_ok=True)
    context = _text(record, _first_present(record, ("context", "Context")) or "context", required=False)
    extra = {"answer": final_answer(answer) or answer.strip()}
    if context and context.strip():
        extra["context"] = context
    return ([{"role": "user", "content": _user_content(_text(record, q_field), context)},
             {"role": "assistant", "content": answer}], extra)


def problem_solution(record: dict) -> tuple[list[Message], dict]:
    solution = _text(record, "solution")
    extra = {k: record[k] for k in ("level", "type") if k in record}
    answer = record.get("answer") if isinstance(record.get("answer"), str) else final_answer(solution)
    if answer is not None:
        extra["answer"] = answer
    return [{"role": "user", "content": _text(record, "problem")}, {"role": "assistant", "content": solution}], extra


def _choices_prompt(stem: str, choices: list[tuple[str, str]]) -> str:
    return stem.strip() + "\n" + "\n".join(f"{label}. {text}" for label, text in choices)


def _choice_extra(stem: str, choices: list[tuple[str, str]], key: str) -> dict:
    """What a multiple-choice item keeps beside its prompt: the gold label among the labels, and the
    question and option texts as the source wrote them (evaluation scores each option's text after
    the bare question, which the prompt, listing the options, does not give back)."""
    return {"answer": key, "choices": [label for label, _ in choices], "stem": stem,
            "choice_texts": [text for _, text in choices]}


def multiple_choice(record: dict) -> tuple[list[Message], dict]:
    """ARC-style: `question: {stem, choices: [{label, text}]}` with `answerKey`."""
    q = record.get("question")
    if not isinstance(q, dict):
        raise RecordError("wrong_type" if q is not None else "missing_field", "field 'question' must be an object with 'stem' and 'choices'")
    stem = _text(q, "stem")
    raw_choices = q.get("choices")
    if not isinstance(raw_choices, list) or not raw_choices:
        raise RecordError("missing_field", "field 'question.choices' is missing or empty")
    choices = []
    for i, c in enumerate(raw_choices):
        if not isinstance(c, dict) or not isinstance(c.get("label"), str) or not isinstance(c.get("text"), str):
            raise RecordError("wrong_type", f"question.choices[{i}] needs string 'label' and 'text'")
        choices.append((c["label"], c["text"]))
    key = _text(record, "answerKey")
    labels = [label for label, _ in choices]
    if key not in labels:
        raise RecordError("invalid_value", f"answerKey '{key}' is not one of the choices {labels}")
    answer_text = dict(choices)[key]
    return ([{"role": "user", "content": _choices_prompt(stem, choices)},
             {"role": "assistant", "content": f"{key}. {answer_text}"}],
            _choice_extra(stem, choices, key) | {"id": record.get("id")})


def mmlu_csv(record: dict) -> tuple[list[Message], dict]:
    choices = [(label, _text(record, label, numbers_ok=True)) for label in "ABCD"]
    key = _text(record, "answer").strip()
    if key not in "ABCD" or len(key) != 1:
        raise RecordError("invalid_value", f"answer '{key}' is not one of A, B, C, D")
    question = _text(record, "question")
    return ([{"role": "user", "content": _choices_prompt(question, choices)},
             {"role": "assistant", "content": f"{key}. {dict(choices)[key]}"}],
            _choice_extra(question, choices, key))


def humaneval(record: dict) -> tuple[list[Message], dict]:
    prompt = _text(record, "prompt")
    solution = _text(record, "canonical_solution")
    extra = {k: record[k] for k in ("task_id", "entry_point", "test") if k in record}
    return [{"role": "user", "content": prompt}, {"role": "assistant", "content": solution}], extra


def self_instruct(record: dict) -> tuple[list[Message], dict]:
    """Seed tasks: an instruction with instances of input/output; the first instance is the sample."""
    instruction = _text(record, "instruction")
    instances = record.get("instances")
    if not isinstance(instances, list) or not instances or not isinstance(instances[0], dict):
        raise RecordError("missing_field", "field 'instances' must be a non-empty list of {input, output}")
    first = instances[0]
    inp = _text(first, "input", required=False)
    out = _text(first, "output", numbers_ok=True)
    extra = {"more_instances": instances[1:]} if len(instances) > 1 else {}
    return [{"role": "user", "content": _user_content(instruction, inp)}, {"role": "assistant", "content": out}], extra


def turns(record: dict) -> tuple[list[Message], dict]:
    """Prompt-only benchmarks (MT-Bench, Vicuna): user turns with no reference responses."""
    raw = record.get("turns")
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
        raise RecordError("wrong_type", "field 'turns' must be a non-empty list of strings")
    extra = {k: record[k] for k in ("question_id", "category") if k in record}
    return [{"role": "user", "content": t} for t in raw], extra


COLUMN_ROLES = ("instruction", "input", "context", "system", "response", "answer")


def make_columns(mapping: dict[str, str]) -> Callable[[dict], tuple[list[Message], dict]]:
    """A format given by field names: instruction, optional input/context/system, response, optional
    answer (e.g. `{instruction: sql_prompt, context: sql_context, response: sql}`)."""
    if "instruction" not in mapping:
        raise ValueError("format 'columns' needs columns.instruction (and usually columns.response)")
    unknown = sorted(set(mapping) - set(COLUMN_ROLES))
    if unknown:
        raise ValueError(f"columns {unknown} are not sample fields; use {', '.join(COLUMN_ROLES)}")

    def columns(record: dict) -> tuple[list[Message], dict]:
        messages: list[Message] = []
        if "system" in mapping:
            system = _text(record, mapping["system"], required=False)
            if system:
                messages.append({"role": "system", "content": system})
        inp = _text(record, mapping["input"], required=False) if "input" in mapping else None
        context = _text(record, mapping["context"], required=False) if "context" in mapping else None
        user = _user_content(_user_content(_text(record, mapping["instruction"]), inp), context)
        messages.append({"role": "user", "content": user})
        extra = {"context": context} if context and context.strip() else {}
        if "response" in mapping:
            response = _text(record, mapping["response"], numbers_ok=True)
            messages.append({"role": "assistant", "content": response})
            extra["answer"] = final_answer(response) or response.strip()
        if "answer" in mapping:
            extra["answer"] = _text(record, mapping["answer"], numbers_ok=True)
        return messages, extra

    return columns


FORMATS: dict[str, Callable[[dict], tuple[list[Message], dict]]] = {
    "alpaca": alpaca, "sharegpt": sharegpt, "openai": openai, "prompt_completion": prompt_completion,
    "question_answer": question_answer, "problem_solution": problem_solution,
    "multiple_choice": multiple_choice, "mmlu_csv": mmlu_csv, "humaneval": humaneval,
    "self_instruct": self_instruct, "turns": turns,
}


def guess_format(record: dict) -> str | None:
    """The format a single record's keys suggest, or None."""
    keys = record.keys()
    if "messages" in keys:
        return "openai"
    if "conversations" in keys:
        return "sharegpt"
    if "instruction" in keys and "instances" in keys:
        return "self_instruct"
    if "instruction" in keys and ("output" in keys or "response" in keys):
        return "alpaca"
    if "prompt" in keys and "canonical_solution" in keys:
        return "humaneval"
    if ("prompt" in keys or "query" in keys) and ({"completion", "response", "chosen"} & set(keys)):
        return "prompt_completion"
    if isinstance(record.get("question"), dict):
        return "multiple_choice"
    if ({"question", "Question", "query"} & set(keys)) and ({"answer", "Answer", "Best Answer"} & set(keys)):
        return "question_answer"
    if "problem" in keys and "solution" in keys:
        return "problem_solution"
    if "turns" in keys:
        return "turns"
    return None


def detect_format(records: Iterable[dict]) -> str | None:
    """The format most of the given records fit (None when none fits any known format)."""
    votes = Counter(f for f in (guess_format(r) for r in records) if f)
    return votes.most_common(1)[0][0] if votes else None
