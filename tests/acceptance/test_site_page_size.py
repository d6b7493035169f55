"""No page of the example's site passes 150 KB of HTML, also in a clone with a history (issue 19).

A copy of the example without git has no history; a real clone has one, and the SoA's revision
history once pushed the SoA page past the budget (157,907 bytes in a clone of this repository). The
repository here is the example with a history of its own: many commits touching controls (some
the same control), with subjects as long as this repository's own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from acceptance.site_support import TODAY
from helpers import commit_all, copy_example, git
from isms.cli import main

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
#: The budget of issue 19 ("no page over 150 KB of HTML at the example's size").
PAGE_BUDGET = 150 * 1024
CONTROLS = ("5.15", "5.18", "6.3", "5.15", "8.8", "5.1", "5.15", "7.2", "8.13", "5.18", "5.31", "5.15")
LONG = (
    "のアクセス権レビューの記録を反映し、四半期ごとの棚卸しで見つかった退職者アカウントの削除と、"
    "権限の見直しの結果を実施内容に書き足した (review of access rights: the quarter's leavers removed, "
    "privileged roles re-approved by their owners, and the evidence register updated with the new export)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("history")
    root = copy_example(REPOSITORY, base / "repo")
    commit_all(root, "Example ISMS", "2026-01-05T09:00:00+09:00")
    for number, control in enumerate(CONTROLS, start=1):
        path = root / f"controls/iso27001-2022/{control}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"# review {number}\n", encoding="utf-8")
        commit_all(root, f"{control}{LONG} #{number}", f"2026-{1 + number // 2:02d}-{10 + number:02d}T09:00:00+09:00")
    assert git(root, "rev-list", "--count", "HEAD").strip() == str(len(CONTROLS) + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISMS_CACHE_DIR", str(base / "cache"))
        assert main(["site", "build", "--root", str(root), "--today", TODAY, "--out", str(base / "site")]) == 0
    return base / "site"


def test_no_page_passes_150_kb_with_a_history(site: Path) -> None:
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert len(sizes) > 100
    assert {name: size for name, size in sizes.items() if size > PAGE_BUDGET} == {}


def test_the_history_is_all_there(site: Path) -> None:
    """The SoA names its latest change and links its history page, which lists every commit."""
    soa = (site / "soa.html").read_text(encoding="utf-8")
    latest = re.search(r'<p class="isms-soa-latest">(.*?)</p>', soa)
    assert latest is not None
    assert "2026-07-22" in latest.group(1)
    assert 'href="soa-history.html"' in latest.group(1)
    assert 'id="soa-history"' not in soa
    history = (site / "soa-history.html").read_text(encoding="utf-8")
    table = history.split('<table id="soa-history">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr><td>") == len(CONTROLS) + 1
    assert all(f"#{number}</td>" in table for number in range(1, len(CONTROLS) + 1))
    control = (site / "controls/iso27001-2022/5.15.html").read_text(encoding="utf-8")
    rows = control.split('<table id="control-history">', 1)[1].split("</table>", 1)[0]
    assert rows.count("<tr><td>") == CONTROLS.count("5.15") + 1
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "soa-history.html" not in index  # commit subjects are not what auditors search for


def test_the_search_index_leaves_out_what_repeats(site: Path) -> None:
    """Issue 19: Japanese search builds its index in the browser; git history, hashes and boilerplate stay out."""
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {doc["location"]: doc["text"] for doc in docs}
    assert not [loc for loc in by_location if loc.endswith("#history")]  # the control pages' git history
    assert not [loc for loc, text in by_location.items() if LONG[:20] in text]
    assert not [loc for loc, text in by_location.items() if f"基準日 {TODAY} · コミット" in text]  # every page's line
    hashes = [loc for loc, text in by_location.items() if re.search(r"\b[0-9a-f]{64}\b", text)]
    assert hashes
    assert all(loc.startswith("evidence.html") for loc in hashes)  # the register keeps them
    soa = by_location["soa.html"]
    assert "93 管理策" in soa  # the SoA is found, by its lead
    assert "インサイダー情報管理規程" not in soa  # the SoA's rows repeat the control pages
    implementation = by_location["controls/iso27001-2022/5.1.html#implementation"]
    assert "インサイダー情報管理規程" in implementation
    assert "責任者" in by_location["controls/iso27001-2022/5.1.html"]  # the owner can still be searched for
    assert sum(len(text) for text in by_location.values()) < 250_000  # 407,190 characters before, in a clone
