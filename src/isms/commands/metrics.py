"""`isms metrics`: coverage and effectiveness per framework, evidence health, measures."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_root, add_terminal_lang, add_today, typed
from isms.commands.exit_codes import EXIT_OK
from isms.evaluation import evaluate
from isms.export.xlsx_layout import display_width
from isms.figures import percent
from isms.metrics.coverage import metrics_document
from isms.metrics.types import FrameworkCoverage, Metrics
from isms.model.base import Lang
from isms.report import json as json_report
from isms.report.formats import Renderers
from isms.vocabulary import EVIDENCE_STATE, MEASURE_RESULT, UNCOMMITTED, Words, word


@dataclass(frozen=True, slots=True)
class MetricsOptions:
    """The options of `isms metrics`."""

    root: Path
    format: str
    today: dt.date | None
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms metrics`."""
    typed(parser, MetricsOptions)
    add_root(parser)
    add_format(parser, RENDERERS.formats)
    add_today(parser)
    add_terminal_lang(parser)


def _percent(value: float | None) -> str:
    return percent(value).rjust(7)


HEADINGS: dict[Lang, tuple[str, ...]] = {
    "en": ("framework", "reqs", "appl.", "impl.", "evid.", "coverage", "tested", "tested %", "effect."),
    "ja": ("フレームワーク", "要求", "適用", "実施", "証跡", "カバー率", "試験", "試験済率", "有効性"),
}
WIDTHS = (24, 5, 5, 5, 5, 9, 5, 9, 9)


def _row(cells: tuple[str, ...]) -> str:
    """Return one table row: the first cell left-aligned, the others right-aligned (by display width)."""
    first, *rest = cells
    parts = [first + " " * max(WIDTHS[0] - display_width(first), 0)]
    parts += [" " * max(width - display_width(cell), 0) + cell for cell, width in zip(rest, WIDTHS[1:], strict=True)]
    return " ".join(parts)


def _heading(metrics: Metrics, lang: Lang) -> str:
    files = len(metrics.uncommitted) if metrics.commit else 0
    if lang == "ja":
        commit = f"、コミット {metrics.commit[:10]}" if metrics.commit else ""
        if files:
            commit += f"（ISMS ファイル {files} 件に{word(UNCOMMITTED, lang)}）"
        return f"{metrics.as_of} 時点{commit}"
    commit = f", commit {metrics.commit[:10]}" if metrics.commit else ""
    if files:
        commit += f" {word(UNCOMMITTED, lang)} to {files} ISMS file{'s' if files > 1 else ''}"
    return f"as of {metrics.as_of}{commit}"


def _official(f: FrameworkCoverage, lang: Lang) -> str:
    if lang == "ja":
        return (
            f"  公式の要求事項のみ: {percent(f.official_coverage)}"
            f"（適用 {f.official_applicable} 件中 {f.official_evidenced} 件に証跡あり。ほかは要約による要求事項）"
        )
    return (
        f"  official requirements only: {percent(f.official_coverage)} "
        f"({f.official_evidenced} of {f.official_applicable} applicable evidenced; the others are paraphrased)"
    )


#: The evidence states the totals line counts, in order (``not-yet-valid`` only when there is one).
_TOTAL_STATES = ("current", "expiring", "stale", "missing", "tampered", "not-yet-valid")


def _counted(counts: dict[str, int], keys: tuple[str, ...], words: dict[str, Words], lang: Lang) -> str:
    """Return ``有効 3、期限間近 1`` / ``3 current, 1 expiring``: each count with its `isms.vocabulary` word."""
    if lang == "ja":
        return "、".join(f"{word(words[key], lang)} {counts[key]}" for key in keys)
    return ", ".join(f"{counts[key]} {word(words[key], lang)}" for key in keys)


def _totals(metrics: Metrics, lang: Lang) -> list[str]:
    e, m = metrics.evidence, metrics.measures
    states = tuple(s for s in _TOTAL_STATES if s != "not-yet-valid" or e.get(s))
    evidence = _counted(e, states, EVIDENCE_STATE, lang)
    measures = _counted(m, tuple(MEASURE_RESULT), MEASURE_RESULT, lang)
    if lang == "ja":
        return [f"証跡: 計 {e['total']} 件、{evidence}", f"有効性指標: 計 {m['total']} 件、{measures}"]
    return [f"evidence: {e['total']} total, {evidence}", f"measures: {m['total']} total, {measures}"]


def write_text(metrics: Metrics, out: TextIO, lang: Lang = "en") -> None:
    """Write the metrics as a table for a terminal, in ``lang``."""
    out.write(_heading(metrics, lang) + "\n\n")
    out.write(_row(HEADINGS[lang]) + "\n")
    for f in metrics.frameworks:
        cells = (f.id, *(str(n) for n in (f.requirements, f.applicable, f.implemented, f.evidenced)))
        cells += (_percent(f.coverage), str(f.tested), _percent(f.tested_coverage), _percent(f.effectiveness))
        out.write(_row(cells) + "\n")
        if f.official_coverage is not None:
            out.write(_official(f, lang) + "\n")
    out.write("\n" + "\n".join(_totals(metrics, lang)) + "\n")


def write_json(metrics: Metrics, out: TextIO) -> None:
    """Write the metrics as the JSON contract (``isms.contracts.MetricsDocument``)."""
    json_report.write(metrics_document(metrics), out)


def renderers(lang: Lang) -> Renderers[Metrics]:
    """Return the renderers of `isms metrics`, the text in ``lang`` (the JSON carries no words)."""
    return Renderers({"text": partial(write_text, lang=lang), "json": write_json})


RENDERERS = renderers("en")


def run(options: MetricsOptions, out: TextIO) -> int:
    """Run `isms metrics`."""
    result = evaluate(options.root, options.today)
    renderers(options.lang).write(options.format, result.metrics, out)
    return EXIT_OK
