"""`isms remind` as text and Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from isms.due.plan import OwnerGroup, Reminders
from isms.due.types import DueItem
from isms.model.base import Lang
from isms.vocabulary import OVERDUE

_WORDS: dict[str, dict[Lang, str]] = {
    "overdue": {"ja": OVERDUE[0], "en": OVERDUE[1]},
    "due": {"ja": "期限", "en": "due"},
    "nothing": {"ja": "期限の近い項目はありません", "en": "nothing is due"},
    "unassigned": {"ja": "責任者なし", "en": "no owner"},
    "when": {"ja": "期日", "en": "Due"},
    "state": {"ja": "状態", "en": "State"},
    "what": {"ja": "内容", "en": "What"},
    "todo": {"ja": "対応", "en": "To do"},
}


def word(key: str, lang: Lang) -> str:
    """Return a label of the reminder outputs."""
    return _WORDS[key][lang]


def owner_label(group: OwnerGroup, lang: Lang) -> str:
    """Return ``name (id)``, or the id alone, or "no owner"."""
    if group.owner is None:
        return word("unassigned", lang)
    name = group.name_en if lang == "en" else group.name_ja
    return f"{name} ({group.owner})" if name else group.owner


def state(item: DueItem, today: dt.date, lang: Lang) -> str:
    """Return "overdue 3d" or "due in 12d" (期限超過 3日 / あと12日)."""
    days = item.days(today)
    if days < 0:
        return f"{word('overdue', lang)} {-days}{'日' if lang == 'ja' else 'd'}"
    return f"あと{days}日" if lang == "ja" else f"due in {days}d"


def action(item: DueItem, lang: Lang) -> str:
    """Return what to do, in the language."""
    return item.action_ja if lang == "ja" else item.action


def header(reminders: Reminders, lang: Lang, items: Sequence[DueItem] | None = None) -> str:
    """Return the first line: as of, window, totals (of ``items``, by default all)."""
    chosen = reminders.items if items is None else items
    overdue = sum(1 for item in chosen if item.overdue(reminders.today))
    today, until = reminders.today.isoformat(), reminders.until.isoformat()
    if lang == "ja":
        return (
            f"{today} 時点、{until} まで（{reminders.within}）に期限を迎えるもの: "
            f"{len(chosen)} 件（うち期限超過 {overdue} 件）"
        )
    return (
        f"reminders as of {today}, due by {until} (within {reminders.within}): {len(chosen)} items, {overdue} overdue"
    )


def text(reminders: Reminders, lang: Lang) -> str:
    """Return the reminders for a terminal, grouped by owner."""
    lines = [header(reminders, lang)]
    if not reminders.items:
        lines.append(word("nothing", lang))
    for group in reminders.groups:
        handles = f" {' '.join(group.github)}" if group.github else ""
        lines += ["", f"{owner_label(group, lang)}{handles}: {len(group.items)}"]
        for item in group.items:
            lines.append(
                f"  {item.due.isoformat()}  {state(item, reminders.today, lang):<12} {item.kind:<16} "
                f"{item.title.get(lang)}"
            )
            lines.append(f"  {'':10}  → {action(item, lang)}")
    return "\n".join(lines) + "\n"


def cell(value: str) -> str:
    """Return text safe in a Markdown table cell (no pipes, no raw HTML, no line breaks)."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def table(group: OwnerGroup, today: dt.date, lang: Lang) -> list[str]:
    """Return a Markdown table of one owner's items."""
    head = [word(k, lang) for k in ("when", "state", "what", "todo")]
    lines = [f"| {' | '.join(head)} |", "|---|---|---|---|"]
    for item in group.items:
        lines.append(
            f"| {item.due.isoformat()} | {cell(state(item, today, lang))} | {cell(item.title.get(lang))} "
            f"| {cell(action(item, lang))} |"
        )
    return lines


def markdown(reminders: Reminders, lang: Lang) -> str:
    """Return the reminders as Markdown: a section and a table per owner."""
    lines = [f"## ISMS reminders — {reminders.today.isoformat()}", "", header(reminders, lang)]
    if not reminders.items:
        lines += ["", word("nothing", lang)]
    for group in reminders.groups:
        lines += ["", f"### {cell(owner_label(group, lang))}", "", *table(group, reminders.today, lang)]
    return "\n".join(lines) + "\n"
