"""Cycle rules as of a day: corrective actions, audits and their programme, reviews, objectives, control tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from isms.checks import cycle, management
from isms.gather.facts import Facts
from isms.gather.world import gather_tables
from isms.history.types import History
from isms.loader.assemble import load_repository
from isms.model.repository import Repository
from isms.state.assessment import assess

CASE = Path(__file__).resolve().parents[2] / "data" / "valid" / "cycle"


def facts(repo: Repository) -> Facts:
    """The facts of a case without git history (its measure data read from disk)."""
    return Facts(history=History(available=False), tables=gather_tables(repo))


def rules(root: Path, today: str) -> list[str]:
    """Return `path rule` of every cycle finding as of ``today``."""
    loaded = load_repository(root)
    assert [f.rule for f in loaded.findings] == []
    ctx = assess(loaded.repository, dt.date.fromisoformat(today), facts(loaded.repository))
    found = [*cycle.check(loaded.repository, ctx), *management.check(loaded.repository, ctx)]
    return sorted(f"{f.path} {f.rule}" for f in found)


def variant(tmp_path: Path, path: str, old: str, new: str) -> Path:
    """Copy the valid cycle case and replace one text in one file."""
    root = tmp_path / "repo"
    shutil.copytree(CASE, root)
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_the_case_is_clean_while_everything_is_current() -> None:
    assert rules(CASE, "2026-08-01") == []


def test_later_actions_tests_and_the_review_run_out() -> None:
    assert rules(CASE, "2027-01-15") == [
        "controls/demo/DM-1.yaml control-test-overdue",
        "management-reviews/2026-04-20.yaml review-action-overdue",
        "nonconformities/NC-2.yaml corrective-action-overdue",
    ]
    assert "management-reviews/2026-04-20.yaml management-review-overdue" in rules(CASE, "2027-05-01")


def test_the_overdue_action_names_its_owner_and_due_date() -> None:
    loaded = load_repository(CASE)
    ctx = assess(loaded.repository, dt.date(2026, 10, 7), facts(loaded.repository))
    (finding,) = cycle.check(loaded.repository, ctx)
    assert finding.message == (
        "NC-2: corrective action `Check recipients before sending` (owner `ops`) was due on 2026-09-30 and is "
        "not done; complete it and record `done:`, or agree a new `due` date"
    )
    assert finding.severity.value == "error"


def test_status_is_point_in_time() -> None:
    nc = load_repository(CASE).repository.nonconformities["NC-1"]
    assert nc.status(dt.date(2026, 5, 1)) == "open"
    assert nc.status(dt.date(2026, 7, 1)) == "actions-done"
    assert nc.status(dt.date(2026, 7, 15)) == "closed"


def test_a_review_held_after_the_as_of_day_does_not_count() -> None:
    assert rules(CASE, "2026-04-01") == ["isms.yaml management-review-overdue"]


def test_closed_without_effectiveness_review(tmp_path: Path) -> None:
    root = variant(
        tmp_path, "nonconformities/NC-1.yaml", "effectiveness: {by: ciso, date: 2026-07-15, result: effective}\n", ""
    )
    assert rules(root, "2026-08-01") == ["nonconformities/NC-1.yaml nonconformity-no-effectiveness-review"]


def test_closed_although_not_effective(tmp_path: Path) -> None:
    root = variant(tmp_path, "nonconformities/NC-1.yaml", "result: effective", "result: not-effective")
    assert rules(root, "2026-08-01") == ["nonconformities/NC-1.yaml nonconformity-closed-ineffective"]


def test_no_root_cause_for_a_nonconformity(tmp_path: Path) -> None:
    root = variant(tmp_path, "nonconformities/NC-2.yaml", "root_cause: Address completion\n", "")
    assert rules(root, "2026-08-01") == ["nonconformities/NC-2.yaml nonconformity-no-root-cause"]


def test_an_auditor_who_owns_what_they_audit(tmp_path: Path) -> None:
    root = variant(tmp_path, "audits/IA-1.yaml", "auditors: [auditor]", "auditors: [auditor, ops]")
    assert rules(root, "2026-08-01") == ["audits/IA-1.yaml auditor-not-independent"]
    excluded = variant(tmp_path / "x", "audits/IA-1.yaml", "auditors: [auditor]", "auditors: [ops]\nexclude: [DM-1]")
    assert "audits/IA-1.yaml audit-programme-incomplete" not in rules(excluded, "2026-08-01")
    assert rules(excluded, "2026-08-01") == ["isms.yaml audit-programme-incomplete"]


def test_a_planned_audit_not_carried_out(tmp_path: Path) -> None:
    root = variant(tmp_path, "audits/IA-1.yaml", "performed: {start: 2026-03-01, end: 2026-03-03}\n", "")
    assert "audits/IA-1.yaml audit-overdue" not in rules(root, "2026-03-01")
    assert "audits/IA-1.yaml audit-overdue" in rules(root, "2026-03-02")


def test_the_programme_must_cover_every_theme(tmp_path: Path) -> None:
    root = variant(tmp_path, "audits/IA-1.yaml", 'scope: ["demo:A", "demo:B"]', 'scope: ["demo:A"]')
    assert rules(root, "2026-08-01") == ["isms.yaml audit-programme-incomplete"]


def test_a_review_without_every_input(tmp_path: Path) -> None:
    root = variant(tmp_path, "management-reviews/2026-04-20.yaml", "  feedback: {summary: None}\n", "")
    assert rules(root, "2026-08-01") == ["management-reviews/2026-04-20.yaml management-review-input-missing"]


def test_a_failed_control_test(tmp_path: Path) -> None:
    root = variant(tmp_path, "controls/demo/DM-1.yaml", "result: pass", "result: fail")
    assert rules(root, "2026-08-01") == ["controls/demo/DM-1.yaml control-test-failed"]


def test_an_objective_not_met_and_past_due(tmp_path: Path) -> None:
    root = variant(tmp_path, "evidence/ops/incidents.csv", "I-1,low", "I-1,high")
    assert rules(root, "2026-08-01") == ["objectives/OBJ-1.yaml objective-not-met"]
    assert rules(root, "2027-01-02") == [
        "controls/demo/DM-1.yaml control-test-overdue",
        "management-reviews/2026-04-20.yaml review-action-overdue",
        "nonconformities/NC-2.yaml corrective-action-overdue",
        "objectives/OBJ-1.yaml objective-not-met",
        "objectives/OBJ-1.yaml objective-past-due",
    ]


def test_a_nonconformity_naming_an_unknown_risk(tmp_path: Path) -> None:
    root = variant(tmp_path, "nonconformities/NC-1.yaml", "closed: 2026-07-15\n", "closed: 2026-07-15\nrisks: [R-9]\n")
    found = [f for f in load_repository(root).findings if f.rule == "unknown-reference"]
    assert [(f.path, f.message) for f in found] == [
        ("nonconformities/NC-1.yaml", "risk `R-9` has no file under risks/; name a risk id (its file name)")
    ]
    assert found[0].location.line is not None
