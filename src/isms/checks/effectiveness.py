"""Effectiveness measures meet their targets and have data for their latest period."""

from __future__ import annotations

from collections.abc import Iterator

from isms import figures
from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment
from isms.state.measures import MeasureResult, MeasureState
from isms.state.periods import label_text


def _shown(value: float, percent: bool) -> str:
    return figures.percent(value) if percent else f"{value:g}"


def _columns(result: MeasureResult, index: int) -> Iterator[Finding]:
    name = result.measure.id
    for gap in result.missing:
        has = ", ".join(gap.has)
        yield on_control(
            result.control,
            "measure-column-missing",
            Severity.ERROR,
            f"measure `{name}` names column `{gap.column}`, which evidence/{gap.file} does not have "
            f"(it has: {has}); correct the column name in the measure or in the file",
            ("measures", index, *gap.pointer),
            f"有効性指標 {name} が参照する列 {gap.column} が evidence/{gap.file} にありません（ある列: {has}）。"
            "指標かファイルの列名を直してください",
        )
    for odd in result.unknown_values:
        yield on_control(
            result.control,
            "measure-value-unknown",
            Severity.WARNING,
            f"measure `{name}`: no data file has `{odd.value}` in column `{odd.column}`; "
            "check the value's spelling (it matches no row)",
            ("measures", index, *odd.pointer),
            f"有効性指標 {name}: 列 {odd.column} に値 {odd.value} を持つデータファイルがありません。"
            "値の綴りを確認してください（どの行にも一致しません）",
        )


#: A measure's period, in Japanese.
_PERIOD_JA = {"month": "月", "quarter": "四半期", "half": "半期", "year": "年度"}


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `measure-column-missing`, `measure-value-unknown`, `measure-not-met` and `measure-no-data`."""
    del repo
    for result in ctx.measures:
        index = result.control.doc.measures.index(result.measure)
        yield from _columns(result, index)
        pointer = ("measures", index, "target")
        if result.missing:
            continue  # not computed: the missing column is the finding
        if result.state is MeasureState.NOT_MET and result.latest is not None:
            value = _shown(result.latest.value, result.target.percent)
            yield on_control(
                result.control,
                "measure-not-met",
                Severity.WARNING,
                f"measure `{result.measure.id}` is {value} in {label_text(result.latest.period, 'en')}, "
                f"target {result.measure.target}",
                pointer,
                f"有効性指標 {result.measure.id} が目標未達です（{label_text(result.latest.period, 'ja')}: {value}、"
                f"目標 {result.measure.target}）",
            )
        elif result.state is MeasureState.NO_DATA:
            why = f": {result.problem}" if result.problem else "; add this period's data to its evidence"
            yield on_control(
                result.control,
                "measure-no-data",
                Severity.WARNING,
                f"measure `{result.measure.id}` has no data for its latest {result.measure.period}{why}",
                ("measures", index, "data"),
                f"有効性指標 {result.measure.id} に直近の{_PERIOD_JA[result.measure.period]}（"
                f"{result.measure.period}）のデータがありません"
                + (
                    f"：{result.problem_ja or result.problem}"
                    if result.problem
                    else "。この期間のデータを証跡に追加してください"
                ),
            )
