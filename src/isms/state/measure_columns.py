"""The columns and values a measure names, checked against the data files it reads.

A typo in a column name (`click` for `clicked`) must not flip a KPI silently: a named column that
a data file lacks is a problem of the measure, and a `where` value that no data file holds is
suspicious.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from isms.findings import Pointer
from isms.gather.data import Table
from isms.model.control import Measure, RowFilter, Scalar, Where
from isms.state.measure_compute import equal


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
        yield ColumnUse(column, (*pointer, column), evidence, tuple(options))


def _row_filter(spec: RowFilter, pointer: Pointer) -> Iterator[ColumnUse]:
    yield from _where(spec.where, (*pointer, "where"))
    yield from _where(spec.of, (*pointer, "of"))
    if spec.not_in is not None:
        at = (*pointer, "not_in")
        yield ColumnUse(spec.not_in.column, (*at, "column"))
        yield ColumnUse(spec.not_in.key or spec.not_in.column, (*at, "key"), spec.not_in.evidence)


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
    measure: Measure, data: dict[str, Table], other: dict[str, Table]
) -> tuple[tuple[MissingColumn, ...], tuple[UnknownValue, ...]]:
    """Compare what a measure names with the tables it reads.

    Args:
        measure: The measure.
        data: Its data files that exist on the as-of day, by evidence path.
        other: Other evidence files it names (`not_in`…), by evidence path.
    """
    missing: list[MissingColumn] = []
    unknown: list[UnknownValue] = []
    for use in columns_named(measure):
        tables: Iterable[tuple[str, Table]]
        if use.evidence is None:
            tables = data.items()
        else:
            tables = [(use.evidence, other[use.evidence])] if use.evidence in other else []
        cells: set[str] = set()
        absent = False
        for path, table in sorted(tables):
            if not table.columns:
                continue  # an empty JSON list says nothing about its columns
            if use.column not in table.columns:
                missing.append(MissingColumn(use.column, path, table.columns, use.pointer))
                absent = True
                continue
            cells.update(row.get(use.column, "") for row in table.rows)
        if absent or not cells:
            continue
        unknown.extend(UnknownValue(use.column, v, use.pointer) for v in use.values if not _occurs(v, cells))
    return tuple(missing), tuple(unknown)
