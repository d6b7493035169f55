"""The one step that reads the world for an evaluation (the rest of the path is pure)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from isms.gather.data import DataError, read_table
from isms.gather.facts import Facts, TableOrError, environment
from isms.gather.hashing import HashCache
from isms.history.git import read_history
from isms.history.types import History
from isms.model.control import RowFilter
from isms.model.repository import Repository
from isms.signing.allowed import allowed_signers
from isms.stores.gather import gather_trust

CODEOWNERS = ".github/CODEOWNERS"


def _filters(repo: Repository) -> Iterator[RowFilter]:
    for control in repo.controls.values():
        for measure in control.doc.measures:
            for spec in (measure.compute.count, measure.compute.ratio):
                if spec is not None:
                    yield spec


def data_paths(repo: Repository) -> list[str]:
    """Return the evidence paths whose rows a measure reads (`data:` globs and `not_in` files), sorted."""
    patterns = {pattern for control in repo.controls.values() for m in control.doc.measures for pattern in m.data}
    others = {spec.not_in.evidence for spec in _filters(repo) if spec.not_in is not None}
    return sorted(
        path
        for path, item in repo.evidence.items()
        if not item.in_store and (path in others or any(fnmatch.fnmatchcase(path, p) for p in patterns))
    )


def _table(root: Path, file: str) -> TableOrError:
    try:
        return read_table(root / file)
    except DataError as exc:
        return exc


def _codeowners(root: Path) -> str | None:
    try:
        return (root / CODEOWNERS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def gather(
    repo: Repository,
    today: dt.date,
    *,
    history: History | None = None,
    environ: Mapping[str, str] | None = None,
) -> Facts:
    """Read everything the evaluation of ``repo`` on ``today`` needs from outside its model.

    Args:
        repo: The loaded repository.
        today: The as-of day (signatures and attestations are verified as of it).
        history: The git history when the caller has it already (``isms diff`` reads a tree).
        environ: The process environment (default ``os.environ``).
    """
    hashed = [item.file for item in repo.evidence.values() if item.sha256 is not None and not item.in_store]
    signers = allowed_signers(repo.config) if repo.config.require_signed_commits else None
    return Facts(
        history=history if history is not None else read_history(repo.root, signers),
        hashes=HashCache(repo.root).many(hashed),
        tables={path: _table(repo.root, repo.evidence[path].file) for path in data_paths(repo)},
        trust=gather_trust(repo, today),
        codeowners=_codeowners(repo.root),
        environment=environment(os.environ if environ is None else environ),
    )
