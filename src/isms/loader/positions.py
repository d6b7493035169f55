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
    except (YAMLError, ValueError):
        return None


def locate(document: Any, pointer: Pointer) -> tuple[int, int] | None:
    """Return the 1-based (line, column) of the deepest node on the pointer's path."""
    node = document
    where: tuple[int, int] | None = None
    if isinstance(node, CommentedMap | CommentedSeq):
        where = (node.lc.line + 1, node.lc.col + 1)
    for step in pointer:
        if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
            line, col = node.lc.value(step)
            where = (line + 1, col + 1)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, col = node.lc.item(step)
            where = (line + 1, col + 1)
            node = node[step]
        else:
            break
    return where


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
            where = (
                locate(document, finding.pointer)
                if document is not None
                else _by_text(texts[finding.path], finding.pointer)
            )
            if where is not None:
                placed.append(finding.at(*where))
                continue
        placed.append(finding)
    return placed
