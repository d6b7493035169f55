"""`isms init`: a new repository that validates, checks clean and builds its site at once."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import RunIsms
from isms.edit.install import running_source
from isms.export.schema import SCHEMAS, render

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def fresh(tmp_path: Path, run_isms: RunIsms) -> Path:
    target = tmp_path / "new-isms"
    result = run_isms("init", str(target), "--organisation", "テスト株式会社", "--github", "@test/security")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(
        f"created an ISMS in {target}: 120 files, 93 planned controls for iso27001-2022\n"
        "next: decide each control (status, owner, justification), add evidence with `isms evidence add`, "
        "then `isms check` and `isms site build`\n"
        f'the CI installs isms with: python -m pip install "{running_source().spec}"\n'
    )
    return target


def test_layout(fresh: Path) -> None:
    files = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith(("controls/", "schemas/"))] == [
        ".github/pull_request_template.md",
        ".github/workflows/isms.yml",
        ".gitignore",
        ".vscode/extensions.json",
        ".vscode/settings.json",
        "catalogs/.gitkeep",
        "docs/about.en.md",
        "docs/about.md",
        "docs/reading.en.md",
        "docs/reading.md",
        "evidence/.gitkeep",
        "isms.yaml",
        "mkdocs.yml",
        "policies/information-security.yaml",
    ]
    assert len([f for f in files if f.startswith("controls/iso27001-2022/")]) == 93
    assert sorted(f for f in files if f.startswith("schemas/")) == sorted(f"schemas/{name}" for name in SCHEMAS)
    control = (fresh / "controls/iso27001-2022/5.15.yaml").read_text(encoding="utf-8")
    assert control.startswith("# iso27001-2022 5.15: ")
    assert "\nstatus: planned  # " in control
    assert "\nowner: ciso\n" in control
    config = (fresh / "isms.yaml").read_text(encoding="utf-8")
    assert '  ja: "テスト株式会社"\n' in config
    assert '    github: ["@test/security"]\n' in config
    workflow = (fresh / ".github/workflows/isms.yml").read_text(encoding="utf-8")
    assert 'run: python -m pip install "isms==' in workflow
    assert "@@" not in workflow


def test_fresh_repository_validates_and_checks_clean(fresh: Path, run_isms: RunIsms) -> None:
    validated = run_isms("validate", "--root", str(fresh))
    assert (validated.code, validated.out) == (0, "ok: no problems found in 100 files\n")
    checked = run_isms("check", "--root", str(fresh), "--format", "json", "--today", TODAY)
    assert checked.code == 0
    assert json.loads(checked.out)["findings"] == []
    metrics = run_isms("metrics", "--root", str(fresh), "--format", "json", "--today", TODAY)
    framework = json.loads(metrics.out)["frameworks"][0]
    assert (framework["id"], framework["applicable"], framework["planned"], framework["coverage"]) == (
        "iso27001-2022",
        93,
        93,
        0.0,
    )


def test_fresh_repository_codeowners(fresh: Path, run_isms: RunIsms) -> None:
    assert run_isms("codeowners", "--root", str(fresh)).code == 0
    lines = (fresh / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert "/controls/iso27001-2022/5.1.yaml @test/security" in lines
    assert "/policies/information-security.yaml @test/security" in lines


@pytest.mark.slow
def test_fresh_repository_builds_its_site(fresh: Path, run_isms: RunIsms, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_isms("site", "build", "--root", str(fresh), "--out", str(out), "--today", TODAY)
    assert result.code == 0, result.err
    assert (out / "index.html").is_file()
    assert "このサイトについて" in (out / "about.html").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(fresh: Path, run_isms: RunIsms) -> None:
    before = (fresh / "isms.yaml").read_bytes()
    result = run_isms("init", str(fresh))
    assert result.code == 2
    assert result.err.startswith(f"isms: error: {fresh} already has .github/pull_request_template.md, ")
    assert (fresh / "isms.yaml").read_bytes() == before


def test_init_into_an_empty_existing_folder(tmp_path: Path, run_isms: RunIsms) -> None:
    target = tmp_path / "empty"
    (target / ".git").mkdir(parents=True)
    assert run_isms("init", str(target)).code == 0
    assert '  ja: "empty"\n' in (target / "isms.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_current(name: str) -> None:
    """`schemas/` is what `isms schema --out schemas` writes; regenerate it after changing a model."""
    assert (REPO / "schemas" / name).read_text(encoding="utf-8") == render(name)


def _install_line(workflow: str) -> str:
    return next(line.split("run: ", 1)[1] for line in workflow.splitlines() if "pip install" in line)


def test_the_workflow_installs_isms_from_isms_spec_and_the_line_resolves(tmp_path: Path, run_isms: RunIsms) -> None:
    source = REPO  # this checkout of isms: a local path pip can install
    target = tmp_path / "fresh"
    result = run_isms("init", str(target), "--isms-spec", str(source))
    assert result.code == 0, result.err
    assert f'the CI installs isms with: python -m pip install "{source}"\n' in result.out
    workflow = (target / ".github/workflows/isms.yml").read_text(encoding="utf-8")
    line = _install_line(workflow)
    assert line == f'python -m pip install "{source}"'
    args = shlex.split(line)
    assert args[:4] == ["python", "-m", "pip", "install"]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-deps",
            "--quiet",
            "--report",
            str(tmp_path / "report.json"),
            *args[4:],
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [item["metadata"]["name"] for item in report["install"]] == ["isms"]


def test_the_default_install_line_is_where_this_isms_came_from(tmp_path: Path, run_isms: RunIsms) -> None:
    expected = running_source()
    result = run_isms("init", str(tmp_path / "fresh"))
    assert result.code == 0, result.err
    workflow = (tmp_path / "fresh/.github/workflows/isms.yml").read_text(encoding="utf-8")
    assert _install_line(workflow) == f'python -m pip install "{expected.spec}"'
    if expected.note is not None:  # an editable or local install (as in this test run): say so
        assert f"note: {expected.note}\n" in result.out


def test_a_malformed_isms_spec_is_a_usage_error(tmp_path: Path, run_isms: RunIsms) -> None:
    result = run_isms("init", str(tmp_path / "fresh"), "--isms-spec", 'isms" && curl evil')
    assert result.code == 2
    assert "--isms-spec" in result.err
    assert not (tmp_path / "fresh").exists()
