"""lm-eval hooks of `oda_calm`: CaLM Lite, the causal-reasoning benchmark ODA reports as CaLM.

ODA runs OpenCompass's `calm` config (OpenDataArena/opencompass, configs/datasets/calm/calm.py): all
92 task files of CaLM Lite (46 causal tasks, each in English and Chinese, 100 items a file) asked in
the benchmark's `basic` prompt style (`basic-CN` for the Chinese files), zero-shot, and its summary
(OpenDataArena-Tool model_eval/summary_scores/run_summary.py) averages the 92 task accuracies. The
items are the repository's `calm_lite_dataset/<rung>/<scenario>/<task>_<EN|CN>.json` (GitHub
OpenCausaLab/CaLM; JSON lines), read by `load_calm` at a pinned commit; each becomes a document with
its prompt, its answer type and its gold answer, so every document has the same fields.

Prompts keep the basic style's layout and answer cues (`Answer (Yes or No ?):`,
`Answer (Option 1 or Option 2 ?):`, a JSON `{"ANSWER": ..., "PROB": ...}` for the quantitative
tasks); the wording of the questions is the project's. Answers are read per answer type by
calm_answers.
"""
from __future__ import annotations

from typing import NamedTuple

from datasets import Dataset, DatasetDict

from training.evaluation.oda_tasks.calm_answers import score
from training.evaluation.oda_tasks.raw_files import download, read_json_lines

BASE_URL = ("https://raw.githubusercontent.com/OpenCausaLab/CaLM/1c1e93a80c3f9b3250bd79faf4dee8f8bc3479dd/"
            "calm_lite_dataset")
LANGUAGES = ("EN", "CN")

YES_NO, OPTION, JSON_ANSWER, PROBABILITY, OPEN = "yes_no", "option", "json_answer", "probability", "open"


# a NamedTuple, not a dataclass: lm-eval executes this file before registering it in sys.modules,
# where dataclasses look annotations up
class CalmTask(NamedTuple):
    stem: str           # the file name without `_EN.json` / `_CN.json`
    folder: str         # rung/scenario
    prompt: str         # the prompt family (a key of PROMPTS)
    answer: str         # the answer type


def _tasks() -> tuple[CalmTask, ...]:
    tasks = [CalmTask(s, f, p, a) for s, f, p, a in (
        ("CORR-B_correlation", "association/correlation", "info", YES_NO),
        ("EAE-B_exp-away", "association/explaining_away_effect", "info", YES_NO),
        ("AR-B_CaLM-AR", "causal_discovery/abstract_reasoning", "abstract", YES_NO),
        ("CA-B_FA", "causal_discovery/causal_attribution", "ancestor", YES_NO),
        ("CA-B_FP", "causal_discovery/causal_attribution", "parent", YES_NO),
        ("ECI-B_CTB", "causal_discovery/event_causality_identification", "events", YES_NO),
        ("ECI-B_ESC", "causal_discovery/event_causality_identification", "events", YES_NO),
        ("ECI-B_MAVEN-ERE", "causal_discovery/event_causality_identification", "events", YES_NO),
        ("PCD-B_COPA", "causal_discovery/pairwise_causal_discovery", "pair", YES_NO),
        ("PCD-B_E-CARE", "causal_discovery/pairwise_causal_discovery", "pair", YES_NO),
        ("PCD-C_COPA", "causal_discovery/pairwise_causal_discovery", "pick", OPTION),
        ("PCD-C_E-CARE", "causal_discovery/pairwise_causal_discovery", "pick", OPTION),
        ("AC-B_causal_judgement", "counterfactual/actual_causality", "story", YES_NO),
        ("CEG-O_E-CARE", "counterfactual/causal_explanation_generation", "explain", OPEN),
        ("CR-B_det-counterfactual", "counterfactual/counterfactual_reasoning", "info", YES_NO),
        ("CR-C_CRASS", "counterfactual/counterfactual_reasoning", "crass", OPTION),
        ("BAS-B_backadj", "intervention/backdoor_adjustment_set", "info", YES_NO),
        ("BAS-C_max-BAS", "intervention/backdoor_adjustment_set", "max_backdoor", OPTION),
        ("BAS-C_min-BAS", "intervention/backdoor_adjustment_set", "min_backdoor", OPTION),
        ("BAS-C_mix-BAS", "intervention/backdoor_adjustment_set", "backdoor", OPTION),
        ("CEI-B_0.2-UC", "intervention/causal_effect_identification", "identify", YES_NO),
        ("CEI-B_0.4-UC", "intervention/causal_effect_identification", "identify", YES_NO),
        ("CEI-B_0.6-UC", "intervention/causal_effect_identification", "identify", YES_NO),
        ("CEI-B_0.8-UC", "intervention/causal_effect_identification", "identify", YES_NO),
        ("CB-B_collider-bias", "intervention/collider_bias", "info", YES_NO),
        ("FAS-C_FAS", "intervention/frontdoor_adjustment_set", "frontdoor", OPTION),
        ("IV-C_CaLM-IV", "intervention/instrumental_variable", "instrument", OPTION),
    )]
    # the effect-estimation scenarios: a yes/no "natural" task and two probability tasks each
    for effect, folder in (("ETT", "counterfactual/effect_of_the_treatment_on_the_treated"),
                           ("NDE", "counterfactual/natural_direct_effect"),
                           ("NIE", "counterfactual/natural_indirect_effect"),
                           ("ATE", "intervention/average_treatment_effect"),
                           ("CDE", "intervention/controlled_direct_effect")):
        tasks.append(CalmTask(f"{effect}-B_{effect}-natural", folder, "effect", JSON_ANSWER))
        tasks += [CalmTask(f"{effect}-P_{effect}-{level}", folder, "effect", PROBABILITY) for level in ("basic", "hard")]
    for effect, folder in (("PN", "counterfactual/probability_of_necessity"),
                           ("PS", "counterfactual/probability_of_sufficiency")):
        tasks += [CalmTask(f"{effect}-P_{effect}-{level}", folder, "probability", PROBABILITY) for level in ("basic", "hard")]
    return tuple(tasks)


TASKS = _tasks()

_YES_NO_CUE = {"EN": "Answer (Yes or No ?):", "CN": "答案（是或否？）："}
_LABELS = {"EN": {"info": "Input Info: ", "question": "Question: ", "input": "Input: ", "event": "Input Event: ",
                  "options": ("Option 1: ", "Option 2: ", "Option 3: ", "Option 4: ")},
           "CN": {"info": "输入信息：", "question": "问题：", "input": "输入：", "event": "输入事件：",
                  "options": ("选项一：", "选项二：", "选项三：", "选项四：")}}
_OPTION_CUES = {("EN", 2): "Answer (Option 1 or Option 2 ?):", ("EN", 3): "Answer (Option 1 or Option 2 or Option 3 ?):",
                ("EN", 4): "Answer (Option 1 or 2 or 3 or 4?):", ("CN", 2): "答案（选项一或选项二？）：",
                ("CN", 3): "答案（选项一或选项二或选项三？）：", ("CN", 4): "答案（选项一或选项二或选项三或选项四？）："}
_GRAPH = {"EN": "Here is a causal graph: {}.", "CN": "下面是一个因果图：{}。"}
# the question asked about an adjustment/instrument set, per prompt family (treatment, outcome)
_SET_QUESTIONS = {
    "max_backdoor": (("In this causal graph, which option is the largest set of variables that meets the back-door "
                      "criterion for the ordered pair of variables ({}, {})?"),
                     "在该因果图中，对于有序变量对 ({}, {})，哪个选项是满足后门准则的最大变量集？"),
    "min_backdoor": (("In this causal graph, which option is the smallest set of variables that meets the back-door "
                      "criterion for the ordered pair of variables ({}, {})?"),
                     "在该因果图中，对于有序变量对 ({}, {})，哪个选项是满足后门准则的最小变量集？"),
    "backdoor": (("In this causal graph, which option is a set of variables that meets the back-door criterion for "
                  "the ordered pair of variables ({}, {})?"),
                 "在该因果图中，对于有序变量对 ({}, {})，哪个选项是满足后门准则的变量集？"),
    "frontdoor": (("In this causal graph, which option is a set of variables that meets the front-door criterion for "
                   "the ordered pair of variables ({}, {})?"),
                  "在该因果图中，对于有序变量对 ({}, {})，哪个选项是满足前门准则的变量集？"),
    "instrument": (("In this causal graph, which option is the set of instrumental variables for the ordered pair of "
                    "variables ({}, {})?"),
                   "在该因果图中，对于有序变量对 ({}, {})，哪个选项是工具变量集？"),
}
_JSON_REQUEST = {
    ("EN", True): 'Give the computed result rounded to four decimal places and a final "yes" or "no" answer as '
                  'JSON, for example {"ANSWER": "Yes", "PROB": "0.1234"}:',
    ("CN", True): '请根据以上信息计算结果（保留四位小数），并给出最终答案“是”或“否”，以JSON格式返回，'
                  '例如{"ANSWER":"是","PROB":"0.1234"}：',
    ("EN", False): 'Give the computed result rounded to four decimal places as JSON, for example {"PROB": "0.1234"}:',
    ("CN", False): '请根据以上信息计算结果（保留四位小数），以JSON格式返回，例如{"PROB":"0.1234"}：',
}


def _options(item: dict, keys: list[str], lang: str) -> tuple[list[str], str]:
    texts = [str(item[k]) for k in keys]
    lines = "\n".join(label + text for label, text in zip(_LABELS[lang]["options"], texts))
    return texts, f"{lines}\n{_OPTION_CUES[(lang, len(texts))]}"


def _event_pair(item: dict) -> tuple[str, str, str]:
    """(sentence, first event, second event) of an event-causality item: the Chinese files give
    them as text, the English ones as tokens and token positions."""
    if "sent" in item:
        return item["sent"], item["event1"], item["event2"]
    words = item["words"]
    first, second = (" ".join(words[i] for i in span) for span in item["events"])
    return " ".join(words), first, second


def build_prompt(task: CalmTask, lang: str, item: dict) -> tuple[str, list[str]]:
    """(prompt, option texts) of one item of `task` in `lang` ("EN" or "CN")."""
    cn = lang == "CN"
    lab, yes_no = _LABELS[lang], _YES_NO_CUE[lang]
    family = task.prompt
    if family == "info":
        return f"{lab['info']}{item['given_info']}\n{lab['question']}{item['question']}\n{yes_no}", []
    if family == "story":
        return f"{lab['question']}{item['input']}\n{yes_no}", []
    if family == "abstract":
        ask = (f"{item['former']}会导致{item['latter']}吗？" if cn else f"Is {item['former']} a cause of {item['latter']}?")
        head = f"输入信息：如果{item['ar_edges']}。" if cn else f"Input Event: If {item['ar_edges']}."
        return f"{head}\n{lab['question']}{ask}\n{yes_no}", []
    if family in ("ancestor", "parent"):
        node = item["sampled_ancestor"] if family == "ancestor" else item["sampled_parent"]
        if cn:
            ask = f"{node}是否为{item['attribution']}的{'祖先节点' if family == 'ancestor' else '父节点'}？"
        else:
            ask = f"Is {node} {'an ancestor' if family == 'ancestor' else 'a parent'} node of {item['attribution']}?"
        return f"{_GRAPH[lang].format(item['edges'])}\n{lab['question']}{ask}\n{yes_no}", []
    if family == "identify":
        confounded = (f"以下变量之间存在未观测到的混淆因素：{item['bi_edges']}。" if cn
                      else f"Unobserved confounders are present between: {item['bi_edges']}.")
        ask = (f"{item['treatment']}对{item['outcome']}的因果效应能否被识别？" if cn
               else f"Can the causal effect of {item['treatment']} on {item['outcome']} be identified?")
        return f"{_GRAPH[lang].format(item['di_edges'])}\n{confounded}\n{lab['question']}{ask}\n{yes_no}", []
    if family == "events":
        sent, first, second = _event_pair(item)
        ask = (f"“{first}”与“{second}”之间有因果关系吗？" if cn
               else f'Is there a causal relationship between "{first}" and "{second}"?')
        return f"{lab['input']}{sent}\n{lab['question']}{ask}\n{yes_no}", []
    if family == "pair":
        events = (f"事件一：{item['premise']}\n事件二：{item['hypothesis']}" if cn
                  else f"Event A: {item['premise']}\nEvent B: {item['hypothesis']}")
        ask = "事件一与事件二之间有因果关系吗？" if cn else "Is there a causal relationship between Event A and Event B?"
        return f"{events}\n{lab['question']}{ask}\n{yes_no}", []
    if family == "pick":
        texts, options = _options(item, ["hypothesis1", "hypothesis2"], lang)
        ask = (f"以下哪个选项是输入事件的{item['ask-for']}？" if cn
               else f"Which of the following options is the {item['ask-for']} of the input event?")
        return f"{lab['event']}{item['premise']}\n{lab['question']}{ask}\n{options}", texts
    if family == "crass":
        texts, options = _options(item, ["Answer1", "Answer2", "Answer3", "Answer4"], lang)
        ask = "反事实问题：" if cn else "Counterfactual Question: "
        return f"{lab['event']}{item['premise']}\n{ask}{item['QCC']}\n{options}", texts
    if family in _SET_QUESTIONS:
        texts, options = _options(item, ["option1", "option2", "option3"], lang)
        ask = _SET_QUESTIONS[family][cn].format(item["treatment"], item["outcome"])
        return f"{_GRAPH[lang].format(item['edges'])}\n{lab['question']}{ask}\n{options}", texts
    if family in ("effect", "probability"):
        instruction = "指令：" if cn else "Instruction: "
        return (f"{lab['info']}{item['given_info']}\n{item['Background']['data_info']}\n{instruction}"
                f"{item['Instruction']}\n{lab['question']}{item['Question']}\n{_JSON_REQUEST[(lang, family == 'effect')]}"), []
    if family == "explain":
        if cn:
            return f"原因：{item['cause']}\n结果：{item['effect']}\n问题：这个原因为什么会导致这个结果？\n答案：", []
        return f"Cause: {item['cause']}\nEffect: {item['effect']}\nQuestion: Why does the cause lead to the effect?\nAnswer:", []
    raise ValueError(f"CaLM task {task.stem}: unknown prompt family {family!r}")


def gold_answer(task: CalmTask, item: dict) -> str:
    """The item's gold as text: yes/no, a 1-based option number, the expected JSON answer, a
    probability, or the reference explanation."""
    gold = item["gt_answer"]
    if task.answer == YES_NO:
        return {"1": "yes", "0": "no"}.get(str(gold), str(gold).strip().lower())
    if task.answer == OPTION:
        # the two-option files count options from 0, the others from 1
        return str(int(gold) + 1) if task.prompt == "pick" else str(int(gold))
    if task.answer == JSON_ANSWER:
        return str(gold).strip().lower()
    return str(gold)


def task_docs(task: CalmTask, lang: str, items: list[dict]) -> list[dict]:
    name = f"{task.stem}_{lang}"
    docs = []
    for item in items:
        text, options = build_prompt(task, lang, item)
        docs.append({"id": f"{name}/{item['index']}", "task": name, "language": lang, "answer_type": task.answer,
                     "prompt": text, "options": options, "gold": gold_answer(task, item)})
    return docs


def load_calm(calm_url: str = BASE_URL, cache_dir: str | None = None, **_metadata) -> DatasetDict:
    """lm-eval `custom_dataset`: the 92 task files' items (English, then Chinese, per task) from
    `<calm_url>/<rung>/<scenario>/<task>_<EN|CN>.json`.

    lm-eval calls it with the task's metadata as keyword arguments (a TaskManager's metadata reaches
    every task): `{"calm_url": ...}` points it at a mirror, `cache_dir` at a download cache."""
    base = calm_url.rstrip("/")
    pairs = [(t, lang) for t in TASKS for lang in LANGUAGES]
    paths = download([f"{base}/{t.folder}/{t.stem}_{lang}.json" for t, lang in pairs], cache_dir)
    docs = []
    for (task, lang), path in zip(pairs, paths):
        docs += task_docs(task, lang, read_json_lines(path))
    return DatasetDict({"test": Dataset.from_list(docs)})


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """The item's accuracy (ROUGE-L recall for the explanation task), overall and for its language."""
    value = score(doc, results[0])
    return {"accuracy": value, f"accuracy_{doc['language'].lower()}": value}
