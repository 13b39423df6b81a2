"""Read ODA's raw leaderboard sheet (`0726.xlsx`, the workbook the website's JSON is built from).

Sheets read: one per base-model family ('llama', 'qwen') and 'dataset' (the cards). A family sheet
has three header rows (domain groups, benchmark names, metric names), then one block per dataset:
the first row names the dataset and each row is one seed ('seed2', 'seed42', ...); after the datasets
come two unnamed rows, the base model and then its instruct model (the sheet's own order, checked
against the website's JSON by the tests). The sheet's domain groups are kept as `stated_domain`.
The workbook's other sheets are working copies and are not read; the card sheet's in-cluster file
paths are ODA's internal storage, not dataset metadata, and are not imported.
"""
from __future__ import annotations

from pathlib import Path

from results.oda import ImportedResults, dataset_card, number, score_row
from results.schema import DOMAINS, ResultsFormatError

# The sheets do not name their models: each family's base and instruct model, as the website names them.
FAMILY_MODELS = {"llama": ("Llama-3.1-8B", "Llama-3.1-8B-Instruct"), "qwen": ("Qwen2.5-7B", "Qwen2.5-7B-Instruct")}
CARD_SHEET = "dataset"


def _rows(ws) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def _header(rows: list[tuple], origin: str) -> list[tuple[int, str, str, str]]:
    """(column, stated domain, benchmark name, metric) for every benchmark column of a family sheet."""
    if len(rows) < 4:
        raise ResultsFormatError(f"{origin}: fewer than the 3 header rows and one data row")
    groups, names, metrics = rows[0], rows[1], rows[2]
    columns, domain = [], None
    for col in range(3, len(names)):
        if groups[col] is not None:
            domain = str(groups[col]).strip().lower()
        if names[col] is None:
            break
        if domain not in DOMAINS:
            raise ResultsFormatError(f"{origin}: header column {col + 1}: domain group {domain!r} is not one of "
                                     f"{', '.join(DOMAINS)}")
        columns.append((col, domain, str(names[col]).strip(), str(metrics[col] or "score").strip()))
    if not columns:
        raise ResultsFormatError(f"{origin}: no benchmark columns in the header")
    return columns


def _family(out: ImportedResults, rows: list[tuple], family: str, source: str, origin: str,
            cards: dict[str, dict]) -> None:
    base_model = FAMILY_MODELS[family][0]
    columns = _header(rows, origin)
    blocks: list[tuple[str | None, list[tuple[int, str, tuple]]]] = []
    for r, row in enumerate(rows[3:], start=4):
        name, seed = row[1], row[2]
        has_values = any(row[c] is not None for c, *_ in columns)
        if name is not None and (not blocks or blocks[-1][0] != str(name).strip()):
            blocks.append((str(name).strip(), []))
        elif name is None and seed is None:
            if not has_values:
                continue
            blocks.append((None, []))          # an unnamed baseline row
        if not blocks:
            raise ResultsFormatError(f"{origin}: row {r}: a seed row before any dataset name")
        blocks[-1][1].append((r, str(seed or "").strip(), row))
    unnamed = [b for b in blocks if b[0] is None]
    if len(unnamed) < 2:
        raise ResultsFormatError(f"{origin}: expected two unnamed baseline rows (base, instruct) after the "
                                 f"datasets, found {len(unnamed)}")
    roles = iter(("base", "instruct"))
    for name, seed_rows in blocks:
        role = "finetuned" if name else next(roles, None)
        if role is None:
            r = seed_rows[0][0]
            out.issue(source, origin, f"row {r}", "name", "unnamed_row", "dropped",
                      "a scored row after the base and instruct rows names no model: not imported")
            continue
        card = cards.get(name) if name else None
        if name and card is None:
            card = dataset_card(source, name, None, {}, f"{origin}: '{name}'")
            out.issue(source, origin, f"'{name}'", CARD_SHEET, "no_card", "kept",
                      "no row in the card sheet: keyed by its name, no metadata")
        key = dict(source=source, base_model=base_model, protocol_id=f"oda:{family}",
                   dataset_id=card["dataset_id"] if card else None, model_role=role)
        run_base = f"{source}:{family}:{card['dataset_id'] if card else role}"
        empty = [seed or f"row {r}" for r, seed, row in seed_rows if all(row[c] is None for c, *_ in columns)]
        if empty:
            out.issue(source, origin, f"'{name or role}'", "seeds", "empty_seed_rows", "dropped",
                      f"rows without any score: {', '.join(empty)}")
        for r, seed, row in seed_rows:
            if all(row[c] is None for c, *_ in columns):
                continue
            run_id = f"{run_base}:{seed}" if seed else run_base
            for col, stated, bench, metric in columns:
                value = number(row[col], f"{origin}: row {r} ('{name or role}') column '{bench}'")
                if value is None:
                    out.issue(source, origin, f"row {r} ('{name or role}')", bench, "missing_score", "dropped",
                              f"'{bench}' has no score ({row[col]!r})")
                    continue
                if not 0 <= value <= 100:
                    raise ResultsFormatError(f"{origin}: row {r} ('{name or role}') '{bench}': {value} is not on a "
                                             f"0-100 scale")
                out.scores.append(score_row(key, bench, stated, metric, value, run_id, True))


def _cards(rows: list[tuple], source: str, origin: str) -> dict[str, dict]:
    header_row = next((i for i, r in enumerate(rows) if "HF link" in [str(c).strip() for c in r if c]), None)
    if header_row is None:
        raise ResultsFormatError(f"{origin}: no header row with 'HF link'")
    header = {str(c).strip(): i for i, c in enumerate(rows[header_row]) if c}
    cards, domain = {}, None
    for r, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        domain = str(row[0]).strip().lower() if row[0] else domain
        if not row[1]:
            continue
        name = str(row[1]).strip()

        def col(label):
            return row[header[label]] if label in header else None
        card = {"link": col("HF link"), "paper_link": col("Arxiv Link"), "affiliation": col("Affiliation"),
                "year": col("Year"), "size_precise": col("row number"), "tag": col("Data Tag")}
        cards[name] = dataset_card(source, name, domain, card, f"{origin}: row {r} ('{name}')")
    return cards


def read_oda_xlsx(path: Path, source: str) -> ImportedResults:
    try:
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several types for a file that is not a workbook
        raise ResultsFormatError(f"{path}: not a readable xlsx workbook ({type(e).__name__}: {e})") from None
    families = [s for s in wb.sheetnames if s in FAMILY_MODELS]
    if not families:
        raise ResultsFormatError(f"{path}: no family sheet ({', '.join(FAMILY_MODELS)})")
    out = ImportedResults()
    cards = _cards(_rows(wb[CARD_SHEET]), source, f"{path} [{CARD_SHEET}]") if CARD_SHEET in wb.sheetnames else {}
    for family in families:
        _family(out, _rows(wb[family]), family, source, f"{path} [{family}]", cards)
    used = {s["dataset_id"] for s in out.scores if s["dataset_id"]}
    out.datasets = [c for c in cards.values() if c["dataset_id"] in used]
    return out
