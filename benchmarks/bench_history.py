"""Time isms's git history pass alone on the gen_big.py repositories, cold and warm (issue #19).

    python benchmarks/bench_history.py [--sizes 1000,5000,10000] [--runs 3] [--work DIR]
    python benchmarks/bench_history.py --check [--command check|diff] [--before OLD/src] [--sizes ...] [--runs 1]

For each size, in one process per measurement (CPU = user + system of that process and its git
children), paired in the same round so that load on a shared machine hits all alike:
- ``git log``: the floor's own pass (`git log --name-only -z`), what any tool pays to read the history;
- ``cold``: `isms.history.git.read_history` with an empty commit cache (one full walk, cache written);
- ``warm``: the same with the cache the cold run wrote (the commits listed, none diffed);
- ``warm +1``: a warm run after one more commit (on a copy of the repository: only that commit is diffed).
With ``--check``: `isms check --format json` instead, cold (no cache folder) and warm (after a
warming run), each paired with the floor of bench_scale.py measured just before it; ``--before``
names the ``src`` folder of another isms (e.g. ``git archive main src``) to time it in the same
round (PYTHONPATH), before the code under test.
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

sys.path.insert(0, str(Path(__file__).parent))
from bench_scale import TODAY, floor

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


COMMAND = {"check": ["check", "--format", "json"], "diff": ["diff", "--base", "HEAD~50", "--format", "json"]}


def check_cpu(root: Path, cache: Path, cold: bool, src: str | None, command: str = "check") -> float:
    """CPU of one `isms check` (or ``command``) on ``root``: its cache removed first when ``cold``, else warmed."""
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    env.pop("CI", None)
    if src:
        env["PYTHONPATH"] = src
    argv = [sys.executable, "-m", "isms", *COMMAND[command], "--today", TODAY]
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    else:
        subprocess.run(argv, env=env, cwd=root, stdout=subprocess.DEVNULL, check=False)
    child = subprocess.Popen(argv, env=env, cwd=root, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"isms {command} failed on {root}")
    return usage.ru_utime + usage.ru_stime


def bench_check(root: Path, runs: int, before: str | None, command: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="isms-bench-check-"))
    variants = {"before": before, "after": None} if before else {"after": None}
    rows: dict[str, list[tuple[float, float]]] = {}
    for _ in range(runs):
        for kind in ("cold", "warm"):
            for name, src in variants.items():
                floor_cpu = floor(root)[1]
                cpu = check_cpu(root, tmp / f"cache-{name}", kind == "cold", src, command)
                rows.setdefault(f"{name} {kind}", []).append((cpu, floor_cpu))
    shutil.rmtree(tmp, ignore_errors=True)
    for label, pairs in rows.items():
        cpu = statistics.median(p[0] for p in pairs)
        floor_cpu = statistics.median(p[1] for p in pairs)
        print(f"| {root.name} | {label} | {cpu:.2f} | {floor_cpu:.2f} | {cpu / floor_cpu:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench-scale")
    parser.add_argument("--check", action="store_true", help="time `isms check` cold and warm instead")
    parser.add_argument("--before", help="src folder of the isms to compare with (--check)")
    parser.add_argument("--command", choices=sorted(COMMAND), default="check", help="what --check times")
    args = parser.parse_args()
    if args.check:
        print(f"load average {os.getloadavg()[0]:.1f}; CPU s, median of {args.runs}, floor paired with each run")
        print(f"| repository | code, cache | {args.command} CPU s | floor CPU s | × floor |")
        print("|---|---|---:|---:|---:|")
        for size in args.sizes.split(","):
            bench_check(args.work / f"big-{size}", args.runs, args.before, args.command)
        print(f"load average {os.getloadavg()[0]:.1f}")
        return
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
