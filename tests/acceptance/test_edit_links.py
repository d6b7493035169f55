"""`isms evidence link|unlink` and `isms control set`: round-trip edits that change only what they must."""

from __future__ import annotations

from pathlib import Path

import pytest

from acceptance.test_edit import CONTROL, CONTROL_FLOW, _changed_lines, _snapshot, repo
from helpers import RunIsms

__all__ = ["repo"]  # the fixture, shared with test_edit


def test_link_cites_declared_evidence_from_more_controls_keeping_comments(repo: Path, run_isms: RunIsms) -> None:
    before = _snapshot(repo)
    result = run_isms("evidence", "link", "evidence/access/review-2026-q1.csv", "--for", "DM-2", "--root", str(repo))
    assert (result.code, result.err) == (0, "")
    assert result.out == "linked access/review-2026-q1.csv from controls/demo/DM-2.yaml\n"
    after = _snapshot(repo)
    assert {path for path in after if after[path] != before[path]} == {"controls/demo/DM-2.yaml"}
    assert _changed_lines(CONTROL_FLOW, after["controls/demo/DM-2.yaml"].decode()) == [
        "-evidence: [ access/policy.md ]   # flow sequence\n",
        "+evidence: [ access/policy.md, access/review-2026-q1.csv ]   # flow sequence\n",
    ]
    again = run_isms("evidence", "link", "evidence/access/review-2026-q1.csv", "--for", "DM-2", "--root", str(repo))
    assert again.out == "controls/demo/DM-2.yaml already lists access/review-2026-q1.csv\n"
    assert _snapshot(repo) == after


def test_unlink_removes_only_that_line(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("evidence", "unlink", "evidence/access/policy.md", "--from", "DM-1", "--root", str(repo))
    assert (result.code, result.err) == (0, "")
    assert result.out == "unlinked access/policy.md from controls/demo/DM-1.yaml\n"
    after = (repo / "controls/demo/DM-1.yaml").read_text(encoding="utf-8")
    assert _changed_lines(CONTROL, after) == ['-    - "access/policy.md"\n']
    assert "policy.md" in (repo / "evidence/access/evidence.yaml").read_text(encoding="utf-8")
    assert run_isms("validate", "--root", str(repo)).code == 0


@pytest.mark.parametrize(
    ("action", "file", "message"),
    [
        ("link", "evidence/access/new.csv", "is not declared in any evidence.yaml; record it first with"),
        ("link", "evidence/access/nothing.csv", "is not declared in any evidence.yaml"),
        ("unlink", "evidence/access/new.csv", "is not declared in any evidence.yaml"),
    ],
)
def test_link_refuses_undeclared_evidence(repo: Path, run_isms: RunIsms, action: str, file: str, message: str) -> None:
    before = _snapshot(repo)
    result = run_isms("evidence", action, file, "--for", "DM-2", "--root", str(repo))
    assert result.code == 2
    assert message in result.err
    assert _snapshot(repo) == before


def test_evidence_add_of_declared_evidence_suggests_link(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("evidence", "add", "evidence/access/policy.md", "--for", "DM-2", "--root", str(repo))
    assert result.code == 2
    assert "to cite it from more controls run `isms evidence link " in result.err
    assert "evidence/access/policy.md --for DM-2`" in result.err


def test_control_set_changes_the_fields_in_place(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms(
        "control", "set", "DM-2", "--status", "implemented", "--owner", "ciso",
        "--implementation", "週次で取得する", "--reviewed", "2026-03-01", "--root", str(repo),
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "updated controls/demo/DM-2.yaml: status: implemented, owner: ciso, implementation, review.last: 2026-03-01\n"
    )
    after = (repo / "controls/demo/DM-2.yaml").read_text(encoding="utf-8")
    assert _changed_lines(CONTROL_FLOW, after) == [
        "-status: planned  # まだ\n",
        "-owner: it\n",
        "+status: implemented  # まだ\n",
        "+owner: ciso\n",
        "+implementation: 週次で取得する\n",
        "+review: {last: 2026-03-01}\n",
    ]
    assert run_isms("validate", "--root", str(repo)).code == 0


def test_control_set_accepts_the_annex_a_style_and_keeps_quotes(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("control", "set", "demo:DM-1", "--owner", "it", "--reviewed", "2026-04-01", "--root", str(repo))
    assert result.code == 0, result.err
    after = (repo / "controls/demo/DM-1.yaml").read_text(encoding="utf-8")
    assert _changed_lines(CONTROL, after) == [
        "-owner: 'ciso'\n",
        "+owner: 'it'\n",
        '-review: {last: 2026-01-15, interval: "1y"}\n',
        '+review: {last: 2026-04-01, interval: "1y"}\n',
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["DM-2", "--owner", "nobody"], 2, "unknown owner `nobody`; one of: ciso, it"),
        (["DM-2", "--status", "not-applicable"], 2, "add --justification TEXT"),
        (["DM-2", "--status", "done"], 2, "invalid choice: 'done'"),
        (["DM-2", "--reviewed", "yesterday"], 2, "YYYY-MM-DD"),
        (["DM-2"], 2, "nothing to set"),
        (["DM-9", "--owner", "it"], 2, "unknown requirement `DM-9`"),
    ],
)
def test_control_set_refuses_an_invalid_result(
    repo: Path, run_isms: RunIsms, args: list[str], code: int, message: str
) -> None:
    before = _snapshot(repo)
    result = run_isms("control", "set", *args, "--root", str(repo))
    assert result.code == code
    assert message in result.err
    assert _snapshot(repo) == before


def test_control_set_not_applicable_with_a_justification(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms(
        "control", "set", "DM-2", "--status", "not-applicable", "--justification", "対象業務なし", "--root", str(repo)
    )
    assert result.code == 0, result.err
    text = (repo / "controls/demo/DM-2.yaml").read_text(encoding="utf-8")
    assert text.startswith("status: not-applicable # まだ\nowner: it\n")
    assert "justification: 対象業務なし\n" in text
