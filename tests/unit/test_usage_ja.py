"""Usage errors in the language of messages: every argparse message has its Japanese, and says what to do."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import RunIsms
from isms.cli import HINT, Parser
from isms.cli.suggest import suggestion
from isms.cli.usage_ja import MESSAGES, japanese
from isms.commands import COMMANDS
from isms.commands.common import duration, host_port, iso_date, nonempty_path, whole_number
from unit.test_help_ja import ARGPARSE_ENGLISH, PATHS, allowed_words, english_left, modules_after, parser_at
from unit.test_messages import JAPANESE

#: An example of each argparse message a person can see (Python's argparse.py, each `_()` text).
SEEN: dict[str, str] = {
    "argument %(argument_name)s: %(message)s": "argument --today: expected one argument",
    "the following arguments are required: %s": "the following arguments are required: --from, --size",
    "unrecognized arguments: %s": "unrecognized arguments: --bogus extra",
    "expected one argument": "expected one argument",
    "expected at most one argument": "expected at most one argument",
    "expected at least one argument": "expected at least one argument",
    "expected %s argument": "expected 1 argument",
    "expected %s arguments": "expected 2 arguments",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid choice: 'xml' (choose from 'text', 'json')",
    "invalid %(type)s value: %(value)r": "invalid int value: 'x'",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous option: --tit could match --title, --title-en",
    "one of the arguments %s is required": "one of the arguments --a --b is required",
    "not allowed with argument %s": "not allowed with argument --a",
    "ignored explicit argument %r": "ignored explicit argument 'yes'",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "unknown parser 'x' (choices: a, b)",
    "unexpected option string: %s": "unexpected option string: -x",
}
#: argparse's words around a message, put in Japanese by the help's and the error's formatter.
FRAME = frozenset(
    {"usage: ", "%(prog)s: error: %(message)s\n", "positional arguments", "options", "show this help message and exit"}
)
#: Raised while a parser is built (a bug in isms, seen by every test), or by argparse.FileType, which isms does not use.
NOT_SHOWN = frozenset(
    {
        *("conflicting option string: %s", "conflicting option strings: %s", ".__call__() not defined"),
        *("'required' is an invalid argument for positionals", "mutually exclusive arguments must be optional"),
        *(
            "%r is not callable",
            "cannot merge actions - two groups are named %r",
            "dest= is required for options like %r",
        ),
        *("invalid option string %(option)r: must start with a character %(prefix_chars)r",),
        *("invalid conflict_resolution value: %r", "cannot have multiple subparser arguments"),
        *("conflicting subparser: %s", "conflicting subparser alias: %s"),
        *("can't open '%(filename)s': %(error)s", 'argument "-" with mode %r'),
    }
)
#: The values and names in those examples, which stay as typed in the Japanese.
VALUES = frozenset({"extra", "xml", "text", "json", "int", "ten", "nowhere", "yes"})
#: The errors of the option types, as each words a bad value.
TYPE_ERRORS = [
    (iso_date, "2026-13-01"),
    (duration, "3q"),
    (host_port, "nowhere"),
    (nonempty_path, ""),
    (whole_number, "-1"),
    (whole_number, "ten"),
]


def argparse_messages() -> set[str]:
    """Return every text argparse passes to gettext (``_()``, ``ngettext``)."""
    tree = ast.parse(inspect.getsource(argparse))
    return {
        arg.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }


def type_error(kind: object, value: str) -> str:
    with pytest.raises(argparse.ArgumentTypeError) as raised:
        kind(value)  # type: ignore[operator]
    return str(raised.value)


def test_every_argparse_message_and_option_type_error_has_its_japanese_and_every_japanese_is_used() -> None:
    assert argparse_messages() - FRAME - NOT_SHOWN == set(SEEN)  # a newer argparse with a new message fails here
    examples = [*SEEN.values(), *(type_error(kind, value) for kind, value in TYPE_ERRORS)]
    used = set()
    for english in examples:
        found = japanese(english)
        assert found is not None, english
        assert JAPANESE.search(found), english
        assert english_left(found, set(VALUES)) == [], found
        used |= {pattern for pattern, _ in MESSAGES if pattern.fullmatch(english)}
        used |= {pattern for pattern, _ in MESSAGES if pattern.fullmatch(english.partition(": ")[2])}
    assert {pattern for pattern, _ in MESSAGES} == used
    assert japanese("a message nobody translated") is None
    assert japanese("argument --x: a message nobody translated") is None
    # no option reads a file with argparse.FileType, whose errors are the OS's English
    assert not [
        action for path in PATHS for action in parser_at(path)._actions if isinstance(action.type, argparse.FileType)
    ]


# Each kind of usage error isms' own parsers can give: the command line, argparse's message, its Japanese.
KINDS = [
    ((), (), "the following arguments are required: COMMAND", "次の引数を指定してください: COMMAND"),
    (
        ("frobnicate",),  # nothing close to it: no suggestion (test_a_close_choice_or_option_is_suggested)
        (),
        "argument COMMAND: invalid choice: 'frobnicate' (choose from " + ", ".join(f"'{n}'" for n in COMMANDS) + ")",
        "COMMAND: 'frobnicate' は選べません（選べる値: " + ", ".join(f"'{n}'" for n in COMMANDS) + "）",
    ),
    (
        ("check", "--bogus", "extra"),
        ("check",),
        "unrecognized arguments: --bogus extra",
        "使えない引数です: --bogus extra",
    ),
    (("check", "--today"), ("check",), "argument --today: expected one argument", "--today: 値を 1 つ指定してください"),
    (
        ("evidence", "add", "a.csv", "--for"),
        ("evidence", "add"),
        "argument --for: expected at least one argument",
        "--for: 値を 1 つ以上指定してください",
    ),
    (
        ("check", "--format", "xml"),
        ("check",),
        "argument --format: invalid choice: 'xml' (choose from 'text', 'json', 'github', 'sarif')",
        "--format: 'xml' は選べません（選べる値: 'text', 'json', 'github', 'sarif'）",
    ),
    (
        ("evidence", "add", "a.csv", "--for", "DM-1", "--tit", "T"),
        ("evidence", "add"),
        "ambiguous option: --tit could match --title, --title-en",
        "--tit がどのオプションか決まりません（候補: --title, --title-en）",
    ),
    (
        ("check", "--strict=yes"),
        ("check",),
        "argument --strict: ignored explicit argument 'yes'",
        "--strict: このオプションは値を取りません: 'yes'",
    ),
    (
        ("sample", "--size", "2"),
        ("sample",),
        "the following arguments are required: --from, --seed",
        "次の引数を指定してください: --from, --seed",
    ),
    (
        ("check", "--today", "2026-13-01"),
        ("check",),
        "argument --today: not a date: '2026-13-01' (write YYYY-MM-DD)",
        "--today: 日付ではありません: '2026-13-01'（YYYY-MM-DD の形で書いてください）",
    ),
    (
        ("remind", "--within", "3q"),
        ("remind",),
        "argument --within: not a duration: '3q' (write a number and a unit: 30d, 6w, 3m or 1y)",
        "--within: 期間ではありません: '3q'（数と単位で書いてください: 30d、6w、3m、1y）",
    ),
    (
        ("site", "serve", "--dev-addr", "nowhere"),
        ("site", "serve"),
        "argument --dev-addr: not an address: 'nowhere' (write HOST:PORT, e.g. 127.0.0.1:8000)",
        "--dev-addr: アドレスではありません: 'nowhere'（HOST:PORT の形で書いてください。例: 127.0.0.1:8000）",
    ),
    (
        ("check", "--root", ""),
        ("check",),
        "argument --root: an empty path (write a file or folder, e.g. . for the current directory)",
        "--root: パスが空です（ファイルかフォルダを書いてください。カレントディレクトリなら .）",
    ),
    (
        ("sample", "--from", "evidence", "--size", "ten", "--seed", "s"),
        ("sample",),
        "argument --size: not a whole number: 'ten' (write a number: 0, 1, 2…)",
        "--size: 0 以上の整数ではありません: 'ten'（0、1、2… のように数字で書いてください）",
    ),
    (
        ("import", "controls", "a.csv", "--header-row", "-1"),
        ("import", "controls"),
        "argument --header-row: not a whole number: '-1' (write a number: 0, 1, 2…)",
        "--header-row: 0 以上の整数ではありません: '-1'（0、1、2… のように数字で書いてください）",
    ),
]


def japanese_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_LANG", "ja")


@pytest.mark.parametrize(("argv", "path", "english", "ja"), KINDS, ids=[" ".join(kind[0]) or "isms" for kind in KINDS])
def test_each_kind_of_usage_error_in_both_languages(
    argv: tuple[str, ...],
    path: tuple[str, ...],
    english: str,
    ja: str,
    run_isms: RunIsms,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    parser = parser_at(path)
    prog = parser.prog
    result = run_isms(*argv)
    # English: argparse's usage and error line, byte for byte, then what to do; exit 2 as before
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{parser.format_usage()}{prog}: error: {english}\nrun `{prog} --help` to see how to use it\n"
    japanese_terminal(monkeypatch)
    result = run_isms(*argv)
    assert (result.code, result.out) == (2, "")
    usage, error, hint = result.err.rsplit("\n", 3)[:3]
    assert (error, hint) == (f"{prog}: エラー: {ja}", f"使い方は `{prog} --help` で確認できます")
    assert usage.startswith(f"使用法: {prog}")
    assert usage.split()[1:] == parser.format_usage().split()[1:]  # the same options, as argparse lists them
    assert not [words for words in (*ARGPARSE_ENGLISH, "error:", "argument ") if words in result.err]


def test_the_kinds_no_isms_option_gives_in_both_languages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parser with what isms' parsers have not (yet): nargs=2, type=int, exclusive options."""

    def demo() -> Parser:
        parser = Parser(prog="isms demo")
        parser.add_argument("--pair", nargs=2)
        parser.add_argument("--count", type=int)
        either = parser.add_mutually_exclusive_group(required=True)
        either.add_argument("--a", action="store_true")
        either.add_argument("--b", action="store_true")
        return parser

    cases = [
        (["--a", "--pair", "x"], "argument --pair: expected 2 arguments", "--pair: 値を 2 個指定してください"),
        (
            ["--a", "--count", "x"],
            "argument --count: invalid int value: 'x'",
            "--count: 'x' は int の値として読めません",
        ),
        ([], "one of the arguments --a --b is required", "--a --b のどれかを指定してください"),
        (["--a", "--b"], "argument --b: not allowed with argument --a", "--b: --a と一緒には指定できません"),
    ]
    for argv, english, ja in cases:
        for lang, line, hint in (
            ("en", f"isms demo: error: {english}", HINT.format(prog="isms demo")),
            ("ja", f"isms demo: エラー: {ja}", "使い方は `isms demo --help` で確認できます"),
        ):
            monkeypatch.setenv("ISMS_LANG", lang)
            with pytest.raises(SystemExit) as exited:
                demo().parse_args(argv)
            assert exited.value.code == 2
            assert capsys.readouterr().err.splitlines()[-2:] == [line, hint]
    # and those argparse cannot reach from a command line, but words all the same
    assert japanese("argument --x: expected at most one argument") == "--x: 値は 1 つまでです"
    assert japanese("unknown parser 'x' (choices: a, b)") == "'x' というサブコマンドはありません（選べる値: a, b）"
    assert japanese("unexpected option string: -x") == "予期しないオプションです: -x"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "isms")
def test_every_parser_errors_in_japanese_in_a_japanese_terminal(
    path: tuple[str, ...], run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the help's test: an unknown option given to each command and subcommand, in both languages."""
    monkeypatch.setenv("COLUMNS", "80")
    english = run_isms(*path, "--no-such-option")
    assert (english.code, english.out) == (2, "")
    *_, line, hint = english.err.splitlines()
    prog = line.partition(": error: ")[0]
    message = line.partition(": error: ")[2]
    assert english.err == f"{parser_at(path).format_usage()}{line}\n{hint}\n"
    assert hint == f"run `{prog} --help` to see how to use it"
    assert prog == parser_at(path).prog  # the (sub)command's own usage and help, not the top's
    assert not JAPANESE.search(english.err)
    japanese_terminal(monkeypatch)
    result = run_isms(*path, "--no-such-option")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"使用法: {prog}")
    assert result.err.splitlines()[-2:] == [
        f"{prog}: エラー: {japanese(message)}",
        f"使い方は `{prog} --help` で確認できます",
    ]
    assert japanese(message) is not None
    assert not [words for words in ARGPARSE_ENGLISH if words in result.err]
    assert english_left("\n".join(result.err.splitlines()[-2:]), allowed_words(parser_at(path))) == []


def test_a_lang_of_messages_on_the_command_line_decides_and_a_documents_does_not(
    run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "isms check: エラー: --today: 日付ではありません" in run_isms("check", "--today", "x", "--lang", "ja").err
    assert "isms check: エラー: --today: 日付ではありません" in run_isms("check", "--lang=ja", "--today", "x").err
    assert "isms site build: error: argument --today" in run_isms("site", "build", "--lang", "ja", "--today", "x").err
    japanese_terminal(monkeypatch)
    assert "isms check: error: argument --today" in run_isms("check", "--lang", "en", "--today", "x").err
    assert "isms site build: エラー: --today" in run_isms("site", "build", "--lang", "en", "--today", "x").err
    assert "isms: エラー: COMMAND" in run_isms("bogus", "--lang", "en").err  # no command's --lang yet


def test_a_file_given_as_root_is_called_a_file(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "isms.yaml"
    file.write_text("version: 1\n", encoding="utf-8")
    english = [run_isms(*command, "--root", str(file)) for command in (["check"], ["diff", "--base", "HEAD"])]
    assert [(result.code, result.err) for result in english] == [
        (2, f"isms: error: --root {file}: is a file, not a folder; pass the folder of the ISMS repository\n"),
        (2, f"isms: error: --root {file}: is a file, not a folder; pass the ISMS folder of a git work tree\n"),
    ]
    japanese_terminal(monkeypatch)
    japanese = [run_isms(*command, "--root", str(file)) for command in (["check"], ["diff", "--base", "HEAD"])]
    assert [(result.code, result.err) for result in japanese] == [
        (2, f"isms: エラー: --root {file}: ファイルです。ISMS リポジトリのフォルダを指定してください\n"),
        (2, f"isms: エラー: --root {file}: ファイルです。git の作業ツリーにある ISMS のフォルダを指定してください\n"),
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_usage_error_in_a_real_process(lang: str) -> None:
    env = {**os.environ, "ISMS_LANG": lang, "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-m", "isms", "check", "--today", "2026-13-01"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert (done.returncode, done.stdout) == (2, "")
    if lang == "ja":
        assert done.stderr == (
            "使用法: isms check [-h] [--root DIR] [--format {text,json,github,sarif}]\n"
            "                   [--lang {ja,en}] [--today YYYY-MM-DD] [--strict]\n"
            "isms check: エラー: --today: 日付ではありません: '2026-13-01'（YYYY-MM-DD の形で書いてください）\n"
            "使い方は `isms check --help` で確認できます\n"
        )
    else:
        assert done.stderr == (
            "usage: isms check [-h] [--root DIR] [--format {text,json,github,sarif}]\n"
            "                  [--lang {ja,en}] [--today YYYY-MM-DD] [--strict]\n"
            "isms check: error: argument --today: not a date: '2026-13-01' (write YYYY-MM-DD)\n"
            "run `isms check --help` to see how to use it\n"
        )


def test_the_japanese_is_imported_only_for_an_error_in_japanese() -> None:
    ja, en = {**os.environ, "ISMS_LANG": "ja"}, {**os.environ, "ISMS_LANG": "en"}
    assert "isms.cli.usage_ja" in modules_after(ja, "check", "--today", "x")
    assert not {"isms.cli.usage_ja", "isms.cli.help_ja", "isms.cli.help_texts_ja"} & modules_after(
        en, "check", "--today", "x"
    )
    assert "isms.cli.usage_ja" not in modules_after(ja, "--version")


SUGGESTED = [
    (("valdate",), (), "'validate'"),
    (("chek",), (), "'check'"),
    (("site", "buld"), ("site",), "'build'"),
    (("check", "--format", "jsn"), ("check",), "'json'"),
    (("check", "--formt", "json"), ("check",), "--format"),
    (("check", "--strcit"), ("check",), "--strict"),  # (a prefix, --stric, is argparse's abbreviation: no error)
    (("check", "--todya=2026-01-01"), ("check",), "--today"),  # the value after = is not part of the option
]


@pytest.mark.parametrize(("argv", "path", "meant"), SUGGESTED, ids=[" ".join(case[0]) for case in SUGGESTED])
def test_a_close_choice_or_option_is_suggested(
    argv: tuple[str, ...], path: tuple[str, ...], meant: str, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    prog = parser_at(path).prog
    for lang, line, hint in (
        ("en", f"did you mean {meant}?", f"run `{prog} --help` to see how to use it"),
        ("ja", f"{meant} のことですか？", f"使い方は `{prog} --help` で確認できます"),
    ):
        monkeypatch.setenv("ISMS_LANG", lang)
        result = run_isms(*argv)
        assert (result.code, result.out) == (2, "")
        assert result.err.endswith(f"\n{line}\n{hint}\n"), result.err
        assert result.err.count(line) == 1


def test_a_suggestion_only_from_argparse_s_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    parser = Parser(prog="isms demo")
    parser.add_argument("--level", type=int, choices=[1, 2, 3])
    parser.add_argument("--name", choices=["a'b", 'c"d', "日本語", "x\\y"])
    assert suggestion(parser, "argument --level: invalid choice: 4 (choose from 1, 2, 3)") is None
    assert suggestion(parser, 'argument --name: invalid choice: "a\'c" (choose from "a\'b", \'c"d\')') == '"a\'b"'
    assert suggestion(parser, "argument --name: invalid choice: '日本' (choose from '日本語', 'x')") == "'日本語'"
    assert suggestion(parser, "invalid choice: '__import__(\"os\")' (choose from __import__('os'))") is None
    assert suggestion(parser, "unrecognized arguments: levle --lvel") == "--level"
    assert suggestion(parser, "unrecognized arguments: --zzzzzz") is None
    assert suggestion(parser, "a message of another kind: --levl") is None
    with pytest.raises(SystemExit):
        parser.parse_args(["--name", "x\\z"])
    assert capsys.readouterr().err.endswith("did you mean 'x\\\\y'?\nrun `isms demo --help` to see how to use it\n")
