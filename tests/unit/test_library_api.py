"""The library API: a program that uses only ``import isms`` and the names in ``isms.__all__``."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import isms
from helpers import demo_files, write_repo


def test_the_declared_names() -> None:
    assert sorted(isms.__all__) == [
        "Finding",
        "Severity",
        "__version__",
        "check",
        "check_report",
        "contracts",
        "evaluate",
        "group_report",
        "load_repository",
        "metrics_report",
    ]
    for name in isms.__all__:
        assert getattr(isms, name) is not None


def test_a_program_using_only_the_api(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    loaded = isms.load_repository(str(root))
    assert loaded.findings == []
    assert "demo" in loaded.repository.frameworks

    day = dt.date(2026, 6, 30)
    findings = isms.check(root, today=day)
    assert all(isinstance(f, isms.Finding) for f in findings)
    assert not [f for f in findings if f.severity is isms.Severity.ERROR]

    figures = isms.metrics_report(root, today=day)
    assert figures["version"] == "1"
    assert figures["as_of"] == "2026-06-30"
    demo = next(f for f in figures["frameworks"] if f["id"] == "demo")
    assert (demo["requirements"], demo["applicable"]) == (3, 2)  # DM-3 is not applicable

    report = isms.check_report(root, today=day)
    assert report["as_of"] == "2026-06-30"
    assert report["summary"]["errors"] == 0
    assert len(report["findings"]) == len(findings)

    evaluation = isms.evaluate(root, today=day)
    assert evaluation.assessment.today == day
    assert evaluation.findings == findings


def test_import_isms_stays_light() -> None:
    script = "import sys, isms; print(sorted(m for m in sys.modules if m.startswith('isms')))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['isms']"
