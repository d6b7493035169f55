"""Effectiveness measures (ISO/IEC 27001 clause 9.1, guideline 9): values per period against a target."""

from __future__ import annotations

import datetime as dt
import enum
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from isms.gather.facts import TableOrError
from isms.model.control import Measure
from isms.model.repository import Control, Repository
from isms.state.measure_columns import MissingColumn, UnknownValue
from isms.state.measure_scan import LaterRow, MeasureScan, Plan
from isms.state.measure_tally import compute_value
from isms.state.periods import period_end, period_of, periods_between, previous_period

__all__ = [
    "LaterRow",
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
    problem_ja: str | None = None
    """``problem`` in Japanese."""

    @property
    def key(self) -> str:
        """Return ``framework:control#measure``."""
        return f"{self.control.framework}:{self.control.id}#{self.measure.id}"


def _result(scan: MeasureScan, plan: Plan, today: dt.date) -> MeasureResult:
    """Return a measure's values per period up to ``today`` and the state of the latest, from its scan."""
    control, measure, tally = plan.control, plan.measure, plan.tally
    target = Target.parse(measure.target)
    problem = next((scan.errors[path] for path in plan.files() if path in scan.errors), None)
    if problem is not None:
        return MeasureResult(
            control, measure, target, (), MeasureState.NO_DATA, None, str(problem), problem_ja=problem.message_ja
        )
    missing, unknown = plan.columns.result()
    if missing:
        # A column the data lacks would count nothing (or everything): no value at all.
        return MeasureResult(control, measure, target, (), MeasureState.NO_DATA, None, None, missing, unknown)
    start = scan.start
    labels = set(tally.labels())
    if measure.date_column is not None and plan.first is not None:
        # A register dated D is complete up to D: periods it covers without rows had none (e.g. 0 incidents).
        last = max(scan.repo.evidence[p].date for p in plan.paths)
        labels.update(periods_between(plan.first, last, measure.period, start))
    spec = measure.compute.ratio
    population = spec.population if spec is not None else None
    values = []
    current = period_of(today, measure.period, start)
    for label in sorted(labels):
        if label > current:
            continue
        members = None
        if population is not None:
            roster = scan.roster(population.evidence, period_end(label, measure.period, start))
            members = plan.members.get(roster, set()) if roster is not None else set()
        value = tally.value(label, members)
        if value is not None and math.isfinite(value):  # a sum past the float range is no value
            values.append(PeriodValue(label, value, tally.rows.get(label, 0)))
    # The latest period is the current one if it has data yet, else the last complete one.
    wanted = {current, previous_period(today, measure.period, start)}
    latest = next((v for v in reversed(values) if v.period in wanted), None)
    if latest is None:
        state = MeasureState.NO_DATA
    else:
        state = MeasureState.MET if target.met(latest.value) else MeasureState.NOT_MET
    return MeasureResult(control, measure, target, tuple(values), state, latest, None, (), unknown, tuple(plan.later))


def evaluate_measures(
    repo: Repository, data: Mapping[str, TableOrError], today: dt.date, *, cutoff: dt.date | None = None
) -> list[MeasureResult]:
    """Compute every measure of every control as of ``today`` (rows and files after ``cutoff`` left out).

    ``data`` holds every data file a measure reads, by evidence path (`Facts.tables`): each is read
    once, streamed, for every measure that reads it (`isms.state.measure_scan`).
    """
    scan = MeasureScan(repo, data, cutoff if cutoff is not None else today)
    plans = [
        scan.add(control, measure)
        for control in sorted(repo.controls.values(), key=lambda c: c.key)
        for measure in control.doc.measures
    ]
    scan.run()
    return [_result(scan, plan, today) for plan in plans]
