"""`isms remind`: what falls due within a window, by owner (text, JSON, Markdown, iCalendar, issue plan)."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, today_or_now, typed
from isms.commands.exit_codes import EXIT_OK
from isms.due import ics, issues, render
from isms.due.plan import remind, reminders_document
from isms.errors import UsageError
from isms.gather.world import gather
from isms.loader.assemble import load_repository
from isms.model.base import Lang, add_duration
from isms.report import json as json_report
from isms.state.assessment import assess

FORMATS = ("text", "json", "markdown", "ics", "github-issues")


def duration(value: str) -> str:
    """Parse a window such as ``30d``, ``6w``, ``3m``, ``1y`` (argparse `type=`)."""
    try:
        add_duration(dt.date(2000, 1, 1), value)
    except ValueError:
        msg = f"not a duration: {value!r} (write a number and a unit: 30d, 6w, 3m or 1y)"
        raise argparse.ArgumentTypeError(msg) from None
    return value.strip()


@dataclass(frozen=True, slots=True)
class RemindOptions:
    """The options of `isms remind`."""

    root: Path
    within: str
    today: dt.date | None
    owner: str | None
    format: Literal["text", "json", "markdown", "ics", "github-issues"]
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
        raise UsageError(msg)
    day = today_or_now(options.today)
    ctx = assess(repo, day, gather(repo, day))
    reminders = remind(repo, ctx, options.within, options.owner, keep_empty=options.format == "github-issues")
    lang = options.lang
    if options.format == "json":
        json_report.write(reminders_document(reminders), out)
    elif options.format == "github-issues":
        json_report.write(issues.plan(reminders, lang), out)
    elif options.format == "markdown":
        out.write(render.markdown(reminders, lang))
    elif options.format == "ics":
        out.write(ics.calendar(reminders.items, ctx.today, repo.config.organisation, lang).decode("utf-8"))
    else:
        out.write(render.text(reminders, lang))
    return EXIT_OK
