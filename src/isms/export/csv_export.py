"""The SoA as CSV: UTF-8 with a byte order mark, so that Excel in Japanese opens it as UTF-8.

Every cell passes :func:`isms.csv_cells.safe_cell`, so no text from YAML runs as a formula. A CSV
file holds one table, so the SoA's parts are one file each (`isms soa --format csv --table`): the
table of `soa_framework` (``soa``, the default, which `isms import controls` reads back), the
organisation's own controls (``additional``) and the change history from git (``history``).
"""

from __future__ import annotations

import csv
import io
from typing import Literal

from isms.csv_cells import safe_row
from isms.evaluation import Evaluation
from isms.export.soa import COLUMNS, HISTORY_HEADERS, Soa, build_soa, cells, word
from isms.model.base import Lang

#: The parts of the SoA, one CSV table each.
CsvTable = Literal["soa", "additional", "history"]
CSV_TABLES: tuple[CsvTable, ...] = ("soa", "additional", "history")

BOM = "\ufeff"


def soa_csv(result: Evaluation, lang: Lang, table: CsvTable = "soa") -> str:
    """Return one part of the SoA as CSV text, starting with the BOM.

    The header block (organisation, version, framework, commit, as-of date, summary) comes first as
    ``label,value`` lines, then an empty line, then the table. `isms import controls` finds the
    table's header line by its column names, so the ``soa`` file can be imported again. The
    ``additional`` table has the same columns, its ids being `framework:id`; ``history`` lists the
    commits that changed the SoA (date, commit, author, change), newest first.
    """
    soa = build_soa(result, lang)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    for key, value in soa.header_block():
        writer.writerow(safe_row([key, value]))
    writer.writerow([])
    for row in _table(soa, lang, table):
        writer.writerow(safe_row(row))
    return BOM + stream.getvalue()


def _table(soa: Soa, lang: Lang, table: CsvTable) -> list[list[str]]:
    if table == "history":
        head = [word((ja, en), lang) for ja, en, _ in HISTORY_HEADERS]
        return [head, *([r.date.isoformat(), r.commit, r.author, r.subject] for r in soa.history)]
    headers = [column.header(lang) for column in COLUMNS]
    if table == "soa":
        return [headers, *(cells(row, lang) for row in soa.rows)]
    rows = [headers]
    for section in soa.additional:
        for row in section.rows:
            texts = cells(row, lang)
            texts[0] = f"{section.framework_id}:{row.id}"
            rows.append(texts)
    return rows
