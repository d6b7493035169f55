"""Rows of CSV and JSON evidence files, for effectiveness measures. No code from the data is run.

A data file is read in one pass (`DataFile.open`): a CSV file is streamed through `csv.reader`, so
memory does not grow with its rows; a JSON file is parsed whole. Rows come positional (a list of
cells, `Rows.index` maps a column name to its position), never one dict per row.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from isms.files import MAX_DATA_BYTES, FileRefused, open_regular, read_regular

Row = dict[str, str]
Cells = Sequence[str | None]
"""One row, positional (`Rows.index`); None where a JSON object (or a row in memory) lacks the key."""

_PEEK = 1 << 16


class DataError(Exception):
    """An evidence data file cannot be read as rows: ``str()`` says why in English, ``message_ja`` in Japanese."""

    def __init__(self, message: str, ja: str) -> None:
        super().__init__(message)
        self.message_ja = ja


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@dataclass(slots=True)
class Rows:
    """A data file opened for one pass.

    Attributes:
        columns: Its columns: a CSV header, or every key of a JSON list, in order.
        index: The position of each column in a row (of duplicate header names, the one a dict would keep).
        rows: The rows, positional; consumed once.
        lines: The 1-based line each row ends on, for rows read from memory (empty: see `line`).
        reader: The CSV reader the rows come from, if any (its `line_num` is the current row's last line).
    """

    columns: tuple[str, ...]
    index: dict[str, int]
    rows: Iterator[Cells]
    lines: tuple[int, ...] = ()
    reader: Any = None

    def line(self, index: int) -> int | None:
        """Return the line of row ``index``; while streaming a CSV file, only of the row just read."""
        if self.reader is not None:
            return int(self.reader.line_num)
        return self.lines[index] if index < len(self.lines) else None


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a data file and the columns it has (a CSV header, or every key of a JSON list)."""

    columns: tuple[str, ...]
    rows: list[Row]
    lines: tuple[int, ...] = ()
    """The 1-based line each CSV row ends on (empty for JSON)."""

    def line(self, index: int) -> int | None:
        """Return the line of row ``index`` in the file, if known."""
        return self.lines[index] if index < len(self.lines) else None

    @contextmanager
    def open(self) -> Iterator[Rows]:
        """Return the rows, positional, for one pass (rows lacking a column hold None there)."""
        columns = self.columns
        index = {name: n for n, name in enumerate(columns)}
        yield Rows(columns, index, iter([[row.get(name) for name in columns] for row in self.rows]), self.lines)


def _utf8(name: str, data: bytes) -> str:
    """Decode a whole file as UTF-8 (a BOM dropped); the error names the byte's position in the file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"cannot read {name} as UTF-8: {exc}"
        raise DataError(msg, f"{name} を UTF-8 として読めません（{exc}）") from None


def _index(header: list[str]) -> tuple[tuple[str, ...], dict[str, int]]:
    """Return the columns and positions of a CSV header, as `csv.DictReader` rows stripped would have them."""
    last = dict(zip(header, range(len(header)), strict=True))  # a repeated name: its last cell
    index = {name.strip(): n for name, n in last.items() if name}
    return tuple(name.strip() for name in header if name), index


def _stripped(reader: Iterator[list[str]], width: int) -> Iterator[Cells]:
    """Yield the rows with their cells stripped; a blank line is no row, a short row's missing cells are empty."""
    if not width:  # no header: a row has no named cells
        yield from ([] for row in reader if row)
        return
    strip = str.strip
    for row in reader:
        if len(row) == width:
            yield list(map(strip, row))
        elif row:
            yield list(map(strip, row)) + [""] * (width - len(row))


@dataclass(frozen=True, slots=True)
class DataFile:
    """A CSV or JSON data file, opened when a measure reads it (`Facts.tables`).

    ``read`` returns a file's bytes within a size limit (`isms diff` reads git objects); without it
    the file is streamed from disk.
    """

    path: Path
    read: Callable[[Path, int], bytes] | None = None

    def _bytes(self) -> bytes:
        try:
            return (self.read or read_regular)(self.path, MAX_DATA_BYTES)
        except FileRefused as exc:
            msg = f"{self.path.name} {exc}"
            raise DataError(msg, f"{self.path.name}: {exc.message_ja}") from None
        except OSError as exc:
            msg = f"cannot read {self.path.name} as UTF-8: {exc}"
            raise DataError(msg, f"{self.path.name} を UTF-8 として読めません（{exc}）") from None

    def _binary(self) -> IO[bytes]:
        if self.read is not None:
            return io.BytesIO(self._bytes())
        try:
            return open_regular(self.path, MAX_DATA_BYTES)
        except FileRefused as exc:
            msg = f"{self.path.name} {exc}"
            raise DataError(msg, f"{self.path.name}: {exc.message_ja}") from None
        except OSError as exc:
            msg = f"cannot read {self.path.name} as UTF-8: {exc}"
            raise DataError(msg, f"{self.path.name} を UTF-8 として読めません（{exc}）") from None

    def _not_utf8(self) -> DataError:
        """Return the error of a file that failed to decode while streamed, as a whole read words it."""
        try:
            _utf8(self.path.name, self._bytes())
        except DataError as exc:
            return exc
        return DataError(f"cannot read {self.path.name} as UTF-8", f"{self.path.name} を UTF-8 として読めません")

    def _empty(self, handle: IO[bytes]) -> bool:
        """Return True when the file holds nothing but white space (read up to its first other character)."""
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            while True:
                chunk = handle.read(_PEEK)
                if decoder.decode(chunk, final=not chunk).strip():
                    return False
                if not chunk:
                    return True
        except UnicodeDecodeError:
            raise self._not_utf8() from None
        finally:
            handle.seek(0)

    def open(self) -> AbstractContextManager[Rows]:
        """Open the file for one pass over its rows.

        Raises:
            DataError: when the file is not UTF-8, not CSV/JSON, or not a table (also while its
                rows are read: a CSV file is streamed).
        """
        suffix = self.path.suffix.lower()
        if suffix == ".csv":
            return self._csv()
        if suffix == ".json":
            return self._json()
        if not _utf8(self.path.name, self._bytes()).strip():
            raise self._empty_error()
        msg = f"{self.path.name}: measures read .csv or .json files only"
        raise DataError(msg, f"{self.path.name}: 有効性指標が読むのは .csv か .json のファイルだけです")

    def _empty_error(self) -> DataError:
        return DataError(
            f"{self.path.name} is empty (not even a header line); write its rows, or remove it from the measure",
            f"{self.path.name} は空です（見出し行もありません）。行を書き込むか、有効性指標から外してください",
        )

    @contextmanager
    def _json(self) -> Iterator[Rows]:
        text = _utf8(self.path.name, self._bytes())
        if not text.strip():
            raise self._empty_error()
        try:
            data = json.loads(text)
        except ValueError as exc:
            msg = f"{self.path.name} is not valid JSON: {exc}"
            raise DataError(
                msg, f"{self.path.name} は JSON として正しくありません（以下は JSON パーサーの説明です: {exc}）"
            ) from None
        if isinstance(data, dict) and isinstance(data.get("rows"), list):
            data = data["rows"]
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            msg = f"{self.path.name} must hold a list of objects (or {{'rows': [...]}})"
            ja = f"{self.path.name} にはオブジェクトのリスト（または {{'rows': [...]}}）を書いてください"
            raise DataError(msg, ja)
        records = [{str(k): _cell(v) for k, v in row.items()} for row in data]
        with Table(tuple(dict.fromkeys(key for row in records for key in row)), records).open() as rows:
            yield rows

    @contextmanager
    def _csv(self) -> Iterator[Rows]:
        with ExitStack() as stack:
            binary = stack.enter_context(self._binary())
            if self._empty(binary):
                raise self._empty_error()
            text = stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""))
            reader = csv.reader(text)
            try:
                header = next(reader, [])
                columns, index = _index(header)
                yield Rows(columns, index, _stripped(reader, len(header)), reader=reader)
            except UnicodeDecodeError:
                raise self._not_utf8() from None
            except csv.Error as exc:  # e.g. a field over the csv module's size limit
                decoded = self._not_utf8()
                if str(decoded) != f"cannot read {self.path.name} as UTF-8":
                    raise decoded from None  # a whole read reports the encoding first
                msg = f"{self.path.name} is not readable CSV: {exc}"
                ja = f"{self.path.name} を CSV として読めません（以下は csv モジュールの説明です: {exc}）"
                raise DataError(msg, ja) from None


def read_table(path: Path, read: Callable[[Path, int], bytes] = read_regular) -> Table:
    """Return the columns and rows of a CSV file (with a header line) or a JSON list of objects, in memory.

    ``read`` returns a file's bytes within a size limit (default: from disk; `isms diff` reads git objects).

    Raises:
        DataError: when the file is not UTF-8, not CSV/JSON, or not a table.
    """
    source = DataFile(path, None if read is read_regular else read)
    with source.open() as opened:
        names = list(opened.index.items())
        rows: list[Row] = []
        lines: list[int] = []
        for n, cells in enumerate(opened.rows):
            rows.append({name: cell for name, i in names if (cell := cells[i]) is not None})
            line = opened.line(n)
            if line is not None:
                lines.append(line)
        return Table(opened.columns, rows, tuple(lines))
