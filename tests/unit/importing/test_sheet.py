"""Reading workbooks and CSV files into cell texts."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from isms.importing.problems import ImportFailed
from isms.importing.sheet import RawCell, cell_text, read_sheets


@pytest.mark.parametrize(
    ("value", "number_format", "cell"),
    [
        (None, "General", RawCell("")),
        (True, "General", RawCell("TRUE")),
        (7, "General", RawCell("7")),
        (5.0, "General", RawCell("5")),
        (5.1, "0.00", RawCell("5.10")),
        (5.1, "General", RawCell("5.1", ambiguous=True)),
        (dt.datetime(2026, 3, 1), "yyyy-mm-dd", RawCell("2026-03-01")),  # noqa: DTZ001  (Excel dates are naive)
        (dt.date(2026, 3, 1), "General", RawCell("2026-03-01")),
        ("  a\r\nb  ", "General", RawCell("a\nb")),
    ],
)
def test_cell_text(value: object, number_format: str, cell: RawCell) -> None:
    assert cell_text(value, number_format) == cell


def test_workbook_sheets_merges_and_formulas(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "表紙"
    first.append(["タイトル"])
    first.merge_cells("A1:C1")
    second = book.create_sheet("SoA")
    second.append(["ID", "=1+1"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    sheets = read_sheets(path, "book.xlsx")
    assert [s.place.sheet for s in sheets] == ["表紙", "SoA"]
    assert sheets[0].merged == [(1, 0, 1, 2)]
    assert sheets[1].cell(1, 1) == RawCell("", formula="=1+1")
    assert sheets[1].cell(9, 9) == RawCell("")


def test_csv_with_bom_and_tsv(tmp_path: Path) -> None:
    csv_path = tmp_path / "a.csv"
    csv_path.write_bytes('\ufeffID,名称\nA-1,"x, y"\n\n'.encode())
    (sheet,) = read_sheets(csv_path, "a.csv")
    assert [[c.text for c in row] for row in sheet.rows] == [["ID", "名称"], ["A-1", "x, y"]]
    tsv_path = tmp_path / "a.tsv"
    tsv_path.write_text("ID\t名称\nA-1\tx\n", encoding="utf-8")
    assert read_sheets(tsv_path, "a.tsv")[0].cell(2, 1).text == "x"


def test_shift_jis_needs_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "sjis.csv"
    path.write_bytes("ID,名称\nA-1,管理策\n".encode("cp932"))
    with pytest.raises(ImportFailed, match="It looks like Shift_JIS"):
        read_sheets(path, "sjis.csv")
    assert read_sheets(path, "sjis.csv", encoding="cp932")[0].cell(2, 1).text == "管理策"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", "old Excel format (.xls): open it in Excel and save it as .xlsx"),
        ("bin.csv", b"ID\x00\x01", "not a text file (it holds NUL bytes); export the sheet as CSV UTF-8 or .xlsx"),
        ("notes.txt", b"hello", "not a spreadsheet: give a .xlsx, .xlsm, .csv (UTF-8) or .tsv file"),
    ],
)
def test_files_that_are_not_sheets(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as caught:
        read_sheets(path, name)
    assert [p.format() for p in caught.value.problems] == [f"{name}: error: {message}"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        read_sheets(tmp_path / "none.xlsx", "none.xlsx")


def _workbook_with_cached_results(path: Path) -> None:
    """A workbook as Excel saves it: formula cells carry their last computed value (openpyxl writes none)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet = (
        f"<worksheet {ns}><sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c></row>'
        '<row r="2"><c r="A2"><v>7</v></c><c r="B2"><f>A2*6</f><v>42</v></c></row>'
        '<row r="4"><c r="C4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>'
        "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="SoA" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def test_formula_cells_show_their_cached_result(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    _workbook_with_cached_results(path)
    (sheet,) = read_sheets(path, "cached.xlsx")
    assert sheet.cell(2, 0) == RawCell("7")  # rows 1-based, columns 0-based
    assert sheet.cell(2, 1) == RawCell("42", formula="=A2*6")
    assert sheet.cell(4, 2) == RawCell("ab", formula='="a"&"b"')
