"""`isms validate` as a user runs it: the installed command, in a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DEMO_REGISTER, write_repo
from isms.loader import positions
from isms.loader.assemble import load_repository


def isms(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m isms ARGS`` and capture its output as UTF-8 text."""
    return subprocess.run(
        [sys.executable, "-m", "isms", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_a_valid_repository(demo_repo: Path) -> None:
    done = isms("validate", "--root", str(demo_repo))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("ok: no problems found in ")


def test_the_current_directory_is_the_default_root(demo_repo: Path) -> None:
    done = isms("validate", cwd=demo_repo)
    assert done.returncode == 0, done.stdout + done.stderr


def test_problems_in_several_files_sorted_with_paths_relative_to_the_root(demo_repo: Path) -> None:
    write_repo(
        demo_repo,
        {
            "controls/demo/DM-2.yaml": "status: planned\nowner: nobody\ndue: 2026-02-30\n",
            "policies/方針.yaml": "title: 方針\nstatements:\n  - id: P-1\n    text: 文\n    implmented_by: [DM-1]\n",
            "evidence/access/evidence.yaml": DEMO_REGISTER + "  - path: gone.csv\n",
        },
    )
    done = isms("validate", "--root", str(demo_repo))
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "controls/demo/DM-2.yaml:3:6: error: `due` must be a date written YYYY-MM-DD, e.g. 2026-03-31 "
        "(got '2026-02-30') (invalid-value)",
        "evidence/access/evidence.yaml:10:5: error: missing required key `evidence[1].date`; add it (missing-key)",
        "evidence/access/evidence.yaml:10:5: error: missing required key `evidence[1].title`; add it (missing-key)",
        "policies/方針.yaml:5:5: error: unknown key `statements[0].implmented_by`; "
        "did you mean `implemented_by`? (unknown-key)",
        "4 errors, 0 warnings",
    ]


def test_json_output(demo_repo: Path) -> None:
    write_repo(demo_repo, {"controls/demo/DM-3.yaml": "status: done\n"})
    done = isms("validate", "--root", str(demo_repo), "--format", "json")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["summary"]["errors"] == 1
    assert document["summary"]["warnings"] == 0
    (finding,) = document["findings"]
    assert finding["rule"] == "invalid-value"
    assert finding["severity"] == "error"
    assert (finding["path"], finding["line"], finding["column"]) == ("controls/demo/DM-3.yaml", 1, 9)
    assert "must be one of 'planned', 'partial', 'implemented' or 'not-applicable'" in finding["message"]


def test_strict_mode_on_a_valid_repository(demo_repo: Path) -> None:
    assert isms("validate", "--root", str(demo_repo), "--strict").returncode == 0


def test_not_an_isms_repository(tmp_path: Path) -> None:
    done = isms("validate", "--root", str(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("isms: error: ")
    assert "no isms.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_root(tmp_path: Path) -> None:
    done = isms("validate", "--root", str(tmp_path / "missing"))
    assert done.returncode == 2
    assert "no such directory" in done.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",
        b"a: [\n",
        b"- 1\n- 2\n",
        b"a: &x 1\nb: *x\n",
        b"organisation: {ja: 1, en: [x]}\nowners: {ciso: 5}\nframeworks: [demo, 5, null]\n",
        b"rules: {evidence-stale: loud}\nevidence: {warn_within: 0}\norganisation: x\nreview_interval: .inf\n",
    ],
    ids=["binary", "syntax", "list", "alias", "wrong-types", "wrong-values"],
)
def test_a_broken_isms_yaml_is_a_finding_not_a_crash(demo_repo: Path, content: bytes) -> None:
    write_repo(demo_repo, {"isms.yaml": content})
    done = isms("validate", "--root", str(demo_repo))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert all(line.startswith("isms.yaml:") for line in done.stdout.splitlines()[:-1]), done.stdout


def test_only_files_with_findings_are_parsed_again_for_positions(
    demo_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_repo(demo_repo, {"controls/demo/DM-2.yaml": "status: planned\nowner: nobody\n"})
    parsed: list[str] = []
    original = positions._compose

    def spy(text: str) -> object:
        parsed.append(text)
        return original(text)

    monkeypatch.setattr(positions, "_compose", spy)
    result = load_repository(demo_repo)
    assert [f.rule for f in result.findings] == ["unknown-owner"]
    assert parsed == ["status: planned\nowner: nobody\n"]
