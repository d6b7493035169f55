"""`isms validate` on the repositories of tests/data: each bad input reported at its line, with its rule.

See tests/data/README.md for the layout of a case.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from isms import __version__
from isms.rules import RULES

if TYPE_CHECKING:
    from helpers import RunIsms

DATA = Path(__file__).resolve().parents[2] / "data"
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())

#: `path:line:col: error: message (rule-id)`; findings about a whole file have no line and column.
LINE = re.compile(
    r"^(?P<path>[^:\s]+)(?::(?P<line>\d+):(?P<col>\d+))?: error: (?P<message>.+) \((?P<rule>[a-z0-9-]+)\)$"
)

#: Cases whose findings are about a file as a whole (a symlink), so they carry no line.
NO_LINE = {"evidence-symlink-loop", "evidence-symlink-outside"}


def materialise(case: Path, dest: Path) -> Path:
    """Copy a case to ``dest`` without its test metadata, and create the symlinks of its symlinks.txt."""
    shutil.copytree(case, dest, ignore=shutil.ignore_patterns("expected.txt", "symlinks.txt"))
    links = case / "symlinks.txt"
    if links.exists():
        for entry in links.read_text(encoding="utf-8").splitlines():
            link, target = (part.strip() for part in entry.split("->"))
            (dest / link).symlink_to(target)
    return dest


def expected_lines(case: Path) -> list[str]:
    """Return the lines of a case's expected.txt."""
    return [line for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def matches(expected: str, actual: str) -> bool:
    """Compare a line exactly, or by its two ends around ` ... `."""
    if " ... " in expected:
        head, tail = expected.split(" ... ", 1)
        return actual.startswith(head) and actual.endswith(tail)
    return actual == expected


def summary(errors: int) -> str:
    """Return the closing line of the text output for a number of errors and no warnings."""
    return f"{errors} error{'s' * (errors != 1)}, 0 warnings"


def test_there_are_at_least_30_kinds_of_bad_input() -> None:
    assert len(INVALID) >= 30
    assert len(VALID) >= 2


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_expected_file_is_well_formed(case: Path) -> None:
    lines = expected_lines(case)
    assert lines, f"{case.name}/expected.txt is empty"
    assert lines == sorted(lines), "findings are printed sorted; keep expected.txt in that order"
    for line in lines:
        parsed = LINE.match(line)
        assert parsed is not None, line
        assert parsed["rule"] in RULES, f"unknown rule in {line}"
        assert (parsed["line"] is None) == (case.name in NO_LINE and "/evidence.yaml" not in parsed["path"]), line
        assert (case / parsed["path"]).exists() or case.name in NO_LINE, f"{parsed['path']} is not in the case"


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    root = materialise(case, tmp_path / case.name)
    result = run_isms("validate", "--root", str(root))
    assert result.err == "", "bad input must never print a traceback or an internal error"
    assert result.code == 1, result.out
    *findings, last = result.out.splitlines()
    expected = expected_lines(case)
    assert len(findings) == len(expected), result.out
    for want, got in zip(expected, findings, strict=True):
        assert matches(want, got), f"\nexpected: {want}\n     got: {got}"
    assert last == summary(len(expected))


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(case: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    root = materialise(case, tmp_path / case.name)
    result = run_isms("validate", "--root", str(root))
    assert (result.code, result.err) == (0, ""), result.out
    assert re.fullmatch(r"ok: no problems found in \d+ files\n", result.out), result.out


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case_is_valid_in_strict_mode_and_json(case: Path, tmp_path: Path, run_isms: RunIsms) -> None:
    root = materialise(case, tmp_path / case.name)
    result = run_isms("validate", "--root", str(root), "--strict", "--format", "json")
    assert result.code == 0, result.out
    document = json.loads(result.out)
    assert document["findings"] == []
    assert document["summary"]["errors"] == document["summary"]["warnings"] == 0


def test_json_contract(tmp_path: Path, run_isms: RunIsms) -> None:
    root = materialise(DATA / "invalid" / "evidence-symlink-outside", tmp_path / "case")
    result = run_isms("validate", "--root", str(root), "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert {"findings", "summary"} <= set(document)
    assert isinstance(document["summary"]["errors"], int)
    assert isinstance(document["summary"]["warnings"], int)
    assert document["summary"]["errors"] == len(document["findings"]) == 2
    for finding in document["findings"]:
        assert {"rule", "severity", "path", "line", "column", "message"} <= set(finding)
        assert finding["rule"] in RULES
        assert finding["severity"] == "error"
        assert isinstance(finding["path"], str)
        assert not finding["path"].startswith("/"), "paths are relative to the root"
        assert isinstance(finding["message"], str)
        assert finding["line"] is None or isinstance(finding["line"], int)
        assert finding["column"] is None or isinstance(finding["column"], int)
    register, symlink = document["findings"]
    assert (register["path"], register["line"], register["column"]) == ("evidence/access/evidence.yaml", 2, 11)
    assert (symlink["path"], symlink["line"], symlink["column"]) == ("evidence/access/review.csv", None, None)


def test_json_and_text_report_the_same_findings(tmp_path: Path, run_isms: RunIsms) -> None:
    root = materialise(DATA / "invalid" / "unknown-key-typo", tmp_path / "case")
    text = run_isms("validate", "--root", str(root)).out.splitlines()[:-1]
    document = json.loads(run_isms("validate", "--root", str(root), "--format", "json").out)
    assert [
        f"{f['path']}:{f['line']}:{f['column']}: {f['severity']}: {f['message']} ({f['rule']})"
        for f in document["findings"]
    ] == text


def test_no_isms_yaml_is_bad_usage(tmp_path: Path, run_isms: RunIsms) -> None:
    (tmp_path / "controls").mkdir()
    result = run_isms("validate", "--root", str(tmp_path))
    assert result.code == 2
    assert result.out == ""
    assert "not an ISMS repository (no isms.yaml)" in result.err
    assert "Traceback" not in result.err


def test_missing_directory_is_bad_usage(tmp_path: Path, run_isms: RunIsms) -> None:
    result = run_isms("validate", "--root", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert "no such directory" in result.err
    assert "Traceback" not in result.err


def test_a_file_as_root_is_bad_usage(tmp_path: Path, run_isms: RunIsms) -> None:
    (tmp_path / "isms.yaml").write_text("organisation: x\n", encoding="utf-8")
    result = run_isms("validate", "--root", str(tmp_path / "isms.yaml"))
    assert result.code == 2
    assert "Traceback" not in result.err


def test_unknown_format_is_bad_usage(demo_repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("validate", "--root", str(demo_repo), "--format", "xml")
    assert result.code == 2
    assert "invalid choice: 'xml'" in result.err


def test_version(run_isms: RunIsms) -> None:
    result = run_isms("--version")
    assert result.code == 0
    assert result.out == f"isms {__version__}\n"


def test_help(run_isms: RunIsms) -> None:
    result = run_isms("--help")
    assert result.code == 0
    assert "validate" in result.out
    assert "exit codes:" in result.out


def test_validate_help(run_isms: RunIsms) -> None:
    result = run_isms("validate", "--help")
    assert result.code == 0
    for option in ("--root", "--format", "--strict"):
        assert option in result.out


def test_no_command_is_bad_usage(run_isms: RunIsms) -> None:
    assert run_isms().code == 2


#: Hostile or odd control files: each must give findings with a place, never a crash (exit 3).
HOSTILE: dict[str, str] = {
    "complex-key": "? [a, b]\n: 1\nstatus: planned\n",
    "mapping-as-key": "{a: 1}: x\nstatus: planned\n",
    "number-key": "1: x\nstatus: planned\n",
    "null-key": "~: x\nstatus: planned\n",
    "deep-flow-nesting": "status: planned\nnotes: " + "[" * 3000 + "]" * 3000 + "\n",
    "deep-block-nesting": "status: planned\n" + "".join("  " * i + f"k{i}:\n" for i in range(400)),
    "huge-number": "status: planned\ndue: " + "9" * 5000 + "\n",
    "python-tag": "status: !!python/object/apply:os.system [ls]\n",
    "unknown-tag": "status: !foo planned\n",
    "binary-tag": "status: !!binary aGVsbG8=\n",
    "set-tag": "status: !!set {a, b}\n",
    "two-documents": "status: planned\n---\nstatus: planned\n",
    "nul-character": "status: planned\x00\n",
    "bell-character": "status: plan\x07ned\n",
    "bad-escape": 'status: "\\ud800"\n',
    "yaml-1.1-directive": "%YAML 1.1\n---\nstatus: yes\n",
    "long-value": "status: " + "x" * 100_000 + "\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_gives_placed_findings_not_a_crash(demo_repo: Path, text: str, run_isms: RunIsms) -> None:
    (demo_repo / "controls" / "demo" / "DM-2.yaml").write_text(text, encoding="utf-8")
    result = run_isms("validate", "--root", str(demo_repo))
    assert (result.code, result.err) == (1, ""), result.err[-2000:]
    *findings, _ = result.out.splitlines()
    assert findings
    for line in findings:
        parsed = LINE.match(line)
        assert parsed is not None, line
        assert parsed["path"] == "controls/demo/DM-2.yaml"
        assert parsed["line"] is not None, line
