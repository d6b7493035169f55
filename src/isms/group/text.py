"""The group contract for a terminal: one line per entity, then the totals."""

from __future__ import annotations

import json
from typing import TextIO

from isms.contracts import EntityFramework, GroupDocument, Summary
from isms.figures import percent


def write_text(document: GroupDocument, out: TextIO) -> None:
    """Write the group as a table: status, first framework's coverage and effectiveness, findings, overdue."""
    commit = document["commit"]
    out.write(f"group as of {document['as_of']}" + (f", commit {commit[:10]}" if commit else "") + "\n\n")
    out.write(
        f"{'entity':<20} {'status':<12} {'coverage':>9} {'effect.':>9} {'errors':>6} {'warn.':>6} {'overdue':>7}\n"
    )
    own = document["group"]
    rows: list[tuple[str, str, list[EntityFramework], Summary | None, int | None, str]] = [
        (
            "(group)",
            "ok" if not own["findings"]["errors"] else "errors",
            own["frameworks"],
            own["findings"],
            own["overdue"],
            "",
        )
    ]
    for e in document["entities"]:
        note = " ".join(part for part in ("stale " + str(e["as_of"]) if e["stale"] else "", e["reason"] or "") if part)
        rows.append((e["id"], e["status"], e["frameworks"], e["findings"], e["overdue"], note))
    for name, status, frameworks, findings, overdue, note in rows:
        first = frameworks[0] if frameworks else None
        coverage = percent(first["coverage"]) if first else "–"
        effect = percent(first["effectiveness"]) if first else "–"
        errors = str(findings["errors"]) if findings else "–"
        warnings = str(findings["warnings"]) if findings else "–"
        late = "–" if overdue is None else str(overdue)
        line = f"{name:<20} {status:<12} {coverage:>9} {effect:>9} {errors:>6} {warnings:>6} {late:>7}"
        out.write((f"{line}  {note}" if note else line) + "\n")
    s = document["summary"]
    out.write(
        f"\n{s['entities']} entities: {s['ok']} ok, {s['errors']} with errors, {s['unavailable']} unavailable, "
        f"{s['stale']} stale\n"
    )


def write_json(document: GroupDocument, out: TextIO) -> None:
    """Write the group contract (``isms.contracts.GroupDocument``)."""
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
