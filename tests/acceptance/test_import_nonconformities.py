"""`isms import nonconformities`: a corrective-action log as the example keeps it, into nonconformities/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import xlsxwriter

from helpers import RunIsms, commit_all, copy_example, git
from isms.loader.assemble import load_repository

REPOSITORY = Path(__file__).resolve().parents[2]
# The example's log (evidence/audit/corrective-actions.csv) with the day each was raised added.
LOG = (
    "id,source,raised,finding,action,owner,due,done,status\n"
    "NC-2026-02,internal-audit-IA-2026,2026-08-28,異動者のアクセス権削除の遅れ,"
    "人事異動の通知と権限削除を連携するワークフローを導入,insider-admin,2026-12-15,2026-12-01,closed\n"
    "CA-2026-06,incident-SE-2026-003,2026-11-20,USBメモリの紛失,"
    "USBメモリの利用を禁止し暗号化済み端末に限定,it-infra,2027-02-28,,open\n"
)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_example(REPOSITORY, tmp_path / "repo")
    git(root, "init", "-q")
    commit_all(root, "example", "2026-11-01T09:00:00+09:00")
    return root


def test_a_log_adds_a_nonconformity_and_records_an_action_done(
    example: Path, tmp_path: Path, run_isms: RunIsms
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    others = {p.name: p.read_bytes() for p in (example / "nonconformities").iterdir() if p.name != "NC-2026-02.yaml"}
    result = run_isms("import", "nonconformities", str(log), "--root", str(example))
    assert result.code == 0, result.err
    assert result.out == (
        "  added    CA-2026-06\n"
        "  changed  NC-2026-02: actions\n"
        "nonconformities/: 1 added, 1 changed, 0 removed, 0 unchanged\n"
        "wrote 2 file(s)\n"
    )
    assert (example / "nonconformities/CA-2026-06.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schemas/nonconformity.schema.json\n"
        "title: USBメモリの紛失\n"
        "raised: 2026-11-20\n"
        "source: {kind: incident, ref: SE-2026-003}\n"
        "owner: it-infra\n"
        "actions:\n"
        "  - title: USBメモリの利用を禁止し暗号化済み端末に限定\n"
        "    owner: it-infra\n"
        "    due: 2027-02-28\n"
    )
    # Only the done date was added to the existing file: its comments and English texts stay.
    diff = git(example, "diff", "-U0", "--", "nonconformities/NC-2026-02.yaml")
    assert [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "+    done: 2026-12-01"
    ]
    assert {p.name: p.read_bytes() for p in (example / "nonconformities").iterdir()} | others == {
        p.name: p.read_bytes() for p in (example / "nonconformities").iterdir()
    }
    repo = load_repository(example).repository
    assert repo.nonconformities["NC-2026-02"].doc.actions[0].done is not None
    again = run_isms("import", "nonconformities", str(log), "--root", str(example))
    assert again.out.endswith("nonconformities/: 0 added, 0 changed, 0 removed, 2 unchanged\nnothing to change\n")
    check = json.loads(run_isms("check", "--root", str(example), "--today", "2026-12-03", "--format", "json").out)
    found = [(f["rule"], f["severity"]) for f in check["findings"] if f["path"] == "nonconformities/CA-2026-06.yaml"]
    assert found == [("nonconformity-no-root-cause", "warning")]  # valid, and the log had no root cause


def test_the_example_log_says_what_it_lacks_and_writes_nothing(example: Path, run_isms: RunIsms) -> None:
    log = example / "evidence/audit/corrective-actions.csv"
    result = run_isms("import", "nonconformities", str(log), "--root", str(example))
    assert result.code == 1
    assert (
        "corrective-actions.csv, row 2, column B (source): warning: `2026` is no audit id under audits/" in result.err
    )
    assert "row 2: error: a new nonconformity `CA-2026-01` needs `raised`: fill in the cells, or add the columns" in (
        result.err
    )
    assert not (example / "nonconformities/CA-2026-01.yaml").exists()
    assert git(example, "status", "--porcelain") == ""


def test_bad_cells_name_the_sheet_row_and_column(example: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    sheet = tmp_path / "log.xlsx"
    book = xlsxwriter.Workbook(str(sheet))
    ws = book.add_worksheet("是正処置")
    rows = [
        ["番号", "発生源", "発見日", "件名", "等級", "要求事項", "是正処置", "責任者", "期限"],
        ["CA-1", "苦情", "2026-11-01", "問い合わせ対応の遅れ", "重大", "5.24", "手順を改訂", "csirt", "2026-12-31"],
        ["CA-2", "天気", "2026-11-01", "x", "ひどい", "9.99", "y", "nobody", "2026-13-01"],
    ]
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    book.close()
    result = run_isms("import", "nonconformities", str(sheet), "--root", str(example))
    assert result.code == 1
    err = result.err
    for expected in (
        'sheet "是正処置", row 3, column B (発生源): error: `天気` does not start with a source',
        "row 3, column E (等級): error: `ひどい` is not a grade",
        "row 3, column F (要求事項): error: `9.99` is not a requirement of `iso27001-2022`",
        "row 3, column H (責任者): error: unknown owner `nobody`",
        "row 3, column I (期限): error: `2026-13-01` is not a date",
    ):
        assert expected in err, expected
    assert not (example / "nonconformities/CA-1.yaml").exists()
    assert "Traceback" not in err


def test_a_duplicate_id_stops_the_import(example: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG + LOG.splitlines()[2] + "\n", encoding="utf-8")
    result = run_isms("import", "nonconformities", str(log), "--root", str(example))
    assert result.code == 1
    assert "log.csv, row 4, column A (id): error: duplicate id `CA-2026-06` (also in row 3)" in result.err
    assert git(example, "status", "--porcelain") == ""
