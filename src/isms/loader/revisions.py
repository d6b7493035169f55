"""An earlier version of an evidence register, read through its changes from the current one.

`evidence-rewritten` needs what the first version of a register recorded (`isms.gather.world`):
parsing every such version whole cost as much as loading the repository again (issue 19). An
earlier version mostly differs from the current file in a few entries, so when both are plain
block YAML its entries are the current file's entries with the changed ones parsed anew:

- the lines before the first change and after the last one are the current file's, cut at the
  start of an entry (a line ``<column spaces>- `` where the current parse saw an entry begin);
- the lines between are parsed on their own, dedented, as a block sequence at the entries'
  depth. A block sequence item ends at the next line indented no deeper than its dash, so the
  lines around it read as they did in the current file, and the middle reads as it does inside
  the whole document.

Anything that could make the whole document read otherwise sends the caller back to the whole
parse: an alias or anchor, a directive, a line break other than LF, a middle line indented less
than the dashes, a middle that is no plain block sequence (a syntax error, a duplicate key, a tag
of ruamel's own), or no entry left at all (then ``evidence:`` would be null). So the result is
always the one parsing the whole version would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from isms.loader.yaml import Outline, parse_items
from isms.model.outline import Record, RegisterOutline

#: The top-level key of a register's entries.
ENTRIES = "evidence"

#: Line breaks YAML knows besides LF: with any of them, lines are not counted as the parser counts them.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def record_of(raw: Any) -> Record:
    """Return what a register entry recorded: its path as text, its sha256 and date (None where empty)."""
    if not isinstance(raw, dict):
        return None
    sha256, date = raw.get("sha256"), raw.get("date")
    return str(raw.get("path", "")), ((str(sha256) if sha256 else None), (str(date) if date else None))


def records_of(data: Any) -> tuple[Record, ...] | None:
    """Return the records of a register's parsed data; None when it has no list of entries."""
    items = data.get(ENTRIES) if isinstance(data, dict) else None
    return tuple(record_of(raw) for raw in items) if isinstance(items, list) else None


def outline_register(text: str, outline: Outline | None, data: Any) -> RegisterOutline | None:
    """Return a register's outline from its fast parse; None when it cannot serve (not plain, no entry list)."""
    if outline is None or ENTRIES not in outline.sequences or any(br in text for br in _OTHER_BREAKS):
        return None
    records = records_of(data)
    column, starts = outline.sequences[ENTRIES]
    if records is None or len(records) != len(starts):
        return None
    return RegisterOutline(text, column, starts, outline.last == ENTRIES, records)


def _boundaries(current: RegisterOutline, lines: Sequence[str]) -> list[int]:
    """Return the indexes of the entries whose line starts with the dash and the content after it."""
    dash = " " * current.column + "- "
    return [
        index
        for index, (line, column) in enumerate(current.starts)
        if column == current.column + 2 and lines[line].startswith(dash)
    ]


def _plain_text(text: str) -> bool:
    """Return True when nothing outside the changes can read differently: no alias, anchor, directive, BOM, CR."""
    return not (
        "*" in text
        or "&" in text
        or any(br in text for br in _OTHER_BREAKS)
        or text.startswith(("%", "\ufeff"))  # a directive (`%TAG` changes what tags mean), a BOM
        or "\n%" in text
    )


def _same_lines(old: list[str], new: list[str]) -> tuple[int, int]:
    """Return how many lines the two versions share at their start, and then at their end."""
    same_start = 0
    limit = min(len(old), len(new))
    while same_start < limit and old[same_start] == new[same_start]:
        same_start += 1
    same_end = 0
    while same_end < limit - same_start and old[-1 - same_end] == new[-1 - same_end]:
        same_end += 1
    return same_start, same_end


def _middle_items(middle: list[str], column: int, ends: bool) -> list[Any] | None:
    """Parse the changed lines, dedented by ``column``, as entries; None where they could read otherwise in the file."""
    if any(line[:column].strip(" ") for line in middle):  # a line indented less than the dashes
        return None
    dedented = [line[column:] for line in middle]
    if dedented and not dedented[0].startswith("- "):  # the middle starts with an entry, as in the current file
        return None
    if any(line and line[0] not in "- #" for line in dedented):  # no key of the top-level mapping, no `...`
        return None
    return parse_items("\n".join(dedented) + ("\n" if ends and dedented else ""), depth=2)


def earlier_records(text: str, current: RegisterOutline) -> tuple[Record, ...] | None:
    """Return the records of another version ``text`` of the register, read through its changes.

    None where this cannot be sure of the answer; the caller then parses ``text`` whole.
    """
    if not _plain_text(text):
        return None
    old, new = text.split("\n"), current.text.split("\n")
    same_start, same_end = _same_lines(old, new)
    if same_start == len(old) == len(new):
        return current.records
    cuts = _boundaries(current, new)
    before = [index for index in cuts if current.starts[index][0] <= same_start]
    after = [index for index in cuts if current.starts[index][0] >= len(new) - same_end]
    if not before or not (after or current.last):
        return None
    first = before[-1]  # entries [first, stop) of the current file are replaced by the middle
    stop = after[0] if after else len(current.starts)
    bottom = current.starts[stop][0] if after else len(new)
    middle = old[current.starts[first][0] : len(old) - (len(new) - bottom)]
    ends = bool(after) or middle[-1:] == [""]  # the middle's last line ends with a line break
    if not after and middle[-1:] == [""]:
        middle = middle[:-1]  # the empty string after the file's last line break
    items = _middle_items(middle, current.column, ends)
    if items is None:
        return None
    records = (*current.records[:first], *(record_of(raw) for raw in items), *current.records[stop:])
    return records or None
