"""The one helper module of the test suite: git, file writers, the CLI runner, the demo repositories.

* ``git(root, "commit", ..., date=...)`` runs git with a fixed identity (:data:`GIT_ENV`) and date;
  ``commit_all(root, message, date)`` commits everything (initialising the repository first).
* ``write_repo(root, {"isms.yaml": "...", "evidence/x.pdf": b"..."})`` writes files (str as UTF-8).
* Two small repositories, each defined here only: ``demo_files()`` (framework ``demo``, DM-1..DM-3,
  a policy; the ``demo_repo`` fixture) and ``good_repo(root)`` (``demo`` 1.1..1.3 and mapped
  guidelines, on which `isms check --today 2026-11-26` finds nothing).
* ``copy_example(REPOSITORY, target)`` copies the bundled example ISMS.
* ``RunIsms``/``CliResult``: the type of the ``run_isms`` fixture (in conftest.py) and its result.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from isms.loader.discover import ISMS_FOLDERS

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


def git(root: Path, *args: str, date: str = "2026-10-01T09:00:00+09:00") -> str:
    """Run git in ``root`` with the fixed identity and ``date`` as author and committer date."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def commit_all(root: Path, message: str, date: str) -> None:
    """Commit everything in ``root`` (initialising the repository on branch main if needed)."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


def copy_example(source: Path, target: Path) -> Path:
    """Copy the bundled example ISMS (the repository root) to ``target``."""
    target.mkdir(parents=True)
    for name in ("isms.yaml", "mkdocs.yml"):
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
    for name in (*ISMS_FOLDERS, "docs"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    return target


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

#: DM-1 with a measure over its evidence file (a mean score against a target of 50).
DEMO_MEASURED = (
    DEMO_CONTROLS["controls/demo/DM-1.yaml"]
    + """\
measures:
  - id: score
    title: {ja: 点数, en: Score}
    data: ["access/review-2026-q1.csv"]
    compute: {mean: score}
    target: ">= 50"
    period: year
"""
)

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


# The repository of check, metrics and history tests: `good_repo`.

TODAY = "2026-11-26"

CATALOG = """\
framework: {id: demo, name: {ja: デモ, en: Demo}, version: "1"}
groups: [{id: g, title: {ja: グループ, en: Group}}]
requirements:
  - {id: "1.1", title: {ja: 一, en: One}, group: g}
  - {id: "1.2", title: {ja: 二, en: Two}, group: g}
  - {id: "1.3", title: {ja: 三, en: Three}, group: g}
"""

GUIDELINES = """\
framework: {id: demo-g, name: {ja: 行動指針, en: Guidelines}, version: "1", coverage: mapped}
requirements:
  - {id: G1, title: {ja: 指針一, en: Guideline one}}
"""

CONFIG = """\
organisation: {ja: テスト株式会社, en: Test Inc.}
frameworks: [demo, demo-g]
owners:
  ciso: {name: CISO, github: ["@test/ciso"]}
"""


TRAINING = b"employee_id,completed,score\nE1,yes,90\nE2,yes,80\nE3,yes,70\nE4,no,\n"
REVIEW = b"# access review\nall accounts checked\n"


def good_repo(root: Path) -> Path:
    """Write a repository on which `isms check --today 2026-11-26` finds nothing."""
    write_repo(
        root,
        {
            "isms.yaml": CONFIG,
            "catalogs/demo.yaml": CATALOG,
            "catalogs/demo-g.yaml": GUIDELINES,
            "controls/demo/1.1.yaml": (
                "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\n"
                "evidence:\n  - hr/training.csv\n  - access/review.md\n"
                "implementation: {ja: 研修とアクセス棚卸し, en: Training and access reviews}\n"
            ),
            "controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-03-31\n",
            "controls/demo/1.3.yaml": (
                "status: not-applicable\nowner: ciso\njustification: {ja: 該当業務なし, en: No such business}\n"
            ),
            "controls/demo-g/G1.yaml": "status: implemented\nowner: ciso\nmaps_to: ['1.1']\n",
            "evidence/hr/training.csv": TRAINING,
            "evidence/hr/evidence.yaml": (
                "evidence:\n"
                "  - path: training.csv\n"
                "    title: {ja: 研修記録, en: Training record}\n"
                "    date: 2026-06-30\n"
                "    valid_for: 1y\n"
                f"    sha256: {sha256_hex(TRAINING)}\n"
            ),
            "evidence/access/review.md": REVIEW,
            "evidence/access/evidence.yaml": (
                "defaults: {class: confidential}\n"
                "evidence:\n"
                "  - path: review.md\n"
                "    title: アクセスレビュー\n"
                "    date: 2026-09-30\n"
                "    valid_for: 6m\n"
                f"    sha256: {sha256_hex(REVIEW)}\n"
            ),
        },
    )
    return root


@dataclass(frozen=True)
class CliResult:
    """What one in-process run of the CLI produced."""

    code: int
    out: str
    err: str


RunIsms = Callable[..., CliResult]


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema (its ECMAScript regexes read NIST's and GitHub's patterns) with ``args``."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True, check=False
    )


def assert_github_workflow(path: Path) -> None:
    """Assert that a workflow file validates against GitHub's workflow schema (offline, vendored)."""
    done = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(path))
    assert (done.returncode, done.stdout.strip()) == (0, "ok -- validation done"), done.stdout + done.stderr


#: A policy owned by `hr`, approved 2026-04-01 and reviewed yearly (the reminder tests' policy).
HR_POLICY = """\
title: {ja: 情報セキュリティ方針, en: Information security policy}
owner: hr
approved: {by: president, date: 2026-04-01}
review: {interval: 1y}
statements:
  - {id: s1, text: {ja: 守る, en: Protect}, implemented_by: ["demo:1.1"]}
"""


def child_processes() -> list[int]:
    """Return the ids of the processes whose parent is this one (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid():
            found.append(int(entry.name))
    return found


def fake_parser_sources(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make the parse caches' key read three files of ``folder`` as the parser's source; return them to change."""
    from isms.loader import parse_cache

    sources = []
    for index in range(3):
        source = folder / f"parser{index}.py"
        source.write_text(f"# parser part {index}\n", encoding="utf-8")
        sources.append(source)
    monkeypatch.setattr(parse_cache, "PARSER", tuple(types.SimpleNamespace(__file__=str(s)) for s in sources))
    return sources
