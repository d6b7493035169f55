"""The state of the ISMS as OSCAL assessment results: observations, findings, relevant evidence.

* One observation per evidence item (its state on the as-of day), per check finding and per
  effectiveness measure.
* One finding per requirement of the frameworks in scope: its control's implementation status,
  satisfied or not, and the observations behind that judgement.
* One risk per risk file (`isms.export.oscal_risks`); a finding names the risks its control treats.
* One observation per supplier, related to the findings of the requirements (5.19–5.22) its
  contract clauses cite (`isms.export.oscal_suppliers`).
* Audit findings and nonconformities as observations, and audit findings as findings on the
  requirement they concern (`isms.export.oscal_cycle`).
* Evidence is referenced, never included. Confidential and insider evidence appears as
  metadata only (title, date, class, state, recorded hash): no link to the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from isms.evaluation import Evaluation
from isms.export.oscal import METADATA_ONLY, JsonObject, compact, line, metadata, prop, stable_uuid, timestamp
from isms.export.oscal_catalog import catalog_file, control_id
from isms.export.oscal_cycle import cycle_records
from isms.export.oscal_risks import build_risks, risks_by_control
from isms.export.oscal_suppliers import supplier_observations
from isms.export.soa import finding_message
from isms.figures import percent_figure, rounded
from isms.findings import Finding, Severity
from isms.metrics.types import FrameworkCoverage
from isms.model.base import Lang
from isms.model.repository import Framework, ReqKey, key_str
from isms.state.evidence import EvidenceStatus
from isms.state.measures import MeasureResult
from isms.stores.gather import AttestationCheck


def _evidence_observation(status: EvidenceStatus, lang: Lang) -> JsonObject:
    item = status.item
    props = [
        prop("evidence-class", item.classification),
        prop("evidence-state", status.state.value),
        prop("evidence-date", item.date.isoformat()),
    ]
    if item.sha256:
        props.append(prop("sha256", item.sha256))
    props.append(prop("evidence-signature", status.signature))
    if item.store is not None:
        props.append(prop("evidence-store", item.store))
    if status.attestation is not None:
        props.append(prop("attestation-sha256", status.attestation.sha256))
    evidence: JsonObject = {"description": line(item.title.get(lang)), "props": props}
    if item.in_store:
        evidence["remarks"] = f"kept in store `{item.store}` outside the repository: metadata only."
    elif item.classification in METADATA_ONLY:
        evidence["remarks"] = f"{item.classification} evidence: metadata only, the file is not referenced."
    else:
        evidence = {"href": f"evidence/{item.path}", **evidence}
    expires = status.expires + dt.timedelta(days=1) if status.expires else None
    return compact(
        {
            "uuid": stable_uuid("evidence", item.path),
            "title": line(item.title.get(lang)),
            "description": f"Evidence `{item.path}` dated {item.date.isoformat()}: {status.state.value}.",
            "props": [prop("evidence-path", item.path)],
            "methods": ["EXAMINE"],
            "types": ["control-objective"],
            "relevant-evidence": [evidence],
            "collected": timestamp(item.date),
            "expires": timestamp(expires) if expires else None,
        }
    )


def _attestation_observation(check: AttestationCheck, custodian: str) -> JsonObject:
    """Return a store attestation as an observation: who verified the store when, and whether it holds."""
    found = check.attestation
    assert found is not None  # noqa: S101 - only attestations that parsed are observed
    state = "signature good" if check.good else f"invalid: {check.problem}"
    results = sorted({item.result for item in found.items.values()})
    return compact(
        {
            "uuid": stable_uuid("attestation", found.store, found.sha256),
            "title": line(f"Store {found.store} verified {found.date.isoformat()} by {found.verifier}"),
            "description": f"Attestation {check.file} of store `{found.store}` (custodian {custodian}): "
            f"{len(found.items)} files, results {', '.join(results) or 'none'}; {state}.",
            "props": [
                prop("evidence-store", found.store),
                prop("attestation-sha256", found.sha256),
                prop("attestation-signature", "good" if check.good else "invalid"),
            ],
            "methods": ["TEST"],
            "types": ["control-objective"],
            "relevant-evidence": [{"href": check.file, "description": "The signed attestation (no file content)."}],
            "collected": timestamp(found.date),
        }
    )


def _check_observation(finding: Finding, as_of: dt.date, lang: Lang) -> JsonObject:
    where = finding.location.format()
    return compact(
        {
            "uuid": stable_uuid("check", finding.rule, where, finding.message),
            "title": line(f"{finding.rule}: {where}"),
            "description": finding_message(finding, lang),
            "props": [
                prop("rule", finding.rule),
                prop("severity", finding.severity.value),
                prop("location", where),
            ],
            "methods": ["TEST"],
            "types": ["finding"],
            "collected": timestamp(as_of),
        }
    )


def _measure_observation(measure: MeasureResult, as_of: dt.date, lang: Lang) -> JsonObject:
    latest = measure.latest
    value = f"{latest.value:.4g} in {latest.period}" if latest else "no data"
    return compact(
        {
            "uuid": stable_uuid("measure", measure.key),
            "title": line(measure.measure.title.get(lang)),
            "description": f"Effectiveness measure `{measure.key}`: {value}, target {measure.measure.target}.",
            "props": [prop("measure-state", measure.state.value), prop("target", measure.measure.target)],
            "methods": ["TEST"],
            "types": ["control-objective"],
            "collected": timestamp(as_of),
        }
    )


@dataclass(frozen=True)
class _Observed:
    """Observation uuids by what they observe."""

    evidence: dict[str, str]
    checks: dict[str, list[str]]
    measures: dict[str, str]
    suppliers: dict[str, list[str]] = field(default_factory=dict)
    """Supplier observations by the requirement their contract clauses cite (``framework:id``)."""

    def related(self, control: str, evidence: tuple[str, ...], measures: tuple[str, ...]) -> list[JsonObject]:
        uuids = [self.evidence[path] for path in evidence if path in self.evidence]
        uuids += self.checks.get(control, [])
        uuids += self.suppliers.get(control, [])
        uuids += [self.measures[key] for key in measures if key in self.measures]
        return [{"observation-uuid": value} for value in dict.fromkeys(uuids)]


def _judge(result: Evaluation, key: ReqKey, errors: set[str]) -> tuple[str, str, str | None]:
    """Return (objective state, reason, implementation state) of one requirement."""
    control = result.repository.controls.get(key)
    if control is None:
        return "not-satisfied", "fail", None
    if not control.applicable:
        return "satisfied", "other", "not-applicable"
    standing = result.metrics.standings.get(key)
    if standing is not None and standing.evidenced and key_str(key) not in errors:
        return "satisfied", "pass", control.doc.status
    return "not-satisfied", "fail", control.doc.status


def _finding(
    result: Evaluation,
    framework: Framework,
    rid: str,
    observed: _Observed,
    errors: set[str],
    lang: Lang,
    risks: dict[ReqKey, list[str]],
) -> JsonObject:
    """Return the finding of one requirement; ``errors`` holds the controls with error findings."""
    key = (framework.id, rid)
    state, reason, status = _judge(result, key, errors)
    control = result.repository.controls.get(key)
    doc = control.doc if control else None
    standing = result.metrics.standings.get(key)
    props = [prop("framework", framework.id), prop("requirement", rid)]
    if doc and doc.owner:
        props.append(prop("owner", doc.owner))
    if doc is None:
        description = "No control file decides this requirement yet."
    elif doc.implementation:
        description = doc.implementation.get(lang)
    else:
        description = "The control file describes no implementation."
    return compact(
        {
            "uuid": stable_uuid("finding", key_str(key)),
            "title": line(f"{rid} {framework.requirements[rid].title.get(lang)}"),
            "description": description,
            "props": props,
            "target": compact(
                {
                    "type": "objective-id",
                    "target-id": control_id(key),
                    "status": {"state": state, "reason": reason},
                    "implementation-status": {"state": status} if status else None,
                }
            ),
            "related-observations": observed.related(
                key_str(key), standing.evidence if standing else (), standing.measures if standing else ()
            ),
            "related-risks": [{"risk-uuid": uuid} for uuid in risks.get(key, [])],
            "remarks": doc.justification.get(lang) if doc and doc.justification else None,
        }
    )


def _observations(result: Evaluation, lang: Lang) -> tuple[list[JsonObject], _Observed]:
    as_of = result.assessment.today
    observations: list[JsonObject] = []
    observed = _Observed({}, {}, {})
    for path, status in sorted(result.assessment.evidence.items()):
        observations.append(_evidence_observation(status, lang))
        observed.evidence[path] = observations[-1]["uuid"]
    stores = result.repository.config.stores
    for store_id, check in sorted(result.assessment.trust.attestations.items()):
        if check.attestation is not None and store_id in stores:
            observations.append(_attestation_observation(check, stores[store_id].custodian))
    for finding in result.findings:
        observations.append(_check_observation(finding, as_of, lang))
        if finding.control:
            observed.checks.setdefault(finding.control, []).append(observations[-1]["uuid"])
    for measure in result.assessment.measures:
        observations.append(_measure_observation(measure, as_of, lang))
        observed.measures[measure.key] = observations[-1]["uuid"]
    suppliers, by_requirement = supplier_observations(result, lang)
    observations += suppliers
    observed.suppliers.update(by_requirement)
    return observations, observed


def _coverage_props(numbers: FrameworkCoverage) -> list[JsonObject]:
    """Return a framework's figures as `isms metrics` has them: counts, the JSON ratio, the shown percentage."""
    return [
        prop("framework", numbers.id),
        prop("applicable", str(numbers.applicable)),
        prop("evidenced", str(numbers.evidenced)),
        prop("coverage", str(rounded(numbers.coverage))),
        prop("coverage-percent", f"{percent_figure(numbers.coverage):.1f}"),
    ]


def build_assessment_results(result: Evaluation, lang: Lang) -> JsonObject:
    """Return the OSCAL assessment results of an evaluated repository.

    Args:
        result: The repository evaluated as of a day.
        lang: Language of titles and texts.
    """
    repo = result.repository
    as_of = result.assessment.today
    commit = result.assessment.history.head
    organisation = repo.config.organisation.get(lang)
    observations, observed = _observations(result, lang)
    errors = {f.control for f in result.findings if f.severity is Severity.ERROR and f.control}
    party = stable_uuid("party", organisation)
    risks = risks_by_control(result)
    findings = [
        _finding(result, framework, rid, observed, errors, lang, risks)
        for framework in repo.in_scope()
        for rid in framework.requirements
    ]
    audit_observations, audit_findings = cycle_records(result, lang)
    observations += audit_observations
    findings += audit_findings
    source = stable_uuid("repository", commit or "-", as_of.isoformat())
    resources = [
        compact(
            {
                "uuid": source,
                "title": line(f"ISMS repository of {organisation}"),
                "description": "The ISMS kept as code: isms.yaml, catalogs, controls, policies and evidence registers.",
                "props": [prop("commit", commit)] if commit else [],
            }
        )
    ]
    coverage = {f.id: f for f in result.metrics.frameworks}
    resources += [
        {
            "uuid": stable_uuid("catalog-file", framework.id),
            "title": line(framework.info.name.get(lang)),
            "props": _coverage_props(coverage[framework.id]),
            "rlinks": [{"href": catalog_file(framework.id), "media-type": "application/oscal.catalog+json"}],
        }
        for framework in repo.in_scope()
    ]
    run_props = [prop("as-of", as_of.isoformat())]
    if commit:
        run_props.append(prop("commit", commit))
    if result.assessment.uncommitted:
        run_props.append(prop("uncommitted-changes", "true"))
    return {
        "assessment-results": compact(
            {
                "uuid": stable_uuid("assessment-results", commit or "-", as_of.isoformat()),
                "metadata": metadata(
                    f"{organisation}: ISMS assessment results as of {as_of.isoformat()}",
                    commit[:12] if commit else as_of.isoformat(),
                    as_of,
                    props=run_props,
                    parties=[{"uuid": party, "type": "organization", "name": line(organisation)}],
                ),
                "import-ap": {
                    "href": f"#{source}",
                    "remarks": "isms keeps no separate assessment plan: the plan is the ISMS repository itself "
                    "(its frameworks in scope, controls and evidence registers) at the commit named here.",
                },
                "results": [
                    compact(
                        {
                            "uuid": stable_uuid("result", commit or "-", as_of.isoformat()),
                            "title": line(f"isms check as of {as_of.isoformat()}"),
                            "description": "Every requirement of the frameworks in scope, judged from its control "
                            "file, the state of its evidence and the repository checks.",
                            "start": timestamp(as_of),
                            "end": timestamp(as_of),
                            "props": run_props,
                            "reviewed-controls": {"control-selections": [{"include-all": {}}]},
                            "observations": observations,
                            "risks": build_risks(result, party, lang),
                            "findings": findings,
                        }
                    )
                ],
                "back-matter": {"resources": resources},
            }
        )
    }
