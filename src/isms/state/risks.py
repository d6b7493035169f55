"""The state of a risk on the as-of day: open, treated, accepted or acceptance expired.

One rule, shared by the site's register and dashboard and by the OSCAL assessment results.
"""

from __future__ import annotations

from typing import Literal

from isms.model.config import RiskCriteria
from isms.model.risk_records import Risk
from isms.state.assessment import Assessment

RiskState = Literal["open", "treated", "accepted", "acceptance-expired"]
STATES: tuple[RiskState, ...] = ("open", "treated", "accepted", "acceptance-expired")


def risk_state(risk: Risk, criteria: RiskCriteria, assessment: Assessment) -> RiskState:
    """Return the risk's state as of the assessment's day.

    An acceptance given by then makes it accepted (until `valid_until`, then expired); otherwise a
    standing level at or above the acceptance threshold leaves it open, and anything below is treated.
    """
    acceptance = risk.doc.acceptance
    if acceptance is not None and assessment.counts(acceptance.date):
        return "accepted" if acceptance.valid_until >= assessment.today else "acceptance-expired"
    level = risk.current
    if level is not None and criteria.needs_acceptance(level.band):
        return "open"
    return "treated"
