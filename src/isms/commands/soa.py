"""`isms soa`: the Statement of Applicability as an Excel workbook, CSV or Markdown."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, nonempty_path, settle, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.errors import UsageError
from isms.evaluation import evaluate
from isms.export.csv_export import CSV_TABLES, CsvTable, soa_csv
from isms.export.markdown import soa_markdown
from isms.export.targets import check_file_target, check_not_sources
from isms.export.xlsx import write_bytes_atomically, write_soa_xlsx
from isms.model.base import Lang

DEFAULT_XLSX = Path("soa.xlsx")


@dataclass(frozen=True, slots=True)
class SoaOptions:
    """The options of `isms soa`."""

    messages: Lang

    root: Path
    format: Literal["xlsx", "csv", "md"]
    out: Path | None
    force: bool
    today: dt.date | None
    lang: Lang
    table: CsvTable


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms soa`."""
    typed(parser, SoaOptions)
    add_root(parser)
    add_format(parser, ("xlsx", "csv", "md"))
    parser.add_argument(
        "--out",
        type=nonempty_path,
        default=None,
        metavar="FILE",
        help=f"file to write (default: {DEFAULT_XLSX} for xlsx, standard output for csv and md)",
    )
    parser.add_argument(
        "--force", action="store_true", help="allow --out inside a source folder (never over a file isms reads)"
    )
    add_today(parser)
    add_lang(parser)
    parser.add_argument(
        "--table",
        choices=CSV_TABLES,
        default="soa",
        help="with --format csv, which part of the SoA (a CSV file holds one table): soa (the default; "
        "`isms import controls` reads it back), additional (the organisation's own controls, soa.additional) "
        "or history (the changes from git); the workbook and Markdown hold every part",
    )


def run(options: SoaOptions, out: TextIO) -> int:
    """Run `isms soa`."""
    if options.table != "soa" and options.format != "csv":
        msg = f"--table {options.table}: only with --format csv; the {options.format} SoA holds every part"
        ja = (
            f"--table {options.table}: --format csv のときだけ使えます。"
            f"{options.format} の SoA にはすべての部分が入っています"
        )
        raise UsageError(msg, ja=ja)
    target = options.out
    if target is not None and str(target) == "-":
        if options.format == "xlsx":
            msg = "--out -: a workbook is binary; write it to a file (e.g. --out soa.xlsx)"
            ja = "--out -: ワークブックはバイナリです。ファイルに書き出してください（例: --out soa.xlsx）"
            raise UsageError(msg, ja=ja)
        target = None
    written = target or (DEFAULT_XLSX if options.format == "xlsx" else None)
    if written is not None:
        check_file_target(written)
        check_not_sources(options.root, [written], force=options.force)
    result = evaluate(options.root, options.today)
    settle()
    if options.format == "xlsx":
        path = target or DEFAULT_XLSX
        write_soa_xlsx(result, path, options.lang)
        out.write(say("wrote_as_of", options.messages, path=path, day=result.assessment.today.isoformat()) + "\n")
        return EXIT_OK
    if options.format == "csv":
        text = soa_csv(result, options.lang, options.table)
    else:
        text = soa_markdown(result, options.lang)
    if target is None:
        out.write(text)
    else:
        write_bytes_atomically(target, text.encode("utf-8"))
        out.write(say("wrote_as_of", options.messages, path=target, day=result.assessment.today.isoformat()) + "\n")
    return EXIT_OK
