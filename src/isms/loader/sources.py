"""Read every source file once and validate it into its document model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from isms.files import MAX_YAML_BYTES, FileRefused, Tree, read_regular
from isms.findings import Finding, Pointer, Severity
from isms.loader import documents
from isms.loader.parse_cache import ParseCache
from isms.loader.yaml import Loaded, load_bytes
from isms.model.outline import Outline, RegisterOutline

D = TypeVar("D", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Document(Generic[D]):
    """A validated document and where it came from."""

    path: str
    doc: D


@dataclass
class Reader:
    """Reads and validates files (from disk, or from a git ``tree``), keeping their text for position lookups."""

    root: Path
    tree: Tree | None = None
    texts: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    outlines: dict[str, Outline] = field(default_factory=dict)
    """Where the top-level sequences' items start, per file the fast path built (`isms.loader.revisions`)."""
    registers: dict[str, RegisterOutline] = field(default_factory=dict)
    """The outlines of the evidence registers, with what each entry recorded."""
    parses: ParseCache | None = None
    """The parses remembered from earlier runs (`isms.loader.parse_cache`); None: every file is parsed."""

    def read(self, path: str, model: type[D], raw: bytes | None = None) -> Document[D] | None:
        """Load ``path`` (or the given bytes) as ``model``; problems go to ``findings``."""
        return self.validated(path, model, self.data(path, raw))

    def validated(self, path: str, model: type[D], data: Any) -> Document[D] | None:
        """Validate the data of ``path`` (None: it could not be read) as ``model``; problems go to ``findings``."""
        if data is None:
            return None
        doc, problems = documents.validate(model, data, path)
        self.findings.extend(problems)
        return Document(path, doc) if doc is not None else None

    def data(self, path: str, raw: bytes | None = None) -> Any:
        """Load ``path`` (or the given bytes) as plain data; None when it cannot be read."""
        if raw is None:
            try:
                if self.tree is not None:
                    raw = self.tree.read(path, MAX_YAML_BYTES)
                else:
                    raw = read_regular(self.root / path, MAX_YAML_BYTES)
            except FileRefused as exc:
                ja = f"ファイルを読み込めません: {exc.message_ja}"
                self.findings.append(Finding("unreadable", Severity.ERROR, f"file {exc}", path, message_ja=ja))
                return None
            except OSError as exc:
                message = f"cannot read file: {exc.strerror}"
                ja = f"ファイルを読めません（{exc.strerror}）"
                self.findings.append(Finding("unreadable", Severity.ERROR, message, path, message_ja=ja))
                return None
        return self.take(load_bytes(raw, path) if self.parses is None else self.parses.load(raw, path))

    def take(self, loaded: Loaded) -> Any:
        """Keep a parsed file's text (for positions) and findings; return its data."""
        self.texts[loaded.path] = loaded.text
        self.findings.extend(loaded.findings)
        if loaded.outline is not None:
            self.outlines[loaded.path] = loaded.outline
        else:
            self.outlines.pop(loaded.path, None)
        return loaded.data

    def part(self, path: str, model: type[D], data: Any, prefix: Pointer) -> D | None:
        """Validate one part of a document (e.g. one register entry) on its own."""
        doc, problems = documents.validate(model, data, path, prefix)
        self.findings.extend(problems)
        return doc


def error(rule: str, message: str, path: str, pointer: Pointer = (), *, ja: str) -> Finding:
    """Return an error finding in a file, placed later through its pointer (``ja``: the message in Japanese)."""
    return Finding(rule, Severity.ERROR, message, path, pointer=pointer, message_ja=ja)
