"""The columns and values a measure names, checked against the data files it reads.

A typo in a column name (`click` for `clicked`) must not flip a KPI silently: a named column that
a data file lacks is a problem of the measure, and a `where` value that no data file holds is
suspicious.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from isms.findings import Pointer
from isms.gather.data import Table
from isms.model.control import Measure, RowFilter, Scalar, Where
from isms.state.measure_compute import comparison, equal


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


def _occurs(value: Scalar, cells: set[str]) -> bool:
    return any(equal(cell, value) for cell in cells)


def check_columns(
    measure: Measure, data: dict[str, Table], other: dict[str, dict[str, Table]]
) -> tuple[tuple[MissingColumn, ...], tuple[UnknownValue, ...]]:
    """Compare what a measure names with the tables it reads.

    Args:
        measure: The measure.
        data: Its data files that exist on the as-of day, by evidence path.
        other: Other evidence files it names (`not_in`, `in`, `population`): by the name (a path or a
            glob), the files matching it by evidence path.
    """
    missing: list[MissingColumn] = []
    unknown: list[UnknownValue] = []
    for use in columns_named(measure):
        tables = data if use.evidence is None else other.get(use.evidence, {})
        cells: set[str] = set()
        absent = False
        for path, table in sorted(tables.items()):
            if not table.columns:
                continue  # an empty JSON list says nothing about its columns
            if use.column not in table.columns:
                missing.append(MissingColumn(use.column, path, table.columns, use.pointer))
                absent = True
                continue
            if use.values:
                cells.update(row.get(use.column, "") for row in table.rows)
        if absent or not cells:
            continue
        # A list names alternatives, some of which may not have happened yet (`[medium, high]`):
        # it is suspicious only when none of them occurs.
        if use.values and not any(_occurs(value, cells) for value in use.values):
            unknown.extend(UnknownValue(use.column, value, use.pointer) for value in use.values)
    return tuple(missing), tuple(unknown)
