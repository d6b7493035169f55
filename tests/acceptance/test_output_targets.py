"""Output commands never write over the ISMS, nor where a file cannot go, nor crash on a full disk (issue 18)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import RunIsms, demo_files, write_repo


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["soa", "--out", "isms.yaml"], "refusing to write over it"),
        (["soa", "--format", "csv", "--out", "controls/demo/DM-1.yaml"], "refusing to write over it"),
        (["soa", "--format", "md", "--out", "evidence/access/review-2026-q1.csv"], "refusing to write over it"),
        (["soa", "--out", "controls/soa.xlsx"], "pass --force"),
        (["soa", "--out", "--force", "controls/soa.xlsx"], "refusing"),  # --force is a flag: argparse usage
        (["soa", "--out", "."], "is a folder"),
        (["soa", "--out", "isms.yaml/soa.xlsx"], "is a file, not a folder"),
        (["export", "oscal", "--out", "."], "pass --force"),
        (["export", "oscal", "--out", "isms.yaml"], "is a file"),
        (["schema", "--out", "isms.yaml"], "is a file"),
        (["site", "build", "--out", "isms.yaml"], "is a file"),
    ],
)
def test_an_output_target_that_would_harm_the_isms_is_refused(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: str
) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    before = snapshot(root)
    monkeypatch.chdir(root)
    done = run_isms(*args)
    assert done.code == 2, done.err
    if "--force" not in args:
        assert expected in done.err
    assert "Traceback" not in done.err
    assert snapshot(root) == before


def test_force_writes_into_a_source_folder_but_never_over_a_source(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    monkeypatch.chdir(root)
    assert run_isms("soa", "--out", "controls/soa.xlsx", "--force").code == 0
    assert (root / "controls/soa.xlsx").is_file()
    done = run_isms("soa", "--format", "csv", "--out", "isms.yaml", "--force")
    assert done.code == 2
    assert "refusing to write over it" in done.err


def test_a_codeowners_folder_is_an_error_not_a_crash(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    (root / ".github/CODEOWNERS").mkdir(parents=True)
    done = run_isms("codeowners", "--root", str(root))
    assert done.code == 1
    assert "CODEOWNERS is a folder" in done.err


def _small_disk() -> None:
    """In the child: files may not grow past 200 bytes, as on a full disk (EFBIG instead of ENOSPC)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


@pytest.mark.parametrize(
    "args",
    [
        ["soa", "--out", "{out}/soa.xlsx"],
        ["soa", "--format", "csv", "--out", "{out}/soa.csv"],
        ["export", "oscal", "--out", "{out}/oscal"],
        ["schema", "--out", "{out}/schemas"],
        ["site", "build", "--out", "{out}/site"],
    ],
)
def test_a_full_disk_is_a_message_not_a_traceback(tmp_path: Path, args: list[str]) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    out = tmp_path / "out"
    argv = [a.replace("{out}", str(out)) for a in args]
    if argv[0] != "schema":
        argv += ["--root", str(root), "--today", "2026-02-01"]
    done = subprocess.run(
        [sys.executable, "-m", "isms", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
        preexec_fn=_small_disk,  # no threads in this test process's child before exec
        env={**os.environ, "ISMS_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "File too large" in done.stderr
    assert not list(out.rglob(".*.tmp"))  # no temporary file left behind
