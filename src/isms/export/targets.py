"""Where an output command may write: checked before anything is computed or written.

A file target must not be a folder nor lie under a file; a folder target must not be a file.
Inside an ISMS (``root``), a file the tool reads (``isms.yaml``, ``mkdocs.yml``, anything in a
source folder) is never written over, and a new file in a source folder needs ``--force``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from isms.errors import UsageError

#: The folders whose files make up the ISMS; outputs stay out of them unless forced.
SOURCE_DIRS = ("controls", "policies", "evidence", "catalogs", "assets", "risks", "exceptions", "attestations")
#: Files at the root that the tool reads.
SOURCE_FILES = ("isms.yaml", "mkdocs.yml")


def _under_a_file(path: Path) -> Path | None:
    for parent in path.absolute().parents:
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def _protected(root: Path, path: Path) -> bool:
    """Return True when ``path`` is a file the ISMS at ``root`` reads, or lies in one of its source folders."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    parts = rel.parts
    return bool(parts) and (parts[0] in SOURCE_DIRS or (len(parts) == 1 and parts[0] in SOURCE_FILES))


def check_file_target(path: Path, option: str = "--out") -> None:
    """Refuse a file target that is a folder or lies under a file.

    Raises:
        UsageError: naming the option and what to give instead.
    """
    if path.is_dir():
        msg = f"{option} {path}: is a folder; give a file name (e.g. {option} {path / 'soa.xlsx'})"
        ja = f"{option} {path}: フォルダです。ファイル名を指定してください（例: {option} {path / 'soa.xlsx'}）"
        raise UsageError(msg, ja=ja)
    if path.exists() and not path.is_file():
        msg = f"{option} {path}: is not a regular file (a device, FIFO or socket); give a file name"
        ja = f"{option} {path}: 通常のファイルではありません（デバイス、FIFO、ソケット）。ファイル名を指定してください"
        raise UsageError(msg, ja=ja)
    blocker = _under_a_file(path)
    if blocker is not None:
        msg = f"{option} {path}: {blocker} is a file, not a folder; give a path in a folder"
        ja = f"{option} {path}: {blocker} はファイルで、フォルダではありません。フォルダの中のパスを指定してください"
        raise UsageError(msg, ja=ja)


def check_folder_target(path: Path, option: str = "--out") -> None:
    """Refuse a folder target that is a file or lies under a file.

    Raises:
        UsageError: naming the option and what to give instead.
    """
    if path.exists() and not path.is_dir():
        msg = f"{option} {path}: is a file; give a folder to write into"
        ja = f"{option} {path}: ファイルです。書き出し先のフォルダを指定してください"
        raise UsageError(msg, ja=ja)
    blocker = _under_a_file(path)
    if blocker is not None:
        msg = f"{option} {path}: {blocker} is a file, not a folder; give a folder"
        ja = f"{option} {path}: {blocker} はファイルで、フォルダではありません。フォルダを指定してください"
        raise UsageError(msg, ja=ja)


def check_not_sources(root: Path, paths: Iterable[Path], *, force: bool, option: str = "--out") -> None:
    """Refuse to write over a file the ISMS reads (always) or into its source folders (unless ``force``).

    Raises:
        UsageError: naming the first path refused.
    """
    for path in paths:
        if not _protected(root, path):
            continue
        if path.exists():
            msg = (
                f"{option} {path}: it is a file of the ISMS at {root}, which isms reads; "
                "refusing to write over it (choose another file)"
            )
            ja = (
                f"{option} {path}: {root} の ISMS のファイルで、isms が読み込むものです。"
                "上書きはしません（別のファイルを指定してください）"
            )
            raise UsageError(msg, ja=ja)
        if not force:
            msg = (
                f"{option} {path}: it lies in a source folder of the ISMS at {root}; "
                "choose a folder outside controls/, evidence/, policies/ and the other source folders, "
                "or pass --force to write it there"
            )
            ja = (
                f"{option} {path}: {root} の ISMS のソースフォルダの中です。"
                "controls/、evidence/、policies/ などのソースフォルダの外を指定するか、"
                "そこに書き出すなら --force を付けてください"
            )
            raise UsageError(msg, ja=ja)
