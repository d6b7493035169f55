"""`isms import controls`: an SoA sheet as organisations keep it, into control files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from helpers import RunIsms, demo_files, write_repo
from isms.loader.assemble import load_repository


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", demo_files())


def csv_sheet(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "soa.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_japanese_words_update_files_in_place(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = csv_sheet(
        tmp_path,
        "適用宣言書,,,,\n"
        ",,,,\n"
        "管理策番号,適用,実施状況,担当部署,適用・除外の理由\n"
        "DM-1,○,一部実施,情報システム部,\n"
        "DM-2,〇,実施済み,,事業継続に必要\n"
        "DM-3,×,,,物理的な拠点を持たない\n",
    )
    before = (repo / "controls/demo/DM-1.yaml").read_text(encoding="utf-8")
    result = run_isms("import", "controls", str(path), "--root", str(repo))
    assert result.code == 0, result.err
    assert result.out == (
        "  changed  DM-1: status: implemented -> partial, owner: ciso -> it\n"
        "  changed  DM-2: status: planned -> implemented, justification\n"
        "controls/demo/: 0 added, 2 changed, 0 removed, 1 unchanged\nwrote 2 file(s)\n"
    )
    after = (repo / "controls/demo/DM-1.yaml").read_text(encoding="utf-8")
    assert after == before.replace("status: implemented", "status: partial").replace("owner: ciso", "owner: it")
    control = load_repository(repo).repository.controls[("demo", "DM-2")].doc
    assert (control.status, control.due, control.reasons) == ("implemented", control.due, ["business"])
    assert control.justification is not None
    assert control.justification.ja == "事業継続に必要"


def test_rows_that_are_not_requirements(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = csv_sheet(tmp_path, "ID,Status\nDM-1,partial\nZZ-9,implemented\n")
    refused = run_isms("import", "controls", str(path), "--root", str(repo))
    assert refused.code == 1
    assert refused.err == (
        f"isms: error: cannot import {path} (1 error; nothing was written):\n"
        f"  {path}, row 3, column A (ID): error: `ZZ-9` is not a requirement of `demo` "
        "(pass --skip-unknown to import the other rows)\n"
    )
    skipped = run_isms("import", "controls", str(path), "--root", str(repo), "--skip-unknown")
    assert skipped.code == 0
    assert skipped.out.startswith(
        f"{path}, row 3, column A (ID): warning: `ZZ-9` is not a requirement of `demo`; it was skipped\n"
    )
    assert load_repository(repo).repository.controls[("demo", "DM-1")].doc.status == "partial"


def test_contradictions_and_unknown_words(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = csv_sheet(tmp_path, "ID,Applicable,Status,Reasons\nDM-1,No,Implemented,\nDM-2,maybe,soon,risk; luck\n")
    result = run_isms("import", "controls", str(path), "--root", str(repo))
    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        f"  {path}, row 2, column C (Status): error: not applicable (No) but the status is `Implemented`",
        f"  {path}, row 3, column C (Status): error: `soon` is not a status (実施済/一部実施/計画中/未実施/適用除外, "
        "implemented…)",
        f"  {path}, row 3, column B (Applicable): error: `maybe` is not yes or no (○/×, yes/no, 適用/除外)",
        f"  {path}, row 3, column D (Reasons): error: not a reason: `luck` (リスク対応/法令・規制/契約/事業上の必要, "
        "risk/legal/contract/business); if the column is free text, map it with --columns justification=…",
    ]


def test_links_and_other_fields_are_kept(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = csv_sheet(tmp_path, "No.,実施状況,責任者\nA.DM-1,未実施,情報セキュリティ責任者\n")  # A.5.1 style
    assert run_isms("import", "controls", str(path), "--root", str(repo)).code == 0
    doc = load_repository(repo).repository.controls[("demo", "DM-1")].doc
    assert doc.status == "planned"
    assert doc.owner == "ciso"  # found by its Japanese name
    assert doc.evidence == ["access/review-2026-q1.csv"]
    assert doc.review.last is not None
    assert doc.implementation is not None


def test_new_control_files_and_a_missing_justification(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    del files["controls/demo/DM-3.yaml"]
    repo = write_repo(tmp_path / "repo", files)
    path = csv_sheet(tmp_path, "ID,Applicable,Owner ID\nDM-3,No,ciso\n")
    result = run_isms("import", "controls", str(path), "--root", str(repo))
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [
        f"{path}, row 2: warning: `DM-3` is not applicable without a justification; auditors expect one",
        "  added    DM-3",
    ]
    assert (repo / "controls/demo/DM-3.yaml").read_text(encoding="utf-8") == (
        "# demo DM-3: Physical entry\nstatus: not-applicable\nowner: ciso\n"
    )


def test_formulas_use_their_saved_values(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = tmp_path / "soa.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("SoA")
    sheet.write_row(0, 0, ["ID", "Status"])
    sheet.write_string(1, 0, "DM-2")
    sheet.write_formula(1, 1, '=IF(TRUE,"implemented","planned")', None, "implemented")
    book.close()
    assert run_isms("import", "controls", str(path), "--root", str(repo)).code == 0
    assert load_repository(repo).repository.controls[("demo", "DM-2")].doc.status == "implemented"


def test_formula_without_a_saved_value(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = tmp_path / "soa.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Status"])
    sheet.append(["DM-1", '=IF(TRUE,"partial","planned")'])
    book.save(path)
    result = run_isms("import", "controls", str(path), "--root", str(repo))
    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        f'  {path}, sheet "Sheet", row 2, column B (Status): error: the formula =IF(TRUE,"partial","planned") has no '
        "saved value; open and save the file in Excel, or paste values"
    ]


def test_a_sheet_of_another_framework(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = csv_sheet(tmp_path, "ID,Status\n5.1,implemented\n5.2,partial\n")
    result = run_isms("import", "controls", str(path), "--root", str(repo))
    assert result.code == 1
    assert result.err.splitlines()[1:] == [
        f"  {path}: error: none of the 2 ids (e.g. `5.1`) is a requirement of `demo`; name the framework of the "
        "sheet with --framework ID (`isms catalog list`)"
    ]


def test_unknown_owners_are_reported_once(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = csv_sheet(tmp_path, "ID,Status,Owner\nDM-1,implemented,総務部\nDM-2,planned,総務部\nDM-3,,監査室\n")
    result = run_isms("import", "controls", str(path), "--root", str(repo))
    assert result.err.splitlines()[1:] == [
        f"  {path}, row 2, column C (Owner): error: unknown owner `総務部` (also rows 3): add it to `owners` in "
        "isms.yaml, or pass --add-owners",
        f"  {path}, row 4, column C (Owner): error: unknown owner `監査室`: add it to `owners` in isms.yaml, or pass "
        "--add-owners",
    ]
    added = run_isms("import", "controls", str(path), "--root", str(repo), "--add-owners")
    assert added.code == 0, added.err
    owners = load_repository(repo).repository.config.owners
    assert (owners["owner-1"].name.ja, owners["owner-2"].name.ja) == ("総務部", "監査室")
    controls = load_repository(repo).repository.controls
    assert [controls[("demo", rid)].doc.owner for rid in ("DM-1", "DM-2", "DM-3")] == ["owner-1", "owner-1", "owner-2"]
