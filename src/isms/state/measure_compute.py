"""The compute language of a measure: which rows count, and the value they give. No code from the data is run.

- `where` / `of`: a column equals a value (or one of a list), or compares with a number (`">= 80"`);
- `not_in` / `in`: the row's value is absent from / present in a column of another evidence file;
- `distinct`: count distinct values of a column instead of rows;
- `group_by` + `at_least`: count groups (persons) with at least N matching rows;
- `population` (ratio): the rate is over the members of another file (the roster); a member without
  matching rows is not done, and rows of non-members do not count.

Each `where` is compiled once against a file's columns into a test of a positional row
(`row_test`); `isms.state.measure_tally` counts the rows that pass.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping

from isms.gather.data import Cells, Row
from isms.model.control import RowFilter, Scalar, Where

RowTest = Callable[[Cells], bool]

_COMPARISON = re.compile(r"^\s*(>=|<=|!=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "!=": operator.ne,
    "==": operator.eq,
    ">": operator.gt,
    "<": operator.lt,
}
_KNOWN = 4096  # cells whose test result is remembered, per `where` column


def comparison(option: Scalar) -> tuple[str, float] | None:
    """Return (operator, number) when a `where` value is a comparison such as `">= 80"`."""
    if not isinstance(option, str):
        return None
    match = _COMPARISON.match(option)
    return (match.group(1), float(match.group(2))) if match else None


def cell_number(cell: str) -> float | None:
    """Return a cell's number; `inf` and `nan` are not measurements."""
    try:
        number = float(cell)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def equal(cell: str, option: Scalar) -> bool:
    """Return True when a cell matches one `where` value (booleans read yes/true/1, numbers as numbers)."""
    return cell_test([option])(cell)


def _texts(options: list[Scalar]) -> set[str] | None:
    """Return the options when every one is plain text (matched as it is), else None."""
    if all(isinstance(option, str) and comparison(option) is None for option in options):
        return {option for option in options if isinstance(option, str)}
    return None


def cell_test(options: list[Scalar]) -> Callable[[str], bool]:
    """Compile the options of one `where` column into a test of a cell (any option matches)."""
    texts: set[str] = set()
    words: set[str] = set()
    numbers: set[float] = set()
    compared: list[tuple[Callable[[float, float], bool], float]] = []
    for option in options:
        if isinstance(option, bool):
            words |= {"true", "yes", "1"} if option else {"false", "no", "0"}
        elif isinstance(option, int | float):
            numbers.add(float(option))
        elif (comparing := comparison(option)) is not None:
            compared.append((_COMPARE[comparing[0]], comparing[1]))
        else:
            texts.add(option)
    if not (words or numbers or compared):
        return texts.__contains__

    def test(cell: str) -> bool:
        if cell in texts or (words and cell.lower() in words):
            return True
        if numbers or compared:
            number = cell_number(cell)
            if number is not None and (number in numbers or any(op(number, value) for op, value in compared)):
                return True
        return False

    return test


def _never(row: Cells) -> bool:
    return False


def _one(at: int, options: list[Scalar]) -> RowTest:
    texts = _texts(options)
    if texts is not None and len(texts) == 1:
        (text,) = texts
        return lambda row: row[at] == text
    if texts is not None:
        return lambda row: row[at] in texts
    test = cell_test(options)
    known: dict[str | None, bool] = {}  # a column compared as numbers holds few distinct cells, mostly

    def check(row: Cells) -> bool:
        cell = row[at]
        result = known.get(cell)
        if result is None:
            result = cell is not None and test(cell)
            if len(known) < _KNOWN:
                known[cell] = result
        return result

    return check


def row_test(where: Where | None, index: Mapping[str, int]) -> RowTest | None:
    """Compile a `where` against a file's columns: every condition holds (a missing column never does).

    Returns None when there is no condition (every row holds).
    """
    tests: list[RowTest] = []
    for column, wanted in (where or {}).items():
        at = index.get(column)
        if at is None:
            return _never
        tests.append(_one(at, wanted if isinstance(wanted, list) else [wanted]))
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]

    return lambda row: all(test(row) for test in tests)


def matcher(where: Where) -> Callable[[Row], bool]:
    """Compile a `where` into a test of a row held as a dict."""
    columns = list(where)
    test = row_test(where, {name: n for n, name in enumerate(columns)})
    if test is None:
        return lambda row: True
    checked = test
    return lambda row: checked([row.get(name) for name in columns])


def matches(row: Row, where: Where) -> bool:
    """Return True when a row satisfies every condition of a `where`."""
    return matcher(where)(row)


def member_column(spec: RowFilter) -> str | None:
    """Return the data column that identifies a member or group (population, else `group_by`)."""
    if spec.population is not None:
        return spec.group_by or spec.population.column or spec.population.key
    return spec.group_by


def getter(column: str | None, index: Mapping[str, int]) -> Callable[[Cells], str]:
    """Return how a row's cell of ``column`` is read: empty when the row or the file lacks it."""
    at = index.get(column) if column is not None else None
    if at is None:
        return lambda row: ""
    position = at
    return lambda row: row[position] or ""


def key_adder(key: str, where: Where | None, index: Mapping[str, int], into: set[str]) -> Callable[[Cells, int], None]:
    """Return how a row of another file adds its `key` cell to ``into`` when it holds ``where``.

    That is how a join's keys (`not_in`, `in`: `key`, default `column`) and a population's
    members are read; empty keys are kept (a population drops them: nobody).
    """
    test = row_test(where, index)
    get = getter(key, index)
    add = into.add
    if test is None:
        return lambda row, _: add(get(row))
    checked = test

    def add_key(row: Cells, _: int) -> None:
        if checked(row):
            add(get(row))

    return add_key
