from __future__ import annotations

import pytest

from isms.csv_cells import restore_cell, safe_cell


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＋1", "－x", "＠A1"],
)
def test_formula_starts_are_neutralised_and_restored(text: str) -> None:
    cell = safe_cell(text)
    assert cell == "'" + text
    assert restore_cell(cell) == text


@pytest.mark.parametrize("text", ["", "-3", "+1.5", "-0.25", "1e-3", "78.5 %", "A.5.15", "'quoted", "'", "情報"])
def test_numbers_and_plain_text_are_unchanged(text: str) -> None:
    assert safe_cell(text) == text
    assert restore_cell(text) == text


def test_a_cell_written_with_an_apostrophe_round_trips() -> None:
    assert safe_cell("'=x") == "''=x"
    assert restore_cell(safe_cell("'=x")) == "'=x"


def test_many_apostrophes_round_trip() -> None:
    text = "'" * 5000 + "=x"
    assert restore_cell(safe_cell(text)) == text
