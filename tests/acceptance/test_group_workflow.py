"""The shipped group workflow: valid against GitHub's workflow schema offline, a matrix of one job per entity
and one merge job, pinned and least privilege; its shell steps run here as the runner would run them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from acceptance.group_fixture import ENTITIES, TODAY, make_group
from helpers import RunIsms, assert_github_workflow

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)
BIN = Path(sys.executable).parent


@pytest.fixture
def text(run_isms: RunIsms) -> str:
    result = run_isms("group", "workflow", "--isms-spec", "isms==0.1.0")
    assert result.code == 0, result.err
    return result.out


def _load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def test_the_workflow_validates_against_the_github_schema(text: str, tmp_path: Path) -> None:
    path = tmp_path / "isms-group.yml"
    path.write_text(text, encoding="utf-8")
    assert_github_workflow(path)


def test_a_matrix_of_entity_jobs_then_one_merge_job(text: str) -> None:
    workflow = _load(text)
    jobs = workflow["jobs"]
    assert list(jobs) == ["plan", "entity", "merge", "pages"]
    assert jobs["plan"]["outputs"] == {
        "today": "${{ steps.plan.outputs.today }}",
        "entities": "${{ steps.plan.outputs.entities }}",
    }
    entity = jobs["entity"]
    assert entity["needs"] == "plan"
    assert entity["strategy"] == {
        "fail-fast": False,
        "matrix": {"entity": "${{ fromJSON(needs.plan.outputs.entities) }}"},
    }
    assert entity["env"] == {"ENTITY": "${{ matrix.entity }}", "TODAY": "${{ needs.plan.outputs.today }}"}
    upload = [step for step in entity["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"] for step in upload] == [
        {"name": "${{ matrix.entity }}", "path": "artefact/${{ matrix.entity }}", "if-no-files-found": "error"}
    ]
    runs = "\n".join(step.get("run", "") for step in entity["steps"])
    for command in ("isms group fetch", "isms metrics", "isms check", "isms site build", '--today "$TODAY"'):
        assert command in runs, command
    merge = jobs["merge"]
    assert merge["needs"] == ["plan", "entity"]
    assert merge["if"] == "${{ !cancelled() }}"
    download = [step for step in merge["steps"] if step.get("uses", "").startswith("actions/download-artifact@")]
    assert [step["with"] for step in download] == [{"path": "artefacts"}]
    merged = "\n".join(step.get("run", "") for step in merge["steps"])
    assert 'isms group merge artefacts/*/ --today "$TODAY" --out _site' in merged
    assert jobs["pages"]["needs"] == "merge"
    assert text.count('run: python -m pip install "isms==0.1.0"') == 3


def test_pinned_and_least_privilege(text: str) -> None:
    uses = USES.findall(text)
    assert len(uses) >= 8
    for action, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), action
    workflow = _load(text)
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        expected = {"pages": "write", "id-token": "write"} if job_id == "pages" else {}
        assert job.get("permissions", {}) == expected, job_id
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"] == {"fetch-depth": 0, "persist-credentials": False}


def _run_steps(job: dict[str, Any], env: dict[str, str], cwd: Path) -> bool:
    """Run a job's `run:` steps (not the install) with bash -e, as the runner does; False when a step fails."""
    for step in job["steps"]:
        if "run" not in step or step.get("name") == "Install isms":
            continue
        step_env = {**env, **{k: str(v) for k, v in step.get("env", {}).items() if "secrets." not in str(v)}}
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=cwd, env=step_env, capture_output=True, check=False
        )
        if done.returncode != 0:
            return False
    return True


@pytest.mark.slow
def test_the_steps_run_as_the_runner_runs_them(text: str, tmp_path: Path) -> None:
    # the runner checks the group repository out on its own: entities by absolute path, as a URL would be
    entities = ENTITIES.replace("repository: ../", f"repository: {tmp_path}/")
    group = make_group(tmp_path, entities)
    workflow = _load(text)
    base = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "TOKEN": ""}
    output = tmp_path / "plan-output"
    assert _run_steps(workflow["jobs"]["plan"], {**base, "GITHUB_OUTPUT": str(output)}, group)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    entities = json.loads(outputs["entities"])
    assert entities == ["gone", "invalid", "valid"]
    downloaded = tmp_path / "downloaded"
    ran: dict[str, bool] = {}
    for entity in entities:  # each matrix job on a fresh checkout of the group repository
        checkout = tmp_path / "jobs" / entity
        shutil.copytree(group, checkout)
        runner_temp = tmp_path / "temp" / entity
        runner_temp.mkdir(parents=True)
        env = {**base, "ENTITY": entity, "TODAY": TODAY, "RUNNER_TEMP": str(runner_temp)}
        ran[entity] = _run_steps(workflow["jobs"]["entity"], env, checkout)
        if ran[entity]:  # upload-artifact, then download-artifact: one folder per artefact name
            shutil.copytree(checkout / "artefact" / entity, downloaded / "artefacts" / entity)
    assert ran == {"gone": False, "invalid": True, "valid": True}
    assert (downloaded / "artefacts" / "valid" / "site" / "index.html").is_file()
    merge_dir = tmp_path / "jobs" / "merge"
    shutil.copytree(group, merge_dir)
    shutil.copytree(downloaded / "artefacts", merge_dir / "artefacts")
    summary = tmp_path / "summary.md"
    env = {**base, "TODAY": TODAY, "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(tmp_path)}
    assert _run_steps(workflow["jobs"]["merge"], env, merge_dir)
    assert summary.read_text(encoding="utf-8").splitlines()[-2] == (
        "3 entities: 1 ok, 1 with errors, 1 unavailable, 0 stale"
    )
    document = json.loads((merge_dir / "_site" / "downloads" / "group.json").read_text(encoding="utf-8"))
    status = {row["id"]: row["status"] for row in document["entities"]}
    assert status == {"valid": "ok", "invalid": "errors", "gone": "unavailable"}
