"""Staging: generated and hand-written pages, assets and public evidence in a folder outside the sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]

from helpers import demo_files, write_repo
from isms.errors import IsmsError, UsageError
from isms.evaluation import evaluate
from isms.site import build as site_build
from isms.site import parallel
from isms.site.build import check_out, clean, handwritten, stage, sync_tree
from isms.site.calendar import CALENDAR

TODAY = dt.date(2026, 3, 1)


def test_handwritten_pages_per_edition(tmp_path: Path) -> None:
    docs = write_repo(
        tmp_path / "docs",
        {
            "about.md": "# について",
            "about.en.md": "# About",
            "guide.md": "# 案内",
            "img/a.png": b"\x89PNG",
            ".x.md": "-",
        },
    )
    assert {k: v.name for k, v in handwritten(docs, "ja").items()} == {
        "about.md": "about.md",
        "guide.md": "guide.md",
        "img/a.png": "a.png",
    }
    assert {k: v.name for k, v in handwritten(docs, "en").items()} == {
        "about.md": "about.en.md",
        "guide.md": "guide.md",
        "img/a.png": "a.png",
    }
    assert handwritten(tmp_path / "none", "ja") == {}
    assert list(handwritten(docs, "en", "/img/\nguide.md\n")) == ["about.md"]


def test_sync_tree_writes_changes_and_removes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    sync_tree(folder, {"a.md": b"a", "sub/b.md": b"b"})
    before = (folder / "a.md").stat().st_mtime_ns
    sync_tree(folder, {"a.md": b"a", "c.md": b"c"})
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["a.md", "c.md"]
    assert (folder / "a.md").stat().st_mtime_ns == before


def repo(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    files = demo_files()
    files["evidence/pub/evidence.yaml"] = (
        "evidence:\n"
        "  - {path: open.csv, title: 公開, date: 2026-01-10, class: public}\n"
        "  - {path: secret.txt, title: 機密, date: 2026-01-10, class: confidential}\n"
    )
    files["evidence/pub/open.csv"] = "a\nPUBLIC-CONTENT\n"
    files["evidence/pub/secret.txt"] = "CANARY-UNIT-TEST-SECRET\n"
    files["docs/about.md"] = "# このサイトについて\n"
    return write_repo(tmp_path / "repo", {**files, **(extra or {})})


def test_stage_writes_pages_assets_public_evidence_and_config(tmp_path: Path) -> None:
    root = repo(tmp_path)
    staging = tmp_path / "staging"
    staged = stage(evaluate(root, TODAY), "ja", staging, tmp_path / "out")
    docs = staging / "docs"
    assert staged.config_file == staging / "mkdocs.yml"
    assert (docs / "index.md").is_file()
    assert (docs / "controls/demo/DM-1.md").is_file()
    assert (docs / "about.md").read_text(encoding="utf-8") == "# このサイトについて\n"
    assert (docs / "assets/isms/isms.js").is_file()
    assert (docs / "assets/isms/iframe-worker-shim.js").is_file()
    assert (docs / "files/evidence/pub/open.csv").read_text(encoding="utf-8") == "a\nPUBLIC-CONTENT\n"
    everything = b"".join(p.read_bytes() for p in staging.rglob("*") if p.is_file())
    assert b"CANARY-UNIT-TEST-SECRET" not in everything
    assert not any(p.is_relative_to(root) for p in staging.rglob("*"))
    config = yaml.load(staged.config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert "about.md" in config["nav"]
    assert staged.pages == len([p for p in docs.rglob("*.md") if p.name != "about.md"])


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_staging_on_two_cores_writes_what_one_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child makes the downloads (and maybe pages) while the models are built here: the same folder."""
    if not parallel.can_fork(10**9):
        pytest.skip("no second process here (not Linux, one CPU, or threads running)")
    evaluation = evaluate(repo(tmp_path), TODAY)
    trees = []
    for threshold in (10**9, 0):
        monkeypatch.setattr(parallel, "FORK_ABOVE", threshold)
        staging = tmp_path / f"staging-{threshold}"
        stage(evaluation, "ja", staging, tmp_path / "out")
        trees.append(_tree(staging / "docs"))
    assert trees[0] == trees[1]
    assert CALENDAR in trees[0]


def test_a_handwritten_page_cannot_replace_a_generated_one(tmp_path: Path) -> None:
    root = repo(tmp_path, {"docs/soa.md": "# mine\n"})
    with pytest.raises(IsmsError, match=r"soa\.md"):
        stage(evaluate(root, TODAY), "ja", tmp_path / "staging", tmp_path / "out")


@pytest.mark.parametrize("out", [".", "..", "controls", "evidence/pub", "docs"])
def test_out_must_not_overlap_the_sources(tmp_path: Path, out: str) -> None:
    root = repo(tmp_path)
    with pytest.raises(UsageError, match="--out"):
        check_out(root, root / out)


def test_out_inside_the_repository_is_fine_and_cleaning_keeps_dot_files(tmp_path: Path) -> None:
    root = repo(tmp_path)
    out = check_out(root, root / "site")
    write_repo(out, {".git/HEAD": "ref", "old.html": "x", "sub/x.html": "y"})
    clean(out)
    assert sorted(p.name for p in out.iterdir()) == [".git"]


def test_a_build_stages_where_scratch_says_and_leaves_nothing_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In memory (/dev/shm) when there is room: the staging folder is made there and deleted with the build."""
    shm = tmp_path / "shm"
    shm.mkdir()
    written: list[Path] = []
    monkeypatch.setattr(site_build, "staging_parent", lambda evaluation: str(shm))

    def recorded(folder: Path, files: dict[str, bytes]) -> None:
        written.append(folder)
        sync_tree(folder, files)

    monkeypatch.setattr(site_build, "sync_tree", recorded)
    built = site_build.build(evaluate(repo(tmp_path), TODAY), lang="ja", out=tmp_path / "out")
    assert (built.out / "index.html").is_file()
    assert [folder.parent.parent for folder in written] == [shm]
    assert list(shm.iterdir()) == []
