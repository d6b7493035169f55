"""The SoA as a Markdown table (GitHub-flavoured), for pull requests and wikis."""

from __future__ import annotations

from isms.evaluation import Evaluation
from isms.export.soa import COLUMNS, build_soa, cells, label
from isms.model.base import Lang


def _cell(text: str) -> str:
    """Escape a table cell: pipes, and line breaks as ``<br>``."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def soa_markdown(result: Evaluation, lang: Lang) -> str:
    """Return the SoA as Markdown: a heading, the header block as a list, and the table."""
    soa = build_soa(result, lang)
    lines = [f"# {label('title', lang)}: {soa.framework_name}", ""]
    lines += [f"- **{key}**: {_cell(value)}" for key, value in soa.header_block()]
    lines.append("")
    lines.append("| " + " | ".join(column.header(lang) for column in COLUMNS) + " |")
    lines.append("|" + "|".join("---" for _ in COLUMNS) + "|")
    lines += ["| " + " | ".join(_cell(text) for text in cells(row, lang)) + " |" for row in soa.rows]
    return "\n".join(lines) + "\n"
