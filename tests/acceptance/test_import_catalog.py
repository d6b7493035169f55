"""`isms import catalog`: a sheet of requirements into catalogs/<ID>.yaml, and updates of it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from helpers import RunIsms, demo_files, write_repo
from isms.loader.assemble import load_repository


def sheet(path: Path, rows: list[list[str | None]], *, preamble: int = 0) -> Path:
    """Write a workbook whose table starts after ``preamble`` title rows."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "チェックシート"
    for number in range(preamble):
        ws.append([f"表題 {number + 1}"])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


HEADER: list[str | None] = ["No.", "項目", "英語", "分類", "説明"]
ROWS: list[list[str | None]] = [
    HEADER,
    ["Q-1", "経営者の関与", "Management commitment", "体制", "経営者が関与している。"],
    ["Q-2", "リスクの特定", "Risk identification", "体制", None],
    [None, None, None, None, None],
    ["Q-3", "バックアップ", None, "運用", None],
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", demo_files())


def test_new_catalog_from_a_workbook(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = sheet(tmp_path / "questionnaire.xlsx", ROWS, preamble=2)
    result = run_isms(
        "import", "catalog", str(path), "--framework", "customer-q", "--name", "顧客質問票", "--root", str(repo)
    )
    assert result.code == 0, result.err
    assert result.out == (
        f'{path}, sheet "チェックシート": note: skipped 1 blank row(s): 6\n'
        "  added    Q-1\n  added    Q-2\n  added    Q-3\n"
        "catalogs/customer-q.yaml: 3 added, 0 changed, 0 removed, 0 unchanged\nwrote 1 file(s)\n"
    )
    framework = load_repository(repo).repository.frameworks["customer-q"]
    assert framework.info.name.ja == "顧客質問票"
    q1 = framework.requirements["Q-1"]
    assert (q1.title.ja, q1.title.en, q1.source) == ("経営者の関与", "Management commitment", "official")
    assert q1.description is not None
    assert q1.description.ja == "経営者が関与している。"
    assert [g.title.ja for g in framework.groups.values()] == ["体制", "運用"]
    assert framework.requirements["Q-3"].group == "group-2"
    assert framework.requirements["Q-3"].title.en is None


def test_reimport_changes_only_what_changed(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    first = sheet(tmp_path / "v1.xlsx", ROWS)
    assert run_isms("import", "catalog", str(first), "--framework", "customer-q", "--root", str(repo)).code == 0
    target = repo / "catalogs" / "customer-q.yaml"
    commented = "# Our customer's questionnaire: keep this comment.\n" + target.read_text(encoding="utf-8")
    commented = commented.replace("    group: group-2\n", "    group: group-2  # ops\n")
    target.write_text(commented, encoding="utf-8")
    updated: list[list[str | None]] = [
        HEADER,
        ["Q-1", "経営者の関与", "Management commitment", "体制", "経営者が関与している。"],
        ["Q-3", "バックアップ", None, "運用", None],
        ["Q-4", "ログの保存", "Log retention", "運用", None],
        ["Q-2", "リスクの特定と評価", None, "体制", None],
    ]
    second = sheet(tmp_path / "v2.xlsx", updated)
    result = run_isms("import", "catalog", str(second), "--framework", "customer-q", "--root", str(repo))
    assert result.code == 0, result.err
    assert result.out == (
        "  added    Q-4\n  changed  Q-2: title\n"
        "catalogs/customer-q.yaml: 1 added, 1 changed, 0 removed, 2 unchanged\nwrote 1 file(s)\n"
    )
    after = target.read_text(encoding="utf-8")
    expected = commented.replace("      ja: リスクの特定\n", "      ja: リスクの特定と評価\n") + (
        "  - id: Q-4\n    title:\n      ja: ログの保存\n      en: Log retention\n"
        "    group: group-2\n    source: official\n"
    )
    assert after == expected
    requirements = load_repository(repo).repository.frameworks["customer-q"].requirements
    assert list(requirements) == ["Q-1", "Q-2", "Q-3", "Q-4"]
    assert requirements["Q-2"].title.en == "Risk identification"  # a blank cell keeps the value

    removed = sheet(tmp_path / "v3.xlsx", [HEADER, ["Q-1", "経営者の関与", None, None, None]])
    result = run_isms("import", "catalog", str(removed), "--framework", "customer-q", "--root", str(repo))
    assert result.out.endswith("0 added, 0 changed, 3 removed, 1 unchanged\nwrote 1 file(s)\n")
    assert "  removed  Q-2\n  removed  Q-3\n  removed  Q-4\n" in result.out


def test_official_sheet_replaces_the_packaged_paraphrase(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    packaged = load_repository(repo).repository.frameworks["meti-csm-v1"]
    assert {r.source for r in packaged.requirements.values()} == {"official", "paraphrase"}
    rows: list[list[str | None]] = [["番号", "チェック項目"]]
    rows += [[rid, f"公式: {r.title.ja}"] for rid, r in packaged.requirements.items()]
    path = sheet(tmp_path / "meti.xlsx", rows)
    result = run_isms("import", "catalog", str(path), "--framework", "meti-csm-v1", "--root", str(repo))
    assert result.code == 0, result.err
    assert (repo / "catalogs" / "meti-csm-v1.yaml").is_file()
    framework = load_repository(repo).repository.frameworks["meti-csm-v1"]
    assert framework.origin == "repository"
    assert list(framework.requirements) == list(packaged.requirements)
    assert {r.source for r in framework.requirements.values()} == {"official"}
    for rid, requirement in framework.requirements.items():
        assert requirement.title.ja == f"公式: {packaged.requirements[rid].title.ja}"
        assert requirement.title.en == packaged.requirements[rid].title.en
        assert requirement.maps_to == packaged.requirements[rid].maps_to
        assert requirement.group == packaged.requirements[rid].group
    assert framework.groups == packaged.groups
    assert framework.info.coverage == packaged.info.coverage


def test_columns_by_letter_without_a_header_row(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("X-1,Encrypt laptops\nX-2,Patch monthly\n", encoding="utf-8")
    result = run_isms(
        "import", "catalog", str(path), "--framework", "own", "--columns", "id=A,title=B", "--header-row", "0",
        "--source", "organisation", "--root", str(repo),
    )  # fmt: skip
    assert result.code == 0, result.err
    framework = load_repository(repo).repository.frameworks["own"]
    assert framework.requirements["X-1"].title.en == "Encrypt laptops"  # English text goes to `en`
    assert framework.requirements["X-1"].title.ja is None
    assert framework.requirements["X-2"].source == "organisation"


def test_dry_run_writes_nothing(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = sheet(tmp_path / "q.xlsx", ROWS)
    result = run_isms("import", "catalog", str(path), "--framework", "q", "--dry-run", "--root", str(repo))
    assert result.out.endswith("dry run: 1 file(s) would be written; nothing was written\n")
    assert not (repo / "catalogs" / "q.yaml").exists()


def test_removing_a_requirement_with_a_control_is_refused(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = tmp_path / "demo.csv"
    path.write_text("ID,Title\nDM-1,Access review\nDM-2,Backups\n", encoding="utf-8")
    before = (repo / "catalogs" / "demo.yaml").read_bytes()
    result = run_isms("import", "catalog", str(path), "--framework", "demo", "--root", str(repo))
    assert result.code == 1
    assert "controls/demo/DM-3.yaml:1:1: `demo` has no requirement `DM-3`" in result.err
    assert (repo / "catalogs" / "demo.yaml").read_bytes() == before


def test_unknown_column_name_in_columns(repo: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    path = sheet(tmp_path / "q.xlsx", ROWS)
    result = run_isms(
        "import", "catalog", str(path), "--framework", "q", "--columns", "id=A,name=B", "--root", str(repo)
    )
    assert result.code == 2
    assert result.err == (
        "isms: error: --columns: unknown field `name`; fields: id, title, title_ja, title_en, group, description, "
        "description_ja, description_en\n"
    )
