"""How a new repository's CI installs isms: the source the running isms came from (PEP 610).

A wheel or sdist from an index has no ``direct_url.json``: the CI installs the same version from
the index. A VCS install records its URL and commit, an archive its URL: the CI installs exactly
that. A local folder or file cannot be reached from a CI runner, so the index version is used and
the user is told to pass ``isms init --isms-spec SPEC``.

See https://packaging.python.org/en/latest/specifications/direct-url-data-structure/.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from isms import __version__
from isms.errors import UsageError

DISTRIBUTION = "isms"
# Characters a pip argument may need (requirement specifiers, URLs, paths); none that a shell or YAML
# would treat specially inside double quotes ($, `, ", \) or that could end the line.
_SAFE_SPEC = re.compile(r"[A-Za-z0-9._+\-/:@=<>!~\[\],%#?&* ]+")


@dataclass(frozen=True, slots=True)
class InstallSource:
    """What to give pip, and a note for the user when it is only a fallback."""

    spec: str
    note: str | None = None


def _without_credentials(url: str) -> str:
    """Drop ``user:password@`` from a URL (never copy a secret into a workflow)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc or "${" in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def source_from(direct_url: dict[str, Any] | None, version: str = __version__) -> InstallSource:
    """Return the install source for a PEP 610 ``direct_url.json`` (None: installed from an index)."""
    index = f"{DISTRIBUTION}=={version}"
    if direct_url is None:
        return InstallSource(index)
    url = _without_credentials(str(direct_url.get("url", "")))
    scheme = urlsplit(url).scheme
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") and vcs.get("commit_id") and scheme != "file":
        spec = f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
        subdirectory = direct_url.get("subdirectory")
        return InstallSource(spec + (f"#subdirectory={subdirectory}" if subdirectory else ""))
    if isinstance(direct_url.get("archive_info"), dict) and scheme in ("https", "http"):
        return InstallSource(f"{DISTRIBUTION} @ {url}")
    note = (
        f"isms was installed from {url or 'a local source'}, which a CI runner cannot reach; the workflow "
        f'installs "{index}" from the package index. Choose the source with --isms-spec SPEC '
        "(e.g. git+https://github.com/OWNER/isms@COMMIT, a wheel URL, or a version)"
    )
    return InstallSource(index, note)


def running_source() -> InstallSource:
    """Return the install source of the running isms (its distribution's ``direct_url.json``)."""
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        text = None
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    return source_from(data if isinstance(data, dict) else None)


def checked_spec(spec: str) -> str:
    """Return ``--isms-spec`` as given, or refuse one that cannot go on a command line as it is.

    Raises:
        UsageError: empty, or with a quote, ``$``, backslash, backtick or line break.
    """
    if not spec.strip() or not _SAFE_SPEC.fullmatch(spec):
        msg = (
            f"--isms-spec {spec!r}: write what `pip install` takes, without quotes, `$` or line breaks, "
            'e.g. "isms==0.1.0", "git+https://github.com/OWNER/isms@COMMIT" or a wheel URL'
        )
        ja = (
            f"--isms-spec {spec!r}: `pip install` に渡せるものを、引用符・`$`・改行なしで指定してください。"
            '例: "isms==0.1.0"、"git+https://github.com/OWNER/isms@COMMIT"、またはホイールの URL'
        )
        raise UsageError(msg, ja=ja)
    return spec.strip()


def install_line(spec: str) -> str:
    """Return the CI command that installs isms from ``spec``."""
    return f'python -m pip install "{spec}"'
