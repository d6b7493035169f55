"""Time every reading command on group-sized repositories and compare each with the floor (issue #19).

    python benchmarks/bench_scale.py [--sizes 1000,5000,10000] [--runs 3] [--work DIR] [--only check,diff]

Repositories come from benchmarks/gen_big.py (N controls of an own framework plus Annex A,
~10 evidence files per control in registers of 50, 2 commits per control) and are kept in --work
between runs. The floor is what any tool must pay, measured in the same run: PyYAML's C loader
over every YAML file, sha256 of every evidence file (uncached) and one `git log --name-only -z`.
Each figure is the median of --runs runs, wall and CPU (user + system) time, the latter
less disturbed by other load on a shared machine; peak memory is the largest resident set of the
command's process (getrusage of the child). Targets: check <= 2x floor and linear, warm < cold;
validate/metrics/soa/export <= check + 20 %; diff <= 1.5x check; site build at 10k <= 90 s.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).parent))
from gen_big import generate

TODAY = "2026-11-26"
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "check cold": ["check", "--format", "json"],
    "check warm": ["check", "--format", "json"],
    "metrics": ["metrics", "--format", "json"],
    "soa": ["soa", "--out", "{tmp}/soa.xlsx"],
    "export oscal": ["export", "oscal", "--out", "{tmp}/oscal"],
    "diff HEAD~50": ["diff", "--base", "HEAD~50", "--format", "json"],
    "site build": ["site", "build", "--out", "{tmp}/site"],
}
NO_TODAY = {"validate"}


class Run(NamedTuple):
    """One measured run (or the medians of several): seconds and KiB."""

    wall: float
    cpu: float
    peak_kib: int


def floor(root: Path) -> tuple[float, float]:
    """(wall, CPU) seconds to parse every YAML file, hash every evidence file and walk the history once."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in root.rglob("*.yaml"):
        if ".git" not in path.parts:
            with contextlib.suppress(yaml.YAMLError, ValueError):  # the generator's defects (an impossible date)
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    for path in (root / "evidence").rglob("*"):
        if path.is_file() and path.suffix != ".yaml":
            hashlib.sha256(path.read_bytes()).hexdigest()
    cpu = time.process_time() - cpu
    argv = ["git", "log", "--name-only", "-z", "--format=%H%x1f%aI%x1f%an%x1f%s"]
    child = subprocess.Popen(argv, cwd=root, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, cpu + usage.ru_utime + usage.ru_stime


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Run one command; return its wall and CPU seconds and peak resident set."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed with exit code {code}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median_of(runs: int, measure: Callable[[], Run]) -> Run:
    results = [measure() for _ in range(runs)]
    return Run(
        statistics.median(r.wall for r in results),
        statistics.median(r.cpu for r in results),
        max(r.peak_kib for r in results),
    )


def bench_size(controls: int, work: Path, runs: int, only: set[str] | None) -> None:
    root = work / f"big-{controls}"
    if not root.exists():
        print(f"generating {root} ...", file=sys.stderr, flush=True)
        generate(root, controls)
    cache = work / f"cache-{controls}"
    tmp = Path(tempfile.mkdtemp(prefix="isms-bench-"))
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    floors: list[tuple[float, float]] = []
    base = [sys.executable, "-m", "isms"]

    def measure(name: str) -> Run:
        floors.append(floor(root))  # paired: one floor per command run, under the same load
        if name == "check cold":
            shutil.rmtree(cache, ignore_errors=True)
        if name == "check warm":
            run_once([*base, "check", "--format", "json"], env, root)  # make sure the cache is warm
        argv = [arg.replace("{tmp}", str(tmp)) for arg in COMMANDS[name]]
        today = [] if name in NO_TODAY else ["--today", TODAY]
        return run_once(base + argv + today, env, root)

    results: dict[str, Run] = {}
    for name in COMMANDS:
        if only is None or name in only:
            results[name] = median_of(runs, functools.partial(measure, name))
    floors = floors or [floor(root)]
    floor_wall = statistics.median(f[0] for f in floors)
    floor_cpu = statistics.median(f[1] for f in floors)
    check = results.get("check cold")
    size = f"{controls} controls (+ Annex A)"
    print(f"\n{size}: floor {floor_wall:.2f} s wall, {floor_cpu:.2f} s CPU (median of {len(floors)})")
    print("| command | wall s | × floor | CPU s | × floor CPU | × check (wall) | peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, run in results.items():
        vs_check = f"{run.wall / check.wall:.2f}" if check else "-"
        print(
            f"| {name} | {run.wall:.2f} | {run.wall / floor_wall:.2f} | {run.cpu:.2f} | {run.cpu / floor_cpu:.2f} "
            f"| {vs_check} | {run.peak_kib / 1024:.0f} |",
            flush=True,
        )
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000", help="controls of the own framework, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench-scale")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(COMMANDS)}")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    args.work.mkdir(parents=True, exist_ok=True)
    for size in args.sizes.split(","):
        bench_size(int(size), args.work, args.runs, only)


if __name__ == "__main__":
    main()
