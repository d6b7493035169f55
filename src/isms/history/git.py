"""Read the history of every file in one `git log --name-only` pass (never one call per file)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from isms.errors import IsmsError
from isms.history.cache import Changes, CommitCache
from isms.history.types import NO_HISTORY, CommitInfo, History
from isms.loader.discover import CONFIG_FILE, ISMS_PREFIXES

# Commit records start with \x1e; header fields are split by \x1f. With -z, the header ends
# with NUL and every file name is NUL-terminated: with -z git never octal-escapes Japanese names.
LOG_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s"
#: With signatures: git's own check (`%G?`), the allowed signer's principal (`%GS`) and key (`%GK`).
SIGNED_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%G?%x1f%GS%x1f%GK%x1f%s"
#: Variables a git hook sets that would point our git calls at another index or repository.
GIT_REDIRECTS = ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY")
#: The files whose history counts: isms.yaml and the ISMS folders (`isms.loader.discover`).
TRACKED_TOPS = (*ISMS_PREFIXES, CONFIG_FILE)


def _work_tree(root: Path) -> Path | None:
    """Return the top of the git work tree holding ``root``; None outside git (or in a bare repository).

    git says where it is (`rev-parse --show-toplevel`, a few milliseconds); only where git refuses
    (not a work tree, a repository it does not trust) is GitPython asked, as before: importing it
    alone costs more than a whole `git` run.
    """
    try:
        top = run_git(root, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip()
    except (IsmsError, OSError):
        top = ""
    if top:
        return Path(top)
    import git  # noqa: PLC0415  # only where git itself did not answer

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    return None if repo.working_tree_dir is None else Path(repo.working_tree_dir)


def _commit(header: str, signed: bool) -> CommitInfo:
    if not signed:
        sha, date, author, subject = [*header.split("\x1f", 3), "", "", ""][:4]
        return CommitInfo(sha, dt.datetime.fromisoformat(date), author, subject)
    sha, date, author, mark, signer, key, subject = [*header.split("\x1f", 6), *[""] * 6][:7]
    return CommitInfo(sha, dt.datetime.fromisoformat(date), author, subject, mark, signer, key)


def parse_commits(output: str, prefix: str, *, signed: bool = False) -> list[Changes]:
    """Parse `git log -z --name-only --format=LOG_FORMAT` output into commits and their ISMS paths, in log order.

    Args:
        output: The raw log.
        prefix: The ISMS root relative to the git top level (``""`` or ``"sub/dir/"``);
            paths outside it are dropped and the rest made relative to it.
        signed: The log was written with SIGNED_FORMAT.
    """
    commits: list[Changes] = []
    for record in output.split("\x1e"):
        if not record:
            continue
        header, _, names = record.partition("\0")
        paths = []
        for raw in names.split("\0"):
            name = raw.lstrip("\n")
            if not name.startswith(prefix):
                continue
            rel = name[len(prefix) :]
            if rel.startswith(TRACKED_TOPS):
                paths.append(rel)
        commits.append((_commit(header, signed), tuple(paths)))
    return commits


def per_file(commits: Iterable[Changes]) -> dict[str, list[CommitInfo]]:
    """Return the commits per path, in the order of ``commits`` (the log's: newest first)."""
    files: dict[str, list[CommitInfo]] = {}
    for commit, paths in commits:
        for rel in paths:
            files.setdefault(rel, []).append(commit)
    return files


def parse_log(output: str, prefix: str, *, signed: bool = False) -> dict[str, list[CommitInfo]]:
    """Parse `git log -z --name-only --format=LOG_FORMAT` output into commits per path (see `parse_commits`)."""
    return per_file(parse_commits(output, prefix, signed=signed))


def run_git(cwd: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None) -> bytes:
    """Run git in ``cwd`` without a hook's redirecting variables and return its stdout.

    ``env`` adds variables (``GIT_TERMINAL_PROMPT=0`` for a fetch that must never ask for a password).

    Raises:
        IsmsError: git is missing or failed (its message is passed on).
    """
    variables = {k: v for k, v in os.environ.items() if k not in GIT_REDIRECTS} | dict(env or {})
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=variables)
    except FileNotFoundError as exc:
        msg = "git is not installed"
        ja = "git がインストールされていません"
        raise IsmsError(msg, ja=ja) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        command = next((a for a in args if not a.startswith("-") and "=" not in a), args[0])
        msg = f"git {command} failed: {detail[-1] if detail else done.returncode}"
        ja = f"git {command} に失敗しました（以下は git の説明です）: {detail[-1] if detail else done.returncode}"
        raise IsmsError(msg, ja=ja)
    return done.stdout


def read_objects(cwd: Path, names: list[str]) -> dict[str, bytes | None]:
    """Read many git objects with one ``git cat-file --batch``: blob ids or ``rev:./path`` names.

    A name that names no object (a path absent from that commit) maps to None.

    Raises:
        IsmsError: when git cannot run there.
    """
    unique = list(dict.fromkeys(names))
    if not unique:
        return {}
    if any("\n" in name for name in unique):
        msg = "a git object name cannot contain a line break"
        ja = "git のオブジェクト名に改行は使えません"
        raise IsmsError(msg, ja=ja)
    output = run_git(cwd, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in unique).encode())
    contents: dict[str, bytes | None] = {}
    position = 0
    for name in unique:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
            contents[name] = None
            position = end + 1
            continue
        size = int(header[2])
        contents[name] = output[end + 1 : end + 1 + size]
        position = end + 1 + size + 1  # the content is followed by a newline
    return contents


def shallow_or_replaced(cwd: Path) -> tuple[bool, bool]:
    """Return (shallow clone, replace refs or grafts): in either case no commit is cached (its diff can change)."""
    lines = run_git(cwd, "rev-parse", "--is-shallow-repository", "--git-path", "info/grafts").decode().splitlines()
    shallow = lines[0].strip() == "true"
    if (cwd / lines[1].strip()).exists():
        return shallow, True
    return shallow, bool(run_git(cwd, "for-each-ref", "--count=1", "--format=%(refname)", "refs/replace/").strip())


def log_commits(
    top: Path,
    rev: str,
    prefix: str,
    *,
    cache: CommitCache | None = None,
    config: tuple[str, ...] = (),
    signed: bool = False,
    errors: str = "replace",
) -> list[Changes]:
    """Return the commits reachable from ``rev`` in `git log` order, each with the ISMS paths it changed.

    Without ``cache`` (or with an empty one) this is one `git log --name-only` pass. With one, the
    commits are listed (`git log --format=%H`, no diffs) and only those it does not know are
    diffed (`git log --no-walk --stdin`); the result is the same, commit for commit.

    Args:
        top: The git top level.
        rev: The commit to walk from.
        prefix: The ISMS root relative to ``top``.
        cache: The commits seen before (`isms.history.cache`), opened for this walk; updated and saved.
        config: ``-c`` options for git (the allowed signers).
        signed: Read signatures (SIGNED_FORMAT).
        errors: How bytes that are not UTF-8 are decoded.
    """
    log = ("log", "--name-only", "-z", "--no-renames", f"--format={SIGNED_FORMAT if signed else LOG_FORMAT}")
    if cache is not None and len(cache):
        order = run_git(top, "log", "--format=%H", rev, "--").decode().split()
        missing = [sha for sha in order if cache.get(sha) is None]
        if len(missing) < len(order):
            walked: dict[str, Changes] = {}
            if missing:
                stdin = "".join(f"{sha}\n" for sha in missing).encode()
                output = run_git(top, *config, *log, "--no-walk=unsorted", "--stdin", "--", stdin=stdin)
                for changes in parse_commits(output.decode("utf-8", errors), prefix, signed=signed):
                    walked[changes[0].sha] = changes
                    cache.put(*changes)
            known = [walked.get(sha) or cache.get(sha) for sha in order]
            cache.save(order)
            return [changes for changes in known if changes is not None]
    output = run_git(top, *config, *log, rev, "--")
    commits = parse_commits(output.decode("utf-8", errors), prefix, signed=signed)
    if cache is not None:
        for changes in commits:
            cache.put(*changes)
        cache.save(commit.sha for commit, _ in commits)
    return commits


def read_history(root: Path, allowed_signers: str | None = None, cache: CommitCache | None = None) -> History:
    """Return the history of the ISMS files under ``root``; empty outside git.

    Args:
        root: The ISMS repository.
        allowed_signers: When given, commit signatures are checked by git in the same pass
            (`gpg.ssh.allowedSignersFile` pointing at this text in a temporary file).
        cache: The commits earlier runs walked (`isms.history.cache`); not used in a shallow clone
            or where replace refs or grafts rewrite the history.
    """
    tree = _work_tree(root)
    if tree is None:
        return NO_HISTORY
    top = tree.resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        head = run_git(top, "rev-parse", "--verify", "HEAD").decode().strip()
    except IsmsError:
        return History(available=True)  # a repository without commits yet
    shallow, replaced = shallow_or_replaced(top)
    if shallow or replaced:
        cache = None
    if cache is not None:
        cache.open(allowed_signers)
    if allowed_signers is None:
        commits = log_commits(top, head, prefix, cache=cache)
    else:
        with tempfile.TemporaryDirectory(prefix="isms-git-") as folder:
            signers = Path(folder) / "allowed_signers"
            signers.write_text(allowed_signers, encoding="utf-8")
            config = ("-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={signers}")
            commits = log_commits(top, head, prefix, cache=cache, config=config, signed=True)
    status = run_git(top, "status", "--porcelain", "-z", "--untracked-files=all").decode("utf-8", "replace")
    dirty = frozenset(
        entry[3:][len(prefix) :] for entry in status.split("\0") if len(entry) > 3 and entry[3:].startswith(prefix)
    )
    return History(available=True, partial=shallow, head=head, files=per_file(commits), dirty=dirty)
