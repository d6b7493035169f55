"""git children that another thread can stop: the history walk started ahead of the load (`isms.history.early`).

The door to git stays `isms.history.git`: it builds the commands; this module only runs them.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO


class Cancelled(Exception):  # not an error: the caller asked for it
    """A `Runner`'s work was cancelled."""


class Runner:
    """The git children of one piece of work, which another thread may stop at any time (`cancel`).

    Each child writes to a file, never to a pipe nobody reads, and is reaped by `finish`, killed or not.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._children: set[subprocess.Popen[bytes]] = set()
        self.cancelled = False

    def start(
        self, argv: list[str], cwd: Path, stdin: IO[bytes] | None, stdout: IO[bytes], env: Mapping[str, str]
    ) -> subprocess.Popen[bytes]:
        """Start a child writing to ``stdout``; `finish` it.

        Raises:
            Cancelled: `cancel` was called (no child is started then).
        """
        with self._lock:
            self.check()
            child = subprocess.Popen(
                argv,
                cwd=cwd,
                stdin=subprocess.DEVNULL if stdin is None else stdin,
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=env,
            )
            self._children.add(child)
        return child

    def finish(self, child: subprocess.Popen[bytes]) -> bytes:
        """Wait for ``child`` and return its stderr."""
        try:
            _, stderr = child.communicate()
        finally:
            with self._lock:
                self._children.discard(child)
        return stderr

    def check(self) -> None:
        """Raise `Cancelled` once `cancel` was called."""
        if self.cancelled:
            raise Cancelled

    def run(
        self, argv: list[str], *, cwd: Path, stdin: bytes | None, env: Mapping[str, str]
    ) -> subprocess.CompletedProcess[bytes]:
        """`subprocess.run` with the output captured (in temporary files), as a child `cancel` can kill."""
        with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as out:
            if stdin is not None:
                given.write(stdin)
                given.seek(0)
            child = self.start(argv, cwd, None if stdin is None else given, out, env)
            stderr = self.finish(child)
            self.check()
            out.seek(0)
            return subprocess.CompletedProcess(argv, child.returncode, out.read(), stderr)

    def cancel(self) -> None:
        """Kill the running children; from now on `start` and `check` raise `Cancelled`."""
        with self._lock:
            self.cancelled = True
            for child in self._children:
                child.kill()
