"""The one place that turns a pointer into a document into ``line:column``.

Positions are recovered lazily: only files with findings are parsed a second
time, in ruamel's round-trip mode, whose nodes remember where they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError

from isms.findings import Finding, Pointer


class _StringTimestamps(RoundTripConstructor):
    """Dates stay strings here too, so that `2026-13-45` can still be located."""


_StringTimestamps.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _round_trip(text: str) -> Any:
    yaml = YAML(typ="rt")
    yaml.Constructor = _StringTimestamps
    try:
        return yaml.load(text)
    except (YAMLError, ValueError, RecursionError):
        return None


def locate(document: Any, pointer: Pointer, *, key: bool = False) -> tuple[int, int] | None:
    """Return the 1-based (line, column) of the deepest node on the pointer's path.

    With ``key``, a pointer ending in a mapping key is placed at the key rather than at its value
    (for "unknown key" findings).
    """
    node = document
    where: tuple[int, int] | None = None
    if isinstance(node, CommentedMap | CommentedSeq):
        where = (node.lc.line + 1, node.lc.col + 1)
    last = len(pointer) - 1
    for number, step in enumerate(pointer):
        if isinstance(node, CommentedMap) and step in node:
            line, col = node.lc.key(step) if key and number == last else node.lc.value(step)
            where = (line + 1, col + 1)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, col = node.lc.item(step)
            where = (line + 1, col + 1)
            node = node[step]
        else:
            break
    return where


def _first_content(text: str) -> tuple[int, int]:
    """Return where a scalar document starts: its first line that is not blank, a comment or `---`."""
    for number, text_line in enumerate(text.splitlines(), start=1):
        stripped = text_line.strip()
        if stripped and not stripped.startswith(("#", "%")) and stripped != "---":
            return number, len(text_line) - len(text_line.lstrip()) + 1
    return 1, 1


def _by_text(text: str, pointer: Pointer) -> tuple[int, int] | None:
    """Fallback when the round-trip parser refuses the file: find the last key by its text."""
    keys = [step for step in pointer if isinstance(step, str)]
    if not keys:
        return None
    pattern = re.compile(rf"^(\s*(?:-\s+)?){re.escape(keys[-1])}\s*:")
    for number, text_line in enumerate(text.splitlines(), start=1):
        match = pattern.match(text_line)
        if match:
            return number, len(match.group(1)) + 1
    return None


def resolve(findings: Iterable[Finding], texts: Mapping[str, str]) -> list[Finding]:
    """Place every finding that has a pointer but no line, parsing each file once."""
    documents: dict[str, Any] = {}
    placed: list[Finding] = []
    for finding in findings:
        if finding.line is None and finding.pointer is not None and finding.path in texts:
            if finding.path not in documents:
                documents[finding.path] = _round_trip(texts[finding.path])
            document = documents[finding.path]
            text = texts[finding.path]
            if isinstance(document, CommentedMap | CommentedSeq):
                where = locate(document, finding.pointer, key=finding.rule == "unknown-key")
            elif document is not None or not finding.pointer:
                where = _first_content(text)  # a scalar document, or a finding about the whole file
            else:  # the round-trip parser gave up (e.g. too deep): find the key by its text, or the start
                where = _by_text(text, finding.pointer) or _first_content(text)
            if where is not None:
                placed.append(finding.at(*where))
                continue
        placed.append(finding)
    return placed


def place(texts: Mapping[str, str], path: str, pointer: Pointer) -> str:
    """Return ``path:line`` for a pointer into a loaded file (``path`` alone when it cannot be placed)."""
    text = texts.get(path)
    document = _round_trip(text) if text is not None else None
    where = locate(document, pointer) if isinstance(document, CommentedMap | CommentedSeq) else None
    return f"{path}:{where[0]}" if where is not None else path
