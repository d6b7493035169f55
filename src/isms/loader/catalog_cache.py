"""The packaged catalogs' parse, remembered between runs in the cache folder.

The catalogs shipped in the package are about 175 KB of YAML, and parsing them was a sixth of `isms
validate` on a small repository (the pre-commit hook). Their parse depends on nothing in the
repository: only on their bytes and on the parser (the sources of ``isms.loader.yaml`` and of its
dialect and findings modules, isms's and ruamel's versions). So it is kept in one file of the cache
folder (``isms.cache.cache_dir``, where the evidence hashes are), under a key of all of these: a
changed catalog or parser is a new key and a new parse. Only a parse without findings whose data is
of plain JSON types (mappings with text keys, lists, text, booleans, null) is kept, so that reading
it back gives the very same data; a catalog holding numbers is parsed every time. As the hash cache
is not trusted there, the cache is not used at all when ``CI`` is set; a cache that cannot be found,
read or written is skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from isms.cache import cache_dir, read_json, write_json
from isms.loader.parse_cache import parser_key
from isms.loader.yaml import Loaded, decode, load_bytes

#: The cache file's name; a new format gets a new name, so an older isms never misreads one.
FILE_NAME = "catalogs-v1.json"


def _key(catalogs: Sequence[tuple[str, bytes]]) -> str | None:
    """Return the key of these catalogs' parse, or None when the parser's source cannot be read."""
    parser_digest = parser_key(FILE_NAME)
    if parser_digest is None:
        return None
    digest = hashlib.sha256(parser_digest.encode())
    for name, raw in catalogs:
        digest.update(f"\0{name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()


def _plain(data: Any) -> bool:
    """Return True when JSON gives back exactly ``data``: dicts with str keys, lists, str, bool, None."""
    stack = [data]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is dict:
            if any(type(key) is not str for key in node):
                return False
            stack.extend(node.values())
        elif kind is list:
            stack.extend(node)
        elif kind not in (str, bool) and node is not None:
            return False
    return True


def _read(file: Path, key: str, names: list[str]) -> dict[str, Any] | None:
    stored = read_json(file)
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    data = stored.get("catalogs")
    return data if isinstance(data, dict) and sorted(data) == sorted(names) else None


def _write(file: Path, key: str, data: dict[str, Any]) -> None:
    write_json(file, {"key": key, "catalogs": data})


def _file(folder: Path | None) -> Path | None:
    try:
        return (folder or cache_dir()) / FILE_NAME
    except RuntimeError:  # no home folder to keep a cache in (no $HOME, a uid without a passwd entry)
        return None


def load_packaged(catalogs: Sequence[tuple[str, bytes]], folder: Path | None = None) -> list[Loaded]:
    """Parse the packaged catalogs ``(name, content)``, taking the parse from the cache when it is there.

    ``folder`` is the cache folder (default: :func:`isms.cache.cache_dir`).
    """
    key = None if os.environ.get("CI") else _key(catalogs)
    file = _file(folder) if key is not None else None
    if key is None or file is None:
        return [load_bytes(raw, name) for name, raw in catalogs]
    cached = _read(file, key, [name for name, _ in catalogs])
    if cached is not None:
        texts = [(name, decode(raw, name)[0]) for name, raw in catalogs]
        if all(text is not None for _, text in texts):
            return [Loaded(name, text or "", cached[name], ()) for name, text in texts]
    loaded = [load_bytes(raw, name) for name, raw in catalogs]
    if all(not item.findings and item.data is not None and _plain(item.data) for item in loaded):
        _write(file, key, {item.path: item.data for item in loaded})
    return loaded
