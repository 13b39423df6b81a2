"""The ODA catalog is ingestible: every entry declares its format or column mapping (or says why not),
and one record of each declared dataset, shaped as its public card shows it, normalizes into a sample.

Record values say where they must end up: `ASK...` in a user turn, `SAY...` in an assistant turn,
`SYS...` in the system turn, `CTX...` in the user turn and in `extra.context`; other fields are
metadata the sample may drop.
"""
import json

import pytest

from catalogs.oda_schemas import SCHEMAS, UNKNOWN
from ingest.catalog import load_catalog
from ingest.formats import guess_format
from ingest.normalize import Normalizer

ODA = {e.hub_id: e for e in load_catalog("oda").datasets if e.hub_id != "a-m-team/AM-Thinking-v1-Distilled"}
AM = [e for e in load_catalog("oda").datasets if e.hub_id == "a-m-team/AM-Thinking-v1-Distilled"]

_ALPACA = {"instruction": "ASK instruction", "input": "ASK input", "output": "SAY output"}
_SHAREGPT = {"conversations": [{"from": "human", "value": "ASK turn"}, {"from": "gpt", "value": "SAY turn"}]}
_MESSAGES = {"id": "x-1", "messages": [{"role": "user", "content": "ASK msg"}, {"role": "assistant", "content": "SAY msg"}]}
_QUERY = {"query": "ASK query", "response": "SAY response"}
# NuminaMath repeats problem and solution as `messages`: detection would read those, the catalog reads
# the fields (problem_solution keeps the solution's final answer)
_COPY = {"messages": [{"role": "user", "content": "p"}, {"role": "assistant", "content": "s"}]}
DECLARED_OVER_DETECTED = {"AI-MO/NuminaMath-CoT", "AI-MO/NuminaMath-TIR"}

RECORDS = {
    "nomic-ai/gpt4all-j-prompt-generations": {"prompt": "ASK p", "response": "SAY r", "source": "unified_chip2"},
    "tatsu-lab/alpaca": {**_ALPACA, "text": "Below is an instruction ..."},
    "vicgalle/alpaca-gpt4": {**_ALPACA, "text": "Below is an instruction ..."},
    "databricks/databricks-dolly-15k": {"instruction": "ASK When did Virgin Australia start?",
                                        "context": "CTX Virgin Australia commenced services on 31 August 2000.",
                                        "response": "SAY 31 August 2000.", "category": "closed_qa"},
    "WizardLMTeam/WizardLM_evol_instruct_70k": {"instruction": "ASK evolve", "output": "SAY evolved"},
    "WizardLMTeam/WizardLM_evol_instruct_V2_196k": {"idx": "a1", **_SHAREGPT},
    "GAIR/lima": {"conversations": ["ASK first", "SAY second", "ASK third", "SAY fourth"], "source": "stackexchange"},
    "teknium/OpenHermes-2.5": {"conversations": [{"from": "system", "value": "SYS be brief", "weight": None},
                                                 {"from": "human", "value": "ASK h", "weight": None},
                                                 {"from": "gpt", "value": "SAY g", "weight": None}],
                               "source": "airoboros2.2", "category": "orca"},
    "yizhongw/self_instruct": {"prompt": "ASK Make a list.\n\nOutput:", "completion": "SAY a, b"},
    "allenai/tulu-3-sft-mixture": {**_MESSAGES, "source": "ai2-adapt-dev/flan"},
    "QuixiAI/dolphin": {"instruction": "SYS You are an AI assistant.", "input": "ASK Translate: hi",
                        "output": "SAY salut"},
    "hakurei/open-instruct-v1": dict(_ALPACA),
    "Locutusque/hercules-v1.0": dict(_ALPACA),
    "garage-bAInd/Open-Platypus": {**_ALPACA, "data_source": "scibench", "license": "mit"},
    "openai/gsm8k": {"question": "ASK Natalia sold 48 clips.", "answer": "SAY She sold 48/2 = 24.\n#### 72"},
    "qwedsacf/competition_math": {"problem": "ASK 1+1?", "level": "Level 1", "type": "Algebra",
                                  "solution": "SAY $\\boxed{2}$"},
    "nvidia/OpenMathInstruct-2": {"problem": "ASK p", "generated_solution": "SAY s \\boxed{3}", "expected_answer": "3",
                                  "problem_source": "augmented_math"},
    "AI-MO/NuminaMath-CoT": {"source": "olympiads", "problem": "ASK p", "solution": "SAY \\boxed{1}", **_COPY},
    "AI-MO/NuminaMath-TIR": {"problem": "ASK p", "solution": "SAY \\boxed{1}", **_COPY},
    "AI-MO/NuminaMath-1.5": {"problem": "ASK p", "solution": "SAY s", "answer": "1", "problem_type": "Algebra",
                             "question_type": "math-word-problem", "source": "olympiads", "synthetic": False},
    "meta-math/MetaMathQA": {"type": "GSM_Rephrased", "query": "ASK q", "original_question": "o",
                             "response": "SAY The answer is: 5"},
    "TIGER-Lab/MathInstruct": {"source": "data/CoT/aqua_rat.json", "instruction": "ASK i", "output": "SAY o"},
    "allenai/math_qa": {"Problem": "ASK a train runs 60 km in 1 h; speed?", "Rationale": "SAY 60 / 1 = 60",
                        "options": "ASK a ) 50 , b ) 60 , c ) 70", "correct": "b",
                        "annotated_formula": "divide(60, 1)", "linear_formula": "divide(n0,n1)|",
                        "category": "physics"},
    "camel-ai/math": {"role_1": "Mathematician_RoleType.ASSISTANT", "topic;": "Algebra", "sub_topic": "Linear",
                      "message_1": "ASK Solve 2x = 4.", "message_2": "SAY x = 2"},
    "SkunkworksAI/reasoning-0.01": {"instruction": "ASK i", "reasoning": "r", "output": "SAY o",
                                    "reasoning_chains": [{"step": 1, "thought": "t"}]},
    "allenai/tulu-3-sft-personas-math": {**_MESSAGES, "prompt": "ASK msg"},
    "allenai/tulu-3-sft-personas-algebra": {**_MESSAGES, "prompt": "ASK msg"},
    "dyyyyyyyy/ScaleQuest-Math": dict(_QUERY),
    "zwhe99/DeepMath-103K": {"question": "ASK q", "final_answer": "7", "difficulty": 5.0, "topic": "Algebra",
                             "r1_solution_1": "SAY s1", "r1_solution_2": "s2", "r1_solution_3": "s3"},
    "microsoft/orca-math-word-problems-200k": {"question": "ASK q", "answer": "SAY a"},
    "hkust-nlp/dart-math-hard": dict(_QUERY),
    "TIGER-Lab/WebInstruct-CFT": dict(_ALPACA),
    "open-r1/OpenR1-Math-220k": {"problem": "p", "solution": "s", "answer": "1", "problem_type": "Algebra",
                                 "generations": ["g"], **_MESSAGES},
    "GAIR/LIMO": {"question": "ASK q", "solution": "SAY s \\boxed{4}", "answer": "4"},
    "GAIR/LIMO-v2": {"question": "ASK q", "solution": "SAY s \\boxed{4}", "answer": "4"},
    "agentica-org/DeepScaleR-Preview-Dataset": {"problem": "ASK p", "answer": "2", "solution": "SAY \\boxed{2}"},
    "MegaScience/MegaScience": {"question": "ASK q", "answer": "SAY a", "subject": "physics",
                                "reference_answer": "a", "source": "textbook"},
    "MegaScience/TextbookReasoning": {"question": "ASK q", "answer": "SAY a", "subject": "biology",
                                      "reference_answer": "a"},
    "sahil2801/CodeAlpaca-20k": dict(_ALPACA),
    "m-a-p/CodeFeedback-Filtered-Instruction": {"query": "ASK write fizzbuzz", "answer": "SAY for i in ...",
                                                "resource": "wizardcoder", "lang": "python"},
    "theblackcat102/evol-codealpaca-v1": {"instruction": "ASK i", "output": "SAY o"},
    "ise-uiuc/Magicoder-OSS-Instruct-75K": {"lang": "python", "raw_index": 1, "index": 1, "seed": "def f(): ...",
                                            "openai_fingerprint": "fp_1", "problem": "ASK p", "solution": "SAY s"},
    "m-a-p/Code-Feedback": dict(_MESSAGES),
    "bigcode/self-oss-instruct-sc2-exec-filter-50k": {"fingerprint": None, "sha1": "0" * 40, "seed": "def f(): ...",
                                                      "response": "SAY code", "concepts": ["loops"],
                                                      "prompt": "Provide the best response", "instruction": "ASK i",
                                                      "id": 1},
    "allenai/tulu-3-sft-personas-code": {**_MESSAGES, "prompt": "ASK msg"},
    "KodCode/KodCode-V1": {"version": "v1.0", "style": "instruct", "subset": "Leetcode", "question_id": "L_1",
                           "question": "ASK q", "solution": "SAY def f(): ...", "test": "def test_f(): ...",
                           "test_info": [], "gpt_pass_sequence": [1], "gpt_pass_trial_num": 1,
                           "gpt_difficulty": "easy", "gpt_pass_percentage": 1.0},
    "codeparrot/self-instruct-starcoder": {"instruction": "ASK i", "output": "SAY o", "most_similar": "{}",
                                           "avg_similarity_score": 0.3},
    "nickrosh/Evol-Instruct-Code-80k-v1": {"instruction": "ASK i", "output": "SAY o"},
    "iamtarun/code_instructions_120k_alpaca": {**_ALPACA, "prompt": "Below is an instruction ..."},
    "iamtarun/python_code_instructions_18k_alpaca": {**_ALPACA, "prompt": "Below is an instruction ..."},
    "ajibawa-2023/Python-Code-23k-ShareGPT": {"id": "1", **_SHAREGPT},
    "ajibawa-2023/Code-290k-ShareGPT": {"id": "1", **_SHAREGPT},
    "ajibawa-2023/Code-74k-ShareGPT": {"id": "1", **_SHAREGPT},
    "likaixin/InstructCoder": {"id": "1", **_ALPACA},
    "gretelai/synthetic_text_to_sql": {
        "id": 5097, "domain": "forestry", "domain_description": "Comprehensive data on forestry.",
        "sql_complexity": "single join", "sql_complexity_description": "only one join",
        "sql_task_type": "analytics and reporting", "sql_task_type_description": "generating reports",
        "sql_prompt": "ASK What is the total volume of timber sold by each salesperson?",
        "sql_context": "CTX CREATE TABLE salesperson (salesperson_id INT, name TEXT);",
        "sql": "SAY SELECT name, SUM(volume) FROM salesperson GROUP BY name;",
        "sql_explanation": "Joins the tables and sums the volume."},
    "arviii/sql-create-context": {"question": "ASK How many heads of the departments are older than 56?",
                                  "context": "CTX CREATE TABLE head (age INTEGER)",
                                  "answer": "SAY SELECT COUNT(*) FROM head WHERE age > 56"},
    "argilla/apigen-function-calling": {"query": "ASK Where can I find live giveaways?",
                                        "answers": "SAY [{\"name\": \"live_giveaways_by_type\"}]",
                                        "tools": "[{\"name\": \"live_giveaways_by_type\"}]", "id": 1},
    "Nan-Do/instructional_code-search-net-python": {"INSTRUCTION": "ASK Write a Python 3 function",
                                                    "RESPONSE": "SAY def f(): ...", "SOURCE": "codesearchnet"},
    "amphora/QwQ-LongCoT-130K": {"problem": "ASK p", "qwq": "SAY long thought", "source": "NuminaMath",
                                 "split": "train"},
    "amphora/QwQ-LongCoT-130K-2": {"problem": "ASK p", "qwq": "SAY long thought", "source": "NuminaMath",
                                   "split": "train"},
    "bespokelabs/Bespoke-Stratos-17k": {"system": "SYS think first", "conversations": [
        {"from": "user", "value": "ASK u"}, {"from": "assistant", "value": "SAY a"}]},
    "open-thoughts/OpenThoughts-114k": {"system": "SYS think first", "conversations": [
        {"from": "user", "value": "ASK u"}, {"from": "assistant", "value": "SAY a"}]},
    "open-thoughts/OpenThoughts3-1.2M": {"difficulty": 5, "source": "ai2-adapt-dev", "domain": "math", **_SHAREGPT},
    "O1-OPEN/OpenO1-SFT": {"instruction": "ASK i", "output": "SAY <Thought> t </Thought> <Output> o </Output>"},
    "Magpie-Align/Magpie-Reasoning-V2-250K-CoT-Deepseek-R1-Llama-70B": {
        "uuid": "u", "instruction": "i", "response": "r", **_SHAREGPT, "gen_input_configs": {}},
    "Magpie-Align/Magpie-Reasoning-V1-150K": {"uuid": "u", "instruction": "i", "response": "r", **_SHAREGPT},
    "Magpie-Align/Magpie-Reasoning-V2-250K-CoT-QwQ": {"uuid": "u", "instruction": "i", "response": "r", **_SHAREGPT},
    "KingNish/reasoning-base-20k": {"user": "ASK u", "reasoning": "r", "assistant": "SAY a"},
    "FreedomIntelligence/medical-o1-reasoning-SFT": {"Question": "ASK q", "Complex_CoT": "c", "Response": "SAY r"},
    "whynlp/gsm8k-aug": {"question": "ASK q", "cot": "SAY <<2*3=6>>", "answer": "6"},
    "open-r1/codeforces-cots": {"id": "1", "contest_id": "1", **_MESSAGES},
}
AM_RECORD = {"conversations": [
    {"from": "human", "value": "ASK solve", "info": {"source": "natural_reasoning"}},
    {"from": "assistant", "value": "SAY <think>t</think><answer>a</answer>", "info": {"source": "am"}}]}


def test_every_entry_declares_its_schema_or_why_not():
    entries = load_catalog("oda").datasets
    assert len(entries) == 105
    for e in entries:
        if e.hub_id in UNKNOWN:
            assert e.format == "auto" and "schema:unknown" in e.tags
            assert e.format_note and e.format_note.startswith("schema unknown: ")
        else:
            assert e.format not in ("auto", None), e.id
            assert e.format_note is None
    assert set(RECORDS) | {AM[0].hub_id} == set(SCHEMAS)


def _where(sample: dict) -> dict[str, str]:
    by_role: dict[str, str] = {}
    for m in sample["messages"]:
        by_role[m["role"]] = by_role.get(m["role"], "") + "\n" + m["content"]
    return by_role


@pytest.mark.parametrize("hub_id", sorted(RECORDS) + [AM[0].hub_id])
def test_one_record_of_each_declared_dataset_normalizes(hub_id):
    entries = AM if hub_id == AM[0].hub_id else [ODA[hub_id]]
    record = AM_RECORD if entries is AM else RECORDS[hub_id]
    for entry in entries:
        sample = Normalizer(entry.id, entry.format, columns=entry.columns).normalize(0, json.dumps(record))
        turns = _where(sample)
        extra = json.loads(sample["extra"] or "{}")
        for field, value in record.items():
            values = [value] if isinstance(value, str) else \
                [v.get("value", v.get("content")) if isinstance(v, dict) else v for v in value] \
                if isinstance(value, list) else []
            for v in (v for v in values if isinstance(v, str)):
                role = {"ASK": "user", "SAY": "assistant", "SYS": "system", "CTX": "user"}.get(v[:3])
                if role:
                    assert v in turns.get(role, ""), f"{hub_id}: {field} is not in the {role} turn"
                if v.startswith("CTX"):
                    assert extra["context"] == v, f"{hub_id}: {field} is not kept as context"
        assert turns.get("user", "").strip() and turns.get("assistant", "").strip()
        if entry.format != "columns" and hub_id not in DECLARED_OVER_DETECTED:
            assert guess_format(record) == entry.format, f"{hub_id}: detection disagrees with the declared format"


def test_sql_context_goes_after_the_question_in_the_user_turn():
    entry = ODA["gretelai/synthetic_text_to_sql"]
    sample = Normalizer(entry.id, entry.format, columns=entry.columns).normalize(
        0, json.dumps(RECORDS["gretelai/synthetic_text_to_sql"]))
    user = sample["messages"][0]["content"]
    assert user == ("ASK What is the total volume of timber sold by each salesperson?\n\n"
                    "CTX CREATE TABLE salesperson (salesperson_id INT, name TEXT);")
    assert sample["messages"][1] == {"role": "assistant",
                                     "content": "SAY SELECT name, SUM(volume) FROM salesperson GROUP BY name;"}
