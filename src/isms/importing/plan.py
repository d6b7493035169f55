"""What an import would write: planned in memory, written only when everything is valid."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isms.importing.problems import Place, Problem
from isms.importing.sheet import read_sheets
from isms.importing.table import Table, locate, read_rows
from isms.loader import documents
from isms.loader.yaml import load_bytes


@dataclass(frozen=True)
class SheetOptions:
    """Where the table is and how to read it (shared by both imports)."""

    columns: Mapping[str, str] | None = None
    header_row: int | None = None
    sheet: str | None = None
    encoding: str | None = None


@dataclass
class Plan:
    """What an import would write, and what it found."""

    target: str
    changes: dict[Path, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_table(file: Path, headers: Mapping[str, list[str]], options: SheetOptions) -> tuple[Table, list[Problem]]:
    """Read the file and find its table."""
    sheets = read_sheets(file, str(file), encoding=options.encoding)
    table = locate(sheets, headers, columns=options.columns, header_row=options.header_row, sheet_name=options.sheet)
    return read_rows(table)


def validation_problems(
    text: str, rel: str, model: Any, rows: Mapping[int, Place] | None = None, default: Place | None = None
) -> list[Problem]:
    """Validate a document's new text with the loader; place errors at the sheet row they came from.

    Args:
        text: The new YAML text.
        rel: Its repository-relative path.
        model: The document model.
        rows: For the index of an entry in the document's top list, the sheet row it came from.
        default: The place of errors not tied to an entry (default: the file itself).
    """
    rows = rows or {}
    loaded = load_bytes(text.encode("utf-8"), rel)
    findings = list(loaded.findings)
    if loaded.data is not None:
        findings += documents.validate(model, loaded.data, rel)[1]
    problems = []
    for finding in findings:
        pointer = finding.pointer or ()
        index = pointer[1] if len(pointer) > 1 and isinstance(pointer[1], int) else None
        fallback = default or Place(rel)
        place = rows.get(index, fallback) if index is not None else fallback
        problems.append(Problem(place, f"{finding.message} (in {rel})", message_ja=f"{finding.message_ja}（{rel}）"))
    return problems
