"""Cells of the CSV files the tool writes, made safe to open in a spreadsheet.

A spreadsheet may run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return in front of one) as a formula: text from YAML such as ``=HYPERLINK(...)`` in a control's
implementation would then run on the auditor's machine when they open ``soa.csv``. As OWASP
recommends, such a cell is written with a leading apostrophe, which spreadsheets show as text.
Full-width forms (``＝＋－＠``) are treated the same, because Japanese spreadsheets accept them as
formula starts. Plain numbers (``-3``, ``+1.5``) are written unchanged: they are data, not formulas.

The imports read such a cell back as it was (:func:`restore_cell`), so an exported SoA round-trips.
"""

from __future__ import annotations

import re

FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(text: str) -> str:
    """Return `text` as a CSV cell that no spreadsheet runs as a formula."""
    if text and text[0] in FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return "'" + text
    if _quoted_formula(text):  # the user wrote `'=x`: one more apostrophe, so the round trip keeps it
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`safe_cell`: the text a neutralised cell stood for."""
    if _quoted_formula(text):
        return text[1:]
    return text


def _quoted_formula(text: str) -> bool:
    """Whether `text` is apostrophes followed by a formula start (what :func:`safe_cell` writes)."""
    quotes = len(text) - len(text.lstrip("'"))
    return 0 < quotes < len(text) and text[quotes] in FORMULA_STARTS


def safe_row(cells: list[str]) -> list[str]:
    """Return a row with every cell made safe."""
    return [safe_cell(cell) for cell in cells]
