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
import difflib
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

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


def _leading_spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_column(line: str) -> int:
    """Column of a line's first character that is neither a space nor a sequence dash."""
    column = 0
    while column < len(line) and (
        line[column] == " " or (line[column] == "-" and line[column + 1 : column + 2] in (" ", ""))
    ):
        column += 1
    return column


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
        indent = _leading_spaces(line)
        if parent is not None and stripped.startswith("- ") and sequence is None:
            offset = indent - parent
            sequence = _content_column(line) - parent
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
        raise IsmsError(msg) from exc
    if not isinstance(data, CommentedMap):
        msg = f"{path}: cannot edit: the top level is not a mapping"
        raise IsmsError(msg)
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
        raise IsmsError(msg) from exc
    return parse(text, path)


def _keyed(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines]


def _alignment(baseline: list[str], original: list[str]) -> dict[int, int]:
    """Map baseline line numbers to original line numbers (equal up to spacing)."""
    matcher = difflib.SequenceMatcher(None, _keyed(baseline), _keyed(original), autojunk=False)
    mapping: dict[int, int] = {}
    for tag, b1, b2, o1, o2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and b2 - b1 == o2 - o1):
            mapping.update(zip(range(b1, b2), range(o1, o2), strict=True))
    return mapping


def _shift(line: str, delta: int) -> str:
    if delta >= 0:
        return " " * delta + line if line.strip() else line
    return line[min(-delta, _leading_spaces(line)) :]


def _squeeze(line: str) -> tuple[str, list[int]]:
    """Return the line without spaces and newline, and where each remaining character was."""
    kept = [(index, char) for index, char in enumerate(line) if char not in " \n"]
    return "".join(char for _, char in kept), [index for index, _ in kept]


def _common(a: str, b: str) -> tuple[int, int]:
    """Return the lengths of the common prefix and (non-overlapping) common suffix."""
    limit = min(len(a), len(b))
    prefix = 0
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _patch_line(base: str, new: str, original: str) -> str:
    """Apply the change base -> new to original, which may differ from base in spacing.

    Spacing is ignored to find the changed span (ruamel moves comment columns and
    drops the padding inside ``[ a, b ]``); the span is then replaced in the
    original, keeping the original's spacing around it.
    """
    squeezed, _ = _squeeze(base)
    target, target_at = _squeeze(new)
    mine, mine_at = _squeeze(original)
    if squeezed != mine:
        return _shift(new, _leading_spaces(original) - _leading_spaces(base))
    prefix, suffix = _common(squeezed, target)
    start = mine_at[prefix - 1] + 1 if prefix else _leading_spaces(original)
    stop = mine_at[len(mine) - suffix] if suffix else len(original.rstrip("\n"))
    new_start = target_at[prefix - 1] + 1 if prefix else _leading_spaces(new)
    new_stop = target_at[len(target) - suffix] if suffix else len(new.rstrip("\n"))
    replacement = new[new_start:new_stop]
    if prefix + suffix == len(squeezed):  # an insertion into spacing: keep the original's spacing
        gap, core = original[start:stop], replacement.strip(" ")
        leading = replacement[: len(replacement) - len(replacement.lstrip(" "))]
        trailing = replacement[len(replacement.rstrip(" ")) :]
        if leading and trailing:
            return original[:start] + replacement + original[stop:]
        replacement = gap + core if leading else core + gap
    return original[:start] + replacement + original[stop:]


def _anchor_delta(baseline: list[str], original: list[str], align: dict[int, int], at: int, column: int) -> int:
    """Indentation difference original - baseline near baseline line ``at``, at content ``column``."""
    fallback: int | None = None
    for index in range(at - 1, -1, -1):
        if index not in align or not baseline[index].strip() or baseline[index].lstrip().startswith("#"):
            continue
        base_col = _content_column(baseline[index])
        delta = _content_column(original[align[index]]) - base_col
        if fallback is None:
            fallback = delta
        if base_col <= column:
            return delta
    return fallback or 0


def _span(align: dict[int, int], b1: int, b2: int, size: int) -> tuple[int, int, int, int]:
    """The original lines holding baseline lines [b1, b2), widened to the nearest aligned neighbours.

    Returns:
        (baseline start, baseline stop, original start, original stop).
    """
    if all(index in align for index in range(b1, b2)) and (b2 > b1 or b1 == 0 or b1 - 1 in align):
        if b2 > b1:
            return b1, b2, align[b1], align[b2 - 1] + 1
        at = align[b1 - 1] + 1 if b1 > 0 else 0
        return b1, b2, at, at
    low = b1
    while low > 0 and low - 1 not in align:
        low -= 1
    high = b2
    while high < size and high not in align:
        high += 1
    start = align[low - 1] + 1 if low > 0 else 0
    stop = align[high] if high < size else -1
    return low, high, start, stop


_Opcode = tuple[str, int, int, int, int]


def _split_replace(baseline: list[str], target: list[str], op: _Opcode) -> list[_Opcode]:
    """Split an uneven replacement into line pairs that resemble each other, insertions and deletions."""
    _, b1, b2, t1, t2 = op
    ops: list[_Opcode] = []
    t = t1
    for b in range(b1, b2):
        match = next(
            (
                candidate
                for candidate in range(t, t2)
                if difflib.SequenceMatcher(None, baseline[b], target[candidate]).ratio() >= 0.6
            ),
            None,
        )
        if match is None:
            ops.append(("delete", b, b + 1, t, t))
            continue
        if match > t:
            ops.append(("insert", b, b, t, match))
        ops.append(("replace", b, b + 1, match, match + 1))
        t = match + 1
    if t < t2:
        ops.append(("insert", b2, b2, t, t2))
    return ops


def _hoist(baseline: list[str], target: list[str], op: _Opcode) -> _Opcode:
    """Move an insertion above the blank lines and outer comments that end the block it extends.

    ruamel attaches a comment that follows the last item of a sequence to that item, so an
    appended item would land after ``# a comment about the next key``; it belongs before it.
    """
    tag, b1, _, t1, t2 = op
    if tag != "insert" or t1 == t2:
        return op
    column = _leading_spaces(target[t1])
    while b1 > 0:
        line = baseline[b1 - 1]
        if line.strip() and not (line.lstrip().startswith("#") and _leading_spaces(line) < column):
            break
        b1 -= 1
    return (tag, b1, b1, t1, t2)


def _opcodes(baseline: list[str], target: list[str]) -> list[_Opcode]:
    ops: list[_Opcode] = []
    for op in difflib.SequenceMatcher(None, baseline, target, autojunk=False).get_opcodes():
        tag, b1, b2, t1, t2 = op
        if tag == "replace" and b2 - b1 != t2 - t1:
            ops.extend(_split_replace(baseline, target, op))
        elif tag != "equal":
            ops.append(op)
    return [_hoist(baseline, target, op) for op in ops]


def _merge(doc: RoundTripDoc, new: str) -> str | None:
    baseline = doc.baseline.splitlines(keepends=True)
    original = doc.text.splitlines(keepends=True)
    if original and not original[-1].endswith("\n"):
        original[-1] += "\n"
    target = new.splitlines(keepends=True)
    align = _alignment(baseline, original)
    result = list(original)
    floor = len(original) + 1  # original lines at or after this one were already rewritten
    for tag, b1, b2, t1, t2 in reversed(_opcodes(baseline, target)):
        low, high, start, stop = _span(align, b1, b2, len(baseline))
        stop = len(original) if stop < 0 else stop
        if stop > floor or stop < start:
            return None
        floor = start
        if (low, high) == (b1, b2) and tag == "replace" and b2 - b1 == t2 - t1 == stop - start:
            for offset in range(b2 - b1):
                result[start + offset] = _patch_line(
                    baseline[b1 + offset], target[t1 + offset], original[start + offset]
                )
            continue
        replacement = baseline[low:b1] + target[t1:t2] + baseline[b2:high]
        column = _content_column(replacement[0]) if replacement else 0
        delta = _anchor_delta(baseline, original, align, low, column)
        result[start:stop] = [_shift(line, delta) for line in replacement]
    return "".join(result)


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
    merged = _merge(doc, new)
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
        raise IsmsError(msg) from exc
    for temporary, target in staged:
        os.replace(temporary, target)
