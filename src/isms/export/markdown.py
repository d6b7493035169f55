"""The SoA as a Markdown table (GitHub-flavoured), for pull requests and wikis."""

from __future__ import annotations

from isms.evaluation import Evaluation
from isms.export.soa import COLUMNS, HISTORY_HEADERS, SoaRow, build_soa, cells, label, word
from isms.model.base import Lang


def _cell(text: str) -> str:
    """Escape a table cell: pipes, and line breaks as ``<br>``."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(_cell(header) for header in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    return lines + ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]


def soa_markdown(result: Evaluation, lang: Lang) -> str:
    """Return the SoA as Markdown: a heading, the header block as a list, then the tables.

    The tables: the SoA's, the organisation's own controls (a section per framework of
    `soa.additional`) and the change history from git.
    """
    soa = build_soa(result, lang)
    headers = [column.header(lang) for column in COLUMNS]

    def texts(rows: tuple[SoaRow, ...]) -> list[list[str]]:
        return [cells(row, lang) for row in rows]

    lines = [f"# {label('title', lang)}: {_cell(soa.framework_name)}", ""]
    lines += [f"- **{key}**: {_cell(value)}" for key, value in soa.header_block()]
    lines.append("")
    lines += _table(headers, texts(soa.rows))
    for section in soa.additional:
        lines += ["", f"## {label('additional', lang)}: {_cell(section.framework_name)} ({section.framework_id})", ""]
        lines += _table(headers, texts(section.rows))
    if soa.history:
        lines += ["", f"## {label('history_sheet', lang)}", ""]
        history = [[r.date.isoformat(), r.commit, r.author, r.subject] for r in soa.history]
        lines += _table([word((ja, en), lang) for ja, en, _ in HISTORY_HEADERS], history)
    return "\n".join(lines) + "\n"
