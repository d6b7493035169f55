"""Effectiveness measures (ISO/IEC 27001 clause 9.1, guideline 9): values per period against a target."""

from __future__ import annotations

import datetime as dt
import enum
import fnmatch
import math
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from isms.gather.data import DataError, Row, Table
from isms.gather.facts import TableOrError
from isms.model.control import Measure
from isms.model.repository import Control, Repository
from isms.state.measure_columns import MissingColumn, UnknownValue, check_columns, columns_named
from isms.state.measure_compute import compute_value
from isms.state.periods import period_end, period_of, periods_between, previous_period

__all__ = [
    "MeasureEngine",
    "MeasureResult",
    "MeasureState",
    "Target",
    "compute_value",
    "evaluate_measures",
    "period_end",
    "period_of",
    "periods_between",
    "previous_period",
]

_TARGET = re.compile(r"^(>=|<=|==|=|>|<)\s*(-?\d+(?:\.\d+)?)\s*(%?)$")
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "=": operator.eq,
    ">": operator.gt,
    "<": operator.lt,
}


class MeasureState(enum.Enum):
    """The standing of a measure in its latest period."""

    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target such as ``>= 95%``."""

    op: str
    value: float
    percent: bool

    @classmethod
    def parse(cls, text: str) -> Target:
        """Parse a target; the model has already checked its shape."""
        match = _TARGET.match(text.strip())
        if match is None:
            msg = f"not a target: {text!r}"
            raise ValueError(msg)
        percent = match.group(3) == "%"
        value = float(match.group(2)) / (100 if percent else 1)
        return cls(match.group(1), value, percent)

    def met(self, value: float) -> bool:
        """Return True when ``value`` meets the target (with a tolerance for float noise)."""
        if self.op in ("==", "="):
            return abs(value - self.value) < 1e-9
        if self.op == ">=":
            return value >= self.value - 1e-9
        if self.op == "<=":
            return value <= self.value + 1e-9
        return _OPS[self.op](value, self.value)


@dataclass(frozen=True, slots=True)
class PeriodValue:
    """A measure's value in one period."""

    period: str
    value: float
    rows: int


@dataclass(frozen=True, slots=True)
class LaterRow:
    """A data row dated after the cutoff: not read (and, on the real current date, an error)."""

    file: str
    line: int | None
    index: int
    column: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """A measure computed: its trend and its standing."""

    control: Control
    measure: Measure
    target: Target
    values: tuple[PeriodValue, ...]
    state: MeasureState
    latest: PeriodValue | None
    problem: str | None = None
    missing: tuple[MissingColumn, ...] = ()
    unknown_values: tuple[UnknownValue, ...] = ()
    later: tuple[LaterRow, ...] = ()

    @property
    def key(self) -> str:
        """Return ``framework:control#measure``."""
        return f"{self.control.framework}:{self.control.id}#{self.measure.id}"


class MeasureEngine:
    """Computes measures, reading each data file at most once."""

    def __init__(self, repo: Repository, data: Mapping[str, TableOrError], cutoff: dt.date | None = None) -> None:
        """Prepare to compute from the gathered tables; files dated after ``cutoff`` did not exist yet."""
        self.repo = repo
        self.data = data
        self.cutoff = cutoff
        self._later: list[LaterRow] = []
        self.start = repo.config.fiscal_year_start

    def _exists(self, evidence_path: str) -> bool:
        item = self.repo.evidence.get(evidence_path)
        return item is not None and (self.cutoff is None or item.date <= self.cutoff)

    def table(self, evidence_path: str) -> Table:
        """Return the columns and rows of a declared evidence file, as gathered (`Facts.tables`).

        A file dated after the cutoff, or kept in a store, has neither.

        Raises:
            DataError: when the file cannot be read as a table.
        """
        item = self.repo.evidence.get(evidence_path)
        if item is None or item.in_store or not self._exists(evidence_path):
            return Table((), [])
        found = self.data.get(evidence_path, Table((), []))
        if isinstance(found, DataError):
            raise found
        return found

    def rows(self, evidence_path: str) -> list[Row]:
        """Return the rows of a declared evidence file; none for a file dated after the cutoff."""
        return self.table(evidence_path).rows

    def _paths(self, measure: Measure) -> list[str]:
        return sorted(
            {
                p
                for pattern in measure.data
                for p in self.repo.evidence
                if fnmatch.fnmatchcase(p, pattern) and self._exists(p)
            }
        )

    def _columns(self, measure: Measure) -> tuple[tuple[MissingColumn, ...], tuple[UnknownValue, ...]]:
        data = {path: self.table(path) for path in self._paths(measure)}
        others = {use.evidence for use in columns_named(measure) if use.evidence is not None}
        other = {name: {path: self.table(path) for path in self._matching(name)} for name in sorted(others)}
        return check_columns(measure, data, other)

    def _matching(self, pattern: str) -> list[str]:
        return sorted(p for p in self.repo.evidence if fnmatch.fnmatchcase(p, pattern) and self._exists(p))

    def _roster(self, pattern: str, end: dt.date) -> str | None:
        """Return the population file for a period: the newest matching one dated by the period's end."""
        dated = [(self.repo.evidence[p].date, p) for p in self._matching(pattern)]
        before = [entry for entry in dated if entry[0] <= end]
        return max(before)[1] if before else None

    def _lookup(self, measure: Measure, label: str) -> Callable[[str], list[Row]]:
        """Return how a period's computation reads other files (its population is the period's roster)."""
        spec = measure.compute.ratio
        if spec is None or spec.population is None:
            return self.rows
        pattern = spec.population.evidence
        roster = self._roster(pattern, period_end(label, measure.period, self.start))

        def lookup(path: str) -> list[Row]:
            if path == pattern:
                return self.rows(roster) if roster is not None else []
            return self.rows(path)

        return lookup

    def _periods(self, measure: Measure) -> dict[str, list[Row]]:
        paths = self._paths(measure)
        grouped: dict[str, list[Row]] = defaultdict(list)
        days: list[dt.date] = []
        for path in paths:
            rows = self.rows(path)
            if measure.date_column is None:
                grouped[period_of(self.repo.evidence[path].date, measure.period, self.start)].extend(rows)
                continue
            days.append(self.repo.evidence[path].date)
            table = self.table(path)
            for index, row in enumerate(rows):
                try:
                    day = dt.date.fromisoformat(row.get(measure.date_column, "")[:10])
                except ValueError:
                    continue
                if self.cutoff is not None and day > self.cutoff:
                    # recorded after the as-of day: not read
                    file = self.repo.evidence[path].file
                    self._later.append(LaterRow(file, table.line(index), index, measure.date_column, day))
                    continue
                days.append(day)
                grouped[period_of(day, measure.period, self.start)].append(row)
        if measure.date_column is not None and days:
            # A register dated D is complete up to D: periods it covers without rows had none (e.g. 0 incidents).
            last = max(self.repo.evidence[p].date for p in paths)
            for label in periods_between(min(days), last, measure.period, self.start):
                grouped.setdefault(label, [])
        return grouped

    def evaluate(self, control: Control, measure: Measure, today: dt.date) -> MeasureResult:
        """Compute one measure as of ``today``: values per period up to today, state of the latest."""
        target = Target.parse(measure.target)
        try:
            missing, unknown = self._columns(measure)
            if missing:
                # A column the data lacks would count nothing (or everything): no value at all.
                return MeasureResult(control, measure, target, (), MeasureState.NO_DATA, None, None, missing, unknown)
            self._later = []
            grouped = self._periods(measure)
            later = tuple(self._later)
            values = []
            current = period_of(today, measure.period, self.start)
            for label in sorted(grouped):
                if label > current:
                    continue
                value = compute_value(measure, grouped[label], self._lookup(measure, label))
                if value is not None and math.isfinite(value):  # a sum past the float range is no value
                    values.append(PeriodValue(label, value, len(grouped[label])))
        except DataError as exc:
            return MeasureResult(control, measure, target, (), MeasureState.NO_DATA, None, str(exc))
        # The latest period is the current one if it has data yet, else the last complete one.
        wanted = {current, previous_period(today, measure.period, self.start)}
        latest = next((v for v in reversed(values) if v.period in wanted), None)
        if latest is None:
            state = MeasureState.NO_DATA
        else:
            state = MeasureState.MET if target.met(latest.value) else MeasureState.NOT_MET
        return MeasureResult(control, measure, target, tuple(values), state, latest, None, (), unknown, later)


def evaluate_measures(
    repo: Repository, data: Mapping[str, TableOrError], today: dt.date, *, cutoff: dt.date | None = None
) -> list[MeasureResult]:
    """Compute every measure of every control as of ``today`` (rows and files after ``cutoff`` left out).

    ``data`` holds the table of every data file a measure reads, by evidence path (`Facts.tables`).
    """
    engine = MeasureEngine(repo, data, cutoff if cutoff is not None else today)
    return [
        engine.evaluate(control, measure, today)
        for control in sorted(repo.controls.values(), key=lambda c: c.key)
        for measure in control.doc.measures
    ]
