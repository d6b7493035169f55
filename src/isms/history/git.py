"""Read the history of every file in one `git log --name-only` pass (never one call per file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git

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


def read_history(root: Path) -> History:
    """Return the history of the ISMS files under ``root``; empty outside git."""
    repo = _open(root)
    if repo is None or repo.working_tree_dir is None:
        return NO_HISTORY
    top = Path(repo.working_tree_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    cmd = repo.git
    cmd.update_environment(**dict.fromkeys(GIT_REDIRECTS))  # None unsets them: safe inside pre-commit hooks
    try:
        head = cmd.rev_parse("HEAD")
    except git.GitCommandError:
        return History(available=True)  # a repository without commits yet
    shallow = cmd.rev_parse("--is-shallow-repository").strip() == "true"
    output = cmd.log(
        "--name-only",
        "-z",
        f"--format={LOG_FORMAT}",
        "--no-renames",
        "HEAD",
        strip_newline_in_stdout=False,
    )
    status = cmd.status("--porcelain", "-z", "--untracked-files=all")
    dirty = frozenset(
        entry[3:][len(prefix) :] for entry in status.split("\0") if len(entry) > 3 and entry[3:].startswith(prefix)
    )
    return History(available=True, partial=shallow, head=head, files=parse_log(output, prefix), dirty=dirty)
