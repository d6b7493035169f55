"""Small edits of round-trip YAML nodes: set a key in place, merge a `Text` value, keep the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap

from isms.model.base import Lang


def text_parts(node: Any) -> tuple[str | None, str | None]:
    """Return (ja, en) of a `Text` node: a string is Japanese, a mapping has `ja`/`en`."""
    if isinstance(node, str):
        return node, None
    if isinstance(node, dict):
        ja, en = node.get("ja"), node.get("en")
        return (str(ja) if ja is not None else None), (str(en) if en is not None else None)
    return None, None


def merge_text(node: Any, ja: str | None, en: str | None) -> tuple[Any, bool]:
    """Return the `Text` node with the given languages set (the others kept), and whether it changed.

    A mapping node is updated in place, so its comments and quoting stay; a plain string stays
    a plain string while only Japanese is given.
    """
    old_ja, old_en = text_parts(node)
    new_ja, new_en = ja or old_ja, en or old_en
    if (new_ja, new_en) == (old_ja, old_en):
        return node, False
    if isinstance(node, dict):
        for key, value in (("ja", new_ja), ("en", new_en)):
            if value is not None and node.get(key) != value:
                node[key] = value
        return node, True
    if new_en is None:
        return new_ja, True
    fresh = CommentedMap()
    if new_ja is not None:
        fresh["ja"] = new_ja
    fresh["en"] = new_en
    return fresh, True


def text_node(text: str, lang: Lang) -> Any:
    """Return a new `Text` node holding one language (Japanese as a plain string)."""
    if lang == "ja":
        return text
    fresh = CommentedMap()
    fresh["en"] = text
    return fresh


def put(mapping: CommentedMap, key: str, value: Any, *, after: Sequence[str] = ()) -> None:
    """Set ``mapping[key]``; a new key goes right after the last of ``after`` present, else at the end."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    anchors = [keys.index(k) for k in after if k in mapping]
    if anchors:
        mapping.insert(max(anchors) + 1, key, value)
    else:
        mapping[key] = value


def flow_map(mapping: dict[str, Any]) -> CommentedMap:
    """Return ``mapping`` as a node written in flow style (``{a: 1, b: 2}``)."""
    node = CommentedMap(mapping)
    node.fa.set_flow_style()
    return node


def plain(value: Any) -> Any:
    """Return a value as the YAML node holds it: a date as ISO text, a list's items as strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(item) for item in value]
    return value
