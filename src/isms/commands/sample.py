"""`isms sample`: a reproducible sample of records for an auditor (text, JSON, CSV)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, typed, whole_number
from isms.commands.exit_codes import EXIT_OK
from isms.csv_cells import safe_row
from isms.errors import UsageError
from isms.evaluation import Evaluation, evaluate
from isms.export.csv_export import BOM
from isms.export.sample import (
    METHOD,
    POPULATIONS,
    Condition,
    Population,
    Sample,
    draw,
    population,
    sample_document,
    table_population,
)
from isms.export.xlsx_layout import display_width
from isms.gather.data import DataError, read_table
from isms.model.base import Lang
from isms.report import json as json_report
from isms.report.formats import Renderers

#: The widest a text column gets before its values are cut (with …).
TEXT_WIDTH = 40


@dataclass(frozen=True, slots=True)
class SampleOptions:
    """The options of `isms sample`."""

    root: Path
    source: str
    size: int
    seed: str
    where: tuple[str, ...]
    today: dt.date | None
    format: str
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms sample`."""
    typed(parser, SampleOptions)
    add_root(parser)
    parser.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="POPULATION",
        help=f"what to sample: {', '.join(POPULATIONS)}, or a register file (.csv or .json) in the repository, "
        "e.g. evidence/audit/corrective-actions.csv (each data row is a record)",
    )
    parser.add_argument("--size", type=whole_number, required=True, metavar="N", help="how many records to pick")
    parser.add_argument(
        "--seed",
        required=True,
        metavar="TEXT",
        help="any text, e.g. the audit's id; the same seed and population give the same sample",
    )
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="sample only records whose FIELD matches VALUE (* and ? match any text); repeat to combine",
    )
    add_today(parser)
    add_format(parser, RENDERERS.formats)
    add_lang(parser)


def _register(root: Path, source: str) -> Population:
    """Read a register file inside the repository as a population (rows keyed by line).

    Raises:
        UsageError: when the file is outside the repository, missing, or not a readable CSV/JSON table.
    """
    given = Path(source)
    path = given if given.is_absolute() else root / given
    try:
        rel = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        msg = f"--from {source}: not a file in the repository {root}; give a path inside it"
        ja = f"--from {source}: リポジトリ {root} の中のファイルではありません。リポジトリ内のパスを指定してください"
        raise UsageError(msg, ja=ja) from None
    if path.suffix.lower() not in (".csv", ".json"):
        msg = f"--from {source}: give {', '.join(POPULATIONS)}, or a register file ending in .csv or .json"
        ja = (
            f"--from {source}: {', '.join(POPULATIONS)} のいずれか、"
            "または .csv か .json の台帳ファイルを指定してください"
        )
        raise UsageError(msg, ja=ja)
    if not path.is_file():
        msg = f"--from {source}: no such file in the repository ({rel.as_posix()})"
        ja = f"--from {source}: リポジトリにそのファイルはありません（{rel.as_posix()}）"
        raise UsageError(msg, ja=ja)
    try:
        table = read_table(path)
    except DataError as exc:
        msg = f"--from {rel.as_posix()}: {exc}"
        ja = f"--from {rel.as_posix()}: 読み込めません: {exc.message_ja}"
        raise UsageError(msg, ja=ja) from None
    return table_population(rel.as_posix(), table.columns, table.rows, table.lines)


def build(result: Evaluation, options: SampleOptions) -> Sample:
    """Return the sample the options ask for, from the evaluated repository."""
    conditions = [Condition.parse(text) for text in options.where]
    if options.source in POPULATIONS:
        found = population(result, options.source, options.lang)
    else:
        found = _register(result.repository.root, options.source)
    ctx = result.assessment
    return draw(
        found,
        seed=options.seed,
        size=options.size,
        where=conditions,
        as_of=ctx.today.isoformat(),
        commit=ctx.history.head,
    )


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    while display_width(flat) > TEXT_WIDTH:
        flat = flat[:-2] + "…"
    return flat


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _heading(sample: Sample, lang: Lang) -> list[str]:
    """Return the lines saying what was sampled, how, and from how many records."""
    where = " and ".join(f"{c.field}={c.pattern}" for c in sample.where)
    if lang == "ja":
        commit = f"、コミット {sample.commit[:10]}" if sample.commit else ""
        matching = f"（{where} に一致）" if where else ""
        return [
            f"{sample.source} の抽出（{sample.as_of} 時点{commit}）",
            f"シード: {sample.seed!r}、方法: {METHOD}",
            f"母集団: {sample.population} 件{matching}（{sample.source} の全 {sample.total} 件中）、"
            f"抽出 {len(sample.picked)} 件（--size {sample.size}）",
        ]
    commit = f", commit {sample.commit[:10]}" if sample.commit else ""
    matching = f" matching {where}" if where else ""
    return [
        f"sample of {sample.source} as of {sample.as_of}{commit}",
        f"seed: {sample.seed!r}; method: {METHOD}",
        f"population: {sample.population} records{matching} (of {sample.total} in {sample.source}); "
        f"picked {len(sample.picked)} (--size {sample.size})",
    ]


def write_text(sample: Sample, out: TextIO, lang: Lang = "en") -> None:
    """Write the sample, how it was drawn and from how many records, as a table for a terminal (in ``lang``)."""
    out.write("\n".join(_heading(sample, lang)) + "\n\n")
    header = ["#", *sample.columns]
    rows = [[str(p.number), *(_cut(p.record.fields.get(c, "")) for c in sample.columns)] for p in sample.picked]
    widths = [max(display_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        out.write("  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


def write_json(sample: Sample, out: TextIO) -> None:
    """Write the sample as the JSON contract (``isms.contracts.SampleDocument``)."""
    json_report.write(sample_document(sample), out)


def write_csv(sample: Sample, out: TextIO) -> None:
    """Write the sample as CSV (UTF-8 with BOM, formula-safe cells): number, rank, then the fields."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(safe_row(["number", "rank", *sample.columns]))
    for p in sample.picked:
        writer.writerow(safe_row([str(p.number), p.rank, *(p.record.fields.get(c, "") for c in sample.columns)]))
    out.write(BOM + stream.getvalue())


def renderers(lang: Lang) -> Renderers[Sample]:
    """Return the renderers of `isms sample`, the text's headings in ``lang``."""
    return Renderers({"text": partial(write_text, lang=lang), "json": write_json, "csv": write_csv})


RENDERERS = renderers("en")


def run(options: SampleOptions, out: TextIO) -> int:
    """Run `isms sample`."""
    if options.size < 1:
        msg = f"--size {options.size}: give a number of records of 1 or more"
        ja = f"--size {options.size}: 1 以上の件数を指定してください"
        raise UsageError(msg, ja=ja)
    result = evaluate(options.root, options.today)
    renderers(options.lang).write(options.format, build(result, options), out)
    return EXIT_OK
