"""Time `isms check` on synthetic ISMS repositories of growing size and compare with a floor.

    python benchmarks/bench_check.py [--sizes 1000:10000:2000,...] [--work DIR]

The floor is what any tool must pay: parsing the same YAML with a C YAML parser (PyYAML's
CSafeLoader when installed, else ruamel's C loader) plus one `git log --name-only` pass.
Target (issue #4): `isms check` within 3x the floor at 10,000 controls, 100,000 evidence files
and 20,000 commits, growing linearly. Run twice: cold (empty hash cache) and warm.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

DEFAULT_SIZES = "1000:10000:2000,2500:25000:5000,5000:50000:10000,10000:100000:20000"


def _yaml_loader() -> tuple[str, Any]:
    try:
        import yaml  # type: ignore[import-untyped]  # noqa: PLC0415

        return "PyYAML CSafeLoader", lambda text: yaml.load(text, Loader=yaml.CSafeLoader)
    except ImportError:
        from ruamel.yaml import YAML  # noqa: PLC0415

        loader = YAML(typ="safe", pure=False)
        return "ruamel C safe loader", loader.load


def floor(root: Path) -> tuple[float, float, str]:
    """Return (seconds to parse every YAML file, seconds for one git log pass, parser name)."""
    name, load = _yaml_loader()
    start = time.perf_counter()
    for path in root.rglob("*.yaml"):
        load(path.read_text(encoding="utf-8"))
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        ["git", "log", "--name-only", "-z", "--format=%H%x1f%aI%x1f%an%x1f%s"],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return parsed, time.perf_counter() - start, name


def time_check(root: Path, cache: Path) -> float:
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "isms", "check", "--root", str(root), "--today", "2026-11-26", "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"isms check failed with exit code {done.returncode}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="controls:evidence:commits,...")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench")
    args = parser.parse_args()
    print(
        f"{'controls':>8} {'evidence':>8} {'commits':>7} | {'parse':>6} {'git log':>7} {'floor':>6} | "
        f"{'cold':>6} {'warm':>6} | {'warm/floor':>10} {'ms/control':>10}"
    )
    name = _yaml_loader()[0]
    for spec in args.sizes.split(","):
        controls, evidence, commits = (int(x) for x in spec.split(":"))
        root = args.work / f"c{controls}-e{evidence}-g{commits}"
        if not root.exists():
            generate(root, controls, evidence, commits)
        parsed, logged, _ = floor(root)
        cache = args.work / f"cache-{root.name}"
        for old in cache.glob("*"):
            old.unlink()
        cold = time_check(root, cache)
        warm = time_check(root, cache)
        total = parsed + logged
        print(
            f"{controls:>8} {evidence:>8} {commits:>7} | {parsed:6.1f} {logged:7.1f} {total:6.1f} | "
            f"{cold:6.1f} {warm:6.1f} | {warm / total:9.2f}x {warm / controls * 1000:10.2f}",
            flush=True,
        )
    print(f"(parse = every YAML file with {name}; floor = parse + one `git log --name-only` pass; seconds)")


if __name__ == "__main__":
    main()
