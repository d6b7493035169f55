"""An ISMS as it was at a commit, read from git objects without checking anything out.

Only the ISMS paths (``isms.yaml`` and the ISMS folders) are listed with ``git ls-tree``.
:func:`revision` gives them as a :class:`isms.files.Tree` that the loader and the gathering
step read from directly (blobs in ``git cat-file --batch`` passes, nothing written to disk);
:func:`snapshot` writes them into a temporary folder outside the work tree, for what needs
real files (the site an audit pack builds). The work tree, the index and HEAD are never touched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from isms.errors import IsmsError, UsageError
from isms.files import Tree, TreeEntry
from isms.gather.hashing import HashCache, sha256_bytes
from isms.history.cache import CommitCache
from isms.history.git import TRACKED_TOPS, log_commits, per_file, read_objects, shallow_or_replaced
from isms.history.git import run_git as git
from isms.history.types import History

#: Environment variables that would redirect git away from the repository we name (set inside hooks).


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A materialised revision.

    Attributes:
        rev: The revision as the user named it.
        commit: The full commit id.
        root: The temporary folder holding the ISMS files of that commit.
        history: Git history as of that commit (the commits reachable from it).
        hashes: SHA-256 of every regular file written, computed from the blob in memory.
    """

    rev: str
    commit: str
    root: Path
    history: History
    hashes: dict[str, str]


def resolve(root: Path, rev: str) -> str:
    """Return the commit id ``rev`` names.

    Raises:
        UsageError: ``root`` is not in a git repository, or ``rev`` names no commit.
    """
    try:
        git(root, "rev-parse", "--git-dir")
    except IsmsError:
        msg = f"{root}: not in a git repository; `isms diff` compares commits"
        ja = f"{root}: git リポジトリの中ではありません。`isms diff` はコミット同士を比較します"
        raise UsageError(msg, ja=ja) from None
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except IsmsError:
        msg = f"`{rev}` is not a commit in {root}; fetch it (CI: `fetch-depth: 0`) or check the name"
        ja = (
            f"`{rev}` は {root} のコミットではありません。取得するか（CI では `fetch-depth: 0`）、"
            "名前を確認してください"
        )
        raise UsageError(msg, ja=ja) from None


def _prefix(root: Path) -> str:
    """Return the ISMS root relative to the git top level, ``""`` or ``"sub/dir/"``."""
    return git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()


def _entries(root: Path, commit: str, prefix: str, wanted: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Return ``(mode, blob id, path relative to the ISMS root)`` of the ISMS files at ``commit``."""
    tops = [f"{prefix}{top.rstrip('/')}" for top in wanted]
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *tops)
    entries = []
    for record in listing.decode("utf-8").split("\0"):
        if not record:
            continue
        meta, name = record.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind == "blob" and name.startswith(prefix):
            entries.append((mode, blob, name[len(prefix) :]))
    return entries


def _tree_files(root: Path, commit: str, prefix: str) -> dict[str, TreeEntry]:
    """Return the ISMS files at ``commit`` by path relative to the ISMS root (mode, blob id, size)."""
    tops = [f"{prefix}{top.rstrip('/')}" for top in TRACKED_TOPS]
    listing = git(root, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *tops)
    files: dict[str, TreeEntry] = {}
    for record in listing.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, name = record.split("\t", 1)
        mode, kind, blob, size = meta.split()
        rel = name[len(prefix) :]
        if kind in ("blob", "commit") and name.startswith(prefix) and "/../" not in f"/{rel}/":
            files[rel] = TreeEntry(mode, blob, int(size) if size.isdigit() else 0)
    return files


@dataclass(frozen=True, slots=True)
class TreeAt:
    """The listing of a revision's ISMS files, nothing read yet (:meth:`tree`), its history not walked.

    Attributes:
        rev: The revision as the user named it.
        commit: The full commit id.
        prefix: The ISMS root relative to the git top level, ``""`` or ``"sub/dir/"``.
        files: Its ISMS files by path relative to the ISMS root.
    """

    rev: str
    commit: str
    prefix: str
    files: dict[str, TreeEntry]

    def tree(self, root: Path, blob_hashes: dict[str, str] | None = None) -> Tree:
        """Return the files as a tree the loader reads from git objects (its YAML sources read now, in one pass).

        Pass the same ``blob_hashes`` dict to the trees of one diff to hash shared blobs once.
        """
        return Tree(self.files, lambda names: read_objects(root, names), blob_hashes)


@dataclass(frozen=True, slots=True)
class Revision:
    """A revision read from git objects.

    Attributes:
        rev: The revision as the user named it.
        commit: The full commit id.
        tree: Its ISMS files (the loader reads them from git objects).
        history: Git history as of that commit (the commits reachable from it).
    """

    rev: str
    commit: str
    tree: Tree
    history: History


def tree_at(root: Path, rev: str) -> TreeAt:
    """Return the listing of the ISMS files at ``rev``.

    Raises:
        UsageError: ``rev`` is not a commit, or the ISMS did not exist there.
    """
    commit = resolve(root, rev)
    prefix = _prefix(root)
    files = _tree_files(root, commit, prefix)
    if files.get("isms.yaml", TreeEntry("", "", 0)).mode not in ("100644", "100755"):
        msg = f"`{rev}` ({commit[:10]}) has no {prefix}isms.yaml: the ISMS did not exist there yet"
        ja = f"`{rev}` ({commit[:10]}) には {prefix}isms.yaml がありません。その時点では ISMS はまだありませんでした"
        raise UsageError(msg, ja=ja)
    return TreeAt(rev, commit, prefix, files)


def revision(
    root: Path, rev: str, blob_hashes: dict[str, str] | None = None, history_cache: CommitCache | None = None
) -> Revision:
    """Return the ISMS at ``rev`` as a tree of git objects, with its history; nothing is written to disk.

    Pass the same ``blob_hashes`` dict to the revisions of one diff to hash shared blobs once, and
    the same ``history_cache`` to walk the commits they share once.

    Raises:
        UsageError: ``rev`` is not a commit, or the ISMS did not exist there.
    """
    at = tree_at(root, rev)
    return Revision(rev, at.commit, at.tree(root, blob_hashes), history_at(root, at.commit, at.prefix, history_cache))


def _read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """Read many blobs with one `git cat-file --batch`."""
    return {blob: content for blob, content in read_objects(root, blobs).items() if content is not None}


def _materialise(
    root: Path, commit: str, prefix: str, target: Path, wanted: tuple[str, ...], blob_hashes: dict[str, str]
) -> dict[str, str]:
    """Write the files of ``commit`` under ``wanted`` to ``target``; return the SHA-256 of each regular file.

    ``blob_hashes`` (blob id -> SHA-256) is shared by the revisions of one diff: a blob both
    sides hold (blob ids are content addresses) is hashed once.
    """
    entries = _entries(root, commit, prefix, wanted)
    contents = _read_blobs(root, [blob for _, blob, _ in entries])
    hashes: dict[str, str] = {}
    folders: set[Path] = set()
    for mode, blob, rel in entries:
        if ".." in PurePosixPath(rel).parts:
            continue
        path = target / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        if mode == "120000":  # a symlink: recreate it, discovery refuses the ones leaving the root
            path.symlink_to(contents[blob].decode("utf-8", "surrogateescape"))
        else:
            path.write_bytes(contents[blob])
            if blob not in blob_hashes:
                blob_hashes[blob] = sha256_bytes(contents[blob])
            hashes[rel] = blob_hashes[blob]
    return hashes


def history_at(root: Path, commit: str, prefix: str, cache: CommitCache | None = None) -> History:
    """Return the history of the ISMS files as of ``commit`` (what `isms check` would see there).

    ``cache`` holds the commits walked before (the revisions of one diff share most of them).
    """
    shallow, replaced = shallow_or_replaced(root)
    if shallow or replaced:
        cache = None
    if cache is not None:
        cache.open(None)
    commits = log_commits(root, commit, prefix, cache=cache, errors="surrogateescape")
    return History(available=True, partial=shallow, head=commit, files=per_file(commits))


#: What the site needs besides the ISMS files: its config and the hand-written pages.
SITE_TOPS = ("mkdocs.yml", "docs/")


@contextmanager
def snapshot(
    root: Path, rev: str, blob_hashes: dict[str, str] | None = None, *, extra: tuple[str, ...] = ()
) -> Iterator[Snapshot]:
    """Materialise the ISMS at ``rev`` in a temporary folder; remove it (and its hash cache) afterwards.

    Pass the same ``blob_hashes`` dict to the snapshots of one diff to hash shared blobs once;
    ``extra`` names more paths to materialise (e.g. :data:`SITE_TOPS` to build the site there).

    Raises:
        UsageError: ``rev`` is not a commit, or the ISMS did not exist there.
    """
    commit = resolve(root, rev)
    prefix = _prefix(root)
    with tempfile.TemporaryDirectory(prefix="isms-diff-") as folder:
        target = Path(folder) / "isms"
        target.mkdir()
        hashes = _materialise(
            root, commit, prefix, target, (*TRACKED_TOPS, *extra), {} if blob_hashes is None else blob_hashes
        )
        if not (target / "isms.yaml").is_file():
            msg = f"`{rev}` ({commit[:10]}) has no {prefix}isms.yaml: the ISMS did not exist there yet"
            ja = (
                f"`{rev}` ({commit[:10]}) には {prefix}isms.yaml がありません。その時点では ISMS はまだありませんでした"
            )
            raise UsageError(msg, ja=ja)
        try:
            yield Snapshot(rev, commit, target, history_at(root, commit, prefix), hashes)
        finally:
            HashCache(target).file.unlink(missing_ok=True)  # the folder is gone: its cache entry is useless
