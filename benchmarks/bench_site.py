"""Time `isms site build` in its parts: evaluation, page generation, then each engine on the same staging folder.

    python benchmarks/bench_site.py REPO [--engines mkdocs,zensical] [--keep DIR] [--today 2026-11-26]

REPO is a repository from benchmarks/gen_big.py (issue #19 targets: at 10,000 controls the whole
build <= 90 s with MkDocs, and generation, everything before the engine, <= 50 % of the engine's
time). The staging folder is written once (isms.site.build.stage, the code `isms site build` runs);
each engine then builds its own copy of it, one after the other. CPU is user + system time of this
process for the evaluation and the generation, and of the engine's process (wait4) for the
engines; peak memory is the largest resident set. On a shared machine compare CPU, not wall.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from isms.evaluation import evaluate
from isms.site import engine as engines
from isms.site.build import stage


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git, before any engine runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_engine(name: engines.Engine, config: Path, today: dt.date) -> tuple[float, float, int]:
    """Run one engine on a staged config; return (wall s, CPU s, peak KiB)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        engines.command(name, "build", config),
        cwd=config.parent,
        env=engines.engine_env(today),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name} build failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--keep", type=Path, help="keep the staging folders here (default: a temporary folder)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 26))
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="isms-bench-site-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)

    wall, cpu = time.perf_counter(), _cpu()
    evaluation = evaluate(args.repo, args.today)
    print(f"evaluation: {time.perf_counter() - wall:.1f} s wall, {_cpu() - cpu:.1f} s CPU", flush=True)
    wall, cpu = time.perf_counter(), _cpu()
    staging = work / "mkdocs"
    staged = stage(evaluation, "ja", staging, staging / "site")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"generation: {time.perf_counter() - wall:.1f} s wall, {_cpu() - cpu:.1f} s CPU, {staged.pages} pages, "
        f"peak {peak / 1024:.0f} MiB (evaluation and generation)",
        flush=True,
    )
    for name in args.engines.split(","):
        engine: engines.Engine = "zensical" if name == "zensical" else "mkdocs"
        folder = work / engine
        if folder != staging:
            shutil.copytree(staging, folder, ignore=shutil.ignore_patterns("site"))
        wall_s, cpu_s, peak_kib = run_engine(engine, folder / "mkdocs.yml", args.today)
        pages = sum(1 for _ in (folder / "site").rglob("*.html"))
        print(
            f"{engine}: {wall_s:.1f} s wall, {cpu_s:.1f} s CPU, {pages} HTML files, peak {peak_kib / 1024:.0f} MiB, "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
