"""The cycle as of a day: objectives judged from their measures, control tests from their results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from isms import figures
from isms.model.base import add_duration
from isms.model.control import ControlTest, ControlTestRun
from isms.model.cycle_records import Objective
from isms.state.measures import MeasureResult, MeasureState, Target

ObjectiveStatus = Literal["met", "not-met", "no-data"]
RunStatus = Literal["passed", "failed", "overdue", "untested"]


@dataclass(frozen=True, slots=True)
class ObjectiveMeasureResult:
    """One measure of an objective, against the objective's target."""

    ref: str
    result: MeasureResult | None
    target: Target | None
    state: MeasureState
    target_text: str | None = None

    @property
    def latest(self) -> float | None:
        """Return the latest value, if any."""
        return self.result.latest.value if self.result is not None and self.result.latest is not None else None

    @property
    def shown(self) -> str:
        """Return the latest value for people: ``5.8 %``, ``0`` or ``–``."""
        value = self.latest
        if value is None:
            return "–"
        if self.target is not None and self.target.percent:
            return figures.percent(value)
        return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    """An objective's standing: met when every measure meets its target in its latest period."""

    objective: Objective
    measures: tuple[ObjectiveMeasureResult, ...]

    @property
    def status(self) -> ObjectiveStatus:
        """Return met, not-met (a measure misses its target) or no-data."""
        states = [m.state for m in self.measures]
        if MeasureState.NOT_MET in states:
            return "not-met"
        if states and all(state == MeasureState.MET for state in states):
            return "met"
        return "no-data"


def _resolve(ref: str, by_key: dict[str, MeasureResult]) -> MeasureResult | None:
    if ref in by_key:
        return by_key[ref]
    control, _, measure = ref.partition("#")
    matches = [r for key, r in by_key.items() if key.endswith(f":{control}#{measure}")]
    return matches[0] if len(matches) == 1 else None


def evaluate_objective(objective: Objective, measures: Iterable[MeasureResult]) -> ObjectiveResult:
    """Judge an objective from the computed measures (the as-of day's)."""
    by_key = {result.key: result for result in measures}
    items = []
    for item in objective.doc.measures:
        result = _resolve(item.measure, by_key)
        target = Target.parse(item.target) if item.target else (result.target if result else None)
        state = MeasureState.NO_DATA
        if result is not None and result.latest is not None and target is not None:
            state = MeasureState.MET if target.met(result.latest.value) else MeasureState.NOT_MET
        text = item.target or (result.measure.target if result else None)
        items.append(ObjectiveMeasureResult(item.measure, result, target, state, text))
    return ObjectiveResult(objective, tuple(items))


def last_run(test: ControlTest, cutoff: dt.date) -> ControlTestRun | None:
    """Return the latest run recorded by ``cutoff``."""
    runs = [run for run in test.results if run.date <= cutoff]
    return max(runs, key=lambda run: run.date) if runs else None


def run_status(test: ControlTest, today: dt.date, cutoff: dt.date) -> RunStatus:
    """Return passed (the latest run passed, within its frequency), failed, overdue or untested."""
    run = last_run(test, cutoff)
    if run is None:
        return "untested"
    if run.result == "fail":
        return "failed"
    return "overdue" if add_duration(run.date, test.frequency) < today else "passed"
