"""ISO/IEC 27001 allows no exclusion from clauses 4–10: a mandatory requirement cannot be not-applicable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import copy_example
from isms.evaluation import evaluate
from isms.loader.assemble import load_repository

REPOSITORY = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 26)
CLAUSES = "iso27001-2022-clauses"


def test_every_clause_requirement_is_mandatory() -> None:
    framework = load_repository(REPOSITORY).repository.frameworks[CLAUSES]
    assert framework.requirements
    assert all(r.mandatory for r in framework.requirements.values())


def test_climate_change_of_amendment_1_is_in_4_1_and_4_2() -> None:
    repo = load_repository(REPOSITORY).repository
    for rid in ("4.1", "4.2"):
        note = repo.frameworks[CLAUSES].requirements[rid].note
        assert note is not None
        assert "Amd 1:2024" in (note.en or "")
        assert "climate change" in (note.en or "")
        control = repo.controls[(CLAUSES, rid)].doc.implementation
        assert control is not None
        assert "気候変動" in (control.ja or "")
        assert "climate" in (control.en or "")


def test_internal_audit_cannot_be_excluded(tmp_path: Path) -> None:
    root = copy_example(REPOSITORY, tmp_path / "repo")
    before = evaluate(root, DAY).metrics
    (root / "controls" / CLAUSES / "9.2.yaml").write_text(
        "status: not-applicable\nowner: isms-manager\nreasons: [business]\n"
        "justification: {ja: 内部監査は行わない, en: No internal audit}\n",
        encoding="utf-8",
    )
    after = evaluate(root, DAY)
    found = [(f.rule, f.severity.value, f.line) for f in after.findings if f.control == f"{CLAUSES}:9.2"]
    assert ("requirement-mandatory", "error", 1) in found  # at `status`
    assert ("requirement-mandatory", "error", 3) in found  # at `reasons`
    coverage = {c.id: c for c in after.metrics.frameworks}[CLAUSES]
    previous = {c.id: c for c in before.frameworks}[CLAUSES]
    # still in scope: the exclusion does not shrink the denominator, it lowers coverage
    assert coverage.applicable == previous.applicable
    assert coverage.implemented == previous.implemented - 1
