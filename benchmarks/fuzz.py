"""Fuzz `isms validate` and `isms check` over seeded random mutations of the bundled example.

Each case copies nothing: a worker holds one copy of the example, mutates one to three of its
files (YAML sources and evidence data) with hostile edits (impossible tags, NUL and control
bytes, invalid UTF-8, calendar ends, huge numbers, truncation, deleted or duplicated lines,
FIFOs), runs the command in-process, and restores the files. Any exit code other than 0, 1 or 2,
or a traceback on stderr, is a failure, reported with its seed so that it can be replayed.

    python benchmarks/fuzz.py --cases 2000 --workers 2
    python benchmarks/fuzz.py --replay 1234          # one case, with its mutation and output

The suite runs a few cases of the same mutator (tests/acceptance/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_PARTS = (
    "isms.yaml",
    "mkdocs.yml",
    "controls",
    "policies",
    "evidence",
    "risks",
    "assets",
    "exceptions",
    "attestations",
)

HOSTILE_VALUES = (
    "!!float abc",
    "!!int",
    "!!int 0x",
    "!!bool maybe",
    "!!omap [a, b]",
    "!!binary '@@'",
    "!!set {a, b}",
    "!foo 1",
    '"a\\0b"',
    '"\\x07"',
    "9999-12-31",
    "0001-01-01",
    "1900-01-01",
    "2026-02-30",
    "2026-13-45",
    "inf",
    ".nan",
    "-.inf",
    "1e999",
    "-1",
    "999999999999999999999999999999",
    "[]",
    "{}",
    "null",
    "''",
    "*alias",
    "&anchor x",
    "../../../etc/passwd",
    "/etc/passwd",
    "~/x",
    "'=HYPERLINK(\"http://x\")'",
    "ｆｕｌｌ",
    "[[[[[[[[[[]]]]]]]]]]",
    "{a: {b: {c: {d: {e: 1}}}}}",
    "x" * 5000,
    "0" * 400,
    "9999m",
    "0d",
    "10000y",
)
HOSTILE_BYTES = (
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"\t",
    b"\r",
    b"\x1b[31m",
    b"\xef\xbb\xbf",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
)
TODAYS = ("9999-12-31", "0001-01-01", "1900-01-01", "2026-11-26", "2000-02-29", "2027-06-30")


@dataclass(frozen=True)
class Outcome:
    """One case: its seed, the command, the exit code, and the tail of stderr when it failed."""

    seed: int
    command: tuple[str, ...]
    code: int
    problem: str = ""


def copy_example(target: Path) -> Path:
    """Copy the example's ISMS files (not the tool's code) into ``target``; return it."""
    target.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def _files(root: Path) -> tuple[list[Path], list[Path]]:
    yaml = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
    data = sorted(p for p in (root / "evidence").rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".md"))
    return yaml, data


def _mutate_text(rng: random.Random, raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    index = rng.randrange(len(lines))
    kind = rng.randrange(9)
    if kind == 0:  # a value replaced by a hostile one
        line = lines[index]
        head, colon, _ = line.partition(b":")
        value = rng.choice(HOSTILE_VALUES).encode()
        lines[index] = head + b": " + value if colon else line[: len(line) - len(line.lstrip())] + b"- " + value
    elif kind == 1:
        del lines[index]
    elif kind == 2:
        lines.insert(index, lines[index])
    elif kind == 3:  # hostile bytes somewhere
        at = rng.randrange(len(raw) + 1)
        return raw[:at] + rng.choice(HOSTILE_BYTES) + raw[at:]
    elif kind == 4:
        return raw[: rng.randrange(len(raw) + 1)]
    elif kind == 5:
        return b""
    elif kind == 6:  # indentation shifted
        lines[index] = b" " * rng.randrange(1, 5) + lines[index]
    elif kind == 7:  # a random key added
        lines.insert(index, rng.choice((b"x: 1", b"- 1", b"? [a]", b"<<: {a: 1}", b"date: 9999-12-31")))
    elif raw:  # a byte flipped
        at = rng.randrange(len(raw))
        return raw[:at] + bytes([rng.randrange(256)]) + raw[at + 1 :]
    return b"\n".join(lines)


def mutate(rng: random.Random, root: Path) -> tuple[dict[Path, bytes], list[str]]:
    """Mutate one to three files under ``root``; return their original contents and a description."""
    yaml, data = _files(root)
    originals: dict[Path, bytes] = {}
    said: list[str] = []
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(data) if data and rng.random() < 0.25 else rng.choice(yaml)
        if path in originals:
            continue
        originals[path] = path.read_bytes()
        rel = path.relative_to(root).as_posix()
        if rng.random() < 0.02 and hasattr(os, "mkfifo"):
            path.unlink()
            os.mkfifo(path)
            said.append(f"{rel}: replaced by a FIFO")
            continue
        path.write_bytes(_mutate_text(rng, originals[path]))
        said.append(f"{rel}: mutated")
    return originals, said


def restore(originals: dict[Path, bytes]) -> None:
    """Put the mutated files back."""
    for path, content in originals.items():
        if path.exists() and not path.is_file():
            path.unlink()
        path.write_bytes(content)


def command_for(rng: random.Random, root: Path) -> tuple[str, ...]:
    """Pick the command of a case: validate, or check as of a random (often extreme) day."""
    if rng.random() < 0.4:
        return ("validate", "--root", str(root))
    return ("check", "--root", str(root), "--today", rng.choice(TODAYS))


def run_case(seed: int, root: Path) -> Outcome:
    """Mutate, run in-process, restore; any exit but 0, 1, 2 or any traceback is a problem."""
    from isms.cli import main  # noqa: PLC0415  # imported in the worker

    rng = random.Random(seed)
    originals, _ = mutate(rng, root)
    command = command_for(rng, root)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(command))
    finally:
        restore(originals)
    text = err.getvalue()
    problem = text[-2000:] if code not in (0, 1, 2) or "Traceback" in text else ""
    return Outcome(seed, tuple(c if c != str(root) else "ROOT" for c in command), code, problem)


_ROOT: Path | None = None


def _worker_root() -> Path:
    global _ROOT  # noqa: PLW0603  # one copy of the example per worker process
    if _ROOT is None:
        _ROOT = copy_example(Path(tempfile.mkdtemp(prefix="isms-fuzz-")) / "example")
        subprocess.run(["git", "init", "-q", str(_ROOT)], check=True)
    return _ROOT


def _run_seed(seed: int) -> Outcome:
    return run_case(seed, _worker_root())


def run_cases(seeds: Iterable[int], workers: int) -> list[Outcome]:
    """Run the cases of ``seeds`` on ``workers`` processes."""
    if workers <= 1:
        return [_run_seed(seed) for seed in seeds]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_run_seed, seeds, chunksize=8))


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz campaign and print exits by code; exit 1 when any case failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--replay", type=int, default=None, metavar="SEED")
    args = parser.parse_args(argv)
    if args.replay is not None:
        root = _worker_root()
        rng = random.Random(args.replay)
        originals, said = mutate(rng, root)
        restore(originals)
        outcome = run_case(args.replay, root)
        print("\n".join(said), outcome, sep="\n")
        return 0 if not outcome.problem else 1
    started = time.perf_counter()
    outcomes = run_cases(range(args.first_seed, args.first_seed + args.cases), args.workers)
    seconds = time.perf_counter() - started
    codes = Counter(o.code for o in outcomes)
    commands = Counter(o.command[0] for o in outcomes)
    failed = [o for o in outcomes if o.problem]
    print(
        f"{len(outcomes)} cases in {seconds:.0f} s ({args.workers} workers): "
        + ", ".join(f"{n} {c}" for c, n in sorted(commands.items()))
    )
    print("exits by code: " + ", ".join(f"{code}: {n}" for code, n in sorted(codes.items())))
    for outcome in failed[:20]:
        print(f"FAILED seed {outcome.seed}: {' '.join(outcome.command)} -> exit {outcome.code}\n{outcome.problem}")
    print(f"{len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
