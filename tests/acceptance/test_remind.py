"""`isms remind`: due items by owner in every format, the issue plan, the calendar feed, bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from helpers import CONFIG, HR_POLICY, good_repo, write_repo
from isms.cli import main
from isms.due import PROVIDERS

REPO = Path(__file__).resolve().parents[2]
OWNERS = CONFIG.replace(
    '  ciso: {name: CISO, github: ["@test/ciso"]}\n',
    '  ciso: {name: CISO, github: ["@alice", "@test/ciso"], gitlab: [alice-gl, "@carol"]}\n'
    "  hr: {name: {ja: 人事部, en: Human resources}, github: ['@bob']}\n"
    "  legal: {name: {ja: 法務部, en: Legal}}\n",
)
POLICY = HR_POLICY


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = good_repo(tmp_path_factory.mktemp("remind"))
    write_repo(folder, {"isms.yaml": OWNERS, "policies/infosec.yaml": POLICY})
    register = (folder / "evidence/hr/evidence.yaml").read_text(encoding="utf-8")
    hr = register.replace("    date: 2026-06-30\n", "    date: 2026-06-30\n    collected_by: hr\n")
    hr += "expects:\n  - {path: 'training*.csv', every: 6m, title: {ja: 研修記録, en: Training record}}\n"
    write_repo(folder, {"evidence/hr/evidence.yaml": hr})
    return folder


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def remind(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["remind", "--root", str(root), *args])
    return code, capsys.readouterr().out


def document(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out = remind(root, capsys, "--format", "json", *args)
    assert code == 0
    parsed: dict[str, Any] = json.loads(out)
    return parsed


def items(doc: dict[str, Any]) -> list[tuple[str | None, str, str, str, bool]]:
    return [(o["id"], i["kind"], i["subject"], i["due"], i["overdue"]) for o in doc["owners"] for i in o["items"]]


def test_providers_are_registered_by_kind() -> None:
    assert list(PROVIDERS) == [
        "evidence-expiry",
        "control-review",
        "control-due",
        "policy-review",
        "evidence-gap",
        "risk-action",
        "risk-acceptance",
        "risk-review",
        "exception-expiry",
        "corrective-action",
        "review-action",
        "audit",
        "management-review",
        "objective",
        "control-test",
        "supplier-inspection",
        "supplier-training",
    ]


def test_window_lists_what_falls_due_grouped_by_owner(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = document(root, capsys, "--today", "2027-03-15", "--within", "30d")
    assert doc["version"] == "1"
    assert (doc["as_of"], doc["within"], doc["until"]) == ("2027-03-15", "30d", "2027-04-14")
    assert items(doc) == [
        ("ciso", "evidence-expiry", "access/review.md", "2027-03-30", False),
        ("ciso", "control-due", "demo:1.2", "2027-03-31", False),
        ("hr", "evidence-gap", "hr/training*.csv#2026-H2", "2026-12-31", True),
        ("hr", "policy-review", "infosec", "2027-04-01", False),
    ]
    assert doc["summary"] == {"total": 4, "overdue": 1, "due": 3}
    first = doc["owners"][0]["items"][0]
    assert first["days"] == 15
    assert first["action"] == (
        "collect new evidence into evidence/access/review.md, "
        "then run `isms evidence refresh evidence/access/review.md`"
    )
    assert first["path"] == "evidence/access/evidence.yaml"
    assert first["uid"] == "evidence-expiry.access-review.md@isms"
    assert doc["owners"][1]["github"] == ["@bob"]
    assert (doc["owners"][0]["gitlab"], doc["owners"][1]["gitlab"]) == (["alice-gl", "@carol"], [])


def test_overdue_items_stay_listed_with_negative_days(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = document(root, capsys, "--today", "2027-07-15", "--within", "1w")
    assert items(doc) == [
        ("ciso", "evidence-expiry", "access/review.md", "2027-03-30", True),
        ("ciso", "control-due", "demo:1.2", "2027-03-31", True),
        ("ciso", "control-review", "demo:1.1", "2027-06-01", True),
        ("hr", "evidence-gap", "hr/training*.csv#2026-H2", "2026-12-31", True),
        ("hr", "policy-review", "infosec", "2027-04-01", True),
        ("hr", "evidence-expiry", "hr/training.csv", "2027-06-30", True),
        ("hr", "evidence-gap", "hr/training*.csv#2027-H1", "2027-06-30", True),
    ]
    assert doc["owners"][0]["items"][0]["days"] == -107
    assert doc["summary"] == {"total": 7, "overdue": 7, "due": 0}


def test_owner_filter_and_text(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = remind(root, capsys, "--today", "2027-07-15", "--owner", "hr", "--lang", "en")
    assert code == 0
    assert out.splitlines() == [
        "reminders as of 2027-07-15, due by 2027-08-14 (within 30d): 4 items, 4 overdue",
        "",
        "Human resources (hr) @bob: 4",
        "  2026-12-31  overdue 196d evidence-gap     Recurring record 2026-H2: Training record",
        "              → add the 2026-H2 record matching `hr/training*.csv` (`isms evidence add FILE --for ...`)",
        "  2027-04-01  overdue 105d policy-review    Policy review: Information security policy",
        "              → review the policy and set `review.last` in policies/infosec.yaml",
        "  2027-06-30  overdue 15d  evidence-expiry  Evidence expires: Training record",
        "              → collect new evidence into evidence/hr/training.csv, then run "
        "`isms evidence refresh evidence/hr/training.csv`",
        "  2027-06-30  overdue 15d  evidence-gap     Recurring record 2027-H1: Training record",
        "              → add the 2027-H1 record matching `hr/training*.csv` (`isms evidence add FILE --for ...`)",
    ]


def test_nothing_due(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = remind(root, capsys, "--today", "2026-11-26", "--within", "7d", "--lang", "en")
    assert (code, out.splitlines()[1]) == (0, "nothing is due")


def test_markdown_escapes_table_cells(tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy"
    write_repo(copy, {rel.relative_to(root).as_posix(): rel.read_bytes() for rel in root.rglob("*") if rel.is_file()})
    policy = POLICY.replace("en: Information security policy", "en: 'A | B <script>x</script>'")
    write_repo(copy, {"policies/infosec.yaml": policy})
    code, out = remind(copy, capsys, "--today", "2027-03-20", "--format", "markdown", "--lang", "en")
    assert code == 0
    assert "| Policy review: A \\| B &lt;script>x&lt;/script> |" in out
    assert "<script>" not in out


def test_issue_plan_one_per_owner_with_marker(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = remind(root, capsys, "--today", "2027-03-15", "--format", "github-issues", "--lang", "en")
    assert code == 0
    plan = json.loads(out)
    assert (plan["version"], plan["label"]) == ("1", "isms-reminder")
    summary = [
        (i["owner"], i["state"], i["assignees"], i["gitlab_assignees"], i["items"], i["marker"]) for i in plan["issues"]
    ]
    assert summary == [
        ("ciso", "open", ["alice"], ["alice-gl", "carol"], 2, "<!-- isms-remind owner=ciso -->"),
        ("hr", "open", ["bob"], [], 2, "<!-- isms-remind owner=hr -->"),
        ("legal", "closed", [], [], 0, "<!-- isms-remind owner=legal -->"),
    ]
    ciso = plan["issues"][0]
    assert ciso["title"] == "ISMS: CISO (ciso) — 2 due, 0 overdue"
    assert ciso["body"].startswith("<!-- isms-remind owner=ciso -->\n")
    assert "cc @test/ciso" in ciso["body"]  # a team cannot be assigned: it is mentioned
    assert "| 2027-03-31 | due in 16d | Control due: 1.2 Two |" in ciso["body"]
    assert ciso["labels"] == ["isms-reminder"]


def test_calendar_parses_back_with_two_parsers(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = remind(root, capsys, "--today", "2027-07-15", "--format", "ics", "--lang", "en")
    assert code == 0
    assert "\r\n" in out
    cal = icalendar.Calendar.from_ical(out)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "control-due.demo-1.2@isms",
        "control-review.demo-1.1@isms",
        "evidence-expiry.access-review.md@isms",
        "evidence-expiry.hr-training.csv@isms",
        "evidence-gap.hr-training-.csv-2026-H2@isms",
        "evidence-gap.hr-training-.csv-2027-H1@isms",
        "policy-review.infosec@isms",
    ]
    due = events["control-due.demo-1.2@isms"]
    assert due.decoded("DTSTART") == dt.date(2027, 3, 31)
    assert due.decoded("DTEND") == dt.date(2027, 4, 1)
    assert str(due["SUMMARY"]) == "Control due: 1.2 Two"
    assert "管理策の実施期限" in str(due["DESCRIPTION"])  # both languages in the description
    parsed = vobject.readOne(out)
    second = {e.uid.value: e for e in parsed.vevent_list}
    assert set(second) == set(events)
    assert second["policy-review.infosec@isms"].dtstart.value == dt.date(2027, 4, 1)
    assert second["policy-review.infosec@isms"].summary.value == "Policy review: Information security policy"


def test_calendar_uids_are_stable_when_dates_move(
    tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, first = remind(root, capsys, "--today", "2027-07-15", "--format", "ics")
    copy = tmp_path / "copy"
    write_repo(copy, {rel.relative_to(root).as_posix(): rel.read_bytes() for rel in root.rglob("*") if rel.is_file()})
    write_repo(copy, {"controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-05-31\n"})
    code, second = remind(copy, capsys, "--today", "2027-07-15", "--format", "ics")
    assert code == 0
    one = {str(e["UID"]): e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    two = {str(e["UID"]): e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(second).walk("VEVENT")}
    assert set(one) == set(two)
    assert (one["control-due.demo-1.2@isms"], two["control-due.demo-1.2@isms"]) == (
        dt.date(2027, 3, 31),
        dt.date(2027, 5, 31),
    )
    _, again = remind(root, capsys, "--today", "2027-07-15", "--format", "ics")
    assert again == first  # same state, same bytes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--within", "soon"], "not a duration: 'soon'"),
        (["--within", "30"], "not a duration: '30'"),
        (["--owner", "nobody"], "--owner nobody: not an owner in"),
        (["--today", "2027-02-30"], "not a date"),
    ],
)
def test_bad_input_exits_2(root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    capsys.readouterr()
    assert main(["remind", "--root", str(root), *args]) == 2
    assert message in capsys.readouterr().err


def test_example_a_month_ahead_lists_each_owners_items(capsys: pytest.CaptureFixture[str]) -> None:
    doc = document(REPO, capsys, "--today", "2027-01-02", "--within", "1m")
    assert {o["id"]: [(i["kind"], i["subject"]) for i in o["items"]] for o in doc["owners"]} == EXAMPLE_2027_01
    gap = next(i for o in doc["owners"] for i in o["items"] if i["subject"].endswith("threat-analysis-*.md#FY2026-Q1"))
    assert gap["title"] == "Recurring record FY2026 Q1: Quarterly threat analysis"  # 年度 as people read it
    assert gap["title_ja"].startswith("定期記録 2026年度第1四半期: ")
    assert gap["action"].startswith("add the FY2026 Q1 record matching")
    code, out = remind(REPO, capsys, "--today", "2027-01-02", "--within", "1m", "--format", "github-issues")
    assert code == 0
    plan = json.loads(out)
    opened = {i["owner"]: (i["title"], i["assignees"]) for i in plan["issues"] if i["state"] == "open"}
    assert opened == EXAMPLE_PLAN
    closed = [i["owner"] for i in plan["issues"] if i["state"] == "closed"]
    assert len(closed) + len(opened) == len(plan["issues"]) == 15


#: `isms remind --today 2027-01-02 --within 1m` on the example: each owner's items.
EXAMPLE_2027_01 = {
    "ciso": [
        ("evidence-gap", "csirt/threat-analysis-*.md#FY2026-Q1"),
        ("evidence-gap", "csirt/threat-analysis-*.md#FY2026-Q3"),
    ],
    "isms-manager": [("risk-action", "R-08#1")],
    "isms-office": [
        ("evidence-expiry", "training/2025-H2/attendance.csv"),
        ("evidence-expiry", "training/2025-H2/elearning-results.csv"),
        ("corrective-action", "NC-2026-05#1"),
    ],
    "csirt": [("evidence-gap", "csirt/20??-??-*.md#FY2026-Q1"), ("control-due", "meti-csm-v1:8-3")],
    "soc": [
        ("evidence-gap", "logs/*-monitoring-review.md#2026-04"),
        ("evidence-gap", "logs/*-monitoring-review.md#2026-05"),
        ("evidence-gap", "logs/*-monitoring-review.md#2026-06"),
        ("evidence-gap", "logs/*-monitoring-review.md#2026-07"),
        ("evidence-gap", "logs/*-monitoring-review.md#2026-08"),
        ("evidence-gap", "logs/*-monitoring-review.md#2026-09"),
        ("evidence-gap", "logs/*-monitoring-review.md#2026-12"),
        ("evidence-gap", "logs/*-monitoring-review.md#2027-01"),
    ],
    "it-infra": [
        ("evidence-expiry", "it/2025-12-vulnerability-assessment.md"),
        ("control-due", "iso27001-2022:5.23"),
        ("corrective-action", "NC-2026-03#1"),
        ("risk-action", "R-15#1"),
    ],
    "insider-admin": [
        ("corrective-action", "NC-2026-02#1"),
        ("evidence-expiry", "insider-fs:2026-Q2/accounts.csv"),
        ("control-test", "iso27001-2022:5.18#quarterly-access-review"),
    ],
}
#: The issue plan for that day: the example's owners are teams, mentioned in the body, not assigned.
EXAMPLE_PLAN: dict[str, tuple[str, list[str]]] = {
    "ciso": ("ISMS: 最高情報セキュリティ責任者（CISO） (ciso) — 期限 2 件（うち期限超過 2 件）", []),
    "isms-manager": ("ISMS: ISMS管理責任者 (isms-manager) — 期限 1 件（うち期限超過 0 件）", []),
    "isms-office": ("ISMS: ISMS事務局 (isms-office) — 期限 3 件（うち期限超過 2 件）", []),
    "csirt": ("ISMS: CSIRT (csirt) — 期限 2 件（うち期限超過 1 件）", []),
    "soc": ("ISMS: SOC（セキュリティ監視） (soc) — 期限 8 件（うち期限超過 7 件）", []),
    "it-infra": ("ISMS: 情報システム部 (it-infra) — 期限 4 件（うち期限超過 1 件）", []),
    "insider-admin": ("ISMS: インサイダー情報管理責任者 (insider-admin) — 期限 3 件（うち期限超過 2 件）", []),
}
