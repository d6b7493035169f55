"""Split a cold `isms check` run's CPU into our own process and its git children (issue #19).

    python benchmarks/bench_cold_split.py [--sizes 1000,5000,10000] [--runs 3] [--work /tmp/bench]
        [--warm] [--profile DIR]

Each run starts a fresh Python child that runs ``isms check --format json --today 2026-11-26`` in
its own process and, at exit, reports ``getrusage(RUSAGE_SELF)`` (our Python code) and
``getrusage(RUSAGE_CHILDREN)`` (every git process it started and waited for). "Cold" is a new
ISMS_CACHE_DIR for every run; ``--warm`` runs once to fill it, then measures. ``--profile DIR``
also writes a cProfile of one run per size to ``DIR/check-N.prof`` (not timed). The repositories
are only read (``benchmarks/gen_big.py`` ones, e.g. /tmp/bench/big-N).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TODAY = "2026-11-26"
CHILD = """
import json, resource, sys
from isms.cli import main
try:
    code = main(sys.argv[2:])
finally:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(sys.argv[1], "w") as out:
        json.dump({"self": me.ru_utime + me.ru_stime, "git": kids.ru_utime + kids.ru_stime,
                   "peak_kib": me.ru_maxrss}, out)
"""


def run(root: Path, cache: Path, profile: Path | None = None) -> dict[str, float]:
    """Run one check in a child; return its own and its children's CPU seconds."""
    argv = ["check", "--format", "json", "--today", TODAY]
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        if profile is not None:
            cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "isms", *argv]
        else:
            cmd = [sys.executable, "-c", CHILD, report.name, *argv]
        done = subprocess.run(cmd, env=env, cwd=root, stdout=subprocess.DEVNULL, check=False)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed with exit code {done.returncode}")
        if profile is not None:
            return {}
        figures: dict[str, float] = json.loads(Path(report.name).read_text(encoding="utf-8"))
    return figures


def main() -> None:
    """Print a table: size, total CPU, own-process CPU, git CPU (medians), growth against the first size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"))  # noqa: S108 (the shared benchmark folder)
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        root = args.work / f"big-{size}"
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="isms-split-") as cache:
                if args.warm:
                    run(root, Path(cache))
                runs.append(run(root, Path(cache)))
        own = statistics.median(r["self"] for r in runs)
        git = statistics.median(r["git"] for r in runs)
        total = statistics.median(r["self"] + r["git"] for r in runs)
        rows.append((size, total, own, git, max(r["peak_kib"] for r in runs) / 1024))
        if args.profile is not None:
            args.profile.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="isms-split-") as cache:
                if args.warm:
                    run(root, Path(cache))
                run(root, Path(cache), args.profile / f"check-{size}.prof")
        print(f"{size}: total {total:.2f} own {own:.2f} git {git:.2f} load {os.getloadavg()[0]:.2f}", flush=True)
    base = rows[0]
    print("\n| controls | total CPU s | own process s | git children s | peak MiB | growth total / own / git |")
    print("|---:|---:|---:|---:|---:|---|")
    for size, total, own, git, peak in rows:
        growth = f"×{total / base[1]:.1f} / ×{own / base[2]:.1f} / ×{git / base[3]:.1f}"
        print(f"| {size:,} | {total:.2f} | {own:.2f} | {git:.2f} | {peak:.0f} | {growth} |")


if __name__ == "__main__":
    main()
