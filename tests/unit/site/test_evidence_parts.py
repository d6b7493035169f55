"""A large evidence register is cut into pages of compact rows, listed by its first page (issue #19)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest

from helpers import demo_files, write_repo
from isms.evaluation import evaluate
from isms.site.pages import build_site, common
from isms.site.pages.types import ControlPage, EvidencePage, Site, SoaPage
from isms.site.render import Renderer

TODAY = dt.date(2026, 3, 1)
ITEMS = 12


def files() -> dict[str, str | bytes]:
    repo = demo_files()
    entries = "".join(
        f"  - {{path: f{n:02d}.txt, title: {{ja: 記録{n}, en: Record {n}}}, date: 2026-01-10}}\n" for n in range(ITEMS)
    )
    repo["evidence/many/evidence.yaml"] = f"defaults: {{class: internal, valid_for: 1y}}\nevidence:\n{entries}"
    for n in range(ITEMS):
        repo[f"evidence/many/f{n:02d}.txt"] = f"record {n}\n"
    repo["controls/demo/DM-1.yaml"] = (
        "status: implemented\nowner: ciso\nreview: {last: 2026-01-15, interval: 1y}\n"
        "evidence: [access/review-2026-q1.csv, many/f00.txt, many/f11.txt]\n"
    )
    return repo


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setattr(common, "EVIDENCE_SPLIT_ABOVE", 5)
    monkeypatch.setattr(common, "EVIDENCE_PAGE_ROWS", 5)
    return build_site(evaluate(write_repo(tmp_path / "repo", files()), TODAY), "ja")


def test_the_register_lists_its_parts_and_every_item_is_on_one_part(site: Site) -> None:
    registers = [p for p in site.pages if isinstance(p, EvidencePage)]
    index, parts = registers[0], registers[1:]
    assert index.path == "evidence.md"
    assert index.rows == ()
    assert [p.path for p in parts] == [f"evidence-register/00{n}.md" for n in (1, 2, 3)]
    assert [part.path for part in index.parts] == [p.path for p in parts]
    rows = [row.path for p in parts for row in p.rows]
    assert len(rows) == ITEMS + 1
    assert rows == sorted(rows)
    assert [(part.first, part.last) for part in index.parts] == [(p.rows[0].path, p.rows[-1].path) for p in parts]
    assert all(p.register == "evidence.md" for p in parts)
    section = next(entry for entry in site.nav if entry.title == "証跡台帳")
    assert [child.path for child in section.children] == ["evidence.md", *(p.path for p in parts)]


def test_links_to_an_item_go_to_its_row_on_its_part(site: Site) -> None:
    control = next(p for p in site.pages if isinstance(p, ControlPage) and p.path == "controls/demo/DM-1.md")
    assert [row.path for row in control.evidence] == ["access/review-2026-q1.csv", "many/f00.txt", "many/f11.txt"]
    soa = next(p for p in site.pages if isinstance(p, SoaPage))
    entry = next(e for e in soa.rows if e.row.id == "DM-1")
    assert [ref.target for ref in entry.evidence] == [
        "evidence-register/001.md#ev-access_2freview-2026-q1.csv",
        "evidence-register/001.md#ev-many_2ff00.txt",
        "evidence-register/003.md#ev-many_2ff11.txt",
    ]


def test_a_part_is_compact_and_left_out_of_search(site: Site) -> None:
    renderer = Renderer(site.info)
    part = next(p for p in site.pages if isinstance(p, EvidencePage) and p.path == "evidence-register/003.md")
    text = renderer.render(part)
    front = text.split("---")[1]
    assert "search:\n  exclude: true" in front
    html = markdown.Markdown(extensions=["attr_list", "tables", "isms.site.rawhtml"]).convert(text.split("---", 2)[2])
    used = html.split('id="ev-many_2ff11.txt"')[1].split("</tr>")[0]
    assert "<details" not in used  # its details are on the control page, linked
    assert 'href="../controls/demo/DM-1.html"' in used
    unused = html.split('id="ev-many_2ff10.txt"')[1].split("</tr>")[0]
    assert "<details" in unused  # no control shows it: the details stay on the register
    index = renderer.render(next(p for p in site.pages if p.path == "evidence.md"))
    assert "exclude" not in index.split("---")[1]
    assert 'href="evidence-register/002.html"' in index
