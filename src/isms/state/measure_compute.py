"""The compute language of a measure: which rows count, and the value they give. No code from the data is run."""

from __future__ import annotations

from collections.abc import Callable

from isms.gather.data import Row
from isms.model.control import Measure, RowFilter, Scalar, Where


def _matches(row: Row, where: Where) -> bool:
    for column, wanted in where.items():
        cell = row.get(column)
        if cell is None:
            return False
        options: list[Scalar] = wanted if isinstance(wanted, list) else [wanted]
        if not any(equal(cell, option) for option in options):
            return False
    return True


def equal(cell: str, option: Scalar) -> bool:
    if isinstance(option, bool):
        return cell.lower() in (("true", "yes", "1") if option else ("false", "no", "0"))
    if isinstance(option, int | float):
        try:
            return float(cell) == float(option)
        except ValueError:
            return False
    return cell == option


def _numbers(rows: list[Row], column: str) -> list[float]:
    values = []
    for row in rows:
        try:
            values.append(float(row.get(column, "")))
        except ValueError:
            continue
    return values


def _not_in(rows: list[Row], spec: RowFilter, lookup: Callable[[str], list[Row]]) -> list[Row]:
    if spec.not_in is None:
        return rows
    key = spec.not_in.key or spec.not_in.column
    known = {row.get(key, "") for row in lookup(spec.not_in.evidence)}
    return [row for row in rows if row.get(spec.not_in.column, "") not in known]


def compute_value(measure: Measure, rows: list[Row], lookup: Callable[[str], list[Row]]) -> float | None:
    """Return the measure's value over some rows, or None when it is undefined (e.g. 0/0)."""
    compute = measure.compute
    if compute.count is not None:
        spec = compute.count
        return float(len(_not_in([r for r in rows if _matches(r, spec.where)], spec, lookup)))
    if compute.ratio is not None:
        spec = compute.ratio
        base = [r for r in rows if _matches(r, spec.of or {})]
        hits = _not_in([r for r in base if _matches(r, spec.where)], spec, lookup)
        return len(hits) / len(base) if base else None
    column = compute.sum or compute.mean or ""
    numbers = _numbers(rows, column)
    if compute.sum is not None:
        return float(sum(numbers))
    return sum(numbers) / len(numbers) if numbers else None
