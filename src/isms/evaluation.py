"""The whole pipeline in one place: load → assess → check → measure. Commands call this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from isms.checks import apply_levels, run_checks
from isms.findings import Finding
from isms.history.types import History
from isms.loader import positions
from isms.metrics.coverage import compute_metrics
from isms.metrics.types import Metrics
from isms.model.assemble import load_repository
from isms.model.repository import Repository
from isms.state.assessment import Assessment, assess


@dataclass(frozen=True)
class Evaluation:
    """Everything `isms check` knows about a repository on a day."""

    repository: Repository
    assessment: Assessment
    findings: list[Finding]
    metrics: Metrics


def evaluate(root: Path, today: dt.date, *, history: History | None = None) -> Evaluation:
    """Load, validate, assess, check and measure the repository at ``root`` as of ``today``.

    Raises:
        UsageError: when ``root`` is not an ISMS repository.
    """
    loaded = load_repository(root)
    repo = loaded.repository
    assessment = assess(repo, today, history=history)
    checked = positions.resolve(run_checks(repo, assessment), repo.texts)
    findings = apply_levels([*loaded.findings, *checked], repo.config.rules)
    metrics = compute_metrics(repo, assessment)
    return Evaluation(repo, assessment, sorted(findings, key=Finding.sort_key), metrics)
