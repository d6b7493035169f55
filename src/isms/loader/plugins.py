"""Pydantic's plugin discovery, skipped where no installed distribution declares a pydantic plugin.

Pydantic looks for its plugins (entry points of the group ``pydantic``) when it builds its first
validator: ``pydantic.plugin._loader`` imports ``importlib.metadata`` (and with it ``email``,
``csv``, ``zipfile`` and ``importlib.resources``) and reads the entry points of every installed
distribution. That was about 6 % of `isms validate` on a small repository (the pre-commit hook),
for environments that nearly always have no plugin at all.

:func:`skip_discovery_without_plugins` first reads the same files itself: the ``entry_points.txt``
of every ``*.dist-info`` and ``*.egg-info`` folder in the folders of ``sys.path``, which is where
``importlib.metadata`` finds them. Only when none of them has a ``[pydantic]`` section does
pydantic get a loader that finds no plugins, which is what its own would have found. Whenever the
answer could be different (an archive or an egg on ``sys.path``, a folder that cannot be listed, a
file that cannot be read, another finder of distributions in ``sys.meta_path``,
``PYDANTIC_DISABLE_PLUGINS`` set, pydantic's loader already imported), nothing is changed and
pydantic's own loader runs as before: installed plugins keep working, and nothing in the
environment is changed (tests/unit/loader/test_plugins.py runs a real plugin).
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from importlib.machinery import PathFinder

#: Pydantic's module that discovers and loads plugins (``create_schema_validator`` imports it).
LOADER = "pydantic.plugin._loader"
#: What ``importlib.metadata`` reads the entry points from, in each distribution's metadata folder.
ENTRY_POINTS = "entry_points.txt"
_METADATA_FOLDERS = (".dist-info", ".egg-info")
#: The errors ``importlib.metadata`` takes for "no such file" when it reads a metadata file.
_ABSENT = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


class _NoPlugins(types.ModuleType):
    """Pydantic's plugin loader where no distribution declares a plugin: it finds none.

    Any other name pydantic (or anything else) asks of it is taken from pydantic's own loader,
    imported then in its place.
    """

    @staticmethod
    def get_plugins() -> tuple[()]:
        """Return the plugins: none."""
        return ()

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # the import system's questions (``__path__``…): a plain module's answers
            raise AttributeError(name)
        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        return getattr(importlib.import_module(LOADER), name)


def _declares_group(file: str) -> bool:
    """Return False when ``file`` (an ``entry_points.txt``) is absent or has no ``[pydantic]`` section."""
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read()
    except _ABSENT:
        return False
    except (OSError, ValueError):  # unreadable for importlib.metadata too: leave it to pydantic's loader
        return True
    for line in text.splitlines():
        stripped = line.strip()
        # importlib.metadata names a section ``line.strip("[]")``; spaces inside count here too (never fewer)
        if stripped.startswith("[") and stripped.endswith("]") and stripped.strip("[]").strip() == "pydantic":
            return True
    return False


def may_declare_plugins(paths: Iterable[object], finders: Iterable[object]) -> bool:
    """Return False only when sure that no distribution found on ``paths`` declares a pydantic plugin.

    ``paths`` and ``finders`` are ``sys.path`` and ``sys.meta_path``: ``importlib.metadata`` asks
    every finder with a ``find_distributions`` method, and the standard one (``PathFinder``) lists
    the ``*.dist-info`` and ``*.egg-info`` folders of every folder on the path, or the members of
    an archive on it.
    """
    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in finders):
        return True
    for entry in paths:
        if not isinstance(entry, str) or entry.lower().endswith(".egg"):
            return True
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except FileNotFoundError:  # not there: importlib.metadata finds nothing there either
            continue
        except OSError:  # an archive, or a folder that cannot be listed
            return True
        for name in names:
            if name.lower().endswith(_METADATA_FOLDERS) and _declares_group(os.path.join(folder, name, ENTRY_POINTS)):
                return True
    return False


def skip_discovery_without_plugins() -> bool:
    """Give pydantic a loader that finds no plugins when no distribution declares one; return True if so.

    Call it before the first validator is built; it changes nothing once pydantic's loader is
    imported (its plugins, or its finding none, are then settled for the process).
    """
    if LOADER in sys.modules or "PYDANTIC_DISABLE_PLUGINS" in os.environ:
        return False
    if may_declare_plugins(sys.path, sys.meta_path):
        return False
    sys.modules[LOADER] = _NoPlugins(LOADER, _NoPlugins.__doc__)
    return True
