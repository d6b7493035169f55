"""Walk the repository layout and list its source files; refuse paths that leave the root."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from isms.errors import UsageError
from isms.findings import Finding, Severity

CONFIG_FILE = "isms.yaml"
REGISTER_NAME = "evidence.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: The folders an ISMS is built from (with isms.yaml); `attestations` holds the evidence stores' proofs.
ISMS_FOLDERS = ("catalogs", "controls", "policies", "evidence", "assets", "risks", "exceptions", "attestations")
_ISMS_PREFIXES = tuple(f"{folder}/" for folder in ISMS_FOLDERS)


def is_isms_path(path: str) -> bool:
    """Return True when a repository-relative path is part of the ISMS (isms.yaml or a file in its folders).

    An uncommitted change counts only there: a change to the README or to CI files leaves every
    figure as the commit says, a change to a control or an evidence file does not.
    """
    return path == CONFIG_FILE or path.startswith(_ISMS_PREFIXES)


@dataclass
class Sources:
    """The files that make up an ISMS repository, as repository-relative POSIX paths."""

    root: Path
    catalogs: list[str] = field(default_factory=list)
    controls: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)
    evidence_files: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def require_root(root: Path) -> Path:
    """Return the absolute root, or raise UsageError when it is not an ISMS repository."""
    if not root.is_dir():
        msg = f"{root}: no such directory; pass the ISMS repository with --root"
        raise UsageError(msg)
    if not (root / CONFIG_FILE).is_file():
        msg = f"{root}: not an ISMS repository (no {CONFIG_FILE}); run `isms init DIR` to create one, or pass --root"
        raise UsageError(msg)
    return root.resolve()


def inside(root: Path, path: Path) -> bool:
    """Return True when ``path``, with symlinks resolved, stays under ``root``."""
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def leaves(root: Path, path: Path) -> bool:
    """Return True when ``path``, with symlinks resolved, is outside ``root`` (False for a symlink loop)."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return False
    return not resolved.is_relative_to(root)


def _walk(root: Path, top: str, findings: list[Finding]) -> list[str]:
    """List files under ``root/top``, sorted, not following symlinked folders.

    Plain strings and ``os.scandir`` keep this cheap for 100,000 evidence files; only
    symlinks are resolved, and those leading out of the repository are refused.
    """
    base = root / top
    if not base.is_dir():
        return []
    found: list[str] = []
    folders = [top]
    while folders:  # depth first, files of a folder before its subfolders, each sorted (as os.walk)
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(root / folder), key=lambda entry: entry.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{folder}/{entry.name}"
            if entry.is_symlink():
                _symlink(root, Path(entry.path), rel, found, findings)
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(rel)
            else:
                found.append(rel)
        folders.extend(reversed(subfolders))
    return found


def _symlink(root: Path, path: Path, rel: str, found: list[str], findings: list[Finding]) -> None:
    """Keep a symlinked file that stays inside; never follow a symlinked folder; refuse the rest."""
    try:
        is_folder = path.is_dir()
    except OSError:  # a loop
        is_folder = False
    if is_folder:
        if not inside(root, path):
            findings.append(_escape(root, path))
    elif inside(root, path) and path.exists():
        found.append(rel)
    else:
        findings.append(_escape(root, path))


def _escape(root: Path, path: Path) -> Finding:
    """Report a symlink that leaves the repository, or that cannot be followed (a loop, a missing target)."""
    rel = path.relative_to(root).as_posix()
    target = os.readlink(path)
    if not leaves(root, path):
        return Finding(
            "unreadable",
            Severity.ERROR,
            f"symlink is broken ({target} cannot be followed); replace it with the file itself",
            rel,
        )
    return Finding(
        "path-escape",
        Severity.ERROR,
        f"symlink points outside the repository ({target}); copy the file into the repository instead",
        rel,
    )


def discover(root: Path) -> Sources:
    """Find catalogs, controls, policies, evidence registers and evidence files."""
    sources = Sources(root)
    found = sources.findings
    sources.catalogs = [p for p in _walk(root, "catalogs", found) if p.endswith(YAML_SUFFIXES)]
    sources.controls = [p for p in _walk(root, "controls", found) if p.endswith(YAML_SUFFIXES)]
    sources.policies = [p for p in _walk(root, "policies", found) if p.endswith(YAML_SUFFIXES)]
    sources.assets = [p for p in _walk(root, "assets", found) if p.endswith(YAML_SUFFIXES)]
    sources.risks = [p for p in _walk(root, "risks", found) if p.endswith(YAML_SUFFIXES)]
    sources.exceptions = [p for p in _walk(root, "exceptions", found) if p.endswith(YAML_SUFFIXES)]
    for path in _walk(root, "evidence", found):
        if path.rsplit("/", 1)[-1] == REGISTER_NAME:
            sources.registers.append(path)
        else:
            sources.evidence_files.append(path)
    return sources


def packaged_catalogs() -> list[tuple[str, bytes]]:
    """Return ``(name, content)`` of the catalogs shipped inside the package."""
    folder = resources.files("isms.catalogs")
    return sorted(
        (f"package:catalogs/{item.name}", item.read_bytes())
        for item in folder.iterdir()
        if item.name.endswith(YAML_SUFFIXES)
    )
