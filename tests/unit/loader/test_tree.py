"""The ISMS read from git objects (`isms diff`) is the ISMS read from disk: the same findings, lines and facts.

Each case of tests/data and the example is committed to a real git repository and evaluated twice:
from the work tree, and from the commit's tree (:func:`isms.diff.snapshot.revision`, nothing
written to disk). Symlinks are committed as git stores them (mode 120000), a submodule as a gitlink.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from helpers import commit_all, copy_example, git
from isms.diff.snapshot import history_at, revision
from isms.evaluation import Evaluation, evaluate
from isms.findings import Finding

DATA = Path(__file__).resolve().parents[2] / "data"
REPO = Path(__file__).resolve().parents[3]
CASES = sorted(p for kind in ("invalid", "valid") for p in (DATA / kind).iterdir() if p.is_dir())
TODAY = dt.date(2026, 11, 26)


def _materialise(case: Path, dest: Path) -> Path:
    shutil.copytree(case, dest, ignore=shutil.ignore_patterns("expected.txt", "symlinks.txt"))
    links = case / "symlinks.txt"
    if links.exists():
        for entry in links.read_text(encoding="utf-8").splitlines():
            link, target = (part.strip() for part in entry.split("->"))
            (dest / link).symlink_to(target)
    return dest


def _shown(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.rule, f.severity, f.message, f.path, f.line, f.column, f.control) for f in findings]


def _both(root: Path) -> tuple[Evaluation, Evaluation]:
    commit_all(root, "the ISMS", "2026-10-01T09:00:00+09:00")
    read = revision(root, "HEAD")
    history = history_at(root, read.commit, "")
    return evaluate(root, TODAY, history=history), evaluate(root, TODAY, history=history, tree=read.tree)


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_a_case_from_git_objects_has_the_findings_it_has_on_disk(case: Path, tmp_path: Path) -> None:
    disk, tree = _both(_materialise(case, tmp_path / "repo"))
    assert _shown(tree.findings) == _shown(disk.findings)
    assert tree.facts.hashes == disk.facts.hashes


def test_the_example_from_git_objects_is_the_example_on_disk(tmp_path: Path) -> None:
    disk, tree = _both(copy_example(REPO, tmp_path / "repo"))
    assert disk.findings  # the example has findings to compare (warnings at least)
    assert _shown(tree.findings) == _shown(disk.findings)
    assert tree.facts.hashes == disk.facts.hashes
    assert tree.facts.tables.keys() == disk.facts.tables.keys()
    assert tree.facts.trust.attestations == disk.facts.trust.attestations
    assert tree.facts.trust.signatures == disk.facts.trust.signatures
    assert tree.metrics == disk.metrics


def test_symlinks_out_of_a_committed_tree_are_refused(tmp_path: Path) -> None:
    root = _materialise(DATA / "valid" / sorted(p.name for p in (DATA / "valid").iterdir())[0], tmp_path / "repo")
    (root / "evidence" / "out-abs.txt").symlink_to("/etc/hostname")
    (root / "evidence" / "out-rel.txt").symlink_to("../../outside.txt")
    (root / "evidence" / "folder-out").symlink_to("/etc")
    (root / "evidence" / "broken.txt").symlink_to("nothing-here.txt")
    disk, tree = _both(root)
    shown = _shown(tree.findings)
    assert shown == _shown(disk.findings)
    refused = {(rule, path) for rule, _, _, path, *_ in shown}
    assert {
        ("path-escape", "evidence/out-abs.txt"),
        ("path-escape", "evidence/out-rel.txt"),
        ("path-escape", "evidence/folder-out"),
        ("unreadable", "evidence/broken.txt"),
    } <= refused


def test_a_submodule_in_a_committed_tree_is_not_a_file(tmp_path: Path) -> None:
    root = _materialise(DATA / "valid" / sorted(p.name for p in (DATA / "valid").iterdir())[0], tmp_path / "repo")
    commit_all(root, "the ISMS", "2026-10-01T09:00:00+09:00")
    head = git(root, "rev-parse", "HEAD").strip()
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},evidence/vendored")
    git(root, "commit", "-q", "-m", "a submodule")
    read = revision(root, "HEAD")
    tree = evaluate(root, TODAY, history=history_at(root, read.commit, ""), tree=read.tree)
    assert ("unreadable", "evidence/vendored") in {(f.rule, f.path) for f in tree.findings}
