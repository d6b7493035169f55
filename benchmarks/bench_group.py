"""Group roll-up benchmarks (issue 16): merging 200 entities' artefacts, and building a group of 20 entities.

    python benchmarks/bench_group.py [--entities 200] [--copies 20] [--today 2026-12-01]

1. `isms group merge` of ENTITIES artefacts (each the example's real `isms metrics` and `isms check`
   JSON, in a folder named after its entity) into a group site: target <= 10 s.
2. `isms group build` of COPIES local git clones of the example (this repository), each fetched with
   its whole history and evaluated: target <= COPIES x one `isms check` of one clone (cold hash cache)
   + one `isms site build` of the group repository.

Every command runs as a subprocess with its own empty hash cache; wall and CPU (user + system of
the children) seconds are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ISMS = [sys.executable, "-m", "isms"]
GROUP_CONFIG = """\
organisation: {ja: ベンチ持株会社, en: Bench Holdings}
frameworks: [demo]
soa_framework: demo
owners:
  ciso: {name: CISO}
"""
CATALOG = """\
framework: {id: demo, name: {ja: デモ, en: Demo}, version: "1"}
requirements:
  - {id: DM-1, title: {ja: 一, en: One}}
"""
CONTROL = "status: planned\nowner: ciso\nreasons: [business]\n"


def run(argv: list[str], cwd: Path, cache: Path, stdout: Path | None = None) -> tuple[float, float]:
    """Run a command; return its wall and CPU seconds (exit 0 or 1 accepted: findings are not failures)."""
    env = {**os.environ, "ISMS_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        done = subprocess.run(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def group_repo(root: Path, entities: list[tuple[str, str]]) -> Path:
    """A small group ISMS repository naming the entities (id, repository), committed."""
    lines = ["group:", "  entities:"]
    for entity_id, repository in entities:
        lines += [f"    - id: {entity_id}", f"      name: {{ja: 子会社 {entity_id}, en: Subsidiary {entity_id}}}"]
        lines.append(f"      repository: {repository}")
    files = {
        "isms.yaml": GROUP_CONFIG + "\n".join(lines) + "\n",
        "catalogs/demo.yaml": CATALOG,
        "controls/demo/DM-1.yaml": CONTROL,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "group", cwd=root)
    return root


def bench_merge(work: Path, count: int, today: str) -> None:
    cache = work / "cache-merge"
    one = work / "one"
    one.mkdir()
    run([*ISMS, "metrics", "--root", str(REPO), "--today", today, "--format", "json"], REPO, cache, one / "m.json")
    run([*ISMS, "check", "--root", str(REPO), "--today", today, "--format", "json"], REPO, cache, one / "c.json")
    ids = [f"e{n:03d}" for n in range(count)]
    artefacts = work / "artefacts"
    for entity_id in ids:
        folder = artefacts / entity_id
        folder.mkdir(parents=True)
        shutil.copy(one / "m.json", folder / "metrics.json")
        shutil.copy(one / "c.json", folder / "check.json")
    group = group_repo(
        work / "group-merge", [(entity_id, f"https://example.invalid/{entity_id}.git") for entity_id in ids]
    )
    argv = [*ISMS, "group", "merge", *(str(artefacts / e) for e in ids), "--root", str(group), "--today", today]
    wall, cpu = run([*argv, "--out", str(work / "site-merge")], group, work / "cache-merge-run")
    pages = len(list((work / "site-merge" / "group").glob("*.html")))
    print(
        f"merge of {count} entities' artefacts: {wall:.2f} s wall, {cpu:.2f} s CPU ({pages} group pages); "
        "target <= 10 s"
    )


def bench_build(work: Path, copies: int, today: str) -> None:
    entities = []
    for n in range(copies):
        clone = work / "copies" / f"example-{n:02d}"
        git("clone", "-q", "--no-hardlinks", str(REPO), str(clone), cwd=work)
        entities.append((f"example-{n:02d}", str(clone)))
    group = group_repo(work / "group-build", entities)
    check_wall, check_cpu = run(
        [*ISMS, "check", "--root", str(work / "copies" / "example-00"), "--today", today], work, work / "cache-check"
    )
    site_wall, site_cpu = run(
        [*ISMS, "site", "build", "--root", str(group), "--today", today, "--out", str(work / "site-own")],
        group,
        work / "cache-site",
    )
    build_wall, build_cpu = run(
        [*ISMS, "group", "build", "--root", str(group), "--today", today, "--out", str(work / "site-build")],
        group,
        work / "cache-build",
    )
    budget_wall = copies * check_wall + site_wall
    budget_cpu = copies * check_cpu + site_cpu
    print(f"one isms check of the example (cold cache): {check_wall:.2f} s wall, {check_cpu:.2f} s CPU")
    print(f"one isms site build of the group repository: {site_wall:.2f} s wall, {site_cpu:.2f} s CPU")
    print(
        f"isms group build of {copies} copies: {build_wall:.2f} s wall, {build_cpu:.2f} s CPU; "
        f"target <= {copies} x check + site = {budget_wall:.2f} s wall ({build_wall / budget_wall:.0%}), "
        f"{budget_cpu:.2f} s CPU ({build_cpu / budget_cpu:.0%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=200)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--today", default="2026-12-01")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isms-bench-group-") as tmp:
        work = Path(tmp)
        bench_merge(work, options.entities, options.today)
        bench_build(work, options.copies, options.today)


if __name__ == "__main__":
    main()
