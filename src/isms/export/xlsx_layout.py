"""How the workbook's tables print: A4 landscape, fit to the page width, readable.

A table wider than a landscape page would be shrunk until its text is unreadable, so the columns
share a width budget (long texts wrap instead), every row gets the height of its wrapped lines
(LibreOffice does not grow a row on its own, and a cut cell hides text), the header row repeats
on every page, and each page names the organisation, the document and its version, and its number.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

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


def display_width(text: str) -> int:
    """Return the width of the longest line, counting East Asian wide characters twice."""
    return max((_line_width(line) for line in text.split("\n")), default=0)


def _line_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def widths(headers: Sequence[str], rows: Sequence[Sequence[str]], limits: Sequence[int]) -> list[int]:
    """Return column widths: wide enough for the content, within each limit, and within the page budget."""
    found = []
    for index, header in enumerate(headers):
        content = max((display_width(row[index]) for row in rows), default=0)
        found.append(max(display_width(header) + 2, min(content + 2, limits[index], MAX_WIDTH)))
    total = sum(found)
    if total <= PAGE_BUDGET:
        return found
    scale = PAGE_BUDGET / total
    return [max(MIN_WIDTH, math.floor(width * scale)) for width in found]


def lines(text: str, width: int) -> int:
    """Return how many lines a cell of ``width`` characters shows ``text`` in when it wraps."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(_line_width(line) / usable)) for line in text.split("\n"))


def row_height(row: Sequence[str], column_widths: Sequence[int]) -> float:
    """Return the height (points) that shows every wrapped line of the row's cells."""
    most = max((lines(text, width) for text, width in zip(row, column_widths, strict=False)), default=1)
    return min(MAX_HEIGHT, LINE_HEIGHT * max(most, 1))


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
