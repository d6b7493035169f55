"""How the workbook's tables print: A4 landscape, fit to the page width, readable.

A table wider than a landscape page would be shrunk until its text is unreadable, so the columns
share a width budget (long texts wrap instead), every row gets the height of its wrapped lines
(LibreOffice does not grow a row on its own, and a cut cell hides text), the header row repeats
on every page, and each page names the organisation, the document and its version, and its number.
"""

from __future__ import annotations

import math
import operator
import unicodedata
from collections.abc import Sequence
from typing import Any, cast

#: No column gets wider than this (characters); longer text wraps.
MAX_WIDTH = 60
#: The sum of the column widths that still prints at a readable size on A4 landscape.
PAGE_BUDGET = 210
#: No column is squeezed below this.
MIN_WIDTH = 8
#: Points per line of 11-point text, and Excel's highest row.
LINE_HEIGHT = 15.0
MAX_HEIGHT = 409.0
#: XlsxWriter's paper index of A4.
A4 = 9


class _CharWidths(dict[str, int]):
    """Display width of each character met so far: 2 for East Asian wide and fullwidth, else 1."""

    def __missing__(self, ch: str) -> int:
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self[ch] = width
        return width


_CHAR_WIDTHS = _CharWidths()


def _line_width(line: str) -> int:
    if line.isascii():
        return len(line)
    return sum(map(_CHAR_WIDTHS.__getitem__, line))


def line_widths(text: str) -> tuple[int, ...]:
    """Return the display width of each line of ``text`` (East Asian wide characters count twice)."""
    if "\n" not in text:
        return (_line_width(text),)
    return tuple(map(_line_width, text.split("\n")))


def display_width(text: str) -> int:
    """Return the width of the longest line, counting East Asian wide characters twice."""
    return max(line_widths(text))


def _lines(measured: tuple[int, ...], width: int) -> int:
    usable = max(width - 1, 1)
    if len(measured) == 1:
        return max(1, -(-measured[0] // usable))
    return sum(max(1, -(-found // usable)) for found in measured)


def lines(text: str, width: int) -> int:
    """Return how many lines a cell of ``width`` characters shows ``text`` in when it wraps."""
    return _lines(line_widths(text), width)


def _widths(headers: Sequence[str], content: Sequence[int], limits: Sequence[int]) -> list[int]:
    found = [
        max(display_width(header) + 2, min(most + 2, limit, MAX_WIDTH))
        for header, most, limit in zip(headers, content, limits, strict=False)
    ]
    total = sum(found)
    if total <= PAGE_BUDGET:
        return found
    scale = PAGE_BUDGET / total
    return [max(MIN_WIDTH, math.floor(width * scale)) for width in found]


def widths(headers: Sequence[str], rows: Sequence[Sequence[str]], limits: Sequence[int]) -> list[int]:
    """Return column widths: wide enough for the content, within each limit, and within the page budget."""
    content = [max((display_width(row[index]) for row in rows), default=0) for index in range(len(headers))]
    return _widths(headers, content, limits)


def row_height(row: Sequence[str], column_widths: Sequence[int]) -> float:
    """Return the height (points) that shows every wrapped line of the row's cells."""
    return _height([line_widths(text) for text in row], column_widths)


def _height(measured: Sequence[tuple[int, ...]], column_widths: Sequence[int]) -> float:
    most = max((_lines(found, width) for found, width in zip(measured, column_widths, strict=False)), default=1)
    return _points(most)


def _points(most: int) -> float:
    return min(MAX_HEIGHT, LINE_HEIGHT * max(most, 1))


def layout(
    headers: Sequence[str], rows: Sequence[Sequence[str]], limits: Sequence[int]
) -> tuple[list[int], float, list[float]]:
    """Return the column widths, the header row's height and each row's height of a table.

    The same as :func:`widths` and :func:`row_height` of every row, measuring each cell once: a
    column without a line break as one width per cell (its length when it is ASCII).
    """
    columns = [list(map(operator.itemgetter(index), rows)) for index in range(len(headers))]
    measured = [_measure(column) for column in columns]
    sized = _widths(headers, [_most(found) for found in measured], limits)
    wrapped = [_wrapped(found, width) for found, width in zip(measured, sized, strict=True)]
    return sized, row_height(headers, sized), [_points(max(row)) for row in zip(*wrapped, strict=True)]


def _measure(column: list[str]) -> list[int] | list[tuple[int, ...]]:
    """Return each cell's width when no cell of the column breaks a line, else each cell's line widths."""
    joined = "".join(column)
    if "\n" in joined:
        return list(map(line_widths, column))
    if joined.isascii():
        return list(map(len, column))
    return list(map(_line_width, column))


def _most(found: list[int] | list[tuple[int, ...]]) -> int:
    if found and isinstance(found[0], tuple):
        return max(map(max, found))
    return max(cast("list[int]", found), default=0)


def _wrapped(found: list[int] | list[tuple[int, ...]], width: int) -> list[int]:
    """Return how many lines each cell of a column shows in when it wraps at ``width``."""
    usable = max(width - 1, 1)
    if found and isinstance(found[0], tuple):
        return [_lines(cell, width) for cell in found]
    return [(cell + usable - 1) // usable or 1 for cell in cast("list[int]", found)]


def _header_text(text: str) -> str:
    """Escape a header or footer text: ``&`` starts a control code there."""
    return text.replace("&", "&&")


def print_setup(sheet: Any, header_row: int, left: str, right: str) -> None:
    """Set a worksheet up for print.

    Args:
        sheet: The XlsxWriter worksheet.
        header_row: The 0-based row of the table's headers (repeated on every page).
        left: The page header's left part (the organisation).
        right: The page header's right part (document and version).
    """
    sheet.set_paper(A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    sheet.set_header(f"&L{_header_text(left)}&R{_header_text(right)}", {"margin": 0.3})
    sheet.set_footer("&C&P / &N", {"margin": 0.3})
