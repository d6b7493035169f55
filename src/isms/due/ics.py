"""Due dates as an iCalendar feed (RFC 5545), written directly as the `icalendar` library writes it.

Every item is an all-day event on its due date. UIDs depend on the kind and subject only, so a
calendar app that re-reads the feed moves the event when the date changes instead of adding one.
DTSTAMP is the as-of date (no clock time anywhere): the same state gives the same bytes.

The bytes are those of ``icalendar`` 6/7 for the same calendar (property order, TEXT escaping,
folding at 75 octets; tests/unit/due/test_ics.py compares them), except that the calendar's name is
escaped as TEXT (icalendar writes it verbatim and fails on a newline). Building icalendar's object
tree cost about 1 s per 10,000 events, a third of the site's page generation (issue #19).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from isms.due.types import DueItem
from isms.model.base import Lang, Text

PRODID = "-//isms//ISMS as code reminders//EN"
_LIMIT = 74  # octets per line before the line break: RFC 5545's 75, as icalendar counts them


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


def escape(text: str) -> str:
    """Return text as an iCalendar TEXT value (RFC 5545 3.3.11), replacing in icalendar's order."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> str:
    """Return a content line folded into lines of at most 74 octets, never inside a character.

    As icalendar folds: an escape's backslash (or an RFC 6868 caret) that would end a line moves to the next.
    """
    data = line.encode("utf-8")
    if len(data) <= _LIMIT:
        return line
    parts: list[bytes] = []
    start = 0
    while len(data) - start > _LIMIT:
        end = start + _LIMIT
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character starts earlier
            end -= 1
        # a chunk of more than 4 bytes holds more than one character: no need to decode it to count them
        if data[end - 1] in b"\\^" and (end - start > 4 or len(data[start:end].decode("utf-8")) > 1):
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _event(item: DueItem, uid: str, dates: str, kind: str, stamp: str, lang: Lang) -> list[str]:
    return [
        "BEGIN:VEVENT",
        fold(f"SUMMARY;LANGUAGE={lang}:{escape(item.title.get(lang))}"),
        dates,
        f"DTSTAMP:{stamp}",
        fold(f"UID:{escape(uid)}"),
        kind,
        fold(f"DESCRIPTION:{escape(_description(item, item.owner))}"),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


class _Lines(dict[object, str]):
    """The lines many events share, made once each: their dates (a due date's two lines) and their kind."""

    def __missing__(self, key: object) -> str:
        if isinstance(key, dt.date):
            end = key + dt.timedelta(days=1)
            value = f"DTSTART;VALUE=DATE:{key:%Y%m%d}\r\nDTEND;VALUE=DATE:{end:%Y%m%d}"
        else:
            value = fold(f"CATEGORIES:{escape(str(key))}")
        self[key] = value
        return value


def calendar(items: Sequence[DueItem], today: dt.date, organisation: Text, lang: Lang) -> bytes:
    """Return the feed of ``items`` as iCalendar bytes (CRLF lines, folded as RFC 5545 requires)."""
    name = escape(f"ISMS — {organisation.get(lang)}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        fold(f"PRODID:{escape(PRODID)}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold(f"NAME:{name}"),
        fold(f"X-WR-CALNAME:{name}"),
    ]
    stamp = f"{today:%Y%m%d}T000000Z"
    shared = _Lines()
    # by uid, then date; the index keeps the order of equal ones (a uid is made once per item)
    for uid, due, index in sorted((item.uid, item.due, index) for index, item in enumerate(items)):
        item = items[index]
        lines.extend(_event(item, uid, shared[due], shared[item.kind], stamp, lang))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
