"""Command line: ``main(argv) -> int``. Parsing stops here; commands get typed options."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from isms import __version__
from isms.cli.errors import EXIT_USAGE, Exit, error_boundary
from isms.commands import COMMANDS, dispatched
from isms.language import terminal_lang

EPILOG = """\
exit codes:
  0  success (no error findings)
  1  the repository has errors (or warnings with --strict)
  2  bad usage, or --root is not an ISMS repository
  3  internal error (a bug in isms: please report it)
"""


def terminal_columns() -> int:
    """Return ``shutil.get_terminal_size().columns``, without importing shutil.

    argparse sizes every formatter it makes that way, and it makes one for each option added (to
    check its metavar), so shutil (with bz2, lzma and zlib) was imported by every run: about 5 M
    instructions of `isms validate`. The same columns: ``COLUMNS`` when it is a positive number,
    else the width of the terminal on standard output, else 80.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        size = os.get_terminal_size(stdout.fileno()) if stdout is not None else None
    except (AttributeError, ValueError, OSError):  # closed, detached, not a terminal (as shutil)
        size = None
    return (size.columns if size is not None else 0) or 80


HINT = "run `{prog} --help` to see how to use it"
"""What a usage error says to do, after argparse's error line."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter that keeps descriptions as written, as wide as argparse makes it (`terminal_columns`)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        # argparse: ``shutil.get_terminal_size().columns - 2`` when no width is given
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class HelpAction(argparse.Action):
    """``-h``/``--help``: print the parser's help in the language of messages, then exit 0.

    That language is the command's ``--lang`` of messages when given before ``--help``, else the
    terminal's (`messages_lang`). The Japanese texts (`isms.cli.help_ja`) are imported here only,
    when a help is printed in Japanese, so no other run pays for them.
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> NoReturn:
        if messages_lang(namespace, terminal_lang(os.environ)) == "ja":
            from isms.cli.help_ja import localise  # noqa: PLC0415 (only for a help shown in Japanese)

            localise(parser)
        parser.print_help()
        parser.exit()


class Parser(argparse.ArgumentParser):
    """argparse's parser with `HelpAction` as its ``-h``/``--help`` (its subparsers are Parsers too).

    The option is added as argparse adds its own, with the same words, so the English help is argparse's.
    """

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:  # argparse's keywords, as add_parser passes
        super().__init__(add_help=False, **kwargs)
        self.register("action", "help", HelpAction)
        self.add_help = add_help
        self.given_lang: str | None = None
        """The ``--lang`` on the command line (`main` tells every parser), for `error`."""
        if add_help:
            prefix = self.prefix_chars[0]
            self.add_argument(f"{prefix}h", f"{prefix * 2}help", action="help", help="show this help message and exit")

    def error(self, message: str) -> NoReturn:
        """Print argparse's usage and error in the language of messages, with what to do; exit 2.

        The language is this parser's ``--lang`` of messages when the command line has one, else
        the terminal's (as for `error_boundary`). English is argparse's usage and error line as
        argparse prints them, then what a mistyped choice or option was likely meant to be
        (`isms.cli.suggest`, when one is close), then the line saying to read the help; the Japanese
        (`isms.cli.usage_ja`, imported only to print one) says the same.
        """
        lang = self.given_lang if self.given_lang and self._defaults.get("lang_of_messages") else None
        if (lang or terminal_lang(os.environ)) == "ja":
            from isms.cli.usage_ja import usage_error  # noqa: PLC0415 (only for an error shown in Japanese)

            self.exit(EXIT_USAGE, usage_error(self, message))
        from isms.cli.suggest import suggestion_line  # noqa: PLC0415 (only for an error)

        self.print_usage(sys.stderr)
        tip = suggestion_line(self, message, "en")
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n{tip}{HINT.format(prog=self.prog)}\n")


def build_parser(selected: str | None = None, *, alone: bool = False) -> argparse.ArgumentParser:
    """Return the parser: every subcommand with its help line, the options of ``selected`` only.

    Only the selected command's module is imported (to add its options); the others are listed
    from the registry's table, so `isms --help` and `isms --version` import no command. With
    ``alone`` the other subcommands are left out: `main` asks for that when the command line
    starts with the command, as then nothing prints the list of commands (`isms --help` does, an
    unknown command's error does) and argparse would build a parser for each of them for nothing.
    """
    parser = Parser(
        prog="isms",
        description="ISMS as code: validate, check, measure and publish an ISO/IEC 27001 ISMS kept in git.",
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"isms {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, entry in COMMANDS.items():
        if alone and name != selected:
            continue
        child = sub.add_parser(
            name,
            help=entry.help,
            description=entry.help,
            epilog=EPILOG,
            formatter_class=HelpFormatter,
        )
        if name == selected:
            entry.load().configure(child)
    return parser


def parsers(parser: argparse.ArgumentParser) -> Iterator[Parser]:
    """Yield ``parser`` and every subparser below it (those `build_parser` made)."""
    if isinstance(parser, Parser):
        yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from parsers(child)


def innermost(parser: argparse.ArgumentParser, words: Sequence[str]) -> argparse.ArgumentParser:
    """Return the parser of the (sub)command ``words`` name: ``isms evidence add …`` gives evidence add's."""
    for word in words:
        if word == "--":
            break
        sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        if sub is None:
            break
        if word in sub.choices:
            parser = sub.choices[word]
    return parser


def given_lang(words: Sequence[str]) -> str | None:
    """Return the last ``--lang ja|en`` (or ``--lang=…``) of the command line, or None."""
    found = None
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words):
            value = words[index + 1]
        elif word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        else:
            continue
        found = value if value in ("ja", "en") else found
    return found


def typed_options(args: argparse.Namespace) -> object:
    """Build the frozen options object the dispatched (sub)parser declared, from its values by field name.

    This is the one place that reads the ``argparse.Namespace``; commands get typed fields (lists of
    repeated options become tuples, so the options stay immutable).
    """
    kind = args.options
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        msg = f"`isms {args.command}` declares no options class (commands.common.typed)"
        raise TypeError(msg)
    values = {name: tuple(value) if isinstance(value, list) else value for name, value in vars(args).items()}
    return kind(**{field.name: values[field.name] for field in dataclasses.fields(kind)})


def messages_lang(args: argparse.Namespace, terminal: str) -> str:
    """Return the language of a command's error messages: its ``--lang`` of messages, else the terminal's.

    A document's ``--lang`` (the site, the SoA: Japanese unless asked) is the document's language,
    not the terminal's, so an error of `isms site build` follows ``ISMS_LANG`` and the locale.
    ``add_terminal_lang`` marks the parsers whose ``--lang`` is the messages' (``lang_of_messages``).
    """
    if getattr(args, "lang_of_messages", False) and args.lang in ("ja", "en"):
        return str(args.lang)
    return terminal


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    selected = dispatched(words)
    parser = build_parser(selected, alone=selected is not None and words[0] == selected)
    given = given_lang(words)
    if given is not None:
        for each in parsers(parser):
            each.given_lang = given
    try:
        args, extra = parser.parse_known_args(words)
        if extra:  # the command's parser says so, with its usage and its help to read (argparse: the top's)
            innermost(parser, words).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # argparse exits on --help, --version and bad usage
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    command = COMMANDS[args.command].load()
    options = typed_options(args)
    try:
        with error_boundary(messages_lang(args, terminal_lang(os.environ))):
            return command.run(options, sys.stdout)
    except Exit as exc:
        return exc.code
