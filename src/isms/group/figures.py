"""An entity's figures from its two JSON contracts (`isms metrics`, `isms check`), the same in every mode."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit, urlunsplit

from isms.contracts import (
    CheckDocument,
    EntityFramework,
    EntityJson,
    FrameworkMetrics,
    GroupDocument,
    GroupOwn,
    GroupSummary,
    MetricsDocument,
)
from isms.model.base import Text
from isms.model.config import Entity

#: Rules whose finding means a date has passed (beside every `*-overdue` rule).
PAST_DUE_RULES = frozenset({"control-due-passed", "objective-past-due"})


def is_overdue(rule: str) -> bool:
    """Return True for a rule whose finding is an overdue item."""
    return rule.endswith("-overdue") or rule in PAST_DUE_RULES


def shown_repository(repository: str) -> str:
    """Return the repository as the group shows it: a URL without user or password (a token in it stays out)."""
    if "://" not in repository:
        return repository
    parts = urlsplit(repository)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def frameworks(rows: Iterable[FrameworkMetrics]) -> list[EntityFramework]:
    """Return the per-framework figures the group shows."""
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "name_ja": row["name_ja"],
            "short": row["short"],
            "applicable": row["applicable"],
            "evidenced": row["evidenced"],
            "coverage": row["coverage"],
            "effectiveness": row["effectiveness"],
            "measures": {"total": row["measures"]["total"], "met": row["measures"]["met"]},
        }
        for row in rows
    ]


def _base(entity: Entity) -> EntityJson:
    return {
        "id": entity.id,
        "name": entity.name.both(),
        "repository": shown_repository(entity.repository),
        "ref": entity.ref,
        "site": entity.site,
        "status": "unavailable",
        "reason": None,
        "as_of": None,
        "commit": None,
        "stale": False,
        "frameworks": [],
        "findings": None,
        "overdue": None,
        "evidence": None,
        "rules": {},
    }


def unavailable(entity: Entity, reason: str) -> EntityJson:
    """Return an entity that could not be evaluated, and why."""
    return {**_base(entity), "reason": reason}


def evaluated(entity: Entity, metrics: MetricsDocument, check: CheckDocument, group_day: dt.date) -> EntityJson:
    """Return an entity's figures from its metrics and check documents, judged against the group's day."""
    rules = Counter(finding["rule"] for finding in check["findings"] if finding["severity"] != "note")
    summary = check["summary"]
    as_of = min(metrics["as_of"], check["as_of"])
    return {
        **_base(entity),
        "status": "errors" if summary["errors"] else "ok",
        "as_of": as_of,
        "commit": metrics["commit"] or check["commit"],
        "stale": as_of < group_day.isoformat(),
        "frameworks": frameworks(metrics["frameworks"]),
        "findings": {"errors": summary["errors"], "warnings": summary["warnings"], "notes": summary["notes"]},
        "overdue": sum(n for rule, n in rules.items() if is_overdue(rule)),
        "evidence": dict(metrics["evidence"]),
        "rules": dict(sorted(rules.items())),
    }


def own(organisation: Text, metrics: MetricsDocument, check: CheckDocument) -> GroupOwn:
    """Return the group's own ISMS figures."""
    rules = Counter(finding["rule"] for finding in check["findings"] if finding["severity"] != "note")
    summary = check["summary"]
    return {
        "organisation": organisation.both(),
        "frameworks": frameworks(metrics["frameworks"]),
        "findings": {"errors": summary["errors"], "warnings": summary["warnings"], "notes": summary["notes"]},
        "overdue": sum(n for rule, n in rules.items() if is_overdue(rule)),
        "evidence": dict(metrics["evidence"]),
    }


def document(as_of: dt.date, commit: str | None, group: GroupOwn, entities: Sequence[EntityJson]) -> GroupDocument:
    """Return the group contract (``isms.contracts.GroupDocument``)."""
    summary: GroupSummary = {
        "entities": len(entities),
        "ok": sum(1 for e in entities if e["status"] == "ok"),
        "errors": sum(1 for e in entities if e["status"] == "errors"),
        "unavailable": sum(1 for e in entities if e["status"] == "unavailable"),
        "stale": sum(1 for e in entities if e["stale"]),
    }
    return {
        "version": "1",
        "as_of": as_of.isoformat(),
        "commit": commit,
        "group": group,
        "entities": list(entities),
        "summary": summary,
    }
