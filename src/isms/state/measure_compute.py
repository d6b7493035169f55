"""The compute language of a measure: which rows count, and the value they give. No code from the data is run.

- `where` / `of`: a column equals a value (or one of a list), or compares with a number (`">= 80"`);
- `not_in` / `in`: the row's value is absent from / present in a column of another evidence file;
- `distinct`: count distinct values of a column instead of rows;
- `group_by` + `at_least`: count groups (persons) with at least N matching rows;
- `population` (ratio): the rate is over the members of another file (the roster); a member without
  matching rows is not done, and rows of non-members do not count.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable

from isms.gather.data import Row
from isms.model.control import Measure, NotIn, Population, RowFilter, Scalar, Where

Lookup = Callable[[str], list[Row]]

_COMPARISON = re.compile(r"^\s*(>=|<=|!=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "!=": operator.ne,
    "==": operator.eq,
    ">": operator.gt,
    "<": operator.lt,
}


def comparison(option: Scalar) -> tuple[str, float] | None:
    """Return (operator, number) when a `where` value is a comparison such as `">= 80"`."""
    if not isinstance(option, str):
        return None
    match = _COMPARISON.match(option)
    return (match.group(1), float(match.group(2))) if match else None


def _number(cell: str) -> float | None:
    """Return a cell's number; `inf` and `nan` are not measurements."""
    try:
        number = float(cell)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def equal(cell: str, option: Scalar) -> bool:
    """Return True when a cell matches one `where` value (booleans read yes/true/1, numbers as numbers)."""
    if isinstance(option, bool):
        return cell.lower() in (("true", "yes", "1") if option else ("false", "no", "0"))
    if isinstance(option, int | float):
        number = _number(cell)
        return number is not None and number == float(option)
    compared = comparison(option)
    if compared is not None:
        number = _number(cell)
        return number is not None and _COMPARE[compared[0]](number, compared[1])
    return cell == option


def _cell_test(options: list[Scalar]) -> Callable[[str], bool]:
    """Compile the options of one `where` column into a test of a cell (the same rule as `equal`)."""
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
            number = _number(cell)
            if number is not None and (number in numbers or any(op(number, value) for op, value in compared)):
                return True
        return False

    return test


def matcher(where: Where) -> Callable[[Row], bool]:
    """Compile a `where` into a test of a row: every condition holds (a missing column never does)."""
    tests = [(column, _cell_test(wanted if isinstance(wanted, list) else [wanted])) for column, wanted in where.items()]
    if not tests:
        return lambda row: True

    def test(row: Row) -> bool:
        for column, cell_test in tests:
            cell = row.get(column)
            if cell is None or not cell_test(cell):
                return False
        return True

    return test


def matches(row: Row, where: Where) -> bool:
    """Return True when a row satisfies every condition of a `where`."""
    return matcher(where)(row)


def _numbers(rows: list[Row], column: str) -> list[float]:
    return [number for row in rows if (number := _number(row.get(column, ""))) is not None]


def _keys(join: NotIn, lookup: Lookup) -> set[str]:
    key = join.key or join.column
    test = matcher(join.where)
    return {row.get(key, "") for row in lookup(join.evidence) if test(row)}


def _joined(rows: list[Row], spec: RowFilter, lookup: Lookup) -> list[Row]:
    if spec.not_in is not None:
        absent = _keys(spec.not_in, lookup)
        rows = [row for row in rows if row.get(spec.not_in.column, "") not in absent]
    if spec.in_ is not None:
        present = _keys(spec.in_, lookup)
        rows = [row for row in rows if row.get(spec.in_.column, "") in present]
    return rows


def _members(population: Population, lookup: Lookup) -> set[str]:
    return {row.get(population.key, "") for row in lookup(population.evidence) if matches(row, population.where)} - {""}


def member_column(spec: RowFilter) -> str | None:
    """Return the data column that identifies a member or group (population, else `group_by`)."""
    if spec.population is not None:
        return spec.group_by or spec.population.column or spec.population.key
    return spec.group_by


def _groups_done(rows: Iterable[Row], column: str, at_least: int) -> set[str]:
    counts = Counter(row.get(column, "") for row in rows)
    return {group for group, n in counts.items() if n >= at_least and group}


def _count(spec: RowFilter, rows: list[Row], lookup: Lookup) -> float:
    where = matcher(spec.where)
    hits = _joined([r for r in rows if where(r)], spec, lookup)
    if spec.distinct is not None:
        return float(len({row.get(spec.distinct, "") for row in hits} - {""}))
    if spec.group_by is not None:
        return float(len(_groups_done(hits, spec.group_by, spec.at_least or 1)))
    return float(len(hits))


def _ratio(spec: RowFilter, rows: list[Row], lookup: Lookup) -> float | None:
    of, where = matcher(spec.of or {}), matcher(spec.where)
    base = [r for r in rows if of(r)] if spec.of else rows
    hits = _joined([r for r in base if where(r)], spec, lookup)
    column = member_column(spec)
    if spec.population is not None and column is not None:
        members = _members(spec.population, lookup)
        done = _groups_done(hits, column, spec.at_least or 1) & members
        return len(done) / len(members) if members else None
    if column is not None:
        groups = {row.get(column, "") for row in base} - {""}
        done = _groups_done(hits, column, spec.at_least or 1)
        return len(done & groups) / len(groups) if groups else None
    if spec.distinct is not None:
        every = {row.get(spec.distinct, "") for row in base} - {""}
        done = {row.get(spec.distinct, "") for row in hits} - {""}
        return len(done) / len(every) if every else None
    return len(hits) / len(base) if base else None


def compute_value(measure: Measure, rows: list[Row], lookup: Lookup) -> float | None:
    """Return the measure's value over some rows, or None when it is undefined (e.g. 0/0)."""
    compute = measure.compute
    if compute.count is not None:
        return _count(compute.count, rows, lookup)
    if compute.ratio is not None:
        return _ratio(compute.ratio, rows, lookup)
    column = compute.sum or compute.mean or ""
    numbers = _numbers(rows, column)
    if compute.sum is not None:
        return float(sum(numbers))
    return sum(numbers) / len(numbers) if numbers else None
