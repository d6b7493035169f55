"""Which URLs from YAML may become links: an allow-list of schemes, checked at load and again at output.

A browser runs ``javascript:`` (and ``data:``, ``vbscript:``…) URLs when a link is clicked, and it
ignores tabs, newlines and leading spaces while reading a scheme (``java<TAB>script:`` is ``javascript:``).
So a URL is accepted only when it has no whitespace or control character at all, and either starts
with an allowed scheme or (where the caller allows it) is relative: no scheme before the first
``/``, ``?`` or ``#``.
"""

from __future__ import annotations

import re

#: Schemes a link may use.
SCHEMES = ("https", "http", "mailto")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\s\\]")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_HOST = re.compile(r"^https?://[^/?#@\s]+", re.IGNORECASE)

#: The same rule for an absolute URL as a JSON Schema (ECMA) pattern: editors flag what the loader refuses.
ABSOLUTE_PATTERN = r"^([Hh][Tt][Tt][Pp][Ss]?://[^/?#@\s\\][^\s\\]*|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\s\\]+)$"


def url_problem(value: str, *, relative: bool = False) -> str | None:  # noqa: PLR0911 - one reason each
    """Return why ``value`` may not be a link (``None`` when it may).

    Args:
        value: The URL as written.
        relative: Whether a relative URL (``page.html``, ``../x``, ``#top``) is acceptable here.
    """
    accepted = ", ".join(f"`{scheme}:`" for scheme in SCHEMES)
    if not value:
        return "must not be empty"
    if _FORBIDDEN.search(value):
        return "must not contain spaces, control characters or backslashes"
    match = _SCHEME.match(value)
    if match is None:
        if value.startswith("//"):
            return f"must say its scheme ({accepted}), not start with `//`"
        return None if relative else f"must be an absolute URL starting with {accepted}"
    scheme = match.group(1).lower()
    if scheme not in SCHEMES:
        return f"must start with {accepted}: a link to a `{match.group(1)}:` URL is refused"
    if scheme in ("http", "https") and not _HOST.match(value):
        return f"must name a host: `{scheme}://host/…`"
    if scheme == "mailto" and len(value) == len("mailto:"):
        return "must name an address after `mailto:`"
    return None


def nav_link_problem(value: str) -> str | None:
    """Return why a nav entry or page path may not be a link: a path is fine, a URL must pass `url_problem`."""
    if _SCHEME.match(_CONTROL.sub("", value)) is None and not value.lstrip().startswith("//"):
        return None
    return url_problem(value)


def safe_link(value: object, *, relative: bool = False) -> str:
    """Return ``value`` when it may be a link, else an empty string (templates emit nothing for it)."""
    if not isinstance(value, str) or url_problem(value, relative=relative) is not None:
        return ""
    return value
