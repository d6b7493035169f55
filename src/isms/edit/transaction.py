"""One edit at a time, and a set of files written as a set.

Every editing command (``evidence add|refresh``, ``control new``, ``import``, ``codeowners``)
runs inside :func:`editing`: an exclusive lock on the repository (``flock`` on ``.isms-edit.lock``
in ``.git/``, else in the cache folder; the kernel releases it even after ``kill -9``), so a second
edit waits for the first instead of losing its entry, and refuses with a clear message after a while.

Several files are written through a journal (:func:`write_set`): every new content is first
written to a temporary file next to its target and flushed to disk, then the journal records the
set as committed, then the temporaries are renamed into place (files that define names, such as
``isms.yaml``, before the files that use them, so that every state in between is valid). A crash
before the commit leaves the old repository (its temporaries are removed by the next edit); a
crash after it is finished by the next edit (the renames are completed): either way, the old or
the new repository, never a mix, and no temporary file left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from isms.cache import cache_dir, root_key
from isms.errors import IsmsError
from isms.vocabulary import Words

LOCK_NAME = ".isms-edit.lock"
JOURNAL_NAME = ".isms-edit.journal"
#: How long a second edit waits for the first before it refuses.
WAIT_SECONDS = 30.0

#: Files renamed first: those that define what other files refer to (owners, frameworks, evidence).
_ORDER = ("isms.yaml", "catalogs/", "evidence/", "assets/", "risks/", "controls/", "policies/", "exceptions/")


def state_folder(root: Path) -> Path:
    """Return where the lock and the journal live: ``.git/``, else a folder of the cache (never the work tree)."""
    git = root / ".git"
    if git.is_dir():
        return git
    key = root_key(root)
    folder = cache_dir() / "edits" / key
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _rank(root: Path, target: Path) -> int:
    try:
        rel = target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return len(_ORDER)
    return next((i for i, prefix in enumerate(_ORDER) if rel == prefix or rel.startswith(prefix)), len(_ORDER))


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _write_journal(journal: Path, state: str, pairs: list[tuple[Path, Path]]) -> None:
    staged = journal.with_name(journal.name + ".new")
    document = {"state": state, "files": [[str(tmp), str(target)] for tmp, target in pairs]}
    _write_durably(staged, json.dumps(document).encode("utf-8"))
    os.replace(staged, journal)


def recover(root: Path) -> list[Words]:
    """Finish or undo an edit that was interrupted; return what was done, ``(ja, en)`` (empty when nothing was pending).

    The command prints each line in the terminal's language (``messages`` of its options).
    """
    journal = state_folder(root) / JOURNAL_NAME
    journal.with_name(journal.name + ".new").unlink(missing_ok=True)
    try:
        document = json.loads(journal.read_text(encoding="utf-8"))
        state = str(document["state"])
        pairs = [(Path(tmp), Path(target)) for tmp, target in document["files"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)
        return [("読めない編集ジャーナルを削除しました", "removed an unreadable edit journal")]
    done: list[Words] = []
    for temporary, target in pairs:
        if not temporary.exists():
            continue
        if state == "committed":
            os.replace(temporary, target)
            done.append(
                (f"中断された {target} の書き込みを完了しました", f"completed the interrupted write of {target}")
            )
        else:
            temporary.unlink()
            done.append(
                (
                    f"中断された編集の一時ファイルを削除しました（{temporary.name}）",
                    f"removed the temporary file of an interrupted edit ({temporary.name})",
                )
            )
    journal.unlink(missing_ok=True)
    return done


def write_set(root: Path, changes: Mapping[Path, str]) -> None:
    """Write several files under ``root`` as a set (see the module docstring); call it inside :func:`editing`.

    Raises:
        IsmsError: A file could not be written before the commit (nothing was changed).
    """
    journal = state_folder(root) / JOURNAL_NAME
    ordered = sorted(changes.items(), key=lambda change: _rank(root, change[0]))
    staged: list[tuple[Path, Path]] = []
    try:
        for target, _ in ordered:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(fd)
            staged.append((Path(name), target))
        _write_journal(journal, "staging", staged)
        for (temporary, target), (_, content) in zip(staged, ordered, strict=True):
            _write_durably(temporary, content.encode("utf-8"))
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
            os.chmod(temporary, mode)
        _write_journal(journal, "committed", staged)
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        journal.unlink(missing_ok=True)
        msg = f"cannot write {exc.filename or 'files'}: {exc.strerror or exc}; nothing was changed"
        ja = f"{exc.filename or 'files'} に書き込めません: {exc.strerror or exc}。何も変更していません"
        raise IsmsError(msg, ja=ja) from None
    for temporary, target in staged:
        os.replace(temporary, target)
    journal.unlink(missing_ok=True)


@contextlib.contextmanager
def editing(root: Path, wait: float = WAIT_SECONDS) -> Iterator[list[Words]]:
    """Hold the repository's edit lock; first finish or undo an interrupted edit (what was done is yielded).

    Raises:
        IsmsError: when another isms edit holds the lock for longer than ``wait`` seconds.
    """
    folder = state_folder(root)
    lock = folder / LOCK_NAME
    try:
        handle = open(lock, "a+b")  # noqa: SIM115  # held open for the lock's lifetime
    except OSError as exc:
        msg = f"cannot lock the repository ({lock}: {exc.strerror}); is the folder writable?"
        ja = f"リポジトリをロックできません（{lock}: {exc.strerror}）。フォルダに書き込めますか？"
        raise IsmsError(msg, ja=ja) from None
    try:
        _acquire(handle, lock, wait)
        yield recover(root)
    finally:
        handle.close()  # closing releases the lock


if sys.platform != "win32":
    import fcntl

    def _acquire(handle: BinaryIO, lock: Path, wait: float) -> None:
        fileno = handle.fileno()
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fileno, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    msg = (
                        f"another isms edit is running on this repository (it holds {lock}); "
                        "wait for it to finish and run the command again"
                    )
                    ja = (
                        f"このリポジトリでは別の isms の編集が実行中です（{lock} を保持しています）。"
                        "終わるのを待って、もう一度コマンドを実行してください"
                    )
                    raise IsmsError(msg, ja=ja) from None
                time.sleep(0.05)
            else:
                return

else:  # pragma: no cover - Windows has no flock; edits there are not serialised

    def _acquire(handle: BinaryIO, lock: Path, wait: float) -> None:
        return
