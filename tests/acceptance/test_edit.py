"""`isms evidence add|refresh` and `isms control new` change the lines they must and not one byte more."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from helpers import DEMO_EVIDENCE, RunIsms, demo_files, sha256_hex, write_repo

NEW = "名前,確認\nalice,済\n".encode()
LOG = b"ok\n"
NEW_VERSION = b"account,reviewed\nalice,yes\nbob,yes\ncarol,yes\n"

# A register full of comments, odd quoting, Japanese text, block scalars and a 4-space sequence.
REGISTER = f"""\
# アクセス管理の証跡 — access management evidence
# (this comment must survive)

defaults:   # applied to every entry
  class: 'internal'
  valid_for: "1y"

evidence:
    - path: "review-2026-q1.csv"   # quoted path
      title: {{ja: 'アクセスレビュー 2026年第1四半期', en: "Access review 2026 Q1"}}
      date: '2026-01-15'
      collected_by: it
      sha256: "{sha256_hex(DEMO_EVIDENCE)}"
      description: |
        四半期ごとのレビュー。
          インデントされた行
        Quarterly review.

    # a commented-out entry stays put
    # - path: old.csv
    - path: policy.md
      title: >-
        折り返される
        タイトル
      date: 2026-01-10
"""

# A control in the same spirit: flow sequences with odd spacing, a 4-space block sequence, comments.
CONTROL = """\
# DM-1 アクセス権の見直し
status: implemented     # 実施済み
owner: 'ciso'
reasons: [ risk,  contract ]   # flow, odd spacing
implementation: >
  四半期ごとに全アカウントを
  見直す。
review: {last: 2026-01-15, interval: "1y"}
evidence:
    - access/review-2026-q1.csv      # 4-space sequence
    - "access/policy.md"
# trailing comment
"""

CONTROL_FLOW = """\
status: planned  # まだ
owner: it
reasons: [business]
evidence: [ access/policy.md ]   # flow sequence
due: "2026-12-31"
"""


def _changed_lines(before: str, after: str) -> list[str]:
    """Return the -/+ lines of a diff; every other line is then byte-identical."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    files = demo_files()
    files["evidence/access/evidence.yaml"] = REGISTER
    files["evidence/access/policy.md"] = "# 方針\n"
    files["controls/demo/DM-1.yaml"] = CONTROL
    files["controls/demo/DM-2.yaml"] = CONTROL_FLOW
    files["evidence/access/new.csv"] = NEW
    return write_repo(tmp_path / "repo", files)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fixture_is_valid(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("validate", "--root", str(repo))
    assert result.code == 0, result.out


def test_evidence_add_preserves_every_other_byte(repo: Path, run_isms: RunIsms) -> None:
    before = _snapshot(repo)
    result = run_isms(
        "evidence", "add", str(repo / "evidence/access/new.csv"), "--for", "DM-1", "demo:DM-2",
        "--root", str(repo), "--date", "2026-02-01", "--title", "新しい記録", "--title-en", "New record",
        "--valid-for", "6m", "--class", "confidential", "--collected-by", "it",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"recorded evidence/access/new.csv (sha256 {sha256_hex(NEW)[:12]}…) in evidence/access/evidence.yaml\n"
        "linked from controls/demo/DM-1.yaml\n"
        "linked from controls/demo/DM-2.yaml\n"
    )
    after = _snapshot(repo)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"evidence/access/evidence.yaml", "controls/demo/DM-1.yaml", "controls/demo/DM-2.yaml"}
    assert _changed_lines(REGISTER, after["evidence/access/evidence.yaml"].decode()) == [
        "+    - path: new.csv\n",
        "+      title: {ja: 新しい記録, en: New record}\n",
        "+      date: 2026-02-01\n",
        "+      collected_by: it\n",
        "+      valid_for: 6m\n",
        "+      class: confidential\n",
        f"+      sha256: {sha256_hex(NEW)}\n",
    ]
    assert (
        after["evidence/access/evidence.yaml"]
        .decode()
        .endswith(
            "      date: 2026-01-10\n"
            + "".join(line[1:] for line in _changed_lines(REGISTER, after["evidence/access/evidence.yaml"].decode()))
        )
    )
    assert _changed_lines(CONTROL, after["controls/demo/DM-1.yaml"].decode()) == [
        "+    - access/new.csv\n",
    ]
    control = after["controls/demo/DM-1.yaml"].decode()
    assert control.index("access/new.csv") < control.index("# trailing comment")
    assert _changed_lines(CONTROL_FLOW, after["controls/demo/DM-2.yaml"].decode()) == [
        "-evidence: [ access/policy.md ]   # flow sequence\n",
        "+evidence: [ access/policy.md, access/new.csv ]   # flow sequence\n",
    ]
    assert run_isms("validate", "--root", str(repo)).code == 0


def test_evidence_add_to_a_new_register_and_a_control_without_evidence(repo: Path, run_isms: RunIsms) -> None:
    write_repo(repo, {"evidence/backup/log.txt": LOG})
    control = (repo / "controls/demo/DM-3.yaml").read_text(encoding="utf-8")
    result = run_isms(
        "evidence", "add", "evidence/backup/log.txt", "--for", "DM-3", "--root", str(repo), "--date", "2026-03-01"
    )
    assert result.code == 0, result.err
    assert (repo / "evidence/backup/evidence.yaml").read_text(encoding="utf-8") == (
        f"evidence:\n  - path: log.txt\n    title: log.txt\n    date: 2026-03-01\n    sha256: {sha256_hex(LOG)}\n"
    )
    assert (repo / "controls/demo/DM-3.yaml").read_text(encoding="utf-8") == control + (
        "evidence:\n  - backup/log.txt\n"
    )


def test_evidence_refresh_changes_date_and_hash_only(repo: Path, run_isms: RunIsms) -> None:
    (repo / "evidence/access/review-2026-q1.csv").write_bytes(NEW_VERSION)
    before = _snapshot(repo)
    result = run_isms(
        "evidence", "refresh", str(repo / "evidence/access/review-2026-q1.csv"), "--root", str(repo),
        "--date", "2026-04-01",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"refreshed evidence/access/review-2026-q1.csv: date 2026-04-01, sha256 {sha256_hex(NEW_VERSION)[:12]}… "
        "in evidence/access/evidence.yaml\n"
    )
    after = _snapshot(repo)
    assert {path for path in after if after[path] != before[path]} == {"evidence/access/evidence.yaml"}
    assert _changed_lines(REGISTER, after["evidence/access/evidence.yaml"].decode()) == [
        "-      date: '2026-01-15'\n",
        "+      date: '2026-04-01'\n",
        f'-      sha256: "{sha256_hex(DEMO_EVIDENCE)}"\n',
        f'+      sha256: "{sha256_hex(NEW_VERSION)}"\n',
    ]


def test_control_new_touches_no_existing_file(repo: Path, run_isms: RunIsms) -> None:
    write_repo(
        repo,
        {
            "catalogs/demo.yaml": (repo / "catalogs/demo.yaml").read_text(encoding="utf-8")
            + "  - id: DM-4\n"
            + "    title: {ja: 暗号化, en: Encryption}\n"
            + "    description: {ja: 保存データを暗号化する。, en: Encrypt data at rest.}\n"
        },
    )
    before = _snapshot(repo)
    result = run_isms("control", "new", "demo", "DM-4", "--root", str(repo))
    assert (result.code, result.err, result.out) == (0, "", "created controls/demo/DM-4.yaml (status: planned)\n")
    after = _snapshot(repo)
    assert {path: content for path, content in after.items() if path != "controls/demo/DM-4.yaml"} == before
    assert after["controls/demo/DM-4.yaml"].decode() == (
        "# demo DM-4: 暗号化\n"
        "# Encryption\n"
        "#\n"
        "# 保存データを暗号化する。\n"
        "# Encrypt data at rest.\n"
        "status: planned  # planned, partial, implemented or not-applicable (then give a justification)\n"
        "# owner:   # who answers for it; one of: ciso, it\n"
        "# reasons: [risk]  # why it applies: risk, legal, contract, business\n"
        "# implementation: how it is done here\n"
        "# due: YYYY-MM-DD\n"
        "# evidence: []  # add with `isms evidence add FILE --for DM-4`\n"
    )
    assert run_isms("validate", "--root", str(repo)).code == 0
    again = run_isms("control", "new", "demo", "DM-4", "--root", str(repo), "--owner", "ciso")
    assert (again.code, again.err) == (2, "isms: error: controls/demo/DM-4.yaml exists already; edit it instead\n")


def test_control_new_with_owner(repo: Path, run_isms: RunIsms) -> None:
    (repo / "controls/demo/DM-3.yaml").unlink()
    result = run_isms("control", "new", "demo", "DM-3", "--root", str(repo), "--owner", "it")
    assert result.code == 0, result.err
    assert "\nowner: it\n" in (repo / "controls/demo/DM-3.yaml").read_text(encoding="utf-8")
    wrong = run_isms("control", "new", "demo", "DM-2", "--root", str(repo), "--owner", "nobody")
    assert wrong.code == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--for", "DM-1", "--valid-for", "soon"], 2, "usage: isms evidence add"),
        (["--for", "DM-9"], 2, "isms: error: unknown requirement `DM-9`; check the id with `isms catalog show`\n"),
        (
            ["--for", "other:DM-1"],
            2,
            "isms: error: unknown framework `other` in `other:DM-1`; write one of the loaded frameworks: demo",
        ),
    ],
)
def test_refused_edits_change_nothing(repo: Path, run_isms: RunIsms, args: list[str], code: int, message: str) -> None:
    before = _snapshot(repo)
    result = run_isms("evidence", "add", str(repo / "evidence/access/new.csv"), "--root", str(repo), *args)
    assert result.code == code
    assert result.err.startswith(message)
    assert _snapshot(repo) == before


def test_refused_files(repo: Path, run_isms: RunIsms, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("x\n", encoding="utf-8")
    result = run_isms("evidence", "add", str(outside), "--for", "DM-1", "--root", str(repo))
    assert result.code == 2
    assert f"{outside} is not inside {repo}/evidence; evidence lives in the repository" in result.err
    declared = run_isms("evidence", "add", "evidence/access/review-2026-q1.csv", "--for", "DM-1", "--root", str(repo))
    assert declared.code == 2
    assert "is already declared in evidence/access/evidence.yaml" in declared.err
    undeclared = run_isms("evidence", "refresh", "evidence/access/new.csv", "--root", str(repo))
    assert undeclared.code == 2
    assert "is not declared in any evidence.yaml; record it with `isms evidence add" in undeclared.err
    register = run_isms("evidence", "refresh", "evidence/access/evidence.yaml", "--root", str(repo))
    assert (register.code, register.err.strip().endswith("is an evidence register, not an evidence file")) == (2, True)


def test_evidence_list_still_works(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("evidence", "list", "--root", str(repo), "--today", "2026-02-01")
    assert result.code == 0
    assert result.out.splitlines()[-1] == "2 evidence items as of 2026-02-01"
