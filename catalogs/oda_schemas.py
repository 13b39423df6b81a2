"""How each ODA leaderboard dataset's records map to a sample, as its public Hub card and data viewer
describe them: the format (`ingest.formats`), or a column mapping for fields no format knows, and the
config, split or data files that hold ODA's training set when the repository's default is not it.

`catalogs/build_oda.py` writes these into `catalogs/oda.yaml`. A dataset whose fields could not be
confirmed without a network is listed in UNKNOWN with the reason; its entry keeps `format: auto`
(detection on the first records) and says why in `format_note`, rather than declaring a guess.
"""
from __future__ import annotations


def _cols(**mapping: str) -> dict:
    return {"format": "columns", "columns": mapping}


def _fmt(name: str, **source) -> dict:
    return {"format": name, **({"source": source} if source else {})}


SCHEMAS: dict[str, dict] = {
    # --- general -----------------------------------------------------------------------------------
    "nomic-ai/gpt4all-j-prompt-generations": _fmt("prompt_completion"),          # prompt, response, source
    "tatsu-lab/alpaca": _fmt("alpaca"),                                          # instruction, input, output, text
    "vicgalle/alpaca-gpt4": _fmt("alpaca"),                                      # instruction, input, output, text
    "databricks/databricks-dolly-15k": _cols(instruction="instruction", context="context", response="response"),
    "WizardLMTeam/WizardLM_evol_instruct_70k": _fmt("alpaca"),                   # instruction, output
    "WizardLMTeam/WizardLM_evol_instruct_V2_196k": _fmt("sharegpt"),             # idx, conversations
    "GAIR/lima": _fmt("sharegpt"),                        # conversations: [str, ...] alternating, source
    "teknium/OpenHermes-2.5": _fmt("sharegpt"),                                  # conversations [{from, value}]
    "yizhongw/self_instruct": _fmt("prompt_completion", config="self_instruct"),  # prompt, completion
    "allenai/tulu-3-sft-mixture": _fmt("openai"),                                # id, messages, source
    # instruction holds the system prompt, input the question
    "QuixiAI/dolphin": {**_cols(system="instruction", instruction="input", response="output"),
                        "source": {"data_files": "flan1m-alpaca-uncensored.jsonl"}},
    "hakurei/open-instruct-v1": _fmt("alpaca"),                                  # instruction, input, output
    "Locutusque/hercules-v1.0": _fmt("alpaca"),                                  # instruction, input, output
    "garage-bAInd/Open-Platypus": _fmt("alpaca"),                    # instruction, input, output, data_source
    # --- math --------------------------------------------------------------------------------------
    "openai/gsm8k": _fmt("question_answer", config="main"),                      # question, answer
    "qwedsacf/competition_math": _fmt("problem_solution"),                       # problem, level, type, solution
    "nvidia/OpenMathInstruct-2": _cols(instruction="problem", response="generated_solution", answer="expected_answer"),
    "AI-MO/NuminaMath-CoT": _fmt("problem_solution"),                            # source, problem, solution, messages
    "AI-MO/NuminaMath-TIR": _fmt("problem_solution"),                            # problem, solution, messages
    "AI-MO/NuminaMath-1.5": _fmt("problem_solution"),                            # problem, solution, answer, ...
    "meta-math/MetaMathQA": _fmt("prompt_completion"),                 # type, query, original_question, response
    "TIGER-Lab/MathInstruct": _fmt("alpaca"),                                    # source, instruction, output
    "allenai/math_qa": _cols(instruction="Problem", input="options", response="Rationale", answer="correct"),
    "camel-ai/math": _cols(instruction="message_1", response="message_2"),       # role_1, topic;, sub_topic, ...
    "SkunkworksAI/reasoning-0.01": _fmt("alpaca"),                   # instruction, reasoning, output, ...
    "allenai/tulu-3-sft-personas-math": _fmt("openai"),                          # id, prompt, messages
    "allenai/tulu-3-sft-personas-algebra": _fmt("openai"),                       # id, prompt, messages
    "dyyyyyyyy/ScaleQuest-Math": _fmt("prompt_completion"),                      # query, response
    "zwhe99/DeepMath-103K": _cols(instruction="question", response="r1_solution_1", answer="final_answer"),
    "microsoft/orca-math-word-problems-200k": _fmt("question_answer"),           # question, answer
    "hkust-nlp/dart-math-hard": _fmt("prompt_completion"),                       # query, response
    "TIGER-Lab/WebInstruct-CFT": _fmt("alpaca", config="WebInstruct-CFT-50K"),   # instruction, input, output
    "open-r1/OpenR1-Math-220k": _fmt("openai"),                      # problem, solution, answer, messages, ...
    "GAIR/LIMO": _cols(instruction="question", response="solution", answer="answer"),
    "GAIR/LIMO-v2": _cols(instruction="question", response="solution", answer="answer"),
    "agentica-org/DeepScaleR-Preview-Dataset": _fmt("problem_solution"),         # problem, answer, solution
    "MegaScience/MegaScience": _fmt("question_answer"),              # question, answer, subject, reference_answer
    "MegaScience/TextbookReasoning": _fmt("question_answer"),        # question, answer, subject, reference_answer
    # --- code --------------------------------------------------------------------------------------
    "sahil2801/CodeAlpaca-20k": _fmt("alpaca"),                                  # instruction, input, output
    "m-a-p/CodeFeedback-Filtered-Instruction": _cols(instruction="query", response="answer"),  # query, answer, ...
    "theblackcat102/evol-codealpaca-v1": _fmt("alpaca"),                         # instruction, output
    "ise-uiuc/Magicoder-OSS-Instruct-75K": _fmt("problem_solution"),             # lang, seed, problem, solution
    "m-a-p/Code-Feedback": _fmt("openai"),                                       # id, messages
    "bigcode/self-oss-instruct-sc2-exec-filter-50k": _fmt("alpaca"),             # instruction, response, ...
    "allenai/tulu-3-sft-personas-code": _fmt("openai"),                          # id, prompt, messages
    "KodCode/KodCode-V1": _cols(instruction="question", response="solution"),    # question, solution, test, ...
    "codeparrot/self-instruct-starcoder": _fmt("alpaca", split="curated"),       # instruction, output; no train split
    "nickrosh/Evol-Instruct-Code-80k-v1": _fmt("alpaca"),                        # instruction, output
    "iamtarun/code_instructions_120k_alpaca": _fmt("alpaca"),                    # instruction, input, output, prompt
    "iamtarun/python_code_instructions_18k_alpaca": _fmt("alpaca"),              # instruction, input, output, prompt
    "ajibawa-2023/Python-Code-23k-ShareGPT": _fmt("sharegpt"),                   # id, conversations
    "ajibawa-2023/Code-290k-ShareGPT": _fmt("sharegpt"),                         # id, conversations
    "ajibawa-2023/Code-74k-ShareGPT": _fmt("sharegpt"),                          # id, conversations
    "likaixin/InstructCoder": _fmt("alpaca"),                                    # id, instruction, input, output
    "gretelai/synthetic_text_to_sql": _cols(instruction="sql_prompt", context="sql_context", response="sql"),
    "arviii/sql-create-context": _fmt("question_answer"),        # question, context (CREATE TABLE ...), answer
    "argilla/apigen-function-calling": _cols(instruction="query", response="answers"),   # query, answers, tools
    "Nan-Do/instructional_code-search-net-python": _cols(instruction="INSTRUCTION", response="RESPONSE"),
    # --- reasoning ---------------------------------------------------------------------------------
    "amphora/QwQ-LongCoT-130K": _cols(instruction="problem", response="qwq"),    # problem, qwq, source, split
    "amphora/QwQ-LongCoT-130K-2": _cols(instruction="problem", response="qwq"),
    "bespokelabs/Bespoke-Stratos-17k": _fmt("sharegpt"),                         # system, conversations
    "open-thoughts/OpenThoughts-114k": _fmt("sharegpt"),                         # system, conversations
    "open-thoughts/OpenThoughts3-1.2M": _fmt("sharegpt"),                        # difficulty, source, domain, conversations
    "O1-OPEN/OpenO1-SFT": _fmt("alpaca"),                                        # instruction, output
    "Magpie-Align/Magpie-Reasoning-V2-250K-CoT-Deepseek-R1-Llama-70B": _fmt("sharegpt"),  # uuid, instruction, response, conversations
    "Magpie-Align/Magpie-Reasoning-V1-150K": _fmt("sharegpt"),
    "Magpie-Align/Magpie-Reasoning-V2-250K-CoT-QwQ": _fmt("sharegpt"),
    "KingNish/reasoning-base-20k": _cols(instruction="user", response="assistant"),       # user, reasoning, assistant
    "FreedomIntelligence/medical-o1-reasoning-SFT": {**_cols(instruction="Question", response="Response"),
                                                     "source": {"config": "en"}},  # Question, Complex_CoT, Response
    "a-m-team/AM-Thinking-v1-Distilled": _fmt("sharegpt"),      # conversations [{from, value, info}]; config per row
    "whynlp/gsm8k-aug": _cols(instruction="question", response="cot", answer="answer"),    # question, cot, answer
    "open-r1/codeforces-cots": _fmt("openai", config="solutions"),               # messages, ...
}

# Fields not confirmed from a public card or viewer page available offline: ingest detects the format
# from the first records and reports what it cannot map.
UNKNOWN: dict[str, str] = {
    "microsoft/orca-agentinstruct-1M-v1": "messages are stored as a JSON string and the splits are per task "
                                          "(no train split); which splits ODA used is not stated",
    "Mxode/Magpie-Pro-10K-GPT4o-mini": "record fields not known from the card",
    "cyzhh/MMOS": "record fields not known from the card",
    "gretelai/gretel-math-gsm8k-v1": "record fields not known from the card",
    "ajibawa-2023/Maths-College": "record fields not known from the card",
    "ajibawa-2023/Maths-Grade-School": "record fields not known from the card",
    "TIGER-Lab/MATH-plus": "record fields not known from the card",
    "PawanKrd/math-gpt-4o-200k": "record fields not known from the card",
    "QizhiPei/MathFusionQA": "record fields not known from the card",
    "rubenroy/GammaCorpus-CoT-Math-170k": "{input, output} with a separate chain-of-thought field whose name "
                                          "is not confirmed; which field is the response is unknown",
    "OpenCoder-LLM/opc-sft-stage1": "several configs (filtered_infinity_instruct, largescale_diverse_instruct, "
                                    "realuser_instruct); which ODA used is not stated",
    "OpenCoder-LLM/opc-sft-stage2": "several configs (educational_instruct, evol_instruct, mceval_instruct, "
                                    "package_instruct); which ODA used is not stated",
    "Vezora/Open-Critic-GPT": "record fields not known from the card",
    "smcleod/golang-coder": "record fields not known from the card",
    "microsoft/EpiCoder-func-380k": "record fields not known from the card",
    "likaixin/TACO-verified": "solutions are a list of programs per problem; which one is the response is not "
                              "stated",
    "gretelai/gretel-text-to-python-fintech-en-v1": "record fields not known from the card",
    "Tensoic/FrontendCookbook": "record fields not known from the card",
    "ServiceNow-AI/R1-Distill-SFT": "configs v0 and v1 carry different fields; which ODA used is not stated",
    "GAIR/o1-journey": "record fields not known from the card",
    "sequelbox/Raiden-DeepSeek-R1": "record fields not known from the card",
    "EricLu/SCP-116K": "several solution fields (matched, o1, qwq); which is the response is not stated",
    "qihoo360/Light-R1-SFTData": "two stages in separate files; which ODA used is not stated",
    "RabotniKuma/Fast-Math-R1-SFT": "record fields not known from the card",
    "microsoft/rStar-Coder": "several configs with different fields; which ODA used is not stated",
    "olegshulyakov/doocs-leetcode-solutions": "record fields not known from the card",
    "sequelbox/DAG-Reasoning-DeepSeek-R1-0528": "record fields not known from the card",
    "PrimeIntellect/SYNTHETIC-2-SFT-verified": "prompt and completion may be message lists; not confirmed",
    "alibaba-pai/OmniThought-0528": "reasoning is a list of scored responses per question; which one is the "
                                    "response is not stated",
    "allenai/omega-explorative": "record fields not known from the card",
    "efficientscaling/Z1-Code-Reasoning-107K": "record fields not known from the card",
    "miromind-ai/MiroMind-M1-SFT-719K": "record fields not known from the card",
}
