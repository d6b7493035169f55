"""Time the start-up of `isms --version` and `isms validate` now and at an earlier commit.

    python benchmarks/bench_startup.py [--before 511998e] [--runs 15] [--work DIR]

`isms validate` runs on a generated repository of 10 YAML files (isms.yaml, a catalog, an
evidence register and 7 controls), so its time is nearly all start-up: imports and argument
parsing. The earlier tree is taken with `git archive` into a temporary folder, the working
tree's `src` is copied beside it, and both are byte-compiled first (as pip does on install), so
that neither pays for compiling its sources on every run. Each is run with PYTHONPATH pointing
at its `src`, by the same interpreter, the two taking turns run by run, with a cache folder of
its own (`ISMS_CACHE_DIR`, warmed by a first run, as a second pre-commit run finds it; with `CI`
set the catalog cache is not used). Target (issue #10): `isms validate` start-up <= 40 % of the
tree at 511998e (judged on CPU time: the wall time is printed too, but on a busy machine it
measures the neighbours), where the command registry imported every command and with it
openpyxl, XlsxWriter, Jinja2 and the site engine.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).resolve().parent.parent
TARGET = 0.40


def archive(commit: str, into: Path) -> Path:
    """Unpack ``src/`` of ``commit`` into ``into``, byte-compile it and return that ``src`` folder."""
    done = subprocess.run(["git", "archive", "--format=tar", commit, "src"], cwd=HERE, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(into, filter="data")
    compileall.compile_dir(into / "src", quiet=1)
    return into / "src"


def working_copy(into: Path) -> Path:
    """Copy the working tree's ``src/`` into ``into``, byte-compile it and return that ``src`` folder."""
    shutil.copytree(HERE / "src", into / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    compileall.compile_dir(into / "src", quiet=1)
    return into / "src"


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _env(src: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "PYTHONDONTWRITEBYTECODE": "1",
        "ISMS_CACHE_DIR": str(src.parent / "cache"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import isms; print(isms.__file__)"], env=env, capture_output=True, text=True, check=True
    )
    if not where.stdout.strip().startswith(str(src)):
        sys.exit(f"isms was imported from {where.stdout.strip()}, not {src}")
    return env


def _once(env: dict[str, str], args: list[str]) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), _cpu()
    done = subprocess.run([sys.executable, "-m", "isms", *args], env=env, capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"isms {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return time.perf_counter() - start, _cpu() - start_cpu


def timed(trees: list[Path], args: list[str], runs: int) -> list[tuple[float, float, float]]:
    """Run ``python -m isms ARGS`` with each tree's ``src`` first on the path, the trees taking turns.

    Return, per tree, the median wall time, median CPU time and least CPU time.
    """
    envs = [_env(src) for src in trees]
    for env in envs:
        _once(env, args)  # warm the file cache and the isms cache folder
    times: list[list[tuple[float, float]]] = [[] for _ in trees]
    for _ in range(runs):
        for env, found in zip(envs, times, strict=True):
            found.append(_once(env, args))
    return [
        (statistics.median(w for w, _ in found), statistics.median(c for _, c in found), min(c for _, c in found))
        for found in times
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="511998e", help="the commit to compare with (default: 511998e)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--work", type=Path, default=None, help="folder for the temporary trees (default: a temp dir)")
    args = parser.parse_args()
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        work = Path(tmp)
        repo = work / "repo"
        generate(repo, controls=7, evidence=5, commits=1)
        files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*.yaml"))
        before = archive(args.before, work / "before")
        after = working_copy(work / "now")
        load = "/".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"repository: {len(files)} YAML files; {args.runs} runs; seconds: median wall (median CPU, least CPU)")
        print(f"load average at start (1/5/15 min): {load}")
        print(f"{'command':<10} {'before ' + args.before:>24} {'now':>24} {'wall':>6} {'CPU':>6} {'least CPU':>10}")
        ratios: dict[str, float] = {}
        for name, command in (("--version", ["--version"]), ("validate", ["validate", "--root", str(repo)])):
            old, new = timed([before, after], command, args.runs)
            ratios[name] = new[1] / old[1]
            print(
                f"{name:<10} {old[0]:>7.3f} ({old[1]:.3f}, {old[2]:.3f}) {new[0]:>7.3f} ({new[1]:.3f}, {new[2]:.3f}) "
                f"{new[0] / old[0]:>6.0%} {ratios[name]:>6.0%} {new[2] / old[2]:>10.0%}",
            )
        print(f"load average at end (1/5/15 min): {'/'.join(f'{x:.1f}' for x in os.getloadavg())}")
        verdict = "met" if ratios["validate"] <= TARGET else "NOT met"
        print(
            f"target: isms validate start-up <= {TARGET:.0%} of before (CPU time, robust on a busy machine): "
            f"{verdict} ({ratios['validate']:.0%})"
        )


if __name__ == "__main__":
    main()
