"""Options shared by several subcommands, parsed into typed values at the CLI edge.

Every (sub)parser declares, with ``typed(parser, Options)``, the frozen dataclass its values become:
the CLI builds it from the parsed values by field name, and the command's ``run(options, out)``
reads only typed fields, never the ``argparse.Namespace``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
from pathlib import Path

from isms.language import terminal_lang
from isms.model.base import add_duration


def add_root(parser: argparse.ArgumentParser) -> None:
    """Add ``--root DIR``."""
    parser.add_argument(
        "--root",
        type=nonempty_path,
        default=Path(),
        metavar="DIR",
        help="the ISMS repository (default: the current directory)",
    )


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...]) -> None:
    """Add ``--format``; the first choice is the default."""
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format (default: %(default)s)")


def iso_date(value: str) -> dt.date:
    """Parse a YYYY-MM-DD option value (argparse `type=`).

    The option values' errors are English here; argparse puts them after the option's name, and
    the CLI prints them in the language of messages (the Japanese: `isms.cli.usage_ja`).
    """
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"not a date: {value!r} (write YYYY-MM-DD)"
        raise argparse.ArgumentTypeError(msg) from None


def duration(value: str) -> str:
    """Parse a duration such as ``30d``, ``6w``, ``3m``, ``1y`` (argparse `type=`)."""
    try:
        add_duration(dt.date(2000, 1, 1), value)
    except ValueError:
        msg = f"not a duration: {value!r} (write a number and a unit: 30d, 6w, 3m or 1y)"
        raise argparse.ArgumentTypeError(msg) from None
    return value.strip()


def host_port(value: str) -> str:
    """Parse ``HOST:PORT`` with a port from 1 to 65535 (argparse `type=`)."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        msg = f"not an address: {value!r} (write HOST:PORT, e.g. 127.0.0.1:8000)"
        raise argparse.ArgumentTypeError(msg)
    return value


def nonempty_path(value: str) -> Path:
    """Parse a file or folder option (argparse `type=`): any text but an empty one.

    ``Path("")`` is the current directory, so ``--out ""`` (an unset shell variable) would have
    written into it and ``--root ""`` read it, as if ``.`` had been typed.
    """
    if not value:
        msg = "an empty path (write a file or folder, e.g. . for the current directory)"
        raise argparse.ArgumentTypeError(msg)
    return Path(value)


def whole_number(value: str) -> int:
    """Parse a number of 0 or more (argparse `type=`); the command says when 0 is too few."""
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        msg = f"not a whole number: {value!r} (write a number: 0, 1, 2…)"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def add_today(parser: argparse.ArgumentParser) -> None:
    """Add ``--today YYYY-MM-DD``."""
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate as of this date (default: today, UTC)",
    )


def today_or_now(day: dt.date | None) -> dt.date:
    """Return ``day`` (``--today``) or, when it was not given, the current UTC date."""
    return day if day is not None else dt.datetime.now(tz=dt.UTC).date()


def typed(parser: argparse.ArgumentParser, options: type[object]) -> None:
    """Declare the frozen dataclass the CLI builds from this parser's values (its fields are option dests).

    Every parser also gives ``messages``, the terminal's language (`terminal_lang`), to an options
    class with a ``messages: Lang`` field: the language of the command's summary lines (``wrote …``,
    ``site built in …``), whatever the language of the document it writes (``--lang``).
    """
    parser.set_defaults(options=options, messages=terminal_lang(os.environ))


def add_lang(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang ja|en`` for a document (site, workbook, export…): Japanese unless asked."""
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the output (default: ja)")


def add_terminal_lang(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang ja|en`` for messages read in a terminal (findings, summaries): the locale's by default."""
    default = terminal_lang(os.environ)
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=default,
        help="language of the messages (default: the locale's, here %(default)s; or set ISMS_LANG=ja|en)",
    )
    parser.set_defaults(lang_of_messages=True)


def settle() -> None:
    """Move every object made so far out of the garbage collector's scans (``gc.freeze``).

    Call it once an evaluation is built and is to be kept until the process ends. Writing an
    output from it allocates hundreds of thousands of small objects; every collection then
    traversed the whole evaluation too, about half of what the SoA workbook and the OSCAL
    documents cost at 1,000 controls. Frozen objects are still freed when the process exits.
    """
    gc.freeze()
