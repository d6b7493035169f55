"""Rows of CSV and JSON evidence files, for effectiveness measures. No code from the data is run."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from isms.files import MAX_DATA_BYTES, FileRefused, read_regular

Row = dict[str, str]


class DataError(Exception):
    """An evidence data file cannot be read as rows."""


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a data file and the columns it has (a CSV header, or every key of a JSON list)."""

    columns: tuple[str, ...]
    rows: list[Row]
    lines: tuple[int, ...] = ()
    """The 1-based line each CSV row ends on (empty for JSON)."""

    def line(self, index: int) -> int | None:
        """Return the line of row ``index`` in the file, if known."""
        return self.lines[index] if index < len(self.lines) else None


def read_table(path: Path, read: Callable[[Path, int], bytes] = read_regular) -> Table:
    """Return the columns and rows of a CSV file (with a header line) or a JSON list of objects.

    ``read`` returns a file's bytes within a size limit (default: from disk; `isms diff` reads git objects).

    Raises:
        DataError: when the file is not UTF-8, not CSV/JSON, or not a table.
    """
    try:
        text = read(path, MAX_DATA_BYTES).decode("utf-8-sig")
    except FileRefused as exc:
        msg = f"{path.name} {exc}"
        raise DataError(msg) from None
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read {path.name} as UTF-8: {exc}"
        raise DataError(msg) from None
    if not text.strip():
        msg = f"{path.name} is empty (not even a header line); write its rows, or remove it from the measure"
        raise DataError(msg)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        rows: list[Row] = []
        lines: list[int] = []
        try:
            for row in reader:
                rows.append({k.strip(): (v or "").strip() for k, v in row.items() if k})
                lines.append(reader.line_num)
        except csv.Error as exc:  # e.g. a field over the csv module's size limit
            msg = f"{path.name} is not readable CSV: {exc}"
            raise DataError(msg) from None
        return Table(tuple(name.strip() for name in reader.fieldnames or () if name), rows, tuple(lines))
    if suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            msg = f"{path.name} is not valid JSON: {exc}"
            raise DataError(msg) from None
        if isinstance(data, dict) and isinstance(data.get("rows"), list):
            data = data["rows"]
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            msg = f"{path.name} must hold a list of objects (or {{'rows': [...]}})"
            raise DataError(msg)
        records = [{str(k): _cell(v) for k, v in row.items()} for row in data]
        return Table(tuple(dict.fromkeys(key for row in records for key in row)), records)
    msg = f"{path.name}: measures read .csv or .json files only"
    raise DataError(msg)
