"""`isms export oscal`: the catalogs and the ISMS's current state as OSCAL JSON documents."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_lang, add_root, add_today, nonempty_path, settle, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.evaluation import evaluate
from isms.export.oscal import OSCAL_VERSION, JsonObject, write_documents
from isms.export.oscal_catalog import build_catalog, catalog_file
from isms.export.oscal_results import build_assessment_results
from isms.export.targets import check_file_target, check_folder_target, check_not_sources
from isms.model.base import Lang

RESULTS_FILE = "assessment-results.json"


@dataclass(frozen=True, slots=True)
class OscalOptions:
    """The options of `isms export oscal`."""

    messages: Lang

    root: Path
    out: Path
    force: bool
    today: dt.date | None
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `oscal`."""
    sub = parser.add_subparsers(dest="target", metavar="FORMAT", required=True)
    oscal = sub.add_parser(
        "oscal",
        help=f"OSCAL {OSCAL_VERSION}: catalogs/<framework>.json and {RESULTS_FILE}",
        description=f"Write every loaded framework as an OSCAL catalog and the state as of --today as OSCAL "
        f"assessment results (OSCAL {OSCAL_VERSION}, JSON). Evidence files are referenced, never copied; "
        "confidential and insider evidence appears as metadata only.",
    )
    typed(oscal, OscalOptions)
    add_root(oscal)
    oscal.add_argument(
        "--out", type=nonempty_path, default=Path("oscal"), metavar="DIR", help="folder to write to (default: oscal)"
    )
    oscal.add_argument(
        "--force", action="store_true", help="allow --out inside a source folder (never over a file isms reads)"
    )
    add_today(oscal)
    add_lang(oscal)


def run(options: OscalOptions, out: TextIO) -> int:
    """Run `isms export oscal`."""
    check_folder_target(options.out)
    result = evaluate(options.root, options.today)
    settle()
    repo = result.repository
    maps_to = {
        key: repo.maps_to(key) for fw in repo.frameworks.values() for key in ((fw.id, r) for r in fw.requirements)
    }
    documents: dict[str, JsonObject] = {
        catalog_file(fid): build_catalog(repo.frameworks[fid], maps_to, result.assessment.today, options.lang)
        for fid in sorted(repo.frameworks)
    }
    documents[RESULTS_FILE] = build_assessment_results(result, options.lang)
    for rel in documents:
        check_file_target(options.out / rel)
    check_not_sources(options.root, [options.out / rel for rel in documents], force=options.force)
    for path in write_documents(options.out, documents):
        out.write(say("wrote", options.messages, path=path.as_posix()) + "\n")
    return EXIT_OK
