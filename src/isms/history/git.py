"""Read the history of every file in one `git log --name-only` pass (never one call per file)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, NoReturn

from isms.errors import IsmsError
from isms.history.cache import Changes, CommitCache
from isms.history.children import Runner
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
#: From how many commits on a walk's diffs are split over several git processes (`diff_commits`).
SPLIT_AT = 2000
#: The most git processes one walk starts at once.
MAX_WORKERS = 4


def _work_tree(root: Path, runner: Runner | None = None) -> Path | None:
    """Return the top of the git work tree holding ``root``; None outside git (or in a bare repository).

    git says where it is (`rev-parse --show-toplevel`, a few milliseconds); only where git refuses
    (not a work tree, a repository it does not trust) is GitPython asked, as before: importing it
    alone costs more than a whole `git` run.
    """
    try:
        top = run_git(root, "rev-parse", "--show-toplevel", runner=runner).decode("utf-8", "surrogateescape").strip()
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


def run_git(
    cwd: Path,
    *args: str,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    runner: Runner | None = None,
) -> bytes:
    """Run git in ``cwd`` without a hook's redirecting variables and return its stdout.

    ``env`` adds variables (``GIT_TERMINAL_PROMPT=0`` for a fetch that must never ask for a password).
    ``runner`` makes the call one that `Runner.cancel` can stop (`EarlyHistory`).

    Raises:
        IsmsError: git is missing or failed (its message is passed on).
        Cancelled: ``runner`` was cancelled.
    """
    variables = {k: v for k, v in os.environ.items() if k not in GIT_REDIRECTS} | dict(env or {})
    try:
        if runner is None:
            done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=variables)
        else:
            done = runner.run(["git", *args], cwd=cwd, stdin=stdin, env=variables)
    except FileNotFoundError as exc:
        msg = "git is not installed"
        ja = "git がインストールされていません"
        raise IsmsError(msg, ja=ja) from exc
    if done.returncode != 0:
        _failed(args, done.stderr, done.returncode)
    return done.stdout


def _failed(args: tuple[str, ...], stderr: bytes, code: int) -> NoReturn:
    detail = stderr.decode("utf-8", "replace").strip().splitlines()
    command = next((a for a in args if not a.startswith("-") and "=" not in a), args[0])
    msg = f"git {command} failed: {detail[-1] if detail else code}"
    ja = f"git {command} に失敗しました（以下は git の説明です）: {detail[-1] if detail else code}"
    raise IsmsError(msg, ja=ja)


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


def shallow_or_replaced(cwd: Path, runner: Runner | None = None) -> tuple[bool, bool]:
    """Return (shallow clone, replace refs or grafts): in either case no commit is cached (its diff can change)."""
    asked = ("rev-parse", "--is-shallow-repository", "--git-path", "info/grafts")
    lines = run_git(cwd, *asked, runner=runner).decode().splitlines()
    shallow = lines[0].strip() == "true"
    if (cwd / lines[1].strip()).exists():
        return shallow, True
    refs = run_git(cwd, "for-each-ref", "--count=1", "--format=%(refname)", "refs/replace/", runner=runner)
    return shallow, bool(refs.strip())


def workers() -> int:
    """Return how many git processes a large walk may split into: the cores this process may use, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def log_commits(
    top: Path,
    rev: str,
    prefix: str,
    *,
    cache: CommitCache | None = None,
    config: tuple[str, ...] = (),
    signed: bool = False,
    errors: str = "replace",
    runner: Runner | None = None,
) -> list[Changes]:
    """Return the commits reachable from ``rev`` in `git log` order, each with the ISMS paths it changed.

    Without ``cache`` (or with an empty one) git diffs every commit: one `git log --name-only`
    pass, or, for `SPLIT_AT` commits or more on several cores, the commits listed and their
    diffs split over one git process per core (`diff_commits`). With a cache, the commits are
    listed (`git log --format=%H`, no diffs) and only those it does not know are diffed; the
    result is the same, commit for commit.

    Args:
        top: The git top level.
        rev: The commit to walk from.
        prefix: The ISMS root relative to ``top``.
        cache: The commits seen before (`isms.history.cache`), opened for this walk; updated and saved.
        config: ``-c`` options for git (the allowed signers).
        signed: Read signatures (SIGNED_FORMAT).
        errors: How bytes that are not UTF-8 are decoded.
        runner: Makes the git calls cancellable (`Runner`).
    """
    log = ("log", "--name-only", "-z", "--no-renames", f"--format={SIGNED_FORMAT if signed else LOG_FORMAT}")
    order: list[str] | None = None
    if (cache is not None and len(cache)) or workers() > 1:
        order = run_git(top, "log", "--format=%H", rev, "--", runner=runner).decode().split()
    if order is not None and cache is not None and len(cache):
        missing = [sha for sha in order if cache.get(sha) is None]
        if len(missing) < len(order):
            walked: dict[str, Changes] = {}
            for changes in diff_commits(
                top, missing, prefix, log=(*config, *log), signed=signed, errors=errors, runner=runner
            ):
                walked[changes[0].sha] = changes
                cache.put(*changes)
            known = [walked.get(sha) or cache.get(sha) for sha in order]
            cache.save(order)
            return [changes for changes in known if changes is not None]
    if order is not None and len(order) >= SPLIT_AT:
        walked = {
            changes[0].sha: changes
            for changes in diff_commits(
                top, order, prefix, log=(*config, *log), signed=signed, errors=errors, runner=runner
            )
        }
        commits = [walked[sha] for sha in order if sha in walked]
    else:
        output = run_git(top, *config, *log, rev, "--", runner=runner)
        commits = parse_commits(output.decode("utf-8", errors), prefix, signed=signed)
    if cache is not None:
        for changes in commits:
            cache.put(*changes)
        cache.save(commit.sha for commit, _ in commits)
    return commits


def diff_commits(
    top: Path, shas: list[str], prefix: str, *, log: tuple[str, ...], signed: bool, errors: str, runner: Runner | None
) -> list[Changes]:
    """Return the commits ``shas`` with the ISMS paths each changed (`git log --no-walk --stdin`), in no set order.

    From `SPLIT_AT` commits on, the list is dealt out over `workers()` git processes at once
    (every n-th commit to each: the old commits of a growing folder diff faster than the new ones),
    each writing to its own temporary file: git's tree diffs are most of a cold walk's time (a flat
    folder of N files costs N entries a commit), and each commit's diff is its own.
    """
    if not shas:
        return []
    share = workers() if len(shas) >= SPLIT_AT else 1
    if share == 1 and runner is None:
        stdin = "".join(f"{sha}\n" for sha in shas).encode()
        output = run_git(top, *log, "--no-walk=unsorted", "--stdin", "--", stdin=stdin)
        return parse_commits(output.decode("utf-8", errors), prefix, signed=signed)
    runner = runner or Runner()
    argv = ["git", *log, "--no-walk=unsorted", "--stdin", "--"]
    variables = {k: v for k, v in os.environ.items() if k not in GIT_REDIRECTS}
    with contextlib.ExitStack() as files:
        started: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []
        try:
            for part in range(share):
                given, out = (
                    files.enter_context(tempfile.TemporaryFile()),
                    files.enter_context(tempfile.TemporaryFile()),
                )
                given.write("".join(f"{sha}\n" for sha in shas[part::share]).encode())
                given.seek(0)
                started.append((runner.start(argv, top, given, out, variables), out))
        except FileNotFoundError as exc:
            msg = "git is not installed"
            ja = "git がインストールされていません"
            raise IsmsError(msg, ja=ja) from exc
        finally:
            errors_of = [(child, runner.finish(child)) for child, _ in started]  # every child reaped
            runner.check()
        commits: list[Changes] = []
        for (child, stderr), (_, written) in zip(errors_of, started, strict=True):
            if child.returncode != 0:
                _failed(tuple(argv[1:]), stderr, child.returncode)
            written.seek(0)
            commits.extend(parse_commits(written.read().decode("utf-8", errors), prefix, signed=signed))
    return commits


def read_history(
    root: Path, allowed_signers: str | None = None, cache: CommitCache | None = None, *, runner: Runner | None = None
) -> History:
    """Return the history of the ISMS files under ``root``; empty outside git.

    Args:
        root: The ISMS repository.
        allowed_signers: When given, commit signatures are checked by git in the same pass
            (`gpg.ssh.allowedSignersFile` pointing at this text in a temporary file).
        cache: The commits earlier runs walked (`isms.history.cache`); not used in a shallow clone
            or where replace refs or grafts rewrite the history.
        runner: Makes the git calls cancellable (`Runner`: `isms.history.early`).
    """
    tree = _work_tree(root, runner)
    if tree is None:
        return NO_HISTORY
    top = tree.resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        head = run_git(top, "rev-parse", "--verify", "HEAD", runner=runner).decode().strip()
    except IsmsError:
        return History(available=True)  # a repository without commits yet
    shallow, replaced = shallow_or_replaced(top, runner)
    if shallow or replaced:
        cache = None
    if cache is not None:
        cache.open(allowed_signers)
    if allowed_signers is None:
        commits = log_commits(top, head, prefix, cache=cache, runner=runner)
    else:
        with tempfile.TemporaryDirectory(prefix="isms-git-") as folder:
            signers = Path(folder) / "allowed_signers"
            signers.write_text(allowed_signers, encoding="utf-8")
            config = ("-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={signers}")
            commits = log_commits(top, head, prefix, cache=cache, config=config, signed=True, runner=runner)
    listed = run_git(top, "status", "--porcelain", "-z", "--untracked-files=all", runner=runner)
    status = listed.decode("utf-8", "replace")
    dirty = frozenset(
        entry[3:][len(prefix) :] for entry in status.split("\0") if len(entry) > 3 and entry[3:].startswith(prefix)
    )
    return History(available=True, partial=shallow, head=head, files=per_file(commits), dirty=dirty)
