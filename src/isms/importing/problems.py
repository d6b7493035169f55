"""Where in a spreadsheet something is wrong, and the error that stops an import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, NoReturn

from isms.errors import IsmsError

Level = Literal["error", "warning", "note"]
_LEVELS_JA: dict[str, str] = {"error": "エラー", "warning": "警告", "note": "注記"}


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Place:
    """A file, and where in it: sheet, 1-based row, 0-based column (with its header)."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    header: str | None = None

    def at(self, row: int | None = None, column: int | None = None, header: str | None = None) -> Place:
        """Return the same place, narrowed to a row and/or column."""
        return replace(self, row=row, column=column, header=header)

    def format(self, lang: str = "en") -> str:
        """Return e.g. ``soa.xlsx, sheet "SoA", row 12, column C (ID)`` (``soa.xlsx、シート "SoA"、12 行目…`` in ja)."""
        ja = lang == "ja"
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f'シート "{self.sheet}"' if ja else f'sheet "{self.sheet}"')
        if self.row is not None:
            parts.append(f"{self.row} 行目" if ja else f"row {self.row}")
        if self.column is not None:
            letter = column_letter(self.column)
            if ja:
                parts.append(f"{letter} 列" + (f"（{self.header}）" if self.header else ""))
            else:
                parts.append(f"column {letter}" + (f" ({self.header})" if self.header else ""))
        return ("、" if ja else ", ").join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (error) or worth saying (warning, note) about the input."""

    place: Place
    message: str
    level: Level = "error"
    message_ja: str | None = None
    """``message`` in Japanese, where it was written (else the English is shown in Japanese too)."""

    def format(self, lang: str = "en") -> str:
        """Return ``place: level: message`` in ``lang``."""
        if lang != "ja":
            return f"{self.place.format()}: {self.level}: {self.message}"
        return f"{self.place.format(lang)}: {_LEVELS_JA[self.level]}: {self.message_ja or self.message}"


class ImportFailed(IsmsError):
    """The input has errors: nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)

    def __str__(self) -> str:
        errors = sum(1 for p in self.problems if p.level == "error")
        noun = "error" if errors == 1 else "errors"
        source = self.problems[0].place.file if self.problems else "the input"
        head = f"cannot import {source} ({errors} {noun}; nothing was written):"
        return "\n".join([head, *(f"  {p.format()}" for p in self.problems)])

    def text(self, lang: str) -> str:
        """Return the problems under a head line in ``lang`` (the problems themselves are in English)."""
        if lang != "ja":
            return str(self)
        errors = sum(1 for p in self.problems if p.level == "error")
        source = self.problems[0].place.file if self.problems else "入力"
        head = f"{source} を取り込めません（エラー {errors} 件。何も書き込んでいません）:"
        return "\n".join([head, *(f"  {p.format('ja')}" for p in self.problems)])


def errors_in(problems: Sequence[Problem]) -> bool:
    """Return True when any problem is an error."""
    return any(p.level == "error" for p in problems)


def raise_on_errors(problems: Sequence[Problem]) -> None:
    """Raise :class:`ImportFailed` (with every problem, notes included) when any is an error."""
    if errors_in(problems):
        raise ImportFailed(problems)


def refuse(place: Place, message: str, ja: str | None = None) -> NoReturn:
    """Raise :class:`ImportFailed` with one error (``ja``: its message in Japanese)."""
    raise ImportFailed([Problem(place, message, message_ja=ja)])
