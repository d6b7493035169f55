"""Fetching an entity's repository with git into a folder of its own (the source is never touched).

A URL: ``git init`` + ``git fetch URL REF`` + ``git checkout --detach FETCH_HEAD``, one way for a
branch, a tag or a commit. A local path: ``git clone --local`` (objects hard-linked, not packed and
sent) and a detached checkout of the ref's commit. The whole history is fetched unless the
entity says ``shallow: true``: the checks that read history (evidence rewritten after its commit,
a policy changed after its approval, signed commits) need it, and warn `history-partial` without it.
A fetch never waits for a password (``GIT_TERMINAL_PROMPT=0``, ssh in batch mode).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from isms.errors import IsmsError
from isms.history.git import run_git
from isms.loader.discover import ISMS_FOLDERS
from isms.model.config import Entity

#: `user@host:path`, the scp-like form git takes for ssh.
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:")
#: A transfer slower than 1 byte/s for a minute is a dead connection, not a slow one.
_NETWORK = ("-c", "http.lowSpeedLimit=1", "-c", "http.lowSpeedTime=60")


def is_url(repository: str) -> bool:
    """Return True when ``repository`` is a git URL rather than a local path."""
    return "://" in repository or bool(_SCP_LIKE.match(repository))


def source(entity: Entity, group_root: Path) -> str:
    """Return what git fetches from: the URL, or the local path made absolute against the group's root.

    Raises:
        IsmsError: when the value would read as a git option, or a local path does not exist.
    """
    for value in (entity.repository, entity.ref or ""):
        if value.startswith("-"):
            msg = f"`{value}` starts with `-` and would be read as a git option"
            ja = f"`{value}` は `-` で始まるため git のオプションとして読まれてしまいます"
            raise IsmsError(msg, ja=ja)
    if is_url(entity.repository):
        return entity.repository
    path = (group_root / entity.repository).resolve()
    if not path.is_dir():
        msg = f"no such folder: {path}"
        ja = f"そのフォルダはありません: {path}"
        raise IsmsError(msg, ja=ja)
    return str(path)


def _env() -> dict[str, str]:
    env = {"GIT_TERMINAL_PROMPT": "0"}
    if "GIT_SSH_COMMAND" not in os.environ and "GIT_SSH" not in os.environ:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=30"
    return env


def _sparse(into: Path, env: dict[str, str]) -> None:
    """Check out only what an evaluation reads: isms.yaml (top-level files), the ISMS folders, `.github/`."""
    run_git(into, "sparse-checkout", "set", "--cone", "--", *ISMS_FOLDERS, ".github", env=env)


def _local_clone(where: str, entity: Entity, into: Path, env: dict[str, str], sparse: bool) -> None:
    """Clone a local repository with its whole history: objects hard-linked, not packed and sent."""
    ref = entity.ref or "HEAD"
    try:
        commit = run_git(Path(where), "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}", env=env)
    except IsmsError:
        msg = f"no commit `{ref}` in {where}"
        ja = f"{where} にコミット `{ref}` はありません"
        raise IsmsError(msg, ja=ja) from None
    run_git(into.parent, "clone", "--quiet", "--local", "--no-checkout", "--", where, str(into), env=env)
    sha = commit.decode().strip()
    if sparse:
        _sparse(into, env)
    run_git(into, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", sha, env=env)


def fetch(entity: Entity, group_root: Path, into: Path, *, sparse: bool = False) -> Path:
    """Fetch the entity's repository at its ref into the new or empty folder ``into`` and return it.

    ``sparse``: check out only the files an evaluation reads (`isms group build`, which builds no
    entity's site), not the hand-written pages, the README or code an ISMS repository may hold.

    Raises:
        IsmsError: why it could not be fetched (git's own message: unreachable, no such ref…).
    """
    where = source(entity, group_root)
    into.mkdir(parents=True, exist_ok=True)
    env = _env()
    if not is_url(entity.repository) and not entity.shallow:
        _local_clone(where, entity, into, env, sparse)
        return into
    run_git(into, "init", "--quiet", env=env)
    if sparse:
        _sparse(into, env)
    depth = ["--depth", "1"] if entity.shallow else []
    # a shallow fetch from a local path needs the file:// transport (a local clone ignores --depth)
    url = where if is_url(entity.repository) else Path(where).as_uri()
    run_git(into, *_NETWORK, "fetch", "--quiet", "--no-tags", *depth, url, entity.ref or "HEAD", env=env)
    run_git(into, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", "FETCH_HEAD", env=env)
    return into
