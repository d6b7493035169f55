"""The GitLab `remind` job: its script, run with real bash, curl and jq against a fake GitLab API.

Only the network remote is faked (an HTTP server in this process that answers as GitLab's REST
API v4 does); the plan it applies is the real `isms remind --format github-issues` output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from ruamel.yaml import YAML

from helpers import CONFIG, HR_POLICY, good_repo, write_repo
from isms.cli import main
from isms.edit.scaffold import plan_init

OWNERS = CONFIG.replace(
    '  ciso: {name: CISO, github: ["@test/ciso"]}\n',
    '  ciso: {name: CISO, github: ["@test/ciso"], gitlab: ["@alice-gl", carol]}\n'
    "  hr: {name: {ja: 人事部, en: Human resources}}\n"
    "  legal: {name: {ja: 法務部, en: Legal}, gitlab: [dave]}\n",
)
POLICY = HR_POLICY
USERS = {"alice-gl": 101, "dave": 104}  # carol has no GitLab account
TOKEN = "glpat-test"  # noqa: S105 - a fake token for the fake server


class FakeGitLab(BaseHTTPRequestHandler):
    """GitLab's issues and users endpoints, recording every call that changes an issue."""

    calls: list[tuple[str, str, Any]]
    issues: list[dict[str, Any]]

    def _reply(self, value: object) -> None:
        body = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> Any:
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if self.headers.get("Content-Type") == "application/json":
            return json.loads(raw)
        return {key: values[0] for key, values in parse_qs(raw).items()}

    def do_GET(self) -> None:
        if self.headers.get("PRIVATE-TOKEN") != TOKEN:
            self.send_error(401)
            return
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        if url.path == "/api/v4/users":
            user = USERS.get(query["username"])
            self._reply([{"id": user, "username": query["username"]}] if user else [])
        elif url.path == "/api/v4/projects/42/issues" and query.get("state") == "opened":
            self._reply(self.issues)
        else:
            self.send_error(404)

    def _change(self, method: str) -> None:
        if self.headers.get("PRIVATE-TOKEN") != TOKEN:
            self.send_error(401)
            return
        self.calls.append((method, self.path, self._body()))
        self._reply({"iid": 1})

    def do_POST(self) -> None:
        self._change("POST")

    def do_PUT(self) -> None:
        self._change("PUT")

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def gitlab() -> Iterator[tuple[str, type[FakeGitLab]]]:
    handler = type("Handler", (FakeGitLab,), {"calls": [], "issues": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v4", handler
    finally:
        server.shutdown()
        server.server_close()


def _plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    root = good_repo(tmp_path / "repo")
    write_repo(root, {"isms.yaml": OWNERS, "policies/infosec.yaml": POLICY})
    capsys.readouterr()
    argv = ["remind", "--root", str(root), "--today", "2027-03-15", "--format", "github-issues", "--lang", "en"]
    assert main(argv) == 0
    work = tmp_path / "job"
    work.mkdir()
    (work / "reminders.json").write_text(capsys.readouterr().out, encoding="utf-8")
    return work


@pytest.mark.skipif(shutil.which("jq") is None or shutil.which("curl") is None, reason="needs jq and curl")
def test_the_gitlab_job_assigns_each_owners_issue_to_their_gitlab_users(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    gitlab: tuple[str, type[FakeGitLab]],
) -> None:
    api, handler = gitlab
    work = _plan(tmp_path, monkeypatch, capsys)
    plan = json.loads((work / "reminders.json").read_text(encoding="utf-8"))
    states = {issue["owner"]: (issue["state"], issue["gitlab_assignees"]) for issue in plan["issues"]}
    assert states == {
        "ciso": ("open", ["alice-gl", "carol"]),
        "hr": ("open", []),
        "legal": ("closed", ["dave"]),
    }
    # hr and legal have open issues already (found by their marker); ciso has none yet.
    handler.issues = [
        {"iid": 7, "description": "<!-- isms-remind owner=hr -->\nold"},
        {"iid": 9, "description": "<!-- isms-remind owner=legal -->\nold"},
        {"iid": 11, "description": None},
    ]
    script = YAML(typ="safe", pure=True).load(plan_init("テスト", "Test", None, "gitlab")[".gitlab-ci.yml"])
    lines = script["remind"]["script"]
    assert lines[0] == "isms remind --within 30d --format github-issues > reminders.json"
    env = {
        "PATH": "/usr/bin:/bin",
        "CI_API_V4_URL": api,
        "CI_PROJECT_ID": "42",
        "ISMS_REMIND_TOKEN": TOKEN,
    }
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", "\n".join(lines[1:])],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "warning: no GitLab user carol (isms.yaml owners)\n"
    calls = {(method, path): body for method, path, body in handler.calls}
    assert sorted(calls) == [
        ("POST", "/api/v4/projects/42/issues"),
        ("PUT", "/api/v4/projects/42/issues/7"),
        ("PUT", "/api/v4/projects/42/issues/9"),
    ]
    created = calls["POST", "/api/v4/projects/42/issues"]
    assert created["assignee_ids"] == [101]  # alice-gl's id; carol is skipped
    assert created["title"] == "ISMS: CISO (ciso) — 2 due, 0 overdue"
    assert created["description"].startswith("<!-- isms-remind owner=ciso -->\n")
    assert created["labels"] == "isms-reminder"
    updated = calls["PUT", "/api/v4/projects/42/issues/7"]
    assert "assignee_ids" not in updated  # no GitLab users: a manual assignment stays
    assert updated["description"].startswith("<!-- isms-remind owner=hr -->\n")
    assert calls["PUT", "/api/v4/projects/42/issues/9"] == {"state_event": "close"}
