"""The git history on the site stays bounded: a control's page lists its latest commits, the SoA its latest change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import commit_all, demo_files, write_repo
from isms.evaluation import evaluate
from isms.site.pages import build_site
from isms.site.pages.controls import HISTORY_SHOWN
from isms.site.pages.types import ControlPage, SoaPage
from isms.site.render import Renderer

COMMITS = HISTORY_SHOWN + 3


def test_a_control_touched_often_lists_its_latest_commits_and_says_where_the_rest_are(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    commit_all(root, "Demo ISMS", "2025-01-01T09:00:00+09:00")
    control = root / "controls/demo/DM-1.yaml"
    start = dt.datetime(2025, 1, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    for number in range(1, COMMITS + 1):
        control.write_text(control.read_text(encoding="utf-8") + f"# review {number}\n", encoding="utf-8")
        commit_all(root, f"DM-1: review {number}", (start + dt.timedelta(days=number)).isoformat())
    site = build_site(evaluate(root, dt.date(2026, 3, 1)), "en")
    page = next(p for p in site.pages if isinstance(p, ControlPage) and p.path == "controls/demo/DM-1.md")
    assert len(page.history) == HISTORY_SHOWN
    assert page.history[0].subject == f"DM-1: review {COMMITS}"  # newest first
    assert page.history_older == COMMITS + 1 - HISTORY_SHOWN
    assert "controls/demo/DM-1.yaml" in page.history_paths
    text = Renderer(site.info).render(page)
    assert f"{COMMITS + 1 - HISTORY_SHOWN} older commits are not listed here" in text
    assert "git log -- controls/demo/DM-1.yaml" in text
    soa = next(p for p in site.pages if isinstance(p, SoaPage) and p.path == "soa.md")
    assert soa.history_page is not None
    assert [row[3] for row in soa.history] == [f"DM-1: review {COMMITS}"]  # the SoA names only the latest
    changes = next(p for p in site.pages if isinstance(p, SoaPage) and p.path == "soa-history.md")
    assert changes.history_total == COMMITS + 1
    assert len(changes.history) == COMMITS + 1
