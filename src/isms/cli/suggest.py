"""What a mistyped word on the command line was likely meant to be: ``isms chek`` → ``'check'``.

argparse (before Python 3.14) names the choices or says the option is unknown, and stops there. A
close match (`difflib`, the ratio argparse 3.14 uses too) is one line after the error, in the
language of the error (`isms.cli.Parser.error`). Only argparse's own wording is read: the choices of
an ``invalid choice`` are Python literals (argparse writes them with ``repr``), read back with
`ast.literal_eval`, never evaluated as code; a message of any other kind gets no suggestion.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re

INVALID_CHOICE = re.compile(
    r"(?:argument .+?: )?invalid choice: (?P<value>'.*'|\".*\") \(choose from (?P<choices>.*)\)", re.DOTALL
)
"""argparse's ``invalid choice: %(value)r (choose from %(choices)s)``, with its argument's name or not."""
UNRECOGNIZED = re.compile(r"unrecognized arguments: (?P<words>.*)", re.DOTALL)
"""argparse's ``unrecognized arguments: %s`` (the words joined by spaces)."""
CUTOFF = 0.6
"""How alike a word and a suggestion must be (`difflib.get_close_matches`' default, as in argparse 3.14)."""

EN = "did you mean {}?"
JA = "{} のことですか？"


def _literals(text: str) -> list[str] | None:
    try:
        values = ast.literal_eval(f"[{text}]")
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return values if isinstance(values, list) and all(isinstance(v, str) for v in values) else None


def _close(word: str, candidates: list[str]) -> str | None:
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
    return found[0] if found and found[0] != word else None


def suggestion(parser: argparse.ArgumentParser, message: str) -> str | None:
    """Return what the mistyped word of argparse's ``message`` was likely meant to be, as it is shown.

    A choice is shown quoted as argparse quotes the choices (``'check'``); an option as written
    (``--format``). None when the message is of another kind or nothing is close enough.
    """
    choice = INVALID_CHOICE.fullmatch(message)
    if choice:
        value, choices = _literals(choice["value"]), _literals(choice["choices"])
        if not value or not choices:
            return None
        close = _close(value[0], choices)
        return None if close is None else repr(close)
    unrecognized = UNRECOGNIZED.fullmatch(message)
    if unrecognized:
        options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
        for word in unrecognized["words"].split(" "):
            if word.startswith("--"):
                close = _close(word.partition("=")[0], options)
                if close is not None:
                    return close
    return None


def suggestion_line(parser: argparse.ArgumentParser, message: str, lang: str) -> str:
    """Return the line saying what was likely meant, with its newline, or "" when nothing is close."""
    found = suggestion(parser, message)
    if found is None:
        return ""
    return (JA if lang == "ja" else EN).format(found) + "\n"
