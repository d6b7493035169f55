"""The two revisions of `isms diff`, evaluated side by side on two cores (issue 19).

A diff is two whole evaluations, each as costly as an `isms check`. Where a fork is safe and pays
(:func:`isms.forking.fork_pays`: Linux, more than one CPU, no other thread, memory to spare), a child
forked before either is read evaluates the base while this process evaluates the head; the child
sends back only what the comparison reads (:class:`~isms.diff.compare.Summary`, pickled through a
pipe). Each side then reads, parses and hashes its own files and walks its own history.

Elsewhere, and whenever the child fails in any way (an exception, a signal, a short or unreadable
answer, no answer in the time :func:`isms.forking.child_answer` allows), the base is evaluated here,
as it is without a child: the error a failing revision raises is the one raised in turn (the base's
first). In turn, the second revision takes the parses and blob hashes of the files both share, and
the commits both histories share are walked once.

Only this process writes the commit cache, as in turn the head's walk does last: the child's is held.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import pickle
import signal
from pathlib import Path
from typing import NoReturn

from isms import forking
from isms.diff.compare import Summary, file_contents, summarise
from isms.diff.snapshot import TreeAt, history_at
from isms.evaluation import evaluate
from isms.history.cache import CommitCache
from isms.loader.yaml import parse_once
from isms.model.base import Lang

#: Whether a child may be forked at all (tests set it False to compare with the evaluation in turn).
FORK = True


def _side(
    root: Path,
    at: TreeAt,
    day: dt.date | None,
    lang: Lang,
    commits: CommitCache,
    blob_hashes: dict[str, str] | None = None,
) -> Summary:
    """Evaluate one revision and return its summary (``commits`` and ``blob_hashes`` may be shared)."""
    tree = at.tree(root, blob_hashes)
    history = history_at(root, at.commit, at.prefix, commits)
    evaluation = evaluate(root, day, history=history, tree=tree)
    return summarise(at.rev, at.commit, evaluation, file_contents(evaluation, tree), lang)


def in_turn(root: Path, base: TreeAt, head: TreeAt, day: dt.date | None, lang: Lang) -> tuple[Summary, Summary]:
    """Evaluate the base, then the head, in this process, sharing what both revisions hold."""
    commits = CommitCache(root)  # the commits both revisions share are diffed once (and not at all when cached)
    blob_hashes: dict[str, str] = {}  # a blob both revisions hold is hashed once, and parsed once
    with parse_once():
        before = _side(root, base, day, lang, commits, blob_hashes)
        gc.freeze()  # the shared parses are kept to the end: the next evaluation's collections need not scan them
        after = _side(root, head, day, lang, commits, blob_hashes)
    return before, after


def _child(root: Path, base: TreeAt, day: dt.date | None, lang: Lang, fd: int) -> NoReturn:
    """Evaluate the base, write its pickled summary to ``fd`` and leave without the parent's exit handlers."""
    code = 1
    try:
        commits = CommitCache(root)
        commits.hold()  # never released: the parent's walk writes the cache
        data = pickle.dumps(_side(root, base, day, lang, commits), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def _base(root: Path, base: TreeAt, day: dt.date | None, lang: Lang, child: forking.Forked) -> Summary:
    """Return the summary the child sends; evaluate the base here when it sends none."""
    data, code = child.answer()
    if code == 0:
        try:
            loaded = pickle.loads(data)  # noqa: S301 - our own child's output through our own pipe
        except Exception:  # a short or broken answer: the base is evaluated here instead
            loaded = None
        if isinstance(loaded, Summary):
            return loaded
    return _side(root, base, day, lang, CommitCache(root))


def summaries(root: Path, base: TreeAt, head: TreeAt, day: dt.date | None, lang: Lang) -> tuple[Summary, Summary]:
    """Return the summaries of ``base`` and ``head`` as of ``day``: on two cores where it is safe, else in turn.

    Raises:
        IsmsError: a revision cannot be evaluated (the base's error first, as in turn).
    """
    if not (FORK and forking.fork_pays()):
        return in_turn(root, base, head, day, lang)
    forked = forking.fork_child()
    if forked is None:
        return in_turn(root, base, head, day, lang)
    if forked.pid == 0:  # pragma: no cover - the child leaves through os._exit
        _child(root, base, day, lang, forked.fd)
    try:
        after = _side(root, head, day, lang, CommitCache(root))
    except Exception:
        _base(root, base, day, lang, forked)  # the base's error first, as in turn
        raise
    except BaseException:  # Ctrl-C, SystemExit: no child left behind
        with contextlib.suppress(OSError):
            os.kill(forked.pid, signal.SIGKILL)
        forked.answer()
        raise
    return _base(root, base, day, lang, forked), after
