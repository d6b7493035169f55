"""The exact bytes that are signed: canonical JSON (sorted keys, no spaces, UTF-8)."""

from __future__ import annotations

import json
from typing import Any

from isms.model.repository import EvidenceItem


def canonical(value: Any) -> bytes:
    """Return the canonical JSON bytes of a value made of dicts, lists, strings, numbers and null."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def evidence_claim(item: EvidenceItem) -> dict[str, str | None]:
    """Return what a collector vouches for when signing an evidence item."""
    return {
        "path": item.file,
        "sha256": item.sha256,
        "date": item.date.isoformat(),
        "class": item.classification,
        "collected_by": item.collected_by,
    }


def evidence_message(claim: dict[str, str | None]) -> bytes:
    """Return the bytes of an evidence signature: path, sha256, date, class and collector."""
    return canonical({"isms": "evidence-signature/1", **claim})
