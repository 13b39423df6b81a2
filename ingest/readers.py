"""Reading a catalog entry's source record by record, without losing any.

Each reader yields one `SourceRecord` per source record: either the parsed record (a dict) with its
exact source text, or the reason it could not be parsed (malformed JSON, invalid UTF-8, oversized,
not an object, wrong CSV field count). Readers stream: memory stays bounded by the largest record,
whatever the file size.

Local files are read by the readers here rather than by `datasets.load_dataset("json", ...)`: that
builder aborts the whole file on one bad line and infers one schema across records (coercing or
failing on mixed types), which would lose records instead of rejecting them one by one. Hub datasets
go through `datasets.load_dataset(..., streaming=True)`, which already yields typed records.
"""
from __future__ import annotations

import codecs
import csv
import glob
import gzip
import importlib.resources
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pyarrow as pa

from ingest.catalog import DatasetEntry, resolve_local_path

DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024
EXCERPT_CHARS = 500
LONE_SURROGATE = "record has an escaped lone surrogate (\\ud800-\\udfff): not valid Unicode, cannot be stored as UTF-8"
_CHUNK = 1 << 20


class SourceError(RuntimeError):
    """The source as a whole cannot be read (missing file, unreadable container, malformed array)."""


@dataclass(slots=True)
class SourceRecord:
    record_index: int
    source_file: str
    raw_bytes: int
    text: str | None = None          # the record as JSON text (exact source text where the format has it)
    error_code: str | None = None
    error: str | None = None
    excerpt: str | None = None


def _excerpt(data: bytes | str) -> str:
    if isinstance(data, bytes):
        data = data[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    return data[:EXCERPT_CHARS]


def _classify_json(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Parse one JSON record: returns (text, error_code, error)."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as ue:
            return None, "invalid_utf8", f"record is not valid UTF-8 ({ue.reason} at byte {ue.start})"
        try:  # orjson refuses some JSON the standard library accepts (NaN, huge integers)
            value = json.loads(text)
        except json.JSONDecodeError as je:
            return None, "malformed_json", f"malformed JSON: {je.msg} at column {je.colno}"
        except ValueError as ve:
            return None, "malformed_json", f"malformed JSON: {ve}"
        if not isinstance(value, dict):
            return None, "not_an_object", f"record is a JSON {type(value).__name__}, expected an object"
        text = json.dumps(value, ensure_ascii=False)
        if not _is_clean_utf8(text):
            return None, "invalid_utf8", LONE_SURROGATE
        return text, None, None
    if not isinstance(value, dict):
        return None, "not_an_object", f"record is a JSON {type(value).__name__}, expected an object"
    return data.decode("utf-8"), None, None


def _is_clean_utf8(text: str) -> bool:
    """False when text decoded with surrogateescape carried bytes that were not UTF-8."""
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _open_binary(path: str):
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def iter_jsonl(path: str, start_index: int, max_bytes: int) -> Iterator[SourceRecord]:
    index = start_index
    with _open_binary(path) as f:
        for line_no, line in enumerate(f):
            if line_no == 0:  # a UTF-8 byte order mark (files saved on Windows) is not part of record 0
                line = line.removeprefix(codecs.BOM_UTF8)
            stripped = line.strip()
            if not stripped:
                continue  # blank lines are separators, not records
            size = len(stripped)
            if size > max_bytes:
                yield SourceRecord(index, path, size, error_code="oversized_record",
                                   error=f"record is {size} bytes, over the limit of {max_bytes}",
                                   excerpt=_excerpt(stripped))
            else:
                text, code, err = _classify_json(stripped)
                yield SourceRecord(index, path, size, text=text, error_code=code, error=err,
                                   excerpt=None if text is not None else _excerpt(stripped))
            index += 1


def _first_significant_byte(path: str) -> bytes:
    with _open_binary(path) as f:
        head = f.read(4096)
    head = head.lstrip(codecs.BOM_UTF8).lstrip()
    return head[:1]


def iter_json_document(path: str, start_index: int, max_bytes: int) -> Iterator[SourceRecord]:
    """A `.json` file: an array of records (streamed element by element), an object mapping keys to
    records, or JSON Lines saved under a .json name."""
    first = _first_significant_byte(path)
    if first == b"[":
        yield from _iter_json_array(path, start_index, max_bytes)
        return
    if first != b"{":
        raise SourceError(f"{path}: not a JSON array or object (starts with {first!r})")
    # An object: either one mapping of records, or JSON Lines. A mapping is loaded whole (such
    # files are small lookup tables, e.g. MBPP+ prompts by id); JSON Lines are streamed.
    with _open_binary(path) as f:
        first_line = f.readline().removeprefix(codecs.BOM_UTF8)
    try:
        orjson.loads(first_line)
        is_jsonl = True
    except orjson.JSONDecodeError:
        is_jsonl = False
    if is_jsonl:
        yield from iter_jsonl(path, start_index, max_bytes)
        return
    with _open_binary(path) as f:
        data = f.read()
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SourceError(f"{path}: the JSON object cannot be parsed: {e}") from None
    for i, (key, value) in enumerate(doc.items()):
        record = dict(value) if isinstance(value, dict) else {"value": value}
        record.setdefault("key", key)
        text = json.dumps(record, ensure_ascii=False)
        yield SourceRecord(start_index + i, path, len(text.encode()), text=text)


def _iter_json_array(path: str, start_index: int, max_bytes: int) -> Iterator[SourceRecord]:
    """Stream the elements of a top-level JSON array.

    The text is decoded with `surrogateescape`, so bytes that are not UTF-8 survive as lone
    surrogates: the element holding them is rejected as invalid UTF-8 and the others are kept. A
    syntax error inside the array leaves no way to find where the next record starts, so it fails the
    source with the record number and position instead of guessing.
    """
    decoder = json.JSONDecoder()
    raw = _open_binary(path)
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")
    buf = stream.read(_CHUNK)
    eof = not buf
    pos = buf.find("[") + 1
    index = start_index
    consumed_chars = 0  # characters dropped from the front of buf, for error positions
    try:
        while True:
            # skip whitespace and one comma between elements
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
                    pos += 1
                if pos < len(buf) or eof:
                    break
                more = stream.read(_CHUNK)
                eof = not more
                buf = buf[pos:] + more
                consumed_chars += pos
                pos = 0
            if pos >= len(buf):
                raise SourceError(f"{path}: the JSON array is not closed (after record #{index - start_index})")
            ch = buf[pos]
            if ch == "]":
                return
            if ch == "," and index > start_index:
                pos += 1
                continue
            while True:
                try:
                    value, end = decoder.raw_decode(buf, pos)
                    if end == len(buf) and not eof:
                        raise json.JSONDecodeError("element may continue", buf, end)
                    break
                except json.JSONDecodeError as e:
                    if eof or len(buf) - pos > max_bytes * 2:
                        where = consumed_chars + e.pos
                        raise SourceError(
                            f"{path}: record #{index - start_index} of the JSON array is malformed or larger than "
                            f"{max_bytes} bytes ({e.msg} at character {where}); records after it cannot be delimited"
                        ) from None
                    more = stream.read(_CHUNK)
                    eof = not more
                    buf = buf[pos:] + more
                    consumed_chars += pos
                    pos = 0
            element_text = buf[pos:end]
            pos = end
            size = len(element_text.encode("utf-8", errors="surrogateescape"))
            if not _is_clean_utf8(element_text):
                yield SourceRecord(index, path, size, error_code="invalid_utf8",
                                   error="record contains bytes that are not valid UTF-8",
                                   excerpt=_excerpt(element_text.encode("utf-8", errors="surrogateescape")))
            elif size > max_bytes:
                yield SourceRecord(index, path, size, error_code="oversized_record",
                                   error=f"record is {size} bytes, over the limit of {max_bytes}",
                                   excerpt=_excerpt(element_text))
            elif "\\u" in element_text and not _is_clean_utf8(json.dumps(value, ensure_ascii=False)):
                yield SourceRecord(index, path, size, error_code="invalid_utf8", error=LONE_SURROGATE,
                                   excerpt=_excerpt(element_text))
            elif not isinstance(value, dict):
                yield SourceRecord(index, path, size, error_code="not_an_object",
                                   error=f"record is a JSON {type(value).__name__}, expected an object",
                                   excerpt=_excerpt(element_text))
            else:
                yield SourceRecord(index, path, size, text=element_text)
            index += 1
            if pos > _CHUNK:
                buf = buf[pos:]
                consumed_chars += pos
                pos = 0
    finally:
        stream.close()


# The csv module refuses fields over 128 KiB by default (a `csv.Error` that would abort the whole
# file); rows are bounded by max_bytes below instead, like records of every other format.
CSV_FIELD_LIMIT = 2**31 - 1


def iter_csv(path: str, start_index: int, max_bytes: int, header: bool,
             names: list[str] | None) -> Iterator[SourceRecord]:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with _open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text)
        columns = None
        if header:
            columns = next(reader, None)
            if columns is None:
                return
        index = start_index
        for row in reader:
            if not row:
                continue
            joined = ",".join(row)
            size = len(joined.encode("utf-8", errors="surrogateescape"))
            cols = columns or names or [f"col{i}" for i in range(len(row))]
            if not _is_clean_utf8(joined):
                rec = SourceRecord(index, path, size, error_code="invalid_utf8",
                                   error="row contains bytes that are not valid UTF-8", excerpt=_excerpt(joined.encode("utf-8", "surrogateescape")))
            elif len(row) != len(cols):
                rec = SourceRecord(index, path, size, error_code="wrong_field_count",
                                   error=f"row has {len(row)} fields, expected {len(cols)}", excerpt=_excerpt(joined))
            elif size > max_bytes:
                rec = SourceRecord(index, path, size, error_code="oversized_record",
                                   error=f"record is {size} bytes, over the limit of {max_bytes}", excerpt=_excerpt(joined))
            else:
                rec = SourceRecord(index, path, size, text=json.dumps(dict(zip(cols, row)), ensure_ascii=False))
            yield rec
            index += 1


def iter_parquet(path: str, start_index: int, max_bytes: int) -> Iterator[SourceRecord]:
    import pyarrow.parquet as pq

    index = start_index
    for batch in pq.ParquetFile(path).iter_batches(batch_size=2048):
        for record in batch.to_pylist():
            text = json.dumps(record, ensure_ascii=False, default=str)
            size = len(text.encode())
            if size > max_bytes:
                yield SourceRecord(index, path, size, error_code="oversized_record",
                                   error=f"record is {size} bytes, over the limit of {max_bytes}", excerpt=_excerpt(text))
            else:
                yield SourceRecord(index, path, size, text=text)
            index += 1


MMLU_COLUMNS = ["question", "A", "B", "C", "D", "answer"]


def iter_file(path: str, entry: DatasetEntry, start_index: int, max_bytes: int) -> Iterator[SourceRecord]:
    name = path.lower()
    base = name[:-3] if name.endswith(".gz") else name
    if base.endswith((".jsonl", ".ndjson")):
        yield from iter_jsonl(path, start_index, max_bytes)
    elif base.endswith(".json"):
        yield from iter_json_document(path, start_index, max_bytes)
    elif base.endswith((".csv", ".tsv")):
        names = MMLU_COLUMNS if entry.format == "mmlu_csv" else (list(entry.columns.get("_csv_names", "").split(",")) or None)
        if names == [""]:
            names = None
        header = entry.csv_header and entry.format != "mmlu_csv"
        yield from iter_csv(path, start_index, max_bytes, header, names)
    elif base.endswith(".parquet"):
        yield from iter_parquet(path, start_index, max_bytes)
    else:
        raise SourceError(f"{path}: unknown file type (expected .json, .jsonl, .csv, .parquet, optionally .gz)")


def local_files(entry: DatasetEntry) -> list[str]:
    """The files of a local or packaged source, in a stable order; a missing file is an error."""
    src = entry.source
    if src.path is not None:
        pattern = resolve_local_path(src.path)
        files = sorted(glob.glob(pattern, recursive=True))
        if not files:
            raise SourceError(f"dataset '{entry.id}': no file matches {src.path} (resolved to {pattern})")
        return files
    if src.package is not None:
        try:
            root = importlib.resources.files(src.package.package)
        except ModuleNotFoundError:
            raise SourceError(f"dataset '{entry.id}': package '{src.package.package}' is not installed") from None
        resource = root.joinpath(src.package.resource)
        if not resource.is_file():
            raise SourceError(f"dataset '{entry.id}': package '{src.package.package}' has no resource '{src.package.resource}'")
        return [str(resource)]
    if src.generated is not None:
        from demo.arena import generated_file

        return [str(generated_file(src.generated))]
    raise SourceError(f"dataset '{entry.id}': source kind '{src.kind}' has no local files")


def iter_hub(entry: DatasetEntry, max_bytes: int) -> Iterator[SourceRecord]:
    """Stream a Hugging Face Hub dataset (needs network; honours HF_HUB_OFFLINE and the HF cache)."""
    import datasets

    hub = entry.source.hub
    try:
        ds = datasets.load_dataset(hub.id, name=hub.config, split=hub.split, revision=hub.revision,
                                   data_files=hub.data_files, streaming=True)
    except Exception as e:  # noqa: BLE001 - the hub client raises many types; the message is what matters
        raise SourceError(f"dataset '{entry.id}': cannot open Hub dataset {hub.id} "
                          f"(config={hub.config}, split={hub.split}, revision={hub.revision}): {e}") from e
    origin = f"hf://datasets/{hub.id}@{hub.revision or 'main'}"
    index = -1
    try:
        for index, record in enumerate(ds):
            text = json.dumps(record, ensure_ascii=False, default=str)
            size = len(text.encode())
            if size > max_bytes:
                yield SourceRecord(index, origin, size, error_code="oversized_record",
                                   error=f"record is {size} bytes, over the limit of {max_bytes}", excerpt=_excerpt(text))
            else:
                yield SourceRecord(index, origin, size, text=text)
    except (OSError, ValueError, RuntimeError) as e:  # a stream that breaks midway (network, corrupt shard)
        raise SourceError(f"dataset '{entry.id}': the Hub stream of {hub.id} failed after record #{index}: {e}") from e


def iter_source(entry: DatasetEntry, max_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                files: list[str] | None = None) -> Iterator[SourceRecord]:
    """Every record of a dataset's source, in order, numbered from 0 across its files."""
    if entry.source.hub is not None:
        yield from iter_hub(entry, max_bytes)
        return
    index = 0
    for path in files if files is not None else local_files(entry):
        if not Path(path).is_file():
            raise SourceError(f"dataset '{entry.id}': source file {path} does not exist")
        last = index - 1
        try:
            for record in iter_file(path, entry, index, max_bytes):
                last = record.record_index
                yield record
        except (OSError, EOFError, zlib.error, csv.Error, pa.ArrowException) as e:
            # a corrupt container (truncated gzip, not gzip, broken Parquet footer): fail the source
            # with the file named, instead of a bare library error naming neither dataset nor file
            raise SourceError(f"{path}: cannot be read after {last - index + 1} record(s) "
                              f"({type(e).__name__}: {e})") from e
        index = last + 1
