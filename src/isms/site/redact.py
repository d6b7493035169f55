"""What of the evidence may reach the site: decided here, before any page is rendered.

Evidence at or above ``evidence.redact_from`` in isms.yaml (default ``internal``) is shown as
metadata and hash only: its file is never read, copied or linked. Public evidence files are copied
into the site, and files a browser would run or render as a page are published as ``.txt``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from isms.model.evidence import CLASS_ORDER, Classification
from isms.model.repository import EvidenceItem, Repository

#: Where published evidence files go inside the site.
FILES_DIR = "files/evidence"

# A browser would run these, or the engine would render them as pages: publish them as text.
_ACTIVE_SUFFIXES = frozenset(
    {".md", ".markdown", ".html", ".htm", ".xhtml", ".svg", ".xml", ".js", ".mjs", ".css", ".ipynb"}
)


def withheld(classification: Classification, redact_from: Classification) -> bool:
    """Return True when evidence of this class must not be published.

    Args:
        classification: The evidence item's class.
        redact_from: The lowest class that is withheld.
    """
    return CLASS_ORDER.index(classification) >= CLASS_ORDER.index(redact_from)


@dataclass(frozen=True, slots=True)
class PublishedFile:
    """A public evidence file copied into the site."""

    source: str
    """Repository-relative path of the file."""
    target: str
    """Path inside the site's docs folder."""


def published_file(repo: Repository, item: EvidenceItem) -> PublishedFile | None:
    """Return where an evidence file is published, or None when it is withheld or absent."""
    if withheld(item.classification, repo.config.evidence.redact_from):
        return None
    if item.path not in repo.evidence_files:
        return None
    target = posixpath.join(FILES_DIR, item.path)
    if posixpath.splitext(target)[1].lower() in _ACTIVE_SUFFIXES:
        target += ".txt"
    return PublishedFile(item.file, target)


def published_files(repo: Repository) -> list[PublishedFile]:
    """Return every evidence file the site may carry, sorted."""
    files = [published_file(repo, item) for item in repo.evidence.values()]
    return sorted((f for f in files if f is not None), key=lambda f: f.target)
