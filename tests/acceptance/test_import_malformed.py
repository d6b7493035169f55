"""Malformed sheets: a clear error naming file, sheet, row and column, and not one byte written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from helpers import RunIsms, demo_files, write_repo

Maker = Callable[[Path], Path]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def workbook(path: Path, rows: list[list[object]], *, merge: str | None = None, title: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def csv_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def missing_id_column(folder: Path) -> Path:
    return csv_file(folder / "sheet.csv", "タイトル,説明\nアクセス,説明\n")


def duplicate_ids(folder: Path) -> Path:
    return workbook(folder / "sheet.xlsx", [["番号", "タイトル"], ["DM-1", "一"], ["DM-2", "二"], ["DM-1", "三"]])


def merged_cells(folder: Path) -> Path:
    rows: list[list[object]] = [["番号", "タイトル"], ["DM-1", "一"], ["DM-2", None]]
    return workbook(folder / "sheet.xlsx", rows, merge="B2:B3")


def shift_jis_csv(folder: Path) -> Path:
    return csv_file(folder / "sheet.csv", "番号,タイトル\nDM-1,アクセス権の見直し\n", "cp932")


def formula_id(folder: Path) -> Path:
    path = folder / "sheet.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("要求事項")
    sheet.write_row(0, 0, ["番号", "タイトル"])
    sheet.write_formula(1, 0, '="DM-"&ROW()-1', None, "DM-1")
    sheet.write_string(1, 1, "一")
    book.close()
    return path


def empty_id(folder: Path) -> Path:
    return csv_file(folder / "sheet.csv", "番号,タイトル\nDM-1,一\n,二\n")


def not_a_spreadsheet(folder: Path) -> Path:
    return csv_file(folder / "sheet.pdf", "%PDF-1.7\n")


def zip_named_csv(folder: Path) -> Path:
    workbook(folder / "real.xlsx", [["番号", "タイトル"], ["DM-1", "一"]])
    path = folder / "sheet.csv"
    path.write_bytes((folder / "real.xlsx").read_bytes())
    return path


def broken_workbook(folder: Path) -> Path:
    return csv_file(folder / "sheet.xlsx", "番号,タイトル\n")


def numeric_id(folder: Path) -> Path:
    return workbook(folder / "sheet.xlsx", [["番号", "タイトル"], [5.1, "一"]])


CASES: dict[str, tuple[Maker, str]] = {
    "missing-id-column": (
        missing_id_column,
        "sheet.csv: error: cannot find the table: no row among the first 30 names the columns; name the columns "
        "(ID/番号/No. and e.g. タイトル/Title or 実施状況/Status) or map them with --columns id=A,title=B",
    ),
    "duplicate-ids": (
        duplicate_ids,
        'sheet.xlsx, sheet "Sheet1", row 4, column A (番号): error: duplicate id `DM-1` (also in row 2)',
    ),
    "merged-cells": (
        merged_cells,
        'sheet.xlsx, sheet "Sheet1", row 2, column B (タイトル): error: merged cells B2:B3: unmerge them and fill '
        "in every cell of the table",
    ),
    "shift-jis-csv": (
        shift_jis_csv,
        "sheet.csv: error: not UTF-8 (byte 0x94 at offset 0). It looks like Shift_JIS (cp932), as Excel writes "
        "'CSV (comma delimited)' in Japanese. Save it as 'CSV UTF-8 (comma delimited)', import the .xlsx instead, "
        "or pass --encoding cp932 if you know it is Shift_JIS",
    ),
    "formula-id": (
        formula_id,
        'sheet.xlsx, sheet "要求事項", row 2, column A (番号): error: the id is a formula (="DM-"&ROW()-1); '
        "type the id itself",
    ),
    "empty-id": (
        empty_id,
        "sheet.csv, row 3, column A (番号): error: no id in a row that has other values; give the id, or delete "
        "the row",
    ),
    "not-a-spreadsheet": (
        not_a_spreadsheet,
        "sheet.pdf: error: not a spreadsheet: give a .xlsx, .xlsm, .csv (UTF-8) or .tsv file",
    ),
    "workbook-named-csv": (
        zip_named_csv,
        "sheet.csv: error: this is a workbook (zip), not a text file; give it the .xlsx suffix",
    ),
    "broken-workbook": (
        broken_workbook,
        "sheet.xlsx: error: not a readable Excel workbook (BadZipFile: File is not a zip file); save it as .xlsx "
        "and try again",
    ),
    "numeric-id": (
        numeric_id,
        'sheet.xlsx, sheet "Sheet1", row 2, column A (番号): error: the id is the number 5.1: as a number 5.10 '
        "reads 5.1; format the column as Text",
    ),
}


@pytest.mark.parametrize("kind", ["catalog", "controls"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_sheet_writes_nothing(
    case: str, kind: str, tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    maker, expected = CASES[case]
    root = write_repo(tmp_path / "repo", demo_files())
    inputs = tmp_path / "in"
    inputs.mkdir()
    sheet = maker(inputs)
    if kind == "controls" and case in ("duplicate-ids", "merged-cells", "formula-id", "empty-id", "numeric-id"):
        expected = expected.replace("タイトル", "実施状況")
        rewrite_for_controls(sheet)
    before = snapshot(root)
    monkeypatch.chdir(inputs)
    args = ["import", kind, sheet.name, "--root", str(root)]
    if kind == "catalog":
        args += ["--framework", "demo"]
    result = run_isms(*args)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(f"isms: error: cannot import {sheet.name} (")
    assert lines[0].endswith("; nothing was written):")
    assert f"  {expected}" in lines
    assert result.out == ""
    assert snapshot(root) == before


def rewrite_for_controls(path: Path) -> None:
    """Turn a title column into a status column, so the same defect is met by `import controls`."""
    if path.suffix == ".csv":
        text = path.read_text(encoding="utf-8").replace("タイトル", "実施状況")
        path.write_text(text.replace(",一", ",実施済").replace(",二", ",実施済"), encoding="utf-8")
        return
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "タイトル":
                    cell.value = "実施状況"
                elif cell.value in ("一", "二", "三"):
                    cell.value = "実施済"
    book.save(path)
