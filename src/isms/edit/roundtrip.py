"""Rewriting user YAML without losing a byte that did not have to change.

This is the only module that writes YAML written by people. ruamel.yaml's
round-trip mode keeps comments, key order and quoting, but it normalises
indentation (one style per file), spacing inside flow collections and
multi-line plain scalars. So :func:`render` does not print ruamel's dump as is:
it dumps the document twice, as it was read (the *baseline*) and as it is now,
and applies only the difference between the two dumps to the original text,
re-indented to the style of the lines around it (a three-way merge whose common
ancestor is the baseline). The result is parsed again and must equal the new
data; if it does not (an edit in a region ruamel had normalised), ruamel's full
dump is used instead, which is still correct and keeps every comment.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import CommentToken

from isms.edit.merge import content_column, leading_spaces, merge
from isms.errors import IsmsError

_BOM = "\ufeff"
_WIDTH = 1 << 20  # never re-wrap a long line


@dataclass(frozen=True, slots=True)
class Style:
    """How a file is laid out, guessed from its text so a dump looks like it."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    explicit_start: bool = False
    newline: str = "\n"
    bom: bool = False
    final_newline: bool = True


@dataclass(frozen=True, slots=True)
class RoundTripDoc:
    """A YAML document read for editing.

    Attributes:
        path: Where it was read from.
        data: The top-level mapping; change it in place, then call :func:`render`.
        text: The original text, BOM removed and line ends normalised to LF.
        style: The layout guessed from the text.
        baseline: ruamel's dump of ``data`` as read (the merge ancestor).
    """

    path: Path
    data: CommentedMap
    text: str
    style: Style
    baseline: str


def _yaml(style: Style) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    yaml.allow_unicode = True
    yaml.explicit_start = style.explicit_start
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    return yaml


def replace(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set ``mapping[key]``, keeping the quoting of the value it replaces.

    A date replacing a quoted string is written as a quoted string too, so that
    ``date: '2026-01-15'`` becomes ``date: '2026-04-01'``, not ``date: 2026-04-01``.
    """
    old = mapping.get(key)
    if isinstance(old, ScalarString) and not isinstance(value, ScalarString):
        text = value.isoformat() if isinstance(value, dt.date) else value
        if isinstance(text, str):
            value = type(old)(text)
    mapping[key] = value


def delete_item(seq: CommentedSeq, index: int) -> None:
    """Delete ``seq[index]``, keeping the comment lines that followed it (ruamel drops them with the item).

    ruamel stores the comment lines after an item with that item (its end-of-line comment, then the
    lines up to the next item); they move to the item before, so that only the item's own line goes.
    """
    entry = seq.ca.items.get(index)
    tail = entry[0].value.partition("\n")[2] if entry and entry[0] is not None else ""
    if len(seq) == 1 and tail.strip():
        msg = (
            f"removing the list's only item would drop the comment lines written after it ({tail.strip()!r}); "
            "move or delete those lines first"
        )
        ja = (
            f"リストの唯一の項目を削除すると、その後に書かれたコメント行（{tail.strip()!r}）も消えます。"
            "先にその行を移すか削除してください"
        )
        raise IsmsError(msg, ja=ja)
    del seq[index]
    if not tail:
        return
    if index == 0:  # no item before: the lines go before the new first item, as written
        _start_comment(seq, tail)
        return
    before = seq.ca.items.get(index - 1)
    if before and before[0] is not None:
        before[0].value = before[0].value.rstrip("\n") + "\n" + tail
    else:
        seq.ca.items[index - 1] = [CommentToken("\n" + tail, CommentMark(0), None), None, None, None]


def _start_comment(seq: CommentedSeq, lines: str) -> None:
    """Put comment lines before the first item of ``seq``, each at its column and exactly as written."""
    tokens = [
        CommentToken(line.strip() + "\n", CommentMark(leading_spaces(line)), None)
        for line in lines.splitlines()
        if line.strip()
    ]
    if not tokens:
        return
    comment = seq.ca.comment
    if comment is None:
        seq.ca.comment = [None, tokens]
    else:
        comment[1] = [*(comment[1] or []), *tokens]


def guess_style(text: str) -> Style:
    """Guess indentation and framing of a YAML text (the first nested block wins)."""
    mapping: int | None = None
    sequence: int | None = None
    offset: int | None = None
    parent: int | None = None  # indentation of the last line that was only `key:`
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = leading_spaces(line)
        if parent is not None and stripped.startswith("- ") and sequence is None:
            offset = indent - parent
            sequence = content_column(line) - parent
        elif parent is not None and indent > parent and mapping is None and not stripped.startswith("- "):
            mapping = indent - parent
        parent = indent if stripped.endswith(":") and not stripped.startswith("- ") else None
        if mapping is not None and sequence is not None:
            break
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.removeprefix(_BOM)
    first = next((ln.strip() for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    if sequence is None:  # no block sequence yet: indent one under its key, as `new_document` does
        offset = mapping or 2
        sequence = offset + 2
    return Style(
        mapping=mapping or 2,
        sequence=max(sequence, (offset or 0) + 2),
        offset=offset or 0,
        explicit_start=first.startswith("---"),
        newline=newline,
        bom=text.startswith(_BOM),
        final_newline=text.endswith("\n") or not text,
    )


def _dump(data: Any, style: Style) -> str:
    stream = io.StringIO()
    _yaml(style).dump(data, stream)
    return stream.getvalue()


def _plain(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def parse(text: str, path: Path) -> RoundTripDoc:
    """Parse YAML text for editing; the top level must be a mapping."""
    style = guess_style(text)
    body = text.removeprefix(_BOM).replace("\r\n", "\n")
    try:
        data = _yaml(style).load(body) if body.strip() else CommentedMap()
    except YAMLError as exc:
        msg = f"{path}: cannot edit a file that is not valid YAML: {exc}"
        ja = f"{path}: YAML として正しくないファイルは編集できません（以下は YAML パーサーの説明です）: {exc}"
        raise IsmsError(msg, ja=ja) from exc
    if not isinstance(data, CommentedMap):
        msg = f"{path}: cannot edit: the top level is not a mapping"
        ja = f"{path}: 編集できません。最上位がマッピングではありません"
        raise IsmsError(msg, ja=ja)
    return RoundTripDoc(path, data, body, style, _dump(data, style))


def read(path: Path) -> RoundTripDoc:
    """Read a YAML file for editing.

    Raises:
        IsmsError: The file cannot be read, is not UTF-8 or not a YAML mapping.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot read: {exc}"
        ja = f"{path}: 読み込めません: {exc}"
        raise IsmsError(msg, ja=ja) from exc
    return parse(text, path)


def _finish(body: str, style: Style) -> str:
    if not style.final_newline:
        body = body.removesuffix("\n")
    if style.newline != "\n":
        body = body.replace("\n", style.newline)
    return (_BOM if style.bom else "") + body


def render(doc: RoundTripDoc) -> str:
    """Return the document's text with the changes made to ``doc.data`` and nothing else.

    Returns:
        The full file content (BOM, line ends and final newline as in the original).
    """
    new = _dump(doc.data, doc.style)
    if new == doc.baseline:
        return _finish(doc.text if doc.text.endswith("\n") or not doc.text else doc.text + "\n", doc.style)
    merged = merge(doc.baseline, doc.text, new)
    if merged is not None:
        try:
            if _plain(merged) == _plain(new):
                return _finish(merged, doc.style)
        except YAMLError:
            pass
    return _finish(new, doc.style)


def new_document(data: Any, *, header: str = "") -> str:
    """Render a brand-new file: 2-space indentation, sequences indented under their key.

    Args:
        data: Plain or ruamel data (a ``CommentedMap`` keeps its comments).
        header: Comment lines put before the content (each line gets ``# `` if missing).
    """
    text = _dump(data, Style())
    if header:
        lines = [line if line.startswith("#") else f"# {line}".rstrip() for line in header.splitlines()]
        text = "\n".join(lines) + "\n" + text
    return text


def write_all(changes: Mapping[Path, str]) -> None:
    """Write several files, all or nothing.

    Every content is first written to a temporary file next to its target; only
    when all of them are written are they renamed into place. A failure before
    the renames removes the temporary files and leaves every target untouched.

    Raises:
        IsmsError: A file could not be written (nothing was changed).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in changes.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(name), target))
            with os.fdopen(fd, "wb") as stream:
                stream.write(content.encode("utf-8"))
            if target.exists():
                os.chmod(name, target.stat().st_mode & 0o7777)
            else:
                os.chmod(name, 0o644)
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        msg = f"cannot write {exc.filename or 'files'}: {exc.strerror or exc}; nothing was changed"
        ja = f"{exc.filename or 'files'} に書き込めません: {exc.strerror or exc}。何も変更していません"
        raise IsmsError(msg, ja=ja) from exc
    for temporary, target in staged:
        os.replace(temporary, target)
