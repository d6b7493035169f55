"""Generate a synthetic ISMS of a given size, written with the project's own schema.

    python benchmarks/generate.py OUT --controls 10000 --evidence 100000 --commits 20000

History is written with `git fast-import` (one process, seconds for 20,000 commits), then the
work tree is checked out from it, so files and history agree.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PER_REGISTER = 100
CONFIG = "organisation: {ja: ベンチ株式会社, en: Bench Inc.}\nframeworks: [bench]\nowners:\n  ciso: {name: CISO}\n"


def catalog(controls: int) -> str:
    lines = [
        "framework: {id: bench, name: {ja: ベンチマーク, en: Benchmark}, version: '1'}",
        "groups:",
        "  - {id: g, title: {ja: グループ, en: Group}}",
        "requirements:",
    ]
    lines += [
        f"  - {{id: 'R{i:05d}', title: {{ja: 要求事項{i}, en: Requirement {i}}}, group: g}}" for i in range(controls)
    ]
    return "\n".join(lines) + "\n"


def evidence_content(index: int) -> bytes:
    return f"evidence {index}\nrecorded by the benchmark generator\n".encode()


def register(folder: int, first: int, last: int) -> str:
    lines = ["defaults: {class: internal, valid_for: 1y}", "evidence:"]
    for index in range(first, last):
        digest = hashlib.sha256(evidence_content(index)).hexdigest()
        month = 1 + index % 10
        lines += [
            f"  - path: e{index:06d}.txt",
            f"    title: {{ja: 証跡{index}, en: Evidence {index}}}",
            f"    date: 2026-{month:02d}-15",
            f"    sha256: '{digest}'",
        ]
    del folder
    return "\n".join(lines) + "\n"


def control(index: int, evidence: int, revision: int) -> str:
    refs = ", ".join(
        f"f{e // PER_REGISTER:04d}/e{e:06d}.txt" for e in range(index % evidence, evidence, max(1, evidence // 10))[:10]
    )
    return (
        f"# revision {revision}\n"
        "status: implemented\n"
        "owner: ciso\n"
        "review: {last: 2026-06-01}\n"
        "implementation: {ja: 手順に従って実施している。, en: Done as the procedure says.}\n"
        f"evidence: [{refs}]\n"
    )


def _blob(content: bytes) -> bytes:
    return b"data %d\n" % len(content) + content + b"\n"


def _commit(mark: int, when: int, message: str, parent: bool) -> bytes:
    author = b"Benchmark Author <bench@example.invalid> %d +0900" % when
    msg = message.encode()
    head = b"commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\n" % (mark, author, author)
    head += b"data %d\n%s\n" % (len(msg), msg)
    if parent:
        head += b"from :%d\n" % (mark - 1)
    return head


def stream(controls: int, evidence: int, commits: int) -> Iterator[bytes]:
    start = 1_700_000_000
    files: list[tuple[str, bytes]] = [
        ("isms.yaml", CONFIG.encode()),
        ("catalogs/bench.yaml", catalog(controls).encode()),
    ]
    for folder, first in enumerate(range(0, evidence, PER_REGISTER)):
        last = min(evidence, first + PER_REGISTER)
        files.append((f"evidence/f{folder:04d}/evidence.yaml", register(folder, first, last).encode()))
        files += [(f"evidence/f{folder:04d}/e{i:06d}.txt", evidence_content(i)) for i in range(first, last)]
    files += [(f"controls/bench/R{i:05d}.yaml", control(i, evidence, 0).encode()) for i in range(controls)]
    yield _commit(1, start, "Add the ISMS", parent=False)
    for path, content in files:
        yield b"M 100644 inline " + path.encode() + b"\n" + _blob(content)
    rng = random.Random(42)
    for number in range(2, commits + 1):
        index = rng.randrange(controls)
        yield _commit(number, start + number * 600, f"Review control R{index:05d}", parent=True)
        path = f"controls/bench/R{index:05d}.yaml"
        yield b"M 100644 inline " + path.encode() + b"\n" + _blob(control(index, evidence, number).encode())


def generate(out: Path, controls: int, evidence: int, commits: int) -> None:
    out.mkdir(parents=True, exist_ok=False)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=out, stdin=subprocess.PIPE)
    if importer.stdin is None:
        sys.exit("cannot start git fast-import")
    for chunk in stream(controls, evidence, commits):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=out, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--controls", type=int, default=1000)
    parser.add_argument("--evidence", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=2000)
    args = parser.parse_args()
    generate(args.out, args.controls, args.evidence, args.commits)


if __name__ == "__main__":
    main()
