"""Effectiveness measures meet their targets and have data for their latest period."""

from __future__ import annotations

from collections.abc import Iterator

from isms import figures
from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment
from isms.state.measures import MeasureState


def _shown(value: float, percent: bool) -> str:
    return figures.percent(value) if percent else f"{value:g}"


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `measure-not-met` and `measure-no-data`."""
    del repo
    for result in ctx.measures:
        index = result.control.doc.measures.index(result.measure)
        pointer = ("measures", index, "target")
        if result.state is MeasureState.NOT_MET and result.latest is not None:
            value = _shown(result.latest.value, result.target.percent)
            yield on_control(
                result.control,
                "measure-not-met",
                Severity.WARNING,
                f"measure `{result.measure.id}` is {value} in {result.latest.period}, target {result.measure.target}",
                pointer,
                f"有効性指標 {result.measure.id} が目標未達です（{value}）",
            )
        elif result.state is MeasureState.NO_DATA:
            why = f": {result.problem}" if result.problem else "; add this period's data to its evidence"
            yield on_control(
                result.control,
                "measure-no-data",
                Severity.WARNING,
                f"measure `{result.measure.id}` has no data for its latest {result.measure.period}{why}",
                ("measures", index, "data"),
            )
