"""The history walk started ahead of the load, on a thread, while the loader parses YAML (issue 19).

A cold walk of a large ISMS is mostly git's tree diffs, in git's own process; the loader is
Python on one core. Started before the load, the walk runs on the core the loader leaves idle.
What the walk needs from the repository (its allowed signers) is guessed from ``isms.yaml`` before
the load; `EarlyHistory.take` hands the history over only when the load decided the same, and
otherwise cancels it: its git children killed and reaped, its temporary files removed, the
commit cache left as it was (the walk's `CommitCache.save` is held until it is taken).
"""

from __future__ import annotations

import threading
from pathlib import Path

from isms.history.cache import CommitCache
from isms.history.children import Cancelled, Runner
from isms.history.git import read_history
from isms.history.types import History


class EarlyHistory:
    """`read_history(root, allowed_signers, CommitCache(root, trusted=trusted))`, running on a thread."""

    def __init__(self, root: Path, allowed_signers: str | None, *, trusted: bool | None = None) -> None:
        """Start the walk (``trusted`` as in `CommitCache`)."""
        self.root = root.resolve()
        self.signers = allowed_signers
        self.trusted = trusted
        self._cache = CommitCache(self.root, trusted=trusted)
        self._cache.hold()
        self._runner = Runner()
        self._history: History | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._walk, name="isms-history", daemon=True)
        self._thread.start()

    def _walk(self) -> None:
        try:
            self._history = read_history(self.root, self.signers, self._cache, runner=self._runner)
        except Cancelled:
            pass
        except BaseException as exc:  # handed to the caller by `take`
            self._error = exc

    def take(self, root: Path, allowed_signers: str | None, *, trusted: bool | None = None) -> History | None:
        """Return the history when the walk is the one asked for (else cancel it and return None).

        Raises:
            IsmsError: git failed, as `read_history` raises it.
        """
        if (root.resolve(), allowed_signers, trusted) != (self.root, self.signers, self.trusted):
            self.cancel()
            return None
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._history is None:  # cancelled before
            return None
        self._cache.release()
        return self._history

    def cancel(self) -> None:
        """Stop the walk, if it still runs, and wait until its children are reaped and its files removed."""
        self._runner.cancel()
        self._thread.join()
