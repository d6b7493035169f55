"""YAML 1.2 as isms reads it: the constructor, the resolver and the C parser's composer, made once.

:mod:`isms.loader.yaml` builds plain data from the node tree these make. Dates stay the text
written, numbers remember how they were written (``017``, ``1.10``), ``yes`` is text (YAML 1.2,
whatever ``%YAML`` directive a file has), and a value its explicit tag cannot hold is a
ConstructorError at the node, never an exception from inside ruamel.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import main as ruamel_main
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

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
            raise tag_error(node, exc) from None


def tag_error(node: Any, exc: Exception) -> ConstructorError:
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
MAP, SEQ, STR, TIMESTAMP = f"{_TAG}map", f"{_TAG}seq", f"{_TAG}str", f"{_TAG}timestamp"


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
    tags: dict[str, Tag] = {STR: VersionedResolver.DEFAULT_SCALAR_TAG}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            shared = tags.setdefault(tag, Tag(suffix=tag))
            for char in first or (None,):
                by_start.setdefault(char, []).append((shared, regexp))
    any_start = tuple(by_start.pop(None, ()))
    return {char: (*found, *any_start) for char, found in by_start.items() if char is not None}, any_start


_RESOLVERS, _ANY_START = _yaml12_table()
TIMESTAMP_TAG = next(tag for tag, _ in _RESOLVERS["2"] if tag.suffix == TIMESTAMP)
#: The same table with each pattern's own `match` (ruamel's patterns are compiled lazily, behind a proxy
#: whose every attribute lookup runs Python code: a tenth of a large load).
_MATCHERS: dict[str, tuple[tuple[Tag, Any], ...]] = {
    char: tuple((tag, regexp.match) for tag, regexp in found) for char, found in _RESOLVERS.items()
}
_ANY_MATCHERS: tuple[tuple[Tag, Any], ...] = tuple((tag, regexp.match) for tag, regexp in _ANY_START)
SCALAR_TAG = VersionedResolver.DEFAULT_SCALAR_TAG
SEQUENCE_TAG = VersionedResolver.DEFAULT_SEQUENCE_TAG
MAPPING_TAG = VersionedResolver.DEFAULT_MAPPING_TAG


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
                return SCALAR_TAG
            return SEQUENCE_TAG if kind is SequenceNode else MAPPING_TAG

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """No path resolvers (as in ruamel's safe loader)."""

        def ascend_resolver(self) -> None:
            """No path resolvers."""

    return Composer


COMPOSER = _composer_class()


def fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _StringTimestampConstructor
    yaml.Resolver = _Yaml12Resolver
    return yaml


CONSTRUCTORS: dict[str, Any] = {
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
CONSTRUCTOR = _StringTimestampConstructor(loader=_Yaml12Loader())


def uses_c_parser() -> bool:
    """Return True when loading goes through the C parser of ruamel.yaml.clib.

    ruamel falls back to its pure-Python parser, silently, when the extension is missing or
    when a Reader or Scanner class is set; so check the very class, and that nothing is set.
    """
    c_parser = getattr(ruamel_main, "CParser", None)  # the class ruamel itself switches on
    yaml = fast_yaml()
    return c_parser is not None and yaml.Parser is c_parser and yaml.Reader is None and yaml.Scanner is None
