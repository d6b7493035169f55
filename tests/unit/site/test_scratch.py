"""The staging folder goes to memory (/dev/shm) only when there is room for it and nobody chose a temp folder."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from helpers import demo_files, write_repo
from isms.evaluation import Evaluation, evaluate
from isms.site import scratch

TODAY = dt.date(2026, 3, 1)
ROOM = 1 << 40


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    files = demo_files()
    files["evidence/pub/evidence.yaml"] = (
        "evidence:\n  - {path: open.bin, title: 公開, date: 2026-01-10, class: public}\n"
    )
    files["evidence/pub/open.bin"] = b"x" * (3 << 20)
    return evaluate(write_repo(tmp_path_factory.mktemp("scratch") / "repo", files), TODAY)


@pytest.fixture
def shm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder standing for /dev/shm: a tmpfs with room, on Linux, no TMPDIR, memory to spare."""
    folder = tmp_path / "shm"
    folder.mkdir()
    monkeypatch.setattr(scratch, "SHM", folder)
    monkeypatch.setattr(scratch, "_tmpfs", lambda path: path == folder)
    monkeypatch.setattr(scratch, "LINUX", True)
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(scratch, "free_space", lambda path: ROOM)
    monkeypatch.setattr(scratch, "memory_available", lambda: ROOM)
    return folder


def test_the_estimate_counts_the_items_and_the_public_files_copied_in(evaluation: Evaluation) -> None:
    repo = evaluation.repository
    items = len(repo.controls) + len(repo.evidence) + len(repo.risks) + len(repo.audits) + len(repo.policies)
    assert scratch.estimate(evaluation) == scratch.BASE_BYTES + items * scratch.BYTES_PER_ITEM + (3 << 20)


def test_memory_when_it_has_room_for_twice_the_estimate(
    evaluation: Evaluation, shm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert scratch.staging_parent(evaluation) == str(shm)
    need = 2 * scratch.estimate(evaluation)
    monkeypatch.setattr(scratch, "free_space", lambda path: need)
    monkeypatch.setattr(scratch, "memory_available", lambda: need)
    assert scratch.staging_parent(evaluation) == str(shm)
    monkeypatch.setattr(scratch, "free_space", lambda path: need - 1)  # a container's 64 MB /dev/shm
    assert scratch.staging_parent(evaluation) is None
    monkeypatch.setattr(scratch, "free_space", lambda path: ROOM)
    monkeypatch.setattr(scratch, "memory_available", lambda: need - 1)  # a small machine
    assert scratch.staging_parent(evaluation) is None


def test_the_temp_folder_when_the_user_chose_one_or_there_is_no_tmpfs(
    evaluation: Evaluation, shm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(shm.parent))
    assert scratch.staging_parent(evaluation) is None
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(scratch, "LINUX", False)
    assert scratch.staging_parent(evaluation) is None
    monkeypatch.setattr(scratch, "LINUX", True)
    monkeypatch.setattr(scratch, "_tmpfs", lambda path: False)
    assert scratch.staging_parent(evaluation) is None


def test_the_temp_folder_when_memory_cannot_be_written(evaluation: Evaluation, shm: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes a read-only folder")
    shm.chmod(0o500)
    try:
        assert scratch.staging_parent(evaluation) is None
    finally:
        shm.chmod(0o700)


def test_free_space_is_what_statvfs_says(tmp_path: Path) -> None:
    stats = os.statvfs(tmp_path)
    assert abs(scratch.free_space(tmp_path) - stats.f_bavail * stats.f_frsize) < 64 << 20
    assert scratch.free_space(tmp_path / "missing") == 0


def test_a_tmpfs_mount_is_read_from_the_mount_table() -> None:
    table = Path("/proc/self/mounts")
    if not table.is_file():
        pytest.skip("no /proc here")
    mounts = [line.split() for line in table.read_text(encoding="utf-8", errors="replace").splitlines()]
    tmpfs = [Path(fields[1]) for fields in mounts if len(fields) > 2 and fields[2] == "tmpfs"]
    others = {Path(fields[1]) for fields in mounts if len(fields) > 2} - set(tmpfs)
    assert all(scratch._tmpfs(path) for path in tmpfs)
    assert not any(scratch._tmpfs(path) for path in others)
