"""Time `isms site build` end to end, with MkDocs in one process and in two, alternating.

    python benchmarks/bench_site_build.py REPO --work DIR [--runs 1] [--today 2026-11-26]

REPO is a repository from benchmarks/gen_big.py (issue #19 target: at 10,000 controls the whole
build <= 90 s). Each run is the real command, `isms site build --root REPO --out DIR/<mode>-N`, in a
new process; "one process" starts it through a wrapper that has `isms.site.engine.command` run MkDocs
with isms.site.engine_parallel's fork threshold out of reach (bench_site.ONE_PROCESS), "two
processes" as it is. The first run fills the evaluation's cache (`ISMS_CACHE_DIR` is left as it is),
so later runs are warm. Printed per run: wall, CPU (user + system of the command and its children,
wait4), the peak of the resident sets of all its processes together (sampled every 0.1 s) and isms'
own line (evaluation, pages, MkDocs). The two sites of the last pair must be byte-identical.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench_site import ONE_PROCESS, Peak, differing

WRAPPER = f"""
import sys
from isms.site import engine
command = engine.command
def one_process(*args, **kwargs):
    python, _, _, *rest = command(*args, **kwargs)  # python -m mkdocs ...
    return [python, "-c", {ONE_PROCESS!r}, *rest]
if sys.argv[1] == "one":
    engine.command = one_process
from isms.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def build(mode: str, repo: Path, out: Path, today: dt.date) -> None:
    shutil.rmtree(out, ignore_errors=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    args = ["site", "build", "--root", str(repo), "--out", str(out), "--today", today.isoformat()]
    start = time.perf_counter()
    env = {**os.environ, "ISMS_LANG": "en"}  # isms' summary line, read below, in English
    child = subprocess.Popen([sys.executable, "-c", WRAPPER, mode, *args], stdout=subprocess.PIPE, text=True, env=env)
    peak = Peak(child.pid)
    peak.start()
    said = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    peak.done.set()
    peak.join()
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"isms site build failed ({mode})")
    summary = next((line for line in said.splitlines() if "evaluation" in line), "")
    cpu = usage.ru_utime + usage.ru_stime
    print(
        f"{mode} process{'es' if mode == 'two' else ''}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak {peak.kib / 1024:.0f} MiB, load {load} -> {os.getloadavg()[0]:.1f}; {summary.split(';')[-1].strip()}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--work", type=Path, required=True, help="the sites are built here")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 26))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for run in range(args.runs):
        for mode in ("one", "two") if run % 2 == 0 else ("two", "one"):
            build(mode, args.repo, args.work / mode, args.today)
    found = differing(args.work / "one", args.work / "two")
    if found:
        sys.exit(f"the sites differ: {found[:10]}")
    print("the two sites are identical")


if __name__ == "__main__":
    main()
