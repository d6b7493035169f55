"""Reading YAML: fast for every file, safe against hostile input, YAML 1.2 throughout.

Every file goes through ruamel's C-backed safe loader (``ruamel.yaml.clib``).
Round-trip parsing, which knows line numbers but is several times slower, is
left to :mod:`isms.loader.positions` and done only for files with findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import main as ruamel_main
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

from isms.findings import Finding, Severity
from isms.model.outline import EMPTY, MAPPING, SCALAR, SEQUENCE, Outline, SequenceOutline

_UTF8_BOM = "\ufeff"

#: No ISMS document nests anywhere near this deep; deeper input is refused before anything recurses.
MAX_DEPTH = 64


class _StringTimestampConstructor(SafeConstructor):
    """Keep dates as the strings written, so pydantic validates them with a position.

    A YAML 1.2 core schema has no timestamp type anyway; a bad date such as
    ``2026-13-45`` must become a finding, not a ValueError without a line.
    An explicit tag with a value it cannot hold (``!!float abc``, ``!!bool maybe``, an empty
    ``!!int``) is a syntax finding at the node, never an exception from inside ruamel.
    """

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        """Construct one node; a value its tag cannot hold is a ConstructorError at the node."""
        try:
            return super().construct_non_recursive_object(node, tag)
        except (YAMLError, RecursionError):
            raise
        except Exception as exc:  # ruamel's tag constructors raise anything on bad values
            raise _tag_error(node, exc) from None


def _tag_error(node: Any, exc: Exception) -> ConstructorError:
    """A value its explicit tag cannot hold, as a ConstructorError at the node."""
    return ConstructorError(
        None,
        None,
        f"the value cannot be read as its tag {node.tag} says ({type(exc).__name__}); "
        "remove the tag or correct the value",
        node.start_mark,
    )


class WrittenInt(int):
    """An integer that remembers how it was written, e.g. ``017`` (YAML 1.2 reads it as 17).

    Where a model expects text (an id, a version), :mod:`isms.loader.documents` uses
    ``written`` instead, so an unquoted ``id: 017`` stays ``"017"``.
    """

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __getnewargs__(self) -> tuple[int, str]:  # type: ignore[override]  # copy and pickle keep the text
        return (int(self), self.written)


class WrittenFloat(float):
    """A float that remembers how it was written, e.g. ``1.10`` (a version, not 1.1)."""

    written: str

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __getnewargs__(self) -> tuple[float, str]:  # type: ignore[override]  # copy and pickle keep the text
        return (float(self), self.written)


def _construct_int(constructor: SafeConstructor, node: ScalarNode) -> int | str:
    try:
        value = SafeConstructor.construct_yaml_int(constructor, node)
    except ValueError:  # more digits than Python converts: no field takes such a number, keep the text
        return str(node.value)
    return WrittenInt(value, str(node.value))


def _construct_float(constructor: SafeConstructor, node: ScalarNode) -> float:
    return WrittenFloat(SafeConstructor.construct_yaml_float(constructor, node), str(node.value))


_StringTimestampConstructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
_StringTimestampConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StringTimestampConstructor.add_constructor("tag:yaml.org,2002:float", _construct_float)


_TAG = "tag:yaml.org,2002:"
_MAP, _SEQ, _STR, _TIMESTAMP = f"{_TAG}map", f"{_TAG}seq", f"{_TAG}str", f"{_TAG}timestamp"


class _Yaml12Resolver(VersionedResolver):
    """YAML 1.2 implicit typing, always, with the resolver table built once.

    ruamel's VersionedResolver looks the document's version up again for every scalar,
    which is a third of the load time on large repositories; a ``%YAML 1.1`` directive
    does not switch our files back to 1.1 typing (``yes`` stays text).
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """Return the tag of a node without an explicit one."""
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            for tag, regexp in _RESOLVERS.get(value[:1], _ANY_START):
                if regexp.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG


def _yaml12_table() -> tuple[dict[str, tuple[tuple[Tag, Any], ...]], tuple[tuple[Tag, Any], ...]]:
    """Return the YAML 1.2 implicit resolvers by first character, and those for any start.

    Each tag is one Tag object (text is the resolver's own), so :func:`_build` can tell text and
    dates by identity instead of rendering every node's tag.
    """
    by_start: dict[str | None, list[tuple[Tag, Any]]] = {}
    tags: dict[str, Tag] = {_STR: VersionedResolver.DEFAULT_SCALAR_TAG}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            shared = tags.setdefault(tag, Tag(suffix=tag))
            for char in first or (None,):
                by_start.setdefault(char, []).append((shared, regexp))
    any_start = tuple(by_start.pop(None, ()))
    return {char: (*found, *any_start) for char, found in by_start.items() if char is not None}, any_start


_RESOLVERS, _ANY_START = _yaml12_table()
_TIMESTAMP_TAG = next(tag for tag, _ in _RESOLVERS["2"] if tag.suffix == _TIMESTAMP)
#: The same table with each pattern's own `match` (ruamel's patterns are compiled lazily, behind a proxy
#: whose every attribute lookup runs Python code: a tenth of a large load).
_MATCHERS: dict[str, tuple[tuple[Tag, Any], ...]] = {
    char: tuple((tag, regexp.match) for tag, regexp in found) for char, found in _RESOLVERS.items()
}
_ANY_MATCHERS: tuple[tuple[Tag, Any], ...] = tuple((tag, regexp.match) for tag, regexp in _ANY_START)
_SCALAR_TAG = VersionedResolver.DEFAULT_SCALAR_TAG
_SEQUENCE_TAG = VersionedResolver.DEFAULT_SEQUENCE_TAG
_MAPPING_TAG = VersionedResolver.DEFAULT_MAPPING_TAG


def _composer_class() -> Any:
    """Return the C parser with the YAML 1.2 resolver mixed in: one class, made once.

    ``YAML.compose`` makes a new loader class, constructor and resolver for every document (a
    tenth of the load); the node tree needs only the parser and :meth:`_Yaml12Resolver.resolve`.
    None without ruamel.yaml.clib.
    """
    c_parser = getattr(ruamel_main, "CParser", None)
    if c_parser is None:
        return None

    class Composer(c_parser):  # type: ignore[misc,valid-type]  # the extension's class is untyped
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, match in _MATCHERS.get(value[:1], _ANY_MATCHERS):
                        if match(value):
                            return tag
                return _SCALAR_TAG
            return _SEQUENCE_TAG if kind is SequenceNode else _MAPPING_TAG

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """No path resolvers (as in ruamel's safe loader)."""

        def ascend_resolver(self) -> None:
            """No path resolvers."""

    return Composer


_COMPOSER = _composer_class()


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _StringTimestampConstructor
    yaml.Resolver = _Yaml12Resolver
    return yaml


_CONSTRUCTORS: dict[str, Any] = {
    f"{_TAG}{name}": _StringTimestampConstructor.yaml_constructors[f"{_TAG}{name}"]
    for name in ("int", "float", "bool", "null")
}


class _Yaml12Loader:
    """What the constructor's number functions ask of their loader: the YAML version, always 1.2.

    (ruamel's loader answers 1.2 too, whatever `%YAML` directive a file has: the node tree is
    typed by :class:`_Yaml12Resolver`.)
    """

    processing_version = (1, 2)

    def __init__(self) -> None:
        self._resolver = self


#: The constructor whose functions build numbers, booleans and null (they keep no state).
_CONSTRUCTOR = _StringTimestampConstructor(loader=_Yaml12Loader())


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
    if tag in (_STR, _TIMESTAMP):
        return node.value
    function = _CONSTRUCTORS.get(tag or "")
    if function is None:
        raise _Unusual
    try:
        return function(constructor, node)
    except (YAMLError, RecursionError):
        raise
    except Exception as exc:  # `!!float abc`: as the round-trip constructor reports it
        raise _tag_error(node, exc) from None


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
    if isinstance(node, MappingNode) and (node.ctag is _MAPPING_TAG or node.tag == _MAP):
        return _build_mapping(constructor, node, depth)
    if isinstance(node, SequenceNode) and (node.ctag is _SEQUENCE_TAG or node.tag == _SEQ):
        items: list[Any] = []
        for child in node.value:
            if isinstance(child, ScalarNode):
                ctag = child.ctag
                plain = ctag is _SCALAR_TAG or ctag is _TIMESTAMP_TAG
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
        key = key_node.value if ctag is _SCALAR_TAG or ctag is _TIMESTAMP_TAG else _scalar(constructor, key_node)
        if key in mapping:
            raise _Unusual
        if key.__class__ is not str and not written_checked:  # once a mapping, at its first key that is no text
            if _same_written_key(node):
                raise _Unusual  # `1` and `"1"`: two keys, but one text (positions let round-trip mode place them)
            written_checked = True
        if isinstance(value_node, ScalarNode):
            ctag = value_node.ctag
            plain = ctag is _SCALAR_TAG or ctag is _TIMESTAMP_TAG
            mapping[key] = value_node.value if plain else _scalar(constructor, value_node)
        else:
            mapping[key] = _build(constructor, value_node, depth + 1)
    return mapping


def _scalar_value(constructor: SafeConstructor, node: ScalarNode) -> Any:
    ctag = node.ctag
    if ctag is _SCALAR_TAG or ctag is _TIMESTAMP_TAG:  # the resolver's own Tag objects
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
    if _COMPOSER is None:
        return _fast_yaml().compose(text)
    composer = _COMPOSER(text)
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
        text = key.tag == _STR
        text_keys = text_keys and text
        if open_key is not None and open_value is not None:
            sequences[open_key] = SequenceOutline(*open_value, key.start_mark.line, flow=flow)
            open_key = None
        if text and isinstance(value, SequenceNode):
            items = tuple((item.start_mark.line, item.start_mark.column, _kind(item)) for item in value.value)
            open_key, open_value, flow = key.value, (value.start_mark.column, items), bool(value.flow_style)
    if open_key is not None and open_value is not None:
        sequences[open_key] = SequenceOutline(*open_value, None, flow=flow)
    return Outline(sequences, text_keys, key.value if key is not None and key.tag == _STR else None)


def _load_outlined(text: str, depth: int = 1) -> tuple[Any, Outline | None]:
    """Return what :func:`_load_fast` returns, and the document's :class:`Outline` when it is a plain mapping.

    ``depth`` is the depth the document's root would have inside a larger one (1 on its own).
    """
    node = _compose_text(text)
    if node is None:
        return None, None
    try:
        data = _build(_CONSTRUCTOR, node, depth)
    except _Unusual:
        try:
            return _Deep(_fast_yaml().load(text)), None
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
        data = _build(_CONSTRUCTOR, node, depth)
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


def uses_c_parser() -> bool:
    """Return True when loading goes through the C parser of ruamel.yaml.clib.

    ruamel falls back to its pure-Python parser, silently, when the extension is missing or
    when a Reader or Scanner class is set; so check the very class, and that nothing is set.
    """
    c_parser = getattr(ruamel_main, "CParser", None)  # the class ruamel itself switches on
    yaml = _fast_yaml()
    return c_parser is not None and yaml.Parser is c_parser and yaml.Reader is None and yaml.Scanner is None


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


def _alias_finding(text: str, path: str) -> Finding | None:
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


def _syntax_finding(exc: YAMLError, path: str, text: str) -> Finding:
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
    alias = _alias_finding(text, path)
    if alias is not None:
        return Loaded(path, text, None, (alias,))
    data: Any = None
    outline: Outline | None = None
    try:
        data, outline = _load_outlined(text)
    except YAMLError as exc:
        return Loaded(path, text, None, (_syntax_finding(exc, path, text),))
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
