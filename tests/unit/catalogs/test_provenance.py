"""The packaged catalogs cite their sources themselves: by title, publisher, date and URL, never a file a user lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import isms.catalogs

CATALOGS = sorted(Path(isms.catalogs.__file__).parent.glob("*.yaml"))


def _header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines[: next(i for i, x in enumerate(lines) if not x.startswith("#"))])


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_no_catalog_points_at_a_file_outside_the_package(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?<![:/\w])/(?:work|home|tmp|Users)/|frameworks\.md|§\d", text)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_every_source_a_catalog_cites_is_named_in_it(path: Path) -> None:
    header = _header(path)
    assert "# Sources (title; publisher; date; URL):" in header
    sources = header.split("# Sources (title; publisher; date; URL):", 1)[1]
    entries = re.split(r"\n# - ", sources)[1:]
    assert entries
    for entry in entries:
        assert re.search(r"https?://\S+", entry), entry
        assert entry.count(";") >= 3, entry  # title; publisher; date; URL
    defined = set(re.findall(r"^# - \[(M\d+)\]", sources, re.MULTILINE))
    cited = set(re.findall(r"\[(M\d+)\]", header))
    assert cited <= defined
