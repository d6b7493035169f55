"""The language people read: ``Lang``, and the terminal's language (``ISMS_LANG``, else the locale).

A foundation module (no imports of isms), so that the CLI can ask the terminal's language for
`isms --help` without importing the commands' shared options (pydantic with them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Lang = Literal["ja", "en"]
"""A language of the texts shown to people: Japanese or English."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where the terminal's language is looked up, first set wins (POSIX order)."""


def terminal_lang(env: Mapping[str, str]) -> Lang:
    """Return the language of messages for a terminal: ``ISMS_LANG``, else the locale (``ja_JP…`` → ja).

    ``ISMS_LANG`` is ``ja`` or ``en``; otherwise the first of ``LC_ALL``, ``LC_MESSAGES`` and
    ``LANG`` that is set decides (as for gettext): a locale of Japanese gives ``ja``, any other ``en``.
    """
    chosen = env.get("ISMS_LANG", "").strip().lower()
    if chosen in ("ja", "en"):
        return "ja" if chosen == "ja" else "en"
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
