"""Generate a group-sized ISMS: N controls of an own framework plus ISO/IEC 27001:2022 Annex A.

    python benchmarks/gen_big.py OUT --controls 1000 [--seed 19]

Shape (issue #19): about 10 evidence files per control in registers of 50, 2 commits per
control. The first commit adds the whole ISMS; every later commit revises one control, and every
fourth one also replaces an evidence file and updates its register entry (new date and sha256),
so `isms diff --base HEAD~50` sees control and evidence changes. A few deliberate defects
(a missing evidence file, a hash mismatch, expired evidence, a planned control, an impossible
date, an unknown key) give `isms check`
findings to report, deterministically for a given N and seed.

History is written with `git fast-import` (one process), then the work tree is checked out.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml  # type: ignore[import-untyped]

PER_REGISTER = 50
PER_CONTROL = 10
FRAMEWORK = "group"
ANNEX_A = "iso27001-2022"
CATALOG = Path(__file__).parent.parent / "src" / "isms" / "catalogs" / f"{ANNEX_A}.yaml"
START = 1_780_000_000  # 2026-05-29, so commit dates fall in 2026 before --today 2026-11-26
CONFIG = (
    "organisation: {ja: 大規模グループ株式会社, en: Big Group Inc.}\n"
    f"frameworks: [{FRAMEWORK}, {ANNEX_A}]\n"
    f"soa_framework: {ANNEX_A}\n"
    "owners:\n"
    "  ciso: {name: {ja: CISO, en: CISO}}\n"
    "  it: {name: {ja: 情報システム部, en: IT department}}\n"
)


def annex_a_ids() -> list[str]:
    """Return the Annex A control ids from the bundled catalog."""
    data = yaml.load(CATALOG.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return [str(item["id"]) for item in data["requirements"]]


def catalog(controls: int) -> str:
    lines = [
        f"framework: {{id: {FRAMEWORK}, name: {{ja: グループ管理基準, en: Group control standard}}, version: '1'}}",
        "groups:",
        *[f"  - {{id: g{g:02d}, title: {{ja: 分野{g}, en: Area {g}}}}}" for g in range(10)],
        "requirements:",
    ]
    lines += [
        f"  - {{id: 'G{i:05d}', title: {{ja: 要求事項{i}, en: Requirement {i}}}, group: g{i % 10:02d}}}"
        for i in range(controls)
    ]
    return "\n".join(lines) + "\n"


def evidence_path(index: int) -> str:
    """Path of evidence file ``index`` relative to evidence/."""
    return f"r{index // PER_REGISTER:04d}/e{index:06d}.txt"


def evidence_content(index: int, revision: int) -> bytes:
    return f"evidence {index} revision {revision}\nrecorded by the benchmark generator\n".encode()


@dataclass
class World:
    """The current state of every file the history touches."""

    controls: int
    evidence: int
    annex: list[str]
    revisions: dict[int, int] = field(default_factory=dict)  # evidence index -> revision
    control_revisions: dict[str, int] = field(default_factory=dict)

    def register(self, folder: int) -> str:
        first = folder * PER_REGISTER
        lines = ["defaults: {class: internal, valid_for: 1y, collected_by: it}", "evidence:"]
        for index in range(first, min(self.evidence, first + PER_REGISTER)):
            revision = self.revisions.get(index, 0)
            content = evidence_content(index, revision)
            if index % 211 == 5:  # a hash mismatch: the file changed, the register did not
                content = evidence_content(index, revision + 1000)
            digest = hashlib.sha256(content).hexdigest()
            year, month = (2024, 3) if index % 173 == 7 else (2026, 1 + (index + revision) % 10)
            lines += [
                f"  - path: e{index:06d}.txt",
                f"    title: {{ja: 証跡{index}, en: Evidence {index}}}",
                f"    date: {year}-{month:02d}-15",
                f"    sha256: '{digest}'",
            ]
            if index % 307 == 9:  # a key the schema does not know
                lines.append("    colour: red")
        return "\n".join(lines) + "\n"

    def evidence_file(self, index: int) -> bytes:
        return evidence_content(index, self.revisions.get(index, 0))

    def control(self, number: int, key: str) -> str:
        """Control file number ``number`` (own framework first, then Annex A) at its current revision."""
        refs = [evidence_path((number * PER_CONTROL + k) % self.evidence) for k in range(PER_CONTROL)]
        if number % 97 == 3:
            refs.append(f"r{number // PER_REGISTER:04d}/missing-{number}.txt")
        status = "planned" if number % 89 == 11 else "implemented"
        return (
            f"# revision {self.control_revisions.get(key, 0)}\n"
            f"status: {status}\n"
            f"owner: {'ciso' if number % 2 else 'it'}\n"
            f"review: {{last: {'2026-13-45' if number % 151 == 17 else '2026-06-01'}}}\n"
            "implementation: {ja: 手順に従って実施している。, en: Done as the procedure says.}\n"
            f"evidence: [{', '.join(refs)}]\n"
        )

    def control_files(self) -> list[tuple[int, str, str]]:
        """(number, key, path) for every control file."""
        own = [(i, f"G{i:05d}", f"controls/{FRAMEWORK}/G{i:05d}.yaml") for i in range(self.controls)]
        annex = [(self.controls + j, ident, f"controls/{ANNEX_A}/{ident}.yaml") for j, ident in enumerate(self.annex)]
        return own + annex


def _blob(content: bytes) -> bytes:
    return b"data %d\n" % len(content) + content + b"\n"


def _modify(path: str, content: bytes) -> bytes:
    return b"M 100644 inline " + path.encode() + b"\n" + _blob(content)


def _commit(mark: int, when: int, message: str, parent: bool) -> bytes:
    author = b"Benchmark Author <bench@example.invalid> %d +0900" % when
    msg = message.encode()
    head = b"commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\n" % (mark, author, author)
    head += b"data %d\n%s\n" % (len(msg), msg)
    if parent:
        head += b"from :%d\n" % (mark - 1)
    return head


def stream(world: World, seed: int) -> Iterator[bytes]:
    controls = world.control_files()
    yield _commit(1, START, "Add the ISMS", parent=False)
    yield _modify("isms.yaml", CONFIG.encode())
    yield _modify(f"catalogs/{FRAMEWORK}.yaml", catalog(world.controls).encode())
    for folder in range((world.evidence + PER_REGISTER - 1) // PER_REGISTER):
        yield _modify(f"evidence/r{folder:04d}/evidence.yaml", world.register(folder).encode())
        for index in range(folder * PER_REGISTER, min(world.evidence, (folder + 1) * PER_REGISTER)):
            yield _modify(f"evidence/{evidence_path(index)}", world.evidence_file(index))
    for number, key, path in controls:
        yield _modify(path, world.control(number, key).encode())
    rng = random.Random(seed)
    commits = 2 * world.controls
    step = max(1, (180 * 86400) // commits)
    for mark in range(2, commits + 1):
        number, key, path = controls[rng.randrange(len(controls))]
        world.control_revisions[key] = world.control_revisions.get(key, 0) + 1
        yield _commit(mark, START + mark * step, f"Review control {key}", parent=True)
        yield _modify(path, world.control(number, key).encode())
        if mark % 4 == 0:
            index = rng.randrange(world.evidence)
            world.revisions[index] = world.revisions.get(index, 0) + 1
            yield _modify(f"evidence/{evidence_path(index)}", world.evidence_file(index))
            folder = index // PER_REGISTER
            yield _modify(f"evidence/r{folder:04d}/evidence.yaml", world.register(folder).encode())


def generate(out: Path, controls: int, seed: int = 19) -> None:
    """Write the repository to ``out`` (which must not exist)."""
    annex = annex_a_ids()
    world = World(controls=controls, evidence=PER_CONTROL * (controls + len(annex)), annex=annex)
    out.mkdir(parents=True, exist_ok=False)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=out, stdin=subprocess.PIPE)
    if importer.stdin is None:
        sys.exit("cannot start git fast-import")
    for chunk in stream(world, seed):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=out, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--controls", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    generate(args.out, args.controls, args.seed)


if __name__ == "__main__":
    main()
