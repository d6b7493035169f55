"""Peak memory of the worst-case `isms import`: the largest workbook and CSV the limits allow.

    python benchmarks/bench_import_memory.py [--scale 1.0] [--kinds csv,xlsx] [--work DIR]

The limits (src/isms/files.py, README "Limits") bound what an import reads: 32 MiB on disk, a
workbook's parts 256 MiB unzipped, a sheet's used range 100,000 rows by 1,000 columns. The worst
case for memory is the most cells those limits admit, each small and distinct (one Python object
per cell), so this writes, just under the limits (times ``--scale``):

- ``csv``: a UTF-8 CSV of 32 MiB: rows of 1,000 three-character cells (about 8.4 million cells);
- ``xlsx``: a workbook of 100,000 rows of numeric cells, as many columns as fit in 256 MiB
  unzipped and 32 MiB on disk (about 8 million cells);

and runs `isms import controls FILE --dry-run` on each in a fresh process (against a minimal
ISMS: the rows are not requirements, so the import reads the whole sheet and then refuses it with
exit 1), reporting wall time and the peak resident set (``ru_maxrss`` of that process alone).
Issue #18 asks for the figure; before the limits a 30 KB workbook reached 6 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from isms.files import MAX_SHEET_FILE_BYTES, MAX_SHEET_ROWS, MAX_UNZIPPED_BYTES, MIB

CONFIG = "organisation: {ja: ベンチ, en: Bench}\nframeworks: [bench]\nowners:\n  ciso: {name: CISO}\n"
CATALOG = (
    "framework: {id: bench, name: {ja: ベンチ, en: Bench}, version: '1'}\n"
    "requirements:\n  - {id: '1', title: {ja: 一, en: One}}\n"
)
HEADER = "id,title,applicable,status,reasons,justification,implementation,owner\n"


def minimal_isms(root: Path) -> None:
    (root / "catalogs").mkdir(parents=True, exist_ok=True)
    (root / "controls").mkdir(exist_ok=True)
    (root / "isms.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "catalogs" / "bench.yaml").write_text(CATALOG, encoding="utf-8")


def write_csv(path: Path, budget: int) -> int:
    """Write rows of 1,000 distinct-looking 3-character cells up to ``budget`` bytes; return the cells."""
    columns = 1000
    cells = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        size = len(HEADER)
        row = 0
        while True:
            line = ",".join(f"{(row * columns + c) % 46656:03x}"[-3:] for c in range(columns)) + "\n"
            if size + len(line) > budget:
                break
            out.write(line)
            size += len(line)
            cells += columns
            row += 1
    return cells


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="SoA" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def _rows(rows: int, columns: int) -> Iterator[bytes]:
    names = [_column(c) for c in range(columns)]
    header = "".join(
        f'<c r="{names[c]}1" t="inlineStr"><is><t>{h}</t></is></c>' for c, h in enumerate(HEADER.strip().split(","))
    )
    yield f'<row r="1">{header}</row>'.encode()
    for r in range(2, rows + 1):
        cells = "".join(f'<c r="{names[c]}{r}"><v>{(r * columns + c) % 997}</v></c>' for c in range(columns))
        yield f'<row r="{r}">{cells}</row>'.encode()


def _write_zip(path: Path, rows: int, columns: int) -> tuple[int, int]:
    """Write the workbook; return (bytes unzipped, bytes on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.encode())
            for chunk in _rows(rows, columns):
                sheet.write(chunk)
            sheet.write(SHEET_TAIL.encode())
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist()), path.stat().st_size


def write_xlsx(path: Path, unzipped_budget: int, disk_budget: int, rows: int) -> int:
    """Write a one-sheet workbook of ``rows`` rows within both budgets, as wide as they allow."""
    sample = sum(len(chunk) for chunk in _rows(11, 10)) / 10  # bytes per row of 10 columns, roughly
    fixed = sum(len(text) for text in PARTS.values()) + len(SHEET_HEAD) + len(SHEET_TAIL)
    columns = max(8, int((unzipped_budget - fixed) / rows / (sample / 10) * 0.97))
    while True:
        unzipped, disk = _write_zip(path, rows, columns)
        if unzipped <= unzipped_budget and disk <= disk_budget:
            return (rows - 1) * columns
        if columns <= 8:
            sys.exit(f"{path}: {unzipped:,} bytes unzipped, {disk:,} on disk: over a limit")
        columns = max(8, int(columns * min(unzipped_budget / unzipped, disk_budget / disk) * 0.99))


def run_import(root: Path, sheet: Path) -> tuple[float, int, int]:
    """Run the import in a fresh process; return (seconds, peak RSS in KiB, exit code)."""
    argv = [sys.executable, "-m", "isms", "import", "controls", str(sheet), "--dry-run", "--root", str(root)]
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    message = child.stderr.read().decode("utf-8", "replace").strip().splitlines() if child.stderr else []
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"isms import failed with exit code {code}: {message[-1] if message else ''}")
    return time.perf_counter() - start, usage.ru_maxrss, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the limits to fill (default 1)")
    parser.add_argument("--kinds", default="csv,xlsx")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "isms-bench-import")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    root = args.work / "isms"
    minimal_isms(root)
    kinds = args.kinds.split(",")
    print(f"{'file':<6} {'on disk':>10} {'cells':>12} {'seconds':>8} {'peak RSS':>10} exit")
    if "csv" in kinds:
        sheet = args.work / f"worst-{args.scale}.csv"
        cells = write_csv(sheet, int((MAX_SHEET_FILE_BYTES - 1024) * args.scale))
        seconds, peak, code = run_import(root, sheet)
        size = sheet.stat().st_size / MIB
        print(f"{'csv':<6} {size:>6.1f} MiB {cells:>12,} {seconds:>8.1f} {peak / 1024:>6.0f} MiB {code}")
    if "xlsx" in kinds:
        sheet = args.work / f"worst-{args.scale}.xlsx"
        rows = max(100, int(MAX_SHEET_ROWS * args.scale))
        budgets = (int((MAX_UNZIPPED_BYTES - MIB) * args.scale), int((MAX_SHEET_FILE_BYTES - MIB) * args.scale))
        cells = write_xlsx(sheet, *budgets, rows)
        seconds, peak, code = run_import(root, sheet)
        size = sheet.stat().st_size / MIB
        print(f"{'xlsx':<6} {size:>6.1f} MiB {cells:>12,} {seconds:>8.1f} {peak / 1024:>6.0f} MiB {code}")


if __name__ == "__main__":
    main()
