"""A framework with too many controls for the nav lists them on list pages; each page still has an inert title."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.utils import meta

from helpers import demo_files, write_repo
from isms.evaluation import evaluate
from isms.site.build import nav_titles, stage
from isms.site.config import inert
from isms.site.pages import build_site, control_lists
from isms.site.pages.common import DASHBOARD
from isms.site.pages.types import ControlListPage, ControlPage, NavEntry, Site

TODAY = dt.date(2026, 3, 1)
EXAMPLE = Path(__file__).resolve().parents[3]


def _paths(entries: tuple[NavEntry, ...]) -> set[str]:
    return {path for entry in entries for path in ({entry.path} - {None}) | _paths(entry.children) if path}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setattr(control_lists, "CONTROLS_IN_NAV_MAX", 2)
    monkeypatch.setattr(control_lists, "LIST_SIZE", 2)
    return build_site(evaluate(write_repo(tmp_path / "repo", demo_files()), TODAY), "ja")


def test_the_controls_of_a_big_framework_are_on_list_pages_in_the_nav_and_not_in_the_nav_themselves(site: Site) -> None:
    lists = [p for p in site.pages if isinstance(p, ControlListPage)]
    controls = [p for p in site.pages if isinstance(p, ControlPage)]
    assert [p.path for p in lists] == ["control-lists/demo/001.md", "control-lists/demo/002.md"]
    assert [row.target for p in lists for row in p.rows] == [p.path for p in controls]
    assert [row.id for p in lists for row in p.rows] == ["DM-1", "DM-2", "DM-3"]
    assert lists[0].rows[0].status == "implemented"
    assert lists[0].rows[0].evidence == 1
    nav = _paths(site.nav)
    assert {p.path for p in lists} <= nav
    assert not {p.path for p in controls} & nav
    section = next(entry for entry in site.nav if entry.title == "管理策")
    assert [(e.title, [c.title for c in e.children]) for e in section.children] == [
        ("デモ基準", ["DM-1 – DM-2", "DM-3 – DM-3"])
    ]


def test_a_framework_up_to_the_limit_keeps_its_controls_in_the_nav(tmp_path: Path) -> None:
    built = build_site(evaluate(write_repo(tmp_path / "repo", demo_files()), TODAY), "ja")
    assert not [p for p in built.pages if isinstance(p, ControlListPage)]
    assert {p.path for p in built.pages if isinstance(p, ControlPage)} <= _paths(built.nav)


def _front_matter_title(source: str) -> str | None:
    """The title as MkDocs reads it from the front matter."""
    title = meta.get_data(source)[1].get("title")
    return None if title is None else str(title)


def test_every_generated_page_but_the_homepage_carries_its_inert_title_in_its_front_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme prints a page's title raw in <title>; outside the nav it would be the heading's text."""
    monkeypatch.setattr(control_lists, "CONTROLS_IN_NAV_MAX", 2)
    files = demo_files()
    attack = "</title><script>alert(1)</script>&lt;b&gt;"
    catalog = str(files["catalogs/demo.yaml"])
    files["catalogs/demo.yaml"] = catalog.replace("アクセス権の見直し", "見直し " + attack)
    evaluation = evaluate(write_repo(tmp_path / "repo", files), TODAY)
    staged = stage(evaluation, "ja", tmp_path / "staging", tmp_path / "out")
    built = build_site(evaluation, "ja")
    titles = nav_titles(built.nav)
    docs = staged.config_file.parent / "docs"
    for page in built.pages:
        title = _front_matter_title((docs / page.path).read_text(encoding="utf-8"))
        if page.path == DASHBOARD:
            assert title is None
        else:
            own = isinstance(page, ControlListPage) or page.path not in titles
            assert title == inert(page.title if own else titles[page.path]), page.path
            assert not set("<>&\"'`") & set(title), page.path
    source = (docs / "controls/demo/DM-1.md").read_text(encoding="utf-8")
    assert _front_matter_title(source) == inert("DM-1 見直し " + attack)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_example_site_lists_every_control_in_the_nav(lang: str) -> None:
    """The bundled example stays below the limit: its nav (and so its pages) are as before."""
    built = build_site(evaluate(EXAMPLE, dt.date(2026, 11, 26)), "en" if lang == "en" else "ja")
    assert not [p for p in built.pages if isinstance(p, ControlListPage)]
