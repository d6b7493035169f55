"""Due items by kind: one provider per kind, registered in this dict; later kinds add a provider here."""

from __future__ import annotations

import datetime as dt

from isms.due import cadence, cycle, evidence, reviews, risks, suppliers
from isms.due.types import DueItem, Provider
from isms.model.repository import Repository
from isms.state.assessment import Assessment

PROVIDERS: dict[str, Provider] = {
    "evidence-expiry": evidence.provide,
    "control-review": reviews.control_reviews,
    "control-due": reviews.control_targets,
    "policy-review": reviews.policy_reviews,
    "evidence-gap": cadence.provide,
    "risk-action": risks.risk_actions,
    "risk-acceptance": risks.risk_acceptances,
    "risk-review": risks.risk_reviews,
    "exception-expiry": risks.exceptions,
    "corrective-action": cycle.corrective_actions,
    "review-action": cycle.review_actions,
    "audit": cycle.audits,
    "management-review": cycle.management_review,
    "objective": cycle.objectives,
    "control-test": cycle.control_tests,
    "supplier-inspection": suppliers.inspections,
    "supplier-training": suppliers.training,
}


def due_items(
    repo: Repository, ctx: Assessment, *, until: dt.date | None = None, owner: str | None = None
) -> list[DueItem]:
    """Return every due item (on or before ``until`` when given, of ``owner`` when given), by date."""
    last = dt.date.max if until is None else until
    items = [item for provide in PROVIDERS.values() for item in provide(repo, ctx, last) if item.due <= last]
    if owner is not None:
        items = [item for item in items if item.owner == owner]
    return sorted(items, key=DueItem.sort_key)


__all__ = ["PROVIDERS", "DueItem", "Provider", "due_items"]
