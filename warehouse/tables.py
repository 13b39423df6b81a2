"""Every lake table the arena writes: its name, schema, what one partition holds and who writes it.

Writers take a table's name and schema from here, so a name means one table everywhere. dbt reads the
same list: its source definitions and the empty relation each table falls back to before its first
partition exists are generated from it (`python -m warehouse.tables`, see `warehouse.dbt_sources`),
and a test fails when the generated files and this registry disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class LakeTable:
    """One lake table. `partition` says what a partition key is; `asset` is the Dagster asset that
    writes the table; `source` is the dbt source group that reads it (None: no SQL reads it).
    `own_asset` is False for a table written beside its asset's main table: dbt then names it by
    source and table instead of linking it to the asset."""

    name: str
    schema: pa.Schema | None
    partition: str
    asset: str
    source: str | None
    description: str
    own_asset: bool = True

    @property
    def dbt_asset_key(self) -> str | None:
        return self.asset if self.own_asset and self.source else None

    def from_batches(self, batches: list[pa.RecordBatch]) -> pa.Table:
        """The batches as one table of this schema; the empty table when there are none."""
        return pa.Table.from_batches(batches, schema=self.schema) if batches else self.schema.empty_table()


# --- ingest ----------------------------------------------------------------------------------------------
MESSAGE_TYPE = pa.struct([("role", pa.string()), ("content", pa.string())])

CATALOG = LakeTable("catalog", pa.schema([
    ("catalog", pa.string()), ("dataset_id", pa.string()), ("name", pa.string()), ("domain", pa.string()),
    ("role", pa.string()), ("license", pa.string()), ("release_date", pa.date32()), ("homepage", pa.string()),
    ("paper", pa.string()), ("parents", pa.list_(pa.string())), ("declared_size", pa.int64()),
    ("tags", pa.list_(pa.string())), ("source_kind", pa.string()), ("source", pa.string()),
    ("hub_id", pa.string()), ("format", pa.string()), ("description", pa.string()),
]), partition="catalog name", asset="dataset_catalog", source="arena",
    description="Catalogued datasets, one partition per catalog file.")

HUB_CARDS = LakeTable("hub_cards", pa.schema([
    ("dataset_id", pa.string()), ("hub_id", pa.string()), ("license", pa.string()), ("fetched_at", pa.string()),
    ("error", pa.string()),
]), partition="catalog name", asset="dataset_catalog", source="arena", own_asset=False,
    description="Licences read from Hub cards for catalog entries that state none (cached fetches), one "
                "partition per catalog; written by the dataset_catalog asset beside the catalog table.")

RAW_RECORDS = LakeTable("raw_records", pa.schema([
    ("dataset_id", pa.string()),
    ("record_index", pa.int64()),
    ("source_file", pa.string()),
    ("raw_bytes", pa.int64()),
    ("record_json", pa.string()),   # the parsed record re-serialized as JSON (keys in source order)
]), partition="dataset id", asset="raw_datasets", source="arena",
    description="The raw snapshot of each source, one row per parsed record.")

REJECT_SCHEMA = pa.schema([
    ("dataset_id", pa.string()),
    ("record_index", pa.int64()),
    ("stage", pa.string()),         # 'read' (parsing the source) or 'normalize'
    ("reason_code", pa.string()),   # stable code for SQL: malformed_json, invalid_utf8, empty_text, ...
    ("reason", pa.string()),        # the full, human-readable message
    ("source_file", pa.string()),
    ("raw_excerpt", pa.string()),   # the first 500 characters of the record as read
])

REJECTS_READ = LakeTable("rejects_read", REJECT_SCHEMA, partition="dataset id", asset="rejects_read", source="arena",
                         description="Records that could not be parsed from the source.")

# A normalized sample is one conversation: `messages` keeps every turn with its role, the system prompt
# included; `instruction_text` (system prompt, user turns, any `input`) and `response_text` (assistant
# turns) are derived views of it for scorers that look at one side.
SAMPLES = LakeTable("samples", pa.schema([
    ("dataset_id", pa.string()),
    # content hash of the conversation (messages only): equal conversations share it across datasets
    ("sample_id", pa.string()),
    # position of the source record in the dataset's source order: the key of a row within a dataset
    ("record_index", pa.int64()),
    ("messages", pa.list_(MESSAGE_TYPE)),
    ("system", pa.string()),
    ("instruction_text", pa.string()),
    ("response_text", pa.string()),
    ("n_turns", pa.int32()),          # user turns
    ("n_messages", pa.int32()),
    ("instruction_chars", pa.int64()),
    ("response_chars", pa.int64()),
    ("instruction_words", pa.int64()),
    ("response_words", pa.int64()),
    # True for the 2nd and later occurrences of the same sample_id inside the dataset
    ("is_duplicate", pa.bool_()),
    ("source_format", pa.string()),
    # extra source fields kept as JSON (e.g. a benchmark's gold answer, tools), never parsed downstream
    ("extra", pa.string()),
]), partition="dataset id", asset="normalized_samples", source="arena",
    description="Normalized samples, one row per conversation.")

REJECTS_NORMALIZE = LakeTable("rejects_normalize", REJECT_SCHEMA, partition="dataset id", asset="rejects_normalize",
                              source="arena", description="Parsed records that do not normalize into a conversation.")

DEMO_GROUND_TRUTH = LakeTable("demo_ground_truth", pa.schema([
    ("kind", pa.string()), ("source", pa.string()), ("target", pa.string()), ("relationship", pa.string()),
    ("benchmark", pa.string()), ("items", pa.list_(pa.int64())),
]), partition="version of the demo's truth file (v<N>)", asset="demo_ground_truth", source=None,
    description="What the demo datasets were built to show (rankings, derivations, leaks), for tests to check.")

# --- scoring ---------------------------------------------------------------------------------------------
SCORE_SCHEMA = pa.schema([
    ("dataset_id", pa.string()),
    ("sample_id", pa.string()),
    ("record_index", pa.int64()),
    ("scorer", pa.string()),          # scorer instance: <side>_<name>, e.g. a_mtld
    ("scorer_version", pa.string()),
    ("side", pa.string()),            # Q, A or QA
    ("dimension", pa.string()),       # <side>_<dimension>, unique across the table, e.g. a_mtld
    ("value", pa.float64()),          # NULL = not applicable
    ("truncated", pa.bool_()),        # some input was cut to fit a model (recorded, never silent)
    ("windows", pa.int32()),          # windows a long text was scored in (1 = whole)
])

DIMENSION_SCHEMA = pa.schema([
    ("dataset_id", pa.string()),
    ("scorer", pa.string()),
    ("scorer_name", pa.string()),
    ("scorer_version", pa.string()),
    ("category", pa.string()),
    ("kind", pa.string()),
    ("side", pa.string()),
    ("model", pa.string()),
    ("dimension", pa.string()),
    ("description", pa.string()),
    ("higher_is_better", pa.bool_()),
    ("range_min", pa.float64()),
    ("range_max", pa.float64()),
])

SAMPLE_SCORES = LakeTable("sample_scores", SCORE_SCHEMA, partition="dataset id", asset="sample_scores", source="scoring",
                          description="One row per sample x dimension (value NULL = not applicable), with truncation "
                                      "and windows.")

SET_SCORES = LakeTable("set_scores", pa.schema([
    ("dataset_id", pa.string()),
    ("scorer", pa.string()),
    ("scorer_version", pa.string()),
    ("side", pa.string()),
    ("dimension", pa.string()),
    ("value", pa.float64()),
    ("n_samples", pa.int64()),
    ("n_used", pa.int64()),
    ("method", pa.string()),
]), partition="dataset id", asset="set_scores", source="scoring",
    description="One row per dataset x setwise dimension, with how it was computed (exact or sampled).")

SCORE_DIMENSIONS = LakeTable("score_dimensions", DIMENSION_SCHEMA, partition="dataset id", asset="score_dimensions",
                             source="scoring", description="The scorers' metadata per dimension (description, "
                                                           "direction, range), written with sample_scores.")

JUDGE_SCORES = LakeTable("judge_scores", SCORE_SCHEMA, partition="dataset id", asset="judge_scores", source="scoring",
                         description="LLM-judge scores (integers 1-10), same long format as sample_scores.")

JUDGE_ERRORS = LakeTable("judge_errors", pa.schema([
    ("run_id", pa.string()),           # the run that made the attempt (history is kept across runs)
    ("dataset_id", pa.string()),
    ("sample_id", pa.string()),
    ("record_index", pa.int64()),
    ("judge_model", pa.string()),
    ("rubric_version", pa.string()),
    ("attempt", pa.int32()),
    ("error_kind", pa.string()),     # rate_limited, server_error, timeout, connection, malformed_output, client_error
    ("message", pa.string()),
    ("final", pa.bool_()),           # True: the sample was given up on in this run (no score)
    ("at", pa.timestamp("us", tz="UTC")),
]), partition="dataset id (every judge run appends its rows)", asset="judge_errors", source="scoring",
    description="Every failed judge attempt with its kind, attempt number and whether it was final.")

JUDGE_USAGE = LakeTable("judge_usage", pa.schema([
    ("run_id", pa.string()),           # one row per run and rubric: sum over runs = total spend
    ("at", pa.timestamp("us", tz="UTC")),
    ("dataset_id", pa.string()),
    ("judge_model", pa.string()),
    ("rubric_version", pa.string()),
    ("samples", pa.int64()),           # distinct samples asked for
    ("cache_hits", pa.int64()),
    ("requests", pa.int64()),          # HTTP requests made (attempts)
    ("judged", pa.int64()),            # samples newly judged in this run
    ("failed", pa.int64()),            # samples given up on
    ("prompt_tokens", pa.int64()),
    ("completion_tokens", pa.int64()),
]), partition="dataset id (every judge run appends its rows)", asset="judge_usage", source="scoring",
    description="Judge requests, cache hits and tokens per dataset, rubric and run.")

JUDGE_DIMENSIONS = LakeTable("judge_dimensions", DIMENSION_SCHEMA, partition="dataset id", asset="judge_dimensions",
                             source="scoring", description="Judge dimensions' metadata, same layout as score_dimensions.")

SAMPLE_DOMAINS = LakeTable("sample_domains", pa.schema([
    ("dataset_id", pa.string()),
    ("sample_id", pa.string()),
    ("record_index", pa.int64()),
    ("domain", pa.string()),           # the classifier's class (scoring/domains/labels.py: DOMAINS)
    ("confidence", pa.float64()),      # its probability
    ("keyword_domain", pa.string()),   # the keyword baseline's class, for comparison
    ("model_id", pa.string()),         # which model file classified it (its training time)
]), partition="dataset id", asset="sample_domains", source="scoring",
    description="Each sample's domain from the MiniLM classifier, its probability, and the keyword baseline's domain.")

# --- training --------------------------------------------------------------------------------------------
# Partitioned by `<dataset_id>__<protocol>` (baselines: `__base__` / `__instruct__` as the dataset); every
# row carries dataset_id, protocol and run_id, so SQL never parses folder names.
PAIR_PARTITION = "<dataset id>__<protocol> (baselines: __base__ / __instruct__ as the dataset)"

TRAINING_RUNS = LakeTable("training_runs", pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()),
    ("protocol_version", pa.int32()), ("protocol_hash", pa.string()), ("dataset_fingerprint", pa.string()),
    ("base_model", pa.string()), ("finetune", pa.string()), ("n_samples", pa.int64()),
    ("n_available", pa.int64()), ("steps", pa.int64()), ("epochs", pa.float64()), ("tokens_seen", pa.int64()),
    ("train_loss", pa.float64()), ("final_loss", pa.float64()), ("wall_s", pa.float64()), ("train_runtime_s", pa.float64()),
    ("device_type", pa.string()), ("device_name", pa.string()), ("device_count", pa.int32()),
    ("precision", pa.string()),   # what ran: the protocol's on GPU, bf16 or fp32 on CPU
    ("per_device_batch", pa.int32()), ("grad_accum", pa.int32()), ("global_batch", pa.int32()),
    ("resumed_from_step", pa.int64()), ("model_dir", pa.string()),
    ("started_at", pa.timestamp("s", tz="UTC")), ("finished_at", pa.timestamp("s", tz="UTC")),
]), partition=PAIR_PARTITION, asset="training_run", source="training",
    description="One row per training run (run_id = hash of protocol and dataset content).")

TRAINING_LOSS = LakeTable("training_loss", pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()), ("step", pa.int64()),
    ("epoch", pa.float64()), ("loss", pa.float64()), ("learning_rate", pa.float64()), ("num_tokens", pa.int64()),
]), partition=PAIR_PARTITION, asset="training_run", source=None,
    description="The loss curve of each run, one row per logged optimizer step (written with training_runs).")

BENCHMARK_RESULTS = LakeTable("benchmark_results", pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()),
    ("model_kind", pa.string()),      # finetuned | base | instruct
    ("benchmark", pa.string()), ("task", pa.string()), ("domain", pa.string()), ("metric", pa.string()),
    ("filter", pa.string()), ("value", pa.float64()), ("stderr", pa.float64()), ("n", pa.int64()),
    ("backend", pa.string()), ("eval_mode", pa.string()), ("evaluated_at", pa.timestamp("s", tz="UTC")),
]), partition=PAIR_PARTITION, asset="benchmark_results", source="training",
    description="One row per (run, benchmark, metric, filter) with stderr and item count.")

BENCHMARK_PREDICTIONS = LakeTable("benchmark_predictions", pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()), ("model_kind", pa.string()),
    ("benchmark", pa.string()), ("item_index", pa.int64()), ("item_id", pa.string()), ("prompt", pa.string()),
    ("response", pa.string()), ("target", pa.string()), ("correct", pa.float64()), ("metrics_json", pa.string()),
]), partition=PAIR_PARTITION, asset="benchmark_results", source=None,
    description="One row per (run, benchmark item) with the prompt, the model's response and its scores "
                "(written with benchmark_results).")

# --- experiments (training/experiments/) -----------------------------------------------------------------
EXPERIMENT_ARMS = LakeTable("experiment_arms", pa.schema([
    ("experiment_id", pa.string()), ("kind", pa.string()),        # select | mix
    ("protocol", pa.string()), ("seeds", pa.int32()),
    ("spec_json", pa.string()),                                   # the experiment's parameters as given
    ("arm", pa.string()), ("dataset_id", pa.string()),            # the derived dataset that trains this arm
    ("role", pa.string()),                                        # top | bottom | random | mixture | single
    ("n_samples", pa.int64()), ("approx_tokens", pa.int64()),
    ("sources_json", pa.string()),                                # {source dataset: samples taken}
    ("score_min", pa.float64()), ("score_max", pa.float64()),     # the arm's range of the selection score
    ("created_at", pa.timestamp("s", tz="UTC")),
]), partition="experiment id", asset="experiment_datasets", source="experiments",
    description="One row per arm of a selection or mixture experiment, with the experiment's definition; "
                "each arm is a derived dataset whose samples are in the samples table.")

EXPERIMENT_GAINS = LakeTable("experiment_gains", pa.schema([
    ("experiment_id", pa.string()), ("kind", pa.string()), ("protocol", pa.string()),
    ("arm", pa.string()), ("versus", pa.string()),                # gain = arm - versus ('base': untuned model)
    ("benchmark", pa.string()), ("metric", pa.string()),
    ("arm_mean", pa.float64()), ("versus_mean", pa.float64()), ("gain", pa.float64()),
    ("ci_low", pa.float64()), ("ci_high", pa.float64()), ("n_items", pa.int64()),
    ("arm_seeds", pa.int32()), ("versus_seeds", pa.int32()), ("p_not_better", pa.float64()),
]), partition="experiment id", asset="experiment_gains", source="experiments",
    description="One row per compared pair of an experiment's arms (or arm and base model) and benchmark "
                "metric, with a paired-bootstrap 95% interval over items and seed runs.")

# --- published results (the contract is documented in results/schema.py) --------------------------------
BENCHMARK_SCORES = LakeTable("benchmark_scores", pa.schema([
    ("source", pa.string()), ("base_model", pa.string()), ("protocol_id", pa.string()),
    ("dataset_id", pa.string()), ("model_role", pa.string()), ("benchmark", pa.string()),
    ("domain", pa.string()), ("metric", pa.string()), ("value", pa.float64()), ("stderr", pa.float64()),
    ("n_items", pa.int64()), ("run_id", pa.string()), ("is_primary", pa.bool_()), ("stated_domain", pa.string()),
]), partition="results source", asset="published_benchmark_scores", source="results",
    description="Published scores in the results contract (results/schema.py), one partition per source.")

PUBLISHED_AGGREGATES = LakeTable("published_aggregates", pa.schema([
    ("source", pa.string()), ("base_model", pa.string()), ("protocol_id", pa.string()),
    ("dataset_id", pa.string()), ("model_role", pa.string()),
    ("scope", pa.string()),   # a domain, or 'overall'
    ("kind", pa.string()),    # 'avg' or 'efficiency'
    ("value", pa.float64()),
]), partition="results source", asset="published_aggregates", source="results",
    description="The averages and efficiencies a published file states, to check the marts reproduce them.")

PUBLISHED_DATASETS = LakeTable("published_datasets", pa.schema([
    ("source", pa.string()), ("dataset_id", pa.string()), ("dataset_name", pa.string()),
    ("domain", pa.string()), ("release_year", pa.int32()), ("samples", pa.int64()), ("hub_id", pa.string()),
    ("homepage", pa.string()), ("paper", pa.string()), ("affiliation", pa.string()), ("tag", pa.string()),
]), partition="results source", asset="published_datasets", source="results",
    description="The dataset cards of published files (name, year, size, Hub id).")

PUBLISHED_SCORE_SUMMARIES = LakeTable("published_score_summaries", pa.schema([
    ("source", pa.string()), ("dataset_name", pa.string()),
    ("side", pa.string()),        # 'Q' (instruction only) or 'QA' (instruction and response)
    ("family", pa.string()),      # ODA's group: 'LLM-as-Judge', 'Model-based Evaluation', 'Heuristic'
    ("metric", pa.string()),      # ODA's name ('Deita Quality', 'A_Length')
    ("dimension", pa.string()),   # 'oda_<side>_<metric slug>', the name the marts use
    ("mean", pa.float64()),
    ("bins", pa.list_(pa.float64())), ("distribution", pa.list_(pa.float64())),  # percent of samples per bin
]), partition="results source", asset="published_score_summaries", source="results",
    description="ODA's per-dataset data-scorer summaries (mean and distribution per Q/QA metric), keyed by "
                "dataset name.")

RESULTS_IMPORT_ISSUES = LakeTable("results_import_issues", pa.schema([
    ("source", pa.string()), ("origin", pa.string()), ("record", pa.string()), ("field", pa.string()),
    ("reason", pa.string()),      # a stable code: missing_score, unmapped_benchmark, seed_array_mismatch, ...
    ("action", pa.string()),      # 'dropped' (not imported) or 'kept' (imported as the detail says)
    ("detail", pa.string()),
]), partition="results source", asset="results_import_issues", source="results",
    description="What each import could not take as given (missing scores, unmapped benchmarks, ...) and what "
                "it did.")

BENCHMARK_SUITE = LakeTable("benchmark_suite", pa.schema([
    ("benchmark", pa.string()), ("benchmark_name", pa.string()), ("domain", pa.string()),
]), partition="suite name (oda)", asset="benchmark_suite", source="results",
    description="ODA's benchmark suite (results/benchmarks.py): display name and the paper's domain per benchmark.")

# --- lineage ---------------------------------------------------------------------------------------------
NODE_SCHEMA = pa.schema([
    ("node_id", pa.string()),            # Hub id ("owner/name"), catalog id, or the free name a source was cited by
    ("name", pa.string()),
    ("role", pa.string()),               # train | benchmark | seed | upstream (known only as someone's source)
    ("domain", pa.string()),
    ("categories", pa.list_(pa.string())),
    ("release_date", pa.date32()),       # first day of the period when only a month or year is known
    ("date_precision", pa.string()),     # day | month | year | null (unknown)
    ("exists_on_hub", pa.bool_()),       # null when nobody checked
    ("is_catalogued", pa.bool_()),       # in an arena catalog (has samples in the lake)
    ("looks_like_hub_id", pa.bool_()),   # False for pseudo-nodes such as "Chain-of-thought (cot)"
    ("data_type", pa.string()),          # manual | synthetic | null
    ("summary", pa.string()),
    ("paper_url", pa.string()),
    ("downloads", pa.int64()),
    ("origin", pa.string()),             # where the node came from: catalog | oda | card | overlap | agent
])

LINEAGE_SIGNATURES = LakeTable("lineage_signatures", None, partition="dataset id", asset="lineage_signatures",
                               source=None, description="MinHash signatures of every sample (lineage.overlap); "
                                                        "the signature width follows the overlap config.")

LINEAGE_ODA_NODES = LakeTable("lineage_oda_nodes", NODE_SCHEMA, partition="oda", asset="lineage_edges", source=None,
                              description="ODA's node list as imported; lineage_nodes is the merged view.")

LINEAGE_NODES = LakeTable("lineage_nodes", NODE_SCHEMA, partition="all", asset="lineage_nodes", source="lineage",
                          description="Datasets of the lineage graph: catalogued, ODA's, and every edge endpoint "
                                      "(merged from the catalog, ODA's nodes and edge endpoints).")

LINEAGE_EDGES = LakeTable("lineage_edges", pa.schema([
    ("edge_id", pa.string()),
    ("source_id", pa.string()),
    ("target_id", pa.string()),
    ("relationship", pa.string()),       # lineage.vocabulary.RELATIONSHIPS
    ("original_label", pa.string()),     # the label as the evidence gave it (ODA's 'base_data', ...)
    ("confidence", pa.float64()),
    ("evidence_kind", pa.string()),      # declared | documentation | llm_extracted | content_overlap
    ("evidence_origin", pa.string()),    # 'HuggingFace README', 'Paper', 'catalog', 'card:source_datasets', ...
    ("evidence_quote", pa.string()),
    ("evidence_url", pa.string()),
    ("source_exists_on_hub", pa.bool_()),
    ("collector", pa.string()),          # oda_import | declared | llm_agent | content_overlap
    ("collected_at", pa.timestamp("us", tz="UTC")),
    ("oriented_by", pa.string()),        # declared | dates | containment: how source/target were told apart
    # content-overlap statistics (null for documentary evidence)
    ("ov_source_samples", pa.int64()),
    ("ov_target_samples", pa.int64()),
    ("ov_target_in_source", pa.float64()),     # share of target samples whose prompt and response match the source
    ("ov_source_in_target", pa.float64()),     # share of source samples found (prompt and response) in the target
    ("ov_target_prompt_only", pa.float64()),   # share of target samples with a source prompt but a new response
    ("ov_target_response_only", pa.float64()),  # share of target samples with a source response but a new prompt
    ("ov_source_prompt_in_target", pa.float64()),  # share of source prompts found in the target (any response)
    ("ov_exact_share", pa.float64()),          # share of matched target samples identical after normalization
    ("ov_matched_samples", pa.int64()),
    ("ov_jaccard_threshold", pa.float64()),
]), partition="collector (oda_import, declared, llm_agent, content_overlap)", asset="lineage_edges",
    source="lineage", description="Lineage edges, one partition per collector (oda_import, declared, llm_agent, "
                                  "content_overlap).")

LINEAGE_AGENT_ERRORS = LakeTable("lineage_agent_errors", pa.schema([
    ("run_id", pa.string()),
    ("dataset_id", pa.string()),        # the Hub id the agent was reading about
    ("stage", pa.string()),             # fetch | model
    ("source", pa.string()),            # hub | github | arxiv | local | llm
    ("url", pa.string()),
    ("error_kind", pa.string()),        # http_404, timeout, unreachable, not_found, malformed_output, connection, ...
    ("message", pa.string()),
    ("attempt", pa.int32()),
    ("final", pa.bool_()),              # False: a retry followed
    ("agent_model", pa.string()),
    ("at", pa.timestamp("us", tz="UTC")),
]), partition="llm_agent (replaced by each agent run)", asset="lineage_agent_edges", source="lineage",
    own_asset=False,
    description="What failed while the lineage agent read about each dataset: documents not fetched (HTTP status, "
                "timeout, unreachable) and model requests that failed or stayed unreadable; written by the "
                "lineage_agent_edges asset beside its edges.")

LINEAGE_REVIEWS = LakeTable("lineage_reviews", pa.schema([
    ("edge_id", pa.string()),
    ("status", pa.string()),             # proposed | verified | rejected
    ("reviewer", pa.string()),
    ("reviewed_at", pa.timestamp("us", tz="UTC")),
    ("note", pa.string()),
]), partition="review batch (<UTC stamp>-<random>), never replaced", asset="lineage_reviews", source="lineage",
    description="People's decisions on edges, one partition per review batch, never replaced.")



LINEAGE_OVERLAP_PAIRS = LakeTable("lineage_overlap_pairs", pa.schema([
    ("dataset_a", pa.string()), ("dataset_b", pa.string()),
    ("n_a", pa.int64()), ("n_b", pa.int64()),
    ("a_same_in_b", pa.float64()), ("a_prompt_in_b", pa.float64()), ("a_response_in_b", pa.float64()),
    ("b_same_in_a", pa.float64()), ("b_prompt_in_a", pa.float64()), ("b_response_in_a", pa.float64()),
    ("a_exact_in_b", pa.float64()), ("b_exact_in_a", pa.float64()),
    ("matched_pairs", pa.int64()),
]), partition="all", asset="lineage_overlap_pairs", source="lineage",
    description="Content overlap statistics of every dataset pair with shared samples.")

CONTAMINATION_MATCHES = LakeTable("contamination_matches", pa.schema([
    ("dataset_id", pa.string()),
    ("sample_id", pa.string()),
    ("benchmark_id", pa.string()),
    ("item_id", pa.string()),          # the benchmark sample's sample_id
    ("match_kind", pa.string()),       # verbatim | number_swap | solution | paraphrase
    ("long_n", pa.int32()),            # n of the long-n-gram signal used for this item
    ("long_containment", pa.float64()),  # share of the item's long n-grams (numbers masked) in the sample
    ("near_containment", pa.float64()),  # share of the item's word 3-grams (numbers masked) in the sample
    ("solution_containment", pa.float64()),  # share of the item's solution long n-grams in the sample's response
    ("exact_overlap", pa.float64()),     # share of the item's distinct words and numbers (unmasked) in the sample
    ("sample_excerpt", pa.string()),
    ("item_excerpt", pa.string()),
]), partition="dataset id", asset="contamination_matches", source="lineage",
    description="Training samples matching benchmark items, one partition per scanned dataset.")

CONTAMINATION_EXAMPLE_TYPE = pa.struct([
    ("sample_id", pa.string()), ("item_id", pa.string()), ("match_kind", pa.string()),
    ("score", pa.float64()), ("sample_excerpt", pa.string()), ("item_excerpt", pa.string())])

CONTAMINATION_MATRIX = LakeTable("contamination_matrix", pa.schema([
    ("dataset_id", pa.string()),
    ("benchmark_id", pa.string()),
    ("n_samples", pa.int64()),
    ("n_contaminated", pa.int64()),     # training samples matching at least one item of the benchmark
    ("share", pa.float64()),            # n_contaminated / n_samples
    ("n_verbatim", pa.int64()),
    ("n_number_swap", pa.int64()),
    ("n_paraphrase", pa.int64()),
    ("n_solution", pa.int64()),         # samples whose response reproduces an item's solution (prompt unmatched)
    ("n_items", pa.int64()),            # testable items of the benchmark
    ("n_items_leaked", pa.int64()),     # distinct items credited: each sample to the one item it matches best
    ("items_leaked_share", pa.float64()),
    ("examples", pa.list_(CONTAMINATION_EXAMPLE_TYPE)),
]), partition="all", asset="contamination_matrix", source="lineage",
    description="Dataset x benchmark contamination counts and shares, with examples.")

TABLES: dict[str, LakeTable] = {t.name: t for t in [
    CATALOG, HUB_CARDS, RAW_RECORDS, REJECTS_READ, SAMPLES, REJECTS_NORMALIZE, DEMO_GROUND_TRUTH,
    SAMPLE_SCORES, SET_SCORES, SCORE_DIMENSIONS, JUDGE_SCORES, JUDGE_ERRORS, JUDGE_USAGE, JUDGE_DIMENSIONS,
    SAMPLE_DOMAINS, TRAINING_RUNS, TRAINING_LOSS, BENCHMARK_RESULTS, BENCHMARK_PREDICTIONS, EXPERIMENT_ARMS,
    EXPERIMENT_GAINS,
    BENCHMARK_SCORES, PUBLISHED_AGGREGATES, PUBLISHED_DATASETS, PUBLISHED_SCORE_SUMMARIES, RESULTS_IMPORT_ISSUES,
    BENCHMARK_SUITE,
    LINEAGE_SIGNATURES, LINEAGE_ODA_NODES, LINEAGE_NODES, LINEAGE_EDGES, LINEAGE_AGENT_ERRORS, LINEAGE_REVIEWS,
    LINEAGE_OVERLAP_PAIRS, CONTAMINATION_MATCHES, CONTAMINATION_MATRIX,
]}

# What each dbt source group is, for its generated sources file.
SOURCE_GROUPS: dict[str, str] = {
    "arena": "Parquet tables in the arena's lake written by the ingest assets (one folder per partition). "
             "dbt reads them in place; nothing is copied.",
    "scoring": "Score tables written by the scoring assets (one folder per dataset partition, long format).",
    "training": "Lake tables of the train-evaluate engine (training/results.py), one partition per "
                "(dataset, protocol) pair named `<dataset_id>__<protocol>`; baselines use the dataset ids "
                "`__base__` and `__instruct__`.",
    "experiments": "Lake tables of selection and mixture experiments (training/experiments/), one partition "
                   "per experiment id; each arm is a derived dataset trained by the ordinary train-evaluate runs.",
    "results": "Benchmark results: published leaderboard files imported by the Dagster multi-asset "
               "`published_results`, one partition per source.",
    "lineage": "Lake tables of the lineage and contamination assets. Edges are written by several collectors; "
               "each collector owns one partition of lineage_edges.",
}


def sql_tables() -> list[LakeTable]:
    """The tables dbt reads, in registry order."""
    return [t for t in TABLES.values() if t.source]


if __name__ == "__main__":
    from warehouse.dbt_sources import write_generated

    for path in write_generated():
        print(path)
