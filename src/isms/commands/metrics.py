"""`isms metrics`: coverage and effectiveness per framework, evidence health, measures."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, typed
from isms.commands.exit_codes import EXIT_OK
from isms.evaluation import evaluate
from isms.figures import percent
from isms.metrics.coverage import metrics_document
from isms.metrics.types import Metrics
from isms.model.base import Lang
from isms.report import json as json_report
from isms.report.formats import Renderers


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
    add_lang(parser)


def _percent(value: float | None) -> str:
    return percent(value).rjust(7)


def write_text(metrics: Metrics, out: TextIO) -> None:
    """Write the metrics as a table for a terminal."""
    commit = f", commit {metrics.commit[:10]}" if metrics.commit else ""
    if metrics.commit and metrics.uncommitted:
        files = len(metrics.uncommitted)
        commit += f" with uncommitted changes to {files} ISMS file{'s' if files > 1 else ''}"
    out.write(f"as of {metrics.as_of}{commit}\n\n")
    out.write(
        f"{'framework':<24} {'reqs':>5} {'appl.':>5} {'impl.':>5} {'evid.':>5} {'coverage':>9} "
        f"{'tested':>5} {'tested %':>9} {'effect.':>9}\n"
    )
    for f in metrics.frameworks:
        name = f.id
        out.write(
            f"{name:<24} {f.requirements:>5} {f.applicable:>5} {f.implemented:>5} {f.evidenced:>5} "
            f"{_percent(f.coverage):>9} {f.tested:>5} {_percent(f.tested_coverage):>9} {_percent(f.effectiveness):>9}\n"
        )
        if f.official_coverage is not None:
            out.write(
                f"  official requirements only: {percent(f.official_coverage)} "
                f"({f.official_evidenced} of {f.official_applicable} applicable evidenced; "
                "the others are paraphrased)\n"
            )
    e = metrics.evidence
    out.write(
        f"\nevidence: {e['total']} total, {e['current']} current, {e['expiring']} expiring, {e['stale']} stale, "
        f"{e['missing']} missing, {e['tampered']} tampered"
        + (f", {e['not-yet-valid']} not yet valid" if e.get("not-yet-valid") else "")
        + "\n"
    )
    m = metrics.measures
    out.write(f"measures: {m['total']} total, {m['met']} met, {m['not_met']} not met, {m['no_data']} no data\n")


def write_json(metrics: Metrics, out: TextIO) -> None:
    """Write the metrics as the JSON contract (``isms.contracts.MetricsDocument``)."""
    json_report.write(metrics_document(metrics), out)


RENDERERS: Renderers[Metrics] = Renderers({"text": write_text, "json": write_json})


def run(options: MetricsOptions, out: TextIO) -> int:
    """Run `isms metrics`."""
    result = evaluate(options.root, options.today)
    RENDERERS.write(options.format, result.metrics, out)
    return EXIT_OK
