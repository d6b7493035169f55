"""Shared fixtures: a hermetic git environment, a file writer and a small valid ISMS repository.

Use them from any test:

* ``write_repo(root, {"isms.yaml": "...", "evidence/x.pdf": b"..."})`` writes files (str as UTF-8, bytes as is).
* ``demo_repo`` is a valid repository in ``tmp_path`` (framework ``demo``, requirements DM-1..DM-3);
  ``demo_files()`` returns its files as a dict, to change one file before writing.
* ``run_isms("validate", "--root", str(root))`` runs the CLI in-process and returns code, stdout, stderr.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from isms.cli import main

#: Fixed identity and dates for every git command a test runs (commits are reproducible).
GIT_ENV: dict[str, str] = {
    "GIT_AUTHOR_NAME": "Example Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-15T09:00:00+09:00",
    "GIT_COMMITTER_NAME": "Example Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_DATE": "2026-01-15T09:00:00+09:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Isolate every test from the user's git config and fix author, committer and dates."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)


def write_repo(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (repository-relative POSIX path -> content) under ``root``; return ``root``.

    Text is written as UTF-8 with ``\\n`` line ends; bytes are written unchanged.
    """
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def sha256_hex(content: bytes) -> str:
    """Return the lowercase hex SHA-256 of ``content``, as evidence registers record it."""
    return hashlib.sha256(content).hexdigest()


DEMO_CONFIG = """\
organisation: {ja: デモ株式会社, en: Demo Inc.}
frameworks: [demo]
soa_framework: demo
owners:
  ciso:
    name: {ja: 情報セキュリティ責任者, en: CISO}
    github: ["@demo/security"]
  it:
    name: 情報システム部
"""

DEMO_CATALOG = """\
framework:
  id: demo
  name: {ja: デモ基準, en: Demo requirements}
  version: "1"
requirements:
  - id: DM-1
    title: {ja: アクセス権の見直し, en: Access review}
  - id: DM-2
    title: {ja: バックアップ, en: Backups}
  - id: DM-3
    title: {ja: 物理的入退管理, en: Physical entry}
"""

DEMO_EVIDENCE = b"account,reviewed\nalice,yes\nbob,yes\n"

DEMO_REGISTER = f"""\
defaults:
  class: internal
  valid_for: 1y
evidence:
  - path: review-2026-q1.csv
    title: {{ja: アクセスレビュー 2026年第1四半期, en: Access review 2026 Q1}}
    date: 2026-01-15
    collected_by: it
    sha256: {sha256_hex(DEMO_EVIDENCE)}
"""

DEMO_CONTROLS: dict[str, str] = {
    "controls/demo/DM-1.yaml": """\
status: implemented
owner: ciso
reasons: [risk]
implementation: 四半期ごとに全アカウントを見直す。
review: {last: 2026-01-15, interval: 1y}
evidence:
  - access/review-2026-q1.csv
""",
    "controls/demo/DM-2.yaml": """\
status: planned
owner: it
reasons: [business]
due: 2026-12-31
""",
    "controls/demo/DM-3.yaml": """\
status: not-applicable
owner: ciso
justification: {ja: 物理的な拠点を持たない, en: We have no premises}
""",
}

DEMO_POLICY = """\
title: {ja: 情報セキュリティ方針, en: Information security policy}
version: "1.0"
owner: ciso
approved: {by: 代表取締役, date: 2026-01-10}
statements:
  - id: P-1
    text: {ja: アクセス権は四半期ごとに見直す。, en: Access rights are reviewed every quarter.}
    implemented_by: [DM-1]
  - id: P-2
    text: バックアップを取得する。
    implemented_by: ["demo:DM-2"]
"""


def demo_files() -> dict[str, str | bytes]:
    """Return the files of the valid demo repository; change entries, then ``write_repo`` them."""
    return {
        "isms.yaml": DEMO_CONFIG,
        "catalogs/demo.yaml": DEMO_CATALOG,
        **DEMO_CONTROLS,
        "evidence/access/evidence.yaml": DEMO_REGISTER,
        "evidence/access/review-2026-q1.csv": DEMO_EVIDENCE,
        "policies/security.yaml": DEMO_POLICY,
    }


@pytest.fixture
def demo_repo(tmp_path: Path) -> Path:
    """Return a valid minimal ISMS repository (own `demo` catalog, 3 controls, 1 register, 1 policy)."""
    return write_repo(tmp_path / "repo", demo_files())


@dataclass(frozen=True)
class CliResult:
    """What one in-process run of the CLI produced."""

    code: int
    out: str
    err: str


RunIsms = Callable[..., CliResult]


@pytest.fixture
def run_isms(capsys: pytest.CaptureFixture[str]) -> RunIsms:
    """Return a function running ``isms ARGS...`` in-process: ``run_isms("validate", "--root", dir)``."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()  # drop whatever earlier steps printed
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
