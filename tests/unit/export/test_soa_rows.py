"""The SoA rows: one per requirement of soa_framework, in the sheet's words."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from helpers import demo_files, write_repo
from isms.csv_cells import FORMULA_STARTS
from isms.errors import IsmsError
from isms.evaluation import evaluate
from isms.export.csv_export import BOM, soa_csv
from isms.export.markdown import soa_markdown
from isms.export.soa import COLUMNS, build_soa, cells

TODAY = dt.date(2026, 3, 1)


def test_rows_follow_the_catalog_and_the_controls(demo_repo: Path) -> None:
    soa = build_soa(evaluate(demo_repo, TODAY), "ja")
    assert [row.id for row in soa.rows] == ["DM-1", "DM-2", "DM-3"]
    assert [row.status for row in soa.rows] == ["implemented", "planned", "not-applicable"]
    assert [row.applicable for row in soa.rows] == [True, True, False]
    first = dict(zip([c.key for c in COLUMNS], cells(soa.rows[0], "ja"), strict=True))
    assert first == {
        "id": "DM-1",
        "title": "アクセス権の見直し",
        "theme": "",
        "applicable": "○",
        "reasons": "リスク対応",
        "justification": "",
        "status": "実施済",
        "implementation": "四半期ごとに全アカウントを見直す。",
        "owner": "情報セキュリティ責任者",
        "owner_id": "ciso",
        "evidence": "アクセスレビュー 2026年第1四半期 (access/review-2026-q1.csv): 有効",
        "last_review": "2026-01-15",
        "risks": "",
        "suppliers": "",
    }
    english = build_soa(evaluate(demo_repo, TODAY), "en")
    assert cells(english.rows[2], "en")[3:7] == ["No", "", "We have no premises", "Not applicable"]


def test_header_block_names_organisation_commit_and_date(demo_repo: Path) -> None:
    soa = build_soa(evaluate(demo_repo, TODAY), "en")
    assert soa.header_block() == [
        ("Organisation", "Demo Inc."),
        ("Version", "not set (soa.version in isms.yaml) · Approved: not approved"),
        ("Framework", "Demo requirements (demo)"),
        ("Commit", "(not in git)"),
        ("As of", "2026-03-01"),
        (
            "Summary",
            "Applicable 2/3 · Implemented 1 · Partial 0 · Planned 1 · Not applicable 1 · Undecided 0 · Coverage 50.0 %",
        ),
    ]


def test_requirement_without_control_is_undecided(tmp_path: Path) -> None:
    files = demo_files()
    del files["controls/demo/DM-2.yaml"]
    soa = build_soa(evaluate(write_repo(tmp_path, files), TODAY), "ja")
    row = soa.rows[1]
    assert (row.status, row.applicable) == (None, None)
    assert cells(row, "ja")[3] == ""
    assert cells(row, "ja")[6] == "未決定"


def test_unknown_evidence_state_is_undeclared(tmp_path: Path) -> None:
    files = demo_files()
    files["evidence/access/evidence.yaml"] = "evidence: []\n"
    soa = build_soa(evaluate(write_repo(tmp_path, files), TODAY), "en")
    assert cells(soa.rows[0], "en")[10] == "access/review-2026-q1.csv (access/review-2026-q1.csv): undeclared"


def test_soa_framework_must_be_loaded(tmp_path: Path) -> None:
    files = demo_files()
    files["isms.yaml"] = str(files["isms.yaml"]).replace("soa_framework: demo", "soa_framework: nothing")
    with pytest.raises(IsmsError, match=r"`soa_framework: nothing` is not a loaded framework; loaded: "):
        build_soa(evaluate(write_repo(tmp_path, files), TODAY), "ja")


def test_csv_starts_with_bom_and_holds_the_table(demo_repo: Path) -> None:
    text = soa_csv(evaluate(demo_repo, TODAY), "ja")
    assert text.startswith(BOM + "組織,デモ株式会社\r\n")
    lines = text.split("\r\n")
    assert lines[6] == ""
    assert lines[7] == ",".join(c.ja for c in COLUMNS)
    assert lines[10].startswith("DM-3,物理的入退管理,,×,,物理的な拠点を持たない,適用除外,")


def test_markdown_escapes_pipes_and_line_breaks(tmp_path: Path) -> None:
    files = demo_files()
    files["controls/demo/DM-1.yaml"] = str(files["controls/demo/DM-1.yaml"]).replace(
        "implementation: 四半期ごとに全アカウントを見直す。", 'implementation: "A | B\\nC"'
    )
    text = soa_markdown(evaluate(write_repo(tmp_path, files), TODAY), "en")
    assert text.startswith("# Statement of Applicability: Demo requirements\n\n- **Organisation**: Demo Inc.\n")
    assert "| A \\| B<br>C |" in text
    assert text.count("\n| DM-") == 3


def test_each_row_lists_the_risks_citing_its_control() -> None:
    root = Path(__file__).resolve().parents[2] / "data" / "valid" / "risks"
    soa = build_soa(evaluate(root, TODAY), "en")
    assert [row.risks for row in soa.rows] == [("R-1 Loss of files",), ()]
    assert cells(soa.rows[0], "en")[-2:] == ["R-1 Loss of files", ""]


def test_csv_cells_from_yaml_never_start_a_formula(tmp_path: Path) -> None:
    files = demo_files()
    files["controls/demo/DM-1.yaml"] = str(files["controls/demo/DM-1.yaml"]).replace(
        "implementation: 四半期ごとに全アカウントを見直す。", "implementation: '=HYPERLINK(\"https://evil.example\")'"
    )
    text = soa_csv(evaluate(write_repo(tmp_path, files), TODAY), "ja")
    cells_written = [cell for line in text.split("\r\n") for cell in next(csv.reader([line]), [])]
    assert '\'=HYPERLINK("https://evil.example")' in cells_written
    assert not [
        cell
        for cell in cells_written
        if cell[:1] in FORMULA_STARTS and cell.lstrip("+-").replace(".", "").isdigit() is False
    ]
