"""Refuse an edit that would leave the repository invalid, before anything is written.

The planned contents are laid over a copy of the repository's YAML files in a
temporary folder (evidence files are represented by empty placeholders: only
their existence matters to validation), the copy is loaded, and any error that
the repository did not have before is a reason to refuse.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from isms.errors import IsmsError
from isms.findings import Finding, Severity
from isms.loader.assemble import load_repository
from isms.loader.discover import CONFIG_FILE, discover


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.rule, finding.path, finding.message)


def _overlay(root: Path, changes: Mapping[Path, str], target: Path) -> None:
    sources = discover(root)
    yaml_files = [
        CONFIG_FILE,
        *sources.catalogs,
        *sources.controls,
        *sources.policies,
        *sources.registers,
        *sources.assets,
        *sources.risks,
        *sources.exceptions,
        *sources.audits,
        *sources.nonconformities,
        *sources.reviews,
        *sources.objectives,
    ]
    for rel in yaml_files:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_bytes((root / rel).read_bytes())
        except OSError:
            continue  # unreadable: the load below reports it like the real one does
    for rel in sources.evidence_files:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    for changed, content in changes.items():
        path = target / changed.resolve().relative_to(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))


def new_errors(root: Path, changes: Mapping[Path, str]) -> list[Finding]:
    """Return the errors the repository at ``root`` would have after ``changes`` and has not now.

    Args:
        root: The repository root (absolute).
        changes: Absolute path under ``root`` -> the full new content of the file.
    """
    before = {_key(f) for f in _errors(load_repository(root).findings)}
    with tempfile.TemporaryDirectory(prefix="isms-edit-") as folder:
        target = Path(folder)
        _overlay(root, changes, target)
        after = _errors(load_repository(target).findings)
    return [f for f in after if _key(f) not in before]


def ensure_valid(root: Path, changes: Mapping[Path, str]) -> None:
    """Raise when ``changes`` would add errors to the repository.

    Raises:
        IsmsError: naming each new error at its place; nothing has been written.
    """
    problems = new_errors(root, changes)
    if problems:
        lines = "\n".join(f"  {f.location.format()}: {f.message} [{f.rule}]" for f in problems)
        lines_ja = "\n".join(f"  {f.location.format()}: {f.message_ja} [{f.rule}]" for f in problems)
        msg = f"refusing to write: the change would make the repository invalid (nothing was changed):\n{lines}"
        ja = f"書き込みを取りやめました。この変更でリポジトリが不正になります（何も変更していません）:\n{lines_ja}"
        raise IsmsError(msg, ja=ja)
