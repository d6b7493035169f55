"""`isms evidence link` and `unlink`: cite declared evidence from more controls, or stop citing it.

Like the other edits, each function plans the full new content of every control file it touches
(comments and layout kept by :mod:`isms.edit.roundtrip`); nothing is written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedSeq

from isms.edit import roundtrip
from isms.edit.evidence import Plan, find_controls
from isms.errors import IsmsError, UsageError
from isms.loader.discover import REGISTER_NAME
from isms.model.repository import Control, Repository


def declared_path(repo: Repository, file: Path | str) -> str:
    """Return the register key of declared evidence given as a file, a path under `evidence/`, or `store:ref`.

    Raises:
        UsageError: it is not declared in any register (record it with `isms evidence add`).
    """
    text = str(file)
    candidates = [text.removeprefix("evidence/"), Path(text).as_posix().removeprefix("evidence/")]
    for base in (Path(text), repo.root / text):
        try:
            candidates.append(base.resolve().relative_to(repo.root / "evidence").as_posix())
        except ValueError:
            continue
    for candidate in candidates:
        if candidate in repo.evidence:
            return candidate
    msg = (
        f"{text} is not declared in any {REGISTER_NAME}; record it first with "
        f"`isms evidence add {text} --for CONTROL…`, which also links it"
    )
    ja = (
        f"{text} はどの {REGISTER_NAME} にも登録されていません。"
        f"先に `isms evidence add {text} --for CONTROL…` で記録してください（参照も追加されます）"
    )
    raise UsageError(msg, ja=ja)


def _evidence_list(control: Control, root: Path) -> tuple[roundtrip.RoundTripDoc, CommentedSeq | None]:
    doc = roundtrip.read(root / control.path)
    listed = doc.data.get("evidence")
    if listed is not None and not isinstance(listed, CommentedSeq):
        msg = f"{control.path}: `evidence` is not a list; fix the control first"
        ja = f"{control.path}: `evidence` がリストではありません。先に管理策を直してください"
        raise IsmsError(msg, ja=ja)
    return doc, listed


def plan_link(repo: Repository, file: Path | str, refs: Sequence[str]) -> Plan:
    """Plan citing declared evidence from the controls ``refs`` (those that cite it already are left alone).

    Raises:
        UsageError: the evidence is not declared, or a control is unknown or has no file yet.
    """
    rel = declared_path(repo, file)
    plan = Plan()
    for control in find_controls(repo, refs):
        doc, listed = _evidence_list(control, repo.root)
        if listed is not None and rel in listed:
            plan.messages.append((f"{control.path} には {rel} がすでにあります", f"{control.path} already lists {rel}"))
            continue
        if listed is None:
            doc.data["evidence"] = CommentedSeq([rel])
        else:
            listed.append(rel)
        plan.changes[repo.root / control.path] = roundtrip.render(doc)
        plan.messages.append((f"{rel} を {control.path} から参照しました", f"linked {rel} from {control.path}"))
    return plan


def plan_unlink(repo: Repository, file: Path | str, refs: Sequence[str]) -> Plan:
    """Plan removing declared evidence from the `evidence` lists of the controls ``refs``.

    The evidence stays declared in its register; a control that does not cite it is reported.

    Raises:
        UsageError: the evidence is not declared, or a control is unknown or has no file yet.
    """
    rel = declared_path(repo, file)
    plan = Plan()
    for control in find_controls(repo, refs):
        doc, listed = _evidence_list(control, repo.root)
        if listed is None or rel not in listed:
            plan.messages.append((f"{control.path} には {rel} がありません", f"{control.path} does not list {rel}"))
            continue
        while rel in listed:
            roundtrip.delete_item(listed, listed.index(rel))
        plan.changes[repo.root / control.path] = roundtrip.render(doc)
        plan.messages.append((f"{rel} を {control.path} の参照から外しました", f"unlinked {rel} from {control.path}"))
    if not plan.changes:
        plan.messages.append(("変更はありません", "nothing changed"))
    return plan
