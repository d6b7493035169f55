"""Data files of measures, streamed: the rows a whole read gave, and the same errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from isms.gather.data import DataError, DataFile, read_table


def dict_rows(text: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The rows as the whole-file `csv.DictReader` read gave them (before streaming)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    return tuple(name.strip() for name in reader.fieldnames or () if name), rows


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n1,2\n3,4\n",
        " a , b \n 1 , 2 \n",  # white space around names and cells
        "a,b,c\n1\n1,2,3,4\n",  # a short row, a long row
        "a,b,a\n1,2,3\n",  # a repeated name: the last cell
        "a, a,a\n1,2,3\n",  # names equal once stripped
        "\ufeffa,b\n1,2\n",  # a byte order mark
        'a,b\n"x\ny",2\n3,4\n',  # a quoted line break
        "a,b\n\n1,2\n\n\n3,4\n",  # blank lines are no rows
        "a,,b\n1,2,3\n",  # an unnamed column
        "\na,b\n1,2\n",  # a blank first line: no header
        "a;b\r\n1;2\r\n",  # one column named "a;b"
    ],
)
def test_streamed_rows_are_those_of_a_whole_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8", newline="")
    table = read_table(path)
    assert (table.columns, table.rows) == dict_rows(text)


def test_each_row_knows_the_line_it_ends_on(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text('a,b\n1,2\n"x\ny",3\n\n4,5\n', encoding="utf-8")
    assert read_table(path).lines == (2, 4, 6)


def test_a_bad_byte_deep_in_a_file_is_reported_at_its_place_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    body = b"a,b\n" + b"1,2\n" * 50_000
    path.write_bytes(body + b"3,\xff\n")
    with pytest.raises(DataError) as raised:
        read_table(path)
    position = len(body) + 2
    assert str(raised.value) == (
        f"cannot read big.csv as UTF-8: 'utf-8' codec can't decode byte 0xff in position {position}: invalid start byte"
    )


def test_a_file_of_white_space_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("  \n\n\u3000\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^blank\.csv is empty \(not even a header line\)"):
        read_table(path)


def test_rows_are_streamed_positional(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("id, done\nE1, yes\nE2\n", encoding="utf-8")
    with DataFile(path).open() as opened:
        assert opened.index == {"id": 0, "done": 1}
        assert [(list(row), opened.line(n)) for n, row in enumerate(opened.rows)] == [
            (["E1", "yes"], 2),
            (["E2", ""], 3),
        ]


def test_a_field_over_the_csv_limit_is_no_readable_csv(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("a\n" + "x" * (csv.field_size_limit() + 1) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^wide\.csv is not readable CSV: field larger than field limit"):
        read_table(path)
