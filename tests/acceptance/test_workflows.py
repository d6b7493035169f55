"""GitHub workflows: valid against the GitHub-workflow schema (offline), pinned, least privilege."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from helpers import assert_github_workflow
from isms.edit.scaffold import plan_init, templates

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
INIT = plan_init("テスト株式会社", "Test Inc.", "@test/security")
#: Rendered workflows: the repository's own and the ones `isms init` writes.
ALL: dict[str, str] = {
    **{f"repo:{p.name}": p.read_text(encoding="utf-8") for p in WORKFLOWS},
    **{f"init:{rel}": text for rel, text in INIT.items() if rel.startswith(".github/workflows/")},
}
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)


def _load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def test_the_repository_has_its_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["isms.yml", "test.yml"]


@pytest.mark.parametrize("name", sorted(ALL))
def test_workflow_validates_against_the_github_schema(name: str, tmp_path: Path) -> None:
    path = tmp_path / name.replace(":", "-").replace("/", "-")
    path.write_text(ALL[name], encoding="utf-8")
    assert_github_workflow(path)


@pytest.mark.parametrize("name", sorted(ALL))
def test_actions_are_pinned_to_commits_with_their_release(name: str) -> None:
    uses = USES.findall(ALL[name])
    assert uses
    for action, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), f"{action}: add the release as `# vX.Y.Z`"


@pytest.mark.parametrize("name", sorted(ALL))
def test_least_privilege_and_full_history(name: str) -> None:
    workflow = _load(ALL[name])
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        # Only the verify job (inside the zone) writes contents: it commits the attestations, so it keeps
        # credentials. Only the remind job writes issues (one per owner).
        writes = {
            "verify": {("contents", "write")},
            "remind": {("issues", "write")},
        }.get(job_id, {("pages", "write"), ("id-token", "write")})
        assert set(job.get("permissions", {}).items()) <= writes, job_id
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"] == {"fetch-depth": 0, "persist-credentials": job_id == "verify"}


def test_isms_workflow_checks_pull_requests_and_publishes_pages() -> None:
    workflow = _load((REPO / ".github/workflows/isms.yml").read_text(encoding="utf-8"))
    check, site, pages = workflow["jobs"]["check"], workflow["jobs"]["site"], workflow["jobs"]["pages"]
    runs = [step.get("run", "") for step in check["steps"]]
    assert "isms check --format github" in runs
    assert 'isms diff --base "$BASE_SHA" --head HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert check["if"] == "github.event_name == 'pull_request'"
    assert "isms site build --out _site" in [step.get("run") for step in site["steps"]]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    used = [step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    assert workflow["on"]["push"] == {"branches": ["main"]}


def test_remind_job_applies_the_issue_plan_weekly() -> None:
    for text in (ALL["repo:isms.yml"], ALL["init:.github/workflows/isms.yml"]):
        workflow = _load(text)
        assert any(entry["cron"].split()[4] == "1" for entry in workflow["on"]["schedule"])  # weekly
        remind = workflow["jobs"]["remind"]
        assert remind["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
        assert remind["permissions"] == {"issues": "write"}
        runs = "\n".join(step.get("run", "") for step in remind["steps"])
        assert 'isms remind --within 30d --format github-issues > "$RUNNER_TEMP/reminders.json"' in runs
        for command in ("gh issue create", "gh issue edit", "gh issue close", "startswith($m)"):
            assert command in runs, command
        other = [job for job_id, job in workflow["jobs"].items() if job_id != "remind"]
        assert not [job for job in other if "issues" in job.get("permissions", {})]


def test_verify_job_runs_inside_the_zone_only_when_configured() -> None:
    for text in (ALL["repo:isms.yml"], ALL["init:.github/workflows/isms.yml"]):
        verify = _load(text)["jobs"]["verify"]
        assert verify["runs-on"] == ["self-hosted", "insider-zone"]
        assert verify["if"] == "github.event_name != 'pull_request' && vars.ISMS_STORES != ''"
        assert verify["permissions"] == {"contents": "write"}
        runs = "\n".join(step.get("run", "") for step in verify["steps"])
        assert 'isms evidence verify "${args[@]}" --key "$KEY"' in runs
        assert "git add attestations/" in runs


def test_init_for_gitlab_writes_a_valid_gitlab_ci(tmp_path: Path) -> None:
    files = plan_init("テスト株式会社", "Test Inc.", None, "gitlab")
    assert not [rel for rel in files if rel.startswith(".github/")]
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(files[".gitlab-ci.yml"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ok -- validation done"), done.stdout + done.stderr
    pipeline = _load(files[".gitlab-ci.yml"])
    assert pipeline["verify"]["tags"] == ["insider-zone"]
    assert pipeline["verify"]["rules"] == [{"if": "$ISMS_STORES && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any("isms evidence verify" in line for line in pipeline["verify"]["script"])
    assert "isms check" in pipeline["check"]["script"]
    assert pipeline["pages"]["artifacts"] == {"paths": ["public"]}
    remind = pipeline["remind"]
    assert remind["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule" && $ISMS_REMIND_TOKEN'}]
    assert "isms remind --within 30d --format github-issues > reminders.json" in remind["script"]
    steps = "\n".join(remind["script"])
    assert "startswith($m)" in steps
    assert "state_event=close" in steps
    assert "@@" not in files[".gitlab-ci.yml"]


def test_test_workflow_runs_the_ci_entry_point() -> None:
    workflow = _load((REPO / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    assert [step.get("run") for step in workflow["jobs"]["test"]["steps"]][-1] == "bash .ci/run"
    assert (REPO / ".ci/run").is_file()


def test_repository_files_are_the_init_templates() -> None:
    """The repository's own workflow and PR template are what `isms init` writes (but install isms from source)."""
    raw = templates()
    own = (REPO / ".github/workflows/isms.yml").read_text(encoding="utf-8")
    assert own == raw[".github/workflows/isms.yml"].replace("@@INSTALL@@", "python -m pip install .")
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert template == INIT[".github/pull_request_template.md"]
    assert (REPO / ".vscode/settings.json").read_text(encoding="utf-8") == INIT[".vscode/settings.json"]
    assert (REPO / ".vscode/extensions.json").read_text(encoding="utf-8") == INIT[".vscode/extensions.json"]


@pytest.mark.parametrize(
    ("command", "path"),
    [("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")],
)
def test_pre_commit_files_are_valid(command: str, path: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", command, str(REPO / path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hooks_run_isms_on_the_isms_files() -> None:
    hooks = _load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["language"], h["pass_filenames"]) for h in hooks] == [
        ("isms-validate", "isms validate", "python", False),
        ("isms-check", "isms check", "python", False),
    ]
    pattern = re.compile(hooks[0]["files"])
    matched = ["isms.yaml", "controls/iso27001-2022/5.1.yaml", "evidence/a.csv", "policies/p.yaml", "catalogs/c.yaml"]
    assert all(pattern.search(path) for path in matched)
    assert not any(pattern.search(path) for path in ["src/isms/cli/__init__.py", "docs/about.md", "README.md"])
    config = _load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = next(repo for repo in config["repos"] if repo["repo"] == "local")
    assert [h["id"] for h in local["hooks"]] == ["isms-validate", "isms-check"]
    assert {h["files"] for h in local["hooks"]} == {hooks[0]["files"]}
