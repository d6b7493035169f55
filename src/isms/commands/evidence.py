"""`isms evidence list`: the evidence register with each item's state."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from isms.cli.errors import EXIT_OK
from isms.commands.common import add_format, add_lang, add_root, add_today, today
from isms.evaluation import Evaluation, evaluate
from isms.report import json as json_report

HELP = "the evidence register: every evidence file with its date, validity, class and state"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `list`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list the evidence register")
    add_root(listing)
    add_format(listing, ("text", "json"))
    add_today(listing)
    add_lang(listing)


def register_document(result: Evaluation) -> dict[str, Any]:
    """Return the JSON of `isms evidence list`."""
    repo = result.repository
    rows = []
    for path, status in sorted(result.assessment.evidence.items()):
        item = status.item
        rows.append(
            {
                "path": path,
                "file": item.file,
                "title": item.title.get("ja"),
                "title_en": item.title.en,
                "class": item.classification,
                "date": item.date.isoformat(),
                "valid_until": status.expires.isoformat() if status.expires else None,
                "state": status.state.value,
                "sha256": item.sha256,
                "collected_by": item.collected_by,
                "used_by": [f"{fw}:{rid}" for fw, rid in repo.evidence_users.get(path, [])],
            }
        )
    return {"version": "1", "as_of": result.assessment.today.isoformat(), "evidence": rows}


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run `isms evidence list`."""
    result = evaluate(args.root, today(args))
    document = register_document(result)
    if args.format == "json":
        json_report.write(document, out)
        return EXIT_OK
    for row in document["evidence"]:
        until = row["valid_until"] or "-"
        out.write(f"{row['state']:<9} {row['date']}  until {until:<10}  {row['class']:<12} {row['path']}\n")
    out.write(f"{len(document['evidence'])} evidence items as of {document['as_of']}\n")
    return EXIT_OK
