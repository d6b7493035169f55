"""Finding the table: header row, columns, data rows and their problems."""

from __future__ import annotations

import pytest

from isms.errors import UsageError
from isms.importing.problems import ImportFailed, Place, column_letter
from isms.importing.sheet import Sheet, cell_text
from isms.importing.table import locate, parse_columns, read_rows
from isms.importing.words import CATALOG_HEADERS, CONTROL_HEADERS


def sheet(rows: list[list[str]], merged: list[tuple[int, int, int, int]] | None = None) -> Sheet:
    return Sheet(Place("f.xlsx", "S"), [[cell_text(v) for v in row] for row in rows], merged or [])


def test_header_found_below_a_title_block() -> None:
    rows = [
        ["適用宣言書"],
        ["組織", "X"],
        [],
        ["管理策番号", "管理策", "適用（○/×）", "実施状況"],
        ["5.1", "方針", "○", "実施済"],
    ]
    table = locate([sheet(rows)], CONTROL_HEADERS)
    assert table.header_row == 4
    assert table.columns == {"id": 0, "applicable": 2, "status": 3}
    table, problems = read_rows(table)
    assert problems == []
    assert [(row.number, row.text("status")) for row in table.rows] == [(5, "実施済")]


def test_columns_by_letter_number_and_header() -> None:
    assert parse_columns("id=A, title=B", list(CATALOG_HEADERS)) == {"id": "A", "title": "B"}
    found = locate(
        [sheet([["x", "Num", "Name"], ["", "1", "one"]])],
        CATALOG_HEADERS,
        columns={"id": "Num", "title": "3"},
    )
    assert (found.header_row, found.columns) == (1, {"id": 1, "title": 2})
    by_letters = locate([sheet([["ID", "Name"], ["1", "one"]])], CATALOG_HEADERS, columns={"id": "ID", "title": "B"})
    assert (by_letters.header_row, by_letters.columns) == (1, {"id": 0, "title": 1})
    plain = locate([sheet([["A-1", "one"]])], CATALOG_HEADERS, columns={"id": "A", "title": "B"}, header_row=0)
    assert read_rows(plain)[0].rows[0].text("title") == "one"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("title=B", "--columns must name the id column, e.g. --columns id=A,title=B"),
        ("id", "--columns: `id` is not FIELD=COLUMN (e.g. id=A)"),
        ("id=A,colour=C", "--columns: unknown field `colour`; fields: id, title"),
    ],
)
def test_bad_columns_option(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_columns(spec, ["id", "title"])
    assert str(caught.value) == message


def test_row_problems_and_blank_rows() -> None:
    rows = [["ID", "Title"], ["A-1", "one"], [], ["A-1", "again"], ["", "orphan"], ["a b", "bad"], [], []]
    table, problems = read_rows(locate([sheet(rows, merged=[(1, 5, 1, 6)])], CATALOG_HEADERS))
    assert [p.format() for p in problems] == [
        'f.xlsx, sheet "S", row 4, column A (ID): error: duplicate id `A-1` (also in row 2)',
        'f.xlsx, sheet "S", row 5, column A (ID): error: no id in a row that has other values; give the id, or '
        "delete the row",
        'f.xlsx, sheet "S", row 6, column A (ID): error: `a b` is not an id: use letters, digits, `.`, `_` and `-` '
        "(e.g. 5.1, A-1)",
        'f.xlsx, sheet "S": note: skipped 1 blank row(s): 3',
    ]
    assert [row.number for row in table.rows] == [2, 4, 5, 6]


def test_no_table_and_unknown_sheet() -> None:
    with pytest.raises(ImportFailed, match="cannot find the table"):
        locate([sheet([["a", "b"], ["c", "d"]])], CATALOG_HEADERS)
    with pytest.raises(ImportFailed, match='no sheet "X"; sheets: "S"'):
        locate([sheet([["ID", "Title"]])], CATALOG_HEADERS, sheet_name="X")


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def failure(sheets: list[Sheet], **options: object) -> list[tuple[str, str, str | None]]:
    with pytest.raises(ImportFailed) as caught:
        locate(sheets, CATALOG_HEADERS, **options)  # type: ignore[arg-type]
    return [(p.place.format(), p.message, p.message_ja) for p in caught.value.problems]


CATALOG = [["Title block"], ["ID", "Title"], ["A-1", "one"], ["A-2", "two"]]


def test_a_header_row_without_columns_is_the_row_looked_at() -> None:
    """--header-row N alone was ignored (any N: the header was searched for as without it)."""
    table = locate([sheet(CATALOG)], CATALOG_HEADERS, header_row=2)
    assert (table.header_row, table.columns) == (2, {"id": 0, "title": 1})
    [(place, message, ja)] = failure([sheet(CATALOG)], header_row=3)
    assert place == 'f.xlsx, sheet "S", row 3'
    assert message.startswith("--header-row 3: this row does not name the columns (ID/番号/No.")
    assert ja is not None
    assert ja.startswith("--header-row 3: この行に列の名前")
    [(_, message, _)] = failure([sheet(CATALOG)], header_row=0)
    assert message == "--header-row 0 means the sheet has no header row: name the columns with --columns id=A,title=B"


@pytest.mark.parametrize("columns", [None, {"id": "A", "title": "B"}])
def test_a_header_row_beyond_the_sheet_says_how_many_rows_it_has(columns: dict[str, str] | None) -> None:
    [(place, message, ja)] = failure([sheet(CATALOG)], header_row=99, columns=columns)
    assert (place, message) == (
        'f.xlsx, sheet "S"',
        "--header-row 99: the sheet has 4 row(s); give the row the headers are in",
    )
    assert ja == "--header-row 99: シートには 4 行しかありません。見出しのある行の番号を指定してください"
    two = [sheet(CATALOG), Sheet(Place("f.xlsx", "T"), [[cell_text("x")]] * 6, [])]
    assert failure(two, header_row=99, columns=columns)[0][:2] == (
        "f.xlsx",
        "--header-row 99: no sheet has more than 6 row(s); give the row the headers are in",
    )
    # a sheet too short is passed over when another has the row
    assert locate([sheet([["x"]]), sheet(CATALOG)], CATALOG_HEADERS, header_row=2, columns=columns).header_row == 2


def test_named_headers_missing_from_the_given_row() -> None:
    [(place, message, _)] = failure([sheet(CATALOG)], header_row=3, columns={"id": "ID", "title": "Title"})
    assert (place, message) == (
        'f.xlsx, sheet "S", row 3',
        "--header-row 3: this row has no header Title; give the row they are in",
    )


@pytest.mark.parametrize(("header_row", "below"), [(4, "below the header row 4"), (0, "in the sheet")])
def test_a_table_without_data_rows_is_an_error(header_row: int, below: str) -> None:
    rows = CATALOG if header_row else [["", ""]]
    table = locate([sheet(rows)], CATALOG_HEADERS, header_row=header_row, columns={"id": "A", "title": "B"})
    table, problems = read_rows(table)
    assert table.rows == []
    assert [(p.level, p.message) for p in problems] == [
        (
            "error",
            f"nothing to import: no row {below} has a value in the table's columns; check --sheet and --header-row",
        )
    ]


def test_skipped_blank_rows_are_counted_in_japanese_words() -> None:
    _, problems = read_rows(locate([sheet([*CATALOG, [], ["A-3", "three"]])], CATALOG_HEADERS))
    assert [p.message_ja for p in problems] == ["空の行 1 行を飛ばしました: 5"]
