"""Time `isms audit-pack` against `isms site build` on the bundled example (a real git repository).

    python benchmarks/bench_audit_pack.py [--as-of 2026-11-26] [--root .]

Target (issue #15): the audit pack takes at most the site build + 20 % (it builds the same site from
git objects, then adds the SoA, OSCAL, the registers and the manifest).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "isms", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", default="2026-11-26")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site, pack = Path(work) / "site", Path(work) / "pack.zip"
        root = ["--root", str(args.root)]
        builds = [timed("site", "build", *root, "--today", args.as_of, "--out", str(site)) for _ in range(args.runs)]
        packs = [timed("audit-pack", *root, "--as-of", args.as_of, "--out", str(pack)) for _ in range(args.runs)]
    build, packed = min(builds), min(packs)
    print(f"site build {build:.1f} s · audit-pack {packed:.1f} s ({packed / build - 1:+.0%}, target <= +20 %)")


if __name__ == "__main__":
    main()
