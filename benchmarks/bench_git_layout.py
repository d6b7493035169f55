"""Is the cold check's superlinear git time the flat folders' tree diffs? (issue #19)

    python benchmarks/bench_git_layout.py [--sizes 1000,5000,10000] [--work /tmp/bench] [--out DIR] [--runs 3]

For each ``big-N`` repository of ``benchmarks/gen_big.py`` (only read), the same history is
rewritten with ``git fast-export | git fast-import`` into ``DIR/<layout>-N`` with the same
commits, contents and changes per commit, only the paths moved into sub-folders of 100:

- ``flat``: as generated (``controls/group/G00832.yaml``, ``evidence/r0084/...``);
- ``sub-controls``: ``controls/group/G008/G00832.yaml`` (the evidence folders as generated);
- ``sub-both``: that, and ``evidence/r00/r0084/...``.

It then prints the CPU (user + system, median of --runs) of the two git commands a cold
``isms check`` pays for: the history pass with the check's own arguments (``git log --name-only``,
``isms.history.git.log_commits``) and the registers' first versions (``git cat-file --batch`` of
``<commit>:./<register>`` names, one per register and commit that changed it, as
``isms.gather.world.first_records`` asks).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

LOG = ["git", "log", "--name-only", "-z", "--no-renames", "--format=%x1e%H%x1f%aI%x1f%an%x1f%s", "HEAD", "--"]
CONTROL = re.compile(rb"(controls/group/)(G\d+?)(\d\d)(\.yaml)")
REGISTER = re.compile(rb"(evidence/)(r\d+?)(\d\d)/")


def rewrite(stream: bytes, layout: str) -> bytes:
    """Move the paths of a fast-export stream into sub-folders of 100 (file contents left alone)."""
    out = []
    data_left = 0
    for line in stream.split(b"\n"):
        if data_left > 0:  # inside a blob or commit message: bytes, not commands
            data_left -= len(line) + 1
            out.append(line)
            continue
        if line.startswith(b"data "):
            data_left = int(line[5:])
            out.append(line)
            continue
        moved = line
        if line.startswith((b"M ", b"D ")):
            moved = CONTROL.sub(rb"\1\2/\2\3\4", moved)
            if layout == "sub-both":
                moved = REGISTER.sub(rb"\1\2/\2\3/", moved)
        out.append(moved)
    return b"\n".join(out)


def convert(source: Path, target: Path, layout: str) -> None:
    """Write ``source``'s history with ``layout``'s paths into a new bare-less repository ``target``."""
    if target.exists():
        return
    exported = subprocess.run(["git", "fast-export", "--all"], cwd=source, capture_output=True, check=True).stdout
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    stream = exported if layout == "flat" else rewrite(exported, layout)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=target, input=stream, check=True)
    subprocess.run(["git", "repack", "-adq"], cwd=target, check=True)


def cpu(argv: list[str], cwd: Path, stdin: bytes | None = None) -> float:
    """Return the CPU seconds (user + system) of one git run."""
    child = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    if child.stdin is not None:
        child.stdin.write(stdin or b"")
        child.stdin.close()
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_utime + usage.ru_stime


def register_names(root: Path) -> bytes:
    """Return the names `first_records` asks for, as cat-file input.

    For every evidence file committed more than once: its register in the file's first commit
    (``<commit>:./<folder>/evidence.yaml``), each name once.
    """
    output = subprocess.run(LOG, cwd=root, capture_output=True, check=True).stdout.decode()
    commits: dict[str, list[str]] = {}
    for record in output.split("\x1e")[1:]:
        head, _, files = record.partition("\0")
        sha = head.split("\x1f", 1)[0]
        for name in files.split("\0"):
            if name.strip():
                commits.setdefault(name.strip(), []).append(sha)
    names = [
        f"{shas[-1]}:./{file.rsplit('/', 1)[0]}/evidence.yaml\n"
        for file, shas in commits.items()
        if file.startswith("evidence/") and not file.endswith("/evidence.yaml") and len(shas) > 1
    ]
    return "".join(dict.fromkeys(names)).encode()


def main() -> None:
    """Print one row per size and layout: git log and cat-file CPU, and their growth against the first size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"))  # noqa: S108 (the shared benchmark folder)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-layout"))  # noqa: S108
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    layouts = ("flat", "sub-controls", "sub-both")
    figures: dict[tuple[str, int], tuple[float, float, int]] = {}
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        for layout in layouts:
            target = args.out / f"{layout}-{size}"
            convert(args.work / f"big-{size}", target, layout)
            names = register_names(target)
            log = statistics.median(cpu(LOG, target) for _ in range(args.runs))
            batch = statistics.median(cpu(["git", "cat-file", "--batch"], target, names) for _ in range(args.runs))
            figures[layout, size] = (log, batch, names.count(b"\n"))
            print(f"{layout} {size}: log {log:.2f} cat-file {batch:.2f} load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("| layout | controls | git log --name-only CPU s | growth | cat-file --batch CPU s (names) | growth |")
    print("|---|---:|---:|---:|---:|---:|")
    for layout in layouts:
        log0, batch0, _ = figures[layout, sizes[0]]
        for size in sizes:
            log, batch, count = figures[layout, size]
            print(
                f"| {layout} | {size:,} | {log:.2f} | ×{log / log0:.1f} "
                f"| {batch:.2f} ({count:,}) | ×{batch / batch0:.1f} |"
            )


if __name__ == "__main__":
    main()
