"""Counting a measure's rows as they stream: counters per period, never the rows.

A `Tally` keeps, per period label, the rows seen, the rows of the denominator and the matching
ones; a set or a counter only where the value needs one (distinct values, groups, a population's
members done). `compute_value` runs one over rows held in memory.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping

from isms.gather.data import Cells, Row, Table
from isms.model.control import Measure, RowFilter, Where
from isms.state.measure_compute import RowTest, cell_number, key_adder, member_column, row_test

Lookup = Callable[[str], list[Row]]
Keys = set[str] | Callable[[str], set[str]]
"""The keys of a join: one set, or a set per period label (the period's roster)."""
Add = Callable[[str, Cells, int], None]
"""Counts a row in a period: ``add(label, row, row number)``."""
JoinTest = Callable[[Cells, str], bool]
# sum() of floats is compensated from Python 3.12: a streamed sum does as the running Python's does.
_COMPENSATED = sys.version_info >= (3, 12)


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
                number = cell_number(row[at] or "")
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
