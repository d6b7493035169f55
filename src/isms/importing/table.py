"""Find the table in a sheet: its header row, the column of each field, and its data rows.

The header row is found by its column names (see `words`), or the columns are named with
``--columns id=A,title=B`` (letters, 1-based numbers or header texts). Checks every import needs
are made here: merged cells in the table, ids that are empty, formulas, numbers or duplicates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from isms.errors import UsageError
from isms.importing.problems import ImportFailed, Place, Problem, column_letter
from isms.importing.sheet import RawCell, Sheet
from isms.importing.words import header_index, normalize, without_parentheses

#: Rows searched for the header row.
HEADER_SEARCH = 30
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
"""A date as spreadsheets write it: 2026-10-31, 2026/10/31, 2026.10.31 or 2026年10月31日."""


def cell_date(text: str) -> dt.date:
    """Return the date a cell holds (see ``DATE``; else ISO, its first 10 characters); ValueError if none."""
    match = DATE.match(text)
    if match:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return dt.date.fromisoformat(text[:10])


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: its 1-based sheet row and its cell per field."""

    number: int
    cells: dict[str, RawCell]

    def text(self, name: str) -> str:
        """Return the text of a field ("" when the column is absent or the cell empty)."""
        cell = self.cells.get(name)
        return cell.text if cell else ""


@dataclass(frozen=True)
class Table:
    """The table found in a sheet."""

    sheet: Sheet
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    blank_rows: list[int] = field(default_factory=list)

    def place(self, row: int, name: str | None = None) -> Place:
        """Return the place of a row, or of one field's cell in it."""
        if name is None or name not in self.columns:
            return self.sheet.place.at(row)
        return self.sheet.place.at(row, self.columns[name], self.headers.get(name))

    def has(self, name: str) -> bool:
        """Return True when the table has a column for the field."""
        return name in self.columns


def parse_columns(spec: str, fields: Sequence[str]) -> dict[str, str]:
    """Parse ``id=A,title=B`` into field -> column reference.

    Raises:
        UsageError: on a malformed item or an unknown field.
    """
    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, sep, ref = item.partition("=")
        name, ref = name.strip(), ref.strip()
        if not sep or not ref:
            msg = f"--columns: `{item}` is not FIELD=COLUMN (e.g. id=A)"
            ja = f"--columns: `{item}` は FIELD=COLUMN の形ではありません（例: id=A）"
            raise UsageError(msg, ja=ja)
        if name not in fields:
            msg = f"--columns: unknown field `{name}`; fields: {', '.join(fields)}"
            ja = f"--columns: フィールド `{name}` はありません。フィールド: {', '.join(fields)}"
            raise UsageError(msg, ja=ja)
        mapping[name] = ref
    if "id" not in mapping:
        msg = "--columns must name the id column, e.g. --columns id=A,title=B"
        ja = "--columns には id の列を指定してください。例: --columns id=A,title=B"
        raise UsageError(msg, ja=ja)
    return mapping


def _letter_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def _match_header(text: str, index: Mapping[str, str]) -> str | None:
    key = normalize(text)
    if not key:
        return None
    return index.get(key) or index.get(without_parentheses(key))


def _detect(sheet: Sheet, index: Mapping[str, str], header_row: int | None = None) -> tuple[int, dict[str, int]] | None:
    """Return the first row that names the id column and one more field, with its columns.

    ``header_row`` (``--header-row N`` without ``--columns``): only that row is looked at.
    """
    rows = range(1, min(len(sheet.rows), HEADER_SEARCH) + 1) if header_row is None else (header_row,)
    for number in rows:
        found: dict[str, int] = {}
        for column, cell in enumerate(sheet.rows[number - 1]):
            name = _match_header(cell.text, index)
            if name is not None and name not in found:
                found[name] = column
        if "id" in found and len(found) > 1:
            return number, found
    return None


def _header_texts(sheet: Sheet, number: int) -> dict[str, int]:
    """Return normalized header text -> column of one row (first occurrence wins)."""
    texts: dict[str, int] = {}
    if 0 < number <= len(sheet.rows):
        for col, cell in enumerate(sheet.rows[number - 1]):
            texts.setdefault(normalize(cell.text), col)
    return texts


def _explicit(
    sheet: Sheet, spec: Mapping[str, str], header_row: int | None, index: Mapping[str, str]
) -> tuple[int, dict[str, int]] | None:
    """Resolve ``--columns``: 1-based numbers, header texts and column letters.

    A letter-like text that is a header of the header row (such as ``ID``) means that header.
    Returns None when the header row cannot be found.
    """
    texts = {name: normalize(ref) for name, ref in spec.items() if not ref.isdigit()}
    named = {name: ref for name, ref in texts.items() if not _LETTERS.match(spec[name])}
    number = header_row
    if number is None:
        wanted = named or texts
        rows = range(1, min(len(sheet.rows), HEADER_SEARCH) + 1)
        number = next((n for n in rows if all(ref in _header_texts(sheet, n) for ref in wanted.values())), None)
        if number is None and not named:
            detected = _detect(sheet, index)
            number = detected[0] if detected else None
    if number is None:
        return None
    headers = _header_texts(sheet, number)
    if any(ref not in headers for ref in named.values()):
        return None
    columns = {}
    for name, ref in spec.items():
        if ref.isdigit():
            columns[name] = int(ref) - 1
        elif texts[name] in headers:
            columns[name] = headers[texts[name]]
        else:
            columns[name] = _letter_index(ref)
    return number, columns


def _no_table(sheets: Sequence[Sheet], hint: str) -> ImportFailed:
    where = sheets[0].place if len(sheets) == 1 else Place(sheets[0].place.file)
    msg = f"cannot find the table: no row among the first {HEADER_SEARCH} names the columns; {hint}"
    ja = f"表が見つかりません。最初の {HEADER_SEARCH} 行に列の名前を書いた行がありません。{hint}"
    return ImportFailed([Problem(where, msg, message_ja=ja)])


def _short(sheets: Sequence[Sheet], header_row: int) -> ImportFailed:
    longest = max(len(sheet.rows) for sheet in sheets)
    where = sheets[0].place if len(sheets) == 1 else Place(sheets[0].place.file)
    whose = "the sheet has" if len(sheets) == 1 else "no sheet has more than"
    whose_ja = "シートには" if len(sheets) == 1 else "どのシートも"
    msg = f"--header-row {header_row}: {whose} {longest} row(s); give the row the headers are in"
    ja = f"--header-row {header_row}: {whose_ja} {longest} 行しかありません。見出しのある行の番号を指定してください"
    return ImportFailed([Problem(where, msg, message_ja=ja)])


def _not_headers(sheets: Sequence[Sheet], header_row: int, columns: Mapping[str, str] | None) -> ImportFailed:
    where = (sheets[0].place if len(sheets) == 1 else Place(sheets[0].place.file)).at(header_row)
    if columns:
        names = ", ".join(ref for ref in columns.values() if not ref.isdigit() and not _LETTERS.match(ref))
        msg = f"--header-row {header_row}: this row has no header {names}; give the row they are in"
        ja = f"--header-row {header_row}: この行に見出し {names} がありません。見出しのある行の番号を指定してください"
    else:
        known = "ID/番号/No. and e.g. タイトル/Title or 実施状況/Status"
        msg = (
            f"--header-row {header_row}: this row does not name the columns ({known}); give the row that does, "
            "or map them with --columns id=A,title=B"
        )
        ja = (
            f"--header-row {header_row}: この行に列の名前（{known}）がありません。列の名前のある行を指定するか、"
            "--columns id=A,title=B のように列を指定してください"
        )
    return ImportFailed([Problem(where, msg, message_ja=ja)])


def locate(
    sheets: Sequence[Sheet],
    headers: Mapping[str, Sequence[str]],
    *,
    columns: Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet_name: str | None = None,
) -> Table:
    """Find the table: in ``sheet_name``, or in the first sheet that has one.

    Raises:
        ImportFailed: when no sheet has a recognisable table.
    """
    chosen = [s for s in sheets if sheet_name is None or s.place.sheet == sheet_name]
    if not chosen:
        names = ", ".join(f'"{s.place.sheet}"' for s in sheets)
        msg, ja = f'no sheet "{sheet_name}"; sheets: {names}', f'シート "{sheet_name}" はありません。シート: {names}'
        raise ImportFailed([Problem(Place(sheets[0].place.file), msg, message_ja=ja)])
    index = header_index(headers)
    if header_row == 0 and not columns:
        msg = "--header-row 0 means the sheet has no header row: name the columns with --columns id=A,title=B"
        ja = "--header-row 0 は見出し行がないという意味です。--columns id=A,title=B のように列を指定してください"
        raise ImportFailed([Problem(Place(chosen[0].place.file), msg, message_ja=ja)])
    if header_row is not None and header_row > 0:
        tall = [sheet for sheet in chosen if len(sheet.rows) >= header_row]
        if not tall:
            raise _short(chosen, header_row)
        chosen = tall
    for sheet in chosen:
        found = _explicit(sheet, columns, header_row, index) if columns else _detect(sheet, index, header_row)
        if found is not None:
            number, mapping = found
            titles = {name: sheet.cell(number, col).text or column_letter(col) for name, col in mapping.items()}
            return Table(sheet, number, mapping, titles)
    if header_row is not None:
        raise _not_headers(chosen, header_row, columns)
    if columns:
        raise _no_table(chosen, "give the header row with --header-row N (0: the data starts in row 1)")
    known = "ID/番号/No. and e.g. タイトル/Title or 実施状況/Status"
    raise _no_table(chosen, f"name the columns ({known}) or map them with --columns id=A,title=B")


def _range(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    return f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"


def _merged(table: Table) -> list[Problem]:
    used = set(table.columns.values())
    problems = []
    for first_row, first_col, last_row, last_col in table.sheet.merged:
        if last_row < max(table.header_row, 1) or not used & set(range(first_col, last_col + 1)):
            continue
        named = [name for name, col in table.columns.items() if first_col <= col <= last_col]
        place = table.place(first_row, named[0]) if named else table.sheet.place.at(first_row, first_col)
        span = _range(first_row, first_col, last_row, last_col)
        msg = f"merged cells {span}: unmerge them and fill in every cell of the table"
        ja = f"結合されたセル {span} があります。結合を解除し、表のすべてのセルを埋めてください"
        problems.append(Problem(place, msg, message_ja=ja))
    return problems


def _check_id(table: Table, row: Row, seen: dict[str, int]) -> Problem | None:
    cell = row.cells["id"]
    place = table.place(row.number, "id")
    if cell.formula is not None:
        msg = f"the id is a formula ({cell.formula}); type the id itself"
        return Problem(place, msg, message_ja=f"ID が数式（{cell.formula}）です。ID そのものを入力してください")
    if cell.ambiguous:
        msg = f"the id is the number {cell.text}: as a number 5.10 reads 5.1; format the column as Text"
        ja = f"ID が数値の {cell.text} です。数値では 5.10 が 5.1 と読まれます。列の書式を文字列にしてください"
        return Problem(place, msg, message_ja=ja)
    if not cell.text:
        msg = "no id in a row that has other values; give the id, or delete the row"
        return Problem(place, msg, message_ja="ほかの値がある行に ID がありません。ID を書くか、行を削除してください")
    if not _ID.match(cell.text) or len(cell.text) > 80:
        msg = f"`{cell.text}` is not an id: use letters, digits, `.`, `_` and `-` (e.g. 5.1, A-1)"
        ja = f"`{cell.text}` は ID ではありません。英字・数字・`.`・`_`・`-` を使ってください（例: 5.1、A-1）"
        return Problem(place, msg, message_ja=ja)
    if cell.text in seen:
        msg = f"duplicate id `{cell.text}` (also in row {seen[cell.text]})"
        return Problem(
            place, msg, message_ja=f"ID `{cell.text}` が重複しています（{seen[cell.text]} 行目にもあります）"
        )
    seen[cell.text] = row.number
    return None


def read_rows(table: Table) -> tuple[Table, list[Problem]]:
    """Return the table with its data rows, and the problems of the rows and the layout."""
    problems = _merged(table)
    rows: list[Row] = []
    blank: list[int] = []
    seen: dict[str, int] = {}
    for number in range(table.header_row + 1, len(table.sheet.rows) + 1):
        cells = {name: table.sheet.cell(number, col) for name, col in table.columns.items()}
        if all(not c.text and c.formula is None for c in cells.values()):
            blank.append(number)
            continue
        row = Row(number, cells)
        for name, cell in cells.items():
            if name != "id" and cell.formula is not None and not cell.text:
                msg = f"the formula {cell.formula} has no saved value; open and save the file in Excel, or paste values"
                ja = (
                    f"数式 {cell.formula} に保存された値がありません。Excel で開いて保存し直すか、"
                    "値として貼り付けてください"
                )
                problems.append(Problem(table.place(number, name), msg, message_ja=ja))
        problem = _check_id(table, row, seen)
        if problem is not None:
            problems.append(problem)
        rows.append(row)
    if not rows:
        below = f"below the header row {table.header_row}" if table.header_row else "in the sheet"
        below_ja = f"見出し行（{table.header_row} 行目）より下に" if table.header_row else "シートに"
        msg = f"nothing to import: no row {below} has a value in the table's columns; check --sheet and --header-row"
        ja = (
            f"取り込むものがありません。{below_ja}表の列に値のある行がありません。"
            "--sheet と --header-row を確かめてください"
        )
        problems.append(Problem(table.sheet.place, msg, message_ja=ja))
    if blank and rows and blank[0] < rows[-1].number:
        skipped = [n for n in blank if n < rows[-1].number]
        listed = ", ".join(map(str, skipped[:10])) + (", …" if len(skipped) > 10 else "")
        msg = f"skipped {len(skipped)} blank row(s): {listed}"
        ja = f"空の行 {len(skipped)} 行を飛ばしました: {listed}"
        problems.append(Problem(table.sheet.place, msg, "note", message_ja=ja))
    return Table(table.sheet, table.header_row, table.columns, table.headers, rows, blank), problems
