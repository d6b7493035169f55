"""Where `isms site build` stages the engine's docs folder: in memory when there is room (issue #19).

The staging folder is scratch: written once, read by the engine, deleted when the build ends. At
10,000 controls it is 10,000 files and about 300 MB; on a disk-backed temp folder (ext4 on a virtual
disk) creating them took 1-4 s of the 7-10 s the pages take, on tmpfs 0.4 s. So on Linux, when the
user has not chosen a temp folder (``TMPDIR``), it goes to ``/dev/shm`` (tmpfs, memory) if that has
room for twice the estimate of what will be written and twice as much memory is available: a
container's 64 MB ``/dev/shm`` or a small machine keeps the temp folder. The estimate is
`BYTES_PER_ITEM` per control, evidence item, risk, audit and policy (the pages and downloads written
from them were 2.9 KB per evidence item at 10,000 controls), plus the public evidence files copied
in, plus `BASE_BYTES` (the theme's assets, the search segmenter). The folder is made by `tempfile`
(mode 0700, a random name) either way, and deleted either way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from isms.evaluation import Evaluation
from isms.forking import memory_available
from isms.site.redact import published_files

#: The memory-backed folder Linux mounts for everyone (tmpfs).
SHM = Path("/dev/shm")  # noqa: S108 - a folder that tempfile makes a private, randomly named folder in
BYTES_PER_ITEM = 8 << 10
BASE_BYTES = 16 << 20
LINUX = sys.platform.startswith("linux")


def estimate(evaluation: Evaluation) -> int:
    """Return about how many bytes the staging folder of ``evaluation``'s site will hold (an upper estimate)."""
    repo = evaluation.repository
    items = len(repo.controls) + len(repo.evidence) + len(repo.risks) + len(repo.audits) + len(repo.policies)
    copied = 0
    for published in published_files(repo):
        try:
            copied += (repo.root / published.source).stat().st_size
        except OSError:
            continue  # the copy itself says what is wrong with it
    return BASE_BYTES + items * BYTES_PER_ITEM + copied


def _tmpfs(folder: Path) -> bool:
    """Return True when ``folder`` is a mount point of a tmpfs (read from ``/proc/self/mounts``)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            return any(fields[1:3] == [str(folder), "tmpfs"] for fields in map(str.split, mounts))
    except OSError:
        return False


def staging_parent(evaluation: Evaluation) -> str | None:
    """Return the folder to stage ``evaluation``'s site in: `SHM` when it has room, None for the temp folder."""
    if not LINUX or os.environ.get("TMPDIR"):
        return None
    if not (_tmpfs(SHM) and os.access(SHM, os.W_OK | os.X_OK)):
        return None
    need = 2 * estimate(evaluation)
    return str(SHM) if free_space(SHM) >= need and memory_available() >= need else None


def free_space(folder: Path) -> int:
    """Return the bytes an unprivileged user may still write in ``folder``'s file system; 0 when unknown."""
    try:
        stats = os.statvfs(folder)
    except OSError:
        return 0
    return stats.f_bavail * stats.f_frsize
