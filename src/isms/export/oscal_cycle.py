"""Audit findings and nonconformities in OSCAL assessment results.

* One observation per finding of an audit performed by the as-of day (method EXAMINE) and per
  nonconformity raised by then, with its status.
* One OSCAL finding per audit finding that names a requirement: major and minor nonconformities
  are `not-satisfied`, observations and opportunities for improvement `satisfied` (reason `other`),
  related to the audit finding's and its nonconformity's observations, and to the risks its
  nonconformity names (`risks:`).
* One OSCAL finding (`not-satisfied`) per nonconformity not raised from an audit finding (an
  incident, a review, monitoring…) that names a requirement, related to its observation and its risks.
"""

from __future__ import annotations

from isms.evaluation import Evaluation
from isms.export.oscal import JsonObject, compact, line, prop, stable_uuid, timestamp
from isms.export.oscal_catalog import control_id
from isms.export.oscal_risks import risk_uuid
from isms.model.base import Lang
from isms.model.cycle import GRADE_TITLES


def _nc_observations(result: Evaluation, lang: Lang) -> tuple[list[JsonObject], dict[str, str]]:
    ctx = result.assessment
    observations: list[JsonObject] = []
    uuids: dict[str, str] = {}
    for nid, nc in sorted(result.repository.nonconformities.items()):
        if not ctx.counts(nc.doc.raised):
            continue
        doc = nc.doc
        props = [prop("nonconformity", nid), prop("status", nc.status(ctx.cutoff)), prop("source", doc.source.kind)]
        props += [prop("owner", doc.owner)]
        if doc.grade:
            props.append(prop("grade", doc.grade))
        overdue = nc.overdue(ctx.today, ctx.cutoff)
        if overdue:
            props.append(prop("overdue-actions", str(len(overdue))))
        uuids[nid] = stable_uuid("nonconformity", nid)
        observations.append(
            compact(
                {
                    "uuid": uuids[nid],
                    "title": line(f"{nid}: {doc.title.get(lang)}"),
                    "description": (doc.description or doc.title).get(lang),
                    "props": props,
                    "methods": ["EXAMINE"],
                    "types": ["finding"],
                    "collected": timestamp(doc.raised),
                    "remarks": doc.root_cause.get(lang) if doc.root_cause else None,
                }
            )
        )
    return observations, uuids


def _nc_risks(result: Evaluation) -> dict[str, list[JsonObject]]:
    """Return, per nonconformity, the `related-risks` of the risks it names (exported only with criteria)."""
    repo = result.repository
    if repo.config.risk is None:
        return {}
    return {
        nid: [{"risk-uuid": risk_uuid(rid)} for rid in dict.fromkeys(nc.doc.risks) if rid in repo.risks]
        for nid, nc in repo.nonconformities.items()
    }


def _nc_findings(
    result: Evaluation, lang: Lang, nc_uuids: dict[str, str], risks: dict[str, list[JsonObject]]
) -> list[JsonObject]:
    """Return a finding per nonconformity not raised from an audit finding that names a requirement."""
    findings: list[JsonObject] = []
    cutoff = result.assessment.cutoff
    for nid, nc in sorted(result.repository.nonconformities.items()):
        if nid not in nc_uuids or not nc.requirements:
            continue
        if nc.doc.source.kind == "audit" and nc.doc.source.finding is not None:
            continue  # its audit finding's OSCAL finding carries it
        props = [prop("nonconformity", nid), prop("status", nc.status(cutoff)), prop("source", nc.doc.source.kind)]
        findings.append(
            compact(
                {
                    "uuid": stable_uuid("nonconformity-result", nid),
                    "title": line(f"{nid}: {nc.doc.title.get(lang)}"),
                    "description": (nc.doc.description or nc.doc.title).get(lang),
                    "props": props,
                    "target": {
                        "type": "objective-id",
                        "target-id": control_id(nc.requirements[0]),
                        "status": {"state": "not-satisfied", "reason": "fail"},
                    },
                    "related-observations": [{"observation-uuid": nc_uuids[nid]}],
                    "related-risks": risks.get(nid) or None,
                }
            )
        )
    return findings


def cycle_records(result: Evaluation, lang: Lang) -> tuple[list[JsonObject], list[JsonObject]]:
    """Return (observations, findings) of the audits and nonconformities as of the as-of day."""
    observations, nc_uuids = _nc_observations(result, lang)
    risks = _nc_risks(result)
    findings: list[JsonObject] = []
    cutoff = result.assessment.cutoff
    for aid, audit in sorted(result.repository.audits.items()):
        performed = audit.doc.performed
        if performed is None or not audit.performed_by(cutoff):
            continue
        for finding, keys in zip(audit.doc.findings, audit.finding_requirements, strict=False):
            observation = stable_uuid("audit-finding", aid, finding.id)
            grade = GRADE_TITLES[finding.grade].get(lang)
            props = [prop("audit", aid), prop("audit-kind", audit.doc.kind), prop("grade", finding.grade)]
            if finding.nonconformity:
                props.append(prop("nonconformity", finding.nonconformity))
            observations.append(
                compact(
                    {
                        "uuid": observation,
                        "title": line(f"{aid} {finding.id}: {grade}"),
                        "description": finding.description.get(lang),
                        "props": props,
                        "methods": ["EXAMINE"],
                        "types": ["finding"],
                        "collected": timestamp(performed.end or performed.start),
                    }
                )
            )
            if not keys:
                continue
            related = [{"observation-uuid": observation}]
            if finding.nonconformity in nc_uuids:
                related.append({"observation-uuid": nc_uuids[finding.nonconformity]})
            nonconforming = finding.grade in ("major", "minor")
            related_risks = risks.get(finding.nonconformity or "") if finding.nonconformity in nc_uuids else None
            findings.append(
                compact(
                    {
                        "uuid": stable_uuid("audit-finding-result", aid, finding.id),
                        "title": line(f"{aid} {finding.id}: {grade}"),
                        "description": finding.description.get(lang),
                        "props": props,
                        "target": {
                            "type": "objective-id",
                            "target-id": control_id(keys[0]),
                            "status": {
                                "state": "not-satisfied" if nonconforming else "satisfied",
                                "reason": "fail" if nonconforming else "other",
                            },
                        },
                        "related-observations": related,
                        "related-risks": related_risks or None,
                    }
                )
            )
    return observations, [*findings, *_nc_findings(result, lang, nc_uuids, risks)]
