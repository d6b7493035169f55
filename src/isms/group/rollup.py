"""`isms group build|metrics`: fetch every entity, evaluate each as of the group's day, reduce to figures."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from isms.contracts import CheckDocument, EntityJson, GroupDocument, GroupOwn, MetricsDocument
from isms.errors import IsmsError, UsageError
from isms.evaluation import Evaluation, evaluate
from isms.findings import Finding, Severity
from isms.group import figures
from isms.group.fetch import fetch
from isms.history.cache import CommitCache
from isms.loader.discover import CONFIG_FILE
from isms.metrics.coverage import metrics_document
from isms.model.config import Entity
from isms.report import text
from isms.report.json import check_document
from isms.vocabulary import Words

#: Entities fetched at once, ahead of the one being evaluated.
FETCHERS = 2


@dataclass(frozen=True)
class Rollup:
    """The group evaluated on a day: its own evaluation and the group contract."""

    own: Evaluation
    document: GroupDocument
    reasons_ja: Mapping[str, str] = field(default_factory=dict)
    """Why each unavailable entity is, in Japanese, by entity id (the contract's ``reason`` is English)."""


def config_errors(own: Evaluation) -> list[Finding]:
    """Return the errors in the group's isms.yaml: with them, its list of entities cannot be trusted."""
    return [f for f in own.findings if f.path == CONFIG_FILE and f.severity is Severity.ERROR]


def require_group(own: Evaluation) -> None:
    """Refuse a repository that is not a group's: its isms.yaml has errors, or no `group:`.

    Raises:
        IsmsError: listing the errors of isms.yaml.
        UsageError: when isms.yaml has no `group:` section.
    """
    errors = config_errors(own)
    if errors:
        lines = "\n".join(text.line(f) for f in errors)
        msg = f"the group's {CONFIG_FILE} has errors; fix them first:\n{lines}"
        ja = f"グループの {CONFIG_FILE} にエラーがあります。先に直してください:\n{lines}"
        raise IsmsError(msg, ja=ja)
    if own.repository.config.group is None:
        msg = (
            f"{own.repository.root / CONFIG_FILE}: no `group:` section, so this is not a group's repository; "
            "name the entities under `group: entities:` (see `isms schema`)"
        )
        ja = (
            f"{own.repository.root / CONFIG_FILE}: `group:` の節がないため、グループのリポジトリではありません。"
            "`group: entities:` にエンティティを書いてください（`isms schema` を参照）"
        )
        raise UsageError(msg, ja=ja)


def entities_of(own: Evaluation) -> list[Entity]:
    """Return the group's entities (none when isms.yaml has no `group:`)."""
    group = own.repository.config.group
    return list(group.entities) if group else []


def documents(result: Evaluation) -> tuple[MetricsDocument, CheckDocument]:
    """Return an evaluation's `isms metrics` and `isms check` JSON documents."""
    check = check_document(result.findings, result.assessment.today, result.assessment.history.head)
    return metrics_document(result.metrics), check


def _fetched(entity: Entity, group_root: Path, work: Path) -> Path | Words:
    """Fetch one entity; return its folder, or why it could not be fetched (ja, en)."""
    try:
        return fetch(entity, group_root, work / entity.id, sparse=True)
    except IsmsError as exc:
        return (exc.text("ja"), str(exc))


def evaluate_entity(
    entity: Entity, fetched: Path | Words, today: dt.date | None, day: dt.date
) -> tuple[EntityJson, str | None]:
    """Return a fetched entity's figures, or why it is unavailable and that in Japanese (never an exception)."""
    if not isinstance(fetched, Path):
        return figures.unavailable(entity, fetched[1]), fetched[0]
    try:
        result = evaluate(fetched, today)
    except UsageError:  # the message would name our temporary folder and suggest `--root`
        reason = f"not an ISMS repository: no {CONFIG_FILE} at its root"
        reason_ja = f"ISMS のリポジトリではありません: 最上位に {CONFIG_FILE} がありません"
        return figures.unavailable(entity, reason), reason_ja
    except IsmsError as exc:
        return figures.unavailable(entity, str(exc)), exc.text("ja")
    metrics, check = documents(result)
    return figures.evaluated(entity, metrics, check, day), None


def own_part(own: Evaluation) -> GroupOwn:
    """Return the group's own ISMS figures."""
    metrics, check = documents(own)
    return figures.own(own.repository.config.organisation, metrics, check)


def roll_up(
    own: Evaluation,
    today: dt.date | None,
    progress: Callable[[EntityJson, str | None], None] = lambda *_: None,
) -> Rollup:
    """Evaluate every entity of the group as of the group's day (``today``, as `--today`).

    ``progress`` is told each entity's row as it is done, with its reason in Japanese if it is unavailable.

    Raises:
        IsmsError: when the group's isms.yaml has errors (its entities cannot be trusted).
        UsageError: when it has no `group:` section.
    """
    require_group(own)
    day = own.assessment.today
    rows: list[EntityJson] = []
    reasons_ja: dict[str, str] = {}
    root = own.repository.root
    with tempfile.TemporaryDirectory(prefix="isms-group-") as tmp, ThreadPoolExecutor(FETCHERS) as pool:
        # git fetches (subprocesses, mostly I/O) run ahead while entities are evaluated in turn
        fetches = [(entity, pool.submit(_fetched, entity, root, Path(tmp))) for entity in entities_of(own)]
        for entity, future in fetches:
            fetched = future.result()
            row, reason_ja = evaluate_entity(entity, fetched, today, day)
            if reason_ja is not None:
                reasons_ja[entity.id] = reason_ja
            if isinstance(fetched, Path):
                CommitCache(fetched).file.unlink(missing_ok=True)  # a temporary clone is not walked again
                shutil.rmtree(fetched, ignore_errors=True)
            progress(row, reason_ja)
            rows.append(row)
    return Rollup(own, figures.document(day, own.assessment.history.head, own_part(own), rows), reasons_ja)
