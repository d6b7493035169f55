"""The whole pipeline in one place: load → gather → assess → check → measure. Commands call this.

Loading and gathering read the world; assessing, checking and measuring are pure functions of the
repository model and the facts gathered (`isms.gather`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isms.checks import apply_levels, run_checks
from isms.files import Tree
from isms.findings import Finding
from isms.gather.facts import Facts
from isms.gather.world import gather
from isms.history.early import EarlyHistory
from isms.history.types import History
from isms.loader import positions
from isms.loader.assemble import LoadResult, load_repository
from isms.loader.collector import rare_collections
from isms.loader.discover import CONFIG_FILE
from isms.loader.yaml import parse
from isms.metrics.coverage import compute_metrics
from isms.metrics.types import Metrics
from isms.model.repository import Repository
from isms.signing.allowed import key_body
from isms.signing.ssh import ATTESTATION_NAMESPACE, EVIDENCE_NAMESPACE
from isms.state.assessment import Assessment, assess


@dataclass(frozen=True)
class Evaluation:
    """Everything `isms check` knows about a repository on a day."""

    repository: Repository
    assessment: Assessment
    findings: list[Finding]
    metrics: Metrics
    facts: Facts = field(default_factory=Facts, repr=False)
    """What was read from outside the model (history, hashes, data rows, CODEOWNERS, environment)."""


#: The namespaces of every allowed-signers line (as `isms.signing.allowed` writes them).
NAMESPACES = f'namespaces="{ATTESTATION_NAMESPACE},{EVIDENCE_NAMESPACE},git"'


def current_date() -> dt.date:
    """Return the real current date (UTC)."""
    return dt.datetime.now(tz=dt.UTC).date()


def evaluate(
    root: Path,
    today: dt.date | None = None,
    *,
    history: History | None = None,
    known_hashes: Mapping[str, str] | None = None,
    strict: bool = False,
    tree: Tree | None = None,
) -> Evaluation:
    """Load, validate, assess, check and measure the repository at ``root`` as it stood on ``today``.

    ``today`` None means the real current date: then a date recorded later than tomorrow is an
    error (`date-in-future`). A given day evaluates the ISMS as it stood on that day: later
    evidence is not yet valid, later reviews, approvals, commits and measure rows do not count.

    ``known_hashes`` are SHA-256 values of files already computed from their bytes (`isms diff`).
    ``strict`` (`isms check --strict`) hashes every evidence file anew, trusting no cache.
    ``tree`` gives the ISMS files at a commit, read from git objects (`isms diff`); nothing is then
    read from ``root`` on disk, and ``history`` must be given.

    Raises:
        UsageError: when ``root`` is not an ISMS repository.
    """
    early = start_history(root, strict=strict) if history is None and tree is None else None
    try:
        with rare_collections():  # what is built here lives on: collecting it again and again cost a third of a check
            loaded = load_repository(root, tree, remember=not strict)
            day = today or current_date()
            facts = gather(
                loaded.repository,
                day,
                history=history,
                known_hashes=known_hashes,
                fresh_hashes=strict,
                tree=tree,
                early=early,
            )
            return evaluate_gathered(loaded, facts, day, pinned=today is not None)
    finally:
        if early is not None:
            early.cancel()  # a failed load, or a walk `gather` did not take: no git child left behind


def start_history(root: Path, *, strict: bool = False) -> EarlyHistory | None:
    """Start the history walk before the load, with the allowed signers isms.yaml seems to name (issue 19).

    The guess reads isms.yaml as plain data; `gather` takes the walk only when the loaded
    configuration asks for the same signers, so a wrong guess costs time, never a result.
    None where isms.yaml cannot be read (the load then says why).
    """
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    data = parse(text, CONFIG_FILE).data
    if not isinstance(data, dict):
        return None
    return EarlyHistory(root, guess_signers(data), trusted=False if strict else None)


def guess_signers(config: Mapping[str, Any]) -> str | None:
    """Return the allowed-signers text `isms.signing.allowed.allowed_signers` will likely build; None: unsigned."""
    if not config.get("require_signed_commits"):
        return None
    owners = config.get("owners")
    lines = []
    for owner_id, owner in owners.items() if isinstance(owners, dict) else ():
        keys = owner.get("ssh_keys") if isinstance(owner, dict) else None
        for entry in keys if isinstance(keys, list) else ():
            key = entry.get("key") if isinstance(entry, dict) else entry
            options = [NAMESPACES]
            for field_name in ("valid_after", "valid_before") if isinstance(entry, dict) else ():
                if entry.get(field_name) is not None:
                    options.append(f'{field_name.replace("_", "-")}="{str(entry[field_name]).replace("-", "")}"')
            lines.append(f"{owner_id} {','.join(options)} {key_body(str(key))}\n")
    return "".join(lines)


def evaluate_gathered(loaded: LoadResult, facts: Facts, today: dt.date, *, pinned: bool = True) -> Evaluation:
    """Assess, check and measure a loaded repository from gathered facts: no I/O.

    ``pinned`` False means ``today`` is the real current date (see :func:`evaluate`).
    """
    repo = loaded.repository
    assessment = assess(repo, today, facts, pinned=pinned)
    checked = positions.resolve(run_checks(repo, assessment), repo.texts, repo.outlines)
    findings = apply_levels([*loaded.findings, *checked], repo.config.rules)
    metrics = compute_metrics(repo, assessment)
    return Evaluation(repo, assessment, sorted(findings, key=Finding.sort_key), metrics, facts)
