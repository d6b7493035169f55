"""The SoA as CSV: UTF-8 with a byte order mark, so that Excel in Japanese opens it as UTF-8.

Every cell passes :func:`isms.csv_cells.safe_cell`, so no text from YAML runs as a formula.
"""

from __future__ import annotations

import csv
import io

from isms.csv_cells import safe_row
from isms.evaluation import Evaluation
from isms.export.soa import COLUMNS, build_soa, cells
from isms.model.base import Lang

BOM = "\ufeff"


def soa_csv(result: Evaluation, lang: Lang) -> str:
    """Return the SoA as CSV text, starting with the BOM.

    The header block (organisation, framework, commit, as-of date, summary) comes first as
    ``label,value`` lines, then an empty line, then the table. `isms import controls` finds the
    table's header line by its column names, so the file can be imported again.
    """
    soa = build_soa(result, lang)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    for key, value in soa.header_block():
        writer.writerow(safe_row([key, value]))
    writer.writerow([])
    writer.writerow(safe_row([column.header(lang) for column in COLUMNS]))
    for row in soa.rows:
        writer.writerow(safe_row(cells(row, lang)))
    return BOM + stream.getvalue()
