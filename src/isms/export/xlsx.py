"""The SoA as an Excel workbook (XlsxWriter): the SoA, the evidence register and the findings.

The workbook is reproducible: the same repository, commit and ``--today`` give the same bytes.
XlsxWriter stamps every zip member with 1980-01-01 when it builds the file in memory, and the
document's creation time is the as-of date (midnight UTC) instead of the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from isms.errors import IsmsError
from isms.evaluation import Evaluation
from isms.export.soa import (
    COLUMNS,
    EVIDENCE_STATE_WORDS,
    HISTORY_HEADERS,
    Soa,
    build_soa,
    cells,
    finding_message,
    label,
    word,
)
from isms.export.xlsx_layout import layout, print_setup
from isms.export.xlsx_sheet import Book, Sheet
from isms.model.base import Lang
from isms.model.repository import key_str
from isms.model.supplier import CRITICALITY_TITLES, KIND_TITLES
from isms.state.evidence import EvidenceStatus
from isms.vocabulary import CLASSIFICATION, GRADE, NC_SOURCE, NC_STATUS, OVERDUE, SEVERITY, SIGNATURE

EVIDENCE_HEADERS: tuple[tuple[str, str, int], ...] = (
    ("パス", "Path", 36),
    ("名称", "Title", 36),
    ("区分", "Class", 12),
    ("証跡日付", "Evidence date", 12),
    ("有効期限", "Valid until", 12),
    ("状態", "State", 12),
    ("SHA-256", "SHA-256", 20),
    ("収集者", "Collected by", 14),
    ("利用する管理策", "Used by", 30),
    ("署名・検証", "Signature / verification", 30),
)
FINDING_HEADERS: tuple[tuple[str, str, int], ...] = (
    ("重大度", "Severity", 10),
    ("ルール", "Rule", 24),
    ("場所", "Location", 36),
    ("内容", "Message", 60),
    ("管理策", "Control", 20),
)


class _Book:
    """A workbook with the formats every sheet uses.

    ``plain`` writes it with XlsxWriter's own classes, cell by cell: the same bytes, more slowly
    (what the tests compare :mod:`isms.export.xlsx_sheet` with).
    """

    def __init__(self, stream: io.BytesIO, *, plain: bool = False) -> None:
        self.plain = plain
        self.workbook = (xlsxwriter.Workbook if plain else Book)(
            stream,
            {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        add = self.workbook.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.label = add({"bold": True, "valign": "top"})
        self.value = add({"valign": "top"})
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
        self.cell = add({"text_wrap": True, "valign": "top", "border": 1})

    def table(
        self,
        name: str,
        preamble: Sequence[tuple[str, str]],
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        limits: Sequence[int],
        page_header: tuple[str, str] = ("", ""),
    ) -> None:
        """Add a sheet: a title, label/value lines, a blank row, then a filterable table that prints readably."""
        sheet = self.workbook.add_worksheet(name, worksheet_class=None if self.plain else Sheet)
        sheet.write_string(0, 0, title, self.title)
        for offset, (key, value) in enumerate(preamble, start=1):
            sheet.write_string(offset, 0, key, self.label)
            sheet.write_string(offset, 1, value, self.value)
        top = len(preamble) + 2
        for col, header in enumerate(headers):
            sheet.write_string(top, col, header, self.header)
        sized, header_height, heights = layout(headers, rows, limits)
        sheet.set_row(top, header_height)
        cell = self.cell
        if self.plain:
            for number, (row, height) in enumerate(zip(rows, heights, strict=True), start=top + 1):
                for col, text in enumerate(row):
                    sheet.write_string(number, col, text, cell)
                sheet.set_row(number, height)
        else:
            sheet.write_table(top + 1, rows, cell)
            sheet.set_heights(top + 1, heights)
        for col, width in enumerate(sized):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(top + 1, 1)
        sheet.autofilter(top, 0, top + max(len(rows), 1), len(headers) - 1)
        print_setup(sheet, top, *page_header)

    def close(self) -> None:
        """Write the workbook into its stream."""
        self.workbook.close()


def _evidence_rows(result: Evaluation, lang: Lang) -> list[list[str]]:
    users = result.repository.evidence_users
    classes = {key: word(pair, lang) for key, pair in CLASSIFICATION.items()}
    states = {key: word(pair, lang) for key, pair in EVIDENCE_STATE_WORDS.items()}
    signatures = {key: word(pair, lang) for key, pair in SIGNATURE.items()}
    rows = []
    for path, status in sorted(result.assessment.evidence.items()):
        item = status.item
        plain = status.attestation is None and not item.in_store  # the signature's word alone
        rows.append(
            [
                path,
                item.title.get(lang),
                classes[item.classification],
                item.date.isoformat(),
                status.expires.isoformat() if status.expires else "",
                states[status.state.value],
                item.sha256 or "",
                item.collected_by or "",
                "\n".join(map(key_str, users.get(path, ()))),
                signatures.get(status.signature, signatures["unsigned"]) if plain else _trust_cell(status, lang),
            ]
        )
    return rows


def _trust_cell(status: EvidenceStatus, lang: Lang) -> str:
    """Return the signature state, and for a store item who verified it when (with the attestation's hash)."""
    state = word(SIGNATURE.get(status.signature, SIGNATURE["unsigned"]), lang)
    found = status.attestation
    if found is None:
        return state if not status.item.in_store else f"{status.item.store}: " + word(("未検証", "not verified"), lang)
    verified = word((f"{found.date} {found.verifier} が検証", f"verified {found.date} by {found.verifier}"), lang)
    return f"{status.item.store}: {verified}, {state}\nattestation sha256 {found.sha256}"


def _finding_rows(result: Evaluation, lang: Lang) -> list[list[str]]:
    return [
        [
            word(SEVERITY[finding.severity.value], lang),
            finding.rule,
            finding.location.format(),
            finding_message(finding, lang),
            finding.control or "",
        ]
        for finding in result.findings
    ]


NONCONFORMITY_HEADERS: tuple[tuple[str, str, int], ...] = (
    ("ID", "ID", 14),
    ("名称", "Title", 40),
    ("発生源", "Source", 24),
    ("区分", "Grade", 12),
    ("要求事項", "Requirements", 24),
    ("責任者", "Owner", 16),
    ("発見日", "Raised", 12),
    ("状態", "Status", 14),
    ("是正処置（担当・期限・完了）", "Corrective actions (owner, due, done)", 60),
)


def nonconformity_words(source: str, grade: str | None, status: str, lang: Lang) -> tuple[str, str, str]:
    """Return a nonconformity's source kind, grade (empty when none) and status in `isms.vocabulary`'s words."""
    return word(NC_SOURCE[source], lang), word(GRADE[grade], lang) if grade else "", word(NC_STATUS[status], lang)


def _nonconformity_rows(result: Evaluation, lang: Lang) -> list[list[str]]:
    """Return the nonconformities raised and not closed as of the as-of day."""
    ctx = result.assessment
    rows = []
    for nid, nc in sorted(result.repository.nonconformities.items()):
        status = nc.status(ctx.cutoff)
        if not ctx.counts(nc.doc.raised) or status == "closed":
            continue
        doc = nc.doc
        late = set(nc.overdue(ctx.today, ctx.cutoff))
        actions = [
            f"{a.title.get(lang)} ({a.owner}, {a.due}, "
            + (str(a.done) if ctx.counts(a.done) else word(OVERDUE, lang) if i in late else "–")
            + ")"
            for i, a in enumerate(doc.actions)
        ]
        source_kind, grade, said = nonconformity_words(doc.source.kind, doc.grade, status, lang)
        source = " ".join(part for part in (source_kind, doc.source.ref, doc.source.finding) if part)
        rows.append(
            [
                nid,
                doc.title.get(lang),
                source,
                grade,
                ", ".join(f"{k[0]}:{k[1]}" for k in nc.requirements),
                doc.owner,
                doc.raised.isoformat(),
                said,
                "\n".join(actions),
            ]
        )
    return rows


SUPPLIER_HEADERS: tuple[tuple[str, str, int], ...] = (
    ("ID", "ID", 16),
    ("委託先名", "Name", 30),
    ("区分", "Kind", 14),
    ("重要度", "Criticality", 10),
    ("取り扱う情報", "Information handled", 20),
    ("契約上のセキュリティ条項", "Contract clauses", 24),
    ("前回の実地調査", "Last inspection", 14),
    ("次回の実地調査", "Next inspection", 16),
    ("前回の研修", "Last training", 14),
    ("次回の研修", "Next training", 16),
    ("指摘事項（不適合）", "Findings (nonconformities)", 20),
)


def _next(day: dt.date | None, late: bool, overdue: str) -> str:
    """Return the day something falls due, marked when it is overdue (or only the mark: never done)."""
    if day is None:
        return overdue if late else ""
    return f"{day.isoformat()} ({overdue})" if late else day.isoformat()


def _supplier_rows(result: Evaluation, lang: Lang) -> list[list[str]]:
    """Return every supplier with its inspection and training as of the as-of day."""
    ctx = result.assessment
    overdue = word(OVERDUE, lang)
    rows = []
    for sid, supplier in sorted(result.repository.suppliers.items()):
        doc = supplier.doc
        inspected, trained = supplier.last_inspection(ctx.cutoff), supplier.last_training(ctx.cutoff)
        next_inspection = supplier.inspection_due(ctx.cutoff)
        next_training = supplier.training_due(ctx.cutoff) if supplier.handles_insider else None
        late_inspection = supplier.inspection_overdue(ctx.today, ctx.cutoff)
        late_training = supplier.training_overdue(ctx.today, ctx.cutoff)
        rows.append(
            [
                sid,
                doc.name.get(lang),
                KIND_TITLES[doc.kind].get(lang),
                CRITICALITY_TITLES[doc.criticality].get(lang),
                ", ".join(doc.handles),
                ", ".join(f"{k[0]}:{k[1]}" for k in supplier.clauses),
                inspected[1].date.isoformat() if inspected else "",
                _next(next_inspection, late_inspection, overdue),
                trained[1].date.isoformat() if trained else "",
                _next(next_training, late_training, overdue),
                ", ".join(doc.findings),
            ]
        )
    return rows


def _created(soa: Soa) -> dt.datetime:
    return dt.datetime.combine(soa.as_of, dt.time(0, 0), tzinfo=dt.UTC)


def soa_workbook(result: Evaluation, lang: Lang, *, plain: bool = False) -> bytes:
    """Return the SoA workbook (.xlsx) of an evaluated repository.

    Args:
        result: The repository evaluated as of a day.
        lang: Language of the headers and texts.
        plain: Write it with XlsxWriter's own classes, cell by cell (the same bytes, more slowly).
    """
    soa = build_soa(result, lang)
    stream = io.BytesIO()
    book = _Book(stream, plain=plain)
    book.workbook.set_properties(
        {
            "title": f"{label('title', lang)}: {soa.framework_name}",
            "subject": soa.framework_id,
            "author": "isms",
            "company": soa.organisation,
            "comments": f"commit {soa.commit or '-'}, as of {soa.as_of.isoformat()}",
            "created": _created(soa),
        }
    )
    preamble = soa.header_block()
    version = f"{label('version', lang)} {soa.version}" if soa.version else ""
    page_header = (soa.organisation, f"{label('title', lang)} {version}".strip())
    book.table(
        label("title", lang)[:31] if lang == "ja" else "SoA",
        preamble,
        f"{label('title', lang)}: {soa.framework_name}",
        [column.header(lang) for column in COLUMNS],
        [cells(row, lang) for row in soa.rows],
        [column.width for column in COLUMNS],
        page_header,
    )
    short = preamble[:5]
    for number, section in enumerate(soa.additional, start=1):
        sheet = label("additional_sheet", lang) + (f" {number}" if len(soa.additional) > 1 else "")
        book.table(
            sheet[:31],
            short,
            f"{label('additional', lang)}: {section.framework_name} ({section.framework_id})",
            [column.header(lang) for column in COLUMNS],
            [cells(row, lang) for row in section.rows],
            [column.width for column in COLUMNS],
            (soa.organisation, f"{label('additional', lang)} · {label('title', lang)} {version}".strip()),
        )
    history = [[r.date.isoformat(), r.commit, r.author, r.subject] for r in soa.history]
    for sheet, headers, rows in (
        ("evidence_sheet", EVIDENCE_HEADERS, _evidence_rows(result, lang)),
        ("findings_sheet", FINDING_HEADERS, _finding_rows(result, lang)),
        ("nonconformities_sheet", NONCONFORMITY_HEADERS, _nonconformity_rows(result, lang)),
        ("suppliers_sheet", SUPPLIER_HEADERS, _supplier_rows(result, lang)),
        ("history_sheet", HISTORY_HEADERS, history),
    ):
        book.table(
            label(sheet, lang),
            short,
            label(sheet, lang),
            [word((ja, en), lang) for ja, en, _ in headers],
            rows,
            [width for _, _, width in headers],
            (soa.organisation, f"{label(sheet, lang)} · {label('title', lang)} {version}".strip()),
        )
    book.close()
    return stream.getvalue()


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """Write a file through a temporary file in the same folder, so a reader never sees half of it.

    Raises:
        IsmsError: when the folder cannot be created or written (read-only, full disk); the
            temporary file is removed and ``path`` is left as it was.
    """
    write_atomically(path, lambda stream: stream.write(content))


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a file with ``write(stream)`` through a temporary file, as :func:`write_bytes_atomically`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        msg = f"cannot write {path}: {exc.strerror or exc}"
        ja = f"{path} に書き込めません: {exc.strerror or exc}"
        raise IsmsError(msg, ja=ja) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
        os.chmod(name, 0o644)
        os.replace(name, path)
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        msg = f"cannot write {path}: {exc.strerror or exc}; it was left as it was"
        ja = f"{path} に書き込めません: {exc.strerror or exc}。元のままにしてあります"
        raise IsmsError(msg, ja=ja) from None
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def write_soa_xlsx(result: Evaluation, path: Path, lang: Lang) -> None:
    """Write the SoA workbook to ``path`` (for `isms soa` and the site's download link).

    Args:
        result: The repository evaluated as of a day.
        path: The .xlsx file to write; its folder is created when missing.
        lang: Language of the headers and texts.
    """
    write_bytes_atomically(path, soa_workbook(result, lang))
