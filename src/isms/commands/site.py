"""`isms site build` and `isms site serve`: the auditor site, built with MkDocs (or Zensical).

The site is built even when checks fail: auditors must see the gaps. `build` exits 0 when the site
was built, and non-zero only when the engine fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import add_lang, add_root, add_today, host_port, nonempty_path, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.evaluation import Evaluation, evaluate
from isms.model.base import Lang
from isms.report.text import summary
from isms.site import build as site_build
from isms.site import serve as site_serve
from isms.site.engine import ENGINES, Engine


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """The options of `isms site build`."""

    root: Path
    today: dt.date | None
    lang: Lang
    engine: Engine
    out: Path | None
    messages: Lang


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """The options of `isms site serve`."""

    root: Path
    today: dt.date | None
    lang: Lang
    engine: Engine
    dev_addr: str
    messages: Lang


def _common(parser: argparse.ArgumentParser) -> None:
    add_root(parser)
    add_today(parser)
    add_lang(parser)
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the site engine (default: mkdocs; zensical needs `pip install zensical`)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `build` and `serve`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = sub.add_parser(
        "build",
        help="generate the pages and build the site (even when checks fail)",
        description="Generate the pages from the repository and build the site with the engine. "
        "Exits 0 when the site was built, whatever the checks found; non-zero only when the engine fails.",
    )
    typed(build, BuildOptions)
    _common(build)
    build.add_argument(
        "--out", type=nonempty_path, default=None, metavar="DIR", help="output folder (default: ROOT/site)"
    )
    serve = sub.add_parser(
        "serve",
        help="live preview: regenerate on every change of the sources",
        description="Generate the pages into a staging folder and serve them with the engine's "
        "development server; the sources (isms.yaml, controls/, policies/, evidence/, catalogs/, the "
        "hand-written pages and mkdocs.yml) are polled every second and the pages regenerated on change.",
    )
    typed(serve, ServeOptions)
    _common(serve)
    serve.add_argument(
        "--dev-addr",
        type=host_port,
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="address to serve on (default: %(default)s)",
    )


def run(options: BuildOptions | ServeOptions, out: TextIO) -> int:
    """Run `isms site build` or `isms site serve`."""
    day = options.today
    if isinstance(options, ServeOptions):
        root = options.root

        def evaluation() -> Evaluation:
            return evaluate(root, day)

        site_serve.serve(
            evaluation,
            lang=options.lang,
            engine=options.engine,
            dev_addr=options.dev_addr,
            out=out,
            messages=options.messages,
        )
        return EXIT_OK
    started = time.perf_counter()
    result = evaluate(options.root, day)
    evaluated = time.perf_counter() - started
    target = options.out if options.out is not None else result.repository.root / "site"
    built = site_build.build(result, lang=options.lang, out=target, engine=options.engine)
    info = built.info
    lang = options.messages
    line = say(
        "site_built",
        lang,
        out=built.out,
        index=built.out / "index.html",
        pages=built.pages,
        files=built.files,
        evaluation=f"{evaluated:.1f}",
        generate=f"{built.generate_seconds:.1f}",
        engine=options.engine,
        engine_seconds=f"{built.engine_seconds:.1f}",
    )
    commit = say("site_commit", lang, commit=info.commit_short) if info.commit_short else ""
    checked = summary(result.findings, lang=lang)
    out.write(line + "\n" + say("site_as_of", lang, day=info.as_of, commit=commit, summary=checked) + "\n")
    return EXIT_OK
