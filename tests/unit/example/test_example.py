"""The bundled example ISMS (the repository root): complete, consistent and free of errors.

The example models an invented disclosure and IR service provider. Its evidence is dated so that it
is judged on a fixed reference day, 2026-11-26: on that day it must have no errors, and it shows a few
deliberate warnings (a measure not met, evidence expiring soon). Every file in git has its hash.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from isms.evaluation import evaluate
from isms.findings import Finding, Severity
from isms.loader.assemble import LoadResult, load_repository
from isms.model.refs import RefIndex
from isms.model.repository import Repository, ReqKey

ROOT = Path(__file__).parents[3]
REFERENCE_DAY = dt.date(2026, 11, 26)
CANARY = "CANARY-CONFIDENTIAL-7f3a"
ANNEX_A = "iso27001-2022"
CLAUSES = "iso27001-2022-clauses"
GUIDELINES = "example-guidelines"
INSIDER_RULES = "example-insider-rules"
METI = "meti-csm-v1"
SECRET_CLASSES = frozenset({"confidential", "insider"})


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    """Load the repository root once for the module."""
    return load_repository(ROOT)


@pytest.fixture(scope="module")
def repo(loaded: LoadResult) -> Repository:
    """Return the loaded example repository."""
    return loaded.repository


def _errors(findings: list[Finding]) -> list[str]:
    return [f"{f.path}:{f.line}: {f.rule}: {f.message}" for f in findings if f.severity is Severity.ERROR]


def test_loads_without_errors(loaded: LoadResult) -> None:
    assert _errors(loaded.findings) == []


def test_scope_and_frameworks(repo: Repository) -> None:
    assert repo.config.organisation.ja
    assert repo.config.organisation.en
    assert repo.config.frameworks == [ANNEX_A, CLAUSES, GUIDELINES, INSIDER_RULES, METI]
    assert repo.config.soa_framework == ANNEX_A
    # The insider-trading rules are the Company's own controls (a framework of their own), listed in
    # a section of the SoA of their own (6.1.3 c).
    assert repo.frameworks[INSIDER_RULES].origin == "policy"
    assert repo.config.soa.additional == [INSIDER_RULES]


@pytest.mark.parametrize(
    ("framework", "size"), [(ANNEX_A, 93), (CLAUSES, 23), (GUIDELINES, 11), (INSIDER_RULES, 5), (METI, None)]
)
def test_every_requirement_has_a_control_file(repo: Repository, framework: str, size: int | None) -> None:
    requirements = set(repo.frameworks[framework].requirements)
    if size is not None:
        assert len(requirements) == size
    assert requirements, f"{framework} has no requirements"
    controls = {rid for fid, rid in repo.controls if fid == framework}
    assert sorted(requirements - controls) == []
    assert sorted(controls - requirements) == []


def test_guidelines_are_the_eleven_statements_of_the_policy(repo: Repository) -> None:
    policy = repo.policies["information-security-policy"]
    assert [s.id for s in policy.doc.statements] == [f"G{n}" for n in range(1, 12)]
    assert repo.frameworks[GUIDELINES].origin == "policy"


def _annex_a_targets(repo: Repository, index: RefIndex, refs: list[str]) -> list[ReqKey]:
    keys = [key for key, _ in (index.resolve(ref) for ref in refs) if key is not None]
    return [key for key in keys if key[0] == ANNEX_A]


def test_every_policy_statement_reaches_annex_a(repo: Repository) -> None:
    index = RefIndex({fid: set(fw.requirements) for fid, fw in repo.frameworks.items()})
    unlinked = []
    for policy in repo.policies.values():
        own = policy.doc.framework.id if policy.doc.framework else None
        for statement in policy.doc.statements:
            direct = _annex_a_targets(repo, index, statement.implemented_by)
            mapped = [k for k in repo.maps_to((own, statement.id)) if k[0] == ANNEX_A] if own else []
            if not direct and not mapped:
                unlinked.append(f"{policy.id}:{statement.id}")
    assert unlinked == []


def test_guideline_and_meti_controls_map_to_annex_a(repo: Repository) -> None:
    unmapped = [
        f"{control.framework}:{control.id}"
        for control in repo.controls.values()
        if control.framework in (GUIDELINES, METI)
        and control.applicable
        and not any(key[0] == ANNEX_A for key in repo.maps_to(control.key))
    ]
    assert unmapped == []


def test_canary_only_in_confidential_or_insider_evidence(repo: Repository) -> None:
    holders = []
    for path in sorted((ROOT / "evidence").rglob("*")):
        if path.is_file() and CANARY in path.read_text(encoding="utf-8", errors="replace"):
            holders.append(path.relative_to(ROOT / "evidence").as_posix())
    assert holders, "the canary must appear in at least one evidence file"
    for rel in holders:
        assert rel in repo.evidence, f"evidence/{rel} holds the canary but is not declared"
        assert repo.evidence[rel].classification in SECRET_CLASSES, f"evidence/{rel} is not confidential or insider"
    others = [ROOT / "isms.yaml", *(ROOT / "policies").rglob("*"), *(ROOT / "controls").rglob("*")]
    assert [p for p in others if p.is_file() and CANARY in p.read_text(encoding="utf-8")] == []


def test_every_evidence_file_is_declared_and_referenced(repo: Repository) -> None:
    assert sorted(repo.evidence_files - repo.evidence.keys()) == []
    assert sorted(repo.evidence.keys() - repo.evidence_users.keys()) == []


def test_evidence_classes_are_all_used(repo: Repository) -> None:
    classes = {item.classification for item in repo.evidence.values()}
    assert classes == {"public", "internal", "confidential", "insider"}


def test_checks_on_the_reference_day() -> None:
    evaluation = evaluate(ROOT, REFERENCE_DAY)
    assert _errors(evaluation.findings) == []
    rules = {(f.rule, f.control) for f in evaluation.findings}
    assert ("measure-not-met", f"{ANNEX_A}:6.3") in rules
    expiring = {f.message.split("`")[1] for f in evaluation.findings if f.rule == "evidence-expiring"}
    assert expiring == {
        "it/2025-12-vulnerability-assessment.md",
        "training/2025-H2/attendance.csv",
        "training/2025-H2/elearning-results.csv",
    }
    assert sum(f.rule == "evidence-unhashed" for f in evaluation.findings) == 0


def test_no_insider_file_is_in_git_and_the_store_items_are_proved(repo: Repository) -> None:
    insider = [item for item in repo.evidence.values() if item.classification == "insider"]
    assert len(insider) == 3
    assert all(item.in_store and item.store == "insider-fs" for item in insider)
    assert not [p for p in repo.evidence_files if p in repo.evidence and repo.evidence[p].classification == "insider"]
    assessment = evaluate(ROOT, REFERENCE_DAY).assessment
    for item in insider:
        status = assessment.evidence[item.path]
        assert status.state.valid, (item.path, status.state, status.why)
        assert status.attestation is not None
        assert status.attestation.verifier == "insider-admin"
        assert status.signature == "good"


def test_the_example_store_can_be_regenerated(repo: Repository) -> None:
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location("example_store", ROOT / "scripts" / "example_store.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files: dict[str, bytes] = module.files()
    recorded = {item.ref: item.sha256 for item in repo.evidence.values() if item.in_store}
    assert {ref: hashlib.sha256(content).hexdigest() for ref, content in files.items()} == recorded


RISK_RULES = ("risk-", "soa-reason-untraced", "asset-", "exception-")


def test_the_risk_register_traces_every_risk_reason(repo: Repository) -> None:
    assert 15 <= len(repo.risks) <= 25
    cited = {key for risk in repo.risks.values() for key in risk.controls}
    risk_reasoned = {c.key for c in repo.controls.values() if c.framework == ANNEX_A and "risk" in c.doc.reasons}
    assert risk_reasoned
    assert risk_reasoned <= cited
    accepted = [r.id for r in repo.risks.values() if r.doc.acceptance is not None]
    assert accepted == ["R-07"]
    assert len(repo.exceptions) == 1
    assert len(repo.assets) >= 12


def test_risks_on_the_reference_day_and_after_the_acceptance_expires() -> None:
    today = [f.rule for f in evaluate(ROOT, REFERENCE_DAY).findings if f.rule.startswith(RISK_RULES)]
    assert today == []
    later = evaluate(ROOT, dt.date(2027, 10, 20)).findings
    assert ("risks/R-07.yaml", "risk-acceptance-expired") in {(f.path, f.rule) for f in later}


def test_before_any_evidence_every_control_in_force_has_none() -> None:
    """`isms check --today 1900-01-01`: no evidence existed yet, so every control in force lacks it."""
    result = evaluate(ROOT, dt.date(1900, 1, 1))
    no_evidence = {f.control for f in result.findings if f.rule == "control-no-evidence"}
    in_force = {
        f"{c.framework}:{c.id}"
        for c in result.repository.controls.values()
        if c.doc.status in ("implemented", "partial")
    }
    assert no_evidence == in_force
    assert all(not s.evidenced for s in result.metrics.standings.values())
    later = [f for f in result.findings if f.rule == "control-no-evidence" and "dated after 1900-01-01" in f.message]
    assert later  # controls listing evidence are told why it does not count


def test_the_example_measures_on_the_reference_day() -> None:
    """The measures the README shows: rates over the roster, a per-person minimum, a comparison, a join."""
    measures = {m.key: m for m in evaluate(ROOT, REFERENCE_DAY).assessment.measures}
    completion = measures[f"{ANNEX_A}:6.3#training-completion"]
    # 年度 (fiscal_year_start: 4): halves are April-September and October-March
    assert [(v.period, round(v.value, 3)) for v in completion.values] == [("FY2025-H2", 0.94), ("FY2026-H1", 0.981)]
    assert measures[f"{ANNEX_A}:6.2#pledge-submission"].latest is not None
    specialist = measures[f"{ANNEX_A}:6.3#specialist-sessions"]
    assert specialist.latest is not None
    assert specialist.latest.value == 0  # sessions 1-4 of 5 so far
    assert measures[f"{ANNEX_A}:6.3#comprehension-test"].latest is not None
    banned = measures[f"{ANNEX_A}:5.31#no-preapproval-for-banned-roles"]
    assert banned.latest is not None
    assert banned.latest.value == 0
    assert all(not m.missing and not m.unknown_values for m in measures.values())


def test_the_readme_measures_are_the_example_measures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ids = {m.id for c in load_repository(ROOT).repository.controls.values() for m in c.doc.measures}
    shown = set()
    in_measures = False
    for line in readme.splitlines():
        if line.startswith("```"):
            in_measures = False  # a measure list lives inside one code block
        elif line.strip() == "measures:":
            in_measures = True
        elif in_measures and line.strip().startswith("- id:"):
            shown.add(line.split("id:")[1].split()[0])
    assert shown
    assert shown <= ids


CYCLE_TOPS = ("audits/", "nonconformities/", "management-reviews/", "objectives/")


def test_the_cycle_on_the_reference_day_and_a_week_after_the_first_overdue_action(repo: Repository) -> None:
    assert len(repo.audits) == 4
    assert sorted(repo.nonconformities) == [f"NC-2026-0{n}" for n in range(1, 6)]
    assert list(repo.reviews) == ["2026-10-20"]
    assert sorted(repo.objectives) == ["OBJ-01", "OBJ-02", "OBJ-03"]
    today = [(f.path, f.rule) for f in evaluate(ROOT, REFERENCE_DAY).findings if f.path.startswith(CYCLE_TOPS)]
    assert today == [("objectives/OBJ-03.yaml", "objective-not-met")]
    later = [f for f in evaluate(ROOT, dt.date(2026, 12, 22)).findings if f.rule == "corrective-action-overdue"]
    assert [(f.path, f.severity) for f in later] == [("nonconformities/NC-2026-02.yaml", Severity.ERROR)]
    assert "owner `insider-admin`" in later[0].message
    assert "due on 2026-12-15" in later[0].message


def test_the_contractor_records_are_supplier_records(repo: Repository) -> None:
    """The contractor audits and training (evidence/suppliers/) are five suppliers with inspection dates."""
    assert sorted(repo.suppliers) == ["contractor-a", "contractor-b", "group-company-e", "outsourcee-c", "outsourcee-d"]
    for supplier in repo.suppliers.values():
        assert supplier.handles_insider
        assert supplier.clauses
        assert {i.evidence for i in supplier.doc.inspections} == {"suppliers/2026-contractor-audits.csv"}
        assert {t.evidence for t in supplier.doc.training} == {"suppliers/2026-contractor-training.csv"}
    today = [f.rule for f in evaluate(ROOT, dt.date(2026, 12, 3)).findings if f.path.startswith("suppliers/")]
    assert today == []
    later = evaluate(ROOT, dt.date(2027, 3, 1)).findings
    overdue = [(f.path, f.rule) for f in later if f.path.startswith("suppliers/")]
    assert overdue == [("suppliers/outsourcee-d.yaml", "supplier-inspection-overdue")]


def test_the_site_shows_measure_periods_as_fiscal_years() -> None:
    from isms.model.base import Lang
    from isms.site.pages import build_site
    from isms.site.pages.common import control_path
    from isms.site.render import Renderer

    evaluation = evaluate(ROOT, REFERENCE_DAY)
    assert evaluation.repository.config.fiscal_year_start == 4
    labels: tuple[tuple[Lang, str], ...] = (("ja", "2026年度上期"), ("en", "FY2026 H1"))
    for lang, label in labels:
        site = build_site(evaluation, lang)
        page = next(p for p in site.pages if p.path == control_path((ANNEX_A, "6.3")))
        text = Renderer(site.info).render(page)
        assert f'<td data-period="FY2026-H1">{label}</td>' in text, lang
        assert f">{label}</text>" in text, lang  # the trend chart's axis
