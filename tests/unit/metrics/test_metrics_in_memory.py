"""Metrics are a pure function of the model and the gathered facts: coverage, measures, uncommitted files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from builders import RepoBuilder, evaluation, facts, history_of
from isms.metrics.coverage import metrics_document

HASH = "a" * 64
MEASURE: dict[str, Any] = {
    "id": "completion",
    "title": "受講率",
    "data": ["hr/training.csv"],
    "compute": {"ratio": {"where": {"completed": "yes"}}},
    "target": ">= 75%",
    "period": "half",
}


def repo_with(measure: dict[str, Any] | None = None) -> RepoBuilder:
    extra: dict[str, Any] = {"measures": [measure]} if measure else {}
    return (
        RepoBuilder()
        .control("1.1", status="implemented", evidence=["a.csv"], **extra)
        .control("1.2", status="implemented", evidence=["hr/training.csv"])
        .control("1.3", status="not-applicable", justification="no premises")
        .evidence("a.csv", sha256=HASH)
        .evidence("hr/training.csv", date=dt.date(2026, 10, 1))
    )


def test_coverage_counts_applicable_requirements_with_valid_evidence() -> None:
    repo = repo_with().build()
    good = evaluation(repo, facts(hashes={"evidence/a.csv": HASH}))
    (demo,) = good.metrics.frameworks
    assert (demo.requirements, demo.applicable, demo.implemented, demo.evidenced) == (3, 2, 2, 2)
    assert demo.coverage == 1.0
    tampered = evaluation(repo, facts(hashes={"evidence/a.csv": "b" * 64}))
    (after,) = tampered.metrics.frameworks
    assert (after.evidenced, after.numbers()["coverage"]) == (1, 0.5)


def test_evidence_dated_after_the_as_of_day_does_not_count_yet() -> None:
    repo = repo_with().build()
    early = evaluation(repo, facts(hashes={"evidence/a.csv": HASH}), today=dt.date(2026, 10, 15))
    assert early.metrics.evidence["not-yet-valid"] == 1
    (demo,) = early.metrics.frameworks
    assert demo.evidenced == 1


def test_a_measure_is_computed_from_the_gathered_rows() -> None:
    repo = repo_with(MEASURE).build()
    rows = [{"completed": "yes"}, {"completed": "yes"}, {"completed": "yes"}, {"completed": "no"}]
    met = evaluation(repo, facts(hashes={"evidence/a.csv": HASH}, rows={"hr/training.csv": rows}))
    assert met.metrics.measures == {"total": 1, "met": 1, "not_met": 0, "no_data": 0}
    (result,) = met.assessment.measures
    assert result.latest is not None
    assert result.latest.value == 0.75
    fewer = evaluation(repo, facts(hashes={"evidence/a.csv": HASH}, rows={"hr/training.csv": rows[1:]}))
    assert fewer.metrics.measures["not_met"] == 1


def test_uncommitted_changes_count_isms_files_only() -> None:
    repo = repo_with().build()
    readme = history_of({}, dirty=frozenset({"README.md", ".github/workflows/ci.yml"}))
    clean = metrics_document(evaluation(repo, facts(history=readme)).metrics)
    assert (clean["commit"], clean["uncommitted_changes"]) == ("f" * 40, False)
    control = history_of({}, dirty=frozenset({"README.md", "controls/demo/1.1.yaml"}))
    dirty = evaluation(repo, facts(history=control))
    assert dirty.assessment.uncommitted == ("controls/demo/1.1.yaml",)
    assert metrics_document(dirty.metrics)["uncommitted_changes"] is True
