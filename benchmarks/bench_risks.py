"""Time what risks and assets add to `isms check` on the synthetic repository of bench_check.py.

    python benchmarks/bench_risks.py [--size 10000:100000:20000] [--risks 5000] [--assets 20000] [--work DIR]

Target (issue #12): 5,000 risks and 20,000 assets add at most 20 % to `isms check` at the
10,000-control size. The risk files are written into the generated repository uncommitted (the
git history stays that of bench_check.py), timed warm (second run), and removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import time_check
from generate import generate

PER_ASSET_REGISTER = 1000

CRITERIA = """risk:
  likelihood: [{id: l1, title: 低}, {id: l2, title: 中}, {id: l3, title: 高}]
  impact: [{id: i1, title: 小}, {id: i2, title: 中}, {id: i3, title: 大}]
  bands:
    - {id: low, title: 低, min: 1}
    - {id: medium, title: 中, min: 3, accept_by: [ciso]}
    - {id: high, title: 高, min: 6, accept_by: [ciso]}
  acceptance_threshold: medium
"""


def risk(index: int, controls: int, assets: int) -> str:
    refs = ", ".join(f"'bench:R{(index * 7 + k) % controls:05d}'" for k in range(3))
    return (
        f"title: {{ja: リスク{index}, en: Risk {index}}}\n"
        f"assets: [a{index % assets:06d}, a{(index * 3 + 1) % assets:06d}]\n"
        "threat: 不正アクセス\nvulnerability: 設定不備\nowner: ciso\nassessed: 2026-04-01\n"
        f"inherent: {{likelihood: {1 + index % 3}, impact: {1 + (index // 3) % 3}}}\n"
        f"treatment: modify\ncontrols: [{refs}]\n"
        "residual: {likelihood: 1, impact: 1}\nreview: {last: 2026-10-01}\n"
    )


def asset_register(first: int, last: int, controls: int) -> str:
    lines = ["assets:"]
    for index in range(first, last):
        lines += [
            f"  - id: a{index:06d}",
            f"    title: {{ja: 資産{index}, en: Asset {index}}}",
            "    kind: system",
            "    owner: ciso",
            f"    controls: ['bench:R{index % controls:05d}']",
        ]
    return "\n".join(lines) + "\n"


def add_risks(root: Path, risks: int, assets: int, controls: int) -> str:
    """Write the risk folders and criteria; return the original isms.yaml to restore."""
    config = (root / "isms.yaml").read_text(encoding="utf-8")
    (root / "isms.yaml").write_text(config + "soa_framework: bench\n" + CRITERIA, encoding="utf-8")
    (root / "assets").mkdir()
    for first in range(0, assets, PER_ASSET_REGISTER):
        last = min(assets, first + PER_ASSET_REGISTER)
        (root / "assets" / f"r{first:06d}.yaml").write_text(asset_register(first, last, controls), encoding="utf-8")
    (root / "risks").mkdir()
    for index in range(risks):
        (root / "risks" / f"R-{index:05d}.yaml").write_text(risk(index, controls, assets), encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="10000:100000:20000", help="controls:evidence:commits")
    parser.add_argument("--risks", type=int, default=5000)
    parser.add_argument("--assets", type=int, default=20000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench")
    args = parser.parse_args()
    controls, evidence, commits = (int(x) for x in args.size.split(":"))
    root = args.work / f"c{controls}-e{evidence}-g{commits}"
    if not root.exists():
        generate(root, controls, evidence, commits)
    cache = args.work / f"cache-{root.name}"
    time_check(root, cache)
    base = time_check(root, cache)
    config = add_risks(root, args.risks, args.assets, controls)
    try:
        time_check(root, cache)
        with_risks = time_check(root, cache)
    finally:
        (root / "isms.yaml").write_text(config, encoding="utf-8")
        shutil.rmtree(root / "assets", ignore_errors=True)
        shutil.rmtree(root / "risks", ignore_errors=True)
    added = (with_risks - base) / base * 100
    print(f"{controls} controls, {evidence} evidence, {commits} commits: check {base:.1f} s")
    print(f"+ {args.risks} risks, {args.assets} assets: check {with_risks:.1f} s ({added:+.1f} %, target <= +20 %)")


if __name__ == "__main__":
    main()
