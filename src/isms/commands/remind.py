"""`isms remind`: what falls due within a window, by owner (text, JSON, Markdown, iCalendar, issue plan)."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, duration, today_or_now, typed
from isms.commands.exit_codes import EXIT_OK
from isms.due import ics, issues, render
from isms.due.plan import Reminders, remind, reminders_document
from isms.errors import UsageError
from isms.gather.world import gather
from isms.loader.assemble import load_repository
from isms.model.base import Lang, Text
from isms.report import json as json_report
from isms.report.formats import Renderers
from isms.state.assessment import assess


@dataclass(frozen=True, slots=True)
class Due:
    """What the renderers of `isms remind` write: the reminders, the organisation, the language."""

    reminders: Reminders
    organisation: Text
    lang: Lang


def _text(due: Due, out: TextIO) -> None:
    out.write(render.text(due.reminders, due.lang))


def _json(due: Due, out: TextIO) -> None:
    json_report.write(reminders_document(due.reminders), out)


def _markdown(due: Due, out: TextIO) -> None:
    out.write(render.markdown(due.reminders, due.lang))


def _ics(due: Due, out: TextIO) -> None:
    reminders = due.reminders
    out.write(ics.calendar(reminders.items, reminders.today, due.organisation, due.lang).decode("utf-8"))


def _github_issues(due: Due, out: TextIO) -> None:
    json_report.write(issues.plan(due.reminders, due.lang), out)


RENDERERS: Renderers[Due] = Renderers(
    {"text": _text, "json": _json, "markdown": _markdown, "ics": _ics, "github-issues": _github_issues}
)
FORMATS = RENDERERS.formats


@dataclass(frozen=True, slots=True)
class RemindOptions:
    """The options of `isms remind`."""

    root: Path
    within: str
    today: dt.date | None
    owner: str | None
    format: str
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms remind`."""
    typed(parser, RemindOptions)
    add_root(parser)
    parser.add_argument(
        "--within",
        type=duration,
        default="30d",
        metavar="DURATION",
        help="list what falls due from now until now + DURATION, and everything overdue (default: 30d)",
    )
    add_today(parser)
    parser.add_argument("--owner", metavar="ID", help="only this owner's items (an id under `owners` in isms.yaml)")
    add_format(parser, FORMATS)
    add_lang(parser)


def run(options: RemindOptions, out: TextIO) -> int:
    """Run `isms remind`."""
    repo = load_repository(options.root).repository
    if options.owner is not None and options.owner not in repo.config.owners:
        known = ", ".join(repo.config.owners) or "none declared"
        msg = f"--owner {options.owner}: not an owner in {repo.root / 'isms.yaml'} (owners: {known})"
        ja = f"--owner {options.owner}: {repo.root / 'isms.yaml'} の責任者（owners）にありません（責任者: {known}）"
        raise UsageError(msg, ja=ja)
    day = today_or_now(options.today)
    ctx = assess(repo, day, gather(repo, day, dates_only=True), pinned=options.today is not None)
    reminders = remind(repo, ctx, options.within, options.owner, keep_empty=options.format == "github-issues")
    RENDERERS.write(options.format, Due(reminders, repo.config.organisation, options.lang), out)
    return EXIT_OK
