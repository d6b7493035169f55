"""`isms import risks`: a risk register sheet as teams keep it, into risks/<id>.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import xlsxwriter

from helpers import RunIsms
from isms.loader.assemble import load_repository

CASE = Path(__file__).resolve().parents[1] / "data" / "valid" / "risks"

JA_SHEET = (
    "リスク台帳,,,,,,,,,,,,,,,\n"
    "リスクID,リスク名,対象資産,脅威,脆弱性,リスク所有者,評価日,発生可能性,影響度,リスクレベル,"
    "リスク対応,管理策,残留発生可能性,残留影響度,受容者,受容日,受容期限\n"
    "R-1,ファイルの消失,file-server,ランサムウェア,バックアップの不備,ciso,2026-01-10,3,3,高,低減,DM-1,1,3,ciso,"
    "2026-01-20,2027-01-20\n"
    'R-2,\'=HYPERLINK("http://x"),customer-data,誤送信,宛先確認の不足,CEO,2026/2/1,起こりうる,重大,中,低減,DM-1,'
    "まれ,重大,,,\n"
)


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(CASE, root)
    return root


def test_a_japanese_register_adds_a_risk_and_keeps_the_rest(tmp_path: Path, run_isms: RunIsms) -> None:
    root = repo(tmp_path)
    sheet = tmp_path / "risks.csv"
    sheet.write_text(JA_SHEET, encoding="utf-8")
    before = (root / "risks/R-1.yaml").read_bytes()
    result = run_isms("import", "risks", str(sheet), "--root", str(root))
    assert result.code == 0, result.err
    assert result.out == "  added    R-2\nrisks/: 1 added, 0 changed, 0 removed, 1 unchanged\nwrote 1 file(s)\n"
    assert (root / "risks/R-1.yaml").read_bytes() == before  # same values, labels or numbers: untouched
    assert (root / "risks/R-2.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schemas/risk.schema.json\n"
        'title: =HYPERLINK("http://x")\n'
        "assets: [customer-data]\n"
        "threat: 誤送信\n"
        "vulnerability: 宛先確認の不足\n"
        "owner: ceo\n"
        "assessed: 2026-02-01\n"
        "inherent: {likelihood: 2, impact: 2}\n"
        "treatment: modify\n"
        'controls: ["demo:DM-1"]\n'
        "residual: {likelihood: 1, impact: 2}\n"
    )
    risk = load_repository(root).repository.risks["R-2"]
    assert risk.doc.title.ja == '=HYPERLINK("http://x")'  # the neutralised cell reads back as written
    assert risk.inherent is not None
    assert (risk.inherent.band, risk.inherent.score) == ("medium", 4)
    again = run_isms("import", "risks", str(sheet), "--root", str(root))
    assert again.out.endswith("risks/: 0 added, 0 changed, 0 removed, 2 unchanged\nnothing to change\n")


def test_an_update_edits_the_file_in_place(tmp_path: Path, run_isms: RunIsms) -> None:
    root = repo(tmp_path)
    sheet = tmp_path / "risks.csv"
    sheet.write_text("ID,Residual likelihood,Residual impact,Valid until\nR-1,possible,Major,2026-12-31\n", "utf-8")
    result = run_isms("import", "risks", str(sheet), "--root", str(root))
    assert result.code == 0, result.err
    assert "  changed  R-1: residual, acceptance\n" in result.out
    text = (root / "risks/R-1.yaml").read_text(encoding="utf-8")
    assert "residual: {likelihood: 2, impact: 2}\n" in text
    assert "acceptance: {by: ciso, date: 2026-01-20, valid_until: 2026-12-31}\n" in text
    assert "  - {title: オフラインバックアップ, owner: ciso, due: 2026-06-30}\n" in text  # actions kept


def test_errors_name_sheet_row_and_column_and_nothing_is_written(tmp_path: Path, run_isms: RunIsms) -> None:
    root = repo(tmp_path)
    sheet = tmp_path / "register.xlsx"
    book = xlsxwriter.Workbook(sheet)
    page = book.add_worksheet("Risks")
    rows = [
        [
            "Risk ID",
            "Title",
            "Assets",
            "Threat",
            "Vulnerability",
            "Owner",
            "Assessed",
            "Likelihood",
            "Impact",
            "Treatment",
            "Controls",
        ],
        ["R-7", "Fire", "warehouse", "Fire", "No sprinkler", "ciso", "2026-03-01", "often", "3", "mitigate", "DM-9"],
        ["R-8", "Flood", "file-server", "Flood", "Basement", "nobody", "31/03/2026", "1", "9", "ignore", "DM-1"],
        ["R-9", "Theft", "", "", "", "", "", "", "", "", ""],
    ]
    for number, cells in enumerate(rows):
        page.write_row(number, 0, cells)
    book.close()
    result = run_isms("import", "risks", str(sheet), "--root", str(root))
    assert result.code == 1
    where = f'{sheet}, sheet "Risks"'
    assert result.err == (
        f"isms: error: cannot import {sheet} (8 errors; nothing was written):\n"
        f"  {where}, row 2, column C (Assets): error: unknown asset `warehouse`: add it to a register in assets/, "
        "or fix the id\n"
        f"  {where}, row 2, column K (Controls): error: `DM-9` is not a requirement of `demo`; write the requirement "
        "id (e.g. 5.15) or framework:id\n"
        f"  {where}, row 2, column H (Likelihood): error: `often` is not a point of the likelihood scale in isms.yaml "
        "(1 rare, 2 possible, 3 likely)\n"
        f"  {where}, row 3, column F (Owner): error: unknown owner `nobody`: add it to `owners` in isms.yaml "
        "(owners: ciso, ceo)\n"
        f"  {where}, row 3, column G (Assessed): error: `31/03/2026` is not a date (write YYYY-MM-DD, e.g. "
        "2026-04-15)\n"
        f"  {where}, row 3, column J (Treatment): error: `ignore` is not one of 低減/保有/回避/共有 (modify, retain…)\n"
        f"  {where}, row 3, column I (Impact): error: `9` is not a point of the impact scale in isms.yaml "
        "(1 minor, 2 major, 3 severe)\n"
        f"  {where}, row 4, column D (Threat): error: a new risk `R-9` needs `threat`, `vulnerability`, `owner`, "
        "`assessed`, `likelihood`, `impact`: fill in the cells, or add the columns\n"
    )
    assert sorted(p.name for p in (root / "risks").iterdir()) == ["R-1.yaml"]
