"""A store attestation: what the custodian found in a store on a day, signed with their SSH key.

It lives in the repository as ``attestations/<store>.json``::

    {"attestation": {"isms": "store-attestation/1", "store": "insider-fs", "date": "2026-11-30",
                     "verifier": "insider-admin",
                     "items": [{"ref": "2026-Q3/accounts.csv", "sha256": "…", "result": "match"}]},
     "signature": "-----BEGIN SSH SIGNATURE-----…"}

The signature is over the canonical JSON of ``attestation`` (:func:`isms.signing.messages.canonical`),
in the namespace :data:`isms.signing.ssh.ATTESTATION_NAMESPACE`. Nothing of a file's content is in it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from isms.signing.messages import canonical

ATTESTATIONS_DIR = "attestations"
FORMAT = "store-attestation/1"

#: What verify found for one ref: the hash matched the register, differed, or the file could not be read.
Result = Literal["match", "mismatch", "missing", "unreadable", "outside"]
RESULTS: tuple[Result, ...] = ("match", "mismatch", "missing", "unreadable", "outside")


@dataclass(frozen=True, slots=True)
class AttestedItem:
    """One store file as the verifier found it."""

    ref: str
    sha256: str | None
    result: Result


@dataclass(frozen=True, slots=True)
class Attestation:
    """A parsed attestation file."""

    file: str
    """Repository-relative path of the attestation."""
    store: str
    date: dt.date
    verifier: str
    items: dict[str, AttestedItem]
    signature: str
    message: bytes
    """The exact signed bytes."""
    sha256: str
    """SHA-256 of the attestation file, as the site and OSCAL show it."""


def attestation_file(store: str) -> str:
    """Return the repository-relative path of a store's attestation."""
    return f"{ATTESTATIONS_DIR}/{store}.json"


def body(store: str, date: dt.date, verifier: str, items: list[AttestedItem]) -> dict[str, Any]:
    """Return the attestation body (what is signed)."""
    return {
        "isms": FORMAT,
        "store": store,
        "date": date.isoformat(),
        "verifier": verifier,
        "items": [{"ref": i.ref, "sha256": i.sha256, "result": i.result} for i in sorted(items, key=lambda i: i.ref)],
    }


def _item(raw: Any) -> AttestedItem:
    if not isinstance(raw, dict) or not isinstance(raw.get("ref"), str) or raw.get("result") not in RESULTS:
        msg = "an item lacks `ref` or a known `result`"
        raise ValueError(msg)
    digest = raw.get("sha256")
    if digest is not None and not isinstance(digest, str):
        msg = f"item `{raw['ref']}` has a `sha256` that is not text"
        raise ValueError(msg)
    return AttestedItem(raw["ref"], digest, raw["result"])


def parse(file: str, data: bytes, sha256: str) -> Attestation:
    """Parse an attestation file.

    Raises:
        ValueError: the file is not an attestation (the message says what is wrong).
    """
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"not JSON ({exc})"
        raise ValueError(msg) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("attestation"), dict):
        msg = "no `attestation` object"
        raise ValueError(msg)
    inner = doc["attestation"]
    if inner.get("isms") != FORMAT:
        msg = f"`isms` is not `{FORMAT}`"
        raise ValueError(msg)
    signature = doc.get("signature")
    if not isinstance(signature, str):
        msg = "no `signature`"
        raise ValueError(msg)
    store, verifier, items = inner.get("store"), inner.get("verifier"), inner.get("items")
    if not isinstance(store, str) or not isinstance(verifier, str) or not isinstance(items, list):
        msg = "`store`, `verifier` and `items` are required"
        raise ValueError(msg)
    try:
        date = dt.date.fromisoformat(str(inner.get("date")))
    except ValueError:
        msg = f"`date` is not YYYY-MM-DD: {inner.get('date')!r}"
        raise ValueError(msg) from None
    parsed = [_item(raw) for raw in items]
    return Attestation(
        file=file,
        store=store,
        date=date,
        verifier=verifier,
        items={item.ref: item for item in parsed},
        signature=signature,
        message=canonical(inner),
        sha256=sha256,
    )


def render(signed_body: dict[str, Any], signature: str) -> bytes:
    """Return the file content of a signed attestation (readable JSON, signature last)."""
    text = json.dumps({"attestation": signed_body, "signature": signature}, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_atomic(path: Path, content: bytes) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
