"""The calendar feed is written directly: the same bytes as the icalendar library writes for it.

One difference, on purpose: the calendar's name is escaped as TEXT, which icalendar does not do.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from isms.due import ics
from isms.due.types import DueItem, text
from isms.model.base import Lang, Text

TODAY = dt.date(2026, 11, 26)

# Escapes (\ ; , newlines, a literal \N), long ASCII and Japanese lines, a backslash and a caret at a fold.
TRICKY = [
    "plain",
    "comma, semicolon; back\\slash and a literal \\N",
    "CRLF\r\nLF\nCR\rend",
    "x" * 73 + "\\y" + "z" * 200,
    "x" * 72 + "^^" + "z" * 80,
    "管理策の見直し、" * 40,
    "a" + "é" * 100 + "\\" + "字" * 60,
    "",
]


def item(n: int, title: str) -> DueItem:
    return DueItem(
        kind="control-review" if n % 2 else "evidence-expiry",
        subject=f"group:G{n:05d} {title[:10]}",
        owner=None if n % 3 == 0 else f"owner {title[:20]}",
        due=TODAY + dt.timedelta(days=n * 37),
        title=text(f"見直し {title}", f"Review {title}"),
        action=f"edit {title}",
        action_ja=f"編集 {title}",
        path=f"controls/{title[:30]}.yaml",
    )


def by_library(items: list[DueItem], today: dt.date, organisation: Text, lang: Lang) -> bytes:
    """The feed as the icalendar library builds it (what isms.due.ics wrote before issue #19)."""
    cal = icalendar.Calendar()
    cal.add("prodid", ics.PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = f"ISMS — {organisation.get(lang)}"
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for i in sorted(items, key=lambda i: (i.uid, i.due)):
        event = icalendar.Event()
        event.add("uid", i.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", i.due)
        event.add("dtend", i.due + dt.timedelta(days=1))
        event.add("summary", i.title.get(lang), parameters={"LANGUAGE": lang})
        event.add("description", ics._description(i, i.owner))
        event.add("categories", [i.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_same_bytes_as_the_library(lang: Lang) -> None:
    items = [item(n, title) for n, title in enumerate(TRICKY)]
    organisation = text("株式会社例テスト" * 8, "Example Inc test " * 8)
    assert ics.calendar(items, TODAY, organisation, lang) == by_library(items, TODAY, organisation, lang)


def test_the_calendar_name_is_escaped_text() -> None:
    """icalendar writes NAME and X-WR-CALNAME verbatim (and fails on a newline); they are TEXT (RFC 7986)."""
    feed = ics.calendar([], TODAY, text("例, 社; \\x\nBEGIN:VEVENT", "-"), "ja").decode("utf-8")
    assert "NAME:ISMS — 例\\, 社\\; \\\\x\\nBEGIN:VEVENT\r\n" in feed
    assert "\nBEGIN:VEVENT" not in feed


def test_an_empty_feed_is_the_same_too() -> None:
    organisation = text("例", "Example")
    assert ics.calendar([], TODAY, organisation, "ja") == by_library([], TODAY, organisation, "ja")


@pytest.mark.parametrize("line", TRICKY)
def test_folded_lines_hold_at_most_75_octets_and_unfold_to_the_line(line: str) -> None:
    folded = ics.fold("DESCRIPTION:" + ics.escape(line))
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + ics.escape(line)
