"""The compute language of a measure: which rows count, and the value they give. No code from the data is run.

- `where` / `of`: a column equals a value (or one of a list), or compares with a number (`">= 80"`);
- `not_in` / `in`: the row's value is absent from / present in a column of another evidence file;
- `distinct`: count distinct values of a column instead of rows;
- `group_by` + `at_least`: count groups (persons) with at least N matching rows;
- `population` (ratio): the rate is over the members of another file (the roster); a member without
  matching rows is not done, and rows of non-members do not count.

Rows stream through a `Tally` once: it keeps counters per period (a set or a counter only where the
value needs one: distinct values, groups), never the rows.
"""

from __future__ import annotations

import math
import operator
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping

from isms.gather.data import Cells, Row, Table
from isms.model.control import Measure, RowFilter, Scalar, Where

Lookup = Callable[[str], list[Row]]
RowTest = Callable[[Cells], bool]
Keys = set[str] | Callable[[str], set[str]]
"""The keys of a join: one set, or a set per period label (the period's roster)."""
Add = Callable[[str, Cells, int], None]
"""Counts a row in a period: ``add(label, row, row number)``."""
JoinTest = Callable[[Cells, str], bool]

_COMPARISON = re.compile(r"^\s*(>=|<=|!=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "!=": operator.ne,
    "==": operator.eq,
    ">": operator.gt,
    "<": operator.lt,
}
# sum() of floats is compensated from Python 3.12: a streamed sum does as the running Python's does.
_COMPENSATED = sys.version_info >= (3, 12)
_KNOWN = 4096  # cells whose test result is remembered, per `where` column


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
            number = _number(cell)
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


def _getter(column: str | None, index: Mapping[str, int]) -> Callable[[Cells], str]:
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
    get = _getter(key, index)
    add = into.add
    if test is None:
        return lambda row, _: add(get(row))
    checked = test

    def add_key(row: Cells, _: int) -> None:
        if checked(row):
            add(get(row))

    return add_key


def _keys(rows: list[Row], key: str, where: Where | None) -> set[str]:
    cells, index = _positional(rows)
    found: set[str] = set()
    add = key_adder(key, where, index, found)
    for n, row in enumerate(cells):
        add(row, n)
    return found


class _Sum:
    """A running sum of floats, equal to ``sum()`` over the same numbers in the same order."""

    __slots__ = ("compensation", "count", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.compensation = 0.0
        self.count = 0

    def add(self, x: float) -> None:
        if self.count and _COMPENSATED:  # CPython's Neumaier summation (Python >= 3.12)
            total = self.total
            t = total + x
            self.compensation += (total - t) + x if abs(total) >= abs(x) else (x - t) + total
            self.total = t
        else:
            self.total += x
        self.count += 1

    def value(self) -> float:
        c = self.compensation
        return self.total + c if c and math.isfinite(c) else self.total


class Tally:
    """What one measure has counted, per period label: counters and, where needed, sets of values.

    Args:
        measure: The measure.
        absent: The keys of its `not_in` file; present: of its `in` file (None: no such join).
    """

    def __init__(self, measure: Measure, absent: Keys | None = None, present: Keys | None = None) -> None:
        """Start with nothing counted."""
        self.measure = measure
        compute = measure.compute
        self.spec: RowFilter | None = compute.count or compute.ratio
        self.absent = absent
        self.present = present
        self.rows: defaultdict[str, int] = defaultdict(int)
        self.base: defaultdict[str, int] = defaultdict(int)
        self.hits: defaultdict[str, int] = defaultdict(int)
        self.base_values: defaultdict[str, set[str]] = defaultdict(set)
        self.hit_values: defaultdict[str, set[str]] = defaultdict(set)
        self.groups: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.sums: defaultdict[str, _Sum] = defaultdict(_Sum)

    def period(self, label: str) -> None:
        """Note a period that has rows (or, as the period of a file, none)."""
        self.rows[label] += 0

    def _count_rows(self, label: str, row: Cells, index: int) -> None:
        self.rows[label] += 1

    def adder(self, index: Mapping[str, int]) -> Add:
        """Return how a row of a file with these columns is counted in a period: ``add(label, row, n)``.

        A file that lacks a column the measure reads leaves the measure without a value
        (`ColumnCheck`): its rows are only counted.
        """
        spec, compute = self.spec, self.measure.compute
        rows = self.rows
        if spec is None:
            at = index.get(compute.sum or compute.mean or "")
            if at is None:
                return self._count_rows
            sums = self.sums

            def add_number(label: str, row: Cells, _: int) -> None:
                rows[label] += 1
                number = _number(row[at] or "")
                if number is not None:
                    sums[label].add(number)

            return add_number
        joins = self._joins(spec, index)
        column = member_column(spec) or spec.distinct
        if joins is False or (column is not None and column not in index):
            return self._count_rows
        ratio = compute.ratio is not None
        of = row_test(spec.of, index) if ratio and spec.of else None
        where = row_test(spec.where, index)
        join = None if isinstance(joins, bool) else joins
        if column is not None:
            return self._values(index[column], of, where, join, ratio=ratio)
        base, hits = self.base, self.hits

        def add(label: str, row: Cells, _: int) -> None:
            rows[label] += 1
            if of is not None and not of(row):
                return
            base[label] += 1
            if where is not None and not where(row):
                return
            if join is not None and not join(row, label):
                return
            hits[label] += 1

        return add

    def _values(self, at: int, of: RowTest | None, where: RowTest | None, join: JoinTest | None, *, ratio: bool) -> Add:
        """Count per group (`group_by`, population) or collect distinct values (column ``at``)."""
        spec = self.spec
        assert spec is not None  # noqa: S101 (only filters have groups)
        rows, groups, hit_values = self.rows, self.groups, self.hit_values
        grouped = member_column(spec) is not None
        # the denominator's groups or distinct values: of the `of` rows (a population is its own)
        base_values = self.base_values if ratio and spec.population is None else None

        def add(label: str, row: Cells, _: int) -> None:
            rows[label] += 1
            if of is not None and not of(row):
                return
            if base_values is not None:
                base_values[label].add(row[at] or "")
            if where is not None and not where(row):
                return
            if join is not None and not join(row, label):
                return
            if grouped:
                groups[label][row[at] or ""] += 1
            else:
                hit_values[label].add(row[at] or "")

        return add

    def _joins(self, spec: RowFilter, index: Mapping[str, int]) -> JoinTest | bool:
        """Return the test of a row's joins (`not_in`, `in`); True: none; False: a join column is missing."""
        joins: list[tuple[int, Keys, bool]] = []
        for join, keys, inside in ((spec.not_in, self.absent, False), (spec.in_, self.present, True)):
            if join is not None:
                at = index.get(join.column)
                if at is None:
                    return False
                joins.append((at, keys if keys is not None else set(), inside))
        if not joins:
            return True
        if len(joins) == 1:
            at, keys, inside = joins[0]
            if isinstance(keys, set):
                fixed = keys
                if inside:
                    return lambda row, label: (row[at] or "") in fixed
                return lambda row, label: (row[at] or "") not in fixed

        def test(row: Cells, label: str) -> bool:
            for at, keys, inside in joins:
                found = keys if isinstance(keys, set) else keys(label)
                if ((row[at] or "") in found) is not inside:
                    return False
            return True

        return test

    def labels(self) -> list[str]:
        """Return the period labels seen, sorted."""
        return sorted(self.rows)

    def value(self, label: str, members: set[str] | None = None) -> float | None:
        """Return the value of a period, or None when it is undefined (e.g. 0/0).

        ``members`` is the population of the period (for a `ratio` with `population`).
        """
        spec, compute = self.spec, self.measure.compute
        if spec is None:
            total = self.sums.get(label)
            if compute.sum is not None:
                return total.value() if total is not None else 0.0
            return total.value() / total.count if total is not None else None
        if compute.count is not None:
            return self._count(spec, label)
        return self._ratio(spec, label, members)

    def _done(self, spec: RowFilter, label: str, among: set[str] | None = None) -> int:
        """Return how many groups have at least `at_least` matching rows (of ``among``, if given)."""
        at_least = spec.at_least or 1
        groups: Mapping[str, int] = self.groups.get(label, {})
        if among is None:
            return sum(1 for group, n in groups.items() if n >= at_least and group)
        return sum(1 for group, n in groups.items() if n >= at_least and group in among)

    def _count(self, spec: RowFilter, label: str) -> float:
        if spec.distinct is not None:
            return float(len(self.hit_values.get(label, set()) - {""}))
        if spec.group_by is not None:
            return float(self._done(spec, label))
        return float(self.hits.get(label, 0))

    def _ratio(self, spec: RowFilter, label: str, members: set[str] | None) -> float | None:
        if spec.population is not None:
            return self._done(spec, label, members) / len(members) if members else None
        if spec.group_by is not None or spec.distinct is not None:
            every = self.base_values.get(label, set()) - {""}
            if spec.group_by is not None:
                done = self._done(spec, label, every)
            else:
                done = len(self.hit_values.get(label, set()) - {""})
            return done / len(every) if every else None
        base = self.base.get(label, 0)
        return self.hits.get(label, 0) / base if base else None


def _positional(rows: list[Row]) -> tuple[list[Cells], dict[str, int]]:
    """Return rows held as dicts positional, and the position of each column."""
    table = Table(tuple(dict.fromkeys(key for row in rows for key in row)), rows)
    with table.open() as opened:
        return list(opened.rows), opened.index


def compute_value(measure: Measure, rows: list[Row], lookup: Lookup) -> float | None:
    """Return the measure's value over some rows, or None when it is undefined (e.g. 0/0).

    ``lookup`` returns the rows of another evidence file (`not_in`, `in`, `population`).
    """
    spec = measure.compute.count or measure.compute.ratio
    joins: dict[str, set[str]] = {}
    members: set[str] | None = None
    if spec is not None:
        for name, join in (("not_in", spec.not_in), ("in", spec.in_)):
            if join is not None:
                joins[name] = _keys(lookup(join.evidence), join.key or join.column, join.where)
        if spec.population is not None:
            population = spec.population
            members = _keys(lookup(population.evidence), population.key, population.where) - {""}
    tally = Tally(measure, joins.get("not_in"), joins.get("in"))
    cells, index = _positional(rows)
    add = tally.adder(index)
    tally.period("")
    for n, row in enumerate(cells):
        add("", row, n)
    return tally.value("", members)
