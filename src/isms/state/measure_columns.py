"""The columns and values a measure names, checked against the data files it reads.

A typo in a column name (`click` for `clicked`) must not flip a KPI silently: a named column that
a data file lacks is a problem of the measure, and a `where` value that no data file holds is
suspicious.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from isms.findings import Pointer
from isms.gather.data import Cells
from isms.model.control import Measure, RowFilter, Scalar, Where
from isms.state.measure_compute import cell_test, comparison


@dataclass(frozen=True, slots=True)
class ColumnUse:
    """One column a measure names.

    Attributes:
        column: The column's name.
        pointer: Where the measure names it, below the measure (e.g. ``("compute", "ratio", "where")``).
        evidence: The evidence file it must be in; None for the measure's own data files.
        values: `where` values that should occur in it (comparisons left out).
    """

    column: str
    pointer: Pointer
    evidence: str | None = None
    values: tuple[Scalar, ...] = ()


@dataclass(frozen=True, slots=True)
class MissingColumn:
    """A named column absent from a data file."""

    column: str
    file: str
    has: tuple[str, ...]
    pointer: Pointer


@dataclass(frozen=True, slots=True)
class UnknownValue:
    """A `where` value that occurs in no data file the measure reads."""

    column: str
    value: Scalar
    pointer: Pointer


def _where(where: Where | None, pointer: Pointer, evidence: str | None = None) -> Iterator[ColumnUse]:
    for column, wanted in (where or {}).items():
        options: list[Scalar] = wanted if isinstance(wanted, list) else [wanted]
        values = tuple(option for option in options if comparison(option) is None)
        yield ColumnUse(column, (*pointer, column), evidence, values)


def _row_filter(spec: RowFilter, pointer: Pointer) -> Iterator[ColumnUse]:
    yield from _where(spec.where, (*pointer, "where"))
    yield from _where(spec.of, (*pointer, "of"))
    for name, join in (("not_in", spec.not_in), ("in", spec.in_)):
        if join is not None:
            at = (*pointer, name)
            yield ColumnUse(join.column, (*at, "column"))
            yield ColumnUse(join.key or join.column, (*at, "key"), join.evidence)
            yield from _where(join.where, (*at, "where"), join.evidence)
    for name, column in (("distinct", spec.distinct), ("group_by", spec.group_by)):
        if column is not None:
            yield ColumnUse(column, (*pointer, name))
    population = spec.population
    if population is not None:
        at = (*pointer, "population")
        yield ColumnUse(population.key, (*at, "key"), population.evidence)
        if spec.group_by is None:
            yield ColumnUse(population.column or population.key, (*at, "column" if population.column else "key"))
        yield from _where(population.where, (*at, "where"), population.evidence)


def columns_named(measure: Measure) -> list[ColumnUse]:
    """Return every column the measure names, where it names it and the file it must be in."""
    uses: list[ColumnUse] = []
    if measure.date_column is not None:
        uses.append(ColumnUse(measure.date_column, ("date_column",)))
    compute = measure.compute
    for name, spec in (("count", compute.count), ("ratio", compute.ratio)):
        if spec is not None:
            uses.extend(_row_filter(spec, ("compute", name)))
    for name, column in (("sum", compute.sum), ("mean", compute.mean)):
        if column is not None:
            uses.append(ColumnUse(column, ("compute", name)))
    return uses


Probe = Callable[[Cells], bool]
"""A test of one row for a `where` value; True once the value occurred (the probe is then done)."""


class ColumnCheck:
    """The columns and `where` values a measure names, checked against its files as they are read.

    A named column that a file lacks is missing; a `where` value is unknown when no row of the
    files that have the column holds it (a list names alternatives: unknown when none occurs).
    """

    def __init__(self, measure: Measure) -> None:
        """Start with nothing read."""
        self.uses = columns_named(measure)
        self._missing: list[tuple[int, str, MissingColumn]] = []
        self._absent = [False] * len(self.uses)
        self._rows = [False] * len(self.uses)
        self._occurs = [False] * len(self.uses)

    def probes(
        self, path: str, columns: tuple[str, ...], index: Mapping[str, int], evidence: str | None
    ) -> list[Probe]:
        """Check a file's columns; return the probes its rows go through for `where` values.

        Args:
            path: The file's evidence path.
            columns: Its columns (none: an empty JSON list, which says nothing about them).
            index: The position of each column in its rows.
            evidence: The name (path or glob) it was read for, None for the measure's own data.
        """
        probes: list[Probe] = []
        if not columns:
            return probes
        for n, use in enumerate(self.uses):
            if use.evidence != evidence:
                continue
            if use.column not in columns:
                self._missing.append((n, path, MissingColumn(use.column, path, columns, use.pointer)))
                self._absent[n] = True
            elif use.values and not self._occurs[n]:
                probes.append(self._probe(n, index[use.column], cell_test(list(use.values))))
        return probes

    def _probe(self, n: int, at: int, test: Callable[[str], bool]) -> Probe:
        rows, occurs = self._rows, self._occurs

        def probe(row: Cells) -> bool:
            rows[n] = True
            if test(row[at] or ""):
                occurs[n] = True
                return True
            return False

        return probe

    def result(self) -> tuple[tuple[MissingColumn, ...], tuple[UnknownValue, ...]]:
        """Return the missing columns (by use, then file) and the unknown `where` values."""
        missing = tuple(found for _, _, found in sorted(self._missing, key=lambda entry: entry[:2]))
        unknown: list[UnknownValue] = []
        for n, use in enumerate(self.uses):
            if use.values and self._rows[n] and not self._absent[n] and not self._occurs[n]:
                unknown.extend(UnknownValue(use.column, value, use.pointer) for value in use.values)
        return missing, tuple(unknown)
