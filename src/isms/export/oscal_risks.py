"""The risk register in OSCAL assessment results: one `risk` per risk file, findings linked to it.

* Status: an open risk (at or above the acceptance threshold, not accepted, or its acceptance
  expired) is `open`, or `remediating` while a treatment action is open; an accepted residual
  risk is `deviation-approved`; a risk below the threshold is `closed`.
* Characterizations: inherent and residual likelihood, impact and band, as facets of the
  organisation's own criteria (`urn:isms:risk-criteria`).
* Remediations: the treatment (with its treating controls) and every planned action.
* Confidential and insider risks appear as metadata only: id, owner, levels, dates; never their
  threat, vulnerability or description (like evidence of those classes).
"""

from __future__ import annotations

import datetime as dt

from isms.evaluation import Evaluation
from isms.export.oscal import METADATA_ONLY, JsonObject, compact, line, prop, stable_uuid, timestamp
from isms.model.base import Lang
from isms.model.config import RiskCriteria
from isms.model.repository import ReqKey, key_str
from isms.model.risk_records import Level, Risk
from isms.state.assessment import Assessment
from isms.state.risks import RiskState, risk_state

#: The naming system of the facets: the organisation's risk criteria in isms.yaml.
CRITERIA_SYSTEM = "urn:isms:risk-criteria"


def risk_uuid(risk_id: str) -> str:
    """Return the stable uuid of a risk (the same in every export of the repository)."""
    return stable_uuid("risk", risk_id)


def _status(state: RiskState, risk: Risk, assessment: Assessment) -> str:
    if state == "accepted":
        return "deviation-approved"
    if state == "treated":
        return "closed"
    if any(not assessment.counts(action.done) for action in risk.doc.actions):
        return "remediating"
    return "open"


def _facets(which: str, level: Level, criteria: RiskCriteria) -> list[JsonObject]:
    likelihood = criteria.likelihood[level.likelihood - 1].id
    impact = criteria.impact[level.impact - 1].id
    return [
        {"name": f"{which}-likelihood", "system": CRITERIA_SYSTEM, "value": likelihood},
        {"name": f"{which}-impact", "system": CRITERIA_SYSTEM, "value": impact},
        {"name": f"{which}-level", "system": CRITERIA_SYSTEM, "value": level.band},
        {"name": f"{which}-score", "system": CRITERIA_SYSTEM, "value": str(level.score)},
    ]


def _remediations(risk: Risk, assessment: Assessment, lang: Lang) -> list[JsonObject]:
    doc = risk.doc
    found: list[JsonObject] = []
    if doc.treatment is not None:
        controls = ", ".join(key_str(key) for key in risk.controls) or "none"
        found.append(
            {
                "uuid": stable_uuid("risk-treatment", risk.id),
                "lifecycle": "planned",
                "title": line(f"Treatment: {doc.treatment}"),
                "description": f"Risk treatment option `{doc.treatment}`; treating controls: {controls}.",
                "props": [prop("treatment", doc.treatment)],
            }
        )
    for position, action in enumerate(doc.actions):
        done = action.done is not None and assessment.counts(action.done)
        props = [prop("owner", action.owner), prop("due", action.due.isoformat())]
        if done and action.done is not None:
            props.append(prop("done", action.done.isoformat()))
        found.append(
            {
                "uuid": stable_uuid("risk-action", risk.id, str(position)),
                "lifecycle": "completed" if done else "planned",
                "title": line(action.title.get(lang)),
                "description": f"Treatment action owned by {action.owner}, due {action.due.isoformat()}"
                + (f", done {action.done.isoformat()}." if done and action.done else "."),
                "props": props,
            }
        )
    return found


def _deadline(risk: Risk, assessment: Assessment) -> dt.date | None:
    dues = [action.due for action in risk.doc.actions if not assessment.counts(action.done)]
    acceptance = risk.doc.acceptance
    if acceptance is not None and assessment.counts(acceptance.date):
        dues.append(acceptance.valid_until)
    return min(dues) if dues else None


def _risk(risk: Risk, criteria: RiskCriteria, assessment: Assessment, party: str, lang: Lang) -> JsonObject:
    doc = risk.doc
    state = risk_state(risk, criteria, assessment)
    props = [
        prop("risk-id", risk.id),
        prop("owner", doc.owner),
        prop("classification", doc.classification),
        prop("assessed", doc.assessed.isoformat()),
        prop("risk-state", state),
    ]
    if doc.treatment:
        props.append(prop("treatment", doc.treatment))
    props += [prop("asset", asset) for asset in doc.assets]
    acceptance = doc.acceptance
    if acceptance is not None and assessment.counts(acceptance.date):
        props += [
            prop("accepted-by", acceptance.by),
            prop("accepted-on", acceptance.date.isoformat()),
            prop("accepted-until", acceptance.valid_until.isoformat()),
        ]
    facets: list[JsonObject] = []
    if risk.inherent is not None:
        facets += _facets("inherent", risk.inherent, criteria)
    if risk.residual is not None:
        facets += _facets("residual", risk.residual, criteria)
    origin = {"actors": [{"type": "party", "actor-uuid": party, "role-id": "risk-owner"}]}
    level = risk.current
    standing = f"level `{level.band}` (score {level.score})" if level else "no level (off the criteria's scales)"
    if doc.classification in METADATA_ONLY:
        description = f"{doc.classification} risk: metadata only, its threat and vulnerability are not exported."
        statement = f"Risk `{risk.id}` stands at {standing}."
    else:
        description = doc.description.get(lang) if doc.description else line(doc.title.get(lang))
        statement = (
            f"Threat: {line(doc.threat.get(lang))}. Vulnerability: {line(doc.vulnerability.get(lang))}. "
            f"Risk `{risk.id}` stands at {standing}."
        )
    deadline = _deadline(risk, assessment)
    return compact(
        {
            "uuid": risk_uuid(risk.id),
            "title": line(f"{risk.id} {doc.title.get(lang)}"),
            "description": description,
            "statement": statement,
            "props": props,
            "status": _status(state, risk, assessment),
            "origins": [origin],
            "characterizations": [{"origin": origin, "facets": facets}] if facets else None,
            "deadline": timestamp(deadline) if deadline else None,
            "remediations": _remediations(risk, assessment, lang),
        }
    )


def build_risks(result: Evaluation, party: str, lang: Lang) -> list[JsonObject]:
    """Return the OSCAL risks of the repository's risk register (none without risk criteria).

    Args:
        result: The repository evaluated as of a day.
        party: The uuid of the organisation's party in the document's metadata.
        lang: Language of titles and texts.
    """
    criteria = result.repository.config.risk
    if criteria is None:
        return []
    assessment = result.assessment
    risks = sorted(result.repository.risks.values(), key=lambda risk: risk.id)
    return [_risk(risk, criteria, assessment, party, lang) for risk in risks]


def risks_by_control(result: Evaluation) -> dict[ReqKey, list[str]]:
    """Return the uuids of the risks each requirement treats (for a finding's `related-risks`)."""
    if result.repository.config.risk is None:
        return {}
    found: dict[ReqKey, list[str]] = {}
    for risk in sorted(result.repository.risks.values(), key=lambda risk: risk.id):
        for key in dict.fromkeys(risk.controls):
            found.setdefault(key, []).append(risk_uuid(risk.id))
    return found
