"""Time `isms remind` against `isms check` on a generated repository and report the ratio.

    python benchmarks/bench_remind.py [--size 10000:100000:20000] [--big N] [--runs 3] [--work DIR]

The repository is bench_check.py's synthetic one (``--size controls:evidence:commits``, via
generate.py) or, with ``--big N``, gen_big.py's group-sized ISMS of N controls (own framework
plus Annex A, deliberate defects, evidence rewritten in history). Both commands run warm (a
first run fills the hash cache) and alternately, ``--runs`` times each; the least wall time of
each is compared, so a busy machine slows both alike.

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


def run_isms(root: Path, cache: Path, *args: str) -> float:
    """Return the wall time of one `isms ARGS --root ROOT --today TODAY --format json`."""
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "isms", *args, "--root", str(root), "--today", TODAY, "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
    if done.returncode not in (0, 1):  # check exits 1 on findings
        sys.exit(f"isms {args[0]} failed with exit code {done.returncode}")
    return time.perf_counter() - start


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
    checks: list[float] = []
    reminds: list[float] = []
    for _ in range(args.runs):
        checks.append(run_isms(root, cache, "check"))
        reminds.append(run_isms(root, cache, "remind"))
    check, remind = min(checks), min(reminds)
    print(f"{what} (warm, least of {args.runs} runs, seconds)")
    print(f"check {check:.2f} · remind {remind:.2f} ({remind / check:.0%} of check, target <= 100 %)")


if __name__ == "__main__":
    main()
