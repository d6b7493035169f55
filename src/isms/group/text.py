"""The group contract for a terminal: one line per entity, then the totals, in the terminal's language."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from isms.contracts import EntityFramework, GroupDocument, GroupSummary, Summary
from isms.export.xlsx_layout import display_width
from isms.figures import percent
from isms.model.base import Lang
from isms.vocabulary import ENTITY_STATUS, OVERDUE, Words, word

#: The table's words. An entity's status is `isms.vocabulary.ENTITY_STATUS`'s word in Japanese, the JSON's
#: ``status`` value in English.
WORDS: dict[str, Words] = {
    "entity": ("事業体", "entity"),
    "status": ("状態", "status"),
    "coverage": ("カバー率", "coverage"),
    "effect": ("有効性", "effect."),
    "errors": ("エラー", "errors"),
    "warnings": ("警告", "warn."),
    "overdue": OVERDUE,
    "group": ("（グループ）", "(group)"),
}


@dataclass(frozen=True, slots=True)
class Grouped:
    """The group document and the language of its text (the terminal's)."""

    document: GroupDocument
    lang: Lang
    reasons_ja: Mapping[str, str] = field(default_factory=dict)
    """Why each unavailable entity is, in Japanese, by entity id (`isms.group.rollup.Rollup.reasons_ja`)."""


def status_word(status: str, lang: Lang) -> str:
    """Return an entity's status (``ok``, ``errors``, ``unavailable``, ``stale``): ja word, else the value."""
    pair = ENTITY_STATUS.get(status)
    return word(pair, lang) if pair is not None and lang == "ja" else status


def _left(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _right(text: str, width: int) -> str:
    return " " * (width - display_width(text)) + text


#: The columns' widths (at least; a wider heading widens its column).
WIDTHS = (20, 12, 9, 9, 6, 6, 7)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Return a row: the first two columns left-aligned, the figures right-aligned."""
    return " ".join(
        _left(cell, width) if index < 2 else _right(cell, width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def _heading(document: GroupDocument, lang: Lang) -> str:
    commit = document["commit"]
    if lang == "ja":
        return f"グループ（{document['as_of']} 時点" + (f"、コミット {commit[:10]}" if commit else "") + "）"
    return f"group as of {document['as_of']}" + (f", commit {commit[:10]}" if commit else "")


def _totals(s: GroupSummary, lang: Lang) -> str:
    counts = (("ok", s["ok"]), ("errors", s["errors"]), ("unavailable", s["unavailable"]), ("stale", s["stale"]))
    if lang == "ja":
        return f"事業体 {s['entities']} 件: " + "、".join(
            f"{status_word(key, lang)} {count} 件" for key, count in counts
        )
    return (
        f"{s['entities']} entities: {s['ok']} ok, {s['errors']} with errors, {s['unavailable']} unavailable, "
        f"{s['stale']} stale"
    )


def write_text(grouped: Grouped, out: TextIO) -> None:
    """Write the group as a table: status, first framework's coverage and effectiveness, findings, overdue."""
    document, lang = grouped.document, grouped.lang
    out.write(_heading(document, lang) + "\n\n")
    keys = ("entity", "status", "coverage", "effect", "errors", "warnings", "overdue")
    heading = tuple(word(WORDS[key], lang) for key in keys)
    widths = tuple(max(width, display_width(cell)) for width, cell in zip(WIDTHS, heading, strict=True))
    out.write(_line(heading, widths) + "\n")
    own = document["group"]
    rows: list[tuple[str, str, list[EntityFramework], Summary | None, int | None, str]] = [
        (
            word(WORDS["group"], lang),
            status_word("ok" if not own["findings"]["errors"] else "errors", lang),
            own["frameworks"],
            own["findings"],
            own["overdue"],
            "",
        )
    ]
    for e in document["entities"]:
        stale = f"{status_word('stale', lang)} {e['as_of']}" if e["stale"] else ""
        reason = grouped.reasons_ja.get(e["id"], e["reason"]) if lang == "ja" else e["reason"]
        note = " ".join(part for part in (stale, reason or "") if part)
        rows.append((e["id"], status_word(e["status"], lang), e["frameworks"], e["findings"], e["overdue"], note))
    for name, status, frameworks, findings, overdue, note in rows:
        first = frameworks[0] if frameworks else None
        coverage = percent(first["coverage"]) if first else "–"
        effect = percent(first["effectiveness"]) if first else "–"
        errors = str(findings["errors"]) if findings else "–"
        warnings = str(findings["warnings"]) if findings else "–"
        late = "–" if overdue is None else str(overdue)
        line = _line((name, status, coverage, effect, errors, warnings, late), widths)
        out.write((f"{line}  {note}" if note else line) + "\n")
    out.write("\n" + _totals(document["summary"], lang) + "\n")


def write_json(grouped: Grouped, out: TextIO) -> None:
    """Write the group contract (``isms.contracts.GroupDocument``)."""
    out.write(json.dumps(grouped.document, ensure_ascii=False, indent=2) + "\n")
