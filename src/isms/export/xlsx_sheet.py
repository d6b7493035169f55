"""XlsxWriter's worksheet and shared strings, written with less work per cell, byte for byte as XlsxWriter's own.

An SoA workbook holds ~10 text cells per evidence item (500,000 at 5,000 controls); XlsxWriter keeps
each in a dict of cell tuples, measures the row spans cell by cell and writes each cell and each
shared string through its general path (attribute lists, escaping checks, a regular expression per
string for control characters and another for whitespace). :class:`Sheet` numbers a table's texts
into the shared strings at once, keeps each row as its string numbers and writes the row's XML from
one template of its shape; :class:`Book` writes every shared string that needs no escaping in one
join. Whatever is not such a row or string takes XlsxWriter's own path; tests compare the bytes
with XlsxWriter's own classes, cell by cell (tests/unit/export/test_xlsx.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import RowInfo, Worksheet

#: A shared string XlsxWriter would change: XML's special characters, control characters and their
#: ``_xHHHH_`` escapes, the two non-characters, a rich string, leading or trailing whitespace (as
#: xlsxwriter.xmlwriter and xlsxwriter.utility test for them).
_NOT_PLAIN = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")


class Sheet(Worksheet):  # type: ignore[misc]  # XlsxWriter is untyped
    """A worksheet that keeps rows of text cells compactly and writes them in one piece."""

    def __init__(self) -> None:
        super().__init__()
        self.text_rows: dict[int, tuple[tuple[int, ...], Any]] = {}
        """Rows written by :meth:`write_table`: their shared-string numbers and the cells' format."""

    def write_texts(self, row: int, texts: Sequence[str], cell_format: Any) -> None:
        """Write ``texts`` into the cells of ``row`` from the first column on, as ``write_string`` each would."""
        self.write_table(row, [texts], cell_format)

    def write_table(self, first: int, rows: Sequence[Sequence[str]], cell_format: Any) -> None:
        """Write each row's texts into its cells from the first column on, from row ``first`` down.

        The same as ``write_string`` of every cell, row by row; the shared strings are numbered
        as XlsxWriter numbers them (in the order written, first occurrence first).
        """
        end = first + len(rows)
        flat = [text for texts in rows for text in texts]
        widest = max(map(len, rows), default=0)
        table = self.str_table
        known = table.string_table
        if (
            not rows
            or min(map(len, rows)) == 0
            or self.constant_memory
            or cell_format is None
            or first < 0
            or end > self.xls_rowmax
            or widest > self.xls_colmax
            or max(map(len, flat)) > self.xls_strmax // 2  # a longer text may need XlsxWriter's truncation
            or table.unique_count != len(known)  # never: numbered as XlsxWriter does
            or any(row in self.table or row in self.text_rows for row in range(first, end))
        ):
            for row, texts in enumerate(rows, start=first):
                for col, text in enumerate(texts):
                    self._write_string(row, col, text, cell_format)
            return
        self._check_dimensions(first, 0)
        self._check_dimensions(end - 1, widest - 1)
        start = len(known)
        new = [text for text in dict.fromkeys(flat) if text not in known]
        known.update(zip(new, range(start, start + len(new)), strict=True))
        table.unique_count = len(known)
        table.count += len(flat)
        numbers = map(known.__getitem__, flat)
        if min(map(len, rows)) == widest:  # rows of one width: cut the numbers into rows at once
            cut: Iterable[tuple[int, ...]] = zip(*[numbers] * widest, strict=True)
        else:
            cut = (tuple(itertools.islice(numbers, len(texts))) for texts in rows)
        self.text_rows.update(zip(range(first, end), zip(cut, itertools.repeat(cell_format)), strict=True))

    def set_heights(self, first: int, heights: Sequence[float]) -> None:
        """Set each row's height (points) from row ``first`` down, as ``set_row(row, height)`` each would."""
        pixels = [int(height * 4.0 / 3.0 + 0.5) for height in heights]  # as set_row converts it
        end = first + len(pixels)
        if not pixels or min(pixels) <= 0 or first < 0 or end > self.xls_rowmax:
            for row, height in enumerate(heights, start=first):
                self.set_row(row, height)
            return
        low = self.dim_colmin if self.dim_colmin is not None else 0
        self._check_dimensions(first, low)
        self._check_dimensions(end - 1, low)
        self.row_info.update(
            (row, RowInfo(height=pixel, row_format=None, hidden=False, level=0, collapsed=False))
            for row, pixel in enumerate(pixels, start=first)
        )
        self.row_sizes.update((row, [pixel, False]) for row, pixel in enumerate(pixels, start=first))

    def _calculate_spans(self) -> None:
        """Set the ``spans`` of each block of 16 rows, text rows included, as XlsxWriter does."""
        if not self.text_rows:
            super()._calculate_spans()
            return
        spans = {}
        low: int | None = None
        high = 0
        last = self.dim_rowmax
        for row_num in range(self.dim_rowmin, last + 1):
            found = self.text_rows.get(row_num)
            cols = [
                *((0, len(found[0]) - 1) if found else ()),
                *self.table.get(row_num, ()),
                *self.comments.get(row_num, ()),
            ]
            if cols:
                low, high = (min(cols), max(cols)) if low is None else (min(low, *cols), max(high, *cols))
            if ((row_num + 1) % 16 == 0 or row_num == last) and low is not None:
                spans[row_num // 16] = f"{low + 1}:{high + 1}"
                low = None
        self.row_spans = spans

    def _write_rows(self) -> None:
        """Write the rows: text rows in one piece each, every other row as XlsxWriter does."""
        if not self.text_rows:
            super()._write_rows()
            return
        self._calculate_spans()
        write = self.fh.write
        templates: dict[tuple[int, int, str | None, float | None], str] = {}
        for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
            found = self.text_rows.get(row_num)
            if found is None:
                self._write_other_row(row_num)
                continue
            numbers, cell_format = found
            spans, info = self.row_spans.get(row_num // 16), self.row_info.get(row_num)
            shape = (len(numbers), cell_format._get_xf_index(), spans, info.height if info else None)
            if not self._plain_row(info):
                self._write_row(row_num, spans, info)
                write(_cells_template(*shape[:2]).format(row_num + 1, *numbers))
                continue
            template = templates.get(shape) or templates.setdefault(shape, self._row_template(*shape))
            write(template.format(row_num + 1, *numbers))

    def _plain_row(self, info: Any) -> bool:
        """Whether a row's `<row>` element has no attribute beyond its number, spans and height."""
        if self.excel_version == 2010:
            return False
        return info is None or not (info.row_format or info.hidden or info.level or info.collapsed)

    def _row_template(self, count: int, index: int, spans: str | None, height: float | None) -> str:
        """Return the XML of a text row as `_write_row` and `_write_cell` write it, to fill in (``{0}``: its number)."""
        attributes = f' spans="{spans}"' if spans else ""
        if height is None:
            height = self.default_row_height
        if height != self.original_row_height or height != self.default_row_height:
            attributes += f' ht="{height * 0.75:.16g}" customHeight="1"'
        return f'<row r="{{0}}"{attributes}>' + _cells_template(count, index)

    def _write_other_row(self, row_num: int) -> None:
        """Write a row that is not a text row: XlsxWriter's own `_write_rows` for one row."""
        if not (row_num in self.row_info or row_num in self.comments or self.table.get(row_num)):
            return
        span = self.row_spans.get(row_num // 16)
        cells = self.table.get(row_num)
        if cells:
            self._write_row(row_num, span, self.row_info.get(row_num))
            for col_num in range(self.dim_colmin, self.dim_colmax + 1):
                if col_num in cells:
                    self._write_cell(row_num, col_num, cells[col_num])
            self._xml_end_tag("row")
        else:
            self._write_empty_row(row_num, span, self.row_info.get(row_num))


def _cells_template(count: int, index: int) -> str:
    """Return the XML of a row's ``count`` shared-string cells of format ``index`` and the row's end, to fill in.

    ``{0}`` is the row's number, ``{1}`` and on the cells' string numbers: ``_write_cell``'s output.
    """
    cells = (f'<c r="{xl_col_to_name(col)}{{0}}" s="{index}" t="s"><v>{{{col + 1}}}</v></c>' for col in range(count))
    return "".join(cells) + "</row>"


class _SharedStrings(SharedStrings):  # type: ignore[misc]  # XlsxWriter is untyped
    """The shared strings file: a run of strings that need no escaping is written in one join."""

    def _write_sst_strings(self) -> None:
        write = self.fh.write
        plain: list[str] = []
        for string in self.string_table.string_array:
            if _NOT_PLAIN.search(string) is None:
                plain.append(string)
                continue
            if plain:
                write("<si><t>" + "</t></si><si><t>".join(plain) + "</t></si>")
                plain.clear()
            self._write_si(string)
        if plain:
            write("<si><t>" + "</t></si><si><t>".join(plain) + "</t></si>")


class _Packager(Packager):  # type: ignore[misc]  # XlsxWriter is untyped
    def _write_shared_strings_file(self) -> None:
        """Write the sharedStrings.xml file (XlsxWriter's own, with :class:`_SharedStrings`)."""
        sst = _SharedStrings()
        sst.string_table = self.workbook.str_table
        if not self.workbook.str_table.count:
            return
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()


class Book(xlsxwriter.Workbook):  # type: ignore[misc]  # XlsxWriter is untyped
    """A workbook whose shared strings are written by :class:`_SharedStrings`."""

    def _get_packager(self) -> Packager:
        return _Packager()
