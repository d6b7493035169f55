"""A small ISMS repository builder for check, metrics and history tests."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

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


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


TRAINING = b"employee_id,completed,score\nE1,yes,90\nE2,yes,80\nE3,yes,70\nE4,no,\n"
REVIEW = b"# access review\nall accounts checked\n"


def good_repo(root: Path) -> Path:
    """Write a repository on which `isms check --today 2026-11-26` finds nothing."""
    write(
        root,
        {
            "isms.yaml": CONFIG,
            "catalogs/demo.yaml": CATALOG,
            "catalogs/demo-g.yaml": GUIDELINES,
            "controls/demo/1.1.yaml": (
                "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\n"
                "evidence:\n  - hr/training.csv\n  - access/review.md\n"
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
                f"    sha256: {sha(TRAINING)}\n"
            ),
            "evidence/access/review.md": REVIEW,
            "evidence/access/evidence.yaml": (
                "defaults: {class: confidential}\n"
                "evidence:\n"
                "  - path: review.md\n"
                "    title: アクセスレビュー\n"
                "    date: 2026-09-30\n"
                "    valid_for: 6m\n"
                f"    sha256: {sha(REVIEW)}\n"
            ),
        },
    )
    return root


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Example Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Example Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str, date: str = "2026-10-01T09:00:00+09:00") -> str:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def commit_all(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
