"""Reading YAML: fast for every file, safe against hostile input, YAML 1.2 throughout.

Every file goes through ruamel's C parser (``ruamel.yaml.clib``) with the YAML 1.2 dialect of
:mod:`isms.loader.yaml_dialect`; what goes wrong becomes a finding (:mod:`isms.loader.yaml_findings`).
Round-trip parsing, which knows line numbers but is several times slower, is
left to :mod:`isms.loader.positions` and done only for files with findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from isms.findings import Finding, Severity
from isms.loader.yaml_dialect import (
    COMPOSER,
    CONSTRUCTOR,
    CONSTRUCTORS,
    MAP,
    MAPPING_TAG,
    MAX_DEPTH,
    SCALAR_TAG,
    SEQ,
    SEQUENCE_TAG,
    STR,
    TIMESTAMP,
    TIMESTAMP_TAG,
    fast_yaml,
    tag_error,
    uses_c_parser,
)
from isms.loader.yaml_findings import alias_finding, decode, syntax_finding
from isms.model.outline import EMPTY, MAPPING, SCALAR, SEQUENCE, Outline, SequenceOutline

__all__ = [
    "MAX_DEPTH",
    "Loaded",
    "compose",
    "decode",
    "load_bytes",
    "parse",
    "parse_items",
    "parse_once",
    "uses_c_parser",
]


class _Unusual(Exception):
    """The document needs ruamel's own constructor: a merge key, a duplicate key, a tag of its own."""


class _TooDeep(Exception):
    """Containers nest more than MAX_DEPTH levels."""


@dataclass(frozen=True, slots=True)
class _Deep:
    """Data that ruamel's own constructor built, so its depth is not known yet (:func:`_build` checks it)."""

    data: Any


def _scalar(constructor: SafeConstructor, node: ScalarNode) -> Any:
    """Build a scalar other than implicit text: an explicit `!!str`, a number, a boolean, null."""
    tag = node.tag
    if tag in (STR, TIMESTAMP):
        return node.value
    function = CONSTRUCTORS.get(tag or "")
    if function is None:
        raise _Unusual
    try:
        return function(constructor, node)
    except (YAMLError, RecursionError):
        raise
    except Exception as exc:  # `!!float abc`: as the round-trip constructor reports it
        raise tag_error(node, exc) from None


def _same_written_key(node: MappingNode) -> bool:
    """Return True when two keys of a mapping are written alike (only asked when a key is no text)."""
    written = [key.value for key, _ in node.value]
    return len(set(written)) != len(written)


def _build(constructor: SafeConstructor, node: Any, depth: int = 1) -> Any:
    """Build plain data from the C parser's node tree, as ruamel's safe constructor would.

    Text and dates (kept as text) are taken from the nodes directly; numbers, booleans and null
    go through the constructor's own functions. Anything less plain raises _Unusual, and the
    caller lets ruamel build the document, so its data and errors stay exactly ruamel's.
    (Scalars in containers are built in the loops, not by a call each: most nodes are text.)
    """
    if isinstance(node, ScalarNode):
        return _scalar_value(constructor, node)
    if depth > MAX_DEPTH:
        raise _TooDeep
    if isinstance(node, MappingNode) and (node.ctag is MAPPING_TAG or node.tag == MAP):
        return _build_mapping(constructor, node, depth)
    if isinstance(node, SequenceNode) and (node.ctag is SEQUENCE_TAG or node.tag == SEQ):
        items: list[Any] = []
        for child in node.value:
            if isinstance(child, ScalarNode):
                ctag = child.ctag
                plain = ctag is SCALAR_TAG or ctag is TIMESTAMP_TAG
                items.append(child.value if plain else _scalar(constructor, child))
            else:
                items.append(_build(constructor, child, depth + 1))
        return items
    raise _Unusual


def _build_mapping(constructor: SafeConstructor, node: MappingNode, depth: int) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    written_checked = False
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise _Unusual
        ctag = key_node.ctag
        key = key_node.value if ctag is SCALAR_TAG or ctag is TIMESTAMP_TAG else _scalar(constructor, key_node)
        if key in mapping:
            raise _Unusual
        if key.__class__ is not str and not written_checked:  # once a mapping, at its first key that is no text
            if _same_written_key(node):
                raise _Unusual  # `1` and `"1"`: two keys, but one text (positions let round-trip mode place them)
            written_checked = True
        if isinstance(value_node, ScalarNode):
            ctag = value_node.ctag
            plain = ctag is SCALAR_TAG or ctag is TIMESTAMP_TAG
            mapping[key] = value_node.value if plain else _scalar(constructor, value_node)
        else:
            mapping[key] = _build(constructor, value_node, depth + 1)
    return mapping


def _scalar_value(constructor: SafeConstructor, node: ScalarNode) -> Any:
    ctag = node.ctag
    if ctag is SCALAR_TAG or ctag is TIMESTAMP_TAG:  # the resolver's own Tag objects
        return node.value
    return _scalar(constructor, node)


def compose(text: str) -> Node | None:
    """Return the C parser's node tree of one document (None when empty); nodes know their start.

    Raises:
        YAMLError: the text is not valid YAML.
    """
    node = _compose_text(text)
    return node if isinstance(node, Node) else None


def _compose_text(text: str) -> Any:
    """Return the node tree of the first document of ``text`` (None when empty)."""
    if COMPOSER is None:
        return fast_yaml().compose(text)
    composer = COMPOSER(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def _load_fast(text: str) -> Any:
    """Load one document: the C parser builds the node tree, :func:`_build` the data.

    :func:`_build` refuses containers deeper than MAX_DEPTH as it goes; data that ruamel's own
    constructor had to build comes wrapped in :class:`_Deep`, its depth still to be checked.

    Raises:
        YAMLError: the text is not valid YAML (as ruamel reports it).
        RecursionError: the document nests too deep for the parser.
        _TooDeep: containers nest more than MAX_DEPTH levels.
    """
    return _load_outlined(text)[0]


def _kind(node: Node) -> int:
    if isinstance(node, MappingNode):
        return MAPPING
    if isinstance(node, SequenceNode):
        return SEQUENCE
    return EMPTY if isinstance(node, ScalarNode) and node.value == "" and not node.style else SCALAR


def _outline(node: MappingNode) -> Outline:
    """Return where the top-level sequences of a mapping document put their items."""
    sequences: dict[str, SequenceOutline] = {}
    text_keys = True
    open_key: str | None = None  # the sequence waiting for the line of the next key
    open_value: tuple[int, tuple[tuple[int, int, int], ...]] | None = None
    flow = False
    key: Any = None
    for key, value in node.value:
        text = key.tag == STR
        text_keys = text_keys and text
        if open_key is not None and open_value is not None:
            sequences[open_key] = SequenceOutline(*open_value, key.start_mark.line, flow=flow)
            open_key = None
        if text and isinstance(value, SequenceNode):
            items = tuple((item.start_mark.line, item.start_mark.column, _kind(item)) for item in value.value)
            open_key, open_value, flow = key.value, (value.start_mark.column, items), bool(value.flow_style)
    if open_key is not None and open_value is not None:
        sequences[open_key] = SequenceOutline(*open_value, None, flow=flow)
    return Outline(sequences, text_keys, key.value if key is not None and key.tag == STR else None)


def _load_outlined(text: str, depth: int = 1) -> tuple[Any, Outline | None]:
    """Return what :func:`_load_fast` returns, and the document's :class:`Outline` when it is a plain mapping.

    ``depth`` is the depth the document's root would have inside a larger one (1 on its own).
    """
    node = _compose_text(text)
    if node is None:
        return None, None
    try:
        data = _build(CONSTRUCTOR, node, depth)
    except _Unusual:
        try:
            return _Deep(fast_yaml().load(text)), None
        except TypeError:  # a key ruamel makes a tuple of but cannot hash (`? [[a]]`): as `{a: 1}: 2` is reported
            raise _unhashable(node) from None
    return data, _outline(node) if isinstance(data, dict) else None


def _unhashable(root: Node) -> ConstructorError:
    """Return the error ruamel raises for an unhashable key, at the first key that is a collection of collections."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, SequenceNode | MappingNode) and not all(
                    isinstance(child, ScalarNode) for child in _children(key)
                ):
                    return ConstructorError(
                        "while constructing a mapping", node.start_mark, "found unhashable key", key.start_mark
                    )
                stack += [value, key]
        elif isinstance(node, SequenceNode):
            stack += reversed(node.value)
    return ConstructorError(None, None, "found unhashable key", root.start_mark)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


def parse_items(text: str, depth: int) -> list[Any] | None:
    """Parse a block sequence (the items of a larger document's sequence, dedented) into plain data.

    ``depth`` is the depth the sequence has in the larger document. None where the text is not
    a block sequence starting at column 0 that the fast path builds alone within MAX_DEPTH (a
    syntax error, an alias, a merge key, a duplicate key, a tag of ruamel's own): the caller
    must then parse the whole document.
    """
    if "*" in text or "&" in text:
        return None
    try:
        node = _compose_text(text)
        if node is None:
            return []
        if not isinstance(node, SequenceNode) or node.flow_style or node.start_mark.column != 0:
            return None
        data = _build(CONSTRUCTOR, node, depth)
    except (YAMLError, RecursionError, _TooDeep, _Unusual):
        return None
    return data if isinstance(data, list) else None


@dataclass(frozen=True, slots=True)
class Loaded:
    """A YAML file read from disk.

    Attributes:
        path: Repository-relative POSIX path.
        text: The decoded text (kept for lazy position lookups).
        data: The plain data, or None when the file could not be read or is empty.
        findings: Problems met while reading.
        outline: Where the top-level sequences' items start, for a mapping the fast path built.
    """

    path: str
    text: str
    data: Any
    findings: tuple[Finding, ...]
    outline: Outline | None = field(default=None, compare=False)  # how the parse went, not what it read


def _too_deep(data: Any) -> bool:
    """Return True when containers nest more than MAX_DEPTH levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return False


def parse(text: str, path: str) -> Loaded:
    """Parse YAML text into plain data (dicts, lists, str, int, float, bool, None)."""
    alias = alias_finding(text, path)
    if alias is not None:
        return Loaded(path, text, None, (alias,))
    data: Any = None
    outline: Outline | None = None
    try:
        data, outline = _load_outlined(text)
    except YAMLError as exc:
        return Loaded(path, text, None, (syntax_finding(exc, path, text),))
    except (RecursionError, _TooDeep):
        too_deep = True
    else:
        too_deep = isinstance(data, _Deep) and _too_deep(data.data)
        data = data.data if isinstance(data, _Deep) else data
    if too_deep:
        deep = Finding(
            "yaml-syntax",
            Severity.ERROR,
            f"the document nests more than {MAX_DEPTH} levels deep; flatten it",
            path,
            line=1,
            column=1,
            message_ja=f"文書の入れ子が {MAX_DEPTH} 段を超えています。浅くしてください",
        )
        return Loaded(path, text, None, (deep,))
    return Loaded(path, text, data, (), outline)


class _Shared:
    """Parses kept while :func:`parse_once` is active, by (path, content)."""

    parses: dict[tuple[str, bytes], Loaded] | None = None


@contextmanager
def parse_once() -> Iterator[None]:
    """Within the block, a file with the same path and content is parsed only once.

    `isms diff` loads two revisions that share most files; the second load takes the parse of
    the first (the data is only read, never changed, after parsing).
    """
    outer = _Shared.parses
    _Shared.parses = {} if outer is None else outer
    try:
        yield
    finally:
        _Shared.parses = outer


def load_bytes(raw: bytes, path: str) -> Loaded:
    """Decode and parse one file's content; empty files are a finding."""
    shared = _Shared.parses
    if shared is None:
        return _load_bytes(raw, path)
    loaded = shared.get((path, raw))
    if loaded is None:
        loaded = shared[(path, raw)] = _load_bytes(raw, path)
    return loaded


def _load_bytes(raw: bytes, path: str) -> Loaded:
    text, problem = decode(raw, path)
    if text is None:
        return Loaded(path, "", None, (problem,) if problem else ())
    loaded = parse(text, path)
    if not loaded.findings and loaded.data is None:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lines:
            what, what_ja = "file is empty", "ファイルが空です"
        elif all(line.startswith("#") for line in lines):
            what, what_ja = "file has only comments", "ファイルにコメントしかありません"
        else:
            what, what_ja = "file holds no data (only `null`)", "ファイルにデータがありません（null のみ）"
        empty = Finding(
            "empty-file",
            Severity.ERROR,
            f"{what}; write its content or delete the file",
            path,
            line=1,
            column=1,
            message_ja=f"{what_ja}。内容を書くか、ファイルを削除してください",
        )
        return Loaded(path, text, None, (empty,))
    return loaded
