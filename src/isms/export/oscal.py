"""OSCAL export: shared pieces (version, namespace, stable UUIDs and timestamps, clean values).

Every UUID is a version-5 UUID of a stable name and every timestamp comes from a date of the
repository (the as-of date, an evidence date), so the same commit and ``--today`` give the
same files, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

from isms.export.xlsx import write_bytes_atomically
from isms.model.evidence import Classification

#: The OSCAL release whose JSON schemas the output is valid against (tests/data/oscal/).
OSCAL_VERSION = "1.2.3"

#: Namespace of the properties isms adds (OSCAL `ns`): a URI naming this tool's vocabulary.
NS = "urn:isms:ns:oscal"

_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:isms:oscal")
_NOT_TOKEN = re.compile(r"[^\w.-]", re.UNICODE)

JsonObject = dict[str, Any]

#: Evidence and risks of these classes are described by metadata only: never linked, never their text.
METADATA_ONLY: frozenset[Classification] = frozenset({"confidential", "insider"})


def stable_uuid(*parts: str) -> str:
    """Return a UUID (version 5) derived from ``parts`` only."""
    return str(uuid.uuid5(_ROOT, "\x1f".join(parts)))


def token(*parts: str) -> str:
    """Return an OSCAL token (an XML NCName) naming ``parts``, e.g. ``iso27001-2022_5.1``.

    Characters a token cannot hold become ``-``; a token that would start with a digit, ``.``
    or ``-`` is prefixed with ``_``.
    """
    text = _NOT_TOKEN.sub("-", "_".join(parts))
    return text if text[:1].isalpha() or text[:1] == "_" else "_" + text


def timestamp(day: dt.date) -> str:
    """Return midnight UTC of a day as an OSCAL date-time with a time zone."""
    return f"{day.isoformat()}T00:00:00Z"


def line(text: str) -> str:
    """Return text fit for a one-line field (a title, a property value): whitespace collapsed."""
    return " ".join(text.split()) or "-"


def prop(name: str, value: str, *, ns: str | None = NS, cls: str | None = None) -> JsonObject:
    """Return an OSCAL property (``ns`` None for OSCAL's own names such as ``label``)."""
    result: JsonObject = {"name": name}
    if ns is not None:
        result["ns"] = ns
    result["value"] = line(value)
    if cls is not None:
        result["class"] = cls
    return result


def compact(obj: JsonObject) -> JsonObject:
    """Drop keys whose value is None or an empty list (OSCAL arrays hold at least one item)."""
    return {key: value for key, value in obj.items() if value is not None and value != []}


def metadata(title: str, version: str, as_of: dt.date, **extra: Any) -> JsonObject:
    """Return an OSCAL `metadata` object; ``extra`` keys use OSCAL's names with ``_`` for ``-``."""
    return compact(
        {
            "title": line(title),
            "last-modified": timestamp(as_of),
            "version": line(version),
            "oscal-version": OSCAL_VERSION,
            **{key.replace("_", "-"): value for key, value in extra.items()},
        }
    )


def dumps(document: JsonObject) -> str:
    """Return a document as stable, readable JSON (UTF-8 kept, two-space indent, final newline)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_documents(folder: Path, documents: dict[str, JsonObject]) -> list[Path]:
    """Write ``{relative path: document}`` under ``folder``; return the paths written, in order."""
    written = []
    for rel, document in documents.items():
        path = folder / rel
        write_bytes_atomically(path, dumps(document).encode("utf-8"))
        written.append(path)
    return written
