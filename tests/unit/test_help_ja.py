"""`--help` in the terminal's language: every help text has its Japanese, and the Japanese help is Japanese."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import RunIsms
from isms.cli import build_parser
from isms.cli.help_ja import japanese, text_width, wrap
from isms.cli.help_texts_ja import PATTERNS, TEXTS
from isms.commands import COMMANDS
from unit.test_messages import JAPANESE

#: English left in a Japanese help beyond option names, metavars, choices, commands and paths: names.
TECHNICAL = frozenset(
    {
        *("ISMS", "ISO", "IEC", "git", "GitHub", "Actions", "GitLab", "CI", "HEAD", "isms", "pip"),
        *("YAML", "JSON", "Schema", "CSV", "BOM", "Excel", "Markdown", "OSCAL", "zip", "MANIFEST", "SoA"),
        *("SSH", "ID", "URL", "UTC", "xlsx", "csv"),
    }
)
ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program's")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# A run of ASCII is technical when shaped like an option, path, id, key or value: a slash, an
# underscore, an equals sign, brackets or a digit, a leading dash or dot, a dot or colon inside.
TECHNICAL_SHAPE = re.compile(r"[/_=@{}\[\]|<>*?~#\d]|^[-.]|\w[.:-]\w")


def parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Yield the command path of ``parser`` and of every subparser below it."""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from parsers(child, (*path, name))


def parser_at(path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = build_parser(path[0] if path else None)
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


# Every parser: the top level, each command and each of its subcommands, each built as `main` builds it.
PATHS = sorted({(), *(path for name in COMMANDS for path in parsers(build_parser(name, alone=True)) if path)})


def english_texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    """Yield every text of ``parser``'s help: description, epilog, each option's and subcommand's help."""
    yield from (text for text in (parser.description, parser.epilog) if text)
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            yield action.help
        if isinstance(action, argparse._SubParsersAction):
            yield from (choice.help for choice in action._choices_actions if choice.help)


def allowed_words(parser: argparse.ArgumentParser) -> set[str]:
    """The English words a Japanese help may show: its commands, metavars, choices and field names."""
    words = {*TECHNICAL, *re.findall(r"[A-Za-z]+", parser.prog)}
    for action in parser._actions:
        for value in (action.metavar, action.dest, action.default):
            if isinstance(value, str | Path):
                words.update(re.findall(r"[A-Za-z]+", str(value)))
        if action.choices is not None:
            words.update(str(choice) for choice in action.choices)
        if action.help and action.help is not argparse.SUPPRESS:  # the fields `isms import --columns` names
            for fields in re.findall(r"\(fields: ([^)]*)\)", action.help):
                words.update(re.findall(r"[a-z_]+", fields))
    return words


def english_left(text: str, allowed: set[str]) -> list[str]:
    """Return the runs of ASCII in ``text`` that are English words, not names, options or paths."""
    text = re.sub(r"`[^`]*`", "", text)  # a command, key or value quoted as code
    left = []
    for run in re.findall(r"[!-~]+", text):
        word = run.strip("\"'(),;:!?")
        if len(re.sub(r"[^A-Za-z]", "", word)) < 2 or TECHNICAL_SHAPE.search(word) or word in allowed:
            continue
        left.append(run)
    return left


def test_every_help_text_has_its_japanese_and_every_japanese_is_used() -> None:
    used: set[str] = set()
    missing = []
    for path in PATHS:
        for english in english_texts(parser_at(path)):
            found = japanese(english)
            if found is None:
                missing.append(f"isms {' '.join(path)}: {english!r}")
                continue
            used.add(english)
            assert JAPANESE.search(found), english
            assert PLACEHOLDER.findall(found) == PLACEHOLDER.findall(english), english
            assert "e.g." not in found, found
    assert missing == []
    assert set(TEXTS) <= used, sorted(set(TEXTS) - used)


def test_a_text_made_from_a_list_is_matched_whatever_the_list() -> None:
    ((pattern, _),) = PATTERNS
    english = (
        "name the columns instead of finding them by their headers: FIELD=COLUMN,… with a letter, a number "
        "or a header text, e.g. id=A,title=B (fields: id, due_date)"
    )
    assert pattern.fullmatch(english)
    assert japanese(english) == (
        "見出しで探す代わりに列を指定する: FIELD=COLUMN,… の形で、列は英字、番号または見出しの文字列"
        "（例: id=A,title=B。項目: id, due_date）"
    )
    assert japanese("a text nobody translated") is None


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "isms")
def test_the_help_is_in_japanese_in_a_japanese_terminal(
    path: tuple[str, ...], run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    english = run_isms(*path, "--help")
    assert english.code == 0
    assert english.out == parser_at(path).format_help()  # argparse's own help, untouched
    assert not JAPANESE.search(english.out)
    monkeypatch.setenv("ISMS_LANG", "ja")
    result = run_isms(*path, "--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"使用法: isms {' '.join(path)}".rstrip())
    assert "オプション:\n  -h, --help" in result.out
    assert not [words for words in ARGPARSE_ENGLISH if words in result.out]
    assert english_left(result.out, allowed_words(parser_at(path))) == []
    # no line is wider than the terminal (COLUMNS - 2, as argparse), but a usage line of one option,
    # which argparse cannot cut (in English neither)
    usage_lines = result.out.split("\n\n")[0].splitlines()
    wide = [line for line in result.out.splitlines() if text_width(line) > 78]
    assert [line for line in wide if not (line in usage_lines and "] [" not in line)] == []
    # the usage lists the same options, its lines aligned under the first option as in English
    usage, english_usage = result.out.split("\n\n")[0], english.out.split("\n\n")[0]
    assert usage.split()[1:] == english_usage.split()[1:]
    indent = text_width(f"使用法: {parser_at(path).prog} ")
    assert {line[:indent] for line in usage.splitlines()[1:]} <= {" " * indent}
    assert {line[indent] for line in usage.splitlines()[1:]} <= set("[-{" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def test_a_lang_of_messages_before_help_decides_and_a_documents_does_not(
    run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_isms("check", "--lang", "ja", "--help").out.startswith("使用法: isms check")
    assert run_isms("site", "build", "--lang", "ja", "--help").out.startswith("usage: isms site build")
    monkeypatch.delenv("ISMS_LANG")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert run_isms("check", "--lang", "en", "--help").out.startswith("usage: isms check")
    assert run_isms("--help").out.startswith("使用法: isms")
    assert (
        "--lang {ja,en}        メッセージの言語（既定: ロケールの言語、ここでは ja。" in run_isms("check", "--help").out
    )


def test_isms_check_help_in_japanese_in_a_real_process() -> None:
    env = {**os.environ, "ISMS_LANG": "ja", "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-m", "isms", "check", "--help"], capture_output=True, text=True, check=False, env=env
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[:2] == [
        "使用法: isms check [-h] [--root DIR] [--format {text,json,github,sarif}]",
        "                   [--lang {ja,en}] [--today YYYY-MM-DD] [--strict]",
    ]
    assert "  --strict              警告でも失敗とし、すべての証跡ファイルのハッシュを計算\n" in done.stdout
    assert done.stdout.endswith("  3  内部エラー（isms の不具合です。報告してください）\n")


def modules_after(env: dict[str, str], *argv: str) -> set[str]:
    script = "import sys\nfrom isms.cli import main\ncode = main(sys.argv[1:])\nprint(*sorted(sys.modules))\n"
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, check=True, env=env)
    return set(done.stdout.split("\n")[-2].split())


def test_the_japanese_is_imported_only_for_a_help_in_japanese(tmp_path: object) -> None:
    ja = {**os.environ, "ISMS_LANG": "ja"}
    assert "isms.cli.help_texts_ja" in modules_after(ja, "--help")
    assert "pydantic" not in modules_after(ja, "--help")
    assert "isms.cli.help_texts_ja" not in modules_after({**os.environ, "ISMS_LANG": "en"}, "check", "--help")
    assert "isms.cli.help_texts_ja" not in modules_after(ja, "--version")


@pytest.mark.parametrize(
    ("text", "columns", "lines"),
    [
        # no line starts with a closing mark or a small kana, nor ends with an opening mark: the
        # character before goes down with it
        (
            "証跡ファイルのハッシュを計算し直す（キャッシュを使わない）",
            20,
            ["証跡ファイルのハッ", "シュを計算し直す", "（キャッシュを使わな", "い）"],
        ),
        ("あいうえおかきくけ、こさ", 18, ["あいうえおかきく", "け、こさ"]),
        ("あいうえおかきく（けこ）", 18, ["あいうえおかきく", "（けこ）"]),
        # an option, a path or an English word is never cut
        ("既定は --format text です", 14, ["既定は", "--format text", "です"]),
        ("ファイル evidence/hr/training.csv を読む", 12, ["ファイル", "evidence/hr/training.csv", "を読む"]),
    ],
)
def test_japanese_wraps_by_display_width(text: str, columns: int, lines: list[str]) -> None:
    assert wrap(text, columns) == lines
