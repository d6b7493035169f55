"""Evidence registers (`evidence/**/evidence.yaml`) to evidence items; unsafe paths refused."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from isms.loader.discover import leaves
from isms.model.evidence import EvidenceDefaults, EvidenceItemDoc, EvidenceRegisterDoc
from isms.model.repository import EvidenceItem
from isms.model.sources import Reader, error


def _safe_evidence_path(register: str, raw: str) -> tuple[str | None, str | None]:
    """Return the path relative to `evidence/`, or a reason to refuse it."""
    if "\\" in raw:
        return None, f"evidence path `{raw}` uses `\\`; write `/`"
    pure = PurePosixPath(raw)
    if pure.is_absolute() or raw.startswith("~"):
        return None, f"evidence path `{raw}` is absolute; write it relative to {posixpath.dirname(register)}/"
    if ".." in pure.parts:
        return None, f"evidence path `{raw}` leaves its folder with `..`; keep evidence files under evidence/"
    folder = posixpath.dirname(register).removeprefix("evidence").lstrip("/")
    return posixpath.normpath(posixpath.join(folder, raw)) if folder else posixpath.normpath(raw), None


def _register_entries(reader: Reader, register: str) -> Iterator[tuple[int, EvidenceItemDoc, EvidenceDefaults]]:
    """Validate a register entry by entry, so that one bad entry hides no other."""
    data = reader.data(register)
    if data is None:
        return
    if not isinstance(data, dict):
        reader.part(register, EvidenceRegisterDoc, data, ())
        return
    entries = data.get("evidence", [])
    head = reader.part(register, EvidenceRegisterDoc, {k: v for k, v in data.items() if k != "evidence"}, ())
    if not isinstance(entries, list):
        reader.findings.append(
            error(
                "invalid-value",
                "`evidence` must be a list of entries, each starting with `- path:`",
                register,
                ("evidence",),
            )
        )
        return
    defaults = head.defaults if head is not None else EvidenceDefaults()
    for index, raw in enumerate(entries):
        entry = reader.part(register, EvidenceItemDoc, raw, ("evidence", index))
        if entry is not None:
            yield index, entry, defaults


def load_evidence(reader: Reader, root: Path, registers: list[str], on_disk: frozenset[str]) -> dict[str, EvidenceItem]:
    out = reader.findings
    items: dict[str, EvidenceItem] = {}
    for register in registers:
        for index, entry, defaults in _register_entries(reader, register):
            here: tuple[str | int, ...] = ("evidence", index, "path")
            rel, problem = _safe_evidence_path(register, entry.path)
            if rel is None:
                out.append(error("path-escape", problem or "", register, here))
                continue
            file = f"evidence/{rel}"
            if rel in items:
                out.append(
                    error(
                        "duplicate-id",
                        f"evidence `{rel}` is already declared in {items[rel].register}; declare each file once",
                        register,
                        here,
                    )
                )
                continue
            # Files found on disk were vetted by discover(); only a path through a symlinked folder can lead out.
            if rel not in on_disk and leaves(root, root / file):
                out.append(
                    error(
                        "path-escape",
                        f"evidence `{rel}` leads outside the repository through a symlink; "
                        "copy the file into evidence/",
                        register,
                        here,
                    )
                )
                continue
            if rel not in on_disk:
                out.append(
                    error(
                        "evidence-missing",
                        f"evidence file {file} does not exist; add the file or remove its entry",
                        register,
                        here,
                    )
                )
            items[rel] = EvidenceItem(
                path=rel,
                file=file,
                register=register,
                index=index,
                title=entry.title,
                date=entry.date,
                collected_by=entry.collected_by or defaults.collected_by,
                valid_for=entry.valid_for or defaults.valid_for,
                valid_until=entry.valid_until,
                classification=entry.class_ or defaults.class_ or "internal",
                sha256=entry.sha256,
                description=entry.description,
            )
    return items
