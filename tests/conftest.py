"""Shared fixtures: a hermetic git environment, a small valid ISMS repository, the in-process CLI.

Everything else tests share (git, writers, the demo repositories) is in ``helpers.py``.

* ``demo_repo`` is the ``demo_files()`` repository written in ``tmp_path``.
* ``run_isms("validate", "--root", str(root))`` runs the CLI in-process and returns code, stdout, stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import GIT_ENV, CliResult, RunIsms, demo_files, write_repo
from isms.cli import main


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Isolate every test from the user's git config and fix author, committer and dates."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Print terminal messages in English whatever the machine's locale (tests that need Japanese ask)."""
    monkeypatch.setenv("ISMS_LANG", "en")


@pytest.fixture
def demo_repo(tmp_path: Path) -> Path:
    """Return a valid minimal ISMS repository (own `demo` catalog, 3 controls, 1 register, 1 policy)."""
    return write_repo(tmp_path / "repo", demo_files())


@pytest.fixture
def run_isms(capsys: pytest.CaptureFixture[str]) -> RunIsms:
    """Return a function running ``isms ARGS...`` in-process: ``run_isms("validate", "--root", dir)``."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()  # drop whatever earlier steps printed
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
