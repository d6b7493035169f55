"""`isms init DIR`: a new ISMS repository, ready for the CI workflow and the site."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from isms.commands.common import nonempty_path, typed
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.edit.install import InstallSource, checked_spec, install_line, running_source
from isms.edit.scaffold import FRAMEWORK, check_plan, plan_init, refuse_existing
from isms.edit.transaction import write_set
from isms.model.base import Lang


@dataclass(frozen=True, slots=True)
class InitOptions:
    """The options of `isms init DIR`."""

    messages: Lang

    dir: Path
    organisation: str | None
    organisation_en: str | None
    github: str | None
    ci: Literal["github", "gitlab"]
    isms_spec: str | None


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms init`."""
    typed(parser, InitOptions)
    parser.add_argument("dir", type=nonempty_path, metavar="DIR", help="the folder to create (new, or empty)")
    parser.add_argument("--organisation", metavar="NAME", help="the organisation's name (default: the folder's name)")
    parser.add_argument("--organisation-en", metavar="NAME", help="its English name (default: the same)")
    parser.add_argument(
        "--github", metavar="HANDLE", help="GitHub user or team of the `ciso` owner, e.g. @your-org/security"
    )
    parser.add_argument(
        "--ci",
        choices=("github", "gitlab"),
        default="github",
        help="CI to set up: GitHub Actions workflow (default) or .gitlab-ci.yml for a self-hosted GitLab",
    )
    parser.add_argument(
        "--isms-spec",
        metavar="SPEC",
        help="what the CI gives `pip install` to get isms, e.g. isms==0.1.0 or git+https://…/isms@COMMIT "
        "(default: the source this isms was installed from: its VCS URL and commit, or its index version)",
    )


def run(options: InitOptions, out: TextIO) -> int:
    """Run `isms init`."""
    target = options.dir
    organisation = options.organisation or target.resolve().name
    source = InstallSource(checked_spec(options.isms_spec)) if options.isms_spec else running_source()
    files = plan_init(organisation, options.organisation_en, options.github, options.ci, source.spec)
    refuse_existing(target, files)
    check_plan(files)
    target.mkdir(parents=True, exist_ok=True)
    write_set(target, {target / rel: content for rel, content in files.items()})
    controls = sum(rel.startswith("controls/") for rel in files)
    lang = options.messages
    lines = [
        say("init_created", lang, target=target, count=len(files), controls=controls, framework=FRAMEWORK),
        say("init_next", lang),
        say("init_install", lang, install=install_line(source.spec)),
    ]
    if source.note:
        lines.append(say("note", lang, note=source.note))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK
