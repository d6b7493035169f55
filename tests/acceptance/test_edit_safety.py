"""Never a lost or overwritten file (issue 18): one edit at a time, file sets written as sets, init refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DEMO_CONFIG, RunIsms
from isms.edit.transaction import JOURNAL_NAME, editing, state_folder
from isms.errors import IsmsError
from isms.loader.assemble import load_repository


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _temporaries(root: Path) -> list[Path]:
    return list(root.rglob(".*.tmp"))


def test_two_evidence_adds_at_once_both_land(demo_repo: Path) -> None:
    for name in ("a", "b", "c"):
        (demo_repo / f"evidence/access/{name}.csv").write_bytes(f"account\n{name}\n".encode())
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isms",
                "evidence",
                "add",
                f"evidence/access/{name}.csv",
                "--for",
                "DM-1",
                "--root",
                str(demo_repo),
                "--date",
                "2026-01-20",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b", "c")
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    register = (demo_repo / "evidence/access/evidence.yaml").read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        assert f"path: {name}.csv" in register
    assert not [f for f in load_repository(demo_repo).findings if f.severity.value == "error"]


def test_a_second_edit_waits_then_refuses_with_a_clear_message(demo_repo: Path) -> None:
    with editing(demo_repo), pytest.raises(IsmsError, match="another isms edit"), editing(demo_repo, wait=0.2):
        pass
    with editing(demo_repo, wait=0.2):  # released: the next edit gets it
        pass


NEW_OWNER = DEMO_CONFIG + "  newowner:\n    name: 新しい責任者\n"

CRASHING_WRITE = """
import os, sys
from pathlib import Path
from isms.edit import transaction

root = Path(sys.argv[1])
mode = sys.argv[2]
changes = {
    root / f"controls/demo/{name}.yaml": (root / f"controls/demo/{name}.yaml").read_text().replace("ciso", "newowner")
    for name in ("DM-1", "DM-3")
} | {
    root / "isms.yaml": sys.argv[3],
}
if mode == "between-renames":
    real, targets = os.replace, set(changes)
    def replace(src, dst):
        real(src, dst)
        if Path(dst) in targets:
            os._exit(9)  # killed right after the first file is in place
    os.replace = replace
else:
    real_write, calls = transaction._write_durably, []
    def write(path, data):
        calls.append(path)
        if len(calls) == 3:  # the journal, one temporary: then killed
            os._exit(9)
        real_write(path, data)
    transaction._write_durably = write
with transaction.editing(root):
    transaction.write_set(root, changes)
"""


@pytest.mark.parametrize("mode", ["between-renames", "while-staging"])
def test_a_crash_mid_write_leaves_the_old_or_the_new_repository(demo_repo: Path, mode: str) -> None:
    subprocess.run(["git", "init", "-q", str(demo_repo)], check=True)
    before = snapshot(demo_repo)
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITE, str(demo_repo), mode, NEW_OWNER], capture_output=True, check=False
    )
    assert done.returncode == 9, done.stderr
    errors = [f for f in load_repository(demo_repo).findings if f.severity.value == "error"]
    assert errors == []  # isms.yaml goes first: every state in between is valid
    with editing(demo_repo) as recovered:  # the next edit finishes or undoes it
        assert recovered
    after = snapshot(demo_repo)
    assert not _temporaries(demo_repo)
    assert not (state_folder(demo_repo) / JOURNAL_NAME).exists()
    control = after["controls/demo/DM-1.yaml"].decode()
    if mode == "between-renames":
        assert after["isms.yaml"].decode() == NEW_OWNER
        assert "owner: newowner" in control
        assert "owner: newowner" in after["controls/demo/DM-3.yaml"].decode()
    else:
        assert {k: v for k, v in after.items() if not k.startswith(".git/")} == {
            k: v for k, v in before.items() if not k.startswith(".git/")
        }


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, run_isms: RunIsms) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = run_isms("init", str(target))
    assert done.code == 2
    assert "is not empty" in done.err
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_init_refuses_a_folder_inside_an_isms(demo_repo: Path, run_isms: RunIsms) -> None:
    before = snapshot(demo_repo)
    done = run_isms("init", str(demo_repo / "controls/nested"))
    assert done.code == 2
    assert "is inside the ISMS at" in done.err
    assert snapshot(demo_repo) == before


def _interrupted(root: Path, state: str) -> tuple[Path, Path]:
    """Leave the journal of an edit of DM-1 interrupted in ``state``; return its temporary file and target."""
    target = root / "controls/demo/DM-1.yaml"
    temporary = target.with_name(".DM-1.yaml.crashed.tmp")
    temporary.write_text(target.read_text(encoding="utf-8").replace("ciso", "ciso  # renamed"), encoding="utf-8")
    document = {"state": state, "files": [[str(temporary), str(target)]]}
    (state_folder(root) / JOURNAL_NAME).write_text(json.dumps(document), encoding="utf-8")
    return temporary, target


def test_what_the_recovery_did_is_said_in_the_terminals_language(
    demo_repo: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(demo_repo)], check=True)
    _, target = _interrupted(demo_repo, "committed")
    english = run_isms("control", "set", "DM-1", "--reviewed", "2026-01-20", "--root", str(demo_repo))
    assert (english.code, english.out) == (
        0,
        f"completed the interrupted write of {target}\nupdated controls/demo/DM-1.yaml: review.last: 2026-01-20\n",
    )
    assert "# renamed" in target.read_text(encoding="utf-8")
    monkeypatch.setenv("ISMS_LANG", "ja")
    _, target = _interrupted(demo_repo, "committed")
    japanese = run_isms("codeowners", "--root", str(demo_repo))
    assert japanese.out.splitlines()[0] == f"中断された {target} の書き込みを完了しました"
    temporary, _ = _interrupted(demo_repo, "staging")
    japanese = run_isms("control", "set", "DM-1", "--reviewed", "2026-01-21", "--root", str(demo_repo))
    assert (japanese.code, japanese.out) == (
        0,
        f"中断された編集の一時ファイルを削除しました（{temporary.name}）\n"
        "controls/demo/DM-1.yaml を更新しました: review.last: 2026-01-21\n",
    )
    assert not temporary.exists()
    (state_folder(demo_repo) / JOURNAL_NAME).write_text("{not json", encoding="utf-8")
    unreadable = run_isms("control", "set", "DM-1", "--reviewed", "2026-01-22", "--root", str(demo_repo))
    assert unreadable.out.splitlines()[0] == "読めない編集ジャーナルを削除しました"
