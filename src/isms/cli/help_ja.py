"""`isms --help` in Japanese: a parser's texts replaced by their Japanese, wrapped by display width.

`isms.cli.HelpAction` imports this module only when a help is printed in Japanese (the terminal's
language, or a command's ``--lang`` of messages given before ``--help``), so the start-up of every
other run is untouched. The English texts stay where the options are declared; the Japanese of each
is looked up by its English (`isms.cli.help_texts_ja`), and tests/unit/test_help_ja.py fails on an
English text without one, so a new option cannot ship without its Japanese.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterator

from isms.cli import HelpFormatter
from isms.cli.help_texts_ja import PATTERNS, TEXTS

USAGE = "使用法: "
"""argparse's ``usage: ``."""
POSITIONALS = "位置引数"
"""argparse's ``positional arguments`` heading."""
OPTIONALS = "オプション"
"""argparse's ``options`` heading."""

#: Characters a line must not start with (closing brackets and punctuation), and must not end with.
NOT_FIRST = frozenset("、。，．・：；？！）」』】〕｝〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NOT_LAST = frozenset("（「『【〔｛〈《")
# A run of characters that are not wide (an option, a path, an English word) stays whole; a wide
# character is a unit of its own, so Japanese breaks between any two of them.
UNITS = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+|.")


def text_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes: a wide or full-width character two, others one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def japanese(text: str) -> str | None:
    """Return the Japanese of an English help text, or None when it has none."""
    found = TEXTS.get(text)
    if found is not None:
        return found
    for english, ja in PATTERNS:
        matched = english.fullmatch(text)
        if matched:
            return matched.expand(ja)
    return None


def _units(text: str) -> Iterator[str]:
    """Yield the pieces a line may break between, a closing mark kept with what precedes it."""
    pending = ""
    for unit in UNITS.findall(text):
        if unit[0] in NOT_FIRST and pending and not pending.isspace():
            pending += unit
            continue
        if pending and pending[-1] in NOT_LAST and not unit.isspace():
            pending += unit
            continue
        if pending:
            yield pending
        pending = unit
    if pending:
        yield pending


def wrap(text: str, columns: int) -> list[str]:
    """Return ``text`` cut into lines of at most ``columns`` terminal columns (a unit wider is alone).

    Spaces break a line as in English; Japanese breaks between characters, but not before a closing
    mark (、。）) nor after an opening one (（「), and an English word or option is never cut.
    """
    lines: list[str] = []
    line, used = "", 0
    for unit in _units(text):
        if unit.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = text_width(unit)
        if line and used + size > columns:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + unit, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class JapaneseHelpFormatter(HelpFormatter):
    """The CLI's formatter with argparse's words in Japanese and lines wrapped by display width."""

    def _format_usage(self, usage: str | None, actions: object, groups: object, prefix: str | None) -> str:
        # argparse aligns the usage's continuation lines by len(prefix): pass a stand-in as wide as
        # the Japanese prefix, then put the prefix in its place.
        stand_in = "\0" * text_width(USAGE)
        text: str = super()._format_usage(usage, actions, groups, stand_in)  # type: ignore[arg-type]
        return text.replace(stand_in, USAGE, 1)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # descriptions and epilogs keep their lines (as the English's raw formatter does); a line
        # wider than the terminal is wrapped, its continuation indented as it is
        out = []
        for line in text.splitlines():
            body = line.lstrip()
            lead = line[: len(line) - len(body)]
            room = width - len(indent) - len(lead)
            pieces = wrap(body, room) if text_width(body) > room else [body.rstrip()]
            out += [indent + lead + piece for piece in pieces] if body else [""]
        return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _swap(text: str | None) -> str | None:
    if text is None or text is argparse.SUPPRESS:
        return text
    found = japanese(text)
    return text if found is None else found


def localise(parser: argparse.ArgumentParser) -> None:
    """Put the Japanese of ``parser``'s texts in their place, and the Japanese formatter (for its help).

    Only this parser changes (its description, epilog, headings, options and the help lines of its
    subcommands); the help is printed right after and the process exits. A text without Japanese
    stays English (tests/unit/test_help_ja.py fails on one).
    """
    parser.formatter_class = JapaneseHelpFormatter
    parser.description = _swap(parser.description)
    parser.epilog = _swap(parser.epilog)
    for group in parser._action_groups:
        group.title = {"positional arguments": POSITIONALS, "options": OPTIONALS}.get(group.title or "", group.title)
    for action in parser._actions:
        action.help = _swap(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = _swap(choice.help)
