"""The command registry: every command is listed from a table; its module is imported only on dispatch."""

from __future__ import annotations

import argparse
import dataclasses
import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import isms.commands
from helpers import demo_files, write_repo
from isms.cli import HelpFormatter, build_parser, main, terminal_columns, typed_options
from isms.commands import COMMANDS, dispatched
from isms.export.oscal import OSCAL_VERSION

HEAVY = ("openpyxl", "xlsxwriter", "jinja2", "mkdocs", "material", "icalendar", "git")
# Modules of isms.commands that are not commands.
HELPERS = {"isms.commands.common", "isms.commands.exit_codes"}


def imported_after(*argv: str) -> tuple[int, set[str]]:
    """Run ``isms ARGV`` in a fresh interpreter; return its exit code and the modules it imported."""
    script = (
        "import contextlib, io, json, sys\n"
        "from isms.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, check=True)
    code, modules = json.loads(done.stdout.splitlines()[-1])
    return code, set(modules)


def tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_every_command_module_is_in_the_table() -> None:
    modules = {info.name for info in pkgutil.iter_modules(isms.commands.__path__, "isms.commands.") if not info.ispkg}
    shared = HELPERS | {"isms.commands.summaries"}  # the summary lines' words: imported by the commands that print one
    assert modules - shared == {entry.module for entry in COMMANDS.values()}
    for entry in COMMANDS.values():
        command = entry.load()
        assert callable(command.configure)
        assert callable(command.run)


def test_the_export_help_names_the_oscal_version() -> None:
    assert f"OSCAL {OSCAL_VERSION} " in COMMANDS["export"].help


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["validate", "--root", "x"], "validate"),
        (["--help"], None),
        (["-h", "check"], "check"),
        (["nosuch"], None),
        (["--", "validate"], None),
        ([], None),
    ],
)
def test_dispatched_is_the_first_word_that_is_not_an_option(argv: list[str], name: str | None) -> None:
    assert dispatched(argv) == name


def test_version_and_help_import_no_command() -> None:
    for argv in (["--version"], ["--help"]):
        code, modules = imported_after(*argv)
        assert code == 0
        assert {m for m in modules if m.startswith("isms.commands.")} == HELPERS - {"isms.commands.common"}
        assert not tops(modules) & {*HEAVY, "pydantic", "ruamel"}


def test_help_lists_every_command_with_its_help() -> None:
    done = subprocess.run([sys.executable, "-m", "isms", "--help"], capture_output=True, text=True, check=True)
    listing = " ".join(done.stdout.split())
    for name, entry in COMMANDS.items():
        assert f"{name} {' '.join(entry.help.split())}" in listing


def test_validate_imports_no_workbook_template_or_site_library(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    code, modules = imported_after("validate", "--root", str(root))
    assert code == 0
    assert not tops(modules) & set(HEAVY)
    assert {m for m in modules if m.startswith("isms.commands.")} == HELPERS | {"isms.commands.validate"}
    assert not {m for m in modules if m.startswith(("isms.site", "isms.export", "isms.importing", "isms.checks"))}


def test_a_command_is_dispatched_with_its_options(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    code, modules = imported_after("catalog", "list", "--root", str(root), "--format", "json")
    assert code == 0
    assert "isms.commands.catalog" in modules
    assert "isms.commands.validate" not in modules


def leaf_parsers(parser: argparse.ArgumentParser, path: str) -> list[tuple[str, argparse.ArgumentParser]]:
    """The parsers that parse a command line in full: the command's own, or each of its actions."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            choices: dict[str, argparse.ArgumentParser] = action.choices
            return [leaf for name, child in choices.items() for leaf in leaf_parsers(child, f"{path} {name}")]
    return [(path, parser)]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_parser_declares_frozen_options_with_its_dests(name: str) -> None:
    parser = build_parser(name)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for path, leaf in leaf_parsers(sub.choices[name], name):
        kind = leaf.get_default("options")
        assert isinstance(kind, type), f"isms {path} declares no options class"
        assert dataclasses.is_dataclass(kind), path
        assert kind.__dataclass_params__.frozen, path  # type: ignore[attr-defined]
        assert hasattr(kind, "__slots__"), path
        dests = {a.dest for a in leaf._actions if a.dest != "help"}
        declared = {name for name in leaf._defaults if name != "options"}  # `messages`: common.typed gives it
        assert dests <= {f.name for f in dataclasses.fields(kind)} <= dests | declared, path


def test_the_cli_builds_the_options_and_commands_read_no_namespace(tmp_path: Path) -> None:
    parser = build_parser("evidence")
    args = parser.parse_args(["evidence", "add", "x.csv", "--for", "DM-1", "DM-2", "--root", str(tmp_path)])
    options = typed_options(args)
    assert type(options).__name__ == "AddOptions"
    assert options.controls == ("DM-1", "DM-2")  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.root = Path()  # type: ignore[attr-defined]
    for path in Path(isms.commands.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "args." not in text, path
        assert "getattr(" not in text, path


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    choices: dict[str, argparse.ArgumentParser] = action.choices
    return choices


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_parsed_alone_has_the_help_and_usage_it_has_among_all(name: str) -> None:
    alone, among_all = build_parser(name, alone=True), build_parser(name)
    assert list(subcommands(alone)) == [name]
    assert list(subcommands(among_all)) == list(COMMANDS)
    assert subcommands(alone)[name].format_help() == subcommands(among_all)[name].format_help()
    assert alone.format_usage() == among_all.format_usage()


def test_an_unknown_command_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valdate"]) == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'valdate' (choose from " + ", ".join(f"'{name}'" for name in COMMANDS) + ")" in error


@pytest.mark.parametrize("columns", [None, "100", "37", "0", "-5", "wide", ""])
def test_the_help_is_as_wide_as_argparse_makes_it(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    ours, argparse_own = HelpFormatter("isms"), argparse.RawDescriptionHelpFormatter("isms")
    assert (ours._width, ours._max_help_position) == (argparse_own._width, argparse_own._max_help_position)
