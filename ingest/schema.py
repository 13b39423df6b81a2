"""The arena's core table schemas: what every later stage (scoring, training, lineage) reads.

A normalized sample is one conversation. `messages` keeps every turn with its role, the system
prompt included, so nothing is flattened away; `instruction_text` (the Q side: system prompt, every
user turn and any `input`) and `response_text` (the A side: every assistant turn) are derived views
of it for scorers that look at one side.
"""
from __future__ import annotations

import pyarrow as pa

ROLES = ("system", "user", "assistant", "tool")

MESSAGE_TYPE = pa.struct([("role", pa.string()), ("content", pa.string())])

SAMPLES_TABLE = "samples"
RAW_TABLE = "raw_records"
REJECTS_TABLE = "rejects"

SAMPLE_SCHEMA = pa.schema([
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
])

RAW_SCHEMA = pa.schema([
    ("dataset_id", pa.string()),
    ("record_index", pa.int64()),
    ("source_file", pa.string()),
    ("raw_bytes", pa.int64()),
    ("record_json", pa.string()),   # the parsed record re-serialized as JSON (keys in source order)
])

REJECT_SCHEMA = pa.schema([
    ("dataset_id", pa.string()),
    ("record_index", pa.int64()),
    ("stage", pa.string()),         # 'read' (parsing the source) or 'normalize'
    ("reason_code", pa.string()),   # stable code for SQL: malformed_json, invalid_utf8, empty_text, ...
    ("reason", pa.string()),        # the full, human-readable message
    ("source_file", pa.string()),
    ("raw_excerpt", pa.string()),   # the first 500 characters of the record as read
])
