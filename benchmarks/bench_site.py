"""Time `isms site build` in its parts: evaluation, page generation, then each engine on the same staging folder.

    python benchmarks/bench_site.py REPO [--engines mkdocs,zensical] [--keep DIR] [--today 2026-11-26]
                                         [--pair N]

REPO is a repository from benchmarks/gen_big.py (issue #19 targets: at 10,000 controls the whole
build <= 90 s with MkDocs, and generation, everything before the engine, <= 50 % of the engine's
time). The staging folder is written once (isms.site.build.stage, the code `isms site build` runs);
each engine then builds its own copy of it, one after the other. With ``--pair N`` MkDocs builds its
copy 2N times, alternating in one process and in two (isms.site.engine_parallel; one process by a
fork threshold no site reaches), and the two sites are compared file by file. CPU is user + system
time of this process for the evaluation and the generation, and of the engine's process and its
children (wait4) for the engines. Peak memory of the evaluation and generation is this process's
largest resident set; an engine's is the largest sum of its processes' resident sets, sampled every
0.1 s from /proc (wait4's ru_maxrss would be this process's own: Linux keeps a process's high-water
mark from before its `exec`, and the engine is forked from this one). On a shared machine compare
CPU, not wall.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from isms.evaluation import evaluate
from isms.site import engine as engines
from isms.site.build import stage


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git, before any engine runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: `mkdocs build` in one process: isms.site.engine_parallel forks only above this many pages.
ONE_PROCESS = "from isms.site import parallel; parallel.FORK_ABOVE = 10**12; from mkdocs.__main__ import cli; cli()"


def _tree(pid: int) -> list[int]:
    """Return a process and its descendants (Linux's /proc/PID/task/TID/children)."""
    found, queue = [], [pid]
    while queue:
        each = queue.pop()
        found.append(each)
        try:
            for task in Path(f"/proc/{each}/task").iterdir():
                queue += [int(n) for n in (task / "children").read_text(encoding="ascii").split()]
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


class Peak(threading.Thread):
    """The largest sum of resident sets of a process and its descendants, sampled every 0.1 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.kib, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.kib = max(self.kib, sum(_rss_kib(pid) for pid in _tree(self.pid)))


def run_engine(
    name: engines.Engine, config: Path, today: dt.date, *, one_process: bool = False
) -> tuple[float, float, int]:
    """Run one engine on a staged config; return (wall s, CPU s, peak KiB of its processes together)."""
    start = time.perf_counter()
    command = engines.command(name, "build", config)
    if one_process:
        command[1:3] = ["-c", ONE_PROCESS]
    child = subprocess.Popen(
        command,
        cwd=config.parent,
        env=engines.engine_env(today),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = Peak(child.pid)
    peak.start()
    _, status, usage = os.wait4(child.pid, 0)
    peak.done.set()
    peak.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name} build failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, peak.kib


def _with_site(config: Path, name: str) -> Path:
    """Write a copy of the staged config that builds into ``site-NAME``."""
    text = re.sub(r"^site_dir: .*$", f"site_dir: site-{name}", config.read_text(encoding="utf-8"), flags=re.M)
    path = config.with_name(f"mkdocs.{name}.yml")
    path.write_text(text, encoding="utf-8")
    return path


def differing(one: Path, two: Path) -> list[str]:
    """Return the files that differ between two built sites, or are in one only."""
    ones = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    twos = {p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file()}
    changed = {name for name in ones & twos if not filecmp.cmp(one / name, two / name, shallow=False)}
    return sorted((ones ^ twos) | changed)


def pair(folder: Path, today: dt.date, runs: int) -> None:
    """Build the staged copy in one process and in two, alternating; print each run; compare the sites."""
    configs = {
        "one process": _with_site(folder / "mkdocs.yml", "one"),
        "two processes": _with_site(folder / "mkdocs.yml", "two"),
    }
    for run in range(runs):
        for label in sorted(configs, reverse=run % 2 == 1):
            wall_s, cpu_s, peak_kib = run_engine("mkdocs", configs[label], today, one_process=label == "one process")
            print(
                f"mkdocs {label}, run {run + 1}: {wall_s:.1f} s wall, {cpu_s:.1f} s CPU, "
                f"peak {peak_kib / 1024:.0f} MiB, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
                flush=True,
            )
    found = differing(folder / "site-one", folder / "site-two")
    if found:
        sys.exit(f"the sites differ: {found[:10]}")
    print(f"the two sites are identical ({sum(1 for p in (folder / 'site-two').rglob('*') if p.is_file())} files)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--keep", type=Path, help="keep the staging folders here (default: a temporary folder)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 26))
    parser.add_argument("--pair", type=int, default=0, help="MkDocs in one process and in two, N times each")
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
        if engine == "mkdocs" and args.pair:
            pair(folder, args.today, args.pair)
            continue
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
