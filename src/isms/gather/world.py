"""The one step that reads the world for an evaluation (the rest of the path is pure)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from isms.errors import IsmsError
from isms.files import Fetch, Tree
from isms.gather.data import DataFile
from isms.gather.environment import environment
from isms.gather.facts import Facts, Recorded, TableOrError
from isms.gather.hashing import HashCache
from isms.gather.records import RecordCache
from isms.history.cache import CommitCache
from isms.history.early import EarlyHistory
from isms.history.git import read_history, read_objects
from isms.history.types import History
from isms.loader.revisions import earlier_records, records_of
from isms.loader.yaml import parse
from isms.model.control import RowFilter
from isms.model.outline import Record, RegisterOutline
from isms.model.repository import Repository
from isms.signing.allowed import allowed_signers
from isms.stores.gather import gather_trust

CODEOWNERS = ".github/CODEOWNERS"


def _filters(repo: Repository) -> Iterator[RowFilter]:
    for control in repo.controls.values():
        for measure in control.doc.measures:
            for spec in (measure.compute.count, measure.compute.ratio):
                if spec is not None:
                    yield spec


def data_paths(repo: Repository) -> list[str]:
    """Return the evidence paths whose rows a measure reads, sorted.

    Those are its `data:` globs and the other files its filters name (`not_in`, `in`, `population`;
    each a path or a glob).
    """
    patterns = {pattern for control in repo.controls.values() for m in control.doc.measures for pattern in m.data}
    patterns.update(other for spec in _filters(repo) for other in spec.others())
    return sorted(
        path
        for path, item in repo.evidence.items()
        if not item.in_store and any(path == p or fnmatch.fnmatchcase(path, p) for p in patterns)
    )


def _table(root: Path, file: str, tree: Tree | None) -> TableOrError:
    if tree is None:
        return DataFile(root / file)
    return DataFile(root / file, lambda _path, limit: tree.read(file, limit))


def gather_tables(repo: Repository, tree: Tree | None = None) -> dict[str, TableOrError]:
    """Return every evidence data file a measure reads (`data_paths`), by evidence path (from ``tree`` if given).

    The files are handles, read when the measures are computed: each once, streamed, however
    many measures read it; a CSV file's rows are never all in memory.
    """
    paths = data_paths(repo)
    if tree is not None:
        tree.preload(repo.evidence[path].file for path in paths)
    return {path: _table(repo.root, repo.evidence[path].file, tree) for path in paths}


def first_records(
    repo: Repository, history: History, fetch: Fetch | None = None, cache: RecordCache | None = None
) -> dict[str, Recorded]:
    """Return what each register recorded for its hashed files in their first commit.

    Only files committed more than once can have been rewritten (`isms.state.rewrites`). The
    registers ``cache`` does not know are read in one `git cat-file --batch` pass, each version
    parsed once.
    """
    if not history.available:
        return {}
    wanted: dict[str, tuple[str, str, str]] = {}
    found: dict[str, Recorded] = {}
    for item in repo.evidence.values():
        commits = history.of(item.file)
        if item.in_store or item.sha256 is None or len(commits) < 2:
            continue
        entry = PurePosixPath(item.file).relative_to(PurePosixPath(item.register).parent).as_posix()
        name = f"{commits[-1].sha}:./{item.register}"
        known = cache.get(name, entry) if cache is not None else None
        if known is not None:
            found[item.file] = known
        else:
            wanted[item.file] = (name, entry, item.register)
    if not wanted:
        return found
    try:
        names = [name for name, _, _ in wanted.values()]
        contents = fetch(names) if fetch is not None else read_objects(repo.root, names)
    except IsmsError:
        contents = {}
    parsed: dict[str, tuple[Record, ...] | None] = {}
    for file, (name, entry, register) in wanted.items():
        if name not in parsed:
            content = contents.get(name)
            parsed[name] = None if content is None else _records(content, name, repo.registers.get(register))
        found[file] = _entry(parsed[name], entry)
        if cache is not None and contents.get(name) is not None:  # a register git could not give is asked again
            cache.put(name, entry, found[file])
    if cache is not None:
        cache.save()
    return found


def _records(content: bytes, name: str, current: RegisterOutline | None) -> tuple[Record, ...] | None:
    """Return what a register version recorded per entry: through its changes from ``current`` where it can."""
    text = content.decode("utf-8", "replace")
    found = earlier_records(text, current) if current is not None else None
    return found if found is not None else records_of(parse(text, name).data)


def _entry(records: tuple[Record, ...] | None, entry: str) -> Recorded:
    """Return (sha256, date) that a register version's first entry for ``entry`` recorded; None where it cannot say."""
    for record in records or ():
        if record is not None and record[0] == entry:
            return record[1]
    return None, None


def _codeowners(root: Path) -> str | None:
    try:
        return (root / CODEOWNERS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def gather(
    repo: Repository,
    today: dt.date,
    *,
    history: History | None = None,
    environ: Mapping[str, str] | None = None,
    known_hashes: Mapping[str, str] | None = None,
    fresh_hashes: bool = False,
    dates_only: bool = False,
    tree: Tree | None = None,
    early: EarlyHistory | None = None,
) -> Facts:
    """Read everything the evaluation of ``repo`` on ``today`` needs from outside its model.

    Args:
        repo: The loaded repository.
        today: The as-of day (signatures and attestations are verified as of it).
        history: The git history when the caller has it already (``isms diff`` reads a tree).
        environ: The process environment (default ``os.environ``).
        known_hashes: SHA-256 values already computed from the files' bytes (`isms diff`).
        fresh_hashes: Read every hashed evidence file instead of trusting the hash cache
            (``isms check --strict``; the cache is never trusted when ``CI`` is set).
        dates_only: Leave out what no due date depends on: the measures' data files and the
            registers' first records (for `evidence-rewritten`). `isms remind` needs the rest only.
        tree: The ISMS files at a commit (``isms diff``): everything is read from it, nothing from
            disk; ``history`` must then be given. The tree holds no CODEOWNERS; the registers'
            first records are read through the tree's git objects.
        early: The history walk started before the load (`isms.history.early`): taken when it
            was started with the signers and cache ``repo`` asks for, else cancelled and walked again.
    """
    hashed = [item.file for item in repo.evidence.values() if item.sha256 is not None and not item.in_store]
    signers = allowed_signers(repo.config) if repo.config.require_signed_commits else None
    trusted = False if fresh_hashes else None
    full = history
    if full is None and early is not None:
        full = early.take(repo.root, signers, trusted=trusted)
    if full is None:
        full = read_history(repo.root, signers, CommitCache(repo.root, trusted=trusted))
    if tree is not None:
        return Facts(
            history=full,
            hashes=tree.sha256_many(hashed),
            tables=gather_tables(repo, tree),
            trust=gather_trust(repo, today, tree),
            codeowners=None,
            environment=environment(os.environ if environ is None else environ),
            first_records={} if dates_only else first_records(repo, full, tree.fetch),
        )
    cache = HashCache(repo.root, known=known_hashes, trusted=trusted)
    return Facts(
        history=full,
        hashes=cache.many(hashed),
        tables={} if dates_only else gather_tables(repo),
        trust=gather_trust(repo, today),
        codeowners=_codeowners(repo.root),
        environment=environment(os.environ if environ is None else environ),
        first_records={} if dates_only else first_records(repo, full, cache=RecordCache(repo.root, trusted=trusted)),
    )
