"""An earlier version of an evidence register, read through its changes from the current one.

`evidence-rewritten` needs what the first version of a register recorded (`isms.gather.world`):
parsing every such version whole cost as much as loading the repository again (issue 19). An
earlier version mostly differs from the current file in a few entries, so when both are plain
block YAML its entries are the current file's entries with the changed ones parsed anew:

- the current file is cut into parts at the start of its entries (a line ``<column spaces>- ``
  where the current parse saw an entry's content begin); a part the old version holds unchanged
  (a block of equal lines, `difflib`) keeps the current parse's records;
- the old lines between unchanged parts are parsed on their own, dedented, as a block sequence at
  the entries' depth. A block sequence item ends at the next line indented no deeper than its dash,
  so the unchanged parts read as they did in the current file, and the changed lines read as they
  do inside the whole document.

Anything that could make the whole document read otherwise sends the caller back to the whole
parse: an alias or anchor, a directive, a line break other than LF, a change in the head before
the first entry (or after the entries when other keys follow them), changed lines that do not
start with an entry, are indented less than the dashes or are no plain block sequence (a syntax
error, a duplicate key, a tag of ruamel's own), a file end that moved, or no entry left at all
(then ``evidence:`` would be null). So the result is always the one parsing the whole version
gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from isms.loader.yaml import parse_items
from isms.model.outline import Outline, Record, RegisterOutline

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
    entries = outline.sequences[ENTRIES]
    if records is None or entries.flow or len(records) != len(entries.items):
        return None
    starts = tuple((line, column) for line, column, _ in entries.items)
    return RegisterOutline(text, entries.column, starts, outline.last == ENTRIES, records)


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


def _segments(current: RegisterOutline, lines: Sequence[str]) -> list[tuple[int, int, int, bool]]:
    """Return the current file cut at its entries' dashes: (first line, end line, first entry, replaceable).

    The head before the first cut is not replaceable (it is no run of whole entries), nor, when the
    entries are not the file's last key, the last part (the last entries and what follows them).
    """
    cuts = _boundaries(current, lines)
    if not cuts:
        return []
    starts = [current.starts[index][0] for index in cuts]
    parts = [(0, starts[0], 0, False)]
    parts += [(starts[k], starts[k + 1], cuts[k], True) for k in range(len(cuts) - 1)]
    parts.append((starts[-1], len(lines), cuts[-1], current.last))
    return parts


def _clean_offsets(parts: list[tuple[int, int, int, bool]], old: list[str], new: list[str]) -> list[int | None]:
    """Return, per part of the current file, where it starts in the old version when it is there unchanged."""
    blocks = _equal_blocks(old, new)
    offsets: list[int | None] = []
    index = 0
    for top, bottom, _, _ in parts:
        while index < len(blocks) and blocks[index][1] + blocks[index][2] < bottom:
            index += 1
        inside = index < len(blocks) and blocks[index][1] <= top and bottom <= blocks[index][1] + blocks[index][2]
        offsets.append(top - blocks[index][1] + blocks[index][0] if inside else None)
    return offsets


#: Changed lines (after the common start and end) up to which difflib looks for unchanged entries
#: between them; beyond, all of them are parsed (linear), as difflib can take minutes on many thousands.
_DIFF_LINES = 200


def _equal_blocks(old: list[str], new: list[str]) -> list[tuple[int, int, int]]:
    """Return runs of equal lines (start in old, start in new, length), in order, adjacent runs joined.

    The common start and end are taken as they are; difflib matches only the lines between, when
    they are at most _DIFF_LINES.
    """
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_middle, new_middle = old[start : len(old) - end], new[start : len(new) - end]
    runs = [(0, 0, start)]
    if max(len(old_middle), len(new_middle)) <= _DIFF_LINES:  # difflib's time grows faster than the lines
        from difflib import SequenceMatcher  # noqa: PLC0415 (for an earlier version only: not on isms validate's path)

        matcher = SequenceMatcher(None, old_middle, new_middle, autojunk=False)
        runs += [(a + start, b + start, size) for a, b, size in matcher.get_matching_blocks()]
    runs.append((len(old) - end, len(new) - end, end))
    blocks: list[tuple[int, int, int]] = []
    for a, b, size in runs:
        if not size:
            continue
        if blocks and blocks[-1][0] + blocks[-1][2] == a and blocks[-1][1] + blocks[-1][2] == b:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + size)
        else:
            blocks.append((a, b, size))
    return blocks


class _Unsure(Exception):
    """The old version could read otherwise than the parts say: parse it whole."""


def _middle(lines: list[str], column: int, *, ends: bool) -> list[Record]:
    items = _middle_items(lines, column, ends)
    if items is None:
        raise _Unsure
    return [record_of(raw) for raw in items]


def _splice(old: list[str], new: list[str], current: RegisterOutline) -> list[Record]:
    """Return the old version's records: the unchanged parts' from the current file, the rest parsed.

    Raises:
        _Unsure: where the old version could read otherwise.
    """
    parts = _segments(current, new)
    offsets = _clean_offsets(parts, old, new) if parts else []
    if not parts or offsets[0] != 0 or any(not part[3] and at is None for part, at in zip(parts, offsets, strict=True)):
        raise _Unsure  # the head (or the tail after the entries) changed
    records: list[Record] = []
    old_at = 0  # where the old version's next unread line is
    pending = False  # entries of the current file wait to be replaced by the old lines before the next clean part
    for number, ((top, bottom, entry, _), offset) in enumerate(zip(parts, offsets, strict=True)):
        if offset is None:
            pending = True
            continue
        if offset < old_at or (bottom == len(new) and offset + bottom - top != len(old)):
            raise _Unsure  # (the current file's end is no end in the old version: what ended there reads on)
        if pending or offset > old_at:  # changed entries, or lines only the old version has
            records += _middle(old[old_at:offset], current.column, ends=True)
            pending = False
        stop = parts[number + 1][2] if number + 1 < len(parts) else len(current.starts)
        records += current.records[entry:stop]
        old_at = offset + bottom - top
    if pending or old_at < len(old):
        middle = old[old_at:]
        if not current.last or not middle:  # entries are followed by other keys; the part before ends unbroken
            raise _Unsure
        ends = middle[-1:] == [""]  # the file ends with a line break: the last item is the empty string after it
        records += _middle(middle[:-1] if ends else middle, current.column, ends=ends)
    return records


def earlier_records(text: str, current: RegisterOutline) -> tuple[Record, ...] | None:
    """Return the records of another version ``text`` of the register, read through its changes.

    None where this cannot be sure of the answer; the caller then parses ``text`` whole.
    """
    if not _plain_text(text):
        return None
    if text == current.text:
        return current.records
    try:
        records = _splice(text.split("\n"), current.text.split("\n"), current)
    except _Unsure:
        return None
    return tuple(records) or None
