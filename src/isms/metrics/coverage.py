"""Coverage per framework; guidelines and METI items are covered through the controls they map to."""

from __future__ import annotations

from isms.contracts import FrameworkMetrics, MetricsDocument
from isms.metrics.types import FrameworkCoverage, Metrics, RequirementStanding
from isms.model.repository import Framework, Repository, ReqKey
from isms.state.assessment import Assessment
from isms.state.cycle import run_status
from isms.state.evidence import STATE_ORDER, EvidenceState
from isms.state.measures import MeasureState

_RANK = {"planned": 0, "partial": 1, "implemented": 2}


def _standing(repo: Repository, ctx: Assessment, framework: Framework, rid: str) -> RequirementStanding:
    key: ReqKey = (framework.id, rid)
    control = repo.controls.get(key)
    if control is None:
        return RequirementStanding(framework.id, rid, False, True, "undecided", False, False, (), (), ())
    requirement = framework.requirements.get(rid)
    if not control.applicable and requirement is not None and requirement.mandatory:
        # cannot be excluded (requirement-mandatory): in scope, and not met
        return RequirementStanding(framework.id, rid, True, True, "not-applicable", False, False, (), (), ())
    if not control.applicable:
        return RequirementStanding(framework.id, rid, True, False, "not-applicable", False, False, (), (), ())
    parts = [control]
    if framework.info.coverage == "mapped":
        for target in repo.maps_to(key):
            other = repo.controls.get(target)
            if other is not None and other.applicable:
                parts.append(other)
    status = min((c.doc.status for c in parts), key=lambda s: _RANK.get(s, 0))
    # Evidence dated after the as-of day did not exist then: as if not listed yet.
    evidence = tuple(
        dict.fromkeys(
            ref
            for c in parts
            for ref in c.doc.evidence
            if ref not in ctx.evidence or ctx.evidence[ref].state is not EvidenceState.NOT_YET_VALID
        )
    )
    valid = all(ref in ctx.evidence and ctx.evidence[ref].state.valid for ref in evidence)
    implemented = status == "implemented"
    measures = tuple(
        dict.fromkeys(r.key for r in ctx.measures if (r.control.framework, r.control.id) in {c.key for c in parts})
    )
    tests = [test for c in parts for test in c.doc.tests]
    passed = all(run_status(test, ctx.today, ctx.cutoff) == "passed" for test in tests)
    return RequirementStanding(
        framework.id,
        rid,
        True,
        True,
        status,
        implemented,
        implemented and bool(evidence) and valid,
        evidence,
        tuple(c.key for c in parts[1:]),
        measures,
        tested=implemented and bool(tests) and passed,
    )


def _official(framework: Framework, rows: list[RequirementStanding]) -> list[RequirementStanding] | None:
    """Return the standings of requirements in the publisher's wording, or None when none is paraphrased.

    A framework with paraphrased requirements (our words where the official text was not
    available) shows its coverage over the official ones beside the total.
    """
    sources = {rid: requirement.source for rid, requirement in framework.requirements.items()}
    if "paraphrase" not in sources.values():
        return None
    return [s for s in rows if sources.get(s.id) == "official"]


def compute_metrics(repo: Repository, ctx: Assessment) -> Metrics:
    """Return coverage and effectiveness per framework in scope, evidence health and measure totals."""
    met = {r.key for r in ctx.measures if r.state is MeasureState.MET}
    standings: dict[ReqKey, RequirementStanding] = {}
    frameworks = []
    for framework in repo.in_scope():
        rows = [_standing(repo, ctx, framework, rid) for rid in framework.requirements]
        standings.update({(s.framework, s.id): s for s in rows})
        measure_keys = {m for s in rows for m in s.measures}
        official = _official(framework, rows)
        frameworks.append(
            FrameworkCoverage(
                id=framework.id,
                name=framework.info.name.get("en"),
                name_ja=framework.info.name.ja,
                short=framework.info.short or framework.info.name.get("en"),
                requirements=len(rows),
                applicable=sum(s.applicable for s in rows),
                implemented=sum(s.implemented for s in rows),
                evidenced=sum(s.evidenced for s in rows),
                partial=sum(s.status == "partial" for s in rows),
                planned=sum(s.status == "planned" for s in rows),
                undecided=sum(not s.decided for s in rows),
                measures_total=len(measure_keys),
                measures_met=len(measure_keys & met),
                official_applicable=None if official is None else sum(s.applicable for s in official),
                official_evidenced=None if official is None else sum(s.evidenced for s in official),
                tested=sum(s.tested for s in rows),
            )
        )
    evidence = {"total": len(ctx.evidence)} | {state.value: 0 for state in STATE_ORDER}
    for status in ctx.evidence.values():
        evidence[status.state.value] += 1
    measures = {"total": len(ctx.measures)} | {state.value: 0 for state in MeasureState}
    for result in ctx.measures:
        measures[result.state.value] += 1
    return Metrics(
        as_of=ctx.today.isoformat(),
        commit=ctx.history.head,
        frameworks=tuple(frameworks),
        standings=standings,
        evidence=evidence,
        measures=measures,
        uncommitted=ctx.uncommitted,
    )


def _framework_json(f: FrameworkCoverage) -> FrameworkMetrics:
    n = f.numbers()
    return {
        "id": f.id,
        "name": f.name,
        "name_ja": f.name_ja,
        "short": f.short,
        "requirements": n["requirements"],
        "applicable": n["applicable"],
        "implemented": n["implemented"],
        "evidenced": n["evidenced"],
        "partial": n["partial"],
        "planned": n["planned"],
        "undecided": n["undecided"],
        "coverage": n["coverage"],
        "implemented_ratio": n["implemented_ratio"],
        "effectiveness": n["effectiveness"],
        "official_applicable": n["official_applicable"],
        "official_evidenced": n["official_evidenced"],
        "official_coverage": n["official_coverage"],
        "tested": n["tested"],
        "tested_coverage": n["tested_coverage"],
        "measures": {"total": n["measures_total"], "met": n["measures_met"]},
    }


def metrics_document(metrics: Metrics) -> MetricsDocument:
    """Return the JSON contract of `isms metrics` (``isms.contracts.MetricsDocument``)."""
    return {
        "version": "1",
        "as_of": metrics.as_of,
        "commit": metrics.commit,
        "uncommitted_changes": bool(metrics.uncommitted),
        "frameworks": [_framework_json(f) for f in metrics.frameworks],
        "evidence": metrics.evidence,
        "measures": metrics.measures,
    }
