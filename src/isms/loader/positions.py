"""The one place that turns a pointer into a document into ``line:column``.

Positions are recovered lazily: only files with findings are parsed a second time. That parse
stops at the node tree of ruamel's C parser (no Python objects are built), whose nodes remember
where they started. Where the node tree cannot answer exactly as ruamel's round-trip mode does
(an empty value, a duplicate key, a file the C parser refuses), the file is parsed in round-trip
mode, so every finding keeps the line and column it always had.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from isms.findings import Finding, Pointer
from isms.loader.yaml import compose
from isms.model.outline import EMPTY, SCALAR, Outline, SequenceOutline


class _StringTimestamps(RoundTripConstructor):
    """Dates stay strings here too, so that `2026-13-45` can still be located."""


_StringTimestamps.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


#: Parses kept by text (a pure function of it): the load, the checks and `isms diff`'s two revisions
#: place findings in the same files, and each file is parsed once for all of them.
_KEEP = 1024


@functools.lru_cache(maxsize=_KEEP)
def _round_trip(text: str) -> Any:
    yaml = YAML(typ="rt")
    yaml.Constructor = _StringTimestamps
    try:
        return yaml.load(text)
    except (YAMLError, RecursionError):
        return None
    except Exception:  # a tag the value cannot hold (`!!int 0x`): fall back to the text
        return None


@functools.lru_cache(maxsize=_KEEP)
def _compose(text: str) -> Node | None:
    """Return the node tree from the C parser; None when it refuses the text, has a duplicate key or a `%YAML`."""
    if "%YAML" in text:  # a version directive: let round-trip mode type the keys as it does
        return None
    try:
        root = compose(text)
    except (YAMLError, ValueError, RecursionError):
        return None
    stack: list[Any] = [root]
    while stack:  # round-trip mode refuses duplicate keys: let it decide those files
        node = stack.pop()
        if isinstance(node, MappingNode):
            keys = [key.value for key, _ in node.value if isinstance(key, ScalarNode)]
            if len(set(keys)) != len(keys):
                return None
            stack.extend(value for _, value in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return root if isinstance(root, Node) else None


def locate(document: Any, pointer: Pointer, *, key: bool = False) -> tuple[int, int] | None:
    """Return the 1-based (line, column) of the deepest node on the pointer's path (round-trip document).

    With ``key``, a pointer ending in a mapping key is placed at the key rather than at its value
    (for "unknown key" findings).
    """
    node = document
    where: tuple[int, int] | None = None
    if isinstance(node, CommentedMap | CommentedSeq):
        where = (node.lc.line + 1, node.lc.col + 1)
    last = len(pointer) - 1
    for number, step in enumerate(pointer):
        try:
            if isinstance(node, CommentedMap) and step in node:
                line, col = node.lc.key(step) if key and number == last else node.lc.value(step)
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                line, col = node.lc.item(step)
            else:
                break
        except (KeyError, IndexError, TypeError):  # a key merged in with `<<` has no position of its own
            break
        where = (line + 1, col + 1)
        node = node[step]
    return where


_STR = "tag:yaml.org,2002:str"


class _Unsure(Exception):
    """The node tree may place this pointer differently from round-trip mode (an empty value, a key not text)."""


def _text_key(key: Node, step: str | int) -> bool:
    """Return True when ``key`` is the text ``step``; raise _Unsure for a key that is not text.

    Round-trip mode builds keys as values (``1``, ``true``, ``~``) and matches them with Python's
    equality (``True == 1``); such keys are rare (and a finding of their own), so leave them to it.
    """
    if not isinstance(key, ScalarNode) or key.tag != _STR or not isinstance(step, str):
        raise _Unsure
    return bool(key.value == step)


def _mark(node: Node) -> tuple[int, int]:
    if isinstance(node, ScalarNode) and node.value == "" and not node.style:
        raise _Unsure  # an empty value: round-trip mode places it at the next token
    return node.start_mark.line + 1, node.start_mark.column + 1


def locate_node(root: Node, pointer: Pointer, *, key: bool = False) -> tuple[int, int] | None:
    """Return what :func:`locate` returns for the round-trip document, from the C parser's node tree.

    Raises:
        _Unsure: where the answer could differ from round-trip mode.
    """
    node = root
    where: tuple[int, int] | None = None
    if isinstance(node, MappingNode | SequenceNode):
        where = _mark(node)
    last = len(pointer) - 1
    for number, step in enumerate(pointer):
        if isinstance(node, MappingNode):
            pair = next(((k, v) for k, v in node.value if _text_key(k, step)), None)
            if pair is None:
                break
            where = _mark(pair[0] if key and number == last else pair[1])
            node = pair[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            where = _mark(node)
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


#: Line breaks YAML knows besides LF.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _item_region(lines: list[str], sequence: SequenceOutline, index: int) -> tuple[int, int] | None:
    """Return the lines [top, bottom) that hold a sequence's item ``index`` and nothing outside the sequence.

    The item must start on its dash line (``<column spaces>- ``); the region ends at the next such
    item or where the sequence ends. None where the item does not start so.
    """
    items, dash = sequence.items, " " * sequence.column + "- "
    line, column, _ = items[index]
    if sequence.flow or column != sequence.column + 2 or not lines[line].startswith(dash):
        return None
    for after in range(index + 1, len(items)):  # (no slice of the items: this is asked once a finding)
        next_line, next_column, _ = items[after]
        if next_column == sequence.column + 2 and lines[next_line].startswith(dash):
            return line, next_line
    return line, len(lines) if sequence.end is None else sequence.end


def _item_tree(lines: list[str], sequence: SequenceOutline, index: int) -> tuple[SequenceNode, int]:
    """Return the node tree of a sequence's item parsed from its own lines, and the line they start at.

    The lines are dedented to the dashes and parsed as a block sequence: a block sequence item ends at
    the next line indented no deeper than its dash, so they read as they do in the whole file.

    Raises:
        _Unsure: where the item's lines alone could read otherwise.
    """
    region = _item_region(lines, sequence, index)
    if region is None:
        raise _Unsure
    top, bottom = region
    part = lines[top:bottom]
    if any(line[: sequence.column].strip(" ") for line in part):  # a line indented less than the dashes
        raise _Unsure
    text = "\n".join(line[sequence.column :] for line in part) + ("\n" if bottom < len(lines) else "")
    try:
        root = compose(text)
    except (YAMLError, ValueError, RecursionError):
        raise _Unsure from None
    if not isinstance(root, SequenceNode) or root.flow_style or not root.value:
        raise _Unsure
    return root, top


class ItemTrees:
    """Items of one file parsed apart, by (top-level key, index): the tree and its first line, or None (unsure).

    An item parsed apart costs about as much as ITEM_COST lines of the whole file: once the items
    parsed cost as much as the whole file, the whole file is parsed (:class:`_Documents` does it once).
    """

    ITEM_COST = 12

    def __init__(self, lines: int) -> None:
        """Keep the items of a file of ``lines`` lines."""
        self.trees: dict[tuple[str, int], tuple[SequenceNode, int] | None] = {}
        self.budget = lines


def _in_item(
    lines: list[str], sequence: SequenceOutline, where: tuple[str, int], rest: Pointer, *, key: bool, trees: ItemTrees
) -> tuple[int, int]:
    """Return where ``rest`` points inside a sequence's item, from the node tree of the item's lines alone.

    Raises:
        _Unsure: where the item's lines alone could read otherwise (or the node tree is unsure).
    """
    if where not in trees.trees:
        if trees.budget <= 0:
            raise _Unsure  # parsing the whole file is cheaper now
        try:
            trees.trees[where] = _item_tree(lines, sequence, where[1])
        except _Unsure:
            trees.trees[where] = None
        region = _item_region(lines, sequence, where[1])
        trees.budget -= ItemTrees.ITEM_COST + (region[1] - region[0] if region else 0)
    tree = trees.trees[where]
    if tree is None:
        raise _Unsure
    root, top = tree
    found = locate_node(root, (0, *rest), key=key)
    if found is None:
        raise _Unsure
    return found[0] + top, found[1] + sequence.column


def outline_lines(outline: Outline, text: str) -> list[str] | None:
    """Return the file's lines for :func:`locate_outlined`; None where its outline cannot place pointers.

    (A key that is no text, a `%YAML` directive, line breaks other than LF: the node tree or
    round-trip mode could read those otherwise. Asked once a file, not once a finding.)
    """
    if not outline.text_keys or "%YAML" in text or any(other in text for other in _OTHER_BREAKS):
        return None
    return text.split("\n")


def locate_outlined(
    outline: Outline, lines: list[str], pointer: Pointer, *, key: bool = False, trees: ItemTrees | None = None
) -> tuple[int, int]:
    """Return what :func:`locate_node` returns for the file's node tree, from its :class:`Outline`.

    Only a pointer into an item of a top-level sequence is answered; the item's own lines are
    parsed where the pointer goes deeper (each item once, kept in ``trees``). ``lines`` are the
    file's, from :func:`outline_lines`.

    Raises:
        _Unsure: where the outline cannot say exactly (the caller parses the whole file).
    """
    if len(pointer) < 2:  # a key and an item
        raise _Unsure
    step, index, rest = pointer[0], pointer[1], pointer[2:]
    if not isinstance(step, str) or not isinstance(index, int):
        raise _Unsure
    sequence = outline.sequences.get(step)
    if sequence is None or not 0 <= index < len(sequence.items):
        raise _Unsure
    line, column, kind = sequence.items[index]
    if not rest:
        if kind == EMPTY:
            raise _Unsure  # an empty value: round-trip mode places it at the next token
        return line + 1, column + 1
    if kind == SCALAR:
        return line + 1, column + 1  # the pointer goes no deeper than the scalar
    return _in_item(
        lines, sequence, (step, index), rest, key=key, trees=ItemTrees(len(lines)) if trees is None else trees
    )


class _Documents:
    """Each file parsed at most once as a node tree, and in round-trip mode only where needed."""

    def __init__(self, texts: Mapping[str, str], outlines: Mapping[str, Outline] | None = None) -> None:
        self.texts = texts
        self.outlines = outlines or {}
        self._nodes: dict[str, Node | None] = {}
        self._round_trips: dict[str, Any] = {}
        self._lines: dict[str, list[str] | None] = {}
        self._items: dict[str, ItemTrees] = {}

    def round_trip(self, path: str) -> Any:
        if path not in self._round_trips:
            self._round_trips[path] = _round_trip(self.texts[path])
        return self._round_trips[path]

    def _node(self, path: str) -> Node | None:
        if path not in self._nodes:
            self._nodes[path] = _compose(self.texts[path])
        return self._nodes[path]

    def _find(self, path: str, pointer: Pointer, *, key: bool) -> tuple[bool, tuple[int, int] | None]:
        """Return (answered, where): answered is False when the file is no container document."""
        outline = self.outlines.get(path) if path not in self._nodes else None
        if outline is not None:  # a pointer into a top-level sequence's item: no need to parse the whole file
            if path not in self._lines:
                self._lines[path] = outline_lines(outline, self.texts[path])
            lines = self._lines[path]
            try:
                if lines is not None:
                    trees = self._items.setdefault(path, ItemTrees(len(lines)))
                    return True, locate_outlined(outline, lines, pointer, key=key, trees=trees)
            except _Unsure:
                pass
        node = self._node(path)
        if isinstance(node, MappingNode | SequenceNode):
            try:
                return True, locate_node(node, pointer, key=key)
            except _Unsure:
                pass
        document = self.round_trip(path) if node is None or isinstance(node, MappingNode | SequenceNode) else None
        if isinstance(document, CommentedMap | CommentedSeq):
            return True, locate(document, pointer, key=key)
        return False, None

    def exact(self, path: str, pointer: Pointer, *, key: bool = False) -> tuple[int, int] | None:
        """Return where the pointer is in a container document; None when it is not there."""
        return self._find(path, pointer, key=key)[1]

    def place(self, path: str, pointer: Pointer, *, key: bool) -> tuple[int, int] | None:
        answered, where = self._find(path, pointer, key=key)
        if answered:
            return where
        text = self.texts[path]
        node, document = self._nodes[path], self._round_trips.get(path)
        if node is not None or document is not None or not pointer:
            return _first_content(text)  # a scalar document, or a finding about the whole file
        # the parsers gave up (e.g. too deep): find the key by its text, or the start
        return _by_text(text, pointer) or _first_content(text)


def resolve(
    findings: Iterable[Finding], texts: Mapping[str, str], outlines: Mapping[str, Outline] | None = None
) -> list[Finding]:
    """Place every finding that has a pointer but no line, parsing each file once.

    ``outlines`` (from the load) place pointers into top-level sequences' items without a parse of the whole file.
    """
    documents = _Documents(texts, outlines)
    placed: list[Finding] = []
    for finding in findings:
        if finding.line is None and finding.pointer is not None and finding.path in texts:
            where = documents.place(finding.path, finding.pointer, key=finding.rule == "unknown-key")
            if where is not None:
                placed.append(finding.at(*where))
                continue
        placed.append(finding)
    return placed


class Placer:
    """Say ``path:line`` for pointers into loaded files, parsing each file at most once."""

    def __init__(self, texts: Mapping[str, str], outlines: Mapping[str, Outline] | None = None) -> None:
        """Place pointers into ``texts`` (path -> text, as loaded); ``outlines`` as for :func:`resolve`."""
        self.texts = texts
        self._documents = _Documents(texts, outlines)

    def place(self, path: str, pointer: Pointer) -> str:
        """Return ``path:line`` for a pointer into a loaded file (``path`` alone when it cannot be placed)."""
        where = self._documents.exact(path, pointer) if path in self.texts else None
        return f"{path}:{where[0]}" if where is not None else path
