"""Time `isms remind` against `isms check` on the synthetic repository of bench_check.py.

    python benchmarks/bench_remind.py [--size 10000:100000:20000] [--work DIR]

Target (issue #15): `isms remind` at the 10,000-control size takes no longer than `isms check`.
Both are timed warm (the second run, with the hash cache filled).
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
from bench_check import time_check
from generate import generate


def time_remind(root: Path, cache: Path) -> float:
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    command = [sys.executable, "-m", "isms", "remind", "--root", str(root), "--today", "2026-11-26"]
    done = subprocess.run([*command, "--format", "json"], env=env, stdout=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        sys.exit(f"isms remind failed with exit code {done.returncode}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="10000:100000:20000", help="controls:evidence:commits")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench")
    args = parser.parse_args()
    controls, evidence, commits = (int(x) for x in args.size.split(":"))
    root = args.work / f"c{controls}-e{evidence}-g{commits}"
    if not root.exists():
        generate(root, controls, evidence, commits)
    cache = args.work / f"cache-{root.name}"
    time_check(root, cache)
    check = time_check(root, cache)
    time_remind(root, cache)
    remind = time_remind(root, cache)
    print(f"{controls} controls, {evidence} evidence, {commits} commits (warm, seconds)")
    print(f"check {check:.1f} · remind {remind:.1f} ({remind / check:.0%} of check, target <= 100 %)")


if __name__ == "__main__":
    main()
