"""Time effectiveness measures over large data files: populations, joins, per-person minimums.

    python benchmarks/bench_measures.py [--roster 100000] [--rows 100000,1000000] [--work DIR] [--repeat 1]

Writes a synthetic ISMS: a roster of ``--roster`` persons, and for each size in ``--rows`` a
sessions file of that many rows. Four measures read it: a rate over the roster (population), a
per-person minimum (group_by + at_least over the roster), a join that must be empty (`in:`) and a
numeric comparison. Reports, per size, file rows per CPU second (rows of the data file over the
process's user + system CPU time, least of ``--repeat`` runs, from gathering the data files to
the computed values; never multiplied by the number of measures) for each measure alone and for
the four together in one pass, and the peak Python memory of one more run of the four
(tracemalloc). Target (issue #11): >= 500,000 rows/s, memory independent of the row count for
streaming aggregates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from isms.gather.world import gather_tables
from isms.loader.assemble import load_repository
from isms.state.measures import evaluate_measures

CATALOG = """\
framework: {id: demo, name: {ja: デモ, en: Demo}, version: "1"}
requirements:
  - {id: "1.1", title: {ja: 一, en: One}}
"""

CONTROL_HEAD = """\
status: implemented
owner: ciso
implementation: {ja: 研修, en: Training}
evidence: [hr/roster.csv]
measures:
"""

MEASURES = """\
  - id: completion
    title: {ja: 受講率, en: Completion}
    data: [training/sessions.csv]
    compute:
      ratio:
        where: {attended: "yes"}
        population: {evidence: hr/roster.csv, key: employee_id}
    target: ">= 95%"
    period: year
  - id: specialist
    title: {ja: 専門研修, en: Specialist sessions}
    data: [training/sessions.csv]
    date_column: date
    compute:
      ratio:
        where: {attended: "yes"}
        group_by: employee_id
        at_least: 5
        population: {evidence: hr/roster.csv, key: employee_id, where: {role: [sales, handler]}}
    target: ">= 100%"
    period: year
  - id: banned
    title: {ja: 禁止, en: Banned}
    data: [training/sessions.csv]
    compute:
      count:
        where: {attended: "yes"}
        in: {evidence: hr/banned.csv, column: role}
    target: "== 0"
    period: year
  - id: score
    title: {ja: 合格, en: Pass}
    data: [training/sessions.csv]
    compute: {ratio: {where: {score: ">= 70"}}}
    target: ">= 90%"
    period: year
"""

ROLES = ("sales", "handler", "staff", "manager")


def _register(files: dict[str, bytes]) -> str:
    lines = ["evidence:"]
    for name, content in files.items():
        lines += [
            f"  - path: {name}",
            f"    title: {name}",
            "    date: 2026-12-31",
            f"    sha256: {hashlib.sha256(content).hexdigest()}",
        ]
    return "\n".join(lines) + "\n"


KINDS = {
    "completion": "ratio over the roster (population)",
    "specialist": "group_by + at_least: 5 over part of the roster",
    "banned": "in: join that must be empty",
    "score": 'comparison ">= 70"',
}


def control(kinds: list[str]) -> str:
    """Return the control file with the measures of these kinds only (by id)."""
    blocks = MEASURES.split("  - id: ")[1:]
    return CONTROL_HEAD + "".join(f"  - id: {block}" for block in blocks if block.split()[0] in kinds)


def write_repository(root: Path, roster: int, rows: int, seed: int = 7) -> None:
    """Write the synthetic ISMS: a roster, a sessions file and the measures reading them."""
    rng = random.Random(seed)
    people = [f"E{n:07d}" for n in range(roster)]
    roster_csv = "employee_id,role\n" + "".join(f"{p},{ROLES[n % 4]}\n" for n, p in enumerate(people))
    start = dt.date(2026, 1, 1)
    sessions = ["employee_id,role,date,attended,score\n"]
    for n in range(rows):
        person = rng.randrange(roster)
        day = start + dt.timedelta(days=n % 365)
        sessions.append(f"{people[person]},{ROLES[person % 4]},{day},{'yes' if n % 10 else 'no'},{n % 100}\n")
    files = {
        "isms.yaml": "organisation: Bench\nframeworks: [demo]\nowners: {ciso: {name: CISO}}\n",
        "catalogs/demo.yaml": CATALOG,
        "controls/demo/1.1.yaml": control(list(KINDS)),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    hr = {"roster.csv": roster_csv.encode(), "banned.csv": b"role\nbanned-role\n"}
    training = {"sessions.csv": "".join(sessions).encode()}
    for folder, content in (("hr", hr), ("training", training)):
        (root / "evidence" / folder).mkdir(parents=True, exist_ok=True)
        for name, data in content.items():
            (root / "evidence" / folder / name).write_bytes(data)
        (root / "evidence" / folder / "evidence.yaml").write_text(_register(content), encoding="utf-8")


def measure_once(root: Path, repeat: int = 1, *, traced: bool = True) -> tuple[float, float | None, int]:
    """Return (CPU seconds, peak MiB, measures computed): timed without tracing, then traced for memory."""
    repo = load_repository(root).repository
    day = dt.date(2026, 12, 31)
    seconds = float("inf")
    results = []
    for _ in range(repeat):
        begin = time.process_time()
        results = evaluate_measures(repo, gather_tables(repo), day)
        seconds = min(seconds, time.process_time() - begin)
    if any(r.problem is not None or r.missing for r in results):
        msg = f"a measure failed: {[r.problem for r in results]}"
        raise RuntimeError(msg)
    if not traced:
        return seconds, None, len(results)
    tracemalloc.start()
    evaluate_measures(repo, gather_tables(repo), day)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, len(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roster", type=int, default=100_000)
    parser.add_argument("--rows", default="100000,1000000")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per size (the least CPU time counts)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.rows.split(",")]
    with tempfile.TemporaryDirectory(prefix="isms-bench-measures-", dir=args.work) as folder:
        load = " ".join(f"{n:.2f}" for n in os.getloadavg())
        print(f"roster {args.roster:,} persons; load average {load}; CPU seconds, least of {args.repeat}")
        print("file rows/s = rows of the data file / CPU seconds (not multiplied by the number of measures)")
        print(f"{'rows':>10} {'measures':<52} {'CPU s':>7} {'file rows/s':>12} {'peak MiB':>9}")
        for rows in sizes:
            root = Path(folder) / f"r{rows}"
            write_repository(root, args.roster, rows)
            runs = [([kind], label, False) for kind, label in KINDS.items()]
            runs.append((list(KINDS), "all four together, one pass", True))
            for kinds, label, traced in runs:
                (root / "controls/demo/1.1.yaml").write_text(control(kinds), encoding="utf-8")
                seconds, peak, _ = measure_once(root, args.repeat, traced=traced)
                rate = rows / seconds if seconds else float("inf")
                shown = f"{peak:>9.1f}" if peak is not None else f"{'-':>9}"
                print(f"{rows:>10,} {label:<52} {seconds:>7.2f} {rate:>12,.0f} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
