"""`isms group build|metrics`: fetch every entity, evaluate each as of the group's day, reduce to figures."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from isms.contracts import CheckDocument, EntityJson, GroupDocument, GroupOwn, MetricsDocument
from isms.errors import IsmsError
from isms.evaluation import Evaluation, evaluate
from isms.findings import Finding, Severity
from isms.group import figures
from isms.group.fetch import fetch
from isms.loader.discover import CONFIG_FILE
from isms.metrics.coverage import metrics_document
from isms.model.config import Entity
from isms.report import text
from isms.report.json import check_document


@dataclass(frozen=True)
class Rollup:
    """The group evaluated on a day: its own evaluation and the group contract."""

    own: Evaluation
    document: GroupDocument


def config_errors(own: Evaluation) -> list[Finding]:
    """Return the errors in the group's isms.yaml: with them, its list of entities cannot be trusted."""
    return [f for f in own.findings if f.path == CONFIG_FILE and f.severity is Severity.ERROR]


def entities_of(own: Evaluation) -> list[Entity]:
    """Return the group's entities (none when isms.yaml has no `group:`)."""
    group = own.repository.config.group
    return list(group.entities) if group else []


def documents(result: Evaluation) -> tuple[MetricsDocument, CheckDocument]:
    """Return an evaluation's `isms metrics` and `isms check` JSON documents."""
    check = check_document(result.findings, result.assessment.today, result.assessment.history.head)
    return metrics_document(result.metrics), check


def evaluate_entity(entity: Entity, group_root: Path, today: dt.date | None, day: dt.date, work: Path) -> EntityJson:
    """Fetch one entity and return its figures, or why it is unavailable (never an exception for bad input)."""
    try:
        root = fetch(entity, group_root, work / entity.id)
        result = evaluate(root, today)
    except IsmsError as exc:
        return figures.unavailable(entity, str(exc))
    metrics, check = documents(result)
    return figures.evaluated(entity, metrics, check, day)


def own_part(own: Evaluation) -> GroupOwn:
    """Return the group's own ISMS figures."""
    metrics, check = documents(own)
    return figures.own(own.repository.config.organisation, metrics, check)


def roll_up(
    own: Evaluation,
    today: dt.date | None,
    progress: Callable[[EntityJson], None] = lambda _: None,
) -> Rollup:
    """Evaluate every entity of the group as of the group's day (``today``, as `--today`).

    Raises:
        IsmsError: when the group's isms.yaml has errors (its entities cannot be trusted).
    """
    errors = config_errors(own)
    if errors:
        lines = "\n".join(text.line(f) for f in errors)
        msg = f"the group's {CONFIG_FILE} has errors; fix them first:\n{lines}"
        raise IsmsError(msg)
    day = own.assessment.today
    rows: list[EntityJson] = []
    with tempfile.TemporaryDirectory(prefix="isms-group-") as tmp:
        for entity in entities_of(own):
            row = evaluate_entity(entity, own.repository.root, today, day, Path(tmp))
            progress(row)
            rows.append(row)
    return Rollup(own, figures.document(day, own.assessment.history.head, own_part(own), rows))
