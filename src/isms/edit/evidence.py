"""`isms evidence add` and `refresh`: record an evidence file and link it to controls.

Each function plans the full new content of every file it touches and returns
it; nothing is written here. The command validates the plan and writes it with
:func:`isms.edit.roundtrip.write_all`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from isms.edit import roundtrip
from isms.errors import IsmsError, UsageError
from isms.gather.hashing import sha256_file
from isms.loader.discover import REGISTER_NAME
from isms.model.refs import RefIndex
from isms.model.repository import Control, Repository
from isms.signing import ssh
from isms.signing.allowed import require_key_of
from isms.signing.messages import evidence_message


@dataclass(frozen=True, slots=True)
class Metadata:
    """What `evidence add` records besides the path and hash."""

    date: dt.date
    title: str | None = None
    title_en: str | None = None
    valid_for: str | None = None
    classification: str | None = None
    collected_by: str | None = None
    sign: Path | None = None
    """A private key (or a public key in ssh-agent) of the collector, to sign the item with."""


@dataclass
class Plan:
    """Files to write (absolute path -> full content) and what to tell the user."""

    changes: dict[Path, str] = field(default_factory=dict)
    messages: list[tuple[str, str]] = field(default_factory=list)
    """What was done, each line ``(ja, en)``: the command prints it in the terminal's language."""


def evidence_path(root: Path, file: Path) -> str:
    """Return ``file`` relative to ``evidence/`` (POSIX), or refuse a file outside it.

    Raises:
        UsageError: the file does not exist, is a register, or is not under ``evidence/``.
    """
    if not file.is_file():
        msg = f"{file}: no such file"
        ja = f"{file}: そのファイルはありません"
        raise UsageError(msg, ja=ja)
    folder = root / "evidence"
    try:
        rel = file.resolve().relative_to(folder)
    except ValueError:
        msg = (
            f"{file} is not inside {folder}; evidence lives in the repository: copy it there first, "
            f"e.g. `mkdir -p evidence/misc && cp {file} evidence/misc/`, then run the command on the copy"
        )
        ja = (
            f"{file} は {folder} の中にありません。証跡はリポジトリの中に置きます。先にコピーしてください。"
            f"例: `mkdir -p evidence/misc && cp {file} evidence/misc/` のあと、コピーに対してコマンドを実行します"
        )
        raise UsageError(msg, ja=ja) from None
    if rel.name == REGISTER_NAME:
        msg = f"{file} is an evidence register, not an evidence file"
        ja = f"{file} は証跡台帳で、証跡ファイルではありません"
        raise UsageError(msg, ja=ja)
    return rel.as_posix()


def _title(meta: Metadata, rel: str) -> str | CommentedMap:
    ja = meta.title or (None if meta.title_en else Path(rel).name)
    if meta.title_en is None:
        return ja or Path(rel).name
    title = CommentedMap()
    if ja is not None:
        title["ja"] = ja
    title["en"] = meta.title_en
    title.fa.set_flow_style()
    return title


def _entry(rel: str, meta: Metadata, digest: str) -> CommentedMap:
    entry = CommentedMap()
    entry["path"] = Path(rel).name
    entry["title"] = _title(meta, rel)
    entry["date"] = meta.date
    for key, value in (("collected_by", meta.collected_by), ("valid_for", meta.valid_for)):
        if value is not None:
            entry[key] = value
    if meta.classification is not None:
        entry["class"] = meta.classification
    entry["sha256"] = digest
    return entry


def _register_change(root: Path, rel: str, entry: CommentedMap) -> tuple[Path, str]:
    register = root / "evidence" / Path(rel).parent / REGISTER_NAME
    if not register.exists():
        return register, roundtrip.new_document({"evidence": [entry]})
    doc = roundtrip.read(register)
    items = doc.data.get("evidence")
    if items is None:
        doc.data["evidence"] = CommentedSeq([entry])
    elif isinstance(items, list):
        items.append(entry)
    else:
        msg = f"{register}: `evidence` is not a list; fix the register first"
        ja = f"{register}: `evidence` がリストではありません。先に台帳を直してください"
        raise IsmsError(msg, ja=ja)
    return register, roundtrip.render(doc)


def _signature(repo: Repository, key: Path, claim: dict[str, str | None]) -> LiteralScalarString:
    """Return the collector's signature over the claim, refusing a key that is not theirs.

    Raises:
        UsageError: there is no `collected_by`, or the key is not one of that owner's `ssh_keys`.
    """
    collector = claim["collected_by"]
    if not collector:
        msg = "a signed item needs `collected_by` (the owner who signs it): pass --collected-by OWNER"
        ja = "署名する証跡には `collected_by`（署名する責任者）が必要です。--collected-by OWNER を指定してください"
        raise UsageError(msg, ja=ja)
    require_key_of(
        repo.config,
        key,
        collector,
        who=f"`{collector}`",
        advice="the collector signs with",
        who_ja=f"`{collector}`",
        advice_ja="収集者が署名してください",
    )
    signature: LiteralScalarString = LiteralScalarString(ssh.sign(evidence_message(claim), key, ssh.EVIDENCE_NAMESPACE))
    return signature


def _defaults(root: Path, rel: str) -> dict[str, str]:
    register = root / "evidence" / Path(rel).parent / REGISTER_NAME
    if not register.exists():
        return {}
    defaults = roundtrip.read(register).data.get("defaults")
    return {str(k): str(v) for k, v in defaults.items()} if isinstance(defaults, dict) else {}


def find_controls(repo: Repository, refs: Sequence[str]) -> list[Control]:
    """Resolve requirement references (`A.5.15`, `iso27001-2022:A.5.15`) to existing control files.

    Raises:
        UsageError: a reference is unknown, ambiguous, or its control file does not exist yet.
    """
    index = RefIndex(
        {fid: set(fw.requirements) for fid, fw in repo.frameworks.items()},
        repo.config.frameworks,
        {fid: fw.info.id_prefix for fid, fw in repo.frameworks.items()},
    )
    controls = []
    for ref in refs:
        key, problem = index.resolve_both(ref)
        if key is None:
            english, japanese = problem or (ref, ref)
            raise UsageError(english, ja=japanese)
        control = repo.controls.get(key)
        if control is None:
            msg = f"`{ref}` has no control file yet; create it with `isms control new {key[0]} {key[1]}`"
            ja = f"`{ref}` の管理策ファイルはまだありません。`isms control new {key[0]} {key[1]}` で作成してください"
            raise UsageError(msg, ja=ja)
        if control not in controls:
            controls.append(control)
    return controls


def _link(root: Path, control: Control, rel: str, plan: Plan) -> None:
    path = root / control.path
    doc = roundtrip.read(path)
    listed = doc.data.get("evidence")
    if listed is None:
        doc.data["evidence"] = CommentedSeq([rel])
    elif not isinstance(listed, list):
        msg = f"{control.path}: `evidence` is not a list; fix the control first"
        ja = f"{control.path}: `evidence` がリストではありません。先に管理策を直してください"
        raise IsmsError(msg, ja=ja)
    elif rel in listed:
        plan.messages.append((f"{control.path} には {rel} がすでにあります", f"{control.path} already lists {rel}"))
        return
    else:
        listed.append(rel)
    plan.changes[path] = roundtrip.render(doc)
    plan.messages.append((f"{control.path} から参照しました", f"linked from {control.path}"))


def plan_add(repo: Repository, file: Path, refs: Sequence[str], meta: Metadata) -> Plan:
    """Plan recording ``file`` in its folder's register and linking it from the controls ``refs``.

    Raises:
        UsageError: the file is outside `evidence/` or already declared; a control is unknown.
    """
    root = repo.root
    rel = evidence_path(root, file)
    if rel in repo.evidence:
        msg = (
            f"evidence/{rel} is already declared in {repo.evidence[rel].register}; "
            f"to cite it from more controls run `isms evidence link {file} --for {' '.join(refs)}`; "
            f"to record a new version of it run `isms evidence refresh {file}`"
        )
        ja = (
            f"evidence/{rel} は {repo.evidence[rel].register} で登録済みです。"
            f"ほかの管理策からも参照するには `isms evidence link {file} --for {' '.join(refs)}` を、"
            f"新しい版を記録するには `isms evidence refresh {file}` を実行してください"
        )
        raise UsageError(msg, ja=ja)
    controls = find_controls(repo, refs)
    digest = sha256_file(file)
    entry = _entry(rel, meta, digest)
    if meta.sign is not None:
        defaults = _defaults(root, rel)
        claim = {
            "path": f"evidence/{rel}",
            "sha256": digest,
            "date": meta.date.isoformat(),
            "class": meta.classification or defaults.get("class") or "internal",
            "collected_by": meta.collected_by or defaults.get("collected_by"),
        }
        entry["signature"] = _signature(repo, meta.sign, claim)
    register, content = _register_change(root, rel, entry)
    plan = Plan({register: content})
    where = register.relative_to(root).as_posix()
    plan.messages.append(
        (
            f"evidence/{rel}（sha256 {digest[:12]}…）を {where} に記録しました",
            f"recorded evidence/{rel} (sha256 {digest[:12]}…) in {where}",
        )
    )
    for control in controls:
        _link(root, control, rel, plan)
    return plan


def plan_refresh(repo: Repository, file: Path, date: dt.date, sign: Path | None = None) -> Plan:
    """Plan recording a new version of a declared evidence file: its new sha256 and date.

    Raises:
        UsageError: the file is not declared (use `evidence add`).
    """
    root = repo.root
    rel = evidence_path(root, file)
    item = repo.evidence.get(rel)
    if item is None:
        msg = (
            f"evidence/{rel} is not declared in any {REGISTER_NAME}; record it with `isms evidence add {file} --for …`"
        )
        ja = (
            f"evidence/{rel} はどの {REGISTER_NAME} にも登録されていません。"
            f"`isms evidence add {file} --for …` で記録してください"
        )
        raise UsageError(msg, ja=ja)
    register = root / item.register
    doc = roundtrip.read(register)
    entry = doc.data["evidence"][item.index]
    digest = sha256_file(file)
    roundtrip.replace(entry, "date", date)
    roundtrip.replace(entry, "sha256", digest)
    messages: list[tuple[str, str]] = []
    if sign is not None:
        claim = {
            "path": item.file,
            "sha256": digest,
            "date": date.isoformat(),
            "class": item.classification,
            "collected_by": item.collected_by,
        }
        entry["signature"] = _signature(repo, sign, claim)
        messages.append((f"{item.collected_by} として署名しました", f"signed as {item.collected_by}"))
    elif "signature" in entry:
        del entry["signature"]
        messages.append(
            (
                "古い署名を削除しました（前のハッシュに対する署名でした）。--sign KEY で署名してください",
                "removed the old signature (it covered the previous hash); sign with --sign KEY",
            )
        )
    plan = Plan({register: roundtrip.render(doc)})
    plan.messages.append(
        (
            f"evidence/{rel} を更新しました: 日付 {date}、sha256 {digest[:12]}…（{item.register}）",
            f"refreshed evidence/{rel}: date {date}, sha256 {digest[:12]}… in {item.register}",
        )
    )
    plan.messages.extend(messages)
    if "valid_until" in entry:
        plan.messages.append(
            (
                f"注記: `valid_until: {entry['valid_until']}` は変わっていません。必要なら更新してください",
                f"note: `valid_until: {entry['valid_until']}` is unchanged; update it if needed",
            )
        )
    return plan
