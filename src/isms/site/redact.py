"""What of the evidence may reach the site: decided here, before any page is rendered.

Evidence at or above ``evidence.redact_from`` in isms.yaml (default ``internal``) is shown as
metadata and hash only: its file is never read, copied or linked. Public evidence files are copied
into the site under their own name only when their type is on an allow-list of inert types
(documents, images, data files) that no browser runs or renders as a page, over a web server with the
usual MIME types or from ``file://``. Every other file is published as ``.txt``, which browsers show
as plain text: a deny-list misses types (``.xht``, ``.shtml``, ``.svgz``, ``.mht`` ...) that do run.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from isms.model.evidence import CLASS_ORDER, Classification
from isms.model.repository import EvidenceItem, Repository

#: Where published evidence files go inside the site.
FILES_DIR = "files/evidence"

#: Inert types, published under their own name: no browser runs them or renders them as a page,
#: whether served with the usual MIME types or opened from ``file://``, and no engine turns them into
#: pages. SVG (scripts), XML and HTML of any spelling, Markdown (rendered by the engine), scripts and
#: style sheets are deliberately absent.
INERT_SUFFIXES = frozenset(
    {
        # documents
        ".pdf", ".txt", ".log", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".doc", ".xls", ".ppt", ".rtf",
        # images (raster only)
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff",
        # data
        ".csv", ".tsv", ".json", ".jsonl", ".yaml", ".yml", ".toml", ".ini", ".zip",
    }
)  # fmt: skip


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
    return PublishedFile(item.file, target if is_inert(target) else target + ".txt")


def is_inert(name: str) -> bool:
    """Return True when a file of this name may be published as it is (its type is on the allow-list)."""
    return posixpath.splitext(name)[1].lower() in INERT_SUFFIXES


def published_files(repo: Repository) -> list[PublishedFile]:
    """Return every evidence file the site may carry, sorted."""
    files = [published_file(repo, item) for item in repo.evidence.values()]
    return sorted((f for f in files if f is not None), key=lambda f: f.target)
