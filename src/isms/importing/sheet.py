"""Read a spreadsheet (.xlsx, .xlsm, .csv, .tsv) into rows of cell texts, without guessing.

Nothing here knows what the columns mean. What a cell shows is kept as text (numbers as written
where the cell format says how, dates as YYYY-MM-DD), formulas are marked, merged ranges listed.
A file that cannot be read raises :class:`ImportFailed` naming it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

import openpyxl
from openpyxl.utils import get_column_letter

from isms.csv_cells import restore_cell
from isms.files import (
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_FILE_BYTES,
    MAX_SHEET_ROWS,
    MAX_UNZIPPED_BYTES,
    FileRefused,
    open_regular,
    read_regular,
)
from isms.importing.problems import ImportFailed, Place, Problem

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = {".csv": ",", ".tsv": "\t"}
SUPPORTED = ".xlsx, .xlsm, .csv (UTF-8) or .tsv"

_DECIMALS = re.compile(r"^0\.(0+)$")


@dataclass(frozen=True, slots=True)
class RawCell:
    """What one cell holds, as text.

    Attributes:
        text: The value as shown, trimmed; ``""`` when empty.
        formula: The formula, when the cell computes its value (its cached result is ``text``).
        ambiguous: A fractional number whose written digits are unknown (``5.1`` may have been ``5.10``).
    """

    text: str
    formula: str | None = None
    ambiguous: bool = False


EMPTY = RawCell("")


@dataclass(frozen=True)
class Sheet:
    """One sheet (a CSV file is one sheet without a name).

    Attributes:
        place: The file and the sheet's name.
        rows: Row 1 first; each row's cells from column A.
        merged: Merged ranges as (first row, first column, last row, last column); rows 1-based, columns 0-based.
    """

    place: Place
    rows: list[list[RawCell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> RawCell:
        """Return the cell at a 1-based row and 0-based column (empty outside the data)."""
        if row < 1 or row > len(self.rows):
            return EMPTY
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else EMPTY


def _fail(place: Place, message: str, ja: str | None = None) -> ImportFailed:
    return ImportFailed([Problem(place, message, message_ja=ja)])


def _number_text(value: float, number_format: str) -> RawCell:
    if value.is_integer():
        return RawCell(str(int(value)))
    match = _DECIMALS.match(number_format or "")
    if match:
        return RawCell(f"{value:.{len(match.group(1))}f}")
    return RawCell(repr(value), ambiguous=True)


def cell_text(value: Any, number_format: str = "General") -> RawCell:
    """Return the text of a cell value as openpyxl gives it."""
    if value is None:
        return EMPTY
    if isinstance(value, bool | int):
        return RawCell(str(value).upper() if isinstance(value, bool) else str(value))
    if isinstance(value, float):
        return _number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return RawCell(value.date().isoformat() if value.time() == dt.time(0) else value.isoformat())
    if isinstance(value, dt.date | dt.time):
        return RawCell(value.isoformat())
    return RawCell(str(value).replace("\r\n", "\n").strip())


def _trimmed(rows: list[list[RawCell]]) -> list[list[RawCell]]:
    while rows and all(not c.text and c.formula is None for c in rows[-1]):
        rows.pop()
    return rows


def _formula(raw: Any) -> str | None:
    if isinstance(raw, str) and raw.startswith("="):
        return raw
    text = getattr(raw, "text", None)  # ArrayFormula and DataTableFormula objects
    return text if isinstance(text, str) else None


def _load(path: Path, *, values: bool) -> Any:
    """Load the workbook whole (formulas), or its cached values streaming (``values``: read-only mode)."""
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, conditional formats): irrelevant here.
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=values, read_only=values)


#: A formula cell waiting for its cached value: (sheet title, row, column) -> (row list, index, number format).
_Pending = dict[tuple[str, int, int], tuple[list["RawCell"], int, str]]


def _fill_cached(path: Path, pending: _Pending) -> None:
    """Put the cached result of every pending formula cell in place, streaming the values once.

    The workbook is loaded whole only once (formulas, merged ranges); its values are read in
    openpyxl's read-only mode, which keeps one row at a time, and only when a sheet has formulas.
    """
    values = _load(path, values=True)
    try:
        for title in dict.fromkeys(title for title, _, _ in pending):
            rows = sorted({row for t, row, _ in pending if t == title})
            sheet = values[title]
            for offset, row in enumerate(sheet.iter_rows(min_row=rows[0], max_row=rows[-1], values_only=True)):
                number = rows[0] + offset
                for column, value in enumerate(row, start=1):
                    waiting = pending.get((title, number, column))
                    if waiting is not None:
                        cells, index, number_format = waiting
                        cells[index] = RawCell(cell_text(value, number_format).text, formula=cells[index].formula)
    finally:
        values.close()


def _unzipped_size(path: Path, place: Place) -> None:
    """Refuse a workbook whose parts unzip to more than MAX_UNZIPPED_BYTES (a zip bomb), before unzipping."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        msg = f"not a readable Excel workbook ({type(exc).__name__}: {exc}); save it as .xlsx and try again"
        raise _fail(
            place,
            msg,
            f"Excel のブックとして読めません（{type(exc).__name__}: {exc}）。"
            ".xlsx で保存し直してからもう一度試してください",
        ) from None
    if size > MAX_UNZIPPED_BYTES:
        msg = (
            f"the workbook unzips to {size:,} bytes, over the limit of {MAX_UNZIPPED_BYTES:,}; "
            "save the sheet to import in a workbook of its own"
        )
        ja = (
            f"このブックは展開すると {size:,} bytes になり、上限 {MAX_UNZIPPED_BYTES:,} を超えます。"
            "取り込むシートだけを別のブックに保存してください"
        )
        raise _fail(place, msg, ja)


#: A cell of a worksheet (SpreadsheetML).
_CELL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}c"


def _too_many_cells(place: Place, what: str) -> ImportFailed:
    return _fail(
        place,
        f"{what} holds more than {MAX_SHEET_CELLS:,} cells, the most isms imports (memory grows with them); "
        "import the table alone, without the other sheets or columns",
        f"{what} のセルが {MAX_SHEET_CELLS:,} を超えています（isms が取り込める上限です。"
        "メモリはセル数とともに増えます）。"
        "ほかのシートや列を除いて、表だけを取り込んでください",
    )


def _count_cells(path: Path, place: Place) -> None:
    """Refuse a workbook of more than MAX_SHEET_CELLS cells, counted in its XML before it is loaded.

    Every part is counted, wherever the workbook's relationships put its sheets; a part that is not
    XML (an image) is skipped. The count streams element by element, each cleared once counted, so
    it costs little memory whatever the workbook holds.
    """
    count = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                with archive.open(name) as part:
                    try:
                        # expat 2.4+ bounds entity expansion and ElementTree fetches no external entity
                        for _, element in iterparse(part, events=("end",)):  # noqa: S314 - only counted
                            if element.tag == _CELL:
                                count += 1
                                if count > MAX_SHEET_CELLS:
                                    raise _too_many_cells(place, "the workbook")
                            element.clear()
                    except ParseError:
                        continue
    except ImportFailed:
        raise
    except Exception as exc:  # a broken zip or a part that cannot be read
        msg = f"not a readable Excel workbook ({type(exc).__name__}: {exc}); save it as .xlsx and try again"
        raise _fail(
            place,
            msg,
            f"Excel のブックとして読めません（{type(exc).__name__}: {exc}）。"
            ".xlsx で保存し直してからもう一度試してください",
        ) from None


def _check_extent(sheet: Any, place: Place) -> None:
    """Refuse a sheet whose used range is beyond the limits (one stray cell at XFD1048576 would be 17 G cells)."""
    rows, columns = sheet.max_row, sheet.max_column
    if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS:
        last = f"{get_column_letter(columns)}{rows}"
        msg = (
            f"sheet `{sheet.title}` reaches cell {last}; isms reads sheets up to {MAX_SHEET_ROWS:,} rows and "
            f"{MAX_SHEET_COLUMNS:,} columns: delete the cells beyond the table (select them, Delete) and save again"
        )
        ja = (
            f"シート `{sheet.title}` はセル {last} まで使われています。isms が読むのは {MAX_SHEET_ROWS:,} 行、"
            f"{MAX_SHEET_COLUMNS:,} 列までです。表より外のセルを削除して（選択して Delete）保存し直してください"
        )
        raise _fail(Place(place.file, sheet.title), msg, ja)


def _read_formulas(path: Path, place: Place) -> tuple[list[Sheet], _Pending]:
    """Read every sheet of the whole workbook; formula cells wait for their cached value."""
    try:
        formulas = _load(path, values=False)
    except Exception as exc:  # openpyxl and its XML parser raise many kinds on a malformed part
        msg = f"not a readable Excel workbook ({type(exc).__name__}: {exc}); save it as .xlsx and try again"
        raise _fail(
            place,
            msg,
            f"Excel のブックとして読めません（{type(exc).__name__}: {exc}）。"
            ".xlsx で保存し直してからもう一度試してください",
        ) from None
    sheets = []
    pending: _Pending = {}
    for sheet in formulas.worksheets:
        _check_extent(sheet, place)
        rows: list[list[RawCell]] = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                formula = _formula(cell.value)
                if formula is None:
                    cells.append(cell_text(cell.value, cell.number_format))
                else:
                    pending[sheet.title, cell.row, cell.column] = (cells, len(cells), cell.number_format)
                    cells.append(RawCell("", formula=formula))
            rows.append(cells)
        merged = [(r.min_row, r.min_col - 1, r.max_row, r.max_col - 1) for r in sheet.merged_cells.ranges]
        sheets.append(Sheet(Place(place.file, sheet.title), _trimmed(rows), sorted(merged)))
    return sheets, pending


def _read_workbook(path: Path, place: Place) -> list[Sheet]:
    """Read a workbook: loaded whole once (freed before its cached values are streamed, if needed)."""
    _unzipped_size(path, place)
    _count_cells(path, place)
    sheets, pending = _read_formulas(path, place)
    if pending:
        try:
            _fill_cached(path, pending)
        except Exception as exc:  # as above: a malformed part shows only when the values are read
            msg = f"not a readable Excel workbook ({type(exc).__name__}: {exc}); save it as .xlsx and try again"
            raise _fail(
                place,
                msg,
                f"Excel のブックとして読めません（{type(exc).__name__}: {exc}）。"
                ".xlsx で保存し直してからもう一度試してください",
            ) from None
    return sheets


def _decode(data: bytes, place: Place, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as exc:
            raise _fail(place, f"cannot read it as {encoding}: {exc}", f"{encoding} として読めません: {exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("cp932")
            hint = " It looks like Shift_JIS (cp932), as Excel writes 'CSV (comma delimited)' in Japanese."
        except UnicodeDecodeError:
            pass
        msg = (
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}).{hint} "
            "Save it as 'CSV UTF-8 (comma delimited)', import the .xlsx instead, "
            "or pass --encoding cp932 if you know it is Shift_JIS"
        )
        hint_ja = "（Excel の日本語版が「CSV (コンマ区切り)」で書く Shift_JIS（cp932）のようです）" if hint else ""
        ja = (
            f"UTF-8 ではありません（オフセット {exc.start} のバイト 0x{data[exc.start]:02x}）{hint_ja}。"
            "「CSV UTF-8 (コンマ区切り)」で保存し直すか、.xlsx を取り込むか、"
            "Shift_JIS とわかっているなら --encoding cp932 を付けてください"
        )
        raise _fail(place, msg, ja) from None


def _read_text(path: Path, place: Place, delimiter: str, encoding: str | None) -> list[Sheet]:
    try:
        data = read_regular(path, MAX_SHEET_FILE_BYTES)
    except FileRefused as exc:
        raise _fail(place, f"the file {exc}", exc.message_ja) from None
    except OSError as exc:
        raise _fail(place, f"cannot read: {exc.strerror or exc}", f"読めません: {exc.strerror or exc}") from None
    if data.startswith(b"PK\x03\x04"):
        ja = "これはブック（zip）で、テキストファイルではありません。拡張子を .xlsx にしてください"
        raise _fail(place, "this is a workbook (zip), not a text file; give it the .xlsx suffix", ja)
    if b"\x00" in data[:8192]:
        ja = "テキストファイルではありません（NUL バイトがあります）。シートを CSV UTF-8 か .xlsx で書き出してください"
        raise _fail(place, "not a text file (it holds NUL bytes); export the sheet as CSV UTF-8 or .xlsx", ja)
    text = _decode(data, place, encoding)
    records: list[list[str]] = []
    count = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            count += len(record)
            if count > MAX_SHEET_CELLS:
                raise _too_many_cells(place, "the file")
            records.append(record)
    except csv.Error as exc:
        raise _fail(place, f"not valid CSV: {exc}", f"CSV として正しくありません: {exc}") from None
    rows = [[cell_text(restore_cell(value)) for value in record] for record in records]
    return [Sheet(place, _trimmed(rows))]


def read_sheets(path: Path, display: str, *, encoding: str | None = None) -> list[Sheet]:
    """Read every sheet of a workbook, or the one table of a CSV/TSV file.

    Args:
        path: The file.
        display: How to name the file in messages.
        encoding: For CSV/TSV: the text encoding (default: UTF-8, with or without a BOM).

    Raises:
        ImportFailed: when the file is missing, of another kind, or cannot be decoded.
    """
    place = Place(display)
    suffix = path.suffix.lower()
    if not path.exists():
        raise _fail(place, "no such file", "そのファイルはありません")
    try:
        path.stat()
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        if isinstance(exc, FileRefused):
            raise _fail(place, f"the file {exc}", exc.message_ja) from None
        raise _fail(place, f"cannot read: {exc.strerror}", f"読めません: {exc.strerror}") from None
    if size > MAX_SHEET_FILE_BYTES:
        msg = f"the file is {size:,} bytes, over the limit of {MAX_SHEET_FILE_BYTES:,} for an import"
        ja = f"ファイルは {size:,} bytes あり、取り込みの上限 {MAX_SHEET_FILE_BYTES:,} を超えています"
        raise _fail(place, msg, ja)
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, place)
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, place, TEXT_SUFFIXES[suffix], encoding)
    if suffix == ".xls":
        ja = "古い Excel 形式（.xls）です。Excel で開いて .xlsx で保存してください"
        raise _fail(place, "old Excel format (.xls): open it in Excel and save it as .xlsx", ja)
    raise _fail(
        place,
        f"not a spreadsheet: give a {SUPPORTED} file",
        f"表計算のファイルではありません。{SUPPORTED} のファイルを指定してください",
    )
