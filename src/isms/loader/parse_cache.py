"""The parse of a repository's YAML files, remembered between runs by their content (issue #19).

Parsing is most of a warm run: at 10,000 controls the 12,000 YAML files (22 MB) take 4.5 s in
ruamel's C parser, more than half of a warm `isms check`, although from one run to the next
nearly all of them are unchanged. What a parse gives depends only on a file's bytes and on the
parser (the sources of ``isms.loader.yaml`` and of its dialect and findings modules, isms's and
ruamel's versions); so the data and outline of every file parsed without a finding are kept in one
file of the cache folder per repository, by the SHA-256 of the file's bytes, under a key of the
parser: a changed file is a new digest and is parsed again, a changed parser a new key and a new
parse of everything. A file with a finding is parsed every time, so its findings and their lines
are always the parser's own.

Entries are written in ``marshal``'s format, which gives back exactly the types a parse makes
(mappings with keys of any scalar type, lists, text, integers, floats, booleans, null) about
twenty times faster than the parse, and only entries of this run are written back, so the file
holds no more than the repository. Each entry is serialised as it is parsed: what the loader does
with the data afterwards never reaches the cache. As with the evidence hashes, the cache is the
user's own and is not trusted where results must not depend on it: with ``CI`` set or under
``--strict`` it is neither read nor written. A cache that cannot be found, read or written, or
that holds anything else than entries of this format, is skipped.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ruamel.yaml

from isms import __version__
from isms.cache import cache_dir, read_own, root_key, write_bytes
from isms.loader import yaml as parser
from isms.loader import yaml_dialect, yaml_findings
from isms.loader.yaml import Loaded, decode, load_bytes
from isms.loader.yaml_dialect import WrittenFloat, WrittenInt
from isms.model.outline import Outline, SequenceOutline

#: The modules whose source decides what a parse gives: a change to any of them is a new key.
PARSER = (parser, yaml_dialect, yaml_findings)

#: The prefix of the cache file's name; a new format gets a new name, so an older isms never misreads one.
FILE_PREFIX = "parses-v1"

_MARSHAL_VERSION = 4


def parser_key(name: str) -> str | None:
    """Return a digest of the parser's sources and versions for cache ``name``; None when a source cannot be read."""
    try:
        sources = [Path(module.__file__).read_bytes() for module in PARSER]  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    digest = hashlib.sha256(f"{name}\0{__version__}\0{ruamel.yaml.__version__}\0".encode())
    for source in sources:
        digest.update(hashlib.sha256(source).digest())
    return digest.hexdigest()


def _encoded(data: Any) -> Any:
    """Return ``data`` with each number that remembers how it was written as a tuple.

    Raises:
        ValueError: ``data`` holds a tuple of its own (ruamel's key for ``? [a, b]``), which would read back wrong.
    """
    kind = type(data)
    if kind is tuple:
        msg = "a tuple in parsed data"
        raise ValueError(msg)
    if kind is dict:
        return {_encoded(key): _encoded(value) for key, value in data.items()}
    if kind is list:
        return [_encoded(item) for item in data]
    if kind is WrittenInt:
        return (0, int(data), data.written)
    if kind is WrittenFloat:
        return (1, float(data), data.written)
    return data


def _decoded(data: Any) -> Any:
    """Return what :func:`_encoded` was given."""
    kind = type(data)
    if kind is dict:
        return {_decoded(key): _decoded(value) for key, value in data.items()}
    if kind is list:
        return [_decoded(item) for item in data]
    if kind is tuple:
        number, value, written = data
        return WrittenInt(value, written) if number == 0 else WrittenFloat(value, written)
    return data


def _entry(data: Any, outline: Outline | None) -> bytes:
    """Return a parse as an entry: its data as it is when it holds only marshal's own types, else encoded.

    Raises:
        ValueError: the data holds a type marshal cannot write (ruamel's own constructor made it).
    """
    try:
        return marshal.dumps((data, _flat(outline), False), _MARSHAL_VERSION)
    except ValueError:  # numbers that remember how they were written: a walk, for these files only
        return marshal.dumps((_encoded(data), _flat(outline), True), _MARSHAL_VERSION)


def _flat(outline: Outline | None) -> Any:
    if outline is None:
        return None
    sequences = tuple((key, s.column, s.items, s.end, s.flow) for key, s in outline.sequences.items())
    return (sequences, outline.text_keys, outline.last)


def _outline(flat: Any) -> Outline | None:
    if flat is None:
        return None
    sequences, text_keys, last = flat
    return Outline(
        {key: SequenceOutline(column, items, end, flow=flow) for key, column, items, end, flow in sequences},
        text_keys,
        last,
    )


@dataclass
class ParseCache:
    """The remembered parses of one repository's files, for one load."""

    file: Path | None
    key: str | None
    _stored: dict[bytes, bytes] | None = None
    _used: dict[bytes, bytes] = field(default_factory=dict)
    _new: bool = False

    @classmethod
    def open(cls, root: Path, folder: Path | None = None) -> ParseCache:
        """Open the cache of ``root``'s parses (nothing is read until first use); off when ``CI`` is set."""
        key = None if os.environ.get("CI") else parser_key(FILE_PREFIX)
        try:
            file = (folder or cache_dir()) / f"{FILE_PREFIX}-{root_key(root)}.marshal" if key else None
        except RuntimeError:  # no home folder to keep a cache in
            file = None
        return cls(file, key)

    def _entries(self) -> dict[bytes, bytes]:
        if self._stored is None:
            self._stored = {}
            if self.file is None:
                return self._stored
            try:
                raw = read_own(self.file)
                stored = marshal.loads(raw) if raw is not None else None  # noqa: S302 - see read_own
            except (OSError, ValueError, EOFError, TypeError):
                return self._stored
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self.key:
                entries = stored[1]
                if isinstance(entries, dict):
                    self._stored = entries
        return self._stored

    def load(self, raw: bytes, path: str) -> Loaded:
        """Return the parse of ``raw`` (the file ``path``): the remembered one, else the parser's."""
        if self.file is None:
            return load_bytes(raw, path)
        digest = hashlib.sha256(raw).digest()
        entry = self._entries().get(digest)
        if isinstance(entry, bytes):
            found = self._remembered(raw, path, entry)
            if found is not None:
                self._used[digest] = entry
                return found
        loaded = load_bytes(raw, path)
        if not loaded.findings and loaded.data is not None:
            try:
                self._used[digest] = _entry(loaded.data, loaded.outline)
                self._new = True
            except ValueError:  # a type marshal cannot write (ruamel's own constructor made it): not kept
                pass
        return loaded

    @staticmethod
    def _remembered(raw: bytes, path: str, entry: bytes) -> Loaded | None:
        text, _ = decode(raw, path)
        if text is None:
            return None
        try:
            data, flat, encoded = marshal.loads(entry)  # noqa: S302 - from this user's own file (read_own)
            return Loaded(path, text, _decoded(data) if encoded else data, (), _outline(flat))
        except (ValueError, EOFError, TypeError):  # not an entry this module wrote
            return None

    def save(self) -> None:
        """Write this load's entries when they differ from what was read; skipped silently when it cannot."""
        if self.file is None or self._stored is None:
            return
        if not self._new and self._used.keys() == self._stored.keys():
            return
        write_bytes(self.file, marshal.dumps((self.key, self._used), _MARSHAL_VERSION), mode=0o600)
