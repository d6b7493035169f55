"""The MkDocs hook of :mod:`isms.site.engine_parallel` (MkDocs on two cores): its events, re-exported.

MkDocs loads a hook from its path as a module of its own; the events and their state live in
:mod:`isms.site.engine_parallel`, imported as usual.
"""

from __future__ import annotations

from isms.site.engine_parallel import (
    on_build_error,
    on_env,
    on_nav,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_shutdown,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_env",
    "on_nav",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_shutdown",
    "on_startup",
]
