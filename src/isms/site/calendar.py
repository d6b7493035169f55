"""`downloads/isms.ics` on the site: every due date of the next year (and what is overdue) as a feed.

The same items and the same iCalendar bytes as `isms remind --within 1y --format ics`, except that
risks of a withheld class (``evidence.redact_from``) keep their id only: their titles stay off the
site like the rest of their text. Owners and auditors subscribe to the published file.
"""

from __future__ import annotations

import dataclasses

from isms.due import ics
from isms.due.plan import remind
from isms.due.types import DueItem
from isms.evaluation import Evaluation
from isms.model.base import Lang, Text
from isms.site.pages.common import CALENDAR
from isms.site.redact import withheld

__all__ = ["CALENDAR", "calendar_feed"]

#: How far ahead the feed looks.
HORIZON = "1y"
_RISK_KINDS = {
    "risk-action": ("リスク対応策", "Risk treatment action"),
    "risk-acceptance": ("リスク受容の期限", "Risk acceptance ends"),
    "risk-review": ("リスクの見直し", "Risk review"),
}


def _public(item: DueItem, hidden: set[str]) -> DueItem:
    words = _RISK_KINDS.get(item.kind)
    risk_id = item.subject.split("#", 1)[0]
    if words is None or risk_id not in hidden:
        return item
    title = Text.model_construct(ja=f"{words[0]} {item.subject}", en=f"{words[1]} {item.subject}")
    return dataclasses.replace(item, title=title)


def calendar_feed(evaluation: Evaluation, lang: Lang) -> bytes:
    """Return the site's calendar feed (RFC 5545), the same bytes for the same state."""
    repo = evaluation.repository
    reminders = remind(repo, evaluation.assessment, HORIZON)
    redact_from = repo.config.evidence.redact_from
    hidden = {rid for rid, risk in repo.risks.items() if withheld(risk.doc.classification, redact_from)}
    items = [_public(item, hidden) for item in reminders.items]
    return ics.calendar(items, evaluation.assessment.today, repo.config.organisation, lang)
