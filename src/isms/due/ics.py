"""Due dates as an iCalendar feed (RFC 5545), built with the `icalendar` library.

Every item is an all-day event on its due date. UIDs depend on the kind and subject only, so a
calendar app that re-reads the feed moves the event when the date changes instead of adding one.
DTSTAMP is the as-of date (no clock time anywhere): the same state gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import icalendar

from isms.due.types import DueItem
from isms.model.base import Lang, Text

PRODID = "-//isms//ISMS as code reminders//EN"


def _description(item: DueItem, owner: str | None) -> str:
    lines = [
        item.title.get("ja"),
        item.action_ja,
        "",
        item.title.get("en"),
        item.action,
        "",
        f"owner: {owner or '-'}",
        f"file: {item.path}",
    ]
    return "\n".join(lines)


def calendar(items: Sequence[DueItem], today: dt.date, organisation: Text, lang: Lang) -> bytes:
    """Return the feed of ``items`` as iCalendar bytes (CRLF lines, folded as RFC 5545 requires)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = f"ISMS — {organisation.get(lang)}"
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for item in sorted(items, key=lambda i: (i.uid, i.due)):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", item.title.get(lang), parameters={"LANGUAGE": lang})
        event.add("description", _description(item, item.owner))
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
