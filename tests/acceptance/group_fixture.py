"""A group of real git repositories in a temp folder: a valid entity, an invalid one, an unreachable one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import demo_files, sha256_hex, write_repo

TODAY = "2026-03-31"
#: Text of the valid entity's confidential evidence: it must never reach the group site or JSON.
WITHHELD_TITLE = "買収計画 WITHHELD-TITLE-7731"
WITHHELD_CONTENT = b"WITHHELD-CONTENT-7731: the target company\n"

ENTITIES = """\
group:
  entities:
    - id: valid
      name: {ja: 正常子会社, en: Valid Subsidiary}
      repository: ../valid
      site: https://valid.example.com/isms/
    - id: invalid
      name: {ja: 不備子会社, en: Invalid Subsidiary}
      repository: ../invalid
      ref: main
    - id: gone
      name: {ja: 消息不明子会社, en: Unreachable Subsidiary}
      repository: ../gone
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout


def commit_repo(root: Path, files: dict[str, str | bytes]) -> Path:
    write_repo(root, files)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "ISMS")
    return root


def valid_files() -> dict[str, str | bytes]:
    files = demo_files()
    register = str(files["evidence/access/evidence.yaml"])
    files["evidence/access/evidence.yaml"] = register + (
        "  - path: acquisition.txt\n"
        f"    title: {{ja: {WITHHELD_TITLE}, en: {WITHHELD_TITLE}}}\n"
        "    class: confidential\n"
        "    date: 2026-01-15\n"
        "    collected_by: it\n"
        f"    sha256: {sha256_hex(WITHHELD_CONTENT)}\n"
    )
    files["evidence/access/acquisition.txt"] = WITHHELD_CONTENT
    control = str(files["controls/demo/DM-1.yaml"])
    files["controls/demo/DM-1.yaml"] = control + "  - access/acquisition.txt\n"
    return files


def invalid_files() -> dict[str, str | bytes]:
    files = demo_files()
    files["controls/demo/DM-2.yaml"] = "status: bogus\nowner: it\n"
    return files


def make_group(base: Path, entities: str = ENTITIES) -> Path:
    """Write the three entities' repositories (``gone`` is never created) and the group's; return the group's."""
    commit_repo(base / "valid", valid_files())
    commit_repo(base / "invalid", invalid_files())
    files = demo_files()
    files["isms.yaml"] = str(files["isms.yaml"]) + entities
    return commit_repo(base / "group", files)
