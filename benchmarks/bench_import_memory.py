"""Peak memory of the worst-case `isms import`: the largest workbook and CSV the limits allow.

    python benchmarks/bench_import_memory.py [--scale 1.0] [--kinds csv,xlsx] [--work DIR]

The limits (src/isms/files.py, README "Limits") bound what an import reads: 32 MiB on disk, a
workbook's parts 32 MiB unzipped, 500,000 cells (all sheets together, or the CSV file), a sheet's
used range 100,000 rows by 1,000 columns. The worst case for memory is the most cells those limits
admit, each distinct and as long as the bytes allow (one Python object per cell), so this writes,
just under the limits (times ``--scale``):

- ``csv``: a UTF-8 CSV of 32 MiB: 500 rows of 1,000 cells of about 65 characters;
- ``xlsx``: a workbook of 50,000 rows by 10 inline-string cells of about 15 characters, 32 MiB
  unzipped (its zip far smaller);

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

from isms.files import MAX_SHEET_CELLS, MAX_SHEET_FILE_BYTES, MAX_SHEET_ROWS, MAX_UNZIPPED_BYTES, MIB

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


def _text(index: int, length: int) -> str:
    """A distinct cell text of ``length`` characters (one Python object per cell, nothing shared)."""
    return (f"{index:x}-" * length)[:length]


def write_csv(path: Path, cells: int, budget: int) -> int:
    """Write rows of 1,000 cells, about ``cells`` in all, each as long as ``budget`` bytes allow."""
    columns = 1000
    rows = max(1, (cells - len(HEADER.split(","))) // columns)
    length = max(3, budget // (rows * columns) - 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for row in range(rows):
            out.write(",".join(_text(row * columns + c, length) for c in range(columns)) + "\n")
    return rows * columns


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


def _rows(rows: int, columns: int, length: int) -> Iterator[bytes]:
    names = [_column(c) for c in range(max(columns, len(HEADER.split(","))))]
    header = "".join(
        f'<c r="{names[c]}1" t="inlineStr"><is><t>{h}</t></is></c>' for c, h in enumerate(HEADER.strip().split(","))
    )
    yield f'<row r="1">{header}</row>'.encode()
    for r in range(2, rows + 1):
        cells = "".join(
            f'<c r="{names[c]}{r}" t="inlineStr"><is><t>{_text(r * columns + c, length)}</t></is></c>'
            for c in range(columns)
        )
        yield f'<row r="{r}">{cells}</row>'.encode()


def _write_zip(path: Path, rows: int, columns: int, length: int) -> tuple[int, int]:
    """Write the workbook; return (bytes unzipped, bytes on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.encode())
            for chunk in _rows(rows, columns, length):
                sheet.write(chunk)
            sheet.write(SHEET_TAIL.encode())
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist()), path.stat().st_size


def write_xlsx(path: Path, cells: int, unzipped_budget: int, disk_budget: int, rows: int) -> int:
    """Write ``rows`` rows of about ``cells`` inline-string cells in all, each as long as the budgets allow."""
    columns = max(1, (cells - len(HEADER.split(","))) // (rows - 1))
    overhead = 50  # bytes per cell besides its text: r=, t= and the tags
    length = max(3, unzipped_budget // ((rows - 1) * columns) - overhead)
    while True:
        unzipped, disk = _write_zip(path, rows, columns, length)
        if unzipped <= unzipped_budget and disk <= disk_budget:
            return (rows - 1) * columns
        if length <= 3:
            sys.exit(f"{path}: {unzipped:,} bytes unzipped, {disk:,} on disk: over a limit")
        length = max(3, int(length * min(unzipped_budget / unzipped, disk_budget / disk) * 0.98))


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
        cells = write_csv(sheet, int(MAX_SHEET_CELLS * args.scale), int((MAX_SHEET_FILE_BYTES - MIB) * args.scale))
        seconds, peak, code = run_import(root, sheet)
        size = sheet.stat().st_size / MIB
        print(f"{'csv':<6} {size:>6.1f} MiB {cells:>12,} {seconds:>8.1f} {peak / 1024:>6.0f} MiB {code}")
    if "xlsx" in kinds:
        sheet = args.work / f"worst-{args.scale}.xlsx"
        rows = max(100, int(min(MAX_SHEET_ROWS, MAX_SHEET_CELLS // 10) * args.scale) + 1)  # 10 columns
        budgets = (int((MAX_UNZIPPED_BYTES - MIB) * args.scale), int((MAX_SHEET_FILE_BYTES - MIB) * args.scale))
        cells = write_xlsx(sheet, int(MAX_SHEET_CELLS * args.scale), *budgets, rows)
        seconds, peak, code = run_import(root, sheet)
        size = sheet.stat().st_size / MIB
        print(f"{'xlsx':<6} {size:>6.1f} MiB {cells:>12,} {seconds:>8.1f} {peak / 1024:>6.0f} MiB {code}")


if __name__ == "__main__":
    main()
