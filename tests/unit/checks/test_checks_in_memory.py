"""Checks are pure: the same repository model and gathered facts give the same findings, no disk."""

from __future__ import annotations

import datetime as dt

from builders import TODAY, RepoBuilder, commit, evaluation, facts, history_of
from isms.checks import codeowners
from isms.findings import Finding
from isms.state.evidence import EvidenceState

RECORDED = "a" * 64
OTHER = "b" * 64


def rules(found: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path) for f in found)


def evidenced(**evidence: object) -> RepoBuilder:
    """1.1 implemented (says how, reviewed) with `a.csv`, 1.2 planned, 1.3 not applicable."""
    return (
        RepoBuilder()
        .control(
            "1.1", status="implemented", evidence=["a.csv"], review={"last": "2026-06-01"}, implementation="手順どおり"
        )
        .control("1.2", status="planned", due="2027-03-31")
        .control("1.3", status="not-applicable", justification="no premises")
        .evidence("a.csv", **evidence)  # type: ignore[arg-type]
    )


def test_a_hash_that_differs_from_the_recorded_one_is_tampered() -> None:
    repo = evidenced(sha256=RECORDED).build()
    same = evaluation(repo, facts(hashes={"evidence/a.csv": RECORDED}))
    assert rules(same.findings) == []
    changed = evaluation(repo, facts(hashes={"evidence/a.csv": OTHER}))
    assert rules(changed.findings) == [("evidence-tampered", "evidence/evidence.yaml")]
    (finding,) = changed.findings
    assert f"recorded sha256 {RECORDED}, file has {OTHER}" in finding.message


def test_evidence_past_its_validity_is_stale_and_a_file_not_there_is_not_evidence() -> None:
    old = evidenced(sha256=RECORDED, date=dt.date(2025, 1, 10)).build()
    stale = evaluation(old, facts(hashes={"evidence/a.csv": RECORDED}))
    assert [f.rule for f in stale.findings] == ["evidence-stale"]
    gone = evidenced(sha256=RECORDED, present=False).build()
    missing = evaluation(gone, facts())  # the loader reports the absent file; the state says it too
    assert missing.assessment.evidence["a.csv"].state is EvidenceState.MISSING
    assert not missing.metrics.standings[("demo", "1.1")].evidenced


def test_codeowners_is_judged_from_the_gathered_text() -> None:
    repo = evidenced(sha256=RECORDED).build()
    hashes = {"evidence/a.csv": RECORDED}
    assert rules(evaluation(repo, facts(hashes=hashes, codeowners=None)).findings) == []
    current = codeowners.block(repo)
    assert rules(evaluation(repo, facts(hashes=hashes, codeowners=current)).findings) == []
    outdated = evaluation(repo, facts(hashes=hashes, codeowners="* @someone\n"))
    assert rules(outdated.findings) == [("codeowners-outdated", ".github/CODEOWNERS")]


def test_a_review_commit_counts_as_a_review_up_to_the_as_of_day() -> None:
    repo = evidenced(sha256=RECORDED).build()
    history = history_of({"controls/demo/1.1.yaml": [commit("2026-11-20", "Review 1.1: access rights")]})
    gathered = facts(history=history, hashes={"evidence/a.csv": RECORDED})
    control = repo.controls[("demo", "1.1")]
    assert evaluation(repo, gathered).assessment.last_reviewed(control) == dt.date(2026, 11, 20)
    before = evaluation(repo, gathered, today=dt.date(2026, 11, 19))
    assert before.assessment.last_reviewed(control) == dt.date(2026, 6, 1)
    assert dt.date(2026, 11, 20) < TODAY
