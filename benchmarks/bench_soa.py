"""`isms soa` against `isms check`, before and after a change, paired in one run (issue #19).

    python benchmarks/bench_soa.py --before OLD/src [--sizes 1000,5000] [--runs 3] [--work DIR]

Repositories as in bench_scale.py (gen_big.py, kept in --work as big-N; copy a shared one there
to skip generating it). Each round runs, for the code in --before (PYTHONPATH) and then the code
under test: `isms check --format json` with an empty hash cache (cold), again with it warm, and
`isms soa --out FILE` (warm, as bench_scale.py runs it after the warm check); then the workbook
alone in one process (CPU of `soa_workbook` after the evaluation). Figures are medians of --runs
rounds: CPU = user + system. Both versions must write the same workbook: the bytes are compared.
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
from bench_scale import TODAY, Run, run_once
from gen_big import generate

SRC = Path(__file__).resolve().parent.parent / "src"
WORKBOOK_ONLY = """
import datetime as dt, os, sys
from pathlib import Path
from isms.commands.common import settle
from isms.evaluation import evaluate
from isms.export.xlsx import soa_workbook
result = evaluate(Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]))
settle()
start = os.times()
soa_workbook(result, "ja")
end = os.times()
print(end.user + end.system - start.user - start.system)
"""
COMMANDS = ("check cold", "check warm", "soa", "workbook alone")


def measure(name: str, src: Path, root: Path, cache: Path, out: Path) -> float:
    """Return the CPU seconds of one command run with the isms in ``src``."""
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache), "PYTHONPATH": str(src)}
    base = [sys.executable, "-m", "isms"]
    today = ["--today", TODAY]
    if name == "check cold":
        shutil.rmtree(cache, ignore_errors=True)
    if name == "workbook alone":
        done = subprocess.run(
            [sys.executable, "-c", WORKBOOK_ONLY, str(root), TODAY], env=env, check=True, capture_output=True, text=True
        )
        return float(done.stdout)
    argv = ["soa", "--out", str(out)] if name == "soa" else ["check", "--format", "json"]
    run: Run = run_once([*base, *argv, *today], env, root)
    return run.cpu


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def bench_size(controls: int, work: Path, runs: int, before: Path) -> None:
    root = work / f"big-{controls}"
    if not root.exists():
        print(f"generating {root} ...", file=sys.stderr, flush=True)
        generate(root, controls)
    cache = work / f"cache-{controls}"
    tmp = Path(tempfile.mkdtemp(prefix="isms-bench-soa-"))
    versions = {"before": before, "after": SRC}
    cpu: dict[tuple[str, str], list[float]] = {}
    started = load()
    for _ in range(runs):
        for version, src in versions.items():
            for name in COMMANDS:
                cpu.setdefault((version, name), []).append(measure(name, src, root, cache, tmp / f"{version}.xlsx"))
    same = (tmp / "before.xlsx").read_bytes() == (tmp / "after.xlsx").read_bytes()
    print(f"\n{controls} controls (+ Annex A), median of {runs}, load average {started} -> {load()}")
    print(f"workbooks byte-identical: {same}")
    print("| command | before CPU s | after CPU s | after / before |")
    print("|---|---:|---:|---:|")
    median = {key: statistics.median(values) for key, values in cpu.items()}
    for name in COMMANDS:
        old, new = median["before", name], median["after", name]
        print(f"| {name} | {old:.2f} | {new:.2f} | {new / old:.2f} |")
    for version in versions:
        soa = median[version, "soa"]
        cold, warm = median[version, "check cold"], median[version, "check warm"]
        print(f"{version}: soa / check cold {soa / cold:.2f}, soa / check warm {soa / warm:.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="src folder of the isms to compare with")
    parser.add_argument("--sizes", default="1000,5000", help="controls of the own framework, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench-scale")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for size in args.sizes.split(","):
        bench_size(int(size), args.work, args.runs, args.before.resolve())


if __name__ == "__main__":
    main()
