"""Read the history of every file in one `git log --name-only` pass (never one call per file)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import git

from isms.errors import IsmsError
from isms.history.types import NO_HISTORY, CommitInfo, History

# Commit records start with \x1e; header fields are split by \x1f. With -z, the header ends
# with NUL and every file name is NUL-terminated: with -z git never octal-escapes Japanese names.
LOG_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s"
#: Variables a git hook sets that would point our git calls at another index or repository.
GIT_REDIRECTS = ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY")
TRACKED_TOPS = ("controls/", "policies/", "evidence/", "catalogs/", "isms.yaml")


def _open(root: Path) -> git.Repo | None:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def parse_log(output: str, prefix: str) -> dict[str, list[CommitInfo]]:
    """Parse `git log -z --name-only --format=LOG_FORMAT` output into commits per path.

    Args:
        output: The raw log.
        prefix: The ISMS root relative to the git top level (``""`` or ``"sub/dir/"``);
            paths outside it are dropped and the rest made relative to it.
    """
    files: dict[str, list[CommitInfo]] = {}
    for record in output.split("\x1e"):
        if not record:
            continue
        header, _, names = record.partition("\0")
        sha, date, author, subject = [*header.split("\x1f"), "", "", ""][:4]
        commit = CommitInfo(sha, dt.datetime.fromisoformat(date), author, subject)
        for raw in names.split("\0"):
            name = raw.lstrip("\n")
            if not name.startswith(prefix):
                continue
            rel = name[len(prefix) :]
            if rel.startswith(TRACKED_TOPS):
                files.setdefault(rel, []).append(commit)
    return files


def run_git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``cwd`` without a hook's redirecting variables and return its stdout.

    Raises:
        IsmsError: git is missing or failed (its message is passed on).
    """
    env = {k: v for k, v in os.environ.items() if k not in GIT_REDIRECTS}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=env)
    except FileNotFoundError as exc:
        msg = "git is not installed"
        raise IsmsError(msg) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        msg = f"git {args[0]} failed: {detail[-1] if detail else done.returncode}"
        raise IsmsError(msg)
    return done.stdout


def read_history(root: Path) -> History:
    """Return the history of the ISMS files under ``root``; empty outside git."""
    repo = _open(root)
    if repo is None or repo.working_tree_dir is None:
        return NO_HISTORY
    top = Path(repo.working_tree_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        head = run_git(top, "rev-parse", "--verify", "HEAD").decode().strip()
    except IsmsError:
        return History(available=True)  # a repository without commits yet
    shallow = run_git(top, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    output = run_git(top, "log", "--name-only", "-z", f"--format={LOG_FORMAT}", "--no-renames", "HEAD", "--")
    status = run_git(top, "status", "--porcelain", "-z", "--untracked-files=all").decode("utf-8", "replace")
    dirty = frozenset(
        entry[3:][len(prefix) :] for entry in status.split("\0") if len(entry) > 3 and entry[3:].startswith(prefix)
    )
    history = parse_log(output.decode("utf-8", "replace"), prefix)
    return History(available=True, partial=shallow, head=head, files=history, dirty=dirty)
