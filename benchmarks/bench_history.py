"""Time isms's git history pass alone on the gen_big.py repositories, cold and warm (issue #19).

    python benchmarks/bench_history.py [--sizes 1000,5000,10000] [--runs 3] [--work DIR]

For each size, in one process per measurement (CPU = user + system of that process and its git
children), paired in the same round so that load on a shared machine hits all alike:
- ``git log``: the floor's own pass (`git log --name-only -z`), what any tool pays to read the history;
- ``cold``: `isms.history.git.read_history` with an empty commit cache (one full walk, cache written);
- ``warm``: the same with the cache the cold run wrote (the commits listed, none diffed);
- ``warm +1``: a warm run after one more commit (on a copy of the repository: only that commit is diffed).
Repositories come from --work (default /tmp/isms-bench-scale, big-N, as bench_scale.py keeps them);
they are copied, never modified.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """
import sys
from pathlib import Path
from isms.history.cache import CommitCache
from isms.history.git import read_history
root, folder = Path(sys.argv[1]), sys.argv[2]
read_history(root, None, CommitCache(root, Path(folder), trusted=True) if folder else None)
"""


def cpu_of(argv: list[str], cwd: Path | None = None) -> float:
    """Return user + system CPU seconds of ``argv`` and its children."""
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed")
    return usage.ru_utime + usage.ru_stime


def history(root: Path, cache: Path | None) -> float:
    return cpu_of([sys.executable, "-c", PROBE, str(root), str(cache) if cache else ""])


def git_log(root: Path) -> float:
    return cpu_of(["git", "log", "--name-only", "-z", "--format=%H%x1f%aI%x1f%an%x1f%s"], root)


def import_only() -> float:
    return cpu_of([sys.executable, "-c", "import isms.history.git, isms.history.cache"])


def bench_size(root: Path, runs: int) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix="isms-bench-history-"))
    copy = tmp / "repo"
    shutil.copytree(root, copy, symlinks=True)
    times: dict[str, list[float]] = {"git log": [], "imports": [], "cold": [], "warm": [], "warm +1": []}
    for run in range(runs):
        cache = tmp / f"cache-{run}"
        times["git log"].append(git_log(copy))
        times["imports"].append(import_only())
        times["cold"].append(history(copy, cache))
        times["warm"].append(history(copy, cache))
        control = next((copy / "controls").rglob("*.yaml"))
        control.write_text(control.read_text(encoding="utf-8") + f"# reviewed {run}\n", encoding="utf-8")
        subprocess.run(["git", "commit", "-qam", f"Review {run}"], cwd=copy, check=True)
        times["warm +1"].append(history(copy, cache))
    shutil.rmtree(tmp, ignore_errors=True)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench-scale")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}; CPU s, median of {args.runs}; history passes include imports")
    print("| controls | git log | imports | cold | warm | warm +1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        root = args.work / f"big-{size}"
        if not root.exists():
            sys.exit(f"{root} is missing: run benchmarks/bench_scale.py --sizes {size} once (it generates it)")
        t = bench_size(root, args.runs)
        print(
            f"| {int(size):,} | {t['git log']:.2f} | {t['imports']:.2f} | {t['cold']:.2f} "
            f"| {t['warm']:.2f} | {t['warm +1']:.2f} |",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
