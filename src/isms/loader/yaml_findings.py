"""What goes wrong reading a YAML file, as findings at their place: bad UTF-8, an alias, a syntax error."""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError

from isms.findings import Finding, Severity

_UTF8_BOM = "\ufeff"


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 text, or say where the first bad byte is."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, Finding(
            "encoding",
            Severity.ERROR,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 (Shift-JIS and other encodings are not read)",
            path,
            line=line,
            column=column,
            message_ja=f"ファイルが UTF-8 ではありません（バイト 0x{raw[exc.start]:02x}）。UTF-8 で保存してください"
            "（Shift-JIS などは読めません）",
        )
    return text.removeprefix(_UTF8_BOM), None


def alias_finding(text: str, path: str) -> Finding | None:
    """Find the first alias (``*name``); aliases can blow up memory and are refused."""
    if "*" not in text:
        return None
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                mark = event.start_mark
                return Finding(
                    "yaml-alias",
                    Severity.ERROR,
                    f"YAML alias `*{event.anchor}` is not allowed; write the value out in full",
                    path,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    message_ja=f"YAML エイリアス *{event.anchor} は使えません。値をそのまま書いてください",
                )
    except (YAMLError, RecursionError):
        return None  # the fast parse below reports the problem
    return None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def _reader_finding(exc: ReaderError, path: str, text: str) -> Finding:
    """A character YAML does not allow (a control character such as NUL), at its place."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
    return Finding(
        "yaml-syntax",
        Severity.ERROR,
        f"invalid YAML: character {char} is not allowed ({exc.reason}); remove it",
        path,
        line=line,
        column=column,
        message_ja=f"YAML の構文エラー: 文字 {char} は使えません。削除してください",
    )


def syntax_finding(exc: YAMLError, path: str, text: str) -> Finding:
    if isinstance(exc, ReaderError) and isinstance(exc.position, int):
        return _reader_finding(exc, path, text)
    rule = "yaml-duplicate-key" if type(exc).__name__ == "DuplicateKeyError" else "yaml-syntax"
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = (exc.problem or "invalid YAML").strip()
        ja = f"YAML の構文エラー（{mark.line + 1} 行 {mark.column + 1} 列）。ここの構文を直してください"
        if rule == "yaml-duplicate-key":
            message = f"{problem}; each key may appear once in a mapping: remove or rename one"
            key = re.search(r'duplicate key "([^"]*)"', problem)
            ja = (
                f"キー {key.group(1) if key else ''} が重複しています（YAML パーサーの説明: {problem}）。"
                "1つのマッピングで同じキーは1回だけです。"
                "どちらかを削除するか名前を変えてください"
            )
        elif "\t" in problem or "tab" in problem or _char_at(text, mark.line, mark.column) == "\t":
            message = "invalid YAML: a tab character in the indentation; indent with spaces, not tabs"
            ja = "YAML の構文エラー: インデントにタブ文字があります。タブではなく空白で字下げしてください"
        else:
            context = f" {exc.context}" if exc.context else ""
            started, since = exc.context_mark, ""
            if started is not None and (started.line, started.column) != (mark.line, mark.column):
                context += f" started at line {started.line + 1}, column {started.column + 1}"
                since = f"{started.line + 1} 行 {started.column + 1} 列から始まる部分を読んでいる途中です。"
            message = f"invalid YAML: {problem}{context}; fix the syntax here"
            parser = f"{problem} {exc.context}" if exc.context else problem  # the parser's own words, labelled
            ja = f"YAML の構文エラーです（YAML パーサーの説明: {parser}）。{since}ここの構文を直してください"
        return Finding(rule, Severity.ERROR, message, path, line=mark.line + 1, column=mark.column + 1, message_ja=ja)
    message = " ".join(str(exc).split())  # one line, whatever ruamel wrote
    ja = f"YAML の構文エラーです（YAML パーサーの説明: {message}）。構文を直してください"
    return Finding(
        rule, Severity.ERROR, f"invalid YAML: {message}; fix the syntax", path, line=1, column=1, message_ja=ja
    )
