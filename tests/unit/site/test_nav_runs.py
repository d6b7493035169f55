"""Long nav sections are cut into runs so that every page's share of the nav stays bounded."""

from __future__ import annotations

from isms.site.pages import NAV_RUN, NAV_SECTION_MAX, _runs
from isms.site.pages.types import NavEntry


def _entries(count: int) -> tuple[list[tuple[str, str]], list[NavEntry]]:
    keys = [("group", f"G{i:05d}") for i in range(count)]
    return keys, [NavEntry(f"{k[1]} title", f"controls/{k[1]}.md") for k in keys]


def test_a_section_up_to_the_limit_stays_flat() -> None:
    keys, entries = _entries(NAV_SECTION_MAX)
    assert _runs(keys, entries) == tuple(entries)


def test_a_longer_section_is_cut_into_runs_named_by_their_first_and_last_id() -> None:
    keys, entries = _entries(2 * NAV_RUN + 3)
    runs = _runs(keys, entries)
    assert [run.title for run in runs] == [
        f"G00000 – G{NAV_RUN - 1:05d}",
        f"G{NAV_RUN:05d} – G{2 * NAV_RUN - 1:05d}",
        f"G{2 * NAV_RUN:05d} – G{2 * NAV_RUN + 2:05d}",
    ]
    assert [entry for run in runs for entry in run.children] == entries
    assert all(run.path is None for run in runs)


def test_runs_of_runs_keep_every_level_bounded() -> None:
    count = NAV_SECTION_MAX * NAV_RUN * 3 + 7
    keys, entries = _entries(count)
    runs = _runs(keys, entries)
    assert len(runs) <= NAV_SECTION_MAX

    def pages(entry: NavEntry) -> list[NavEntry]:
        return [entry] if entry.path else [page for child in entry.children for page in pages(child)]

    def widths(entry: NavEntry) -> list[int]:
        return [len(entry.children), *(w for child in entry.children for w in widths(child))] if entry.children else []

    assert [page for run in runs for page in pages(run)] == entries
    assert max(w for run in runs for w in widths(run)) <= NAV_SECTION_MAX
    assert runs[0].title == f"G00000 – G{NAV_RUN * NAV_RUN - 1:05d}"
    assert runs[0].children[0].title == f"G00000 – G{NAV_RUN - 1:05d}"
    assert runs[-1].title.endswith(f"G{count - 1:05d}")
