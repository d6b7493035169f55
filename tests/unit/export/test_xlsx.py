"""The SoA workbook: reproducible bytes, a real table, Japanese intact."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

from helpers import demo_files, write_repo
from isms.evaluation import evaluate
from isms.export.soa import COLUMNS
from isms.export.xlsx import display_width, soa_workbook, write_soa_xlsx

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
    assert book.sheetnames == ["適用宣言書", "証跡台帳", "指摘事項"]
    sheet = book["適用宣言書"]
    assert sheet["A1"].value == "適用宣言書: デモ基準"
    assert [sheet.cell(row, 1).value for row in range(2, 7)] == ["組織", "フレームワーク", "コミット", "基準日", "集計"]
    assert sheet["B2"].value == "デモ株式会社"
    assert [cell.value for cell in sheet[8]] == [column.ja for column in COLUMNS]
    assert [sheet.cell(row, 1).value for row in (9, 10, 11)] == ["DM-1", "DM-2", "DM-3"]
    assert sheet["B9"].value == "アクセス権の見直し"
    assert sheet.freeze_panes == "B9"
    assert sheet.auto_filter.ref == "A8:M11"
    assert sheet["H9"].alignment.wrap_text is True
    assert sheet.column_dimensions["A"].width > 5
    evidence = book["証跡台帳"]
    assert [cell.value for cell in evidence[7]][:3] == ["パス", "名称", "区分"]
    assert evidence["A8"].value == "access/review-2026-q1.csv"


def test_ids_stay_text(tmp_path: Path) -> None:
    files = demo_files()
    files["catalogs/demo.yaml"] = str(files["catalogs/demo.yaml"]).replace("id: DM-1", 'id: "5.10"')
    files["controls/demo/5.10.yaml"] = files.pop("controls/demo/DM-1.yaml")
    files["policies/security.yaml"] = str(files["policies/security.yaml"]).replace("[DM-1]", '["5.10"]')
    content = soa_workbook(evaluate(write_repo(tmp_path, files), TODAY), "en")
    sheet = openpyxl.load_workbook(io.BytesIO(content))["SoA"]
    assert sheet["A9"].value == "5.10"
    assert sheet["A9"].data_type == "s"


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("管理策") == 6
    assert display_width("a\n管理") == 4
    assert display_width("") == 0
