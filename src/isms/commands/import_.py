"""`isms import catalog|controls|risks|nonconformities`: spreadsheets into the repository, all or nothing."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, get_args

from isms.commands.common import add_root, nonempty_path, typed, whole_number
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import lines, say
from isms.edit import guard
from isms.edit.transaction import editing, write_set
from isms.importing.catalog import plan_catalog
from isms.importing.controls import ControlOptions, plan_controls
from isms.importing.nonconformities import NonconformityOptions, plan_nonconformities
from isms.importing.nonconformity_words import NONCONFORMITY_HEADERS
from isms.importing.plan import Plan, SheetOptions
from isms.importing.risk_words import RISK_HEADERS
from isms.importing.risks import RiskOptions, plan_risks
from isms.importing.table import parse_columns
from isms.importing.words import CATALOG_HEADERS, CONTROL_HEADERS
from isms.loader.discover import require_root
from isms.model.base import Lang
from isms.model.catalog import Source


@dataclass(frozen=True, slots=True)
class CatalogOptions:
    """The options of `isms import catalog FILE --framework ID`."""

    messages: Lang

    file: Path
    columns: str | None
    header_row: int | None
    sheet: str | None
    encoding: str | None
    dry_run: bool
    root: Path
    framework: str
    name: str | None
    version: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class ControlsOptions:
    """The options of `isms import controls FILE`."""

    messages: Lang

    file: Path
    columns: str | None
    header_row: int | None
    sheet: str | None
    encoding: str | None
    dry_run: bool
    root: Path
    framework: str | None
    add_owners: bool
    skip_unknown: bool
    lang: Lang | None


@dataclass(frozen=True, slots=True)
class RisksOptions:
    """The options of `isms import risks FILE`."""

    messages: Lang

    file: Path
    columns: str | None
    header_row: int | None
    sheet: str | None
    encoding: str | None
    dry_run: bool
    root: Path
    lang: Lang | None


@dataclass(frozen=True, slots=True)
class NonconformitiesOptions:
    """The options of `isms import nonconformities FILE`."""

    messages: Lang

    file: Path
    columns: str | None
    header_row: int | None
    sheet: str | None
    encoding: str | None
    dry_run: bool
    root: Path
    lang: Lang | None


def _sheet_options(parser: argparse.ArgumentParser, fields: list[str]) -> None:
    parser.add_argument(
        "file", type=nonempty_path, metavar="FILE", help="the spreadsheet: .xlsx, .xlsm, .csv (UTF-8) or .tsv"
    )
    parser.add_argument(
        "--columns",
        metavar="MAP",
        help=f"name the columns instead of finding them by their headers: FIELD=COLUMN,… with a letter, a number "
        f"or a header text, e.g. id=A,title=B (fields: {', '.join(fields)})",
    )
    parser.add_argument(
        "--header-row",
        type=whole_number,
        metavar="N",
        help="the row holding the headers (0: none, the data starts in row 1)",
    )
    parser.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first with a table)")
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="text encoding of a CSV file (default: UTF-8; e.g. cp932 for Shift_JIS saved by Excel)",
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    add_root(parser)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `catalog`, `controls`, `risks` and `nonconformities`."""
    sub = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    catalog = sub.add_parser(
        "catalog",
        help="a sheet of requirements -> catalogs/<ID>.yaml (added, changed and removed ids reported)",
        description="Turn a spreadsheet of requirements into catalogs/<ID>.yaml. An existing catalog is updated "
        "in place; a packaged catalog of the same id is replaced by the repository's copy.",
    )
    typed(catalog, CatalogOptions)
    _sheet_options(catalog, list(CATALOG_HEADERS))
    catalog.add_argument("--framework", required=True, metavar="ID", help="framework id, e.g. meti-csm-v1")
    catalog.add_argument("--name", metavar="NAME", help="the framework's name (for a new catalog)")
    catalog.add_argument("--version", metavar="VERSION", help="the framework's edition or version")
    catalog.add_argument(
        "--source",
        choices=get_args(Source),
        default="official",
        help="what the texts are: the publisher's (official, the default), your own (organisation), or a paraphrase",
    )
    controls = sub.add_parser(
        "controls",
        help="an SoA sheet -> control files (status, applicability, reasons, justification, owner)",
        description="Turn a Statement of Applicability sheet (e.g. one written by `isms soa`) into control files. "
        "Existing files are edited in place; their evidence, mappings and other fields are kept.",
    )
    typed(controls, ControlsOptions)
    _sheet_options(controls, list(CONTROL_HEADERS))
    controls.add_argument("--framework", metavar="ID", help="the framework of the rows (default: soa_framework)")
    controls.add_argument("--add-owners", action="store_true", help="add owners isms.yaml does not know to it")
    controls.add_argument(
        "--skip-unknown", action="store_true", help="skip rows that are not requirements of the framework (warn)"
    )
    controls.add_argument(
        "--lang", choices=("ja", "en"), help="language of the sheet's texts (default: that of its headers)"
    )
    risks = sub.add_parser(
        "risks",
        help="a risk register sheet -> risks/<id>.yaml (assets, threat, owner, likelihood/impact, treatment…)",
        description="Turn a risk register sheet into risks/<id>.yaml, one file per risk. Existing risk files are "
        "edited in place; their actions and other fields are kept, and a blank cell changes nothing. Likelihood "
        "and impact are points of the scales in isms.yaml; level and score columns are not read (levels are "
        "computed).",
    )
    typed(risks, RisksOptions)
    _sheet_options(risks, list(RISK_HEADERS))
    risks.add_argument(
        "--lang", choices=("ja", "en"), help="language of the sheet's texts (default: that of its headers)"
    )
    ncs = sub.add_parser(
        "nonconformities",
        help="a corrective-action log -> nonconformities/<id>.yaml (source, owner, root cause, action, due, done…)",
        description="Turn a corrective-action log (one row per nonconformity and its corrective action) into "
        "nonconformities/<id>.yaml. Existing files are edited in place: their other actions, effectiveness review "
        "and other fields are kept, and a blank cell changes nothing; an action is matched by its title. A status "
        "column is not read (the status is computed from the actions and the closed date).",
    )
    typed(ncs, NonconformitiesOptions)
    _sheet_options(ncs, list(NONCONFORMITY_HEADERS))
    ncs.add_argument(
        "--lang", choices=("ja", "en"), help="language of the sheet's texts (default: Japanese when they are)"
    )


def _report(plan: Plan, out: TextIO, dry_run: bool, lang: Lang) -> None:
    for problem in plan.problems:
        out.write(problem.format(lang) + "\n")
    for rid in plan.added:
        out.write(say("import_added", lang, id=rid) + "\n")
    for rid, fields in plan.changed.items():
        out.write(say("import_changed", lang, id=rid, fields=", ".join(fields)) + "\n")
    for rid in plan.removed:
        out.write(say("import_removed", lang, id=rid) + "\n")
    counts = {"added": len(plan.added), "changed": len(plan.changed), "removed": len(plan.removed)}
    out.write(say("import_counts", lang, target=plan.target, unchanged=plan.unchanged, **counts) + "\n")
    if dry_run:
        out.write(say("import_dry_run", lang, count=len(plan.changes)) + "\n")
    elif plan.changes:
        out.write(say("import_wrote", lang, count=len(plan.changes)) + "\n")
    else:
        out.write(say("import_nothing", lang) + "\n")


def run(options: CatalogOptions | ControlsOptions | RisksOptions | NonconformitiesOptions, out: TextIO) -> int:
    """Run `isms import`."""
    root = require_root(options.root)
    if isinstance(options, CatalogOptions):
        fields = list(CATALOG_HEADERS)
    elif isinstance(options, RisksOptions):
        fields = list(RISK_HEADERS)
    elif isinstance(options, NonconformitiesOptions):
        fields = list(NONCONFORMITY_HEADERS)
    else:
        fields = list(CONTROL_HEADERS)
    sheet = SheetOptions(
        columns=parse_columns(options.columns, fields) if options.columns else None,
        header_row=options.header_row,
        sheet=options.sheet,
        encoding=options.encoding,
    )
    if isinstance(options, CatalogOptions):
        plan = plan_catalog(
            root,
            options.file,
            options.framework,
            name=options.name,
            version=options.version,
            source=options.source,
            options=sheet,
        )
    elif isinstance(options, RisksOptions):
        plan = plan_risks(root, options.file, RiskOptions(options.lang, sheet))
    elif isinstance(options, NonconformitiesOptions):
        plan = plan_nonconformities(root, options.file, NonconformityOptions(options.lang, sheet))
    else:
        chosen = ControlOptions(options.framework, options.add_owners, options.skip_unknown, options.lang, sheet)
        plan = plan_controls(root, options.file, chosen)
    if not options.dry_run and plan.changes:
        with editing(root) as recovered:
            out.write(lines(recovered, options.messages))
            guard.ensure_valid(root, plan.changes)
            write_set(root, plan.changes)
    _report(plan, out, options.dry_run, options.messages)
    return EXIT_OK
