"""Messages that point at the real problem: an invalid item is not "undeclared", a file that exists is not "missing"."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import RunIsms, demo_files, write_repo


def test_control_citing_an_invalid_evidence_item_says_where_it_is_declared(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    register = str(files["evidence/access/evidence.yaml"]).replace("date: 2026-01-15", "date: someday")
    files["evidence/access/evidence.yaml"] = register
    root = write_repo(tmp_path / "repo", files)
    result = run_isms("validate", "--root", str(root))
    assert result.code == 1
    assert "not declared" not in result.out
    assert (
        "evidence `access/review-2026-q1.csv` is declared at evidence/access/evidence.yaml:5 but invalid; "
        "fix the errors reported there"
    ) in result.out


def test_an_invalid_control_file_is_not_reported_as_missing(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files["controls/demo/DM-2.yaml"] = "status: someday\nowner: it\n"
    root = write_repo(tmp_path / "repo", files)
    result = run_isms("check", "--root", str(root), "--today", "2026-02-01")
    assert result.code == 1
    assert "isms control new demo DM-2" not in result.out
    assert "its control file controls/demo/DM-2.yaml exists but is invalid" in result.out


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        (("evidence", "add", "evidence/access/new.csv", "--for", "DM-2", "--valid-for", "3"), "30d, 6w, 3m or 1y"),
        (("evidence", "add", "evidence/access/new.csv", "--for", "DM-2", "--valid-for", "1 year"), "30d, 6w"),
        (("evidence", "add", "evidence/access/new.csv", "--for", "DM-2", "--date", "2026-13-01"), "YYYY-MM-DD"),
        (("remind", "--within", "soon"), "30d, 6w, 3m or 1y"),
        (("check", "--today", "yesterday"), "YYYY-MM-DD"),
        (("site", "serve", "--dev-addr", "8000"), "HOST:PORT"),
    ],
)
def test_a_malformed_option_value_is_a_usage_error_with_one_message(
    demo_repo: Path, run_isms: RunIsms, args: tuple[str, ...], accepted: str
) -> None:
    (demo_repo / "evidence/access/new.csv").write_bytes(b"a\n")
    result = run_isms(*args, "--root", str(demo_repo))
    assert result.code == 2
    assert accepted in result.err
    assert result.err.count("error:") == 1
    assert "not declared" not in result.err
    assert not (demo_repo / "evidence/access/evidence.yaml").read_text(encoding="utf-8").count("new.csv")
