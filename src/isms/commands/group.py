"""`isms group`: roll up a group's entities (each its own ISMS repository) into one group view.

``build`` fetches and evaluates every entity here; ``merge`` reads the JSON contracts the entities'
CI jobs uploaded; both build the group's site. ``metrics`` prints the group contract; ``fetch`` and
``matrix`` serve the group workflow, which ``workflow`` writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_lang, add_root, add_today, nonempty_path, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.contracts import EntityJson, GroupDocument
from isms.edit.install import InstallSource, checked_spec, install_line, running_source
from isms.errors import UsageError
from isms.evaluation import evaluate
from isms.group import artefacts, fetch, merge, rollup, site, text
from isms.model.base import Lang
from isms.report.formats import Renderers
from isms.site.engine import ENGINES, Engine

RENDERERS: Renderers[text.Grouped] = Renderers({"text": text.write_text, "json": text.write_json})


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """The options of `isms group build`."""

    messages: Lang

    root: Path
    today: dt.date | None
    out: Path | None
    format: str
    lang: Lang
    engine: Engine


@dataclass(frozen=True, slots=True)
class MetricsOptions:
    """The options of `isms group metrics`."""

    root: Path
    today: dt.date | None
    format: str
    messages: Lang


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """The options of `isms group merge`."""

    messages: Lang

    root: Path
    today: dt.date | None
    artefacts: list[Path]
    out: Path | None
    format: str
    lang: Lang
    engine: Engine


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """The options of `isms group fetch`."""

    messages: Lang

    root: Path
    entity: str
    out: Path


@dataclass(frozen=True, slots=True)
class MatrixOptions:
    """The options of `isms group matrix`."""

    root: Path


@dataclass(frozen=True, slots=True)
class WorkflowOptions:
    """The options of `isms group workflow`."""

    messages: Lang

    out: Path | None
    isms_spec: str | None


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=nonempty_path, default=None, metavar="DIR", help="site folder (default: ROOT/site)"
    )
    add_format(parser, RENDERERS.formats)
    add_lang(parser)
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the site engine (default: mkdocs)")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the group actions."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = sub.add_parser(
        "build",
        help="fetch every entity with git, evaluate each as of one day, build the group site",
        description="Fetch each entity of `group.entities` (full history unless `shallow: true`), evaluate "
        "it as of the group's day and build the group's site with a page per entity. An entity that "
        "cannot be fetched or is not an ISMS is shown unavailable, with the reason.",
    )
    typed(build, BuildOptions)
    add_root(build)
    add_today(build)
    _site_options(build)
    metrics = sub.add_parser("metrics", help="the group contract: every entity's figures as of one day")
    typed(metrics, MetricsOptions)
    add_root(metrics)
    add_today(metrics)
    add_format(metrics, RENDERERS.formats)
    merge_parser = sub.add_parser(
        "merge",
        help="the group site from the entities' CI artefacts (their metrics and check JSON only)",
        description="Read each ARTEFACT (a folder named after an entity id holding metrics.json and check.json, "
        "or one of those files) and build the group site. Only the JSON contracts are read.",
    )
    typed(merge_parser, MergeOptions)
    merge_parser.add_argument(
        "artefacts", nargs="*", type=nonempty_path, metavar="ARTEFACT", help="none: every entity is unavailable"
    )
    add_root(merge_parser)
    add_today(merge_parser)
    _site_options(merge_parser)
    fetch_parser = sub.add_parser("fetch", help="fetch one entity's repository at its ref into a folder")
    typed(fetch_parser, FetchOptions)
    fetch_parser.add_argument("entity", metavar="ENTITY", help="the entity's id")
    fetch_parser.add_argument("--out", type=nonempty_path, required=True, metavar="DIR", help="an empty or new folder")
    add_root(fetch_parser)
    matrix = sub.add_parser("matrix", help="the entity ids as a JSON list (the group workflow's matrix)")
    typed(matrix, MatrixOptions)
    add_root(matrix)
    workflow = sub.add_parser("workflow", help="write the GitHub Actions group workflow (one job per entity)")
    typed(workflow, WorkflowOptions)
    workflow.add_argument(
        "--out", type=nonempty_path, default=None, metavar="FILE", help="file to write (default: stdout)"
    )
    workflow.add_argument("--isms-spec", metavar="SPEC", help="what the jobs give `pip install` to get isms")


def _stale(document: GroupDocument, lang: Lang) -> None:
    """Say which entity is stale, on stderr (stdout may be the JSON contract)."""
    warning = "isms: 警告" if lang == "ja" else "isms: warning"
    for line in merge.stale_notes(document, lang):
        sys.stderr.write(f"{warning}: {line}\n")


def _built(result: rollup.Rollup, options: BuildOptions | MergeOptions, out: TextIO) -> int:
    target = options.out if options.out is not None else result.own.repository.root / "site"
    built = site.build_site(
        result.own, result.document, lang=options.lang, out=target, engine=options.engine, reasons_ja=result.reasons_ja
    )
    _stale(result.document, options.messages)
    RENDERERS.write(options.format, text.Grouped(result.document, options.messages, result.reasons_ja), out)
    if options.format == "text":
        out.write(say("group_built", options.messages, out=built.out, index=built.out / "index.html") + "\n")
    return EXIT_OK


def _progress(row: EntityJson, reason_ja: str | None, lang: Lang) -> None:
    """Say on stderr how an entity went as it is evaluated, with why it is unavailable."""
    reason = reason_ja if lang == "ja" and reason_ja is not None else row["reason"]
    said = f"isms: {row['id']}: {text.status_word(row['status'], lang)}"
    sys.stderr.write(said + (f" ({reason})" if reason else "") + "\n")


def _workflow(options: WorkflowOptions, out: TextIO) -> int:
    source = InstallSource(checked_spec(options.isms_spec)) if options.isms_spec else running_source()
    template = resources.files("isms.templates").joinpath("ci", "github-group.yml").read_text(encoding="utf-8")
    text_ = template.replace("@@INSTALL@@", install_line(source.spec))
    if options.out is None:
        out.write(text_)
        return EXIT_OK
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(text_, encoding="utf-8")
    out.write(say("group_workflow", options.messages, out=options.out, install=install_line(source.spec)) + "\n")
    if source.note:
        out.write(say("note", options.messages, note=source.note) + "\n")
    return EXIT_OK


def run(
    options: BuildOptions | MetricsOptions | MergeOptions | FetchOptions | MatrixOptions | WorkflowOptions,
    out: TextIO,
) -> int:
    """Run an `isms group` action."""
    if isinstance(options, WorkflowOptions):
        return _workflow(options, out)
    own = evaluate(
        options.root, options.today if isinstance(options, BuildOptions | MetricsOptions | MergeOptions) else None
    )
    if isinstance(options, MatrixOptions | FetchOptions):
        rollup.require_group(own)
        entities = {entity.id: entity for entity in rollup.entities_of(own)}
        if isinstance(options, MatrixOptions):
            out.write(json.dumps(sorted(entities)) + "\n")
            return EXIT_OK
        if options.entity not in entities:
            known = ", ".join(sorted(entities)) or "none"
            msg = f"`{options.entity}` is not an entity of the group; the entities are: {known}"
            ja = f"`{options.entity}` はグループのエンティティではありません。エンティティ: {known}"
            raise UsageError(msg, ja=ja)
        if options.out.exists() and any(options.out.iterdir()):
            msg = f"--out {options.out}: not empty; give a new or empty folder"
            ja = f"--out {options.out}: 空ではありません。新しいフォルダか空のフォルダを指定してください"
            raise UsageError(msg, ja=ja)
        fetch.fetch(entities[options.entity], own.repository.root, options.out)
        out.write(say("group_fetched", options.messages, entity=options.entity, out=options.out) + "\n")
        return EXIT_OK
    if isinstance(options, MergeOptions):
        return _built(merge.merge(own, artefacts.collect(options.artefacts)), options, out)
    messages = options.messages
    result = rollup.roll_up(own, options.today, lambda row, reason_ja: _progress(row, reason_ja, messages))
    if isinstance(options, MetricsOptions):
        _stale(result.document, options.messages)
        RENDERERS.write(options.format, text.Grouped(result.document, options.messages, result.reasons_ja), out)
        return EXIT_OK
    return _built(result, options, out)
