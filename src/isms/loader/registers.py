"""Evidence registers (`evidence/**/evidence.yaml`) to evidence items; unsafe paths refused."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from isms.findings import Pointer
from isms.loader.discover import leaves
from isms.loader.revisions import outline_register
from isms.loader.sources import Reader, error
from isms.model.config import ConfigDoc
from isms.model.evidence import (
    CLASS_ORDER,
    EVERY_PERIOD,
    Classification,
    EvidenceDefaults,
    EvidenceItemDoc,
    EvidenceRegisterDoc,
    EvidenceSeriesDoc,
)
from isms.model.repository import EvidenceItem, EvidenceSeries

#: No file name the tool reads holds a control character; NUL cannot even reach the operating system.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _safe_evidence_path(register: str, raw: str) -> tuple[str | None, str | None]:
    """Return the path relative to `evidence/`, or a reason to refuse it."""
    if _CONTROL.search(raw):
        return None, f"evidence path {raw!r} holds a control character (such as NUL); write the file's name"
    if "\\" in raw:
        return None, f"evidence path `{raw}` uses `\\`; write `/`"
    if raw.startswith(("/", "~")):  # absolute (as PurePosixPath.is_absolute() says), or a home folder
        return None, f"evidence path `{raw}` is absolute; write it relative to {posixpath.dirname(register)}/"
    if ".." in raw.split("/"):  # a `..` part (PurePosixPath's parts keep `..`, only drop `.` and empty ones)
        return None, f"evidence path `{raw}` leaves its folder with `..`; keep evidence files under evidence/"
    folder = posixpath.dirname(register).removeprefix("evidence").lstrip("/")
    return posixpath.normpath(posixpath.join(folder, raw)) if folder else posixpath.normpath(raw), None


def _refusal_ja(raw: str, what: str, relative_to: str, inside: str) -> str:
    """Say in Japanese why `_safe_evidence_path` or `safe_store_ref` refuses a path (the same cases)."""
    if _CONTROL.search(raw):
        return f"{what} {raw!r} に制御文字（NUL など）があります。ファイル名を書いてください"
    if "\\" in raw:
        return f"{what} {raw} に \\ が使われています。/ で書いてください"
    if raw.startswith(("/", "~")):
        return f"{what} {raw} は絶対パスです。{relative_to} からの相対パスで書いてください"
    return f"{what} {raw} は .. で外に出ます。{inside}"


def _evidence_refusal_ja(register: str, raw: str) -> str:
    folder = f"{posixpath.dirname(register)}/"
    return _refusal_ja(raw, "証跡のパス", folder, "証跡ファイルは evidence/ の下に置いてください")


def safe_store_ref(raw: str) -> str | None:
    """Return a reason to refuse a store `ref` that could leave its store, or None when it is safe."""
    if _CONTROL.search(raw):
        return f"store ref {raw!r} holds a control character (such as NUL); write the file's name"
    if "\\" in raw:
        return f"store ref `{raw}` uses `\\`; write `/`"
    pure = PurePosixPath(raw)
    if pure.is_absolute() or raw.startswith("~"):
        return f"store ref `{raw}` is absolute; write it relative to the store's root"
    if ".." in pure.parts:
        return f"store ref `{raw}` leaves the store with `..`; write the path inside the store"
    return None


def must_be_in_store(config: ConfigDoc, classification: str) -> bool:
    """Return True when evidence of this class may not be committed to the repository."""
    limit = config.evidence.store_from
    return limit is not None and CLASS_ORDER.index(classification) >= CLASS_ORDER.index(limit)


def _store_item(
    reader: Reader, config: ConfigDoc, register: str, index: int, entry: EvidenceItemDoc, defaults: EvidenceDefaults
) -> EvidenceItem | None:
    """Return a store item, or None (with a finding) when its store is unknown or its ref unsafe."""
    store, ref = entry.store or "", entry.ref or ""
    if store not in config.stores:
        declared = ", ".join(sorted(config.stores)) or "none"
        reader.findings.append(
            error(
                "unknown-store",
                f"store `{store}` is not declared in isms.yaml `stores:` (declared: {declared}); "
                "declare it with its custodian, or fix the name",
                register,
                ("evidence", index, "store"),
                ja=f"保管庫 {store} は isms.yaml の stores: に定義されていません（定義済み: {declared}）。"
                "管理者とともに定義するか、名前を直してください",
            )
        )
        return None
    problem = safe_store_ref(ref)
    if problem is not None:
        ja = _refusal_ja(ref, "保管庫の参照", "保管庫のルート", "保管庫の中のパスを書いてください")
        reader.findings.append(error("path-escape", problem, register, ("evidence", index, "ref"), ja=ja))
        return None
    key = f"{store}:{posixpath.normpath(ref)}"
    classification = entry.class_ or defaults.class_ or "internal"
    return _item(entry, defaults, register, index, key, key, classification, store=store, ref=posixpath.normpath(ref))


def _item(
    entry: EvidenceItemDoc,
    defaults: EvidenceDefaults,
    register: str,
    index: int,
    path: str,
    file: str,
    classification: Classification,
    *,
    store: str | None = None,
    ref: str | None = None,
    signature: str | None = None,
) -> EvidenceItem:
    """Return the item an entry declares, with the register's defaults filled in."""
    return EvidenceItem(
        path=path,
        file=file,
        register=register,
        index=index,
        title=entry.title,
        date=entry.date,
        collected_by=entry.collected_by or defaults.collected_by,
        valid_for=entry.valid_for or defaults.valid_for,
        valid_until=entry.valid_until,
        classification=classification,
        sha256=entry.sha256,
        description=entry.description,
        store=store,
        ref=ref,
        signature=signature,
    )


def _series(reader: Reader, register: str, data: dict[str, object]) -> Iterator[EvidenceSeries]:
    raw = data.get("expects")
    if not isinstance(raw, list):
        return  # absent, or not a list: the register's own validation says so
    folder = posixpath.dirname(register).removeprefix("evidence").lstrip("/")
    for index, entry in enumerate(raw):
        doc = reader.part(register, EvidenceSeriesDoc, entry, ("expects", index))
        if doc is None:
            continue
        rel, problem = _safe_evidence_path(register, doc.path)
        if rel is None:
            ja = _evidence_refusal_ja(register, doc.path)
            reader.findings.append(error("path-escape", problem or "", register, ("expects", index, "path"), ja=ja))
            continue
        pattern = posixpath.join(folder, doc.path) if folder else doc.path
        yield EvidenceSeries(register, index, pattern, EVERY_PERIOD[doc.every], doc.since, doc.title)


def _declared_path(register: str, raw: object) -> str | None:
    """Return the evidence path an invalid entry names (relative to `evidence/`), if it names a safe one."""
    if not isinstance(raw, dict):
        return None
    path, store, ref = raw.get("path"), raw.get("store"), raw.get("ref")
    if isinstance(path, str):
        return _safe_evidence_path(register, path)[0]
    if isinstance(store, str) and isinstance(ref, str) and safe_store_ref(ref) is None:
        return f"{store}:{posixpath.normpath(ref)}"
    return None


def _register_entries(
    reader: Reader,
    register: str,
    series: list[EvidenceSeries] | None = None,
    invalid: dict[str, tuple[str, Pointer]] | None = None,
) -> Iterator[tuple[int, EvidenceItemDoc, EvidenceDefaults]]:
    """Validate a register entry by entry, so that one bad entry hides no other.

    Series go to ``series``; the paths of entries that are declared but invalid go to ``invalid``
    (path -> register and pointer), so that a control citing one is not told it is undeclared.
    """
    data = reader.data(register)
    if data is None:
        return
    outline = outline_register(reader.texts[register], reader.outlines.get(register), data)
    if outline is not None:
        reader.registers[register] = outline
    if not isinstance(data, dict):
        reader.part(register, EvidenceRegisterDoc, data, ())
        return
    entries = data.get("evidence", [])
    if series is not None:
        series.extend(_series(reader, register, data))
    rest = {k: v for k, v in data.items() if k != "evidence" and not (k == "expects" and isinstance(v, list))}
    # The entries' model first: the register's validator then takes its schema instead of making it again.
    EvidenceItemDoc.model_rebuild()
    head = reader.part(register, EvidenceRegisterDoc, rest, ())
    if not isinstance(entries, list):
        reader.findings.append(
            error(
                "invalid-value",
                "`evidence` must be a list of entries, each starting with `- path:`",
                register,
                ("evidence",),
                ja="evidence は - path: で始まる項目のリストにしてください",
            )
        )
        return
    defaults = head.defaults if head is not None else EvidenceDefaults()
    for index, raw in enumerate(entries):
        entry = reader.part(register, EvidenceItemDoc, raw, ("evidence", index))
        if entry is not None:
            yield index, entry, defaults
        elif invalid is not None and (declared := _declared_path(register, raw)) is not None:
            invalid.setdefault(declared, (register, ("evidence", index)))


def load_evidence(
    reader: Reader,
    root: Path,
    registers: list[str],
    on_disk: frozenset[str],
    config: ConfigDoc,
    series: list[EvidenceSeries] | None = None,
    invalid: dict[str, tuple[str, Pointer]] | None = None,
) -> dict[str, EvidenceItem]:
    """Return every declared evidence item by its path (a store item by ``store:ref``).

    Series go to ``series``; entries that are declared but invalid go to ``invalid`` (path -> where).
    """
    out = reader.findings
    items: dict[str, EvidenceItem] = {}
    folded: dict[str, str] = {}  # case-folded path -> the path first declared so
    for register in registers:
        for index, entry, defaults in _register_entries(reader, register, series, invalid):
            if entry.path is None:
                stored = _store_item(reader, config, register, index, entry, defaults)
                if stored is not None and stored.path in items:
                    out.append(
                        error(
                            "duplicate-id",
                            f"evidence `{stored.path}` is already declared in {items[stored.path].register}; "
                            "declare each file once",
                            register,
                            ("evidence", index, "ref"),
                            ja=(
                                f"証跡 {stored.path} は既に {items[stored.path].register} で登録されています"
                                "（各ファイルは1回だけ登録してください）"
                            ),
                        )
                    )
                elif stored is not None:
                    items[stored.path] = stored
                continue
            here: tuple[str | int, ...] = ("evidence", index, "path")
            rel, problem = _safe_evidence_path(register, entry.path)
            if rel is None:
                ja = _evidence_refusal_ja(register, entry.path)
                out.append(error("path-escape", problem or "", register, here, ja=ja))
                continue
            file = f"evidence/{rel}"
            twin = folded.setdefault(rel.casefold(), rel)
            if twin != rel:
                out.append(
                    error(
                        "duplicate-id",
                        f"evidence `{rel}` differs from `{twin}` only in letter case: on Windows and macOS they are "
                        "one file; rename one",
                        register,
                        here,
                        ja=f"証跡 {rel} と {twin} は大文字・小文字だけが違います（Windows・macOS では同じファイル）。"
                        "どちらかの名前を変えてください",
                    )
                )
                continue
            if rel in items:
                out.append(
                    error(
                        "duplicate-id",
                        f"evidence `{rel}` is already declared in {items[rel].register}; declare each file once",
                        register,
                        here,
                        ja=f"証跡 {rel} は既に {items[rel].register} で登録されています（各ファイルは1回だけ登録して"
                        "ください）",
                    )
                )
                continue
            # Files found on disk were vetted by discover(); only a path through a symlinked folder can lead out.
            if rel not in on_disk and (reader.tree.leaves(file) if reader.tree else leaves(root, root / file)):
                out.append(
                    error(
                        "path-escape",
                        f"evidence `{rel}` leads outside the repository through a symlink; "
                        "copy the file into evidence/",
                        register,
                        here,
                        ja=f"証跡 {rel} はシンボリックリンクを通じてリポジトリの外を指しています。"
                        "ファイルを evidence/ にコピーしてください",
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
                        ja=f"証跡ファイル {file} がありません（ファイルを追加するか登録を削除してください）",
                    )
                )
            classification = entry.class_ or defaults.class_ or "internal"
            if must_be_in_store(config, classification):
                out.append(
                    error(
                        "evidence-not-in-store",
                        f"{file} is `{classification}` evidence, which must not be committed to the repository "
                        f"(isms.yaml `evidence.store_from: {config.evidence.store_from}`); move it to a store: "
                        f"copy it to the store, `git rm {file}`, replace `path:` by `store:` and `ref:` "
                        "(declare the store in isms.yaml `stores:`), and run `isms evidence verify` inside the zone",
                        register,
                        here,
                        ja=f"{file} は {classification} の証跡で、リポジトリにコミットできません"
                        f"（isms.yaml evidence.store_from: {config.evidence.store_from}）。保管庫に移してください: "
                        f"保管庫にコピーし、git rm {file} を実行し、path: を store: と ref: に置き換え"
                        "（保管庫は isms.yaml の stores: に定義）、ゾーンの中で isms evidence verify を実行します",
                    )
                )
            items[rel] = _item(entry, defaults, register, index, rel, file, classification, signature=entry.signature)
    return items
