"""Walk the repository layout and list its source files; refuse paths that leave the root."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from isms.errors import UsageError
from isms.files import SUBMODULE_MODE, SYMLINK_MODE, Tree, is_regular, refusal
from isms.findings import Finding, Severity

CONFIG_FILE = "isms.yaml"
REGISTER_NAME = "evidence.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
#: The folders an ISMS is built from (with isms.yaml); `attestations` holds the evidence stores' proofs.
ISMS_FOLDERS = (
    "controls",
    "policies",
    "evidence",
    "catalogs",
    "assets",
    "risks",
    "exceptions",
    "audits",
    "nonconformities",
    "management-reviews",
    "objectives",
    "suppliers",
    "attestations",
)
ISMS_PREFIXES = tuple(f"{folder}/" for folder in ISMS_FOLDERS)


def is_isms_path(path: str) -> bool:
    """Return True when a repository-relative path is part of the ISMS (isms.yaml or a file in its folders).

    An uncommitted change counts only there: a change to the README or to CI files leaves every
    figure as the commit says, a change to a control or an evidence file does not.
    """
    return path == CONFIG_FILE or path.startswith(ISMS_PREFIXES)


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
    audits: list[str] = field(default_factory=list)
    nonconformities: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    suppliers: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def require_root(root: Path) -> Path:
    """Return the absolute root, or raise UsageError when it is not an ISMS repository."""
    if not root.is_dir():
        msg = f"{root}: no such directory; pass the ISMS repository with --root"
        ja = f"{root}: そのフォルダはありません。--root に ISMS リポジトリを指定してください"
        if root.exists():
            msg = f"--root {root}: is a file, not a folder; pass the folder of the ISMS repository"
            ja = f"--root {root}: ファイルです。ISMS リポジトリのフォルダを指定してください"
        raise UsageError(msg, ja=ja)
    if not (root / CONFIG_FILE).is_file():
        msg = f"{root}: not an ISMS repository (no {CONFIG_FILE}); run `isms init DIR` to create one, or pass --root"
        ja = (
            f"{root}: ISMS リポジトリではありません（{CONFIG_FILE} がありません）。`isms init DIR` で作成するか、"
            "--root を指定してください"
        )
        raise UsageError(msg, ja=ja)
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
    except (OSError, RuntimeError, ValueError):  # a loop, or a NUL byte in the name
        return False
    return not resolved.is_relative_to(root)


def _walk(root: Path, top: str, findings: list[Finding], tree: Tree | None = None) -> list[str]:
    """List files under ``root/top`` (or in ``tree``), sorted, not following symlinked folders.

    Plain strings and ``os.scandir`` keep this cheap for 100,000 evidence files; only
    symlinks are resolved, and those leading out of the repository are refused.
    """
    if tree is not None:
        return _walk_tree(tree, top, findings)
    base = root / top
    if not base.exists() and not base.is_symlink():
        return []
    if not base.is_dir():
        findings.append(_not_a_folder(top))
        return []
    found: list[str] = []
    folders = [top]
    while folders:  # depth first, files of a folder before its subfolders, each sorted (as os.walk)
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(root / folder), key=lambda entry: entry.name)
        except OSError as exc:  # nothing in it is read: that must not pass as an empty folder
            findings.append(
                Finding(
                    "unreadable",
                    Severity.ERROR,
                    f"cannot list the folder ({exc.strerror}); make it readable, or nothing in it is checked",
                    folder,
                    message_ja=f"フォルダーの一覧を読めません（{exc.strerror}）。読めるようにしてください（読めないと中のファイルは検査されません）",
                )
            )
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
            elif entry.is_file(follow_symlinks=False):
                found.append(rel)
            else:
                findings.append(_not_regular(rel, entry.stat(follow_symlinks=False).st_mode))
        folders.extend(reversed(subfolders))
    return found


def _walk_order(rel: str) -> tuple[tuple[int, str], ...]:
    """Sort key of the disk walk: in each folder its files (sorted) before its subfolders (sorted)."""
    parts = rel.split("/")
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


def _walk_tree(tree: Tree, top: str, findings: list[Finding]) -> list[str]:
    """List the files of a git tree under ``top`` in the order of the disk walk, refusing what a walk refuses.

    A symlink (mode 120000) is followed inside the tree as on disk; a submodule (160000) is not
    a file of this repository.
    """
    if top in tree.files:
        findings.append(_not_a_folder(top))
        return []
    found: list[str] = []
    prefix = f"{top}/"
    inside_top = [rel for rel in tree.files if rel.startswith(prefix)]
    for rel in sorted(inside_top, key=_walk_order):
        if any(part.startswith(".") for part in rel[len(prefix) :].split("/")):
            continue
        entry = tree.files[rel]
        if entry.mode == SUBMODULE_MODE:
            findings.append(
                Finding(
                    "unreadable",
                    Severity.ERROR,
                    "is a git submodule, not a regular file; isms reads regular files only: replace it with the files",
                    rel,
                    message_ja=(
                        "git のサブモジュールで、通常のファイルではありません"
                        "（isms は通常のファイルだけを読みます）。中のファイルに置き換えてください"
                    ),
                )
            )
        elif entry.mode != SYMLINK_MODE:
            found.append(rel)
        else:
            kind, _ = tree.resolve(rel)
            if kind == "file":
                found.append(rel)
            elif kind != "folder":
                findings.append(_tree_escape(tree, rel, kind))
    return found


def _tree_escape(tree: Tree, rel: str, kind: str) -> Finding:
    """Report a symlink of a git tree that leaves the repository or cannot be followed (as :func:`_escape`)."""
    return _link_finding(rel, tree.link_target(rel), leaves=kind == "leaves")


def _not_a_folder(top: str) -> Finding:
    message = f"{top} is not a folder; isms reads the {top}/ folder"
    ja = f"{top} はフォルダーではありません（isms は {top}/ フォルダーを読みます）"
    return Finding("unreadable", Severity.ERROR, message, top, message_ja=ja)


def _link_finding(rel: str, target: str, *, leaves: bool) -> Finding:
    """A symlink that leaves the repository (`path-escape`), or one that cannot be followed."""
    if not leaves:
        return Finding(
            "unreadable",
            Severity.ERROR,
            f"symlink is broken ({target} cannot be followed); replace it with the file itself",
            rel,
            message_ja=(
                f"シンボリックリンクが壊れています（{target} をたどれません）。ファイルそのものに置き換えてください"
            ),
        )
    return Finding(
        "path-escape",
        Severity.ERROR,
        f"symlink points outside the repository ({target}); copy the file into the repository instead",
        rel,
        message_ja=f"シンボリックリンクがリポジトリの外（{target}）を指しています。ファイルをリポジトリにコピーしてください",
    )


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
        if is_regular(path):
            found.append(rel)
        else:
            findings.append(_not_regular(rel, path.stat().st_mode))
    else:
        findings.append(_escape(root, path))


def _not_regular(rel: str, mode: int) -> Finding:
    """Report a FIFO, socket or device node: reading it could block the run forever."""
    ja = "通常のファイルではありません（FIFO・ソケット・デバイスは読みません）。ファイルそのものに置き換えてください"
    return Finding("unreadable", Severity.ERROR, f"file {refusal(mode)}", rel, message_ja=ja)


def _yaml_files(paths: list[str], findings: list[Finding]) -> list[str]:
    """Keep the YAML files of a source folder; any other file there is a finding, never skipped silently."""
    kept = []
    for path in paths:
        if path.endswith(YAML_SUFFIXES):
            kept.append(path)
        elif path.lower().endswith(YAML_SUFFIXES):
            stem, suffix = path.rsplit(".", 1)
            findings.append(
                Finding(
                    "misplaced-file",
                    Severity.ERROR,
                    f"the suffix `.{suffix}` is not read (isms reads `.yaml` and `.yml`); "
                    f"rename the file to {stem.rsplit('/', 1)[-1]}.{suffix.lower()}",
                    path,
                    message_ja=f"拡張子 .{suffix} は読み込まれません（.yaml か .yml のみ）。"
                    f"ファイル名を {stem.rsplit('/', 1)[-1]}.{suffix.lower()} にしてください",
                )
            )
        else:
            findings.append(
                Finding(
                    "misplaced-file",
                    Severity.WARNING,
                    "not a YAML file, so isms does not read it; move it out of this folder (or give it `.yaml`)",
                    path,
                    message_ja=(
                        "YAML ファイルではないため読み込まれません（このフォルダーの外に移すか .yaml にしてください）"
                    ),
                )
            )
    return kept


def _escape(root: Path, path: Path) -> Finding:
    """Report a symlink that leaves the repository, or that cannot be followed (a loop, a missing target)."""
    return _link_finding(path.relative_to(root).as_posix(), os.readlink(path), leaves=leaves(root, path))


def discover(root: Path, tree: Tree | None = None) -> Sources:
    """Find catalogs, controls, policies, evidence registers and evidence files (on disk, or in ``tree``)."""
    sources = Sources(root)
    found = sources.findings
    sources.catalogs = _yaml_files(_walk(root, "catalogs", found, tree), found)
    sources.controls = _yaml_files(_walk(root, "controls", found, tree), found)
    sources.policies = _yaml_files(_walk(root, "policies", found, tree), found)
    sources.assets = _yaml_files(_walk(root, "assets", found, tree), found)
    sources.risks = _yaml_files(_walk(root, "risks", found, tree), found)
    sources.exceptions = _yaml_files(_walk(root, "exceptions", found, tree), found)
    sources.audits = _yaml_files(_walk(root, "audits", found, tree), found)
    sources.nonconformities = _yaml_files(_walk(root, "nonconformities", found, tree), found)
    sources.reviews = _yaml_files(_walk(root, "management-reviews", found, tree), found)
    sources.objectives = _yaml_files(_walk(root, "objectives", found, tree), found)
    sources.suppliers = _yaml_files(_walk(root, "suppliers", found, tree), found)
    for path in _walk(root, "evidence", found, tree):
        if path.rsplit("/", 1)[-1] == REGISTER_NAME:
            sources.registers.append(path)
        else:
            sources.evidence_files.append(path)
    return sources


def packaged_catalogs() -> list[tuple[str, bytes]]:
    """Return ``(name, content)`` of the catalogs shipped inside the package.

    An installed package is a folder, and they are read from there; ``importlib.resources``
    (with ``tempfile``, ``zipfile``…: about 4 % of `isms validate` on a small repository, to
    import) only for a package that is not one, such as a zip archive on ``sys.path``.
    """
    from isms import catalogs  # noqa: PLC0415 (a package of data files, imported when they are read)

    folder = Path(catalogs.__file__).parent
    if not folder.is_dir():
        from importlib import resources  # noqa: PLC0415 (see above)

        return sorted(
            (f"package:catalogs/{item.name}", item.read_bytes())
            for item in resources.files("isms.catalogs").iterdir()
            if item.name.endswith(YAML_SUFFIXES)
        )
    return sorted(
        (f"package:catalogs/{path.name}", path.read_bytes())
        for path in folder.iterdir()
        if path.name.endswith(YAML_SUFFIXES)
    )
