"""The SoA workbook: reproducible bytes, a real table, Japanese intact."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from helpers import demo_files, write_repo
from isms.evaluation import evaluate
from isms.export.soa import COLUMNS
from isms.export.xlsx import soa_workbook, write_soa_xlsx
from isms.export.xlsx_layout import display_width, layout, row_height, widths
from isms.export.xlsx_sheet import Book, Sheet

TODAY = dt.date(2026, 3, 1)


def test_same_input_gives_the_same_bytes(demo_repo: Path) -> None:
    first = soa_workbook(evaluate(demo_repo, TODAY), "ja")
    second = soa_workbook(evaluate(demo_repo, TODAY), "ja")
    assert first == second
    assert soa_workbook(evaluate(demo_repo, dt.date(2026, 3, 2)), "ja") != first


def test_zip_members_and_creation_time_are_fixed(demo_repo: Path) -> None:
    content = soa_workbook(evaluate(demo_repo, TODAY), "ja")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z</dcterms:created>' in core


def test_sheets_table_layout_and_japanese_text(demo_repo: Path, tmp_path: Path) -> None:
    path = tmp_path / "out" / "soa.xlsx"
    write_soa_xlsx(evaluate(demo_repo, TODAY), path, "ja")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["適用宣言書", "証跡台帳", "指摘事項", "未完了の不適合", "委託先管理台帳", "改訂履歴"]
    sheet = book["適用宣言書"]
    assert sheet["A1"].value == "適用宣言書: デモ基準"
    assert [sheet.cell(row, 1).value for row in range(2, 8)] == [
        "組織",
        "版",
        "フレームワーク",
        "コミット",
        "基準日",
        "集計",
    ]
    assert sheet["B2"].value == "デモ株式会社"
    assert sheet["B3"].value == "未設定（isms.yaml の soa.version） · 承認: 未承認"
    assert [cell.value for cell in sheet[9]] == [column.ja for column in COLUMNS]
    assert [sheet.cell(row, 1).value for row in (10, 11, 12)] == ["DM-1", "DM-2", "DM-3"]
    assert sheet["B10"].value == "アクセス権の見直し"
    assert sheet.freeze_panes == "B10"
    assert sheet.auto_filter.ref == "A9:N12"
    assert sheet["H10"].alignment.wrap_text is True
    assert sheet.column_dimensions["A"].width > 5
    evidence = book["証跡台帳"]
    assert [cell.value for cell in evidence[8]][:3] == ["パス", "名称", "区分"]
    assert evidence["A9"].value == "access/review-2026-q1.csv"


def test_ids_stay_text(tmp_path: Path) -> None:
    files = demo_files()
    files["catalogs/demo.yaml"] = str(files["catalogs/demo.yaml"]).replace("id: DM-1", 'id: "5.10"')
    files["controls/demo/5.10.yaml"] = files.pop("controls/demo/DM-1.yaml")
    files["policies/security.yaml"] = str(files["policies/security.yaml"]).replace("[DM-1]", '["5.10"]')
    content = soa_workbook(evaluate(write_repo(tmp_path, files), TODAY), "en")
    sheet = openpyxl.load_workbook(io.BytesIO(content))["SoA"]
    assert sheet["A10"].value == "5.10"
    assert sheet["A10"].data_type == "s"


def test_the_soa_prints_on_a4_landscape_readably(tmp_path: Path) -> None:
    files = demo_files()
    config = str(files["isms.yaml"])
    files["isms.yaml"] = config + "soa:\n  version: '2.1'\n  approved: {by: ciso, date: 2026-02-01}\n"
    long = "実施内容の説明。" * 40
    control = str(files["controls/demo/DM-1.yaml"])
    files["controls/demo/DM-1.yaml"] = control.replace("四半期ごとに全アカウントを見直す。", long)
    content = soa_workbook(evaluate(write_repo(tmp_path, files), TODAY), "ja")
    sheet = openpyxl.load_workbook(io.BytesIO(content))["適用宣言書"]
    assert sheet["B3"].value.startswith("2.1 · 承認: ")
    assert sheet["B3"].value.endswith(", 2026-02-01")
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToHeight) == (9, "landscape", 0)
    assert setup.fitToWidth in (None, 1)  # 1 page wide (the attribute's default)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$9:$9"  # the header row repeats on every page
    assert sheet.oddHeader.left.text == "デモ株式会社"
    assert sheet.oddHeader.right.text == "適用宣言書 版 2.1"
    assert sheet.oddFooter.center.text == "&P / &N"
    total = sum(sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLM")
    assert (
        total <= 225
    )  # 13 columns up to 317 characters wide before, shrunk to fit A4 landscape at a readable size; long texts wrap
    height = sheet.row_dimensions[10].height
    assert height is not None
    assert height >= 15 * display_width(long) / (sheet.column_dimensions["H"].width * 1.1)  # every line shows
    other = sheet.row_dimensions[11].height or 15.0
    assert other < height


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("管理策") == 6
    assert display_width("a\n管理") == 4
    assert display_width("") == 0


TEXTS = [
    ["a", "管理策", "", " lead and trail ", "line\nbreak\n\n", "_x0000_ \x01 ctl", "<&>\"'", "x" * 20_000],
    ["a", "管理策の\n見直し", "2026-03-01", "z", "", "", "ｆｕｌｌ", "🙂 emoji"],
    ["same", "same", "same"],
    ["\u3000全角の空白", "tab\t", "\tlead", "end\n", "cr\r", "_x0041_", "_X41_", "<r>rich</r>", "\ufffe\uffff"],
    ["&amp;", "a > b", 'quote "', "\n", " ", "x" * 16_383, "plain", "a\u00a0", "\u2028"],
    ["a\x01b", "x\x1fy", "one\uffffchar", "\ufffeother", "vt\x0bx"],
    ["x" * 40_000, "🙂" * 20_000, "a" * 16_383 + "🙂", "x" * 32_767],  # over Excel's limit: truncated alike
    ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "0012", "1e5", "TRUE", "#N/A"],  # text, never a formula
]


def _texts(sheet: Worksheet, fast: bool, first: int, rows: list[list[str]], cell_format: object) -> None:
    """Write rows of texts with the fast sheet's methods, or with XlsxWriter's `write_string` cell by cell."""
    if fast and len(rows) == 1:
        sheet.write_texts(first, rows[0], cell_format)
    elif fast:
        sheet.write_table(first, rows, cell_format)
    else:
        for row, texts in enumerate(rows, start=first):
            for col, text in enumerate(texts):
                sheet.write_string(row, col, text, cell_format)


def _heights(sheet: Worksheet, fast: bool, first: int, heights: list[float]) -> None:
    if fast:
        sheet.set_heights(first, heights)
    else:
        for row, height in enumerate(heights, start=first):
            sheet.set_row(row, height)


def _book(workbook_class: type[xlsxwriter.Workbook], sheet_class: type[Worksheet], fast: bool) -> bytes:
    stream = io.BytesIO()
    book = workbook_class(stream, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": dt.datetime(2026, 3, 1, tzinfo=dt.UTC)})
    cell = book.add_format({"text_wrap": True, "border": 1})
    for name in ("t", "taller default rows", "a 2010 data bar"):
        sheet = book.add_worksheet(name, worksheet_class=sheet_class)
        if name == "taller default rows":
            sheet.set_default_row(24)
        elif name == "a 2010 data bar":
            sheet.conditional_format("Z1:Z2", {"type": "data_bar", "data_bar_2010": True})
        sheet.write_string(0, 0, "title")  # no format
        sheet.write_number(1, 2, 3.5, cell)
        heights = [30.0 if row % 2 else 15.0 for row in range(len(TEXTS))]
        for row, texts in enumerate(TEXTS, start=3):
            _texts(sheet, fast, row, [texts], cell)
        _heights(sheet, fast, 3, heights)
        sheet.write_string(14, 12, "wider than the text rows", cell)  # in their block of 16 rows
        sheet.write_string(15, 0, "a row written cell by cell first", cell)
        _texts(sheet, fast, 15, [["then as texts", "b"]], cell)
        _texts(sheet, fast, 16, [["no format", "x"]], None)
        _texts(sheet, fast, 33, [["a later block"]], cell)
        _heights(sheet, fast, 40, [45.0, 408.75, 11.65])  # rows with a height and no cells (rounded)
        _heights(sheet, fast, 44, [15.0, 0.0, 0.3])  # 0: hidden, row by row
        _texts(sheet, fast, 50, [["same", "new", "a"], ["new", "管理策", "x", "wider"], ["y"], ["z"]], cell)
        _texts(sheet, fast, 60, [["a"], [], ["b"]], cell)  # an empty row: cell by cell
        sheet.write_comment(70, 6, "a comment beside the text rows")
        _texts(sheet, fast, 71, [["c", "d"]], cell)
        sheet.set_row(50, 30.0, None, {"hidden": True})  # rows of one shape, one with more attributes
        sheet.set_row(51, 30.0)
        sheet.set_row(52, 30.0, cell)
        sheet.set_row(53, 30.0, None, {"level": 1})
        _heights(sheet, fast, 90, [20.0, 25.0])  # the last rows
        if fast:
            sheet.write_texts(20, [], cell)
    book.close()
    return stream.getvalue()


def test_the_fast_sheet_writes_what_xlsxwriter_writes() -> None:
    expected = _book(xlsxwriter.Workbook, Worksheet, fast=False)
    assert _book(Book, Sheet, fast=True) == expected
    assert _book(xlsxwriter.Workbook, Sheet, fast=True) == expected
    assert _book(Book, Sheet, fast=False) == expected


def test_text_that_looks_like_a_formula_is_text_in_both_writers(tmp_path: Path) -> None:
    files = demo_files()
    control = str(files["controls/demo/DM-1.yaml"])
    attack = "=cmd|' /C calc'!A0"
    files["controls/demo/DM-1.yaml"] = control.replace("四半期ごとに全アカウントを見直す。", f'"{attack}"')
    result = evaluate(write_repo(tmp_path, files), TODAY)
    for plain in (False, True):
        with zipfile.ZipFile(io.BytesIO(soa_workbook(result, "en", plain=plain))) as book:
            sheets = [book.read(name) for name in book.namelist() if name.startswith("xl/worksheets/sheet")]
            assert sheets
            assert all(b"<f>" not in sheet for sheet in sheets)
            assert attack.encode() in book.read("xl/sharedStrings.xml")


def test_the_workbook_is_xlsxwriters_own(tmp_path: Path) -> None:
    files = demo_files()
    control = str(files["controls/demo/DM-1.yaml"])
    tricky = "「見直し」 & <確認>\\n _x0000_ 末尾の空白 "
    files["controls/demo/DM-1.yaml"] = control.replace("四半期ごとに全アカウントを見直す。", f'"{tricky}"')
    result = evaluate(write_repo(tmp_path, files), TODAY)
    assert soa_workbook(result, "ja") == soa_workbook(result, "ja", plain=True)
    content = soa_workbook(result, "en")
    assert content == soa_workbook(result, "en", plain=True)
    assert tricky.replace("\\n", "\n").strip() in str(openpyxl.load_workbook(io.BytesIO(content))["SoA"]["H10"].value)


def test_layout_measures_as_widths_and_row_height() -> None:
    headers = ["パス", "Title", "c"]
    rows = [["a" * 90, "管理策\n" * 3, ""], ["x", "y" * 30, "長い" * 40], ["", "", ""]]
    limits = [36, 20, 10]
    sized = widths(headers, rows, limits)
    assert layout(headers, rows, limits) == (sized, row_height(headers, sized), [row_height(r, sized) for r in rows])
    assert layout(headers, [], limits) == (widths(headers, [], limits), row_height(headers, sized), [])


def test_open_nonconformities_sheet_of_the_cycle_case(tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "data" / "valid" / "cycle"
    path = tmp_path / "soa.xlsx"
    write_soa_xlsx(evaluate(case, dt.date(2026, 10, 7)), path, "en")
    sheet = openpyxl.load_workbook(path)["Open nonconformities"]
    header = next(row for row in range(1, 12) if sheet.cell(row, 1).value == "ID")
    rows = [[c.value for c in sheet[row]] for row in range(header + 1, sheet.max_row + 1)]
    assert [row[0] for row in rows] == ["NC-2"]
    assert rows[0][7] == "Open"  # the site's word (isms.vocabulary.NC_STATUS)
    assert rows[0][8] == "Check recipients before sending (ops, 2026-09-30, overdue)"


def test_the_supplier_sheet_says_what_falls_due(tmp_path: Path) -> None:
    files = demo_files()
    files["suppliers/acme.yaml"] = (
        "name: {ja: 委託先A, en: Acme}\ncriticality: high\nhandles: [insider]\n"
        "inspections: [{date: 2026-01-10, evidence: access/review-2026-q1.csv}]\n"
        "inspection_interval: 1m\n"
    )
    content = soa_workbook(evaluate(write_repo(tmp_path, files), dt.date(2026, 3, 1)), "en")
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Suppliers"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=8)]
    assert rows[0][:4] == ["ID", "Name", "Kind", "Criticality"]
    assert rows[1] == [
        "acme",
        "Acme",
        "Contractor",
        "High",
        "insider",
        "",
        "2026-01-10",
        "2026-02-10 (overdue)",
        "",
        "overdue",
        "",
    ]
