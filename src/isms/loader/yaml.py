"""Reading YAML: fast for every file, safe against hostile input, YAML 1.2 throughout.

Every file goes through ruamel's C-backed safe loader (``ruamel.yaml.clib``).
Round-trip parsing, which knows line numbers but is several times slower, is
left to :mod:`isms.loader.positions` and done only for files with findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from isms.findings import Finding, Severity

_UTF8_BOM = "\ufeff"


class _StringTimestampConstructor(SafeConstructor):
    """Keep dates as the strings written, so pydantic validates them with a position.

    A YAML 1.2 core schema has no timestamp type anyway; a bad date such as
    ``2026-13-45`` must become a finding, not a ValueError without a line.
    """


_StringTimestampConstructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _StringTimestampConstructor
    return yaml


@dataclass(frozen=True, slots=True)
class Loaded:
    """A YAML file read from disk.

    Attributes:
        path: Repository-relative POSIX path.
        text: The decoded text (kept for lazy position lookups).
        data: The plain data, or None when the file could not be read or is empty.
        findings: Problems met while reading.
    """

    path: str
    text: str
    data: Any
    findings: tuple[Finding, ...]


def uses_c_parser() -> bool:
    """Return True when the C-backed parser of ruamel.yaml.clib is in use."""
    return _fast_yaml().Parser.__module__.startswith("ruamel.yaml.clib") or (_fast_yaml().Parser.__name__ == "CParser")


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 text, or say where the first bad byte is."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, Finding(
            "encoding",
            Severity.ERROR,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 (Shift-JIS and other encodings are not read)",
            path,
            line=line,
            column=column,
        )
    return text.removeprefix(_UTF8_BOM), None


def _alias_finding(text: str, path: str) -> Finding | None:
    """Find the first alias (``*name``); aliases can blow up memory and are refused."""
    if "*" not in text:
        return None
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                mark = event.start_mark
                return Finding(
                    "yaml-alias",
                    Severity.ERROR,
                    f"YAML alias `*{event.anchor}` is not allowed; write the value out in full",
                    path,
                    line=mark.line + 1,
                    column=mark.column + 1,
                )
    except YAMLError:
        return None  # the fast parse below reports the syntax error
    return None


def _syntax_finding(exc: YAMLError, path: str) -> Finding:
    rule = "yaml-duplicate-key" if type(exc).__name__ == "DuplicateKeyError" else "yaml-syntax"
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = exc.problem or "invalid YAML"
        if rule == "yaml-duplicate-key":
            message = f"{problem.strip()}; each key may appear once in a mapping: remove or rename one"
        elif "\t" in problem or "tab" in problem:
            message = f"{problem}: indent with spaces, not tabs"
        else:
            context = f" {exc.context}" if exc.context else ""
            message = f"invalid YAML: {problem}{context}; fix the syntax at this place"
        return Finding(rule, Severity.ERROR, message, path, line=mark.line + 1, column=mark.column + 1)
    return Finding(rule, Severity.ERROR, f"invalid YAML: {exc}", path)


def parse(text: str, path: str) -> Loaded:
    """Parse YAML text into plain data (dicts, lists, str, int, float, bool, None)."""
    alias = _alias_finding(text, path)
    if alias is not None:
        return Loaded(path, text, None, (alias,))
    try:
        data = _fast_yaml().load(text)
    except YAMLError as exc:
        return Loaded(path, text, None, (_syntax_finding(exc, path),))
    return Loaded(path, text, data, ())


def load_bytes(raw: bytes, path: str) -> Loaded:
    """Decode and parse one file's content; empty files are a finding."""
    text, problem = decode(raw, path)
    if text is None:
        return Loaded(path, "", None, (problem,) if problem else ())
    loaded = parse(text, path)
    if not loaded.findings and loaded.data is None:
        empty = Finding(
            "empty-file",
            Severity.ERROR,
            "file is empty; write its content or delete the file",
            path,
            line=1,
            column=1,
        )
        return Loaded(path, text, None, (empty,))
    return loaded
