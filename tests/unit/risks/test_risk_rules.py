"""Risk rules as of a day: treatment, acceptance, actions, reviews, exceptions, the SoA's trace to risks."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from isms.checks import risks as risk_rules
from isms.gather.facts import Facts
from isms.loader.assemble import load_repository
from isms.state.assessment import assess

CASE = Path(__file__).resolve().parents[2] / "data" / "valid" / "risks"


def rules(root: Path, today: str) -> list[str]:
    """Return `path rule` of every risk finding as of ``today``."""
    loaded = load_repository(root)
    assert [f.rule for f in loaded.findings] == []
    ctx = assess(loaded.repository, dt.date.fromisoformat(today), Facts())
    return sorted(f"{f.path} {f.rule}" for f in risk_rules.check(loaded.repository, ctx))


def variant(tmp_path: Path, path: str, old: str, new: str) -> Path:
    """Copy the valid risks case and replace one text in one file."""
    root = tmp_path / "repo"
    shutil.copytree(CASE, root)
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_levels_are_computed_from_the_criteria() -> None:
    risk = load_repository(CASE).repository.risks["R-1"]
    assert risk.inherent is not None
    assert (risk.inherent.score, risk.inherent.band) == (9, "high")
    assert risk.residual is not None
    assert (risk.residual.score, risk.residual.band) == (3, "medium")


def test_the_case_is_clean_while_everything_is_current() -> None:
    assert rules(CASE, "2026-03-01") == []


def test_later_the_action_acceptance_exception_and_review_run_out() -> None:
    assert rules(CASE, "2027-03-01") == [
        "exceptions/EX-1.yaml exception-expired",
        "risks/R-1.yaml risk-acceptance-expired",
        "risks/R-1.yaml risk-action-overdue",
        "risks/R-1.yaml risk-review-overdue",
    ]


def test_an_acceptance_given_after_the_as_of_day_does_not_count(tmp_path: Path) -> None:
    root = variant(tmp_path, "risks/R-1.yaml", "date: 2026-01-20, valid", "date: 2026-02-20, valid")
    assert rules(root, "2026-02-01") == ["risks/R-1.yaml risk-acceptance-missing"]
    assert rules(root, "2026-03-01") == []


def test_an_acceptor_the_criteria_do_not_allow(tmp_path: Path) -> None:
    root = variant(tmp_path, "isms.yaml", "accept_by: [ciso, ceo]", "accept_by: [ceo]")
    assert rules(root, "2026-03-01") == ["risks/R-1.yaml risk-acceptance-not-allowed"]


def test_a_high_risk_without_treatment(tmp_path: Path) -> None:
    root = variant(tmp_path, "risks/R-1.yaml", "treatment: modify\n", "")
    assert rules(root, "2026-03-01") == ["risks/R-1.yaml risk-untreated"]


def test_a_treating_control_not_applicable(tmp_path: Path) -> None:
    excluded = "status: not-applicable\njustification: x"
    root = variant(tmp_path, "controls/demo/DM-1.yaml", "status: implemented", excluded)
    assert rules(root, "2026-03-01") == ["risks/R-1.yaml risk-control-not-in-force"]


def test_a_planned_treating_control_needs_an_open_action(tmp_path: Path) -> None:
    root = variant(tmp_path, "controls/demo/DM-1.yaml", "status: implemented", "status: planned")
    assert rules(root, "2026-03-01") == []  # the open action is its plan
    done = root / "risks/R-1.yaml"
    done.write_text(done.read_text(encoding="utf-8").replace("due: 2026-06-30}", "due: 2026-06-30, done: 2026-02-01}"))
    assert rules(root, "2026-03-01") == ["risks/R-1.yaml risk-control-not-in-force"]


def test_a_control_outside_the_soa_and_an_untraced_risk_reason(tmp_path: Path) -> None:
    root = variant(tmp_path, "risks/R-1.yaml", "controls: [DM-1]", "controls: [DM-2]")
    assert rules(root, "2026-03-01") == [
        "controls/demo/DM-1.yaml soa-reason-untraced",
        "risks/R-1.yaml risk-control-outside-soa",
    ]


def test_an_asset_without_owner(tmp_path: Path) -> None:
    root = variant(
        tmp_path, "assets/register.yaml", "    title: 顧客データ\n    owner: ciso\n", "    title: 顧客データ\n"
    )
    assert rules(root, "2026-03-01") == ["assets/register.yaml asset-no-owner"]


def test_a_risk_assessed_after_the_as_of_day_is_not_judged() -> None:
    assert rules(CASE, "2026-01-01") == []
