"""The library API: what `isms` offers to Python code, the same path the commands take.

    import isms
    result = isms.evaluate("path/to/isms", today=datetime.date(2026, 3, 31))
    figures = isms.metrics_report("path/to/isms")   # the `isms metrics --format json` document

Every function takes the repository folder (``str`` or ``Path``) and, where the ISMS is judged on
a day, ``today`` (None: the real current date, UTC), as ``--root`` and ``--today`` do. The
documents returned are the JSON contracts of ``isms.contracts``. Bad input gives findings, not
exceptions; a folder that is not an ISMS repository raises ``isms.errors.UsageError``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from isms.contracts import CheckDocument, GroupDocument, MetricsDocument
from isms.evaluation import Evaluation
from isms.evaluation import evaluate as _evaluate
from isms.findings import Finding
from isms.group.rollup import roll_up
from isms.loader.assemble import LoadResult
from isms.loader.assemble import load_repository as _load_repository
from isms.metrics.coverage import metrics_document
from isms.report.json import check_document


def load_repository(root: str | Path) -> LoadResult:
    """Load and validate the repository (`isms validate`): its model and the findings met on the way."""
    return _load_repository(Path(root))


def evaluate(root: str | Path, today: dt.date | None = None) -> Evaluation:
    """Load, assess, check and measure the repository as it stood on ``today`` (`isms check` and more)."""
    return _evaluate(Path(root), today)


def check(root: str | Path, today: dt.date | None = None) -> list[Finding]:
    """Return every finding of `isms check` (validation included), sorted by file and line."""
    return evaluate(root, today).findings


def check_report(root: str | Path, today: dt.date | None = None) -> CheckDocument:
    """Return the `isms check --format json` document."""
    result = evaluate(root, today)
    return check_document(result.findings, result.assessment.today, result.assessment.history.head)


def metrics_report(root: str | Path, today: dt.date | None = None) -> MetricsDocument:
    """Return the `isms metrics --format json` document: coverage, effectiveness, evidence, measures."""
    return metrics_document(evaluate(root, today).metrics)


def group_report(root: str | Path, today: dt.date | None = None) -> GroupDocument:
    """Return the `isms group metrics --format json` document: every entity fetched and evaluated on one day.

    Raises:
        IsmsError: when the group's isms.yaml has errors.
        UsageError: when it has no `group:` section, or ``root`` is not an ISMS repository.
    """
    return roll_up(_evaluate(Path(root), today), today).document
