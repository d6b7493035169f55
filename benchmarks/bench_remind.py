"""Time `isms remind` against `isms check` on a generated repository and report the ratio.

    python benchmarks/bench_remind.py [--size 10000:100000:20000] [--big N] [--runs 3] [--work DIR]

The repository is bench_check.py's synthetic one (``--size controls:evidence:commits``, via
generate.py) or, with ``--big N``, gen_big.py's group-sized ISMS of N controls (own framework
plus Annex A, deliberate defects, evidence rewritten in history). Both commands run warm (a
first run fills the hash cache) and alternately, ``--runs`` times each; the least wall time and
the least CPU time (process and children, e.g. git) of each are compared, so a busy machine
disturbs the comparison little.

Target (issue #15): `isms remind` at the 10,000-control size takes no longer than `isms check`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gen_big
from generate import generate

TODAY = "2026-11-26"


def run_isms(root: Path, cache: Path, *args: str) -> tuple[float, float]:
    """Return (wall, CPU seconds) of one `isms ARGS --root ROOT --today TODAY --format json`.

    CPU time is that of the process and its children (git) alone, so other load on the machine
    hardly moves it; wall time is what a user waits.
    """
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "isms", *args, "--root", str(root), "--today", TODAY, "--format", "json"]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # check exits 1 on findings
        sys.exit(f"isms {args[0]} failed with exit code {code}")
    return wall, usage.ru_utime + usage.ru_stime


def repository(args: argparse.Namespace) -> tuple[Path, str]:
    """Return the repository to time (generated once) and a description of it."""
    if args.big:
        root = args.work / f"big-{args.big}"
        if not root.exists():
            gen_big.generate(root, args.big)
        return root, f"gen_big.py, {args.big} controls"
    controls, evidence, commits = (int(x) for x in args.size.split(":"))
    root = args.work / f"c{controls}-e{evidence}-g{commits}"
    if not root.exists():
        generate(root, controls, evidence, commits)
    return root, f"generate.py, {controls} controls, {evidence} evidence, {commits} commits"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="10000:100000:20000", help="controls:evidence:commits (generate.py)")
    parser.add_argument("--big", type=int, default=0, metavar="N", help="use gen_big.py with N controls instead")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each command (least is kept)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench")
    args = parser.parse_args()
    root, what = repository(args)
    cache = args.work / f"cache-{root.name}"
    run_isms(root, cache, "check")  # fills the hash cache
    checks: list[tuple[float, float]] = []
    reminds: list[tuple[float, float]] = []
    for _ in range(args.runs):
        checks.append(run_isms(root, cache, "check"))
        reminds.append(run_isms(root, cache, "remind"))
    print(f"{what} (warm, least of {args.runs} runs, seconds)")
    for index, label in enumerate(("wall", "CPU")):
        check, remind = min(run[index] for run in checks), min(run[index] for run in reminds)
        print(f"{label:>4}: check {check:.2f} · remind {remind:.2f} ({remind / check:.0%} of check, target <= 100 %)")


if __name__ == "__main__":
    main()
