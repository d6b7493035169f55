"""`isms catalog list|show`: the frameworks loaded and their requirements."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_format, add_lang, add_root, typed
from isms.commands.exit_codes import EXIT_OK
from isms.contracts import CatalogListDocument, CatalogShowDocument, FrameworkSummary, RequirementJson
from isms.errors import UsageError
from isms.loader.assemble import load_repository
from isms.model.base import Lang
from isms.model.repository import Framework, Repository
from isms.report import json as json_report
from isms.report.formats import Renderers
from isms.vocabulary import Words, word


@dataclass(frozen=True, slots=True)
class ListOptions:
    """The options of `isms catalog list`."""

    root: Path
    format: str
    lang: Lang


@dataclass(frozen=True, slots=True)
class ShowOptions:
    """The options of `isms catalog show FRAMEWORK`."""

    framework: str
    root: Path
    format: str
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `list` and `show FRAMEWORK`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list the frameworks")
    typed(listing, ListOptions)
    show = sub.add_parser("show", help="show a framework's requirements")
    typed(show, ShowOptions)
    show.add_argument("framework", metavar="FRAMEWORK", help="framework id, e.g. iso27001-2022")
    for child, formats in ((listing, LIST_RENDERERS.formats), (show, SHOW_RENDERERS.formats)):
        add_root(child)
        add_format(child, formats)
        add_lang(child)


def _framework_summary(framework: Framework) -> FrameworkSummary:
    info = framework.info
    return {
        "id": info.id,
        "name": info.name.get("en"),
        "name_ja": info.name.ja,
        "version": info.version,
        "requirements": len(framework.requirements),
        "kind": info.kind,
        "origin": framework.origin,
        "source": framework.source,
    }


def list_document(repo: Repository) -> CatalogListDocument:
    """Return the JSON of `isms catalog list` (``isms.contracts.CatalogListDocument``)."""
    return {"version": "1", "frameworks": [_framework_summary(f) for f in repo.frameworks.values()]}


def show_document(repo: Repository, framework: Framework) -> CatalogShowDocument:
    """Return the JSON of `isms catalog show` (``isms.contracts.CatalogShowDocument``)."""
    requirements: list[RequirementJson] = []
    for req in framework.requirements.values():
        key = (framework.id, req.id)
        requirements.append(
            {
                "id": req.id,
                "title": req.title.both(),
                "group": req.group,
                "description": req.description.both() if req.description else None,
                "attributes": req.attributes,
                "new": req.new,
                "source": req.source,
                "maps_to": [f"{k[0]}:{k[1]}" for k in repo.maps_to(key)],
                "mapped_from": [f"{k[0]}:{k[1]}" for k in repo.mapped_from(key)],
            }
        )
    return {
        "format_version": "1",
        "id": framework.id,
        "name": framework.info.name.get("en"),
        "name_ja": framework.info.name.ja,
        "version": framework.info.version,
        "groups": [{"id": g.id, "title": g.title.both(), "parent": g.parent} for g in framework.groups.values()],
        "requirements": requirements,
    }


@dataclass(frozen=True, slots=True)
class Listed:
    """What `isms catalog list` renders: the repository's frameworks, in a language."""

    repo: Repository
    lang: Lang


@dataclass(frozen=True, slots=True)
class Shown:
    """What `isms catalog show` renders: one framework of the repository, in a language."""

    repo: Repository
    framework: Framework
    lang: Lang


#: The words in the brackets of `isms catalog list`: in scope, else the framework's kind; where it comes from.
LIST_WORDS: dict[str, Words] = {
    "in scope": ("適用範囲内", "in scope"),
    "requirements": ("要求事項", "requirements"),
    "reference": ("参照用", "reference"),
    "package": ("isms 同梱", "package"),
    "repository": ("リポジトリ", "repository"),
    "policy": ("方針", "policy"),
}


def _list_text(listed: Listed, out: TextIO) -> None:
    repo = listed.repo
    for framework in repo.frameworks.values():
        scope = "in scope" if framework.id in repo.config.frameworks else framework.info.kind
        said = [word(LIST_WORDS.get(value, (value, value)), listed.lang) for value in (scope, framework.origin)]
        out.write(
            f"{framework.id:<24} {len(framework.requirements):>4}  "
            f"{framework.info.name.get(listed.lang)}  [{'; '.join(said)}]\n"
        )


def _list_json(listed: Listed, out: TextIO) -> None:
    json_report.write(list_document(listed.repo), out)


def _show_text(shown: Shown, out: TextIO) -> None:
    framework, lang = shown.framework, shown.lang
    out.write(f"{framework.id}: {framework.info.name.get(lang)} ({framework.info.version})\n")
    for req in framework.requirements.values():
        group = f"[{req.group}] " if req.group else ""
        out.write(f"  {req.id:<14} {group}{req.title.get(lang)}\n")


def _show_json(shown: Shown, out: TextIO) -> None:
    json_report.write(show_document(shown.repo, shown.framework), out)


LIST_RENDERERS: Renderers[Listed] = Renderers({"text": _list_text, "json": _list_json})
SHOW_RENDERERS: Renderers[Shown] = Renderers({"text": _show_text, "json": _show_json})


def run(options: ListOptions | ShowOptions, out: TextIO) -> int:
    """Run `isms catalog`."""
    repo = load_repository(options.root).repository
    if isinstance(options, ListOptions):
        LIST_RENDERERS.write(options.format, Listed(repo, options.lang), out)
        return EXIT_OK
    found = repo.frameworks.get(options.framework)
    if found is None:
        msg = f"unknown framework `{options.framework}`; known: {', '.join(sorted(repo.frameworks))}"
        ja = (
            f"フレームワーク `{options.framework}` はありません。"
            f"読み込まれているもの: {', '.join(sorted(repo.frameworks))}"
        )
        raise UsageError(msg, ja=ja)
    SHOW_RENDERERS.write(options.format, Shown(repo, found, options.lang), out)
    return EXIT_OK
