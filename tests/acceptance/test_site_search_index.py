"""isms' search hook leaves the site as it was: the same search index and pages, built with and without it.

The hook (isms.site.search_hook, listed in the engine's config) has Material's search plugin find
each page's sections without html.parser (issue 19: that parse was a third to almost half of
MkDocs' time). The same staging folder is built twice, with the hook and without; the search index
(every section's location, title and text) and every page must be byte-identical. The example is
built in both editions, and a repository with markup in all its texts in Japanese.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from acceptance.site_support import TODAY, hostile_files
from helpers import commit_all, copy_example, write_repo
from isms.evaluation import evaluate
from isms.model.base import Lang
from isms.site import engine as engines
from isms.site.build import stage
from isms.site.search import HOOK

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
NOTES = """# Notes

<div data-search-exclude="yes"><p>hidden from search</p></div>

<!-- a comment: html.parser's to read -->

<p data-search-boost="2">visible</p>
"""


def built(config: Path, out: Path) -> tuple[dict[str, bytes], str]:
    """Build a staged config into ``out``; return the site's files (path -> bytes) and MkDocs' verbose output."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^site_dir: .*$", f"site_dir: {out}", text, flags=re.MULTILINE)
    path = config.with_name(f"mkdocs.{out.name}.yml")
    path.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [*engines.command("mkdocs", "build", path), "--verbose"],
        cwd=config.parent,
        env=engines.engine_env(dt.date.fromisoformat(TODAY)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}, run.stderr


def without_hook(config: Path) -> Path:
    """Return a copy of the staged config without isms' search hook (the other hooks stay)."""
    text = config.read_text(encoding="utf-8")
    assert f"- {HOOK}\n" in text
    text = text.replace(f"- {HOOK}\n", "")
    text = re.sub(r"^hooks:\n(?=[^\s-])", "", text, flags=re.MULTILINE)  # when no hook is left
    path = config.with_name("mkdocs.no-hook.yml")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fixture", "lang"), [("example", "ja"), ("example", "en"), ("hostile", "ja")])
def test_the_index_and_pages_are_the_same_with_and_without_the_hook(tmp_path: Path, fixture: str, lang: Lang) -> None:
    if fixture == "example":
        root = copy_example(REPOSITORY, tmp_path / "repo")
    else:
        files = hostile_files()
        # A hand-written page with what Material strips from a page (data-search-* with a value) and a comment.
        files["docs/notes.md"] = NOTES
        root = write_repo(tmp_path / "repo", files)
    commit_all(root, "ISMS", "2026-01-05T09:00:00+09:00")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
        evaluation = evaluate(root, dt.date.fromisoformat(TODAY))
    staged = stage(evaluation, lang, tmp_path / "staging", tmp_path / "site")

    with_it, said = built(staged.config_file, tmp_path / "with")
    found = re.search(r"search sections: (\d+) pages without html\.parser, (\d+) with it; (\d+) of (\d+) pages", said)
    assert found is not None, said[-2000:]
    fast, slow, stripped, pages = (int(n) for n in found.groups())
    assert pages == len([name for name in with_it if name.endswith(".html")]) - 1  # all but 404.html
    assert stripped == (1 if fixture == "hostile" else 0)
    if fixture == "example":
        assert fast > 20 * slow, (fast, slow)  # nearly every page goes the fast way
    else:
        assert fast > slow > 0, (fast, slow)  # markup in the texts: some pages go to Material's parser
    without_it, said = built(without_hook(staged.config_file), tmp_path / "without")
    assert "search sections:" not in said

    index = "search/search_index.json"
    assert with_it[index] == without_it[index]
    assert sorted(with_it) == sorted(without_it)
    assert [name for name in with_it if with_it[name] != without_it[name]] == []
    assert len(re.findall(rb'"location":', with_it[index])) > 30
    if fixture == "hostile":
        notes = with_it["notes.html"].decode("utf-8")
        assert "<p>visible</p>" in notes
        assert "data-search-boost" not in notes
        assert b"visible" in with_it[index]
        assert b"hidden from search" not in with_it[index]
