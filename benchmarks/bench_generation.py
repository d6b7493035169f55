"""Time the site's generation (everything between the evaluation and the engine), two versions paired, same bytes.

    python benchmarks/bench_generation.py REPO --before SRC [--runs 3] [--lang ja] [--keep DIR]

SRC is the ``src`` folder of the version to compare against (``git archive COMMIT src | tar -x -C DIR``,
then DIR/src). Each run stages REPO once with the version under SRC and once with this checkout, in
that order, each in its own process (``isms.site.build.stage``, the code `isms site build` runs): the
evaluation first (not timed), then the generation, timed as CPU = user + system of the process and of
its forked child (the child is waited for inside the step), and wall. After every pair the two staging
folders must be the same, byte for byte: ``docs/`` whole, and ``mkdocs.yml`` once the path of each
version's ``src`` folder (the search hook's file) is written the same way; the run fails otherwise.
On a shared machine compare CPU, not wall (issue #19).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE_SRC = Path(__file__).resolve().parents[1] / "src"


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stage_once(repo: Path, lang: str, staging: Path, today: dt.date) -> dict[str, float]:
    """Evaluate, then stage; return the generation's CPU and wall seconds and the peak memory (this process).

    The wall of its parts is taken too: the page models, the files (pages and downloads, on two cores), the writing.
    """
    from isms.evaluation import evaluate  # noqa: PLC0415 - imported from the version on PYTHONPATH
    from isms.site import build  # noqa: PLC0415

    seconds: dict[str, float] = {}

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args)
            finally:
                seconds[name] = time.perf_counter() - start

        return run

    for name, attribute in (("models", "build_site"), ("files", "generated_files"), ("write", "sync_tree")):
        setattr(build, attribute, timed(name, getattr(build, attribute)))
    evaluation = evaluate(repo, today)
    wall, cpu = time.perf_counter(), _cpu()
    staged = build.stage(evaluation, "en" if lang == "en" else "ja", staging, staging.parents[1] / "site")
    return {
        "cpu": _cpu() - cpu,
        "wall": time.perf_counter() - wall,
        **{f"{name}_wall": value for name, value in seconds.items()},
        "pages": staged.pages,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg()[0],
    }


def _run(src: Path, repo: Path, lang: str, staging: Path, today: dt.date) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, str(repo), "--one", str(staging), "--lang", lang, "--today", str(today)]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])  # type: ignore[no-any-return]


def same_staging(before: Path, after: Path, before_src: Path, after_src: Path) -> list[str]:
    """Return the files that differ between two staging folders (``mkdocs.yml`` with each src path written alike)."""
    differ = []
    names = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    for name in sorted(names):
        one, two = before / name, after / name
        if not one.is_file() or not two.is_file():
            differ.append(name)
            continue
        left, right = one.read_bytes(), two.read_bytes()
        if name == "mkdocs.yml":
            left = left.replace(str(before_src).encode(), b"SRC")
            right = right.replace(str(after_src).encode(), b"SRC")
        if left != right:
            differ.append(name)
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--before", type=Path, help="the src folder of the version to compare against")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="ja")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 26))
    parser.add_argument("--keep", type=Path, help="keep the staging folders here (default: a temporary folder)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(stage_once(args.repo.resolve(), args.lang, args.one, args.today)))
        return
    if args.before is None:
        parser.error("--before SRC is required")
    before_src = args.before.resolve()
    work = args.keep or Path(tempfile.mkdtemp(prefix="isms-bench-generation-"))
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    try:
        for run in range(1, args.runs + 1):
            staged = {}
            for name, src in (("before", before_src), ("after", HERE_SRC)):
                folder = work / name / "staging"
                shutil.rmtree(folder.parent, ignore_errors=True)
                folder.mkdir(parents=True)
                result = _run(src, args.repo, args.lang, folder, args.today)
                staged[name] = folder
                print(
                    f"run {run} {name}: generation {result['cpu']:.2f} s CPU, {result['wall']:.2f} s wall, "
                    f"(models {result['models_wall']:.2f}, files {result['files_wall']:.2f}, writing "
                    f"{result['write_wall']:.2f}), {result['pages']:.0f} pages, peak {result['peak_mib']:.0f} MiB, "
                    f"load {result['load']:.1f}",
                    flush=True,
                )
            differ = same_staging(staged["before"], staged["after"], before_src, HERE_SRC)
            if differ:
                sys.exit(f"the staging folders differ: {', '.join(differ[:10])}")
            print(f"run {run}: staging folders identical ({sum(1 for _ in staged['after'].rglob('*'))} entries)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
