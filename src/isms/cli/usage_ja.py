"""argparse's usage errors in Japanese: the usage line, the error and what to do.

`isms.cli.Parser.error` imports this module only when an error is printed in Japanese, so no other
run pays for it. argparse words its errors in English (``the following arguments are required:
--from``, ``argument --today: expected one argument``); the Japanese of each is found here by its
English, as the help's is (`isms.cli.help_ja`), and so is the Japanese of the errors of the option
types (`isms.commands.common`: ``not a date: …``). tests/unit/test_usage_ja.py fails on a message of
argparse's or of an option type without its Japanese, and on English left in a Japanese error.
"""

from __future__ import annotations

import argparse
import re

from isms.cli.help_ja import JapaneseHelpFormatter
from isms.cli.suggest import suggestion_line

HINT = "使い方は `{prog} --help` で確認できます"
"""What to do, as `isms.cli.HINT` says it in English."""

ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<message>.*)", re.DOTALL)
"""argparse's ``argument %(argument_name)s: %(message)s``: an option's (or positional's) error."""

#: The Japanese of argparse's messages and of the option types' (keyed by a pattern of the English).
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english, re.DOTALL), ja)
    for english, ja in (
        # argparse's own (Python 3.11's argparse.py, every `_()` a person can see)
        (r"the following arguments are required: (.*)", r"次の引数を指定してください: \1"),
        (r"unrecognized arguments: (.*)", r"使えない引数です: \1"),
        (r"expected one argument", r"値を 1 つ指定してください"),
        (r"expected at most one argument", r"値は 1 つまでです"),
        (r"expected at least one argument", r"値を 1 つ以上指定してください"),
        (r"expected (\d+) arguments?", r"値を \1 個指定してください"),
        (r"invalid choice: (.*) \(choose from (.*)\)", r"\1 は選べません（選べる値: \2）"),
        (r"invalid (\S+) value: (.*)", r"\2 は \1 の値として読めません"),
        (r"ambiguous option: (\S+) could match (.*)", r"\1 がどのオプションか決まりません（候補: \2）"),
        (r"one of the arguments (.*) is required", r"\1 のどれかを指定してください"),
        (r"not allowed with argument (.*)", r"\1 と一緒には指定できません"),
        (r"ignored explicit argument (.*)", r"このオプションは値を取りません: \1"),
        (r"unknown parser (.*) \(choices: (.*)\)", r"\1 というサブコマンドはありません（選べる値: \2）"),
        (r"unexpected option string: (.*)", r"予期しないオプションです: \1"),
        # the option types' (isms.commands.common)
        (r"not a date: (.*) \(write YYYY-MM-DD\)", r"日付ではありません: \1（YYYY-MM-DD の形で書いてください）"),
        (
            r"not a duration: (.*) \(write a number and a unit: 30d, 6w, 3m or 1y\)",
            r"期間ではありません: \1（数と単位で書いてください: 30d、6w、3m、1y）",
        ),
        (
            r"not an address: (.*) \(write HOST:PORT, e\.g\. 127\.0\.0\.1:8000\)",
            r"アドレスではありません: \1（HOST:PORT の形で書いてください。例: 127.0.0.1:8000）",
        ),
        (
            r"an empty path \(write a file or folder, e\.g\. \. for the current directory\)",
            r"パスが空です（ファイルかフォルダを書いてください。カレントディレクトリなら .）",
        ),
        (
            r"not a whole number: (.*) \(write a number: 0, 1, 2…\)",
            r"0 以上の整数ではありません: \1（0、1、2… のように数字で書いてください）",
        ),
    )
)


def japanese(message: str) -> str | None:
    """Return the Japanese of an argparse error message, or None when it has none."""
    argument = ARGUMENT.fullmatch(message)
    if argument:
        inner = japanese(argument["message"])
        return None if inner is None else f"{argument['name']}: {inner}"
    for english, ja in MESSAGES:
        matched = english.fullmatch(message)
        if matched:
            return matched.expand(ja)
    return None


def usage_error(parser: argparse.ArgumentParser, message: str) -> str:
    """Return what `isms.cli.Parser.error` prints in Japanese: the usage, the error and what to do.

    A message without Japanese (none, while tests/unit/test_usage_ja.py passes) is shown as argparse
    words it, in the Japanese frame.
    """
    formatter = JapaneseHelpFormatter(prog=parser.prog)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    found = japanese(message)
    return (
        f"{formatter.format_help()}{parser.prog}: エラー: {message if found is None else found}\n"
        f"{suggestion_line(parser, message, 'ja')}{HINT.format(prog=parser.prog)}\n"
    )
